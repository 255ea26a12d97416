//! Entry point: the command line when given a command, otherwise the window.

// Release builds on Windows open no console window behind the program (so cmd does not see their output
// either: commands typed in cmd or PowerShell go to the console twin, src/bin/lingjun-cli.rs).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![expect(
    clippy::print_stderr,
    reason = "the window reports what keeps it from opening, and backup problems, on stderr"
)]

use std::path::PathBuf;

use lingjun::cli::{self, Args};
use lingjun::store::{self, Store};

fn main() {
    std::process::exit(cli::main_with(std::env::args().skip(1), open_window));
}

/// Opens the window on the drafts database (or a window saying why it cannot be opened). Returns the exit code.
fn open_window(args: &Args) -> i32 {
    let result = match cli::db_path(args).and_then(open_store) {
        Ok(store) => {
            let mut app = lingjun::ui::App::new(store, chrono::Local::now().date_naive());
            // `--batch YEAR` opens an earlier batch read-only, as it does for the commands.
            if let Some(year) = args.batch {
                app.open_archived(year);
            }
            lingjun::ui::run(app)
        }
        Err(message) => lingjun::ui::run_message(lingjun::ui::APP_TITLE, &message),
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}

/// Opens the database for the window, with a rotating copy of the drafts at each start (not for commands).
/// Before an upgrade's migration the copy is made first, so it holds what the older version wrote; otherwise on
/// a thread of its own so that a large database never delays the first frame. A refused database is never copied.
fn open_store(path: PathBuf) -> Result<Store, String> {
    let limits = store::AutoBackupLimits::from_env();
    if store::needs_migration(&path) {
        if let Err(e) = store::create_auto_backup_with(&path, &limits) {
            eprintln!("自动备份未完成：{}", e.user_text());
        }
        return Store::open(&path).map_err(|e| e.user_text());
    }
    // The page-by-page check runs on a thread after the first frame (a CD of scans takes seconds to read).
    let store = Store::open_unchecked(&path).map_err(|e| e.user_text())?;
    let spawned = std::thread::Builder::new()
        .name("lingjun-auto-backup".to_owned())
        .spawn(move || {
            if let Err(e) = store::create_auto_backup_with(&path, &limits) {
                eprintln!("自动备份未完成：{}", e.user_text());
            }
        });
    if let Err(e) = spawned {
        eprintln!("自动备份未开始：{e}");
    }
    Ok(store)
}
