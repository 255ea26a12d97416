//! Serde for the optional key figures (营业收入, 利润, 研发投入, 员工人数): typed text in the model, a number or
//! null in the drafts file, so a half-typed value is never lost and the file stays as docs/formats.md shows it.

use serde::{Deserialize, Deserializer, Serializer};

use super::normalize::half_width;

/// Writes empty text as null, a number (full-width digits too) as a JSON number, anything else as the text itself
/// (validation reports it).
pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    let folded = half_width(text);
    let trimmed = folded.trim();
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

/// The value as a number, when the text is one; full-width digits and point count (`１２５．６`), as a Chinese input
/// method types them.
pub fn parse(text: &str) -> Option<f64> {
    half_width(text)
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_figures_are_numbers() {
        assert_eq!(parse("１２５.６"), Some(125.6));
        assert_eq!(
            parse("　１２５．６　"),
            Some(125.6),
            "full-width point and spaces"
        );
        assert_eq!(parse("－３"), Some(-3.0));
        assert_eq!(parse("125.6"), Some(125.6), "half-width as before");
        assert_eq!(parse("一百"), None, "Chinese numerals are not figures");
        assert_eq!(parse("１２５亿"), None);
        assert_eq!(parse(""), None);
        assert_eq!(
            parse("ｉｎｆ"),
            None,
            "folded text still has to be a finite number"
        );
    }

    #[test]
    fn full_width_figures_are_written_as_numbers() {
        #[derive(serde::Serialize)]
        struct Row {
            #[serde(with = "super")]
            revenue: String,
        }
        let json = |text: &str| {
            serde_json::to_string(&Row {
                revenue: text.to_owned(),
            })
            .unwrap_or_default()
        };
        assert_eq!(json("１２５.６"), r#"{"revenue":125.6}"#);
        assert_eq!(json("１２"), r#"{"revenue":12}"#);
        assert_eq!(
            json("约１２"),
            r#"{"revenue":"约１２"}"#,
            "not a number: kept as typed"
        );
        assert_eq!(json("　"), r#"{"revenue":null}"#);
    }
}
