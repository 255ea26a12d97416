//! Writes a drafts database holding the benchmarks' five enterprises with about 10 000 characters each, for
//! measuring the real program's start-up and memory (BENCHMARKS.md).
//!
//! Run: `cargo run --release --example long_drafts -- /tmp/long.sqlite`.

#![expect(
    clippy::print_stdout,
    reason = "an example reports what it wrote on stdout"
)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        println!("usage: long_drafts DATABASE");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    let draft = support::long_draft(common::full_draft(5));
    let mut store = common::open_store(&path).expect("the database opens");
    store.save(&draft).expect("the drafts save");
    println!("wrote five enterprises to {}", path.display());
}
