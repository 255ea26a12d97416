//! The window's save thread (`store::SaveWorker`): what it was sent is in the database once it answers, edits
//! after it are written as changes, a restore through the window's own connection is not overwritten by a
//! stale comparison, a failed save changes nothing and the next one works, and closing finishes the save.

use crate::common;

use lingjun::store::{SaveWorker, Store};

fn worker(store: &Store) -> SaveWorker {
    store
        .save_worker(Box::new(|| {}))
        .expect("the thread starts")
        .expect("a file database has a save thread")
}

/// A save the thread has answered is in the database, read through another connection; so are later edits.
#[test]
fn answered_saves_are_in_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    let store = common::open_store(&dir.path().join("drafts.sqlite")).expect("opens");
    let mut worker = worker(&store);
    let mut draft = common::full_draft(5);
    worker.start_save(draft.clone());
    assert!(worker.is_saving(), "sent, not yet answered");
    worker
        .wait()
        .expect("answered")
        .expect("first save (every row)");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));

    // Changes only: a long section, a removed enterprise, a field of the unit.
    draft.enterprises[0]
        .sections
        .insert("basic".into(), "质".repeat(200_000));
    draft.enterprises.pop();
    draft.unit.contact = "王晓明".into();
    worker.start_save(draft.clone());
    worker.wait().expect("answered").expect("second save");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));
    assert!(worker.wait().is_none(), "nothing left to wait for");
}

/// After a restore rewrote the database through the window's connection, the thread's next save writes every
/// row: comparing with what it wrote itself would skip a field that the restore changed back.
#[test]
fn a_restore_in_between_is_not_undone_by_a_stale_comparison() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = common::open_store(&dir.path().join("drafts.sqlite")).expect("opens");
    let mut worker = worker(&store);
    let mut a = common::full_draft(2);
    a.unit.contact = "甲".into();
    worker.start_save(a.clone());
    worker.wait().expect("answered").expect("saves A");

    let mut restored = a.clone();
    restored.unit.contact = "乙".into();
    store.replace(&restored).expect("the restore writes");
    worker.forget_saved();
    // The clerk types 甲 again: the same as the thread's last save, not as what is stored.
    worker.start_save(a.clone());
    worker.wait().expect("answered").expect("saves");
    assert_eq!(
        store.load().expect("loads").map(|d| d.unit.contact),
        Some("甲".to_owned())
    );
}

/// A save that cannot be written (an attachment whose contents were never stored) leaves the last good save
/// and the next good save goes through.
#[test]
fn a_failed_save_changes_nothing_and_the_next_one_works() {
    let dir = tempfile::tempdir().expect("dir");
    let store = common::open_store(&dir.path().join("drafts.sqlite")).expect("opens");
    let mut worker = worker(&store);
    let good = common::full_draft(1);
    worker.start_save(good.clone());
    worker.wait().expect("answered").expect("saves");

    let mut bad = good.clone();
    bad.enterprises[0]
        .attachments
        .push(lingjun::model::Attachment {
            name: "不存在.pdf".into(),
            size_bytes: 3,
            sha256: "0".repeat(64),
        });
    bad.unit.contact = "不应保存".into();
    worker.start_save(bad);
    assert!(
        worker.wait().expect("answered").is_err(),
        "refused: contents missing"
    );
    assert_eq!(store.load().expect("loads").as_ref(), Some(&good));

    let mut next = good.clone();
    next.unit.contact = "王晓明".into();
    worker.start_save(next.clone());
    worker.wait().expect("answered").expect("saves");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&next));
}

/// Dropping the thread (the window closing) lets the save in progress finish.
#[test]
fn dropping_the_worker_finishes_the_save_in_progress() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let draft = common::full_draft(5);
    {
        let store = common::open_store(&path).expect("opens");
        let mut worker = worker(&store);
        worker.start_save(draft.clone());
        drop(worker);
    }
    let store = Store::open(&path).expect("reopens");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));
}

/// A database in memory has no second connection to save through: the window saves it in place.
#[test]
fn a_memory_database_has_no_save_thread() {
    let store = common::memory_store().expect("opens");
    assert!(
        store
            .save_worker(Box::new(|| {}))
            .expect("no error")
            .is_none()
    );
}
