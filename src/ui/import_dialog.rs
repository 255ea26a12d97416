//! The plan dialog of 从 Word 导入 and 从 Word 批量导入 (docs/import.md): every block the file was cut into with
//! its first line, its length and its target, which the clerk changes with one click; what goes into the form's
//! fields; what does not fit. The clerk confirms (replacing non-empty text, or filling only the empty parts),
//! skips the file of a batch, or cancels.

use egui::RichText;

use super::command::{Command, WordCommand};
use super::labels;
use crate::import::{ImportPlan, Target};
use crate::model::Draft;
use crate::model::section_table::section_chars;

/// Where the plan in the dialog goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportInto {
    /// Into the enterprise at this place.
    Enterprise(usize),
    /// A new enterprise of a batch import; `done` files before it were imported, `rest` come after it, and
    /// `problems` names files that could not be read.
    New {
        done: usize,
        rest: Vec<std::path::PathBuf>,
        problems: Vec<String>,
    },
}

/// The width kept free on the right of the scrolled list, so no line runs under the scroll bar.
const SCROLL_BAR_ROOM: f32 = 18.0;

/// Draws the plan.
pub fn import_plan_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    into: &ImportInto,
    plan: &ImportPlan,
    save_aliases: &mut bool,
    commands: &mut Vec<Command>,
) {
    match into {
        ImportInto::Enterprise(enterprise) => {
            let name = draft
                .enterprises
                .get(*enterprise)
                .map_or("", |e| e.display_name());
            ui.heading(labels::IMPORT_WORD.trim_end_matches('…'));
            ui.label(format!(
                "从「{}」导入到企业 {}「{name}」，各部分将放到：",
                plan.source,
                enterprise + 1
            ));
        }
        ImportInto::New { done, rest, .. } => {
            ui.heading(labels::IMPORT_WORD_BATCH.trim_end_matches('…'));
            ui.label(format!(
                "第 {} 个文件（共 {} 个）「{}」将成为一家新企业，各部分将放到：",
                done + 1,
                done + 1 + rest.len(),
                plan.source
            ));
        }
    }
    ui.add_space(4.0);
    // A new id for each plan: the list opens at its top, not where the last plan was scrolled to.
    egui::ScrollArea::vertical()
        .id_salt(("import_plan", &plan.source, into_salt(into)))
        .max_height(380.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width() - SCROLL_BAR_ROOM);
            blocks_ui(ui, plan, commands);
            facts_ui(ui, plan);
        });
    ui.add_space(8.0);
    if plan.blocks.iter().any(|b| b.heading.is_some()) {
        ui.checkbox(save_aliases, labels::IMPORT_SAVE_ALIASES);
    }
    let apply = |replace_existing| Command::Word(WordCommand::Apply { replace_existing });
    ui.horizontal(|ui| {
        if plan.is_empty() {
            if matches!(into, ImportInto::New { .. }) {
                if ui.button(labels::IMPORT_SKIP_FILE).clicked() {
                    commands.push(Command::Word(WordCommand::SkipFile));
                }
            } else if ui.button(labels::OK).clicked() {
                commands.push(Command::CloseDialog);
            }
            return;
        }
        if plan.replaces_anything() {
            if ui.button(labels::IMPORT_REPLACE).clicked() {
                commands.push(apply(true));
            }
            if ui.button(labels::IMPORT_FILL_ONLY).clicked() {
                commands.push(apply(false));
            }
        } else if ui.button(labels::IMPORT_APPLY).clicked() {
            commands.push(apply(false));
        }
        if matches!(into, ImportInto::New { .. }) && ui.button(labels::IMPORT_SKIP_FILE).clicked() {
            commands.push(Command::Word(WordCommand::SkipFile));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
    if !plan.is_empty() {
        ui.label(
            RichText::new("导入后可用页面上方的“撤销导入”恢复原来的内容。")
                .small()
                .weak(),
        );
    }
}

fn into_salt(into: &ImportInto) -> usize {
    match into {
        ImportInto::Enterprise(i) => *i,
        ImportInto::New { done, .. } => 1000 + done,
    }
}

/// One row per block: first line, length, and the target as a choice.
fn blocks_ui(ui: &mut egui::Ui, plan: &ImportPlan, commands: &mut Vec<Command>) {
    let resolved = plan.resolved_targets();
    egui::Grid::new(("import_blocks", &plan.source))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for (i, (block, target)) in plan.blocks.iter().zip(&resolved).enumerate() {
                let first: String = block.first_line().chars().take(22).collect();
                let more = if block.first_line().chars().count() > 22 {
                    "…"
                } else {
                    ""
                };
                let text = RichText::new(format!("{first}{more}"));
                let label = ui.label(if block.is_recognised() {
                    text.strong()
                } else {
                    text
                });
                ui.label(format!("{} 字", block.char_count()));
                let shown = if block.target == Target::MergeUp && i > 0 {
                    format!("与上一部分合并（{}）", plan.target_label(target))
                } else {
                    plan.target_label(target)
                };
                egui::ComboBox::from_id_salt(("import_target", i))
                    .selected_text(shown)
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        let mut choose = |ui: &mut egui::Ui, choice: Target, label: String| {
                            if ui.selectable_label(block.target == choice, label).clicked()
                                && block.target != choice
                            {
                                commands.push(Command::Word(WordCommand::SetTarget {
                                    block: i,
                                    target: choice,
                                }));
                            }
                        };
                        for (key, heading) in plan.section_choices() {
                            choose(ui, Target::Section(key.to_owned()), heading.to_owned());
                        }
                        choose(ui, Target::Skip, plan.target_label(&Target::Skip));
                        if i > 0 {
                            choose(ui, Target::MergeUp, plan.target_label(&Target::MergeUp));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                if let Some(note) = plan.block_note(i) {
                    ui.label(RichText::new(note).small().weak());
                    ui.end_row();
                }
            }
        });
}

/// The sections' totals, the form's fields, the notes and what does not fit.
fn facts_ui(ui: &mut egui::Ui, plan: &ImportPlan) {
    ui.add_space(6.0);
    for s in &plan.sections {
        let replaced = if s.replaces() {
            let current = section_chars(&s.current, &s.current_tables);
            format!("（替换现有 {current} 字）")
        } else {
            String::new()
        };
        let tables = match s.tables.len() {
            0 => String::new(),
            n => format!("，含 {n} 个表格"),
        };
        let text = RichText::new(format!(
            "{} ← {} 字{tables}{replaced}",
            s.heading,
            s.char_count()
        ));
        ui.label(if s.replaces() { text.strong() } else { text });
    }
    for f in &plan.fields {
        let replaced = if f.replaces() {
            format!("（替换现有「{}」）", f.current.trim())
        } else {
            String::new()
        };
        let text = RichText::new(format!("{} ← {}{replaced}", f.label, f.value));
        ui.label(if f.replaces() { text.strong() } else { text });
    }
    if plan.is_empty() {
        ui.label("没有找到可以导入的章节或企业信息。");
    }
    for note in &plan.notes {
        ui.label(RichText::new(note).weak());
    }
    for text in &plan.unfit {
        ui.label(RichText::new(format!("未填入：{text}")).color(ui.visuals().warn_fg_color));
    }
    if !plan.unplaced.is_empty() {
        ui.label(format!(
            "未归入的文字（{} 段，不导入）：",
            plan.unplaced.len()
        ));
        for text in &plan.unplaced {
            let short: String = text.chars().take(60).collect();
            let more = if text.chars().count() > 60 { "…" } else { "" };
            ui.label(RichText::new(format!("  {short}{more}")).weak());
        }
    }
}
