//! Dates in the window: the 日历 beside every date field (batch, unit, a template's date fields),
//! Chinese throughout, writing 2024-09-10 through the same path as typing; text that is not a date stays until
//! a day is chosen; a 定稿 batch offers no calendar.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lingjun::model::template::{FieldKind, FieldSpec};
use lingjun::ui::{self, App, Screen};

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The calendar of the `n`th date field on the page (unit date first, then the deadline).
fn open_calendar(harness: &mut egui_kittest::Harness<'_, App>, n: usize) {
    let buttons: Vec<_> = harness.query_all_by_label(ui::DATE_PICKER).collect();
    assert!(buttons.len() > n, "a 日历 button per date field");
    buttons[n].scroll_to_me();
    harness.run();
    harness
        .query_all_by_label(ui::DATE_PICKER)
        .nth(n)
        .expect("still there")
        .click();
    harness.run();
}

#[test]
fn a_day_picked_in_the_calendar_is_written_as_year_month_day() {
    let mut draft = common::full_draft(1);
    draft.unit.date = "2024年9月10日".to_owned();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.state_mut().screen = Screen::BatchUnit;
    harness.run();
    open_calendar(&mut harness, 0);
    // Opens on the month of the date in the field, in Chinese, weeks from Monday.
    assert!(harness.query_by_label("2024年9月").is_some());
    for name in ui::WEEKDAYS {
        assert!(harness.query_by_label(name).is_some(), "weekday {name}");
    }
    harness.get_by_label(ui::DATE_NEXT_MONTH).click();
    harness.run();
    assert!(harness.query_by_label("2024年10月").is_some());
    harness.get_by_label("15").click();
    harness.run();
    harness.run();
    assert_eq!(harness.state().draft.unit.date, "2024-10-15");
    assert!(
        harness.query_by_label("2024年10月").is_none(),
        "the calendar closes once a day is chosen"
    );
    // The pick is an edit like typing: the 报送前检查 no longer finds a date problem there.
    assert!(!harness.state().issues().iter().any(|i| i.field
        == lingjun::model::validate::FieldPath::Unit(lingjun::model::validate::UnitField::Date)));
}

#[test]
fn year_arrows_and_the_deadline_field_have_their_own_calendar() {
    let mut draft = common::full_draft(1);
    draft.batch.deadline = "2025-01-31".to_owned();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    open_calendar(&mut harness, 1);
    assert!(harness.query_by_label("2025年1月").is_some());
    harness.get_by_label(ui::DATE_PREV_MONTH).click();
    harness.run();
    harness.get_by_label(ui::DATE_NEXT_YEAR).click();
    harness.run();
    assert!(harness.query_by_label("2025年12月").is_some());
    harness.get_by_label("31").click();
    harness.run();
    assert_eq!(harness.state().draft.batch.deadline, "2025-12-31");
    // The other date field was not touched.
    assert_eq!(harness.state().draft.unit.date, draft.unit.date);
}

#[test]
fn text_that_is_not_a_date_stays_until_a_day_is_chosen() {
    let mut draft = common::full_draft(1);
    draft.unit.date = "下周一".to_owned();
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.run();
    open_calendar(&mut harness, 0);
    let month = format!(
        "{}年{}月",
        chrono::Datelike::year(&today()),
        chrono::Datelike::month(&today())
    );
    assert!(harness.query_by_label(&month).is_some(), "opens on today");
    assert_eq!(harness.state().draft.unit.date, "下周一");
    // Closing the calendar without a choice changes nothing.
    open_calendar(&mut harness, 0);
    assert!(harness.query_by_label(&month).is_none());
    assert_eq!(harness.state().draft.unit.date, "下周一");
    open_calendar(&mut harness, 0);
    harness.get_by_label(ui::DATE_TODAY).click();
    harness.run();
    assert_eq!(
        harness.state().draft.unit.date,
        today().format("%Y-%m-%d").to_string()
    );
}

#[test]
fn a_templates_date_field_gets_the_calendar_and_the_one_stored_form() {
    let mut draft = common::full_draft(1);
    draft.template.fields.push(FieldSpec {
        key: "certified_on".into(),
        label: "认证日期".into(),
        kind: FieldKind::Date,
        required: false,
        max_chars: None,
        choices: Vec::new(),
    });
    let mut harness = common::app_harness(common::memory_app(&draft));
    harness.state_mut().screen = Screen::Enterprise(0);
    harness.run();
    // Typed in another accepted form, rewritten when the cursor leaves.
    let field = harness.get_by_label("认证日期（选填）");
    field.focus();
    harness.run();
    harness
        .get_by_label("认证日期（选填）")
        .type_text("2023.3.8");
    harness.run();
    harness.get_by_label("企业名称").focus();
    harness.run();
    harness.run();
    let stored = |h: &egui_kittest::Harness<'_, App>| {
        h.state().draft.enterprises[0]
            .fields
            .get("certified_on")
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(stored(&harness), "2023-03-08");
    open_calendar(&mut harness, 0);
    assert!(harness.query_by_label("2023年3月").is_some());
    harness.get_by_label("20").click();
    harness.run();
    assert_eq!(stored(&harness), "2023-03-20");
}

#[test]
fn a_final_batch_offers_no_calendar() {
    let mut harness = common::app_harness(common::memory_app(&common::full_draft(2)));
    harness.run();
    harness.get_by_label(ui::FINALIZE).click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, ui::FINALIZE_NOW)
        .click();
    harness.run();
    assert!(harness.state().draft.is_final());
    harness.state_mut().screen = Screen::BatchUnit;
    harness.run();
    let before = harness.state().draft.unit.date.clone();
    for button in harness.query_all_by_label(ui::DATE_PICKER) {
        assert!(button.accesskit_node().is_disabled(), "日历 is disabled");
    }
    // A click on a disabled 日历 opens nothing and changes nothing.
    if let Some(button) = harness.query_all_by_label(ui::DATE_PICKER).next() {
        button.click();
    }
    harness.run();
    assert!(harness.query_by_label(ui::DATE_TODAY).is_none());
    assert_eq!(harness.state().draft.unit.date, before);
}
