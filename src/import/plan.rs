//! What goes where: sections and facts found in the read blocks, shown to the clerk before anything changes;
//! applying them (non-empty text replaced only when the clerk confirmed) and undoing exactly.

use super::facts::{clean_value, fact_line, field_for_label};
use super::headings::{heading_score, normalize};
use super::{Block, ImportError};
use crate::model::messages::enterprise_field_label;
use crate::model::template::char_count;
use crate::model::validate::EnterpriseField;
use crate::model::{Draft, Enterprise, Template, credit_code};

/// A section's new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionChange {
    pub key: String,
    pub heading: String,
    pub text: String,
    /// What the section holds now (the text that would be replaced).
    pub current: String,
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
    /// Whether this replaces text the section has.
    pub fn replaces(&self) -> bool {
        replaces(&self.current, &self.text)
    }
}

impl FieldChange {
    /// Whether this replaces a value the field has.
    pub fn replaces(&self) -> bool {
        replaces(&self.current, &self.value)
    }
}

/// What an import would do, shown before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// The file's name, for the dialog's title.
    pub source: String,
    pub sections: Vec<SectionChange>,
    pub fields: Vec<FieldChange>,
    /// Text that belongs to no section or field, in document order.
    pub unplaced: Vec<String>,
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

    /// The plan as lines for a person: `一、企业基本情况 ← 1234 字（替换现有 560 字）`, `企业名称 ← …`, then the
    /// text that could not be placed.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for s in &self.sections {
            let replaced = if s.replaces() {
                format!("（替换现有 {} 字）", char_count(&s.current))
            } else {
                String::new()
            };
            lines.push(format!(
                "{} ← {} 字{replaced}",
                s.heading,
                char_count(&s.text)
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
        if !self.unplaced.is_empty() {
            lines.push(format!(
                "未能归入的文字（{} 段，不会导入）：",
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

/// Where the reader stands in the document.
#[derive(Default)]
struct Placer<'a> {
    template: Option<&'a Template>,
    current: Option<usize>,
    /// Lines per template section, `None` until its heading is found.
    sections: Vec<Option<Vec<String>>>,
    facts: Vec<(EnterpriseField, String)>,
    unplaced: Vec<String>,
}

impl Placer<'_> {
    fn line(&mut self, raw: &str) {
        let Some(template) = self.template else {
            return;
        };
        let line = raw.trim_matches(|c: char| c.is_whitespace());
        // The best-matching section whose heading has not been seen yet.
        let best = template
            .report
            .sections
            .iter()
            .enumerate()
            .filter(|(i, _)| self.sections[*i].is_none())
            .filter_map(|(i, spec)| {
                heading_score(line, &spec.heading).map(|(s, rest)| (i, s, rest))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _, rest)) = best {
            let mut lines = Vec::new();
            if !rest.is_empty() {
                lines.push(rest);
            }
            self.sections[i] = Some(lines);
            self.current = Some(i);
            return;
        }
        let normalized = normalize(line);
        // The closing block (推荐单位（盖章）…) ends the last section.
        if normalized.starts_with("推荐单位(盖章)") || normalized.starts_with("(盖章)") {
            self.current = None;
            self.unplaced.push(line.to_owned());
            return;
        }
        if let Some(Some(lines)) = self.current.map(|i| &mut self.sections[i]) {
            lines.push(line.to_owned());
            return;
        }
        if line.is_empty()
            || normalized == normalize(&template.report.title)
            || normalized == normalize(&template.report.attachment_label)
        {
            return;
        }
        match fact_line(line) {
            Some((field, _, value)) if !value.is_empty() => self.fact(field, value, line),
            _ => self.unplaced.push(line.to_owned()),
        }
    }

    fn fact(&mut self, field: EnterpriseField, value: String, original: &str) {
        match self.facts.iter().find(|(f, _)| *f == field) {
            None => self.facts.push((field, value)),
            Some((_, first)) if *first == value => {}
            Some(_) => self.unplaced.push(original.to_owned()),
        }
    }

    fn table(&mut self, rows: &[Vec<String>]) {
        let pairs: Vec<(&str, &str)> = rows
            .iter()
            .flat_map(|row| row.chunks(2))
            .filter(|pair| pair.len() == 2 && !pair[0].trim().is_empty())
            .map(|pair| (pair[0].as_str(), pair[1].as_str()))
            .collect();
        let known = pairs
            .iter()
            .filter(|(label, _)| field_for_label(label).is_some())
            .count();
        if known > 0 && known * 2 >= pairs.len() {
            for (label, value) in pairs {
                let value = clean_value(value);
                match field_for_label(label) {
                    Some(field) if !value.is_empty() => {
                        let original = format!("{}：{value}", label.trim());
                        self.fact(field, value, &original);
                    }
                    Some(_) => {}
                    None => self.unplaced.push(format!("{}：{value}", label.trim())),
                }
            }
            return;
        }
        for row in rows {
            let cells: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
            if let [only] = cells.as_slice() {
                for line in only.lines() {
                    self.line(line);
                }
            } else if !cells.is_empty() {
                let joined: Vec<String> = cells.iter().map(|c| c.replace('\n', " ")).collect();
                self.line(&joined.join("\t"));
            }
        }
    }
}

/// Finds the template's sections and the facts in `blocks`, against the enterprise's current values.
pub fn plan(
    blocks: &[Block],
    template: &Template,
    enterprise: &Enterprise,
    source: &str,
) -> ImportPlan {
    let mut placer = Placer {
        template: Some(template),
        sections: vec![None; template.report.sections.len()],
        ..Placer::default()
    };
    for block in blocks {
        match block {
            Block::Para(p) => {
                for line in p.text.split('\n') {
                    placer.line(line);
                }
            }
            Block::Table(rows) => placer.table(rows),
        }
    }
    let sections = template
        .report
        .sections
        .iter()
        .zip(placer.sections)
        .filter_map(|(spec, lines)| {
            let lines = lines?;
            let text = lines.join("\n").trim_matches('\n').to_owned();
            Some(SectionChange {
                key: spec.key.clone(),
                heading: spec.heading.clone(),
                current: enterprise.section(&spec.key).to_owned(),
                text,
            })
        })
        .collect();
    let fields = placer
        .facts
        .into_iter()
        .filter_map(|(field, value)| {
            let current = field_value(enterprise, &field)?.to_owned();
            let value = if field == EnterpriseField::CreditCode {
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
        .collect();
    ImportPlan {
        source: source.to_owned(),
        sections,
        fields,
        unplaced: placer.unplaced,
    }
}

/// The built-in enterprise field a fact goes into, for reading.
fn field_value<'a>(e: &'a Enterprise, field: &EnterpriseField) -> Option<&'a String> {
    Some(match field {
        EnterpriseField::Name => &e.name,
        EnterpriseField::CreditCode => &e.credit_code,
        EnterpriseField::Region => &e.region,
        EnterpriseField::Industry => &e.industry,
        EnterpriseField::Products => &e.products,
        EnterpriseField::Nature => &e.nature,
        EnterpriseField::Contact => &e.contact,
        EnterpriseField::Phone => &e.phone,
        EnterpriseField::Revenue => &e.revenue_100m,
        EnterpriseField::Profit => &e.profit_100m,
        EnterpriseField::Rnd => &e.rnd_100m,
        EnterpriseField::Employees => &e.employees,
        EnterpriseField::Section(_)
        | EnterpriseField::Custom(_)
        | EnterpriseField::Attachment(_) => return None,
    })
}

/// The same field, for writing.
fn field_mut<'a>(e: &'a mut Enterprise, field: &EnterpriseField) -> Option<&'a mut String> {
    Some(match field {
        EnterpriseField::Name => &mut e.name,
        EnterpriseField::CreditCode => &mut e.credit_code,
        EnterpriseField::Region => &mut e.region,
        EnterpriseField::Industry => &mut e.industry,
        EnterpriseField::Products => &mut e.products,
        EnterpriseField::Nature => &mut e.nature,
        EnterpriseField::Contact => &mut e.contact,
        EnterpriseField::Phone => &mut e.phone,
        EnterpriseField::Revenue => &mut e.revenue_100m,
        EnterpriseField::Profit => &mut e.profit_100m,
        EnterpriseField::Rnd => &mut e.rnd_100m,
        EnterpriseField::Employees => &mut e.employees,
        EnterpriseField::Section(_)
        | EnterpriseField::Custom(_)
        | EnterpriseField::Attachment(_) => return None,
    })
}

/// What an applied import replaced, to put it back exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportUndo {
    /// The enterprise, 0-based.
    pub enterprise: usize,
    /// Each changed section's previous text; `None` when the section had no entry at all.
    sections: Vec<(String, Option<String>)>,
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
        fields: Vec::new(),
    };
    for change in &plan.sections {
        let current = enterprise.section(&change.key);
        if current == change.text || (replaces(current, &change.text) && !replace_existing) {
            continue;
        }
        let old = enterprise
            .sections
            .insert(change.key.clone(), change.text.clone());
        undo.sections.push((change.key.clone(), old));
    }
    for change in &plan.fields {
        let Some(value) = field_mut(enterprise, &change.field) else {
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
    for (field, old) in &undo.fields {
        if let Some(value) = field_mut(enterprise, field) {
            value.clone_from(old);
        }
    }
    true
}
