//! The grid every spreadsheet reader (.xlsx and .xls in `sheet`, .csv in `sheet_csv`) fills, cell by cell within
//! the limits, and its errors: shared by the readers so that none of them needs another (docs/pool.md).

use chrono::NaiveDate;

/// Files larger than this are refused before they are read (a list of a thousand enterprises is below 1 MB).
pub const MAX_SHEET_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Everything inside an .xlsx together may unpack to at most this.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// Rows read from a sheet (a province's list is hundreds).
pub const MAX_ROWS: u32 = 50_000;
/// Columns read from a sheet.
pub const MAX_COLUMNS: u32 = 200;
/// Characters in one cell.
pub const MAX_CELL_CHARS: usize = 20_000;

/// One cell's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date (a serial number underneath).
    Date(NaiveDate),
    Bool(bool),
    /// `#N/A`, `#DIV/0!`, … shown as written.
    Error(String),
}

/// A sheet: its name and its rows, each with its 1-based row number and its cells from column A.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub sheet: String,
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Why a spreadsheet was refused; the text is the clerk's sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("无法读取文件（{0}）")]
    Io(String),
    #[error("文件有 {} MB，超过企业名单的上限 {} MB，已拒绝", size_bytes / 1_048_576, MAX_SHEET_FILE_BYTES / 1_048_576)]
    TooLarge { size_bytes: u64 },
    #[error(
        "工作簿解压后超过 {} MB（可能已损坏或是恶意构造的文件），已拒绝",
        MAX_UNPACKED_BYTES / 1_048_576
    )]
    Unpacks,
    #[error("工作簿设有密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码，另存后再导入")]
    Encrypted,
    #[error(
        "这不是 Excel 工作簿，而是 {kind}（可能被改了扩展名）。请导入 .xlsx、.xls 或 .csv 企业名单"
    )]
    NotSpreadsheet { kind: &'static str },
    #[error("工作簿已损坏，无法读取（{0}）")]
    Damaged(String),
    #[error("表格超过 {MAX_ROWS} 行（第 {row} 行有内容），不像企业名单，已拒绝")]
    TooManyRows { row: u32 },
    #[error("表格超过 {MAX_COLUMNS} 列（第 {column} 列有内容），不像企业名单，已拒绝")]
    TooManyColumns { column: u32 },
    #[error(
        "表格的范围有 {cells} 格，超过企业名单的上限，已拒绝（可能有一格内容远离其他内容，或是恶意构造的文件）"
    )]
    RangeTooLarge { cells: u64 },
    #[error("第 {row} 行第 {column} 列有 {chars} 个字，超过一格的上限 {MAX_CELL_CHARS} 字，已拒绝")]
    CellTooLong { row: u32, column: u32, chars: usize },
    #[error("文本文件的编码无法识别（应为 UTF-8 或 GB18030/GBK），或者它不是表格")]
    Encoding,
    #[error("工作簿中没有工作表")]
    NoSheet,
}

/// Rows gathered cell by cell, within the limits.
pub(super) struct GridBuilder {
    grid: Grid,
}

impl GridBuilder {
    pub(super) fn new(sheet: &str) -> Self {
        Self {
            grid: Grid {
                sheet: sheet.to_owned(),
                rows: Vec::new(),
            },
        }
    }

    /// Puts a cell at a 0-based row and column. Empty cells (formatting only) are skipped wherever they are.
    pub(super) fn put(&mut self, row: u32, column: u32, cell: Cell) -> Result<(), SheetError> {
        if cell == Cell::Empty {
            return Ok(());
        }
        if row >= MAX_ROWS {
            return Err(SheetError::TooManyRows { row: row + 1 });
        }
        if column >= MAX_COLUMNS {
            return Err(SheetError::TooManyColumns { column: column + 1 });
        }
        if let Cell::Text(text) = &cell {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(SheetError::CellTooLong {
                    row: row + 1,
                    column: column + 1,
                    chars,
                });
            }
        }
        let number = row as usize + 1;
        let index = match self.grid.rows.binary_search_by_key(&number, |(n, _)| *n) {
            Ok(i) => i,
            Err(i) => {
                self.grid.rows.insert(i, (number, Vec::new()));
                i
            }
        };
        let cells = &mut self.grid.rows[index].1;
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
        Ok(())
    }

    pub(super) fn finish(self) -> Grid {
        self.grid
    }
}

impl Cell {
    /// The cell as text: numbers without a needless `.0`, dates as `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(t) => t.trim().to_owned(),
            Self::Number(n) => number_text(*n),
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
            Self::Error(e) => e.clone(),
        }
    }
}

/// A number as a person writes it: integers without decimals, others as short as they read back exactly.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A large number as Excel's General format shows it in a narrow column (9.13201E+17): how the clerk sees a
/// credit code that Excel turned into a number.
pub fn excel_general(n: f64) -> String {
    if n.abs() < 1e11 {
        return number_text(n);
    }
    let text = format!("{n:.5E}");
    let (mantissa, exponent) = text.split_once('E').unwrap_or((&text, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}E+{exponent}")
}
