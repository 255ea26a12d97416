//! Batches in the window (docs/manual.md, 批次): the 批次 menu lists the batches in the database, opens an archived
//! one read-only (it can be checked, previewed, backed up and exported again) and starts next year's batch
//! through the same functions as `lingjun new-batch` (`model::next_batch`, `Store::start_next_batch`).

use egui::{RichText, Ui};

use super::command::{BatchCommand, Command};
use super::labels;
use crate::model::Draft;
use crate::store::BatchEntry;

/// The 新建下一年度批次 dialog as the clerk fills it in.
#[derive(Clone, Debug, PartialEq)]
pub struct NewBatchForm {
    pub year: String,
    /// One per enterprise of the current batch: whether its facts come along.
    pub copy: Vec<bool>,
}

impl NewBatchForm {
    /// Next year, and no enterprise copied until the clerk ticks it.
    pub fn for_draft(draft: &Draft) -> Self {
        Self {
            year: (draft.batch.year + 1).to_string(),
            copy: vec![false; draft.enterprises.len()],
        }
    }
}

/// The text of a batch in the menu: `2024 年度（已归档 · 只读，5 家企业）`.
pub fn batch_entry_text(entry: &BatchEntry) -> String {
    let state = if entry.is_current {
        "当前批次".to_owned()
    } else {
        format!("{} · 只读", labels::BATCH_ARCHIVED)
    };
    format!(
        "{} 年度（{state}，{} 家企业）",
        entry.year, entry.enterprise_count
    )
}

/// The 批次 menu: every batch (the one shown ticked), then 新建下一年度批次….
pub fn batch_menu_ui(
    ui: &mut Ui,
    batches: &[BatchEntry],
    shown_year: i32,
    archived: Option<i32>,
    commands: &mut Vec<Command>,
) {
    for entry in batches {
        let shown = if entry.is_current {
            archived.is_none()
        } else {
            archived == Some(entry.year)
        };
        if ui
            .selectable_label(shown, batch_entry_text(entry))
            .clicked()
        {
            commands.push(Command::Batch(BatchCommand::Open {
                year: entry.year,
                current: entry.is_current,
            }));
        }
    }
    if batches.is_empty() {
        ui.label(format!("{shown_year} 年度（当前批次）"));
    }
    ui.separator();
    let new = ui
        .add_enabled(
            archived.is_none(),
            egui::Button::new(labels::MENU_NEW_BATCH),
        )
        .on_disabled_hover_text("请先回到当前批次");
    if new.clicked() {
        commands.push(Command::Batch(BatchCommand::AskNew));
    }
}

/// The bar over an archived batch: which year, that it is read-only, and the way back.
pub fn archived_bar_ui(ui: &mut Ui, year: i32, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "正在查看 {year} 年度批次（{}，只读）：可以检查、预览、备份和再次导出，不能修改。",
                labels::BATCH_ARCHIVED
            ))
            .color(ui.visuals().warn_fg_color)
            .strong(),
        );
        if ui.button(labels::BATCH_BACK).clicked() {
            commands.push(Command::Batch(BatchCommand::BackToCurrent));
        }
    });
}

/// The dialog's body: the year, which enterprises' facts come along, 取消 / 新建批次.
pub fn new_batch_ui(
    ui: &mut Ui,
    draft: &Draft,
    form: &mut NewBatchForm,
    commands: &mut Vec<Command>,
) {
    ui.heading(labels::MENU_NEW_BATCH.trim_end_matches('…'));
    ui.label(format!(
        "当前 {} 年度批次将归档：只读保存在数据库中，可随时在“{}”菜单中打开、检查和再次导出。新批次沿用本批次的模板、填报单位和寄送信息。",
        draft.batch.year,
        labels::MENU_BATCH
    ));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(labels::NEW_BATCH_YEAR);
        ui.add(egui::TextEdit::singleline(&mut form.year).desired_width(80.0))
            .labelled_by(label.id);
    });
    ui.add_space(6.0);
    ui.label(format!(
        "带入哪些企业的基本信息（{}；不带报告正文、附件和上年度指标）：",
        crate::model::next_batch::copied_facts_text()
    ));
    for (index, enterprise) in draft.enterprises.iter().enumerate() {
        if let Some(copy) = form.copy.get_mut(index) {
            ui.checkbox(
                copy,
                format!("带入 企业 {} · {}", index + 1, enterprise.display_name()),
            );
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
        if ui.button(labels::NEW_BATCH_START).clicked() {
            commands.push(Command::Batch(BatchCommand::New {
                year: form.year.trim().to_owned(),
                copy: (0..form.copy.len()).filter(|&i| form.copy[i]).collect(),
            }));
        }
    });
}
