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
                text: line.replace('\u{c}', ""),
                outline: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
