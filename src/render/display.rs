//! The display list: laid-out pages of positioned text runs, lines and rectangles. The PDF writer and the
//! window's print preview both draw exactly this, so the preview is the printed layout.
//!
//! Coordinates are in points (1/72 inch), measured from the top-left corner of the page, y growing down.

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A4 short side in points (210 mm).
pub const A4_SHORT_PT: f32 = 210.0 * PT_PER_MM;
/// A4 long side in points (297 mm).
pub const A4_LONG_PT: f32 = 297.0 * PT_PER_MM;

/// Millimetres to points.
pub fn mm(value_mm: f32) -> f32 {
    value_mm * PT_PER_MM
}

/// One of the bundled print faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FontKind {
    /// Noto Serif SC Regular: the body (宋体-style; no free 仿宋 exists).
    Serif,
    /// Noto Serif SC Bold: titles.
    SerifBold,
    /// Noto Sans SC Regular: headings (黑体-style).
    Sans,
}

impl FontKind {
    /// Every face, in the order the PDF writer registers them.
    pub const ALL: [Self; 3] = [Self::Serif, Self::SerifBold, Self::Sans];
}

/// A run of text on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline.
    pub x_pt: f32,
    /// The baseline, from the top of the page.
    pub baseline_pt: f32,
    pub font: FontKind,
    pub size_pt: f32,
    /// Extra space after every character, for justified lines (PDF `Tc`).
    pub letter_spacing_pt: f32,
    /// Grey level: 0 black, 1 white.
    pub gray: f32,
    /// Counter-clockwise rotation around (`x_pt`, `baseline_pt`), in degrees; 0 for all but the 草稿 mark.
    pub rotation_deg: f32,
    /// Only characters the font draws; the layout has already replaced the others.
    pub text: String,
    /// The width the layout measured, letter spacing included.
    pub width_pt: f32,
}

/// A straight stroke.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeg {
    pub from_pt: (f32, f32),
    pub to_pt: (f32, f32),
    pub width_pt: f32,
    pub gray: f32,
}

/// A filled rectangle (table header shading).
#[derive(Clone, Debug, PartialEq)]
pub struct FillRect {
    pub x_pt: f32,
    pub y_pt: f32,
    pub width_pt: f32,
    pub height_pt: f32,
    pub gray: f32,
}

/// Text drawn as filled outlines (the 草稿 mark), so that no text extractor finds it. `contours` are closed
/// polygons in page points (non-zero winding); `run` is the same text as a run, which the preview draws.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlinedText {
    pub run: TextRun,
    pub contours: Vec<Vec<(f32, f32)>>,
}

/// Something drawn on a page, in painting order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    Line(LineSeg),
    Rect(FillRect),
    Outlined(OutlinedText),
}

/// One laid-out page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width_pt: f32,
    pub height_pt: f32,
    pub items: Vec<Item>,
}

impl Page {
    /// An empty page of this size.
    pub fn new(width_pt: f32, height_pt: f32) -> Self {
        Self {
            width_pt,
            height_pt,
            items: Vec::new(),
        }
    }

    /// The text runs of the page, in painting order.
    pub fn text_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Line(_) | Item::Rect(_) | Item::Outlined(_) => None,
        })
    }
}

/// A laid-out document with the metadata its PDF carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub title: String,
    pub author: String,
    pub pages: Vec<Page>,
    /// When the PDF says it was made, in Unix seconds: the 定稿 time, so that the same 定稿 always gives the
    /// same bytes.
    pub created_unix: i64,
}
