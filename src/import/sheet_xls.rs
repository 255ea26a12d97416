//! A look at an Excel 97–2003 .xls before calamine reads it: calamine lays each sheet out as a full rectangle
//! of cells, so one cell far away (A1 and IV65536) would take gigabytes. The cell records of the Workbook stream
//! are scanned for their rows and columns first, and a file whose sheets span more than any list is refused.

use std::io::Read as _;

use super::sheet_grid::{MAX_COLUMNS, MAX_ROWS, SheetError};

/// The cells (used or not) calamine may lay out over all sheets: 32 bytes each, 64 MB.
pub const MAX_XLS_CELLS: u64 = 2_000_000;

/// Cell records that calamine turns into cells: Formula, LabelSst, MulRk, RString, Number, Label, BoolErr, Rk.
const CELL_RECORDS: [u16; 8] = [
    0x0006, 0x00FD, 0x00BD, 0x00D6, 0x0203, 0x0204, 0x0205, 0x027E,
];

/// Refuses an .xls whose cells lie beyond the limits, or that is another kind of OLE file.
pub fn check_cells(bytes: &[u8]) -> Result<(), SheetError> {
    let mut ole = cfb::CompoundFile::open(std::io::Cursor::new(bytes))
        .map_err(|e| SheetError::Damaged(format!("OLE 复合文件的结构无效：{e}")))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| ole.is_stream(n));
    let Some(name) = name else {
        let kind = if ole.is_stream("/WordDocument") {
            "Word 97-2003 文档（.doc）"
        } else {
            "另一种 OLE 复合文件"
        };
        return Err(SheetError::NotSpreadsheet { kind });
    };
    let mut stream = ole
        .open_stream(name)
        .map_err(|e| SheetError::Damaged(e.to_string()))?;
    let mut data = Vec::new();
    stream
        .read_to_end(&mut data)
        .map_err(|e| SheetError::Damaged(e.to_string()))?;
    scan(&data)
}

fn scan(data: &[u8]) -> Result<(), SheetError> {
    let u16_at = |at: usize| {
        data.get(at..at + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    };
    let mut at = 0;
    // Each sheet's rectangle (from A1: calamine starts at the first used cell, which is no better in the worst
    // case), added up over the sheets.
    let (mut rows, mut columns, mut area) = (0u64, 0u64, 0u64);
    while at + 4 <= data.len() {
        let id = u16_at(at);
        let len = usize::from(u16_at(at + 2));
        let body = at + 4;
        if id == 0x0809 {
            area += rows * columns;
            (rows, columns) = (0, 0);
        }
        if CELL_RECORDS.contains(&id) && len >= 4 {
            let row = u32::from(u16_at(body));
            let mut column = u32::from(u16_at(body + 2));
            if id == 0x00BD && len >= 6 {
                column = column.max(u32::from(u16_at(body + len - 2)));
            }
            if row >= MAX_ROWS {
                return Err(SheetError::TooManyRows { row: row + 1 });
            }
            if column >= MAX_COLUMNS {
                return Err(SheetError::TooManyColumns { column: column + 1 });
            }
            rows = rows.max(u64::from(row) + 1);
            columns = columns.max(u64::from(column) + 1);
        }
        at = body + len;
    }
    area += rows * columns;
    if area > MAX_XLS_CELLS {
        return Err(SheetError::RangeTooLarge { cells: area });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: u16, body: &[u8]) -> Vec<u8> {
        let mut out = id.to_le_bytes().to_vec();
        out.extend((body.len() as u16).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn a_far_cell_is_refused_before_calamine_lays_it_out() {
        let near = record(0x0203, &[1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(scan(&near), Ok(()));
        let far_row = record(0x0203, &[0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            scan(&[near.clone(), far_row].concat()),
            Err(SheetError::TooManyRows { row: 65_536 })
        );
        let mul_rk = record(0x00BD, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0]);
        assert_eq!(
            scan(&mul_rk),
            Err(SheetError::TooManyColumns { column: 256 })
        );
    }
}
