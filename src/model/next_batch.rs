//! 新建下一年度批次: next year's batch starts from this one's template and unit, optionally with some
//! enterprises' facts, never with their report text, attachments or confirmed warnings.

use chrono::NaiveDate;

use super::draft::{Batch, Draft, Enterprise, Unit};
use super::field::BUILT_IN_FIELDS;

/// Why a next batch cannot be started.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NextBatchError {
    #[error("新批次的年度（{year}）须晚于当前批次（{current}）")]
    NotLater { year: i32, current: i32 },
    #[error("年度 {year} 不是有效的年份")]
    BadYear { year: i32 },
}

/// The earliest and latest year a batch may have (here and on the command line); anything else is a typing slip.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// A fresh draft for `year` from `current`: the same template (with its rules) and 填报单位 (dated today when `year` is the batch being prepared now),
/// the notice's batch defaults, and the facts of the enterprises at `copy` (in that order, within the quota).
/// The key figures are 上年度 numbers, so they are left for the clerk to fill in again.
pub fn next_batch(
    current: &Draft,
    year: i32,
    copy: &[usize],
    today: NaiveDate,
) -> Result<Draft, NextBatchError> {
    if !YEARS.contains(&year) {
        return Err(NextBatchError::BadYear { year });
    }
    if year <= current.batch.year {
        return Err(NextBatchError::NotLater {
            year,
            current: current.batch.year,
        });
    }
    let template = current.template.clone();
    let mut batch = Batch::for_year(year);
    if let Some(deadline) = super::batch_year::default_deadline(year, &template) {
        batch.deadline = deadline;
    }
    batch.paper_copies = template.rules.paper_copies;
    // The recipient may have been corrected by the clerk: keep hers.
    batch.recipient.clone_from(&current.batch.recipient);
    batch
        .recipient_address
        .clone_from(&current.batch.recipient_address);
    batch
        .recipient_postcode
        .clone_from(&current.batch.recipient_postcode);
    batch
        .recipient_phone
        .clone_from(&current.batch.recipient_phone);
    let unit = Unit {
        date: super::batch_year::default_fill_date(year, today, &template),
        extra: Default::default(),
        ..current.unit.clone()
    };
    let mut enterprises: Vec<Enterprise> = copy
        .iter()
        .filter_map(|&i| current.enterprises.get(i))
        .map(facts_only)
        .take(template.rules.max_enterprises)
        .collect();
    if enterprises.is_empty() {
        enterprises.push(Enterprise::default());
    }
    Ok(Draft {
        batch,
        unit,
        enterprises,
        template,
        ..Draft::default()
    })
}

/// An enterprise's standing facts: the built-in fields marked `next_batch` (name, code, region, industry,
/// products, nature, contact, phone) and the custom fields.
fn facts_only(e: &Enterprise) -> Enterprise {
    let mut facts = Enterprise {
        fields: e.fields.clone(),
        ..Enterprise::default()
    };
    for f in BUILT_IN_FIELDS.iter().filter(|f| f.next_batch) {
        (f.value)(e).clone_into((f.value_mut)(&mut facts));
    }
    facts
}

/// What 新建下一年度批次 brings along of each chosen enterprise, as the dialog tells the clerk: the labels of the
/// built-in fields it copies (from the field vocabulary, so a field added there is named here too) and the custom
/// fields.
pub fn copied_facts_text() -> String {
    let labels: Vec<&str> = BUILT_IN_FIELDS
        .iter()
        .filter(|f| f.next_batch)
        .map(|f| f.label)
        .collect();
    format!("{}和自定义字段", labels.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::blob::MemoryBlobs;

    #[test]
    fn the_dialog_names_every_copied_field_and_no_other() {
        let text = copied_facts_text();
        for f in BUILT_IN_FIELDS.iter() {
            assert_eq!(text.contains(f.label), f.next_batch, "{}", f.label);
        }
        assert!(text.contains("企业联系电话"), "{text}");
        assert!(text.ends_with("和自定义字段"));
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn full_2024() -> Draft {
        let mut draft = Draft::new(day(2024, 8, 1));
        draft.set_province("浙江省");
        draft.unit.contact = "王芳".into();
        draft.batch.recipient_phone = "010-00000000".into();
        draft.template.report.title = "本省改过的标题".into();
        draft.template.rules.deadline = "09-30".into();
        for (i, name) in ["甲公司", "乙公司", "丙公司"].iter().enumerate() {
            if i > 0 {
                draft.add_enterprise();
            }
            let e = &mut draft.enterprises[i];
            e.name = (*name).into();
            e.credit_code = "91330000MA27U0L42C".into();
            e.revenue_100m = "12.5".into();
            e.sections
                .insert("basic".into(), format!("{name}的基本情况"));
            e.fields.insert("chain".into(), "新能源汽车产业链".into());
            e.attachments
                .push(MemoryBlobs::default().attach("盖章页.pdf", vec![1, 2, 3]));
            e.acknowledged.insert("k".into(), "理由".into());
        }
        draft
    }

    #[test]
    fn next_batch_keeps_template_and_unit_and_copies_only_facts() {
        let current = full_2024();
        let next = next_batch(&current, 2025, &[2, 0], day(2025, 3, 1)).expect("later year");
        assert_eq!(next.batch.year, 2025);
        assert_eq!(
            next.batch.deadline, "2025-09-30",
            "deadline from the template's rules"
        );
        assert_eq!(
            next.batch.recipient_phone, "010-00000000",
            "the clerk's recipient is kept"
        );
        assert_eq!(
            next.template, current.template,
            "the template is copied whole"
        );
        assert_eq!(next.unit.name, "浙江省市场监督管理局");
        assert_eq!(next.unit.contact, "王芳");
        assert_eq!(next.unit.date, "2025-03-01", "filled in today");
        let names: Vec<_> = next.enterprises.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["丙公司", "甲公司"],
            "the chosen enterprises, in the chosen order"
        );
        let e = &next.enterprises[0];
        assert_eq!(e.credit_code, "91330000MA27U0L42C");
        assert_eq!(
            e.fields.get("chain").map(String::as_str),
            Some("新能源汽车产业链")
        );
        assert!(e.sections.is_empty(), "report text is not carried over");
        assert!(e.attachments.is_empty(), "nor the attachments");
        assert!(e.acknowledged.is_empty(), "nor last year's confirmations");
        assert_eq!(e.revenue_100m, "", "上年度 figures are filled in anew");
        assert!(next.acknowledged.is_empty());
    }

    #[test]
    fn next_batch_without_enterprises_starts_with_one_empty() {
        let next = next_batch(&full_2024(), 2026, &[], day(2025, 10, 1)).expect("later year");
        assert_eq!(next.enterprises, vec![Enterprise::default()]);
    }

    #[test]
    fn next_batch_refuses_an_earlier_or_absurd_year_and_ignores_bad_indices() {
        let current = full_2024();
        assert_eq!(
            next_batch(&current, 2024, &[], day(2025, 1, 1)),
            Err(NextBatchError::NotLater {
                year: 2024,
                current: 2024
            })
        );
        assert!(next_batch(&current, 20250, &[], day(2025, 1, 1)).is_err());
        let next = next_batch(&current, 2025, &[7, 1, 99], day(2025, 1, 1)).expect("later");
        assert_eq!(
            next.enterprises.len(),
            1,
            "out-of-range indices are skipped"
        );
        let mut small = current.clone();
        small.template.rules.max_enterprises = 2;
        let next = next_batch(&small, 2025, &[0, 1, 2], day(2025, 1, 1)).expect("later");
        assert_eq!(next.enterprises.len(), 2, "never more than the quota");
    }
}
