//! The command line: the same operations as the window, for scripts and tests.
//!
//! `lingjun [--db PATH] [check | backup FILE | restore FILE | export --out DIR | verify PATH | finalize |
//! unfinalize --reason TEXT]`, `lingjun --version`, `lingjun --help`.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

mod finalize;
mod import;

use std::path::{Path, PathBuf};

use crate::model::{self, Draft, messages};
use crate::package;
use crate::store::{self, Store};

/// What the command line was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window.
    Window,
    Check,
    Backup(PathBuf),
    Restore(PathBuf),
    /// Write the disc package (folder and CD image) into a folder.
    Export {
        out: PathBuf,
        overwrite: bool,
    },
    /// Check a package folder, a disc or an .iso against its manifest.
    Verify(PathBuf),
    /// Import a report from a .docx or .txt into enterprise N (from 1); only with `apply` does anything change.
    Import {
        file: PathBuf,
        enterprise: usize,
        apply: bool,
    },
    /// 定稿: check, freeze, print the 定稿码.
    Finalize,
    /// 取消定稿 with a reason.
    Unfinalize {
        reason: String,
    },
    /// Write the batch's template to a template file.
    TemplateExport(PathBuf),
    /// Make a template file the batch's template; `force` when it hides text (which is kept).
    TemplateImport {
        file: PathBuf,
        force: bool,
    },
    /// 新建下一年度批次: archive this batch and start `year`'s from its template and unit.
    NewBatch {
        year: i32,
        copy_enterprises: bool,
    },
    Version,
    Help,
}

/// Parsed arguments.
#[derive(Debug, PartialEq, Eq)]
pub struct Args {
    pub db: Option<PathBuf>,
    /// `--batch YEAR`: an earlier (archived, read-only) batch instead of the current one.
    pub batch: Option<i32>,
    pub command: Command,
}

/// The usage text, in Chinese.
pub const USAGE: &str = "用法：lingjun [--db 数据库文件] [命令]

命令：
  （无）              打开窗口
  check               报送前检查：列出全部错误和警告；无错误时退出码为 0，有错误时为 1
  backup 文件         把全部草稿备份为一个 JSON 草稿文件
  restore 文件        从草稿文件恢复（先检查文件，无效则不改动当前草稿；被替换的草稿另存一份）
  export [--out 文件夹] [--overwrite]
                      导出报送材料：在文件夹中写入光盘文件夹（推荐报告、汇总表 PDF 和 Excel、附件、
                      文件清单）和同名 .iso 光盘映像；草稿有错误时拒绝导出；同名材料已存在时
                      只有加 --overwrite 才替换；不给 --out 时导出到“文档\\领军导出”文件夹
  verify 路径         校验报送材料文件夹、光盘（盘符，如 E:\\）或 .iso 映像是否与清单一致，并显示定稿码；
                      一致时退出码为 0，有缺少、多出或改动的文件时为 1
  import 文件 --enterprise N [--apply]
                      从 Word 文档（.docx）或文本文件（.txt，UTF-8 或 GB18030）导入第 N 家企业的
                      报告正文和企业信息；不加 --apply 时只列出各部分将放到哪里，不做改动
  finalize            定稿：检查无错误后冻结草稿，显示定稿码（有错误时列出并退出码为 1）；
                      定稿前导出的只是审阅稿（文件夹名带“（草稿）”，不生成 .iso）
  unfinalize --reason 理由
                      取消定稿（必须写明理由），草稿恢复可编辑
  template export 文件
                      把本批次的模板（章节、基本情况表、汇总表列、自定义字段、规则）写成模板文件
  template import 文件 [--force]
                      用模板文件替换本批次的模板；文件有误时拒绝并说明行号和原因，不做任何改动；
                      新模板去掉了已填写文字的章节或字段时，只有加 --force 才替换（文字仍保留在草稿中，
                      该章节或字段回到模板时重新出现）
  new-batch 年度 [--copy-enterprises]
                      新建下一年度批次：沿用本批次的模板和填报单位；加 --copy-enterprises 时带入各企业的
                      基本信息（不带推荐报告正文、附件和上年度经营数据）；本批次归档，只读，
                      可用 --batch 年度 查看、检查、备份和再次导出
  --version           显示版本
  --help              显示本说明

选项：
  --db 文件           使用指定的草稿数据库（默认在用户数据文件夹中）
  --batch 年度        使用已归档的较早批次（只读：check、backup、export、template export）；默认为最新批次";

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Args, String> {
    let mut db = None;
    let mut out = None;
    let mut overwrite = false;
    let mut enterprise: Option<String> = None;
    let mut apply = false;
    let mut reason = None;
    let mut force = false;
    let mut batch = None;
    let mut copy_enterprises = false;
    let mut words = Vec::new();
    let mut iter = args.into_iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--db" => {
                db = Some(PathBuf::from(
                    iter.next().ok_or("--db 后面需要数据库文件路径")?,
                ));
            }
            "--out" => {
                out = Some(PathBuf::from(
                    iter.next().ok_or("--out 后面需要导出文件夹路径")?,
                ));
            }
            other if other.starts_with("--out=") => out = Some(PathBuf::from(&other[6..])),
            "--overwrite" => overwrite = true,
            "--enterprise" => {
                enterprise = Some(
                    iter.next()
                        .ok_or("--enterprise 后面需要企业序号（从 1 起）")?,
                );
            }
            other if other.starts_with("--enterprise=") => {
                enterprise = Some(other[13..].to_owned());
            }
            "--apply" => apply = true,
            "--reason" => {
                reason = Some(iter.next().ok_or("--reason 后面需要理由")?);
            }
            other if other.starts_with("--reason=") => reason = Some(other[9..].to_owned()),
            "--force" => force = true,
            "--copy-enterprises" => copy_enterprises = true,
            "--batch" => batch = Some(parse_year(iter.next().as_deref(), "--batch")?),
            other if other.starts_with("--batch=") => {
                batch = Some(parse_year(Some(&other[8..]), "--batch")?);
            }
            "--version" | "-V" => words.push("--version".to_owned()),
            "--help" | "-h" => words.push("--help".to_owned()),
            other if other.starts_with("--db=") => db = Some(PathBuf::from(&other[5..])),
            other if other.starts_with('-') && other.len() > 1 => {
                return Err(format!("不认识的选项：{other}"));
            }
            _ => words.push(arg),
        }
    }
    let command = match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Command::Window,
        ["--version", ..] => Command::Version,
        ["--help", ..] => Command::Help,
        ["check"] => Command::Check,
        ["export"] => Command::Export {
            out: out
                .take()
                .or_else(package::default_export_dir)
                .ok_or("找不到“文档”文件夹，请用 --out 指定导出文件夹")?,
            overwrite: std::mem::take(&mut overwrite),
        },
        ["verify", path] => Command::Verify(PathBuf::from(path)),
        ["finalize"] => Command::Finalize,
        ["unfinalize"] => Command::Unfinalize {
            reason: reason
                .take()
                .filter(|r| !r.trim().is_empty())
                .ok_or("unfinalize 需要用 --reason 写明取消定稿的理由")?,
        },
        ["verify"] => return Err("verify 后面需要文件夹、盘符或 .iso 文件路径".to_owned()),
        ["import", file] => {
            let number = enterprise
                .take()
                .ok_or("import 需要用 --enterprise N 指定企业（从 1 起）")?;
            let enterprise = number
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("企业序号应为从 1 起的整数：{number}"))?;
            Command::Import {
                file: PathBuf::from(file),
                enterprise,
                apply: std::mem::take(&mut apply),
            }
        }
        ["import"] => return Err("import 后面需要 .docx 或 .txt 文件路径".to_owned()),
        ["backup", file] => Command::Backup(PathBuf::from(file)),
        ["restore", file] => Command::Restore(PathBuf::from(file)),
        ["backup" | "restore"] => return Err(format!("{} 后面需要文件路径", words[0])),
        ["template", "export", file] => Command::TemplateExport(PathBuf::from(file)),
        ["template", "import", file] => Command::TemplateImport {
            file: PathBuf::from(file),
            force: std::mem::take(&mut force),
        },
        ["template", "export" | "import"] => {
            return Err(format!("template {} 后面需要模板文件路径", words[1]));
        }
        ["template", ..] => return Err("template 后面应为 export 或 import".to_owned()),
        ["new-batch", year] => Command::NewBatch {
            year: parse_year(Some(year), "new-batch")?,
            copy_enterprises: std::mem::take(&mut copy_enterprises),
        },
        ["new-batch"] => return Err("new-batch 后面需要年度，如 new-batch 2025".to_owned()),
        [other, ..] => return Err(format!("不认识的命令：{other}")),
    };
    if out.is_some() {
        return Err("--out 只用于 export 命令".to_owned());
    }
    if overwrite {
        return Err("--overwrite 只用于 export 命令".to_owned());
    }
    if enterprise.is_some() || apply {
        return Err("--enterprise 和 --apply 只用于 import 命令".to_owned());
    }
    if reason.is_some() {
        return Err("--reason 只用于 unfinalize 命令".to_owned());
    }
    if force {
        return Err("--force 只用于 template import 命令".to_owned());
    }
    if copy_enterprises {
        return Err("--copy-enterprises 只用于 new-batch 命令".to_owned());
    }
    Ok(Args { db, batch, command })
}

/// A year given on the command line (`--batch 2024`, `new-batch 2025`).
fn parse_year(text: Option<&str>, after: &str) -> Result<i32, String> {
    let text = text.ok_or_else(|| format!("{after} 后面需要年度，如 2025"))?;
    text.trim()
        .parse()
        .ok()
        .filter(|year| (2000..=2200).contains(year))
        .ok_or_else(|| format!("{after} 后面应为四位年度，如 2025，而不是「{text}」"))
}

impl Command {
    /// Whether the command changes the drafts (refused on an archived batch).
    fn edits_drafts(&self) -> bool {
        match self {
            Self::Restore(_)
            | Self::TemplateImport { .. }
            | Self::NewBatch { .. }
            | Self::Finalize
            | Self::Unfinalize { .. } => true,
            Self::Import { apply, .. } => *apply,
            Self::Window
            | Self::Check
            | Self::Backup(_)
            | Self::Export { .. }
            | Self::Verify(_)
            | Self::TemplateExport(_)
            | Self::Version
            | Self::Help => false,
        }
    }
}

/// The database path to use: `--db`, or the default in the user's data folder.
pub fn db_path(args: &Args) -> Result<PathBuf, String> {
    args.db
        .clone()
        .or_else(store::default_db_path)
        .ok_or_else(|| "找不到用户数据文件夹，请用 --db 指定草稿数据库".to_owned())
}

/// Runs a non-window command and returns the process exit code.
pub fn run(args: &Args) -> i32 {
    match &args.command {
        Command::Version => {
            println!("lingjun {}", crate::VERSION);
            0
        }
        Command::Help => {
            println!("{USAGE}");
            0
        }
        Command::Window => {
            eprintln!("窗口不能从命令行模块打开");
            2
        }
        Command::Verify(path) => verify(path),
        Command::Check
        | Command::Backup(_)
        | Command::Restore(_)
        | Command::Export { .. }
        | Command::Import { .. }
        | Command::Finalize
        | Command::Unfinalize { .. }
        | Command::TemplateExport(_)
        | Command::TemplateImport { .. }
        | Command::NewBatch { .. } => match db_path(args) {
            Ok(path) => run_on_db(&path, &args.command, args.batch),
            Err(message) => {
                eprintln!("{message}");
                2
            }
        },
    }
}

fn run_on_db(db: &Path, command: &Command, batch: Option<i32>) -> i32 {
    let mut store = match Store::open(db) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{}", e.user_text());
            return 2;
        }
    };
    let loaded = match store.load() {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("{}", e.user_text());
            return 2;
        }
    };
    let loaded = match chosen_batch(&store, loaded, batch, command) {
        Ok(draft) => draft,
        Err(code) => return code,
    };
    match command {
        Command::Check => {
            let draft = loaded.unwrap_or_else(|| Draft::new(chrono::Local::now().date_naive()));
            check(&draft)
        }
        Command::Backup(file) => {
            let Some(draft) = loaded else {
                eprintln!("数据库中还没有草稿，没有可备份的内容：{}", db.display());
                return 1;
            };
            match store::backup_to_file(&draft, &store, file) {
                Ok(()) => {
                    println!(
                        "已备份 {} 家企业的草稿到：{}",
                        draft.enterprises.len(),
                        file.display()
                    );
                    0
                }
                Err(e) => {
                    eprintln!("{}", e.user_text());
                    1
                }
            }
        }
        Command::Restore(file) => {
            let safety_dir = store::safety_dir_for(db);
            match store::restore_from_file(&mut store, file, safety_dir.as_deref()) {
                Ok(outcome) => {
                    println!(
                        "已从 {} 恢复 {} 家企业的草稿。",
                        file.display(),
                        outcome.draft.enterprises.len()
                    );
                    if let Some(copy) = outcome.safety_copy {
                        println!("被替换的草稿已另存到：{}", copy.display());
                    }
                    for note in &outcome.notes {
                        println!("{note}");
                    }
                    if !outcome.unknown_fields.is_empty() {
                        println!(
                            "文件中有本版本不认识的字段，已原样保留：{}",
                            outcome.unknown_fields.join("、")
                        );
                    }
                    0
                }
                Err(e) => {
                    eprintln!("{}", e.user_text());
                    1
                }
            }
        }
        Command::Export { out, overwrite } => {
            let Some(draft) = loaded else {
                eprintln!("数据库中还没有草稿，没有可导出的内容：{}", db.display());
                return 1;
            };
            export(&draft, &store, out, *overwrite)
        }
        Command::Import {
            file,
            enterprise,
            apply,
        } => import::run(&mut store, db, loaded, file, *enterprise, *apply),
        Command::Finalize => {
            let Some(mut draft) = loaded else {
                eprintln!("数据库中还没有草稿，没有可定稿的内容：{}", db.display());
                return 1;
            };
            finalize::finalize(&mut store, &mut draft)
        }
        Command::Unfinalize { reason } => {
            let Some(mut draft) = loaded else {
                eprintln!("数据库中还没有草稿：{}", db.display());
                return 1;
            };
            finalize::unfinalize(&mut store, &mut draft, reason)
        }
        Command::TemplateExport(file) => {
            let template = loaded.map(|d| d.template).unwrap_or_default();
            match store::export_template(&template, file) {
                Ok(()) => {
                    println!("已导出模板「{}」到：{}", template.name, file.display());
                    0
                }
                Err(e) => {
                    eprintln!("{}", e.user_text());
                    1
                }
            }
        }
        Command::TemplateImport { file, force } => template_import(&mut store, file, *force),
        Command::NewBatch {
            year,
            copy_enterprises,
        } => new_batch(&mut store, loaded, *year, *copy_enterprises),
        Command::Window | Command::Version | Command::Help | Command::Verify(_) => 2,
    }
}

/// The drafts a command works on: the current batch, or with `--batch YEAR` an archived one (read-only).
/// `Err` holds the exit code after the reason was printed.
fn chosen_batch(
    store: &Store,
    current: Option<Draft>,
    batch: Option<i32>,
    command: &Command,
) -> Result<Option<Draft>, i32> {
    let Some(year) = batch.filter(|y| current.as_ref().is_none_or(|d| d.batch.year != *y)) else {
        return Ok(current);
    };
    match store.load_archived(year) {
        Ok(Some(_)) if command.edits_drafts() => {
            eprintln!("{year} 年度批次已归档，只读，不能修改；只能查看、检查、备份和导出。");
            Err(1)
        }
        Ok(Some(draft)) => {
            eprintln!("（{year} 年度批次，已归档，只读）");
            Ok(Some(draft))
        }
        Ok(None) => {
            let years: Vec<String> = store
                .batches()
                .unwrap_or_default()
                .iter()
                .map(|b| b.year.to_string())
                .collect();
            eprintln!(
                "数据库中没有 {year} 年度批次。现有批次：{}",
                years.join("、")
            );
            Err(2)
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            Err(2)
        }
    }
}

/// 新建下一年度批次: archives the current batch and starts `year`'s. Returns the exit code.
fn new_batch(store: &mut Store, current: Option<Draft>, year: i32, copy_enterprises: bool) -> i32 {
    let today = chrono::Local::now().date_naive();
    let fresh = current.is_none();
    let current = current.unwrap_or_else(|| Draft::new(today));
    let copy: Vec<usize> = if copy_enterprises {
        (0..current.enterprises.len()).collect()
    } else {
        Vec::new()
    };
    let next = match model::next_batch::next_batch(&current, year, &copy, today) {
        Ok(next) => next,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let saved = if fresh {
        store.save(&next)
    } else {
        store.start_next_batch(&current, &next)
    };
    if let Err(e) = saved {
        eprintln!("{}", e.user_text());
        return 1;
    }
    let copied = next
        .enterprises
        .iter()
        .filter(|e| !e.name.is_empty())
        .count();
    println!(
        "已新建 {year} 年度批次：沿用模板「{}」和填报单位，带入 {copied} 家企业的基本信息。",
        next.template.name
    );
    if !fresh {
        println!(
            "{0} 年度批次已归档（只读），可用 --batch {0} 检查、备份和再次导出。",
            current.batch.year
        );
    }
    0
}

/// Makes a template file the batch's template. Returns the exit code.
fn template_import(store: &mut Store, file: &Path, force: bool) -> i32 {
    let today = chrono::Local::now().date_naive();
    match store::import_template(store, file, force, today) {
        Ok((draft, hidden)) => {
            println!(
                "已导入模板「{}」：{} 个章节，{} 个自定义字段，汇总表 {} 列，每省最多 {} 家。",
                draft.template.name,
                draft.template.report.sections.len(),
                draft.template.fields.len(),
                draft.template.summary.columns.len(),
                draft.template.rules.max_enterprises
            );
            for line in messages::kept_text_lines(&draft, &hidden) {
                println!("已保留（不再显示）：{line}");
            }
            0
        }
        Err(store::TemplateImportError::File(e)) => {
            eprintln!("模板文件无法导入，当前模板和草稿没有改动。{e}");
            1
        }
        Err(store::TemplateImportError::WouldHide(hidden)) => {
            eprintln!(
                "新模板去掉了已填写文字的章节或字段，没有导入。如确要导入，请加 --force（这些文字仍保留在草稿中，章节或字段回到模板时会重新出现）："
            );
            if let Ok(Some(draft)) = store.load() {
                for line in messages::kept_text_lines(&draft, &hidden) {
                    eprintln!("  {line}");
                }
            }
            1
        }
        Err(store::TemplateImportError::Store(e)) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}

/// Writes the documents into `out`; refuses drafts with errors. Returns the exit code.
fn export(draft: &Draft, store: &Store, out: &Path, overwrite: bool) -> i32 {
    let template = &draft.template;
    let issues = model::validate(draft, template);
    if model::validate::has_errors(&issues) {
        eprintln!("草稿中有错误，不能导出。请先改正以下问题（lingjun check 可列出全部检查结果）：");
        for issue in issues
            .iter()
            .filter(|i| i.severity == model::Severity::Error)
        {
            eprintln!("  {}", messages::issue_line(issue, draft, template));
        }
        return 1;
    }
    finalize::tell_pending(draft, template);
    if !draft.is_final() {
        eprintln!(
            "草稿尚未定稿：本次只导出审阅稿（文件夹名带“（草稿）”，每页有草稿水印，不生成 .iso）。定稿请用 lingjun finalize。"
        );
    }
    let options = package::ExportOptions {
        overwrite,
        ..package::ExportOptions::default()
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let progress = |p: package::Progress| eprintln!("[{:>3.0}%] {}", p.fraction * 100.0, p.step);
    match package::export(draft, store, template, out, &options, &progress, &cancel) {
        Ok(outcome) => {
            println!(
                "已导出 {} 个文件（{} 字节）到：{}",
                outcome.file_count,
                outcome.total_bytes,
                outcome.folder.display()
            );
            match &outcome.iso {
                Some(iso) => println!("光盘映像（{} 字节）：{}", outcome.iso_bytes, iso.display()),
                None => println!("审阅稿不生成光盘映像。"),
            }
            if let Some(code) = &outcome.finalize_code {
                println!("定稿码：{code}");
            }
            println!(
                "打印版（{} 页，不在光盘上）：{}",
                outcome.print_pages,
                outcome.print_pdf.display()
            );
            println!("请双面打印 1式3份：打印版中每份文件都从奇数页开始。");
            if outcome.is_near_cd_limit {
                println!("注意：超过 650 MB，请使用 700 MB 的 CD-R 光盘。");
            }
            println!("\n盘面标注：\n{}", outcome.disc_label);
            0
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}

/// Verifies a package and prints each finding; 0 only when everything matches.
fn verify(path: &Path) -> i32 {
    match package::verify(path) {
        Ok(report) => {
            for line in report.lines() {
                println!("{line}");
            }
            i32::from(!report.is_clean())
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}

/// Prints every finding and returns 0 when there is no error, 1 when there is.
fn check(draft: &Draft) -> i32 {
    let template = &draft.template;
    let issues = model::validate(draft, template);
    for issue in &issues {
        let ack = model::validate::acknowledgement(draft, issue)
            .map(|reason| format!("（已确认：{reason}）"))
            .unwrap_or_default();
        println!("{}{ack}", messages::issue_line(issue, draft, template));
    }
    let errors = issues
        .iter()
        .filter(|i| i.severity == model::Severity::Error)
        .count();
    let warnings = issues.len() - errors;
    println!("共 {errors} 个错误，{warnings} 个警告。");
    i32::from(errors > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        parse_args(args.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn arguments_are_parsed() {
        assert_eq!(parse(&[]).map(|a| a.command), Ok(Command::Window));
        let args = parse(&["--db", "x.sqlite", "check"]).expect("valid");
        assert_eq!(args.db.as_deref(), Some(Path::new("x.sqlite")));
        assert_eq!(args.command, Command::Check);
        assert_eq!(
            parse(&["backup", "草稿.json", "--db=y.sqlite"]).map(|a| (a.command, a.db)),
            Ok((Command::Backup("草稿.json".into()), Some("y.sqlite".into())))
        );
        assert_eq!(
            parse(&["export", "--out", "光盘"]).map(|a| a.command),
            Ok(Command::Export {
                out: "光盘".into(),
                overwrite: false
            })
        );
        assert_eq!(
            parse(&["--out=d", "export", "--overwrite"]).map(|a| a.command),
            Ok(Command::Export {
                out: "d".into(),
                overwrite: true
            })
        );
        assert_eq!(
            parse(&["verify", "E:\\"]).map(|a| a.command),
            Ok(Command::Verify("E:\\".into()))
        );
        assert_eq!(
            parse(&["check", "--overwrite"]).err().as_deref(),
            Some("--overwrite 只用于 export 命令")
        );
        assert_eq!(
            parse(&["--version"]).map(|a| a.command),
            Ok(Command::Version)
        );
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert_eq!(
            parse(&["restore"]).err().as_deref(),
            Some("restore 后面需要文件路径")
        );
        assert_eq!(
            parse(&["--db"]).err().as_deref(),
            Some("--db 后面需要数据库文件路径")
        );
        assert_eq!(
            parse(&["check", "--out", "d"]).err().as_deref(),
            Some("--out 只用于 export 命令")
        );
        assert_eq!(
            parse(&["frobnicate"]).err().as_deref(),
            Some("不认识的命令：frobnicate")
        );
        assert_eq!(
            parse(&["--force"]).err().as_deref(),
            Some("--force 只用于 template import 命令")
        );
        assert_eq!(
            parse(&["template", "import", "t.json", "--force"]).map(|a| a.command),
            Ok(Command::TemplateImport {
                file: "t.json".into(),
                force: true
            })
        );
        assert_eq!(
            parse(&["template", "import"]).err().as_deref(),
            Some("template import 后面需要模板文件路径")
        );
        assert_eq!(
            parse(&["template", "show"]).err().as_deref(),
            Some("template 后面应为 export 或 import")
        );
    }
    #[test]
    fn export_without_out_goes_to_the_documents_folder() {
        let default = package::default_export_dir().expect("this machine has a home folder");
        assert!(
            default.ends_with(package::DEFAULT_EXPORT_FOLDER),
            "{}",
            default.display()
        );
        assert_eq!(
            parse(&["export"]).map(|a| a.command),
            Ok(Command::Export {
                out: default,
                overwrite: false
            })
        );
    }
}
