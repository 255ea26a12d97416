//! The enterprise's facts from a label/value table or from `标签：值` lines: 企业名称, 统一社会信用代码, ….

use super::headings::normalize;
use crate::model::validate::EnterpriseField;

/// Labels people write for each field (normalized: half-width, no spaces), besides the form's own label.
const ALIASES: [(EnterpriseField, &[&str]); 12] = [
    (
        EnterpriseField::Name,
        &[
            "企业名称",
            "单位名称",
            "企业全称",
            "公司名称",
            "申报单位",
            "申报企业",
        ],
    ),
    (
        EnterpriseField::CreditCode,
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "统一信用代码",
        ],
    ),
    (
        EnterpriseField::Region,
        &[
            "所在地区",
            "所在地",
            "地区",
            "所在城市",
            "所属地区",
            "所在市",
        ],
    ),
    (
        EnterpriseField::Industry,
        &[
            "所属行业",
            "行业",
            "重点领域",
            "所属领域",
            "所属行业/重点领域",
            "行业领域",
        ],
    ),
    (
        EnterpriseField::Products,
        &[
            "主营业务",
            "主导产品",
            "主营产品",
            "主要产品",
            "主营业务/主导产品",
        ],
    ),
    (
        EnterpriseField::Nature,
        &["企业性质", "性质", "所有制性质", "企业类型"],
    ),
    (EnterpriseField::Contact, &["企业联系人", "联系人"]),
    (
        EnterpriseField::Phone,
        &["企业联系电话", "联系电话", "电话", "手机", "联系方式"],
    ),
    (
        EnterpriseField::Revenue,
        &["上年度营业收入", "营业收入", "主营业务收入", "年营业收入"],
    ),
    (
        EnterpriseField::Profit,
        &["上年度利润", "利润", "利润总额", "净利润"],
    ),
    (
        EnterpriseField::Rnd,
        &["上年度研发投入", "研发投入", "研发经费", "研发费用"],
    ),
    (
        EnterpriseField::Employees,
        &["员工人数", "职工人数", "从业人员", "员工总数", "从业人数"],
    ),
];

/// The field a label names, if any: "主营业务（主导产品）", "营业收入（亿元）" and "联系人:" all count. A money
/// label in another unit (万元) names nothing, so a value in 万元 never lands in a field kept in 亿元.
pub fn field_for_label(label: &str) -> Option<EnterpriseField> {
    let normalized = normalize(label);
    let normalized = normalized.trim_end_matches(':');
    if normalized.is_empty() || normalized.chars().count() > 24 {
        return None;
    }
    let (words, unit) = match normalized.find('(') {
        Some(i) => (&normalized[..i], &normalized[i..]),
        None => (normalized, ""),
    };
    let field = ALIASES
        .iter()
        .find(|(_, aliases)| aliases.contains(&normalized) || aliases.contains(&words))
        .map(|(field, _)| field.clone())?;
    let is_money = matches!(
        field,
        EnterpriseField::Revenue | EnterpriseField::Profit | EnterpriseField::Rnd
    );
    if is_money && unit.contains('元') && !unit.contains("亿元") {
        return None;
    }
    Some(field)
}

/// A `标签：值` line as label and value; the label must be short and known.
pub fn fact_line(line: &str) -> Option<(EnterpriseField, String, String)> {
    let line = line.trim();
    let cut = line.find(['：', ':', '\t'])?;
    let label = line[..cut].trim();
    let value = line[cut..].chars().skip(1).collect::<String>();
    let field = field_for_label(label)?;
    Some((field, label.to_owned(), clean_value(&value)))
}

/// A value as it goes into the form: trimmed, a 亿元 or 人 after a number dropped.
pub fn clean_value(value: &str) -> String {
    let value = value.trim().trim_matches('　');
    for unit in ["亿元", "人", "名"] {
        if let Some(number) = value.strip_suffix(unit)
            && number.trim().parse::<f64>().is_ok()
        {
            return number.trim().to_owned();
        }
    }
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_people_write_are_understood() {
        assert_eq!(field_for_label("企业名称"), Some(EnterpriseField::Name));
        assert_eq!(
            field_for_label("统一社会信用代码："),
            Some(EnterpriseField::CreditCode)
        );
        assert_eq!(
            field_for_label("主营业务（主导产品）"),
            Some(EnterpriseField::Products)
        );
        assert_eq!(
            field_for_label("所属行业（领域）"),
            Some(EnterpriseField::Industry)
        );
        assert_eq!(
            field_for_label("上年度营业收入（亿元）"),
            Some(EnterpriseField::Revenue)
        );
        assert_eq!(field_for_label("营业收入（万元）"), None, "another unit");
        assert_eq!(field_for_label("企 业 名 称"), Some(EnterpriseField::Name));
        assert_eq!(field_for_label("企业简介"), None);
    }

    #[test]
    fn fact_lines_split_at_the_colon() {
        assert_eq!(
            fact_line("统一社会信用代码：91330100799655058B"),
            Some((
                EnterpriseField::CreditCode,
                "统一社会信用代码".into(),
                "91330100799655058B".into()
            ))
        );
        assert_eq!(
            fact_line("员工人数: 5210人").map(|f| f.2),
            Some("5210".into())
        );
        assert_eq!(fact_line("公司坚持质量第一：持续提升"), None);
    }
}
