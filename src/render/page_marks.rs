//! What every page gets once the flow is done: the folio "— N —" under the text area, the 定稿码 in the
//! footer once final and, while the drafts are not final, a light diagonal 草稿 mark beneath the text, drawn
//! as glyph outlines so that copying text out of a draft never picks up 草 or 稿.

use super::display::{FontKind, Item, OutlinedText, Page, TextRun, mm};
use super::flow::Frame;
use super::metrics;

/// 四号 folio (GB/T 9704-2012 7.5: 4号半角宋体阿拉伯数字, 一字线 on either side, 7 mm below the text area).
const FOLIO_SIZE_PT: f32 = 14.0;
const FOLIO_GAP_MM: f32 = 7.0;

/// The 草稿 mark: large, light, at 35° (a diagonal that suits both orientations).
pub const DRAFT_MARK: &str = "草稿";
const DRAFT_SIZE_PT: f32 = 160.0;
const DRAFT_GRAY: f32 = 0.9;
const DRAFT_ANGLE_DEG: f32 = 35.0;

/// The 定稿码 in the footer: small, at the right end of the folio's line.
const CODE_SIZE_PT: f32 = 9.0;
/// What precedes the code in the footer.
pub const CODE_LABEL: &str = "定稿码 ";

/// What a finished page shows besides its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks<'a> {
    /// Not final: the 草稿 mark.
    Draft,
    /// Final: the 定稿码 in the footer.
    Final { code: &'a str },
}

impl<'a> Marks<'a> {
    /// The marks for these drafts.
    pub fn of(draft: &'a crate::model::Draft) -> Self {
        draft
            .finalized
            .as_ref()
            .map_or(Self::Draft, |f| Self::Final { code: &f.code })
    }
}

/// Adds the folio to every page, and the 草稿 mark beneath everything else or the 定稿码 in the footer.
pub fn decorate(pages: &mut [Page], frame: &Frame, marks: Marks<'_>) {
    for (i, page) in pages.iter_mut().enumerate() {
        let folio = folio_run(i + 1, frame);
        match marks {
            Marks::Draft => page.items.insert(0, Item::Outlined(draft_mark(page))),
            Marks::Final { code } => page.items.push(Item::Text(code_run(code, &folio, frame))),
        }
        page.items.push(Item::Text(folio));
    }
}

/// "定稿码 XXXX-XXXX", right-aligned with the text area on the folio's baseline.
fn code_run(code: &str, folio: &TextRun, frame: &Frame) -> TextRun {
    let text = format!("{CODE_LABEL}{code}");
    let font = FontKind::Sans;
    let width_pt = metrics::text_width_pt(font, CODE_SIZE_PT, &text);
    TextRun {
        x_pt: frame.left_pt + frame.content_width_pt() - width_pt,
        baseline_pt: folio.baseline_pt,
        font,
        size_pt: CODE_SIZE_PT,
        letter_spacing_pt: 0.0,
        gray: 0.0,
        rotation_deg: 0.0,
        text,
        width_pt,
    }
}

/// The 草稿 mark as filled glyph outlines, with the run it replaces (which the preview draws as text).
fn draft_mark(page: &Page) -> OutlinedText {
    let run = draft_mark_run(page);
    let contours = super::outline::text_contours(&run);
    OutlinedText { run, contours }
}

/// "— 1 —", centred under the text area.
fn folio_run(number: usize, frame: &Frame) -> TextRun {
    let text = format!("— {number} —");
    let font = FontKind::Serif;
    let width_pt = metrics::text_width_pt(font, FOLIO_SIZE_PT, &text);
    let baseline_pt =
        frame.content_bottom_pt() + mm(FOLIO_GAP_MM) + metrics::ascent_em(font) * FOLIO_SIZE_PT;
    TextRun {
        x_pt: frame.left_pt + (frame.content_width_pt() - width_pt) / 2.0,
        baseline_pt,
        font,
        size_pt: FOLIO_SIZE_PT,
        letter_spacing_pt: 0.0,
        gray: 0.0,
        rotation_deg: 0.0,
        text,
        width_pt,
    }
}

/// 草稿 rotated about its own centre, which sits at the centre of the page.
fn draft_mark_run(page: &Page) -> TextRun {
    let font = FontKind::Sans;
    let width_pt = metrics::text_width_pt(font, DRAFT_SIZE_PT, DRAFT_MARK);
    // The centre of the CJK em box (0.88 above to 0.12 below the baseline) lies 0.38 em above the baseline.
    let half_width_pt = width_pt / 2.0;
    let rise_pt = (metrics::ascent_em(font) - 0.5) * DRAFT_SIZE_PT;
    let (sin, cos) = DRAFT_ANGLE_DEG.to_radians().sin_cos();
    // Page y grows downwards, so a counter-clockwise turn lifts the right-hand end.
    let x_pt = page.width_pt / 2.0 - (half_width_pt * cos - rise_pt * sin);
    let baseline_pt = page.height_pt / 2.0 + (half_width_pt * sin + rise_pt * cos);
    TextRun {
        x_pt,
        baseline_pt,
        font,
        size_pt: DRAFT_SIZE_PT,
        letter_spacing_pt: 0.0,
        gray: DRAFT_GRAY,
        rotation_deg: DRAFT_ANGLE_DEG,
        text: DRAFT_MARK.to_owned(),
        width_pt,
    }
}
