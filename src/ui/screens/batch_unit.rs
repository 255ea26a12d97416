//! 批次与填报单位: the year, deadline and recipient, and the recommending unit.

use egui::Ui;

use crate::model::Draft;
use crate::model::messages::{batch_field_label as batch_label, unit_field_label as unit_label};
use crate::model::provinces::PROVINCES;
use crate::model::validate::{BatchField, FieldPath, UnitField};
use crate::ui::form::Form;
use crate::ui::labels;

/// Draws the batch and unit form.
pub fn batch_unit_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.heading(labels::SECTION_HEADING_UNIT);
    egui::Grid::new("unit")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            province_row(ui, draft, form);
            let unit = &mut draft.unit;
            for (field, value, hint) in [
                (UnitField::Name, &mut unit.name, "如：浙江省市场监督管理局"),
                (UnitField::Contact, &mut unit.contact, ""),
                (UnitField::Phone, &mut unit.phone, "如：0571-87654321"),
                (UnitField::Email, &mut unit.email, "选填"),
            ] {
                form.text_row(ui, unit_label(field), value, &FieldPath::Unit(field), hint);
            }
            date_row(
                ui,
                form,
                unit_label(UnitField::Date),
                &mut unit.date,
                &FieldPath::Unit(UnitField::Date),
            );
        });

    ui.add_space(16.0);
    ui.heading(labels::SECTION_HEADING_BATCH);
    egui::Grid::new("batch")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let at = FieldPath::Batch;
            let label = ui.label(batch_label(BatchField::Year));
            ui.vertical(|ui| {
                let mut year = draft.batch.year;
                let response = ui
                    .add(
                        egui::DragValue::new(&mut year)
                            .range(2024..=2100)
                            .speed(0.1),
                    )
                    .labelled_by(label.id);
                form.take_focus(&at(BatchField::Year), &response);
                // The deadline and 填报日期 follow the year while they hold its defaults.
                form.changed |= crate::model::batch_year::set_year(draft, year, form.today);
                let lines = form.hints_ui(ui, &at(BatchField::Year));
                crate::ui::form::reserve_hint_line(ui, lines);
            });
            ui.end_row();
            let batch = &mut draft.batch;
            date_row(
                ui,
                form,
                batch_label(BatchField::Deadline),
                &mut batch.deadline,
                &at(BatchField::Deadline),
            );
            for (field, value, hint) in [
                (BatchField::Recipient, &mut batch.recipient, ""),
                (
                    BatchField::RecipientAddress,
                    &mut batch.recipient_address,
                    "",
                ),
                (
                    BatchField::RecipientPostcode,
                    &mut batch.recipient_postcode,
                    "",
                ),
                (BatchField::RecipientPhone, &mut batch.recipient_phone, ""),
            ] {
                form.text_row(ui, batch_label(field), value, &at(field), hint);
            }
            ui.label("报送份数");
            ui.label(format!(
                "纸质版 {} 份，电子版光盘 {} 张",
                batch.paper_copies, batch.discs
            ));
            ui.end_row();
        });
}

fn province_row(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    let path = FieldPath::Unit(UnitField::Province);
    let label = ui.label(unit_label(UnitField::Province));
    ui.vertical(|ui| {
        let selected = if draft.unit.province.is_empty() {
            "请选择省份"
        } else {
            draft.unit.province.as_str()
        };
        let mut chosen = None;
        let response = egui::ComboBox::from_id_salt("province")
            .selected_text(selected.to_owned())
            .width(240.0)
            .height(400.0)
            .show_ui(ui, |ui| {
                for province in &PROVINCES {
                    if ui
                        .selectable_label(draft.unit.province == province.name, province.name)
                        .clicked()
                    {
                        chosen = Some(province.name);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        form.take_focus(&path, &response);
        if let Some(name) = chosen {
            draft.set_province(name);
            form.changed = true;
        }
        let lines = form.hints_ui(ui, &path);
        crate::ui::form::reserve_hint_line(ui, lines);
    });
    ui.end_row();
}

/// A date field: typed as 2024/9/10, 2024.9.10 or 2024年9月10日 too, or picked in the 日历.
fn date_row(ui: &mut Ui, form: &mut Form<'_>, label: &str, value: &mut String, path: &FieldPath) {
    form.date_row(ui, label, value, path);
}
