//! The disc package: built from a five-enterprise fixture, verified, tampered with, read back from the ISO by an
//! independent reader, and broken on purpose mid-way.

use crate::common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use lingjun::model::{Draft, Template};
use lingjun::package::{self, ExportOptions, ExportOutcome, PackageError, layout};

fn export_to(
    draft: &Draft,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportOutcome, PackageError> {
    package::export(
        &common::as_final(draft),
        &common::blobs(),
        out,
        options,
        &|_| {},
        &AtomicBool::new(false),
    )
}

fn fixture() -> Draft {
    let mut draft = common::full_draft(5);
    draft.enterprises[1]
        .attachments
        .push(common::attach("盖章页.pdf", b"%PDF-1.4 second".to_vec()));
    draft.enterprises[2].attachments.push(common::attach(
        "营业执照.jpg",
        vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3],
    ));
    draft
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A five-enterprise package verifies clean, as a folder and as an image.
#[test]
fn a_package_verifies_clean() {
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    assert_eq!(
        outcome.folder.file_name().and_then(|n| n.to_str()),
        Some("浙江省质量强国建设领军企业推荐材料（2024）")
    );
    assert!(outcome.iso.as_ref().is_some_and(|iso| iso.is_file()));
    let names = names_in(&outcome.folder);
    for expected in [
        "01_推荐名单汇总表.pdf",
        "01_推荐名单汇总表.xlsx",
        "02_推荐报告_1_浙江测试企业1有限公司.pdf",
        "02_推荐报告_5_浙江测试企业5有限公司.pdf",
        "附件",
        "文件清单.txt",
        "manifest.json",
    ] {
        assert!(
            names.contains(&expected.to_owned()),
            "{expected} missing from {names:?}"
        );
    }
    assert_eq!(
        names_in(dir.path()).len(),
        3,
        "only the folder, the image and the 打印版, no temporary files left"
    );

    let report = package::verify(&outcome.folder).expect("verifies");
    assert!(report.is_clean(), "{:?}", report.lines());
    assert_eq!(
        report.checked,
        outcome.file_count - 1,
        "every file but manifest.json itself"
    );
    let report =
        package::verify(outcome.iso.as_ref().expect("an image")).expect("verifies the image");
    assert!(report.is_clean(), "{:?}", report.lines());
    let report = package::verify(dir.path()).expect("finds the one package in the export folder");
    assert!(report.is_clean());
}

/// Changing one byte, deleting a file or adding one is each reported by name.
#[test]
fn tampering_is_reported_by_name() {
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    let report_pdf = outcome
        .folder
        .join("02_推荐报告_3_浙江测试企业3有限公司.pdf");
    let mut bytes = std::fs::read(&report_pdf).expect("read");
    bytes[100] ^= 1;
    std::fs::write(&report_pdf, bytes).expect("write");
    let report = package::verify(&outcome.folder).expect("verifies");
    assert_eq!(
        report
            .changed
            .iter()
            .map(|c| c.path.as_str())
            .collect::<Vec<_>>(),
        ["02_推荐报告_3_浙江测试企业3有限公司.pdf"]
    );
    assert!(!report.is_clean());

    std::fs::remove_file(
        outcome
            .folder
            .join("附件/2_浙江测试企业2有限公司/盖章页（2）.pdf"),
    )
    .expect("remove");
    std::fs::write(outcome.folder.join("附件/说明.txt"), "多出来的").expect("add");
    let report = package::verify(&outcome.folder).expect("verifies");
    assert_eq!(
        report.missing,
        ["附件/2_浙江测试企业2有限公司/盖章页（2）.pdf"]
    );
    assert_eq!(report.extra, ["附件/说明.txt"]);
    let text = report.lines().join("\n");
    assert!(
        text.contains("缺少　附件/2_浙江测试企业2有限公司/盖章页（2）.pdf"),
        "{text}"
    );
    assert!(text.contains("多出　附件/说明.txt"), "{text}");
    assert!(text.contains("校验未通过"), "{text}");
}

/// The manifests carry sizes, hashes, the batch, the unit and the acknowledged warnings; the listing is for Notepad.
#[test]
fn manifests_describe_the_package() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = fixture();
    draft.enterprises[0].phone = "12345".into();
    let issue = lingjun::model::validate(&draft, Template::built_in())
        .into_iter()
        .find(|i| i.severity == lingjun::model::Severity::Warning)
        .expect("a phone warning");
    lingjun::model::validate::acknowledge(&mut draft, &issue, Some("企业总机短号"));
    let outcome = export_to(&draft, dir.path(), &ExportOptions::default()).expect("exports");
    let json = std::fs::read_to_string(outcome.folder.join("manifest.json")).expect("read");
    let manifest = package::manifest::Manifest::from_json(&json).expect("parses");
    assert_eq!(manifest.unit.province, "浙江省");
    assert_eq!(manifest.batch.year, 2024);
    assert_eq!(manifest.app, format!("lingjun {}", lingjun::VERSION));
    assert_eq!(manifest.acknowledged_warnings.len(), 1);
    assert_eq!(manifest.acknowledged_warnings[0].reason, "企业总机短号");
    let xlsx = manifest
        .files
        .iter()
        .find(|f| f.path == "01_推荐名单汇总表.xlsx")
        .expect("listed");
    let bytes = std::fs::read(outcome.folder.join("01_推荐名单汇总表.xlsx")).expect("read");
    assert_eq!(xlsx.size, bytes.len() as u64);
    assert_eq!(xlsx.sha256, lingjun::model::draft::sha256_hex(&bytes));

    let listing = std::fs::read(outcome.folder.join("文件清单.txt")).expect("read");
    assert!(
        listing.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with BOM for Notepad"
    );
    let text = String::from_utf8(listing).expect("utf-8");
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    assert!(text.contains("02_推荐报告_1_浙江测试企业1有限公司.pdf"));
    assert!(text.contains("企业总机短号"));
}

/// The .iso read by an independent reader (libarchive's bsdtar, which reads the Joliet tree) lists the same
/// Chinese names and the same bytes as the folder.
#[test]
fn the_image_holds_the_same_names_and_bytes_for_an_independent_reader() {
    let available = std::process::Command::new("bsdtar")
        .arg("--version")
        .output()
        .is_ok();
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install libarchive-tools (bsdtar) for this test"
        );
        eprintln!(
            "bsdtar not installed: skipping the independent ISO reader check (apt-get install libarchive-tools)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    // `bsdtar <mode> -f <image> [member]`, with UTF-8 names.
    let bsdtar = |mode: &[&str], member: Option<&str>| {
        std::process::Command::new("bsdtar")
            .args(mode)
            .arg("-f")
            .arg(outcome.iso.as_ref().expect("an image"))
            .args(member)
            .env("LC_ALL", "C.UTF-8")
            .output()
            .expect("bsdtar runs")
    };
    let listing = bsdtar(&["-t"], None);
    let listed = String::from_utf8(listing.stdout).expect("UTF-8 names");
    let entries: Vec<&str> = listed.lines().map(|l| l.trim_end_matches('/')).collect();
    // Directories are the entries that other entries sit under (and the root, ".").
    let is_dir = |e: &str| e == "." || entries.iter().any(|o| o.starts_with(&format!("{e}/")));
    let files_in_image: Vec<&str> = entries.iter().copied().filter(|e| !is_dir(e)).collect();
    let manifest = package::manifest::Manifest::from_json(
        &std::fs::read_to_string(outcome.folder.join("manifest.json")).expect("read"),
    )
    .expect("parses");
    let mut expected: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    expected.push("manifest.json");
    let mut got = files_in_image.clone();
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(
        got, expected,
        "the image lists exactly the package's files, Chinese names intact"
    );
    for path in expected {
        let extracted = bsdtar(&["-x", "-O"], Some(path));
        let on_disk = std::fs::read(outcome.folder.join(path)).expect("read");
        assert!(!on_disk.is_empty(), "{path} is empty on disk");
        assert_eq!(
            lingjun::model::draft::sha256_hex(&extracted.stdout),
            lingjun::model::draft::sha256_hex(&on_disk),
            "{path} differs in the image ({} bytes extracted, {} on disk)",
            extracted.stdout.len(),
            on_disk.len()
        );
    }
}

/// An existing package is never overwritten without the clerk's word; with it, it is replaced whole.
#[test]
fn an_existing_package_is_kept_unless_overwrite_is_given() {
    let dir = tempfile::tempdir().expect("dir");
    let first = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    let marker = first.folder.join("文件清单.txt");
    let before = std::fs::read(&marker).expect("read");
    let again = export_to(&fixture(), dir.path(), &ExportOptions::default());
    assert!(
        matches!(again, Err(PackageError::AlreadyExists { .. })),
        "{again:?}"
    );
    assert_eq!(std::fs::read(&marker).expect("read"), before, "untouched");
    let mut changed = fixture();
    changed.enterprises.truncate(2);
    let replaced = export_to(
        &changed,
        dir.path(),
        &ExportOptions {
            overwrite: true,
            ..ExportOptions::default()
        },
    )
    .expect("overwrites");
    assert!(
        package::verify(&replaced.folder)
            .expect("verifies")
            .is_clean()
    );
    assert!(
        !replaced
            .folder
            .join("02_推荐报告_5_浙江测试企业5有限公司.pdf")
            .exists(),
        "the old package is gone whole"
    );
    assert_eq!(
        names_in(dir.path()).len(),
        3,
        "folder, image and 打印版; no aside copies left"
    );
}

/// A failure mid-export (an unwritable target) leaves nothing under the final name and the drafts untouched.
#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("dir");
    let draft = fixture();
    let before = draft.clone();
    // A file where the output folder should be: nothing can be written inside it.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").expect("write");
    let error = export_to(&draft, &blocked, &ExportOptions::default()).expect_err("fails");
    assert!(!error.user_text().is_empty());
    assert_eq!(draft, before, "drafts untouched");
    assert_eq!(names_in(dir.path()), ["not-a-folder"]);

    // Cancelled half-way: no folder, no image, no temporary files.
    let cancel = AtomicBool::new(false);
    let out = dir.path().join("out");
    let result = package::export(
        &draft,
        &common::blobs(),
        &out,
        &ExportOptions::default(),
        &|p| {
            if p.step.contains("附件") {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
        &cancel,
    );
    assert!(matches!(result, Err(PackageError::Cancelled)), "{result:?}");
    assert_eq!(
        names_in(&out),
        Vec::<String>::new(),
        "nothing left after a cancel"
    );
}

/// Drafts with errors are not exported; nor is a package inside another package.
#[test]
fn errors_and_nesting_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = fixture();
    draft.enterprises[0].name.clear();
    let error = export_to(&draft, dir.path(), &ExportOptions::default()).expect_err("refused");
    assert!(
        matches!(error, PackageError::HasErrors { count: 1 }),
        "{error:?}"
    );
    assert!(error.user_text().contains("1 个错误"));
    assert!(
        std::fs::read_dir(dir.path())
            .expect("read")
            .next()
            .is_none(),
        "nothing written"
    );

    let outcome = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    let nested = export_to(
        &fixture(),
        &outcome.folder.join("附件"),
        &ExportOptions::default(),
    )
    .expect_err("refused");
    assert!(
        matches!(nested, PackageError::OutputInsidePackage { .. }),
        "{nested:?}"
    );
}

/// Enterprise and attachment names with forbidden characters, reserved names and great length come out safe
/// and unique on the disc.
#[test]
fn hostile_names_come_out_safe_and_unique() {
    let dir = tempfile::tempdir().expect("dir");
    let mut draft = common::full_draft(3);
    draft.enterprises[0].name = "CON".into();
    draft.enterprises[1].name = r#"A\B/C:D*E?F"G<H>I|J公司..."#.into();
    draft.enterprises[2].name = "很长".repeat(40);
    draft.enterprises[2].attachments = vec![
        common::attach("nul.pdf", b"1".to_vec()),
        common::attach("NUL.pdf", b"2".to_vec()),
        common::attach(format!("{}.png", "扫描件".repeat(30)), b"3".to_vec()),
    ];
    let outcome = export_to(&draft, dir.path(), &ExportOptions::default()).expect("exports");
    let report =
        package::verify(outcome.iso.as_ref().expect("an image")).expect("verifies the image");
    assert!(report.is_clean(), "{:?}", report.lines());
    let manifest = package::manifest::Manifest::from_json(
        &std::fs::read_to_string(outcome.folder.join("manifest.json")).expect("read"),
    )
    .expect("parses");
    for file in &manifest.files {
        for part in file.path.split('/') {
            assert!(
                lingjun::model::file_name::is_safe_file_name(part),
                "{part:?} is not safe"
            );
            assert!(part.chars().count() <= 64, "{part} too long");
        }
    }
    let attachments: Vec<&str> = manifest
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("附件/3_"))
        .collect();
    assert_eq!(attachments.len(), 3, "{attachments:?}");
    assert!(
        manifest
            .files
            .iter()
            .any(|f| f.path == "02_推荐报告_1_CON.pdf"),
        "CON inside a longer name is fine"
    );
    assert!(layout::check_names("附件/1_CON_/nul_.pdf").is_ok());
}

/// 文件清单.txt and 校验光盘 agree on how many files there are (the listing counts itself on its own line).
#[test]
fn the_listing_and_verify_count_the_same_files() {
    let dir = tempfile::tempdir().expect("dir");
    let outcome = export_to(&fixture(), dir.path(), &ExportOptions::default()).expect("exports");
    let listing =
        std::fs::read_to_string(outcome.folder.join(layout::LISTING_NAME)).expect("reads");
    let report = package::verify(&outcome.folder).expect("verifies");
    assert!(report.is_clean());
    let checked = report.checked;
    assert!(
        listing.contains(&format!("共 {checked} 个文件，校验光盘时逐一核对")),
        "{listing}"
    );
    assert!(
        report
            .lines()
            .concat()
            .contains(&format!("{checked} 个文件 + 清单 manifest.json")),
        "verify names the manifest it does not count: {:?}",
        report.lines()
    );
    // What Explorer shows in the folder: the checked files and manifest.json, which the listing counts too.
    fn count_files(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .expect("reads")
            .map(|entry| {
                let path = entry.expect("entry").path();
                if path.is_dir() { count_files(&path) } else { 1 }
            })
            .sum()
    }
    let in_folder = count_files(&outcome.folder);
    assert_eq!(
        in_folder,
        checked + 1,
        "the folder holds the checked files and manifest.json"
    );
    assert!(
        listing.contains(&format!(
            "另有供校验用的清单 manifest.json，文件夹中共 {in_folder} 个文件"
        )),
        "{listing}"
    );
}
