//! `lingjun import FILE --enterprise N [--section B=T]… [--apply]`: prints what would go where; the clerk's
//! decisions move blocks; with `--apply` it is done (the flag is the clerk's confirmation that non-empty text may
//! be replaced), after keeping a copy of the drafts. `lingjun import FILE… --new [--apply]` makes each file a new
//! enterprise. The batch's own template is used (docs/import.md).

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use std::path::{Path, PathBuf};

use crate::import::{self, ImportPlan};
use crate::model::Draft;
use crate::store::{self, Store};

/// Plans (and with `apply` carries out) the import of `file` into enterprise `number` (from 1), after the
/// clerk's `decisions`. Exit code.
pub fn run(
    store: &mut Store,
    db: &Path,
    loaded: Option<Draft>,
    file: &Path,
    number: usize,
    decisions: &[String],
    apply: bool,
) -> i32 {
    let Some(draft) = loaded else {
        eprintln!("数据库中还没有草稿，请先在窗口中添加企业：{}", db.display());
        return 1;
    };
    let index = number.saturating_sub(1);
    let mut plan = match import::plan_file(file, &draft, index, &draft.template) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{e}：{}", file.display());
            return 1;
        }
    };
    for decision in decisions {
        if let Err(message) = plan.decide(decision) {
            eprintln!("{message}");
            return 2;
        }
    }
    let name = draft.enterprises[index].display_name().to_owned();
    println!("从 {} 导入到企业 {number}「{name}」：", plan.source);
    print_plan(&plan);
    if !apply {
        println!("（未做任何改动；确认无误后加 --apply 执行导入）");
        return 0;
    }
    if plan.is_empty() {
        return 1;
    }
    if !keep_copy(store, db, &draft) {
        return 1;
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

/// Plans each of `files` as a new enterprise and, with `apply`, imports them all (or none: a file that cannot
/// be read, or more files than the quota leaves room for, changes nothing). Exit code.
pub fn run_new(
    store: &mut Store,
    db: &Path,
    loaded: Option<Draft>,
    files: &[PathBuf],
    apply: bool,
) -> i32 {
    let draft = loaded.unwrap_or_else(|| Draft::new(chrono::Local::now().date_naive()));
    if draft.is_final() {
        eprintln!("{}", import::ImportError::Final);
        return 1;
    }
    let room = import::room_for_new(&draft);
    if files.len() > room {
        eprintln!(
            "名额为 {} 家，本批次还能新增 {room} 家企业，不能导入 {} 个文件；未做任何改动",
            draft.max_enterprises(),
            files.len()
        );
        return 1;
    }
    let mut plans = Vec::new();
    let mut failed = false;
    for (n, file) in files.iter().enumerate() {
        match import::plan_new_file(file, &draft) {
            Ok(plan) => {
                println!("第 {} 个文件 {}（新企业）：", n + 1, plan.source);
                print_plan(&plan);
                plans.push(plan);
            }
            Err(e) => {
                eprintln!("{e}：{}", file.display());
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("有文件无法读取，未做任何改动");
        return 1;
    }
    if !apply {
        println!("（未做任何改动；确认无误后加 --apply 执行导入）");
        return 0;
    }
    if !keep_copy(store, db, &draft) {
        return 1;
    }
    let mut changed = draft;
    for plan in &plans {
        if let Err(e) = import::apply_new(plan, &mut changed) {
            eprintln!("{e}；未做任何改动");
            return 1;
        }
    }
    match store.save(&changed) {
        Ok(()) => {
            println!("已导入 {} 家企业。", plans.len());
            0
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}

fn print_plan(plan: &ImportPlan) {
    for line in plan.lines() {
        println!("  {line}");
    }
}

/// Keeps a copy of the drafts before an import changes them; false (with the reason printed) when it cannot.
fn keep_copy(store: &Store, db: &Path, draft: &Draft) -> bool {
    let Some(dir) = store::safety_dir_for(db) else {
        return true;
    };
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let copy = dir.join(format!("导入前的草稿-{stamp}.json"));
    let saved = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|()| store.load_pool().map_err(|e| e.user_text()))
        .and_then(|pool| {
            store::backup_to_file(draft, &pool, store, &copy).map_err(|e| e.user_text())
        });
    match saved {
        Ok(()) => {
            println!(
                "导入前的草稿已另存到：{}（可用 lingjun restore 恢复）",
                copy.display()
            );
            true
        }
        Err(message) => {
            eprintln!("无法另存导入前的草稿，未导入：{message}");
            false
        }
    }
}
