//! Memory does not grow with the attachments: export, verify (folder and .iso), backup and restore each run in a
//! child process on packages with 16 MB and with 64 MB of attachments, and each child reports its peak
//! resident memory (`VmHWM` in /proc/self/status). A path that held the attachments whole would need at least
//! 48 MB more for the larger one; streaming needs the same either way. A ratio check, not a timing.
//! Linux only (it reads /proc); the child is this test binary itself, re-run on the ignored test.

use crate::common;

use crate::binary::child_test;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use lingjun::model::Template;
use lingjun::package::{self, ExportOptions};
use lingjun::store::{self, Store};

/// `<operation> <folder>`: what the ignored child test does.
const CHILD_VAR: &str = "LINGJUN_MEMORY_CHILD";
const OPERATIONS: [&str; 5] = ["export", "verify-folder", "verify-iso", "backup", "restore"];
/// How much more the larger package may cost, in KB: half of the 48 MB its attachments add.
const ALLOWED_GROWTH_KB: u64 = 24 * 1024;

/// Writes `mb` megabytes that differ everywhere, a chunk at a time.
fn write_scan(path: &Path, mb: usize, seed: u64) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut state = seed | 1;
    let mut chunk = vec![0u8; 1 << 20];
    for _ in 0..mb {
        for b in &mut chunk {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = (state >> 24) as u8;
        }
        file.write_all(&chunk).expect("write");
    }
    file.flush().expect("flush");
}

/// A database with five enterprises and `mb` MB of attachments in four scans, its drafts file, and its
/// exported package, in `dir`.
fn prepare(dir: &Path, mb: usize) {
    let mut store = common::open_store(&dir.join("drafts.sqlite")).expect("opens");
    let mut draft = common::full_draft(5);
    for i in 0..4 {
        let scan = dir.join(format!("扫描件{i}.pdf"));
        write_scan(&scan, mb / 4, i as u64 + 1);
        let attachment = store.add_file(&scan, &mut |_| true).expect("added");
        draft.enterprises[i].attachments.push(attachment);
        std::fs::remove_file(&scan).expect("remove");
    }
    // A 定稿: only a final draft's export writes the CD image.
    lingjun::model::finalize::finalize(
        &mut draft,
        Template::built_in(),
        chrono::Utc::now().fixed_offset(),
    )
    .expect("finalized");
    store.save(&draft).expect("saves");
    store::backup_to_file(
        &draft,
        &lingjun::model::pool::Pool::default(),
        &store,
        &dir.join("drafts.json"),
    )
    .expect("backs up");
    drop(store);
    run(dir, "export-once");
}

/// The folder and image the first export wrote (recorded by `export-once`).
fn package_of(dir: &Path) -> (PathBuf, PathBuf) {
    let text = std::fs::read_to_string(dir.join("package.txt")).expect("recorded");
    let (folder, iso) = text.split_once('\n').expect("two lines");
    (PathBuf::from(folder), PathBuf::from(iso))
}

/// One operation on the prepared `dir`, in this process.
fn run(dir: &Path, operation: &str) {
    let export_to = |out: &Path| {
        let store = Store::open(&dir.join("drafts.sqlite")).expect("opens");
        let draft = store.load().expect("loads").expect("a draft");
        let outcome = package::export(
            &draft,
            &store,
            out,
            &ExportOptions {
                overwrite: true,
                ..ExportOptions::default()
            },
            &|_| {},
            &AtomicBool::new(false),
        )
        .expect("exports");
        if out.ends_with("out") {
            let record = format!(
                "{}\n{}",
                outcome.folder.display(),
                outcome
                    .iso
                    .expect("a 定稿 is exported with its image")
                    .display()
            );
            std::fs::write(dir.join("package.txt"), record).expect("recorded");
        }
    };
    match operation {
        "export-once" => export_to(&dir.join("out")),
        "export" => export_to(&dir.join("again")),
        "verify-folder" => {
            assert!(
                package::verify(&package_of(dir).0)
                    .expect("verifies")
                    .is_clean()
            );
        }
        "verify-iso" => {
            assert!(
                package::verify(&package_of(dir).1)
                    .expect("verifies")
                    .is_clean()
            );
        }
        "backup" => {
            let store = Store::open(&dir.join("drafts.sqlite")).expect("opens");
            let draft = store.load().expect("loads").expect("a draft");
            store::backup_to_file(
                &draft,
                &lingjun::model::pool::Pool::default(),
                &store,
                &dir.join("again.json"),
            )
            .expect("backs up");
        }
        "restore" => {
            let target = dir.join("restored.sqlite");
            std::fs::remove_file(&target).ok();
            let mut store = Store::open(&target).expect("opens");
            store::restore_from_file(&mut store, &dir.join("drafts.json"), None).expect("restores");
        }
        other => panic!("unknown operation {other}"),
    }
}

/// The child: one operation, then its peak memory on stdout.
#[test]
#[ignore = "run only as the child of memory_does_not_grow_with_the_attachments"]
fn memory_child_runs_one_operation() {
    let Some(spec) = std::env::var_os(CHILD_VAR) else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    let (operation, dir) = spec.split_once(' ').expect("operation and folder");
    run(Path::new(dir), operation);
    println!("peak_kb {}", crate::binary::peak_kb());
}

fn child_peak_kb(dir: &Path, operation: &str) -> u64 {
    let output = child_test(
        "memory::memory_child_runs_one_operation",
        CHILD_VAR,
        format!("{operation} {}", dir.display()),
    )
    .output()
    .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{operation} in {}: {stdout}{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .split("peak_kb ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("the child reports its peak")
}

#[test]
fn memory_does_not_grow_with_the_attachments() {
    if !Path::new("/proc/self/status").exists() {
        return;
    }
    let small = tempfile::tempdir().expect("dir");
    let large = tempfile::tempdir().expect("dir");
    prepare(small.path(), 16);
    prepare(large.path(), 64);
    let mut lines = Vec::new();
    for operation in OPERATIONS {
        let at_small = child_peak_kb(small.path(), operation);
        let at_large = child_peak_kb(large.path(), operation);
        eprintln!(
            "{operation}: {} MB / {} MB peak with 16 / 64 MB of attachments",
            at_small / 1024,
            at_large / 1024
        );
        lines.push(format!(
            "{operation}: {} MB with 16 MB of attachments, {} MB with 64 MB",
            at_small / 1024,
            at_large / 1024
        ));
        assert!(
            at_large < at_small + ALLOWED_GROWTH_KB,
            "{operation}: peak {at_small} KB with 16 MB of attachments, {at_large} KB with 64 MB"
        );
    }
    eprintln!("{}", lines.join("\n"));
}
