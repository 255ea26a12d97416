//! `lingjun-cli`: the console twin of `lingjun`. A Windows release `lingjun.exe` uses the GUI subsystem, so that a
//! double-click opens no console window; but then cmd and PowerShell neither show its output nor wait for its exit
//! code. This twin is a console program running the same commands (`lingjun::cli`), for cmd, PowerShell and
//! scripts: `lingjun-cli verify E:\`. It opens no window.

#![expect(
    clippy::print_stderr,
    reason = "the entry point reports argument errors on stderr"
)]

use lingjun::cli::{self, Command};

fn main() {
    let args = match cli::parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    if args.command == Command::Window {
        eprintln!(
            "lingjun-cli 只执行命令，不打开窗口；打开窗口请双击 lingjun.exe。\n\n{}",
            cli::USAGE
        );
        std::process::exit(2);
    }
    std::process::exit(cli::run(&args));
}
