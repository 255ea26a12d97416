//! The command line's words: `Command`, `Args`, the usage text and the parser.

use std::path::PathBuf;

use crate::package;

/// What the command line was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window.
    Window,
    Check,
    Backup(PathBuf),
    Restore(PathBuf),
    /// Write the disc package (folder and CD image) into a folder, as the options say (`--overwrite`, `--no-word`).
    Export {
        out: PathBuf,
        options: package::ExportOptions,
    },
    /// Check a package folder, a disc or an .iso against its manifest.
    Verify(PathBuf),
    /// Import a report from a .docx, .doc or .txt into enterprise N (from 1); only with `apply` does anything change.
    /// `sections` are the clerk's decisions, `块=目标` (docs/import.md).
    Import {
        file: PathBuf,
        enterprise: usize,
        sections: Vec<String>,
        apply: bool,
    },
    /// Import several reports, each as a new enterprise (`import FILE… --new`).
    ImportNew {
        files: Vec<PathBuf>,
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
    /// 标杆企业库: plan (and with `apply` carry out) a list of enterprises' import.
    PoolImport {
        file: PathBuf,
        apply: bool,
    },
    /// 标杆企业库 as an .xlsx.
    /// The pool as an .xlsx: the entries with every word of `search` (all when empty), as the page filters.
    PoolExport {
        file: PathBuf,
        search: String,
    },
    /// 标杆企业库 listed, optionally only entries with the search words.
    PoolList {
        search: String,
    },
    /// 选入本批次: the pool's entries with these credit codes (or names) into the batch.
    PoolPick(Vec<String>),
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
pub const USAGE: &str = "用法：lingjun [--db 数据库文件] [--batch 年度] [命令]

命令：
  （无）              打开窗口
  check               报送前检查：列出全部错误和警告；无错误时退出码为 0，有错误时为 1
  backup 文件         把全部草稿备份为一个 JSON 草稿文件
  restore 文件        从草稿文件恢复（先检查文件，无效则不改动当前草稿；被替换的草稿另存一份）
  export [--out 文件夹] [--overwrite] [--no-word]
                      导出报送材料：在文件夹中写入光盘文件夹（推荐报告、汇总表 PDF、Word 和 Excel、
                      附件、文件清单）和同名 .iso 光盘映像；草稿有错误时拒绝导出；同名材料已存在时
                      只有加 --overwrite 才替换；加 --no-word 时不写 Word（.docx）文件；
                      不给 --out 时导出到“文档\\领军导出”文件夹
  verify 路径         校验报送材料文件夹、光盘（盘符，如 E:\\）或 .iso 映像是否与清单一致，并显示定稿码；
                      一致时退出码为 0，有缺少、多出或改动的文件时为 1
  import 文件 --enterprise N [--section \"块=目标\"]… [--apply]
                      从 Word 文档（.docx、.doc）或文本文件（.txt，UTF-8 或 GB18030）导入第 N 家企业的
                      报告正文和企业信息；不加 --apply 时只列出各块将放到哪里，不做改动；
                      --section 改变一块的去处：块是计划中的序号或该块开头的文字，目标是章节的
                      键（如 quality）或标题、“不导入”或“与上一部分合并”，如 --section \"第二部分=quality\"
  import 文件… --new [--apply]
                      把每个文件导入为一家新企业（名称取自文件中的企业名称），不超过模板的名额；
                      不加 --apply 时只列出各文件的导入计划
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
                      新建下一年度批次：沿用本批次的模板、填报单位和收件信息；加 --copy-enterprises 时
                      带入各企业的基本信息（不带推荐报告正文、附件、已确认的警告和上年度经营数据）；
                      本批次归档，只读，可用 --batch 年度 查看、检查、备份和再次导出
  pool import 文件 [--apply]
                      从企业名单（.xlsx、.xls 或 .csv，UTF-8 或 GB18030）导入标杆企业库：先列出新增、
                      逐项更新（原值 → 新值）、未导入的行（行号和原因）和未使用的列；加 --apply 才导入
  pool export 文件 [--search 文字]
                      把标杆企业库写成 Excel 表格（.xlsx）；加 --search 时只写名称、信用代码、设区市、
                      标签或典型经验中含有这些字的企业
  pool list [--search 文字]
                      列出标杆企业库（可按名称、信用代码、设区市、标签、典型经验搜索）
  pool pick 信用代码…
                      把标杆企业库中的企业选入本批次（不超过模板的名额），复制其基本信息
  --version           显示版本
  --help              显示本说明

选项：
  --db 文件           使用指定的草稿数据库（默认在用户数据文件夹中）
  --batch 年度        使用已归档的较早批次（只读：check、backup、export、template export）；默认为最新批次";

/// Parses the arguments after the program name.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<Args, String> {
    let (mut options, words) = Options::read(args)?;
    let command = command(&words, &mut options)?;
    options.refuse_left_over()?;
    Ok(Args {
        db: options.db,
        batch: options.batch,
        command,
    })
}

/// The options as given, before the words say the command: the command takes those it uses, and any left over
/// is refused, naming the command it belongs to.
#[derive(Default)]
struct Options {
    db: Option<PathBuf>,
    batch: Option<i32>,
    out: Option<PathBuf>,
    overwrite: bool,
    no_word: bool,
    enterprise: Option<String>,
    apply: bool,
    new: bool,
    sections: Vec<String>,
    reason: Option<String>,
    force: bool,
    copy_enterprises: bool,
    search: Option<String>,
}

impl Options {
    /// Sorts the arguments into options and the other words (the command and its operands), in order.
    fn read<I: IntoIterator<Item = String>>(args: I) -> Result<(Self, Vec<String>), String> {
        let mut o = Self::default();
        let mut words = Vec::new();
        let mut iter = args.into_iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--db" => {
                    o.db = Some(PathBuf::from(
                        iter.next().ok_or("--db 后面需要数据库文件路径")?,
                    ));
                }
                "--out" => {
                    o.out = Some(PathBuf::from(
                        iter.next().ok_or("--out 后面需要导出文件夹路径")?,
                    ));
                }
                other if other.starts_with("--out=") => o.out = Some(PathBuf::from(&other[6..])),
                "--overwrite" => o.overwrite = true,
                "--no-word" => o.no_word = true,
                "--enterprise" => {
                    o.enterprise = Some(
                        iter.next()
                            .ok_or("--enterprise 后面需要企业序号（从 1 起）")?,
                    );
                }
                other if other.starts_with("--enterprise=") => {
                    o.enterprise = Some(other[13..].to_owned());
                }
                "--apply" => o.apply = true,
                "--new" => o.new = true,
                "--section" => {
                    o.sections.push(
                        iter.next()
                            .ok_or("--section 后面需要“块=目标”，如 \"第二部分=quality\"")?,
                    );
                }
                other if other.starts_with("--section=") => o.sections.push(other[10..].to_owned()),
                "--reason" => {
                    o.reason = Some(iter.next().ok_or("--reason 后面需要理由")?);
                }
                other if other.starts_with("--reason=") => o.reason = Some(other[9..].to_owned()),
                "--force" => o.force = true,
                "--copy-enterprises" => o.copy_enterprises = true,
                "--search" => {
                    o.search = Some(iter.next().ok_or("--search 后面需要要搜索的文字")?);
                }
                other if other.starts_with("--search=") => o.search = Some(other[9..].to_owned()),
                "--batch" => o.batch = Some(parse_year(iter.next().as_deref(), "--batch")?),
                other if other.starts_with("--batch=") => {
                    o.batch = Some(parse_year(Some(&other[8..]), "--batch")?);
                }
                "--version" | "-V" => words.push("--version".to_owned()),
                "--help" | "-h" => words.push("--help".to_owned()),
                other if other.starts_with("--db=") => o.db = Some(PathBuf::from(&other[5..])),
                other if other.starts_with('-') && other.len() > 1 => {
                    return Err(format!("不认识的选项：{other}"));
                }
                _ => words.push(arg),
            }
        }
        Ok((o, words))
    }

    /// An option no command took: it belongs to another command.
    fn refuse_left_over(&self) -> Result<(), String> {
        if self.out.is_some() {
            return Err("--out 只用于 export 命令".to_owned());
        }
        if self.overwrite {
            return Err("--overwrite 只用于 export 命令".to_owned());
        }
        if self.no_word {
            return Err("--no-word 只用于 export 命令".to_owned());
        }
        if self.enterprise.is_some() || self.apply || self.new || !self.sections.is_empty() {
            return Err("--enterprise、--section、--new 和 --apply 只用于 import 命令".to_owned());
        }
        if self.reason.is_some() {
            return Err("--reason 只用于 unfinalize 命令".to_owned());
        }
        if self.force {
            return Err("--force 只用于 template import 命令".to_owned());
        }
        if self.copy_enterprises {
            return Err("--copy-enterprises 只用于 new-batch 命令".to_owned());
        }
        if self.search.is_some() {
            return Err("--search 只用于 pool list 和 pool export 命令".to_owned());
        }
        Ok(())
    }
}

/// The command the words name, taking the options it uses from `o`.
fn command(words: &[String], o: &mut Options) -> Result<Command, String> {
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
            out: o
                .out
                .take()
                .or_else(package::default_export_dir)
                .ok_or("找不到“文档”文件夹，请用 --out 指定导出文件夹")?,
            options: package::ExportOptions {
                overwrite: std::mem::take(&mut o.overwrite),
                word: !std::mem::take(&mut o.no_word),
            },
        },
        ["verify", path] => Command::Verify(PathBuf::from(path)),
        ["finalize"] => Command::Finalize,
        ["unfinalize"] => Command::Unfinalize {
            reason: o
                .reason
                .take()
                .filter(|r| !r.trim().is_empty())
                .ok_or("unfinalize 需要用 --reason 写明取消定稿的理由")?,
        },
        ["verify"] => return Err("verify 后面需要文件夹、盘符或 .iso 文件路径".to_owned()),
        ["import", files @ ..] => return import_command(files, o),
        ["backup", file] => Command::Backup(PathBuf::from(file)),
        ["restore", file] => Command::Restore(PathBuf::from(file)),
        ["backup" | "restore"] => return Err(format!("{} 后面需要文件路径", words[0])),
        ["template", "export", file] => Command::TemplateExport(PathBuf::from(file)),
        ["template", "import", file] => Command::TemplateImport {
            file: PathBuf::from(file),
            force: std::mem::take(&mut o.force),
        },
        ["template", "export" | "import"] => {
            return Err(format!("template {} 后面需要模板文件路径", words[1]));
        }
        ["template", ..] => return Err("template 后面应为 export 或 import".to_owned()),
        ["new-batch", year] => Command::NewBatch {
            year: parse_year(Some(year), "new-batch")?,
            copy_enterprises: std::mem::take(&mut o.copy_enterprises),
        },
        ["new-batch"] => return Err("new-batch 后面需要年度，如 new-batch 2025".to_owned()),
        ["pool", rest @ ..] => return pool_command(rest, o),
        [other, ..] => return Err(format!("不认识的命令：{other}")),
    };
    Ok(command)
}

/// `import FILE --enterprise N …` or `import FILE… --new …`.
fn import_command(files: &[&str], o: &mut Options) -> Result<Command, String> {
    match files {
        [_, ..] if o.new => {
            if o.enterprise.is_some() {
                return Err("--new 导入为新企业，不能同时用 --enterprise".to_owned());
            }
            if !o.sections.is_empty() {
                return Err("--section 只用于导入一个文件到 --enterprise 指定的企业".to_owned());
            }
            o.new = false;
            Ok(Command::ImportNew {
                files: files.iter().map(PathBuf::from).collect(),
                apply: std::mem::take(&mut o.apply),
            })
        }
        [file] => {
            let number = o
                .enterprise
                .take()
                .ok_or("import 需要用 --enterprise N 指定企业（从 1 起）")?;
            let enterprise = number
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("企业序号应为从 1 起的整数：{number}"))?;
            Ok(Command::Import {
                file: PathBuf::from(file),
                enterprise,
                sections: std::mem::take(&mut o.sections),
                apply: std::mem::take(&mut o.apply),
            })
        }
        [_, _, ..] => Err("导入多个文件时要加 --new（每个文件成为一家新企业）".to_owned()),
        [] => Err("import 后面需要 .docx、.doc 或 .txt 文件路径".to_owned()),
    }
}

/// The words after `pool`: import, export, list, pick, taking `--apply` and `--search` where they belong.
fn pool_command(words: &[&str], o: &mut Options) -> Result<Command, String> {
    Ok(match words {
        ["import", file] => Command::PoolImport {
            file: PathBuf::from(file),
            apply: std::mem::take(&mut o.apply),
        },
        ["import", ..] => {
            return Err("pool import 后面需要一个企业名单文件（.xlsx、.xls 或 .csv）".to_owned());
        }
        ["export", file] => Command::PoolExport {
            file: PathBuf::from(file),
            search: o.search.take().unwrap_or_default(),
        },
        ["export", ..] => return Err("pool export 后面需要一个 .xlsx 文件路径".to_owned()),
        ["list"] => Command::PoolList {
            search: o.search.take().unwrap_or_default(),
        },
        ["pick", codes @ ..] if !codes.is_empty() => {
            Command::PoolPick(codes.iter().map(|c| (*c).to_owned()).collect())
        }
        ["pick"] => return Err("pool pick 后面需要一个或多个统一社会信用代码".to_owned()),
        _ => return Err("pool 后面应为 import、export、list 或 pick".to_owned()),
    })
}

/// A year given on the command line (`--batch 2024`, `new-batch 2025`).
fn parse_year(text: Option<&str>, after: &str) -> Result<i32, String> {
    let text = text.ok_or_else(|| format!("{after} 后面需要年度，如 2025"))?;
    text.trim()
        .parse()
        .ok()
        .filter(|year| crate::model::next_batch::YEARS.contains(year))
        .ok_or_else(|| format!("{after} 后面应为四位年度，如 2025，而不是「{text}」"))
}

impl Command {
    /// Whether the command changes the drafts (refused on an archived batch).
    pub(super) fn edits_drafts(&self) -> bool {
        match self {
            Self::Restore(_)
            | Self::TemplateImport { .. }
            | Self::NewBatch { .. }
            | Self::Finalize
            | Self::Unfinalize { .. }
            | Self::PoolPick(_) => true,
            Self::Import { apply, .. } | Self::ImportNew { apply, .. } => *apply,
            Self::Window
            | Self::Check
            | Self::Backup(_)
            | Self::Export { .. }
            | Self::Verify(_)
            | Self::TemplateExport(_)
            | Self::PoolImport { .. }
            | Self::PoolExport { .. }
            | Self::PoolList { .. }
            | Self::Version
            | Self::Help => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
                options: package::ExportOptions {
                    overwrite: false,
                    word: true
                }
            })
        );
        assert_eq!(
            parse(&["--out=d", "export", "--overwrite"]).map(|a| a.command),
            Ok(Command::Export {
                out: "d".into(),
                options: package::ExportOptions {
                    overwrite: true,
                    word: true
                }
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
                options: package::ExportOptions {
                    overwrite: false,
                    word: true
                }
            })
        );
    }
}
