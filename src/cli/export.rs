//! `lingjun export` and `lingjun verify`: the disc package written and checked against its manifest.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use std::path::Path;

use super::finalize;
use crate::model::{self, Draft, messages};
use crate::package;
use crate::store::Store;

/// Writes the documents into `out` as `options` say; refuses drafts with errors. Returns the exit code.
pub fn export(draft: &Draft, store: &Store, out: &Path, options: &package::ExportOptions) -> i32 {
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
    finalize::tell_pending(draft);
    if !draft.is_final() {
        eprintln!(
            "草稿尚未定稿：本次只导出审阅稿（文件夹名带“（草稿）”，每页有草稿水印，不生成 .iso）。定稿请用 lingjun finalize。"
        );
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let progress = |p: package::Progress| eprintln!("[{:>3.0}%] {}", p.fraction * 100.0, p.step);
    match package::export(draft, store, out, options, &progress, &cancel) {
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
pub fn verify(path: &Path) -> i32 {
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
