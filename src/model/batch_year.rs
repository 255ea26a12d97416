//! The dates that follow the batch's year: 报送截止日期 (the template's month and day in that year) and 填报日期
//! (today for the batch being prepared now, empty for any other year). Changing 年度 moves each of them only
//! while it still holds the old year's default, so a date the clerk typed is never overwritten.

use chrono::{Datelike as _, NaiveDate};

use super::draft::{Draft, parse_date};
use super::template::Template;

/// The year a batch prepared on `today` is for: this year up to and including the template's deadline day,
/// next year after it.
pub fn batch_year_for(today: NaiveDate, template: &Template) -> i32 {
    match default_deadline(today.year(), template).and_then(|d| parse_date(&d)) {
        Some(deadline) if today > deadline => today.year() + 1,
        _ => today.year(),
    }
}

/// The template's deadline (`MM-DD`) in `year`, as `YYYY-MM-DD`; none when that day does not exist that year
/// (02-29) or the template's value is not a month and day.
pub fn default_deadline(year: i32, template: &Template) -> Option<String> {
    let text = format!("{year:04}-{}", template.rules.deadline.trim());
    parse_date(&text).map(|_| text)
}

/// 填报日期's default for a batch of `year`: today for the batch being prepared now, otherwise empty (a past or
/// future batch was or will be signed on a day only the clerk knows).
pub fn default_fill_date(year: i32, today: NaiveDate, template: &Template) -> String {
    if year == batch_year_for(today, template) {
        today.format("%Y-%m-%d").to_string()
    } else {
        String::new()
    }
}

/// Sets 年度 to `year`. The deadline moves to the template's month and day in `year` when it was empty or still
/// the old year's default (the template's, or the notice's 9月20日); 填报日期 takes `year`'s default when it was
/// empty or still the old year's default. True when anything changed.
pub fn set_year(draft: &mut Draft, year: i32, today: NaiveDate) -> bool {
    let old = draft.batch.year;
    if old == year {
        return false;
    }
    draft.batch.year = year;
    let template = &draft.template;
    let deadline = draft.batch.deadline.trim();
    let notice_default = format!("{old:04}-09-20");
    let was_default = deadline.is_empty()
        || deadline == notice_default
        || default_deadline(old, template).as_deref() == Some(deadline);
    if was_default && let Some(moved) = default_deadline(year, template) {
        draft.batch.deadline = moved;
    }
    let date = draft.unit.date.trim();
    if date.is_empty() || date == default_fill_date(old, today, template) {
        draft.unit.date = default_fill_date(year, today, template);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn the_deadline_follows_the_year_while_it_is_the_default() {
        let today = day(2027, 3, 1);
        let mut draft = Draft::new(today);
        assert_eq!(draft.batch.deadline, "2027-09-20");
        assert!(set_year(&mut draft, 2024, today));
        assert_eq!(draft.batch.year, 2024);
        assert_eq!(
            draft.batch.deadline, "2024-09-20",
            "the template's month-day in the new year"
        );
        assert_eq!(draft.unit.date, "", "a past year's 填报日期 is left empty");
        assert!(set_year(&mut draft, 2027, today));
        assert_eq!(draft.batch.deadline, "2027-09-20", "and back");
        assert_eq!(draft.unit.date, "2027-03-01", "today for the current batch");
    }

    #[test]
    fn dates_the_clerk_typed_stay() {
        let today = day(2027, 3, 1);
        let mut draft = Draft::new(today);
        draft.batch.deadline = "2027-10-08".into();
        draft.unit.date = "2027-02-14".into();
        set_year(&mut draft, 2026, today);
        assert_eq!(draft.batch.deadline, "2027-10-08", "typed deadline kept");
        assert_eq!(draft.unit.date, "2027-02-14", "typed 填报日期 kept");
        draft.batch.deadline = "下周一".into();
        set_year(&mut draft, 2025, today);
        assert_eq!(
            draft.batch.deadline, "下周一",
            "half-typed text is never lost"
        );
    }

    #[test]
    fn the_templates_deadline_is_used_and_a_missing_day_leaves_the_old_one() {
        let today = day(2027, 3, 1);
        let mut draft = Draft::new(today);
        draft.template.rules.deadline = "02-29".into();
        draft.batch.deadline = String::new();
        set_year(&mut draft, 2028, today);
        assert_eq!(
            draft.batch.deadline, "2028-02-29",
            "a leap year has the day"
        );
        set_year(&mut draft, 2027, today);
        assert_eq!(
            draft.batch.deadline, "2028-02-29",
            "no 2027-02-29: the deadline stays rather than becoming a wrong day"
        );
        draft.template.rules.deadline = "10-15".into();
        draft.batch.deadline = "2027-10-15".into();
        set_year(&mut draft, 2029, today);
        assert_eq!(draft.batch.deadline, "2029-10-15");
    }

    #[test]
    fn the_same_year_changes_nothing() {
        let today = day(2027, 3, 1);
        let mut draft = Draft::new(today);
        draft.unit.date = String::new();
        assert!(!set_year(&mut draft, 2027, today));
        assert_eq!(draft.unit.date, "", "nothing filled in without a change");
    }

    #[test]
    fn after_the_deadline_the_batch_being_prepared_is_next_years() {
        let template = Template::built_in();
        assert_eq!(batch_year_for(day(2026, 9, 20), template), 2026);
        assert_eq!(batch_year_for(day(2026, 9, 21), template), 2027);
        assert_eq!(
            default_fill_date(2027, day(2026, 11, 27), template),
            "2026-11-27"
        );
        assert_eq!(default_fill_date(2026, day(2026, 11, 27), template), "");
    }
}
