//! The command list in docs/cli.md is the one `lingjun --help` prints: the same commands, in the same order, with
//! the same options, and the same global options.

use std::collections::BTreeSet;

/// A command as a synopsis names it: its words (`template import`) and its options (`--force`).
#[derive(Debug, PartialEq, Eq)]
struct Synopsis {
    name: String,
    options: BTreeSet<String>,
}

/// Reads a synopsis such as `export [--out DIR] [--overwrite]` or `import 文件 --enterprise N [--apply]`: the
/// name is the leading lower-case words (or the one `--word` it starts with), the options every `--word` after it.
fn synopsis(text: &str) -> Synopsis {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .filter(|w| !w.is_empty())
        .collect();
    let is_word =
        |w: &&str| w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !w.starts_with('-');
    let mut name: Vec<&str> = words.iter().copied().take_while(|w| is_word(w)).collect();
    if name.is_empty()
        && let Some(first) = words.first()
    {
        name.push(first);
    }
    let options = words[name.len()..]
        .iter()
        .filter(|w| w.starts_with("--"))
        .map(|w| (*w).to_owned())
        .collect();
    Synopsis {
        name: name.join(" "),
        options,
    }
}

/// The commands of the usage text: the lines of its 命令 part that start a command (two spaces, then the
/// synopsis up to the description's column), leaving out （无）, which is no command.
fn help_commands(help: &str) -> Vec<Synopsis> {
    help.lines()
        .skip_while(|l| !l.starts_with("命令"))
        .skip(1)
        .take_while(|l| !l.starts_with("选项"))
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.trim().split("  ").next().unwrap_or_default())
        .filter(|s| !s.starts_with('（'))
        .map(synopsis)
        .collect()
}

/// The options of the usage text's 选项 part.
fn help_global_options(help: &str) -> BTreeSet<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("选项"))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.starts_with("--"))
        .map(str::to_owned)
        .collect()
}

/// The commands of docs/cli.md: the `### `…`` headings of its "## Commands" part.
fn doc_commands(doc: &str) -> Vec<Synopsis> {
    doc.lines()
        .skip_while(|l| l.trim() != "## Commands")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("### "))
        .map(|h| synopsis(h.trim().trim_matches('`')))
        .collect()
}

/// The options of the first line of docs/cli.md's first code block (`lingjun [--db FILE] [--batch YEAR] …`).
fn doc_global_options(doc: &str) -> BTreeSet<String> {
    let line = doc
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .nth(1)
        .unwrap_or_default();
    synopsis(line).options
}

const DOC: &str = include_str!("../../docs/cli.md");

fn help_text() -> String {
    let output = crate::binary::lingjun(&["--help"]);
    assert!(output.status.success(), "--help exits 0");
    crate::binary::text(&output.stdout)
}

#[test]
fn docs_cli_lists_the_commands_help_prints() {
    let help = help_text();
    let from_help = help_commands(&help);
    assert!(
        from_help.len() >= 10,
        "the usage text lists the commands: {from_help:?}"
    );
    assert_eq!(
        doc_commands(DOC),
        from_help,
        "docs/cli.md's \"## Commands\" and `lingjun --help` name the same commands and options, in order"
    );
    assert_eq!(
        doc_global_options(DOC),
        help_global_options(&help),
        "docs/cli.md's synopsis and --help's 选项 name the same global options"
    );
    assert_eq!(
        help_global_options(&help),
        ["--batch", "--db"].map(str::to_owned).into(),
        "the global options are read from --help"
    );
}

#[test]
fn the_readers_notice_a_missing_command_and_a_missing_option() {
    let help = "用法：lingjun [命令]\n\n命令：\n  （无）              打开窗口\n  check               检查\n  export [--out 文件夹] [--overwrite]\n                      导出\n  template import 文件 [--force]\n                      导入模板\n  --help              显示本说明\n\n选项：\n  --db 文件           数据库\n";
    let doc = "# x\n\n```text\nlingjun [--db FILE] [COMMAND]\n```\n\n## Commands\n\n### `check`\n\ntext\n\n### `export [--out DIR]`\n\n### `template import FILE [--force]`\n\n### `--help`\n\n## After\n\n### `ignored`\n";
    let names: Vec<String> = help_commands(help).into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["check", "export", "template import", "--help"]);
    assert_eq!(
        doc_commands(doc).len(),
        4,
        "headings after the part are not commands"
    );
    assert_ne!(
        doc_commands(doc),
        help_commands(help),
        "export's --overwrite is missing from the doc"
    );
    assert_eq!(doc_global_options(doc), help_global_options(help));
    assert_eq!(
        synopsis("import 文件 --enterprise N [--apply]"),
        Synopsis {
            name: "import".to_owned(),
            options: ["--apply", "--enterprise"].map(str::to_owned).into(),
        }
    );
}
