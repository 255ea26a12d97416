//! Template files and persistence on the 报告模板 page (docs/formats.md): hostile files through the window's import refused
//! with their reason and nothing changed, an import that hides text asks first, the exported file reads back, and
//! a template edit is autosaved like typed text.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::Template;
use lingjun::ui::{self, App, Command, TemplateCommand};

type H = Harness<'static, App>;

/// Whether some label on screen (a dialog's text, say) contains `text`.
fn shows(harness: &H, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Hostile template files through the window's import: each refused with its reason (and line where there is
/// one), the template and the stored drafts unchanged.
#[test]
fn hostile_template_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("drafts.sqlite");
    let draft = common::full_draft(2);
    {
        let mut store = common::open_store(&db).expect("opens");
        store.save(&draft).expect("saves");
    }
    let good = Template::built_in().to_json();
    let mut two_hundred = Template::built_in().clone();
    two_hundred.report.sections = (0..200)
        .map(|i| lingjun::model::template::SectionSpec {
            key: format!("s{i}"),
            heading: format!("第{i}节"),
            guidance: String::new(),
            recommended_chars: 100,
            required: false,
            aliases: Vec::new(),
        })
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.json", Vec::new(), "文件是空的"),
        ("cut.json", good.as_bytes()[..good.len() / 2].to_vec(), "行"),
        (
            "dup.json",
            good.replacen("\"key\": \"quality\"", "\"key\": \"basic\"", 1)
                .into_bytes(),
            "重复",
        ),
        (
            "quota.json",
            good.replacen("\"max_enterprises\": 5", "\"max_enterprises\": 0", 1)
                .into_bytes(),
            "1 到 20",
        ),
        (
            "kind.json",
            good.replacen(
                "\"fields\": []",
                "\"fields\": [{\"key\": \"x\", \"label\": \"X\", \"kind\": \"colour\"}]",
                1,
            )
            .into_bytes(),
            "行",
        ),
        ("200.json", two_hundred.to_json().into_bytes(), "上限 50 个"),
        (
            "huge.json",
            good.replacen("一、企业基本情况", &"长".repeat(1_100_000), 1)
                .into_bytes(),
            "1024 KB",
        ),
        ("gbk.json", vec![0x7b, 0xd6, 0xd0, 0x7d], "UTF-8"),
    ];
    let bytes_before = std::fs::read(&db).expect("db");
    let mut harness = common::harness_on_file(&db);
    harness.run();
    for (name, bytes, reason) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        harness
            .state_mut()
            .queue(Command::Template(TemplateCommand::ImportFrom {
                path,
                force: false,
            }));
        harness.run();
        let refusal = harness
            .get_by_label_contains("模板文件无法导入，当前模板和草稿没有改动")
            .accesskit_node()
            .value()
            .unwrap_or_default();
        assert!(refusal.contains(reason), "{name}: {refusal}");
        assert_eq!(
            harness.state().draft.template,
            *Template::built_in(),
            "{name}: unchanged"
        );
        harness.get_by_label(ui::OK).click();
        harness.run();
    }
    drop(harness);
    assert_eq!(
        std::fs::read(&db).expect("db"),
        bytes_before,
        "the database is byte-identical"
    );
}

/// A good file that drops a section holding text asks first, then imports with the text kept; the file
/// exported from the window reads back as the same template.
#[test]
fn import_that_hides_text_asks_and_export_round_trips() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = common::template_page(&common::full_draft(1));
    let mut smaller = Template::built_in().clone();
    smaller.name = "没有典型经验".into();
    smaller.report.sections.retain(|s| s.key != "experience");
    let path = dir.path().join("smaller.json");
    std::fs::write(&path, smaller.to_json()).expect("written");
    harness
        .state_mut()
        .queue(Command::Template(TemplateCommand::ImportFrom {
            path,
            force: false,
        }));
    harness.run();
    assert!(shows(&harness, "新模板去掉了已填写文字的章节或字段"));
    assert_eq!(
        harness.state().draft.template,
        *Template::built_in(),
        "asked first"
    );
    harness.get_by_label(ui::TEMPLATE_IMPORT_ANYWAY).click();
    harness.run_steps(3);
    assert_eq!(harness.state().draft.template, smaller);
    assert!(
        !harness.state().draft.enterprises[0]
            .section("experience")
            .is_empty()
    );
    assert!(
        harness.query_by_label("恢复「五、典型经验做法」").is_some(),
        "listed as kept, named by its built-in heading"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();
    let out = dir.path().join("out.json");
    harness
        .state_mut()
        .queue(Command::Template(TemplateCommand::ExportTo(out.clone())));
    harness.run();
    let back = lingjun::model::template::read_template_file(&out).expect("reads back");
    assert_eq!(back, smaller);
}

/// A template edit is autosaved like typed text: after the pause it is in the database, and a window opened
/// on it afterwards (as after a crash, with no flush) shows it.
#[test]
fn template_edit_survives_a_crash() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("drafts.sqlite");
    {
        let mut store = common::open_store(&db).expect("opens");
        store.save(&common::full_draft(1)).expect("saves");
    }
    let mut harness = common::harness_on_file(&db);
    harness.run();
    harness.get_by_label(ui::NAV_TEMPLATE).click();
    harness.run();
    common::type_into(&mut harness, "报告标题", "（2025 年版）");
    harness.run_steps(80);
    harness.state_mut().finish_pending_save();
    assert!(
        !harness.state().draft.template.report.title.is_empty(),
        "still open"
    );
    // Dropped with no flush and no on_exit, as a crash leaves it.
    drop(harness);
    let store = lingjun::store::Store::open(&db).expect("reopens");
    let saved = store.load().expect("loads").expect("a draft");
    assert_eq!(
        saved.template.report.title,
        "质量强国建设领军企业推荐报告（2025 年版）"
    );
}
