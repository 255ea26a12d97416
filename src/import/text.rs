//! Plain-text reports: UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's “Unicode”) or GB18030/GBK.

use super::{Block, ImportError, Para};

/// Decodes the bytes of a .txt file.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map_err(|_| ImportError::Encoding)?
            .to_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        if had_errors {
            return Err(ImportError::Encoding);
        }
        text.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else {
        encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or(ImportError::Encoding)?
            .into_owned()
    };
    // A NUL or other C0 control (not tab or line ends) means a binary file, not a report.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        return Err(ImportError::Encoding);
    }
    Ok(text)
}

/// One paragraph per line.
pub fn blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(|line| {
            Block::Para(Para {
                text: line.replace(['\u{c}', '\u{ad}'], ""),
                ..Para::default()
            })
        })
        .collect()
}

/// Joins the lines of a paragraph that a manual line break (Word's `w:br`) cut, as the writer meant them: no
/// break between two 汉字, a space between two Latin words, nothing for a hyphen at the line end. A break after a
/// finished sentence (。！？；：) or before a numbered line (（一）, 1.) stays a line break. Indentation at the
/// start of each line (spaces, full-width spaces, tabs) and soft hyphens go.
pub fn join_breaks(text: &str) -> String {
    let text = text.replace('\u{ad}', "");
    if !text.contains('\n') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        let line = if i == 0 {
            line.trim_end()
        } else {
            line.trim_matches(|c: char| c.is_whitespace())
        };
        if line.is_empty() {
            continue;
        }
        let Some(last) = out.chars().next_back() else {
            out.push_str(line);
            continue;
        };
        let first = line.chars().next().unwrap_or(' ');
        let numbered = super::headings::split_number(&super::headings::normalize(line))
            .0
            .is_some();
        if numbered || "。！？；：!?;:…".contains(last) {
            out.push('\n');
        } else if last.is_ascii_alphanumeric()
            && first.is_ascii_alphanumeric()
            && (last.is_ascii_alphabetic() || first.is_ascii_alphabetic())
        {
            out.push(' ');
        } else if last == '-' && first.is_ascii_alphabetic() {
            out.pop();
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_breaks_join_as_meant() {
        assert_eq!(join_breaks("改进项\n目576项。"), "改进项目576项。");
        assert_eq!(
            join_breaks("ISO 9001 quality\nmanagement"),
            "ISO 9001 quality management"
        );
        assert_eq!(
            join_breaks("完成。\n　　下一句"),
            "完成。\n下一句",
            "。 at a line end stays"
        );
        assert_eq!(
            join_breaks("主要做法：\n（一）标准引领"),
            "主要做法：\n（一）标准引领"
        );
        assert_eq!(join_breaks("质\u{ad}量"), "质量", "soft hyphen");
        assert_eq!(join_breaks("通过\n\n认证"), "通过认证");
        assert_eq!(join_breaks("始建于19\n58年"), "始建于1958年", "digits");
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(
            decode("一、概况".as_bytes()).ok().as_deref(),
            Some("一、概况")
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc").ok().as_deref(),
            Some("abc"),
            "BOM dropped"
        );
        let (gbk, _, _) = encoding_rs::GB18030.encode("质量强国，龘");
        assert_eq!(decode(&gbk).ok().as_deref(), Some("质量强国，龘"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("领军".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).ok().as_deref(), Some("领军"));
        assert!(matches!(
            decode(b"\x00\x01\x02PK"),
            Err(ImportError::Encoding)
        ));
        assert!(matches!(
            decode(b"\xEF\xBB\xBF\xFF"),
            Err(ImportError::Encoding)
        ));
    }
}
