//! The database's page-by-page check (`PRAGMA quick_check`), run on a thread after the first frame when the
//! window opened the database without it (`Store::open_unchecked`): with a CD of scans inside, reading every
//! page takes a second or more, and the clerk should not wait for it to see the drafts.

use std::path::PathBuf;
use std::sync::mpsc;

use super::App;
use crate::store::StoreError;

/// Where the check stands.
pub(super) enum IntegrityCheck {
    /// The database was checked when it opened (or lives in memory).
    NotNeeded,
    /// To start at the first frame, when the frame's context can be woken.
    Due(PathBuf),
    Running(mpsc::Receiver<Result<(), StoreError>>),
    Done,
}

impl App {
    /// Starts the check at the first frame and takes its outcome when it arrives.
    pub(super) fn poll_integrity(&mut self, ctx: &egui::Context) {
        self.integrity = match std::mem::replace(&mut self.integrity, IntegrityCheck::Done) {
            IntegrityCheck::Due(path) => start(path, ctx.clone()),
            IntegrityCheck::Running(outcome) => match outcome.try_recv() {
                Ok(result) => self.take_integrity(result),
                Err(mpsc::TryRecvError::Empty) => IntegrityCheck::Running(outcome),
                Err(mpsc::TryRecvError::Disconnected) => IntegrityCheck::Done,
            },
            other => other,
        };
    }

    /// Waits for the check (tests; a window has no reason to).
    pub fn finish_integrity_check(&mut self) {
        self.integrity = match std::mem::replace(&mut self.integrity, IntegrityCheck::Done) {
            IntegrityCheck::Due(path) => self.take_integrity(crate::store::check_integrity(&path)),
            IntegrityCheck::Running(outcome) => match outcome.recv() {
                Ok(result) => self.take_integrity(result),
                Err(_) => IntegrityCheck::Done,
            },
            other => other,
        };
    }

    fn take_integrity(&mut self, result: Result<(), StoreError>) -> IntegrityCheck {
        if let Err(e) = result {
            self.integrity_warning = Some(damaged_text(&e));
        }
        IntegrityCheck::Done
    }

    /// The warning line above the status bar, while the check found damage.
    pub(super) fn integrity_warning_ui(&self, ui: &mut egui::Ui) {
        if let Some(warning) = &self.integrity_warning {
            ui.colored_label(ui.visuals().error_fg_color, warning);
        }
    }
}

fn start(path: PathBuf, ctx: egui::Context) -> IntegrityCheck {
    let (send, outcome) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("lingjun-integrity".to_owned())
        .spawn(move || {
            send.send(crate::store::check_integrity(&path)).ok();
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => IntegrityCheck::Running(outcome),
        // No thread: the check is skipped, as before it existed nothing would have been shown either.
        Err(_) => IntegrityCheck::Done,
    }
}

/// What the clerk reads when the check found damage: the drafts in the window are intact, so back them up.
fn damaged_text(e: &StoreError) -> String {
    let detail = match e {
        StoreError::Corrupt { path, detail } => format!("{detail}：{}", path.display()),
        other => other.to_string(),
    };
    format!(
        "草稿数据库检查发现损坏（{detail}）。窗口中的草稿仍完整：请先用“文件 → 备份”保存一份，再从自动备份恢复或把数据库文件交给技术人员。"
    )
}
