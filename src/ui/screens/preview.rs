//! 打印预览: the pages of the summary table or of a report, painted from the very display list the PDF is
//! written from (`render::Layout`), so what the clerk sees here is what prints.

use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontFamily, FontId, Pos2, Rect, RichText, Stroke, Ui, Vec2};

use crate::model::Draft;
use crate::model::field::BUILT_IN_FIELDS;
use crate::render::{self, FontKind, Item, Layout, Page};
use crate::ui::command::{Command, PreviewDoc, Screen};
use crate::ui::form::{Form, error_color};
use crate::ui::labels;

/// egui family names of the print faces (the sans face is the window's own font).
const SERIF_FAMILY: &str = "lingjun-print-serif";
const SERIF_BOLD_FAMILY: &str = "lingjun-print-serif-bold";

/// Space between pages and around them, in screen points.
const PAGE_GAP: f32 = 16.0;

/// A laid-out document and what it was laid out from.
struct CachedLayout {
    doc: PreviewDoc,
    fingerprint: u64,
    layout: Result<Layout, String>,
}

/// Draws the preview page for `doc`.
pub fn preview_ui(ui: &mut Ui, draft: &Draft, doc: PreviewDoc, form: &mut Form<'_>) {
    ui.heading(labels::PRINT_PREVIEW);
    selector_ui(ui, draft, doc, form);
    ui.add_space(6.0);
    document_ui(ui, draft, doc, egui::Id::unique("print_preview_layout"));
}

/// The pages of `doc` under a note on their count and orientation. `cache` names the place that shows them
/// (the print preview, the 模板 page): each keeps its own layout, laid out again only when what prints changed.
pub fn document_ui(ui: &mut Ui, draft: &Draft, doc: PreviewDoc, cache: egui::Id) {
    let fonts_ready = install_print_fonts(ui.ctx());
    let cached = layout_for(ui, draft, doc, cache);
    let layout = match &cached.layout {
        Ok(layout) => layout,
        Err(message) => {
            ui.label(RichText::new(message).color(error_color(ui)));
            return;
        }
    };
    let orientation = match layout.pages.first() {
        Some(page) if page.width_pt > page.height_pt => "A4 横向",
        _ => "A4 纵向",
    };
    let mut note = format!(
        "共 {} 页 · {orientation} · 与导出的 PDF 版式相同",
        layout.pages.len()
    );
    if !draft.is_final() {
        note.push_str(" · 尚未定稿，每页带“草稿”水印");
    }
    ui.label(RichText::new(note).weak());
    ui.add_space(PAGE_GAP / 2.0);
    for page in &layout.pages {
        page_ui(ui, page, fonts_ready);
        ui.add_space(PAGE_GAP);
    }
}

/// 汇总表 and one entry per report; the current one selected.
fn selector_ui(ui: &mut Ui, draft: &Draft, doc: PreviewDoc, form: &mut Form<'_>) {
    ui.horizontal_wrapped(|ui| {
        let mut entry = |ui: &mut Ui, target: PreviewDoc, text: String, full: &str| {
            let response = ui.selectable_label(doc == target, text).on_hover_text(full);
            if response.clicked() && doc != target {
                form.commands.push(Command::Show(Screen::Preview(target)));
            }
        };
        entry(
            ui,
            PreviewDoc::Summary,
            labels::PREVIEW_SUMMARY.to_owned(),
            labels::PREVIEW_SUMMARY,
        );
        for (index, enterprise) in draft.enterprises.iter().enumerate() {
            let name = crate::ui::form::shorten(enterprise.display_name(), 12);
            entry(
                ui,
                PreviewDoc::Report(index),
                format!("推荐报告 {} · {name}", index + 1),
                enterprise.display_name(),
            );
        }
    });
}

/// The layout of `doc`, laid out again only when the draft changed since the last frame that showed it.
fn layout_for(ui: &Ui, draft: &Draft, doc: PreviewDoc, id: egui::Id) -> Arc<CachedLayout> {
    let fingerprint = fingerprint(draft);
    let cached: Option<Arc<CachedLayout>> = ui.ctx().data(|d| d.get_temp(id));
    if let Some(cached) = cached
        && cached.doc == doc
        && cached.fingerprint == fingerprint
    {
        return cached;
    }
    let layout = match doc {
        PreviewDoc::Summary => Ok(render::summary_layout(draft)),
        PreviewDoc::Report(index) => {
            render::report_layout(draft, index, &draft.template).map_err(|e| e.to_string())
        }
    };
    let fresh = Arc::new(CachedLayout {
        doc,
        fingerprint,
        layout,
    });
    ui.ctx().data_mut(|d| d.insert_temp(id, Arc::clone(&fresh)));
    fresh
}

/// A hash of everything the documents print (attachments and acknowledgements do not print).
fn fingerprint(draft: &Draft) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    draft.finalized.hash(&mut hasher);
    let unit = &draft.unit;
    for text in [&unit.name, &unit.contact, &unit.phone, &unit.date] {
        text.hash(&mut hasher);
    }
    draft.enterprises.len().hash(&mut hasher);
    for e in &draft.enterprises {
        for f in &BUILT_IN_FIELDS {
            (f.value)(e).hash(&mut hasher);
        }
        e.sections.hash(&mut hasher);
        e.section_tables.hash(&mut hasher);
        e.fields.hash(&mut hasher);
    }
    draft.template.hash(&mut hasher);
    hasher.finish()
}

/// Registers the serif print faces with egui once; the window's sans font serves the headings. False while
/// they are not usable yet (egui takes new fonts at the next pass): that frame draws in the sans face and asks
/// for another.
fn install_print_fonts(ctx: &egui::Context) -> bool {
    let ready = ctx.fonts(|f| {
        let families = &f.definitions().families;
        [SERIF_FAMILY, SERIF_BOLD_FAMILY]
            .iter()
            .all(|name| families.contains_key(&FontFamily::Name((*name).into())))
    });
    if ready {
        return true;
    }
    for (name, data) in [
        (SERIF_FAMILY, crate::fonts::serif_regular()),
        (SERIF_BOLD_FAMILY, crate::fonts::serif_bold()),
    ] {
        // `add_font` does nothing when a font of this name is already there.
        ctx.add_font(egui::epaint::text::FontInsert::new(
            name,
            egui::FontData::from_static(data),
            vec![egui::epaint::text::InsertFontFamily {
                family: FontFamily::Name(name.into()),
                priority: egui::epaint::text::FontPriority::Highest,
            }],
        ));
    }
    ctx.request_repaint();
    false
}

fn family(font: FontKind, fonts_ready: bool) -> FontFamily {
    match font {
        FontKind::Serif | FontKind::SerifBold if !fonts_ready => FontFamily::Proportional,
        FontKind::Serif => FontFamily::Name(SERIF_FAMILY.into()),
        FontKind::SerifBold => FontFamily::Name(SERIF_BOLD_FAMILY.into()),
        FontKind::Sans => FontFamily::Proportional,
    }
}

fn gray(level: f32) -> Color32 {
    Color32::from_gray((level.clamp(0.0, 1.0) * 255.0).round() as u8)
}

/// One page as a sheet of paper, scaled to the width available (at most 1.25 screen points per printer's point).
fn page_ui(ui: &mut Ui, page: &Page, fonts_ready: bool) {
    let scale = ((ui.available_width() - 2.0 * PAGE_GAP) / page.width_pt).clamp(0.4, 1.25);
    let size = Vec2::new(page.width_pt, page.height_pt) * scale;
    let (outer, _) = ui.allocate_exact_size(size + Vec2::splat(PAGE_GAP), egui::Sense::hover());
    let sheet = Rect::from_min_size(outer.min + Vec2::splat(PAGE_GAP / 2.0), size);
    if !ui.is_rect_visible(sheet) {
        return;
    }
    let painter = ui.painter_at(outer);
    painter.rect_filled(
        sheet.translate(Vec2::splat(3.0)),
        2.0,
        Color32::from_black_alpha(60),
    );
    painter.rect_filled(sheet, 0.0, Color32::WHITE);
    let at = |(x_pt, y_pt): (f32, f32)| sheet.min + Vec2::new(x_pt, y_pt) * scale;
    for item in &page.items {
        match item {
            Item::Rect(rect) => {
                let min = at((rect.x_pt, rect.y_pt));
                painter.rect_filled(
                    Rect::from_min_size(min, Vec2::new(rect.width_pt, rect.height_pt) * scale),
                    0.0,
                    gray(rect.gray),
                );
            }
            Item::Line(line) => {
                let stroke = Stroke::new((line.width_pt * scale).max(0.5), gray(line.gray));
                painter.line_segment([at(line.from_pt), at(line.to_pt)], stroke);
            }
            // The preview draws the outlined 草稿 mark as the text it stands for: the same glyphs on screen.
            Item::Text(run) | Item::Outlined(render::display::OutlinedText { run, .. }) => {
                let family = family(run.font, fonts_ready);
                text_run(
                    &painter,
                    run,
                    at((run.x_pt, run.baseline_pt)),
                    scale,
                    family,
                );
            }
        }
    }
}

/// A text run with its baseline origin at `origin`, rotated as the PDF rotates it.
fn text_run(
    painter: &egui::Painter,
    run: &render::TextRun,
    origin: Pos2,
    scale: f32,
    family: FontFamily,
) {
    let format = TextFormat {
        font_id: FontId::new(run.size_pt * scale, family),
        extra_letter_spacing: run.letter_spacing_pt * scale,
        color: gray(run.gray),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::single_section(run.text.clone(), format);
    job.wrap.max_width = f32::INFINITY;
    let galley = painter.layout_job(job);
    let baseline = galley
        .rows
        .first()
        .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
        .unwrap_or(0.0);
    // egui turns clockwise about the galley's top-left corner; the display list turns counter-clockwise
    // about the baseline origin.
    let angle = -run.rotation_deg.to_radians();
    let (sin, cos) = angle.sin_cos();
    let pos = Pos2::new(origin.x + baseline * sin, origin.y - baseline * cos);
    let shape = egui::epaint::TextShape::new(pos, galley, gray(run.gray)).with_angle(angle);
    painter.add(shape);
}
