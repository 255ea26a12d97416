//! 企业 N: the enterprise's facts, key figures, report sections and attachments.

use egui::{RichText, Ui};

use crate::model::field::{BUILT_IN_FIELDS, BuiltInField, BuiltInKind};
use crate::model::template::FieldKind;
use crate::model::validate::{EnterpriseField as F, FieldPath};
use crate::model::{Draft, Enterprise, IssueKind, Template, credit_code};
use crate::ui::command::Command;
use crate::ui::form::{Form, Normalize, warning_color};
use crate::ui::labels;

/// Draws the page of enterprise `index`.
pub fn enterprise_ui(ui: &mut Ui, draft: &mut Draft, index: usize, form: &mut Form<'_>) {
    let count = draft.enterprises.len();
    // The enterprise is edited while the template says what it has: two parts of the draft, borrowed apart.
    let template = &draft.template;
    let Some(e) = draft.enterprises.get_mut(index) else {
        ui.label("这家企业已被删除。");
        return;
    };
    ui.horizontal(|ui| {
        ui.heading(format!("企业 {}（推荐排序第 {} 位）", index + 1, index + 1));
        if ui
            .add_enabled(index > 0, egui::Button::new(labels::MOVE_UP))
            .clicked()
        {
            form.commands.push(Command::MoveEnterprise {
                from: index,
                to: index - 1,
            });
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new(labels::MOVE_DOWN))
            .clicked()
        {
            form.commands.push(Command::MoveEnterprise {
                from: index,
                to: index + 1,
            });
        }
        if ui.button(labels::REMOVE_ENTERPRISE).clicked() {
            form.commands.push(Command::AskRemoveEnterprise(index));
        }
    });
    let at = |field| FieldPath::Enterprise { index, field };

    ui.add_space(8.0);
    ui.strong(labels::SECTION_HEADING_BASIC);
    built_in_grid(ui, e, ("enterprise", index), false, form);
    ui.add_space(12.0);
    ui.strong(labels::SECTION_HEADING_FIGURES);
    built_in_grid(ui, e, ("figures", index), true, form);

    custom_fields_ui(ui, e, template, index, form);

    ui.add_space(12.0);
    ui.heading(labels::SECTION_HEADING_REPORT);
    for spec in &template.report.sections {
        let path = at(F::Section(spec.key.clone()));
        ui.add_space(10.0);
        let heading = ui.label(RichText::new(&spec.heading).strong().size(17.0));
        ui.label(RichText::new(&spec.guidance).weak().small());
        // The count and the findings sit between the heading and the text, so a jump from 报送前检查 that shows
        // the heading shows them too; the count above already says "over the recommended length". The section's
        // tables count with its text.
        ui.label(count_text(
            ui,
            e.section_chars(&spec.key),
            spec.recommended_chars,
        ));
        let mut scratch = String::new();
        let text = crate::ui::form::shown_entry(ui, &mut e.sections, &spec.key, &mut scratch);
        form.hints_ui_except(ui, &path, |kind| {
            matches!(kind, IssueKind::OverRecommended { .. })
        });
        let output = egui::TextEdit::multiline(text)
            .id_salt(("section", index, &spec.key))
            .desired_rows(8)
            .desired_width(f32::INFINITY)
            .show(ui);
        let response = output.response.response.clone().labelled_by(heading.id);
        form.changed |= response.changed();
        if form.focus.as_ref() == Some(&path) {
            *form.focus = None;
            let place = problem_place(form, &path, text);
            super::section_focus::focus_section(ui, &heading, &output, place);
        }
        crate::ui::section_table::section_tables_ui(ui, e, &spec.key, &spec.heading, index, form);
    }

    ui.add_space(16.0);
    attachments_ui(ui, draft, index, form);
}

/// The built-in fields of one group of the form, the facts or the key figures, in the vocabulary's order.
fn built_in_grid(
    ui: &mut Ui,
    e: &mut Enterprise,
    (grid, index): (&str, usize),
    key_figures: bool,
    form: &mut Form<'_>,
) {
    egui::Grid::new((grid, index))
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for f in BUILT_IN_FIELDS
                .iter()
                .filter(|f| f.kind.is_key_figure() == key_figures)
            {
                let path = FieldPath::Enterprise {
                    index,
                    field: F::BuiltIn(f.id),
                };
                built_in_row(ui, (f.value_mut)(e), &path, f, form);
            }
        });
}

/// A grid row for one built-in field, edited as its kind says.
fn built_in_row(
    ui: &mut Ui,
    value: &mut String,
    path: &FieldPath,
    f: &BuiltInField,
    form: &mut Form<'_>,
) {
    match f.kind {
        BuiltInKind::Text | BuiltInKind::Phone | BuiltInKind::Money | BuiltInKind::Headcount => {
            form.text_row(ui, f.label, value, path, f.hint);
        }
        // Stored as the documents print it, the moment it is typed or pasted, and the clerk is told so.
        BuiltInKind::CreditCode => {
            form.text_row_normalized(
                ui,
                f.label,
                value,
                path,
                f.hint,
                Normalize::AsTyped(credit_code::normalize, labels::CODE_NORMALIZED),
            );
        }
        BuiltInKind::Suggested(suggestions) => {
            suggested_row(ui, value, path, (f.label, f.hint), suggestions, form);
        }
        BuiltInKind::Choice(choices) => {
            built_in_choice_row(ui, value, path, f.label, choices, form);
        }
    }
}

/// The template's own fields, one table-driven row each: a text box, or a list for a choice field.
fn custom_fields_ui(
    ui: &mut Ui,
    e: &mut Enterprise,
    template: &Template,
    index: usize,
    form: &mut Form<'_>,
) {
    if template.fields.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.strong(labels::SECTION_HEADING_CUSTOM);
    egui::Grid::new(("custom_fields", index))
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for spec in &template.fields {
                let path = FieldPath::Enterprise {
                    index,
                    field: F::Custom(spec.key.clone()),
                };
                let mut scratch = String::new();
                let value =
                    crate::ui::form::shown_entry(ui, &mut e.fields, &spec.key, &mut scratch);
                let label = if spec.required {
                    spec.label.clone()
                } else {
                    format!("{}（选填）", spec.label)
                };
                match spec.kind {
                    FieldKind::Choice => choice_row(ui, value, &path, &label, &spec.choices, form),
                    FieldKind::Date => {
                        form.date_row(ui, &label, value, &path);
                    }
                    FieldKind::Number => {
                        form.text_row(ui, &label, value, &path, "数字");
                    }
                    FieldKind::Integer => {
                        form.text_row(ui, &label, value, &path, "整数");
                    }
                    FieldKind::Text => {
                        let hint = spec
                            .max_chars
                            .map(|m| format!("最多 {m} 字"))
                            .unwrap_or_default();
                        form.text_row(ui, &label, value, &path, &hint);
                    }
                }
            }
        });
}

fn choice_row(
    ui: &mut Ui,
    value: &mut String,
    path: &FieldPath,
    label_text: &str,
    choices: &[String],
    form: &mut Form<'_>,
) {
    let label = ui.label(label_text);
    ui.vertical(|ui| {
        combo_with_hints_ui(ui, value, ("choice", path), path, choices, label.id, form);
    });
    ui.end_row();
}

/// A 请选择 combo box of `choices` tied to its label, then the field's hints; returns the hint lines drawn.
/// Shared by the template's choice fields and the built-in 企业性质 row.
fn combo_with_hints_ui<S: AsRef<str>>(
    ui: &mut Ui,
    value: &mut String,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    path: &FieldPath,
    choices: &[S],
    label_id: egui::Id,
    form: &mut Form<'_>,
) -> usize {
    let selected = if value.is_empty() {
        "请选择".to_owned()
    } else {
        value.clone()
    };
    let response = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            for choice in choices.iter().map(AsRef::as_ref) {
                if ui.selectable_label(value == choice, choice).clicked() {
                    choice.clone_into(value);
                    form.changed = true;
                }
            }
        })
        .response
        .labelled_by(label_id);
    form.take_focus(path, &response);
    form.hints_ui(ui, path)
}

/// `1234 / 3000 字`, in the warning colour with the excess once over the recommended length.
fn count_text(ui: &Ui, count: usize, recommended: usize) -> RichText {
    let text = if count > recommended {
        RichText::new(format!(
            "{count} / {recommended} 字（超出建议篇幅 {} 字）",
            count - recommended
        ))
        .color(warning_color(ui))
    } else {
        RichText::new(format!("{count} / {recommended} 字")).weak()
    };
    text.small()
}

/// Where in a section the first finding is, as a character index: the first character the fonts lack, or where
/// the text goes past its recommended length; `None` when the finding is about the section as a whole.
fn problem_place(form: &Form<'_>, path: &FieldPath, text: &str) -> Option<usize> {
    form.issues_for(path).find_map(|issue| match &issue.kind {
        IssueKind::MissingGlyphs { chars } => text.chars().position(|c| chars.contains(c)),
        IssueKind::OverRecommended { recommended, .. } => {
            super::section_focus::index_after_count(text, *recommended)
        }
        _ => None,
    })
}

/// Free text with a menu of suggestions beside it (所属行业).
fn suggested_row(
    ui: &mut Ui,
    value: &mut String,
    path: &FieldPath,
    (label_text, hint): (&str, &str),
    suggestions: &[&str],
    form: &mut Form<'_>,
) {
    let label = ui.label(label_text);
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(value)
                        .id_salt(("field", &path))
                        .hint_text(hint),
                )
                .labelled_by(label.id);
            form.take_focus(path, &response);
            form.changed |= response.changed();
            ui.menu_button("常见领域 ▼", |ui| {
                for suggestion in suggestions {
                    if ui.button(*suggestion).clicked() {
                        *value = (*suggestion).to_owned();
                        form.changed = true;
                        ui.close();
                    }
                }
            });
        });
        let lines = form.hints_ui(ui, path);
        crate::ui::form::reserve_hint_line(ui, lines);
    });
    ui.end_row();
}

/// A built-in field picked from a list (企业性质), with room kept for a line of hints.
fn built_in_choice_row(
    ui: &mut Ui,
    value: &mut String,
    path: &FieldPath,
    label_text: &str,
    choices: &[&str],
    form: &mut Form<'_>,
) {
    let label = ui.label(label_text);
    ui.vertical(|ui| {
        let lines =
            combo_with_hints_ui(ui, value, ("nature", &path), path, choices, label.id, form);
        crate::ui::form::reserve_hint_line(ui, lines);
    });
    ui.end_row();
}

fn attachments_ui(ui: &mut Ui, draft: &Draft, index: usize, form: &mut Form<'_>) {
    ui.heading(labels::SECTION_HEADING_ATTACHMENTS);
    let Some(e) = draft.enterprises.get(index) else {
        return;
    };
    if e.attachments.is_empty() {
        ui.label(RichText::new("尚无附件。").weak());
    }
    for (i, attachment) in e.attachments.iter().enumerate() {
        let path = FieldPath::Enterprise {
            index,
            field: F::Attachment(i),
        };
        ui.horizontal(|ui| {
            let response = ui.label(format!(
                "{}. {}（{}）",
                i + 1,
                attachment.name,
                human_size(attachment.size_bytes)
            ));
            form.take_focus(&path, &response);
            if ui.small_button(labels::REMOVE_ATTACHMENT).clicked() {
                form.commands.push(Command::RemoveAttachment {
                    enterprise: index,
                    index: i,
                });
            }
        });
        form.hints_ui(ui, &path);
    }
    ui.horizontal(|ui| {
        if ui.button(labels::ATTACH_FILES).clicked() {
            form.commands.push(Command::AttachFiles(index));
        }
        // For when the system's file dialog cannot open (or the clerk has the path at hand).
        if ui.button(labels::TYPE_PATH).clicked() {
            form.commands.push(Command::AskPath(
                crate::ui::file_picker::PathTarget::Attach(index),
            ));
        }
    });
}

/// `5 字节`, `12.3 KB`, `4.5 MB`.
pub fn human_size(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} 字节")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KB", b / 1024.0)
    } else {
        format!("{:.1} MB", b / 1024.0 / 1024.0)
    }
}
