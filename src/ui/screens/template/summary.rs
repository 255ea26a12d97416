//! The 汇总表 part of the 模板 page: title, attachment label and the columns in order.

use egui::{RichText, Ui};

use super::report::add_combo_ui;
use super::{item_problem_ui, move_buttons_ui, text_row};
use crate::model::Template;
use crate::model::template::edit;
use crate::model::template::{BUILT_IN_FIELDS, COLUMN_PSEUDO_FIELDS, ColumnSpec};
use crate::ui::labels;

/// Title, label and columns of the 推荐名单汇总表.
pub fn summary_ui(ui: &mut Ui, t: &mut Template, problem: Option<(usize, &str)>) {
    ui.heading("附件3 推荐名单汇总表");
    egui::Grid::new("template_summary")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            text_row(
                ui,
                "汇总表附件标注",
                &mut t.summary.attachment_label,
                "如：附件3",
            );
            text_row(ui, "汇总表标题", &mut t.summary.title, "");
        });
    ui.add_space(6.0);
    ui.strong("汇总表的列（按顺序）");
    ui.label(
        RichText::new("表头留空时用字段名称（浅色显示）；鼠标停在表头上可看到对应的字段。")
            .small()
            .weak(),
    );
    let count = t.summary.columns.len();
    let mut moved = None;
    let mut removed = None;
    let labels: Vec<String> = t
        .summary
        .columns
        .iter()
        .map(|c| t.field_label(&c.field))
        .collect();
    for (index, column) in t.summary.columns.iter_mut().enumerate() {
        let field_label = &labels[index];
        // A row of its own rather than a grid cell: a grid sizes a text box from the last frame's column width.
        ui.horizontal(|ui| {
            let label = ui.label(format!("列 {} 表头", index + 1));
            let mut header = column.label.clone().unwrap_or_default();
            ui.add(
                egui::TextEdit::singleline(&mut header)
                    .hint_text(field_label.as_str())
                    .desired_width(200.0),
            )
            .labelled_by(label.id)
            .on_hover_text(format!("字段：{field_label}（{}）", column.field));
            column.label = (!header.trim().is_empty()).then_some(header);
            if let Some(up) = move_buttons_ui(ui, index, count) {
                moved = Some((index, up));
            }
            if ui
                .add_enabled(count > 1, egui::Button::new("移除").small())
                .clicked()
            {
                removed = Some(index);
            }
        });
        item_problem_ui(ui, index, problem);
    }
    if let Some((index, up)) = moved {
        edit::move_item(&mut t.summary.columns, index, up);
    }
    if let Some(index) = removed {
        t.summary.columns.remove(index);
    }
    let offered: Vec<(String, String)> = COLUMN_PSEUDO_FIELDS
        .iter()
        .map(|(key, _)| (*key).to_owned())
        .chain(BUILT_IN_FIELDS.iter().map(|f| f.key.to_owned()))
        .chain(t.fields.iter().map(|f| f.key.clone()))
        .filter(|key| !t.summary.columns.iter().any(|c| &c.field == key))
        .map(|key| (t.field_label(&key), key))
        .collect();
    if let Some(field) = add_combo_ui(
        ui,
        "template_add_column",
        labels::TEMPLATE_ADD_COLUMN,
        &offered,
    ) {
        t.summary.columns.push(ColumnSpec { field, label: None });
    }
}
