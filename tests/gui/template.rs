//! The 报告模板 page (docs/formats.md): the template edited in the window with a live preview — a renamed heading in the
//! preview, a custom field in the form and the 汇总表, a quota the check enforces, removal of a section holding
//! text (asked, kept, restored), 恢复内置模板, read-only while final. Template files: gui_template_files.rs.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::Template;
use lingjun::model::template::KeptKind;
use lingjun::ui::{self, App, Command, TemplateCommand};

type H = Harness<'static, App>;

/// Scrolls the widget labelled `label` into view and clicks it.
fn click(harness: &mut H, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

/// Clicks the `nth` (0-based) 移除… button: one per section, then one per custom field.
fn click_remove(harness: &mut H, nth: usize) {
    harness
        .get_all_by_label("移除…")
        .nth(nth)
        .expect("a remove button")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("移除…")
        .nth(nth)
        .expect("a remove button")
        .click();
    harness.run_steps(3);
}

/// Picks `item` from the list labelled `combo`.
fn pick(harness: &mut H, combo: &str, item: &str) {
    click(harness, combo);
    // A long list scrolls inside its popup.
    harness.get_by_label(item).scroll_to_me();
    harness.run();
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

/// Every text the last frame painted (the preview's pages are painted, not widgets).
fn painted_text(harness: &H) -> String {
    fn collect(shape: &egui::Shape, out: &mut String) {
        match shape {
            egui::Shape::Text(text) => {
                out.push_str(text.galley.text());
                out.push('\n');
            }
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// Whether some label on screen (a dialog's text, say) contains `text`.
fn shows(harness: &H, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Renaming a section heading changes the draft's template and the report previewed beside it; the text under
/// the section is untouched.
#[test]
fn renamed_heading_shows_in_the_preview() {
    let draft = common::full_draft(2);
    let text_before = draft.enterprises[0].section("basic").to_owned();
    let mut harness = common::template_page(&draft);
    harness.get_by_label("报告 1").click();
    harness.run_steps(3);
    assert!(
        !painted_text(&harness).contains("一、企业基本情况（概况）"),
        "not there before"
    );
    common::type_into(&mut harness, "章节 1 标题", "（概况）");
    assert_eq!(
        harness.state().draft.template.report.sections[0].heading,
        "一、企业基本情况（概况）"
    );
    assert!(
        painted_text(&harness).contains("一、企业基本情况（概况）"),
        "the preview shows the new heading"
    );
    assert_eq!(
        harness.state().draft.enterprises[0].section("basic"),
        text_before,
        "renaming never touches text"
    );
}

/// An emptied heading is refused inline in the import's words, and the draft keeps the last valid template.
#[test]
fn emptied_heading_is_refused_inline() {
    let mut harness = common::template_page(&common::full_draft(1));
    harness.get_by_label("章节 2 标题").focus();
    harness.run();
    for _ in 0..12 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run_steps(3);
    assert_eq!(
        harness
            .query_all_by_label_contains("章节「quality」的标题不能为空")
            .count(),
        2,
        "the reason is shown at the top and under the section"
    );
    let saved = &harness.state().draft.template;
    assert!(
        !saved.report.sections[1].heading.is_empty()
            && lingjun::model::template::edit::problem(saved).is_none(),
        "the draft keeps the last valid template, never an invalid one"
    );
}

/// A custom field 所属产业链: refused while unnamed, then in the enterprise form and as a 汇总表 column.
#[test]
fn custom_field_shows_in_the_form_and_the_table() {
    let mut harness = common::template_page(&common::full_draft(1));
    click(&mut harness, ui::TEMPLATE_ADD_FIELD);
    assert_eq!(
        harness
            .query_all_by_label_contains("字段「field_1」的名称不能为空")
            .count(),
        2,
        "an unnamed field is named as the problem, at the top and under it"
    );
    assert!(harness.state().draft.template.fields.is_empty());
    common::type_into(&mut harness, "字段 1 名称", "所属产业链");
    let key = harness.state().draft.template.fields[0].key.clone();
    assert_eq!(key, "field_1", "a fresh key");
    pick(&mut harness, ui::TEMPLATE_ADD_COLUMN, "所属产业链");
    let template = &harness.state().draft.template;
    assert!(
        template.summary.columns.iter().any(|c| c.field == key),
        "a column of the table"
    );
    harness.get_by_label("汇总表").click();
    harness.run_steps(3);
    assert!(
        painted_text(&harness).contains("所属产业链"),
        "the previewed table has the column"
    );
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    common::type_into(&mut harness, "所属产业链（选填）", "新能源汽车");
    assert_eq!(
        harness.state().draft.enterprises[0].fields.get(&key),
        Some(&"新能源汽车".to_owned())
    );
}

/// A quota of 3 chosen on the page makes a fourth enterprise an error on the check page that names the quota.
#[test]
fn quota_three_makes_a_fourth_enterprise_an_error() {
    let mut harness = common::template_page(&common::full_draft(4));
    pick(&mut harness, ui::TEMPLATE_QUOTA, "3 家");
    assert_eq!(harness.state().draft.template.rules.max_enterprises, 3);
    harness.get_by_label_contains(ui::NAV_CHECK).click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("共 4 家企业，本批次模板规定每省最多推荐 3 家")
            .is_some(),
        "the check names the quota"
    );
    assert!(
        harness
            .get_by_label(ui::ADD_ENTERPRISE)
            .accesskit_node()
            .is_disabled(),
        "no fifth"
    );
}

/// Removing a section that holds text asks first (naming the enterprises); 取消 changes nothing; after yes the
/// text is kept and listed, and 恢复 brings the section back with it.
#[test]
fn removed_section_with_text_is_asked_kept_and_restored() {
    let draft = common::full_draft(2);
    let chain_text = draft.enterprises[1].section("chain").to_owned();
    assert!(!chain_text.is_empty());
    let mut harness = common::template_page(&draft);
    click_remove(&mut harness, 2);
    for name in [
        "章节「三、带领产业链质量提升情况」中已填写了文字",
        "企业 1「浙江测试企业1有限公司」 · 章节 chain",
        "企业 2「浙江测试企业2有限公司」 · 章节 chain",
    ] {
        assert!(shows(&harness, name), "the question names {name}");
    }
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert_eq!(harness.state().draft.template.report.sections.len(), 6);
    click_remove(&mut harness, 2);
    harness.get_by_label(ui::TEMPLATE_REMOVE_ANYWAY).click();
    harness.run_steps(3);
    let state = harness.state();
    assert!(state.draft.template.section("chain").is_none(), "removed");
    assert_eq!(
        state.draft.enterprises[1].section("chain"),
        chain_text,
        "the text is kept"
    );
    assert!(harness.query_by_label(ui::TEMPLATE_KEPT).is_some());
    click(&mut harness, "恢复「三、带领产业链质量提升情况」");
    let state = harness.state();
    assert!(state.draft.template.section("chain").is_some(), "back");
    assert!(harness.query_by_label(ui::TEMPLATE_KEPT).is_none());
}

/// An empty section goes without a question.
#[test]
fn empty_section_is_removed_without_asking() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].sections.remove("region");
    let mut harness = common::template_page(&draft);
    click_remove(&mut harness, 3);
    assert!(!shows(&harness, "中已填写了文字"), "no question");
    assert!(harness.state().draft.template.section("region").is_none());
}

/// 恢复内置模板 asks first: 取消 keeps the clerk's template, the confirmation brings the built-in one back and
/// keeps the text of her own section.
#[test]
fn built_in_template_comes_back_after_asking() {
    let mut draft = common::full_draft(1);
    draft.template.report.sections[0].heading = "一、本省的标题".into();
    draft
        .template
        .report
        .sections
        .push(lingjun::model::template::SectionSpec {
            key: "digital".into(),
            heading: "七、数字化转型".into(),
            guidance: String::new(),
            recommended_chars: 800,
            required: false,
            aliases: Vec::new(),
        });
    draft.enterprises[0]
        .sections
        .insert("digital".into(), "数字化文字".into());
    let mut harness = common::template_page(&draft);
    harness.get_by_label(ui::TEMPLATE_BUILT_IN).click();
    harness.run();
    assert!(
        shows(&harness, "章节 digital（5 字）"),
        "names the text that stops showing"
    );
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert_eq!(
        harness.state().draft.template,
        draft.template,
        "取消 changes nothing"
    );
    harness.get_by_label(ui::TEMPLATE_BUILT_IN).click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, ui::TEMPLATE_USE_BUILT_IN)
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().draft.template, *Template::built_in());
    assert_eq!(
        harness.state().draft.enterprises[0].section("digital"),
        "数字化文字"
    );
    assert!(harness.query_by_label(ui::TEMPLATE_KEPT).is_some());
    assert_eq!(
        harness
            .get_by_label("章节 1 标题")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("一、企业基本情况"),
        "the page shows the built-in template"
    );
}

/// While final the page is read-only and every template command is refused with the 定稿 message.
#[test]
fn final_template_page_is_read_only() {
    let draft = common::finalized(common::full_draft(1));
    let mut harness = common::template_page(&draft);
    assert!(
        harness
            .get_by_label("章节 1 标题")
            .accesskit_node()
            .is_disabled(),
        "the editor is disabled"
    );
    assert!(
        harness
            .get_by_label(ui::TEMPLATE_IMPORT)
            .accesskit_node()
            .is_disabled()
    );
    harness
        .state_mut()
        .queue(Command::Template(TemplateCommand::Restore {
            kind: KeptKind::Section,
            key: "x".into(),
        }));
    harness.run();
    assert!(shows(&harness, "不能修改或替换"));
    harness
        .state_mut()
        .queue(Command::Template(TemplateCommand::UseBuiltIn));
    harness.run();
    assert_eq!(harness.state().draft, draft, "nothing changed");
}

/// Removing a custom field that holds text asks too; its value is kept and comes back with the field, as it was.
#[test]
fn removed_field_with_text_is_kept() {
    let mut draft = common::full_draft(1);
    draft
        .template
        .fields
        .push(lingjun::model::template::FieldSpec {
            key: "chain_name".into(),
            label: "所属产业链".into(),
            kind: lingjun::model::template::FieldKind::Choice,
            required: false,
            max_chars: None,
            choices: vec!["新能源汽车".into(), "集成电路".into()],
        });
    draft
        .template
        .summary
        .columns
        .push(lingjun::model::template::ColumnSpec {
            field: "chain_name".into(),
            label: Some("产业链".into()),
        });
    draft.enterprises[0]
        .fields
        .insert("chain_name".into(), "集成电路".into());
    let mut harness = common::template_page(&draft);
    // Six sections come first, then the field.
    click_remove(&mut harness, 6);
    assert!(shows(&harness, "字段「所属产业链」中已填写了文字"));
    harness.get_by_label(ui::TEMPLATE_REMOVE_ANYWAY).click();
    harness.run_steps(3);
    let template = &harness.state().draft.template;
    assert!(template.field("chain_name").is_none());
    assert!(
        !template.shows_field("chain_name"),
        "its column went with it"
    );
    click(&mut harness, "恢复「所属产业链」");
    let field = harness
        .state()
        .draft
        .template
        .field("chain_name")
        .cloned()
        .expect("back");
    assert_eq!(field.choices, ["新能源汽车", "集成电路"], "as it was");
    assert_eq!(
        harness.state().draft.enterprises[0].fields["chain_name"],
        "集成电路"
    );
}

/// ↓ on the first section swaps it with the second: the order changes, every text stays under its key.
#[test]
fn reordering_sections_keeps_the_text() {
    let draft = common::full_draft(1);
    let mut harness = common::template_page(&draft);
    // Nine facts rows come first, each with its own ↓.
    let down = harness.get_all_by_label("↓").nth(9).expect("section 1's ↓");
    down.scroll_to_me();
    harness.run();
    harness
        .get_all_by_label("↓")
        .nth(9)
        .expect("section 1's ↓")
        .click();
    harness.run_steps(3);
    let state = harness.state();
    let keys: Vec<&str> = state
        .draft
        .template
        .report
        .sections
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(keys[..2], ["quality", "basic"], "swapped");
    assert_eq!(state.draft.enterprises, draft.enterprises, "no text moved");
}

/// A heading past the 100-character limit (pasted, say) is refused inline with the limit and not saved.
#[test]
fn oversized_heading_is_refused_inline() {
    let mut harness = common::template_page(&common::full_draft(1));
    common::type_into(&mut harness, "章节 1 标题", &"长".repeat(120));
    assert_eq!(
        harness
            .query_all_by_label_contains("章节「basic」的标题有 128 字，超过上限 100 字")
            .count(),
        2,
        "said at the top and under the section"
    );
    assert_eq!(
        harness.state().draft.template.report.sections[0].heading,
        "一、企业基本情况",
        "not written into the draft"
    );
}
