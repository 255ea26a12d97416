//! Page flow: a cursor that moves down the text area of the current page, starts a new page when the next
//! line does not fit, and places broken lines as text runs.

use super::display::{FontKind, Item, Page, TextRun};
use super::linebreak::{self, Line};
use super::metrics;

/// Page size and margins, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width_pt: f32,
    pub height_pt: f32,
    pub top_pt: f32,
    pub right_pt: f32,
    pub bottom_pt: f32,
    pub left_pt: f32,
}

impl Frame {
    /// Width of the text area.
    pub fn content_width_pt(&self) -> f32 {
        self.width_pt - self.left_pt - self.right_pt
    }

    /// Height of the text area.
    pub fn content_height_pt(&self) -> f32 {
        self.height_pt - self.top_pt - self.bottom_pt
    }

    /// The bottom edge of the text area, from the top of the page.
    pub fn content_bottom_pt(&self) -> f32 {
        self.height_pt - self.bottom_pt
    }
}

/// How a run of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub font: FontKind,
    pub size_pt: f32,
    /// Distance from one baseline to the next.
    pub line_pitch_pt: f32,
}

/// Where a line sits between its left and right edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Left, and stretched to the full width unless it ends its paragraph.
    Justify,
}

/// A paragraph's placement: its style, its alignment and its indents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paragraph {
    pub style: Style,
    pub align: Align,
    pub first_indent_pt: f32,
    pub left_indent_pt: f32,
    pub right_indent_pt: f32,
}

impl Paragraph {
    /// A paragraph in `style`, aligned as given, with no indents.
    pub fn new(style: Style, align: Align) -> Self {
        Self {
            style,
            align,
            first_indent_pt: 0.0,
            left_indent_pt: 0.0,
            right_indent_pt: 0.0,
        }
    }
}

/// Where the baseline of a line of `style` sits below the top of its line box: the CJK em box is centred in
/// the line pitch, as a ruled 公文 grid places it.
pub fn baseline_offset_pt(style: &Style) -> f32 {
    (style.line_pitch_pt - style.size_pt) / 2.0 + metrics::ascent_em(style.font) * style.size_pt
}

/// A text run of `text` at the given left end and baseline, in black.
pub fn run(
    style: &Style,
    x_pt: f32,
    baseline_pt: f32,
    text: String,
    letter_spacing_pt: f32,
) -> TextRun {
    let count = text.chars().count() as f32;
    let width_pt =
        metrics::text_width_pt(style.font, style.size_pt, &text) + letter_spacing_pt * count;
    TextRun {
        x_pt,
        baseline_pt,
        font: style.font,
        size_pt: style.size_pt,
        letter_spacing_pt,
        gray: 0.0,
        rotation_deg: 0.0,
        text,
        width_pt,
    }
}

/// Pages being filled from the top down.
pub struct Flow {
    pub frame: Frame,
    pub pages: Vec<Page>,
    /// The top of the next line box on the last page.
    pub y_pt: f32,
}

impl Flow {
    /// A flow on one empty page.
    pub fn new(frame: Frame) -> Self {
        Self {
            frame,
            pages: vec![Page::new(frame.width_pt, frame.height_pt)],
            y_pt: frame.top_pt,
        }
    }

    /// Space left on the current page.
    pub fn remaining_pt(&self) -> f32 {
        self.frame.content_bottom_pt() - self.y_pt
    }

    /// Whether nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.y_pt <= self.frame.top_pt + 0.01
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages
            .push(Page::new(self.frame.width_pt, self.frame.height_pt));
        self.y_pt = self.frame.top_pt;
    }

    /// Starts a new page unless `height_pt` still fits on this one (or this one is still empty).
    pub fn ensure_pt(&mut self, height_pt: f32) {
        if height_pt > self.remaining_pt() + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; swallowed at the top of a page, and ends the page when it runs past the bottom.
    pub fn skip_pt(&mut self, height_pt: f32) {
        if self.at_page_top() {
            return;
        }
        if height_pt >= self.remaining_pt() {
            self.new_page();
        } else {
            self.y_pt += height_pt;
        }
    }

    /// Adds an item to the current page.
    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// Lays out text: each line of `text` is a paragraph, broken to the frame's width and flowed over pages.
    /// Returns the lines it placed, for tests and callers that check them.
    pub fn paragraphs(&mut self, text: &str, para: &Paragraph) -> Vec<Line> {
        let printable = metrics::printable(para.style.font, text);
        let mut placed = Vec::new();
        for paragraph in printable.split('\n') {
            let paragraph = paragraph.trim();
            if paragraph.is_empty() {
                continue;
            }
            placed.extend(self.paragraph(paragraph, para));
        }
        placed
    }

    /// Lays out one paragraph (already printable, no line breaks).
    fn paragraph(&mut self, text: &str, para: &Paragraph) -> Vec<Line> {
        let width_pt = (self.frame.content_width_pt() - para.left_indent_pt - para.right_indent_pt)
            .max(para.style.size_pt);
        let first_width_pt = (width_pt - para.first_indent_pt).max(para.style.size_pt);
        let lines = linebreak::break_paragraph(
            text,
            para.style.font,
            para.style.size_pt,
            first_width_pt,
            width_pt,
        );
        for (i, line) in lines.iter().enumerate() {
            let (indent_pt, line_width_pt) = if i == 0 {
                (para.first_indent_pt, first_width_pt)
            } else {
                (0.0, width_pt)
            };
            let left_pt = self.frame.left_pt + para.left_indent_pt + indent_pt;
            self.line(line, &para.style, para.align, left_pt, line_width_pt);
        }
        lines
    }

    /// Places one line at the cursor, between `left_pt` and `left_pt + width_pt`, and moves down one pitch.
    pub fn line(&mut self, line: &Line, style: &Style, align: Align, left_pt: f32, width_pt: f32) {
        self.ensure_pt(style.line_pitch_pt);
        let baseline_pt = self.y_pt + baseline_offset_pt(style);
        let slack_pt = (width_pt - line.width_pt).max(0.0);
        let (x_pt, spacing_pt) = match align {
            Align::Left => (left_pt, 0.0),
            Align::Center => (left_pt + slack_pt / 2.0, 0.0),
            Align::Right => (left_pt + slack_pt, 0.0),
            Align::Justify => (left_pt, justify_spacing_pt(line, style, slack_pt)),
        };
        if !line.text.is_empty() {
            self.push(Item::Text(run(
                style,
                x_pt,
                baseline_pt,
                line.text.clone(),
                spacing_pt,
            )));
        }
        self.y_pt += style.line_pitch_pt;
    }
}

/// The letter spacing that stretches a line to its full width: only inside a paragraph, and only when the
/// gap is a character or two (the gap 避头尾 leaves), never to spread a short line across the page.
fn justify_spacing_pt(line: &Line, style: &Style, slack_pt: f32) -> f32 {
    let gaps = line.text.chars().count().saturating_sub(1);
    if line.ends_paragraph || gaps == 0 || slack_pt > 2.5 * style.size_pt {
        return 0.0;
    }
    slack_pt / gaps as f32
}
