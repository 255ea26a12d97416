//! 日历: a month calendar beside a date field, in Chinese, weeks starting on Monday (as Chinese calendars do).
//! Written here because egui_extras' date picker has English labels (Save, Cancel, month and day names) that
//! cannot be changed.

use chrono::{Datelike, Local, Months, NaiveDate};
use egui::{Popup, PopupCloseBehavior, RichText, Ui};

use super::labels;
use crate::model::draft::parse_date;

/// The days of `month`'s calendar page in weeks of seven, Monday first; `None` pads the first and last week.
pub fn month_grid(month: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let first = month.with_day(1).unwrap_or(month);
    let lead = first.weekday().num_days_from_monday() as usize;
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .collect();
    let mut cells: Vec<Option<NaiveDate>> = vec![None; lead];
    cells.extend(days.into_iter().map(Some));
    cells.resize(cells.len().div_ceil(7) * 7, None);
    cells
        .chunks(7)
        .map(|week| std::array::from_fn(|i| week[i]))
        .collect()
}

/// The month the calendar opens on: the date in the field if it is one, otherwise `today`'s.
pub fn opening_month(text: &str, today: NaiveDate) -> NaiveDate {
    let date = parse_date(text).unwrap_or(today);
    date.with_day(1).unwrap_or(date)
}

/// The width of the 日历 button, which the field beside it leaves free.
pub const BUTTON_WIDTH: f32 = 44.0;

/// The "日历" button after a date field. A chosen day is written into `value` as `2024-09-10`; true when it was.
/// Text that is not a date stays untouched until a day is chosen.
pub fn date_picker_button(ui: &mut Ui, value: &mut String) -> bool {
    let height = ui.spacing().interact_size.y;
    let button = ui
        .add_sized(
            [BUTTON_WIDTH, height],
            egui::Button::new(labels::DATE_PICKER),
        )
        .on_hover_text(labels::DATE_PICKER_HOVER);
    let month_id = button.id.with("shown_month");
    if button.clicked() {
        let today = Local::now().date_naive();
        let month = opening_month(value, today);
        ui.ctx().data_mut(|d| d.insert_temp(month_id, month));
    }
    let mut chosen = None;
    Popup::from_toggle_button_response(&button)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let today = Local::now().date_naive();
            let mut month = ui
                .ctx()
                .data(|d| d.get_temp::<NaiveDate>(month_id))
                .unwrap_or_else(|| opening_month(value, today));
            chosen = calendar_ui(ui, &mut month, parse_date(value), today);
            ui.ctx().data_mut(|d| d.insert_temp(month_id, month));
        });
    match chosen {
        Some(day) => {
            Popup::close_id(ui.ctx(), Popup::default_response_id(&button));
            let text = day.format("%Y-%m-%d").to_string();
            let changed = *value != text;
            *value = text;
            changed
        }
        None => false,
    }
}

/// One calendar page with its month and year arrows; the day clicked, if any.
fn calendar_ui(
    ui: &mut Ui,
    month: &mut NaiveDate,
    selected: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    ui.horizontal(|ui| {
        let step = |m: NaiveDate, back: bool, n: u32| {
            let months = Months::new(n);
            let moved = if back {
                m.checked_sub_months(months)
            } else {
                m.checked_add_months(months)
            };
            moved.unwrap_or(m)
        };
        if ui.small_button(labels::DATE_PREV_YEAR).clicked() {
            *month = step(*month, true, 12);
        }
        if ui.small_button(labels::DATE_PREV_MONTH).clicked() {
            *month = step(*month, true, 1);
        }
        ui.strong(format!("{}年{}月", month.year(), month.month()));
        if ui.small_button(labels::DATE_NEXT_MONTH).clicked() {
            *month = step(*month, false, 1);
        }
        if ui.small_button(labels::DATE_NEXT_YEAR).clicked() {
            *month = step(*month, false, 12);
        }
    });
    let mut chosen = None;
    egui::Grid::new("calendar_days")
        .spacing([2.0, 2.0])
        .min_col_width(30.0)
        .show(ui, |ui| {
            for name in labels::WEEKDAYS {
                ui.centered_and_justified(|ui| ui.label(RichText::new(name).weak()));
            }
            ui.end_row();
            for week in month_grid(*month) {
                for day in week {
                    match day {
                        Some(day) => {
                            let mut text = RichText::new(day.day().to_string());
                            if day == today {
                                text = text.strong().underline();
                            }
                            let button = egui::Button::selectable(Some(day) == selected, text)
                                .min_size(egui::vec2(30.0, 24.0));
                            if ui
                                .add(button)
                                .on_hover_text(day.format("%Y-%m-%d").to_string())
                                .clicked()
                            {
                                chosen = Some(day);
                            }
                        }
                        None => {
                            ui.label("");
                        }
                    }
                }
                ui.end_row();
            }
        });
    if ui.button(labels::DATE_TODAY).clicked() {
        chosen = Some(today);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn weeks_start_on_monday_and_hold_every_day_once() {
        // 2024-09-01 was a Sunday: six empty cells before it.
        let grid = month_grid(date(2024, 9, 15));
        assert_eq!(grid[0][..6], [None; 6]);
        assert_eq!(grid[0][6], Some(date(2024, 9, 1)));
        let days: Vec<NaiveDate> = grid.iter().flatten().flatten().copied().collect();
        assert_eq!(days.len(), 30);
        assert_eq!(days.last(), Some(&date(2024, 9, 30)));
    }

    #[test]
    fn leap_february_and_a_month_starting_on_monday() {
        let grid = month_grid(date(2024, 2, 1));
        assert_eq!(grid.iter().flatten().flatten().count(), 29);
        // 2027-02-01 is a Monday and February 2027 has 28 days: exactly four full weeks.
        let grid = month_grid(date(2027, 2, 1));
        assert_eq!(grid.len(), 4);
        assert!(grid.iter().flatten().all(Option::is_some));
    }

    #[test]
    fn opens_on_the_typed_date_or_today() {
        let today = date(2026, 11, 28);
        assert_eq!(opening_month("2024年9月10日", today), date(2024, 9, 1));
        assert_eq!(opening_month("2024/9/10", today), date(2024, 9, 1));
        assert_eq!(opening_month("", today), date(2026, 11, 1));
        assert_eq!(opening_month("2026-02-30", today), date(2026, 11, 1));
        assert_eq!(opening_month("下周一", today), date(2026, 11, 1));
    }

    #[test]
    fn calendar_edges_do_not_panic() {
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            let grid = month_grid(d);
            assert!(!grid.is_empty());
        }
    }
}
