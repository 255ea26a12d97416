//! The 模板 page's commands: removals that ask when text would stop showing, restoring kept text, 恢复内置模板,
//! and template files through the very functions `lingjun template export/import` use.

use std::path::Path;

use super::App;
use crate::model::messages;
use crate::model::template::edit::{self, restored_field, restored_section};
use crate::model::template::{KeptKind, Template, dropped_by, replace_template};
use crate::store::TemplateImportError;
use crate::ui::command::{Command, TemplateCommand};
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::labels;

impl App {
    /// Carries out a 模板 command; true when it changed the draft.
    pub(super) fn apply_template(&mut self, command: TemplateCommand, ctx: &egui::Context) -> bool {
        self.template_page.follow(&self.draft);
        match command {
            TemplateCommand::RemoveSection { key, confirmed } => {
                let page = &self.template_page;
                let new = edit::without_section(&page.edit, &key);
                let name = page
                    .edit
                    .section(&key)
                    .map_or_else(|| key.clone(), |s| s.heading.clone());
                if let Some(spec) = page.edit.section(&key).cloned()
                    && self.removal_allowed(&new, &name, confirmed, &key, KeptKind::Section)
                {
                    self.template_page.removed_sections.push(spec);
                    self.template_page.edit = new;
                    return self.template_page.commit(&mut self.draft);
                }
            }
            TemplateCommand::RemoveField { key, confirmed } => {
                let page = &self.template_page;
                let new = edit::without_field(&page.edit, &key);
                let name = page
                    .edit
                    .field(&key)
                    .map_or_else(|| key.clone(), |f| f.label.clone());
                if let Some(spec) = page.edit.field(&key).cloned()
                    && self.removal_allowed(&new, &name, confirmed, &key, KeptKind::Field)
                {
                    self.template_page.removed_fields.push(spec);
                    self.template_page.edit = new;
                    return self.template_page.commit(&mut self.draft);
                }
            }
            TemplateCommand::Restore { kind, key } => {
                let page = &mut self.template_page;
                match kind {
                    KeptKind::Section if page.edit.section(&key).is_none() => {
                        let removed = page.removed_sections.iter().rev().find(|s| s.key == key);
                        let spec = restored_section(&key, removed);
                        page.edit.report.sections.push(spec);
                    }
                    KeptKind::Field if page.edit.field(&key).is_none() => {
                        let removed = page.removed_fields.iter().rev().find(|f| f.key == key);
                        let spec = restored_field(&key, removed);
                        page.edit.fields.push(spec);
                    }
                    KeptKind::Section | KeptKind::Field => {}
                }
                return page.commit(&mut self.draft);
            }
            TemplateCommand::AskBuiltIn => {
                let hidden = dropped_by(&self.draft, Template::built_in());
                let mut text = "恢复内置模板会用程序自带的模板替换当前模板的全部设置（章节、自定义字段、基本情况表、汇总表的列和报送规则）。已填写的文字不会删除。".to_owned();
                if !hidden.is_empty() {
                    text.push_str("\n\n以下文字所在的章节或字段不在内置模板中，将不再显示（仍保留，可在“已保留的内容”中恢复）：");
                    for line in messages::kept_text_lines(&self.draft, &hidden) {
                        text.push_str("\n  ");
                        text.push_str(&line);
                    }
                }
                self.dialog = Some(Dialog::confirm(
                    labels::TEMPLATE_USE_BUILT_IN,
                    &text,
                    labels::TEMPLATE_USE_BUILT_IN,
                    Command::Template(TemplateCommand::UseBuiltIn),
                ));
            }
            TemplateCommand::UseBuiltIn => {
                self.dialog = None;
                let old = self.draft.template.clone();
                // Forced: the clerk was told what stops showing; that text stays in the drafts.
                if replace_template(&mut self.draft, Template::built_in().clone(), true).is_ok() {
                    self.template_page.follow(&self.draft);
                    return self.draft.template != old;
                }
            }
            // Through `pick`, as every other file choice: the path box when no system dialog opens.
            TemplateCommand::PickExport => {
                let name = format!("领军模板-{}.json", self.draft.batch.year);
                return self.pick(PathTarget::TemplateExport, Some(&name), ctx);
            }
            TemplateCommand::ExportTo(path) => self.export_template_to(&path),
            TemplateCommand::PickImport => return self.pick(PathTarget::TemplateImport, None, ctx),
            TemplateCommand::ImportFrom { path, force } => self.import_template_from(&path, force),
        }
        false
    }

    /// Whether removing `key` may go ahead: it hides no text, or the clerk confirmed; otherwise asks.
    fn removal_allowed(
        &mut self,
        new: &Template,
        name: &str,
        confirmed: bool,
        key: &str,
        kind: KeptKind,
    ) -> bool {
        self.dialog = None;
        let hidden = dropped_by(&self.draft, new);
        if hidden.is_empty() || confirmed {
            return true;
        }
        let what = match kind {
            KeptKind::Section => "章节",
            KeptKind::Field => "字段",
        };
        let mut text = format!("{what}「{name}」中已填写了文字：");
        for line in messages::kept_text_lines(&self.draft, &hidden) {
            text.push_str("\n  ");
            text.push_str(&line);
        }
        text.push_str(&format!(
            "\n\n移除后这些文字不再显示和打印，但仍保存在草稿和备份中，列在“{}”里，可随时恢复。",
            labels::TEMPLATE_KEPT
        ));
        let command = match kind {
            KeptKind::Section => TemplateCommand::RemoveSection {
                key: key.to_owned(),
                confirmed: true,
            },
            KeptKind::Field => TemplateCommand::RemoveField {
                key: key.to_owned(),
                confirmed: true,
            },
        };
        self.dialog = Some(Dialog::confirm(
            &format!("移除{what}"),
            &text,
            labels::TEMPLATE_REMOVE_ANYWAY,
            Command::Template(command),
        ));
        false
    }

    pub(super) fn export_template_to(&mut self, path: &Path) {
        let text = match crate::store::export_template(&self.draft.template, path) {
            Ok(()) => format!(
                "已把模板「{}」导出到：\n{}\n可在另一台电脑上用“导入模板…”使用它。",
                self.draft.template.name,
                path.display()
            ),
            Err(e) => e.user_text(),
        };
        self.dialog = Some(Dialog::message(labels::TEMPLATE_EXPORT, &text));
    }

    /// Imports through `store::import_template`, as `lingjun template import` does: a bad file is refused with
    /// its line and reason and changes nothing; one that hides text asks first.
    pub(super) fn import_template_from(&mut self, path: &Path, force: bool) {
        // The import reads the stored drafts: save what was typed first.
        if !self.flush() {
            self.dialog = Some(Dialog::message(
                labels::TEMPLATE_IMPORT,
                "草稿保存失败，暂不导入模板。请查看状态栏中的原因。",
            ));
            return;
        }
        self.dialog = Some(
            match crate::store::import_template(&mut self.store, path, force, self.today) {
                Ok((draft, hidden)) => {
                    let mut text = format!(
                        "已导入模板「{}」：{} 个章节，{} 个自定义字段，汇总表 {} 列，每省最多 {} 家。",
                        draft.template.name,
                        draft.template.report.sections.len(),
                        draft.template.fields.len(),
                        draft.template.summary.columns.len(),
                        draft.template.rules.max_enterprises
                    );
                    for line in messages::kept_text_lines(&draft, &hidden) {
                        text.push_str("\n已保留（不再显示）：");
                        text.push_str(&line);
                    }
                    self.draft = draft;
                    self.issues_fresh = false;
                    // The database was written through `store`: the save thread's next save writes every row.
                    self.forget_saved();
                    self.template_page.follow(&self.draft);
                    Dialog::message(labels::TEMPLATE_IMPORT, &text)
                }
                Err(TemplateImportError::File(e)) => Dialog::message(
                    labels::TEMPLATE_IMPORT,
                    &format!("模板文件无法导入，当前模板和草稿没有改动。\n{e}"),
                ),
                Err(TemplateImportError::WouldHide(hidden)) => {
                    let mut text = "新模板去掉了已填写文字的章节或字段：".to_owned();
                    for line in messages::kept_text_lines(&self.draft, &hidden) {
                        text.push_str("\n  ");
                        text.push_str(&line);
                    }
                    text.push_str(&format!(
                        "\n\n导入后这些文字不再显示和打印，但仍保存在草稿和备份中，列在“{}”里，章节或字段回到模板时重新出现。",
                        labels::TEMPLATE_KEPT
                    ));
                    Dialog::confirm(
                        labels::TEMPLATE_IMPORT,
                        &text,
                        labels::TEMPLATE_IMPORT_ANYWAY,
                        Command::Template(TemplateCommand::ImportFrom {
                            path: path.to_owned(),
                            force: true,
                        }),
                    )
                }
                Err(TemplateImportError::Store(e)) => {
                    Dialog::message(labels::TEMPLATE_IMPORT, &e.user_text())
                }
            },
        );
    }
}
