//! The 标杆企业库 in the window (docs/pool.md): a list imported through its plan, the page filtered by 设区市, three
//! enterprises picked into the batch (the form shows their facts), the 定稿 exported, each entry's history showing
//! the batch, and an outcome recorded.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::pool::Outcome;
use lingjun::ui::{self, App, Command, PoolCommand, Screen};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pool")
        .join(name)
}

/// Chooses `value` in the filter labelled `label`.
fn choose(harness: &mut Harness<'_, App>, label: &str, value: &str) {
    let combo = harness.get_by_role_and_label(Role::ComboBox, label);
    let left = combo.rect().min.x;
    combo.click();
    harness.run();
    // The popup's choices line up under the filter; the table's cells may hold the same text elsewhere.
    let option = harness
        .get_all_by_label(value)
        .min_by(|a, b| {
            let off = |n: &egui_kittest::Node<'_>| (n.rect().min.x - left).abs();
            off(a).total_cmp(&off(b))
        })
        .expect("the choice is offered");
    option.click();
    harness.run();
}

/// Selects the entry named `name` in the table and picks it into the batch.
fn pick(harness: &mut Harness<'_, App>, name: &str) {
    harness
        .get_all_by_label(name)
        .next()
        .expect("in the table")
        .click();
    harness.run();
    harness.get_by_label(ui::POOL_PICK).click();
    harness.run();
}

/// The clerk writes the rest of the report: sections, attachments and the facts the list did not have.
fn complete_the_reports(app: &mut App) {
    let like = common::full_draft(1).enterprises.remove(0);
    for e in &mut app.draft.enterprises {
        let filled = e.clone();
        *e = like.clone();
        for (key, value) in lingjun::model::pool::facts_of(&filled) {
            if let Some(slot) = lingjun::model::pool::built_in_fact_mut(e, &key) {
                *slot = value;
            }
        }
    }
}

/// Import: the plan first, nothing changed until 确认导入.
fn import_the_list(harness: &mut Harness<'_, App>) {
    let list = fixture("名单_表头一.xlsx");
    harness
        .state_mut()
        .queue(Command::Pool(PoolCommand::ImportFrom(list)));
    harness.run();
    assert_eq!(harness.state().screen, Screen::Pool);
    assert!(harness.query_by_label_contains("未导入 第 16 行").is_some());
    assert!(
        harness.state().pool.entries.is_empty(),
        "nothing before 确认导入"
    );
    harness.get_by_label(ui::POOL_APPLY).click();
    harness.run();
    assert_eq!(harness.state().pool.entries.len(), 11);
}

/// 定稿 and export from the window; returns the 定稿码.
fn finalize_and_export(harness: &mut Harness<'_, App>) -> String {
    complete_the_reports(harness.state_mut());
    harness.get_by_label(ui::FINALIZE).click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, ui::FINALIZE_NOW)
        .click();
    harness.run();
    let code = harness.state().draft.finalized.clone().expect("final").code;
    harness.get_by_label(ui::NAV_EXPORT).click();
    harness.run();
    harness.get_by_label(ui::EXPORT_START).click();
    harness.step();
    harness.state_mut().export_page.wait();
    harness.run();
    assert!(harness.query_by_label(ui::EXPORT_DONE).is_some());
    code
}

/// The entry's history shows the batch; the outcome is recorded and saved; the filtered table is exported.
fn record_an_outcome(harness: &mut Harness<'_, App>, code: &str, out: &std::path::Path) {
    harness.get_by_label_contains(ui::NAV_POOL).click();
    harness.run();
    choose(harness, ui::POOL_REGION, "宁波市");
    harness
        .get_all_by_label("浙江标杆0001有限公司")
        .next()
        .expect("row")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains(&format!("2024年度推荐（定稿码 {code}"))
            .is_some()
    );
    harness
        .get_by_role_and_label(Role::ComboBox, ui::POOL_RESULT)
        .scroll_to_me();
    harness.run();
    choose(harness, ui::POOL_RESULT, Outcome::Selected.label());
    harness.get_by_label(ui::POOL_SAVE).scroll_to_me();
    harness.run();
    harness.get_by_label(ui::POOL_SAVE).click();
    harness.run();
    assert_eq!(
        harness.state().pool.entries[1].history[0].outcome,
        Outcome::Selected
    );
    assert!(
        harness
            .get_by_label(ui::POOL_SAVE)
            .accesskit_node()
            .is_disabled(),
        "saved: nothing left to save"
    );
    // 导出企业名单… writes the table as it is filtered: the one enterprise of 宁波市.
    let xlsx = out.join("宁波.xlsx");
    harness
        .state_mut()
        .queue(Command::Pool(PoolCommand::ExportTo(xlsx.clone())));
    harness.run();
    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(&xlsx).expect("another reader opens it");
    let sheet = book.worksheet_range("标杆企业库").expect("sheet");
    assert_eq!(sheet.height(), 2, "a header and the filtered row");
}

#[test]
fn import_filter_pick_export_and_record_an_outcome() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = common::full_draft(1);
    draft.enterprises = vec![Default::default()];
    let mut harness = common::app_harness(common::memory_app_exporting_to(&draft, dir.path()));
    harness.run();
    import_the_list(&mut harness);

    // Filter by 设区市 and pick one from each of three cities.
    for (city, name) in [
        ("杭州市", "浙江标杆0000有限公司"),
        ("宁波市", "浙江标杆0001有限公司"),
        ("温州市", "浙江标杆0002有限公司"),
    ] {
        choose(&mut harness, ui::POOL_REGION, city);
        assert!(
            harness.query_by_label("浙江标杆0005有限公司").is_none(),
            "filtered"
        );
        pick(&mut harness, name);
    }
    assert_eq!(harness.state().draft.enterprises.len(), 3);

    // The form shows their facts.
    harness
        .get_by_label("企业 2 · 浙江标杆0001有限公司")
        .click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(1));
    assert_eq!(
        harness.get_by_label("所在地区").value().as_deref(),
        Some("宁波市")
    );
    assert_eq!(
        harness.get_by_label("统一社会信用代码").value().as_deref(),
        Some(harness.state().pool.entries[1].fact("credit_code"))
    );

    // 定稿 and export: each picked entry records the batch, the others nothing.
    let code = finalize_and_export(&mut harness);
    for i in 0..3 {
        let history = &harness.state().pool.entries[i].history;
        assert_eq!(history.len(), 1, "entry {i}");
        assert_eq!(
            (history[0].year, history[0].final_code.as_str()),
            (2024, code.as_str())
        );
    }
    assert!(
        harness.state().pool.entries[3].history.is_empty(),
        "not picked"
    );
    record_an_outcome(&mut harness, &code, dir.path());
}

/// 2 000 entries: only the visible rows are drawn, so a frame of the page and a search stay short (timings printed
/// for BENCHMARKS.md; the bounds here are a debug build's, far above the release targets).
#[test]
fn a_pool_of_2000_entries_draws_and_searches_promptly() {
    use lingjun::model::pool::{Pool, PoolEntry};
    use lingjun::model::pool_view::{PoolFilter, view};
    let cities = ["杭州市", "宁波市", "温州市", "嘉兴市", "湖州市"];
    let entries: Vec<PoolEntry> = (0..2000)
        .map(|i| {
            let mut e = PoolEntry::default();
            e.set_fact("name", &format!("浙江测试{i:04}有限公司"));
            e.set_fact("region", cities[i % cities.len()]);
            e.set_fact("industry", "高端装备");
            e.tags = vec![format!("链{}", i % 7)];
            e.note = format!("典型经验 {i}");
            e
        })
        .collect();
    let pool = Pool { entries };
    let mut app = common::memory_app(&common::full_draft(1));
    app.pool = pool.clone();
    let mut harness = common::app_harness(app);
    harness.run();
    harness.get_by_label_contains(ui::NAV_POOL).click();
    harness.run();
    let frames = 20;
    let start = std::time::Instant::now();
    for _ in 0..frames {
        harness.step();
    }
    let frame = start.elapsed() / frames;
    let filter = PoolFilter {
        search: "测试19 链3".into(),
        ..PoolFilter::default()
    };
    let start = std::time::Instant::now();
    let found = view(&pool.entries, &filter, None);
    let search = start.elapsed();
    eprintln!("2 000 entries: a frame of the page {frame:?} (kittest, debug), a search {search:?}");
    assert!(!found.is_empty());
    assert!(frame < std::time::Duration::from_millis(400), "{frame:?}");
    assert!(search < std::time::Duration::from_millis(200), "{search:?}");
}
