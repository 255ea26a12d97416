//! The 推荐报告 part of the 模板 page: title, attachment label and closing, the facts-table rows, the sections.

use egui::{RichText, Ui};

use super::{item_problem_ui, move_buttons_ui, text_row};
use crate::model::template::edit;
use crate::model::template::{BUILT_IN_FIELDS, SectionSpec};
use crate::model::{Draft, Template};
use crate::ui::command::{Command, TemplateCommand};
use crate::ui::form::Form;
use crate::ui::labels;

/// Title, labels, facts rows and sections of the report.
pub fn report_ui(
    ui: &mut Ui,
    draft: &Draft,
    t: &mut Template,
    problem: Option<(usize, &str)>,
    form: &mut Form<'_>,
) {
    ui.heading("附件2 推荐报告");
    egui::Grid::new("template_report")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                "报告附件标注",
                &mut t.report.attachment_label,
                "如：附件2",
            );
            text_row(ui, "报告标题", &mut t.report.title, "");
            text_row(
                ui,
                "报告落款",
                &mut t.report.closing,
                "如：推荐单位（盖章）",
            );
        });
    ui.add_space(8.0);
    facts_ui(ui, t);
    ui.add_space(8.0);
    ui.strong("报告章节（按顺序）");
    let count = t.report.sections.len();
    let mut moved = None;
    for (index, section) in t.report.sections.iter_mut().enumerate() {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("章节 {}", index + 1));
                ui.label(
                    RichText::new(format!("key：{}", section.key))
                        .small()
                        .weak(),
                );
                if let Some(up) = move_buttons_ui(ui, index, count) {
                    moved = Some((index, up));
                }
                let remove = ui
                    .add_enabled(count > 1, egui::Button::new("移除…").small())
                    .on_disabled_hover_text("模板至少要有一个章节");
                if remove.clicked() {
                    form.commands
                        .push(Command::Template(TemplateCommand::RemoveSection {
                            key: section.key.clone(),
                            confirmed: false,
                        }));
                }
            });
            section_grid_ui(ui, index, section);
            item_problem_ui(ui, index, problem);
        });
    }
    if let Some((index, up)) = moved {
        edit::move_item(&mut t.report.sections, index, up);
    }
    if ui.button(labels::TEMPLATE_ADD_SECTION).clicked() {
        let section = edit::new_section(t, draft);
        t.report.sections.push(section);
    }
}

fn section_grid_ui(ui: &mut Ui, index: usize, section: &mut SectionSpec) {
    let n = index + 1;
    egui::Grid::new(("template_section", index))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                &format!("章节 {n} 标题"),
                &mut section.heading,
                "如：七、其他情况",
            );
            let label = ui.label(format!("章节 {n} 填写说明"));
            ui.add(
                egui::TextEdit::multiline(&mut section.guidance)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.end_row();
            // Other headings people write for this section, which the Word import recognises (docs/import.md).
            let label = ui.label(format!("章节 {n} 其他写法"));
            let mut aliases = section.aliases.join("\n");
            let edited = ui
                .add(
                    egui::TextEdit::multiline(&mut aliases)
                        .desired_rows(1)
                        .desired_width(f32::INFINITY)
                        .hint_text("导入 Word 时也认作这一章节的标题，每行一个，如：企业概况"),
                )
                .labelled_by(label.id)
                .changed();
            if edited {
                section.aliases = edit::parse_aliases(&aliases);
            }
            ui.end_row();
            let label = ui.label(format!("章节 {n} 建议字数"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut section.recommended_chars)
                        .range(1..=50_000)
                        .speed(10.0)
                        .suffix(" 字"),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut section.required, format!("章节 {n} 必填"));
            });
            ui.end_row();
        });
}

/// The rows of the report's basic-facts table: any built-in or custom field, in order.
fn facts_ui(ui: &mut Ui, t: &mut Template) {
    ui.strong("基本情况表的行（按顺序）");
    let count = t.report.facts.len();
    let mut moved = None;
    let mut removed = None;
    for (index, key) in t.report.facts.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}. {}", index + 1, t.field_label(key)));
            if let Some(up) = move_buttons_ui(ui, index, count) {
                moved = Some((index, up));
            }
            if ui.small_button("移除").clicked() {
                removed = Some(index);
            }
        });
    }
    if let Some((index, up)) = moved {
        edit::move_item(&mut t.report.facts, index, up);
    }
    if let Some(index) = removed {
        t.report.facts.remove(index);
    }
    let offered: Vec<(String, String)> = BUILT_IN_FIELDS
        .iter()
        .map(|f| f.key.to_owned())
        .chain(t.fields.iter().map(|f| f.key.clone()))
        .filter(|key| !t.report.facts.contains(key))
        .map(|key| (t.field_label(&key), key))
        .collect();
    if let Some(key) = add_combo_ui(ui, "template_add_fact", labels::TEMPLATE_ADD_FACT, &offered) {
        t.report.facts.push(key);
    }
}

/// A list of fields to add (label, key) under `text`; the key picked this frame.
pub(super) fn add_combo_ui(
    ui: &mut Ui,
    id: &str,
    text: &str,
    offered: &[(String, String)],
) -> Option<String> {
    let mut picked = None;
    ui.horizontal(|ui| {
        let label = ui.label(text);
        ui.add_enabled_ui(!offered.is_empty(), |ui| {
            egui::ComboBox::from_id_salt(id)
                .selected_text("选择字段")
                .show_ui(ui, |ui| {
                    for (label, key) in offered {
                        if ui.selectable_label(false, label).clicked() {
                            picked = Some(key.clone());
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
    });
    picked
}
