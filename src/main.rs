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
        // A rotating copy of the drafts at each start of the window (not for commands). A database that is
        // refused is not copied; opening it below tells the clerk why.
        if let Err(e) = lingjun::store::create_auto_backup(&path) {
            eprintln!("自动备份未完成：{}", e.user_text());
        }
        Store::open(&path).map_err(|e| (e.user_text(), Some(path)))
    }) {
        Ok(store) => lingjun::ui::run(lingjun::ui::App::new(
            store,
            chrono::Local::now().date_naive(),
        )),
        Err((message, _)) => lingjun::ui::run_message(lingjun::ui::APP_TITLE, &message),
    };
    if let Err(message) = result {
        eprintln!("{message}");
        std::process::exit(1);
    }
}
