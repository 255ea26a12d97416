//! The 推荐报告 template: its sections, headings, guidance and recommended lengths, read from `assets/` as data
//! because the ministry may change the template from one year to the next.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The report template as shipped.
const BUILT_IN: &str = include_str!("../../assets/report_template.json");

/// The sections of the report and its title.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Template {
    pub title: String,
    pub attachment_label: String,
    pub sections: Vec<SectionSpec>,
}

/// One section of the report.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SectionSpec {
    /// The key the drafts file and the database use (`basic`, `quality`, …).
    pub key: String,
    pub heading: String,
    pub guidance: String,
    /// Recommended length in characters; more is a warning, not an error.
    pub recommended_chars: usize,
}

static TEMPLATE: LazyLock<Template> = LazyLock::new(|| {
    // The built-in template is checked by a unit test, so it always parses.
    Template::from_json(BUILT_IN).expect("assets/report_template.json is valid")
});

impl Template {
    /// The built-in template.
    pub fn built_in() -> &'static Self {
        &TEMPLATE
    }

    /// Reads a template, refusing one with no sections, an empty or repeated key.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let template: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if template.sections.is_empty() {
            return Err("模板没有任何章节".to_owned());
        }
        for (i, section) in template.sections.iter().enumerate() {
            if section.key.trim().is_empty() {
                return Err(format!("第 {} 个章节没有 key", i + 1));
            }
            if template.sections[..i].iter().any(|s| s.key == section.key) {
                return Err(format!("章节 key「{}」重复", section.key));
            }
        }
        Ok(template)
    }

    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// Counts the characters of a section as a reader would: letters, 汉字 and punctuation, not spaces or line breaks.
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_template_has_the_six_sections_in_order() {
        let keys: Vec<_> = Template::built_in()
            .sections
            .iter()
            .map(|s| s.key.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "basic",
                "quality",
                "chain",
                "region",
                "experience",
                "opinion"
            ]
        );
        assert_eq!(
            Template::built_in()
                .section("quality")
                .map(|s| s.heading.as_str()),
            Some("二、质量水平领先情况")
        );
    }

    #[test]
    fn bad_templates_are_refused() {
        assert!(Template::from_json("{}").is_err());
        assert!(
            Template::from_json(r#"{"title":"t","attachment_label":"a","sections":[]}"#).is_err()
        );
        let repeated = r#"{"title":"t","attachment_label":"a","sections":[
            {"key":"a","heading":"h","guidance":"g","recommended_chars":1},
            {"key":"a","heading":"h","guidance":"g","recommended_chars":1}]}"#;
        assert_eq!(
            Template::from_json(repeated).err().as_deref(),
            Some("章节 key「a」重复")
        );
    }

    #[test]
    fn counts_ignore_white_space() {
        assert_eq!(char_count("质量 强国\n建设，\t领军"), 9);
        assert_eq!(char_count(""), 0);
    }
}
