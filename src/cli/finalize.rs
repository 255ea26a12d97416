//! `lingjun finalize` and `lingjun unfinalize --reason TEXT` (docs/finalize.md), and the note on unconfirmed
//! warnings that `finalize` and `export` print on stderr before they go on.

#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the command line talks on stdout and stderr"
)]

use crate::model::{self, Draft, messages};
use crate::store::Store;

/// Lists the unconfirmed warnings and a past deadline on stderr; the command goes on.
pub fn tell_pending(draft: &Draft) {
    let template = &draft.template;
    let pending = model::pending::unconfirmed(draft, template);
    if !pending.is_empty() {
        eprintln!(
            "注意：有 {} 个警告尚未确认（可在窗口的“报送前检查”中写明理由确认）：",
            pending.len()
        );
        for issue in &pending {
            eprintln!("  {}", messages::issue_line(issue, draft, template));
        }
    }
    if let Some(deadline) =
        model::pending::deadline_passed(draft, chrono::Local::now().date_naive())
    {
        eprintln!("注意：{}", messages::deadline_passed_text(deadline));
    }
}

/// 定稿: refuses with the errors listed; otherwise saves the frozen drafts and prints the 定稿码.
pub fn finalize(store: &mut Store, draft: &mut Draft) -> i32 {
    use model::finalize::FinalizeError;
    let template = &draft.template.clone();
    tell_pending(draft);
    match model::finalize::finalize(draft, template, chrono::Local::now().fixed_offset()) {
        Ok(done) => {
            if let Err(e) = store.save(draft) {
                eprintln!("{}", e.user_text());
                return 1;
            }
            println!("已定稿。定稿码：{}", done.code);
            println!(
                "定稿时间：{}。现在导出的是报送材料（含 .iso 光盘映像），每页页脚印有定稿码。",
                model::finalize::display_time(&done.at)
            );
            0
        }
        Err(FinalizeError::HasErrors(errors)) => {
            eprintln!("草稿中有 {} 个错误，不能定稿。请先改正：", errors.len());
            for issue in &errors {
                eprintln!("  {}", messages::issue_line(issue, draft, template));
            }
            1
        }
        Err(FinalizeError::AlreadyFinal) => {
            let code = draft.finalized.as_ref().map_or("", |f| f.code.as_str());
            eprintln!("草稿已经定稿（定稿码 {code}）。如需修改，请先 unfinalize --reason 理由。");
            1
        }
        Err(e) => {
            eprintln!("{e}");
            1
        }
    }
}

/// 取消定稿 with the reason; refuses when not final.
pub fn unfinalize(store: &mut Store, draft: &mut Draft, reason: &str) -> i32 {
    match model::finalize::unfinalize(draft, reason, chrono::Local::now().fixed_offset()) {
        Ok(()) => {
            if let Err(e) = store.save(draft) {
                eprintln!("{}", e.user_text());
                return 1;
            }
            println!("已取消定稿，草稿恢复可编辑。理由：{}", reason.trim());
            0
        }
        Err(_) => {
            eprintln!("草稿尚未定稿，无需取消。");
            1
        }
    }
}
