//! 定稿 end to end (docs/finalize.md): the code on every page, reproducible bytes, the review copy, the freeze, verify.

use crate::binary;
use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::AtomicBool;

use lingjun::model::drafts_file;
use lingjun::model::{Draft, Template};
use lingjun::package::{self, ExportOptions, ExportOutcome};
use lingjun::store::Store;

use binary::{lingjun, text};

fn export(draft: &Draft, out: &Path) -> ExportOutcome {
    package::export(
        draft,
        &common::blobs(),
        out,
        &ExportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("exports")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text of each page of a PDF, as lopdf extracts it, with white space removed.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    doc.get_pages()
        .keys()
        .map(|n| {
            doc.extract_text(&[*n])
                .expect("text extracts")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

/// The same 定稿 exported twice, a second and more apart (the clock moves on), gives the same bytes in every
/// file: PDFs, workbook, listing, manifest, 打印版 and the CD image.
#[test]
fn two_exports_of_one_final_are_byte_identical() {
    let draft = common::finalized(common::full_draft(3));
    let first_dir = tempfile::tempdir().expect("dir");
    let second_dir = tempfile::tempdir().expect("dir");
    let first = export(&draft, first_dir.path());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = export(&draft, second_dir.path());
    let a = files_under(first_dir.path());
    let b = files_under(second_dir.path());
    assert_eq!(a.len(), b.len());
    assert!(a.iter().any(|p| p.extension().is_some_and(|e| e == "iso")));
    assert!(a.iter().any(|p| p.extension().is_some_and(|e| e == "xlsx")));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            x.strip_prefix(first_dir.path()).ok(),
            y.strip_prefix(second_dir.path()).ok()
        );
        assert!(
            std::fs::read(x).expect("read") == std::fs::read(y).expect("read"),
            "{} differs between two exports of one 定稿",
            x.display()
        );
    }
    assert_eq!(first.finalize_code, second.finalize_code);
}

/// Every page of every PDF (and of the 打印版) extracts the same 定稿码, which also stands in the listing,
/// the manifest and the disc label.
#[test]
fn every_page_of_every_pdf_carries_the_code() {
    let draft = common::finalized(common::full_draft(2));
    let code = draft.finalized.clone().expect("final").code;
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export(&draft, dir.path());
    assert_eq!(outcome.finalize_code.as_deref(), Some(code.as_str()));
    let mut pdfs: Vec<PathBuf> = files_under(&outcome.folder)
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "pdf") && !p.starts_with(outcome.folder.join("附件"))
        })
        .collect();
    assert_eq!(pdfs.len(), 3, "the table and two reports");
    pdfs.push(outcome.print_pdf.clone());
    for pdf in &pdfs {
        let pages = pages_text(&std::fs::read(pdf).expect("read"));
        assert!(!pages.is_empty());
        for (i, page) in pages.iter().enumerate() {
            // A blank back of the 打印版 holds nothing at all.
            if page.is_empty() {
                continue;
            }
            assert!(
                page.contains(&format!("定稿码{code}")),
                "{} page {}: {page}",
                pdf.display(),
                i + 1
            );
        }
    }
    let docx: Vec<PathBuf> = files_under(&outcome.folder)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert_eq!(docx.len(), 3, "the table and two reports in Word too");
    for file in docx {
        let bytes = std::fs::read(&file).expect("read");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut footer = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/footer1.xml").expect("a footer"),
            &mut footer,
        )
        .expect("utf-8");
        assert!(footer.contains(&code), "{}: {footer}", file.display());
    }
    let listing = std::fs::read_to_string(outcome.folder.join("文件清单.txt")).expect("read");
    assert!(listing.contains(&format!("定稿码：{code}")));
    let manifest = std::fs::read_to_string(outcome.folder.join("manifest.json")).expect("read");
    assert!(manifest.contains(&format!("\"finalize_code\": \"{code}\"")));
    assert!(
        manifest.contains("\"created_at\": \"2024-09-10T09:30:00+08:00\""),
        "dated by the 定稿"
    );
    assert!(outcome.disc_label.contains(&code));
}

/// The 打印版 lies beside the package, not in it: the table, then each report from an odd page.
#[test]
fn the_print_copy_starts_every_document_on_an_odd_page() {
    let draft = common::finalized(common::full_draft(3));
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export(&draft, dir.path());
    assert_eq!(outcome.print_pdf.parent(), Some(dir.path()));
    assert!(
        files_under(&outcome.folder)
            .iter()
            .all(|p| !p.to_string_lossy().contains("打印版")),
        "not on the disc"
    );
    let pages = pages_text(&std::fs::read(&outcome.print_pdf).expect("read"));
    assert_eq!(pages.len(), outcome.print_pages);
    assert_eq!(pages.len() % 2, 0, "an even total for the next copy");
    let starts: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.starts_with("附件"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(starts.len(), 4, "the table and three reports: {pages:?}");
    assert!(starts.iter().all(|n| n % 2 == 1), "odd pages: {starts:?}");
}

/// Before 定稿 export makes a review copy only: （草稿）, no .iso, and no 草 or 稿 in any extracted text.
#[test]
fn a_draft_export_is_a_review_copy() {
    let draft = common::full_draft(2);
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export(&draft, dir.path());
    assert!(outcome.iso.is_none());
    assert_eq!(
        outcome.folder.file_name().and_then(|n| n.to_str()),
        Some("浙江省质量强国建设领军企业推荐材料（2024）（草稿）")
    );
    assert!(
        files_under(dir.path())
            .iter()
            .all(|p| p.extension().is_none_or(|e| e != "iso")),
        "no image anywhere"
    );
    let listing = std::fs::read_to_string(outcome.folder.join("文件清单.txt")).expect("read");
    assert!(listing.contains("审阅稿"));
    let mut pdfs: Vec<PathBuf> = files_under(&outcome.folder)
        .into_iter()
        .filter(|p| {
            p.extension().is_some_and(|e| e == "pdf") && !p.starts_with(outcome.folder.join("附件"))
        })
        .collect();
    pdfs.push(outcome.print_pdf.clone());
    for pdf in pdfs {
        for page in pages_text(&std::fs::read(&pdf).expect("read")) {
            assert!(
                !page.contains('草') && !page.contains('稿'),
                "{}: {page}",
                pdf.display()
            );
        }
    }
    assert!(
        package::verify(&outcome.folder)
            .expect("verifies")
            .finalize_code
            .is_none()
    );
}

/// One changed character and a new 定稿 give a different code.
#[test]
fn one_changed_character_gives_another_code() {
    let first = common::finalized(common::full_draft(2));
    let mut edited = common::full_draft(2);
    edited.enterprises[1]
        .sections
        .entry("chain".into())
        .or_default()
        .push('！');
    let second = common::finalized(edited);
    assert_ne!(
        first.finalized.expect("final").code,
        second.finalized.expect("final").code
    );
}

/// `lingjun --db <db> export --out <out>`.
fn export_cli(db_arg: &str, out: &Path) -> std::process::Output {
    lingjun(&[
        "--db",
        db_arg,
        "export",
        "--out",
        out.to_str().expect("path"),
    ])
}

/// Asserts the command said `needle`, showing all it said when it did not.
#[track_caller]
fn assert_mentions(said: &str, needle: &str) {
    assert!(said.contains(needle), "{said}");
}

fn db_with(path: &Path, draft: &Draft) {
    let mut store = Store::open(path).expect("opens");
    common::put_blobs(&mut store);
    store.save(draft).expect("saves");
}

/// `finalize` refuses drafts with errors and names them; once final, restore is refused with the reason,
/// export writes the package with its image, and `verify` prints the code for the folder and the .iso.
#[test]
fn the_command_line_finalizes_freezes_and_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("path");
    let mut broken = common::full_draft(2);
    broken.enterprises[1].name.clear();
    db_with(&db, &broken);
    let refused = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_mentions(&text(&refused.stderr), "不能定稿");
    assert_mentions(&text(&refused.stderr), "企业名称");

    db_with(&db, &common::full_draft(2));
    let done = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    let expected =
        lingjun::model::finalize::finalize_code(&common::full_draft(2), Template::built_in());
    assert_mentions(&text(&done.stdout), &expected);
    let again = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(again.status.code(), Some(1), "already final");

    let backup = dir.path().join("b.json");
    std::fs::write(&backup, common::to_json(&common::full_draft(1))).expect("write");
    let restore = lingjun(&["--db", db_arg, "restore", backup.to_str().expect("path")]);
    assert_eq!(restore.status.code(), Some(1));
    assert_mentions(&text(&restore.stderr), "已于");
    assert_mentions(&text(&restore.stderr), "取消定稿");

    let out = dir.path().join("导出");
    let export = export_cli(db_arg, &out);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    let folder = out.join("浙江省质量强国建设领军企业推荐材料（2024）");
    let iso = out.join("浙江省质量强国建设领军企业推荐材料（2024）.iso");
    for target in [&folder, &iso] {
        let check = lingjun(&["verify", target.to_str().expect("path")]);
        assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
        assert_mentions(&text(&check.stdout), &format!("定稿码：{expected}"));
    }

    let no_reason = lingjun(&["--db", db_arg, "unfinalize"]);
    assert_eq!(no_reason.status.code(), Some(2), "a reason is required");
    let undone = lingjun(&["--db", db_arg, "unfinalize", "--reason", "领导要求修改"]);
    assert_eq!(undone.status.code(), Some(0), "{}", text(&undone.stderr));
    let log = Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("a draft")
        .final_log;
    assert_eq!(log.len(), 2, "finalize and unfinalize are kept: {log:?}");
    assert_eq!(log[1].reason, "领导要求修改");
    let restore = lingjun(&["--db", db_arg, "restore", backup.to_str().expect("path")]);
    assert_eq!(restore.status.code(), Some(0), "{}", text(&restore.stderr));
}

/// Export and finalize on the command line list unconfirmed warnings on stderr and go on.
#[test]
fn unconfirmed_warnings_are_listed_and_the_command_goes_on() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("path");
    let mut draft = common::full_draft(1);
    draft.enterprises[0].phone = "12345".into();
    db_with(&db, &draft);
    let done = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    assert_mentions(&text(&done.stderr), "尚未确认");
    assert_mentions(&text(&done.stderr), "手机号或座机号");
    let out = dir.path().join("out");
    let export = export_cli(db_arg, &out);
    assert_eq!(export.status.code(), Some(0), "{}", text(&export.stderr));
    assert!(text(&export.stderr).contains("尚未确认"));
}

/// A version-1 drafts file ticked 定稿 restores as not final, with a note in the 定稿记录.
#[test]
fn an_old_final_tick_restores_as_not_final() {
    let mut json = common::to_json(&common::full_draft(1));
    json = json.replacen("\"format\"", "\"is_final\": true,\n  \"format\"", 1);
    let read = drafts_file::from_json(&json).expect("reads");
    assert!(!read.draft.is_final());
    assert_eq!(read.notes.len(), 1);
    assert!(read.draft.final_log[0].reason.contains("重新定稿"));
}

/// A drafts file whose contents changed after its 定稿 restores as not final; an untouched one stays final.
#[test]
fn a_backup_keeps_its_final_only_while_the_code_matches() {
    let draft = common::finalized(common::full_draft(1));
    let read = drafts_file::from_json(&common::to_json(&draft)).expect("reads");
    assert_eq!(read.draft.finalized, draft.finalized);
    let tampered = common::to_json(&draft).replace("王晓明", "张三");
    let read = drafts_file::from_json(&tampered).expect("reads");
    assert!(!read.draft.is_final());
    assert!(!read.notes.is_empty());
}

/// A schema-2 database with the old tick set opens as not final, with the note, and keeps its text.
#[test]
fn an_old_database_with_the_tick_migrates_to_not_final() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.sqlite");
    {
        let conn = rusqlite_conn(&path);
        conn.execute_batch(lingjun::store::schema::SCHEMA_V1)
            .expect("v1");
        conn.execute_batch(
            "CREATE TABLE acknowledgement (enterprise_position INTEGER, key TEXT NOT NULL, reason TEXT NOT NULL);
             CREATE TABLE draft_state (id INTEGER PRIMARY KEY CHECK (id = 1), is_final INTEGER NOT NULL DEFAULT 0,
                 extra_json TEXT NOT NULL DEFAULT '{}');
             ALTER TABLE batch ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
             ALTER TABLE unit ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
             ALTER TABLE enterprise ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
             INSERT INTO batch VALUES (1, 2024, '2024-09-20', 'r', 'a', '100088', '010-1', 3, 1, '{}');
             INSERT INTO unit VALUES (1, '浙江省', '浙江省市场监督管理局', '王晓明', '0571-87654321', '', '2024-09-10', '{}');
             INSERT INTO draft_state (id, is_final) VALUES (1, 1);
             PRAGMA user_version = 2;",
        )
        .expect("a schema-2 database");
        conn.pragma_update(
            None,
            "application_id",
            lingjun::store::schema::APPLICATION_ID,
        )
        .expect("ours");
    }
    let store = Store::open(&path).expect("migrates");
    assert_eq!(
        store.schema_version().expect("version"),
        lingjun::store::schema::CURRENT_VERSION
    );
    let draft = store.load().expect("loads").expect("a draft");
    assert!(!draft.is_final());
    assert_eq!(draft.unit.contact, "王晓明");
    assert_eq!(draft.final_log.len(), 1);
    assert!(draft.final_log[0].reason.contains("重新定稿"));
}

fn rusqlite_conn(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("opens")
}

/// The template is frozen with the rest: `template import` is refused while final, and a changed heading gives
/// a new 定稿 a different code.
#[test]
fn the_template_is_frozen_and_in_the_code() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("path");
    db_with(&db, &common::full_draft(1));
    let template_file = dir.path().join("模板.json");
    let file_arg = template_file.to_str().expect("path");
    let exported = lingjun(&["--db", db_arg, "template", "export", file_arg]);
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        text(&exported.stderr)
    );
    let original = std::fs::read_to_string(&template_file).expect("read");
    assert!(original.contains("二、质量水平领先情况"));
    std::fs::write(
        &template_file,
        original.replace("二、质量水平领先情况", "二、质量水平领先情况（修订）"),
    )
    .expect("write");

    let first = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let refused = lingjun(&["--db", db_arg, "template", "import", file_arg]);
    assert_eq!(refused.status.code(), Some(1));
    assert_mentions(&text(&refused.stderr), "取消定稿");

    let undone = lingjun(&["--db", db_arg, "unfinalize", "--reason", "总局调整了模板"]);
    assert_eq!(undone.status.code(), Some(0), "{}", text(&undone.stderr));
    let imported = lingjun(&["--db", db_arg, "template", "import", file_arg]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    let second = lingjun(&["--db", db_arg, "finalize"]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    let code = |out: &Output| {
        text(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("已定稿。定稿码：").map(str::to_owned))
            .expect("the code is printed")
    };
    assert_ne!(code(&first), code(&second), "the heading is in the code");
}
