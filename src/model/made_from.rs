//! What a result the window shows (an export, a verify) was made from: the drafts as they stood, with their
//! 定稿码, and the place it is about. Once the drafts differ, the result is out of date, and `stale_reason` says
//! why in words the clerk can act on (取消定稿, a new 定稿, a template edit, any other edit).

use std::path::{Path, PathBuf};

use super::Draft;

/// The state a result was made from.
#[derive(Clone, Debug, PartialEq)]
pub struct MadeFrom {
    /// The drafts when the result was made (compared whole: any edit makes the result old).
    draft: Draft,
    /// The folder, disc or image the result is about.
    pub place: PathBuf,
}

impl MadeFrom {
    /// A result made from `draft` about `place`.
    pub fn new(draft: &Draft, place: &Path) -> Self {
        Self {
            draft: draft.clone(),
            place: place.to_path_buf(),
        }
    }

    /// The drafts' state in a few words: `定稿码 XXXX-XXXX` or 审阅稿（未定稿）.
    pub fn state_text(&self) -> String {
        state_text(&self.draft)
    }

    /// Why the result no longer matches `now`, or `None` while it does.
    pub fn stale_reason(&self, now: &Draft) -> Option<String> {
        stale_reason(&self.draft, now)
    }
}

/// The drafts' state in a few words: `定稿码 XXXX-XXXX` or 审阅稿（未定稿）.
pub fn state_text(draft: &Draft) -> String {
    match &draft.finalized {
        Some(f) => format!("定稿码 {}", f.code),
        None => "审阅稿（未定稿）".to_owned(),
    }
}

/// Why a result made from `then` no longer matches the drafts `now`; `None` when they are the same. The 定稿
/// state is named first (it decides what may be sent), then the template, then any other edit.
pub fn stale_reason(then: &Draft, now: &Draft) -> Option<String> {
    let code = |d: &Draft| d.finalized.as_ref().map(|f| f.code.clone());
    let reason = match (code(then), code(now)) {
        (Some(old), None) => format!("已取消定稿：这是定稿码 {old} 的结果，现在的草稿已不同"),
        (None, Some(new)) => format!("草稿已定稿（定稿码 {new}）：这是定稿前审阅稿的结果"),
        (Some(old), Some(new)) if old != new => {
            format!("已重新定稿：这是定稿码 {old} 的结果，现在是 {new}")
        }
        _ if then.template != now.template => "报告模板在此之后有改动".to_owned(),
        _ if then != now => "草稿在此之后又有修改".to_owned(),
        _ => return None,
    };
    Some(reason)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone as _};

    use super::*;
    use crate::model::finalize::Finalized;

    fn draft() -> Draft {
        Draft::new(NaiveDate::from_ymd_opt(2024, 9, 1).expect("a date"))
    }

    fn finalized(code: &str) -> Option<Finalized> {
        let at = chrono::FixedOffset::east_opt(8 * 3600)
            .expect("an offset")
            .with_ymd_and_hms(2024, 9, 1, 10, 0, 0)
            .single()
            .expect("a time");
        Some(Finalized {
            code: code.to_owned(),
            at: at.to_rfc3339(),
        })
    }

    #[test]
    fn the_same_drafts_make_a_current_result() {
        let made = MadeFrom::new(&draft(), Path::new("/导出"));
        assert_eq!(made.stale_reason(&draft()), None);
        assert_eq!(made.state_text(), "审阅稿（未定稿）");
    }

    #[test]
    fn unfinalizing_makes_the_result_old_and_names_the_code() {
        let mut then = draft();
        then.finalized = finalized("QV1A-RH41");
        let made = MadeFrom::new(&then, Path::new("/导出"));
        assert_eq!(made.state_text(), "定稿码 QV1A-RH41");
        let now = draft();
        let reason = made.stale_reason(&now).expect("old after 取消定稿");
        assert!(
            reason.contains("已取消定稿") && reason.contains("QV1A-RH41"),
            "{reason}"
        );
        let mut again = draft();
        again.finalized = finalized("ZZZZ-0000");
        let reason = made.stale_reason(&again).expect("old after a new 定稿");
        assert!(reason.contains("ZZZZ-0000"), "{reason}");
        let reason = MadeFrom::new(&now, Path::new("/x"))
            .stale_reason(&again)
            .expect("a review copy is old once final");
        assert!(reason.contains("草稿已定稿"), "{reason}");
    }

    #[test]
    fn a_template_edit_and_any_other_edit_are_told_apart() {
        let then = draft();
        let mut now = draft();
        now.template.report.title = "改过的标题".into();
        assert_eq!(
            stale_reason(&then, &now).as_deref(),
            Some("报告模板在此之后有改动")
        );
        let mut now = draft();
        now.unit.contact = "王芳".into();
        assert_eq!(
            stale_reason(&then, &now).as_deref(),
            Some("草稿在此之后又有修改")
        );
    }
}
