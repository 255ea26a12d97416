//! Serde for the optional key figures (营业收入, 利润, 研发投入, 员工人数): typed text in the model, a number or
//! null in the drafts file, so a half-typed value is never lost and the file stays as docs/formats.md shows it.

use serde::{Deserialize, Deserializer, Serializer};

/// Writes empty text as null, a number as a JSON number, anything else as the text itself (validation reports it).
pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return s.serialize_none();
    }
    if let Ok(whole) = trimmed.parse::<i64>() {
        return s.serialize_i64(whole);
    }
    match trimmed.parse::<f64>() {
        Ok(value) if value.is_finite() => s.serialize_f64(value),
        _ => s.serialize_str(text),
    }
}

/// Reads null, a number or a string.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged, expecting = "a number, a string or null")]
    enum Figure {
        Whole(i64),
        Number(f64),
        Text(String),
    }
    Ok(match Option::<Figure>::deserialize(d)? {
        None => String::new(),
        Some(Figure::Whole(n)) => n.to_string(),
        Some(Figure::Number(n)) => n.to_string(),
        Some(Figure::Text(t)) => t,
    })
}

/// The value as a number, when the text is one.
pub fn parse(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}
