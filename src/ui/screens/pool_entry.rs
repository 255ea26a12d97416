//! One entry of the 标杆企业库 on its page: facts, tags, note and key figures edited in a working copy, its
//! history with the outcomes the clerk records, and what it can do with the batch (docs/pool.md).

use egui::{RichText, Ui};

use crate::model::Draft;
use crate::model::pool::{BUILT_IN_KEYS, Outcome, Pool, PoolEntry, fact_label};
use crate::model::pool_link::{facts_back, place_in_batch};
use crate::ui::command::{Command, PoolCommand};
use crate::ui::labels;

/// The selected entry: its place, its working copy, and the tags as typed (、 between them).
pub struct Selected {
    pub index: usize,
    pub entry: PoolEntry,
    pub tags: String,
}

impl Selected {
    pub fn new(index: usize, entry: &PoolEntry) -> Self {
        Self {
            index,
            entry: entry.clone(),
            tags: entry.tags.join("、"),
        }
    }
}

/// The selected entry's details and buttons.
pub fn entry_ui(
    ui: &mut Ui,
    selected: &mut Selected,
    pool: &Pool,
    draft: &Draft,
    commands: &mut Vec<Command>,
) {
    let index = selected.index;
    let stored = pool.entries.get(index);
    let in_batch = stored.and_then(|e| place_in_batch(draft, e));
    ui.horizontal(|ui| {
        ui.heading(selected.entry.name().to_owned());
        if selected.entry.is_flagged() {
            ui.label(RichText::new(labels::POOL_FLAGGED).color(ui.visuals().warn_fg_color));
        }
    });
    actions_ui(ui, selected, stored, in_batch, draft, commands);
    back_ui(ui, index, pool, draft, commands);
    egui::Grid::new(("pool_facts", index))
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let custom = draft.template.fields.iter().map(|f| f.key.as_str());
            for key in BUILT_IN_KEYS.into_iter().chain(custom) {
                let label = ui.label(fact_label(key, &draft.template));
                let mut value = selected.entry.fact(key).to_owned();
                let edit = ui.add(egui::TextEdit::singleline(&mut value).desired_width(360.0));
                if edit.labelled_by(label.id).changed() {
                    selected.entry.set_fact(key, &value);
                }
                ui.end_row();
            }
            let label = ui.label(labels::POOL_TAGS_ROW);
            let edit = ui.add(egui::TextEdit::singleline(&mut selected.tags).desired_width(360.0));
            if edit.labelled_by(label.id).changed() {
                selected.entry.tags = selected
                    .tags
                    .split(['、', ',', '，', ';', '；'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            ui.end_row();
            let label = ui.label(labels::POOL_NOTE);
            let edit = egui::TextEdit::multiline(&mut selected.entry.note)
                .desired_rows(3)
                .desired_width(360.0);
            ui.add(edit).labelled_by(label.id);
            ui.end_row();
        });
    figures_ui(ui, selected);
    history_ui(ui, selected);
}

fn actions_ui(
    ui: &mut Ui,
    selected: &Selected,
    stored: Option<&crate::model::pool::PoolEntry>,
    in_batch: Option<usize>,
    draft: &Draft,
    commands: &mut Vec<Command>,
) {
    let index = selected.index;
    ui.horizontal_wrapped(|ui| {
        let edited = stored != Some(&selected.entry);
        if ui
            .add_enabled(edited, egui::Button::new(labels::POOL_SAVE))
            .clicked()
        {
            commands.push(Command::Pool(PoolCommand::Save {
                index,
                entry: Box::new(selected.entry.clone()),
            }));
        }
        if ui
            .add_enabled(edited, egui::Button::new(labels::POOL_DISCARD))
            .clicked()
        {
            commands.push(Command::Pool(PoolCommand::Discard));
        }
        match in_batch {
            Some(place) => {
                ui.label(format!("已在本批次（企业 {}）", place + 1));
                let archived_years: Vec<i32> = selected
                    .entry
                    .history
                    .iter()
                    .map(|r| r.year)
                    .filter(|y| *y < draft.batch.year)
                    .collect();
                if let Some(year) = archived_years.into_iter().max()
                    && ui.button(format!("从 {year} 年度的报告正文开始")).clicked()
                {
                    commands.push(Command::Pool(PoolCommand::StartFromArchive { index, year }));
                }
            }
            None => {
                let can = draft.can_add_enterprise()
                    || draft.enterprises.iter().any(|e| *e == Default::default());
                let pick = ui.add_enabled(
                    can && !draft.is_final(),
                    egui::Button::new(labels::POOL_PICK),
                );
                let pick = pick.on_disabled_hover_text(if draft.is_final() {
                    labels::ADD_ENTERPRISE_FINAL.to_owned()
                } else {
                    crate::model::messages::quota_full(draft.max_enterprises())
                });
                if pick.clicked() {
                    commands.push(Command::Pool(PoolCommand::Pick(index)));
                }
            }
        }
    });
}

/// Facts edited in the batch that differ from this entry: offered as a plan, taken only with the button.
fn back_ui(ui: &mut Ui, index: usize, pool: &Pool, draft: &Draft, commands: &mut Vec<Command>) {
    let Some((_, changes)) = facts_back(pool, draft)
        .into_iter()
        .find(|(i, _)| *i == index)
    else {
        return;
    };
    ui.group(|ui| {
        ui.label(RichText::new(labels::POOL_BACK).strong());
        for change in &changes {
            let old = if change.old.is_empty() {
                "（空）"
            } else {
                &change.old
            };
            ui.label(format!(
                "{}：{old} → {}",
                fact_label(&change.key, &draft.template),
                change.new
            ));
        }
        if ui.button(labels::POOL_TAKE_BACK).clicked() {
            commands.push(Command::Pool(PoolCommand::TakeBack(index)));
        }
    });
}

fn figures_ui(ui: &mut Ui, selected: &Selected) {
    if selected.entry.figures.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(labels::POOL_FIGURES).strong());
    for (year, figures) in &selected.entry.figures {
        let text: Vec<String> = figures
            .iter()
            .map(|(key, value)| {
                let label = crate::model::Template::built_in().field_label(key);
                format!("{} {value}", label.trim_start_matches("上年度"))
            })
            .collect();
        ui.label(format!("{year}年：{}", text.join("；")));
    }
}

fn history_ui(ui: &mut Ui, selected: &mut Selected) {
    ui.add_space(6.0);
    ui.label(RichText::new(labels::POOL_HISTORY).strong());
    if selected.entry.history.is_empty() {
        ui.label(RichText::new(labels::POOL_NO_HISTORY).weak());
        return;
    }
    for (i, r) in selected.entry.history.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "{}（定稿码 {}，{}）",
                r.label(),
                r.final_code,
                r.date
            ));
            egui::ComboBox::new(("outcome", i), labels::POOL_RESULT)
                .selected_text(r.outcome.label())
                .show_ui(ui, |ui| {
                    for o in Outcome::ALL {
                        ui.selectable_value(&mut r.outcome, o, o.label());
                    }
                });
            let date = ui.label(labels::POOL_OUTCOME_DATE);
            ui.add(egui::TextEdit::singleline(&mut r.outcome_date).desired_width(100.0))
                .labelled_by(date.id);
            let note = ui.label(labels::POOL_OUTCOME_NOTE);
            ui.add(egui::TextEdit::singleline(&mut r.outcome_note).desired_width(200.0))
                .labelled_by(note.id);
        });
    }
}
