//! A measuring hook for BENCHMARKS.md, off unless the environment asks for it: with `LINGJUN_STARTUP_PROBE=N`
//! the window shows N frames (at least 2, visiting the enterprise pages in turn), prints on stderr the wall-clock
//! time when the first frame had been painted and closes itself. The clerk never sets it; nothing else changes.

use std::time::{SystemTime, UNIX_EPOCH};

use super::app::App;
use super::command::{Command, Screen};
use super::window_size::StartFit;

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
    fit: StartFit,
    frames: u32,
    shown: u32,
    /// Typing mode: each frame's UI pass, and whether it handed a save to the save thread.
    typing: Option<Vec<FrameTime>>,
}

impl<'a> Probe<'a> {
    /// Wraps `app` to show `frames` frames.
    pub fn new(app: &'a mut App, frames: u32, fit: StartFit) -> Self {
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
        let sched_before = thread_schedstat();
        eframe::App::ui(self.app, ui, frame);
        let spent_ms = started.elapsed().as_secs_f64() * 1000.0;
        let sched_after = thread_schedstat();
        if let Some(times) = &mut self.typing
            && self.shown > 2
        {
            let (cpu_ms, waiting_ms) = match (sched_before, sched_after) {
                (Some(b), Some(a)) => (ms_between(b.0, a.0), ms_between(b.1, a.1)),
                _ => (f64::NAN, f64::NAN),
            };
            times.push(FrameTime {
                wall_ms: spent_ms,
                cpu_ms,
                waiting_ms,
                saved: self.app.saves_started > saves_before,
            });
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

/// Prints the window's inside size, its frame's top-left corner and the monitor's size, in points, as the window system last told them
/// (tests/gui/window_fit.rs checks that the first window fits the screen).
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
            "window inner {} at {} monitor {} scale {:.2}",
            size(info.inner_rect.map(|r| r.size())),
            info.outer_rect
                .map_or("?".to_owned(), |r| format!("{:.0},{:.0}", r.min.x, r.min.y)),
            size(info.monitor_size),
            info.native_pixels_per_point.unwrap_or(1.0)
        );
    }
}

/// One typing frame's UI pass: wall-clock time; the UI thread's own time on a CPU, and its time ready but waiting
/// for one (other programs' load), from Linux's `/proc/thread-self/schedstat` (NaN elsewhere).
struct FrameTime {
    wall_ms: f64,
    cpu_ms: f64,
    waiting_ms: f64,
    saved: bool,
}

/// The calling thread's nanoseconds on a CPU and waiting in the run queue, on Linux.
fn thread_schedstat() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let mut fields = text.split_whitespace().map(str::parse::<u64>);
    Some((fields.next()?.ok()?, fields.next()?.ok()?))
}

#[expect(clippy::cast_precision_loss, reason = "a duration in ms for a report")]
fn ms_between(before: u64, after: u64) -> f64 {
    after.saturating_sub(before) as f64 / 1e6
}

/// Prints the UI-pass times of the typing frames: median, 99th percentile and maximum of the wall-clock time
/// and of the same less the time the UI thread waited for a CPU (other programs' load; the kernel updates it
/// when the thread is switched, so it is exact for frames that were held up), the slowest frame's parts, and the
/// slowest frame that handed a save to the save thread; and the maxima without the first frame, which lays out
/// the enterprise page for the first time. The CPU time is counted in scheduler ticks: a maximum.
fn report_typing(times: &[FrameTime]) {
    let sorted = |pick: &dyn Fn(&FrameTime) -> f64| {
        let mut all: Vec<f64> = times.iter().map(pick).collect();
        all.sort_by(f64::total_cmp);
        all
    };
    let at = |all: &[f64], q: f64| {
        all.get(((all.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let wall = sorted(&|t| t.wall_ms);
    let own = sorted(&|t| (t.wall_ms - t.waiting_ms).max(0.0));
    let slowest = times
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.wall_ms.total_cmp(&b.1.wall_ms));
    let (slow_at, slow_cpu, slow_wait) =
        slowest.map_or((0, 0.0, 0.0), |(i, t)| (i, t.cpu_ms, t.waiting_ms));
    // The first frame measured draws the enterprise page for the first time (every section laid out).
    let later_max = times.iter().skip(1).map(|t| t.wall_ms).fold(0.0, f64::max);
    let later_own_max = times
        .iter()
        .skip(1)
        .map(|t| (t.wall_ms - t.waiting_ms).max(0.0))
        .fold(0.0, f64::max);
    let saving: Vec<&FrameTime> = times.iter().filter(|t| t.saved).collect();
    let saving_max = saving.iter().map(|t| t.wall_ms).fold(0.0, f64::max);
    let saving_own_max = saving
        .iter()
        .map(|t| (t.wall_ms - t.waiting_ms).max(0.0))
        .fold(0.0, f64::max);
    #[expect(
        clippy::print_stderr,
        reason = "the probe reports to the measuring script"
    )]
    {
        eprintln!(
            "typing frames {} median_ms {:.2} p99_ms {:.2} max_ms {:.2} | less_cpu_wait: median_ms {:.2} p99_ms {:.2} max_ms {:.2} | slowest: frame {slow_at} cpu_ms {slow_cpu:.2} waited_for_cpu_ms {slow_wait:.2} | after the first: max_ms {later_max:.2} less_cpu_wait {later_own_max:.2} | saves {} save_frame_max_ms {saving_max:.2} less_cpu_wait {saving_own_max:.2}",
            wall.len(),
            at(&wall, 0.5),
            at(&wall, 0.99),
            at(&wall, 1.0),
            at(&own, 0.5),
            at(&own, 0.99),
            at(&own, 1.0),
            saving.len()
        );
    }
}
