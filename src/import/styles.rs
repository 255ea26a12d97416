//! Paragraph and character styles (`word/styles.xml`): what a style's name, outline level, boldness, size and
//! East Asian font are, following `w:basedOn`, so the reader can tell a heading style from body text.

use std::collections::HashMap;

use quick_xml::events::Event;

/// What one style sets itself (unset properties come from the style it is based on).
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    size: Option<u16>,
    font: Option<String>,
}

/// A style with its chain followed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    pub name: String,
    pub outline: Option<u8>,
    pub bold: Option<bool>,
    pub size: Option<u16>,
    pub font: Option<String>,
}

/// The styles of a document.
#[derive(Clone, Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// The paragraph style used when a paragraph names none.
    default_paragraph: Option<String>,
    default_size: Option<u16>,
    default_font: Option<String>,
}

/// `w:b` and friends: on unless `w:val` says 0, false or off.
pub fn on_off(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "false" | "off"))
}

impl Styles {
    /// Reads `styles.xml`; what it cannot read is simply unstyled.
    pub fn parse(xml: &str) -> Self {
        let mut styles = Self::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_defaults = false;
        // Conditional table-style formatting is not the style's own.
        let mut conditional = 0_u32;
        let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| {
            e.try_get_attribute(key)
                .ok()
                .flatten()
                .map(|a| a.value.into_owned())
        };
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = e.name();
                    match name.as_ref() {
                        "w:style" => {
                            let id = attr(&e, "w:styleId").unwrap_or_default();
                            if attr(&e, "w:type").as_deref() == Some("paragraph")
                                && attr(&e, "w:default")
                                    .as_deref()
                                    .is_some_and(|v| on_off(Some(v)))
                            {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, Style::default()));
                        }
                        "w:docDefaults" => in_defaults = true,
                        "w:tblStylePr" => conditional += 1,
                        _ if conditional > 0 => {}
                        "w:name" => {
                            if let Some((_, style)) = &mut current {
                                style.name = attr(&e, "w:val").unwrap_or_default();
                            }
                        }
                        "w:basedOn" => {
                            if let Some((_, style)) = &mut current {
                                style.based_on = attr(&e, "w:val");
                            }
                        }
                        "w:outlineLvl" => {
                            if let Some((_, style)) = &mut current {
                                style.outline = attr(&e, "w:val").and_then(|v| v.parse().ok());
                            }
                        }
                        "w:b" => {
                            if let Some((_, style)) = &mut current {
                                style.bold = Some(on_off(attr(&e, "w:val").as_deref()));
                            }
                        }
                        "w:sz" => {
                            let size = attr(&e, "w:val").and_then(|v| v.parse().ok());
                            if let Some((_, style)) = &mut current {
                                style.size = size;
                            } else if in_defaults {
                                styles.default_size = size;
                            }
                        }
                        "w:rFonts" => {
                            let font = attr(&e, "w:eastAsia");
                            if let Some((_, style)) = &mut current {
                                style.font = font.or(style.font.take());
                            } else if in_defaults {
                                styles.default_font = font;
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.name().as_ref() {
                    "w:style" => {
                        if let Some((id, style)) = current.take() {
                            styles.styles.insert(id, style);
                        }
                    }
                    "w:docDefaults" => in_defaults = false,
                    "w:tblStylePr" => conditional = conditional.saturating_sub(1),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        styles
    }

    /// The paragraph style `id` (or the default paragraph style) with its chain followed; for a document without
    /// `styles.xml`, Word's built-in heading ids (`Heading1`, `1`…) still give their level.
    pub fn paragraph(&self, id: Option<&str>) -> Resolved {
        let id = id.or(self.default_paragraph.as_deref());
        let mut resolved = Resolved {
            size: self.default_size,
            font: self.default_font.clone(),
            ..Resolved::default()
        };
        let Some(id) = id else {
            return resolved;
        };
        let mut chain = Vec::new();
        let mut next = Some(id.to_owned());
        while let Some(id) = next.take() {
            if chain.len() > 16 || chain.iter().any(|(c, _): &(String, &Style)| *c == id) {
                break;
            }
            if let Some(style) = self.styles.get(&id) {
                next.clone_from(&style.based_on);
                chain.push((id, style));
            }
        }
        for (_, style) in chain.iter().rev() {
            resolved.outline = style.outline.or(resolved.outline);
            resolved.bold = style.bold.or(resolved.bold);
            resolved.size = style.size.or(resolved.size);
            resolved.font = style.font.clone().or(resolved.font.take());
        }
        resolved.name = chain
            .first()
            .map_or_else(|| id.to_owned(), |(_, s)| s.name.clone());
        if resolved.outline.is_none() {
            // A style the document does not define is known by its id (`Heading1`; `1` in Chinese Word).
            resolved.outline = if chain.is_empty() {
                heading_level(id)
            } else {
                heading_level(&resolved.name)
            };
        }
        resolved
    }

    /// A character style's own properties (its chain followed).
    pub fn character(&self, id: &str) -> Resolved {
        let mut resolved = Resolved::default();
        let mut next = Some(id.to_owned());
        let mut steps = 0;
        while let Some(id) = next.take() {
            steps += 1;
            if steps > 16 {
                break;
            }
            if let Some(style) = self.styles.get(&id) {
                resolved.bold = resolved.bold.or(style.bold);
                resolved.size = resolved.size.or(style.size);
                resolved.font = resolved.font.take().or_else(|| style.font.clone());
                next.clone_from(&style.based_on);
            }
        }
        resolved
    }
}

/// Outline level of Word's built-in heading styles by name or id: `heading 1`, `Heading1`, `标题 1`, and `1`… as
/// Chinese Word names the ids of 标题 1….
pub fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let digits = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))
        .unwrap_or(&lower)
        .trim();
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then(|| level - 1)
}

/// A table-of-contents style: `toc 1`, `TOC 2`, `目录 1`, `TOC Heading`.
pub fn is_toc_style(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.starts_with("toc") || lower.starts_with("目录") || lower.starts_with("contents")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_follow_their_chain() {
        let xml = r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="my"><w:name w:val="我的标题"/><w:basedOn w:val="1"/><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/></w:style></w:styles>"#;
        let styles = Styles::parse(xml);
        let my = styles.paragraph(Some("my"));
        assert_eq!(my.name, "我的标题");
        assert_eq!(my.outline, Some(0));
        assert_eq!(my.bold, Some(false));
        assert_eq!(my.size, Some(44));
        assert_eq!(my.font.as_deref(), Some("黑体"));
        assert_eq!(styles.paragraph(None).size, Some(21));
        assert!(is_toc_style(&styles.paragraph(Some("10")).name));
        assert_eq!(
            Styles::default().paragraph(Some("Heading2")).outline,
            Some(1)
        );
        assert_eq!(Styles::default().paragraph(Some("1")).outline, Some(0));
    }
}
