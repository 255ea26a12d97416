//! A finding of the 报送前检查: where it is (`FieldPath`), how bad (`Severity`), what (`IssueKind`), and the
//! clerk's acknowledgement of a warning, stored with the enterprise (so it moves with it) or the draft.

use super::credit_code::CreditCodeFinding;
use super::draft::Draft;
pub use super::field::BuiltIn;

/// Errors block export; warnings may be acknowledged with a written reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// Where an issue is: a field the window can take the clerk to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
    Batch(BatchField),
    Unit(UnitField),
    /// The list of enterprises as a whole (none, or more than five).
    Enterprises,
    Enterprise {
        index: usize,
        field: EnterpriseField,
    },
}

/// Fields of the batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BatchField {
    Year,
    Deadline,
    Recipient,
    RecipientAddress,
    RecipientPostcode,
    RecipientPhone,
}

/// Fields of the recommending unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitField {
    Province,
    Name,
    Contact,
    Phone,
    Email,
    Date,
}

/// Fields of an enterprise.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EnterpriseField {
    /// One of the built-in fields (`model::field`).
    BuiltIn(BuiltIn),
    Section(String),
    /// A custom field of the template, by key.
    Custom(String),
    Attachment(usize),
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueKind {
    Required,
    TooLong {
        count: usize,
        max: usize,
    },
    OverRecommended {
        count: usize,
        recommended: usize,
    },
    CreditCode(CreditCodeFinding),
    CreditCodeProvince {
        division: String,
        province: String,
    },
    DuplicateCreditCode {
        other: usize,
    },
    PhoneFormat,
    EmailFormat,
    PostcodeFormat,
    NotANumber,
    Negative,
    NotWholeNumber,
    BadDate,
    /// Written as a date, but no such day exists (2026-02-30).
    ImpossibleDate,
    YearOutOfRange,
    DeadlineNotInYear,
    UnknownProvince,
    NoEnterprise,
    TooManyEnterprises {
        count: usize,
        max: usize,
    },
    /// A choice field holds a value its template does not list.
    NotAChoice,
    MissingGlyphs {
        chars: String,
    },
    EmptyAttachment,
    AttachmentType,
    /// A table of a section (`model::section_table`) beyond its limits of rows or columns; `table` is 0-based.
    TableTooLarge {
        table: usize,
        rows: usize,
        columns: usize,
    },
}

/// One finding of the checks.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    pub field: FieldPath,
    pub severity: Severity,
    pub kind: IssueKind,
}

impl Issue {
    /// An error at `field`.
    pub fn error(field: FieldPath, kind: IssueKind) -> Self {
        Self {
            field,
            severity: Severity::Error,
            kind,
        }
    }

    /// A warning at `field`.
    pub fn warning(field: FieldPath, kind: IssueKind) -> Self {
        Self {
            field,
            severity: Severity::Warning,
            kind,
        }
    }

    /// The key under which an acknowledgement of this warning is stored (with the enterprise, or the draft).
    pub fn ack_key(&self) -> String {
        let field = match &self.field {
            FieldPath::Batch(f) => format!("batch.{f:?}"),
            FieldPath::Unit(f) => format!("unit.{f:?}"),
            FieldPath::Enterprises => "enterprises".to_owned(),
            FieldPath::Enterprise { field, .. } => match field {
                // The variant's name, as when each built-in field was a variant of `EnterpriseField`.
                EnterpriseField::BuiltIn(id) => format!("{id:?}"),
                EnterpriseField::Section(key) => format!("section.{key}"),
                EnterpriseField::Custom(key) => format!("field.{key}"),
                EnterpriseField::Attachment(i) => format!("attachment.{i}"),
            },
        };
        let kind = match &self.kind {
            IssueKind::CreditCode(CreditCodeFinding::CheckDigit { .. }) => "CheckDigit".to_owned(),
            IssueKind::CreditCode(CreditCodeFinding::OrgCheckDigit { .. }) => {
                "OrgCheckDigit".to_owned()
            }
            other => format!("{other:?}")
                .split([' ', '(', '{'])
                .next()
                .unwrap_or_default()
                .to_owned(),
        };
        format!("{field}:{kind}")
    }

    /// The enterprise this issue belongs to, if any.
    pub fn enterprise_index(&self) -> Option<usize> {
        match self.field {
            FieldPath::Enterprise { index, .. } => Some(index),
            _ => None,
        }
    }
}

/// The reason the clerk gave for a warning, if it was acknowledged.
pub fn acknowledgement<'a>(draft: &'a Draft, issue: &Issue) -> Option<&'a str> {
    if issue.severity != Severity::Warning {
        return None;
    }
    let map = match issue.enterprise_index() {
        Some(index) => &draft.enterprises.get(index)?.acknowledged,
        None => &draft.acknowledged,
    };
    map.get(&issue.ack_key()).map(String::as_str)
}

/// Stores (or, with `None`, withdraws) the clerk's reason for a warning. Errors cannot be acknowledged.
pub fn acknowledge(draft: &mut Draft, issue: &Issue, reason: Option<&str>) -> bool {
    if issue.severity != Severity::Warning {
        return false;
    }
    let key = issue.ack_key();
    let map = match issue.enterprise_index() {
        Some(index) => match draft.enterprises.get_mut(index) {
            Some(enterprise) => &mut enterprise.acknowledged,
            None => return false,
        },
        None => &mut draft.acknowledged,
    };
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => map.insert(key, reason.to_owned()),
        None => map.remove(&key),
    };
    true
}
