//! The template of a batch (docs/formats.md): the report's title, facts and sections, the 汇总表's columns, custom
//! enterprise fields and the batch rules. The built-in one is read from `assets/`; each batch holds its own copy
//! in the draft, which the clerk edits, exports and imports.

pub mod edit;
mod fields;
mod parse;
mod serde_impl;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub use fields::{BUILT_IN_FIELDS, BuiltInField, COLUMN_PSEUDO_FIELDS, printed_value};
pub use parse::{MAX_TEMPLATE_BYTES, TemplateFileError, read_template_file};

use super::draft::{Draft, Enterprise};

/// The template as shipped.
const BUILT_IN: &str = include_str!("../../../assets/report_template.json");

/// `format` of a template file.
pub const FORMAT: &str = "lingjun-template";
/// The template-file version this program reads and writes.
pub const VERSION: u64 = 1;
/// The largest quota a template may set (`max_enterprises` is 1–20).
pub const MAX_QUOTA: usize = 20;

/// The whole template: what the documents look like and the rules of the batch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Template {
    pub name: String,
    pub rules: Rules,
    /// Custom enterprise fields beside the built-in ones.
    pub fields: Vec<FieldSpec>,
    pub report: ReportSpec,
    pub summary: SummarySpec,
}

/// The batch rules the notice sets.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Most enterprises a province may recommend.
    pub max_enterprises: usize,
    /// The usual deadline, `MM-DD`.
    pub deadline: String,
    pub paper_copies: u32,
    /// The electronic copy's medium (`CD`).
    pub medium: String,
}

/// A custom enterprise field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub required: bool,
    /// Longest value in characters, when limited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
    /// The allowed values of a `choice` field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

/// What a custom field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Number,
    Integer,
    Date,
    Choice,
}

impl FieldKind {
    /// Every kind, in the order the 模板 page offers them.
    pub const ALL: [Self; 5] = [
        Self::Text,
        Self::Number,
        Self::Integer,
        Self::Date,
        Self::Choice,
    ];

    /// The kind as the clerk reads it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Text => "文字",
            Self::Number => "数字",
            Self::Integer => "整数",
            Self::Date => "日期",
            Self::Choice => "选项",
        }
    }

    /// Whether a field of this kind lists its choices (and must list at least one).
    pub fn has_choices(self) -> bool {
        match self {
            Self::Choice => true,
            Self::Text | Self::Number | Self::Integer | Self::Date => false,
        }
    }
}

/// The 推荐报告 (附件2).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSpec {
    pub attachment_label: String,
    pub title: String,
    /// Field keys shown in the basic-facts table, in order.
    pub facts: Vec<String>,
    pub sections: Vec<SectionSpec>,
    /// The signature line at the end (推荐单位（盖章）).
    pub closing: String,
}

/// One section of the report.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// The stable key the drafts file and the database use (`basic`, `quality`, …).
    pub key: String,
    pub heading: String,
    #[serde(default)]
    pub guidance: String,
    /// Recommended length in characters; more is a warning, not an error.
    pub recommended_chars: usize,
    #[serde(default = "yes")]
    pub required: bool,
    /// Other headings people write for this section (docs/formats.md, the template file), which the Word import
    /// takes as this section's heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

fn yes() -> bool {
    true
}

/// The 推荐名单汇总表 (附件3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySpec {
    pub attachment_label: String,
    pub title: String,
    pub columns: Vec<ColumnSpec>,
}

/// One column of the 汇总表: a field (built-in, custom, or `#`, `contact_phone`, `note`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub field: String,
    /// The header; the field's label when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

static TEMPLATE: LazyLock<Template> = LazyLock::new(|| {
    // The built-in template is checked by a unit test, so it always parses.
    Template::from_json(BUILT_IN).expect("assets/report_template.json is valid")
});

impl Default for Template {
    fn default() -> Self {
        Self::built_in().clone()
    }
}

impl Template {
    /// The built-in template.
    pub fn built_in() -> &'static Self {
        &TEMPLATE
    }

    /// Reads a template file's text, refusing anything docs/formats.md does not allow with the line and the reason.
    pub fn from_json(text: &str) -> Result<Self, TemplateFileError> {
        parse::from_json(text)
    }

    /// The template as a template file (pretty JSON, LF, `format` first).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a template serialises");
        text.push('\n');
        text
    }

    /// SHA-256 of the template file, as the manifest records it.
    pub fn sha256_hex(&self) -> String {
        super::draft::sha256_hex(self.to_json().as_bytes())
    }

    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&SectionSpec> {
        self.report.sections.iter().find(|s| s.key == key)
    }

    /// The custom field with this key.
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The label of any field key: built-in, custom, or a column pseudo-field; the key itself when unknown.
    pub fn field_label(&self, key: &str) -> String {
        if let Some(f) = fields::built_in(key) {
            return f.label.to_owned();
        }
        if let Some(f) = self.field(key) {
            return f.label.clone();
        }
        COLUMN_PSEUDO_FIELDS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| key.to_owned(), |(_, label)| (*label).to_owned())
    }

    /// A column's header: its own label or its field's.
    pub fn column_label(&self, column: &ColumnSpec) -> String {
        match &column.label {
            Some(label) if !label.trim().is_empty() => label.clone(),
            _ => self.field_label(&column.field),
        }
    }

    /// Whether the documents show this built-in field anywhere (facts or columns).
    pub fn shows_field(&self, key: &str) -> bool {
        self.report.facts.iter().any(|f| f == key)
            || self.summary.columns.iter().any(|c| {
                c.field == key || (c.field == "contact_phone" && matches!(key, "contact" | "phone"))
            })
    }
}

/// Where some kept text sits: a section or a custom field no longer in the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeptKind {
    Section,
    Field,
}

/// Text the template no longer shows, kept so that it comes back when its key returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptText {
    /// 0-based enterprise index.
    pub enterprise: usize,
    pub kind: KeptKind,
    pub key: String,
    /// Characters of text it holds.
    pub chars: usize,
}

/// Non-empty section and field text of `draft` that `template` does not show.
pub fn kept_text(draft: &Draft, template: &Template) -> Vec<KeptText> {
    let mut kept = Vec::new();
    for (index, e) in draft.enterprises.iter().enumerate() {
        kept.extend(kept_of(index, e, template));
    }
    kept
}

fn kept_of(index: usize, e: &Enterprise, template: &Template) -> Vec<KeptText> {
    // A section's text and its tables' cells (`model::section_table`) are kept together under its key.
    let section_keys: std::collections::BTreeSet<&String> =
        e.sections.keys().chain(e.section_tables.keys()).collect();
    let sections = section_keys
        .into_iter()
        .filter(|key| template.section(key).is_none())
        .map(|key| {
            let text = e.section(key);
            let cells = e.tables(key).iter().flat_map(|t| t.rows.iter().flatten());
            let blank = text.trim().is_empty() && cells.clone().all(|c| c.trim().is_empty());
            let chars = text.chars().count() + cells.map(|c| c.chars().count()).sum::<usize>();
            (KeptKind::Section, key, chars, blank)
        });
    let fields = e
        .fields
        .iter()
        .filter(|(key, _)| template.field(key).is_none())
        .map(|(key, text)| {
            let blank = text.trim().is_empty();
            (KeptKind::Field, key, text.chars().count(), blank)
        });
    sections
        .chain(fields)
        .filter(|(_, _, _, blank)| !blank)
        .map(|(kind, key, chars, _)| KeptText {
            enterprise: index,
            kind,
            key: key.clone(),
            chars,
        })
        .collect()
}

/// Text that would stop showing if `draft` changed to `new`: what the window asks about and the CLI refuses
/// without `--force`. (The text itself is kept either way.)
pub fn dropped_by(draft: &Draft, new: &Template) -> Vec<KeptText> {
    let before = kept_text(draft, &draft.template);
    kept_text(draft, new)
        .into_iter()
        .filter(|k| !before.contains(k))
        .collect()
}

/// Gives `draft` the template `new`. Refused, listing the text that would stop showing, when the new template
/// drops sections or fields that hold text and `force` is not set; with `force` that text is kept.
/// Returns the text that stopped showing.
pub fn replace_template(
    draft: &mut Draft,
    new: Template,
    force: bool,
) -> Result<Vec<KeptText>, Vec<KeptText>> {
    let dropped = dropped_by(draft, &new);
    if !dropped.is_empty() && !force {
        return Err(dropped);
    }
    draft.template = new;
    Ok(dropped)
}

/// The one rule for "how many 字" (the form's counter, the check's limits, docs/rules.md): every character a reader
/// sees counts as one 字 — each 汉字, letter, digit and punctuation mark, full-width or half-width alike — and white
/// space (spaces, tabs, line breaks, the full-width space) does not count.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests;
