//! Word's automatic list numbers in a .doc (docs/import.md, "Word 97–2003 文档"): as in a .docx, the "一、" or
//! "（一）" of a numbered heading is not in the text, so the lists (PlfLst with their levels, PlfLfo) are read into
//! the same [`Numbering`] the .docx reader uses, and the label is put back in front of the paragraph. A list that
//! cannot be read is simply not numbered.

use super::numbering::{Level, Numbering};

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The format names of Word's number formats (MS-DOC nfc, the order of OOXML's ST_NumberFormat).
fn format_name(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        11 => "japaneseCounting",
        23 => "bullet",
        30 => "ideographTraditional",
        33 => "taiwaneseCounting",
        37 => "chineseCounting",
        38 => "chineseLegalSimplified",
        39 => "chineseCountingThousand",
        255 => "none",
        _ => "decimal",
    }
}

/// Reads the lists: `lists` is the table stream from PlfLst on (its LSTFs, then every list's levels), `lst_len`
/// the length of the PlfLst itself, `lfo` the PlfLfo. List `n` of a paragraph (sprmPIlfo) is `lfo`'s n-th entry.
pub(super) fn numbering(lists: &[u8], lst_len: usize, lfo: &[u8]) -> Numbering {
    let mut numbering = Numbering::default();
    let count = u16_at(lists, 0).map_or(0, usize::from);
    let mut at = lst_len.max(2 + count * 28);
    for i in 0..count {
        let lstf = 2 + i * 28;
        let (Some(lsid), Some(&flags)) = (u32_at(lists, lstf), lists.get(lstf + 26)) else {
            break;
        };
        let simple = flags & 1 != 0;
        let mut levels = Vec::new();
        for _ in 0..(if simple { 1 } else { 9 }) {
            let Some((level, next)) = read_level(lists, at) else {
                return with_lfo(numbering, lfo);
            };
            levels.push(level);
            at = next;
        }
        numbering.add_list(lsid.to_string(), levels);
    }
    with_lfo(numbering, lfo)
}

fn with_lfo(mut numbering: Numbering, lfo: &[u8]) -> Numbering {
    let count = u32_at(lfo, 0).unwrap_or(0).min(0x7FFE) as usize;
    for i in 0..count {
        let Some(lsid) = u32_at(lfo, 4 + i * 16) else {
            break;
        };
        numbering.add_num((i + 1).to_string(), lsid.to_string());
    }
    numbering
}

/// One LVL at `at`: its LVLF (start, format, property sizes), the property groups, then the number text, in which
/// characters 0–8 stand for the counters of those levels. Returns the level and where the next one starts.
fn read_level(bytes: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = u32_at(bytes, at)?;
    let nfc = *bytes.get(at + 4)?;
    let papx = usize::from(*bytes.get(at + 25)?);
    let chpx = usize::from(*bytes.get(at + 24)?);
    let text_at = at + 28 + papx + chpx;
    let len = usize::from(u16_at(bytes, text_at)?);
    let units: Vec<u16> = (0..len)
        .map(|i| u16_at(bytes, text_at + 2 + i * 2))
        .collect::<Option<_>>()?;
    let mut text = String::new();
    for c in char::decode_utf16(units) {
        match c {
            Ok(c @ '\0'..='\u{8}') => text.push_str(&format!("%{}", c as u32 + 1)),
            Ok(c) => text.push(c),
            Err(_) => text.push('\u{FFFD}'),
        }
    }
    let level = Level {
        format: format_name(nfc).to_owned(),
        text,
        start: start.min(100_000),
    };
    Some((level, text_at + 2 + len * 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One simple list (lsid 7) whose level is "%1、" in Chinese counting, used by list 1.
    fn one_list() -> (Vec<u8>, usize, Vec<u8>) {
        let mut lists = 1_u16.to_le_bytes().to_vec();
        let mut lstf = vec![0; 28];
        lstf[..4].copy_from_slice(&7_u32.to_le_bytes());
        lstf[26] = 1;
        lists.extend(lstf);
        let lst_len = lists.len();
        let mut lvlf = vec![0; 28];
        lvlf[..4].copy_from_slice(&1_u32.to_le_bytes());
        lvlf[4] = 37;
        lvlf[25] = 2;
        lists.extend(lvlf);
        lists.extend([0xAA, 0xBB]);
        lists.extend(2_u16.to_le_bytes());
        lists.extend([0, 0]);
        lists.extend(
            '、'
                .encode_utf16(&mut [0; 1])
                .iter()
                .flat_map(|u| u.to_le_bytes()),
        );
        let mut lfo = 1_u32.to_le_bytes().to_vec();
        let mut entry = vec![0; 16];
        entry[..4].copy_from_slice(&7_u32.to_le_bytes());
        lfo.extend(entry);
        (lists, lst_len, lfo)
    }

    #[test]
    fn a_chinese_list_numbers_its_paragraphs() {
        let (lists, lst_len, lfo) = one_list();
        let numbering = numbering(&lists, lst_len, &lfo);
        let mut counters = numbering.counters();
        assert_eq!(counters.label("1", 0), "一、");
        assert_eq!(counters.label("1", 0), "二、");
        assert_eq!(counters.label("2", 0), "", "no such list");
    }

    #[test]
    fn cut_lists_number_nothing_and_do_not_panic() {
        let (lists, lst_len, lfo) = one_list();
        for cut in 0..lists.len() {
            let numbering = numbering(&lists[..cut], lst_len, &lfo);
            let _ = numbering.counters().label("1", 0);
        }
        for cut in 0..lfo.len() {
            let _ = numbering(&lists, lst_len, &lfo[..cut])
                .counters()
                .label("1", 0);
        }
    }
}
