//! Tables inside report sections (docs/formats.md, "Section tables"; docs/documents.md): a section is its text
//! plus an ordered list of tables, each anchored after a number of the text's lines. Text-only code keeps reading
//! `Enterprise::sections` as before; what lays a section out asks `pieces` for text and tables in reading order.

use serde::{Deserialize, Serialize};

use super::template::char_count;

/// A table holds at most this many columns: wider cannot be read on an A4 page (156 mm of text width).
pub const MAX_COLUMNS: usize = 20;
/// A table holds at most this many rows (a few pages of a report; more belongs in an attachment).
pub const MAX_ROWS: usize = 500;

/// One table of a section: rows of cells exactly as typed (rows may differ in length), and where it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct SectionTable {
    /// How many lines of the section's text (split at line breaks, empty lines included) come before the table:
    /// 0 puts it before the text, a number past the last line after all of it.
    pub after_line: usize,
    /// The rows, first row first; the first row is printed like the others (no header shading).
    pub rows: Vec<Vec<String>>,
}

impl SectionTable {
    /// A new empty table of `rows` × `columns` cells after line `after_line`.
    pub fn new(after_line: usize, rows: usize, columns: usize) -> Self {
        Self {
            after_line,
            rows: vec![vec![String::new(); columns]; rows],
        }
    }

    /// The number of columns: the longest row's length.
    pub fn column_count(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Whether no cell holds any visible text.
    pub fn is_blank(&self) -> bool {
        self.rows.iter().flatten().all(|c| c.trim().is_empty())
    }

    /// The 字 of all cells (the rule of `template::char_count`).
    pub fn char_count(&self) -> usize {
        self.rows.iter().flatten().map(|c| char_count(c)).sum()
    }

    /// Every row padded with empty cells to the same length, for a grid.
    pub fn squared(&self) -> Vec<Vec<String>> {
        let columns = self.column_count();
        self.rows
            .iter()
            .map(|row| {
                let mut row = row.clone();
                row.resize(columns, String::new());
                row
            })
            .collect()
    }

    /// Inserts an empty row before row `at` (at the end when past it), as wide as the table.
    pub fn insert_row(&mut self, at: usize) {
        let row = vec![String::new(); self.column_count().max(1)];
        self.rows.insert(at.min(self.rows.len()), row);
    }

    /// Removes row `at`, if there is one.
    pub fn remove_row(&mut self, at: usize) {
        if at < self.rows.len() {
            self.rows.remove(at);
        }
    }

    /// Inserts an empty cell at column `at` of every row (squaring ragged rows first); a table without rows gets one.
    pub fn insert_column(&mut self, at: usize) {
        if self.rows.is_empty() {
            self.rows.push(Vec::new());
        }
        self.rows = self.squared();
        for row in &mut self.rows {
            row.insert(at.min(row.len()), String::new());
        }
    }

    /// Removes column `at` from every row that has it.
    pub fn remove_column(&mut self, at: usize) {
        for row in &mut self.rows {
            if at < row.len() {
                row.remove(at);
            }
        }
    }

    /// The cell at `row`, `column`, created (with the cells before it) when the row is shorter.
    pub fn cell_mut(&mut self, row: usize, column: usize) -> Option<&mut String> {
        let cells = self.rows.get_mut(row)?;
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells.get_mut(column)
    }
}

/// A stretch of a section in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Lines of the text (joined by their line breaks); never empty.
    Text(&'a str),
    Table(&'a SectionTable),
}

/// The section's text cut at its tables' anchors, tables in their order (a stable sort by `after_line`, so two
/// tables after the same line keep the order they were added in). Without tables: the text alone, as before.
pub fn pieces<'a>(text: &'a str, tables: &'a [SectionTable]) -> Vec<Piece<'a>> {
    let mut ordered: Vec<&SectionTable> = tables.iter().collect();
    ordered.sort_by_key(|t| t.after_line);
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut line = 0;
    for table in ordered {
        // Take whole lines from `rest` until `after_line` lines are behind.
        let mut cut = 0;
        while line < table.after_line && cut < rest.len() {
            cut = rest[cut..].find('\n').map_or(rest.len(), |n| cut + n + 1);
            line += 1;
        }
        let (before, after) = rest.split_at(cut);
        let before = before.strip_suffix('\n').unwrap_or(before);
        if !before.is_empty() {
            pieces.push(Piece::Text(before));
        }
        pieces.push(Piece::Table(table));
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// The number of lines of `text` as `after_line` counts them (an empty text has none).
pub fn line_count(text: &str) -> usize {
    if text.is_empty() {
        0
    } else {
        text.split('\n').count()
    }
}

/// The 字 of a section: its text and every cell of its tables.
pub fn section_chars(text: &str, tables: &[SectionTable]) -> usize {
    char_count(text) + tables.iter().map(SectionTable::char_count).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(after_line: usize, cell: &str) -> SectionTable {
        SectionTable {
            after_line,
            rows: vec![vec![cell.to_owned()]],
        }
    }

    #[test]
    fn text_without_tables_is_one_piece() {
        assert_eq!(pieces("甲\n乙", &[]), [Piece::Text("甲\n乙")]);
        assert!(pieces("", &[]).is_empty());
    }

    #[test]
    fn tables_stand_after_their_line_in_order() {
        let tables = [
            table(2, "后"),
            table(0, "首"),
            table(1, "中"),
            table(2, "后二"),
        ];
        let got = pieces("一\n二\n三", &tables);
        assert_eq!(
            got,
            [
                Piece::Table(&tables[1]),
                Piece::Text("一"),
                Piece::Table(&tables[2]),
                Piece::Text("二"),
                Piece::Table(&tables[0]),
                Piece::Table(&tables[3]),
                Piece::Text("三"),
            ]
        );
    }

    #[test]
    fn an_anchor_past_the_text_puts_the_table_last() {
        let tables = [table(99, "表")];
        assert_eq!(
            pieces("一\n二\n", &tables),
            [Piece::Text("一\n二"), Piece::Table(&tables[0])]
        );
        assert_eq!(pieces("", &tables), [Piece::Table(&tables[0])]);
    }

    #[test]
    fn empty_lines_count_as_lines() {
        let tables = [table(2, "表")];
        assert_eq!(
            pieces("一\n\n三", &tables),
            [
                Piece::Text("一\n"),
                Piece::Table(&tables[0]),
                Piece::Text("三")
            ]
        );
        assert_eq!(line_count("一\n\n三"), 3);
        assert_eq!(line_count(""), 0);
    }

    #[test]
    fn cells_count_towards_the_section() {
        let t = SectionTable {
            after_line: 0,
            rows: vec![vec!["2022年".into(), "99.5 %".into()], vec!["合 格".into()]],
        };
        assert_eq!(t.char_count(), 5 + 5 + 2);
        assert_eq!(section_chars("正文。", std::slice::from_ref(&t)), 3 + 12);
    }

    #[test]
    fn rows_and_columns_are_added_and_removed() {
        let mut t = SectionTable::new(0, 0, 0);
        assert_eq!(t.column_count(), 0);
        t.insert_column(0);
        assert_eq!(t.rows, [[""]]);
        t.insert_row(5);
        t.insert_column(1);
        *t.cell_mut(1, 1).expect("cell") = "乙".into();
        assert_eq!(t.rows, [["", ""], ["", "乙"]]);
        t.remove_column(0);
        t.remove_row(0);
        t.remove_row(7);
        assert_eq!(t.rows, [["乙"]]);
    }

    #[test]
    fn ragged_rows_are_squared_for_a_grid() {
        let mut t = SectionTable {
            after_line: 0,
            rows: vec![
                vec!["a".into()],
                vec![],
                vec!["b".into(), "c".into(), "d".into()],
            ],
        };
        assert_eq!(t.column_count(), 3);
        assert!(t.squared().iter().all(|r| r.len() == 3));
        *t.cell_mut(1, 2).expect("cell") = "x".into();
        assert_eq!(t.rows[1], ["", "", "x"]);
        assert!(t.cell_mut(9, 0).is_none());
        t.insert_column(1);
        assert!(t.rows.iter().all(|r| r.len() == 4));
    }
}
