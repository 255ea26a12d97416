//! Field keys as a template names them (report facts, 汇总表 columns): the built-in fields of `model::field`,
//! the template's own fields and the 汇总表's column-only ones, and the value a document prints for each.

use crate::model::draft::Enterprise;
use crate::model::field::BuiltInKind;
pub use crate::model::field::{BUILT_IN_FIELDS, BuiltInField, built_in};

/// Column-only fields of the 汇总表: the row number, the joined contact, a blank 备注.
pub const COLUMN_PSEUDO_FIELDS: [(&str, &str); 3] = [
    ("#", "序号"),
    ("contact_phone", "联系人及电话"),
    ("note", "备注"),
];

/// What a document prints for the field `key` of enterprise number `index` (0-based): a built-in or custom
/// field trimmed (a credit code as checked: half-width, upper case, no spaces or hyphens, however it was typed
/// or imported), or a column pseudo-field.
pub fn printed_value(e: &Enterprise, index: usize, key: &str) -> String {
    if let Some(f) = built_in(key) {
        let text = (f.value)(e);
        return match f.kind {
            BuiltInKind::CreditCode => crate::model::credit_code::normalize(text),
            BuiltInKind::Text
            | BuiltInKind::Phone
            | BuiltInKind::Suggested(_)
            | BuiltInKind::Choice(_)
            | BuiltInKind::Money
            | BuiltInKind::Headcount => text.trim().to_owned(),
        };
    }
    match key {
        "#" => (index + 1).to_string(),
        "note" => String::new(),
        "contact_phone" => [e.contact.trim(), e.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => e.fields.get(key).map_or("", |v| v.trim()).to_owned(),
    }
}
