//! What opening and saving cost on a given drafts database (BENCHMARKS.md, `benches/attachments.sh`): the
//! time of `Store::open` and, apart, of the `PRAGMA quick_check` it runs; the load; then a keystroke saved
//! incrementally in place (what the window's save thread does, and what the UI thread did before it had one).
//!
//! Run: `cargo run --release --example save_cost -- DATABASE [keystrokes]`. It types into the database.

#![expect(
    clippy::print_stdout,
    reason = "an example reports what it measured on stdout"
)]

use std::time::Instant;

use lingjun::store::Store;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(std::path::PathBuf::from) else {
        println!("usage: save_cost DATABASE [keystrokes]");
        std::process::exit(2);
    };
    let keystrokes: usize = args
        .next()
        .and_then(|n| n.to_str()?.parse().ok())
        .unwrap_or(50);

    let started = Instant::now();
    let check: String =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("PRAGMA quick_check", [], |r| r.get(0)))
            .expect("quick_check runs");
    println!("quick_check alone: {:.1} ms ({check})", ms(started));

    let started = Instant::now();
    let mut store = Store::open(&path).expect("the database opens");
    println!("Store::open (quick_check included): {:.1} ms", ms(started));
    let started = Instant::now();
    let mut draft = store.load().expect("loads").expect("a draft");
    println!("load: {:.1} ms", ms(started));
    let started = Instant::now();
    store.save(&draft).expect("first save");
    println!("first save (every row, no contents): {:.1} ms", ms(started));

    let key = draft.template.report.sections[0].key.clone();
    let mut times = Vec::with_capacity(keystrokes);
    for _ in 0..keystrokes {
        draft.enterprises[0]
            .sections
            .entry(key.clone())
            .or_default()
            .push('字');
        let started = Instant::now();
        store.save(&draft).expect("saves");
        times.push(ms(started));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "keystroke save (one section, incremental, FULL sync): median {:.2} ms, max {:.2} ms over {keystrokes}",
        times[times.len() / 2],
        times[times.len() - 1]
    );
}
