//! Running the `lingjun` binary from an integration test (not shared with the examples and benches that include
//! `common/mod.rs`: only integration tests know the binary's path).

/// Runs the `lingjun` binary with `args`.
pub fn lingjun(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_lingjun"))
        .args(args)
        .output()
        .expect("the program runs")
}

/// A program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
