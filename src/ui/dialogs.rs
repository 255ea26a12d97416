//! Modal dialogs: confirmations, messages and the reason for acknowledging a warning.

use std::path::{Path, PathBuf};

use egui::{Id, Modal, RichText};

use super::command::Command;
use super::labels;
use crate::model::validate::{self, Issue};
use crate::model::{Draft, messages};

/// The dialog over the window, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Message {
        title: String,
        text: String,
    },
    /// 帮助 → 使用说明: the clerk's manual (`docs/manual.md`), scrolled.
    Guide,
    ConfirmRemove(usize),
    ConfirmRestore {
        path: PathBuf,
        summary: String,
    },
    Acknowledge {
        issue: Issue,
        reason: String,
    },
    /// The automatic backups, newest first, each with a restore button; and their total size cap being edited.
    AutoBackups {
        list: Vec<crate::store::AutoBackup>,
        cap: super::auto_backup_dialog::CapField,
    },
    ConfirmRestoreAutoBackup(crate::store::AutoBackup),
    /// Before 定稿 or export: unconfirmed warnings, a past deadline.
    BeforeSubmit(super::final_dialogs::BeforeSubmit),
    /// 取消定稿 with the reason being typed.
    Unfinalize {
        reason: String,
    },
    /// A question: 取消, or `confirm` (in red) which carries out `command`.
    Confirm {
        title: String,
        text: String,
        confirm: String,
        command: Box<Command>,
    },
    /// 新建下一年度批次: the year and which enterprises come along.
    NewBatch(super::batch::NewBatchForm),
    /// The in-app path box (输入路径…, or when the system's file dialog could not open).
    PathEntry {
        target: super::file_picker::PathTarget,
        text: String,
        error: Option<String>,
        dialog_failed: bool,
    },
    /// 从 Word 导入: the plan, before anything changes.
    ImportPlan {
        into: super::import_dialog::ImportInto,
        plan: crate::import::ImportPlan,
        /// The tick "remember my corrections as other headings of the sections".
        save_aliases: bool,
    },
}

impl Dialog {
    /// A message with an OK button.
    pub fn message(title: &str, text: &str) -> Self {
        Self::Message {
            title: title.to_owned(),
            text: text.to_owned(),
        }
    }

    /// A question whose `confirm` button carries out `command`.
    pub fn confirm(title: &str, text: &str, confirm: &str, command: Command) -> Self {
        Self::Confirm {
            title: title.to_owned(),
            text: text.to_owned(),
            confirm: confirm.to_owned(),
            command: Box::new(command),
        }
    }

    /// The reason dialog, pre-filled with the reason given before.
    pub fn acknowledge(issue: Issue, draft: &Draft) -> Self {
        let reason = validate::acknowledgement(draft, &issue)
            .unwrap_or_default()
            .to_owned();
        Self::Acknowledge { issue, reason }
    }

    /// Version, data folder, the graphics in use and licences.
    pub fn about(db_path: Option<PathBuf>, graphics: Option<&str>) -> Self {
        let db = db_path.map_or_else(
            || "（内存中，未保存到文件）".to_owned(),
            |p| p.display().to_string(),
        );
        let graphics = graphics.unwrap_or("（不在窗口中运行）");
        Self::message(
            labels::MENU_ABOUT,
            &format!(
                "领军 {}\n质量强国建设领军企业推荐材料编制工具（依据市监质发〔2024〕62号）\n\n草稿数据库：{db}\n图形方式：{graphics}\n\n内置字体：Noto Sans CJK SC / Noto Serif CJK SC（SIL 开源字体许可证 1.1）",
                crate::VERSION
            ),
        )
    }

    /// Draws the dialog; buttons push commands.
    pub fn ui(&mut self, ctx: &egui::Context, id: Id, draft: &Draft, commands: &mut Vec<Command>) {
        let response = Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(520.0);
            self.body_ui(ui, draft, commands);
        });
        if response.should_close() {
            commands.push(Command::CloseDialog);
        }
    }

    /// What the modal holds, by kind of dialog.
    fn body_ui(&mut self, ui: &mut egui::Ui, draft: &Draft, commands: &mut Vec<Command>) {
        match self {
            Self::Message { title, text } => message_ui(ui, title, text, commands),
            Self::Guide => guide_ui(ui, commands),
            Self::ConfirmRemove(index) => confirm_remove_ui(ui, draft, *index, commands),
            Self::ConfirmRestore { path, summary } => {
                confirm_restore_ui(ui, path, summary, commands);
            }
            Self::Confirm {
                title,
                text,
                confirm,
                command,
            } => confirm_ui(ui, title, text, confirm, command, commands),
            Self::NewBatch(form) => super::batch::new_batch_ui(ui, draft, form, commands),
            Self::AutoBackups { list, cap } => {
                super::auto_backup_dialog::auto_backups_ui(ui, list, cap, commands);
            }
            Self::PathEntry {
                target,
                text,
                error,
                dialog_failed,
            } => {
                super::path_entry::path_entry_ui(
                    ui,
                    *target,
                    text,
                    error,
                    *dialog_failed,
                    commands,
                );
            }
            Self::ImportPlan {
                into,
                plan,
                save_aliases,
            } => {
                super::import_dialog::import_plan_ui(ui, draft, into, plan, save_aliases, commands);
            }
            Self::ConfirmRestoreAutoBackup(backup) => {
                super::auto_backup_dialog::confirm_restore_ui(ui, backup, commands);
            }
            Self::BeforeSubmit(state) => {
                super::final_dialogs::before_submit_ui(ui, state, draft, commands);
            }
            Self::Unfinalize { reason } => {
                super::final_dialogs::unfinalize_ui(ui, draft, reason, commands);
            }
            Self::Acknowledge { issue, reason } => {
                acknowledge_ui(ui, draft, issue, reason, commands);
            }
        }
    }
}

/// A message with an OK button.
fn message_ui(ui: &mut egui::Ui, title: &str, text: &str, commands: &mut Vec<Command>) {
    ui.heading(title);
    ui.label(text);
    ui.add_space(8.0);
    if ui.button(labels::OK).clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// 帮助 → 使用说明: the manual, scrolled, with an OK button.
fn guide_ui(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    // A fixed size from the first frame, so the text does not wrap anew while the modal grows.
    let screen = ui.ctx().content_rect();
    ui.set_width((screen.width() - 80.0).clamp(320.0, 760.0));
    ui.heading(labels::MENU_GUIDE);
    let height = (screen.height() * 0.7).max(240.0);
    egui::ScrollArea::vertical()
        .min_scrolled_height(height)
        .max_height(height)
        .auto_shrink(false)
        .show(ui, |ui| super::manual::manual_ui(ui, super::manual::MANUAL));
    ui.add_space(8.0);
    if ui.button(labels::OK).clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// Asks before removing enterprise `index`.
fn confirm_remove_ui(ui: &mut egui::Ui, draft: &Draft, index: usize, commands: &mut Vec<Command>) {
    let name = draft.enterprises.get(index).map_or(String::new(), |e| {
        super::removed::short_name(e.display_name())
    });
    ui.heading(labels::CONFIRM_REMOVE_TITLE);
    ui.label(format!(
        "确定删除企业 {}「{name}」吗？它的报告正文和附件将一并删除；删除后可用“{}”放回原位置（“{}”菜单中也有，关闭程序后仍可恢复）。",
        index + 1,
        labels::UNDO_REMOVE,
        labels::MENU_EDIT
    ));
    // 取消 first and focused, so Enter keeps the enterprise; 删除 stands out as the dangerous one.
    ui.horizontal(|ui| {
        let cancel = ui.button(labels::CANCEL);
        if cancel.clicked() {
            commands.push(Command::CloseDialog);
        }
        let danger = RichText::new(labels::DELETE)
            .color(ui.visuals().error_fg_color)
            .strong();
        if ui.button(danger).clicked() {
            commands.push(Command::RemoveEnterprise(index));
        }
    });
}

/// Asks before restoring the drafts file at `path`, with what it holds.
fn confirm_restore_ui(ui: &mut egui::Ui, path: &Path, summary: &str, commands: &mut Vec<Command>) {
    ui.heading(labels::MENU_RESTORE);
    ui.label(summary);
    ui.label(RichText::new("恢复会替换当前全部草稿；当前草稿会先另存一份。").strong());
    ui.horizontal(|ui| {
        if ui.button(labels::CONFIRM).clicked() {
            commands.push(Command::RestoreFrom(path.to_owned()));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// A question: 取消, or `confirm` (in red) which carries out `command`.
fn confirm_ui(
    ui: &mut egui::Ui,
    title: &str,
    text: &str,
    confirm: &str,
    command: &Command,
    commands: &mut Vec<Command>,
) {
    ui.heading(title);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| ui.label(text));
    ui.add_space(8.0);
    // 取消 first, as for deleting an enterprise: Enter keeps things as they are.
    ui.horizontal(|ui| {
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
        let danger = RichText::new(confirm)
            .color(ui.visuals().error_fg_color)
            .strong();
        if ui.button(danger).clicked() {
            commands.push(command.clone());
        }
    });
}

/// The reason for acknowledging a warning, typed in; 保存 once there is one.
fn acknowledge_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    issue: &Issue,
    reason: &mut String,
    commands: &mut Vec<Command>,
) {
    ui.heading(labels::ACKNOWLEDGE.trim_end_matches('…'));
    ui.label(messages::issue_line(issue, draft, &draft.template));
    let label = ui.label(labels::ACK_REASON);
    ui.add(
        egui::TextEdit::multiline(reason)
            .desired_rows(3)
            .hint_text("例如：已核对营业执照，代码无误"),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let has_reason = !reason.trim().is_empty();
        if ui
            .add_enabled(has_reason, egui::Button::new(labels::ACK_SAVE))
            .clicked()
        {
            commands.push(Command::Acknowledge {
                issue: issue.clone(),
                reason: Some(reason.clone()),
            });
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// Counts the dialogs opened: a dialog of another kind, or another file's import plan, is a new one; the same
/// dialog changing as the clerk types in it is not.
#[derive(Default)]
pub struct Opened {
    /// Bumped for each dialog opened.
    pub count: u64,
    last: Option<(std::mem::Discriminant<Dialog>, String)>,
}

impl Opened {
    /// Takes note of the dialog now showing.
    pub fn see(&mut self, dialog: Option<&Dialog>) {
        let key = dialog.map(|d| (std::mem::discriminant(d), d.identity()));
        if key.is_some() && key != self.last {
            self.count += 1;
        }
        self.last = key;
    }
}

impl Dialog {
    /// What tells two dialogs of one kind apart (not what the clerk types into them).
    fn identity(&self) -> String {
        match self {
            Self::Message { title, text } => format!("{title}\n{text}"),
            Self::Confirm { title, text, .. } => format!("{title}\n{text}"),
            Self::ConfirmRemove(index) => index.to_string(),
            Self::ConfirmRestore { path, .. } => path.display().to_string(),
            Self::ImportPlan { into, plan, .. } => format!("{into:?}\n{}", plan.source),
            Self::PathEntry { target, .. } => format!("{target:?}"),
            Self::ConfirmRestoreAutoBackup(backup) => format!("{backup:?}"),
            Self::Acknowledge { issue, .. } => format!("{issue:?}"),
            Self::Guide
            | Self::AutoBackups { .. }
            | Self::BeforeSubmit(_)
            | Self::Unfinalize { .. }
            | Self::NewBatch(_) => String::new(),
        }
    }
}

/// What a drafts file holds, for the restore confirmation.
pub fn restore_summary(draft: &Draft, path: &Path) -> String {
    let names: Vec<&str> = draft.enterprises.iter().map(|e| e.display_name()).collect();
    format!(
        "文件：{}\n{} 年度 · {} · {} 家企业：{}",
        path.display(),
        draft.batch.year,
        if draft.unit.province.is_empty() {
            "未填省份"
        } else {
            draft.unit.province.as_str()
        },
        names.len(),
        names.join("、")
    )
}
