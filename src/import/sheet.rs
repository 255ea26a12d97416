//! The bureau's spreadsheets (docs/pool.md): .xlsx, .xls and .csv (UTF-8 or GB18030) read into a grid of cells,
//! within limits a real list of enterprises never reaches, so that a hostile file is refused quickly and
//! without exhausting memory. The format is told by the file's first bytes, not by its name.

use std::io::{Read as _, Seek as _};
use std::path::Path;

use calamine::{DataRef, Reader as _};
use chrono::NaiveDate;

use super::sheet_grid::GridBuilder;
pub use super::sheet_grid::{
    Cell, Grid, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_FILE_BYTES, MAX_UNPACKED_BYTES,
    SheetError, excel_general, number_text,
};

/// Reads every sheet of a spreadsheet file (at most ten), checked against the limits (`sheet_grid`).
pub fn read_sheets(path: &Path) -> Result<Vec<Grid>, SheetError> {
    let io = |e: std::io::Error| SheetError::Io(crate::user_path::io_reason(&e));
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_SHEET_FILE_BYTES {
        return Err(SheetError::TooLarge { size_bytes: size });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        read_xls(bytes)
    } else if bytes.starts_with(b"%PDF") {
        Err(SheetError::NotSpreadsheet { kind: "PDF 文件" })
    } else {
        super::sheet_csv::read_csv(&bytes).map(|grid| vec![grid])
    }
}

/// Checks an .xlsx's zip before calamine reads it: a workbook must be there, and every part unpacks (really,
/// not as declared) within the limit.
fn check_zip(bytes: &[u8]) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| SheetError::Damaged(e.to_string()))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .collect();
    if !names.iter().any(|n| n == "xl/workbook.xml") {
        let kind = if names.iter().any(|n| n == "word/document.xml") {
            "Word 文档（.docx）"
        } else if names.iter().any(|n| n.starts_with("ppt/")) {
            "PowerPoint 演示文稿（.pptx）"
        } else {
            "一个 zip 压缩包"
        };
        return Err(SheetError::NotSpreadsheet { kind });
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| SheetError::Damaged(e.to_string()))?;
        let left = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink())
            .map_err(|e| SheetError::Damaged(e.to_string()))?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(SheetError::Unpacks);
        }
    }
    Ok(())
}

fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<Grid>, SheetError> {
    check_zip(&bytes)?;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => SheetError::Encrypted,
        other => SheetError::Damaged(other.to_string()),
    })?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(SheetError::NoSheet);
    }
    let mut grids = Vec::new();
    for name in names.into_iter().take(10) {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| SheetError::Damaged(e.to_string()))?;
        let mut grid = GridBuilder::new(&name);
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| SheetError::Damaged(e.to_string()))?
        {
            let (row, column) = cell.get_position();
            grid.put(row, column, cell_of(cell.get_value()))?;
        }
        grids.push(grid.finish());
    }
    Ok(grids)
}

fn read_xls(bytes: Vec<u8>) -> Result<Vec<Grid>, SheetError> {
    let mut cursor = std::io::Cursor::new(bytes);
    // An encrypted .xlsx is an OLE file holding an EncryptedPackage.
    if let Ok(ole) = cfb::CompoundFile::open(&mut cursor)
        && ole.is_stream("/EncryptedPackage")
    {
        return Err(SheetError::Encrypted);
    }
    cursor
        .rewind()
        .map_err(|e| SheetError::Damaged(e.to_string()))?;
    super::sheet_xls::check_cells(cursor.get_ref())?;
    let mut book = calamine::Xls::new(cursor).map_err(|e| match e {
        calamine::XlsError::Password => SheetError::Encrypted,
        calamine::XlsError::Cfb(_) => SheetError::NotSpreadsheet {
            kind: "另一种 OLE 复合文件（如 Word 97-2003 文档）",
        },
        other => SheetError::Damaged(other.to_string()),
    })?;
    let mut grids = Vec::new();
    for name in book.sheet_names().into_iter().take(10) {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError::Damaged(e.to_string()))?;
        let mut grid = GridBuilder::new(&name);
        for (row, column, value) in range.used_cells() {
            let (start_row, start_column) = range.start().unwrap_or((0, 0));
            let cell = cell_of(&data_ref(value));
            grid.put(start_row + row as u32, start_column + column as u32, cell)?;
        }
        grids.push(grid.finish());
    }
    if grids.is_empty() {
        return Err(SheetError::NoSheet);
    }
    Ok(grids)
}

fn data_ref(value: &calamine::Data) -> DataRef<'_> {
    match value {
        calamine::Data::Int(i) => DataRef::Int(*i),
        calamine::Data::Float(f) => DataRef::Float(*f),
        calamine::Data::String(s) => DataRef::SharedString(s),
        calamine::Data::Bool(b) => DataRef::Bool(*b),
        calamine::Data::DateTime(d) => DataRef::DateTime(*d),
        calamine::Data::DateTimeIso(s) => DataRef::SharedString(s),
        calamine::Data::DurationIso(s) => DataRef::SharedString(s),
        calamine::Data::Error(e) => DataRef::Error(e.clone()),
        calamine::Data::Empty => DataRef::Empty,
    }
}

fn cell_of(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day))
                .map_or(Cell::Number(d.as_f64()), Cell::Date)
        }
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::Error(e) => Cell::Error(e.to_string()),
        DataRef::Empty => Cell::Empty,
    }
}

fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number_text(5210.0), "5210");
        assert_eq!(number_text(12.5), "12.5");
        assert_eq!(excel_general(913_201_000_000_000_000.0), "9.13201E+17");
        assert_eq!(excel_general(9.1e17), "9.1E+17");
    }

    #[test]
    fn the_grid_refuses_what_no_list_has() {
        let mut grid = GridBuilder::new("表");
        assert!(grid.put(0, 0, Cell::Text("甲".into())).is_ok());
        assert!(
            grid.put(1_048_575, 0, Cell::Empty).is_ok(),
            "formatting only"
        );
        assert_eq!(
            grid.put(1_048_575, 0, Cell::Text("x".into())),
            Err(SheetError::TooManyRows { row: 1_048_576 })
        );
        assert_eq!(
            grid.put(0, 16_383, Cell::Number(1.0)),
            Err(SheetError::TooManyColumns { column: 16_384 })
        );
        let long = Cell::Text("字".repeat(MAX_CELL_CHARS + 1));
        assert!(matches!(
            grid.put(2, 1, long),
            Err(SheetError::CellTooLong {
                row: 3,
                column: 2,
                ..
            })
        ));
        assert_eq!(grid.finish().rows.len(), 1);
    }
}
