//! 文件 → 从自动备份恢复…: the list of automatic backups (time, size, enterprises) and the confirmation.

use egui::RichText;

use super::command::Command;
use super::labels;
use crate::store::{AUTO_BACKUP_KEEP, AutoBackup};

/// 自动备份总大小上限 as it is being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapField {
    text: String,
    /// Why the text was refused.
    error: Option<String>,
    /// Just saved: says so until the next edit.
    is_saved: bool,
}

impl CapField {
    /// The field showing the cap in force, `mb`.
    pub fn new(mb: u64) -> Self {
        Self {
            text: mb.to_string(),
            error: None,
            is_saved: false,
        }
    }

    /// The field after `mb` was saved.
    pub fn saved(mb: u64) -> Self {
        Self {
            is_saved: true,
            ..Self::new(mb)
        }
    }
}

/// The list, newest first, each with its restore button; a word when there is none yet. Above it the total size
/// cap, which the clerk can change.
pub fn auto_backups_ui(
    ui: &mut egui::Ui,
    list: &[AutoBackup],
    cap: &mut CapField,
    commands: &mut Vec<Command>,
) {
    ui.heading(labels::AUTO_BACKUP_TITLE);
    ui.label(format!(
        "每次打开窗口时，程序把草稿数据库自动备份一份，保留最近 {AUTO_BACKUP_KEEP} 份（内容没有变化时不重复备份）；总大小超过上限时先删除最旧的，最新一份总会保留。"
    ));
    cap_ui(ui, cap, commands);
    ui.add_space(6.0);
    if list.is_empty() {
        ui.label("还没有自动备份。");
    }
    egui::Grid::new("auto_backups")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for backup in list {
                ui.label(backup_line(backup));
                if ui.button(labels::AUTO_BACKUP_RESTORE).clicked() {
                    commands.push(Command::AskRestoreAutoBackup(backup.path.clone()));
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    if ui.button(labels::CANCEL).clicked() {
        commands.push(Command::CloseDialog);
    }
}

/// Asks before replacing the drafts with the backup's.
pub fn confirm_restore_ui(ui: &mut egui::Ui, backup: &AutoBackup, commands: &mut Vec<Command>) {
    ui.heading(labels::AUTO_BACKUP_TITLE);
    ui.label(format!("备份：{}", backup_line(backup)));
    ui.label(RichText::new("恢复会替换当前全部草稿；当前草稿会先另存一份。").strong());
    ui.horizontal(|ui| {
        if ui.button(labels::CONFIRM).clicked() {
            commands.push(Command::RestoreAutoBackup(backup.path.clone()));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// `2024年9月8日 15:30:12 · 1.2 MB · 3 家企业`.
pub fn backup_line(backup: &AutoBackup) -> String {
    let enterprises = backup
        .enterprise_count
        .map_or_else(|| "无法读取".to_owned(), |n| format!("{n} 家企业"));
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let size_mb = backup.size_bytes as f64 / 1_048_576.0;
    format!(
        "{} · {size_mb:.1} MB · {enterprises}",
        backup.created.format("%Y年%-m月%-d日 %H:%M:%S")
    )
}

/// The cap's field and 保存上限 (Enter too); a refusal in red, or that it was saved.
fn cap_ui(ui: &mut egui::Ui, cap: &mut CapField, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = ui.label(labels::AUTO_BACKUP_CAP);
        let field = ui
            .add(egui::TextEdit::singleline(&mut cap.text).desired_width(90.0))
            .labelled_by(label.id);
        if field.changed() {
            cap.error = None;
            cap.is_saved = false;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(labels::AUTO_BACKUP_CAP_SAVE).clicked() || entered {
            match crate::settings::parse_auto_backup_mb(&cap.text) {
                Ok(mb) => commands.push(Command::SetAutoBackupMaxMb(mb)),
                Err(why) => cap.error = Some(why),
            }
        }
    });
    if let Some(error) = &cap.error {
        ui.colored_label(ui.visuals().error_fg_color, error.as_str());
    } else if cap.is_saved {
        ui.label("上限已保存，下次打开窗口时按它删除多出的旧备份。");
    }
}
