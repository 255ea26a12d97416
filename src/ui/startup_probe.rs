//! A measuring hook for BENCHMARKS.md, off unless the environment asks for it: with `LINGJUN_STARTUP_PROBE=N`
//! the window shows N frames (at least 2, visiting the enterprise pages in turn), prints on stderr the wall-clock
//! time when the first frame had been painted and closes itself. The clerk never sets it; nothing else changes.

use std::time::{SystemTime, UNIX_EPOCH};

use super::app::App;
use super::command::{Command, Screen};

/// The environment variable that turns the probe on.
pub const VAR: &str = "LINGJUN_STARTUP_PROBE";

/// How many frames to show, if the probe is on.
pub fn frames_from_env() -> Option<u32> {
    let value = std::env::var(VAR).ok()?;
    Some(value.trim().parse::<u32>().unwrap_or(2).max(2))
}

/// The app, counting its frames.
pub struct Probe<'a> {
    app: &'a mut App,
    frames: u32,
    shown: u32,
}

impl<'a> Probe<'a> {
    /// Wraps `app` to show `frames` frames.
    pub fn new(app: &'a mut App, frames: u32) -> Self {
        Self {
            app,
            frames,
            shown: 0,
        }
    }
}

impl eframe::App for Probe<'_> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        // The second frame starts only once the first has been painted and presented.
        if self.shown == 1 {
            let since_epoch = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            #[expect(
                clippy::print_stderr,
                reason = "the probe reports to the measuring script"
            )]
            {
                eprintln!(
                    "first frame painted at unix {:.3}",
                    since_epoch.as_secs_f64()
                );
                eprintln!("drawn with {}", self.app.graphics.as_deref().unwrap_or("?"));
            }
        }
        let count = self.app.draft.enterprises.len();
        if count > 0 && self.shown > 0 {
            let index = (self.shown as usize - 1) % count;
            self.app.queue(Command::Show(Screen::Enterprise(index)));
        }
        self.shown += 1;
        if self.shown >= self.frames {
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
        eframe::App::ui(self.app, ui, frame);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(self.app, gl);
    }
}
