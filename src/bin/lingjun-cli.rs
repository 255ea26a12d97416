//! `lingjun-cli`: the console twin of `lingjun`. A Windows release `lingjun.exe` uses the GUI subsystem, so that a
//! double-click opens no console window; but then cmd and PowerShell neither show its output nor wait for its exit
//! code. This twin is a console program running the same commands (`lingjun::cli`), for cmd, PowerShell and
//! scripts: `lingjun-cli verify E:\`. It opens no window.

use lingjun::cli;

fn main() {
    std::process::exit(cli::main_with(std::env::args().skip(1), cli::refuse_window));
}
