//! Automatic list numbering (`word/numbering.xml`): Word keeps "一、" or "（一）" of a numbered heading out of the
//! text, so the reader puts the label back in front of the paragraph, as the reader of the document sees it.

use std::collections::HashMap;

use quick_xml::events::Event;

/// One level of a list: its format (`chineseCounting`, `decimal`, `bullet`…), label text (`%1、`) and start.
#[derive(Clone, Debug, Default)]
pub(super) struct Level {
    pub format: String,
    pub text: String,
    pub start: u32,
}

/// The lists of a document: `w:num` ids to abstract definitions and their levels.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    nums: HashMap<String, String>,
    abstracts: HashMap<String, Vec<Level>>,
}

/// The running counters while the document is read, per abstract list and level.
pub struct Counters<'a> {
    numbering: &'a Numbering,
    counts: HashMap<String, [u32; 9]>,
}

impl Numbering {
    /// Reads `numbering.xml`; anything it cannot read is simply not numbered.
    pub fn parse(xml: &str) -> Self {
        let mut numbering = Self::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<usize> = None;
        let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| {
            e.try_get_attribute(key)
                .ok()
                .flatten()
                .map(|a| a.value.into_owned())
        };
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:abstractNum" => abstract_id = attr(&e, "w:abstractNumId"),
                    "w:num" => num_id = attr(&e, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(num), Some(target)) = (&num_id, attr(&e, "w:val")) {
                            numbering.nums.insert(num.clone(), target);
                        }
                    }
                    "w:lvl" => {
                        level = attr(&e, "w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|l| *l < 9);
                    }
                    name @ ("w:start" | "w:numFmt" | "w:lvlText") => {
                        let (Some(id), Some(l), Some(value)) =
                            (&abstract_id, level, attr(&e, "w:val"))
                        else {
                            continue;
                        };
                        let levels = numbering.abstracts.entry(id.clone()).or_default();
                        if levels.len() <= l {
                            levels.resize(l + 1, Level::default());
                        }
                        match name {
                            "w:start" => levels[l].start = value.parse().unwrap_or(1),
                            "w:numFmt" => levels[l].format = value,
                            _ => levels[l].text = value,
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "w:abstractNum" => abstract_id = None,
                    "w:num" => num_id = None,
                    "w:lvl" => level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        numbering
    }

    /// Adds a list definition (a .doc's list, an abstract list of a .docx) with its levels.
    pub(super) fn add_list(&mut self, id: String, levels: Vec<Level>) {
        self.abstracts.insert(id, levels);
    }

    /// Makes `num` (what a paragraph names) use list definition `list`.
    pub(super) fn add_num(&mut self, num: String, list: String) {
        self.nums.insert(num, list);
    }

    /// Fresh counters for reading a document.
    pub fn counters(&self) -> Counters<'_> {
        Counters {
            numbering: self,
            counts: HashMap::new(),
        }
    }
}

impl Counters<'_> {
    /// Counts one more paragraph of list `num_id` at `level` and returns its label ("一、", "（二）", "3."), or
    /// nothing for bullets and unknown lists.
    pub fn label(&mut self, num_id: &str, level: u8) -> String {
        let level = usize::from(level.min(8));
        let Some(abstract_id) = self.numbering.nums.get(num_id) else {
            return String::new();
        };
        let Some(levels) = self.numbering.abstracts.get(abstract_id) else {
            return String::new();
        };
        let Some(this) = levels.get(level) else {
            return String::new();
        };
        let counts = self.counts.entry(abstract_id.clone()).or_insert([0; 9]);
        counts[level] += 1;
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        if this.format == "bullet" || this.format == "none" {
            return String::new();
        }
        let mut label = this.text.clone();
        for (l, def) in levels.iter().enumerate().take(level + 1) {
            let value = counts[l].max(1) + def.start.max(1) - 1;
            label = label.replace(&format!("%{}", l + 1), &format_number(value, &def.format));
        }
        label
    }
}

/// A counter in one of Word's number formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(n),
        "ideographTraditional" => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth((n.max(1) - 1) as usize % 10)
            .map(String::from)
            .unwrap_or_default(),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            char::from(base + ((n.max(1) - 1) % 26) as u8).to_string()
        }
        "upperRoman" | "lowerRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn chinese(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let digit = |d: u32| DIGITS[(d % 10) as usize];
    match n {
        0..=9 => digit(n).to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                String::new()
            } else {
                digit(n).to_string()
            }
        ),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n.is_multiple_of(10) {
                String::new()
            } else {
                digit(n).to_string()
            }
        ),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, text) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(text);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(36), "三十六");
    }

    #[test]
    fn labels_count_per_level() {
        let xml = r#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
        let numbering = Numbering::parse(xml);
        let mut counters = numbering.counters();
        assert_eq!(counters.label("3", 0), "一、");
        assert_eq!(counters.label("3", 1), "（一）");
        assert_eq!(counters.label("3", 1), "（二）");
        assert_eq!(counters.label("3", 0), "二、");
        assert_eq!(
            counters.label("3", 1),
            "（一）",
            "a new level-0 item restarts level 1"
        );
        assert_eq!(counters.label("9", 0), "", "unknown list");
    }
}
