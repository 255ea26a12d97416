//! 新建下一年度批次 and earlier batches: through the store and through the command line.

use crate::binary::{all_text as text, lingjun_db};
use crate::common;

use std::path::Path;

use lingjun::model::next_batch::next_batch;
use lingjun::store::Store;

/// A database holding the full 2024 batch with a custom template title.
fn db_2024(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("d.sqlite");
    let mut draft = common::full_draft(3);
    draft.template.report.title = "本省推荐报告".into();
    common::open_store(&db)
        .expect("opens")
        .save(&draft)
        .expect("saves");
    db
}

#[test]
fn next_batch_archives_this_one_and_keeps_its_attachments() {
    let dir = tempfile::tempdir().expect("dir");
    let db = db_2024(dir.path());
    let mut store = Store::open(&db).expect("opens");
    let current = store.load().expect("loads").expect("saved");
    let next = next_batch(&current, 2025, &[1], common::today()).expect("later year");
    store.start_next_batch(&current, &next).expect("archives");

    let now = store.load().expect("loads").expect("saved");
    assert_eq!(now.batch.year, 2025);
    assert_eq!(
        now.template.report.title, "本省推荐报告",
        "the template goes on"
    );
    assert_eq!(now.enterprises.len(), 1);
    assert_eq!(now.enterprises[0].name, current.enterprises[1].name);
    assert!(now.enterprises[0].sections.is_empty(), "no report text");

    let old = store.load_archived(2024).expect("reads").expect("archived");
    assert_eq!(old, current, "the archived batch is exactly what it was");
    let batches = store.batches().expect("lists");
    let years: Vec<_> = batches.iter().map(|b| (b.year, b.is_current)).collect();
    assert_eq!(years, [(2025, true), (2024, false)]);
    assert_eq!(batches[1].enterprise_count, 3);

    // A save of the new batch (which has no attachments) must not drop the archived batch's blobs.
    store.save(&now).expect("saves");
    drop(store);
    let out = lingjun_db(
        &db,
        &[
            "--batch",
            "2024",
            "export",
            "--out",
            dir.path().join("out").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let verify = lingjun_db(
        &db,
        &["verify", dir.path().join("out").to_str().expect("utf-8")],
    );
    let package = std::fs::read_dir(dir.path().join("out"))
        .expect("lists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("a package folder");
    assert!(
        package.to_string_lossy().contains("2024"),
        "{}",
        package.display()
    );
    let attachment = walk(&package)
        .into_iter()
        .find(|p| p.ends_with("盖章页.pdf"))
        .expect("the archived batch's attachment is exported");
    assert_eq!(std::fs::read(attachment).expect("reads"), b"%PDF-1.4 test");
    drop(verify);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("lists")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn command_line_new_batch_and_batch_option() {
    let dir = tempfile::tempdir().expect("dir");
    let db = db_2024(dir.path());

    let out = lingjun_db(&db, &["new-batch", "2025", "--copy-enterprises"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("带入 3 家企业的基本信息"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("--batch 2024"), "{}", text(&out));

    // The current batch is 2025, with the facts but (so far) no report text: the check finds empty sections.
    let out = lingjun_db(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    // The archived 2024 batch still passes its check.
    let out = lingjun_db(&db, &["--batch", "2024", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("已归档，只读"), "{}", text(&out));

    // Read-only: a restore or a template import into 2024 is refused and changes nothing.
    let backup = dir.path().join("2024.json");
    let out = lingjun_db(
        &db,
        &["--batch", "2024", "backup", backup.to_str().expect("utf-8")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&backup)
            .expect("written")
            .contains("企业坚持质量第一")
    );
    let before = std::fs::read(&db).expect("reads");
    let out = lingjun_db(
        &db,
        &[
            "--batch",
            "2024",
            "restore",
            backup.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("已归档，只读"), "{}", text(&out));
    assert_eq!(
        std::fs::read(&db).expect("reads"),
        before,
        "nothing written"
    );

    // Wrong years: not later, unknown, not a year.
    let out = lingjun_db(&db, &["new-batch", "2025"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("须晚于当前批次（2025）"),
        "{}",
        text(&out)
    );
    let out = lingjun_db(&db, &["--batch", "2019", "check"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("现有批次：2025、2024"),
        "{}",
        text(&out)
    );
    let out = lingjun_db(&db, &["new-batch", "明年"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("四位年度"), "{}", text(&out));
    let out = lingjun_db(&db, &["check", "--copy-enterprises"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));

    // A third year archives 2025 beside 2024.
    let out = lingjun_db(&db, &["new-batch", "2026"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let years: Vec<_> = Store::open(&db)
        .expect("opens")
        .batches()
        .expect("lists")
        .iter()
        .map(|b| b.year)
        .collect();
    assert_eq!(years, [2026, 2025, 2024]);
}

#[test]
fn a_database_of_schema_4_gains_the_archive_tables() {
    let dir = tempfile::tempdir().expect("dir");
    let db = db_2024(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).expect("opens");
        conn.execute_batch(
            // A schema-4 database had neither the archive (5), the removed enterprises (6), the section tables (7)
            // nor the pool (8).
            "DROP TABLE pool_entry; DROP TABLE section_table; DROP TABLE removed_attachment;
             DROP TABLE removed_enterprise;
             DROP TABLE archived_attachment; DROP TABLE archived_batch; PRAGMA user_version = 4;",
        )
        .expect("back to schema 4");
    }
    let store = Store::open(&db).expect("migrates");
    assert_eq!(
        store.schema_version().expect("reads"),
        lingjun::store::schema::CURRENT_VERSION
    );
    assert_eq!(
        store.batches().expect("lists").len(),
        1,
        "the current batch, nothing archived"
    );
}
