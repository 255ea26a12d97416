//! 报送前检查: every error and warning in one list; a click takes the clerk to the field.

use egui::{RichText, Ui};

use crate::model::validate::{self, Severity};
use crate::model::{Draft, messages};
use crate::ui::command::Command;
use crate::ui::form::{Form, error_color, place, warning_color};
use crate::ui::labels;

/// Draws the check page.
pub fn check_ui(ui: &mut Ui, draft: &Draft, form: &mut Form<'_>) {
    ui.heading(labels::NAV_CHECK);
    // The check is made again after every edit, so it is never out of date: say which drafts it is about.
    ui.label(
        RichText::new(format!(
            "检查的是当前草稿（{}），每次修改后立即重新检查。",
            crate::model::made_from::state_text(draft)
        ))
        .weak(),
    );
    let errors = form
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let warnings = form.issues.len() - errors;
    let acknowledged = form
        .issues
        .iter()
        .filter(|i| validate::acknowledgement(draft, i).is_some())
        .count();
    if form.issues.is_empty() {
        ui.label(RichText::new(labels::NO_ISSUES).strong());
        return;
    }
    ui.label(format!(
        "共 {errors} 个错误（须改正后才能导出）、{warnings} 个警告（可改正，或填写理由后确认；已确认 {acknowledged} 个）。点击条目可跳到对应位置。"
    ));
    for severity in [Severity::Error, Severity::Warning] {
        let group: Vec<_> = form
            .issues
            .iter()
            .filter(|i| i.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        ui.add_space(10.0);
        let color = if severity == Severity::Error {
            error_color(ui)
        } else {
            warning_color(ui)
        };
        ui.label(
            RichText::new(format!(
                "{}（{}）",
                messages::severity_text(severity),
                group.len()
            ))
            .strong()
            .color(color),
        );
        for issue in group {
            ui.horizontal_wrapped(|ui| {
                let text = format!("{}：{}", place(issue, draft), messages::issue_text(issue));
                if ui.link(RichText::new(text).color(color)).clicked() {
                    form.commands.push(Command::FocusField(issue.field.clone()));
                }
                if severity == Severity::Warning {
                    match validate::acknowledgement(draft, issue) {
                        Some(reason) => {
                            ui.label(RichText::new(format!("已确认：{reason}")).weak());
                            if ui.small_button(labels::ACK_WITHDRAW).clicked() {
                                form.commands.push(Command::Acknowledge {
                                    issue: issue.clone(),
                                    reason: None,
                                });
                            }
                        }
                        None => {
                            if ui.small_button(labels::ACKNOWLEDGE).clicked() {
                                form.commands.push(Command::AskAcknowledge(issue.clone()));
                            }
                        }
                    }
                }
            });
        }
    }
}
