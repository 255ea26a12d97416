//! What the clerk is asked before export and 定稿 (docs/finalize.md): the warnings nobody has confirmed
//! yet, grouped by kind so that one reason can confirm a whole kind, and whether the deadline has passed.

use chrono::NaiveDate;

use super::draft::Draft;
use super::issue::{Issue, Severity, acknowledge, acknowledgement};
use super::template::Template;
use super::validate::validate;

/// Warnings of one kind, confirmed together with one reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarningGroup {
    /// The kind part of the warnings' acknowledgement keys (`CheckDigit`, `OverRecommended`, …).
    pub kind: String,
    pub issues: Vec<Issue>,
}

/// The warnings without a confirmation, in the check's order.
pub fn unconfirmed(draft: &Draft, template: &Template) -> Vec<Issue> {
    validate(draft, template)
        .into_iter()
        .filter(|i| i.severity == Severity::Warning && acknowledgement(draft, i).is_none())
        .collect()
}

/// The kind of a warning, as its acknowledgement key names it.
pub fn kind_of(issue: &Issue) -> String {
    let key = issue.ack_key();
    key.rsplit_once(':')
        .map_or(key.clone(), |(_, kind)| kind.to_owned())
}

/// `issues` grouped by kind, groups in the order their first warning comes.
pub fn groups(issues: &[Issue]) -> Vec<WarningGroup> {
    let mut out: Vec<WarningGroup> = Vec::new();
    for issue in issues {
        let kind = kind_of(issue);
        match out.iter_mut().find(|g| g.kind == kind) {
            Some(group) => group.issues.push(issue.clone()),
            None => out.push(WarningGroup {
                kind,
                issues: vec![issue.clone()],
            }),
        }
    }
    out
}

/// Confirms every warning of `group` with one reason; returns how many were confirmed (0 for a blank reason).
pub fn confirm_group(draft: &mut Draft, group: &WarningGroup, reason: &str) -> usize {
    if reason.trim().is_empty() {
        return 0;
    }
    group
        .issues
        .iter()
        .filter(|issue| acknowledge(draft, issue, Some(reason)))
        .count()
}

/// The deadline, when `today` is past it.
pub fn deadline_passed(draft: &Draft, today: NaiveDate) -> Option<NaiveDate> {
    draft.batch.deadline_date().filter(|d| today > *d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Enterprise;

    fn two_bad_phones() -> Draft {
        let mut draft = Draft::new(NaiveDate::from_ymd_opt(2024, 9, 8).expect("date"));
        draft.unit.phone = "12".into();
        draft.enterprises = vec![
            Enterprise {
                phone: "34".into(),
                ..Enterprise::default()
            },
            Enterprise::default(),
        ];
        draft
    }

    #[test]
    fn one_reason_confirms_a_whole_kind() {
        let mut draft = two_bad_phones();
        let template = Template::built_in();
        let pending = unconfirmed(&draft, template);
        let phones = groups(&pending)
            .into_iter()
            .find(|g| g.kind == "PhoneFormat")
            .expect("phone warnings");
        assert_eq!(phones.issues.len(), 2, "unit and enterprise 1");
        assert_eq!(
            confirm_group(&mut draft, &phones, "  "),
            0,
            "a reason is needed"
        );
        assert_eq!(confirm_group(&mut draft, &phones, "分机号，已电话核实"), 2);
        assert!(
            unconfirmed(&draft, template)
                .iter()
                .all(|i| kind_of(i) != "PhoneFormat")
        );
    }

    #[test]
    fn a_past_deadline_is_told() {
        let draft = two_bad_phones();
        let day = |d| NaiveDate::from_ymd_opt(2024, 9, d).expect("date");
        assert_eq!(
            deadline_passed(&draft, day(20)),
            None,
            "the day itself is in time"
        );
        assert_eq!(deadline_passed(&draft, day(21)), Some(day(20)));
    }
}
