//! The command line: the same operations as the window, for scripts and tests.
//!
//! `lingjun [--db PATH] [--batch YEAR] [check | backup FILE | restore FILE | export --out DIR | verify PATH |
//! import FILE --enterprise N [--section B=T]… | import FILE… --new | finalize | unfinalize --reason TEXT | template export|import FILE |
//! new-batch YEAR]`, `lingjun --version`, `lingjun --help`. Both programs (`lingjun`, and the console twin
//! `lingjun-cli` on Windows) start through [`main_with`].

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

mod args;
mod batch;
mod drafts;
mod export;
mod finalize;
mod import;
mod pool;
mod template;

use std::path::{Path, PathBuf};

pub use args::{Args, Command, USAGE, parse_args};

use crate::model::Draft;
use crate::store::{self, Store};

/// The `main` of both programs: parses `args` (those after the program name), runs a command and returns the
/// process exit code. With no command, `open_window` decides (the window, or the console twin's refusal).
/// Argument errors are explained with the usage text and give exit code 2.
pub fn main_with<I: IntoIterator<Item = String>>(
    args: I,
    open_window: impl FnOnce(&Args) -> i32,
) -> i32 {
    match parse_args(args) {
        Ok(args) if args.command == Command::Window => open_window(&args),
        Ok(args) => run(&args),
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            2
        }
    }
}

/// The console twin's answer when asked for the window: it runs commands only. Returns exit code 2.
pub fn refuse_window(_args: &Args) -> i32 {
    eprintln!("lingjun-cli 只执行命令，不打开窗口；打开窗口请双击 lingjun.exe。\n\n{USAGE}");
    2
}

/// The database path to use: `--db`, or the default in the user's data folder.
pub fn db_path(args: &Args) -> Result<PathBuf, String> {
    args.db
        .clone()
        .or_else(store::default_db_path)
        .ok_or_else(|| "找不到用户数据文件夹，请用 --db 指定草稿数据库".to_owned())
}

/// Runs a non-window command and returns the process exit code.
pub fn run(args: &Args) -> i32 {
    match &args.command {
        Command::Version => {
            println!("lingjun {}", crate::VERSION);
            0
        }
        Command::Help => {
            println!("{USAGE}");
            0
        }
        Command::Window => {
            eprintln!("窗口不能从命令行模块打开");
            2
        }
        Command::Verify(path) => export::verify(path),
        Command::Check
        | Command::Backup(_)
        | Command::Restore(_)
        | Command::Export { .. }
        | Command::Import { .. }
        | Command::ImportNew { .. }
        | Command::Finalize
        | Command::Unfinalize { .. }
        | Command::TemplateExport(_)
        | Command::TemplateImport { .. }
        | Command::NewBatch { .. }
        | Command::PoolImport { .. }
        | Command::PoolExport { .. }
        | Command::PoolList { .. }
        | Command::PoolPick(_) => match db_path(args) {
            Ok(path) => run_on_db(&path, &args.command, args.batch),
            Err(message) => {
                eprintln!("{message}");
                2
            }
        },
    }
}

/// Opens the database, loads the chosen batch and runs `command` on it. Returns the exit code.
fn run_on_db(db: &Path, command: &Command, batch: Option<i32>) -> i32 {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.user_text());
            return 2;
        }
    };
    let loaded = match store.load() {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("{}", e.user_text());
            return 2;
        }
    };
    let loaded = match batch::chosen_batch(&store, loaded, batch, command) {
        Ok(draft) => draft,
        Err(code) => return code,
    };
    match command {
        Command::Check => {
            let draft = loaded.unwrap_or_else(|| Draft::new(chrono::Local::now().date_naive()));
            drafts::check(&draft)
        }
        Command::Backup(file) => drafts::backup(db, loaded, &store, file),
        Command::Restore(file) => drafts::restore(&mut store, db, file),
        Command::Export { out, options } => {
            let Some(draft) = loaded else {
                eprintln!("数据库中还没有草稿，没有可导出的内容：{}", db.display());
                return 1;
            };
            let code = export::export(&draft, &store, out, options);
            if code == 0 {
                pool::record_export(&mut store, &draft);
            }
            code
        }
        Command::Import {
            file,
            enterprise,
            sections,
            apply,
        } => import::run(&mut store, db, loaded, file, *enterprise, sections, *apply),
        Command::ImportNew { files, apply } => {
            import::run_new(&mut store, db, loaded, files, *apply)
        }
        Command::Finalize => {
            let Some(mut draft) = loaded else {
                eprintln!("数据库中还没有草稿，没有可定稿的内容：{}", db.display());
                return 1;
            };
            finalize::finalize(&mut store, &mut draft)
        }
        Command::Unfinalize { reason } => {
            let Some(mut draft) = loaded else {
                eprintln!("数据库中还没有草稿：{}", db.display());
                return 1;
            };
            finalize::unfinalize(&mut store, &mut draft, reason)
        }
        Command::TemplateExport(file) => template::template_export(loaded, file),
        Command::TemplateImport { file, force } => {
            template::template_import(&mut store, file, *force)
        }
        Command::NewBatch {
            year,
            copy_enterprises,
        } => batch::new_batch(&mut store, loaded, *year, *copy_enterprises),
        Command::PoolImport { file, apply } => {
            pool::import(&mut store, loaded.as_ref(), file, *apply)
        }
        Command::PoolExport { file, search } => pool::export(&store, loaded.as_ref(), file, search),
        Command::PoolList { search } => pool::list(&store, search),
        Command::PoolPick(codes) => pool::pick(&mut store, loaded, codes),
        Command::Window | Command::Version | Command::Help | Command::Verify(_) => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn no_command_goes_to_the_window_with_its_options() {
        let mut seen = None;
        let code = main_with(words(&["--db", "x.sqlite", "--batch", "2024"]), |args| {
            seen = Some((args.db.clone(), args.batch));
            7
        });
        assert_eq!(code, 7, "the window's exit code is the program's");
        assert_eq!(seen, Some((Some(PathBuf::from("x.sqlite")), Some(2024))));
    }

    #[test]
    fn commands_and_bad_arguments_never_open_the_window() {
        let mut opened = false;
        let code = main_with(words(&["--version"]), |_| {
            opened = true;
            0
        });
        assert_eq!((code, opened), (0, false), "--version prints and exits 0");
        let code = main_with(words(&["--frobnicate"]), |_| {
            opened = true;
            0
        });
        assert_eq!(
            (code, opened),
            (2, false),
            "an unknown option is exit code 2"
        );
        let code = main_with(words(&["--db"]), |_| {
            opened = true;
            0
        });
        assert_eq!(
            (code, opened),
            (2, false),
            "--db without a path is exit code 2"
        );
    }

    #[test]
    fn the_console_twin_refuses_the_window() {
        assert_eq!(main_with(Vec::<String>::new(), refuse_window), 2);
    }
}
