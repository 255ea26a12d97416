//! The characters of a .doc's main document become paragraphs and tables (docs/import.md, "Word 97–2003 文档"):
//! `\r` ends a paragraph, `\x07` ends a table cell (or, with the row-end property, a row), `\x0B` is a manual
//! line break, and a field `\x13 code \x14 result \x15` keeps only its result. Other control characters (pictures,
//! footnote and comment marks) are dropped.

use super::doc_props::ParaProps;
use super::numbering::Counters;
use super::{Block, Para};

const PARAGRAPH: u16 = 0x0D;
const CELL: u16 = 0x07;
const PAGE_BREAK: u16 = 0x0C;
const LINE_BREAK: u16 = 0x0B;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
const NON_BREAKING_HYPHEN: u16 = 0x1E;

/// Blocks being built from the characters in order.
pub(super) struct Builder<'a> {
    /// The list counters, for the automatic numbers put in front of list paragraphs.
    counters: Counters<'a>,
    blocks: Vec<Block>,
    /// The paragraph being read, as UTF-16 (a character outside the BMP takes two places).
    text: Vec<u16>,
    /// Open fields, innermost last: whether its result has begun.
    fields: Vec<bool>,
    /// The open table: finished rows, the row being read, the paragraphs of the cell being read.
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
    /// A table inside a cell: the cells of its row being read, the paragraphs of its cell being read.
    inner_row: Vec<String>,
    inner_cell: Vec<String>,
    /// Text boxes anchored in the paragraph being read: they come before it, as in a .docx.
    boxes: Vec<Block>,
}

impl<'a> Builder<'a> {
    pub fn new(counters: Counters<'a>) -> Self {
        Builder {
            counters,
            blocks: Vec::new(),
            text: Vec::new(),
            fields: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
            cell: Vec::new(),
            inner_row: Vec::new(),
            inner_cell: Vec::new(),
            boxes: Vec::new(),
        }
    }

    /// The blocks of a text box anchored in the paragraph being read.
    pub fn text_box(&mut self, blocks: &[Block]) {
        self.boxes.extend_from_slice(blocks);
    }

    /// The text boxes of the paragraph just ended: blocks of the body, or lines of the cell.
    fn place_boxes(&mut self, in_table: bool) {
        for block in std::mem::take(&mut self.boxes) {
            match block {
                Block::Para(p) if in_table => self.cell.push(p.text),
                Block::Table(rows) if in_table => {
                    self.cell.extend(rows.iter().map(|r| r.join("\t")));
                }
                block => self.blocks.push(block),
            }
        }
    }

    /// Whether `unit` ends a paragraph, a cell or a row (its meaning depends on the paragraph's properties).
    pub fn is_mark(&self, unit: u16) -> bool {
        matches!(unit, PARAGRAPH | CELL | PAGE_BREAK)
    }

    /// A character that is not a mark.
    pub fn unit(&mut self, unit: u16) {
        match unit {
            FIELD_BEGIN => self.fields.push(false),
            FIELD_SEPARATOR => {
                if let Some(result) = self.fields.last_mut() {
                    *result = true;
                }
            }
            FIELD_END => {
                self.fields.pop();
            }
            _ if self.fields.iter().any(|&result| !result) => {}
            LINE_BREAK => self.text.push(u16::from(b'\n')),
            0x09 => self.text.push(unit),
            NON_BREAKING_HYPHEN => self.text.push(u16::from(b'-')),
            0..0x20 => {}
            _ => self.text.push(unit),
        }
    }

    /// A paragraph, cell or row mark with the properties of its paragraph; a deleted paragraph mark joins its
    /// paragraph to the next.
    pub fn mark(&mut self, unit: u16, props: &ParaProps, deleted: bool) {
        if deleted && unit == PARAGRAPH && props.depth == 0 {
            return;
        }
        if unit == PAGE_BREAK && self.text.is_empty() {
            return;
        }
        let mut text = String::from_utf16_lossy(&std::mem::take(&mut self.text));
        let mut list_label = String::new();
        if let Some((list, level)) = props.list
            && !props.row_end
        {
            list_label = self.counters.label(&list.to_string(), level);
            text.insert_str(0, &list_label);
        }
        if props.depth == 0 {
            self.end_table();
        }
        self.place_boxes(props.depth > 0);
        match props.depth {
            0 => {
                self.blocks.push(Block::Para(Para {
                    text,
                    outline: props.outline,
                    list_label,
                    ..Para::default()
                }));
            }
            1 if unit == CELL && props.row_end => {
                self.cell.clear();
                self.rows.push(std::mem::take(&mut self.row));
            }
            1 if unit == CELL => {
                self.cell.push(text);
                self.row.push(std::mem::take(&mut self.cell).join("\n"));
            }
            1 => self.cell.push(text),
            // A table inside a cell: its rows become lines of that cell, cells apart by tabs.
            _ if props.inner_row_end => {
                self.inner_cell.clear();
                let line = std::mem::take(&mut self.inner_row).join("\t");
                self.cell.push(line);
            }
            _ if props.inner_cell => {
                self.inner_cell.push(text);
                let cell = std::mem::take(&mut self.inner_cell).join("\n");
                self.inner_row.push(cell);
            }
            _ => self.inner_cell.push(text),
        }
    }

    fn end_table(&mut self) {
        if !self.row.is_empty() || !self.cell.is_empty() {
            self.cell.append(&mut self.inner_cell);
            if !self.cell.is_empty() {
                let cell = std::mem::take(&mut self.cell).join("\n");
                self.row.push(cell);
            }
            self.rows.push(std::mem::take(&mut self.row));
        }
        if !self.rows.is_empty() {
            self.blocks
                .push(Block::Table(std::mem::take(&mut self.rows)));
        }
    }

    /// The blocks, with a last paragraph that had no mark.
    pub fn finish(mut self) -> Vec<Block> {
        self.end_table();
        self.place_boxes(false);
        if !self.text.is_empty() {
            self.blocks.push(Block::Para(Para {
                text: String::from_utf16_lossy(&self.text),
                ..Para::default()
            }));
        }
        self.blocks
    }
}

#[cfg(test)]
mod tests {
    use super::super::numbering::Numbering;
    use super::*;

    /// Feeds `text` (marks as in a .doc) with the properties `props(i)` for the mark at `i`.
    fn build(text: &str, props: impl Fn(usize) -> ParaProps) -> Vec<Block> {
        let numbering = Numbering::default();
        let mut builder = Builder::new(numbering.counters());
        for (i, unit) in text.encode_utf16().enumerate() {
            if builder.is_mark(unit) {
                builder.mark(unit, &props(i), false);
            } else {
                builder.unit(unit);
            }
        }
        builder.finish()
    }

    fn para(text: &str) -> Block {
        Block::Para(Para {
            text: text.to_owned(),
            ..Para::default()
        })
    }

    #[test]
    fn fields_keep_their_result_and_breaks_become_lines() {
        let blocks = build(
            "见\x13 HYPERLINK \"x\" \x14网站\x15，第\x13 PAGE \x147\x15页\r甲\x0B乙\x1E丙\x1F\x01\r\x13 TC \"无结果\" \x15完\r",
            |_| ParaProps::default(),
        );
        assert_eq!(
            blocks,
            [para("见网站，第7页"), para("甲\n乙-丙"), para("完")]
        );
    }

    #[test]
    fn cells_and_rows_make_a_table() {
        // 表 | 一\n二 ; 空 | (empty) ; then a paragraph.
        let text = "表\x07一\r二\x07\x07空\x07\x07\x07后\r";
        let in_table = |i: usize| {
            let row_end = i == 6 || i == 10;
            ParaProps {
                depth: u32::from(i <= 10),
                row_end,
                ..ParaProps::default()
            }
        };
        assert_eq!(
            build(text, in_table),
            [
                Block::Table(vec![
                    vec!["表".to_owned(), "一\n二".to_owned()],
                    vec!["空".to_owned(), String::new()],
                ]),
                para("后"),
            ]
        );
    }

    #[test]
    fn a_nested_table_becomes_lines_of_its_cell() {
        // Outer cell: "外", then an inner table a|b, then the outer cell's mark; then the row end.
        let text = "外\ra\rb\r\r\x07\x07";
        let props = |i: usize| match i {
            1 => ParaProps {
                depth: 1,
                ..ParaProps::default()
            },
            3 | 5 => ParaProps {
                depth: 2,
                inner_cell: true,
                ..ParaProps::default()
            },
            6 => ParaProps {
                depth: 2,
                inner_row_end: true,
                ..ParaProps::default()
            },
            7 => ParaProps {
                depth: 1,
                ..ParaProps::default()
            },
            _ => ParaProps {
                depth: 1,
                row_end: true,
                ..ParaProps::default()
            },
        };
        assert_eq!(
            build(text, props),
            [Block::Table(vec![vec!["外\na\tb\n".to_owned()]])]
        );
    }

    #[test]
    fn a_deleted_paragraph_mark_joins_paragraphs() {
        let numbering = Numbering::default();
        let mut builder = Builder::new(numbering.counters());
        for unit in "前".encode_utf16() {
            builder.unit(unit);
        }
        builder.mark(PARAGRAPH, &ParaProps::default(), true);
        for unit in "后".encode_utf16() {
            builder.unit(unit);
        }
        builder.mark(PARAGRAPH, &ParaProps::default(), false);
        assert_eq!(builder.finish(), [para("前后")]);
    }
}
