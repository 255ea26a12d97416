//! Hostile template files (docs/formats.md, "The template file"): each refused by `template import` (with and without `--force`)
//! with the line and the reason, and the database file byte-identical afterwards. And the drafts file's two
//! versions: a hand-written version-1 file restores with the built-in template.

use crate::binary;
use crate::common;

use lingjun::model::Template;
use lingjun::store::{self, Store};

use binary::{lingjun, text};

/// 1-based line of the `nth` (0-based) occurrence of `needle` in `content`.
fn line_of(content: &str, needle: &str, nth: usize) -> usize {
    let at = content
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth} in the file"))
        .0;
    content[..at].matches('\n').count() + 1
}

/// A hostile file: its name, its content, part of the reason, and the line the refusal must name (`None`
/// when the file as a whole is refused).
struct Case {
    name: &'static str,
    content: String,
    reason: &'static str,
    line: Option<usize>,
}

fn case(
    name: &'static str,
    content: String,
    reason: &'static str,
    at: Option<(&str, usize)>,
) -> Case {
    let line = at.map(|(needle, nth)| line_of(&content, needle, nth));
    Case {
        name,
        content,
        reason,
        line,
    }
}

fn cases() -> Vec<Case> {
    let good: serde_json::Value =
        serde_json::from_str(&Template::built_in().to_json()).expect("json");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).expect("json")
    };
    let two_fields = serde_json::json!([
        { "key": "cluster", "label": "产业集群", "kind": "text" },
        { "key": "cluster", "label": "又一个", "kind": "text" }
    ]);
    vec![
        case(
            "malformed",
            "{\n  \"format\": \"lingjun-template\",\n  \"version\": 1,\n  \"name\": \"半个\""
                .into(),
            "意外结束",
            Some(("\"name\"", 0)),
        ),
        case(
            "syntax",
            Template::built_in().to_json().replacen(
                "\"medium\": \"CD\"",
                "\"medium\": \"CD\",,",
                1,
            ),
            "不是有效的 JSON",
            Some(("\"medium\"", 0)),
        ),
        case("empty", String::new(), "空的", None),
        case(
            "drafts",
            common::to_json(&common::full_draft(1)),
            "不是领军模板文件",
            None,
        ),
        case(
            "duplicate section key",
            edit(&|v| v["report"]["sections"][2]["key"] = "basic".into()),
            "章节 key「basic」重复",
            Some(("\"key\": \"basic\"", 1)),
        ),
        case(
            "duplicate field key",
            edit(&|v| v["fields"] = two_fields.clone()),
            "字段 key「cluster」重复",
            Some(("\"key\": \"cluster\"", 1)),
        ),
        case(
            "duplicate member",
            Template::built_in().to_json().replacen(
                "  \"rules\": {",
                "  \"name\": \"又一个名称\",\n  \"rules\": {",
                1,
            ),
            "name",
            Some(("又一个名称", 0)),
        ),
        case(
            "built-in key reused",
            edit(&|v| {
                v["fields"] =
                    serde_json::json!([{ "key": "region", "label": "地区", "kind": "text" }]);
            }),
            "与内置字段重名",
            Some(("\"key\": \"region\"", 0)),
        ),
        case(
            "no sections",
            edit(&|v| v["report"]["sections"] = serde_json::json!([])),
            "没有任何章节",
            Some(("\"sections\"", 0)),
        ),
        case(
            "quota 0",
            edit(&|v| v["rules"]["max_enterprises"] = 0.into()),
            "1 到 20",
            Some(("\"max_enterprises\"", 0)),
        ),
        case(
            "quota 21",
            edit(&|v| v["rules"]["max_enterprises"] = 21.into()),
            "1 到 20",
            Some(("\"max_enterprises\"", 0)),
        ),
        case(
            "unknown kind",
            edit(&|v| {
                v["fields"] = serde_json::json!([{ "key": "a", "label": "A", "kind": "colour" }]);
            }),
            "colour",
            Some(("\"colour\"", 0)),
        ),
        case(
            "unknown member",
            edit(&|v| v["report"]["sections"][1]["font"] = "宋体".into()),
            "font",
            Some(("\"font\"", 0)),
        ),
        case(
            "unknown field in the facts",
            edit(&|v| v["report"]["facts"] = serde_json::json!(["website"])),
            "website",
            Some(("\"website\"", 0)),
        ),
        case(
            "unknown field in the columns",
            edit(&|v| v["summary"]["columns"][2]["field"] = "website".into()),
            "website",
            Some(("\"website\"", 0)),
        ),
        case(
            "200 sections",
            edit(&|v| {
                let s = v["report"]["sections"][0].clone();
                v["report"]["sections"] = serde_json::Value::Array(
                    (0..200)
                        .map(|i| {
                            let mut s = s.clone();
                            s["key"] = format!("s{i}").into();
                            s
                        })
                        .collect(),
                );
            }),
            "模板有 200 个章节，超过上限 50 个",
            Some(("\"sections\"", 0)),
        ),
        case(
            "long heading under 1 MB",
            edit(&|v| v["report"]["sections"][0]["heading"] = "标".repeat(300_000).into()),
            "标题有 300000 字，超过上限 100 字",
            Some(("\"key\": \"basic\"", 0)),
        ),
        case(
            "1 MB heading",
            edit(&|v| v["report"]["sections"][0]["heading"] = "标".repeat(400_000).into()),
            "超过模板文件的上限 1024 KB",
            None,
        ),
    ]
}

/// Each hostile file is refused through the binary with its line and reason, with and without `--force`; the
/// database file (closed) is byte-identical afterwards.
#[test]
fn hostile_template_files_are_refused_with_line_and_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("utf-8");
    common::open_store(&db)
        .expect("opens")
        .save(&common::full_draft(2))
        .expect("saves");
    let before = std::fs::read(&db).expect("read");
    for Case {
        name,
        content,
        reason,
        line,
    } in cases()
    {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, &content).expect("write");
        for force in [false, true] {
            let mut args = vec![
                "--db",
                db_arg,
                "template",
                "import",
                file.to_str().expect("p"),
            ];
            if force {
                args.push("--force");
            }
            let out = lingjun(&args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{name} refused: {stderr}");
            assert!(
                stderr.contains(reason),
                "{name}: the reason {reason}: {stderr}"
            );
            match line {
                Some(line) => assert!(
                    stderr.contains(&format!("第 {line} 行")),
                    "{name}: line {line}: {stderr}"
                ),
                None => assert!(!stderr.contains(" 行："), "{name}: no line: {stderr}"),
            }
            assert_eq!(
                std::fs::read(&db).expect("read"),
                before,
                "{name}: database byte-identical"
            );
        }
    }
    let draft = Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("a draft");
    assert_eq!(
        &draft.template,
        Template::built_in(),
        "the template is unchanged"
    );
}

/// A version-1 drafts file as docs/formats.md shows it (no template, no custom fields) restores with the built-in
/// template and every text it holds.
#[test]
fn a_version_1_drafts_file_restores_with_the_built_in_template() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("v1.json");
    std::fs::write(
        &file,
        r#"{ "format": "lingjun-drafts", "version": 1,
  "batch": { "year": 2024, "deadline": "2024-09-20" },
  "unit": { "province": "浙江省", "name": "浙江省市场监督管理局", "contact": "王晓明", "phone": "0571-87654321", "email": "", "date": "2024-09-10" },
  "enterprises": [
    { "name": "浙江测试企业有限公司", "credit_code": "91330100799655058B", "region": "杭州市", "industry": "高端装备",
      "products": "数控机床", "nature": "民营", "contact": "李华", "phone": "13812345678",
      "revenue_100m": 125.6, "profit_100m": null, "rnd_100m": 8, "employees": 5210,
      "sections": { "basic": "基本情况正文", "quality": "质量正文", "chain": "", "region": "区域正文",
                    "experience": "经验正文", "opinion": "推荐意见正文" },
      "attachments": [ { "name": "盖章页.pdf", "data_base64": "JVBERi0xLjQ=" } ] } ] }
"#,
    )
    .expect("write");
    let mut store = Store::open(&dir.path().join("d.sqlite")).expect("opens");
    let outcome = store::restore_from_file(&mut store, &file, None).expect("a v1 file restores");
    assert!(
        outcome.unknown_fields.is_empty(),
        "{:?}",
        outcome.unknown_fields
    );
    let draft = store.load().expect("loads").expect("a draft");
    assert_eq!(&draft.template, Template::built_in());
    let e = &draft.enterprises[0];
    assert_eq!(e.section("basic"), "基本情况正文");
    assert_eq!(e.section("opinion"), "推荐意见正文");
    assert_eq!(e.revenue_100m, "125.6");
    assert_eq!(e.employees, "5210");
    assert!(e.fields.is_empty());
    assert_eq!(
        e.attachments[0].size_bytes, 8,
        "the attachment's bytes arrive"
    );
    assert_eq!(draft.unit.contact, "王晓明");
}
