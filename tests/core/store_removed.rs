//! Removed enterprises in the database (schema 6, for 撤销删除): saved with the drafts, read back whole, their
//! attachments' contents kept while they are listed, an older database migrated, a hand-damaged row survived.

use crate::common;

use lingjun::model::blob::BlobSource as _;
use lingjun::model::removed::KEEP_REMOVED;
use lingjun::model::{Draft, Enterprise};
use lingjun::store::{Store, schema};

fn bytes_of(store: &Store, sha256: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    store.copy_blob(sha256, &mut out).ok().map(|_| out)
}

/// A draft whose second enterprise has a scan of its own and odd typed figures, then removed.
fn draft_with_removed(store: &mut Store) -> (Draft, String) {
    let mut draft = common::full_draft(3);
    let scan = store
        .add_bytes("营业执照.pdf", b"only the removed one has this")
        .expect("stored");
    let sha = scan.sha256.clone();
    let second = &mut draft.enterprises[1];
    second.attachments.push(scan);
    second.revenue_100m = "12.50".into();
    second.employees = "约五千".into();
    second.fields.insert("chain".into(), "集成电路".into());
    second
        .acknowledged
        .insert("CheckDigit:credit_code".into(), "已核对".into());
    second
        .extra
        .insert("future".into(), serde_json::json!({"kept": true}));
    draft
        .remove_enterprise_keeping(1, "2024-09-08 10:15")
        .expect("kept");
    (draft, sha)
}

/// Saved and read back exactly (full and incremental saves), and the scan survives the clean-up at every start.
#[test]
fn removed_enterprises_are_saved_whole_and_keep_their_contents() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let draft = {
        let mut store = common::open_store(&path).expect("opens");
        let (draft, _) = draft_with_removed(&mut store);
        // First a full save without the removal, then the removal as an incremental save.
        let mut earlier = draft.clone();
        earlier.removed.clear();
        store.save(&earlier).expect("saves");
        store.save(&draft).expect("saves the change");
        draft
    };
    for _ in 0..2 {
        let store = Store::open(&path).expect("reopens");
        let back = store.load().expect("loads").expect("a draft");
        assert_eq!(back.removed, draft.removed, "read back whole");
        assert_eq!(back.removed[0].enterprise.revenue_100m, "12.50", "as typed");
        assert_eq!(back.removed[0].position, 1);
        assert_eq!(back.removed[0].removed_at, "2024-09-08 10:15");
        let sha = &back.removed[0].enterprise.attachments[1].sha256;
        assert_eq!(
            bytes_of(&store, sha).as_deref(),
            Some(&b"only the removed one has this"[..]),
            "kept although no enterprise uses it"
        );
    }
}

/// Once an entry leaves the list (pushed out by newer removals), its scan is cleaned up at the next start.
#[test]
fn contents_go_once_the_entry_is_forgotten() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let sha = {
        let mut store = common::open_store(&path).expect("opens");
        let (mut draft, sha) = draft_with_removed(&mut store);
        store.save(&draft).expect("saves");
        for i in 0..KEEP_REMOVED {
            draft.enterprises.push(Enterprise {
                name: format!("临时企业{i}"),
                ..Enterprise::default()
            });
            let last = draft.enterprises.len() - 1;
            draft.remove_enterprise_keeping(last, "2024-09-08 11:00");
            store.save(&draft).expect("saves");
        }
        assert_eq!(draft.removed.len(), KEEP_REMOVED);
        assert!(
            draft
                .removed
                .iter()
                .all(|r| r.enterprise.name.starts_with("临时企业")),
            "the first one was pushed out"
        );
        assert!(store.has_blob(&sha).expect("reads"), "not before a restart");
        sha
    };
    let store = Store::open(&path).expect("reopens");
    assert!(!store.has_blob(&sha).expect("reads"), "cleaned up at start");
    let back = store.load().expect("loads").expect("a draft");
    assert_eq!(back.removed.len(), KEEP_REMOVED);
}

/// A database of schema 5 (before 撤销删除) opens, gains the tables and keeps its drafts; the new list saves.
#[test]
fn a_database_of_schema_5_gains_the_removed_tables() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let draft = common::full_draft(2);
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&draft).expect("saves");
    }
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute_batch(
            // Schema 5 had neither the removed enterprises (6), the section tables (7) nor the pool (8).
            "DROP TABLE pool_entry; DROP TABLE section_table; DROP TABLE removed_attachment;
             DROP TABLE removed_enterprise;
             PRAGMA user_version = 5;",
        )
        .expect("back to schema 5");
    }
    assert!(lingjun::store::needs_migration(&path), "seen as older");
    let mut store = Store::open(&path).expect("migrates");
    assert_eq!(
        store.schema_version().expect("reads"),
        schema::CURRENT_VERSION
    );
    let mut back = store.load().expect("loads").expect("a draft");
    assert_eq!(back, draft, "the drafts as they were, nothing removed");
    back.remove_enterprise_keeping(0, "2024-09-08 12:00");
    store.save(&back).expect("saves");
    drop(store);
    let again = Store::open(&path)
        .expect("reopens")
        .load()
        .expect("loads")
        .expect("a draft");
    assert_eq!(again.removed, back.removed);
}

/// A row edited by hand into something that is not an enterprise is left out; the drafts and the other
/// entries still open.
#[test]
fn a_damaged_row_does_not_keep_the_drafts_from_opening() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let draft = {
        let mut store = common::open_store(&path).expect("opens");
        let mut draft = common::full_draft(3);
        draft.remove_enterprise_keeping(0, "t1");
        draft.remove_enterprise_keeping(0, "t2");
        store.save(&draft).expect("saves");
        draft
    };
    {
        let conn = rusqlite::Connection::open(&path).expect("opens");
        conn.execute(
            "UPDATE removed_enterprise SET enterprise_json = '{\"name\": [' WHERE id = 0",
            [],
        )
        .expect("damaged");
    }
    let back = Store::open(&path)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("a draft");
    assert_eq!(back.enterprises, draft.enterprises);
    assert_eq!(back.removed.len(), 1);
    assert_eq!(back.removed[0], draft.removed[1], "the readable one");
}

/// The next year's batch starts with nothing removed; a drafts file (backup) does not carry the list.
#[test]
fn a_new_batch_and_a_backup_start_with_nothing_removed() {
    let mut store = common::memory_store().expect("store");
    let (draft, _) = draft_with_removed(&mut store);
    store.save(&draft).expect("saves");
    let next =
        lingjun::model::next_batch::next_batch(&draft, 2025, &[0], common::today()).expect("next");
    store.start_next_batch(&draft, &next).expect("archives");
    assert!(
        store
            .load()
            .expect("loads")
            .expect("a draft")
            .removed
            .is_empty()
    );
    let json = lingjun::model::drafts_file::to_json(&draft, &store).expect("drafts file");
    assert!(!json.contains("2024-09-08 10:15"), "not in the file");
}

/// Restoring an automatic backup brings its removed enterprises back, with their attachments' contents even when
/// the database has let them go since.
#[test]
fn an_automatic_backup_brings_its_removed_enterprises_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let (draft, sha) = {
        let mut store = common::open_store(&db).expect("opens");
        let (draft, sha) = draft_with_removed(&mut store);
        store.save(&draft).expect("saves");
        (draft, sha)
    };
    let backup = lingjun::store::create_auto_backup(&db)
        .expect("backs up")
        .expect("a backup");
    {
        // Later the list is emptied (a drafts file restored, say) and the next start drops the scan.
        let mut store = Store::open(&db).expect("opens");
        let mut later = draft.clone();
        later.removed.clear();
        store.replace(&later).expect("saves");
    }
    let mut store = Store::open(&db).expect("opens");
    assert!(
        !store.has_blob(&sha).expect("reads"),
        "gone from the database"
    );
    let outcome = lingjun::store::restore_auto_backup(&mut store, &backup, None).expect("restores");
    assert_eq!(outcome.draft.removed, draft.removed);
    drop(store);
    let store = Store::open(&db).expect("reopens");
    let back = store.load().expect("loads").expect("a draft");
    assert_eq!(back.removed, draft.removed, "saved");
    assert_eq!(
        bytes_of(&store, &sha).as_deref(),
        Some(&b"only the removed one has this"[..]),
        "the scan came along from the backup"
    );
}
