use chrono::TimeZone as _;

use super::*;
use crate::model::field::enterprise_with_facts;
use crate::model::{Attachment, Enterprise};

fn at(hour: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2024, 9, 10, hour, 5, 0).single())
        .expect("valid time")
}

fn attachment(bytes: &[u8]) -> Attachment {
    Attachment {
        name: "盖章页.pdf".into(),
        size_bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    }
}

fn sample() -> Draft {
    let mut draft = Draft::new(chrono::NaiveDate::from_ymd_opt(2024, 9, 8).expect("date"));
    draft.set_province("浙江省");
    draft.unit.contact = "王晓明".into();
    draft.unit.phone = "0571-87654321".into();
    let mut e = enterprise_with_facts("浙江测试企业有限公司", "91330100799655058B");
    for spec in &Template::built_in().report.sections {
        e.sections.insert(
            spec.key.clone(),
            format!("{}：企业坚持质量第一。", spec.heading),
        );
    }
    e.attachments.push(attachment(b"%PDF-1.4 x"));
    draft.enterprises = vec![e];
    draft
}

#[test]
fn the_code_has_the_form_xxxx_xxxx_in_crockford_base32() {
    let code = finalize_code(&sample(), Template::built_in());
    assert_eq!(code.len(), 9);
    assert_eq!(&code[4..5], "-");
    assert!(
        code.chars()
            .filter(|c| *c != '-')
            .all(|c| CROCKFORD.contains(&(c as u8))),
        "{code}"
    );
    assert_eq!(code_of_digest("0000000000ffff"), "0000-0000");
    assert_eq!(code_of_digest("ffffffffff"), "ZZZZ-ZZZZ");
    assert_eq!(code_of_digest("0842108421"), "1111-1111");
}

#[test]
fn the_code_follows_every_character_the_documents_show() {
    let template = Template::built_in();
    let base = finalize_code(&sample(), template);
    assert_eq!(base, finalize_code(&sample(), template), "stable");
    let mut changed = sample();
    changed.enterprises[0]
        .sections
        .entry("quality".into())
        .or_default()
        .push('。');
    assert_ne!(base, finalize_code(&changed, template), "one character");
    let mut changed = sample();
    changed.unit.phone = "0571-87654322".into();
    assert_ne!(base, finalize_code(&changed, template), "the unit");
    let mut changed = sample();
    changed.enterprises[0].attachments[0] = attachment(b"%PDF-1.4 y");
    assert_ne!(
        base,
        finalize_code(&changed, template),
        "an attachment's bytes"
    );
    let mut heading = template.clone();
    heading.report.sections[1].heading = "二、质量水平领先情况（修订）".into();
    assert_ne!(
        base,
        finalize_code(&sample(), &heading),
        "a template heading"
    );
    let mut extra = sample();
    extra
        .extra
        .insert("website".into(), serde_json::Value::from("x"));
    assert_eq!(
        base,
        finalize_code(&extra, template),
        "fields no document shows leave it"
    );
}

#[test]
fn canonical_form_names_attachments_by_digest_not_bytes() {
    let form = canonical_form(&sample(), Template::built_in());
    assert!(form.contains(&sha256_hex(b"%PDF-1.4 x")));
    assert!(!form.contains("data_base64"));
}

#[test]
fn finalize_refuses_errors_and_names_them() {
    let mut draft = sample();
    draft.enterprises[0].name.clear();
    let Err(FinalizeError::HasErrors(errors)) = finalize(&mut draft, Template::built_in(), at(9))
    else {
        panic!("errors refuse 定稿");
    };
    assert!(!errors.is_empty());
    assert!(draft.finalized.is_none() && draft.final_log.is_empty());
}

#[test]
fn finalize_freezes_and_unfinalize_needs_a_reason() {
    let mut draft = sample();
    let done = finalize(&mut draft, Template::built_in(), at(9)).expect("finalizes");
    assert_eq!(done.at, "2024-09-10T09:05:00+08:00");
    assert_eq!(
        ensure_editable(&draft).err().map(|f| f.code),
        Some(done.code.clone())
    );
    assert_eq!(
        finalize(&mut draft, Template::built_in(), at(10)),
        Err(FinalizeError::AlreadyFinal)
    );
    assert_eq!(
        unfinalize(&mut draft, "  ", at(10)),
        Err(FinalizeError::NoReason)
    );
    assert!(draft.is_final());
    unfinalize(&mut draft, "领导要求修改第二节", at(10)).expect("unfinalizes");
    assert!(ensure_editable(&draft).is_ok());
    assert_eq!(
        unfinalize(&mut draft, "再来", at(11)),
        Err(FinalizeError::NotFinal)
    );
    let actions: Vec<_> = draft.final_log.iter().map(|e| e.action).collect();
    assert_eq!(actions, [LogAction::Finalize, LogAction::Unfinalize]);
    assert_eq!(draft.final_log[1].reason, "领导要求修改第二节");
    assert_eq!(draft.final_log[1].code, done.code);
}

#[test]
fn a_changed_draft_is_no_longer_consistent_with_its_code() {
    let mut draft = sample();
    finalize(&mut draft, Template::built_in(), at(9)).expect("finalizes");
    assert!(is_consistent(&draft, Template::built_in()));
    draft.unit.contact = "张三".into();
    assert!(!is_consistent(&draft, Template::built_in()));
}

#[test]
fn the_code_covers_section_tables_and_ignores_their_absence() {
    let draft = sample();
    let plain = finalize_code(&draft, Template::built_in());
    let mut empty_list = draft.clone();
    empty_list.enterprises[0]
        .section_tables
        .insert("quality".into(), Vec::new());
    assert_eq!(
        finalize_code(&empty_list, Template::built_in()),
        plain,
        "no table, same code"
    );
    let mut with_table = draft.clone();
    let table = crate::model::SectionTable {
        after_line: 0,
        rows: vec![
            vec!["年度".into(), "合格率".into()],
            vec!["2023".into(), "99.2%".into()],
        ],
    };
    with_table.enterprises[0]
        .section_tables
        .insert("quality".into(), vec![table.clone()]);
    let code = finalize_code(&with_table, Template::built_in());
    assert_ne!(code, plain, "a table changes the code");
    let mut cell_changed = with_table.clone();
    cell_changed.enterprises[0]
        .section_tables
        .get_mut("quality")
        .expect("tables")[0]
        .rows[1][1] = "99.3%".into();
    assert_ne!(
        finalize_code(&cell_changed, Template::built_in()),
        code,
        "so does a cell"
    );
    let mut moved = with_table.clone();
    moved.enterprises[0]
        .section_tables
        .get_mut("quality")
        .expect("tables")[0]
        .after_line = 1;
    assert_ne!(
        finalize_code(&moved, Template::built_in()),
        code,
        "and its place"
    );
}

/// The enterprises' part of the canonical form exactly as it was written before the field vocabulary: the
/// 定稿码 of every draft made final then must stay the same.
const ENTERPRISES_TAIL: &str = r#""enterprises":[{"name":"甲公司","credit_code":"91330100799655058B","region":"杭州市","industry":"高端装备","products":"数控机床","nature":"民营","contact":"李华","phone":"13812345678","revenue_100m":"１２５.６","profit_100m":"-3","rnd_100m":" 1.50 ","employees":"5210","sections":{"basic":"正文"},"attachments":[{"name":"a.pdf","size":3,"sha256":"abc"}],"acknowledged":{"Phone:PhoneFormat":"核实过"}},{"name":"","credit_code":"","region":"","industry":"","products":"","nature":"","contact":"","phone":"","revenue_100m":"","profit_100m":"","rnd_100m":"","employees":"","sections":{},"attachments":[],"acknowledged":{}}],"acknowledged":{}}"#;

#[test]
fn the_canonical_form_is_byte_for_byte_what_it_was() {
    let template = Template::built_in();
    let mut e = Enterprise {
        revenue_100m: "１２５.６".into(),
        profit_100m: "-3".into(),
        rnd_100m: " 1.50 ".into(),
        employees: "5210".into(),
        ..enterprise_with_facts("甲公司", "91330100799655058B")
    };
    e.sections.insert("basic".into(), "正文".into());
    e.attachments.push(Attachment {
        name: "a.pdf".into(),
        size_bytes: 3,
        sha256: "abc".into(),
    });
    e.acknowledged
        .insert("Phone:PhoneFormat".into(), "核实过".into());
    let draft = Draft {
        enterprises: vec![e, Enterprise::default()],
        ..Draft::default()
    };
    let form = canonical_form(&draft, template);
    assert!(form.ends_with(ENTERPRISES_TAIL), "{form}");
    // The whole form of a complete draft, through its code.
    assert_eq!(finalize_code(&sample(), template), PINNED_SAMPLE_CODE);
}

/// `finalize_code(&sample(), Template::built_in())` as the code before the field vocabulary computed it.
const PINNED_SAMPLE_CODE: &str = "ZTGB-ZYDZ";
