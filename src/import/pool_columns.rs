//! The header row of a list of enterprises and what each column holds (docs/pool.md, "Columns"): found below
//! title rows by its labels, matched tolerantly (企业名称（全称）, 所在设区市/地市, 2023年营业收入（万元）).

use super::facts::label_field;
use super::headings::normalize;
use super::sheet::{Cell, Grid};
use crate::model::Template;
use crate::model::template::FieldKind;
use crate::model::validate::EnterpriseField;

/// How a column's values become facts.
#[derive(Clone, Debug, PartialEq)]
pub enum Convert {
    Text,
    /// A key figure: converted into the field's unit (亿元, 人) with the header's unit.
    Unit(EnterpriseField, Option<f64>),
    /// A date field: serial numbers read as dates.
    Date,
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// A fact by field key.
    Fact {
        key: String,
        convert: Convert,
    },
    /// A key figure of a year named in the header.
    Figure {
        year: i32,
        key: String,
        convert: Convert,
    },
    Tags,
    Note,
    Ignored,
}

/// A column of the sheet: its place (0-based), its header and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMatch {
    pub index: usize,
    pub label: String,
    pub column: Column,
}

/// Labels the bureau's lists use beyond the report's own (normalised: half-width, lower case, no spaces).
const REGION: [&str; 10] = [
    "设区市",
    "所在设区市",
    "所属设区市",
    "地市",
    "所在地市",
    "所属地市",
    "市",
    "城市",
    "所在市(州)",
    "市(州)",
];
const TAGS: [&str; 8] = [
    "标签",
    "产业链",
    "所属产业链",
    "重点产业链",
    "分类",
    "类别",
    "入库类别",
    "荣誉",
];
const NOTE: [&str; 7] = [
    "典型经验",
    "经验做法",
    "主要经验",
    "典型经验做法",
    "备注",
    "说明",
    "简介",
];

/// Rows searched for the header below titles.
const HEADER_SEARCH_ROWS: usize = 30;

/// The header row (its place in `grid.rows`) and its columns: the first row among the first thirty with an
/// enterprise-name column and at least one other column understood.
pub fn find_header(grid: &Grid, template: &Template) -> Option<(usize, Vec<ColumnMatch>)> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(place, (_, cells))| {
            let columns = match_row(cells, template);
            let has_name = columns
                .iter()
                .any(|c| matches!(&c.column, Column::Fact { key, .. } if key == "name"));
            let understood = columns
                .iter()
                .filter(|c| c.column != Column::Ignored)
                .count();
            (has_name && understood >= 2).then_some((place, columns))
        })
}

fn match_row(cells: &[Cell], template: &Template) -> Vec<ColumnMatch> {
    let mut seen: Vec<Column> = Vec::new();
    cells
        .iter()
        .enumerate()
        .filter_map(|(index, cell)| {
            let label = cell.text().replace('\n', "");
            if label.trim().is_empty() {
                return None;
            }
            let mut column = match_label(&label, template);
            // A second column for the same thing is listed as ignored rather than overwriting the first.
            if column != Column::Ignored && seen.contains(&column) {
                column = Column::Ignored;
            }
            seen.push(column.clone());
            Some(ColumnMatch {
                index,
                label: label.trim().to_owned(),
                column,
            })
        })
        .collect()
}

/// What a header names. The template's own custom-field labels first, then the report's labels, then the
/// bureau's; a label of alternatives (所在设区市/地市) by its parts.
pub fn match_label(label: &str, template: &Template) -> Column {
    let (year, rest) = split_year(&normalize(label));
    let whole = match_words(&rest, year, template);
    if whole != Column::Ignored {
        return whole;
    }
    rest.split(['/', '、', '或'])
        .map(|part| match_words(part, year, template))
        .find(|c| *c != Column::Ignored)
        .unwrap_or(Column::Ignored)
}

fn match_words(words: &str, year: Option<i32>, template: &Template) -> Column {
    if words.is_empty() {
        return Column::Ignored;
    }
    if let Some(spec) = template
        .fields
        .iter()
        .find(|f| normalize(&f.label) == words || f.key == words)
    {
        let convert = match spec.kind {
            FieldKind::Date => Convert::Date,
            FieldKind::Text | FieldKind::Number | FieldKind::Integer | FieldKind::Choice => {
                Convert::Text
            }
        };
        return Column::Fact {
            key: spec.key.clone(),
            convert,
        };
    }
    let bare = words.split('(').next().unwrap_or(words);
    if REGION.contains(&words) || REGION.contains(&bare) {
        return fact("region", Convert::Text);
    }
    if TAGS.contains(&words) || TAGS.contains(&bare) {
        return Column::Tags;
    }
    if NOTE.contains(&words) || NOTE.contains(&bare) {
        return Column::Note;
    }
    let Some((field, scale)) = label_field(words) else {
        return Column::Ignored;
    };
    let key = crate::model::pool::key_of(&field);
    let convert = if super::facts::is_key_figure(&field) {
        Convert::Unit(field, scale)
    } else {
        Convert::Text
    };
    match (year, key) {
        (Some(year), Some(key)) if crate::model::pool::FIGURE_KEYS.contains(&key) => {
            Column::Figure {
                year,
                key: key.to_owned(),
                convert,
            }
        }
        (_, Some(key)) => fact(key, convert),
        (_, None) => Column::Ignored,
    }
}

fn fact(key: &str, convert: Convert) -> Column {
    Column::Fact {
        key: key.to_owned(),
        convert,
    }
}

/// A year in a header (2023年营业收入, 营业收入(2023年,万元), 2023年度利润) and the label without it.
pub fn split_year(label: &str) -> (Option<i32>, String) {
    let chars: Vec<char> = label.chars().collect();
    for start in 0..chars.len().saturating_sub(3) {
        let digits: String = chars[start..start + 4].iter().collect();
        let before_digit = start > 0 && chars[start - 1].is_ascii_digit();
        let after_digit = chars.get(start + 4).is_some_and(char::is_ascii_digit);
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if before_digit || after_digit || !(1990..=2100).contains(&year) {
            continue;
        }
        let mut end = start + 4;
        for suffix in [['年', '度'].as_slice(), ['年'].as_slice()] {
            if chars[end..].starts_with(suffix) {
                end += suffix.len();
                break;
            }
        }
        let rest: String = chars[..start].iter().chain(&chars[end..]).collect();
        let rest = rest.replace("(,", "(").replace(",)", ")").replace("()", "");
        return (Some(year), rest.trim_matches([',', '-', '_']).to_owned());
    }
    (None, label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::BuiltIn;

    fn column(label: &str) -> Column {
        match_label(label, Template::built_in())
    }

    #[test]
    fn headers_worded_many_ways_are_understood() {
        assert_eq!(column("企业名称（全称）"), fact("name", Convert::Text));
        assert_eq!(
            column("统一社会信用代码"),
            fact("credit_code", Convert::Text)
        );
        assert_eq!(column("所在设区市/地市"), fact("region", Convert::Text));
        assert_eq!(column("地 市"), fact("region", Convert::Text));
        assert_eq!(column("所属行业（领域）"), fact("industry", Convert::Text));
        assert_eq!(column("主导产品"), fact("products", Convert::Text));
        assert_eq!(column("所属产业链"), Column::Tags);
        assert_eq!(column("典型经验"), Column::Note);
        assert_eq!(column("序号"), Column::Ignored);
        assert_eq!(
            column("2023年营业收入（万元）"),
            Column::Figure {
                year: 2023,
                key: "revenue_100m".into(),
                convert: Convert::Unit(EnterpriseField::BuiltIn(BuiltIn::Revenue), Some(1e-4))
            }
        );
        assert_eq!(
            column("营业收入(2022年，亿元)"),
            Column::Figure {
                year: 2022,
                key: "revenue_100m".into(),
                convert: Convert::Unit(EnterpriseField::BuiltIn(BuiltIn::Revenue), Some(1.0))
            }
        );
        assert_eq!(
            column("营业收入（万元）"),
            fact(
                "revenue_100m",
                Convert::Unit(EnterpriseField::BuiltIn(BuiltIn::Revenue), Some(1e-4))
            )
        );
    }

    #[test]
    fn years_are_split_off_only_when_they_are_years() {
        assert_eq!(split_year("2023年度利润"), (Some(2023), "利润".into()));
        assert_eq!(split_year("利润"), (None, "利润".into()));
        assert_eq!(split_year("12345"), (None, "12345".into()));
    }
}
