//! What goes where: sections and facts found in the read blocks, shown to the clerk before anything changes;
//! applying them (non-empty text replaced only when the clerk confirmed) and undoing exactly.

use super::facts::{
    clean_value, convert, credit_code_in, field_for_label, field_unit, is_key_figure, label_field,
    name_in_title, split_label, year_of,
};
use super::headings::normalize;
use super::structure::{self, Item, Piece, PieceKind};
use super::{Block, ImportError};
use crate::model::messages::enterprise_field_label;
use crate::model::section_table::{self, MAX_COLUMNS, MAX_ROWS};
use crate::model::template::char_count;
use crate::model::validate::{BuiltIn, EnterpriseField};
use crate::model::{Draft, Enterprise, SectionTable, Template, credit_code};

/// A section's new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionChange {
    pub key: String,
    pub heading: String,
    pub text: String,
    /// The section's new tables (docs/import.md, "Tables"), placed among the lines of `text`.
    pub tables: Vec<SectionTable>,
    /// What the section holds now (the text that would be replaced).
    pub current: String,
    /// The tables the section holds now.
    pub current_tables: Vec<SectionTable>,
}

/// A fact's new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: EnterpriseField,
    /// The form's label of the field.
    pub label: String,
    pub value: String,
    pub current: String,
}

/// Replacing non-empty, different text needs the clerk's confirmation.
fn replaces(current: &str, new: &str) -> bool {
    !current.trim().is_empty() && current.trim() != new.trim()
}

impl SectionChange {
    /// Whether this replaces text or tables the section has.
    pub fn replaces(&self) -> bool {
        replaces(&self.current, &self.text)
            || (!self.current_tables.is_empty() && self.current_tables != self.tables)
    }

    /// Its 字: the text and the tables' cells.
    pub fn char_count(&self) -> usize {
        section_table::section_chars(&self.text, &self.tables)
    }
}

impl FieldChange {
    /// Whether this replaces a value the field has.
    pub fn replaces(&self) -> bool {
        replaces(&self.current, &self.value)
    }
}

/// Where one block of the file goes, as the clerk chooses in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Into the section with this key.
    Section(String),
    /// 不导入.
    Skip,
    /// 与上一部分合并: wherever the block before it goes.
    MergeUp,
}

/// What kind of place in the file a block comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Before the first heading (title, cover, facts): 未归入的文字.
    Preamble,
    /// A heading and its text.
    Heading,
    /// The signature block at the end.
    Closing,
}

/// One block the file was cut into: a heading with its text, or a run of paragraphs under no heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanBlock {
    pub kind: BlockKind,
    /// The heading line as written.
    pub heading: Option<String>,
    /// Keys of the sections the heading names: one, two for a heading covering two sections, none when it names
    /// no section of the template.
    pub named: Vec<String>,
    /// The text under it (a table outside a section, or too large for one, as lines of tab-separated cells).
    pub lines: Vec<String>,
    /// The tables under it, each after a number of `lines`.
    pub tables: Vec<SectionTable>,
    pub target: Target,
}

impl PlanBlock {
    /// A heading that names a section: the clerk's changes of target stop here.
    pub fn is_recognised(&self) -> bool {
        !self.named.is_empty()
    }

    /// The first line, to show the block by.
    pub fn first_line(&self) -> &str {
        self.heading
            .as_deref()
            .or_else(|| self.lines.first().map(String::as_str))
            .unwrap_or("")
    }

    /// Its length in characters (the text under the heading and its tables' cells).
    pub fn char_count(&self) -> usize {
        self.lines.iter().map(|l| char_count(l)).sum::<usize>()
            + self
                .tables
                .iter()
                .map(SectionTable::char_count)
                .sum::<usize>()
    }
}

/// What an import would do, shown before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// The file's name, for the dialog's title.
    pub source: String,
    /// The file cut into blocks, each with its target; `set_target` changes one.
    pub blocks: Vec<PlanBlock>,
    /// Each section's new text, from the blocks and their targets.
    pub sections: Vec<SectionChange>,
    pub fields: Vec<FieldChange>,
    /// Text that goes nowhere (blocks not imported, table cells that are no known fact), in document order.
    pub unplaced: Vec<String>,
    /// What the reader did that the clerk should know: converted units, the year taken from a table, a table of
    /// contents left out.
    pub notes: Vec<String>,
    /// Values found that do not fit their field, with the reason; they are not put in.
    pub unfit: Vec<String>,
    /// The template's sections: key, heading and what the enterprise holds now.
    targets: Vec<(String, String, String)>,
    /// Lines not placed that belong to no block (table cells of facts that are no field).
    loose: Vec<String>,
    /// The tables each section holds now, by key.
    current_tables: std::collections::BTreeMap<String, Vec<SectionTable>>,
}

impl ImportPlan {
    /// Nothing found that could go anywhere.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty() && self.fields.is_empty()
    }

    /// Whether applying would replace non-empty text (and so needs a confirmation).
    pub fn replaces_anything(&self) -> bool {
        self.sections.iter().any(SectionChange::replaces)
            || self.fields.iter().any(FieldChange::replaces)
    }

    /// The sections a block may go to: key and heading, in the template's order.
    pub fn section_choices(&self) -> impl Iterator<Item = (&str, &str)> {
        self.targets
            .iter()
            .map(|(k, h, _)| (k.as_str(), h.as_str()))
    }

    /// The heading of the section with `key`.
    pub fn heading_of(&self, key: &str) -> Option<&str> {
        self.targets
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, h, _)| h.as_str())
    }

    /// Where each block ends up, `MergeUp` followed back to a section or to 不导入.
    pub fn resolved_targets(&self) -> Vec<Target> {
        let mut previous = Target::Skip;
        self.blocks
            .iter()
            .map(|b| {
                let target = match &b.target {
                    Target::MergeUp => previous.clone(),
                    t => t.clone(),
                };
                previous = target.clone();
                target
            })
            .collect()
    }

    /// How a target reads in the plan: a section's heading, 不导入 or 与上一部分合并.
    pub fn target_label(&self, target: &Target) -> String {
        match target {
            Target::Section(key) => self.heading_of(key).unwrap_or(key).to_owned(),
            Target::Skip => "不导入".to_owned(),
            Target::MergeUp => "与上一部分合并".to_owned(),
        }
    }

    /// The clerk's decision for block `index`: its target changes, and the blocks after it follow it up to the
    /// next recognised heading (or the closing signature).
    pub fn set_target(&mut self, index: usize, target: Target) {
        let Some(block) = self.blocks.get_mut(index) else {
            return;
        };
        block.target = target;
        for block in self.blocks.iter_mut().skip(index + 1) {
            if block.is_recognised() || block.kind == BlockKind::Closing {
                break;
            }
            block.target = Target::MergeUp;
        }
        self.refresh();
    }

    /// A decision typed on the command line, `块=目标`: the block by its number in the plan or the beginning of its
    /// first line ("第二部分"), the target a section's key or heading, 不导入 or 与上一部分合并.
    pub fn decide(&mut self, decision: &str) -> Result<(), String> {
        let Some((block, target)) = decision.split_once(['=', '＝']) else {
            return Err(format!(
                "“{decision}”应写成“块=目标”，如 \"第二部分=quality\""
            ));
        };
        let wanted = normalize(block);
        let index = match wanted.parse::<usize>() {
            Ok(n) if (1..=self.blocks.len()).contains(&n) => n - 1,
            _ => self
                .blocks
                .iter()
                .position(|b| normalize(b.first_line()).starts_with(&wanted))
                .or_else(|| {
                    self.blocks
                        .iter()
                        .position(|b| normalize(b.first_line()).contains(&wanted))
                })
                .filter(|_| !wanted.is_empty())
                .ok_or_else(|| format!("计划中没有以“{}”开头的块", block.trim()))?,
        };
        let target = self.parse_target(target)?;
        self.set_target(index, target);
        Ok(())
    }

    /// A target as typed: a section's key or heading (numbers and small differences allowed), 不导入 or
    /// 与上一部分合并.
    fn parse_target(&self, typed: &str) -> Result<Target, String> {
        let wanted = normalize(typed);
        match wanted.as_str() {
            "不导入" | "skip" | "none" => return Ok(Target::Skip),
            "与上一部分合并" | "合并" | "merge" => return Ok(Target::MergeUp),
            _ => {}
        }
        if let Some((key, _, _)) = self.targets.iter().find(|(k, _, _)| normalize(k) == wanted) {
            return Ok(Target::Section(key.clone()));
        }
        let (_, words) = super::headings::split_number(&wanted);
        self.targets
            .iter()
            .map(|(key, heading, _)| {
                let normalized = normalize(heading);
                let score = if normalized == wanted {
                    2.0
                } else {
                    super::headings::meaning(words, super::headings::split_number(&normalized).1)
                };
                (key, score)
            })
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(key, _)| Target::Section(key.clone()))
            .ok_or_else(|| {
                let keys: Vec<String> = self
                    .targets
                    .iter()
                    .map(|(k, h, _)| format!("{k}（{h}）"))
                    .collect();
                format!(
                    "不认识的目标“{}”；可用：{}、不导入、与上一部分合并",
                    typed.trim(),
                    keys.join("、")
                )
            })
    }

    /// Names the enterprise after the file when the file gave no name (a new enterprise of a batch import).
    pub fn name_from_file_if_missing(&mut self, template: &Template) {
        if self
            .fields
            .iter()
            .any(|f| f.field == EnterpriseField::BuiltIn(BuiltIn::Name))
        {
            return;
        }
        let stem = std::path::Path::new(&self.source)
            .file_stem()
            .map(|s| s.to_string_lossy().trim().to_owned())
            .unwrap_or_default();
        if stem.is_empty() {
            return;
        }
        self.notes
            .push(format!("文件中没有企业名称，暂以文件名“{stem}”命名"));
        self.fields.insert(
            0,
            FieldChange {
                label: enterprise_field_label(&EnterpriseField::BuiltIn(BuiltIn::Name), template),
                field: EnterpriseField::BuiltIn(BuiltIn::Name),
                value: stem,
                current: String::new(),
            },
        );
    }

    /// Recomputes the sections' new text and the unplaced lines from the blocks.
    fn refresh(&mut self) {
        let resolved = self.resolved_targets();
        self.sections = self
            .targets
            .iter()
            .filter_map(|(key, heading, current)| {
                let mut found = false;
                let mut lines: Vec<&str> = Vec::new();
                let mut tables = Vec::new();
                for (block, target) in self.blocks.iter().zip(&resolved) {
                    if *target != Target::Section(key.clone()) {
                        continue;
                    }
                    found = true;
                    // A heading goes in as text unless it is this section's own.
                    if let Some(h) = &block.heading
                        && !block.named.contains(key)
                    {
                        lines.push(h);
                    }
                    let before = lines.len();
                    tables.extend(block.tables.iter().map(|t| SectionTable {
                        after_line: before + t.after_line,
                        rows: t.rows.clone(),
                    }));
                    lines.extend(block.lines.iter().map(String::as_str));
                }
                // The empty lines trimmed from the front no longer count before a table.
                let leading = lines.iter().take_while(|l| l.is_empty()).count();
                for t in &mut tables {
                    t.after_line = t.after_line.saturating_sub(leading);
                }
                found.then(|| SectionChange {
                    key: key.clone(),
                    heading: heading.clone(),
                    text: lines.join("\n").trim_matches('\n').to_owned(),
                    tables,
                    current: current.clone(),
                    current_tables: self.current_tables.get(key).cloned().unwrap_or_default(),
                })
            })
            .collect();
        let mut unplaced = Vec::new();
        for (block, target) in self.blocks.iter().zip(&resolved) {
            if *target == Target::Skip {
                unplaced.extend(block.heading.iter().cloned());
                unplaced.extend(block.lines.iter().cloned());
                for t in &block.tables {
                    unplaced.extend(table_lines(&t.rows));
                }
            }
        }
        unplaced.extend(self.loose.iter().cloned());
        self.unplaced = unplaced;
    }

    /// What the plan says about block `index` beyond its target: a heading covering two sections, a heading
    /// that names no section and the section it joins.
    pub fn block_note(&self, index: usize) -> Option<String> {
        let block = self.blocks.get(index)?;
        let resolved = self.resolved_targets();
        let target = resolved.get(index)?;
        if block.named.len() > 1 {
            let names: Vec<&str> = block
                .named
                .iter()
                .map(|k| self.heading_of(k).unwrap_or(k))
                .collect();
            return Some(format!(
                "这一标题同时涵盖{}，全文放入{}",
                names.join("和"),
                self.target_label(target)
            ));
        }
        if block.kind == BlockKind::Heading && block.named.is_empty() {
            return Some(match target {
                Target::Section(_) => format!(
                    "这一标题不对应模板中的任何部分，将并入{}",
                    self.target_label(target)
                ),
                _ => "这一标题不对应模板中的任何部分，不导入".to_owned(),
            });
        }
        None
    }

    /// The plan as lines for a person: `一、企业基本情况 ← 1234 字（替换现有 560 字）`, `企业名称 ← …`, the notes,
    /// the blocks with their targets, then the text that is not imported.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for s in &self.sections {
            let replaced = if s.replaces() {
                format!(
                    "（替换现有 {} 字）",
                    section_table::section_chars(&s.current, &s.current_tables)
                )
            } else {
                String::new()
            };
            let tables = match s.tables.len() {
                0 => String::new(),
                n => format!("，含 {n} 个表格"),
            };
            lines.push(format!(
                "{} ← {} 字{tables}{replaced}",
                s.heading,
                s.char_count()
            ));
        }
        for f in &self.fields {
            let replaced = if f.replaces() {
                format!("（替换现有「{}」）", f.current.trim())
            } else {
                String::new()
            };
            lines.push(format!("{} ← {}{replaced}", f.label, f.value));
        }
        if self.is_empty() {
            lines.push("没有找到可以导入的章节或企业信息。".to_owned());
        }
        lines.extend(self.notes.iter().cloned());
        for text in &self.unfit {
            lines.push(format!("未填入：{text}"));
        }
        let resolved = self.resolved_targets();
        if !self.blocks.is_empty() {
            lines.push("文件中的各块：".to_owned());
        }
        for (i, (block, target)) in self.blocks.iter().zip(&resolved).enumerate() {
            let first: String = block.first_line().chars().take(30).collect();
            let more = if block.first_line().chars().count() > 30 {
                "…"
            } else {
                ""
            };
            let how = if block.target == Target::MergeUp && i > 0 {
                format!("与上一部分合并（{}）", self.target_label(target))
            } else {
                self.target_label(target)
            };
            lines.push(format!(
                "  {}. 「{first}{more}」 {} 字 → {how}",
                i + 1,
                block.char_count()
            ));
            if let Some(note) = self.block_note(i) {
                lines.push(format!("     {note}"));
            }
        }
        if !self.unplaced.is_empty() {
            lines.push(format!(
                "未归入的文字（{} 段，不导入；可在上面为它所在的块选择一个部分）：",
                self.unplaced.len()
            ));
            for text in &self.unplaced {
                let short: String = text.chars().take(60).collect();
                let more = if text.chars().count() > 60 { "…" } else { "" };
                lines.push(format!("  {short}{more}"));
            }
        }
        lines
    }
}

/// The clerk's corrections kept for next time (the dialog's tick, docs/import.md "Teaching it a heading"): each
/// heading the clerk sent to a section it does not name becomes one of that section's `aliases`. Returns how
/// many were added.
pub fn learn_aliases(plan: &ImportPlan, template: &mut Template) -> usize {
    let mut added = 0;
    for block in &plan.blocks {
        let (Some(heading), Target::Section(key)) = (&block.heading, &block.target) else {
            continue;
        };
        if block.named.contains(key) {
            continue;
        }
        let normalized = normalize(heading);
        let words = super::headings::split_number(&normalized).1.to_owned();
        let Some(spec) = template.report.sections.iter_mut().find(|s| s.key == *key) else {
            continue;
        };
        if words.is_empty() || spec.aliases.iter().any(|a| normalize(a) == words) {
            continue;
        }
        spec.aliases.push(words);
        added += 1;
    }
    added
}

/// The facts found so far, with the notes about them.
#[derive(Default)]
struct Facts {
    found: Vec<(EnterpriseField, String)>,
    notes: Vec<String>,
    unfit: Vec<String>,
    /// Cells and lines that looked like facts but are not (kept for the clerk).
    loose: Vec<String>,
}

impl Facts {
    /// A fact as written: `label` and its unit, the value converted into the field's unit.
    fn add(
        &mut self,
        field: EnterpriseField,
        label: &str,
        value: &str,
        scale: Option<f64>,
        year: Option<i32>,
    ) {
        let value = value.trim();
        if value.is_empty() || self.found.iter().any(|(f, _)| *f == field) {
            return;
        }
        let year_note = year.map(|y| format!("（取 {y} 年）")).unwrap_or_default();
        match convert(&field, value, scale) {
            Ok(converted) => {
                let unit = field_unit(&field);
                let plain = clean_value(value);
                // A plain number already in the field's unit stays as written ("00", "36.80").
                let same = |a: &str, b: &str| matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y);
                let converted = if same(&plain, &converted) {
                    plain.clone()
                } else {
                    converted
                };
                if !unit.is_empty() && (plain != converted || year.is_some()) {
                    self.notes
                        .push(format!("{label}{year_note}：{value} → {converted} {unit}"));
                }
                let converted = if is_key_figure(&field) {
                    converted
                } else {
                    plain
                };
                self.found.push((field, converted));
            }
            Err(reason) => self
                .unfit
                .push(format!("{label}{year_note}「{value}」{reason}")),
        }
    }

    /// A `标签：值` line; false when it is none.
    fn line(&mut self, line: &str, template: &Template) -> bool {
        let Some((label, value)) = split_label(line) else {
            return false;
        };
        if let Some((field, scale)) = label_field(label) {
            self.add(field, label, &value, scale, None);
            return true;
        }
        if let Some(key) = custom_field(label, template) {
            self.add(EnterpriseField::Custom(key), label, &value, None, None);
            return true;
        }
        false
    }

    /// A table of facts: label/value pairs across each row, or a multi-year table. True when it was one.
    fn table(&mut self, rows: &[Vec<String>], template: &Template, year: Option<i32>) -> bool {
        if self.multi_year(rows, year) {
            return true;
        }
        let pairs: Vec<(&str, &str)> = rows
            .iter()
            .flat_map(|row| row.chunks(2))
            .filter(|pair| pair.len() == 2 && !pair[0].trim().is_empty())
            .map(|pair| (pair[0].as_str(), pair[1].as_str()))
            .collect();
        let known = pairs
            .iter()
            .filter(|(label, _)| {
                field_for_label(label).is_some() || custom_field(label, template).is_some()
            })
            .count();
        if known == 0 || known * 2 < pairs.len() {
            return false;
        }
        for (label, value) in pairs {
            let line = format!("{}：{}", label.trim(), value.trim());
            if !self.line(&line, template) && !value.trim().is_empty() {
                self.loose
                    .push(format!("{}：{}", label.trim(), clean_value(value)));
            }
        }
        true
    }

    /// A table with a row (or column) of years: each fact row's value of the batch's 上年度 (`year`), else of
    /// the newest year.
    fn multi_year(&mut self, rows: &[Vec<String>], year: Option<i32>) -> bool {
        let pick = |years: &[(usize, i32)]| {
            years
                .iter()
                .find(|(_, y)| Some(*y) == year)
                .or_else(|| years.iter().max_by_key(|(_, y)| *y))
                .copied()
        };
        // Years across a header row.
        for (r, row) in rows.iter().enumerate() {
            let years: Vec<(usize, i32)> = row
                .iter()
                .enumerate()
                .filter_map(|(c, cell)| year_of(cell).map(|y| (c, y)))
                .collect();
            if years.len() < 2 {
                continue;
            }
            let Some((column, chosen)) = pick(&years) else {
                continue;
            };
            let mut any = false;
            for row in rows.iter().skip(r + 1) {
                let (Some(label), Some(value)) = (row.first(), row.get(column)) else {
                    continue;
                };
                if let Some((field, scale)) = label_field(label) {
                    any = true;
                    self.add(field, label.trim(), value, scale, Some(chosen));
                }
            }
            return any;
        }
        // Years down the first column, labels in the first row.
        let years: Vec<(usize, i32)> = rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| row.first().and_then(|c| year_of(c)).map(|y| (r, y)))
            .collect();
        let (Some(header), true) = (rows.first(), years.len() >= 2) else {
            return false;
        };
        let Some((row, chosen)) = pick(&years) else {
            return false;
        };
        let mut any = false;
        for (c, label) in header.iter().enumerate().skip(1) {
            if let (Some((field, scale)), Some(value)) = (label_field(label), rows[row].get(c)) {
                any = true;
                self.add(field, label.trim(), value, scale, Some(chosen));
            }
        }
        any
    }
}

/// The custom template field a label names.
fn custom_field(label: &str, template: &Template) -> Option<String> {
    let words = normalize(label);
    let words = words.trim_end_matches(':');
    template
        .fields
        .iter()
        .find(|f| !f.label.trim().is_empty() && normalize(&f.label) == words)
        .map(|f| f.key.clone())
}

/// A table inside a section kept as a table (docs/import.md, "Tables") after `after_line` lines: its cells
/// trimmed, rows with no text left out. `None` outside a section, for a table with no text, and for one beyond a
/// section table's limits, which then comes in as lines, with a note saying why.
fn section_table_of(
    rows: &[Vec<String>],
    in_section: bool,
    after_line: usize,
    notes: &mut Vec<String>,
) -> Option<SectionTable> {
    if !in_section {
        return None;
    }
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|row| row.iter().any(|c| !c.trim().is_empty()))
        .map(|row| row.iter().map(|c| c.trim().to_owned()).collect())
        .collect();
    let table = SectionTable { after_line, rows };
    let columns = table.column_count();
    if table.rows.is_empty() || columns == 0 {
        return None;
    }
    if table.rows.len() > MAX_ROWS || columns > MAX_COLUMNS {
        notes.push(format!(
            "有一个表格 {} 行 {columns} 列，超过章节表格的上限（{MAX_ROWS} 行、{MAX_COLUMNS} 列），按文字导入（每行一段，单元格以制表符分隔）",
            table.rows.len()
        ));
        return None;
    }
    Some(table)
}

/// The rows of a table as lines of tab-separated cells.
fn table_lines(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(|c| c.replace('\n', " ").trim().to_owned())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Finds the template's sections and the facts in `blocks`, against the enterprise's current values; a
/// multi-year table gives the column of the newest year.
pub fn plan(
    blocks: &[Block],
    template: &Template,
    enterprise: &Enterprise,
    source: &str,
) -> ImportPlan {
    plan_for_year(blocks, template, enterprise, source, None)
}

/// As `plan`, taking the column of `last_year` (the batch's 上年度) from multi-year tables when there is one.
pub fn plan_for_year(
    blocks: &[Block],
    template: &Template,
    enterprise: &Enterprise,
    source: &str,
    last_year: Option<i32>,
) -> ImportPlan {
    let found = structure::find(blocks, template);
    let mut facts = Facts::default();
    let plan_blocks: Vec<PlanBlock> = found
        .pieces
        .iter()
        .filter_map(|piece| plan_block(piece, template, &mut facts, last_year))
        .collect();
    // A credit code written in running text, and a name in the title, when no label gave them.
    if !facts
        .found
        .iter()
        .any(|(f, _)| *f == EnterpriseField::BuiltIn(BuiltIn::CreditCode))
    {
        let all = plan_blocks
            .iter()
            .flat_map(|b| b.heading.iter().chain(&b.lines));
        if let Some(code) = all.filter_map(|l| credit_code_in(l)).next() {
            facts.add(
                EnterpriseField::BuiltIn(BuiltIn::CreditCode),
                BuiltIn::CreditCode.def().label,
                &code,
                None,
                None,
            );
        }
    }
    if found.toc_lines > 0 {
        facts
            .notes
            .push(format!("目录（{} 行）不导入", found.toc_lines));
    }
    let fields = field_changes(facts.found, enterprise, template);
    let mut plan = ImportPlan {
        source: source.to_owned(),
        blocks: plan_blocks,
        sections: Vec::new(),
        fields,
        unplaced: Vec::new(),
        notes: facts.notes,
        unfit: facts.unfit,
        targets: template
            .report
            .sections
            .iter()
            .map(|s| {
                (
                    s.key.clone(),
                    s.heading.clone(),
                    enterprise.section(&s.key).to_owned(),
                )
            })
            .collect(),
        loose: facts.loose,
        current_tables: enterprise.section_tables.clone(),
    };
    plan.refresh();
    plan
}

/// The plan's block for one piece of the document, its facts taken into `facts`; `None` for a piece left
/// with nothing (no heading, no line, no table).
fn plan_block(
    piece: &Piece,
    template: &Template,
    facts: &mut Facts,
    last_year: Option<i32>,
) -> Option<PlanBlock> {
    let (lines, tables) = piece_contents(piece, template, facts, last_year);
    let (kind, heading, named, target) = match (&piece.kind, &piece.heading) {
        (PieceKind::Section, Some(h)) => {
            let named: Vec<String> = h
                .sections
                .iter()
                .map(|s| template.report.sections[*s].key.clone())
                .collect();
            let target = named
                .first()
                .map_or(Target::MergeUp, |k| Target::Section(k.clone()));
            (BlockKind::Heading, Some(h.text.clone()), named, target)
        }
        (PieceKind::Closing, _) => (BlockKind::Closing, None, Vec::new(), Target::Skip),
        _ => (BlockKind::Preamble, None, Vec::new(), Target::Skip),
    };
    if heading.is_none() && lines.is_empty() && tables.is_empty() {
        return None;
    }
    Some(PlanBlock {
        kind,
        heading,
        named,
        lines,
        tables,
        target,
    })
}

/// A piece's lines and tables: outside the sections, the title, the attachments' label and the lines and tables
/// of facts go to `facts`; a table of label/value facts is the form's, other tables stay the section's (or text).
fn piece_contents(
    piece: &Piece,
    template: &Template,
    facts: &mut Facts,
    last_year: Option<i32>,
) -> (Vec<String>, Vec<SectionTable>) {
    let title = normalize(&template.report.title);
    let label = normalize(&template.report.attachment_label);
    let mut lines = Vec::new();
    let mut tables = Vec::new();
    // Whether the item before was a table kept as a section table.
    let mut after_table = false;
    for item in &piece.items {
        match item {
            Item::Line(line) => {
                let n = normalize(line);
                // An empty line inside a section is kept (the section's own blank line), except the one empty
                // paragraph right after a table: Word's (and our own export's) spacer, not the section's line.
                let spacer = std::mem::take(&mut after_table);
                if n.is_empty() && (piece.kind != PieceKind::Section || spacer) {
                    continue;
                }
                if piece.kind != PieceKind::Section {
                    if n == title || n == label {
                        continue;
                    }
                    if facts.line(line, template) {
                        continue;
                    }
                    if let Some(name) = name_in_title(line) {
                        let name_field = EnterpriseField::BuiltIn(BuiltIn::Name);
                        facts.add(name_field, BuiltIn::Name.def().label, &name, None, None);
                        continue;
                    }
                }
                lines.push(line.clone());
            }
            Item::Table(rows) => {
                let is_facts = facts.table(rows, template, last_year);
                // A table of label/value facts is the form's, not the section's; other tables stay as text.
                let label_value = is_facts
                    && !rows
                        .iter()
                        .any(|r| r.iter().filter(|c| year_of(c).is_some()).count() >= 2)
                    && rows
                        .iter()
                        .filter(|r| r.first().and_then(|c| year_of(c)).is_some())
                        .count()
                        < 2;
                if !is_facts || (!label_value && piece.kind == PieceKind::Section) {
                    let in_section = piece.kind == PieceKind::Section;
                    match section_table_of(rows, in_section, lines.len(), &mut facts.notes) {
                        Some(table) => {
                            tables.push(table);
                            after_table = true;
                        }
                        None => lines.extend(table_lines(rows)),
                    }
                }
            }
        }
    }
    (lines, tables)
}

/// The facts found, as changes of the enterprise's fields (a credit code folded as the form keeps it).
fn field_changes(
    found: Vec<(EnterpriseField, String)>,
    enterprise: &Enterprise,
    template: &Template,
) -> Vec<FieldChange> {
    found
        .into_iter()
        .filter_map(|(field, value)| {
            let current = enterprise.field_value(&field)?.to_owned();
            // A credit code goes in as the form keeps it: folded.
            let value = if field == EnterpriseField::BuiltIn(BuiltIn::CreditCode) {
                credit_code::normalize(&value)
            } else {
                value
            };
            Some(FieldChange {
                label: enterprise_field_label(&field, template),
                field,
                value,
                current,
            })
        })
        .collect()
}

/// What an applied import replaced, to put it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportUndo {
    /// The enterprise, 0-based.
    pub enterprise: usize,
    /// Each changed section's previous text; `None` when the section had no entry at all.
    sections: Vec<(String, Option<String>)>,
    /// Each changed section's previous tables; `None` when it had none.
    tables: Vec<(String, Option<Vec<SectionTable>>)>,
    fields: Vec<(EnterpriseField, String)>,
}

impl ImportUndo {
    /// How many sections and fields the import changed.
    pub fn change_count(&self) -> usize {
        self.sections.len() + self.fields.len()
    }
}

/// Applies `plan` to enterprise `index`. Empty targets are filled; targets holding other text are replaced only
/// when `replace_existing` (the clerk confirmed). Returns what is needed to undo it.
pub fn apply(
    plan: &ImportPlan,
    draft: &mut Draft,
    index: usize,
    replace_existing: bool,
) -> Result<ImportUndo, ImportError> {
    if draft.is_final() {
        return Err(ImportError::Final);
    }
    let count = draft.enterprises.len();
    let enterprise = draft
        .enterprises
        .get_mut(index)
        .ok_or(ImportError::NoSuchEnterprise {
            number: index + 1,
            count,
        })?;
    let mut undo = ImportUndo {
        enterprise: index,
        sections: Vec::new(),
        tables: Vec::new(),
        fields: Vec::new(),
    };
    for change in &plan.sections {
        let current = enterprise.section(&change.key);
        let current_tables = enterprise.tables(&change.key);
        let same = current == change.text && current_tables == change.tables.as_slice();
        let replacing = replaces(current, &change.text)
            || (!current_tables.is_empty() && current_tables != change.tables.as_slice());
        if same || (replacing && !replace_existing) {
            continue;
        }
        let old = enterprise
            .sections
            .insert(change.key.clone(), change.text.clone());
        undo.sections.push((change.key.clone(), old));
        let old_tables = if change.tables.is_empty() {
            enterprise.section_tables.remove(&change.key)
        } else {
            enterprise
                .section_tables
                .insert(change.key.clone(), change.tables.clone())
        };
        undo.tables.push((change.key.clone(), old_tables));
    }
    for change in &plan.fields {
        let Some(value) = enterprise.field_value_mut(&change.field) else {
            continue;
        };
        if *value == change.value || (replaces(value, &change.value) && !replace_existing) {
            continue;
        }
        let old = std::mem::replace(value, change.value.clone());
        undo.fields.push((change.field.clone(), old));
    }
    Ok(undo)
}

/// Puts back exactly what the import replaced. False when the enterprise is no longer there.
pub fn undo(undo: &ImportUndo, draft: &mut Draft) -> bool {
    let Some(enterprise) = draft.enterprises.get_mut(undo.enterprise) else {
        return false;
    };
    for (key, old) in &undo.sections {
        match old {
            Some(text) => enterprise.sections.insert(key.clone(), text.clone()),
            None => enterprise.sections.remove(key),
        };
    }
    for (key, old) in &undo.tables {
        match old {
            Some(tables) => enterprise
                .section_tables
                .insert(key.clone(), tables.clone()),
            None => enterprise.section_tables.remove(key),
        };
    }
    for (field, old) in &undo.fields {
        if let Some(value) = enterprise.field_value_mut(field) {
            value.clone_from(old);
        }
    }
    true
}
