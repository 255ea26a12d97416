//! The 标杆企业库 (or the part of it the page shows) as a workbook for a leader (docs/pool.md, "Export"): one
//! row per enterprise, the facts, tags, recommendations and key figures by year; no score or rank column.

use rust_xlsxwriter::Workbook;

use super::RenderError;
use crate::model::Template;
use crate::model::pool::{FIGURE_KEYS, PoolEntry, fact_label, figure_label};
use crate::model::pool_view::{history_text, source_text};

/// Built-in facts written as columns, in this order, after the name.
const FACT_KEYS: [&str; 7] = [
    "credit_code",
    "region",
    "industry",
    "products",
    "nature",
    "contact",
    "phone",
];

/// The workbook bytes of these entries, in this order.
pub fn pool_xlsx(entries: &[&PoolEntry], template: &Template) -> Result<Vec<u8>, RenderError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("标杆企业库")?;
    let header = super::xlsx::header_format();
    let cell = super::xlsx::cell_format();
    let custom: Vec<&str> = template.fields.iter().map(|f| f.key.as_str()).collect();
    let mut figures: Vec<(i32, &str)> = entries
        .iter()
        .flat_map(|e| {
            e.figures
                .iter()
                .flat_map(|(year, map)| map.keys().map(move |k| (*year, k.as_str())))
        })
        .collect();
    figures.sort_by_key(|(year, key)| (*year, FIGURE_KEYS.iter().position(|k| k == key)));
    figures.dedup();
    let mut headers: Vec<(String, f64)> = vec![("企业名称".to_owned(), 30.0)];
    headers.extend(FACT_KEYS.iter().map(|k| (fact_label(k, template), 16.0)));
    headers.extend(FIGURE_KEYS.iter().map(|k| (template.field_label(k), 14.0)));
    headers.extend(custom.iter().map(|k| (template.field_label(k), 16.0)));
    headers.extend(
        figures
            .iter()
            .map(|(year, key)| (figure_label(*year, key, template), 14.0)),
    );
    for label in ["标签", "推荐记录", "典型经验", "来源"] {
        headers.push((label.to_owned(), 24.0));
    }
    for (column, (label, width)) in headers.iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, label, &header)?;
        sheet.set_column_width(column, *width)?;
    }
    for (i, entry) in entries.iter().enumerate() {
        let mut values: Vec<String> = vec![entry.name().to_owned()];
        values.extend(FACT_KEYS.iter().map(|k| entry.fact(k).to_owned()));
        values.extend(FIGURE_KEYS.iter().map(|k| entry.fact(k).to_owned()));
        values.extend(custom.iter().map(|k| entry.fact(k).to_owned()));
        values.extend(figures.iter().map(|(year, key)| {
            entry
                .figures
                .get(year)
                .and_then(|m| m.get(*key))
                .cloned()
                .unwrap_or_default()
        }));
        values.push(entry.tags.join("、"));
        values.push(history_text(entry));
        values.push(entry.note.clone());
        values.push(source_text(entry));
        let row = i as u32 + 1;
        for (column, value) in values.iter().enumerate() {
            // Written as text, so that a credit code or a figure reads back exactly as kept.
            sheet.write_string_with_format(row, column as u16, value, &cell)?;
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(
        0,
        0,
        entries.len() as u32,
        headers.len().saturating_sub(1) as u16,
    )?;
    Ok(workbook.save_to_buffer()?)
}
