//! 删除企业 and 撤销删除: the window's side of `model::removed`.

use chrono::Local;

use super::App;
use crate::model::messages;
use crate::ui::command::Screen;
use crate::ui::dialogs::Dialog;
use crate::ui::labels;

impl App {
    /// Removes the enterprise at `index`, keeps it for 撤销删除 and offers that in a notice; true when removed.
    pub(super) fn remove_enterprise(&mut self, index: usize) -> bool {
        self.dialog = None;
        if index >= self.draft.enterprises.len() {
            return false;
        }
        let at = Local::now().format("%Y-%m-%d %H:%M").to_string();
        // An empty enterprise is not kept: there is nothing to bring back, so no notice either.
        self.removed_notice = self.draft.remove_enterprise_keeping(index, &at).is_some();
        self.screen = match self.draft.enterprises.len() {
            0 => Screen::BatchUnit,
            n => Screen::Enterprise(index.min(n - 1)),
        };
        true
    }

    /// 撤销删除 of the removed enterprise at `which` in `Draft::removed`: back at its place, its page shown;
    /// refused with the reason (final, quota, contents missing) and nothing changed. True when it came back.
    pub(super) fn restore_removed(&mut self, which: usize) -> bool {
        let name = self
            .draft
            .removed
            .get(which)
            .map(|r| r.enterprise.display_name().to_owned())
            .unwrap_or_default();
        if let Some(missing) = self.missing_attachment(which) {
            self.dialog = Some(Dialog::message(
                labels::UNDO_REMOVE,
                &format!("不能撤销删除企业「{name}」：附件“{missing}”的内容已不在草稿数据库中。"),
            ));
            return false;
        }
        match self.draft.restore_removed(which) {
            Ok(index) => {
                self.removed_notice = false;
                self.dialog = None;
                self.screen = Screen::Enterprise(index);
                true
            }
            Err(refusal) => {
                self.dialog = Some(Dialog::message(
                    labels::UNDO_REMOVE,
                    &messages::restore_refused(&refusal, &name),
                ));
                false
            }
        }
    }

    /// The name of an attachment of the removed enterprise at `which` whose contents the store lacks. Never
    /// expected (they are kept while the enterprise is), but restoring one would make every later save fail.
    fn missing_attachment(&self, which: usize) -> Option<String> {
        let removed = self.draft.removed.get(which)?;
        removed
            .enterprise
            .attachments
            .iter()
            .find(|a| !self.store.has_blob(&a.sha256).unwrap_or(false))
            .map(|a| a.name.clone())
    }
}
