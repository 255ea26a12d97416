//! `lingjun import FILE --enterprise N [--apply]`: prints what would go where; with `--apply` does it (the flag is
//! the clerk's confirmation that non-empty text may be replaced), after keeping a copy of the drafts.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use std::path::Path;

use crate::import;
use crate::model::{Draft, Template};
use crate::store::{self, Store};

/// Plans (and with `apply` carries out) the import of `file` into enterprise `number` (from 1). Exit code.
pub fn run(
    store: &mut Store,
    db: &Path,
    loaded: Option<Draft>,
    file: &Path,
    number: usize,
    apply: bool,
) -> i32 {
    let Some(draft) = loaded else {
        eprintln!("数据库中还没有草稿，请先在窗口中添加企业：{}", db.display());
        return 1;
    };
    let template = Template::built_in();
    let index = number.saturating_sub(1);
    let plan = match import::plan_file(file, &draft, index, template) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{e}：{}", file.display());
            return 1;
        }
    };
    let name = draft.enterprises[index].display_name().to_owned();
    println!("从 {} 导入到企业 {number}「{name}」：", plan.source);
    for line in plan.lines() {
        println!("  {line}");
    }
    if !apply {
        println!("（未做任何改动；确认无误后加 --apply 执行导入）");
        return 0;
    }
    if plan.is_empty() {
        return 1;
    }
    if let Some(dir) = store::safety_dir_for(db) {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let copy = dir.join(format!("导入前的草稿-{stamp}.json"));
        let saved = std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                store::backup_to_file(&draft, &*store, &copy).map_err(|e| e.user_text())
            });
        match saved {
            Ok(()) => println!(
                "导入前的草稿已另存到：{}（可用 lingjun restore 恢复）",
                copy.display()
            ),
            Err(message) => {
                eprintln!("无法另存导入前的草稿，未导入：{message}");
                return 1;
            }
        }
    }
    let mut changed = draft;
    let undo = match import::apply(&plan, &mut changed, index, true) {
        Ok(undo) => undo,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    match store.save(&changed) {
        Ok(()) => {
            println!("已导入 {} 处。", undo.change_count());
            0
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}
