//! Ruled tables on the page flow: cells wrap, a row that does not fit moves to the next page (or, taller than a
//! page, is split there), and the header row is drawn again at the top of every page the table continues on.

use super::display::{FillRect, FontKind, Item, LineSeg};
use super::flow::{Align, Flow, Style, baseline_offset_pt, run};
use super::linebreak::{self, Line};
use super::metrics;

/// Grey of the header row's shading.
const HEADER_FILL_GRAY: f32 = 0.90;
/// A row is only split when at least this many of its lines stay on the page.
const MIN_SPLIT_LINES: usize = 3;
/// Width of the rules.
const RULE_WIDTH_PT: f32 = 0.75;

/// One column: its header text, width and how its cells are set.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub width_pt: f32,
    pub align: Align,
    pub font: FontKind,
}

/// How the table looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TableStyle {
    pub header: Style,
    pub body: Style,
    /// Inner space between the rules and the text, left/right.
    pub padding_x_pt: f32,
    /// Inner space above and below the text.
    pub padding_y_pt: f32,
    /// Whether there is a header row at all.
    pub has_header: bool,
}

/// A cell broken into lines, consumed as its row is placed.
struct CellLines {
    lines: Vec<Line>,
    next: usize,
}

/// Breaks a cell's text (line breaks kept) for the width of its column.
fn cell_lines(text: &str, font: FontKind, size_pt: f32, width_pt: f32) -> Vec<Line> {
    let printable = metrics::printable(font, text);
    printable
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| linebreak::break_paragraph(p, font, size_pt, width_pt, width_pt))
        .collect()
}

/// Lays a table out at the cursor, starting at the left edge of the text area.
pub fn table(flow: &mut Flow, columns: &[Column], rows: &[Vec<String>], style: &TableStyle) {
    let inner = |c: &Column| (c.width_pt - 2.0 * style.padding_x_pt).max(style.body.size_pt);
    let header: Vec<Vec<Line>> = columns
        .iter()
        .map(|c| cell_lines(&c.header, style.header.font, style.header.size_pt, inner(c)))
        .collect();
    let header_height_pt = row_height_pt(
        header.iter().map(Vec::len).max().unwrap_or(1),
        &style.header,
        style,
    );
    if style.has_header {
        // The header never stands alone at the foot of a page: it goes with the first row, or with at least
        // three lines of it (the first row is then split rather than leaving the page under the title empty).
        let first_row_lines = rows.first().map_or(1, |row| {
            columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let text = row.get(i).map_or("", String::as_str);
                    cell_lines(text, c.font, style.body.size_pt, inner(c)).len()
                })
                .max()
                .unwrap_or(1)
        });
        let first_row_pt = row_height_pt(first_row_lines.min(MIN_SPLIT_LINES), &style.body, style);
        flow.ensure_pt(header_height_pt + first_row_pt);
        draw_header(flow, columns, &header, style, header_height_pt);
    }
    for (row_index, row) in rows.iter().enumerate() {
        let mut cells: Vec<CellLines> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| CellLines {
                lines: cell_lines(
                    row.get(i).map_or("", String::as_str),
                    c.font,
                    style.body.size_pt,
                    inner(c),
                ),
                next: 0,
            })
            .collect();
        let mut first_piece = true;
        loop {
            let left = cells
                .iter()
                .map(|c| c.lines.len() - c.next)
                .max()
                .unwrap_or(0)
                .max(1);
            let fits_lines = ((flow.remaining_pt() - 2.0 * style.padding_y_pt)
                / style.body.line_pitch_pt)
                .floor();
            let fits_lines = if fits_lines < 1.0 {
                0
            } else {
                fits_lines as usize
            };
            let page_lines =
                ((flow.frame.content_height_pt() - header_height_pt - 2.0 * style.padding_y_pt)
                    / style.body.line_pitch_pt)
                    .floor()
                    .max(1.0) as usize;
            // Move a row to the next page when it fits there whole; split it only when it is taller than a page.
            let take = if left <= fits_lines {
                left
            } else if (left <= page_lines && first_piece && row_index > 0)
                || fits_lines < MIN_SPLIT_LINES.min(left)
            {
                new_page_with_header(flow, columns, &header, style, header_height_pt);
                left.min(page_lines)
            } else {
                fits_lines
            };
            draw_row_piece(
                flow,
                columns,
                &mut cells,
                take,
                style,
                first_piece && take == left,
            );
            first_piece = false;
            if cells.iter().all(|c| c.next >= c.lines.len()) {
                break;
            }
            new_page_with_header(flow, columns, &header, style, header_height_pt);
        }
    }
}

fn row_height_pt(lines: usize, text: &Style, style: &TableStyle) -> f32 {
    lines.max(1) as f32 * text.line_pitch_pt + 2.0 * style.padding_y_pt
}

fn new_page_with_header(
    flow: &mut Flow,
    columns: &[Column],
    header: &[Vec<Line>],
    style: &TableStyle,
    height_pt: f32,
) {
    flow.new_page();
    if style.has_header {
        draw_header(flow, columns, header, style, height_pt);
    }
}

fn draw_header(
    flow: &mut Flow,
    columns: &[Column],
    header: &[Vec<Line>],
    style: &TableStyle,
    height_pt: f32,
) {
    let top_pt = flow.y_pt;
    let width_pt: f32 = columns.iter().map(|c| c.width_pt).sum();
    flow.push(Item::Rect(FillRect {
        x_pt: flow.frame.left_pt,
        y_pt: top_pt,
        width_pt,
        height_pt,
        gray: HEADER_FILL_GRAY,
    }));
    let mut x_pt = flow.frame.left_pt;
    for (column, lines) in columns.iter().zip(header) {
        let text_height_pt = lines.len() as f32 * style.header.line_pitch_pt;
        let mut y_pt = top_pt + (height_pt - text_height_pt) / 2.0;
        for line in lines {
            let slack_pt = (column.width_pt - line.width_pt).max(0.0);
            let baseline_pt = y_pt + baseline_offset_pt(&style.header);
            flow.push(Item::Text(run(
                &style.header,
                x_pt + slack_pt / 2.0,
                baseline_pt,
                line.text.clone(),
                0.0,
            )));
            y_pt += style.header.line_pitch_pt;
        }
        x_pt += column.width_pt;
    }
    rules(flow, columns, top_pt, height_pt);
    flow.y_pt = top_pt + height_pt;
}

/// Draws up to `take` lines of every cell as one ruled row; a whole row is centred vertically.
fn draw_row_piece(
    flow: &mut Flow,
    columns: &[Column],
    cells: &mut [CellLines],
    take: usize,
    style: &TableStyle,
    whole_row: bool,
) {
    let top_pt = flow.y_pt;
    let height_pt = row_height_pt(take, &style.body, style);
    let mut x_pt = flow.frame.left_pt;
    for (column, cell) in columns.iter().zip(cells.iter_mut()) {
        let end = (cell.next + take).min(cell.lines.len());
        let lines = &cell.lines[cell.next..end];
        let text_height_pt = lines.len() as f32 * style.body.line_pitch_pt;
        let mut y_pt = if whole_row {
            top_pt + (height_pt - text_height_pt) / 2.0
        } else {
            top_pt + style.padding_y_pt
        };
        let body = Style {
            font: column.font,
            ..style.body
        };
        for line in lines {
            let inner_pt = column.width_pt - 2.0 * style.padding_x_pt;
            let slack_pt = (inner_pt - line.width_pt).max(0.0);
            let offset_pt = match column.align {
                Align::Center => slack_pt / 2.0,
                Align::Right => slack_pt,
                Align::Left | Align::Justify => 0.0,
            };
            let baseline_pt = y_pt + baseline_offset_pt(&body);
            let x = x_pt + style.padding_x_pt + offset_pt;
            flow.push(Item::Text(run(
                &body,
                x,
                baseline_pt,
                line.text.clone(),
                0.0,
            )));
            y_pt += style.body.line_pitch_pt;
        }
        cell.next = end;
        x_pt += column.width_pt;
    }
    rules(flow, columns, top_pt, height_pt);
    flow.y_pt = top_pt + height_pt;
}

/// The box of one row: top and bottom rules and one rule at every column edge.
fn rules(flow: &mut Flow, columns: &[Column], top_pt: f32, height_pt: f32) {
    let left_pt = flow.frame.left_pt;
    let right_pt = left_pt + columns.iter().map(|c| c.width_pt).sum::<f32>();
    let bottom_pt = top_pt + height_pt;
    let rule = |from_pt, to_pt| {
        Item::Line(LineSeg {
            from_pt,
            to_pt,
            width_pt: RULE_WIDTH_PT,
            gray: 0.0,
        })
    };
    flow.push(rule((left_pt, top_pt), (right_pt, top_pt)));
    flow.push(rule((left_pt, bottom_pt), (right_pt, bottom_pt)));
    let mut x_pt = left_pt;
    flow.push(rule((x_pt, top_pt), (x_pt, bottom_pt)));
    for column in columns {
        x_pt += column.width_pt;
        flow.push(rule((x_pt, top_pt), (x_pt, bottom_pt)));
    }
}
