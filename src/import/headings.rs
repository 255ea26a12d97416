//! Finding the template's section headings in someone else's text: by their numbering (一、 二、 …, （一）, 1.)
//! and their words, tolerant of spaces, full- or half-width punctuation, a missing number and slightly different
//! wording.

/// How a heading is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Number {
    /// 一、
    Chinese(u32),
    /// （一）
    ParenChinese(u32),
    /// 1. or 1、
    Arabic(u32),
    /// (1) or 1)
    ParenArabic(u32),
    /// 第一部分, 第一篇
    Part(u32),
    /// 第一章, 第一节
    Chapter(u32),
    /// 一是 (a point inside running text)
    Shi(u32),
}

impl Number {
    /// The value, whatever the style.
    pub fn value(self) -> u32 {
        match self {
            Self::Chinese(n)
            | Self::ParenChinese(n)
            | Self::Arabic(n)
            | Self::ParenArabic(n)
            | Self::Part(n)
            | Self::Chapter(n)
            | Self::Shi(n) => n,
        }
    }

    /// The style without the value, to group headings numbered alike.
    pub fn style(self) -> u8 {
        match self {
            Self::Chinese(_) => 0,
            Self::ParenChinese(_) => 1,
            Self::Arabic(_) => 2,
            Self::ParenArabic(_) => 3,
            Self::Part(_) => 4,
            Self::Chapter(_) => 5,
            Self::Shi(_) => 6,
        }
    }

    /// Whether this style numbers the parts of a whole report (一、, 第一部分, 第一章, 1.).
    pub fn is_top(self) -> bool {
        matches!(
            self,
            Self::Chinese(_) | Self::Part(_) | Self::Chapter(_) | Self::Arabic(_)
        )
    }
}

/// Full-width letters, digits and punctuation to half-width, brackets and colons unified, white space removed.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                '〔' | '【' => '[',
                '〕' | '】' => ']',
                '｡' => '.',
                c => crate::model::normalize::half_width_char(c),
            };
            (!c.is_whitespace()).then(|| c.to_ascii_lowercase())
        })
        .collect()
}

fn chinese_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = numeral.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        [d] => digit(*d).filter(|v| *v > 0),
        _ => None,
    }
}

/// Splits a normalized line into its number (if it starts with one) and the rest.
pub fn split_number(normalized: &str) -> (Option<Number>, &str) {
    let is_numeral = |c: char| "零一二三四五六七八九十".contains(c);
    if let Some(rest) = normalized.strip_prefix('(') {
        let numeral: String = rest.chars().take_while(|c| is_numeral(*c)).collect();
        if let (Some(n), Some(after)) = (
            chinese_value(&numeral),
            rest[numeral.len()..].strip_prefix(')'),
        ) {
            return (Some(Number::ParenChinese(n)), trim_separator(after));
        }
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let (Ok(n), Some(after)) = (digits.parse(), rest[digits.len()..].strip_prefix(')')) {
            return (Some(Number::ParenArabic(n)), trim_separator(after));
        }
        return (None, normalized);
    }
    if let Some(rest) = normalized.strip_prefix('第') {
        let numeral: String = rest.chars().take_while(|c| is_numeral(*c)).collect();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let (value, after) = if numeral.is_empty() {
            (digits.parse().ok(), &rest[digits.len()..])
        } else {
            (chinese_value(&numeral), &rest[numeral.len()..])
        };
        if let Some(n) = value {
            for (word, number) in [
                ("部分", Number::Part(n)),
                ("篇", Number::Part(n)),
                ("章", Number::Chapter(n)),
                ("节", Number::Chapter(n)),
            ] {
                if let Some(after) = after.strip_prefix(word) {
                    return (Some(number), trim_separator(after));
                }
            }
        }
    }
    let numeral: String = normalized.chars().take_while(|c| is_numeral(*c)).collect();
    if let Some(n) = chinese_value(&numeral) {
        let after = &normalized[numeral.len()..];
        if let Some(rest) = after.strip_prefix(['、', '.', ',', ':', '，']) {
            return (Some(Number::Chinese(n)), rest);
        }
        if let Some(rest) = after.strip_prefix('是')
            && !rest.is_empty()
        {
            return (Some(Number::Shi(n)), trim_separator(rest));
        }
    }
    let digits: String = normalized
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(n) = digits.parse() {
        let after = &normalized[digits.len()..];
        if let Some(rest) = after.strip_prefix(['、', '.', ':']) {
            // "1.5亿元" is a number, not a heading.
            if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                return (Some(Number::Arabic(n)), rest);
            }
        }
        if let Some(rest) = after.strip_prefix(')') {
            return (Some(Number::ParenArabic(n)), rest);
        }
    }
    (None, normalized)
}

fn trim_separator(text: &str) -> &str {
    text.trim_start_matches(['、', '.', ',', ':', '，'])
}

/// Words people use for the same thing in a heading, each mapped to one of them; the longest is tried first.
const SYNONYMS: [(&str, &str); 27] = [
    ("可复制可推广的经验做法", "经验做法"),
    ("可复制可推广的经验", "经验做法"),
    ("可复制、可推广的经验", "经验做法"),
    ("可复制可推广经验", "经验做法"),
    ("经验做法", "经验做法"),
    ("典型做法", "经验做法"),
    ("特色做法", "经验做法"),
    ("主要做法", "经验做法"),
    ("做法", "经验做法"),
    ("经验", "经验做法"),
    ("基本情况", "基本情况"),
    ("基本概况", "基本情况"),
    ("基本信息", "基本情况"),
    ("概况", "基本情况"),
    ("简介", "基本情况"),
    ("概述", "基本情况"),
    ("简况", "基本情况"),
    ("方面", "情况"),
    ("工作情况", "情况"),
    ("带动", "带领"),
    ("引导", "带领"),
    ("推荐理由", "推荐意见"),
    ("推荐意见", "推荐意见"),
    ("高质量发展", "高质量发展"),
    ("上下游", "产业链"),
    ("供应链", "产业链"),
    ("产业链", "产业链"),
];

/// Words that say nothing about which section a heading is.
const FILLERS: [&str; 9] = [
    "企业",
    "公司",
    "集团",
    "我司",
    "本单位",
    "的",
    "主要",
    "有关",
    "相关",
];

/// A heading's words in one vocabulary: synonyms mapped, fillers and asides dropped ("公司概况" → "基本情况").
pub fn canonical(normalized_words: &str) -> String {
    let words = core_words(normalized_words);
    let mut out = String::with_capacity(words.len());
    let mut rest = words.as_str();
    'outer: while let Some(c) = rest.chars().next() {
        for (word, canon) in SYNONYMS {
            if let Some(after) = rest.strip_prefix(word) {
                out.push_str(canon);
                rest = after;
                continue 'outer;
            }
        }
        for filler in FILLERS {
            if let Some(after) = rest.strip_prefix(filler) {
                rest = after;
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// How close two headings' words are in meaning, 0.0–1.0: `a` and `b` normalized, without their numbers.
pub fn meaning(a: &str, b: &str) -> f32 {
    let (ca, cb) = (canonical(a), canonical(b));
    if ca.is_empty() || cb.is_empty() {
        return 0.0;
    }
    let mut score = similarity(&ca, &cb);
    if ca.contains(cb.as_str()) {
        score = score.max(0.9);
    } else if cb.contains(ca.as_str()) && ca.chars().count() >= 2 {
        score = score.max(0.6);
    }
    score
}

/// Text without parenthesized asides and trailing colons: "推荐意见(省级市场监管部门):" → "推荐意见".
pub fn core_words(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0_u32;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches([':', '.', '。']).to_owned()
}

/// Dice coefficient of character bigrams (characters alone for one-character strings), 0.0–1.0.
pub fn similarity(a: &str, b: &str) -> f32 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() == 1 {
            return vec![(chars[0], chars[0])];
        }
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, mut gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total = ga.len() + gb.len();
    let mut common = 0;
    for g in &ga {
        if let Some(i) = gb.iter().position(|x| x == g) {
            gb.swap_remove(i);
            common += 1;
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let score = 2.0 * common as f32 / total as f32;
    score
}

/// How well `line` reads as the heading `heading`: a score above zero when it does, and the text after the
/// heading when the heading runs into its first sentence (一、企业基本情况：公司成立于…).
pub fn heading_score(line: &str, heading: &str) -> Option<(f32, String)> {
    let normalized = normalize(line);
    if normalized.is_empty() || normalized.chars().count() > 200 {
        return None;
    }
    let (number, rest) = split_number(&normalized);
    let heading_normalized = normalize(heading);
    let (heading_number, heading_rest) = split_number(&heading_normalized);
    let heading_core = core_words(heading_rest);
    let same_number = number.is_some() && number == heading_number;

    // The heading runs into the text: its words are there in full, followed by a colon or a full stop.
    if rest.len() > heading_rest.len() + 3 {
        let core = heading_core.as_str();
        let head_len = if rest.starts_with(heading_rest) {
            Some(heading_rest.len())
        } else if !core.is_empty() && rest.starts_with(core) {
            Some(core.len())
        } else {
            None
        };
        if let Some(len) = head_len
            && (same_number || number.is_none())
            && rest[len..].starts_with([':', '。', '.'])
        {
            return Some((2.0, run_in_text(line)));
        }
        if !same_number {
            return None;
        }
    }
    // A finished sentence is text, unless its words are exactly the heading's.
    let words = core_words(rest);
    if line.trim_end().ends_with(['。', '；', ';']) && words != heading_core {
        return None;
    }
    let score = similarity(rest, heading_rest).max(similarity(&words, &heading_core));
    let long = words.chars().count() > heading_core.chars().count() * 2 + 4;
    let accepted = match number {
        Some(_) if same_number => score >= 0.25 || words.is_empty(),
        None => score >= 0.6 && !long,
        Some(_) => score >= 0.8 && !long,
    };
    accepted.then(|| (score + if same_number { 1.0 } else { 0.0 }, String::new()))
}

/// The text after a run-in heading's colon or full stop, as typed.
fn run_in_text(line: &str) -> String {
    line.find(['：', ':', '。'])
        .map(|i| {
            let rest = &line[i..];
            rest.chars().skip(1).collect::<String>().trim().to_owned()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(line: &str, heading: &str) -> bool {
        heading_score(line, heading).is_some()
    }

    #[test]
    fn numbers_are_read_in_their_styles() {
        assert_eq!(split_number("一、概况"), (Some(Number::Chinese(1)), "概况"));
        assert_eq!(
            split_number("(十二)标准"),
            (Some(Number::ParenChinese(12)), "标准")
        );
        assert_eq!(
            split_number(&normalize("３． 经验")),
            (Some(Number::Arabic(3)), "经验")
        );
        assert_eq!(split_number("1.5亿元"), (None, "1.5亿元"));
        assert_eq!(split_number("一流企业"), (None, "一流企业"));
        assert_eq!(
            split_number("第二部分质量"),
            (Some(Number::Part(2)), "质量")
        );
        assert_eq!(
            split_number("第三章:带动"),
            (Some(Number::Chapter(3)), "带动")
        );
        assert_eq!(split_number("一是坚持"), (Some(Number::Shi(1)), "坚持"));
    }

    #[test]
    fn headings_mean_the_same_in_other_words() {
        let score = |a: &str, b: &str| meaning(&normalize(a), &normalize(b));
        assert!(score("企业概况", "企业基本情况") > 0.85);
        assert!(score("质量水平领先方面", "质量水平领先情况") > 0.85);
        assert!(score("带动产业链质量提升", "带领产业链质量提升情况") > 0.7);
        assert!(score("可复制可推广的经验", "典型经验做法") > 0.7);
        assert!(score("主要做法", "典型经验做法") > 0.7);
        assert!(score("近三年获得的主要荣誉", "典型经验做法") < 0.3);
        assert!(score("近三年获得的主要荣誉", "企业基本情况") < 0.3);
    }

    #[test]
    fn headings_are_found_despite_differences() {
        let h = "一、企业基本情况";
        assert!(matches("一、企业基本情况", h));
        assert!(matches("一、 企业基本情况：", h), "space and colon");
        assert!(matches("一．企业基本情况", h), "full-width full stop");
        assert!(matches("企业基本情况", h), "missing number");
        assert!(matches("一、企业概况", h), "other words, same number");
        assert!(matches("一、企业基本情况介绍", h), "slightly longer");
        assert!(matches("六、推荐意见", "六、推荐意见（省级市场监管部门）"));
        assert!(matches(
            "推荐意见(省级市场监管部门)",
            "六、推荐意见（省级市场监管部门）"
        ));
        assert!(!matches("二、企业基本情况", "三、带领产业链质量提升情况"));
        assert!(
            !matches("（一）产品质量", "一、企业基本情况"),
            "a sub-heading"
        );
        assert!(!matches("企业坚持质量第一，持续提升产品和服务质量。", h));
        assert!(!matches(
            "企业基本情况良好，各项指标稳步增长，连续三年获评优秀企业。",
            h
        ));
    }

    #[test]
    fn run_in_headings_give_their_text() {
        let (_, text) = heading_score("一、企业基本情况：公司成立于1998年。", "一、企业基本情况")
            .expect("match");
        assert_eq!(text, "公司成立于1998年。");
    }
}
