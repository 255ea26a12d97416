//! `lingjun pool import|export|list|pick` (docs/cli.md): the 标杆企业库 from the command line.

use std::path::Path;

use crate::import::pool_plan::{self, plan_lines};
use crate::model::pool::Pool;
use crate::model::pool_view::{PoolColumn, PoolFilter, view};
use crate::model::{Draft, Template, pool_link};
use crate::store::Store;

fn template_of(loaded: Option<&Draft>) -> &Template {
    match loaded {
        Some(draft) => &draft.template,
        None => Template::built_in(),
    }
}

fn load_pool(store: &Store) -> Option<Pool> {
    store
        .load_pool()
        .map_err(|e| eprintln!("{}", e.user_text()))
        .ok()
}

/// Prints the plan of a list's import and, with `apply`, carries it out. Returns the exit code.
pub fn import(store: &mut Store, loaded: Option<&Draft>, file: &Path, apply: bool) -> i32 {
    let Some(mut pool) = load_pool(store) else {
        return 2;
    };
    let plan = match pool_plan::plan_file(file, &pool, template_of(loaded)) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!(
                "企业名单无法导入，标杆企业库没有改动。{e}：{}",
                file.display()
            );
            return 1;
        }
    };
    for line in plan_lines(&plan) {
        println!("{line}");
    }
    if !apply {
        println!("以上只是计划，标杆企业库没有改动；加 --apply 才导入。");
        return 0;
    }
    if !plan.changes_anything() {
        println!("没有需要导入的变化，标杆企业库没有改动。");
        return 0;
    }
    let (added, updated) = pool_plan::apply(&mut pool, &plan, chrono::Local::now().date_naive());
    match store.save_pool(&pool) {
        Ok(()) => {
            println!(
                "已导入：新增 {added} 家，更新 {updated} 家；标杆企业库共 {} 家。",
                pool.entries.len()
            );
            0
        }
        Err(e) => {
            eprintln!("{}", e.user_text());
            1
        }
    }
}

/// Writes the pool as an .xlsx: the entries with every word of `search`, all of them when it is empty (the
/// window's 导出企业名单… writes the page's filtered table the same way). Returns the exit code.
pub fn export(store: &Store, loaded: Option<&Draft>, file: &Path, search: &str) -> i32 {
    let Some(pool) = load_pool(store) else {
        return 2;
    };
    let filter = PoolFilter {
        search: search.to_owned(),
        ..PoolFilter::default()
    };
    let entries: Vec<_> = view(&pool.entries, &filter, None)
        .into_iter()
        .map(|i| &pool.entries[i])
        .collect();
    let written = crate::render::pool_xlsx::pool_xlsx(&entries, template_of(loaded))
        .map_err(|e| e.to_string())
        .and_then(|bytes| crate::user_path::write_atomically(file, &bytes));
    match written {
        Ok(()) => {
            println!(
                "已把标杆企业库的 {} 家企业写到：{}",
                entries.len(),
                file.display()
            );
            0
        }
        Err(e) => {
            eprintln!("无法写入企业名单（{e}）：{}", file.display());
            1
        }
    }
}

/// Lists the pool (the entries with every search word), one line each. Returns the exit code.
pub fn list(store: &Store, search: &str) -> i32 {
    let Some(pool) = load_pool(store) else {
        return 2;
    };
    let filter = PoolFilter {
        search: search.to_owned(),
        ..PoolFilter::default()
    };
    let places = view(&pool.entries, &filter, None);
    let header: Vec<&str> = PoolColumn::ALL.iter().map(|c| c.label()).collect();
    println!("{}", header.join("\t"));
    for &i in &places {
        let entry = &pool.entries[i];
        let cells: Vec<String> = PoolColumn::ALL.iter().map(|c| c.text(entry)).collect();
        let flag = if entry.is_flagged() {
            "（信用代码待核）"
        } else {
            ""
        };
        println!("{}{flag}", cells.join("\t"));
    }
    println!(
        "共 {} 家（标杆企业库共 {} 家）。",
        places.len(),
        pool.entries.len()
    );
    0
}

/// After a 定稿's export: records `YYYY年度推荐` with its 定稿码 on each linked entry of the pool, and says so.
pub fn record_export(store: &mut Store, draft: &Draft) {
    if !draft.is_final() {
        return;
    }
    let Some(mut pool) = load_pool(store) else {
        return;
    };
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    let names = pool_link::record_export(&mut pool, draft, &today);
    if names.is_empty() {
        return;
    }
    match store.save_pool(&pool) {
        Ok(()) => println!(
            "标杆企业库：已在 {} 的推荐记录中记下“{}年度推荐”。",
            names.join("、"),
            draft.batch.year
        ),
        Err(e) => eprintln!("{}", e.user_text()),
    }
}

/// Picks entries into the current batch, all or none. Returns the exit code.
pub fn pick(store: &mut Store, loaded: Option<Draft>, wanted: &[String]) -> i32 {
    let Some(pool) = load_pool(store) else {
        return 2;
    };
    let mut draft = loaded.unwrap_or_else(|| Draft::new(chrono::Local::now().date_naive()));
    let places = match pool_link::pick_all(&mut draft, &pool, wanted) {
        Ok(places) => places,
        Err(e) => {
            eprintln!("{e}；本批次没有改动。");
            return 1;
        }
    };
    if let Err(e) = store.save(&draft) {
        eprintln!("{}", e.user_text());
        return 1;
    }
    for place in places {
        let e = &draft.enterprises[place];
        println!("已选入第 {} 家：{}", place + 1, e.name);
    }
    println!(
        "本批次共 {} 家（名额 {} 家）。",
        draft.enterprises.len(),
        draft.max_enterprises()
    );
    0
}
