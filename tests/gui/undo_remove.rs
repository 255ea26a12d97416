//! 撤销删除 (docs/manual.md): a removed enterprise comes back with its text, custom field values, confirmed
//! warnings and attachments at its old place, from the notice or the 编辑 menu, also after a restart; refused
//! while final, on an archived batch and when the quota is full.

use crate::common;

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::blob::BlobSource as _;
use lingjun::model::{Draft, Enterprise};
use lingjun::store::Store;
use lingjun::ui::{self, App, Command, Screen};

/// Bytes no fixture uses, so only the enterprise added them to the database.
const SCAN: &[u8] = b"%PDF-1.4 \x00\xff scan of the licence, only here";

/// `full_draft(n)` whose second enterprise also has a custom field value and a confirmed warning.
fn draft_with_extras(n: usize) -> Draft {
    let mut draft = common::full_draft(n);
    let second = &mut draft.enterprises[1];
    second
        .fields
        .insert("chain".into(), "集成电路产业链".into());
    second
        .acknowledged
        .insert("PhoneFormat:phone".into(), "已电话核实".into());
    draft
}

/// A database file holding `draft`.
fn file_with(dir: &Path, draft: &Draft) -> std::path::PathBuf {
    let path = dir.join("drafts.sqlite");
    let mut store = common::open_store(&path).expect("opens");
    store.save(draft).expect("saves");
    path
}

/// Draws frames until the autosave has run and its thread answered (as the window does, without pressing
/// anything).
fn wait_for_autosave(harness: &mut Harness<'_, App>) {
    harness.run_steps(70);
    harness.state_mut().finish_pending_save();
    harness.run();
}

/// Attaches a file through the window's command and waits for its thread to read it into the database.
fn attach(harness: &mut Harness<'_, App>, enterprise: usize, path: &Path) {
    let before = harness.state().draft.enterprises[enterprise]
        .attachments
        .len();
    harness.state_mut().queue(Command::AttachPaths {
        enterprise,
        paths: vec![path.to_owned()],
    });
    for _ in 0..500 {
        if harness.state().draft.enterprises[enterprise]
            .attachments
            .len()
            > before
        {
            break;
        }
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        harness.state().draft.enterprises[enterprise]
            .attachments
            .len(),
        before + 1,
        "attached"
    );
    harness.run();
}

/// 删除此企业… on the page of enterprise `number` (from 1), then 删除 in the question.
fn remove_through_the_window(harness: &mut Harness<'_, App>, number: usize) {
    harness.state_mut().screen = Screen::Enterprise(number - 1);
    harness.run();
    harness.get_by_label(ui::REMOVE_ENTERPRISE).click();
    harness.run();
    harness.get_by_label(ui::DELETE).click();
    harness.run();
}

fn names(harness: &Harness<'_, App>) -> Vec<String> {
    harness
        .state()
        .draft
        .enterprises
        .iter()
        .map(|e| e.name.clone())
        .collect()
}

fn open_edit_menu(harness: &mut Harness<'_, App>) {
    harness.get_by_label(ui::MENU_EDIT).click();
    harness.run();
}

/// The stored contents under `sha256` in the database at `path`, read after the window let go of it.
fn stored_bytes(path: &Path, sha256: &str) -> Vec<u8> {
    let store = Store::open(path).expect("reopens");
    let mut bytes = Vec::new();
    store.copy_blob(sha256, &mut bytes).expect("contents kept");
    bytes
}

/// Type, attach, delete, 撤销删除 from the notice: everything is back at its place, and the autosave has it.
#[test]
fn undo_from_the_notice_brings_back_text_fields_confirmations_and_attachments() {
    let dir = tempfile::tempdir().expect("dir");
    let scan = dir.path().join("营业执照.pdf");
    std::fs::write(&scan, SCAN).expect("write");
    let path = file_with(dir.path(), &draft_with_extras(3));
    let mut harness = common::harness_on_file(&path);
    harness.run();
    harness.state_mut().screen = Screen::Enterprise(1);
    harness.run();
    harness.get_by_label("主营业务（主导产品）").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("主营业务（主导产品）")
        .type_text("光刻机");
    harness.run();
    attach(&mut harness, 1, &scan);
    let before: Enterprise = harness.state().draft.enterprises[1].clone();
    assert_eq!(before.products, "光刻机");

    remove_through_the_window(&mut harness, 2);
    assert_eq!(
        names(&harness),
        ["浙江测试企业1有限公司", "浙江测试企业3有限公司"]
    );
    assert!(
        harness
            .query_by_label("已删除企业「浙江测试企业2有限公司」。")
            .is_some(),
        "the notice names it"
    );
    harness.get_by_label(ui::UNDO_REMOVE).click();
    harness.run();
    assert_eq!(
        names(&harness),
        [
            "浙江测试企业1有限公司",
            "浙江测试企业2有限公司",
            "浙江测试企业3有限公司"
        ],
        "back at its old place"
    );
    assert_eq!(harness.state().draft.enterprises[1], before, "all of it");
    assert_eq!(harness.state().screen, Screen::Enterprise(1), "its page");
    assert!(
        harness.query_by_label(ui::UNDO_REMOVE).is_none(),
        "the notice is gone"
    );
    assert!(harness.state().draft.removed.is_empty());
    wait_for_autosave(&mut harness);
    drop(harness);

    let store = Store::open(&path).expect("reopens");
    let saved = store.load().expect("loads").expect("a draft");
    drop(store);
    assert_eq!(saved.enterprises[1], before, "the autosave wrote it back");
    let sha = &before.attachments[1].sha256;
    assert_eq!(stored_bytes(&path, sha), SCAN, "the attachment's bytes");
}

/// Delete, close the program (the autosave has the removal), start again: 编辑 → 撤销删除 still brings it back,
/// attachment bytes included (the start's clean-up of unused contents left them).
#[test]
fn undo_after_a_restart_from_the_edit_menu() {
    let dir = tempfile::tempdir().expect("dir");
    let scan = dir.path().join("营业执照.pdf");
    std::fs::write(&scan, SCAN).expect("write");
    let path = file_with(dir.path(), &draft_with_extras(3));
    let before = {
        let mut harness = common::harness_on_file(&path);
        harness.run();
        attach(&mut harness, 1, &scan);
        let before = harness.state().draft.enterprises[1].clone();
        remove_through_the_window(&mut harness, 2);
        wait_for_autosave(&mut harness);
        before
    };
    {
        let store = Store::open(&path).expect("reopens");
        let saved = store.load().expect("loads").expect("a draft");
        assert_eq!(saved.enterprises.len(), 2, "the removal was saved");
        assert_eq!(saved.removed.len(), 1, "and the removed enterprise kept");
        assert_eq!(saved.removed[0].enterprise, before);
    }
    let sha = before.attachments[1].sha256.clone();
    assert_eq!(
        stored_bytes(&path, &sha),
        SCAN,
        "two starts later the bytes are still there"
    );

    let mut harness = common::harness_on_file(&path);
    harness.run();
    assert!(
        harness.query_by_label(ui::UNDO_REMOVE).is_none(),
        "no notice after a restart: the menu offers it"
    );
    open_edit_menu(&mut harness);
    harness
        .get_by_label_contains("撤销删除「浙江测试企业2有限公司」（原第 2 家，")
        .click();
    harness.run();
    assert_eq!(harness.state().draft.enterprises[1], before);
    wait_for_autosave(&mut harness);
    drop(harness);
    assert_eq!(stored_bytes(&path, &sha), SCAN);
    let saved = Store::open(&path)
        .expect("reopens")
        .load()
        .expect("loads")
        .expect("a draft");
    assert_eq!(saved.enterprises[1], before);
    assert!(saved.removed.is_empty(), "no longer listed as removed");
}

/// Two removed: the menu lists both, newest first, and the one chosen comes back to its own place.
#[test]
fn of_two_removed_the_chosen_one_comes_back() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(3)));
    harness.run();
    remove_through_the_window(&mut harness, 1);
    remove_through_the_window(&mut harness, 2);
    assert_eq!(names(&harness), ["浙江测试企业2有限公司"]);
    assert!(
        harness
            .query_by_label("已删除企业「浙江测试企业3有限公司」。")
            .is_some(),
        "the notice is about the last one"
    );
    open_edit_menu(&mut harness);
    let first = harness
        .get_by_label_contains("撤销删除「浙江测试企业3有限公司」")
        .rect()
        .top();
    let second = harness
        .get_by_label_contains("撤销删除「浙江测试企业1有限公司」")
        .rect()
        .top();
    assert!(first < second, "newest first");
    harness
        .get_by_label_contains("撤销删除「浙江测试企业1有限公司」（原第 1 家")
        .click();
    harness.run();
    assert_eq!(
        names(&harness),
        ["浙江测试企业1有限公司", "浙江测试企业2有限公司"],
        "the first one, at the top"
    );
    assert_eq!(harness.state().draft.removed.len(), 1);
    open_edit_menu(&mut harness);
    harness
        .get_by_label_contains("撤销删除「浙江测试企业3有限公司」（原第 3 家")
        .click();
    harness.run();
    assert_eq!(
        names(&harness),
        [
            "浙江测试企业1有限公司",
            "浙江测试企业2有限公司",
            "浙江测试企业3有限公司"
        ]
    );
    open_edit_menu(&mut harness);
    assert!(harness.query_by_label(ui::REMOVED_NONE).is_some());
}

/// While final (定稿) the entry is disabled, and the command is refused with the message every edit gives.
#[test]
fn refused_while_final() {
    let mut draft = common::full_draft(3);
    draft.remove_enterprise_keeping(1, "2024-09-08 10:00");
    let draft = common::finalized(draft);
    let frozen = lingjun::model::finalize::ensure_editable(&draft).expect_err("final");
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    open_edit_menu(&mut harness);
    assert!(
        harness
            .get_by_label_contains("撤销删除「浙江测试企业2有限公司」")
            .accesskit_node()
            .is_disabled(),
        "not offered while final"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.state_mut().queue(Command::RestoreRemoved(0));
    harness.run();
    assert!(
        harness
            .query_by_label(&lingjun::model::messages::frozen_text(&frozen))
            .is_some(),
        "the same words as any edit while final"
    );
    assert_eq!(harness.state().draft.enterprises.len(), 2, "nothing back");
    assert_eq!(harness.state().draft.removed.len(), 1, "still kept");
}

/// With the quota full the entry says why (naming the quota) and the command is refused the same way; once
/// there is room it comes back.
#[test]
fn refused_while_the_quota_is_full() {
    let mut draft = common::full_draft(5);
    draft.remove_enterprise_keeping(4, "2024-09-08 10:00");
    draft.enterprises.push(Enterprise {
        name: "替补企业".into(),
        ..Enterprise::default()
    });
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    open_edit_menu(&mut harness);
    let entry = harness.get_by_label_contains("撤销删除「浙江测试企业5有限公司」");
    assert!(entry.accesskit_node().is_disabled(), "not while full");
    entry.hover();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("最多推荐 5 家企业，已达上限，不能撤销删除")
            .is_some(),
        "the hover names the quota"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.state_mut().queue(Command::RestoreRemoved(0));
    harness.run();
    assert!(
        harness
            .query_by_label_contains(
                "不能撤销删除企业「浙江测试企业5有限公司」：本批次模板规定每省最多推荐 5 家企业"
            )
            .is_some(),
        "refused, naming the quota"
    );
    harness.get_by_label(ui::OK).click();
    harness.run();
    assert_eq!(harness.state().draft.enterprises.len(), 5);

    remove_through_the_window(&mut harness, 5);
    open_edit_menu(&mut harness);
    harness
        .get_by_label_contains("撤销删除「浙江测试企业5有限公司」")
        .click();
    harness.run();
    assert_eq!(
        harness.state().draft.enterprises[4].name,
        "浙江测试企业5有限公司"
    );
    assert_eq!(harness.state().draft.removed.len(), 1, "替补企业 is kept");
}

/// An archived batch is read-only: 撤销删除 is refused with the words the other edits use there.
#[test]
fn refused_on_an_archived_batch() {
    let mut store = common::memory_store().expect("store");
    let mut current = common::full_draft(2);
    current.remove_enterprise_keeping(1, "2024-09-08 10:00");
    store.save(&current).expect("saves");
    let next = lingjun::model::next_batch::next_batch(&current, 2025, &[], common::today())
        .expect("next batch");
    store.start_next_batch(&current, &next).expect("archives");
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.run();
    harness
        .state_mut()
        .queue(Command::Batch(ui::BatchCommand::Open {
            year: 2024,
            current: false,
        }));
    harness.run();
    assert_eq!(harness.state().archived, Some(2024));
    harness.state_mut().queue(Command::RestoreRemoved(0));
    harness.run();
    assert!(
        harness
            .query_by_label_contains("年度批次（已归档，只读），不能修改")
            .is_some(),
        "refused as read-only"
    );
}

/// Removing an empty enterprise keeps nothing and offers no undo; a hostile name (a pasted paragraph with line
/// breaks) shows cut to one line in the menu and comes back whole.
#[test]
fn empty_and_hostile_enterprises() {
    let mut draft = Draft::new(common::today());
    let hostile = format!("甲\n乙\u{202e}{}", "长".repeat(5_000));
    draft.enterprises.push(Enterprise {
        name: hostile.clone(),
        ..Enterprise::default()
    });
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    remove_through_the_window(&mut harness, 1);
    assert_eq!(harness.state().draft.removed, [], "nothing to keep");
    assert!(
        harness.query_by_label(ui::UNDO_REMOVE).is_none(),
        "no notice"
    );
    open_edit_menu(&mut harness);
    assert!(harness.query_by_label(ui::REMOVED_NONE).is_some());
    open_edit_menu(&mut harness);
    assert!(harness.query_by_label(ui::REMOVED_NONE).is_none(), "closed");

    remove_through_the_window(&mut harness, 1);
    assert!(harness.state().draft.enterprises.is_empty());
    assert_eq!(harness.state().screen, Screen::BatchUnit);
    open_edit_menu(&mut harness);
    let entry = harness.get_by_label_contains("撤销删除「甲 乙");
    let label = entry.accesskit_node().label().unwrap_or_default();
    assert!(!label.contains('\n'), "one line: {label:?}");
    assert!(label.chars().count() < 60, "cut: {label:?}");
    entry.click();
    harness.run();
    assert_eq!(harness.state().draft.enterprises[0].name, hostile, "whole");
}
