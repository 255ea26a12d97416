//! A section's tables in the enterprise form (docs/formats.md, "Section tables"): 插入表格 under the text, and each
//! table as a grid of cells with its rows and columns added or removed and its place in the text. Like typing, the
//! edits change the draft in place and mark it changed; the frozen page disables them all.

use egui::{RichText, Ui};

use crate::model::Enterprise;
use crate::model::section_table::{self, MAX_COLUMNS, MAX_ROWS, SectionTable};
use crate::ui::form::Form;
use crate::ui::labels;

/// Width of a cell's text box, in points: the page's width shared by the columns, within these bounds (a wide
/// table scrolls sideways).
const MIN_CELL_WIDTH: f32 = 80.0;
const MAX_CELL_WIDTH: f32 = 240.0;
/// Rows shown at once; a longer table scrolls inside its frame (only the rows in view are laid out).
const SHOWN_ROWS: usize = 12;

/// The tables of section `key` of enterprise `index`, then the 插入表格 button. `heading` names the cells for a
/// screen reader (and the tests): `一、企业基本情况 表1 第2行第3列`.
pub fn section_tables_ui(
    ui: &mut Ui,
    e: &mut Enterprise,
    key: &str,
    heading: &str,
    index: usize,
    form: &mut Form<'_>,
) {
    let lines = section_table::line_count(e.section(key));
    let mut remove = None;
    if let Some(tables) = e.section_tables.get_mut(key) {
        for (t, table) in tables.iter_mut().enumerate() {
            let names = CellNames { heading, table: t };
            if table_ui(ui, table, lines, &names, (index, key), form) {
                remove = Some(t);
            }
        }
    }
    if let Some(t) = remove
        && let Some(tables) = e.section_tables.get_mut(key)
    {
        tables.remove(t);
        if tables.is_empty() {
            // No entry for a section without tables: such drafts keep their bytes and 定稿码.
            e.section_tables.remove(key);
        }
        form.changed = true;
    }
    let insert = ui
        .button(labels::INSERT_TABLE)
        .on_hover_text(labels::INSERT_TABLE_HINT);
    if insert.clicked() {
        e.section_tables
            .entry(key.to_owned())
            .or_default()
            .push(SectionTable::new(lines, 2, 2));
        form.changed = true;
    }
}

/// How a table's cells are named.
struct CellNames<'a> {
    heading: &'a str,
    table: usize,
}

impl CellNames<'_> {
    fn cell(&self, row: usize, column: usize) -> String {
        format!(
            "{} 表{} 第{}行第{}列",
            self.heading,
            self.table + 1,
            row + 1,
            column + 1
        )
    }
}

/// One table: its size and place, the row and column buttons, the grid. True when the clerk removed it.
fn table_ui(
    ui: &mut Ui,
    table: &mut SectionTable,
    lines: usize,
    names: &CellNames<'_>,
    id: (usize, &str),
    form: &mut Form<'_>,
) -> bool {
    let mut remove = false;
    ui.group(|ui| {
        ui.horizontal_wrapped(|ui| {
            let (rows, columns) = (table.rows.len(), table.column_count());
            ui.label(
                RichText::new(format!("表{}（{rows} 行 × {columns} 列）", names.table + 1))
                    .strong(),
            );
            let label = ui.label(labels::TABLE_PLACE_BEFORE);
            let most = lines.max(table.after_line);
            let place = ui
                .add(egui::DragValue::new(&mut table.after_line).range(0..=most))
                .labelled_by(label.id);
            ui.label(labels::TABLE_PLACE_AFTER);
            form.changed |= place.changed();
            let button = |ui: &mut Ui, enabled: bool, label: &str| {
                ui.add_enabled(enabled, egui::Button::new(label)).clicked()
            };
            if button(ui, rows < MAX_ROWS, labels::TABLE_ADD_ROW) {
                table.insert_row(rows);
                form.changed = true;
            }
            if button(ui, columns < MAX_COLUMNS, labels::TABLE_ADD_COLUMN) {
                table.insert_column(columns);
                form.changed = true;
            }
            if button(ui, rows > 0, labels::TABLE_REMOVE_ROW) {
                table.remove_row(rows - 1);
                form.changed = true;
            }
            if button(ui, columns > 0, labels::TABLE_REMOVE_COLUMN) {
                table.remove_column(columns - 1);
                form.changed = true;
            }
            remove = button(ui, true, labels::TABLE_REMOVE);
        });
        grid_ui(ui, table, names, id, form);
    });
    remove
}

/// The cells, a row per line; a ragged row shows empty boxes that become cells only when typed into, so looking
/// at a table never changes it.
fn grid_ui(
    ui: &mut Ui,
    table: &mut SectionTable,
    names: &CellNames<'_>,
    id: (usize, &str),
    form: &mut Form<'_>,
) {
    let columns = table.column_count();
    if table.rows.is_empty() || columns == 0 {
        ui.label(RichText::new(labels::TABLE_EMPTY).weak());
        return;
    }
    // A one-line text box: the body text's height and the box's margin (2 points above and below).
    let row_height =
        (ui.text_style_height(&egui::TextStyle::Body) + 4.0).max(ui.spacing().interact_size.y);
    #[expect(clippy::cast_precision_loss, reason = "a handful of rows and columns")]
    let (max_height, cell_width) = (
        (row_height + ui.spacing().item_spacing.y) * SHOWN_ROWS as f32,
        (ui.available_width() / columns as f32 - ui.spacing().item_spacing.x)
            .clamp(MIN_CELL_WIDTH, MAX_CELL_WIDTH),
    );
    let salt = ("section_table", id.0, id.1, names.table);
    let look = RowLook {
        columns,
        cell_width,
        names,
        id,
    };
    if table.rows.len() <= SHOWN_ROWS {
        // Short tables (the usual 近三年 table) show whole; only a wide one scrolls, sideways.
        egui::ScrollArea::horizontal().id_salt(salt).show(ui, |ui| {
            for (r, row) in table.rows.iter_mut().enumerate() {
                row_ui(ui, row, r, &look, form);
            }
        });
        return;
    }
    egui::ScrollArea::both()
        .id_salt(salt)
        .max_height(max_height)
        .show_rows(ui, row_height, table.rows.len(), |ui, range| {
            for r in range {
                if let Some(row) = table.rows.get_mut(r) {
                    row_ui(ui, row, r, &look, form);
                }
            }
        });
}

/// What every row of a grid shares.
struct RowLook<'a> {
    columns: usize,
    cell_width: f32,
    names: &'a CellNames<'a>,
    id: (usize, &'a str),
}

/// Row `r` of a grid: a text box per column; a box past a short row's end becomes a cell only when typed into.
fn row_ui(ui: &mut Ui, row: &mut Vec<String>, r: usize, look: &RowLook<'_>, form: &mut Form<'_>) {
    let (names, id) = (look.names, look.id);
    ui.horizontal(|ui| {
        for c in 0..look.columns {
            let name = names.cell(r, c);
            let salt = ("cell", id.0, id.1, names.table, r, c);
            if let Some(cell) = row.get_mut(c) {
                let edit = cell_edit(cell, salt, look.cell_width);
                let response = ui.add(edit).accessible_name(&name);
                form.changed |= response.changed();
            } else {
                let mut typed = String::new();
                let edit = cell_edit(&mut typed, salt, look.cell_width);
                let response = ui.add(edit).accessible_name(&name);
                if response.changed() {
                    row.resize(c, String::new());
                    row.push(typed);
                    form.changed = true;
                }
            }
        }
    });
}

/// A cell's text box.
fn cell_edit(
    text: &mut String,
    salt: impl std::hash::Hash + std::fmt::Debug,
    width: f32,
) -> egui::TextEdit<'_> {
    egui::TextEdit::singleline(text)
        .id_salt(salt)
        .desired_width(width)
}
