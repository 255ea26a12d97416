//! A .csv list: UTF-8 (with or without a byte-order mark) or GB18030 as Excel on a Chinese Windows saves it;
//! commas (or tabs) between cells, quotes around cells that hold them, line breaks inside quotes kept.

use super::sheet_grid::{Cell, Grid, GridBuilder, SheetError};

/// Reads a .csv file's bytes into a grid. Every cell is text, as the file holds it.
pub fn read_csv(bytes: &[u8]) -> Result<Grid, SheetError> {
    let text = decode(bytes)?;
    if text.contains('\0') {
        return Err(SheetError::Encoding);
    }
    let first_line = text.lines().next().unwrap_or("");
    let separator = if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    };
    let mut grid = GridBuilder::new("CSV");
    let mut row = 0u32;
    let mut column = 0u32;
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, c) if c == separator => {
                grid.put(row, column, take(&mut cell))?;
                column += 1;
            }
            (false, '\r') => {}
            (false, '\n') => {
                grid.put(row, column, take(&mut cell))?;
                row += 1;
                column = 0;
            }
            (false, c) => cell.push(c),
        }
        if cell.len() > super::sheet_grid::MAX_CELL_CHARS * 4 {
            // Checked on the way, so that one endless cell is refused before it fills memory.
            grid.put(row, column, Cell::Text(std::mem::take(&mut cell)))?;
        }
    }
    grid.put(row, column, take(&mut cell))?;
    Ok(grid.finish())
}

fn take(cell: &mut String) -> Cell {
    let text = std::mem::take(cell);
    if text.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text)
    }
}

/// UTF-8 when the bytes are UTF-8 (a byte-order mark dropped), else GB18030 (which GBK files are too).
fn decode(bytes: &[u8]) -> Result<String, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(SheetError::Encoding);
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<(usize, Vec<String>)> {
        grid.rows
            .iter()
            .map(|(n, cells)| (*n, cells.iter().map(Cell::text).collect()))
            .collect()
    }

    #[test]
    fn quotes_commas_and_line_breaks_inside_cells() {
        let grid =
            read_csv("名称,备注\r\n\"甲,公司\",\"说\"\"好\"\"\n第二行\"\r\n\r\n乙,\n".as_bytes())
                .expect("reads");
        assert_eq!(
            texts(&grid),
            [
                (1, vec!["名称".to_owned(), "备注".to_owned()]),
                (2, vec!["甲,公司".to_owned(), "说\"好\"\n第二行".to_owned()]),
                (4, vec!["乙".to_owned()]),
            ]
        );
    }

    #[test]
    fn gb18030_is_read_and_binary_is_refused() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("企业名称,设区市\n杭州某某有限公司,杭州市\n");
        let grid = read_csv(&bytes).expect("reads");
        assert_eq!(grid.rows[1].1[1].text(), "杭州市");
        assert_eq!(
            read_csv(&[0x81, 0x20, 0xFF, 0x00]),
            Err(SheetError::Encoding)
        );
    }
}
