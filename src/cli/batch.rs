//! Batches on the command line: `--batch YEAR` (an archived batch, read-only) and `lingjun new-batch YEAR`.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use super::Command;
use crate::model::{self, Draft};
use crate::store::Store;

/// The drafts a command works on: the current batch, or with `--batch YEAR` an archived one (read-only).
/// `Err` holds the exit code after the reason was printed.
pub fn chosen_batch(
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
pub fn new_batch(
    store: &mut Store,
    current: Option<Draft>,
    year: i32,
    copy_enterprises: bool,
) -> i32 {
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
