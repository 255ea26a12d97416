//! Importing reports (docs/import.md): files other programs made, hostile files, the round trip of our own .docx, and
//! `lingjun import`.

use crate::common;

use std::path::{Path, PathBuf};

use lingjun::import::{self, ImportError, ImportPlan};
use lingjun::model::validate::{BuiltIn, EnterpriseField as F};
use lingjun::model::{Draft, Enterprise, Template};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The plan of a file for an empty enterprise.
fn plan_of(path: &Path) -> ImportPlan {
    let mut draft = Draft::default();
    draft.enterprises.push(Enterprise::default());
    import::plan_file(path, &draft, 0, Template::built_in()).expect("reads")
}

fn section<'a>(plan: &'a ImportPlan, key: &str) -> Option<&'a str> {
    plan.sections
        .iter()
        .find(|s| s.key == key)
        .map(|s| s.text.as_str())
}

fn field(plan: &ImportPlan, field: &F) -> Option<String> {
    plan.fields
        .iter()
        .find(|f| f.field == *field)
        .map(|f| f.value.clone())
}

/// LibreOffice from HTML: 标题 headings, full-width digits in the code, a table of figures kept in its section.
#[test]
fn libreoffice_html_docx() {
    let plan = plan_of(&fixture("libreoffice_from_html.docx"));
    assert_eq!(plan.sections.len(), 6, "{:?}", plan.lines());
    assert_eq!(
        section(&plan, "basic"),
        Some("公司始建于1958年，是国内数控机床骨干企业。\n2023年营业收入125.6亿元。"),
        "full-width indents dropped"
    );
    assert_eq!(
        section(&plan, "quality"),
        Some("主要质量指标如下："),
        "the text before the table"
    );
    let quality = plan
        .sections
        .iter()
        .find(|s| s.key == "quality")
        .expect("quality");
    assert_eq!(
        quality.tables,
        [lingjun::model::SectionTable {
            after_line: 1,
            rows: vec![
                vec!["年度".into(), "一次交验合格率".into()],
                vec!["2023".into(), "99.6%".into()],
            ],
        }],
        "a table that is not facts stays in its section, as a table after its line"
    );
    assert_eq!(
        section(&plan, "experience"),
        Some("（一）全员质量管理\n推行质量积分制。")
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::CreditCode)).as_deref(),
        Some("91330100799655058B"),
        "full-width normalised"
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Region)).as_deref(),
        Some("杭州市"),
        "half-width colon"
    );
    assert!(plan.unplaced.is_empty(), "{:?}", plan.unplaced);
}

/// LibreOffice from .odt: 标签：值 lines, bold paragraphs as headings, other words, a missing number.
#[test]
fn libreoffice_odt_docx() {
    let plan = plan_of(&fixture("libreoffice_from_odt.docx"));
    let keys: Vec<&str> = plan.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["basic", "quality", "experience"]);
    assert_eq!(
        section(&plan, "basic"),
        Some("公司专注阀门四十年。"),
        "一．企业概况"
    );
    assert_eq!(
        section(&plan, "experience"),
        Some("以标准引领质量提升。"),
        "no number"
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Revenue)).as_deref(),
        Some("36.8")
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Phone)).as_deref(),
        Some("0577-88776655")
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Products)).as_deref(),
        Some("工业阀门")
    );
}

/// python-docx: Heading 1 styles, unnumbered and reworded headings, a facts table, bullets, a run-in heading.
#[test]
fn python_docx_file() {
    let plan = plan_of(&fixture("python_docx.docx"));
    assert_eq!(
        section(&plan, "basic"),
        Some("公司成立于2003年，专注于智能电网设备。\n主要产品包括：\n智能电表\n配电终端"),
        "list items are read"
    );
    assert_eq!(
        section(&plan, "quality"),
        Some("产品一次交验合格率99.98%。"),
        "二、质量水平领先"
    );
    assert_eq!(
        section(&plan, "region"),
        Some("牵头制定团体标准5项。"),
        "run-in heading"
    );
    assert_eq!(
        section(&plan, "experience"),
        Some("首席质量官制度。"),
        "五. with a half-width stop"
    );
    assert_eq!(section(&plan, "opinion"), None, "not in the file");
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Name)).as_deref(),
        Some("宁波示例电气股份有限公司")
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Employees)).as_deref(),
        Some("3120"),
        "人 dropped"
    );
}

/// Word's own way: automatic numbering, a 4-column facts table, tracked changes, a text box, a comment, a field.
#[test]
fn word_style_file() {
    let plan = plan_of(&fixture("word_style.docx"));
    assert_eq!(
        plan.sections.len(),
        6,
        "numbered headings found: {:?}",
        plan.lines()
    );
    let basic = section(&plan, "basic").expect("basic");
    assert!(basic.contains("碳纤维复合材料"), "tracked insertion read");
    assert!(!basic.contains("玻璃纤维"), "tracked deletion not read");
    assert!(
        basic.contains("统计截至2024年8月1日。"),
        "field result read"
    );
    assert!(!basic.contains("DATE"), "field code not read");
    let quality = section(&plan, "quality").expect("quality");
    assert!(!quality.contains("批注"), "comments not read");
    assert!(
        quality.contains("（一）产品质量"),
        "level-2 numbering restored"
    );
    let chain = section(&plan, "chain").expect("chain");
    assert_eq!(
        chain.matches("带动配套企业86家").count(),
        1,
        "text box read once: {chain}"
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Nature)).as_deref(),
        Some("混合所有制"),
        "second pair of a row"
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Rnd)).as_deref(),
        Some("2.6"),
        "亿元 dropped"
    );
    assert_eq!(plan.unplaced, ["备注：无"]);
}

/// Text files: GB18030 with CRLF and UTF-8 with BOM; a 万元 figure is converted into the 亿元 field.
#[test]
fn text_files() {
    let plan = plan_of(&fixture("gb18030.txt"));
    assert_eq!(plan.sections.len(), 5, "{:?}", plan.lines());
    assert!(
        section(&plan, "quality")
            .expect("quality")
            .contains("龘字号")
    );
    assert_eq!(
        section(&plan, "region"),
        Some("年纳税超过5亿元。"),
        "no number, fewer words"
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::CreditCode)).as_deref(),
        Some("91330600390996033C")
    );
    assert_eq!(
        field(&plan, &F::BuiltIn(BuiltIn::Revenue)).as_deref(),
        Some("9.8"),
        "万元 converted into the field's 亿元"
    );
    assert!(
        plan.notes
            .iter()
            .any(|n| n == "营业收入（万元）：98000 → 9.8 亿元"),
        "the plan says what it converted: {:?}",
        plan.notes
    );
    assert!(plan.unplaced.is_empty(), "{:?}", plan.unplaced);
    let plan = plan_of(&fixture("utf8_bom.txt"));
    assert_eq!(
        section(&plan, "opinion"),
        Some("同意推荐。"),
        "六、推荐意见 without its aside"
    );
    assert!(section(&plan, "quality").expect("quality").contains('𠀀'));
    assert!(
        !section(&plan, "basic")
            .expect("basic")
            .starts_with('\u{feff}')
    );
}

/// Applying fills empty targets; replacing non-empty text needs the confirmation; undo restores exactly.
#[test]
fn apply_asks_before_replacing_and_undo_restores() {
    let mut draft = common::full_draft(2);
    draft.enterprises[1].sections.remove("opinion");
    draft.enterprises[1].region.clear();
    let before = draft.clone();
    let template = Template::built_in();
    let plan = import::plan_file(&fixture("word_style.docx"), &draft, 1, template).expect("plans");
    assert!(plan.replaces_anything());
    assert!(
        plan.lines().iter().any(|l| l.contains("替换现有")),
        "{:?}",
        plan.lines()
    );

    let undo = import::apply(&plan, &mut draft, 1, false).expect("applies");
    assert_eq!(
        draft.enterprises[1].section("opinion"),
        "经审核，同意推荐。",
        "empty section filled"
    );
    assert_eq!(draft.enterprises[1].region, "嘉兴市", "empty field filled");
    assert_eq!(
        draft.enterprises[1].name, before.enterprises[1].name,
        "typed name kept without confirmation"
    );
    assert_eq!(
        draft.enterprises[1].section("basic"),
        before.enterprises[1].section("basic")
    );
    assert!(import::undo(&undo, &mut draft));
    assert_eq!(
        draft, before,
        "undo brings back exactly what was there (a missing section stays missing)"
    );

    let undo = import::apply(&plan, &mut draft, 1, true).expect("applies");
    assert_eq!(draft.enterprises[1].name, "嘉兴示例新材料股份有限公司");
    assert!(draft.enterprises[1].section("basic").contains("碳纤维"));
    assert_eq!(
        draft.enterprises[0], before.enterprises[0],
        "other enterprises untouched"
    );
    assert!(import::undo(&undo, &mut draft));
    assert_eq!(draft, before);

    common::mark_final(&mut draft);
    assert!(matches!(
        import::apply(&plan, &mut draft, 1, true),
        Err(ImportError::Final)
    ));
    assert!(matches!(
        import::plan_file(&fixture("word_style.docx"), &draft, 5, template),
        Err(ImportError::NoSuchEnterprise {
            number: 6,
            count: 2
        })
    ));
}

/// A file with nothing we recognise gives an empty plan and changes nothing.
#[test]
fn unrelated_text_gives_an_empty_plan() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("购物清单.txt");
    std::fs::write(&path, "苹果\n香蕉\n").expect("writes");
    let plan = plan_of(&path);
    assert!(plan.is_empty());
    assert_eq!(plan.unplaced, ["苹果", "香蕉"]);
    assert!(plan.lines()[0].contains("没有找到"));
    let path = dir.path().join("空.txt");
    std::fs::write(&path, "").expect("writes");
    assert!(plan_of(&path).is_empty());
}
