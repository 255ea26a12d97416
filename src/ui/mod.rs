//! The window: egui screens over the headless core. No SQL, PDF or file layout in here.

mod app;
mod auto_backup_dialog;
mod command;
mod dialogs;
pub mod fonts;
mod form;
mod job;
mod labels;
mod screens;
mod startup_probe;
mod status_bar;

pub use app::{App, SaveState, nav_enterprise_text};
pub use command::{Command, Screen};
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

/// Runs the window on `app` until the clerk closes it.
pub fn run(app: App) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: viewport(APP_TITLE, [1200.0, 820.0]).with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let probe_frames = startup_probe::frames_from_env();
    eframe::run_native(
        APP_TITLE,
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            Ok(match probe_frames {
                Some(frames) => Box::new(startup_probe::Probe::new(app, frames)),
                None => Box::new(app),
            })
        }),
    )
}

/// Shows only a message (the database was refused) until the clerk closes the window.
pub fn run_message(title: &str, message: String) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: viewport(title, [640.0, 320.0]),
        ..Default::default()
    };
    eframe::run_ui_native(title, options, move |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("无法打开草稿数据库");
            ui.add_space(8.0);
            ui.label(message.as_str());
            ui.add_space(12.0);
            if ui.button(MENU_QUIT).clicked() {
                ui.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
    })
}
