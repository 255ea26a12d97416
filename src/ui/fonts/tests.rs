//! Every character written in the program's strings is drawn by the font the window installs: egui's own fonts
//! (with their symbols and emoji) are not built in, so a missing glyph would show as a box.

use std::path::{Path, PathBuf};

use egui::{FontFamily, FontId};

use super::definitions;

/// The characters written literally (not as `\u{..}` escapes) in string and char literals of `source`, before its
/// `#[cfg(test)]` part. Comments and lifetimes are skipped.
fn literal_chars(source: &str) -> Vec<char> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
        let follows_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        match (at(i), at(i + 1)) {
            ('/', '/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ('/', '*') => {
                i += 2;
                while i < chars.len() && !(at(i) == '*' && at(i + 1) == '/') {
                    i += 1;
                }
                i += 2;
            }
            ('r', '#' | '"') if !follows_ident => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if at(i + 1 + hashes) != '"' {
                    i += 1;
                    continue;
                }
                i += 2 + hashes;
                let close: Vec<char> = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                while i < chars.len() && !chars[i..].starts_with(&close) {
                    found.push(chars[i]);
                    i += 1;
                }
                i += close.len();
            }
            ('"', _) => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i = past_escape(&chars, i);
                        continue;
                    }
                    found.push(chars[i]);
                    i += 1;
                }
                i += 1;
            }
            ('\'', '\\') => {
                // An escape such as '\'' or '\u{FEFF}': past the backslash and the escaped character, then to the
                // closing quote.
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            ('\'', c) if at(i + 2) == '\'' => {
                found.push(c);
                i += 3;
            }
            _ => i += 1,
        }
    }
    found
}

/// The index after the escape sequence starting with the backslash at `i` (`\n`, `\"`, `\x41`, `\u{FEFF}`).
fn past_escape(chars: &[char], i: usize) -> usize {
    match chars.get(i + 1) {
        Some('u') => chars[i..]
            .iter()
            .position(|&c| c == '}')
            .map_or(chars.len(), |end| i + end + 1),
        Some('x') => i + 4,
        _ => i + 2,
    }
}

/// Every `.rs` file under `dir`, except test files (`tests.rs`, `*_tests.rs`, `tests/`).
fn source_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem == "tests" || stem.ends_with("_tests") {
            continue;
        }
        if path.is_dir() {
            source_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// A context with the window's fonts loaded (they take effect at the start of a pass).
fn window_fonts() -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(definitions());
    // No painter takes the font atlas here: drop its upload on purpose.
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    ctx
}

/// The characters of `text` that `family` cannot draw in the window, each once.
fn not_drawn(
    ctx: &egui::Context,
    family: &FontFamily,
    text: impl IntoIterator<Item = char>,
) -> Vec<char> {
    let font = FontId::new(15.0, family.clone());
    let mut missing: Vec<char> = Vec::new();
    ctx.fonts_mut(|fonts| {
        for c in text {
            if !c.is_control() && !missing.contains(&c) && !fonts.has_glyph(&font, c) {
                missing.push(c);
            }
        }
    });
    missing
}

#[test]
fn every_character_in_the_programs_strings_is_in_the_window_font() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&root, &mut files);
    assert!(
        files.iter().any(|f| f.ends_with("ui/labels.rs")),
        "the scan reaches the labels: {files:?}"
    );
    let ctx = window_fonts();
    let mut problems = Vec::new();
    let mut scanned = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).expect("source is UTF-8");
        let chars = literal_chars(&source);
        scanned += chars.len();
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            for c in not_drawn(&ctx, &family, chars.iter().copied()) {
                problems.push(format!(
                    "{c} U+{:04X} ({family:?}) in {}",
                    u32::from(c),
                    file.display()
                ));
            }
        }
    }
    assert!(
        scanned > 10_000,
        "the scan found the strings ({scanned} characters)"
    );
    assert!(
        problems.is_empty(),
        "characters the window cannot draw (they would show as boxes); use one the bundled font has, or \
         add it to fonts/charset.txt:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_window_gets_only_the_bundled_font() {
    let fonts = definitions();
    assert_eq!(
        fonts.font_data.keys().collect::<Vec<_>>(),
        vec![super::CJK_FONT],
        "no egui default font to fall back on"
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        assert_eq!(fonts.families[&family], vec![super::CJK_FONT.to_owned()]);
    }
}

#[test]
fn symbols_outside_the_bundled_font_are_reported() {
    let ctx = window_fonts();
    // egui's old default fonts drew these; the bundled subset does not.
    assert_eq!(
        not_drawn(&ctx, &FontFamily::Proportional, "✔⚠⏷😀龘好A…▶●".chars()),
        vec!['✔', '⚠', '⏷', '😀', '龘'],
        "the symbols the subset lacks, and not the ones it has"
    );
}

#[test]
fn literals_are_found_and_comments_escapes_and_tests_are_not() {
    let source = r####"
        // 注释里的 ✔ 不算
        /* 块注释 ⚠ 也不算 */
        fn f<'a>(x: &'a str) -> char {
            let _ = ("标签✔", r#"原"样⚠"#, "转义\"\u{202E}\x41后", 'é', '\u{FEFF}', '\'', b'x');
            '…'
        }
        #[cfg(test)]
        mod tests { const T: &str = "测试😀"; }
    "####;
    let found: String = literal_chars(source).into_iter().collect();
    assert_eq!(found, "标签✔原\"样⚠转义后éx…");
}

#[test]
fn empty_and_unterminated_sources_do_not_panic() {
    assert_eq!(literal_chars(""), Vec::<char>::new());
    assert_eq!(literal_chars("\"未完"), vec!['未', '完']);
    assert_eq!(literal_chars("r#\"未完"), vec!['未', '完']);
    assert_eq!(literal_chars("'"), Vec::<char>::new());
    assert_eq!(literal_chars("/* 未完"), Vec::<char>::new());
}
