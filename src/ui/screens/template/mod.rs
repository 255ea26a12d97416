//! 报告模板: the batch's template (docs/formats.md) edited in a working copy beside a live preview of the report and the
//! 汇总表 as they print. The working copy goes into the draft (and so through autosave) whenever it passes the
//! same checks as an imported template file; until then the first broken rule is shown at the top.

mod fields;
mod report;
mod summary;

use egui::{RichText, Ui};

use crate::model::template::edit::{self, KeptGroup, ProblemPlace};
use crate::model::template::{FieldSpec, KeptKind, SectionSpec};
use crate::model::{Draft, Template};
use crate::ui::command::{Command, PreviewDoc, TemplateCommand};
use crate::ui::form::{Form, error_color, warning_color};
use crate::ui::labels;

/// The page's own state: the working copy and what this session removed.
#[derive(Default)]
pub struct TemplatePage {
    /// What the clerk edits; written into the draft whenever it is valid.
    pub edit: Template,
    /// The draft's template when `edit` was last taken from it or written to it: when the draft's changes
    /// elsewhere (an import, a restore, 恢复内置模板), the working copy follows.
    synced: Template,
    /// Sections and fields removed in this session, so that a restore brings them back as they were.
    pub removed_sections: Vec<SectionSpec>,
    pub removed_fields: Vec<FieldSpec>,
    /// The document previewed beside the editor.
    preview: Option<PreviewDoc>,
}

impl TemplatePage {
    /// Takes the draft's template as the working copy when it changed elsewhere.
    pub fn follow(&mut self, draft: &Draft) {
        if self.synced != draft.template {
            self.edit = draft.template.clone();
            self.synced = draft.template.clone();
        }
    }

    /// Writes the working copy into the draft when it differs and breaks no rule; true when the draft changed.
    pub fn commit(&mut self, draft: &mut Draft) -> bool {
        if self.edit == draft.template || edit::problem(&self.edit).is_some() {
            return false;
        }
        draft.template = self.edit.clone();
        self.synced = self.edit.clone();
        true
    }

    /// The heading (section) or name (field) to show for a kept key.
    pub fn kept_name(&self, kind: &KeptKind, key: &str) -> String {
        let name = match kind {
            KeptKind::Section => self
                .removed_sections
                .iter()
                .rev()
                .find(|s| s.key == key)
                .or_else(|| Template::built_in().section(key))
                .map(|s| s.heading.clone()),
            KeptKind::Field => self
                .removed_fields
                .iter()
                .rev()
                .find(|f| f.key == key)
                .map(|f| f.label.clone()),
        };
        name.filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| key.to_owned())
    }
}

/// Draws the 模板 page. `frozen` holds why the drafts cannot be edited (定稿, an archived batch): then the page
/// is read-only and says so.
pub fn template_ui(
    ui: &mut Ui,
    draft: &mut Draft,
    page: &mut TemplatePage,
    frozen: Option<&str>,
    form: &mut Form<'_>,
) {
    page.follow(draft);
    toolbar_ui(ui, frozen.is_none(), form.commands);
    let problem = edit::problem_at(&page.edit);
    match (frozen, problem.as_ref().map(|(_, reason)| reason)) {
        (Some(reason), _) => {
            ui.label(RichText::new(reason).color(warning_color(ui)));
        }
        (None, Some(problem)) => {
            ui.label(
                RichText::new(format!("模板有误，这次修改尚未保存：{problem}"))
                    .color(error_color(ui)),
            );
        }
        (None, None) => {
            ui.label(
                RichText::new(
                    "修改随草稿自动保存。改名、调整顺序不会改动已填写的文字；移除的章节和字段中的文字会保留。",
                )
                .weak(),
            );
        }
    }
    ui.add_space(4.0);
    // The editor's rows (a heading with its ↑ ↓ 移除 buttons) need about `EDITOR_MIN_WIDTH`; the preview takes
    // what is left. Two equal columns let the editor's scroll area grow over the preview's tabs at 900×600.
    let total = ui.available_width();
    let left_width = (total / 2.0).max(EDITOR_MIN_WIDTH).min(total * 0.7);
    let height = ui.available_height();
    let top_down = egui::Layout::top_down(egui::Align::Min);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(egui::vec2(left_width, height), top_down, |left| {
            left.set_width(left_width);
            egui::ScrollArea::vertical()
                .id_salt("template_editor")
                .auto_shrink([false, false])
                .show(left, |ui| {
                    if frozen.is_some() {
                        ui.disable();
                    }
                    editor_ui(ui, draft, page, problem.as_ref(), form);
                });
        });
        let rest = egui::vec2(ui.available_width(), height);
        ui.allocate_ui_with_layout(rest, top_down, |right| preview_ui(right, draft, page));
    });
    if frozen.is_none() && page.commit(draft) {
        form.changed = true;
    }
}

/// The page's heading and its buttons: 导出模板… always, 导入模板… and 恢复内置模板… when `editable`.
fn toolbar_ui(ui: &mut Ui, editable: bool, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(labels::TEMPLATE_HEADING);
        ui.add_space(12.0);
        let mut button = |ui: &mut Ui, text: &str, enabled: bool, command: TemplateCommand| {
            if ui.add_enabled(enabled, egui::Button::new(text)).clicked() {
                commands.push(Command::Template(command));
            }
        };
        button(
            ui,
            labels::TEMPLATE_EXPORT,
            true,
            TemplateCommand::PickExport,
        );
        button(
            ui,
            labels::TEMPLATE_IMPORT,
            editable,
            TemplateCommand::PickImport,
        );
        button(
            ui,
            labels::TEMPLATE_BUILT_IN,
            editable,
            TemplateCommand::AskBuiltIn,
        );
    });
}

/// The editor column: kept text, rules, sections, fields, the 汇总表's columns; a broken rule is also said under
/// its section, field or column.
fn editor_ui(
    ui: &mut Ui,
    draft: &Draft,
    page: &mut TemplatePage,
    problem: Option<&(ProblemPlace, String)>,
    form: &mut Form<'_>,
) {
    kept_ui(ui, draft, page, form);
    fields::rules_ui(ui, &mut page.edit);
    ui.add_space(12.0);
    let reason = problem.map(|(place, reason)| (*place, reason.as_str()));
    let section = reason.and_then(|(place, r)| match place {
        ProblemPlace::Section(i) => Some((i, r)),
        _ => None,
    });
    let field = reason.and_then(|(place, r)| match place {
        ProblemPlace::Field(i) => Some((i, r)),
        _ => None,
    });
    let column = reason.and_then(|(place, r)| match place {
        ProblemPlace::Column(i) => Some((i, r)),
        _ => None,
    });
    report::report_ui(ui, draft, &mut page.edit, section, form);
    ui.add_space(12.0);
    fields::fields_ui(ui, draft, &mut page.edit, field, form);
    ui.add_space(12.0);
    summary::summary_ui(ui, &mut page.edit, column);
    ui.add_space(24.0);
}

/// The editor column's least width in points: its widest rows fit (at 900×600 the preview gets the rest).
const EDITOR_MIN_WIDTH: f32 = 440.0;

/// 已保留的内容: text under keys the template no longer has, with who holds it and a button to bring it back.
fn kept_ui(ui: &mut Ui, draft: &Draft, page: &TemplatePage, form: &mut Form<'_>) {
    let groups = edit::kept_groups(draft, &page.edit);
    if groups.is_empty() {
        return;
    }
    ui.group(|ui| {
        ui.strong(labels::TEMPLATE_KEPT);
        ui.label(
            RichText::new(
                "以下文字所在的章节或字段已不在模板中。文字仍保存在草稿和备份中，不打印；恢复后重新显示。",
            )
            .small()
            .weak(),
        );
        for KeptGroup {
            kind,
            key,
            enterprises,
        } in groups
        {
            let name = page.kept_name(&kind, &key);
            let what = match kind {
                KeptKind::Section => "章节",
                KeptKind::Field => "字段",
            };
            let holders: Vec<String> = enterprises
                .iter()
                .map(|(index, chars)| {
                    let enterprise = draft
                        .enterprises
                        .get(*index)
                        .map_or("", |e| e.display_name());
                    format!("企业 {}「{enterprise}」{chars} 字", index + 1)
                })
                .collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{what}「{name}」：{}", holders.join("、")));
                if ui.button(format!("恢复「{name}」")).clicked() {
                    form.commands
                        .push(Command::Template(TemplateCommand::Restore { kind, key }));
                }
            });
        }
    });
    ui.add_space(12.0);
}

/// The preview column: which document, then its pages as they print (from the draft's saved template).
fn preview_ui(ui: &mut Ui, draft: &Draft, page: &mut TemplatePage) {
    let mut doc = page.preview.unwrap_or(PreviewDoc::Summary);
    if let PreviewDoc::Report(index) = doc
        && index >= draft.enterprises.len()
    {
        doc = PreviewDoc::Summary;
    }
    ui.horizontal_wrapped(|ui| {
        ui.strong(labels::TEMPLATE_PREVIEW);
        if ui
            .selectable_label(doc == PreviewDoc::Summary, "汇总表")
            .clicked()
        {
            doc = PreviewDoc::Summary;
        }
        for index in 0..draft.enterprises.len() {
            let target = PreviewDoc::Report(index);
            if ui
                .selectable_label(doc == target, format!("报告 {}", index + 1))
                .on_hover_text(draft.enterprises[index].display_name())
                .clicked()
            {
                doc = target;
            }
        }
    });
    page.preview = Some(doc);
    egui::ScrollArea::vertical()
        .id_salt("template_preview")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::screens::preview::document_ui(
                ui,
                draft,
                doc,
                egui::Id::unique("template_preview_layout"),
            );
        });
}

/// A grid row: a label, then a one-line text box tied to it.
fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.end_row();
    response
}

/// A grid row: a label, then a list of `choices` shown by `text`; returns the one picked this frame.
fn combo_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    current: T,
    choices: impl IntoIterator<Item = T>,
    text: impl Fn(T) -> String,
) -> Option<T> {
    let label = ui.label(label);
    let mut picked = None;
    egui::ComboBox::from_id_salt(("template_combo", label.id))
        .selected_text(text(current))
        .show_ui(ui, |ui| {
            for choice in choices {
                if ui
                    .selectable_label(choice == current, text(choice))
                    .clicked()
                {
                    picked = Some(choice);
                }
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    picked
}

/// The broken rule under the item it is about, when `problem` is about item `index`.
fn item_problem_ui(ui: &mut Ui, index: usize, problem: Option<(usize, &str)>) {
    if let Some((at, reason)) = problem
        && at == index
    {
        ui.label(RichText::new(reason).small().color(error_color(ui)));
    }
}

/// A row's small ↑ ↓ buttons; the move asked for, if any (`true` is up).
fn move_buttons_ui(ui: &mut Ui, index: usize, count: usize) -> Option<bool> {
    let mut moved = None;
    if ui
        .add_enabled(index > 0, egui::Button::new("↑").small())
        .on_hover_text("上移")
        .clicked()
    {
        moved = Some(true);
    }
    if ui
        .add_enabled(index + 1 < count, egui::Button::new("↓").small())
        .on_hover_text("下移")
        .clicked()
    {
        moved = Some(false);
    }
    moved
}
