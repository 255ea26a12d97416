//! 导出与光盘: export the disc package with progress and cancel, show where it went and what to write on the
//! disc, and verify a folder, a burned disc or the image. This file holds the page's state and what its commands
//! do; `view.rs` draws it.

mod view;

use std::path::PathBuf;

pub use view::export_ui;

use crate::model::Draft;
use crate::model::made_from::MadeFrom;
use crate::package::{ExportOptions, ExportOutcome, VerifyReport};
use crate::system_open::{Opener, Opening, open_with};
use crate::ui::job::{Job, JobMessage};
use crate::user_path::{self, PathUse};

/// What the export page asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCommand {
    /// Start an export; `overwrite` once the clerk agreed to replace an existing package.
    Start {
        overwrite: bool,
    },
    Cancel,
    OpenFolder(PathBuf),
    /// 打印…: open the 打印版 in the system's PDF viewer.
    OpenPrint(PathBuf),
    Verify,
}

/// Which kind of job runs, so its progress shows in its own section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum JobKind {
    Export,
    Verify,
}

/// The page's own state: the chosen folders, the running job and the last results.
pub struct ExportPage {
    pub out_dir: String,
    pub verify_path: String,
    pub job: Option<Job>,
    job_kind: JobKind,
    pub outcome: Option<ExportOutcome>,
    /// The drafts the outcome was made from: once they differ, the outcome is old.
    exported: Option<MadeFrom>,
    pub report: Option<VerifyReport>,
    /// The drafts when the report was made, and the place it is about: once either differs, the report is old.
    verified: Option<MadeFrom>,
    /// Why the last export did not happen (shown under 开始导出).
    pub export_error: Option<String>,
    /// Why the last verify did not happen (shown under 开始校验).
    pub verify_error: Option<String>,
    /// The package exists already: ask before replacing it.
    pub confirm_overwrite: bool,
    /// How to export as the clerk chose on the page (the .docx switch, on by default); `overwrite` is added per
    /// export once the clerk agreed to replace a package.
    pub options: ExportOptions,
    /// What the settings file or the remembered folder had wrong, shown on the page.
    pub note: Option<String>,
    /// An export has just finished well: the window records a 定稿's export in the 标杆企业库 (and clears this).
    pub just_exported: bool,
    /// The folder to remember for the next start: the last one exported to or chosen.
    pub remembered_dir: Option<PathBuf>,
    /// Where a relative folder typed in is taken from: the default export folder (文档/领军导出).
    pub base_dir: Option<PathBuf>,
    /// Opens the 打印版 and folders with the system's program (tests put in their own).
    pub opener: Opener,
    /// Why 打印… did not open, shown under it.
    pub print_failure: Option<OpenFailure>,
    /// Why 打开所在文件夹 did not open, shown under it.
    pub folder_failure: Option<OpenFailure>,
}

/// A file or folder the system did not open: why, in Chinese, and its path (to copy, or to open its folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenFailure {
    pub text: String,
    pub path: PathBuf,
}

impl Default for ExportPage {
    fn default() -> Self {
        let base_dir = crate::package::default_export_dir();
        let out_dir = base_dir
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        Self {
            out_dir,
            verify_path: String::new(),
            job: None,
            job_kind: JobKind::Export,
            outcome: None,
            exported: None,
            report: None,
            verified: None,
            export_error: None,
            verify_error: None,
            confirm_overwrite: false,
            options: ExportOptions::default(),
            note: None,
            just_exported: false,
            remembered_dir: None,
            base_dir,
            opener: crate::system_open::system,
            print_failure: None,
            folder_failure: None,
        }
    }
}

impl ExportPage {
    /// The export folder typed, made absolute: a relative name is a folder inside the default export folder
    /// (文档/领军导出), where the clerk finds the packages (rather than wherever the program was started from).
    /// Err: why it cannot be used.
    pub fn resolve_out_dir(&self) -> Result<PathBuf, String> {
        user_path::check(
            &self.out_dir,
            self.base_dir.as_deref(),
            PathUse::OutputFolder,
        )
    }

    /// The place to verify typed, made absolute the same way.
    pub fn resolve_verify_path(&self) -> Result<PathBuf, String> {
        user_path::resolve(&self.verify_path, self.base_dir.as_deref())
    }

    /// Takes the worker's messages; true while a job runs (the window keeps repainting for the progress bar).
    pub fn poll(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        match job.poll() {
            None => return true,
            Some(message) => self.finish(message),
        }
        false
    }

    /// Waits for a running job to end (tests; closing the window mid-export).
    pub fn wait(&mut self) {
        if let Some(message) = self.job.as_mut().and_then(Job::wait) {
            self.finish(message);
        }
    }

    /// Why the export shown is out of date (its folder is gone, or the drafts differ: 取消定稿, a template edit,
    /// any edit), or `None` while it is current or nothing was exported.
    pub fn outcome_stale_reason(&self, draft: &Draft) -> Option<String> {
        let outcome = self.outcome.as_ref()?;
        if !outcome.folder.is_dir() {
            return Some("上次导出的文件夹已不存在".to_owned());
        }
        match &self.exported {
            Some(made) => made.stale_reason(draft),
            None => Some("不知道这次导出对应哪一版草稿".to_owned()),
        }
    }

    /// Why the verify report shown is out of date (the path box names another place, or the drafts differ since
    /// the verify), or `None` while it is current or there is none.
    pub fn report_stale_reason(&self, draft: &Draft) -> Option<String> {
        self.report.as_ref()?;
        let Some(made) = &self.verified else {
            return Some("不知道这次校验对应哪一版草稿".to_owned());
        };
        if self.resolve_verify_path().ok().as_deref() != Some(made.place.as_path()) {
            return Some("校验位置已改动，这是对之前位置的校验结果".to_owned());
        }
        made.stale_reason(draft)
    }

    /// The drafts' state and the place the report shown was made from.
    pub fn verified(&self) -> Option<&MadeFrom> {
        self.verified.as_ref()
    }

    /// The drafts' state and the folder the export shown was made from.
    pub fn exported(&self) -> Option<&MadeFrom> {
        self.exported.as_ref()
    }

    /// Forgets the export and the verify shown (another batch is opened: they are about another batch).
    pub fn forget_results(&mut self) {
        self.outcome = None;
        self.exported = None;
        self.report = None;
        self.verified = None;
    }

    fn finish(&mut self, message: JobMessage) {
        self.job = None;
        match message {
            JobMessage::Exported(Ok(outcome)) => {
                // Verify offers what was just written: the image that goes on the disc, or the folder of a
                // review copy (which has no image).
                let written = outcome.iso.as_ref().unwrap_or(&outcome.folder);
                self.verify_path = written.display().to_string();
                if let Some(made) = &mut self.exported {
                    made.place.clone_from(&outcome.folder);
                }
                self.outcome = Some(outcome);
                self.export_error = None;
                self.just_exported = true;
            }
            JobMessage::Verified(Ok(report)) => {
                self.report = Some(report);
                self.verify_error = None;
            }
            JobMessage::Exported(Err(e)) => {
                self.exported = None;
                self.export_error = Some(e);
            }
            JobMessage::Verified(Err(e)) => {
                self.verified = None;
                self.verify_error = Some(e);
            }
            JobMessage::Progress(_) => {}
        }
    }

    /// Whether the running job is an export (its progress shows under 开始导出) or a verify.
    pub fn is_exporting(&self) -> bool {
        self.job.is_some() && self.job_kind == JobKind::Export
    }

    /// Carries out a page command.
    pub fn apply(
        &mut self,
        command: ExportCommand,
        ctx: &egui::Context,
        draft: &Draft,
        blobs: &crate::store::BlobOpener,
    ) {
        match command {
            ExportCommand::Start { overwrite } => self.start(ctx, draft, blobs, overwrite),
            ExportCommand::Cancel => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            ExportCommand::OpenFolder(path) => {
                self.folder_failure = open_with(self.opener, &path, Opening::Folder)
                    .err()
                    .map(|text| OpenFailure { text, path });
            }
            ExportCommand::OpenPrint(path) => {
                // The system opens a file with its default program: the PDF viewer, which prints.
                self.print_failure = open_with(self.opener, &path, Opening::Pdf)
                    .err()
                    .map(|text| OpenFailure { text, path });
            }
            ExportCommand::Verify => self.verify(ctx, draft),
        }
    }

    fn verify(&mut self, ctx: &egui::Context, draft: &Draft) {
        self.report = None;
        self.verify_error = None;
        self.verified = None;
        let path = match self.resolve_verify_path() {
            Ok(path) => path,
            Err(e) => {
                self.verify_error = Some(e);
                return;
            }
        };
        self.verify_path = path.display().to_string();
        match Job::verify(ctx, path.clone()) {
            Ok(job) => {
                self.job = Some(job);
                self.job_kind = JobKind::Verify;
                self.verified = Some(MadeFrom::new(draft, &path));
            }
            Err(e) => self.verify_error = Some(e),
        }
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        draft: &Draft,
        blobs: &crate::store::BlobOpener,
        overwrite: bool,
    ) {
        self.confirm_overwrite = false;
        self.print_failure = None;
        self.folder_failure = None;
        self.outcome = None;
        self.exported = None;
        self.export_error = None;
        let out_dir = match self.resolve_out_dir() {
            Ok(dir) => dir,
            Err(e) => {
                self.export_error = Some(format!("导出文件夹不能用：{e}"));
                return;
            }
        };
        // From here on the page shows, and the settings remember, the folder as the export used it.
        self.out_dir = out_dir.display().to_string();
        self.remembered_dir = Some(out_dir.clone());
        let exists = crate::package::Targets::new(draft, &out_dir)
            .existing()
            .is_some();
        if exists && !overwrite {
            self.confirm_overwrite = true;
            return;
        }
        // The package will change: a verify report of the old one no longer says anything about it.
        self.report = None;
        self.verified = None;
        let options = ExportOptions {
            overwrite,
            ..self.options.clone()
        };
        match Job::export(ctx, draft.clone(), blobs.clone(), out_dir.clone(), options) {
            Ok(job) => {
                self.job = Some(job);
                self.job_kind = JobKind::Export;
                self.exported = Some(MadeFrom::new(draft, &out_dir));
            }
            Err(e) => self.export_error = Some(e),
        }
    }
}
