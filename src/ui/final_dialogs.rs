//! The dialogs of 定稿 and export: before either, the unconfirmed warnings (grouped by kind, one reason per
//! kind, the cursor in the first reason box) and a past deadline; 取消定稿 asks for its reason.

use egui::{RichText, Ui};

use super::command::{Command, Purpose};
use super::labels;
use crate::model::pending::WarningGroup;
use crate::model::{Draft, messages};

/// How many warnings of a kind are listed before "…等 N 条".
const LISTED: usize = 4;

/// The before-submit dialog's state.
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeSubmit {
    pub purpose: Purpose,
    pub groups: Vec<WarningGroup>,
    /// One reason per group, in the groups' order.
    pub reasons: Vec<String>,
    pub deadline_passed: Option<chrono::NaiveDate>,
    /// The cursor goes into the first reason box once, when the dialog opens.
    pub focus_pending: bool,
}

impl BeforeSubmit {
    /// The dialog for `purpose`, or `None` when there is nothing to ask.
    pub fn new(purpose: Purpose, draft: &Draft, today: chrono::NaiveDate) -> Option<Self> {
        let pending = crate::model::pending::unconfirmed(draft, &draft.template);
        let groups = crate::model::pending::groups(&pending);
        let deadline_passed = crate::model::pending::deadline_passed(draft, today);
        if groups.is_empty() && deadline_passed.is_none() && purpose != Purpose::Finalize {
            return None;
        }
        Some(Self {
            purpose,
            reasons: vec![String::new(); groups.len()],
            groups,
            deadline_passed,
            focus_pending: true,
        })
    }
}

/// Draws the before-submit dialog; buttons push commands.
pub fn before_submit_ui(
    ui: &mut Ui,
    state: &mut BeforeSubmit,
    draft: &Draft,
    commands: &mut Vec<Command>,
) {
    let finalize = state.purpose == Purpose::Finalize;
    ui.heading(if finalize {
        labels::FINALIZE_NOW
    } else {
        labels::EXPORT_START
    });
    if finalize {
        ui.label("定稿后草稿冻结（不能修改、恢复或导入），导出的报送材料每页页脚印有定稿码，并生成 .iso 光盘映像。如需修改，可“取消定稿”并写明理由。");
    }
    if let Some(deadline) = state.deadline_passed {
        ui.label(RichText::new(messages::deadline_passed_text(deadline)).strong());
    }
    if !state.groups.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(labels::PENDING_TITLE).strong());
        ui.label("同一类警告可以写一个理由一并确认；也可以不确认，直接继续。");
    }
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for (i, group) in state.groups.iter().enumerate() {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!(
                        "{}（{} 条）",
                        messages::warning_kind_title(&group.kind),
                        group.issues.len()
                    ))
                    .strong(),
                );
                for issue in group.issues.iter().take(LISTED) {
                    ui.label(messages::issue_line(issue, draft, &draft.template));
                }
                if group.issues.len() > LISTED {
                    ui.label(format!("…等 {} 条", group.issues.len()));
                }
                let Some(reason) = state.reasons.get_mut(i) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    let label = ui.label(labels::ACK_REASON);
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(reason)
                                .desired_width(320.0)
                                .hint_text(messages::reason_example(&group.kind)),
                        )
                        .labelled_by(label.id);
                    if i == 0 && state.focus_pending {
                        response.request_focus();
                        state.focus_pending = false;
                    }
                    let has_reason = !reason.trim().is_empty();
                    if ui
                        .add_enabled(has_reason, egui::Button::new(labels::CONFIRM_GROUP))
                        .clicked()
                    {
                        commands.push(Command::ConfirmWarnings {
                            kind: group.kind.clone(),
                            reason: reason.clone(),
                        });
                    }
                });
            }
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let go = match (
            finalize,
            state.groups.is_empty() && state.deadline_passed.is_none(),
        ) {
            (true, true) => labels::FINALIZE_NOW,
            (true, false) => labels::FINALIZE_ANYWAY,
            (false, _) => labels::EXPORT_ANYWAY,
        };
        if ui.button(go).clicked() {
            commands.push(Command::Proceed(state.purpose));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// Draws the 取消定稿 dialog: the reason is required.
pub fn unfinalize_ui(ui: &mut Ui, draft: &Draft, reason: &mut String, commands: &mut Vec<Command>) {
    ui.heading(labels::UNFINALIZE_NOW);
    if let Some(f) = &draft.finalized {
        ui.label(format!(
            "当前定稿码 {}（{} 定稿）。取消后草稿可以修改，再次定稿会得到新的定稿码；已打印或已刻录的材料需按新定稿重新制作。",
            f.code,
            crate::model::finalize::display_time(&f.at)
        ));
    }
    let label = ui.label(labels::UNFINALIZE_REASON);
    let response = ui
        .add(
            egui::TextEdit::multiline(reason)
                .desired_rows(2)
                .hint_text("例：处领导要求修改企业 2 的典型经验做法"),
        )
        .labelled_by(label.id);
    if !response.has_focus() && reason.is_empty() {
        response.request_focus();
    }
    ui.horizontal(|ui| {
        let has_reason = !reason.trim().is_empty();
        if ui
            .add_enabled(has_reason, egui::Button::new(labels::UNFINALIZE_NOW))
            .clicked()
        {
            commands.push(Command::Unfinalize(reason.clone()));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::CloseDialog);
        }
    });
}

/// The 定稿 banner (final) or the review-copy bar (not final), with the action that changes it.
///
/// `archived`: why 定稿 and 取消定稿 are not offered (an archived batch shown read-only), given on hover.
pub fn final_bar_ui(
    ui: &mut Ui,
    draft: &Draft,
    archived: Option<&str>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| match &draft.finalized {
        Some(f) => {
            ui.label(
                RichText::new(format!(
                    "已定稿 · 定稿码 {} · {}",
                    f.code,
                    crate::model::finalize::display_time(&f.at)
                ))
                .strong()
                .color(ui.visuals().hyperlink_color),
            );
            ui.label(RichText::new("草稿已冻结，不能修改").weak());
            if final_button_ui(ui, labels::UNFINALIZE, archived) {
                commands.push(Command::AskUnfinalize);
            }
        }
        None => {
            ui.label(RichText::new(labels::NOT_FINAL_BAR).weak());
            if final_button_ui(ui, labels::FINALIZE, archived) {
                commands.push(Command::AskFinalize);
            }
        }
    });
}

/// 定稿… or 取消定稿…, disabled with the reason on hover while `archived` says why; true when clicked.
pub fn final_button_ui(ui: &mut Ui, text: &str, archived: Option<&str>) -> bool {
    ui.add_enabled(archived.is_none(), egui::Button::new(text))
        .on_disabled_hover_text(archived.unwrap_or_default())
        .clicked()
}

/// The 定稿记录 on the export page.
pub fn final_log_ui(ui: &mut Ui, draft: &Draft) {
    use crate::model::finalize::{LogAction, display_time};
    ui.heading(labels::FINAL_LOG);
    if draft.final_log.is_empty() {
        ui.label(RichText::new("尚未定稿过。").weak());
        return;
    }
    for entry in &draft.final_log {
        let line = match entry.action {
            LogAction::Finalize => {
                format!("{}　定稿，定稿码 {}", display_time(&entry.at), entry.code)
            }
            LogAction::Unfinalize => format!(
                "{}　取消定稿（原定稿码 {}），理由：{}",
                display_time(&entry.at),
                entry.code,
                entry.reason
            ),
            LogAction::Note => format!("{}　{}", display_time(&entry.at), entry.reason),
        };
        ui.label(line);
    }
}
