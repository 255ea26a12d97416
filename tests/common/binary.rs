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
