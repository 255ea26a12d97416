//! 文件 → 从自动备份恢复… in the window: the list of backups, the confirmation, the restore and its safety copy.

use crate::common;

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

/// Saves a draft whose unit contact is `marker` and whose first enterprise carries `scan` as an attachment.
fn save_with_scan(db: &std::path::Path, marker: &str, scan: &[u8]) {
    let mut draft = common::full_draft(2);
    draft.unit.contact = marker.to_owned();
    draft.enterprises[0]
        .attachments
        .push(common::attach("扫描件.pdf", scan.to_vec()));
    common::open_store(db)
        .expect("opens")
        .save(&draft)
        .expect("saves");
}

/// Replaces the cap field's text with `text` (an empty `text` clears it).
fn type_cap(harness: &mut egui_kittest::Harness<'static, App>, text: &str) {
    harness.get_by_label(ui::AUTO_BACKUP_CAP).focus();
    harness.run();
    harness.key_combination_modifiers(egui::Modifiers::COMMAND, &[egui::Key::A]);
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    if !text.is_empty() {
        harness.get_by_label(ui::AUTO_BACKUP_CAP).type_text(text);
        harness.run();
    }
}

/// The clerk sets 自动备份总大小上限 in the dialog: wrong values are refused with the range and nothing is
/// written; a good one goes into the settings file beside the database, the next start's backup keeps to it
/// (oldest out, newest kept) and the dialog shows it when opened again.
#[test]
fn the_backup_cap_is_set_in_the_dialog_and_kept_by_the_next_start() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let settings_file = lingjun::settings::path_for(&db);
    // Random bytes, so each backup is at least 2 MB whatever the page layout.
    let scan: Vec<u8> = (0..2_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for i in 0..3 {
        save_with_scan(&db, &format!("联系人{i}"), &scan);
        store::create_auto_backup_with(&db, &lingjun::settings::auto_backup_limits(&db))
            .expect("backs up")
            .expect("made");
    }
    assert_eq!(
        store::list_auto_backups(&db).len(),
        3,
        "the default cap keeps all three"
    );

    let mut harness = common::harness_on_file(&db);
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
    harness.get_by_label(ui::MENU_RESTORE_AUTO).click();
    harness.run();
    assert_eq!(
        harness.get_by_label(ui::AUTO_BACKUP_CAP).value().as_deref(),
        Some("2048"),
        "the default cap is shown"
    );
    for bad in ["0", "两千", "-3", "99999999999", ""] {
        type_cap(&mut harness, bad);
        harness.get_by_label(ui::AUTO_BACKUP_CAP_SAVE).click();
        harness.run();
        assert!(
            harness
                .query_by_label_contains("请输入 1 到 1048576 之间的整数")
                .is_some(),
            "{bad:?} is refused with the range"
        );
        assert!(!settings_file.exists(), "{bad:?}: nothing written");
    }
    type_cap(&mut harness, "3");
    assert!(
        harness
            .query_by_label_contains("请输入 1 到 1048576 之间的整数")
            .is_none(),
        "the refusal goes with the next edit"
    );
    harness.get_by_label(ui::AUTO_BACKUP_CAP_SAVE).click();
    harness.run();
    assert!(
        harness.query_by_label_contains("上限已保存").is_some(),
        "the clerk sees it was saved"
    );
    let written = lingjun::settings::load(&settings_file);
    assert_eq!(written.settings.auto_backup_max_mb, Some(3));
    assert_eq!(written.note, None);
    assert_eq!(
        store::list_auto_backups(&db).len(),
        3,
        "nothing is deleted before the next start"
    );
    drop(harness);

    // The next start: a new backup, and 3 MB holds only the newest of these 2 MB copies.
    save_with_scan(&db, "联系人3", &scan);
    let limits = lingjun::settings::auto_backup_limits(&db);
    assert_eq!(limits.max_total_bytes, 3 * 1024 * 1024);
    store::create_auto_backup_with(&db, &limits)
        .expect("backs up")
        .expect("made");
    let left = store::list_auto_backups(&db);
    assert_eq!(left.len(), 1, "only the newest fits: {left:?}");
    assert!(left[0].size_bytes > 2_000_000);

    let mut harness = common::harness_on_file(&db);
    harness.get_by_label(ui::MENU_FILE).click();
    harness.run();
    harness.get_by_label(ui::MENU_RESTORE_AUTO).click();
    harness.run();
    assert_eq!(
        harness.get_by_label(ui::AUTO_BACKUP_CAP).value().as_deref(),
        Some("3"),
        "the saved cap is shown again"
    );
}
