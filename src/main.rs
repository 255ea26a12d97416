//! Entry point: the command line when given a command, otherwise the window.

// Release builds on Windows open no console window behind the program (so cmd does not see their output
// either: commands typed in cmd or PowerShell go to the console twin, src/bin/lingjun-cli.rs).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
#![expect(
    clippy::print_stderr,
    reason = "the entry point reports argument errors on stderr"
)]

use lingjun::cli::{self, Command};
use lingjun::store::Store;

fn main() {
    let args = match cli::parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    if args.command != Command::Window {
        std::process::exit(cli::run(&args));
    }
    let result = match cli::db_path(&args).map_err(|m| (m, None)).and_then(|path| {
        let limits = lingjun::store::AutoBackupLimits::from_env();
        // A rotating copy of the drafts at each start of the window (not for commands). Before an upgrade's
        // migration it is made first, so it holds what the older version wrote; otherwise on a thread of its
        // own so that a large database never delays the first frame. A refused database is never copied.
        if lingjun::store::needs_migration(&path) {
            if let Err(e) = lingjun::store::create_auto_backup_with(&path, &limits) {
                eprintln!("自动备份未完成：{}", e.user_text());
            }
            return Store::open(&path).map_err(|e| (e.user_text(), Some(path)));
        }
        let store = Store::open(&path).map_err(|e| (e.user_text(), Some(path.clone())))?;
        let spawned = std::thread::Builder::new()
            .name("lingjun-auto-backup".to_owned())
            .spawn(move || {
                if let Err(e) = lingjun::store::create_auto_backup_with(&path, &limits) {
                    eprintln!("自动备份未完成：{}", e.user_text());
                }
            });
        if let Err(e) = spawned {
            eprintln!("自动备份未开始：{e}");
        }
        Ok(store)
    }) {
        Ok(store) => {
            let mut app = lingjun::ui::App::new(store, chrono::Local::now().date_naive());
            // `--batch YEAR` opens an earlier batch read-only, as it does for the commands.
            if let Some(year) = args.batch {
                app.open_archived(year);
            }
            lingjun::ui::run(app)
        }
        Err((message, _)) => lingjun::ui::run_message(lingjun::ui::APP_TITLE, &message),
    };
    if let Err(message) = result {
        eprintln!("{message}");
        std::process::exit(1);
    }
}
