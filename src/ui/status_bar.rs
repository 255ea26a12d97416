//! The status bar: the save state, the days left to the deadline, and the count of findings.

use chrono::NaiveDate;
use egui::RichText;

use super::app::SaveState;
use super::command::{Command, Screen};
use super::form::{error_color, warning_color};
use crate::model::Draft;
use crate::model::validate::{Issue, Severity};

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    draft: &Draft,
    issues: &[Issue],
    save_state: &SaveState,
    today: NaiveDate,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        match save_state {
            SaveState::Unchanged => ui.label("草稿自动保存"),
            SaveState::Saved(at) => ui.label(format!("● 已自动保存 {}", at.format("%H:%M:%S"))),
            SaveState::Failed(reason) => ui.label(
                RichText::new(format!("● 保存失败，内容仍在窗口中，将自动重试：{reason}"))
                    .color(error_color(ui)),
            ),
        };
        ui.separator();
        ui.label(deadline_text(draft, today));
        ui.separator();
        let errors = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let warnings = issues.len() - errors;
        // Orange only while a warning still waits for a reason: once all are confirmed, nothing is pending.
        let unconfirmed = issues
            .iter()
            .filter(|i| {
                i.severity == Severity::Warning
                    && crate::model::validate::acknowledgement(draft, i).is_none()
            })
            .count();
        let text = RichText::new(format!("{errors} 个错误 · {warnings} 个警告"));
        let text = if errors > 0 {
            text.color(error_color(ui))
        } else if unconfirmed > 0 {
            text.color(warning_color(ui))
        } else {
            text
        };
        if ui.link(text).clicked() {
            commands.push(Command::Show(Screen::Check));
        }
    });
}

/// `距报送截止（2024-09-20）还有 12 天`, `今天是报送截止日`, `已超过报送截止日期 3 天`.
pub fn deadline_text(draft: &Draft, today: NaiveDate) -> String {
    let Some(deadline) = draft.batch.deadline_date() else {
        return "报送截止日期未填或格式不对".to_owned();
    };
    let days = (deadline - today).num_days();
    match days {
        0 => format!("今天（{deadline}）是报送截止日"),
        d if d > 0 => format!("距报送截止（{deadline}）还有 {d} 天"),
        d => format!("已超过报送截止日期（{deadline}）{} 天", -d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_text_counts_days() {
        let draft = Draft::new(NaiveDate::from_ymd_opt(2024, 9, 1).expect("date"));
        let day = |d| NaiveDate::from_ymd_opt(2024, 9, d).expect("date");
        assert_eq!(
            deadline_text(&draft, day(8)),
            "距报送截止（2024-09-20）还有 12 天"
        );
        assert_eq!(
            deadline_text(&draft, day(20)),
            "今天（2024-09-20）是报送截止日"
        );
        assert_eq!(
            deadline_text(&draft, day(23)),
            "已超过报送截止日期（2024-09-20）3 天"
        );
    }
}
