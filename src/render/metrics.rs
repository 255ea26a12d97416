//! Glyph advances from the bundled fonts (`hmtx` over `unitsPerEm`), and what to print for a character a face
//! cannot draw.

use std::sync::LazyLock;

use super::display::FontKind;

/// Drawn in place of a character the face lacks: 〓 (the geta mark), the typesetter's sign for a missing
/// character. Validation names such characters before export; this only keeps a stray one visible.
pub const PLACEHOLDER: char = '〓';

/// The parsed faces, in `FontKind::ALL` order.
static FACES: LazyLock<[ttf_parser::Face<'static>; 3]> = LazyLock::new(|| {
    // The bundled fonts are checked by `fonts::tests`, so parsing cannot fail.
    FontKind::ALL
        .map(|kind| ttf_parser::Face::parse(font_bytes(kind), 0).expect("bundled font parses"))
});

/// The font file of a face.
pub fn font_bytes(kind: FontKind) -> &'static [u8] {
    match kind {
        FontKind::Serif => crate::fonts::serif_regular(),
        FontKind::SerifBold => crate::fonts::serif_bold(),
        FontKind::Sans => crate::fonts::sans_regular(),
    }
}

pub(crate) fn face(kind: FontKind) -> &'static ttf_parser::Face<'static> {
    let index = match kind {
        FontKind::Serif => 0,
        FontKind::SerifBold => 1,
        FontKind::Sans => 2,
    };
    &FACES[index]
}

/// Whether the face draws `c`.
pub fn has_glyph(kind: FontKind, c: char) -> bool {
    face(kind).glyph_index(c).is_some()
}

/// The advance of `c` in ems (1.0 is the font size); a missing character measures as the placeholder.
pub fn advance_em(kind: FontKind, c: char) -> f32 {
    let face = face(kind);
    let glyph = face
        .glyph_index(c)
        .or_else(|| face.glyph_index(PLACEHOLDER))
        .unwrap_or(ttf_parser::GlyphId(0));
    let units = face.glyph_hor_advance(glyph).unwrap_or(0);
    f32::from(units) / f32::from(face.units_per_em())
}

/// The width of `text` at `size_pt`, without letter spacing.
pub fn text_width_pt(kind: FontKind, size_pt: f32, text: &str) -> f32 {
    text.chars().map(|c| advance_em(kind, c)).sum::<f32>() * size_pt
}

/// The ideographic ascent in ems: the top of the CJK em box above the baseline (Noto CJK: 0.88).
pub fn ascent_em(kind: FontKind) -> f32 {
    let face = face(kind);
    let ascender = face
        .tables()
        .os2
        .map_or(face.ascender(), |os2| os2.typographic_ascender());
    f32::from(ascender) / f32::from(face.units_per_em())
}

/// Text as it can be printed: tabs become spaces, other control and invisible formatting characters go, and
/// characters the face lacks become the placeholder. Line breaks are kept for the caller to split on.
pub fn printable(kind: FontKind, text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\r' => None,
            c if c.is_control() || is_invisible(c) => None,
            c if has_glyph(kind, c) => Some(c),
            _ => Some(PLACEHOLDER),
        })
        .collect()
}

/// Zero-width and bidi formatting characters: nothing to print, and a viewer would show them as boxes.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_one_em_and_latin_narrower() {
        for kind in FontKind::ALL {
            assert!(
                (advance_em(kind, '国') - 1.0).abs() < 1e-3,
                "{kind:?}: 汉字 are square"
            );
            assert!(
                advance_em(kind, 'i') < 0.5,
                "{kind:?}: Latin is proportional"
            );
        }
        assert!((text_width_pt(FontKind::Serif, 16.0, "质量强国") - 64.0).abs() < 0.01);
    }

    #[test]
    fn missing_and_control_characters_are_replaced_or_dropped() {
        assert_eq!(
            printable(FontKind::Serif, "龘a\u{7}b\tc\u{202E}😀\r\n"),
            "〓ab c〓\n"
        );
        assert!(
            has_glyph(FontKind::Sans, PLACEHOLDER),
            "the placeholder itself prints"
        );
        assert!(
            (advance_em(FontKind::Serif, '龘') - advance_em(FontKind::Serif, PLACEHOLDER)).abs()
                < 1e-6
        );
    }

    #[test]
    fn ascent_is_the_ideographic_box() {
        let ascent = ascent_em(FontKind::Serif);
        assert!((0.8..=1.0).contains(&ascent), "{ascent}");
    }
}
