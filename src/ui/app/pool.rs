//! The 标杆企业库's commands (docs/pool.md): a list's import planned and carried out, the table exported, an entry
//! saved, picked into the batch, put into the pool, its earlier report text and the batch's facts taken back.
//! Every change of the pool is saved at once through the store (one row per changed entry).

use super::App;
use crate::import::pool_plan;
use crate::model::pool::{PoolEntry, Source, SourceKind};
use crate::model::pool_link;
use crate::ui::command::{PoolCommand, Screen};
use crate::ui::dialogs::Dialog;
use crate::ui::file_picker::PathTarget;
use crate::ui::labels;

impl App {
    /// Carries out a 标杆企业库 command; true when it changed the draft.
    pub(super) fn apply_pool(&mut self, command: PoolCommand, ctx: &egui::Context) -> bool {
        match command {
            PoolCommand::PickImport => return self.pick(PathTarget::PoolImport, None, ctx),
            PoolCommand::ImportFrom(path) => {
                self.screen = Screen::Pool;
                match pool_plan::plan_file(&path, &self.pool, &self.draft.template) {
                    Ok(plan) => {
                        self.pool_page.plan = Some(plan);
                        self.pool_page.message = None;
                    }
                    Err(e) => {
                        self.pool_page.message = Some(format!(
                            "企业名单无法导入，标杆企业库没有改动。{e}：{}",
                            path.display()
                        ));
                    }
                }
            }
            PoolCommand::ApplyImport => {
                if let Some(plan) = self.pool_page.plan.take() {
                    let (added, updated) = pool_plan::apply(&mut self.pool, &plan, self.today);
                    self.pool_page.message = Some(format!(
                        "已从 {} 导入：新增 {added} 家，更新 {updated} 家。",
                        plan.file_name
                    ));
                    self.save_pool();
                }
            }
            PoolCommand::CancelImport => self.pool_page.plan = None,
            PoolCommand::PickExport => {
                let name = format!("标杆企业库-{}.xlsx", self.today.format("%Y%m%d"));
                return self.pick(PathTarget::PoolExport, Some(&name), ctx);
            }
            PoolCommand::ExportTo(path) => self.export_pool(&path),
            PoolCommand::Add => {
                self.pool.entries.push(PoolEntry {
                    source: Source {
                        kind: SourceKind::Typed,
                        detail: String::new(),
                        date: self.today.format("%Y-%m-%d").to_string(),
                    },
                    ..PoolEntry::default()
                });
                self.save_pool();
                let index = self.pool.entries.len() - 1;
                self.pool_page.selected = Some(crate::ui::screens::pool::Selected::new(
                    index,
                    &self.pool.entries[index],
                ));
                self.screen = Screen::Pool;
            }
            PoolCommand::Save { index, entry } => {
                if let Some(slot) = self.pool.entries.get_mut(index) {
                    *slot = *entry;
                    self.save_pool();
                }
            }
            PoolCommand::Discard => self.pool_page.pool_changed(&self.pool),
            PoolCommand::Pick(index) => return self.pick_from_pool(index),
            PoolCommand::PutIntoPool(place) => self.put_into_pool(place),
            PoolCommand::StartFromArchive { index, year } => {
                return self.start_from_archive(index, year);
            }
            PoolCommand::TakeBack(index) => {
                let back = pool_link::facts_back(&self.pool, &self.draft);
                if let Some((_, changes)) = back.into_iter().find(|(i, _)| *i == index) {
                    let year = self.draft.batch.year;
                    pool_link::take_back(&mut self.pool.entries[index], &changes, year);
                    self.save_pool();
                }
            }
        }
        false
    }

    /// After an export: a 定稿's export is recorded on each linked entry as `YYYY年度推荐` with its 定稿码.
    pub(super) fn record_export_in_pool(&mut self) {
        let today = self.today.format("%Y-%m-%d").to_string();
        if !pool_link::record_export(&mut self.pool, &self.draft, &today).is_empty() {
            self.save_pool();
        }
    }

    /// Saves the pool now; a failure is shown and the pool in the window kept.
    pub(super) fn save_pool(&mut self) {
        if let Err(e) = self.store.save_pool(&self.pool) {
            self.dialog = Some(Dialog::message(labels::NAV_POOL, &e.user_text()));
        }
        self.pool_page.pool_changed(&self.pool);
    }

    fn export_pool(&mut self, path: &std::path::Path) {
        let places = self.pool_page.places(&self.pool).to_vec();
        let entries: Vec<&PoolEntry> = places.iter().map(|&i| &self.pool.entries[i]).collect();
        let written = crate::render::pool_xlsx::pool_xlsx(&entries, &self.draft.template)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::user_path::write_atomically(path, &bytes));
        self.pool_page.message = Some(match written {
            Ok(()) => format!(
                "已把表中的 {} 家企业写到：{}",
                entries.len(),
                path.display()
            ),
            Err(e) => format!("无法写入企业名单（{e}）：{}", path.display()),
        });
    }

    fn pick_from_pool(&mut self, index: usize) -> bool {
        let Some(entry) = self.pool.entries.get(index) else {
            return false;
        };
        match pool_link::pick(&mut self.draft, entry) {
            Ok(place) => {
                self.pool_page.message = Some(format!(
                    "已把“{}”选入本批次（企业 {}）。",
                    entry.name(),
                    place + 1
                ));
                true
            }
            Err(e) => {
                self.dialog = Some(Dialog::message(labels::POOL_PICK, &e.to_string()));
                false
            }
        }
    }

    fn put_into_pool(&mut self, place: usize) {
        let Some(enterprise) = self.draft.enterprises.get(place).cloned() else {
            return;
        };
        let today = self.today.format("%Y-%m-%d").to_string();
        let year = self.draft.batch.year;
        let text = match pool_link::put_into_pool(&mut self.pool, &enterprise, year, &today) {
            Some(_) => {
                self.save_pool();
                format!("已把“{}”放入标杆企业库。", enterprise.name)
            }
            None if enterprise.name.trim().is_empty() => "请先填写企业名称。".to_owned(),
            None => format!("“{}”已在标杆企业库中。", enterprise.name),
        };
        self.dialog = Some(Dialog::message(labels::POOL_PUT, &text));
    }

    /// Fills the linked batch enterprise's empty sections with the text of `year`'s archived report.
    fn start_from_archive(&mut self, index: usize, year: i32) -> bool {
        let Some(entry) = self.pool.entries.get(index) else {
            return false;
        };
        let Some(place) = pool_link::place_in_batch(&self.draft, entry) else {
            return false;
        };
        let archived = match self.store.load_archived(year) {
            Ok(Some(draft)) => draft,
            Ok(None) => {
                let text = format!("数据库中没有 {year} 年度的归档批次。");
                self.dialog = Some(Dialog::message(labels::NAV_POOL, &text));
                return false;
            }
            Err(e) => {
                self.dialog = Some(Dialog::message(labels::NAV_POOL, &e.user_text()));
                return false;
            }
        };
        let Some(old) = archived
            .enterprises
            .iter()
            .find(|e| entry.identity() == crate::model::pool::identity_of(&e.credit_code, &e.name))
        else {
            let text = format!("{year} 年度的归档批次中没有“{}”。", entry.name());
            self.dialog = Some(Dialog::message(labels::NAV_POOL, &text));
            return false;
        };
        let (filled, kept) = pool_link::start_from(&mut self.draft.enterprises[place], old);
        let text = format!(
            "已从 {year} 年度的报告填入 {filled} 个章节{}。",
            if kept > 0 {
                format!("，{kept} 个已有内容的章节未改动")
            } else {
                String::new()
            }
        );
        self.dialog = Some(Dialog::message(labels::NAV_POOL, &text));
        self.screen = Screen::Enterprise(place);
        filled > 0
    }
}
