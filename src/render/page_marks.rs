//! What every page gets once the flow is done: the folio "— N —" under the text area and, while the drafts
//! are not final, a light diagonal 草稿 mark beneath the text.

use super::display::{FontKind, Item, Page, TextRun, mm};
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

/// Adds the folio to every page and, when `draft_mark`, the 草稿 mark beneath everything else.
pub fn decorate(pages: &mut [Page], frame: &Frame, draft_mark: bool) {
    for (i, page) in pages.iter_mut().enumerate() {
        if draft_mark {
            page.items.insert(0, Item::Text(draft_mark_run(page)));
        }
        page.items.push(Item::Text(folio_run(i + 1, frame)));
    }
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
