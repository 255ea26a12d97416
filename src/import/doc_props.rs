//! The tables of a .doc that say what its text is and how it is formatted (docs/import.md, "Word 97–2003 文档"):
//! the piece table (where each run of characters lies in the WordDocument stream, 8-bit or UTF-16), the
//! formatted-disk pages of paragraph and character properties (PAPX and CHPX FKPs) and the style sheet (STSH).
//! Each structure is bounds-checked; a bad offset is a damaged file, never a panic or a read past the stream.

use std::collections::HashMap;
use std::io::{Read, Seek};

use super::ImportError;
use super::doc_streams::{MAX_DOC_CHARS, Streams};

fn damaged(reason: impl Into<String>) -> ImportError {
    ImportError::DocDamaged {
        reason: reason.into(),
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// One piece: characters `cp_start..cp_end` stored from byte `fc`, one byte (cp1252) or two (UTF-16LE) each.
#[derive(Clone, Copy, Debug)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The piece table (PlcPcd in the CLX).
#[derive(Debug)]
pub(super) struct Pieces(Vec<Piece>);

impl Pieces {
    /// Parses the CLX: property groups (Prc, skipped) and then the piece table; every piece must lie inside the
    /// WordDocument stream of `word_len` bytes.
    pub fn parse(clx: &[u8], word_len: u64) -> Result<Pieces, ImportError> {
        let bad = |what: &str| damaged(format!("片段表（CLX）{what}"));
        let mut at = 0;
        while clx.get(at) == Some(&1) {
            let size = u16_at(clx, at + 1).ok_or_else(|| bad("不完整"))?;
            at += 3 + usize::from(size);
        }
        if clx.get(at) != Some(&2) {
            return Err(bad("缺少片段表"));
        }
        let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("不完整"))? as usize;
        let plc = clx
            .get(at + 5..)
            .and_then(|rest| rest.get(..lcb))
            .ok_or_else(|| bad("的长度超出表格流"))?;
        if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
            return Err(bad("的长度不对"));
        }
        let n = (lcb - 4) / 12;
        let mut pieces = Vec::with_capacity(n);
        for i in 0..n {
            let cp_start = u32_at(plc, i * 4).ok_or_else(|| bad("不完整"))?;
            let cp_end = u32_at(plc, (i + 1) * 4).ok_or_else(|| bad("不完整"))?;
            let pcd = (n + 1) * 4 + i * 8;
            let fc_raw = u32_at(plc, pcd + 2).ok_or_else(|| bad("不完整"))?;
            if cp_end <= cp_start || pieces.last().is_some_and(|p: &Piece| p.cp_end != cp_start) {
                return Err(bad("的字符位置不连续"));
            }
            let compressed = fc_raw & 0x4000_0000 != 0;
            let fc = fc_raw & 0x3FFF_FFFF;
            let (fc, width) = if compressed { (fc / 2, 1) } else { (fc, 2) };
            let end = u64::from(fc) + u64::from(cp_end - cp_start) * width;
            if end > word_len {
                return Err(damaged(format!(
                    "片段表指向 WordDocument 流之外（第 {} 段文字到字节 {end}，流长 {word_len}）",
                    i + 1
                )));
            }
            pieces.push(Piece {
                cp_start,
                cp_end,
                fc,
                compressed,
            });
        }
        Ok(Pieces(pieces))
    }

    /// How many characters the pieces hold.
    pub fn covered(&self) -> u32 {
        self.0.last().map_or(0, |p| p.cp_end)
    }

    /// Characters `from..to` as UTF-16 code units, each with its byte position in the WordDocument stream (where
    /// its properties are looked up). At most [`MAX_DOC_CHARS`] are read.
    pub fn text<F: Read + Seek>(
        &self,
        streams: &mut Streams<F>,
        from: u32,
        to: u32,
    ) -> Result<(Vec<u16>, Vec<u32>), ImportError> {
        let to = to.min(from.saturating_add(MAX_DOC_CHARS));
        let capacity = (to - from.min(to)) as usize;
        let mut units = Vec::with_capacity(capacity);
        let mut fcs = Vec::with_capacity(capacity);
        for piece in &self.0 {
            if piece.cp_start >= to {
                break;
            }
            if piece.cp_end <= from {
                continue;
            }
            let skip = from.saturating_sub(piece.cp_start);
            let count = piece.cp_end.min(to) - piece.cp_start - skip;
            let width = if piece.compressed { 1 } else { 2 };
            let first = piece.fc + skip * width;
            let bytes = streams.word_bytes(
                u64::from(first),
                u64::from(count) * u64::from(width),
                "片段表",
            )?;
            if piece.compressed {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                // cp1252 maps every byte to one BMP character, so the positions stay one byte apart.
                for (i, unit) in text.encode_utf16().enumerate() {
                    units.push(unit);
                    fcs.push(first + i as u32);
                }
            } else {
                for (i, pair) in bytes.chunks_exact(2).enumerate() {
                    units.push(u16::from_le_bytes([pair[0], pair[1]]));
                    fcs.push(first + 2 * i as u32);
                }
            }
        }
        Ok((units, fcs))
    }
}

/// Walks the property modifiers (Prl: a 2-byte sprm and its operand) of a grpprl; stops at the first that does
/// not fit.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let rest = grpprl.get(at + 2..)?;
        let (skip, len) = match sprm >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            // sprmTDefTable: a 2-byte size, one more than the bytes that follow it.
            _ if sprm == 0xD608 || sprm == 0xD606 => {
                (2, usize::from(u16_at(rest, 0)?).saturating_sub(1))
            }
            // sprmPChgTabs with 255: two lists of tab stops, sized by their counts.
            _ if sprm == 0xC615 && rest.first() == Some(&255) => {
                let deleted = usize::from(*rest.get(1)?);
                let added = usize::from(*rest.get(2 + deleted * 4)?);
                (1, 1 + deleted * 4 + 1 + added * 3)
            }
            _ => (1, usize::from(*rest.first()?)),
        };
        let operand = rest.get(skip..skip + len)?;
        at += 2 + skip + len;
        Some((sprm, operand))
    })
}

/// What a paragraph's properties say about its place in a table and in the outline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct ParaProps {
    /// Table depth: 0 outside tables, 1 in a table, 2 in a table inside a cell…
    pub depth: u32,
    /// The mark ends a row of the outermost table (a `\x07` with fTtp).
    pub row_end: bool,
    /// In a nested table: the paragraph mark ends a cell, or a row.
    pub inner_cell: bool,
    pub inner_row_end: bool,
    /// Outline level 0–8 of a heading, directly or through its style.
    pub outline: Option<u8>,
    /// Its automatic number, directly or through its style: the list (1-based, sprmPIlfo) and the level.
    pub list: Option<(u16, u8)>,
}

/// What a paragraph or a paragraph style sets itself; unset values come from the style (and its base styles).
#[derive(Clone, Copy, Debug, Default)]
struct Direct {
    outline: Option<u8>,
    list: Option<u16>,
    level: Option<u8>,
}

/// What a run of characters' properties say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct CharProps {
    /// A tracked deletion.
    pub deleted: bool,
    /// Hidden text.
    pub hidden: bool,
}

fn para_sprms(grpprl: &[u8], props: &mut ParaProps, direct: &mut Direct) {
    let mut in_table = false;
    for (sprm, operand) in sprms(grpprl) {
        let flag = operand.first().is_some_and(|&b| b != 0);
        match sprm {
            0x2416 => in_table = flag,
            0x2417 => props.row_end = flag,
            0x6649 => props.depth = u32_at(operand, 0).unwrap_or(0).min(64),
            0x244B => props.inner_cell = flag,
            0x244C => props.inner_row_end = flag,
            0x2640 => direct.outline = operand.first().copied(),
            0x460B => direct.list = u16_at(operand, 0),
            0x260A => direct.level = operand.first().copied(),
            _ => {}
        }
    }
    if in_table && props.depth == 0 {
        props.depth = 1;
    }
}

fn char_sprms(grpprl: &[u8], props: &mut CharProps) {
    for (sprm, operand) in sprms(grpprl) {
        let flag = operand.first().is_some_and(|&b| b == 1 || b == 0x81);
        match sprm {
            0x0800 => props.deleted = flag,
            0x083C => props.hidden = flag,
            _ => {}
        }
    }
}

/// The style sheet, as far as the outline goes: each style's own outline level, its built-in identifier and
/// the style it is based on.
#[derive(Debug, Default)]
pub(super) struct Styles(Vec<Option<Style>>);

#[derive(Clone, Copy, Debug)]
struct Style {
    sti: u16,
    base: u16,
    direct: Direct,
}

impl Styles {
    /// Parses what it can; a style sheet it cannot read gives no styles (text matters more than headings).
    pub fn parse(stsh: &[u8]) -> Styles {
        let mut styles = Vec::new();
        let Some(cb_stshi) = u16_at(stsh, 0).map(usize::from) else {
            return Styles(styles);
        };
        let (Some(count), Some(base_len)) = (u16_at(stsh, 2), u16_at(stsh, 4)) else {
            return Styles(styles);
        };
        let base_len = usize::from(base_len);
        let mut at = 2 + cb_stshi;
        for _ in 0..count {
            let Some(len) = u16_at(stsh, at).map(usize::from) else {
                break;
            };
            let entry = stsh.get(at + 2..at + 2 + len);
            at += 2 + len;
            styles.push(
                entry
                    .filter(|e| !e.is_empty())
                    .and_then(|e| Style::parse(e, base_len)),
            );
        }
        Styles(styles)
    }

    /// The styles from `istd` through its base styles (at most 16: a loop of bases ends there).
    fn chain(&self, istd: u16) -> impl Iterator<Item = Style> + '_ {
        let mut next = Some(istd);
        std::iter::from_fn(move || {
            let style = self.0.get(usize::from(next?)).copied().flatten()?;
            next = Some(style.base);
            Some(style)
        })
        .take(16)
    }

    /// A paragraph's outline level and list: what it sets itself, else what its style or a base style sets; a
    /// built-in 标题 1–9 (sti 1–9) is a heading of that level.
    fn resolve(&self, istd: u16, direct: Direct, props: &mut ParaProps) {
        let outline = direct.outline.or_else(|| {
            self.chain(istd).find_map(|style| {
                style
                    .direct
                    .outline
                    .or_else(|| (1..=9).contains(&style.sti).then(|| (style.sti - 1) as u8))
            })
        });
        props.outline = outline.filter(|&level| level < 9);
        let list = direct
            .list
            .or_else(|| self.chain(istd).find_map(|s| s.direct.list));
        let level = direct
            .level
            .or_else(|| self.chain(istd).find_map(|s| s.direct.level))
            .unwrap_or(0);
        // 0 is "no list"; 0xF801 and other values past 0x7FFF switch a style's numbering off.
        props.list = list
            .filter(|&n| n != 0 && n < 0x8000)
            .map(|n| (n, level.min(8)));
    }
}

impl Style {
    /// One STD: its fixed part (`base_len` bytes: sti, kind, base style…), its name, then its property groups.
    fn parse(entry: &[u8], base_len: usize) -> Option<Style> {
        let sti = u16_at(entry, 0)? & 0x0FFF;
        let word = u16_at(entry, 2)?;
        let kind = word & 0x000F;
        let base = word >> 4;
        let name_len = usize::from(u16_at(entry, base_len)?);
        let mut at = base_len + 2 + name_len * 2 + 2;
        at += at % 2;
        let mut direct = Direct::default();
        // A paragraph style's first property group is its paragraph properties: istd, then the grpprl.
        if kind == 1 {
            let size = usize::from(u16_at(entry, at)?);
            let papx = entry.get(at + 2..at + 2 + size)?;
            para_sprms(
                papx.get(2..).unwrap_or_default(),
                &mut ParaProps::default(),
                &mut direct,
            );
        }
        Some(Style { sti, base, direct })
    }
}

/// A bin table (PlcBtePapx or PlcBteChpx): which 512-byte page of the WordDocument stream holds the properties
/// of each range of byte positions.
#[derive(Debug)]
pub(super) struct Fkp {
    fcs: Vec<u32>,
    pages: Vec<u32>,
}

/// One run of a page: byte positions `start..end` and where its properties are in the page (0: none).
#[derive(Clone, Copy, Debug)]
struct Run {
    start: u32,
    end: u32,
    offset: usize,
}

/// Reads pages of a bin table on demand, each page at most once.
pub(super) struct FkpReader {
    fkp: Fkp,
    paragraphs: bool,
    pages: HashMap<u32, (Vec<u8>, Vec<Run>)>,
}

impl Fkp {
    pub fn parse_bte(plc: &[u8]) -> Result<Fkp, ImportError> {
        if plc.is_empty() {
            return Ok(Fkp {
                fcs: Vec::new(),
                pages: Vec::new(),
            });
        }
        if plc.len() < 12 || !(plc.len() - 4).is_multiple_of(8) {
            return Err(damaged("属性索引（PlcBte）的长度不对"));
        }
        let n = (plc.len() - 4) / 8;
        let fcs = (0..=n).filter_map(|i| u32_at(plc, i * 4)).collect();
        let pages = (0..n)
            .filter_map(|i| u32_at(plc, (n + 1) * 4 + i * 4).map(|pn| pn & 0x003F_FFFF))
            .collect();
        Ok(Fkp { fcs, pages })
    }

    pub fn reader(self, paragraphs: bool) -> FkpReader {
        FkpReader {
            fkp: self,
            paragraphs,
            pages: HashMap::new(),
        }
    }
}

impl FkpReader {
    /// The page and run holding byte position `fc`, if any.
    fn find<F: Read + Seek>(
        &mut self,
        streams: &mut Streams<F>,
        fc: u32,
    ) -> Result<Option<(&[u8], Run)>, ImportError> {
        let fcs = &self.fkp.fcs;
        let i = fcs.partition_point(|&start| start <= fc);
        if i == 0 || i >= fcs.len() {
            return Ok(None);
        }
        let pn = self.fkp.pages[i - 1];
        if !self.pages.contains_key(&pn) {
            // Pages are read in order, so a small cache is enough; it never grows past 2 MB.
            if self.pages.len() >= 4096 {
                self.pages.clear();
            }
            let page = streams.word_bytes(u64::from(pn) * 512, 512, "属性页（FKP）")?;
            let runs = page_runs(&page, self.paragraphs)?;
            self.pages.insert(pn, (page, runs));
        }
        let (page, runs) = &self.pages[&pn];
        let j = runs.partition_point(|r| r.start <= fc);
        Ok((j > 0 && fc < runs[j - 1].end).then(|| (page.as_slice(), runs[j - 1])))
    }

    /// The properties of the paragraph whose mark is at byte position `fc`.
    pub fn para_props<F: Read + Seek>(
        &mut self,
        streams: &mut Streams<F>,
        fc: u32,
        styles: &Styles,
    ) -> Result<ParaProps, ImportError> {
        let mut props = ParaProps::default();
        let Some((page, run)) = self.find(streams, fc)? else {
            return Ok(props);
        };
        if run.offset == 0 {
            styles.resolve(0, Direct::default(), &mut props);
            return Ok(props);
        }
        let papx = match page.get(run.offset) {
            Some(&0) => page
                .get(run.offset + 1)
                .and_then(|&cb| page.get(run.offset + 2..run.offset + 2 + 2 * usize::from(cb))),
            Some(&cb) => page.get(run.offset + 1..run.offset + 2 * usize::from(cb)),
            None => None,
        }
        .ok_or_else(|| damaged("段落属性页（PAPX）不完整"))?;
        let istd = u16_at(papx, 0).unwrap_or(0);
        let mut direct = Direct::default();
        para_sprms(papx.get(2..).unwrap_or_default(), &mut props, &mut direct);
        styles.resolve(istd, direct, &mut props);
        Ok(props)
    }

    /// The run of characters holding byte position `fc` (start, end) and its properties.
    pub fn char_run<F: Read + Seek>(
        &mut self,
        streams: &mut Streams<F>,
        fc: u32,
    ) -> Result<(u32, u32, CharProps), ImportError> {
        let mut props = CharProps::default();
        let Some((page, run)) = self.find(streams, fc)? else {
            return Ok((fc, fc + 1, props));
        };
        if run.offset != 0 {
            let chpx = page
                .get(run.offset)
                .and_then(|&cb| page.get(run.offset + 1..run.offset + 1 + usize::from(cb)))
                .ok_or_else(|| damaged("字符属性页（CHPX）不完整"))?;
            char_sprms(chpx, &mut props);
        }
        Ok((run.start, run.end, props))
    }
}

/// The runs of a 512-byte FKP page: `crun` in its last byte, `crun + 1` positions, then one entry per run
/// (13 bytes for paragraphs, 1 for characters) whose first byte is the word offset of its properties.
fn page_runs(page: &[u8], paragraphs: bool) -> Result<Vec<Run>, ImportError> {
    let crun = usize::from(page[511]);
    let entry = if paragraphs { 13 } else { 1 };
    if (crun + 1) * 4 + crun * entry > 511 {
        return Err(damaged("属性页（FKP）的条目数超出页面"));
    }
    Ok((0..crun)
        .filter_map(|j| {
            Some(Run {
                start: u32_at(page, j * 4)?,
                end: u32_at(page, (j + 1) * 4)?,
                offset: usize::from(page[(crun + 1) * 4 + j * entry]) * 2,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_walk_operands_of_every_size() {
        let grpprl = [
            0x16, 0x24, 1, // sprmPFInTable 1
            0x49, 0x66, 2, 0, 0, 0, // sprmPItap 2
            0x40, 0x26, 1, // sprmPOutLvl 1
            0x08, 0xD6, 3, 0, 9, 9, // sprmTDefTable, 2 bytes
            0x17, 0x24, 1, // sprmPFTtp 1
            0x16, 0x24, // cut short
        ];
        let seen: Vec<u16> = sprms(&grpprl).map(|(s, _)| s).collect();
        assert_eq!(seen, [0x2416, 0x6649, 0x2640, 0xD608, 0x2417]);
        let mut props = ParaProps::default();
        let mut direct = Direct::default();
        para_sprms(&grpprl, &mut props, &mut direct);
        assert_eq!(
            (props.depth, props.row_end, direct.outline),
            (2, true, Some(1))
        );
    }

    #[test]
    fn a_piece_outside_the_stream_is_damaged() {
        // One piece of 10 UTF-16 characters at byte 100 of a 110-byte stream.
        let mut clx = vec![2];
        clx.extend(16_u32.to_le_bytes());
        clx.extend(0_u32.to_le_bytes());
        clx.extend(10_u32.to_le_bytes());
        clx.extend([0, 0]);
        clx.extend(100_u32.to_le_bytes());
        clx.extend([0, 0]);
        let error = Pieces::parse(&clx, 110).expect_err("outside");
        assert!(
            error.to_string().contains("片段表指向 WordDocument 流之外"),
            "{error}"
        );
        assert!(Pieces::parse(&clx, 120).is_ok());
    }

    #[test]
    fn a_truncated_style_sheet_gives_no_styles() {
        assert!(Styles::parse(&[]).0.is_empty());
        let mut props = ParaProps::default();
        Styles::parse(&[2, 0, 9, 0]).resolve(3, Direct::default(), &mut props);
        assert_eq!(props, ParaProps::default());
    }
}
