//! Template ↔ JSON as docs/formats.md shows it: `format` and `version` first, unknown properties refused, and every
//! reading of a template (a template file, a drafts file, the database) goes through the same checks.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{FORMAT, FieldSpec, ReportSpec, Rules, SummarySpec, Template, VERSION};

/// The file as written.
#[derive(Serialize)]
struct Out<'a> {
    format: &'a str,
    version: u64,
    name: &'a str,
    rules: &'a Rules,
    fields: &'a [FieldSpec],
    report: &'a ReportSpec,
    summary: &'a SummarySpec,
}

/// The file as read, before the checks of `parse::check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct In {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub name: String,
    pub rules: Rules,
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    pub report: ReportSpec,
    pub summary: SummarySpec,
}

impl In {
    pub fn into_template(self) -> Template {
        Template {
            name: self.name,
            rules: self.rules,
            fields: self.fields,
            report: self.report,
            summary: self.summary,
        }
    }
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Out {
            format: FORMAT,
            version: VERSION,
            name: &self.name,
            rules: &self.rules,
            fields: &self.fields,
            report: &self.report,
            summary: &self.summary,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let read = In::deserialize(d)?;
        super::parse::check_header(&read).map_err(serde::de::Error::custom)?;
        let template = read.into_template();
        super::parse::check(&template)
            .map_err(|p| serde::de::Error::custom(format!("模板{}", p.reason)))?;
        Ok(template)
    }
}
