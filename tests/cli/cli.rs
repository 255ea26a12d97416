//! The command line, run as a separate process like a script would.

use crate::binary::lingjun;
use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn db_with(path: &Path, draft: &lingjun::model::Draft) {
    common::open_store(path)
        .expect("opens")
        .save(draft)
        .expect("saves");
}

#[test]
fn version_prints_the_version() {
    let out = lingjun(&["--version"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), format!("lingjun {}", lingjun::VERSION));
}

#[test]
fn check_exits_0_without_errors_and_1_with() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("utf-8 path");
    db_with(&db, &common::full_draft(5));
    let out = lingjun(&["--db", db_arg, "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("共 0 个错误"), "{}", stdout(&out));

    let mut draft = common::full_draft(2);
    draft.enterprises[1].credit_code = "91330100799655O58B".into();
    draft.unit.phone = "12345".into();
    db_with(&db, &draft);
    let out = lingjun(&["--db", db_arg, "check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("错误　企业 2「浙江测试企业2有限公司」 · 统一社会信用代码：第 15 位的「O（U+004F）」不是有效字符"), "{text}");
    assert!(text.contains("警告　批次与填报单位 · 联系电话"), "{text}");
}

#[test]
fn backup_and_restore_move_drafts_between_databases() {
    let dir = tempfile::tempdir().expect("dir");
    let a = dir.path().join("a.sqlite");
    let b = dir.path().join("b.sqlite");
    let file = dir.path().join("草稿 备份.json");
    let draft = common::full_draft(3);
    db_with(&a, &draft);
    let out = lingjun(&[
        "--db",
        a.to_str().expect("path"),
        "backup",
        file.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = lingjun(&[
        "--db",
        b.to_str().expect("path"),
        "restore",
        file.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("已从"), "{}", stdout(&out));
    assert_eq!(
        common::open_store(&b)
            .expect("opens")
            .load()
            .expect("loads"),
        Some(draft)
    );
}

#[test]
fn a_malformed_file_is_refused_with_line_and_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let draft = common::full_draft(1);
    db_with(&db, &draft);
    let file = dir.path().join("bad.json");
    let text = common::to_json(&common::full_draft(2)).replacen("\"name\":", "\"name\" ", 1);
    std::fs::write(&file, &text).expect("write");
    let out = lingjun(&[
        "--db",
        db.to_str().expect("path"),
        "restore",
        file.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let line = text
        .lines()
        .position(|l| l.contains("\"name\" "))
        .expect("line")
        + 1;
    assert!(
        stderr(&out).contains(&format!("第 {line} 行")),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("当前草稿没有改动"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        common::open_store(&db)
            .expect("opens")
            .load()
            .expect("loads"),
        Some(draft)
    );
}

#[test]
fn a_refused_database_is_explained_and_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("not-a-db.sqlite");
    std::fs::write(&db, b"hello").expect("write");
    let out = lingjun(&["--db", db.to_str().expect("path"), "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不是领军的草稿数据库"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&db).expect("read"), b"hello");
}

#[test]
fn wrong_arguments_print_usage() {
    let out = lingjun(&["explode"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("不认识的命令：explode"));
    assert!(stderr(&out).contains("用法"));
}

/// `export` writes the package and its image; `verify` passes on both, then names a changed file with exit 1.
#[test]
fn export_then_verify_and_tamper() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let out = dir.path().join("导出");
    db_with(&db, &common::as_final(&common::full_draft(2)));
    let db_arg = db.to_str().expect("path");
    let out_arg = out.to_str().expect("path");
    let result = lingjun(&["--db", db_arg, "export", "--out", out_arg]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert!(stdout(&result).contains("盘面标注"), "{}", stdout(&result));
    let folder = out.join("浙江省质量强国建设领军企业推荐材料（2024）");
    let iso = out.join("浙江省质量强国建设领军企业推荐材料（2024）.iso");
    for target in [&folder, &iso, &out] {
        let check = lingjun(&["verify", target.to_str().expect("path")]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}{}",
            stdout(&check),
            stderr(&check)
        );
        assert!(stdout(&check).contains("校验通过"), "{}", stdout(&check));
    }

    let again = lingjun(&["--db", db_arg, "export", "--out", out_arg]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing package is not overwritten"
    );
    assert!(stderr(&again).contains("没有覆盖"), "{}", stderr(&again));

    std::fs::write(folder.join("01_推荐名单汇总表.xlsx"), b"changed").expect("tamper");
    let check = lingjun(&["verify", folder.to_str().expect("path")]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("已改动　01_推荐名单汇总表.xlsx"),
        "{}",
        stdout(&check)
    );

    let replaced = lingjun(&["--db", db_arg, "export", "--out", out_arg, "--overwrite"]);
    assert_eq!(replaced.status.code(), Some(0), "{}", stderr(&replaced));
    assert_eq!(
        lingjun(&["verify", folder.to_str().expect("path")])
            .status
            .code(),
        Some(0)
    );
}

/// The names of the files in `folder` that end in `extension`, folders below it included.
fn files_ending(folder: &Path, extension: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).expect("lists") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(files_ending(&path, extension));
        } else if path.extension().is_some_and(|e| e == extension) {
            found.push(path.display().to_string());
        }
    }
    found
}

/// `export --no-word` writes the package without a single .docx, and it verifies (folder and image); the
/// default export of the same drafts writes one beside each PDF. `--no-word` belongs to export only.
#[test]
fn export_no_word_leaves_out_the_docx_files_and_verifies() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    db_with(&db, &common::as_final(&common::full_draft(2)));
    let db_arg = db.to_str().expect("path");
    let name = "浙江省质量强国建设领军企业推荐材料（2024）";

    let without = dir.path().join("无Word");
    let result = lingjun(&[
        "--db",
        db_arg,
        "export",
        "--no-word",
        "--out",
        without.to_str().expect("path"),
    ]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let folder = without.join(name);
    assert_eq!(
        files_ending(&folder, "docx"),
        Vec::<String>::new(),
        "no .docx"
    );
    assert!(
        folder.join("01_推荐名单汇总表.pdf").is_file(),
        "the PDFs are written"
    );
    for target in [folder, without.join(format!("{name}.iso"))] {
        let check = lingjun(&["verify", target.to_str().expect("path")]);
        assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
        assert!(stdout(&check).contains("校验通过"), "{}", stdout(&check));
    }

    let with = dir.path().join("默认");
    let result = lingjun(&[
        "--db",
        db_arg,
        "export",
        "--out",
        with.to_str().expect("path"),
    ]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert_eq!(
        files_ending(&with.join(name), "docx").len(),
        3,
        "by default a .docx beside each PDF"
    );

    let wrong = lingjun(&["--db", db_arg, "check", "--no-word"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("--no-word 只用于 export 命令"),
        "{}",
        stderr(&wrong)
    );
}

/// Drafts with errors are not exported, and verify of a folder without a manifest says so.
#[test]
fn export_refuses_errors_and_verify_refuses_non_packages() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let mut draft = common::full_draft(1);
    draft.enterprises[0].credit_code.clear();
    db_with(&db, &draft);
    let out = dir.path().join("out");
    let result = lingjun(&[
        "--db",
        db.to_str().expect("path"),
        "export",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("统一社会信用代码：必填"),
        "{}",
        stderr(&result)
    );
    assert!(!out.exists(), "nothing written");
    let check = lingjun(&["verify", dir.path().to_str().expect("path")]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("没有找到 manifest.json"),
        "{}",
        stderr(&check)
    );
}

/// The console twin (`lingjun-cli`, for cmd and PowerShell on Windows) runs the same commands with the same
/// output and exit codes, and refuses to open a window.
#[test]
fn the_console_twin_runs_the_same_commands() {
    let twin = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_lingjun-cli"))
            .args(args)
            .output()
            .expect("runs")
    };
    let out = twin(&["--version"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), format!("lingjun {}", lingjun::VERSION));

    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("d.sqlite");
    let db_arg = db.to_str().expect("utf-8 path");
    let mut draft = common::full_draft(1);
    draft.unit.phone = "12345".into();
    draft.enterprises[0].credit_code = "91330100799655O58B".into();
    db_with(&db, &draft);
    let (by_twin, by_main) = (
        twin(&["--db", db_arg, "check"]),
        lingjun(&["--db", db_arg, "check"]),
    );
    assert_eq!(by_twin.status.code(), Some(1));
    assert_eq!(stdout(&by_twin), stdout(&by_main));

    let bad = twin(&["explode"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("不认识的命令：explode"));

    let no_command = twin(&["--db", db_arg]);
    assert_eq!(no_command.status.code(), Some(2));
    assert!(
        stderr(&no_command).contains("lingjun-cli 只执行命令"),
        "{}",
        stderr(&no_command)
    );
    assert!(stderr(&no_command).contains("用法"));
}
