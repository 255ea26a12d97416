//! The database's page-by-page check (`PRAGMA quick_check`), run on a thread after the first frame when the
//! window opened the database without it (`Store::open_unchecked`): with a CD of scans inside, reading every
//! page takes a second or more, and the clerk should not wait for it to see the drafts. The start's automatic
//! backup follows it on the same thread.

use std::path::PathBuf;
use std::sync::mpsc;

use super::App;
use crate::store::{AutoBackupLimits, StoreError};

/// Where the check stands.
pub(super) enum IntegrityCheck {
    /// The database was checked when it opened (or lives in memory).
    NotNeeded,
    /// To start at the first frame, when the frame's context can be woken.
    Due(PathBuf),
    Running(mpsc::Receiver<Result<(), StoreError>>),
    Done,
}

/// The check's thread, which goes on with the automatic backup after answering.
pub(super) type CheckThread = Option<std::thread::JoinHandle<()>>;

impl App {
    /// Makes the automatic backup of this start on the check's thread, once the check found the database sound:
    /// after the first frame, and reading the database once rather than twice at the same time. Without a
    /// check to come (a database in memory, or checked when it opened) it is made at once, on a thread.
    pub fn back_up_after_check(&mut self, limits: AutoBackupLimits) {
        match &self.integrity {
            IntegrityCheck::Due(_) => self.auto_backup = Some(limits),
            _ => {
                if let Some(path) = self.db_path() {
                    self.check_thread = spawn("lingjun-auto-backup", move || {
                        report_backup(crate::store::create_auto_backup_with(&path, &limits));
                    });
                }
            }
        }
    }

    /// Starts the check at the first frame and takes its outcome when it arrives.
    pub(super) fn poll_integrity(&mut self, ctx: &egui::Context) {
        self.integrity = match std::mem::replace(&mut self.integrity, IntegrityCheck::Done) {
            IntegrityCheck::Due(path) => {
                let (check, thread) = start(path, self.auto_backup.take(), ctx.clone());
                self.check_thread = thread;
                check
            }
            IntegrityCheck::Running(outcome) => match outcome.try_recv() {
                Ok(result) => self.take_integrity(result),
                Err(mpsc::TryRecvError::Empty) => IntegrityCheck::Running(outcome),
                Err(mpsc::TryRecvError::Disconnected) => IntegrityCheck::Done,
            },
            other => other,
        };
    }

    /// Waits for the check, and for the automatic backup that follows it (tests; a window has no reason to).
    pub fn finish_integrity_check(&mut self) {
        self.integrity = match std::mem::replace(&mut self.integrity, IntegrityCheck::Done) {
            IntegrityCheck::Due(path) => self.take_integrity(crate::store::check_integrity(&path)),
            IntegrityCheck::Running(outcome) => match outcome.recv() {
                Ok(result) => self.take_integrity(result),
                Err(_) => IntegrityCheck::Done,
            },
            other => other,
        };
        if let Some(thread) = self.check_thread.take() {
            thread.join().ok();
        }
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

/// The check on a thread, then the automatic backup if one is due and the database is sound (a damaged one is
/// never copied over the good backups).
fn start(
    path: PathBuf,
    backup: Option<AutoBackupLimits>,
    ctx: egui::Context,
) -> (IntegrityCheck, CheckThread) {
    let (send, outcome) = mpsc::channel();
    let spawned = spawn("lingjun-integrity", move || {
        let result = crate::store::check_integrity(&path);
        let sound = result.is_ok();
        send.send(result).ok();
        ctx.request_repaint();
        if let Some(limits) = backup.filter(|_| sound) {
            report_backup(crate::store::create_auto_backup_after_check(&path, &limits));
        }
    });
    match spawned {
        Some(thread) => (IntegrityCheck::Running(outcome), Some(thread)),
        // No thread: the check is skipped, as before it existed nothing would have been shown either.
        None => (IntegrityCheck::Done, None),
    }
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> CheckThread {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .ok()
}

/// A failed automatic backup is said on stderr, as at the start: the window goes on without it.
fn report_backup(result: Result<Option<PathBuf>, StoreError>) {
    if let Err(e) = result {
        #[expect(clippy::print_stderr, reason = "the start's backup reports on stderr")]
        {
            eprintln!("自动备份未完成：{}", e.user_text());
        }
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
