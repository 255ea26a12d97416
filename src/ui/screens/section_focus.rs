//! Arriving at a report section from 报送前检查: the heading and the findings above the text come into view, and
//! when the finding has a place in the text (a missing glyph, the point where the text passes its recommended
//! length) the cursor is put there and that place is scrolled into view instead.

use egui::text::{CCursor, CCursorRange};
use egui::{Align, Response, Ui};

use crate::model::template::char_count;

/// Focuses the section's text and scrolls to the heading, or to the character at `place`.
pub fn focus_section(
    ui: &Ui,
    heading: &Response,
    output: &egui::text_edit::TextEditOutput,
    place: Option<usize>,
) {
    let response = &output.response.response;
    response.request_focus();
    let Some(index) = place else {
        heading.scroll_to_me(Some(Align::TOP));
        return;
    };
    let cursor = CCursor::new(index);
    let mut state = output.state.clone();
    state.cursor.set_char_range(Some(CCursorRange::one(cursor)));
    state.store(ui.ctx(), response.id);
    let rect = output
        .galley
        .pos_from_cursor(cursor)
        .translate(output.galley_pos.to_vec2());
    ui.scroll_to_rect(rect, Some(Align::Center));
}

/// The character index just after the first `count` counted 字 (white space does not count); `None` when the
/// text is not that long.
pub fn index_after_count(text: &str, count: usize) -> Option<usize> {
    let mut seen = 0;
    for (i, c) in text.chars().enumerate() {
        if char_count(c.encode_utf8(&mut [0; 4])) == 1 {
            seen += 1;
            if seen > count {
                return Some(i);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_after_a_count_skips_white_space() {
        assert_eq!(index_after_count("质量 强国", 2), Some(3));
        assert_eq!(index_after_count("质量", 2), None);
        assert_eq!(index_after_count("", 0), None);
    }
}
