//! The drafts database: round trips, reopening, migration, refusals that leave files untouched, backup/restore.

use crate::common;

use std::path::Path;

use lingjun::model::drafts_file;
use lingjun::store::{self, StoreError, schema};
use rusqlite::Connection;

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Every field of a full draft survives a save, a drop and a reopen.
#[test]
fn every_field_round_trips_through_the_file() {
    let dir = temp_dir();
    let path = dir.path().join("drafts.sqlite");
    let mut draft = common::full_draft(5);
    common::mark_final(&mut draft);
    draft.final_log.push(lingjun::model::finalize::LogEntry {
        action: lingjun::model::finalize::LogAction::Unfinalize,
        at: "2024-09-09T10:00:00+08:00".into(),
        code: "ABCD-EFGH".into(),
        reason: "领导要求修改".into(),
    });
    draft
        .acknowledged
        .insert("unit.Phone:PhoneFormat".into(), "总机号码".into());
    draft.enterprises[2]
        .acknowledged
        .insert("CreditCode:CheckDigit".into(), "已核对执照".into());
    draft.enterprises[1]
        .sections
        .insert("unknown_future_section".into(), "保留".into());
    draft.enterprises[4]
        .attachments
        .push(common::attach("扫描件.png", vec![0u8, 1, 2, 255]));
    draft
        .batch
        .extra
        .insert("future".into(), serde_json::json!({"a": 1}));
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&draft).expect("saves");
    }
    let store = common::open_store(&path).expect("reopens");
    assert_eq!(store.load().expect("loads"), Some(draft));
}

#[test]
fn a_new_database_has_no_draft_and_the_current_schema() {
    let dir = temp_dir();
    let store = common::open_store(&dir.path().join("sub/folder/drafts.sqlite"))
        .expect("creates its folder");
    assert_eq!(store.load().expect("loads"), None);
    assert_eq!(
        store.schema_version().expect("version"),
        schema::CURRENT_VERSION
    );
}

/// A database written with the first schema opens, migrates, and keeps its data.
#[test]
fn migration_from_the_first_schema_keeps_the_data() {
    let dir = temp_dir();
    let path = dir.path().join("v1.sqlite");
    {
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(schema::SCHEMA_V1).expect("v1 schema");
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .expect("app id");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        conn.execute_batch(
            "INSERT INTO batch VALUES (1, 2024, '2024-09-20', '市场监管总局质量发展局', '北京市海淀区马甸东路9号', '100088', '010-82261744', 3, 1);
             INSERT INTO unit VALUES (1, '浙江省', '浙江省市场监督管理局', '王晓明', '0571-87654321', '', '2024-09-10');
             INSERT INTO enterprise VALUES (0, '浙江老版本企业有限公司', '91330100799655058B', '杭州市', '新材料', '碳纤维', '民营', '李华', '13812345678', '12.5', '', '', '300');
             INSERT INTO section VALUES (0, 'basic', '第一版数据库中的正文。');
             INSERT INTO blob VALUES ('abc', X'0102');
             INSERT INTO attachment VALUES (0, 0, '盖章页.pdf', 'abc');",
        )
        .expect("v1 data");
    }
    let store = common::open_store(&path).expect("migrates");
    assert_eq!(
        store.schema_version().expect("version"),
        schema::CURRENT_VERSION
    );
    let draft = store.load().expect("loads").expect("has a draft");
    assert_eq!(draft.unit.contact, "王晓明");
    assert_eq!(draft.enterprises[0].name, "浙江老版本企业有限公司");
    assert_eq!(draft.enterprises[0].employees, "300");
    assert_eq!(
        draft.enterprises[0].section("basic"),
        "第一版数据库中的正文。"
    );
    let attachment = &draft.enterprises[0].attachments[0];
    assert_eq!(
        (attachment.sha256.as_str(), attachment.size_bytes),
        ("abc", 2)
    );
    let mut bytes = Vec::new();
    lingjun::model::blob::BlobSource::copy_blob(&store, "abc", &mut bytes).expect("contents");
    assert_eq!(
        bytes,
        [1, 2],
        "the contents stay in the database, byte for byte"
    );
    assert!(!draft.is_final(), "the new columns default to a draft");
    assert!(draft.final_log.is_empty());
}

fn assert_refused_untouched(path: &Path, expect: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("read before");
    let error = common::open_store(path).err().expect("refused");
    assert!(expect(&error), "unexpected error: {error:?}");
    assert!(!error.user_text().is_empty());
    assert_eq!(
        std::fs::read(path).expect("read after"),
        before,
        "the file's bytes are unchanged"
    );
}

#[test]
fn a_newer_database_is_refused_and_unchanged() {
    let dir = temp_dir();
    let path = dir.path().join("newer.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(1)).expect("saves");
    }
    Connection::open(&path)
        .and_then(|c| c.pragma_update(None, "user_version", schema::CURRENT_VERSION + 1))
        .expect("bump version");
    assert_refused_untouched(&path, |e| matches!(e, StoreError::TooNew { .. }));
    let text = common::open_store(&path)
        .err()
        .expect("refused")
        .user_text();
    assert!(text.contains("更新版本"), "{text}");
}

#[test]
fn garbage_and_foreign_files_are_refused_and_unchanged() {
    let dir = temp_dir();
    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, "这不是数据库，只是一些文字。".repeat(100)).expect("write");
    assert_refused_untouched(&garbage, |e| matches!(e, StoreError::NotADatabase { .. }));

    let foreign = dir.path().join("foreign.sqlite");
    Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 7;"))
        .expect("foreign db");
    assert_refused_untouched(&foreign, |e| matches!(e, StoreError::NotADatabase { .. }));
}

#[test]
fn a_damaged_database_is_refused_and_unchanged() {
    let dir = temp_dir();
    let path = dir.path().join("damaged.sqlite");
    {
        let mut store = common::open_store(&path).expect("opens");
        store.save(&common::full_draft(5)).expect("saves");
    }
    // Keep the header, overwrite the pages after the first with noise.
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 8192, "database has several pages");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).expect("write");
    assert_refused_untouched(&path, |e| {
        matches!(
            e,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        )
    });
}

#[test]
fn a_second_window_on_the_same_database_is_told() {
    let dir = temp_dir();
    let path = dir.path().join("drafts.sqlite");
    let mut first = common::open_store(&path).expect("first opens");
    first.save(&common::full_draft(1)).expect("saves");
    let second = common::open_store(&path).err().expect("second is refused");
    assert!(matches!(second, StoreError::Busy { .. }), "{second:?}");
    assert!(second.user_text().contains("另一个领军窗口"));
    // The first keeps working.
    first
        .save(&common::full_draft(2))
        .expect("first still saves");
}

#[test]
fn backup_restore_backup_gives_the_same_json() {
    let dir = temp_dir();
    let mut store = common::open_store(&dir.path().join("a.sqlite")).expect("opens");
    let draft = common::full_draft(5);
    store.save(&draft).expect("saves");
    let first = dir.path().join("备份1.json");
    store::backup_to_file(
        &store.load().expect("loads").expect("draft"),
        &lingjun::model::pool::Pool::default(),
        &store,
        &first,
    )
    .expect("backup");

    let mut other =
        common::open_store(&dir.path().join("b.sqlite")).expect("opens other laptop's db");
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
    assert_eq!(
        std::fs::read_to_string(&first).expect("read"),
        std::fs::read_to_string(&second).expect("read")
    );
}

#[test]
fn a_bad_drafts_file_leaves_the_drafts_untouched() {
    let dir = temp_dir();
    let mut store = common::open_store(&dir.path().join("a.sqlite")).expect("opens");
    let draft = common::full_draft(2);
    store.save(&draft).expect("saves");
    let good = common::to_json(&common::full_draft(1));
    let cases = [
        (
            "truncated.json",
            good[..good.len() / 2].to_owned(),
            "意外结束",
        ),
        (
            "wrong-type.json",
            good.replacen("\"year\": 2024", "\"year\": \"二〇二四\"", 1),
            "类型不对",
        ),
        (
            "six.json",
            // A version-1 file: it knew only the quota of 5.
            common::to_json(&{
                let mut d = common::full_draft(5);
                d.enterprises.push(d.enterprises[0].clone());
                d
            })
            .replacen("\"version\": 3", "\"version\": 1", 1),
            "最多推荐 5 家",
        ),
        (
            "other.json",
            "{\"hello\": 1}".to_owned(),
            "不是领军草稿文件",
        ),
        ("empty.json", String::new(), "空的"),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let error =
            store::restore_from_file(&mut store, &path, Some(dir.path())).expect_err("refused");
        let message = error.user_text();
        assert!(message.contains(expected), "{name}: {message}");
        assert_eq!(
            store.load().expect("loads"),
            Some(draft.clone()),
            "{name}: drafts unchanged"
        );
    }
}

#[test]
fn restore_keeps_a_safety_copy_of_what_it_replaced() {
    let dir = temp_dir();
    let db = dir.path().join("drafts.sqlite");
    let mut store = common::open_store(&db).expect("opens");
    let old = common::full_draft(3);
    store.save(&old).expect("saves");
    let file = dir.path().join("new.json");
    std::fs::write(&file, common::to_json(&common::full_draft(1))).expect("write");
    let safety = store::safety_dir_for(&db).expect("has a parent");
    let outcome = store::restore_from_file(&mut store, &file, Some(&safety)).expect("restores");
    let copy = outcome.safety_copy.expect("a safety copy");
    assert_eq!(
        drafts_file::read_file(&copy, &mut lingjun::model::blob::DiscardBlobs)
            .expect("copy reads")
            .draft,
        old
    );
    assert_eq!(
        store.load().expect("loads").map(|d| d.enterprises.len()),
        Some(1)
    );
}
