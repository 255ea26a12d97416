//! Tests of the 报送前检查 rules: the wrong, the empty, the huge and the hostile.

use chrono::NaiveDate;

use super::*;
use crate::model::blob::MemoryBlobs;
use crate::model::{Enterprise, messages};

fn complete_draft() -> Draft {
    let mut draft = Draft::new(NaiveDate::from_ymd_opt(2024, 9, 1).expect("date"));
    draft.set_province("浙江省");
    draft.unit.contact = "王晓明".into();
    draft.unit.phone = "0571-87654321".into();
    draft.enterprises[0] = complete_enterprise("浙江某某装备有限公司", "91330100799655058B");
    draft
}

fn complete_enterprise(name: &str, code: &str) -> Enterprise {
    let mut e = crate::model::field::enterprise_with_facts(name, code);
    for spec in &Template::built_in().report.sections {
        e.sections
            .insert(spec.key.clone(), "企业坚持质量第一。".into());
    }
    e
}

fn issues_of(draft: &Draft) -> Vec<Issue> {
    validate(draft, Template::built_in())
}

fn enterprise_issues(draft: &Draft, index: usize, field: EnterpriseField) -> Vec<Issue> {
    let path = FieldPath::Enterprise { index, field };
    issues_of(draft)
        .into_iter()
        .filter(|i| i.field == path)
        .collect()
}

#[test]
fn a_complete_draft_has_no_findings() {
    assert_eq!(issues_of(&complete_draft()), vec![]);
}

#[test]
fn empty_required_fields_are_errors() {
    let mut draft = complete_draft();
    draft.unit.contact = "  ".into();
    draft.enterprises[0].name.clear();
    draft.enterprises[0]
        .sections
        .insert("quality".into(), "\n \n".into());
    let issues = issues_of(&draft);
    for path in [
        FieldPath::Unit(UnitField::Contact),
        FieldPath::Enterprise {
            index: 0,
            field: EnterpriseField::BuiltIn(BuiltIn::Name),
        },
        FieldPath::Enterprise {
            index: 0,
            field: EnterpriseField::Section("quality".into()),
        },
    ] {
        assert!(
            issues.iter().any(|i| i.field == path
                && i.kind == IssueKind::Required
                && i.severity == Severity::Error),
            "{path:?} should be a required error: {issues:?}"
        );
    }
    assert!(has_errors(&issues));
}

#[test]
fn credit_code_findings_have_the_right_severity() {
    let mut draft = complete_draft();
    draft.enterprises[0].credit_code = "91330100799655058C".into();
    let found = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].severity,
        Severity::Warning,
        "a bad check digit is only a warning"
    );

    draft.enterprises[0].credit_code = "9133010079965505".into();
    let found = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert_eq!(
        found[0].severity,
        Severity::Error,
        "a wrong length is an error"
    );

    draft.enterprises[0].credit_code = "91330100799655O58B".into();
    let found = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert_eq!(found[0].severity, Severity::Error, "a letter O is an error");
}

#[test]
fn full_width_lower_case_code_is_accepted() {
    let mut draft = complete_draft();
    draft.enterprises[0].credit_code = "９１３３０１００７９９６５５０５８ｂ".into();
    assert_eq!(
        enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode)),
        vec![]
    );
}

#[test]
fn a_code_from_another_province_is_a_warning() {
    let mut draft = complete_draft();
    draft.enterprises[0].credit_code = "9144030071526726XG".into();
    let found = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
    assert!(
        matches!(&found[0].kind, IssueKind::CreditCodeProvince { division, province } if division == "440300" && province == "浙江省"),
        "{found:?}"
    );
}

#[test]
fn the_same_code_twice_is_an_error_on_both() {
    let mut draft = complete_draft();
    draft
        .enterprises
        .push(complete_enterprise("另一家公司", "91330100799655058b"));
    let first = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    let second = enterprise_issues(&draft, 1, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert_eq!(first[0].kind, IssueKind::DuplicateCreditCode { other: 1 });
    assert_eq!(second[0].kind, IssueKind::DuplicateCreditCode { other: 0 });
    assert_eq!(first[0].severity, Severity::Error);
}

#[test]
fn a_sixth_enterprise_is_an_error_and_none_is_too() {
    let mut draft = complete_draft();
    draft.enterprises = vec![complete_enterprise("甲", "91330100799655058B"); 6];
    assert!(
        issues_of(&draft)
            .iter()
            .any(|i| i.kind == IssueKind::TooManyEnterprises { count: 6, max: 5 })
    );
    draft.enterprises.clear();
    assert!(
        issues_of(&draft)
            .iter()
            .any(|i| i.kind == IssueKind::NoEnterprise)
    );
}

#[test]
fn an_over_long_section_is_a_warning_with_the_count() {
    let mut draft = complete_draft();
    let recommended = Template::built_in()
        .section("opinion")
        .expect("opinion")
        .recommended_chars;
    draft.enterprises[0]
        .sections
        .insert("opinion".into(), "好".repeat(recommended + 7));
    let found = enterprise_issues(&draft, 0, EnterpriseField::Section("opinion".into()));
    assert_eq!(
        found,
        vec![Issue::warning(
            FieldPath::Enterprise {
                index: 0,
                field: EnterpriseField::Section("opinion".into())
            },
            IssueKind::OverRecommended {
                count: recommended + 7,
                recommended
            }
        )]
    );
    assert_eq!(
        messages::issue_text(&found[0]),
        format!(
            "共 {} 字，超过建议篇幅 {recommended} 字（多 7 字）",
            recommended + 7
        )
    );
}

#[test]
fn a_huge_paste_is_an_error_and_kept() {
    let mut draft = complete_draft();
    let huge = "质".repeat(MAX_SECTION_CHARS + 1);
    draft.enterprises[0]
        .sections
        .insert("basic".into(), huge.clone());
    let found = enterprise_issues(&draft, 0, EnterpriseField::Section("basic".into()));
    assert!(
        found
            .iter()
            .any(|i| matches!(i.kind, IssueKind::TooLong { .. }) && i.severity == Severity::Error)
    );
    assert_eq!(
        draft.enterprises[0].section("basic"),
        huge,
        "the text is not cut"
    );
}

#[test]
fn characters_the_fonts_lack_are_named_with_their_field() {
    let mut draft = complete_draft();
    draft.enterprises[0].name = "𠀀龘科技😀有限公司".into();
    draft.enterprises[0]
        .sections
        .insert("chain".into(), "带动\u{202E}上下游".into());
    let name = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::Name));
    assert_eq!(
        name[0].kind,
        IssueKind::MissingGlyphs {
            chars: "𠀀龘😀".into()
        }
    );
    let text = messages::issue_text(&name[0]);
    assert!(text.contains("𠀀") && text.contains("U+1F600"), "{text}");
    let chain = enterprise_issues(&draft, 0, EnterpriseField::Section("chain".into()));
    assert_eq!(
        chain[0].kind,
        IssueKind::MissingGlyphs {
            chars: "\u{202E}".into()
        }
    );
    assert!(
        messages::issue_text(&chain[0]).contains("U+202E"),
        "an invisible character is shown by code point"
    );
}

#[test]
fn bad_phones_dates_and_numbers_are_found() {
    let mut draft = complete_draft();
    draft.unit.phone = "12345".into();
    draft.unit.date = "9月10日".into();
    draft.enterprises[0].revenue_100m = "约12亿".into();
    draft.enterprises[0].employees = "12.5".into();
    let issues = issues_of(&draft);
    let kind_at = |path: FieldPath| {
        issues
            .iter()
            .find(|i| i.field == path)
            .map(|i| (i.kind.clone(), i.severity))
    };
    assert_eq!(
        kind_at(FieldPath::Unit(UnitField::Phone)),
        Some((IssueKind::PhoneFormat, Severity::Warning))
    );
    assert_eq!(
        kind_at(FieldPath::Unit(UnitField::Date)),
        Some((IssueKind::BadDate, Severity::Error))
    );
    assert_eq!(
        kind_at(FieldPath::Enterprise {
            index: 0,
            field: EnterpriseField::BuiltIn(BuiltIn::Revenue)
        }),
        Some((IssueKind::NotANumber, Severity::Error))
    );
    assert_eq!(
        kind_at(FieldPath::Enterprise {
            index: 0,
            field: EnterpriseField::BuiltIn(BuiltIn::Employees)
        }),
        Some((IssueKind::NotWholeNumber, Severity::Error))
    );
}

#[test]
fn full_width_key_figures_are_accepted() {
    let mut draft = complete_draft();
    draft.enterprises[0].revenue_100m = "１２５.６".into();
    draft.enterprises[0].profit_100m = "１２．５".into();
    draft.enterprises[0].rnd_100m = "　３　".into();
    draft.enterprises[0].employees = "１２００".into();
    let issues = issues_of(&draft);
    assert!(
        issues.iter().all(|i| i.enterprise_index() != Some(0)),
        "full-width figures are numbers: {issues:?}"
    );
    draft.enterprises[0].employees = "１２．５".into();
    draft.enterprises[0].revenue_100m = "１２５亿".into();
    let kinds: Vec<_> = issues_of(&draft).into_iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [IssueKind::NotANumber, IssueKind::NotWholeNumber],
        "folded, they are checked as before"
    );
}

#[test]
fn attachments_are_checked() {
    let mut draft = complete_draft();
    draft.enterprises[0]
        .attachments
        .push(MemoryBlobs::default().attach("说明.docx", b"x".to_vec()));
    draft.enterprises[0]
        .attachments
        .push(MemoryBlobs::default().attach("空.pdf", Vec::new()));
    let kinds: Vec<_> = issues_of(&draft).into_iter().map(|i| i.kind).collect();
    assert!(kinds.contains(&IssueKind::AttachmentType));
    assert!(kinds.contains(&IssueKind::EmptyAttachment));
}

#[test]
fn warnings_can_be_acknowledged_with_a_reason_and_errors_cannot() {
    let mut draft = complete_draft();
    draft.enterprises[0].credit_code = "9144030071526726XG".into();
    draft.enterprises[0].name.clear();
    let issues = issues_of(&draft);
    let warning = issues
        .iter()
        .find(|i| i.severity == Severity::Warning)
        .expect("a warning")
        .clone();
    let error = issues
        .iter()
        .find(|i| i.severity == Severity::Error)
        .expect("an error")
        .clone();
    assert!(acknowledge(
        &mut draft,
        &warning,
        Some("  总部在深圳，生产基地在杭州  ")
    ));
    assert_eq!(
        acknowledgement(&draft, &warning),
        Some("总部在深圳，生产基地在杭州"),
        "stored trimmed"
    );
    assert!(
        !acknowledge(&mut draft, &error, Some("理由")),
        "errors cannot be acknowledged"
    );
    assert_eq!(acknowledgement(&draft, &error), None);
    // The acknowledgement travels with the enterprise when it moves.
    draft
        .enterprises
        .insert(0, complete_enterprise("新企业", "91330100908301663H"));
    let moved = issues_of(&draft)
        .into_iter()
        .find(|i| i.severity == Severity::Warning)
        .expect("still a warning");
    assert_eq!(moved.enterprise_index(), Some(1));
    assert_eq!(
        acknowledgement(&draft, &moved),
        Some("总部在深圳，生产基地在杭州")
    );
    assert!(acknowledge(&mut draft, &moved, None));
    assert_eq!(acknowledgement(&draft, &moved), None, "withdrawn");
    assert!(
        !acknowledge(&mut draft, &moved, Some("   ")) || acknowledgement(&draft, &moved).is_none(),
        "an empty reason is no reason"
    );
}

#[test]
fn a_code_registered_at_national_level_says_so() {
    let mut draft = complete_draft();
    // 100000: registered by a central authority, not by any province.
    draft.enterprises[0].credit_code = "91100000100010433L".into();
    let found: Vec<Issue> =
        enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode))
            .into_iter()
            .filter(|i| matches!(i.kind, IssueKind::CreditCodeProvince { .. }))
            .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let text = messages::issue_text(&found[0]);
    assert!(text.contains("国家级登记"), "{text}");
    assert!(!text.contains("外省"), "{text}");
    // Another province's code still reads as before.
    draft.enterprises[0].credit_code = "9144030071526726XG".into();
    let found = enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::CreditCode));
    assert!(messages::issue_text(&found[0]).contains("外省"));
}

/// The form's counter and the check's limits count the same 字: white space never counts.
#[test]
fn every_limit_counts_characters_one_way() {
    let mut draft = complete_draft();
    let spaced = format!("{}\n\n", "质 量".repeat(MAX_SECTION_CHARS / 2 - 1));
    assert!(
        spaced.chars().count() > MAX_SECTION_CHARS,
        "with spaces it would be over"
    );
    draft.enterprises[0]
        .sections
        .insert("basic".into(), spaced.clone());
    let found = enterprise_issues(&draft, 0, EnterpriseField::Section("basic".into()));
    assert!(
        !found
            .iter()
            .any(|i| matches!(i.kind, IssueKind::TooLong { .. })),
        "{found:?}"
    );
    let over = "质".repeat(MAX_SECTION_CHARS + 3) + "\n \n";
    draft.enterprises[0]
        .sections
        .insert("basic".into(), over.clone());
    let found = enterprise_issues(&draft, 0, EnterpriseField::Section("basic".into()));
    let count = crate::model::template::char_count(&over);
    assert_eq!(count, MAX_SECTION_CHARS + 3);
    assert!(
        found.iter().any(|i| i.kind
            == IssueKind::TooLong {
                count,
                max: MAX_SECTION_CHARS
            }),
        "the check says the same number as the form: {found:?}"
    );
    draft.enterprises[0].name = format!("{}公司", " ".repeat(MAX_SHORT_CHARS));
    assert!(enterprise_issues(&draft, 0, EnterpriseField::BuiltIn(BuiltIn::Name)).is_empty());
}

#[test]
fn dates_are_accepted_as_clerks_write_them() {
    use crate::model::draft::{normalize_date, parse_date};
    for typed in [
        "2024-09-10",
        "2024-9-10",
        "2024/9/10",
        "2024.9.10",
        "2024年9月10日",
        " ２０２４年９月１０日 ",
    ] {
        assert_eq!(
            normalize_date(typed).as_deref(),
            Some("2024-09-10"),
            "{typed}"
        );
    }
    for wrong in [
        "",
        "9月10日",
        "2024-9",
        "24-9-10",
        "2024-09-10-1",
        "2024/09.10x",
        "二〇二四年九月十日",
    ] {
        assert_eq!(parse_date(wrong), None, "{wrong}");
    }
    let mut draft = complete_draft();
    draft.unit.date = "2024/9/10".into();
    assert!(
        issues_of(&draft)
            .iter()
            .all(|i| i.field != FieldPath::Unit(UnitField::Date))
    );
    for (typed, kind) in [
        ("2026-02-30", IssueKind::ImpossibleDate),
        ("2024年13月1日", IssueKind::ImpossibleDate),
        ("下周五", IssueKind::BadDate),
    ] {
        draft.unit.date = typed.into();
        draft.batch.deadline = typed.into();
        let found: Vec<IssueKind> = issues_of(&draft)
            .into_iter()
            .filter(|i| {
                matches!(
                    i.field,
                    FieldPath::Unit(UnitField::Date) | FieldPath::Batch(BatchField::Deadline)
                )
            })
            .map(|i| i.kind)
            .collect();
        assert_eq!(found, vec![kind.clone(), kind], "{typed}");
    }
}
