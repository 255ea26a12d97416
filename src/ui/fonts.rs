//! Puts the bundled Noto Sans SC subset in front of egui's own fonts, so no Chinese shows as boxes.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const CJK_FONT: &str = "noto_sans_sc_subset";

/// Installs the bundled CJK font (both families) and a text size that reads well in Chinese.
pub fn install(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_FONT.to_owned(),
        Arc::new(FontData::from_static(crate::fonts::SANS_REGULAR)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, CJK_FONT.to_owned());
    }
    ctx.set_fonts(fonts);
    ctx.global_style_mut(|style| {
        use egui::{FontId, TextStyle};
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(15.0));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(15.0));
        style
            .text_styles
            .insert(TextStyle::Monospace, FontId::monospace(14.0));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(12.5));
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(21.0));
    });
}
