//! 文件 → 从自动备份恢复… in the window: the list of backups, the confirmation, the restore and its safety copy.

mod common;

use egui_kittest::kittest::Queryable as _;
use lingjun::store::{self};
use lingjun::ui::{self, App};

/// The clerk picks the automatic backup from the start of the day, confirms, and gets its drafts back; the drafts
/// it replaced are kept as a safety copy.
#[test]
fn restoring_an_auto_backup_from_the_menu_brings_its_drafts_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut morning = common::full_draft(2);
    morning.unit.contact = "早上的联系人".into();
    common::open_store(&db)
        .expect("opens")
        .save(&morning)
        .expect("saves");
    store::create_auto_backup(&db)
        .expect("backs up")
        .expect("a backup");
    let mut later = common::full_draft(4);
    later.unit.contact = "后来的联系人".into();
    common::open_store(&db)
        .expect("opens")
        .save(&later)
        .expect("saves");

    let mut harness = common::harness_on_file(&db);
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
    harness.get_by_label(ui::MENU_RESTORE_AUTO).click();
    harness.run();
    assert!(
        harness.query_by_label_contains("2 家企业").is_some(),
        "the backup is listed with its number of enterprises"
    );
    harness.get_by_label(ui::AUTO_BACKUP_RESTORE).click();
    harness.run();
    assert_eq!(
        harness.state().draft.unit.contact,
        "后来的联系人",
        "nothing is restored before the clerk confirms"
    );
    harness.get_by_label(ui::CONFIRM).click();
    harness.run();
    assert_eq!(
        harness.state().draft,
        morning,
        "the backup's drafts are in the window"
    );
    assert!(
        harness
            .query_by_label_contains("被替换的草稿已另存到")
            .is_some(),
        "the clerk is told where the replaced drafts went"
    );
    drop(harness);
    assert_eq!(
        common::open_store(&db)
            .expect("reopens")
            .load()
            .expect("loads"),
        Some(morning),
        "and in the database"
    );
    let safety = store::safety_dir_for(&db).expect("folder");
    let copies: Vec<_> = std::fs::read_dir(&safety)
        .expect("safety folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(copies.len(), 1, "one safety copy of the replaced drafts");
    let kept = lingjun::model::drafts_file::read_file(
        &copies[0].path(),
        &mut lingjun::model::blob::DiscardBlobs,
    )
    .expect("reads");
    assert_eq!(
        kept.draft, later,
        "the safety copy holds the replaced drafts"
    );
}

/// With no automatic backup yet the dialog says so, and cancelling closes it.
#[test]
fn the_list_says_when_there_is_no_backup_yet() {
    let store = common::memory_store().expect("memory store");
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
    harness.get_by_label(ui::MENU_RESTORE_AUTO).click();
    harness.run();
    assert!(
        harness.query_by_label("还没有自动备份。").is_some(),
        "an empty list is explained"
    );
    harness.get_by_label(ui::CANCEL).click();
    harness.run();
    assert!(
        harness.query_by_label(ui::AUTO_BACKUP_TITLE).is_none(),
        "the dialog is closed"
    );
}
