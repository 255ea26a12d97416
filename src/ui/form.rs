//! Form building blocks shared by the screens: a labelled field with its inline findings, focus on request.

use egui::{Color32, RichText, Ui};

use super::command::Command;
use crate::model::validate::{FieldPath, Issue, IssueKind, Severity};
use crate::model::{Draft, Template, messages};

/// What a screen needs besides the draft: the current findings, a pending focus request, and where to put
/// commands and the "something changed" flag.
pub struct Form<'a> {
    pub issues: &'a [Issue],
    pub template: &'a Template,
    pub focus: &'a mut Option<FieldPath>,
    pub commands: &'a mut Vec<Command>,
    pub changed: bool,
}

/// Colour of an error in the form.
pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// Colour of a warning in the form.
pub fn warning_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

impl Form<'_> {
    /// Findings for one field.
    pub fn issues_for<'i>(&'i self, path: &'i FieldPath) -> impl Iterator<Item = &'i Issue> + 'i {
        self.issues.iter().filter(move |i| &i.field == path)
    }

    /// Takes the pending focus request if it is for `path`, focusing and scrolling to `response`.
    pub fn take_focus(&mut self, path: &FieldPath, response: &egui::Response) {
        if self.focus.as_ref() == Some(path) {
            response.request_focus();
            response.scroll_to_me(Some(egui::Align::Center));
            *self.focus = None;
        }
    }

    /// A grid row: the label, then a one-line text field with its findings under it.
    pub fn text_row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &mut String,
        path: &FieldPath,
        hint: &str,
    ) -> egui::Response {
        let label_response = ui.label(label);
        let response = ui
            .vertical(|ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .id_salt(("field", path))
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label_response.id);
                self.take_focus(path, &response);
                self.hints_ui(ui, path);
                response
            })
            .inner;
        if response.changed() {
            self.changed = true;
        }
        ui.end_row();
        response
    }

    /// The findings of one field in small coloured text, with the reason when a warning was acknowledged.
    pub fn hints_ui(&self, ui: &mut Ui, path: &FieldPath) {
        for issue in self.issues_for(path) {
            if issue.kind == IssueKind::Required {
                // An empty form is not a mistake yet: a quiet mark here, the error is on the check page.
                ui.label(RichText::new("必填").small().weak());
                continue;
            }
            let color = match issue.severity {
                Severity::Error => error_color(ui),
                Severity::Warning => warning_color(ui),
            };
            let text = format!(
                "{}：{}",
                messages::severity_text(issue.severity),
                messages::issue_text(issue)
            );
            ui.label(RichText::new(text).small().color(color));
        }
    }
}

/// A place name for an issue, as the check page lists it.
pub fn place(issue: &Issue, draft: &Draft, template: &Template) -> String {
    messages::field_place(&issue.field, draft, template)
}
