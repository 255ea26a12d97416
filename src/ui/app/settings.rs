//! The window's side of `crate::settings`: read at start (beside the database in use), written when the export
//! folder or the Word choice changes and, with the window's size and place, when the window closes.

use std::path::PathBuf;

use super::App;
use crate::settings::{self, Settings, WindowGeometry};

/// Where the settings live and what was last written there.
#[derive(Default)]
pub(super) struct SettingsState {
    /// None for drafts in memory (tests): nothing is read or written.
    path: Option<PathBuf>,
    /// What the file holds, so it is written only when something changed.
    written: Settings,
    /// The window as it last was (normal size and place; whether maximised).
    window: Option<WindowGeometry>,
    /// The remembered place was checked against the monitor (once, on the first frame that knows both).
    is_place_checked: bool,
    /// 自动备份总大小上限 in MB, as the clerk set it (None: never set).
    auto_backup_max_mb: Option<u64>,
    /// The last folder used for each purpose other than export (`settings::PURPOSES`).
    pub(super) last_dirs: std::collections::BTreeMap<String, PathBuf>,
}

impl App {
    /// Reads the settings beside the database; what was wrong with them becomes a note on the export page.
    pub(super) fn load_settings(&mut self) {
        let Some(db) = self.db_path() else {
            return;
        };
        let path = settings::path_for(&db);
        let loaded = settings::load(&path);
        let mut notes: Vec<String> = loaded.note.into_iter().collect();
        if let Some(dir) = &loaded.settings.export_dir {
            if dir.is_dir() {
                self.export_page.out_dir = dir.display().to_string();
                self.export_page.remembered_dir = Some(dir.clone());
            } else {
                notes.push(format!(
                    "上次的导出文件夹已不存在，已改用默认文件夹：{}",
                    dir.display()
                ));
            }
        }
        if let Some(word) = loaded.settings.export_word {
            self.export_page.options.word = word;
        }
        self.settings = SettingsState {
            path: Some(path),
            window: loaded.settings.window,
            written: Settings::default(),
            is_place_checked: false,
            auto_backup_max_mb: loaded.settings.auto_backup_max_mb,
            last_dirs: loaded.settings.last_dirs,
        };
        // Counted as written as the page now stands: a first start or a bad file is written only once something
        // is chosen or the window closes, not at every start.
        self.settings.written = self.settings_now(loaded.settings.window);
        if !notes.is_empty() {
            self.export_page.note = Some(notes.join("\n"));
        }
    }

    /// The window's size and place from the last time, for the first window.
    pub fn remembered_window(&self) -> Option<WindowGeometry> {
        self.settings.written.window
    }

    /// The settings as the window now stands; `window` as given.
    fn settings_now(&self, window: Option<WindowGeometry>) -> Settings {
        Settings {
            export_dir: self.export_page.remembered_dir.clone(),
            export_word: Some(self.export_page.options.word),
            window,
            auto_backup_max_mb: self.settings.auto_backup_max_mb,
            last_dirs: self.settings.last_dirs.clone(),
        }
    }

    /// The automatic backups' total size cap in MB now in force (the settings file's, or the default).
    pub fn auto_backup_max_mb(&self) -> u64 {
        crate::store::AutoBackupLimits::with_max_mb(self.settings.auto_backup_max_mb).max_total_mb()
    }

    /// Sets 自动备份总大小上限; written to the settings file at once (used from the next start's backup).
    pub(super) fn set_auto_backup_max_mb(&mut self, mb: u64) {
        self.settings.auto_backup_max_mb = Some(mb);
        self.save_settings_if_changed();
    }

    /// Writes the settings when the export folder or the Word choice changed (the window's size only on close, so
    /// that dragging the window writes nothing).
    pub(super) fn save_settings_if_changed(&mut self) {
        let wanted = self.settings_now(self.settings.written.window);
        if wanted != self.settings.written {
            self.write_settings(wanted);
        }
    }

    /// Writes everything, the window's size and place included (when the window closes).
    pub(super) fn save_settings(&mut self) {
        let wanted = self.settings_now(self.settings.window.or(self.settings.written.window));
        if wanted != self.settings.written {
            self.write_settings(wanted);
        }
    }

    fn write_settings(&mut self, wanted: Settings) {
        let Some(path) = &self.settings.path else {
            return;
        };
        if let Err(e) = settings::save(path, &wanted) {
            // Not worth stopping for: say it once on the export page, and do not retry every frame.
            self.export_page.note = Some(format!(
                "设置无法保存（{}）：{}",
                crate::user_path::io_reason(&e),
                path.display()
            ));
        }
        self.settings.written = wanted;
    }

    /// Follows the window's size and place; on the first frame, moves a remembered window that would open off the
    /// screen (its monitor disconnected, or a larger one) back onto it.
    pub(super) fn remember_window(&mut self, ctx: &egui::Context) {
        let info = ctx.input(|i| i.viewport().clone());
        if info.minimized == Some(true) {
            return;
        }
        let (Some(inner), outer) = (info.inner_rect, info.outer_rect) else {
            return;
        };
        if !self.settings.is_place_checked
            && let (Some(monitor), Some(outer)) = (info.monitor_size, outer)
        {
            self.settings.is_place_checked = true;
            let remembered = self.remembered_window().is_some_and(|w| w.x.is_some());
            let size = [outer.width(), outer.height()];
            if remembered
                && !settings::is_reachable([outer.min.x, outer.min.y], size, monitor.into())
            {
                let place = ((monitor - outer.size()) * 0.5).max(egui::Vec2::ZERO);
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(place.to_pos2()));
                return;
            }
        }
        if info.maximized == Some(true) {
            // Keep the normal size and place for when the clerk un-maximises next time.
            if let Some(window) = &mut self.settings.window {
                window.maximized = true;
            }
            return;
        }
        self.settings.window = WindowGeometry {
            width: inner.width(),
            height: inner.height(),
            x: outer.map(|r| r.min.x),
            y: outer.map(|r| r.min.y),
            maximized: false,
        }
        .sanitized();
    }
}
