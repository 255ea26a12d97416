//! Reads a Word 97–2003 .doc (docs/import.md, "Word 97–2003 文档"): the OLE compound file (the `cfb` crate) holds
//! the `WordDocument` stream (the FIB at its start, then the text) and the `0Table`/`1Table` stream (the piece table,
//! the paragraph and character properties, the styles). Only the main document is read: its first `ccpText`
//! characters; footnotes, headers, comments and text boxes follow them and stay out, as do tracked deletions and
//! hidden text. Every offset and count is checked against the stream before it is used, so a damaged or hostile
//! file is refused with its cause and never read past its streams or held in memory beyond the limits below.

use std::io::{Read, Seek};

use std::collections::HashMap;

use super::doc_lists;
use super::doc_props::{CharProps, Fkp, FkpReader, Pieces, Styles};
use super::doc_streams::{MAX_DOC_CHARS, Streams, read_range};
use super::doc_text::Builder;
use super::numbering::Numbering;
use super::{Block, ImportError};

/// The lists of a document take a few KB; more is not read (the numbers are a convenience, never a refusal).
const MAX_LISTS_BYTES: u64 = 1024 * 1024;
/// Word 97 and later (FibBase.nFib); Word 6.0/95 files have 101–105 and another layout.
const FIRST_WORD97_NFIB: u16 = 0x00C0;
/// FibBase flags (MS-DOC 2.5.2).
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TABLE: u16 = 0x0200;
const F_OBFUSCATED: u16 = 0x8000;
/// Places of the (fc, lcb) pairs used here in FibRgFcLcb97.
const STSHF: usize = 1;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;
const PLC_SPA_MOM: usize = 40;
const PLCF_TXBX_TXT: usize = 56;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

fn damaged(reason: impl Into<String>) -> ImportError {
    ImportError::DocDamaged {
        reason: reason.into(),
    }
}

/// The parts of the FIB used here.
struct Fib {
    ccp_text: u32,
    /// Where the text boxes' story starts (after the main document, footnotes, headers, comments and endnotes) and
    /// its length; none when the FIB is too short to say.
    text_boxes: Option<(u32, u32)>,
    /// (fc, lcb) of FibRgFcLcb97, by place.
    fc_lcb: Vec<(u32, u32)>,
    table_stream: &'static str,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

impl Fib {
    /// Reads the FIB, refusing an encrypted file, a Word 6.0/95 file and a FIB that does not fit.
    fn read(head: &[u8]) -> Result<Fib, ImportError> {
        let short = || damaged("文件头（FIB）不完整");
        if u16_at(head, 0).ok_or_else(short)? != 0xA5EC {
            return Err(damaged(
                "WordDocument 流的文件头标识不对，不是 Word 97-2003 文档",
            ));
        }
        let n_fib = u16_at(head, 2).ok_or_else(short)?;
        let flags = u16_at(head, 0x0A).ok_or_else(short)?;
        if flags & (F_ENCRYPTED | F_OBFUSCATED) != 0 {
            return Err(ImportError::Encrypted);
        }
        if n_fib < FIRST_WORD97_NFIB {
            return Err(ImportError::SaveAsDocx {
                kind: " Word 6.0/95 文档",
            });
        }
        let csw = usize::from(u16_at(head, 32).ok_or_else(short)?);
        let lw_at = 34 + csw * 2;
        let cslw = usize::from(u16_at(head, lw_at).ok_or_else(short)?);
        if cslw < 4 {
            return Err(short());
        }
        let ccp = |i: usize| u32_at(head, lw_at + 2 + i * 4);
        let ccp_text = ccp(3).ok_or_else(short)?;
        // ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn, then ccpTxbx.
        let text_boxes = if cslw > 9 {
            [3, 4, 5, 7, 8]
                .into_iter()
                .try_fold(0_u32, |sum, i| sum.checked_add(ccp(i)?))
                .zip(ccp(9))
        } else {
            None
        };
        let blob_at = lw_at + 2 + cslw * 4;
        let pairs = usize::from(u16_at(head, blob_at).ok_or_else(short)?);
        if pairs <= CLX {
            return Err(short());
        }
        let fc_lcb = (0..pairs.min(PLF_LFO + 1))
            .map(|i| {
                let at = blob_at + 2 + i * 8;
                Some((u32_at(head, at)?, u32_at(head, at + 4)?))
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(short)?;
        Ok(Fib {
            ccp_text,
            text_boxes,
            fc_lcb,
            table_stream: if flags & F_WHICH_TABLE != 0 {
                "1Table"
            } else {
                "0Table"
            },
        })
    }
}

/// The blocks of the .doc in `ole` (an opened compound file with a `WordDocument` stream).
pub(super) fn read<F: Read + Seek>(
    ole: &mut cfb::CompoundFile<F>,
) -> Result<Vec<Block>, ImportError> {
    let open_error = |name: &str, e: std::io::Error| damaged(format!("无法打开 {name} 流：{e}"));
    let word = ole
        .open_stream("/WordDocument")
        .map_err(|e| open_error("WordDocument", e))?;
    let word_len = word.len();
    let mut word = word;
    let head_len = word_len.min(4096);
    let head = read_range(
        &mut word,
        word_len,
        0,
        head_len,
        "WordDocument",
        "文件头（FIB）",
    )?;
    let fib = Fib::read(&head)?;
    if fib.ccp_text > MAX_DOC_CHARS {
        return Err(ImportError::DocTooLong {
            chars: u64::from(fib.ccp_text),
            limit: u64::from(MAX_DOC_CHARS),
        });
    }
    let table_path = format!("/{}", fib.table_stream);
    if !ole.is_stream(&table_path) {
        return Err(damaged(format!("缺少 {} 流", fib.table_stream)));
    }
    let table = ole
        .open_stream(&table_path)
        .map_err(|e| open_error(fib.table_stream, e))?;
    let table_len = table.len();
    let mut streams = Streams::new(word, word_len, table, table_len, fib.table_stream);
    let part = |streams: &mut Streams<F>, place: usize, what: &str| {
        let (fc, lcb) = fib.fc_lcb[place];
        streams.table_bytes(u64::from(fc), u64::from(lcb), what)
    };
    let clx = part(&mut streams, CLX, "片段表（CLX）")?;
    let pieces = Pieces::parse(&clx, word_len)?;
    let covered = pieces.covered();
    if fib.ccp_text > covered {
        return Err(damaged(format!(
            "正文应有 {} 个字符，片段表只有 {covered} 个",
            fib.ccp_text
        )));
    }
    let (units, fcs) = pieces.text(&mut streams, 0, fib.ccp_text)?;
    let styles = Styles::parse(&part(&mut streams, STSHF, "样式表（STSH）")?);
    let papx = Fkp::parse_bte(&part(
        &mut streams,
        PLCF_BTE_PAPX,
        "段落属性索引（PlcBtePapx）",
    )?)?;
    let chpx = Fkp::parse_bte(&part(
        &mut streams,
        PLCF_BTE_CHPX,
        "字符属性索引（PlcBteChpx）",
    )?)?;
    // The levels follow the PlfLst without a length of their own: read on towards the stream's end (bounded).
    // Lists that cannot be read are not numbered; they never refuse the file.
    let numbering = match (fib.fc_lcb.get(PLF_LST), fib.fc_lcb.get(PLF_LFO)) {
        (Some(&(fc, lcb)), Some(_)) if lcb > 0 => {
            let len = streams
                .table_len
                .saturating_sub(u64::from(fc))
                .min(MAX_LISTS_BYTES);
            let lists = streams.table_bytes(u64::from(fc), len, "列表（PlfLst）");
            let lfo = part(&mut streams, PLF_LFO, "列表（PlfLfo）");
            match (lists, lfo) {
                (Ok(lists), Ok(lfo)) => doc_lists::numbering(&lists, lcb as usize, &lfo),
                _ => Numbering::default(),
            }
        }
        _ => Numbering::default(),
    };
    let mut reader = Reader {
        streams,
        styles,
        papx: papx.reader(true),
        chpx: chpx.reader(false),
    };
    let boxes = text_boxes(&mut reader, &fib, &pieces, &numbering);
    let mut builder = Builder::new(numbering.counters());
    reader.feed(&mut builder, &units, &fcs, &boxes)?;
    Ok(builder.finish())
}

/// What the characters are read with: the streams, the styles and the property pages.
struct Reader<F> {
    streams: Streams<F>,
    styles: Styles,
    papx: FkpReader,
    chpx: FkpReader,
}

impl<F: Read + Seek> Reader<F> {
    /// Feeds characters (with their byte positions) to `builder`, marks with their paragraph's properties,
    /// leaving out deleted and hidden text; the text boxes anchored at a character come before its paragraph.
    fn feed(
        &mut self,
        builder: &mut Builder<'_>,
        units: &[u16],
        fcs: &[u32],
        boxes: &HashMap<usize, Vec<Block>>,
    ) -> Result<(), ImportError> {
        let mut run: Option<(u32, u32, CharProps)> = None;
        for (cp, (&unit, &fc)) in units.iter().zip(fcs).enumerate() {
            let props = match run {
                Some((start, end, props)) if (start..end).contains(&fc) => props,
                _ => {
                    let (start, end, props) = self.chpx.char_run(&mut self.streams, fc)?;
                    run = Some((start, end, props));
                    props
                }
            };
            if let Some(blocks) = boxes.get(&cp) {
                builder.text_box(blocks);
            }
            if builder.is_mark(unit) {
                let para = self.papx.para_props(&mut self.streams, fc, &self.styles)?;
                builder.mark(unit, &para, props.deleted);
            } else if !props.deleted && !props.hidden {
                builder.unit(unit);
            }
        }
        Ok(())
    }
}

/// The blocks of each text box of the main document, by the place of its anchor. Text boxes are a convenience:
/// any that cannot be read (a broken shape table, text outside the stream) are left out, never refusing the file.
fn text_boxes<F: Read + Seek>(
    reader: &mut Reader<F>,
    fib: &Fib,
    pieces: &Pieces,
    numbering: &Numbering,
) -> HashMap<usize, Vec<Block>> {
    let mut boxes = HashMap::new();
    let Some((story, length)) = fib.text_boxes.filter(|&(_, length)| length > 0) else {
        return boxes;
    };
    let plc = |reader: &mut Reader<F>, place: usize| {
        let (fc, lcb) = *fib.fc_lcb.get(place)?;
        reader
            .streams
            .table_bytes(u64::from(fc), u64::from(lcb), "文本框")
            .ok()
    };
    let (Some(stories), Some(shapes)) = (plc(reader, PLCF_TXBX_TXT), plc(reader, PLC_SPA_MOM))
    else {
        return boxes;
    };
    // Shapes: the anchor's place and the shape id (lid), in a PLC of 26-byte SPAs.
    let anchors: HashMap<u32, u32> = plc_entries(&shapes, 26)
        .filter_map(|(cp, _, spa)| Some((u32_at(spa, 0)?, cp)))
        .collect();
    // Text box stories: a range of the text box story and the shape id, in a PLC of 22-byte FTXBXSs.
    for (start, end, ftxbxs) in plc_entries(&stories, 22) {
        let Some(&anchor) = u32_at(ftxbxs, 14).and_then(|lid| anchors.get(&lid)) else {
            continue;
        };
        if anchor >= fib.ccp_text || end > length || start >= end {
            continue;
        }
        let Ok((units, fcs)) = pieces.text(&mut reader.streams, story + start, story + end) else {
            continue;
        };
        let mut builder = Builder::new(numbering.counters());
        if reader
            .feed(&mut builder, &units, &fcs, &HashMap::new())
            .is_ok()
        {
            let blocks: Vec<Block> = builder
                .finish()
                .into_iter()
                .filter(|b| !matches!(b, Block::Para(p) if p.text.trim().is_empty()))
                .collect();
            boxes.entry(anchor as usize).or_default().extend(blocks);
        }
    }
    boxes
}

/// The entries of a PLC with `size`-byte data: each entry's start and end positions and its data.
fn plc_entries(plc: &[u8], size: usize) -> impl Iterator<Item = (u32, u32, &[u8])> {
    let n = plc.len().saturating_sub(4) / (4 + size);
    (0..n).filter_map(move |i| {
        let data_at = (n + 1) * 4 + i * size;
        Some((
            u32_at(plc, i * 4)?,
            u32_at(plc, (i + 1) * 4)?,
            plc.get(data_at..data_at + size)?,
        ))
    })
}
