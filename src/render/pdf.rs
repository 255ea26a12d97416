//! Writes a laid-out document as PDF with printpdf: the bundled faces embedded as subsets with ToUnicode maps
//! (printpdf's `text_layout` feature), so the text stays searchable and copyable.
//!
//! The bytes are reproducible: the same layout always gives the same file. printpdf draws its resource ids
//! and the trailer's `/ID` from a process-wide counter; the fonts are registered under fixed ids here, the
//! dates come from the layout, and the `/ID` pair is replaced after saving by a digest of the file (same
//! length, so the cross-reference offsets stay right). No patch of printpdf is needed.

use std::sync::LazyLock;

use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect,
    TextItem, TextMatrix, WindingOrder,
};

use super::RenderError;
use super::display::{
    FillRect, FontKind, Item, Layout, LineSeg, OutlinedText, PT_PER_MM, Page, TextRun,
};
use super::metrics;

/// The faces parsed once for printpdf; `None` for one it could not read.
static PARSED: LazyLock<[Option<ParsedFont>; 3]> = LazyLock::new(|| {
    FontKind::ALL.map(|kind| ParsedFont::from_bytes(metrics::font_bytes(kind), 0, &mut Vec::new()))
});

fn parsed(kind: FontKind) -> Result<&'static ParsedFont, RenderError> {
    let index = FontKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    PARSED[index].as_ref().ok_or(RenderError::Font {
        font: match kind {
            FontKind::Serif => "NotoSerifSC-Regular",
            FontKind::SerifBold => "NotoSerifSC-Bold",
            FontKind::Sans => "NotoSansSC-Regular",
        },
    })
}

/// The PDF bytes of a layout, with its title, author and the creator `lingjun <version>`.
pub fn write_pdf(layout: &Layout) -> Result<Vec<u8>, RenderError> {
    let mut doc = PdfDocument::new(&layout.title);
    let info = &mut doc.metadata.info;
    info.document_title.clone_from(&layout.title);
    info.author.clone_from(&layout.author);
    info.creator = format!("lingjun {}", crate::VERSION);
    info.producer = format!("lingjun {} (printpdf 0.12.8)", crate::VERSION);
    let created = printpdf::OffsetDateTime::from_unix_timestamp(layout.created_unix)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::now_utc());
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    let mut font_ids = Vec::new();
    for (kind, id) in FontKind::ALL.into_iter().zip(FONT_IDS) {
        // Fixed ids: they name the fonts in every page and prefix the subset names (`LJSERA+…`).
        let id = printpdf::FontId(id.to_owned());
        let font = printpdf::PdfFont::new(parsed(kind)?.clone());
        doc.resources.fonts.map.insert(id.clone(), font);
        font_ids.push(id);
    }
    let font_handle = |kind: FontKind| {
        let index = FontKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        PdfFontHandle::External(font_ids[index].clone())
    };
    let pages = layout
        .pages
        .iter()
        .map(|page| pdf_page(page, &font_handle))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pages).save(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(RenderError::Pdf {
            message: error.msg.clone(),
        });
    }
    Ok(fix_trailer_id(bytes))
}

/// Resource ids of the three faces; the first six letters become the subset tag.
const FONT_IDS: [&str; 3] = ["LJSERA", "LJSERB", "LJSANS"];

/// Replaces the two strings of the trailer's `/ID [(…)(…)]` with hex digits of the file's SHA-256 (taken with
/// the strings blanked), keeping their length. A file without the expected trailer is returned unchanged.
fn fix_trailer_id(mut bytes: Vec<u8>) -> Vec<u8> {
    use sha2::Digest as _;
    let Some(id_at) = bytes.windows(3).rposition(|w| w == b"/ID") else {
        return bytes;
    };
    let mut spans = Vec::new();
    let mut i = id_at;
    while spans.len() < 2 && i < bytes.len() {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b')') else {
                return bytes;
            };
            spans.push(start..start + len);
            i = start + len;
        }
        i += 1;
    }
    for span in &spans {
        bytes[span.clone()].fill(b'0');
    }
    let digest = crate::model::draft::lower_hex(&sha2::Sha256::digest(&bytes));
    for span in spans {
        let hex = digest.as_bytes().iter().cycle();
        for (b, h) in bytes[span].iter_mut().zip(hex) {
            *b = h.to_ascii_uppercase();
        }
    }
    bytes
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

/// Page coordinates are from the top; PDF's are from the bottom.
fn point(page: &Page, (x_pt, y_pt): (f32, f32)) -> Point {
    Point {
        x: Pt(x_pt),
        y: Pt(page.height_pt - y_pt),
    }
}

fn pdf_page(page: &Page, font_handle: &dyn Fn(FontKind) -> PdfFontHandle) -> PdfPage {
    let mut ops = Vec::new();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                if !run.text.is_empty() {
                    ops.extend(text_ops(page, run, font_handle(run.font)));
                }
            }
            Item::Line(line) => ops.extend(line_ops(page, line)),
            Item::Outlined(outlined) => ops.extend(outlined_ops(page, outlined)),
            Item::Rect(rect) => ops.extend(rect_ops(page, rect)),
        }
    }
    PdfPage::new(
        Mm(page.width_pt / PT_PER_MM),
        Mm(page.height_pt / PT_PER_MM),
        ops,
    )
}

/// A run of text in its font, size, grey, letter spacing and rotation.
fn text_ops(page: &Page, run: &TextRun, font: PdfFontHandle) -> [Op; 7] {
    let origin = point(page, (run.x_pt, run.baseline_pt));
    let (sin, cos) = run.rotation_deg.to_radians().sin_cos();
    [
        Op::StartTextSection,
        Op::SetFillColor {
            col: gray(run.gray),
        },
        Op::SetFont {
            font,
            size: Pt(run.size_pt),
        },
        Op::SetCharacterSpacing {
            multiplier: run.letter_spacing_pt,
        },
        Op::SetTextMatrix {
            matrix: TextMatrix::Raw([cos, sin, -sin, cos, origin.x.0, origin.y.0]),
        },
        Op::ShowText {
            items: vec![TextItem::Text(run.text.clone())],
        },
        Op::EndTextSection,
    ]
}

/// A ruled line.
fn line_ops(page: &Page, line: &LineSeg) -> [Op; 3] {
    [
        Op::SetOutlineColor {
            col: gray(line.gray),
        },
        Op::SetOutlineThickness {
            pt: Pt(line.width_pt),
        },
        Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: point(page, line.from_pt),
                        bezier: false,
                    },
                    LinePoint {
                        p: point(page, line.to_pt),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        },
    ]
}

/// Text drawn as filled glyph outlines (the 草稿 mark).
fn outlined_ops(page: &Page, outlined: &OutlinedText) -> [Op; 2] {
    [
        Op::SetFillColor {
            col: gray(outlined.run.gray),
        },
        Op::DrawPolygon {
            polygon: Polygon {
                rings: outlined
                    .contours
                    .iter()
                    .map(|contour| PolygonRing {
                        points: contour
                            .iter()
                            .map(|p| LinePoint {
                                p: point(page, *p),
                                bezier: false,
                            })
                            .collect(),
                    })
                    .collect(),
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        },
    ]
}

/// A filled rectangle.
fn rect_ops(page: &Page, rect: &FillRect) -> [Op; 2] {
    [
        Op::SetFillColor {
            col: gray(rect.gray),
        },
        Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(rect.x_pt),
                y: Pt(page.height_pt - rect.y_pt - rect.height_pt),
                width: Pt(rect.width_pt),
                height: Pt(rect.height_pt),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        },
    ]
}
