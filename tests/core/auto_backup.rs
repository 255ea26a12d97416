//! Automatic backups at start-up: rotation, consistency in WAL mode, restore with a safety copy.

use crate::common;

use std::path::Path;

use lingjun::store::{self, AUTO_BACKUP_KEEP};
use rusqlite::Connection;

/// Saves a draft whose unit contact is `marker`, so each save differs, and closes the store.
fn save_marked(db: &Path, marker: &str) {
    let mut draft = common::full_draft(2);
    draft.unit.contact = marker.to_owned();
    let mut store = common::open_store(db).expect("opens");
    store.save(&draft).expect("saves");
}

fn contact_in(backup: &Path) -> String {
    Connection::open(backup)
        .and_then(|c| c.query_row("SELECT contact FROM unit", [], |r| r.get(0)))
        .expect("the backup reads as a database")
}

/// Twelve starts with different drafts leave exactly the ten newest backups, and never touch other files there.
#[test]
fn rotation_keeps_exactly_the_ten_newest() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let auto = store::auto_backup_dir(&db).expect("has a folder");
    std::fs::create_dir_all(&auto).expect("mkdir");
    let manual = store::safety_dir_for(&db)
        .expect("folder")
        .join("恢复前的草稿-20240901-120000.json");
    std::fs::write(&manual, "{}").expect("write");
    let foreign = auto.join("笔记.txt");
    std::fs::write(&foreign, "keep").expect("write");
    for i in 0..12 {
        save_marked(&db, &format!("联系人{i}"));
        let made = store::create_auto_backup(&db).expect("backs up");
        assert!(
            made.is_some(),
            "start {i}: the drafts changed, so a backup is made"
        );
    }
    let list = store::list_auto_backups(&db);
    assert_eq!(list.len(), AUTO_BACKUP_KEEP, "exactly ten are kept");
    let contacts: Vec<String> = list.iter().map(|b| contact_in(&b.path)).collect();
    let expected: Vec<String> = (2..12).rev().map(|i| format!("联系人{i}")).collect();
    assert_eq!(contacts, expected, "the ten newest, newest first");
    assert!(
        list.iter()
            .all(|b| b.enterprise_count == Some(2) && b.size_bytes > 0),
        "each lists its size and enterprise count: {list:?}"
    );
    assert!(manual.exists(), "a manual safety copy is never deleted");
    assert!(
        foreign.exists(),
        "files that are not automatic backups are never deleted"
    );
}

/// With a total size cap, the oldest backups go first until the rest fit, the newest always stays; an
/// unfinished copy a closed window left behind is cleared away.
#[test]
fn rotation_keeps_the_total_under_the_cap() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let auto = store::auto_backup_dir(&db).expect("has a folder");
    std::fs::create_dir_all(&auto).expect("mkdir");
    let unfinished = auto.join(".auto-20240101-000000-000.sqlite.part");
    std::fs::write(&unfinished, "half").expect("write");
    save_marked(&db, "联系人0");
    let one = store::create_auto_backup(&db)
        .expect("backs up")
        .expect("made");
    let size = std::fs::metadata(&one).expect("size").len();
    assert!(!unfinished.exists(), "the unfinished copy is removed");
    let limits = store::AutoBackupLimits {
        keep: 10,
        max_total_bytes: size * 3 + size / 2,
    };
    for i in 1..6 {
        save_marked(&db, &format!("联系人{i}"));
        store::create_auto_backup_with(&db, &limits).expect("backs up");
    }
    let contacts: Vec<String> = store::list_auto_backups(&db)
        .iter()
        .map(|b| contact_in(&b.path))
        .collect();
    assert_eq!(
        contacts,
        ["联系人5", "联系人4", "联系人3"],
        "three fit under the cap, the newest first"
    );
    let tiny = store::AutoBackupLimits {
        keep: 10,
        max_total_bytes: 1,
    };
    save_marked(&db, "联系人6");
    store::create_auto_backup_with(&db, &tiny).expect("backs up");
    let left: Vec<String> = store::list_auto_backups(&db)
        .iter()
        .map(|b| contact_in(&b.path))
        .collect();
    assert_eq!(left, ["联系人6"], "the newest is kept even above the cap");
}

/// Starting again without a change makes no new backup, so older work is not pushed out of the ten.
#[test]
fn an_unchanged_database_is_not_backed_up_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    assert_eq!(
        store::create_auto_backup(&db).expect("no database is fine"),
        None,
        "nothing to back up before the first start"
    );
    save_marked(&db, "甲");
    assert!(
        store::create_auto_backup(&db).expect("backs up").is_some(),
        "first start backs up"
    );
    // Opening the window again (Store::open migrates and locks) without typing anything.
    drop(common::open_store(&db).expect("opens"));
    assert_eq!(
        store::create_auto_backup(&db).expect("checks"),
        None,
        "same content: no second copy"
    );
    assert_eq!(store::list_auto_backups(&db).len(), 1, "one backup");
}

/// A backup taken while the last save is still only in the WAL file holds that save.
#[test]
fn a_backup_of_a_wal_database_holds_the_last_committed_save() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    save_marked(&db, "检查点之前");
    // Another connection commits into the WAL and keeps it un-checkpointed while the backup runs.
    let writer = Connection::open(&db).expect("opens");
    writer
        .pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no checkpoint");
    writer
        .execute("UPDATE unit SET contact = '只在WAL中'", [])
        .expect("commits");
    let wal = dir.path().join("drafts.sqlite-wal");
    assert!(
        std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) > 0,
        "the save is in the WAL, not yet in the main file"
    );
    let backup = store::create_auto_backup(&db)
        .expect("backs up")
        .expect("a new backup");
    drop(writer);
    assert_eq!(
        contact_in(&backup),
        "只在WAL中",
        "the backup holds the committed save"
    );
    let check: String = Connection::open(&backup)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .expect("checks");
    assert_eq!(check, "ok", "the backup is a sound database");
    assert!(
        !backup.with_extension("sqlite-wal").exists(),
        "the backup is one self-contained file"
    );
}

/// Restoring from a backup brings its drafts back and first keeps a safety copy of the current ones.
#[test]
fn restore_from_an_auto_backup_keeps_a_safety_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    save_marked(&db, "备份时");
    let backup = store::create_auto_backup(&db)
        .expect("backs up")
        .expect("made");
    let mut store = common::open_store(&db).expect("opens");
    let mut later = common::full_draft(5);
    later.unit.contact = "后来改的".into();
    store.save(&later).expect("saves");
    let safety = store::safety_dir_for(&db).expect("folder");
    let outcome = store::restore_auto_backup(&mut store, &backup, Some(&safety)).expect("restores");
    assert_eq!(outcome.draft.unit.contact, "备份时", "the backup's drafts");
    assert_eq!(
        store.load().expect("loads").map(|d| d.unit.contact),
        Some("备份时".to_owned()),
        "saved into the database"
    );
    let copy = outcome.safety_copy.expect("a safety copy");
    let kept =
        lingjun::model::drafts_file::read_file(&copy, &mut lingjun::model::blob::DiscardBlobs)
            .expect("reads");
    assert_eq!(kept.draft, later, "the replaced drafts are kept whole");
    assert!(backup.exists(), "the backup itself stays");
}

/// A damaged database is not copied, and the good backups already there are not rotated out by it.
#[test]
fn a_damaged_database_does_not_push_out_good_backups() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    save_marked(&db, "好的");
    store::create_auto_backup(&db).expect("backs up");
    std::fs::write(&db, "已经不是数据库了").expect("overwrite");
    let error = store::create_auto_backup(&db).expect_err("refused");
    assert!(!error.user_text().is_empty(), "a message for the log");
    let list = store::list_auto_backups(&db);
    assert_eq!(list.len(), 1, "the good backup stays");
    assert_eq!(contact_in(&list[0].path), "好的");
}

/// Two databases in one folder (`--db`): each lists and rotates only its own automatic backups.
#[test]
fn databases_in_one_folder_keep_their_backups_apart() {
    let dir = tempfile::tempdir().expect("dir");
    let default_db = dir.path().join("drafts.sqlite");
    let other_db = dir.path().join("另一批.sqlite");
    save_marked(&default_db, "默认");
    save_marked(&other_db, "另一批");
    store::create_auto_backup(&default_db).expect("backs up");
    store::create_auto_backup(&other_db).expect("backs up");
    let default_list = store::list_auto_backups(&default_db);
    let other_list = store::list_auto_backups(&other_db);
    assert_eq!(default_list.len(), 1, "{default_list:?}");
    assert_eq!(other_list.len(), 1, "{other_list:?}");
    assert_eq!(contact_in(&default_list[0].path), "默认");
    assert_eq!(contact_in(&other_list[0].path), "另一批");
}
