//! The window's state and frame: navigation on the left, the form in the centre, the status bar below.

mod apply;
mod batch;
mod integrity;
mod menu;
mod paths;
mod pool;
mod removed;
mod saving;
mod settings;
mod template;
mod word;

use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate};

use egui::RichText;

use super::command::{Command, PreviewDoc, Screen};
use super::dialogs::Dialog;
use super::form::Form;
use super::{labels, screens, status_bar};
use crate::model::Draft;
use crate::model::validate::{self, FieldPath, Issue};
use crate::store::{Autosave, Store};
use saving::Saver;
use word::ImportUndoState;

/// Where the last save stands, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing typed since the window opened.
    Unchanged,
    Saved(DateTime<Local>),
    /// The save failed; the text stays in the window and the save is retried.
    Failed(String),
}

/// The whole window. `root_ui` draws it; the eframe glue and the tests both call that.
pub struct App {
    pub draft: Draft,
    /// The 标杆企业库, beside the batches (saved through the store as each change is applied).
    pub pool: crate::model::pool::Pool,
    pub screen: Screen,
    /// Saves off the UI thread; declared before `store` so that dropping the window finishes a save first.
    saver: Saver,
    store: Store,
    autosave: Autosave,
    pub save_state: SaveState,
    issues: Vec<Issue>,
    issues_fresh: bool,
    focus: Option<FieldPath>,
    pub(super) dialog: Option<Dialog>,
    /// Commands from outside the frame (menus of the OS, tests), applied at the next frame.
    queued: Vec<Command>,
    /// The export page's folders, running job and last results.
    pub export_page: screens::export::ExportPage,
    /// The year of the archived batch shown read-only; `None` while the current batch is shown.
    pub archived: Option<i32>,
    /// The batches in the database, read when the 批次 menu opens (not at every frame it stays open).
    batch_menu: Option<Vec<crate::store::BatchEntry>>,
    /// The 模板 page's working copy of the template.
    pub template_page: screens::template::TemplatePage,
    /// The 标杆企业库 page: filters, sorting, the selected entry, a pending import's plan.
    pub pool_page: screens::pool::PoolPage,
    /// Files being read into the database, with their progress window.
    attach_job: Option<super::attach::AttachJob>,
    /// Whether the notice offering 撤销删除 of the last removed enterprise shows.
    removed_notice: bool,
    /// What each 从 Word 导入 replaced, with the enterprise as the import left it: 撤销导入 is offered while the
    /// enterprise is still exactly so (the import is its last change).
    imports: Vec<(crate::import::ImportUndo, crate::model::Enterprise)>,
    today: NaiveDate,
    /// What the window draws with (renderer, adapter, driver), for 关于; none when not in a real window.
    pub graphics: Option<String>,
    /// Shows the system's file dialogs (tests put in their own).
    pub picker: super::file_picker::Picker,
    /// The remembered choices and where they are kept (none for drafts in memory).
    settings: settings::SettingsState,
    /// The page-by-page check of a database opened without it, and what it found.
    integrity: integrity::IntegrityCheck,
    integrity_warning: Option<String>,
    /// The automatic backup to make after the integrity check (`back_up_after_check`).
    auto_backup: Option<crate::store::AutoBackupLimits>,
    /// The thread of the check and that backup.
    check_thread: integrity::CheckThread,
    /// How many autosaves this window has started (the startup probe counts them).
    pub(super) saves_started: u64,
    /// The next frame shows the page from its top (it was opened from the sidebar).
    scroll_to_top: bool,
    /// Which dialog shows, so that each one opened gets a fresh id (and starts scrolled to its top).
    dialog_opened: super::dialogs::Opened,
}

impl App {
    /// Opens the drafts in `store`, or starts a fresh draft for `today`'s batch.
    pub fn new(store: Store, today: NaiveDate) -> Self {
        let (draft, save_state) = match store.load() {
            Ok(Some(draft)) => (draft, SaveState::Unchanged),
            Ok(None) => (Draft::new(today), SaveState::Unchanged),
            Err(e) => (Draft::new(today), SaveState::Failed(e.user_text())),
        };
        let (pool, save_state) = match store.load_pool() {
            Ok(pool) => (pool, save_state),
            Err(e) => (
                crate::model::pool::Pool::default(),
                SaveState::Failed(e.user_text()),
            ),
        };
        let store_unchecked = store.unchecked_path().map(ToOwned::to_owned);
        let mut app = Self {
            draft,
            pool,
            screen: Screen::BatchUnit,
            saver: Saver::NotStarted,
            store,
            autosave: Autosave::default(),
            save_state,
            issues: Vec::new(),
            issues_fresh: false,
            focus: None,
            dialog: None,
            export_page: screens::export::ExportPage::default(),
            template_page: screens::template::TemplatePage::default(),
            pool_page: screens::pool::PoolPage::default(),
            archived: None,
            batch_menu: None,
            queued: Vec::new(),
            attach_job: None,
            removed_notice: false,
            imports: Vec::new(),
            today,
            graphics: None,
            picker: super::file_picker::native,
            settings: settings::SettingsState::default(),
            saves_started: 0,
            integrity: match store_unchecked {
                Some(path) => integrity::IntegrityCheck::Due(path),
                None => integrity::IntegrityCheck::NotNeeded,
            },
            integrity_warning: None,
            auto_backup: None,
            check_thread: None,
            scroll_to_top: false,
            dialog_opened: super::dialogs::Opened::default(),
        };
        app.load_settings();
        app.refresh_issues();
        app
    }

    /// The current findings of the 报送前检查.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// The database file, if the drafts live in one.
    pub fn db_path(&self) -> Option<PathBuf> {
        self.store.path().map(ToOwned::to_owned)
    }

    /// Why the drafts shown cannot be edited, in the clerk's words: an archived batch (read-only) or 定稿; `None`
    /// when they can. The one place that decides: the commands' rules, the read-only pages and the menus ask it.
    pub(super) fn frozen_reason(&self) -> Option<String> {
        if let Some(year) = self.archived {
            return Some(format!(
                "正在查看 {year} 年度批次（{}，只读），不能修改。请在“{}”菜单中回到当前批次。",
                labels::BATCH_ARCHIVED,
                labels::MENU_BATCH
            ));
        }
        crate::model::finalize::ensure_editable(&self.draft)
            .err()
            .map(|frozen| crate::model::messages::frozen_text(&frozen))
    }

    /// Why the drafts cannot be edited when the reason is an archived batch; `None` on the current batch.
    pub(super) fn archived_reason(&self) -> Option<String> {
        self.archived.and_then(|_| self.frozen_reason())
    }

    fn refresh_issues(&mut self) {
        if !self.issues_fresh {
            self.issues = validate::validate(&self.draft, &self.draft.template);
            self.issues_fresh = true;
        }
    }

    /// Draws the window into `ui` and applies what the clerk did.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let now_secs = ui.input(|i| i.time);
        self.poll_save(now_secs);
        self.poll_integrity(ui.ctx());
        self.refresh_issues();
        let mut commands = std::mem::take(&mut self.queued);
        steady_style(ui);
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Q)) {
            commands.push(Command::Quit);
        }
        if self.export_page.poll() {
            // A job runs: keep the progress bar moving even without new messages.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        if std::mem::take(&mut self.export_page.just_exported) {
            self.record_export_in_pool();
        }
        let mut changed = self.poll_attach(ui.ctx());
        self.panels_ui(ui, &mut commands);
        changed |= self.centre_ui(ui, &mut commands);
        if let Some(dialog) = &mut self.dialog {
            // A new id for each dialog opened: its scroll areas start at the top, not where the last one was.
            let id = egui::Id::unique(("lingjun_dialog", self.dialog_opened.count));
            dialog.ui(ui.ctx(), id, &self.draft, &mut commands);
        }
        if !commands.is_empty() {
            // The commands change what the next frame shows (a page, a dialog): draw it now.
            ui.ctx().request_repaint();
        }
        for command in commands {
            changed |= self.apply(command, ui.ctx());
        }
        self.dialog_opened.see(self.dialog.as_ref());
        self.after_commands(ui.ctx(), now_secs, changed);
    }

    /// The bars around the page: menu, 定稿 and archive bars, status bar, the 撤销删除 notice, the navigation.
    fn panels_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, commands));
        let archived_reason = self.archived_reason();
        egui::Panel::top("final_bar").show(ui, |ui| {
            let archived = archived_reason.as_deref();
            super::final_dialogs::final_bar_ui(ui, &self.draft, archived, commands);
        });
        if let Some(year) = self.archived {
            egui::Panel::top("archived_bar").show(ui, |ui| {
                super::batch::archived_bar_ui(ui, year, commands);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            self.integrity_warning_ui(ui);
            status_bar::status_bar_ui(
                ui,
                &self.draft,
                &self.issues,
                &self.save_state,
                self.today,
                commands,
            );
        });
        if self.removed_notice && self.archived.is_none() {
            // Above the status bar rather than above the page: the notice comes and goes without moving the
            // field the clerk is aiming at (the page only loses some of its height at the bottom).
            let frozen = self.frozen_reason();
            egui::Panel::bottom("removed_notice").show(ui, |ui| {
                super::removed::removed_notice_ui(ui, &self.draft, frozen.as_deref(), commands);
            });
        }
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(220.0)
            .show(ui, |ui| self.navigation_ui(ui, commands));
    }

    /// The page in the centre; true when the clerk changed the draft on it.
    fn centre_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> bool {
        let frozen_reason = self.frozen_reason();
        let undo = match self.screen {
            Screen::Enterprise(index) => self.import_undo_state(index),
            _ => ImportUndoState::None,
        };
        let mut changed = false;
        egui::CentralPanel::default().show(ui, |ui| {
            let mut form = Form {
                issues: &self.issues,
                focus: &mut self.focus,
                commands,
                changed: false,
                today: self.today,
            };
            if let Screen::Enterprise(index) = self.screen {
                print_preview_button_ui(ui, index, undo, form.commands);
                let in_pool = self
                    .draft
                    .enterprises
                    .get(index)
                    .is_none_or(|e| self.pool.find_for(e).is_some());
                if !in_pool && ui.button(labels::POOL_PUT).clicked() {
                    form.commands
                        .push(Command::Pool(super::command::PoolCommand::PutIntoPool(
                            index,
                        )));
                }
            }
            if self.screen == Screen::Template {
                // Two columns that scroll on their own: the editor and the preview.
                screens::template::template_ui(
                    ui,
                    &mut self.draft,
                    &mut self.template_page,
                    frozen_reason.as_deref(),
                    &mut form,
                );
                changed = form.changed;
                return;
            }
            if self.screen == Screen::Pool {
                // The table scrolls its own rows (only the visible ones are drawn).
                screens::pool::pool_ui(
                    ui,
                    &self.pool,
                    &self.draft,
                    &mut self.pool_page,
                    form.commands,
                );
                changed = form.changed;
                return;
            }
            let mut area = egui::ScrollArea::vertical()
                .id_salt(("screen", self.screen))
                .auto_shrink([false, false]);
            if std::mem::take(&mut self.scroll_to_top) {
                // A page opened from the sidebar starts at its top, not where it was left.
                area = area.vertical_scroll_offset(0.0);
            }
            let frozen = frozen_reason.is_some();
            area.show(ui, |ui| {
                page_ui(
                    ui,
                    self.screen,
                    &mut self.draft,
                    &mut self.export_page,
                    frozen,
                    &mut form,
                );
            });
            changed = form.changed;
        });
        changed
    }

    /// After the commands: the check is redone and the draft saved when it changed; the settings written.
    fn after_commands(&mut self, ctx: &egui::Context, now_secs: f64, changed: bool) {
        if changed {
            self.issues_fresh = false;
            // An archived batch is shown read-only: nothing of it is ever saved over the current batch.
            if self.archived.is_none() {
                self.autosave.mark_dirty(now_secs);
            }
        }
        if self.autosave.is_due(now_secs) && !self.is_saving() {
            self.start_save(ctx, now_secs);
        }
        if let Some(wait) = self.autosave.time_until_due(now_secs) {
            ctx.request_repaint_after(wait);
        }
        self.save_settings_if_changed();
    }

    /// Takes the attachments a running add has finished into the draft; true when the draft changed.
    fn poll_attach(&mut self, ctx: &egui::Context) -> bool {
        let Some(job) = &mut self.attach_job else {
            return false;
        };
        let poll = job.poll();
        let changed = !poll.added.is_empty();
        if let Some(e) = self.draft.enterprises.get_mut(job.enterprise) {
            e.attachments.extend(poll.added);
        }
        if poll.finished {
            if !job.failures.is_empty() {
                self.dialog = Some(Dialog::message(
                    labels::ATTACH_FILES,
                    &job.failures.join("\n"),
                ));
            }
            self.attach_job = None;
        } else {
            job.ui(ctx);
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        changed
    }

    /// Asks for a command to be carried out at the next frame, as if a button had been clicked.
    pub fn queue(&mut self, command: Command) {
        self.queued.push(command);
    }

    fn navigation_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.add_space(6.0);
        // One line per entry, cut with "…" (the full text on hover), so 添加企业 never moves down.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        let current = self.screen;
        let entry =
            |ui: &mut egui::Ui, commands: &mut Vec<Command>, screen: Screen, text: String| {
                let hover = text.clone();
                // The whole row of the sidebar answers a click, not only the words: 汇总表预览 is short.
                let row = egui::Button::selectable(current == screen, (text, egui::Atom::grow()))
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                if ui.add(row).on_hover_text(hover).clicked() {
                    commands.push(Command::Show(screen));
                }
            };
        entry(
            ui,
            commands,
            Screen::BatchUnit,
            labels::NAV_BATCH_UNIT.to_owned(),
        );
        ui.separator();
        for (index, enterprise) in self.draft.enterprises.iter().enumerate() {
            entry(
                ui,
                commands,
                Screen::Enterprise(index),
                nav_enterprise_text(index, enterprise.display_name()),
            );
        }
        // While final (定稿) nothing may be added; the command would be refused with the reason anyway.
        let can_add = self.draft.can_add_enterprise() && self.frozen_reason().is_none();
        let add = ui.add_enabled(can_add, egui::Button::new(labels::ADD_ENTERPRISE));
        let add = add.on_disabled_hover_text(if self.archived.is_some() {
            self.frozen_reason().unwrap_or_default()
        } else if self.draft.is_final() {
            labels::ADD_ENTERPRISE_FINAL.to_owned()
        } else {
            crate::model::messages::quota_full(self.draft.max_enterprises())
        });
        if add.clicked() {
            commands.push(Command::AddEnterprise);
        }
        ui.separator();
        let errors = self
            .issues
            .iter()
            .filter(|i| i.severity == validate::Severity::Error)
            .count();
        entry(
            ui,
            commands,
            Screen::Check,
            format!("{}（{errors} 个错误）", labels::NAV_CHECK),
        );
        entry(
            ui,
            commands,
            Screen::Preview(PreviewDoc::Summary),
            labels::NAV_PREVIEW.to_owned(),
        );
        entry(ui, commands, Screen::Export, labels::NAV_EXPORT.to_owned());
        ui.separator();
        entry(
            ui,
            commands,
            Screen::Template,
            labels::NAV_TEMPLATE.to_owned(),
        );
        entry(
            ui,
            commands,
            Screen::Pool,
            format!("{}（{} 家）", labels::NAV_POOL, self.pool.entries.len()),
        );
    }
}

/// A steady text cursor and solid scroll bars, set once.
fn steady_style(ui: &egui::Ui) {
    let ctx = ui.ctx();
    if ui.visuals().text_cursor.blink {
        // A blinking cursor repaints twice a second, and a frame with a 100 000-character section focused
        // costs real CPU: a steady cursor lets an idle window cost nothing.
        ctx.all_styles_mut(|style| style.visuals.text_cursor.blink = false);
    }
    if ui.style().spacing.scroll.floating {
        // Scroll bars take their own strip beside the content instead of floating over its right edge, where
        // they hid the last character of a line and the 日历 buttons.
        ctx.all_styles_mut(|style| {
            style.spacing.scroll = egui::style::ScrollStyle::solid();
        });
    }
}

/// The page of `screen` inside its scroll area (every page but the 模板 page, which scrolls in two columns).
/// `frozen` (定稿, an archived batch): the form is shown read-only, drawn from the drafts themselves; a disabled
/// form changes nothing (`form.rs`), so no copy of the drafts is made for it.
fn page_ui(
    ui: &mut egui::Ui,
    screen: Screen,
    draft: &mut Draft,
    export_page: &mut screens::export::ExportPage,
    frozen: bool,
    form: &mut Form<'_>,
) {
    match screen {
        Screen::BatchUnit => {
            if frozen {
                ui.disable();
            }
            screens::batch_unit::batch_unit_ui(ui, draft, form);
        }
        Screen::Enterprise(index) => {
            if frozen {
                ui.disable();
            }
            screens::enterprise::enterprise_ui(ui, draft, index, form);
        }
        Screen::Check => screens::check::check_ui(ui, draft, form),
        Screen::Preview(doc) => screens::preview::preview_ui(ui, draft, doc, form),
        Screen::Export => {
            let errors = form
                .issues
                .iter()
                .filter(|i| i.severity == validate::Severity::Error)
                .count();
            screens::export::export_ui(ui, export_page, draft, errors, form);
            ui.add_space(20.0);
            super::final_dialogs::final_log_ui(ui, draft);
        }
        Screen::Template | Screen::Pool => {}
    }
}

/// The 打印预览 button above an enterprise's page, outside its scroll area so it stays in view.
fn print_preview_button_ui(
    ui: &mut egui::Ui,
    index: usize,
    undo: ImportUndoState,
    commands: &mut Vec<Command>,
) {
    use crate::ui::command::WordCommand;
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        if ui.button(labels::PRINT_PREVIEW).clicked() {
            commands.push(Command::Show(Screen::Preview(PreviewDoc::Report(index))));
        }
        if ui.button(labels::EXPORT_WORD).clicked() {
            commands.push(Command::Word(WordCommand::PickExport(index)));
        }
        if ui.button(labels::IMPORT_WORD).clicked() {
            commands.push(Command::Word(WordCommand::PickImport(index)));
        }
        match undo {
            ImportUndoState::Available => {
                if ui.button(labels::UNDO_IMPORT).clicked() {
                    commands.push(Command::Word(WordCommand::Undo));
                }
            }
            ImportUndoState::Gone => {
                ui.label(RichText::new(labels::UNDO_IMPORT_GONE).weak());
            }
            ImportUndoState::None => {}
        }
    });
}

/// The navigation text of an enterprise: `企业 1 · 名称`.
pub fn nav_enterprise_text(index: usize, name: &str) -> String {
    let short: String = name.chars().take(12).collect();
    let ellipsis = if name.chars().count() > 12 { "…" } else { "" };
    format!("企业 {} · {short}{ellipsis}", index + 1)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if ui.input(|i| i.viewport().close_requested()) && self.export_page.job.is_some() {
            // Closing mid-export would cancel it half-written: say so, and keep the window.
            ui.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::message(
                labels::MENU_QUIT,
                labels::QUIT_WHILE_EXPORTING,
            ));
        } else if ui.input(|i| i.viewport().close_requested()) && !self.flush() {
            // The save failed: keep the window open so nothing typed is lost.
            ui.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::message(
                labels::APP_TITLE,
                "草稿保存失败，窗口暂不关闭，以免丢失内容。请查看状态栏中的原因。",
            ));
        }
        self.remember_window(ui.ctx());
        self.root_ui(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // An export still running is cancelled and cleans up after itself before the process ends.
        if let Some(job) = &self.export_page.job {
            job.cancel();
        }
        self.export_page.wait();
        if let Some(job) = &mut self.attach_job {
            job.finish();
        }
        self.flush();
        self.save_settings();
    }
}
