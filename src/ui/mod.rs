//! The window: egui screens over the headless core. No SQL, PDF or file layout in here.

mod app;
mod attach;
mod auto_backup_dialog;
mod batch;
mod command;
mod date_picker;
mod dialogs;
mod file_picker;
mod final_dialogs;
pub mod fonts;
mod form;
pub mod graphics;
mod import_dialog;
mod job;
mod labels;
pub mod manual;
mod path_entry;
mod removed;
mod screens;
mod section_table;
mod startup_probe;
mod status_bar;
mod window_size;

pub use app::{App, SaveState, nav_enterprise_text};
pub use command::{
    BatchCommand, Command, PoolCommand, PreviewDoc, Purpose, Screen, TemplateCommand, WordCommand,
};
pub use file_picker::{PathTarget, PickStart, Picked, Picker};
pub use labels::*;
pub use status_bar::deadline_text;

/// The window icon (title bar, taskbar): the 领 seal of `assets/icon/`, drawn by `assets/icon/make_icon.py`.
const ICON_PNG: &[u8] = include_bytes!("../../assets/icon/lingjun.png");

/// The window icon, or none if the embedded image cannot be read (then the system's default icon shows).
fn icon() -> Option<std::sync::Arc<egui::IconData>> {
    eframe::icon_data::from_png_bytes(ICON_PNG)
        .ok()
        .map(std::sync::Arc::new)
}

/// The window's size and title, with the icon.
fn viewport(title: &str, size: [f32; 2]) -> egui::ViewportBuilder {
    let viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_inner_size(size);
    match icon() {
        Some(icon) => viewport.with_icon(icon),
        None => viewport,
    }
}

/// Runs the window on `app` until the clerk closes it, trying the renderers in turn (`graphics`). `Err` holds
/// the message naming what was tried; it has been shown in a system message box as well.
pub fn run(mut app: App) -> Result<(), String> {
    let probe_frames = startup_probe::frames_from_env();
    let remembered = app.remembered_window();
    // No size remembered yet: open at a size that fits a small laptop, then fit the monitor's work area
    // (window_size::StartFit, which also brings a remembered window that no longer fits inside the monitor).
    let size = remembered.map_or(window_size::SAFE_FIRST, |w| [w.width, w.height]);
    let is_remembered = remembered.is_some();
    run_in_turn(APP_TITLE, size, |renderer, options| {
        eframe::run_native(
            APP_TITLE,
            options.with_min_inner_size().with_remembered(remembered),
            Box::new(|cc| {
                fonts::install(&cc.egui_ctx);
                app.graphics = Some(graphics::describe(renderer, cc));
                Ok(match probe_frames {
                    Some(frames) => Box::new(startup_probe::Probe::new(
                        &mut app,
                        frames,
                        window_size::StartFit::new(is_remembered),
                    )),
                    None => Box::new(Lent(&mut app, window_size::StartFit::new(is_remembered))),
                })
            }),
        )
    })
}

/// Shows only a message (the database was refused) until the clerk closes the window.
pub fn run_message(title: &str, message: &str) -> Result<(), String> {
    run_in_turn(title, [640.0, 320.0], |_, options| {
        eframe::run_native(
            title,
            options,
            Box::new(|cc| {
                // The bundled font is the window's only font (egui's own are not built in).
                fonts::install(&cc.egui_ctx);
                Ok(Box::new(Message(message.to_owned())))
            }),
        )
    })
}

/// The window of `run_message`.
struct Message(String);

impl eframe::App for Message {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("无法打开草稿数据库");
            ui.add_space(8.0);
            ui.label(self.0.as_str());
            ui.add_space(12.0);
            if ui.button(MENU_QUIT).clicked() {
                ui.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    }
}

/// The native options of a window, for `OptionsExt::with_min_inner_size`.
trait OptionsExt {
    fn with_min_inner_size(self) -> Self;
    fn with_remembered(self, window: Option<crate::settings::WindowGeometry>) -> Self;
}

impl OptionsExt for eframe::NativeOptions {
    /// The main window cannot be made so small that the form no longer fits.
    fn with_min_inner_size(mut self) -> Self {
        self.viewport = self
            .viewport
            .with_min_inner_size(crate::settings::MIN_WINDOW);
        self
    }

    /// The place and maximised state of the window from the last time (its size is given with the title).
    /// A place off today's screens is moved back on the first frame (`App::remember_window`).
    fn with_remembered(mut self, window: Option<crate::settings::WindowGeometry>) -> Self {
        if let Some(window) = window {
            if let (Some(x), Some(y)) = (window.x, window.y) {
                self.viewport = self.viewport.with_position([x, y]);
            }
            self.viewport = self.viewport.with_maximized(window.maximized);
        }
        self
    }
}

/// Tries each renderer (from `LINGJUN_RENDERER` on, if set) with a window of `size`; when none opens, says what
/// was tried on stderr and in a system message box (which needs no graphics).
fn run_in_turn(
    title: &str,
    size: [f32; 2],
    mut attempt: impl FnMut(graphics::Renderer, eframe::NativeOptions) -> eframe::Result,
) -> Result<(), String> {
    let requested = std::env::var(graphics::VAR).ok();
    let order = graphics::Renderer::order(requested.as_deref());
    let base = || eframe::NativeOptions {
        viewport: viewport(title, size),
        ..Default::default()
    };
    match graphics::run_in_turn(&order, |renderer| {
        attempt(renderer, renderer.options(base()))
    }) {
        Ok(_) => Ok(()),
        Err(failures) => {
            let text = graphics::failure_text(&failures);
            rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title(title)
                .set_description(text.as_str())
                .show();
            Err(text)
        }
    }
}

/// The app as eframe sees it during one attempt: lent, so that it outlives a renderer that fails; with the
/// window's fitting to its monitor at start.
struct Lent<'a>(&'a mut App, window_size::StartFit);

impl eframe::App for Lent<'_> {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.1.apply(ui.ctx());
        eframe::App::ui(self.0, ui, frame);
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        eframe::App::on_exit(self.0, gl);
    }
}
