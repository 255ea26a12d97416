//! A measuring hook for BENCHMARKS.md, off unless the environment asks for it: with `LINGJUN_STARTUP_PROBE=N`
//! the window shows N frames (at least 2, visiting the enterprise pages in turn), prints on stderr the wall-clock
//! time when the first frame had been painted and closes itself. The clerk never sets it; nothing else changes.

use std::time::{SystemTime, UNIX_EPOCH};

use super::app::App;
use super::command::{Command, Screen};
use super::window_size::FirstFit;

/// The environment variable that turns the probe on.
pub const VAR: &str = "LINGJUN_STARTUP_PROBE";

/// With the probe on, also type a character into enterprise 1's first section at every frame and report the
/// time of each frame's UI pass (for the frame time while typing during an autosave).
pub const TYPING_VAR: &str = "LINGJUN_TYPING_PROBE";

/// How many frames to show, if the probe is on.
pub fn frames_from_env() -> Option<u32> {
    let value = std::env::var(VAR).ok()?;
    Some(value.trim().parse::<u32>().unwrap_or(2).max(2))
}

/// The app, counting its frames; the first window is fitted to its monitor as it is without the probe.
pub struct Probe<'a> {
    app: &'a mut App,
    fit: FirstFit,
    frames: u32,
    shown: u32,
    /// Typing mode: each frame's UI pass in ms, and whether it handed a save to the save thread.
    typing: Option<Vec<(f64, bool)>>,
}

impl<'a> Probe<'a> {
    /// Wraps `app` to show `frames` frames.
    pub fn new(app: &'a mut App, frames: u32, fit: FirstFit) -> Self {
        Self {
            app,
            fit,
            frames,
            shown: 0,
            typing: std::env::var_os(TYPING_VAR).map(|_| Vec::new()),
        }
    }
}

impl eframe::App for Probe<'_> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.fit.apply(ui.ctx());
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
        if self.typing.is_some() && count > 0 && self.shown > 0 {
            self.app.queue(Command::Show(Screen::Enterprise(0)));
            self.app.type_for_probe(ui.input(|i| i.time));
        } else if count > 0 && self.shown > 0 {
            let index = (self.shown as usize - 1) % count;
            self.app.queue(Command::Show(Screen::Enterprise(index)));
        }
        self.shown += 1;
        if self.shown >= self.frames {
            report_window(ui.ctx());
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ui.ctx().request_repaint();
        let saves_before = self.app.saves_started;
        let started = std::time::Instant::now();
        eframe::App::ui(self.app, ui, frame);
        let spent_ms = started.elapsed().as_secs_f64() * 1000.0;
        if let Some(times) = &mut self.typing
            && self.shown > 2
        {
            times.push((spent_ms, self.app.saves_started > saves_before));
        }
        if self.shown >= self.frames
            && let Some(times) = self.typing.take()
        {
            report_typing(&times);
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(self.app, gl);
    }
}

/// Prints the window's inside size and the monitor's size, in points, as the window system last told them
/// (tests/window_fit.rs checks that the first window fits the screen).
fn report_window(ctx: &egui::Context) {
    let info = ctx.input(|i| i.viewport().clone());
    let size =
        |v: Option<egui::Vec2>| v.map_or("?".to_owned(), |v| format!("{:.0}x{:.0}", v.x, v.y));
    #[expect(
        clippy::print_stderr,
        reason = "the probe reports to the measuring script"
    )]
    {
        eprintln!(
            "window inner {} monitor {} scale {:.2}",
            size(info.inner_rect.map(|r| r.size())),
            size(info.monitor_size),
            info.native_pixels_per_point.unwrap_or(1.0)
        );
    }
}

/// Prints the UI-pass times of the typing frames: median, 99th percentile and maximum, and the slowest frame
/// that handed a save to the save thread.
fn report_typing(times: &[(f64, bool)]) {
    let mut all: Vec<f64> = times.iter().map(|t| t.0).collect();
    all.sort_by(f64::total_cmp);
    let at = |q: f64| {
        all.get(((all.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let saving: Vec<f64> = times.iter().filter(|t| t.1).map(|t| t.0).collect();
    let saving_max = saving.iter().copied().fold(0.0, f64::max);
    #[expect(
        clippy::print_stderr,
        reason = "the probe reports to the measuring script"
    )]
    {
        eprintln!(
            "typing frames {} median_ms {:.2} p99_ms {:.2} max_ms {:.2} saves {} save_frame_max_ms {saving_max:.2}",
            all.len(),
            at(0.5),
            at(0.99),
            at(1.0),
            saving.len()
        );
    }
}
