//! Tables inside report sections (docs/formats.md, "Section tables"): the database and the drafts file keep them
//! as typed, later saves write them, an older database migrates, hostile tables neither panic nor take long.

use crate::common;

use lingjun::model::{Draft, SectionTable, drafts_file, finalize};
use lingjun::store;

fn quality_table() -> SectionTable {
    SectionTable {
        after_line: 1,
        rows: vec![
            vec![
                "指标".into(),
                "2021年".into(),
                "2022年".into(),
                "2023年".into(),
            ],
            vec![
                "产品一次合格率".into(),
                "99.1%".into(),
                "99.3%".into(),
                "99.6%".into(),
            ],
            vec!["客户满意度".into(), "92".into()],
            vec![],
        ],
    }
}

fn with_tables() -> Draft {
    let mut draft = common::full_draft(3);
    draft.enterprises[0].section_tables.insert(
        "quality".into(),
        vec![quality_table(), SectionTable::default()],
    );
    draft.enterprises[2]
        .section_tables
        .insert("basic".into(), vec![SectionTable::new(0, 2, 2)]);
    draft
}

/// Tables survive a save, a reopen, a later save that changes a cell, and one that drops them.
#[test]
fn section_tables_round_trip_through_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("drafts.sqlite");
    let mut draft = with_tables();
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&draft).expect("saves");
        assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));
        // Later saves are incremental: a cell, a new table, a section's tables gone.
        draft.enterprises[0]
            .section_tables
            .get_mut("quality")
            .expect("tables")[0]
            .rows[2][1] = "93".into();
        draft.enterprises[1]
            .section_tables
            .insert("innovation".into(), vec![SectionTable::new(3, 1, 3)]);
        draft.enterprises[2].section_tables.clear();
        store.save(&draft).expect("saves changes");
        // An enterprise with tables removed: its rows go.
        draft.enterprises.truncate(1);
        store.save(&draft).expect("saves removal");
    }
    let store = common::open_store(&path).expect("reopens");
    assert_eq!(store.load().expect("loads"), Some(draft));
}

/// A backup with tables restores into another database and backs up again byte for byte.
#[test]
fn section_tables_round_trip_through_the_drafts_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = common::open_store(&dir.path().join("a.sqlite")).expect("opens");
    let draft = with_tables();
    store.save(&draft).expect("saves");
    let first = dir.path().join("备份1.json");
    store::backup_to_file(
        &draft,
        &lingjun::model::pool::Pool::default(),
        &store,
        &first,
    )
    .expect("backup");
    let text = std::fs::read_to_string(&first).expect("read");
    assert!(text.contains("\"version\": 3"), "version 3");
    assert!(text.contains("\"section_tables\""), "tables written");
    let mut other = common::open_store(&dir.path().join("b.sqlite")).expect("opens");
    let outcome = store::restore_from_file(&mut other, &first, None).expect("restores");
    assert_eq!(outcome.draft, draft);
    let second = dir.path().join("备份2.json");
    store::backup_to_file(
        &other.load().expect("loads").expect("draft"),
        &lingjun::model::pool::Pool::default(),
        &other,
        &second,
    )
    .expect("backup again");
    assert_eq!(text, std::fs::read_to_string(&second).expect("read"));
}

/// A draft without tables writes no `section_tables` and keeps its 定稿码; a table changes the code.
#[test]
fn drafts_without_tables_keep_their_bytes_and_codes() {
    let plain = common::full_draft(2);
    let text = common::to_json(&plain);
    assert!(!text.contains("section_tables"));
    let template = lingjun::model::Template::built_in();
    let code = finalize::finalize_code(&plain, template);
    let mut tabled = plain.clone();
    tabled.enterprises[1]
        .section_tables
        .insert("quality".into(), vec![quality_table()]);
    assert_ne!(finalize::finalize_code(&tabled, template), code);
    // The same table written by the drafts file and read back gives the same code.
    let read = drafts_file::from_json(&common::to_json(&tabled)).expect("reads");
    assert_eq!(
        finalize::finalize_code(&read.draft, template),
        finalize::finalize_code(&tabled, template)
    );
}

/// Cells count towards the section's 字: enough cell text turns the section's count over its limit.
#[test]
fn cells_count_towards_the_section_limit() {
    let mut draft = common::full_draft(1);
    let before = draft.enterprises[0].section_chars("quality");
    let mut table = SectionTable::new(0, 1, 1);
    table.rows[0][0] = "字".repeat(60_000);
    draft.enterprises[0]
        .section_tables
        .insert("quality".into(), vec![table]);
    assert_eq!(
        draft.enterprises[0].section_chars("quality"),
        before + 60_000
    );
    let issues = lingjun::model::validate(&draft, lingjun::model::Template::built_in());
    assert!(
        issues.iter().any(|i| matches!(
            i.kind,
            lingjun::model::IssueKind::TooLong { count, .. } if count == before + 60_000
        )),
        "{issues:?}"
    );
}

/// Hostile tables: empty, ragged, 1 MB in a cell, 1000 × 50 cells; stored, read back and checked quickly.
#[test]
fn hostile_tables_are_kept_and_checked_without_panic() {
    let mut huge = SectionTable::new(0, 1000, 50);
    for (r, row) in huge.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            *cell = format!("{r}-{c}");
        }
    }
    let mut big_cell = SectionTable::new(2, 2, 2);
    big_cell.rows[1][1] = "质".repeat(350_000);
    let ragged = SectionTable {
        after_line: 99,
        rows: vec![
            vec![],
            vec!["一".into()],
            vec!["一".into(), "二".into(), "三".into()],
        ],
    };
    let mut draft = common::full_draft(1);
    draft.enterprises[0].section_tables.insert(
        "quality".into(),
        vec![SectionTable::default(), huge, big_cell, ragged],
    );
    let started = std::time::Instant::now();
    let issues = lingjun::model::validate(&draft, lingjun::model::Template::built_in());
    let mut store = common::memory_store().expect("store");
    store.save(&draft).expect("saves");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));
    let read = drafts_file::from_json(&common::to_json(&draft)).expect("reads");
    assert_eq!(read.draft, draft);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs_f32() < 10.0, "took {elapsed:?}");
    let too_large: Vec<String> = issues
        .iter()
        .filter(|i| matches!(i.kind, lingjun::model::IssueKind::TableTooLarge { .. }))
        .map(lingjun::model::messages::issue_text)
        .collect();
    assert_eq!(
        too_large,
        ["第 2 个表格有 1000 行 50 列，超过上限（500 行、20 列），请拆分或删减，大表可作为附件"]
    );
}

/// A database of the schema before section tables migrates and reads with none.
#[test]
fn an_older_database_opens_without_tables() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v6.sqlite");
    let draft = common::full_draft(1);
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&draft).expect("saves");
    }
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        // Schema 6 had neither the section tables (7) nor the pool (8).
        conn.execute_batch(
            "DROP TABLE pool_entry; DROP TABLE section_table; PRAGMA user_version = 6;",
        )
        .expect("back to schema 6");
    }
    let store = common::open_store(&path).expect("migrates");
    assert_eq!(
        store.schema_version().expect("version"),
        store::schema::CURRENT_VERSION
    );
    assert_eq!(store.load().expect("loads"), Some(draft));
}
