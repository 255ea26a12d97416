//! 定稿 (docs/finalize.md): an action, not a checkbox. It runs the check, freezes the drafts and gives the batch a
//! 定稿码, the first 40 bits of the SHA-256 over a canonical form of everything the documents are made from,
//! written as Crockford base32 `XXXX-XXXX`. 取消定稿 needs a reason; both are kept in the 定稿记录.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::draft::{Draft, sha256_hex};
use super::field::{BUILT_IN_FIELDS, InFinalCode};
use super::template::Template;
use super::validate::{self, Issue, Severity};

/// A batch that is final: its code and the moment of 定稿, which also dates every file of the package.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finalized {
    /// `XXXX-XXXX`.
    pub code: String,
    /// RFC 3339 with the clerk's UTC offset, to the second.
    pub at: String,
}

/// What a 定稿记录 entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogAction {
    Finalize,
    Unfinalize,
    /// Something the program did to the 定稿 state by itself (an old file's 定稿 tick dropped).
    Note,
}

/// One line of the 定稿记录.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub action: LogAction,
    pub at: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub reason: String,
}

/// Why 定稿 or 取消定稿 did not happen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FinalizeError {
    #[error("the check found {} errors", .0.len())]
    HasErrors(Vec<Issue>),
    #[error("already final")]
    AlreadyFinal,
    #[error("not final")]
    NotFinal,
    #[error("a reason is needed")]
    NoReason,
}

/// Why an edit was refused: the drafts are final.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("final since {at} ({code})")]
pub struct Frozen {
    pub code: String,
    pub at: String,
}

/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or off paper is not misread.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The canonical form: JSON with fixed field order and sorted maps, of the batch, the unit, the template and
/// the enterprises (the built-in fields in the order of `BUILT_IN_FIELDS`, as `InFinalCode` says, then the
/// sections, the attachments by name, size and SHA-256, the acknowledgements). The drafts file's unknown fields and the 定稿
/// state itself are left out, since no document shows them.
pub fn canonical_form(draft: &Draft, template: &Template) -> String {
    let enterprises: Vec<serde_json::Value> = draft
        .enterprises
        .iter()
        .map(|e| {
            let attachments: Vec<serde_json::Value> = e
                .attachments
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "name": a.name,
                        "size": a.size_bytes,
                        "sha256": a.sha256,
                    })
                })
                .collect();
            let mut form = serde_json::Map::new();
            for f in &BUILT_IN_FIELDS {
                let text = (f.value)(e);
                let present = match f.in_final_code {
                    InFinalCode::Always => true,
                    InFinalCode::WhenFilled => !text.is_empty(),
                };
                if present {
                    form.insert(f.key.to_owned(), text.clone().into());
                }
            }
            form.insert("sections".to_owned(), sorted(&e.sections));
            form.insert("attachments".to_owned(), attachments.into());
            form.insert("acknowledged".to_owned(), sorted(&e.acknowledged));
            // Section tables only when there are some, so drafts without them keep their codes.
            let tables: BTreeMap<&String, _> = e
                .section_tables
                .iter()
                .filter(|(_, tables)| !tables.is_empty())
                .collect();
            if !tables.is_empty()
                && let Ok(tables) = serde_json::to_value(&tables)
            {
                form.insert("section_tables".into(), tables);
            }
            serde_json::Value::Object(form)
        })
        .collect();
    let b = &draft.batch;
    let u = &draft.unit;
    let form = serde_json::json!({
        "canonical": "lingjun-final-1",
        "batch": {
            "year": b.year, "deadline": b.deadline, "recipient": b.recipient,
            "recipient_address": b.recipient_address, "recipient_postcode": b.recipient_postcode,
            "recipient_phone": b.recipient_phone, "paper_copies": b.paper_copies, "discs": b.discs,
        },
        "unit": {
            "province": u.province, "name": u.name, "contact": u.contact, "phone": u.phone,
            "email": u.email, "date": u.date,
        },
        "template": template,
        "enterprises": enterprises,
        "acknowledged": sorted(&draft.acknowledged),
    });
    // A tree of strings and numbers always serialises.
    serde_json::to_string(&form).unwrap_or_default()
}

fn sorted(map: &BTreeMap<String, String>) -> serde_json::Value {
    serde_json::Value::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect(),
    )
}

/// The 定稿码 of these drafts with this template: `XXXX-XXXX`.
pub fn finalize_code(draft: &Draft, template: &Template) -> String {
    code_of_digest(&sha256_hex(canonical_form(draft, template).as_bytes()))
}

/// The first 40 bits of a hex digest as eight Crockford base32 characters, grouped 4-4.
fn code_of_digest(hex: &str) -> String {
    let bits = u64::from_str_radix(hex.get(..10).unwrap_or("0"), 16).unwrap_or_default();
    let chars: String = (0..8)
        .rev()
        .map(|i| char::from(CROCKFORD[((bits >> (i * 5)) & 31) as usize]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// The time as the 定稿记录 writes it.
pub fn time_text(now: DateTime<FixedOffset>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The time for the clerk: `2024-09-10 14:03`.
pub fn display_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// 定稿: refuses drafts with errors (listed) or drafts already final; otherwise freezes them and logs it.
/// Unconfirmed warnings do not refuse it: the caller has asked the clerk about them.
pub fn finalize(
    draft: &mut Draft,
    template: &Template,
    now: DateTime<FixedOffset>,
) -> Result<Finalized, FinalizeError> {
    if draft.finalized.is_some() {
        return Err(FinalizeError::AlreadyFinal);
    }
    let errors: Vec<Issue> = validate::validate(draft, template)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(FinalizeError::HasErrors(errors));
    }
    let finalized = Finalized {
        code: finalize_code(draft, template),
        at: time_text(now),
    };
    draft.final_log.push(LogEntry {
        action: LogAction::Finalize,
        at: finalized.at.clone(),
        code: finalized.code.clone(),
        reason: String::new(),
    });
    draft.finalized = Some(finalized.clone());
    Ok(finalized)
}

/// 取消定稿 with the clerk's reason; the drafts can be edited again.
pub fn unfinalize(
    draft: &mut Draft,
    reason: &str,
    now: DateTime<FixedOffset>,
) -> Result<(), FinalizeError> {
    let Some(finalized) = draft.finalized.take_if(|_| !reason.trim().is_empty()) else {
        return Err(if draft.finalized.is_none() {
            FinalizeError::NotFinal
        } else {
            FinalizeError::NoReason
        });
    };
    draft.final_log.push(LogEntry {
        action: LogAction::Unfinalize,
        at: time_text(now),
        code: finalized.code,
        reason: reason.trim().to_owned(),
    });
    Ok(())
}

/// `Ok` while the drafts may be edited; the 定稿 otherwise, so the refusal can say since when.
pub fn ensure_editable(draft: &Draft) -> Result<(), Frozen> {
    draft.finalized.as_ref().map_or(Ok(()), |f| {
        Err(Frozen {
            code: f.code.clone(),
            at: f.at.clone(),
        })
    })
}

/// Whether a stored 定稿 still matches the drafts (a drafts file edited by hand would not).
pub fn is_consistent(draft: &Draft, template: &Template) -> bool {
    draft
        .finalized
        .as_ref()
        .is_none_or(|f| f.code == finalize_code(draft, template))
}

/// The moment every file of the package is dated: the 定稿 time, or `None` for a draft.
pub fn final_time(draft: &Draft) -> Option<DateTime<FixedOffset>> {
    draft
        .finalized
        .as_ref()
        .and_then(|f| DateTime::parse_from_rfc3339(&f.at).ok())
}

#[cfg(test)]
#[path = "finalize_tests.rs"]
mod tests;
