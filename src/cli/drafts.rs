//! `lingjun check`, `lingjun backup FILE` and `lingjun restore FILE`: the drafts checked, saved to a drafts file
//! and brought back from one.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use std::path::Path;

use crate::model::{self, Draft, messages};
use crate::store::{self, Store};

/// Prints every finding and returns 0 when there is no error, 1 when there is.
pub fn check(draft: &Draft) -> i32 {
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

/// Writes every draft of the batch into one drafts file. Returns the exit code.
pub fn backup(db: &Path, loaded: Option<Draft>, store: &Store, file: &Path) -> i32 {
    let Some(draft) = loaded else {
        eprintln!("数据库中还没有草稿，没有可备份的内容：{}", db.display());
        return 1;
    };
    let pool = match store.load_pool() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("{}", e.user_text());
            return 1;
        }
    };
    match store::backup_to_file(&draft, &pool, store, file) {
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

/// Replaces the drafts with a drafts file's, keeping a copy of the replaced ones. Returns the exit code.
pub fn restore(store: &mut Store, db: &Path, file: &Path) -> i32 {
    let safety_dir = store::safety_dir_for(db);
    match store::restore_from_file(store, file, safety_dir.as_deref()) {
        Ok(outcome) => {
            println!(
                "已从 {} 恢复 {} 家企业的草稿。",
                file.display(),
                outcome.draft.enterprises.len()
            );
            println!("标杆企业库：{} 家企业。", outcome.pool.entries.len());
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
