//! The structure of a report written by someone else (docs/import.md, "What the import understands"): which
//! lines are headings of the template's sections, which are a cover page, a table of contents or the closing
//! signature, using every signal a reader uses.
//!
//! 1. Lines of a table of contents are dropped: a TOC field or style, or a line ending in a page number after dot
//!    leaders or a tab; a cover page is what comes before the table of contents.
//! 2. Every short line with a heading's look is a candidate: an outline level or heading style, Word's or typed
//!    numbering (一、 （一） 1. 第一部分 第一章), bold, larger or 黑体 text, or a colon at its end.
//! 3. Candidates looking alike form a family; the family whose lines match the most sections by meaning is the
//!    report's top level. Its lines are headings even when they match no section (an extra section, joined to
//!    the one before it and named in the plan). Outside it, only a line that means exactly one missing section
//!    is taken.
//! 4. A heading that names two sections ("质量水平领先及带领产业链质量提升情况") covers both.

use std::collections::HashMap;

use super::headings::{Number, core_words, meaning, normalize, split_number};
use super::{Block, Para};
use crate::model::Template;

/// A piece of the document between two headings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    /// The heading line as written, for a heading piece.
    pub heading: Option<Heading>,
    pub items: Vec<Item>,
}

/// Where a piece stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Before the first heading: title, cover, facts.
    Preamble,
    /// Under a heading.
    Section,
    /// The signature block at the end (推荐单位（盖章）, the date).
    Closing,
}

/// A heading found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub text: String,
    /// Indexes of the template sections it names: one, two for a merged heading, none for an extra section.
    pub sections: Vec<usize>,
}

/// A line of text or a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Line(String),
    Table(Vec<Vec<String>>),
}

/// The document cut into pieces, and how many table-of-contents lines were left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub pieces: Vec<Piece>,
    pub toc_lines: usize,
}

/// One line or table of the document with the signals of its paragraph.
struct Unit<'a> {
    text: String,
    para: Option<&'a Para>,
    table: Option<&'a Vec<Vec<String>>>,
}

/// What a heading looks like, to group headings of one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Family {
    Outline(u8),
    Number(u8),
    Format,
    Colon,
    Plain,
}

/// A line that could be a heading.
struct Candidate {
    unit: usize,
    number: Option<Number>,
    family: Family,
    /// Meaning score per template section.
    scores: Vec<f32>,
    /// Two sections named together, with their scores.
    merged: Option<(usize, usize)>,
    /// The text after a run-in heading ("一、企业基本情况：公司成立于…").
    run_in: Option<String>,
    /// How strongly it looks like a heading at all (formatting, not only numbering).
    styled: bool,
}

/// A heading's words, after its number, for each section: its heading and its aliases.
fn section_words(template: &Template) -> Vec<(Option<u32>, Vec<String>)> {
    template
        .report
        .sections
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let normalized = normalize(&spec.heading);
            let (number, rest) = split_number(&normalized);
            let mut words = vec![rest.to_owned()];
            for alias in &spec.aliases {
                let normalized = normalize(alias);
                words.push(split_number(&normalized).1.to_owned());
            }
            let ordinal = number
                .map(Number::value)
                .or_else(|| u32::try_from(i + 1).ok());
            (ordinal, words)
        })
        .collect()
}

/// Meaning scores of a heading's words against every section.
fn scores_of(words: &str, sections: &[(Option<u32>, Vec<String>)]) -> Vec<f32> {
    sections
        .iter()
        .map(|(_, names)| {
            names
                .iter()
                .map(|name| {
                    let exact = core_words(words) == core_words(name);
                    if exact { 1.0 } else { meaning(words, name) }
                })
                .fold(0.0, f32::max)
        })
        .collect()
}

/// A line of a table of contents typed or made by Word: a page number after dot leaders or a tab.
pub fn is_toc_entry(line: &str) -> bool {
    let trimmed = line.trim_end();
    let without_page =
        trimmed.trim_end_matches(|c: char| c.is_ascii_digit() || "ivxIVX".contains(c));
    if without_page.len() == trimmed.len() || without_page.trim().is_empty() {
        return false;
    }
    let before = without_page.trim_end_matches(' ');
    if before.ends_with('\t') {
        return true;
    }
    let leaders = before
        .chars()
        .rev()
        .take_while(|c| ".．…·‥\u{22ef}-_—。 ".contains(*c))
        .filter(|c| *c != ' ')
        .count();
    leaders >= 3 || (leaders >= 1 && before.ends_with(['…', '\u{22ef}']))
}

/// The heading of a table of contents.
fn is_toc_title(normalized: &str) -> bool {
    matches!(normalized, "目录" | "目次" | "contents" | "tableofcontents")
}

/// A finished sentence, not a heading.
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['。', '；', ';', '！', '？'])
}

/// Flattens blocks into lines and tables. A table with one filled cell per row (a report laid out in a table)
/// is read as lines.
fn units(blocks: &[Block]) -> Vec<Unit<'_>> {
    let mut units = Vec::new();
    for block in blocks {
        match block {
            Block::Para(para) => {
                for (i, line) in para.text.split('\n').enumerate() {
                    units.push(Unit {
                        text: line.trim().to_owned(),
                        para: (i == 0).then_some(para),
                        table: None,
                    });
                }
            }
            Block::Table(rows) => {
                let layout = rows
                    .iter()
                    .all(|row| row.iter().filter(|c| !c.trim().is_empty()).count() <= 1);
                if layout {
                    for cell in rows.iter().flatten().filter(|c| !c.trim().is_empty()) {
                        for line in cell.split('\n') {
                            units.push(Unit {
                                text: line.trim().to_owned(),
                                para: None,
                                table: None,
                            });
                        }
                    }
                } else {
                    units.push(Unit {
                        text: String::new(),
                        para: None,
                        table: Some(rows),
                    });
                }
            }
        }
    }
    units
}

/// The most common font size of the body text (half-points), weighted by characters.
fn body_size(units: &[Unit<'_>]) -> u16 {
    let mut weights: HashMap<u16, usize> = HashMap::new();
    for unit in units {
        if let Some(para) = unit.para
            && para.size > 0
        {
            *weights.entry(para.size).or_default() += para.text.chars().count();
        }
    }
    weights
        .into_iter()
        .max_by_key(|(size, weight)| (*weight, std::cmp::Reverse(*size)))
        .map_or(0, |(size, _)| size)
}

/// Splits a merged heading's words at 及 / 和 / 与 / 暨 / 、 and finds two sections named by its parts.
fn merged_sections(words: &str, sections: &[(Option<u32>, Vec<String>)]) -> Option<(usize, usize)> {
    for separator in ["以及", "及", "和", "与", "暨", "、", "并"] {
        let Some((left, right)) = words.split_once(separator) else {
            continue;
        };
        let best = |part: &str| {
            scores_of(part, sections)
                .into_iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .filter(|(_, s)| *s >= 0.5)
                .map(|(i, _)| i)
        };
        if let (Some(a), Some(b)) = (best(left), best(right))
            && a != b
        {
            return Some((a.min(b), a.max(b)));
        }
    }
    None
}

fn candidate(
    index: usize,
    unit: &Unit<'_>,
    body: u16,
    sections: &[(Option<u32>, Vec<String>)],
) -> Option<Candidate> {
    let normalized = normalize(&unit.text);
    if normalized.is_empty() || unit.table.is_some() {
        return None;
    }
    let (number, rest) = split_number(&normalized);
    let para = unit.para;
    let outline = para.and_then(|p| p.outline).filter(|l| *l < 9);
    let larger = para.is_some_and(|p| body > 0 && p.size > body + 1);
    let formatted = para.is_some_and(|p| p.bold || p.heiti) || larger;
    let styled = outline.is_some() || formatted;
    let family = match (outline, number) {
        (Some(level), _) => Family::Outline(level),
        (None, Some(n)) => Family::Number(n.style()),
        (None, None) if formatted => Family::Format,
        (None, None) if rest.ends_with(':') => Family::Colon,
        (None, None) => Family::Plain,
    };
    let words = core_words(rest);
    let short = words.chars().count() <= 40;
    if short && !ends_sentence(&unit.text) {
        let scores = scores_of(rest, sections);
        let merged = merged_sections(&words, sections);
        return Some(Candidate {
            unit: index,
            number,
            family,
            scores,
            merged,
            run_in: None,
            styled,
        });
    }
    // A run-in heading: "一、企业基本情况：公司成立于…".
    let cut = rest.find([':', '。'])?;
    let head = &rest[..cut];
    if head.chars().count() > 30 || (number.is_none() && !styled && !head.is_empty()) {
        // Unnumbered, unformatted run-ins must say the heading exactly.
        let scores = scores_of(head, sections);
        if scores.iter().all(|s| *s < 1.0) {
            return None;
        }
    }
    let scores = scores_of(head, sections);
    if scores.iter().all(|s| *s < 0.6) {
        return None;
    }
    let run_in = unit
        .text
        .find(['：', ':', '。'])
        .map(|i| {
            unit.text[i..]
                .chars()
                .skip(1)
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    Some(Candidate {
        unit: index,
        number,
        family,
        scores,
        merged: None,
        run_in: Some(run_in),
        styled,
    })
}

/// Whether a candidate with `score` for a section, numbered `number`, may be that section's heading.
fn accepts(score: f32, same_number: bool, empty_words: bool) -> bool {
    score >= 0.45 || (same_number && (score >= 0.2 || empty_words))
}

/// Cuts `blocks` into pieces by the template's sections.
pub fn find(blocks: &[Block], template: &Template) -> Structure {
    let sections = section_words(template);
    let units = units(blocks);
    let (skipped, toc_lines, search_from) = table_of_contents(&units);
    let closing_at = closing_line(&units, search_from, template);
    let end = closing_at.unwrap_or(units.len());
    let candidates = candidates(&units, search_from, end, template, &sections);
    let top = top_family(&candidates, &sections);
    let headings = assign_headings(&candidates, top, &units, &sections);
    let pieces = pieces(&units, &skipped, closing_at, headings);
    Structure { pieces, toc_lines }
}

/// Step 1, the table of contents: from its first line, as long as its lines follow each other (two other lines
/// at most in between, such as a part title); at least two lines, or made by Word as one. The lines to leave
/// out, how many they are, and where the search for headings starts (after it).
fn table_of_contents(units: &[Unit<'_>]) -> (Vec<bool>, usize, usize) {
    let is_toc = |unit: &Unit<'_>| {
        unit.para.is_some_and(|p| p.toc)
            || (unit.table.is_none()
                && (is_toc_entry(&unit.text) || is_toc_title(&normalize(&unit.text))))
    };
    let mut skipped = vec![false; units.len()];
    let mut toc_lines = 0;
    let mut search_from = 0;
    let mut from = 0;
    while let Some(first) = units.iter().skip(from).position(is_toc).map(|p| p + from) {
        let mut last = first;
        let mut count = 0;
        for (i, unit) in units.iter().enumerate().skip(first) {
            if is_toc(unit) {
                last = i;
                count += 1;
            } else if i - last > 2 {
                break;
            }
        }
        let made_by_word = units[first..=last]
            .iter()
            .any(|u| u.para.is_some_and(|p| p.toc));
        if count >= 2 || made_by_word {
            skipped[first..=last].iter_mut().for_each(|s| *s = true);
            toc_lines = last + 1 - first;
            search_from = last + 1;
            break;
        }
        from = last + 1;
    }
    (skipped, toc_lines, search_from)
}

/// Where the closing signature starts (推荐单位（盖章）, or the template's closing line), if anywhere.
fn closing_line(units: &[Unit<'_>], search_from: usize, template: &Template) -> Option<usize> {
    let normalized_closing = normalize(&template.report.closing);
    units
        .iter()
        .enumerate()
        .skip(search_from)
        .find(|(_, u)| {
            let n = normalize(&u.text);
            !n.is_empty()
                && (n.starts_with("推荐单位(盖章)")
                    || n.starts_with("(盖章)")
                    || n == normalized_closing)
        })
        .map(|(i, _)| i)
}

/// Step 2, candidates after the table of contents (what comes before it is the cover), before the closing;
/// the report's title and the attachments' label are none.
fn candidates(
    units: &[Unit<'_>],
    search_from: usize,
    end: usize,
    template: &Template,
    sections: &[(Option<u32>, Vec<String>)],
) -> Vec<Candidate> {
    let normalized_title = normalize(&template.report.title);
    let normalized_label = normalize(&template.report.attachment_label);
    let body = body_size(units);
    units[search_from..end]
        .iter()
        .enumerate()
        .filter_map(|(i, unit)| candidate(search_from + i, unit, body, sections))
        .filter(|c| {
            let n = normalize(&units[c.unit].text);
            n != normalized_title && n != normalized_label
        })
        .collect()
}

/// Step 3, the top family: the one whose lines match the most distinct sections.
fn top_family(candidates: &[Candidate], sections: &[(Option<u32>, Vec<String>)]) -> Option<Family> {
    let mut families: Vec<(Family, usize, usize)> = Vec::new();
    for c in candidates {
        if !families.iter().any(|(f, _, _)| *f == c.family) {
            families.push((c.family, 0, c.unit));
        }
    }
    for (family, count, _) in &mut families {
        let mut seen = vec![false; sections.len()];
        for c in candidates.iter().filter(|c| c.family == *family) {
            for (s, score) in c.scores.iter().enumerate() {
                let same = same_number(c.number, sections[s].0);
                if accepts(*score, same, false)
                    && (c.number.is_none_or(Number::is_top) || *score >= 0.8)
                    && (*score >= 0.45 || c.styled || c.number.is_some())
                {
                    seen[s] = true;
                }
            }
            if let Some((a, b)) = c.merged {
                seen[a] = true;
                seen[b] = true;
            }
        }
        *count = seen.iter().filter(|s| **s).count();
    }
    families
        .iter()
        .filter(|(f, count, _)| *count > 0 && *f != Family::Plain || *count >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(f, _, _)| *f)
}

/// A heading found at a unit, with the text run in after it.
type Found = (usize, Heading, Option<String>);

/// Step 4, headings in order, each taking the best section still free: the top family's lines first, then the
/// others.
fn assign_headings(
    candidates: &[Candidate],
    top: Option<Family>,
    units: &[Unit<'_>],
    sections: &[(Option<u32>, Vec<String>)],
) -> Vec<Found> {
    let mut taken = vec![false; sections.len()];
    let mut headings: Vec<Found> = Vec::new();
    for c in candidates
        .iter()
        .filter(|c| Some(c.family) == top)
        .chain(candidates.iter().filter(|c| Some(c.family) != top))
    {
        let member = Some(c.family) == top;
        let best = best_section(c, member, &taken, units, sections);
        let found = if member {
            top_heading(c, best, &taken, &headings, units, sections)
        } else {
            outsider_heading(c, best, units)
        };
        if let Some(found) = found {
            for s in &found.1.sections {
                taken[*s] = true;
            }
            headings.push(found);
        }
    }
    headings.sort_by_key(|(unit, _, _)| *unit);
    headings
}

/// The free section `c` matches best: (section, score, whether its number is the section's).
fn best_section(
    c: &Candidate,
    member: bool,
    taken: &[bool],
    units: &[Unit<'_>],
    sections: &[(Option<u32>, Vec<String>)],
) -> Option<(usize, f32, bool)> {
    c.scores
        .iter()
        .enumerate()
        .filter(|(s, _)| !taken[*s])
        .map(|(s, score)| {
            let same = member && same_number(c.number, sections[s].0);
            (s, *score, same)
        })
        .filter(|(_, score, same)| {
            accepts(
                *score,
                *same,
                core_words(split_number(&normalize(&units[c.unit].text)).1).is_empty(),
            )
        })
        .max_by(|a, b| {
            let bonus = |x: &(usize, f32, bool)| x.1 + if x.2 { 0.3 } else { 0.0 };
            bonus(a).total_cmp(&bonus(b))
        })
}

/// A line of the top family: a merged heading, its best section, the section after the last one found, or an
/// extra section (after the first heading; before it the line is the cover's).
fn top_heading(
    c: &Candidate,
    best: Option<(usize, f32, bool)>,
    taken: &[bool],
    headings: &[Found],
    units: &[Unit<'_>],
    sections: &[(Option<u32>, Vec<String>)],
) -> Option<Found> {
    let text = units[c.unit].text.clone();
    if let Some((a, b)) = c.merged.filter(|(a, b)| !taken[*a] && !taken[*b])
        && best.is_none_or(|(_, score, _)| score < 1.0)
    {
        let sections = vec![a, b];
        return Some((c.unit, Heading { text, sections }, None));
    }
    // Reports keep the template's order: a weak match to the section after the last one found is taken.
    let next = headings
        .iter()
        .filter_map(|(_, h, _)| h.sections.last())
        .max()
        .map_or(0, |s| s + 1);
    let best = best.or_else(|| {
        (next < sections.len() && !taken[next] && c.scores[next] >= 0.15).then_some((
            next,
            c.scores[next],
            false,
        ))
    });
    match best {
        Some((s, _, _)) => {
            let sections = vec![s];
            Some((c.unit, Heading { text, sections }, c.run_in.clone()))
        }
        // A line of the top family before any section is the cover's, after one it is an extra section.
        None if !headings.is_empty() && c.run_in.is_none() => {
            let sections = vec![];
            Some((c.unit, Heading { text, sections }, None))
        }
        None => None,
    }
}

/// An outsider: a line that means one missing section and nothing else.
fn outsider_heading(
    c: &Candidate,
    best: Option<(usize, f32, bool)>,
    units: &[Unit<'_>],
) -> Option<Found> {
    let (s, score, _) = best?;
    let words = core_words(split_number(&normalize(&units[c.unit].text)).1);
    let needed = if c.styled || c.family == Family::Colon {
        0.75
    } else {
        0.85
    };
    let plausible =
        c.number.is_none_or(Number::is_top) && (c.run_in.is_some() || words.chars().count() <= 24);
    if score >= needed && plausible {
        let text = units[c.unit].text.clone();
        let sections = vec![s];
        return Some((c.unit, Heading { text, sections }, c.run_in.clone()));
    }
    None
}

/// Step 5, pieces: the preamble, a piece per heading (with its run-in text), the closing.
fn pieces(
    units: &[Unit<'_>],
    skipped: &[bool],
    closing_at: Option<usize>,
    headings: Vec<Found>,
) -> Vec<Piece> {
    let mut pieces = vec![Piece {
        kind: PieceKind::Preamble,
        heading: None,
        items: Vec::new(),
    }];
    let mut next_heading = headings.into_iter().peekable();
    for (i, unit) in units.iter().enumerate() {
        if skipped[i] {
            continue;
        }
        if Some(i) == closing_at {
            pieces.push(Piece {
                kind: PieceKind::Closing,
                heading: None,
                items: Vec::new(),
            });
        }
        if next_heading.peek().is_some_and(|(u, _, _)| *u == i) {
            let Some((_, heading, run_in)) = next_heading.next() else {
                continue;
            };
            let mut items = Vec::new();
            if let Some(text) = run_in.filter(|t| !t.is_empty()) {
                items.push(Item::Line(text));
            }
            pieces.push(Piece {
                kind: PieceKind::Section,
                heading: Some(heading),
                items,
            });
            continue;
        }
        let item = match unit.table {
            Some(rows) => Item::Table(rows.clone()),
            None => Item::Line(unit.text.clone()),
        };
        if let Some(piece) = pieces.last_mut() {
            piece.items.push(item);
        }
    }
    pieces
}

/// Whether a heading's number is the section's ordinal.
fn same_number(number: Option<Number>, ordinal: Option<u32>) -> bool {
    number.is_some_and(|n| n.is_top() && Some(n.value()) == ordinal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Para(Para {
            text: text.to_owned(),
            ..Para::default()
        })
    }

    fn bold(text: &str) -> Block {
        Block::Para(Para {
            text: text.to_owned(),
            bold: true,
            ..Para::default()
        })
    }

    fn headings(blocks: &[Block]) -> Vec<(String, Vec<String>)> {
        let template = Template::built_in();
        find(blocks, template)
            .pieces
            .into_iter()
            .filter_map(|p| p.heading)
            .map(|h| {
                let keys = h
                    .sections
                    .iter()
                    .map(|s| template.report.sections[*s].key.clone())
                    .collect();
                (h.text, keys)
            })
            .collect()
    }

    #[test]
    fn toc_lines_are_not_headings() {
        let blocks = [
            para("目  录"),
            para("一、企业基本情况……………………1"),
            para("二、质量水平领先情况\t3"),
            para("一、企业基本情况"),
            para("公司成立于1998年。"),
            para("二、质量水平领先情况"),
            para("合格率99%。"),
        ];
        let found = find(&blocks, Template::built_in());
        assert_eq!(found.toc_lines, 3);
        assert_eq!(
            headings(&blocks),
            [
                ("一、企业基本情况".to_owned(), vec!["basic".to_owned()]),
                (
                    "二、质量水平领先情况".to_owned(),
                    vec!["quality".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn parts_merged_and_extra_sections() {
        let blocks = [
            para("第一部分 企业概况"),
            para("公司成立于1998年。"),
            para("第二部分 质量水平领先及带动产业链质量提升方面"),
            para("合格率99%。"),
            para("第三部分 引领区域高质量发展"),
            para("带动就业。"),
            para("第四部分 近三年获得的主要荣誉"),
            para("全国质量奖。"),
            para("第五部分 可复制可推广的经验"),
            para("首席质量官。"),
        ];
        let found = headings(&blocks);
        let keys: Vec<Vec<String>> = found.iter().map(|h| h.1.clone()).collect();
        assert_eq!(
            keys,
            [
                vec!["basic".to_owned()],
                vec!["quality".to_owned(), "chain".to_owned()],
                vec!["region".to_owned()],
                vec![],
                vec!["experience".to_owned()],
            ]
        );
    }

    #[test]
    fn bold_lines_without_numbers() {
        let blocks = [
            bold("企业基本情况"),
            para("公司成立于1998年。"),
            bold("质量工作方面"),
            para("质量管理体系。"),
            bold("带动中小企业"),
            para("质量管理体系。"),
            bold("经验做法"),
            para("首席质量官。"),
            para("（一）坚持标准引领"),
        ];
        let keys: Vec<Vec<String>> = headings(&blocks).into_iter().map(|h| h.1).collect();
        assert_eq!(
            keys,
            [
                vec!["basic"],
                vec!["quality"],
                vec!["chain"],
                vec!["experience"]
            ],
            "质量工作方面 is weak, but comes where 二 should"
        );
    }

    #[test]
    fn toc_entries() {
        assert!(is_toc_entry("一、企业基本情况…………1"));
        assert!(is_toc_entry("一、企业基本情况 ........ 12"));
        assert!(is_toc_entry("第二部分 质量\t3"));
        assert!(!is_toc_entry("营业收入增长12"));
        assert!(!is_toc_entry("2023"));
    }
}
