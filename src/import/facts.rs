//! The enterprise's facts from a label/value table or from `标签：值` lines: 企业名称, 统一社会信用代码, ….

use super::headings::normalize;
use crate::model::field::{BUILT_IN_FIELDS, BuiltInKind};
use crate::model::validate::EnterpriseField;

/// The field a label names, if any: "主营业务（主导产品）", "营业收入（亿元）" and "联系人:" all count.
pub fn field_for_label(label: &str) -> Option<EnterpriseField> {
    label_field(label).map(|(field, _)| field)
}

/// The field a label names and the unit the label gives its values in, as a factor to the field's unit
/// (营业收入（万元） → 0.0001 亿元 per 万元; 员工人数（万人） → 10 000).
pub fn label_field(label: &str) -> Option<(EnterpriseField, Option<f64>)> {
    let normalized = normalize(label);
    let normalized = normalized.trim_end_matches(':');
    if normalized.is_empty() || normalized.chars().count() > 24 {
        return None;
    }
    let (words, unit) = match normalized.find('(') {
        Some(i) => (&normalized[..i], &normalized[i..]),
        None => (normalized, ""),
    };
    // The labels people write for each field (normalized: half-width, no spaces) are in the vocabulary.
    let field = BUILT_IN_FIELDS
        .iter()
        .find(|f| f.aliases.contains(&normalized) || f.aliases.contains(&words))
        .map(|f| EnterpriseField::BuiltIn(f.id))?;
    let unit = unit.trim_matches(['(', ')']);
    let scale = if unit.is_empty() {
        None
    } else {
        scale_of(&field, unit)
    };
    Some((field, scale))
}

/// The kind of a built-in field; `None` for the template's own fields, sections and attachments.
fn kind_of(field: &EnterpriseField) -> Option<BuiltInKind> {
    match field {
        EnterpriseField::BuiltIn(id) => Some(id.def().kind),
        EnterpriseField::Section(_)
        | EnterpriseField::Custom(_)
        | EnterpriseField::Attachment(_) => None,
    }
}

/// Whether a field is a key figure, whose values are numbers converted into its unit.
pub fn is_key_figure(field: &EnterpriseField) -> bool {
    kind_of(field).is_some_and(BuiltInKind::is_key_figure)
}

/// A unit written after a number, as a factor to the field's unit (亿元 for money, 人 for headcounts).
fn scale_of(field: &EnterpriseField, unit: &str) -> Option<f64> {
    match kind_of(field)? {
        BuiltInKind::Money => match unit {
            "亿元" | "亿" => Some(1.0),
            "万元" | "万" => Some(1e-4),
            "千元" => Some(1e-5),
            "元" => Some(1e-8),
            _ => None,
        },
        BuiltInKind::Headcount => match unit {
            "人" | "名" | "" => Some(1.0),
            "万人" | "万" | "万名" => Some(1e4),
            _ => None,
        },
        BuiltInKind::Text
        | BuiltInKind::CreditCode
        | BuiltInKind::Phone
        | BuiltInKind::Suggested(_)
        | BuiltInKind::Choice(_) => None,
    }
}

/// A number as the form shows it: at most four decimals, no trailing zeros.
fn format_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// A value as written ("1,184,000万元", "0.52万人", "约 36.8 亿元") in the field's unit, given the label's unit;
/// the reason when it does not fit (not a number, several numbers, an unknown unit).
pub fn convert(
    field: &EnterpriseField,
    value: &str,
    label_scale: Option<f64>,
) -> Result<String, String> {
    let money = kind_of(field) == Some(BuiltInKind::Money);
    if !is_key_figure(field) {
        return Ok(value.trim().to_owned());
    }
    let compact: String = normalize(value)
        .chars()
        .filter(|c| !matches!(c, ',' | '，'))
        .collect();
    let mut rest = compact.as_str();
    for prefix in ["超过", "约", "近", "超", "逾", "达", "共", "计"] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let Ok(number) = digits.parse::<f64>() else {
        return Err("不是数字".to_owned());
    };
    let unit = rest[digits.len()..].trim_end_matches(['。', '.']);
    let scale = if unit.is_empty() {
        label_scale.unwrap_or(1.0)
    } else {
        scale_of(field, unit).ok_or_else(|| {
            if unit.chars().any(|c| c.is_ascii_digit()) {
                "有不止一个数".to_owned()
            } else {
                format!("单位“{unit}”无法换算")
            }
        })?
    };
    let converted = number * scale;
    Ok(if money {
        format_number(converted, 4)
    } else {
        format_number(converted.round(), 0)
    })
}

/// The unit the form keeps a field in, for the plan's notes.
pub fn field_unit(field: &EnterpriseField) -> &'static str {
    kind_of(field).map_or("", BuiltInKind::unit)
}

/// A `标签：值` line as its label and value, split at the first colon or tab.
pub fn split_label(line: &str) -> Option<(&str, String)> {
    let line = line.trim();
    let cut = line.find(['：', ':', '\t'])?;
    let value = line[cut..].chars().skip(1).collect::<String>();
    Some((line[..cut].trim(), value))
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

/// A year heading a column or row of a multi-year table: 2023, 2023年, 2023年度.
pub fn year_of(cell: &str) -> Option<i32> {
    let normalized = normalize(cell);
    let digits = normalized
        .trim_end_matches("年度")
        .trim_end_matches('年')
        .trim_end_matches("度");
    let year: i32 = digits.parse().ok()?;
    (digits.len() == 4 && (1990..=2100).contains(&year)).then_some(year)
}

/// An enterprise name in a title: "某某股份有限公司质量强国建设领军企业推荐报告", "关于推荐某某公司的报告".
pub fn name_in_title(line: &str) -> Option<String> {
    let line = line.trim();
    let line = line
        .strip_prefix("关于推荐")
        .or_else(|| line.strip_prefix("推荐"))
        .unwrap_or(line);
    let end = ["质量强国", "申报", "推荐报告", "为", "的推荐", "关于"]
        .iter()
        .filter_map(|w| line.find(w))
        .min()?;
    let name = line[..end].trim().trim_end_matches(['：', ':', '—', '-']);
    let ends_like_name = ["公司", "集团", "厂", "研究院", "研究所", "中心"]
        .iter()
        .any(|s| name.ends_with(s));
    (ends_like_name && name.chars().count() >= 4).then(|| name.to_owned())
}

/// A 统一社会信用代码 with valid check digits anywhere in running text.
pub fn credit_code_in(text: &str) -> Option<String> {
    let chars: Vec<char> = normalize(text)
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let allowed =
        |c: &char| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"IOSVZ".contains(*c));
    let mut start = 0;
    while start + 18 <= chars.len() {
        if !allowed(&chars[start]) {
            start += 1;
            continue;
        }
        let run = chars[start..].iter().take_while(|c| allowed(c)).count();
        if run == 18 {
            let code: String = chars[start..start + 18].iter().collect();
            if crate::model::credit_code::check(&code).is_empty() {
                return Some(code);
            }
        }
        start += run.max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::BuiltIn;

    #[test]
    fn labels_people_write_are_understood() {
        assert_eq!(
            field_for_label("企业名称"),
            Some(EnterpriseField::BuiltIn(BuiltIn::Name))
        );
        assert_eq!(
            field_for_label("统一社会信用代码："),
            Some(EnterpriseField::BuiltIn(BuiltIn::CreditCode))
        );
        assert_eq!(
            field_for_label("主营业务（主导产品）"),
            Some(EnterpriseField::BuiltIn(BuiltIn::Products))
        );
        assert_eq!(
            field_for_label("所属行业（领域）"),
            Some(EnterpriseField::BuiltIn(BuiltIn::Industry))
        );
        assert_eq!(
            field_for_label("上年度营业收入（亿元）"),
            Some(EnterpriseField::BuiltIn(BuiltIn::Revenue))
        );
        assert_eq!(
            label_field("营业收入（万元）"),
            Some((EnterpriseField::BuiltIn(BuiltIn::Revenue), Some(1e-4))),
            "another unit, converted"
        );
        assert_eq!(
            field_for_label("企 业 名 称"),
            Some(EnterpriseField::BuiltIn(BuiltIn::Name))
        );
        assert_eq!(field_for_label("企业简介"), None);
    }

    /// A `标签：值` line as field and value, as the plan reads it.
    fn fact_line(line: &str) -> Option<(EnterpriseField, String, String)> {
        let (label, value) = split_label(line)?;
        let (field, _) = label_field(label)?;
        Some((field, label.to_owned(), clean_value(&value)))
    }

    #[test]
    fn fact_lines_split_at_the_colon() {
        assert_eq!(
            fact_line("统一社会信用代码：91330100799655058B"),
            Some((
                EnterpriseField::BuiltIn(BuiltIn::CreditCode),
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

    #[test]
    fn values_are_converted_into_the_fields_unit() {
        let revenue = EnterpriseField::BuiltIn(BuiltIn::Revenue);
        assert_eq!(
            convert(&revenue, "1,184,000万元", None).as_deref(),
            Ok("118.4")
        );
        assert_eq!(convert(&revenue, "36.8亿元", None).as_deref(), Ok("36.8"));
        assert_eq!(
            convert(&revenue, "12,345", Some(1e-4)).as_deref(),
            Ok("1.2345")
        );
        assert_eq!(
            convert(&revenue, "5 600 000 000元", None).as_deref(),
            Ok("56")
        );
        assert!(convert(&revenue, "34.1 38.3 42.6", None).is_err());
        assert!(convert(&revenue, "较上年增长", None).is_err());
        let people = EnterpriseField::BuiltIn(BuiltIn::Employees);
        assert_eq!(convert(&people, "5210人", None).as_deref(), Ok("5210"));
        assert_eq!(convert(&people, "0.52万人", None).as_deref(), Ok("5200"));
    }

    #[test]
    fn names_codes_and_years_in_running_text() {
        assert_eq!(
            name_in_title("宁波示例电气股份有限公司质量强国建设领军企业推荐报告").as_deref(),
            Some("宁波示例电气股份有限公司")
        );
        assert_eq!(name_in_title("质量强国建设领军企业推荐报告"), None);
        assert_eq!(
            credit_code_in("公司统一社会信用代码为91330100799655058B，注册资本").as_deref(),
            Some("91330100799655058B")
        );
        assert_eq!(
            credit_code_in("编号91330100799655058C"),
            None,
            "check digit"
        );
        assert_eq!(year_of("2023年度"), Some(2023));
        assert_eq!(year_of("123"), None);
    }
}
