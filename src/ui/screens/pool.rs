//! 标杆企业库 (docs/pool.md, "The page"): the table of entries with search, filters and sorting, only its visible
//! rows drawn; the selected entry below, edited in a working copy, with its history and outcomes.

use egui::{RichText, Ui};

use crate::import::pool_plan::{PoolPlan, plan_lines};
use crate::model::Draft;
use crate::model::pool::{Outcome, Pool};
use crate::model::pool_link::place_in_batch;
use crate::model::pool_view::{PoolColumn, PoolFilter, Recommended, distinct, view};
use crate::ui::command::{Command, PoolCommand};
use crate::ui::labels;

pub use super::pool_entry::Selected;

/// Row height of the table, in points.
const ROW_HEIGHT: f32 = 24.0;
/// Column widths of the table, in points, by `PoolColumn::ALL`.
const WIDTHS: [f32; 7] = [220.0, 190.0, 80.0, 120.0, 140.0, 160.0, 140.0];

/// The places shown, and the pool generation, filter and sort they were made for.
type CachedView = (u64, PoolFilter, Option<(PoolColumn, bool)>, Vec<usize>);

/// The page's own state.
#[derive(Default)]
pub struct PoolPage {
    pub filter: PoolFilter,
    pub sort: Option<(PoolColumn, bool)>,
    /// The selected entry and its working copy (edits go to the pool with 保存修改).
    pub selected: Option<Selected>,
    /// A list's import waiting for the clerk's 确认导入.
    pub plan: Option<PoolPlan>,
    /// The last import's or export's result, shown at the top.
    pub message: Option<String>,
    /// The places shown, for the pool, filter and sort they were made for.
    cache: Option<CachedView>,
    /// Counts the pool's changes (the App bumps it), so the cached view is made again.
    pub generation: u64,
}

impl PoolPage {
    /// The pool changed: the table is made again, and the working copy follows the stored entry.
    pub fn pool_changed(&mut self, pool: &Pool) {
        self.generation += 1;
        if let Some(selected) = &self.selected {
            self.selected = pool
                .entries
                .get(selected.index)
                .map(|e| Selected::new(selected.index, e));
        }
    }

    /// The places of the entries the table shows, in its order.
    pub fn places(&mut self, pool: &Pool) -> &[usize] {
        let fresh = self.cache.as_ref().is_some_and(|(g, f, s, _)| {
            *g == self.generation && *f == self.filter && *s == self.sort
        });
        if !fresh {
            let places = view(&pool.entries, &self.filter, self.sort);
            self.cache = Some((self.generation, self.filter.clone(), self.sort, places));
        }
        self.cache
            .as_ref()
            .map_or(&[], |(.., places)| places.as_slice())
    }
}

/// The whole page.
pub fn pool_ui(
    ui: &mut Ui,
    pool: &Pool,
    draft: &Draft,
    page: &mut PoolPage,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(labels::NAV_POOL);
        ui.label(format!("共 {} 家", pool.entries.len()));
        if ui.button(labels::POOL_IMPORT).clicked() {
            commands.push(Command::Pool(PoolCommand::PickImport));
        }
        if ui.button(labels::POOL_EXPORT).clicked() {
            commands.push(Command::Pool(PoolCommand::PickExport));
        }
        if ui.button(labels::POOL_ADD).clicked() {
            commands.push(Command::Pool(PoolCommand::Add));
        }
    });
    ui.label(RichText::new(labels::POOL_NO_SCORES).weak());
    if let Some(message) = &page.message {
        ui.label(message);
    }
    if page.plan.is_some() {
        plan_ui(ui, page, commands);
        return;
    }
    filters_ui(ui, pool, page);
    let height = (ui.available_height() * 0.5).max(160.0);
    egui::ScrollArea::horizontal()
        .id_salt("pool_table_h")
        .max_height(height + ROW_HEIGHT + 8.0)
        .show(ui, |ui| table_ui(ui, pool, draft, page, height));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("pool_entry")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(selected) = &mut page.selected {
                super::pool_entry::entry_ui(ui, selected, pool, draft, commands);
            } else {
                ui.label(RichText::new(labels::POOL_SELECT_HINT).weak());
            }
        });
}

fn plan_ui(ui: &mut Ui, page: &PoolPage, commands: &mut Vec<Command>) {
    let Some(plan) = &page.plan else {
        return;
    };
    ui.heading(format!("{}：{}", labels::POOL_PLAN, plan.file_name));
    ui.horizontal(|ui| {
        let label = if plan.changes_anything() {
            labels::POOL_APPLY
        } else {
            labels::POOL_NOTHING_TO_IMPORT
        };
        if ui
            .add_enabled(plan.changes_anything(), egui::Button::new(label))
            .clicked()
        {
            commands.push(Command::Pool(PoolCommand::ApplyImport));
        }
        if ui.button(labels::CANCEL).clicked() {
            commands.push(Command::Pool(PoolCommand::CancelImport));
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("pool_plan")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for line in plan_lines(plan) {
                ui.label(line);
            }
        });
}

fn filters_ui(ui: &mut Ui, pool: &Pool, page: &mut PoolPage) {
    ui.horizontal_wrapped(|ui| {
        let search = ui.label(labels::POOL_SEARCH);
        ui.add(egui::TextEdit::singleline(&mut page.filter.search).desired_width(180.0))
            .labelled_by(search.id);
        let regions = distinct(&pool.entries, |e| vec![e.fact("region").to_owned()]);
        choice_ui(ui, labels::POOL_REGION, &mut page.filter.region, &regions);
        let industries = distinct(&pool.entries, |e| vec![e.fact("industry").to_owned()]);
        choice_ui(
            ui,
            labels::POOL_INDUSTRY,
            &mut page.filter.industry,
            &industries,
        );
        let tags = distinct(&pool.entries, |e| e.tags.clone());
        choice_ui(ui, labels::POOL_TAG, &mut page.filter.tag, &tags);
        let recommended = match page.filter.recommended {
            Recommended::Any => labels::ALL,
            Recommended::Before => labels::POOL_RECOMMENDED_BEFORE,
            Recommended::Never => labels::POOL_NEVER_RECOMMENDED,
        };
        let label = ui.label(labels::POOL_RECOMMENDED);
        egui::ComboBox::from_id_salt(labels::POOL_RECOMMENDED)
            .selected_text(recommended)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut page.filter.recommended, Recommended::Any, labels::ALL);
                ui.selectable_value(
                    &mut page.filter.recommended,
                    Recommended::Before,
                    labels::POOL_RECOMMENDED_BEFORE,
                );
                ui.selectable_value(
                    &mut page.filter.recommended,
                    Recommended::Never,
                    labels::POOL_NEVER_RECOMMENDED,
                );
            })
            .response
            .labelled_by(label.id);
        let outcome = page.filter.outcome.map_or(labels::ALL, Outcome::label);
        let label = ui.label(labels::POOL_OUTCOME);
        egui::ComboBox::from_id_salt(labels::POOL_OUTCOME)
            .selected_text(outcome)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut page.filter.outcome, None, labels::ALL);
                for o in Outcome::ALL {
                    ui.selectable_value(&mut page.filter.outcome, Some(o), o.label());
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// A filter offering the values found; 全部 for none.
fn choice_ui(ui: &mut Ui, label: &str, value: &mut String, choices: &[String]) {
    let shown = if value.is_empty() {
        labels::ALL
    } else {
        value.as_str()
    };
    // The label stands before its filter (egui puts a ComboBox's own label after it).
    let name = ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .selected_text(shown.to_owned())
        .show_ui(ui, |ui| {
            ui.selectable_value(value, String::new(), labels::ALL);
            for choice in choices {
                ui.selectable_value(value, choice.clone(), choice);
            }
        })
        .response
        .labelled_by(name.id);
}

fn table_ui(ui: &mut Ui, pool: &Pool, draft: &Draft, page: &mut PoolPage, height: f32) {
    ui.horizontal(|ui| {
        ui.add_sized(
            [70.0, ROW_HEIGHT],
            egui::Label::new(RichText::new(labels::POOL_IN_BATCH).strong()),
        );
        for (column, width) in PoolColumn::ALL.iter().zip(WIDTHS) {
            let arrow = match page.sort {
                Some((c, true)) if c == *column => "（升序）",
                Some((c, false)) if c == *column => "（降序）",
                _ => "",
            };
            let header =
                egui::Button::new(RichText::new(format!("{}{arrow}", column.label())).strong());
            if ui.add_sized([width, ROW_HEIGHT], header).clicked() {
                page.sort = match page.sort {
                    Some((c, true)) if c == *column => Some((*column, false)),
                    _ => Some((*column, true)),
                };
            }
        }
    });
    let places = page.places(pool).to_vec();
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("pool_table")
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, places.len(), |ui, rows| {
            for &index in &places[rows] {
                let entry = &pool.entries[index];
                let selected = page.selected.as_ref().is_some_and(|s| s.index == index);
                ui.horizontal(|ui| {
                    let mark = if place_in_batch(draft, entry).is_some() {
                        labels::POOL_IN_BATCH_MARK
                    } else {
                        ""
                    };
                    ui.add_sized([70.0, ROW_HEIGHT], egui::Label::new(mark));
                    for (column, width) in PoolColumn::ALL.iter().zip(WIDTHS) {
                        let mut text = column.text(entry);
                        if *column == PoolColumn::Code && entry.is_flagged() {
                            text = format!("{text}（待核）");
                        }
                        if *column == PoolColumn::Name && text.is_empty() {
                            text = labels::POOL_NO_NAME.to_owned();
                        }
                        if text.is_empty() {
                            // An empty cell is no button (a button needs a name to be read out).
                            ui.add_sized([width, ROW_HEIGHT], egui::Label::new(""));
                            continue;
                        }
                        let cell = egui::Button::selectable(selected, text).truncate();
                        if ui.add_sized([width, ROW_HEIGHT], cell).clicked() {
                            clicked = Some(index);
                        }
                    }
                });
            }
        });
    if let Some(index) = clicked {
        page.selected = pool.entries.get(index).map(|e| Selected::new(index, e));
    }
}
