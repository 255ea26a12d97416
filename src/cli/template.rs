//! `lingjun template export FILE` and `lingjun template import FILE [--force]`.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use std::path::Path;

use crate::model::{Draft, messages};
use crate::store::{self, Store};

/// Writes the batch's template (the built-in one when there are no drafts yet) to `file`. Returns the exit code.
pub fn template_export(loaded: Option<Draft>, file: &Path) -> i32 {
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

/// Makes a template file the batch's template. Returns the exit code.
pub fn template_import(store: &mut Store, file: &Path, force: bool) -> i32 {
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
