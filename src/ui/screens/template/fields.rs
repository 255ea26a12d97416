//! The batch rules and the custom enterprise fields on the 模板 page.

use egui::{RichText, Ui};

use super::{combo_row, item_problem_ui, move_buttons_ui, text_row};
use crate::model::template::edit;
use crate::model::template::{FieldKind, FieldSpec, MAX_QUOTA};
use crate::model::{Draft, Template};
use crate::ui::command::{Command, TemplateCommand};
use crate::ui::form::Form;
use crate::ui::labels;

/// Name and rules: the quota, the usual deadline, paper copies, the medium.
pub fn rules_ui(ui: &mut Ui, t: &mut Template) {
    ui.heading("模板名称与报送规则");
    egui::Grid::new("template_rules")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(ui, "模板名称", &mut t.name, "如：2025年 市监质发〔2025〕号");
            let rules = &mut t.rules;
            if let Some(n) = combo_row(
                ui,
                labels::TEMPLATE_QUOTA,
                rules.max_enterprises,
                1..=MAX_QUOTA,
                |n| format!("{n} 家"),
            ) {
                rules.max_enterprises = n;
            }
            text_row(ui, "截止日期（月-日）", &mut rules.deadline, "如：09-20");
            if let Some(n) = combo_row(ui, "纸质份数", rules.paper_copies, 1..=20, |n| {
                format!("{n} 份")
            }) {
                rules.paper_copies = n;
            }
            text_row(ui, "报送介质", &mut rules.medium, "如：CD");
        });
}

/// The template's own enterprise fields: name, kind, required, limit, choices; add, remove, reorder.
pub fn fields_ui(
    ui: &mut Ui,
    draft: &Draft,
    t: &mut Template,
    problem: Option<(usize, &str)>,
    form: &mut Form<'_>,
) {
    ui.heading("自定义企业字段");
    ui.label(
        RichText::new("内置字段（企业名称、统一社会信用代码等）之外的信息，会出现在企业页面和检查中；要打印，请把它加到基本情况表或汇总表。")
            .small()
            .weak(),
    );
    let count = t.fields.len();
    let mut moved = None;
    for (index, field) in t.fields.iter_mut().enumerate() {
        ui.group(|ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("字段 {}", index + 1));
                ui.label(RichText::new(format!("key：{}", field.key)).small().weak());
                if let Some(up) = move_buttons_ui(ui, index, count) {
                    moved = Some((index, up));
                }
                if ui.small_button("移除…").clicked() {
                    form.commands
                        .push(Command::Template(TemplateCommand::RemoveField {
                            key: field.key.clone(),
                            confirmed: false,
                        }));
                }
            });
            field_grid_ui(ui, index, field);
            item_problem_ui(ui, index, problem);
        });
    }
    if let Some((index, up)) = moved {
        edit::move_item(&mut t.fields, index, up);
    }
    if ui.button(labels::TEMPLATE_ADD_FIELD).clicked() {
        let field = edit::new_field(t, draft);
        t.fields.push(field);
    }
}

fn field_grid_ui(ui: &mut Ui, index: usize, field: &mut FieldSpec) {
    let n = index + 1;
    egui::Grid::new(("template_field", index))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                &format!("字段 {n} 名称"),
                &mut field.label,
                "如：所属产业链",
            );
            if let Some(kind) = combo_row(
                ui,
                &format!("字段 {n} 类型"),
                field.kind,
                FieldKind::ALL,
                |k| k.label().to_owned(),
            ) {
                edit::set_kind(field, kind);
            }
            let label = ui.label(format!("字段 {n} 字数上限"));
            ui.horizontal(|ui| {
                let mut limit = field.max_chars.unwrap_or(0);
                ui.add(
                    egui::DragValue::new(&mut limit)
                        .range(0..=2000)
                        .custom_formatter(|v, _| {
                            if v < 1.0 {
                                "不限".to_owned()
                            } else {
                                format!("{v:.0} 字")
                            }
                        }),
                )
                .labelled_by(label.id);
                field.max_chars = (limit > 0).then_some(limit);
                ui.checkbox(&mut field.required, format!("字段 {n} 必填"));
            });
            ui.end_row();
            if field.kind.has_choices() {
                choices_row_ui(ui, n, field);
            }
        });
}

/// The choices of a choice field, one a line. The text as typed is kept between frames (a line being started
/// is not yet a choice), and follows the field when its choices change elsewhere.
fn choices_row_ui(ui: &mut Ui, n: usize, field: &mut FieldSpec) {
    let label = ui.label(format!("字段 {n} 选项（每行一个）"));
    let id = egui::Id::unique(("template_choices", &field.key));
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .filter(|text| edit::parse_choices(text) == field.choices)
        .unwrap_or_else(|| field.choices.join("\n"));
    ui.add(
        egui::TextEdit::multiline(&mut text)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    field.choices = edit::parse_choices(&text);
    ui.data_mut(|d| d.insert_temp(id, text));
    ui.end_row();
}
