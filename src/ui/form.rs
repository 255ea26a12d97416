//! Form building blocks shared by the screens: a labelled field with its inline findings, focus on request.

use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::labels;
use crate::model::draft::normalize_date;
use crate::model::validate::{FieldPath, Issue, IssueKind, Severity};
use crate::model::{Draft, messages};

/// What a screen needs besides the draft (whose template it reads): the current findings, a pending focus
/// request, and where to put commands and the "something changed" flag.
pub struct Form<'a> {
    pub issues: &'a [Issue],
    pub focus: &'a mut Option<FieldPath>,
    pub commands: &'a mut Vec<Command>,
    pub changed: bool,
    /// The day the window runs on (date defaults follow it).
    pub today: chrono::NaiveDate,
}

/// The text at `key` for a form to draw: kept in `map` (an empty entry made when new) on an editable page; on a
/// read-only one (`ui` disabled) what `map` holds, or the empty `scratch`, so drawing adds nothing to the drafts.
pub fn shown_entry<'a>(
    ui: &Ui,
    map: &'a mut std::collections::BTreeMap<String, String>,
    key: &str,
    scratch: &'a mut String,
) -> &'a mut String {
    if ui.is_enabled() {
        map.entry(key.to_owned()).or_default()
    } else {
        map.get_mut(key).unwrap_or(scratch)
    }
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
        self.text_row_normalized(ui, label, value, path, hint, Normalize::Never)
    }

    /// A text row whose value is rewritten into its one stored form, with a note under it saying so.
    pub fn text_row_normalized(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &mut String,
        path: &FieldPath,
        hint: &str,
        normalize: Normalize,
    ) -> egui::Response {
        self.field_row(ui, label, value, path, hint, normalize, false)
    }

    /// A date row: typed as 2024/9/10, 2024.9.10 or 2024年9月10日 too, stored as 2024-09-10 when the cursor
    /// leaves, with a 日历 button to pick the day instead.
    pub fn date_row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &mut String,
        path: &FieldPath,
    ) -> egui::Response {
        let normalize = Normalize::OnLeave(normalize_date, labels::DATE_NORMALIZED);
        self.field_row(ui, label, value, path, labels::DATE_HINT, normalize, true)
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one private body behind the public rows"
    )]
    fn field_row(
        &mut self,
        ui: &mut Ui,
        label: &str,
        value: &mut String,
        path: &FieldPath,
        hint: &str,
        normalize: Normalize,
        date_picker: bool,
    ) -> egui::Response {
        let label_response = ui.label(label);
        let response = ui
            .vertical(|ui| {
                let (response, picked) = ui
                    .horizontal(|ui| {
                        // A fixed width for the 日历 button, so the field plus the button fill the cell exactly
                        // (a measured width would let the grid's column grow a little at every frame).
                        let picker_width = if date_picker {
                            super::date_picker::BUTTON_WIDTH + ui.spacing().item_spacing.x
                        } else {
                            0.0
                        };
                        let response = ui
                            .add(
                                egui::TextEdit::singleline(value)
                                    .id_salt(("field", path))
                                    .hint_text(hint)
                                    .desired_width(ui.available_width() - picker_width),
                            )
                            .labelled_by(label_response.id);
                        let picked =
                            date_picker && super::date_picker::date_picker_button(ui, value);
                        (response, picked)
                    })
                    .inner;
                self.take_focus(path, &response);
                if picked {
                    self.changed = true;
                    ui.ctx()
                        .data_mut(|d| d.remove::<&str>(note_id(response.id)));
                } else if normalize.apply(&response, value) {
                    self.changed = true;
                    ui.ctx()
                        .data_mut(|d| d.insert_temp(note_id(response.id), normalize.note()));
                } else if normalize.note_ends(&response) {
                    ui.ctx()
                        .data_mut(|d| d.remove::<&str>(note_id(response.id)));
                }
                let note: Option<&'static str> =
                    ui.ctx().data(|d| d.get_temp(note_id(response.id)));
                let mut lines = 0;
                if let Some(note) = note.filter(|n| !n.is_empty()) {
                    ui.label(RichText::new(note).small().weak());
                    lines += 1;
                }
                lines += self.hints_ui(ui, path);
                reserve_hint_line(ui, lines);
                response
            })
            .inner;
        if response.changed() {
            self.changed = true;
        }
        ui.end_row();
        response
    }

    /// The findings of one field in small coloured text (a quiet 必填 for an empty one); how many lines it drew.
    pub fn hints_ui(&self, ui: &mut Ui, path: &FieldPath) -> usize {
        self.hints_ui_except(ui, path, |_| false)
    }

    /// `hints_ui` without the findings `skip` names (a section's counter already says "over the length").
    pub fn hints_ui_except(
        &self,
        ui: &mut Ui,
        path: &FieldPath,
        skip: impl Fn(&IssueKind) -> bool,
    ) -> usize {
        let mut lines = 0;
        for issue in self.issues_for(path).filter(|i| !skip(&i.kind)) {
            lines += 1;
            if issue.kind == IssueKind::Required {
                // An empty form is not a mistake yet: a quiet mark here, the error is on the check page.
                ui.label(RichText::new(labels::REQUIRED_MARK).small().weak());
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
        lines
    }
}

/// How a text row rewrites what was typed into its stored form.
#[derive(Clone, Copy)]
pub enum Normalize {
    Never,
    /// At every change (a credit code: the clerk sees the stored code while typing).
    AsTyped(fn(&str) -> String, &'static str),
    /// When the cursor leaves the field (a date: `2024/9/1` is still being typed until then).
    OnLeave(fn(&str) -> Option<String>, &'static str),
}

impl Normalize {
    /// Rewrites `value` when due; true when it changed.
    fn apply(self, response: &egui::Response, value: &mut String) -> bool {
        // A read-only page (定稿, an archived batch) rewrites nothing, not even as a field it disabled loses focus.
        if !response.enabled() {
            return false;
        }
        let rewritten = match self {
            Self::Never => None,
            Self::AsTyped(f, _) if response.changed() => Some(f(value)),
            Self::OnLeave(f, _) if response.lost_focus() => f(value),
            Self::AsTyped(..) | Self::OnLeave(..) => None,
        };
        match rewritten {
            Some(new) if new != *value => {
                *value = new;
                true
            }
            _ => false,
        }
    }

    /// The note stays while the clerk types a code, and goes once a rewritten date is typed into again.
    fn note_ends(self, response: &egui::Response) -> bool {
        match self {
            Self::Never => false,
            Self::AsTyped(..) => response.lost_focus(),
            Self::OnLeave(..) => response.changed(),
        }
    }

    fn note(self) -> &'static str {
        match self {
            Self::Never => "",
            Self::AsTyped(_, note) | Self::OnLeave(_, note) => note,
        }
    }
}

fn note_id(field: egui::Id) -> egui::Id {
    field.with("normalized_note")
}

/// Keeps one small line under a field even when it has nothing to say, so the form below never jumps when a
/// 必填 mark or a finding appears or goes away.
pub fn reserve_hint_line(ui: &mut Ui, lines_drawn: usize) {
    if lines_drawn == 0 {
        ui.label(RichText::new(" ").small());
    }
}

/// A name cut to `max` characters, with "…" when it was cut (the full name goes in the hover text).
pub fn shorten(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// A place name for an issue, as the check page lists it.
pub fn place(issue: &Issue, draft: &Draft) -> String {
    messages::field_place(&issue.field, draft, &draft.template)
}
