//! Text as a Chinese input method types it, folded before it is checked or compared: full-width letters, digits
//! and punctuation (U+FF01–U+FF5E) to their half-width twins. The one place that knows the full-width block; the
//! credit code, phone numbers, dates, key figures, import headings and the settings read through it.

/// The half-width twin of a full-width ASCII character (`１` → `1`, `Ａ` → `A`, `－` → `-`, `．` → `.`); any other
/// character as it is. The ideographic space (U+3000) is left alone: it is white space already.
pub fn half_width_char(c: char) -> char {
    match c {
        // The full-width block U+FF01–U+FF5E lies 0xFEE0 above U+0021–U+007E.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The text with every full-width ASCII character folded to half-width (`half_width_char`).
pub fn half_width(text: &str) -> String {
    text.chars().map(half_width_char).collect()
}

/// Invisible formatting characters (zero-width spaces and joiners, bidi marks and overrides, the BOM): they print
/// as nothing and can make a name lie, so the clerk is shown their code points.
pub fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The text without the byte-order mark Windows Notepad puts before UTF-8 (a JSON file saved there has one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_full_width_block_folds_and_nothing_else() {
        assert_eq!(half_width("１２５．６"), "125.6");
        assert_eq!(half_width("ＡＢｃ－／＋（）！～"), "ABc-/+()!~");
        assert_eq!(
            half_width("汉字　、。「」，：ａ"),
            "汉字　、。「」,:a",
            "the full-width comma and colon fold; 、。「」, the ideographic space and 汉字 stay"
        );
        assert_eq!(half_width_char('\u{FF00}'), '\u{FF00}', "below the block");
        assert_eq!(half_width_char('\u{FF5F}'), '\u{FF5F}', "above the block");
        assert_eq!(half_width(""), "");
    }

    #[test]
    fn format_chars_and_the_bom() {
        for c in ['\u{200B}', '\u{200F}', '\u{202E}', '\u{2066}', '\u{FEFF}'] {
            assert!(is_format_char(c), "U+{:04X}", c as u32);
        }
        for c in ['a', '汉', ' ', '\u{2065}', '\u{2070}'] {
            assert!(!is_format_char(c), "U+{:04X}", c as u32);
        }
        assert_eq!(strip_bom("\u{FEFF}{}"), "{}");
        assert_eq!(strip_bom("{}\u{FEFF}"), "{}\u{FEFF}", "only at the start");
        assert_eq!(
            strip_bom("\u{FEFF}\u{FEFF}x"),
            "\u{FEFF}x",
            "one mark, once"
        );
    }
}
