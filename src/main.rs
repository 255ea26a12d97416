//! Entry point: the command line when given a command, otherwise the window.

// Release builds on Windows open no console window behind the program (so cmd does not see their output
// either: commands typed in cmd or PowerShell go to the console twin, src/bin/lingjun-cli.rs).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![expect(
    clippy::print_stderr,
    reason = "the window reports what keeps it from opening, and backup problems, on stderr"
)]

use std::path::Path;

use lingjun::cli::{self, Args};
use lingjun::store::{self, Store};

fn main() {
    std::process::exit(cli::main_with(std::env::args().skip(1), open_window));
}

/// Opens the window on the drafts database (or a window saying why it cannot be opened). Returns the exit code.
fn open_window(args: &Args) -> i32 {
    let result = match cli::db_path(args).and_then(|path| open_store(&path)) {
        Ok((store, backup)) => {
            let mut app = lingjun::ui::App::new(store, chrono::Local::now().date_naive());
            if let Some(limits) = backup {
                app.back_up_after_check(limits);
            }
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
/// Before an upgrade's migration the copy is made first, so it holds what the older version wrote; otherwise
/// the window makes it after the first frame, following the page-by-page check on the same thread (a CD of scans
/// takes seconds to read), so a large database never delays the first frame. A refused or damaged database is
/// never copied. Returns the limits of the backup still to make.
fn open_store(path: &Path) -> Result<(Store, Option<store::AutoBackupLimits>), String> {
    let limits = lingjun::settings::auto_backup_limits(path);
    if store::needs_migration(path) {
        if let Err(e) = store::create_auto_backup_with(path, &limits) {
            eprintln!("自动备份未完成：{}", e.user_text());
        }
        return Store::open(path)
            .map(|s| (s, None))
            .map_err(|e| e.user_text());
    }
    let store = Store::open_unchecked(path).map_err(|e| e.user_text())?;
    Ok((store, Some(limits)))
}
