//! The bundled fonts (Noto CJK SC subsets, OFL; see fonts/README.md), embedded so that neither the window nor the
//! printed documents depend on what the laptop has installed.

use std::sync::LazyLock;

/// Noto Sans CJK SC Regular subset: the window's font and the 黑体-style headings.
pub static SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular-subset.otf");
/// Noto Serif CJK SC Regular subset: the report body.
pub static SERIF_REGULAR: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular-subset.otf");
/// Noto Serif CJK SC Bold subset: the report title.
pub static SERIF_BOLD: &[u8] = include_bytes!("../fonts/NotoSerifSC-Bold-subset.otf");

/// Which characters every bundled font can draw.
static COVERAGE: LazyLock<Coverage> = LazyLock::new(Coverage::of_bundled_fonts);

/// The characters the bundled fonts draw; anything else would print as an empty box.
pub struct Coverage {
    faces: Vec<ttf_parser::Face<'static>>,
}

impl Coverage {
    fn of_bundled_fonts() -> Self {
        let faces = [SANS_REGULAR, SERIF_REGULAR, SERIF_BOLD]
            .into_iter()
            // The fonts are checked by a unit test, so parsing cannot fail.
            .map(|data| ttf_parser::Face::parse(data, 0).expect("bundled font parses"))
            .collect();
        Self { faces }
    }

    /// Whether every bundled font has a glyph for `c`. Line breaks and tabs count as drawable.
    pub fn has(&self, c: char) -> bool {
        matches!(c, '\n' | '\r' | '\t')
            || self.faces.iter().all(|face| face.glyph_index(c).is_some())
    }
}

/// The coverage of the bundled fonts.
pub fn coverage() -> &'static Coverage {
    &COVERAGE
}

/// The characters of `text` the bundled fonts cannot draw, each once, in order of appearance.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let coverage = coverage();
    let mut missing = Vec::new();
    for c in text.chars() {
        if !coverage.has(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_text_is_covered() {
        let text = "质量强国建设领军企业推荐报告（2024年）：浙江省市场监督管理局，ABC-123。№①℃";
        assert_eq!(missing_glyphs(text), Vec::<char>::new());
    }

    #[test]
    fn rare_characters_emoji_and_controls_are_missing() {
        assert_eq!(
            missing_glyphs("龘𠀀😀\u{7}\u{202E}好"),
            vec!['龘', '𠀀', '😀', '\u{7}', '\u{202E}']
        );
        assert_eq!(
            missing_glyphs("第一行\n第二行\t"),
            Vec::<char>::new(),
            "line breaks are fine"
        );
    }
}
