//! A list of enterprises into the 标杆企业库 (docs/pool.md): the plan shown before anything changes (new entries,
//! updated entries field by field old → new, rows refused with their number and reason, columns ignored), and
//! carrying it out. Importing the same file twice changes nothing the second time.

use std::collections::HashMap;
use std::path::Path;

use super::facts::convert;
use super::pool_columns::{Column, ColumnMatch, Convert, find_header};
use super::sheet::{Cell, SheetError, excel_general, read_sheets};
use crate::model::Template;
use crate::model::credit_code::{self, CreditCodeFinding};
use crate::model::pool::{Identity, Pool, PoolEntry, Source, SourceKind, fact_label, name_key};

/// An entry the import adds, from a row.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEntry {
    pub row: usize,
    pub entry: PoolEntry,
    /// What the clerk should know (flagged code, a value kept as written).
    pub notes: Vec<String>,
}

/// One fact of an entry that the import changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub what: String,
    pub old: String,
    pub new: String,
}

/// An existing entry the import updates, field by field.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryUpdate {
    pub row: usize,
    /// Its place in the pool.
    pub index: usize,
    pub name: String,
    pub changes: Vec<Change>,
    /// The entry as it will be.
    pub entry: PoolEntry,
    pub notes: Vec<String>,
}

/// A row not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub row: usize,
    pub reason: String,
}

/// What an import would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolPlan {
    /// The file's name, kept as the new entries' source.
    pub file_name: String,
    pub sheet: String,
    /// The header's row number (1-based).
    pub header_row: usize,
    pub columns: Vec<ColumnMatch>,
    pub new_entries: Vec<NewEntry>,
    pub updates: Vec<EntryUpdate>,
    /// Rows whose entry already holds exactly this (row number, place in the pool).
    pub unchanged: Vec<(usize, usize)>,
    pub refused: Vec<Refusal>,
}

impl PoolPlan {
    /// The columns not imported, by header.
    pub fn ignored_columns(&self) -> Vec<&str> {
        self.columns
            .iter()
            .filter(|c| c.column == Column::Ignored)
            .map(|c| c.label.as_str())
            .collect()
    }

    /// Whether carrying it out changes the pool.
    pub fn changes_anything(&self) -> bool {
        !self.new_entries.is_empty() || !self.updates.is_empty()
    }
}

/// Why a list could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolImportError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(
        "没有找到表头：前 30 行中没有一行同时有“企业名称”列和另一列可识别的列（如 统一社会信用代码、设区市、所属行业）"
    )]
    NoHeader,
}

/// Reads a list and plans its import into `pool`. Nothing changes.
pub fn plan_file(
    path: &Path,
    pool: &Pool,
    template: &Template,
) -> Result<PoolPlan, PoolImportError> {
    let grids = read_sheets(path)?;
    let (grid, (place, columns)) = grids
        .iter()
        .find_map(|g| find_header(g, template).map(|h| (g, h)))
        .ok_or(PoolImportError::NoHeader)?;
    let mut plan = PoolPlan {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sheet: grid.sheet.clone(),
        header_row: grid.rows[place].0,
        columns,
        ..PoolPlan::default()
    };
    let existing: HashMap<Identity, usize> = pool
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.identity(), i))
        .collect();
    let mut seen: HashMap<Identity, usize> = HashMap::new();
    for (row, cells) in &grid.rows[place + 1..] {
        match read_row(cells, &plan.columns) {
            RowRead::Empty => {}
            RowRead::Refused(reason) => plan.refused.push(Refusal { row: *row, reason }),
            RowRead::Entry(entry, notes) => {
                let identity = entry.identity();
                if let Some(first) = seen.get(&identity) {
                    let reason = format!(
                        "与第 {first} 行是同一家企业（{}），重复",
                        describe(&identity)
                    );
                    plan.refused.push(Refusal { row: *row, reason });
                    continue;
                }
                seen.insert(identity.clone(), *row);
                match existing.get(&identity) {
                    Some(&index) => {
                        plan_update(&mut plan, *row, index, pool, &entry, notes, template);
                    }
                    None => plan.new_entries.push(NewEntry {
                        row: *row,
                        entry: *entry,
                        notes,
                    }),
                }
            }
        }
    }
    Ok(plan)
}

fn describe(identity: &Identity) -> String {
    match identity {
        Identity::Code(code) => format!("统一社会信用代码 {code}"),
        Identity::Name(name) => format!("名称“{name}”，无信用代码"),
    }
}

enum RowRead {
    Empty,
    Refused(String),
    Entry(Box<PoolEntry>, Vec<String>),
}

fn read_row(cells: &[Cell], columns: &[ColumnMatch]) -> RowRead {
    let mut entry = PoolEntry::default();
    let mut notes = Vec::new();
    let mut any = false;
    for column in columns {
        let cell = cells.get(column.index).unwrap_or(&Cell::Empty);
        if *cell == Cell::Empty || column.column == Column::Ignored {
            continue;
        }
        any = true;
        match &column.column {
            Column::Fact { key, .. } if key == "credit_code" => {
                if let Err(reason) = credit_code_cell(cell) {
                    return RowRead::Refused(reason);
                }
                entry.set_fact(key, &cell.text());
            }
            Column::Fact { key, convert } => {
                let value = value_of(cell, convert, &column.label, &mut notes);
                entry.set_fact(key, &value);
            }
            Column::Figure { year, key, convert } => {
                let value = value_of(cell, convert, &column.label, &mut notes);
                entry
                    .figures
                    .entry(*year)
                    .or_default()
                    .insert(key.clone(), value);
            }
            Column::Tags => {
                for tag in cell.text().split(['、', ',', '，', ';', '；', '\n']) {
                    let tag = tag.trim();
                    if !tag.is_empty() && !entry.tags.iter().any(|t| t == tag) {
                        entry.tags.push(tag.to_owned());
                    }
                }
            }
            Column::Note => entry.note = cell.text(),
            Column::Ignored => {}
        }
    }
    if !any {
        return RowRead::Empty;
    }
    if name_key(entry.name()).is_empty() {
        return RowRead::Refused("企业名称为空".to_owned());
    }
    let code = entry.code();
    let findings = credit_code::check(&code);
    if code.is_empty() {
        notes.push("没有统一社会信用代码：可以入库，已标记，请补填".to_owned());
    } else if findings.iter().any(|f| {
        matches!(
            f,
            CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. }
        )
    }) {
        notes.push(format!(
            "统一社会信用代码 {code} 的校验位不符：已标记，请对照营业执照核对"
        ));
    }
    RowRead::Entry(Box::new(entry), notes)
}

/// Refuses a credit code Excel turned into a number (its last digits are gone: never guessed) or one that
/// cannot be a code (wrong length, a character outside GB 32100's alphabet).
fn credit_code_cell(cell: &Cell) -> Result<(), String> {
    let excel_number = |shown: &str| {
        format!(
            "统一社会信用代码被 Excel 存成了数字（显示为 {shown}），末几位已经丢失，无法还原。请在原表中把该列设为“文本”，按营业执照重新录入后再导入"
        )
    };
    let text = match cell {
        Cell::Number(n) => return Err(excel_number(&excel_general(*n))),
        other => other.text(),
    };
    let compact = text.replace(' ', "");
    let scientific = compact.split_once(['E', 'e']).is_some_and(|(m, e)| {
        m.parse::<f64>().is_ok() && e.trim_start_matches('+').parse::<u32>().is_ok()
    });
    if scientific {
        return Err(excel_number(&compact));
    }
    let code = credit_code::normalize(&text);
    for finding in credit_code::check(&code) {
        match finding {
            CreditCodeFinding::WrongLength { len } => {
                return Err(format!("统一社会信用代码“{text}”有 {len} 位，应为 18 位"));
            }
            CreditCodeFinding::InvalidChar { ch, position } => {
                return Err(format!(
                    "统一社会信用代码“{text}”的第 {position} 位“{ch}”不是信用代码中允许的字符"
                ));
            }
            CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. } => {}
        }
    }
    Ok(())
}

/// A cell's value for a fact: key figures into the field's unit, serial numbers of a date field as dates.
fn value_of(cell: &Cell, how: &Convert, label: &str, notes: &mut Vec<String>) -> String {
    let text = cell.text();
    match (how, cell) {
        (Convert::Text, _) => text,
        (Convert::Date, Cell::Number(n)) => serial_date(*n).unwrap_or(text),
        (Convert::Date, _) => text,
        (Convert::Unit(field, scale), _) => match convert(field, &text, *scale) {
            Ok(value) => value,
            Err(reason) => {
                notes.push(format!(
                    "“{label}”的“{text}”无法换算（{reason}），按原文保存"
                ));
                text
            }
        },
    }
}

/// An Excel serial date (days since 1899-12-30, as Excel counts them) as `YYYY-MM-DD`.
pub fn serial_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_days(chrono::Days::new(serial.trunc() as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

fn plan_update(
    plan: &mut PoolPlan,
    row: usize,
    index: usize,
    pool: &Pool,
    incoming: &PoolEntry,
    notes: Vec<String>,
    template: &Template,
) {
    let old = &pool.entries[index];
    let mut entry = old.clone();
    let changes = merge_into(&mut entry, incoming, template);
    if changes.is_empty() {
        plan.unchanged.push((row, index));
    } else {
        plan.updates.push(EntryUpdate {
            row,
            index,
            name: old.name().to_owned(),
            changes,
            entry,
            notes,
        });
    }
}

/// Puts what `incoming` has into `entry` (empty values never erase), returning each change old → new.
pub fn merge_into(entry: &mut PoolEntry, incoming: &PoolEntry, template: &Template) -> Vec<Change> {
    let mut changes = Vec::new();
    for (key, value) in &incoming.facts {
        if entry.fact(key) != value {
            changes.push(Change {
                what: fact_label(key, template),
                old: entry.fact(key).to_owned(),
                new: value.clone(),
            });
            entry.set_fact(key, value);
        }
    }
    let added: Vec<&String> = incoming
        .tags
        .iter()
        .filter(|t| !entry.tags.contains(t))
        .collect();
    if !added.is_empty() {
        let old = entry.tags.join("、");
        entry.tags.extend(added.into_iter().cloned());
        changes.push(Change {
            what: "标签".to_owned(),
            old,
            new: entry.tags.join("、"),
        });
    }
    for (year, figures) in &incoming.figures {
        for (key, value) in figures {
            let slot = entry.figures.entry(*year).or_default();
            let old = slot.get(key).cloned().unwrap_or_default();
            if &old != value {
                changes.push(Change {
                    what: crate::model::pool::figure_label(*year, key, template),
                    old,
                    new: value.clone(),
                });
                slot.insert(key.clone(), value.clone());
            }
        }
    }
    if !incoming.note.is_empty() && incoming.note != entry.note {
        changes.push(Change {
            what: "典型经验".to_owned(),
            old: entry.note.clone(),
            new: incoming.note.clone(),
        });
        entry.note.clone_from(&incoming.note);
    }
    changes
}

/// Carries out a plan on `pool`: new entries appended with the file as their source, updates written.
/// Returns how many entries were added and updated.
pub fn apply(pool: &mut Pool, plan: &PoolPlan, today: chrono::NaiveDate) -> (usize, usize) {
    let source = Source {
        kind: SourceKind::File,
        detail: plan.file_name.clone(),
        date: today.format("%Y-%m-%d").to_string(),
    };
    for update in &plan.updates {
        if let Some(slot) = pool.entries.get_mut(update.index) {
            *slot = update.entry.clone();
        }
    }
    for new in &plan.new_entries {
        let mut entry = new.entry.clone();
        entry.source = source.clone();
        pool.entries.push(entry);
    }
    (plan.new_entries.len(), plan.updates.len())
}

/// The plan as lines for the command line and the window.
pub fn plan_lines(plan: &PoolPlan) -> Vec<String> {
    let mut lines = vec![format!(
        "工作表“{}”，表头在第 {} 行。新增 {} 家，更新 {} 家，无变化 {} 家，未导入 {} 行。",
        plan.sheet,
        plan.header_row,
        plan.new_entries.len(),
        plan.updates.len(),
        plan.unchanged.len(),
        plan.refused.len()
    )];
    for new in &plan.new_entries {
        let region = new.entry.fact("region");
        let region = if region.is_empty() {
            String::new()
        } else {
            format!("（{region}）")
        };
        lines.push(format!(
            "新增 第 {} 行：{}{region}",
            new.row,
            new.entry.name()
        ));
        lines.extend(new.notes.iter().map(|n| format!("    注意：{n}")));
    }
    for update in &plan.updates {
        lines.push(format!("更新 第 {} 行：{}", update.row, update.name));
        for change in &update.changes {
            let old = if change.old.is_empty() {
                "（空）"
            } else {
                &change.old
            };
            lines.push(format!("    {}：{old} → {}", change.what, change.new));
        }
        lines.extend(update.notes.iter().map(|n| format!("    注意：{n}")));
    }
    for refusal in &plan.refused {
        lines.push(format!("未导入 第 {} 行：{}", refusal.row, refusal.reason));
    }
    let ignored = plan.ignored_columns();
    if !ignored.is_empty() {
        lines.push(format!("未使用的列：{}", ignored.join("、")));
    }
    lines
}
