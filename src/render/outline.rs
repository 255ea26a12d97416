//! Text as glyph outlines: the font's contours, curves flattened into short straight segments, placed and
//! turned like the text run they stand for. A PDF fills them as paths, so no extractor reads them as text.

use ttf_parser::OutlineBuilder as _;

use super::display::TextRun;
use super::metrics;

/// Straight segments per curve: at the 草稿 mark's 160 pt the error stays well under a tenth of a point.
const CURVE_STEPS: u16 = 8;

/// Collects one glyph's contours in font units (y up).
#[derive(Default)]
struct Contours {
    done: Vec<Vec<(f32, f32)>>,
    current: Vec<(f32, f32)>,
}

impl Contours {
    fn last(&self) -> (f32, f32) {
        self.current.last().copied().unwrap_or_default()
    }
}

impl ttf_parser::OutlineBuilder for Contours {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.current.push((x, y));
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.current.push((x, y));
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.last();
        for step in 1..=CURVE_STEPS {
            let t = f32::from(step) / f32::from(CURVE_STEPS);
            let u = 1.0 - t;
            self.current.push((
                u * u * x0 + 2.0 * u * t * x1 + t * t * x,
                u * u * y0 + 2.0 * u * t * y1 + t * t * y,
            ));
        }
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x0, y0) = self.last();
        for step in 1..=CURVE_STEPS {
            let t = f32::from(step) / f32::from(CURVE_STEPS);
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            self.current.push((
                a * x0 + b * x1 + c * x2 + d * x,
                a * y0 + b * y1 + c * y2 + d * y,
            ));
        }
    }

    fn close(&mut self) {
        if self.current.len() > 2 {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.current.clear();
    }
}

/// The contours of `run`'s text in page points (y down), rotated about the run's origin as the run is.
pub fn text_contours(run: &TextRun) -> Vec<Vec<(f32, f32)>> {
    let face = metrics::face(run.font);
    let scale = run.size_pt / f32::from(face.units_per_em());
    let (sin, cos) = run.rotation_deg.to_radians().sin_cos();
    let mut out = Vec::new();
    let mut pen_x = 0.0;
    for c in run.text.chars() {
        if let Some(glyph) = face.glyph_index(c) {
            let mut contours = Contours::default();
            face.outline_glyph(glyph, &mut contours);
            contours.close();
            for contour in contours.done {
                out.push(
                    contour
                        .into_iter()
                        .map(|(gx, gy)| {
                            // Along the baseline and down the page, then turned counter-clockwise on the page.
                            let (x, y) = (pen_x + gx * scale, -gy * scale);
                            (
                                run.x_pt + x * cos + y * sin,
                                run.baseline_pt - x * sin + y * cos,
                            )
                        })
                        .collect(),
                );
            }
        }
        pen_x += metrics::advance_em(run.font, c) * run.size_pt + run.letter_spacing_pt;
    }
    out
}
