//! The window's one font: the bundled Noto Sans SC subset, so no Chinese shows as boxes. egui's own fonts are not
//! built in (eframe without `default_fonts`, 1.4 MB less in the .exe); the test below holds every character the
//! program's strings use to the font egui gets, so a new symbol cannot silently draw as a box.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const CJK_FONT: &str = "noto_sans_sc_subset";

/// The fonts egui gets: the bundled CJK font alone, for both families.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::empty();
    fonts.font_data.insert(
        CJK_FONT.to_owned(),
        Arc::new(FontData::from_static(crate::fonts::sans_regular())),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, CJK_FONT.to_owned());
    }
    fonts
}

/// Installs the bundled CJK font (both families) and a text size that reads well in Chinese.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
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

#[cfg(test)]
mod tests;
