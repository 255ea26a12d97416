//! The bundled fonts (Noto CJK SC subsets, OFL; see fonts/README.md), embedded so that neither the window nor the
//! printed documents depend on what the laptop has installed.

use std::sync::LazyLock;

/// A bundled font, stored deflated in the program (−3.8 MB of the Windows .exe; build.rs) and inflated once, at
/// first use: the window's font at start, the print fonts at the first check, preview or PDF.
macro_rules! bundled_font {
    ($file:literal) => {{
        static FONT: LazyLock<Vec<u8>> = LazyLock::new(|| {
            let deflated = include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".deflate"));
            let mut font = Vec::new();
            // Deflated by build.rs from fonts/ and checked by the unit tests below, so this cannot fail.
            std::io::Read::read_to_end(&mut flate2::read::DeflateDecoder::new(&deflated[..]), &mut font)
                .expect("bundled font inflates");
            font
        });
        FONT.as_slice()
    }};
}

/// Noto Sans CJK SC Regular subset: the window's font and the 黑体-style headings.
pub fn sans_regular() -> &'static [u8] {
    bundled_font!("NotoSansSC-Regular-subset.otf")
}

/// Noto Serif CJK SC Regular subset: the report body.
pub fn serif_regular() -> &'static [u8] {
    bundled_font!("NotoSerifSC-Regular-subset.otf")
}

/// Noto Serif CJK SC Bold subset: the report title.
pub fn serif_bold() -> &'static [u8] {
    bundled_font!("NotoSerifSC-Bold-subset.otf")
}

/// Which characters every bundled font can draw.
static COVERAGE: LazyLock<Coverage> = LazyLock::new(Coverage::of_bundled_fonts);

/// The characters the bundled fonts draw; anything else would print as an empty box.
pub struct Coverage {
    /// The parsed fonts, for characters outside the Basic Multilingual Plane (rare: the fonts are inflated only
    /// when one is asked about).
    faces: LazyLock<Vec<ttf_parser::Face<'static>>>,
    /// One bit per code point of the Basic Multilingual Plane: whether every face draws it. The validation asks
    /// about every character of every section after each keystroke; a cmap lookup per character in each of
    /// three faces took most of a frame's time with five long reports (BENCHMARKS.md). Computed from the fonts
    /// by build.rs: at start the window's check then needs neither print font inflated (a cold start's time).
    bmp_bits: [u64; 0x1_0000 / 64],
}

impl Coverage {
    fn of_bundled_fonts() -> Self {
        const BYTES: &[u8; 0x1_0000 / 8] =
            include_bytes!(concat!(env!("OUT_DIR"), "/coverage.bin"));
        let mut bmp_bits = [0_u64; 0x1_0000 / 64];
        for (word, bytes) in bmp_bits.iter_mut().zip(BYTES.chunks_exact(8)) {
            let mut le = [0_u8; 8];
            le.copy_from_slice(bytes);
            *word = u64::from_le_bytes(le);
        }
        Self {
            faces: LazyLock::new(|| {
                [sans_regular(), serif_regular(), serif_bold()]
                    .into_iter()
                    // The fonts are checked by a unit test, so parsing cannot fail.
                    .map(|data| ttf_parser::Face::parse(data, 0).expect("bundled font parses"))
                    .collect()
            }),
            bmp_bits,
        }
    }

    /// Whether every bundled font has a glyph for `c`. Line breaks and tabs count as drawable.
    pub fn has(&self, c: char) -> bool {
        let code_point = u32::from(c);
        if matches!(c, '\n' | '\r' | '\t') {
            true
        } else if code_point < 0x1_0000 {
            self.bmp_bits[(code_point / 64) as usize] & (1 << (code_point % 64)) != 0
        } else {
            self.faces.iter().all(|face| face.glyph_index(c).is_some())
        }
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
    fn bundled_fonts_inflate_to_the_files_in_fonts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        for (font, file) in [
            (sans_regular(), "NotoSansSC-Regular-subset.otf"),
            (serif_regular(), "NotoSerifSC-Regular-subset.otf"),
            (serif_bold(), "NotoSerifSC-Bold-subset.otf"),
        ] {
            let original = std::fs::read(root.join(file)).expect("font file");
            assert!(
                font == original.as_slice(),
                "{file} comes back byte for byte"
            );
        }
    }

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

    #[test]
    fn coverage_table_agrees_with_the_fonts_for_every_bmp_character() {
        let coverage = coverage();
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let in_fonts = matches!(c, '\n' | '\r' | '\t')
                || coverage
                    .faces
                    .iter()
                    .all(|face| face.glyph_index(c).is_some());
            assert_eq!(coverage.has(c), in_fonts, "U+{:04X}", u32::from(c));
        }
    }
}
