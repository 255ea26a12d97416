//! Every check of docs/rules.md over a whole draft. A finding is data (`Issue`), never an `Err`: the field hints and
//! the 报送前检查 page read the same list.

use chrono::Datelike as _;

use super::credit_code::{self, CreditCodeFinding};
use super::draft::{Draft, Enterprise, is_impossible_date, parse_date};
use super::field::{BUILT_IN_FIELDS, BuiltInField, BuiltInKind};
pub use super::issue::{
    BatchField, BuiltIn, EnterpriseField, FieldPath, Issue, IssueKind, Severity, UnitField,
    acknowledge, acknowledgement,
};
use super::key_figure;
use super::phone;
use super::provinces;
use super::section_table::{self, SectionTable};
use super::template::{FieldKind, FieldSpec, Template, char_count};
use crate::fonts;

/// Longest accepted one-line field, in characters; beyond this it is surely a paste gone wrong.
pub const MAX_SHORT_CHARS: usize = 200;
/// Longest accepted section, in characters (about 60 printed pages).
pub const MAX_SECTION_CHARS: usize = 50_000;

/// All findings for a draft, in the order of the form: batch, unit, then each enterprise.
pub fn validate(draft: &Draft, template: &Template) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_batch(draft, &mut issues);
    check_unit(draft, &mut issues);
    if draft.enterprises.is_empty() {
        issues.push(Issue::error(
            FieldPath::Enterprises,
            IssueKind::NoEnterprise,
        ));
    }
    let max = template.rules.max_enterprises;
    if draft.enterprises.len() > max {
        let count = draft.enterprises.len();
        issues.push(Issue::error(
            FieldPath::Enterprises,
            IssueKind::TooManyEnterprises { count, max },
        ));
    }
    for (index, enterprise) in draft.enterprises.iter().enumerate() {
        check_enterprise(draft, index, enterprise, template, &mut issues);
    }
    issues
}

/// Whether any finding blocks export.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

fn check_batch(draft: &Draft, issues: &mut Vec<Issue>) {
    let batch = &draft.batch;
    let at = FieldPath::Batch;
    if !(2024..=2100).contains(&batch.year) {
        issues.push(Issue::error(
            at(BatchField::Year),
            IssueKind::YearOutOfRange,
        ));
    }
    match batch.deadline_date() {
        None if batch.deadline.trim().is_empty() => {
            issues.push(Issue::error(at(BatchField::Deadline), IssueKind::Required));
        }
        None => issues.push(Issue::error(
            at(BatchField::Deadline),
            date_problem(&batch.deadline),
        )),
        Some(date) if date.year() != batch.year => {
            issues.push(Issue::warning(
                at(BatchField::Deadline),
                IssueKind::DeadlineNotInYear,
            ));
        }
        Some(_) => {}
    }
    short_text(&batch.recipient, at(BatchField::Recipient), true, issues);
    short_text(
        &batch.recipient_address,
        at(BatchField::RecipientAddress),
        true,
        issues,
    );
    let postcode = batch.recipient_postcode.trim();
    if postcode.len() != 6 || !postcode.chars().all(|c| c.is_ascii_digit()) {
        issues.push(Issue::warning(
            at(BatchField::RecipientPostcode),
            IssueKind::PostcodeFormat,
        ));
    }
    phone_field(
        &batch.recipient_phone,
        at(BatchField::RecipientPhone),
        true,
        issues,
    );
}

fn check_unit(draft: &Draft, issues: &mut Vec<Issue>) {
    let unit = &draft.unit;
    let at = FieldPath::Unit;
    if unit.province.trim().is_empty() {
        issues.push(Issue::error(at(UnitField::Province), IssueKind::Required));
    } else if provinces::find(&unit.province).is_none() {
        issues.push(Issue::error(
            at(UnitField::Province),
            IssueKind::UnknownProvince,
        ));
    }
    short_text(&unit.name, at(UnitField::Name), true, issues);
    short_text(&unit.contact, at(UnitField::Contact), true, issues);
    phone_field(&unit.phone, at(UnitField::Phone), true, issues);
    short_text(&unit.email, at(UnitField::Email), false, issues);
    if !unit.email.trim().is_empty() && !phone::is_valid_email(&unit.email) {
        issues.push(Issue::warning(at(UnitField::Email), IssueKind::EmailFormat));
    }
    date_field(&unit.date, at(UnitField::Date), issues);
}

fn check_enterprise(
    draft: &Draft,
    index: usize,
    e: &Enterprise,
    template: &Template,
    issues: &mut Vec<Issue>,
) {
    let at = |field| FieldPath::Enterprise { index, field };
    // The facts, then the template's own fields, then the key figures: the order of the findings.
    let (figures, facts): (Vec<&BuiltInField>, Vec<&BuiltInField>) =
        BUILT_IN_FIELDS.iter().partition(|f| f.kind.is_key_figure());
    for f in facts {
        built_in_field(draft, (index, e), f, template, issues);
    }
    for spec in &template.fields {
        let value = e.fields.get(&spec.key).map_or("", String::as_str);
        custom_field(
            value,
            spec,
            at(EnterpriseField::Custom(spec.key.clone())),
            issues,
        );
    }
    for f in figures {
        built_in_field(draft, (index, e), f, template, issues);
    }
    for spec in &template.report.sections {
        let text = e.section(&spec.key);
        let field = at(EnterpriseField::Section(spec.key.clone()));
        // Cells count like text (docs/rules.md); a section with only a table is not empty.
        let count = e.section_chars(&spec.key);
        section_tables(e.tables(&spec.key), &field, issues);
        if count == 0 {
            if spec.required {
                issues.push(Issue::error(field, IssueKind::Required));
            }
            continue;
        }
        if count > MAX_SECTION_CHARS {
            issues.push(Issue::error(
                field.clone(),
                IssueKind::TooLong {
                    count,
                    max: MAX_SECTION_CHARS,
                },
            ));
        } else if count > spec.recommended_chars {
            let recommended = spec.recommended_chars;
            issues.push(Issue::warning(
                field.clone(),
                IssueKind::OverRecommended { count, recommended },
            ));
        }
        glyphs(text, field, issues);
    }
    for (i, attachment) in e.attachments.iter().enumerate() {
        let field = at(EnterpriseField::Attachment(i));
        if attachment.size_bytes == 0 {
            issues.push(Issue::error(field.clone(), IssueKind::EmptyAttachment));
        }
        let lower = attachment.name.to_lowercase();
        if ![".pdf", ".jpg", ".jpeg", ".png"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            issues.push(Issue::warning(field.clone(), IssueKind::AttachmentType));
        }
        glyphs(&attachment.name, field, issues);
    }
}

/// A built-in field of enterprise `index`, as its kind and need say (a field the template prints nowhere is
/// demanded only when `Need::Always`).
fn built_in_field(
    draft: &Draft,
    (index, e): (usize, &Enterprise),
    f: &BuiltInField,
    template: &Template,
    issues: &mut Vec<Issue>,
) {
    let text = (f.value)(e);
    let field = FieldPath::Enterprise {
        index,
        field: EnterpriseField::BuiltIn(f.id),
    };
    let required = f.required(template.shows_field(f.key));
    match f.kind {
        BuiltInKind::Text | BuiltInKind::Suggested(_) | BuiltInKind::Choice(_) => {
            short_text(text, field, required, issues);
        }
        BuiltInKind::Phone => phone_field(text, field, required, issues),
        BuiltInKind::CreditCode => {
            credit_code_field(draft, index, f, text, field, required, issues);
        }
        BuiltInKind::Money => key_figure_field(text, field, false, issues),
        BuiltInKind::Headcount => key_figure_field(text, field, true, issues),
    }
}

fn credit_code_field(
    draft: &Draft,
    index: usize,
    f: &BuiltInField,
    code: &str,
    field: FieldPath,
    required: bool,
    issues: &mut Vec<Issue>,
) {
    if code.trim().is_empty() {
        if required {
            issues.push(Issue::error(field, IssueKind::Required));
        }
        return;
    }
    let findings = credit_code::check(code);
    let well_formed = findings.iter().all(|f| {
        matches!(
            f,
            CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. }
        )
    });
    for finding in findings {
        let severity = match finding {
            CreditCodeFinding::WrongLength { .. } | CreditCodeFinding::InvalidChar { .. } => {
                Severity::Error
            }
            // Some legally issued codes fail their check digits (GB 32100 was applied late in places).
            CreditCodeFinding::CheckDigit { .. } | CreditCodeFinding::OrgCheckDigit { .. } => {
                Severity::Warning
            }
        };
        issues.push(Issue {
            field: field.clone(),
            severity,
            kind: IssueKind::CreditCode(finding),
        });
    }
    if !well_formed {
        return;
    }
    if let (Some(division), Some(province)) = (
        credit_code::division_code(code),
        provinces::find(&draft.unit.province),
    ) && !province
        .division_prefixes
        .iter()
        .any(|p| division.starts_with(p))
    {
        issues.push(Issue::warning(
            field.clone(),
            IssueKind::CreditCodeProvince {
                division,
                province: province.name.to_owned(),
            },
        ));
    }
    let normalized = credit_code::normalize(code);
    if let Some(other) = draft
        .enterprises
        .iter()
        .enumerate()
        .find(|(i, o)| *i != index && credit_code::normalize((f.value)(o)) == normalized)
        .map(|(i, _)| i)
    {
        issues.push(Issue::error(
            field,
            IssueKind::DuplicateCreditCode { other },
        ));
    }
}

fn short_text(text: &str, field: FieldPath, required: bool, issues: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        if required {
            issues.push(Issue::error(field, IssueKind::Required));
        }
        return;
    }
    let count = char_count(text);
    if count > MAX_SHORT_CHARS {
        issues.push(Issue::error(
            field.clone(),
            IssueKind::TooLong {
                count,
                max: MAX_SHORT_CHARS,
            },
        ));
    }
    glyphs(text, field, issues);
}

/// A custom field: required, its limit, and what its kind accepts.
fn custom_field(value: &str, spec: &FieldSpec, field: FieldPath, issues: &mut Vec<Issue>) {
    short_text(value, field.clone(), spec.required, issues);
    let text = value.trim();
    if text.is_empty() {
        return;
    }
    let count = char_count(text);
    if let Some(max) = spec.max_chars
        && count > max
        && count <= MAX_SHORT_CHARS
    {
        issues.push(Issue::error(
            field.clone(),
            IssueKind::TooLong { count, max },
        ));
    }
    match spec.kind {
        FieldKind::Text => {}
        FieldKind::Number => {
            if key_figure::parse(text).is_none() {
                issues.push(Issue::error(field, IssueKind::NotANumber));
            }
        }
        FieldKind::Integer => match key_figure::parse(text) {
            None => issues.push(Issue::error(field, IssueKind::NotANumber)),
            Some(v) if v.fract() != 0.0 => {
                issues.push(Issue::error(field, IssueKind::NotWholeNumber));
            }
            Some(_) => {}
        },
        FieldKind::Date => {
            if parse_date(text).is_none() {
                issues.push(Issue::error(field, IssueKind::BadDate));
            }
        }
        FieldKind::Choice => {
            if !spec.choices.iter().any(|c| c.trim() == text) {
                issues.push(Issue::error(field, IssueKind::NotAChoice));
            }
        }
    }
}

fn phone_field(text: &str, field: FieldPath, required: bool, issues: &mut Vec<Issue>) {
    short_text(text, field.clone(), required, issues);
    if !text.trim().is_empty() && !phone::is_valid_phone(text) {
        issues.push(Issue::warning(field, IssueKind::PhoneFormat));
    }
}

fn date_field(text: &str, field: FieldPath, issues: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        issues.push(Issue::error(field, IssueKind::Required));
    } else if parse_date(text).is_none() {
        issues.push(Issue::error(field, date_problem(text)));
    }
}

/// Why a non-empty text is not a date: a day that does not exist, or not written as a date at all.
fn date_problem(text: &str) -> IssueKind {
    if is_impossible_date(text) {
        IssueKind::ImpossibleDate
    } else {
        IssueKind::BadDate
    }
}

/// A key figure: empty, or a number; a headcount is also whole and not negative.
fn key_figure_field(text: &str, field: FieldPath, headcount: bool, issues: &mut Vec<Issue>) {
    if text.trim().is_empty() {
        return;
    }
    match key_figure::parse(text) {
        None => issues.push(Issue::error(field, IssueKind::NotANumber)),
        Some(value) if value < 0.0 && headcount => {
            issues.push(Issue::error(field, IssueKind::Negative));
        }
        Some(value) if headcount && value.fract() != 0.0 => {
            issues.push(Issue::error(field, IssueKind::NotWholeNumber));
        }
        Some(_) => {}
    }
}

/// Characters the bundled fonts lack would print as empty boxes: name them before export.
/// A section's tables: each within its limits of rows and columns, every cell drawable.
fn section_tables(tables: &[SectionTable], field: &FieldPath, issues: &mut Vec<Issue>) {
    for (table, t) in tables.iter().enumerate() {
        let (rows, columns) = (t.rows.len(), t.column_count());
        if rows > section_table::MAX_ROWS || columns > section_table::MAX_COLUMNS {
            issues.push(Issue::error(
                field.clone(),
                IssueKind::TableTooLarge {
                    table,
                    rows,
                    columns,
                },
            ));
        }
    }
    let cells: String = tables
        .iter()
        .flat_map(|t| t.rows.iter().flatten())
        .flat_map(|c| c.chars())
        .collect();
    if !tables.is_empty() {
        glyphs(&cells, field.clone(), issues);
    }
}

fn glyphs(text: &str, field: FieldPath, issues: &mut Vec<Issue>) {
    let missing = fonts::missing_glyphs(text);
    if !missing.is_empty() {
        let chars = missing.into_iter().take(20).collect();
        issues.push(Issue::error(field, IssueKind::MissingGlyphs { chars }));
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
