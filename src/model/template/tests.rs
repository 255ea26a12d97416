use super::*;

fn built_in_value() -> serde_json::Value {
    serde_json::from_str(&Template::built_in().to_json()).expect("json")
}

fn refused(value: &serde_json::Value) -> TemplateFileError {
    let text = serde_json::to_string_pretty(value).expect("json");
    Template::from_json(&text).expect_err("refused")
}

#[test]
fn built_in_template_has_the_six_sections_in_order() {
    let keys: Vec<_> = Template::built_in()
        .report
        .sections
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "basic",
            "quality",
            "chain",
            "region",
            "experience",
            "opinion"
        ]
    );
    assert_eq!(
        Template::built_in()
            .section("quality")
            .map(|s| s.heading.as_str()),
        Some("二、质量水平领先情况")
    );
    let columns: Vec<String> = Template::built_in()
        .summary
        .columns
        .iter()
        .map(|c| Template::built_in().column_label(c))
        .collect();
    assert_eq!(
        columns,
        [
            "序号",
            "企业名称",
            "统一社会信用代码",
            "所在地区",
            "所属行业（领域）",
            "主营业务（主导产品）",
            "企业性质",
            "联系人及电话",
            "备注"
        ],
        "the 汇总表 columns of docs/documents.md"
    );
    assert_eq!(Template::built_in().rules.max_enterprises, 5);
}

#[test]
fn a_template_round_trips_through_its_file() {
    let text = Template::built_in().to_json();
    assert!(text.starts_with("{\n  \"format\": \"lingjun-template\",\n  \"version\": 1"));
    assert_eq!(
        &Template::from_json(&text).expect("reads"),
        Template::built_in()
    );
    assert_eq!(Template::from_json(&text).expect("reads").to_json(), text);
}

#[test]
fn hostile_templates_are_refused_with_line_and_reason() {
    let mut dup = built_in_value();
    dup["report"]["sections"][3]["key"] = "basic".into();
    let e = refused(&dup);
    assert!(e.reason.contains("章节 key「basic」重复"), "{e}");
    let text = serde_json::to_string_pretty(&dup).expect("json");
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"key\": \"basic\""))
        .nth(1)
        .expect("second")
        .0
        + 1;
    assert_eq!(e.line, Some(line), "the line of the repeated key");

    let mut none = built_in_value();
    none["report"]["sections"] = serde_json::json!([]);
    assert!(refused(&none).reason.contains("没有任何章节"));

    for quota in [0, 21, 1000] {
        let mut q = built_in_value();
        q["rules"]["max_enterprises"] = quota.into();
        let e = refused(&q);
        assert!(e.reason.contains("1 到 20"), "{e}");
        assert!(e.line.is_some());
    }

    let mut kind = built_in_value();
    kind["fields"] = serde_json::json!([{"key": "x", "label": "X", "kind": "colour"}]);
    assert!(
        refused(&kind).reason.contains("colour"),
        "unknown kind named"
    );

    let mut field = built_in_value();
    field["summary"]["columns"][1]["field"] = "website".into();
    assert!(refused(&field).reason.contains("website"));

    let mut reuse = built_in_value();
    reuse["fields"] = serde_json::json!([{"key": "region", "label": "X", "kind": "text"}]);
    assert!(refused(&reuse).reason.contains("内置字段重名"));

    let mut many = built_in_value();
    let section = many["report"]["sections"][0].clone();
    many["report"]["sections"] = serde_json::Value::Array(
        (0..200)
            .map(|i| {
                let mut s = section.clone();
                s["key"] = format!("s{i}").into();
                s
            })
            .collect(),
    );
    assert!(refused(&many).reason.contains("超过上限 50 个"));

    let mut monster = built_in_value();
    monster["report"]["sections"][0]["heading"] = "标".repeat(300_000).into();
    assert!(refused(&monster).to_string().contains("上限"));

    let mut unknown = built_in_value();
    unknown["report"]["sections"][0]["requried"] = true.into();
    assert!(refused(&unknown).reason.contains("requried"));

    for (text, expected) in [
        ("", "空的"),
        ("{", "意外结束"),
        (
            "{\"format\": \"lingjun-drafts\", \"version\": 1}",
            "不是领军模板文件",
        ),
        ("[1]", "不是领军模板文件"),
    ] {
        let e = Template::from_json(text).expect_err(text);
        assert!(e.to_string().contains(expected), "{text}: {e}");
    }
    let mut newer = built_in_value();
    newer["version"] = 9.into();
    assert!(refused(&newer).reason.contains("更新版本"));
}

#[test]
fn kept_text_lists_what_a_template_no_longer_shows() {
    let mut draft = Draft::default();
    draft.enterprises.push(Enterprise::default());
    draft.enterprises[0]
        .sections
        .insert("chain".into(), "产业链文字".into());
    draft.enterprises[0]
        .fields
        .insert("cluster".into(), "集群".into());
    assert_eq!(
        kept_text(&draft, &draft.template).len(),
        1,
        "cluster is not in the built-in template"
    );
    let mut new = Template::built_in().clone();
    new.report.sections.retain(|s| s.key != "chain");
    let dropped = dropped_by(&draft, &new);
    assert_eq!(dropped.len(), 1);
    assert_eq!(dropped[0].key, "chain");
    assert_eq!(dropped[0].kind, KeptKind::Section);
}

#[test]
fn a_dropped_section_holding_only_a_table_is_kept_text() {
    let mut draft = Draft::default();
    draft.enterprises.push(Enterprise::default());
    let mut table = crate::model::SectionTable::new(0, 2, 2);
    table.rows[1][1] = "99.6%".into();
    draft.enterprises[0]
        .section_tables
        .insert("chain".into(), vec![table]);
    draft.enterprises[0].section_tables.insert(
        "quality".into(),
        vec![crate::model::SectionTable::new(0, 1, 1)],
    );
    let mut new = Template::built_in().clone();
    new.report
        .sections
        .retain(|s| s.key != "chain" && s.key != "quality");
    let dropped = dropped_by(&draft, &new);
    assert_eq!(
        dropped.len(),
        1,
        "an empty table is nothing to lose: {dropped:?}"
    );
    assert_eq!((dropped[0].key.as_str(), dropped[0].chars), ("chain", 5));
}

#[test]
fn counts_ignore_white_space() {
    assert_eq!(char_count("质量 强国\n建设，\t领军"), 9);
    assert_eq!(char_count(""), 0);
}
