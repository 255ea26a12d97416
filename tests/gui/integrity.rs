//! The window opens a large database without reading every page first (`Store::open_unchecked`) and checks it
//! on a thread after the first frame: damage found then is named above the status bar, the drafts stay shown,
//! and a sound database shows no warning.

use crate::common;

use egui_kittest::kittest::Queryable as _;
use lingjun::store::{Store, StoreError};
use lingjun::ui::App;

const WARNING: &str = "草稿数据库检查发现损坏";

/// A database with five enterprises and a 2 MB scan whose middle pages are then overwritten: the header and
/// the small rows are intact (it opens and loads), the scan's overflow chain is not.
fn damaged_database(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("drafts.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        let mut draft = common::full_draft(5);
        let scan: Vec<u8> = (0..2_000_000u32).map(|i| (i * 31 % 253) as u8).collect();
        draft.enterprises[0].attachments =
            vec![store.add_bytes("扫描件.pdf", &scan).expect("stored")];
        store.save(&draft).expect("saves");
    }
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2 / 4096 * 4096;
    for (i, b) in bytes[middle..middle + 8 * 4096].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).expect("write");
    path
}

/// Damage that only the page-by-page check sees: the window opens, shows the drafts, and after the check
/// names the damage above the status bar; `Store::open` (the commands) refuses the same file.
#[test]
fn damage_found_after_the_first_frame_is_named_in_the_status_bar() {
    let dir = tempfile::tempdir().expect("dir");
    let path = damaged_database(dir.path());
    assert!(
        matches!(Store::open(&path).err(), Some(StoreError::Corrupt { .. })),
        "the full check at open refuses it"
    );
    let store = Store::open_unchecked(&path).expect("opens without reading every page");
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.run();
    assert!(
        harness.query_by_label_contains("企业 1 · ").is_some(),
        "the drafts are shown at once"
    );
    harness.state_mut().finish_integrity_check();
    harness.run();
    assert!(
        harness.query_by_label_contains(WARNING).is_some(),
        "the damage is named"
    );
}

/// A sound database opened the same way shows no warning once checked; one opened with the check shows none
/// and runs none.
#[test]
fn a_sound_database_shows_no_warning() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(5)).expect("saves");
    }
    let store = Store::open_unchecked(&path).expect("opens");
    assert_eq!(store.unchecked_path(), Some(path.as_path()));
    let mut harness = common::app_harness(App::new(store, common::today()));
    harness.run();
    harness.state_mut().finish_integrity_check();
    harness.run();
    assert!(harness.query_by_label_contains(WARNING).is_none());
    drop(harness);
    let store = Store::open(&path).expect("opens");
    assert_eq!(store.unchecked_path(), None, "checked at open already");
}

/// The start's automatic backup waits for the first frame and follows the check on its thread: none exists
/// before the window has drawn, one exists once the check found the database sound.
#[test]
fn the_start_backup_follows_the_check_after_the_first_frame() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(5)).expect("saves");
    }
    let store = Store::open_unchecked(&path).expect("opens");
    let mut app = App::new(store, common::today());
    app.back_up_after_check(lingjun::store::AutoBackupLimits::default());
    assert!(
        lingjun::store::list_auto_backups(&path).is_empty(),
        "nothing is read for the backup before the first frame"
    );
    let mut harness = common::app_harness(app);
    harness.run();
    harness.state_mut().finish_integrity_check();
    let backups = lingjun::store::list_auto_backups(&path);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].enterprise_count, Some(5), "the drafts are in it");
    harness.run();
    assert!(harness.query_by_label_contains(WARNING).is_none());
}

/// A database the check finds damaged is not backed up: its copy would push good backups out of the ten.
#[test]
fn a_damaged_database_is_not_backed_up_at_the_start() {
    let dir = tempfile::tempdir().expect("dir");
    let path = damaged_database(dir.path());
    let store = Store::open_unchecked(&path).expect("opens");
    let mut app = App::new(store, common::today());
    app.back_up_after_check(lingjun::store::AutoBackupLimits::default());
    let mut harness = common::app_harness(app);
    harness.run();
    harness.state_mut().finish_integrity_check();
    harness.run();
    assert!(
        harness.query_by_label_contains(WARNING).is_some(),
        "the damage is named"
    );
    assert!(
        lingjun::store::list_auto_backups(&path).is_empty(),
        "no copy of the damaged database"
    );
}

/// A database checked when it opened (an upgrade migrates with `Store::open`) has no check to follow: its
/// backup is made on a thread of its own at once.
#[test]
fn a_checked_database_is_backed_up_without_waiting_for_a_check() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(2)).expect("saves");
    }
    let store = Store::open(&path).expect("opens");
    let mut app = App::new(store, common::today());
    app.back_up_after_check(lingjun::store::AutoBackupLimits::default());
    app.finish_integrity_check();
    assert_eq!(lingjun::store::list_auto_backups(&path).len(), 1);
}
