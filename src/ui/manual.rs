//! 帮助 → 使用说明: the clerk's manual, `docs/manual.md`, built into the program and drawn with egui's own
//! widgets. Only the Markdown the manual uses is understood: `#`–`###` headings, paragraphs, `- ` and `1. ` list
//! items, `**bold**` and fenced code blocks. Anything else shows as plain text, so nothing is ever hidden.

use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, Ui};

/// The manual as the repository holds it.
pub const MANUAL: &str = include_str!("../../docs/manual.md");

/// One block of the manual.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1–3 and its text.
    Heading(u8, String),
    Paragraph(String),
    /// A list item: its marker (`•`, or `1.` as written) and its text.
    Item(String, String),
    Code(String),
}

/// The blocks of `text`, in order. Lines that follow a paragraph or a list item without a blank line continue
/// it, as Markdown does.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            match code.take() {
                Some(lines) => out.push(Block::Code(lines.join("\n"))),
                None => code = Some(Vec::new()),
            }
            continue;
        }
        if let Some(lines) = code.as_mut() {
            lines.push(line);
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push(Block::Paragraph(String::new()));
            continue;
        }
        if let Some(block) = start_block(trimmed) {
            out.push(block);
            continue;
        }
        match out.last_mut() {
            Some(Block::Paragraph(text) | Block::Item(_, text)) if !text.is_empty() => {
                text.push(' ');
                text.push_str(trimmed);
            }
            _ => out.push(Block::Paragraph(trimmed.to_owned())),
        }
    }
    if let Some(lines) = code {
        out.push(Block::Code(lines.join("\n")));
    }
    out.retain(|b| *b != Block::Paragraph(String::new()));
    out
}

/// A line that starts a heading or a list item.
fn start_block(line: &str) -> Option<Block> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if (1..=3).contains(&hashes) && line[hashes..].starts_with(' ') {
        let level = u8::try_from(hashes).unwrap_or(3);
        return Some(Block::Heading(level, line[hashes..].trim().to_owned()));
    }
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(Block::Item("•".to_owned(), rest.trim().to_owned()));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") {
        let marker = line[..=digits].to_owned();
        return Some(Block::Item(marker, line[digits + 2..].trim().to_owned()));
    }
    None
}

/// Draws `text` (Markdown as `blocks` reads it) into `ui`.
pub fn manual_ui(ui: &mut Ui, text: &str) {
    for block in blocks(text) {
        match block {
            Block::Heading(level, text) => {
                ui.add_space(if level == 1 { 4.0 } else { 10.0 });
                let size = match level {
                    1 => 22.0,
                    2 => 18.0,
                    _ => 16.0,
                };
                ui.label(RichText::new(plain(&text)).size(size).strong());
                ui.add_space(2.0);
            }
            Block::Paragraph(text) => {
                ui.label(inline(ui, "", &text));
                ui.add_space(6.0);
            }
            Block::Item(marker, text) => {
                ui.indent(ui.next_auto_id(), |ui| {
                    ui.label(inline(ui, &format!("{marker} "), &text));
                });
                ui.add_space(2.0);
            }
            Block::Code(text) => {
                ui.label(RichText::new(text).monospace());
                ui.add_space(6.0);
            }
        }
    }
}

/// The text without Markdown's inline marks.
fn plain(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}

/// `prefix` and `text` as one wrapped label, `**bold**` parts in the strong text colour.
fn inline(ui: &Ui, prefix: &str, text: &str) -> LayoutJob {
    let style = ui.style();
    let font = egui::TextStyle::Body.resolve(style);
    let normal = TextFormat::simple(font.clone(), style.visuals.text_color());
    let strong = TextFormat::simple(font, style.visuals.strong_text_color());
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    job.append(prefix, 0.0, normal.clone());
    for (i, part) in text.replace('`', "").split("**").enumerate() {
        let format = if i % 2 == 1 { &strong } else { &normal };
        job.append(part, 0.0, format.clone());
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_paragraphs_items_and_code() {
        let text = "# 标题\n\n第一段\n接着写。\n\n## 二、小节\n\n- 一项\n  续行\n- **另一项**\n\n1. 第一步\n12. 第十二步\n\n```\nlingjun check\n```\n#不是标题\n";
        assert_eq!(
            blocks(text),
            vec![
                Block::Heading(1, "标题".into()),
                Block::Paragraph("第一段 接着写。".into()),
                Block::Heading(2, "二、小节".into()),
                Block::Item("•".into(), "一项 续行".into()),
                Block::Item("•".into(), "**另一项**".into()),
                Block::Item("1.".into(), "第一步".into()),
                Block::Item("12.".into(), "第十二步".into()),
                Block::Code("lingjun check".into()),
                Block::Paragraph("#不是标题".into()),
            ]
        );
    }

    #[test]
    fn an_unclosed_code_block_still_shows() {
        assert_eq!(blocks("```\na\nb"), vec![Block::Code("a\nb".into())]);
    }

    #[test]
    fn the_manual_starts_with_its_title_and_covers_the_clerks_path() {
        let blocks = blocks(MANUAL);
        assert_eq!(
            blocks.first(),
            Some(&Block::Heading(1, "领军 使用说明".into()))
        );
        let headings: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(2, text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for topic in [
            "批次",
            "企业",
            "从 Word 导入",
            "报告模板",
            "报送前检查",
            "定稿",
            "导出",
            "打印",
            "刻录",
            "校验",
            "备份与恢复",
            "自动备份",
            "撤销删除",
        ] {
            assert!(
                headings.iter().any(|h| h.contains(topic)),
                "the manual has a section on {topic}: {headings:?}"
            );
        }
    }
}
