//! A table inside a report section, edited in the window: 插入表格, a row and a column added, cells typed, the
//! count under the section includes the cells, and the table is saved with the drafts.

use crate::common;

use egui_kittest::kittest::Queryable as _;
use lingjun::model::SectionTable;
use lingjun::ui::{self, Screen};

/// The clerk inserts a table under the first section, adds a row and a column, and types three cells; the draft
/// holds a 3 × 3 table with the cells where they were typed, and the count shows their 字.
#[test]
fn a_table_is_inserted_grown_and_typed_into() {
    let draft = common::full_draft(1);
    let heading = lingjun::model::Template::built_in().report.sections[0]
        .heading
        .clone();
    let key = lingjun::model::Template::built_in().report.sections[0]
        .key
        .clone();
    let before = draft.enterprises[0].section_chars(&key);
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    assert_eq!(harness.state().screen, Screen::Enterprise(0));

    let insert = harness
        .get_all_by_label(ui::INSERT_TABLE)
        .next()
        .expect("a button under each section");
    insert.scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(ui::INSERT_TABLE)
        .next()
        .expect("button")
        .click();
    harness.run();
    let tables = harness.state().draft.enterprises[0].tables(&key).to_vec();
    assert_eq!(tables, [SectionTable::new(1, 2, 2)], "2 × 2 after the text");

    harness.get_by_label(ui::TABLE_ADD_ROW).click();
    harness.run();
    harness.get_by_label(ui::TABLE_ADD_COLUMN).click();
    harness.run();
    common::type_into(&mut harness, &format!("{heading} 表1 第1行第1列"), "指标");
    common::type_into(&mut harness, &format!("{heading} 表1 第1行第3列"), "2023年");
    common::type_into(&mut harness, &format!("{heading} 表1 第3行第2列"), "99.6%");
    harness.run();

    let e = &harness.state().draft.enterprises[0];
    assert_eq!(
        e.tables(&key)[0].rows,
        [
            vec!["指标", "", "2023年"],
            vec!["", "", ""],
            vec!["", "99.6%", ""],
        ]
    );
    let count = e.section_chars(&key);
    assert_eq!(count, before + 2 + 5 + 5, "cells count towards the section");
    let recommended = lingjun::model::Template::built_in().report.sections[0].recommended_chars;
    assert!(
        harness
            .query_by_label(&format!("{count} / {recommended} 字"))
            .is_some(),
        "the count under the heading includes the cells"
    );

    harness.get_by_label(ui::TABLE_REMOVE_ROW).click();
    harness.run();
    harness.get_by_label(ui::TABLE_REMOVE_COLUMN).click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[0].tables(&key)[0].rows,
        [vec!["指标", ""], vec!["", ""]]
    );
    harness.get_by_label(ui::TABLE_REMOVE).click();
    harness.run();
    assert!(
        harness.state().draft.enterprises[0]
            .section_tables
            .is_empty(),
        "no table, no entry"
    );
}

/// A table typed in the window is what the database holds after the autosave.
#[test]
fn a_typed_table_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(1)).expect("saves");
    }
    let key = lingjun::model::Template::built_in().report.sections[0]
        .key
        .clone();
    let heading = lingjun::model::Template::built_in().report.sections[0]
        .heading
        .clone();
    let mut harness = common::harness_on_file(&path);
    harness.run();
    harness
        .get_by_label("企业 1 · 浙江测试企业1有限公司")
        .click();
    harness.run();
    harness
        .get_all_by_label(ui::INSERT_TABLE)
        .next()
        .expect("button")
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_label(ui::INSERT_TABLE)
        .next()
        .expect("button")
        .click();
    harness.run();
    common::type_into(&mut harness, &format!("{heading} 表1 第2行第2列"), "合格");
    harness.run_steps(70);
    harness.state_mut().finish_pending_save();
    harness.run();
    let expected = harness.state().draft.clone();
    drop(harness);
    let store = common::open_store(&path).expect("reopens");
    let saved = store.load().expect("loads").expect("draft");
    assert_eq!(saved.enterprises[0].tables(&key)[0].rows[1][1], "合格");
    assert_eq!(
        saved.enterprises[0].section_tables,
        expected.enterprises[0].section_tables
    );
}
