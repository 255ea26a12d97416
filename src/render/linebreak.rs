//! Line breaking for Chinese with some Latin: a break may fall between any two 汉字, Latin words and numbers
//! stay whole, and 避头尾 holds — closing punctuation never starts a line, opening punctuation never ends one
//! (the previous character moves down with the punctuation instead).

use super::display::FontKind;
use super::metrics;

/// Characters that must not start a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）》」』〕】〉］｝’”…—·～％‰℃．,.;:?!)]}%";
/// Characters that must not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（《「『〔【〈［｛‘“([{";

/// Slack for float comparisons of widths, in points.
const EPSILON_PT: f32 = 0.01;

/// One line of a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text, without spaces at either end.
    pub text: String,
    /// Its natural width at the size it was broken for.
    pub width_pt: f32,
    /// Whether this is the paragraph's last line (not justified).
    pub ends_paragraph: bool,
}

/// Whether `c` may not start a line.
pub fn is_no_line_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

/// Whether `c` may not end a line.
pub fn is_no_line_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Characters that are broken around one by one: 汉字, kana, hangul, CJK and full-width punctuation, and
/// general punctuation such as “ ” … —.
fn is_cjk_like(c: char) -> bool {
    matches!(c as u32,
        0x2000..=0x206F | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A piece that is never broken inside (unless it is wider than a whole line).
struct Cluster {
    start: usize,
    end: usize,
    width_pt: f32,
    is_space: bool,
}

/// Splits `text` into unbreakable clusters: single 汉字, whole Latin words and numbers, single spaces; closing
/// punctuation joins the cluster before it and opening punctuation the cluster after it.
fn clusters(text: &str, font: FontKind, size_pt: f32) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    let mut glue_next = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let mut width_pt = metrics::advance_em(font, c) * size_pt;
        let is_space = c.is_whitespace() && c != '\u{3000}';
        if !is_space && !is_cjk_like(c) {
            // A Latin word or number: everything up to the next space or CJK character.
            while let Some(&(i, next)) = chars.peek() {
                if next.is_whitespace() || is_cjk_like(next) {
                    break;
                }
                end = i + next.len_utf8();
                width_pt += metrics::advance_em(font, next) * size_pt;
                chars.next();
            }
        }
        let joins_previous = !is_space && (glue_next || is_no_line_start(c));
        match out.last_mut() {
            Some(last) if joins_previous && !last.is_space => {
                last.end = end;
                last.width_pt += width_pt;
            }
            _ => out.push(Cluster {
                start,
                end,
                width_pt,
                is_space,
            }),
        }
        let last_char = text[start..end].chars().next_back().unwrap_or(c);
        glue_next = !is_space && is_no_line_end(last_char);
    }
    out
}

/// Breaks one paragraph (no line breaks inside) into lines: the first at most `first_width_pt` wide, the
/// others `width_pt`. Nothing is lost but spaces at line ends.
pub fn break_paragraph(
    text: &str,
    font: FontKind,
    size_pt: f32,
    first_width_pt: f32,
    width_pt: f32,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut builder = LineBuilder {
        text,
        font,
        size_pt,
        lines: &mut lines,
        start: None,
        end: 0,
        width_pt: 0.0,
        available_pt: first_width_pt,
        next_width_pt: width_pt,
    };
    for cluster in clusters(text, font, size_pt) {
        builder.add(&cluster);
    }
    builder.finish();
    if let Some(last) = lines.last_mut() {
        last.ends_paragraph = true;
    }
    lines
}

/// The line being filled.
struct LineBuilder<'a> {
    text: &'a str,
    font: FontKind,
    size_pt: f32,
    lines: &'a mut Vec<Line>,
    /// Byte range of the current line's text; `None` while it is empty.
    start: Option<usize>,
    end: usize,
    /// Width up to `end`, trailing spaces excluded.
    width_pt: f32,
    available_pt: f32,
    next_width_pt: f32,
}

impl LineBuilder<'_> {
    fn add(&mut self, cluster: &Cluster) {
        if cluster.is_space {
            // A space never starts a line, and a line may end at one (the space is dropped).
            if self.start.is_some() && self.width_pt + cluster.width_pt <= self.available_pt {
                self.width_pt += cluster.width_pt;
                self.end = cluster.end;
            } else if self.start.is_some() {
                self.finish();
            }
            return;
        }
        if self.start.is_some() && self.width_pt + cluster.width_pt > self.available_pt + EPSILON_PT
        {
            self.finish();
        }
        if self.start.is_none() && cluster.width_pt > self.available_pt + EPSILON_PT {
            self.split_long(cluster);
            return;
        }
        self.start.get_or_insert(cluster.start);
        self.end = cluster.end;
        self.width_pt += cluster.width_pt;
    }

    /// A word or punctuation run wider than a whole line: break it between characters.
    fn split_long(&mut self, cluster: &Cluster) {
        for (offset, c) in self.text[cluster.start..cluster.end].char_indices() {
            let at = cluster.start + offset;
            let width_pt = metrics::advance_em(self.font, c) * self.size_pt;
            if self.start.is_some() && self.width_pt + width_pt > self.available_pt + EPSILON_PT {
                self.finish();
            }
            self.start.get_or_insert(at);
            self.end = at + c.len_utf8();
            self.width_pt += width_pt;
        }
    }

    fn finish(&mut self) {
        let Some(start) = self.start.take() else {
            return;
        };
        let text = self.text[start..self.end].trim_end().to_owned();
        let width_pt = metrics::text_width_pt(self.font, self.size_pt, &text);
        self.lines.push(Line {
            text,
            width_pt,
            ends_paragraph: false,
        });
        self.width_pt = 0.0;
        self.available_pt = self.next_width_pt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: f32 = 10.0;

    fn lines(text: &str, chars_per_line: f32) -> Vec<String> {
        break_paragraph(
            text,
            FontKind::Serif,
            SIZE,
            chars_per_line * SIZE,
            chars_per_line * SIZE,
        )
        .into_iter()
        .map(|l| l.text)
        .collect()
    }

    #[test]
    fn chinese_breaks_at_any_character() {
        assert_eq!(
            lines("质量强国建设领军企业", 4.0),
            ["质量强国", "建设领军", "企业"]
        );
    }

    #[test]
    fn closing_punctuation_takes_the_previous_character_along() {
        // "质量强国" fills the line; "，" may not start the next, so "国，" moves down together.
        assert_eq!(
            lines("质量强国，建设领军", 4.0),
            ["质量强", "国，建设", "领军"]
        );
        assert_eq!(lines("质量强国。」好", 4.0), ["质量强", "国。」好"]);
    }

    #[test]
    fn opening_punctuation_stays_with_what_follows() {
        assert_eq!(lines("质量强《标准》", 4.0), ["质量强", "《标准》"]);
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let got = lines("通过ISO9001认证营业收入125.6亿元", 8.0);
        assert!(got.iter().any(|l| l.contains("ISO9001")), "{got:?}");
        assert!(got.iter().any(|l| l.contains("125.6")), "{got:?}");
        assert_eq!(got.concat(), "通过ISO9001认证营业收入125.6亿元");
    }

    #[test]
    fn spaces_between_words_are_dropped_at_breaks() {
        let got = lines("quality first and excellence", 7.0);
        assert!(
            got.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')),
            "{got:?}"
        );
        assert_eq!(got.join(" "), "quality first and excellence");
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_lost() {
        let long = "A".repeat(60);
        let got = lines(&long, 5.0);
        assert!(got.len() > 1);
        assert_eq!(got.concat(), long);
    }

    #[test]
    fn first_line_may_be_narrower() {
        let got = break_paragraph(
            "一二三四五六七八",
            FontKind::Serif,
            SIZE,
            2.0 * SIZE,
            4.0 * SIZE,
        );
        let texts: Vec<_> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["一二", "三四五六", "七八"]);
        assert!(got[2].ends_paragraph && !got[1].ends_paragraph);
    }

    #[test]
    fn punctuation_only_text_still_progresses() {
        let text = "，".repeat(30);
        assert_eq!(
            lines(&text, 4.0).concat(),
            text,
            "nothing lost, no endless loop"
        );
        assert!(lines("", 4.0).is_empty());
    }
}
