//! The 批次 menu's commands: open an archived batch read-only, go back, start next year's batch as
//! `lingjun new-batch` does.

use chrono::Local;

use super::{App, SaveState};
use crate::model::next_batch::next_batch;
use crate::ui::batch::NewBatchForm;
use crate::ui::command::{BatchCommand, Screen};
use crate::ui::dialogs::Dialog;
use crate::ui::labels;

impl App {
    /// Carries out a 批次 command; true when the current batch's drafts changed (and need saving).
    pub(super) fn apply_batch(&mut self, command: BatchCommand) -> bool {
        match command {
            BatchCommand::Open { current: true, .. } | BatchCommand::BackToCurrent => {
                self.back_to_current();
            }
            BatchCommand::Open { year, .. } => self.open_archived(year),
            BatchCommand::AskNew => {
                self.dialog = Some(Dialog::NewBatch(NewBatchForm::for_draft(&self.draft)));
            }
            BatchCommand::New { year, copy } => self.start_next_batch(&year, &copy),
        }
        false
    }

    /// Shows the archived batch of `year` read-only; lists the batches there are when there is none.
    pub fn open_archived(&mut self, year: i32) {
        if self.archived.is_none() && self.draft.batch.year == year {
            return;
        }
        // What was typed in the current batch is saved before it leaves the window.
        if self.archived.is_none() && !self.flush() {
            self.dialog = Some(Dialog::message(
                labels::MENU_BATCH,
                "草稿保存失败，暂不切换批次。请查看状态栏中的原因。",
            ));
            return;
        }
        match self.store.load_archived(year) {
            Ok(Some(draft)) => {
                self.draft = draft;
                self.archived = Some(year);
                self.after_switch();
            }
            Ok(None) => {
                let years: Vec<String> = self
                    .store
                    .batches()
                    .unwrap_or_default()
                    .iter()
                    .map(|b| b.year.to_string())
                    .collect();
                self.dialog = Some(Dialog::message(
                    labels::MENU_BATCH,
                    &format!(
                        "数据库中没有 {year} 年度批次。现有批次：{}",
                        years.join("、")
                    ),
                ));
            }
            Err(e) => self.dialog = Some(Dialog::message(labels::MENU_BATCH, &e.user_text())),
        }
    }

    fn back_to_current(&mut self) {
        if self.archived.is_none() {
            return;
        }
        match self.store.load() {
            Ok(loaded) => {
                self.draft = loaded.unwrap_or_else(|| crate::model::Draft::new(self.today));
                self.archived = None;
                self.after_switch();
            }
            Err(e) => self.dialog = Some(Dialog::message(labels::MENU_BATCH, &e.user_text())),
        }
    }

    fn after_switch(&mut self) {
        self.screen = Screen::BatchUnit;
        self.issues_fresh = false;
        self.imports.clear();
        self.export_page.forget_results();
        self.dialog = None;
    }

    /// 新建下一年度批次: `model::next_batch` and `Store::start_next_batch`, as the command line.
    fn start_next_batch(&mut self, year_text: &str, copy: &[usize]) {
        let Ok(year) = year_text.parse::<i32>() else {
            self.dialog = Some(Dialog::message(
                labels::MENU_NEW_BATCH,
                &format!("年度「{year_text}」不是有效的年份，请填写如 2025 的四位数字。"),
            ));
            return;
        };
        let next = match next_batch(&self.draft, year, copy, self.today) {
            Ok(next) => next,
            Err(e) => {
                self.dialog = Some(Dialog::message(labels::MENU_NEW_BATCH, &e.to_string()));
                return;
            }
        };
        if !self.flush() {
            self.dialog = Some(Dialog::message(
                labels::MENU_NEW_BATCH,
                "草稿保存失败，暂不新建批次。请查看状态栏中的原因。",
            ));
            return;
        }
        if let Err(e) = self.store.start_next_batch(&self.draft, &next) {
            self.dialog = Some(Dialog::message(labels::MENU_NEW_BATCH, &e.user_text()));
            return;
        }
        let old_year = self.draft.batch.year;
        let copied = next
            .enterprises
            .iter()
            .filter(|e| !e.name.is_empty())
            .count();
        self.draft = next;
        // The database was written through `store`: the save thread's next save writes every row.
        self.forget_saved();
        self.save_state = SaveState::Saved(Local::now());
        self.after_switch();
        self.dialog = Some(Dialog::message(
            labels::MENU_NEW_BATCH,
            &format!(
                "已新建 {year} 年度批次：沿用模板「{}」和填报单位，带入 {copied} 家企业的基本信息。\n{old_year} 年度批次已归档（只读），可在“{}”菜单中打开和再次导出。",
                self.draft.template.name,
                labels::MENU_BATCH
            ),
        ));
    }
}
