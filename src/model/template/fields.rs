//! The built-in enterprise fields (docs/rules.md) by key, and how a template key reads a value from an enterprise.

use crate::model::draft::Enterprise;

/// A built-in enterprise field: its key in files and templates, its label, and where its value is.
pub struct BuiltInField {
    pub key: &'static str,
    pub label: &'static str,
    pub value: fn(&Enterprise) -> &str,
}

/// The built-in fields in the order of the form.
pub const BUILT_IN_FIELDS: [BuiltInField; 12] = [
    BuiltInField {
        key: "name",
        label: "企业名称",
        value: |e| &e.name,
    },
    BuiltInField {
        key: "credit_code",
        label: "统一社会信用代码",
        value: |e| &e.credit_code,
    },
    BuiltInField {
        key: "region",
        label: "所在地区",
        value: |e| &e.region,
    },
    BuiltInField {
        key: "industry",
        label: "所属行业（领域）",
        value: |e| &e.industry,
    },
    BuiltInField {
        key: "products",
        label: "主营业务（主导产品）",
        value: |e| &e.products,
    },
    BuiltInField {
        key: "nature",
        label: "企业性质",
        value: |e| &e.nature,
    },
    BuiltInField {
        key: "contact",
        label: "企业联系人",
        value: |e| &e.contact,
    },
    BuiltInField {
        key: "phone",
        label: "企业联系电话",
        value: |e| &e.phone,
    },
    BuiltInField {
        key: "revenue_100m",
        label: "上年度营业收入（亿元）",
        value: |e| &e.revenue_100m,
    },
    BuiltInField {
        key: "profit_100m",
        label: "上年度利润（亿元）",
        value: |e| &e.profit_100m,
    },
    BuiltInField {
        key: "rnd_100m",
        label: "上年度研发投入（亿元）",
        value: |e| &e.rnd_100m,
    },
    BuiltInField {
        key: "employees",
        label: "员工人数",
        value: |e| &e.employees,
    },
];

/// Column-only fields of the 汇总表: the row number, the joined contact, a blank 备注.
pub const COLUMN_PSEUDO_FIELDS: [(&str, &str); 3] = [
    ("#", "序号"),
    ("contact_phone", "联系人及电话"),
    ("note", "备注"),
];

/// The built-in field with this key.
pub fn built_in(key: &str) -> Option<&'static BuiltInField> {
    BUILT_IN_FIELDS.iter().find(|f| f.key == key)
}

/// The value of a field for enterprise number `index` (0-based): built-in, custom, or a column pseudo-field.
pub fn field_value(e: &Enterprise, index: usize, key: &str) -> String {
    if key == "credit_code" {
        // Printed as checked: half-width, upper case, no spaces or hyphens, however it was typed or imported.
        return crate::model::credit_code::normalize(&e.credit_code);
    }
    if let Some(f) = built_in(key) {
        return (f.value)(e).trim().to_owned();
    }
    match key {
        "#" => (index + 1).to_string(),
        "note" => String::new(),
        "contact_phone" => [e.contact.trim(), e.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => e.fields.get(key).map_or("", |v| v.trim()).to_owned(),
    }
}
