//! Edits of a template on the 模板 page, as plain functions: fresh keys for new items, removals that keep the
//! documents consistent, what comes back when a key returns, and the import's rule check for a template edited
//! in place.

use super::fields::{COLUMN_PSEUDO_FIELDS, built_in};
use super::{FieldKind, FieldSpec, KeptKind, SectionSpec, Template, kept_text};
use crate::model::draft::Draft;

/// The first template-file rule (docs/formats.md) that `template` breaks, in the import's words; `None` if valid.
pub fn problem(template: &Template) -> Option<String> {
    super::parse::check(template).err().map(|p| p.reason)
}

/// Which item of a template a broken rule is about, so the 模板 page can say it there too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemPlace {
    /// The section at this index.
    Section(usize),
    /// The custom field at this index.
    Field(usize),
    /// The 汇总表 column at this index.
    Column(usize),
    /// The rules, titles, labels or facts rows.
    Elsewhere,
}

/// `problem` with the item it is about.
pub fn problem_at(template: &Template) -> Option<(ProblemPlace, String)> {
    let p = super::parse::check(template).err()?;
    let per_item = p.needle == "\"key\"" || p.needle == "\"field\"";
    let place = match p.anchor {
        "sections" if per_item => ProblemPlace::Section(p.nth),
        "fields" if per_item => ProblemPlace::Field(p.nth),
        "columns" if per_item => ProblemPlace::Column(p.nth),
        _ => ProblemPlace::Elsewhere,
    };
    Some((place, p.reason))
}

/// A key no section, field, built-in field or stored text of `draft` uses: a new item never shows text typed
/// under an older key (`section_1`, `field_2`, …).
pub fn fresh_key(prefix: &str, template: &Template, draft: &Draft) -> String {
    let taken = |key: &str| {
        template.section(key).is_some()
            || template.field(key).is_some()
            || built_in(key).is_some()
            || COLUMN_PSEUDO_FIELDS.iter().any(|(k, _)| *k == key)
            || draft
                .enterprises
                .iter()
                .any(|e| e.sections.contains_key(key) || e.fields.contains_key(key))
    };
    (1..)
        .map(|n| format!("{prefix}_{n}"))
        .find(|key| !taken(key))
        .expect("some number is free")
}

/// The 其他写法 box of a section as its `aliases`: one per line, trimmed; a last empty line is kept while the clerk
/// types the next one.
pub fn parse_aliases(text: &str) -> Vec<String> {
    let mut aliases: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if text.ends_with('\n') {
        aliases.push(String::new());
    }
    aliases
}

/// A new, empty section at the end (its heading is for the clerk to type).
pub fn new_section(template: &Template, draft: &Draft) -> SectionSpec {
    SectionSpec {
        key: fresh_key("section", template, draft),
        heading: String::new(),
        guidance: String::new(),
        recommended_chars: 1000,
        required: false,
        aliases: Vec::new(),
    }
}

/// A new, optional text field (its name is for the clerk to type).
pub fn new_field(template: &Template, draft: &Draft) -> FieldSpec {
    FieldSpec {
        key: fresh_key("field", template, draft),
        label: String::new(),
        kind: FieldKind::Text,
        required: false,
        max_chars: None,
        choices: Vec::new(),
    }
}

/// `template` without the section `key`.
pub fn without_section(template: &Template, key: &str) -> Template {
    let mut t = template.clone();
    t.report.sections.retain(|s| s.key != key);
    t
}

/// `template` without the custom field `key`, and without its facts row and its 汇总表 column.
pub fn without_field(template: &Template, key: &str) -> Template {
    let mut t = template.clone();
    t.fields.retain(|f| f.key != key);
    t.report.facts.retain(|f| f != key);
    t.summary.columns.retain(|c| c.field != key);
    t
}

/// Moves an item one place up (`up`) or down; false when it is at that end already.
pub fn move_item<T>(items: &mut [T], index: usize, up: bool) -> bool {
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    match other {
        Some(other) if other < items.len() && index < items.len() => {
            items.swap(index, other);
            true
        }
        _ => false,
    }
}

/// Changes a field's kind; a choice field gets a first choice to edit, any other kind none.
pub fn set_kind(field: &mut FieldSpec, kind: FieldKind) {
    field.kind = kind;
    if kind.has_choices() {
        if field.choices.is_empty() {
            field.choices.push("选项一".to_owned());
        }
    } else {
        field.choices.clear();
    }
}

/// The choices as the clerk types them: one line each, or separated by 、 ， , ；.
pub fn parse_choices(text: &str) -> Vec<String> {
    text.split(['\n', '、', '，', ',', '；', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(ToOwned::to_owned)
        .collect()
}

/// The section that comes back for kept text under `key`: as it was when removed, else as built in, else a
/// plain one named by its key.
pub fn restored_section(key: &str, removed: Option<&SectionSpec>) -> SectionSpec {
    removed
        .or_else(|| Template::built_in().section(key))
        .cloned()
        .unwrap_or_else(|| SectionSpec {
            key: key.to_owned(),
            heading: format!("已恢复的章节（{key}）"),
            guidance: String::new(),
            recommended_chars: 1000,
            required: false,
            aliases: Vec::new(),
        })
}

/// The field that comes back for kept text under `key`: as it was when removed, else a text field named by
/// its key.
pub fn restored_field(key: &str, removed: Option<&FieldSpec>) -> FieldSpec {
    removed.cloned().unwrap_or_else(|| FieldSpec {
        key: key.to_owned(),
        label: format!("已恢复的字段（{key}）"),
        kind: FieldKind::Text,
        required: false,
        max_chars: None,
        choices: Vec::new(),
    })
}

/// Kept text of one key: which enterprises (0-based) hold how many characters there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptGroup {
    pub kind: KeptKind,
    pub key: String,
    pub enterprises: Vec<(usize, usize)>,
}

/// The text `template` does not show, one group per section or field key, in order of first appearance.
pub fn kept_groups(draft: &Draft, template: &Template) -> Vec<KeptGroup> {
    let mut groups: Vec<KeptGroup> = Vec::new();
    for kept in kept_text(draft, template) {
        match groups
            .iter_mut()
            .find(|g| g.kind == kept.kind && g.key == kept.key)
        {
            Some(group) => group.enterprises.push((kept.enterprise, kept.chars)),
            None => groups.push(KeptGroup {
                kind: kept.kind,
                key: kept.key,
                enterprises: vec![(kept.enterprise, kept.chars)],
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::template::dropped_by;

    fn draft() -> Draft {
        let mut draft = Draft::new(chrono::NaiveDate::from_ymd_opt(2024, 8, 1).expect("date"));
        draft.add_enterprise();
        draft
    }

    #[test]
    fn fresh_keys_skip_used_and_kept_keys() {
        let mut draft = draft();
        let t = Template::built_in().clone();
        assert_eq!(fresh_key("section", &t, &draft), "section_1");
        draft.enterprises[1]
            .sections
            .insert("section_1".into(), "旧文字".into());
        assert_eq!(
            fresh_key("section", &t, &draft),
            "section_2",
            "a key holding kept text is not reused"
        );
        let mut t2 = t.clone();
        t2.report.sections.push(new_section(&t, &draft));
        assert_eq!(fresh_key("section", &t2, &draft), "section_3");
        assert_eq!(new_field(&t2, &draft).key, "field_1");
    }

    #[test]
    fn new_items_are_invalid_until_named() {
        let draft = draft();
        let mut t = Template::built_in().clone();
        t.report.sections.push(new_section(&t, &draft));
        let reason = problem(&t).expect("an empty heading is refused");
        assert!(reason.contains("标题不能为空"), "{reason}");
        t.report.sections.last_mut().expect("added").heading = "七、其他".into();
        assert_eq!(problem(&t), None);
        t.fields.push(new_field(&t, &draft));
        assert!(problem(&t).expect("empty name").contains("名称不能为空"));
        t.fields[0].label = "所属产业链".into();
        assert_eq!(problem(&t), None);
    }

    #[test]
    fn problems_name_their_item() {
        let draft = draft();
        let mut t = Template::built_in().clone();
        assert_eq!(problem_at(&t), None);
        t.report.sections[2].heading.clear();
        assert_eq!(
            problem_at(&t).map(|(place, _)| place),
            Some(ProblemPlace::Section(2))
        );
        t.report.sections[2].heading = "三".into();
        t.fields.push(new_field(&t, &draft));
        t.fields.push(new_field(&t, &draft));
        t.fields[0].label = "甲".into();
        assert_eq!(
            problem_at(&t).map(|(place, _)| place),
            Some(ProblemPlace::Field(1)),
            "the second field, unnamed"
        );
        t.fields.truncate(1);
        t.summary.columns[3].label = Some("长".repeat(61));
        assert_eq!(
            problem_at(&t).map(|(place, _)| place),
            Some(ProblemPlace::Column(3))
        );
        t.summary.columns[3].label = None;
        t.rules.deadline = "9月20日".into();
        let (place, reason) = problem_at(&t).expect("a bad deadline");
        assert_eq!(place, ProblemPlace::Elsewhere);
        assert!(reason.contains("截止日期"), "{reason}");
    }

    #[test]
    fn removing_a_field_takes_its_row_and_column_with_it() {
        let mut t = Template::built_in().clone();
        let draft = draft();
        let mut field = new_field(&t, &draft);
        field.label = "所属产业链".into();
        let key = field.key.clone();
        t.fields.push(field);
        t.report.facts.push(key.clone());
        t.summary.columns.push(super::super::ColumnSpec {
            field: key.clone(),
            label: None,
        });
        assert_eq!(problem(&t), None);
        let removed = without_field(&t, &key);
        assert_eq!(problem(&removed), None, "still a valid template");
        assert!(!removed.shows_field(&key));
        assert!(removed.field(&key).is_none());
    }

    #[test]
    fn removing_a_section_with_text_is_named_and_kept() {
        let mut draft = draft();
        draft.enterprises[1]
            .sections
            .insert("chain".into(), "产业链文字".into());
        let new = without_section(&draft.template, "chain");
        let dropped = dropped_by(&draft, &new);
        assert_eq!(dropped.len(), 1, "one text would stop showing");
        assert_eq!(dropped[0].enterprise, 1);
        assert_eq!(
            without_section(&draft.template, "region")
                .report
                .sections
                .len(),
            5
        );
        assert!(
            dropped_by(&draft, &without_section(&draft.template, "region")).is_empty(),
            "an empty section goes without asking"
        );
        draft.template = new;
        let groups = kept_groups(&draft, &draft.template);
        assert_eq!(
            groups,
            vec![KeptGroup {
                kind: KeptKind::Section,
                key: "chain".into(),
                enterprises: vec![(1, 5)],
            }]
        );
        let back = restored_section("chain", None);
        assert_eq!(
            back.heading, "三、带领产业链质量提升情况",
            "the built-in heading"
        );
        draft.template.report.sections.push(back);
        assert!(
            kept_groups(&draft, &draft.template).is_empty(),
            "shown again"
        );
        assert_eq!(draft.enterprises[1].section("chain"), "产业链文字");
    }

    #[test]
    fn restored_items_prefer_what_was_removed() {
        let mut spec = restored_section("own", None);
        assert!(spec.heading.contains("own"));
        spec.heading = "七、我的章节".into();
        assert_eq!(restored_section("own", Some(&spec)).heading, "七、我的章节");
        assert_eq!(restored_field("chain2", None).kind, FieldKind::Text);
    }

    #[test]
    fn moves_stop_at_the_ends() {
        let mut v = vec![1, 2, 3];
        assert!(!move_item(&mut v, 0, true));
        assert!(move_item(&mut v, 0, false));
        assert_eq!(v, [2, 1, 3]);
        assert!(!move_item(&mut v, 2, false));
        assert!(!move_item(&mut v, 9, true), "out of range");
        assert!(move_item(&mut v, 2, true));
        assert_eq!(v, [2, 3, 1]);
    }

    #[test]
    fn kinds_and_choices() {
        let mut f = restored_field("x", None);
        set_kind(&mut f, FieldKind::Choice);
        assert_eq!(f.choices, ["选项一"]);
        f.choices = parse_choices("国家级、 省级,\n市级；；");
        assert_eq!(f.choices, ["国家级", "省级", "市级"]);
        set_kind(&mut f, FieldKind::Date);
        assert!(f.choices.is_empty(), "only a choice field lists choices");
        assert!(parse_choices(" 、 ").is_empty());
    }
}
