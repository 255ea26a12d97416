//! Running the `lingjun` binary from an integration test (not shared with the examples and benches that include
//! `common/mod.rs`: only integration tests know the binary's path).

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the `lingjun` binary with `args`.
pub fn lingjun<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lingjun"))
        .args(args)
        .output()
        .expect("the program runs")
}

/// Runs the `lingjun` binary on the database `db` (`--db db`) with `args`.
pub fn lingjun_db<S: AsRef<OsStr>>(db: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lingjun"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the program runs")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Everything a run printed: its standard output, then its standard error.
pub fn all_text(output: &Output) -> String {
    format!("{}{}", text(&output.stdout), text(&output.stderr))
}

/// This test binary running only its ignored test `name` (its module path, `memory::memory_child_runs_one_operation`)
/// with `var` set to `value`: how a test puts one operation in a process of its own, to measure its time and peak
/// memory or to kill it.
pub fn child_test(name: &str, var: &str, value: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("test binary"));
    command
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(var, value);
    command
}

/// Peak resident memory of this process so far, in KB (`VmHWM` in /proc/self/status; 0 where there is none).
pub fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
