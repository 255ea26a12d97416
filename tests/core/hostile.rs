//! Hostile input, end to end through the public API and the `lingjun` binary: every case gets a clear Chinese
//! message and loses no data. Table-driven; where a case is covered in depth elsewhere, that test is named.
//! Also covered elsewhere: the drafts reader on random and mutated text (tests/fuzz.rs), reserved and over-long
//! names on the disc (tests/core/export.rs `hostile_names_come_out_safe_and_unique`), a second window in the GUI
//! (tests/gui/drafting.rs), a cancelled export (tests/core/export.rs `a_failed_export_leaves_nothing_behind`).

use crate::binary::{all_text as text_of, lingjun};
use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use lingjun::model::{self, Draft, Template, messages};
use lingjun::package::{self, ExportOptions, PackageError};
use lingjun::store::{self, StoreError};

fn export_to(draft: &Draft, out: &Path) -> Result<package::ExportOutcome, PackageError> {
    package::export(
        &common::as_final(draft),
        &common::blobs(),
        out,
        &ExportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    )
}

/// A drafts file of about `mb` megabytes: a valid file whose one attachment holds the bulk.
fn big_valid_file(mb: usize) -> Vec<u8> {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].attachments = vec![common::attach(
        "大扫描件.pdf",
        vec![7u8; mb * 1024 * 1024 * 3 / 4],
    )];
    common::to_json(&draft).into_bytes()
}

/// Malformed, truncated, huge and wrongly-typed drafts files: each is refused with its reason, through the API and
/// through `lingjun restore`, and the drafts in the database stay exactly as they were.
#[test]
fn bad_drafts_files_are_refused_and_the_drafts_stay() {
    let good = common::to_json(&common::full_draft(2));
    let with = |from: &str, to: &str| good.replacen(from, to, 1).into_bytes();
    let head = "{\"format\": \"lingjun-drafts\", \"version\": 1, ";
    // A version-1 file knew only the quota of 5; a version-2 one may carry a template allowing up to 20.
    let six = common::to_json(&{
        let mut d = common::full_draft(5);
        d.enterprises.push(d.enterprises[0].clone());
        d
    })
    .replacen("\"version\": 3", "\"version\": 1", 1);
    let twenty_one = common::to_json(&{
        let mut d = common::full_draft(1);
        d.enterprises = vec![d.enterprises[0].clone(); 21];
        d
    });
    let mut huge_garbage = vec![b' '; 50 * 1024 * 1024];
    huge_garbage.extend_from_slice(b"{\"format\": \"lingjun-drafts\", oops}");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "空的"),
        ("only white space", b" \n\t\r\n".to_vec(), "空的"),
        ("only a BOM", "\u{FEFF}".into(), "空的"),
        ("not JSON", b"<html>hello</html>".to_vec(), "不是有效的 JSON"),
        ("binary noise", vec![0xFF, 0xFE, 0x00, 0x9C, 0x80], "UTF-8"),
        ("GBK text", vec![b'{', b'"', 0xD5, 0xE3, b'"', b'}'], "UTF-8"),
        ("truncated at 10%", good.as_bytes()[..good.len() / 10].to_vec(), "意外结束"),
        ("truncated at 50%", good.as_bytes()[..good.len() / 2].to_vec(), "意外结束"),
        ("truncated by one byte", good.as_bytes()[..good.len() - 2].to_vec(), "意外结束"),
        ("a JSON array", b"[1, 2, 3]".to_vec(), "不是一个 JSON 对象"),
        ("a JSON string", b"\"lingjun-drafts\"".to_vec(), "不是一个 JSON 对象"),
        ("null", b"null".to_vec(), "不是一个 JSON 对象"),
        ("another program's JSON", b"{\"hello\": 1}".to_vec(), "不是领军草稿文件"),
        ("wrong format", with("lingjun-drafts", "lingjun-draft"), "不是领军草稿文件"),
        ("newer version", with("\"version\": 3", "\"version\": 4"), "更新版本"),
        ("version as text", with("\"version\": 3", "\"version\": \"3\""), "版本号"),
        ("version 0", with("\"version\": 3", "\"version\": 0"), "版本号"),
        ("year as text", with("\"year\": 2024", "\"year\": \"二〇二四\""), "类型不对"),
        ("employees as true", with("\"employees\": 5210", "\"employees\": true"), "类型不对"),
        ("unit as a list", format!("{head}\"unit\": [1]}}").into(), "类型不对"),
        ("enterprises as an object", format!("{head}\"enterprises\": {{}}}}").into(), "类型不对"),
        ("an enterprise as a number", format!("{head}\"enterprises\": [1]}}").into(), "类型不对"),
        ("sections as a list", format!("{head}\"enterprises\": [{{\"sections\": [\"a\"]}}]}}").into(), "类型不对"),
        ("attachment not base64", format!("{head}\"enterprises\": [{{\"attachments\": [{{\"name\": \"a.pdf\", \"data_base64\": \"***\"}}]}}]}}").into(), "类型不对"),
        ("nested 10 000 deep", format!("{head}\"unit\": {}", "[".repeat(10_000)).into(), "JSON"),
        ("a sixth enterprise in a version-1 file", six.into_bytes(), "最多推荐 5 家"),
        ("21 enterprises", twenty_one.into_bytes(), "最多推荐 20 家"),
        ("50 MB, broken at the end", huge_garbage, "第 1 行"),
    ];
    assert!(cases.len() >= 25, "the table stays complete");
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let draft = common::full_draft(3);
    common::open_store(&db)
        .expect("opens")
        .save(&draft)
        .expect("saves");
    for (i, (name, bytes, expected)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case{i}.json"));
        std::fs::write(&file, bytes).expect("write");
        {
            let mut store = common::open_store(&db).expect("opens");
            let error =
                store::restore_from_file(&mut store, &file, store::safety_dir_for(&db).as_deref())
                    .expect_err(name);
            let message = error.user_text();
            assert!(message.contains(expected), "{name}: {message}");
            assert!(
                message.contains("当前草稿没有改动"),
                "{name}: says the drafts stay: {message}"
            );
            assert_eq!(
                store.load().expect("loads").as_ref(),
                Some(&draft),
                "{name}: drafts unchanged"
            );
        }
        if bytes.len() < 1_000_000 {
            let output = lingjun(&[
                "--db".as_ref(),
                db.as_os_str(),
                "restore".as_ref(),
                file.as_os_str(),
            ]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{name}: restore fails with 1"
            );
            assert!(
                text_of(&output).contains(expected),
                "{name}: {}",
                text_of(&output)
            );
        }
    }
    let store = common::open_store(&db).expect("opens");
    assert_eq!(
        store.load().expect("loads"),
        Some(draft),
        "after all cases, the drafts are as saved"
    );
}

/// A valid 50 MB drafts file (a large scan) restores whole and backs up to the same bytes.
#[test]
fn a_valid_50_mb_drafts_file_restores_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("big.json");
    let bytes = big_valid_file(50);
    assert!(
        bytes.len() >= 50 * 1_000_000,
        "about 50 MB: {}",
        bytes.len()
    );
    std::fs::write(&file, &bytes).expect("write");
    let mut store = common::open_store(&dir.path().join("drafts.sqlite")).expect("opens");
    let outcome = store::restore_from_file(&mut store, &file, None).expect("restores");
    assert_eq!(
        outcome.draft.enterprises[0].attachments[0].size_bytes,
        50 * 1024 * 1024 * 3 / 4
    );
    let again = dir.path().join("again.json");
    store::backup_to_file(
        &store.load().expect("loads").expect("draft"),
        &lingjun::model::pool::Pool::default(),
        &store,
        &again,
    )
    .expect("backs up");
    assert_eq!(
        std::fs::read(&again).expect("read"),
        bytes,
        "byte for byte the same file"
    );
}

/// 1 MB pasted into a section is kept whole, flagged with its length, saved and reloaded; export is refused with
/// the number of errors, through the API and the binary.
#[test]
fn a_megabyte_in_a_section_is_kept_flagged_and_not_exported() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut draft = common::full_draft(1);
    let pasted: String = "质量强国建设领军企业，".repeat(1024 * 1024 / 33 + 1);
    assert!(pasted.len() >= 1024 * 1024, "at least 1 MB");
    draft.enterprises[0]
        .sections
        .insert("quality".into(), pasted.clone());
    common::open_store(&db)
        .expect("opens")
        .save(&draft)
        .expect("saves");
    let loaded = common::open_store(&db)
        .expect("reopens")
        .load()
        .expect("loads")
        .expect("draft");
    assert_eq!(
        loaded.enterprises[0].sections["quality"], pasted,
        "kept whole"
    );
    let issues = model::validate(&loaded, Template::built_in());
    let line = issues
        .iter()
        .find(|i| matches!(i.kind, model::validate::IssueKind::TooLong { .. }))
        .map(|i| messages::issue_line(i, &loaded, Template::built_in()))
        .expect("flagged as too long");
    assert!(line.contains("超过上限"), "{line}");
    let error = export_to(&loaded, &dir.path().join("out")).expect_err("refused");
    assert!(
        error.user_text().contains("个错误"),
        "{}",
        error.user_text()
    );
    let output = lingjun(&[
        "--db".as_ref(),
        db.as_os_str(),
        "export".as_ref(),
        "--out".as_ref(),
        dir.path().join("out").as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1), "export refused");
    assert!(
        text_of(&output).contains("不能导出"),
        "{}",
        text_of(&output)
    );
}

/// Puts a text into one field of a draft.
type SetField = fn(&mut Draft, &str);

/// Emoji, rare 汉字, control and bidi characters in every kind of field: saved and reloaded intact, named by the
/// check where the fonts cannot draw them, and never a crash in rendering or export.
#[test]
fn strange_characters_in_every_field_are_kept_and_named() {
    let strange = [
        "企业😀",
        "𠀀龘公司",
        "鑫\u{7}铃",
        "名称\u{202E}fdp.exe",
        "\u{200B}\u{FEFF}隐",
        "\u{0}空",
    ];
    let fields: [(&str, SetField); 6] = [
        ("企业名称", |d, s| d.enterprises[0].name = s.into()),
        ("所在地区", |d, s| d.enterprises[0].region = s.into()),
        ("主营业务", |d, s| d.enterprises[0].products = s.into()),
        ("联系人", |d, s| d.unit.contact = s.into()),
        ("正文", |d, s| {
            d.enterprises[0].sections.insert("basic".into(), s.into());
        }),
        ("附件名", |d, s| {
            d.enterprises[0].attachments[0].name = format!("{s}.pdf");
        }),
    ];
    let dir = tempfile::tempdir().expect("dir");
    let mut store = common::open_store(&dir.path().join("drafts.sqlite")).expect("opens");
    for text in strange {
        for (field, set) in &fields {
            let mut draft = common::full_draft(1);
            set(&mut draft, text);
            store.save(&draft).expect("saves");
            assert_eq!(
                store.load().expect("loads").as_ref(),
                Some(&draft),
                "{field} {text:?}: intact"
            );
            let issues = model::validate(&draft, Template::built_in());
            let lines: Vec<String> = issues
                .iter()
                .map(|i| messages::issue_line(i, &draft, Template::built_in()))
                .collect();
            if text.contains('😀') && *field != "附件名" {
                assert!(
                    lines.iter().any(|l| l.contains("😀")),
                    "{field}: the emoji is named: {lines:?}"
                );
            }
            if text.contains('𠀀') && *field != "附件名" {
                assert!(
                    lines.iter().any(|l| l.contains("U+20000")),
                    "{field}: the rare 汉字 is named: {lines:?}"
                );
            }
            lingjun::render::documents(&draft, Template::built_in()).ok();
            match export_to(
                &draft,
                &dir.path().join(format!("out-{}", text.len() + field.len())),
            ) {
                Ok(outcome) => assert!(
                    package::verify(outcome.iso.as_ref().expect("an image"))
                        .expect("verifies")
                        .is_clean(),
                    "{field} {text:?}"
                ),
                Err(e) => assert!(
                    e.user_text().contains("错误"),
                    "{field} {text:?}: {}",
                    e.user_text()
                ),
            }
        }
    }
}

fn corrupt(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    for (i, b) in bytes.iter_mut().enumerate().skip(4096) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(path, bytes).expect("write");
}

/// Damaged, truncated, foreign, newer and locked databases: refused by `Store::open` and by every command with
/// a message that says what to do, and not one byte of the file changes. (In depth: tests/core/store.rs.)
#[test]
fn bad_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let make = |name: &str| -> PathBuf {
        let path = dir.path().join(name);
        common::open_store(&path)
            .expect("opens")
            .save(&common::full_draft(5))
            .expect("saves");
        path
    };
    let damaged = make("damaged.sqlite");
    corrupt(&damaged);
    let truncated = make("truncated.sqlite");
    let half = std::fs::read(&truncated).expect("read");
    std::fs::write(&truncated, &half[..half.len() / 2]).expect("write");
    let newer = make("newer.sqlite");
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.pragma_update(None, "user_version", 99))
        .expect("bump");
    let text = dir.path().join("text.sqlite");
    std::fs::write(&text, "草稿".repeat(50)).expect("write");
    let foreign = dir.path().join("foreign.sqlite");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;"))
        .expect("foreign");
    let locked = make("locked.sqlite");
    let holder = common::open_store(&locked).expect("the first window");
    let cases: [(&Path, &str); 6] = [
        (&damaged, "损坏"),
        (&truncated, "损坏"),
        (&newer, "更新版本"),
        (&text, "不是领军的草稿数据库"),
        (&foreign, "不是领军的草稿数据库"),
        (&locked, "另一个领军窗口"),
    ];
    for (path, expected) in cases {
        let before = std::fs::read(path).expect("read");
        let error = common::open_store(path).err().expect("refused");
        assert!(
            error.user_text().contains(expected),
            "{}: {}",
            path.display(),
            error.user_text()
        );
        for command in ["check", "backup"] {
            let mut args = vec!["--db".as_ref(), path.as_os_str(), command.as_ref()];
            let out = dir.path().join("out.json");
            if command == "backup" {
                args.push(out.as_os_str());
            }
            let output = lingjun(&args);
            assert_eq!(
                output.status.code(),
                Some(2),
                "{} {command}",
                path.display()
            );
            assert!(
                text_of(&output).contains(expected),
                "{}: {}",
                path.display(),
                text_of(&output)
            );
        }
        assert_eq!(
            std::fs::read(path).expect("read"),
            before,
            "{}: unchanged",
            path.display()
        );
    }
    drop(holder);
    assert!(
        common::open_store(&locked).is_ok(),
        "free again once the first window closes"
    );
}

/// Two instances on one database: the second is told, and the first's later edits are all there afterwards.
#[test]
fn a_second_instance_cannot_overwrite_the_first() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut first = common::open_store(&db).expect("first");
    first.save(&common::full_draft(1)).expect("saves");
    let second = common::open_store(&db).err().expect("second is refused");
    assert!(matches!(second, StoreError::Busy { .. }), "{second:?}");
    let mut edited = common::full_draft(2);
    edited.unit.contact = "第一个窗口的修改".into();
    first.save(&edited).expect("the first keeps saving");
    drop(first);
    assert_eq!(
        common::open_store(&db)
            .expect("opens")
            .load()
            .expect("loads"),
        Some(edited)
    );
}

/// Another process (the command line) on a database a window holds, after that window has saved: it is refused
/// and writes nothing. (This suite found that SQLite's EXCLUSIVE locking mode did not hold in WAL mode after a
/// save; the store now holds an OS lock on `<db>.lock` instead.)
#[test]
fn a_second_process_cannot_write_while_a_window_holds_the_database() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut first = common::open_store(&db).expect("first");
    first.save(&common::full_draft(1)).expect("saves");
    let other = dir.path().join("other.json");
    std::fs::write(&other, common::to_json(&common::full_draft(5))).expect("write");
    let output = lingjun(&[
        "--db".as_ref(),
        db.as_os_str(),
        "restore".as_ref(),
        other.as_os_str(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "a second program cannot restore over it"
    );
    assert!(
        text_of(&output).contains("另一个领军窗口"),
        "{}",
        text_of(&output)
    );
    drop(first);
}

/// Mounts a tmpfs for the duration of a test; `None` (with a message) where mounting is not allowed.
struct Mount(PathBuf);

impl Mount {
    #[expect(clippy::print_stderr, reason = "a skipped check says so")]
    fn tmpfs(path: &Path, options: &str) -> Option<Self> {
        std::fs::create_dir_all(path).expect("mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs ({options}) here");
        }
        ok.then(|| Self(path.to_owned()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        Command::new("umount").arg(&self.0).output().ok();
    }
}

/// Output folders that cannot take a package: a file where the folder should be, a read-only file system, a full
/// one, and a folder inside another package; each gets its reason, and nothing half-written is left. A missing
/// folder is simply created.
#[test]
fn unusable_output_folders_are_explained() {
    let dir = tempfile::tempdir().expect("dir");
    let draft = common::full_draft(1);
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let error = export_to(&draft, &file).expect_err("a file is not a folder");
    assert!(error.user_text().contains("失败"), "{}", error.user_text());

    let missing = dir.path().join("新建/文件夹");
    let outcome = export_to(&draft, &missing).expect("a missing folder is created");
    let inside = export_to(&draft, &outcome.folder.join("附件")).expect_err("inside a package");
    assert!(
        inside.user_text().contains("另一个报送材料文件夹"),
        "{}",
        inside.user_text()
    );

    if let Some(_mount) = Mount::tmpfs(&dir.path().join("ro"), "ro,size=1m") {
        let error = export_to(&draft, &dir.path().join("ro")).expect_err("read-only");
        assert!(error.user_text().contains("只读"), "{}", error.user_text());
    }
    if let Some(_mount) = Mount::tmpfs(&dir.path().join("full"), "size=64k") {
        let error = export_to(&draft, &dir.path().join("full")).expect_err("full");
        assert!(
            error.user_text().contains("磁盘空间不足"),
            "{}",
            error.user_text()
        );
        let left: Vec<_> = std::fs::read_dir(dir.path().join("full"))
            .expect("read")
            .collect();
        assert!(left.is_empty(), "nothing half-written is left: {left:?}");
    }
}
