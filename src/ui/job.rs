//! Background work (export, verify) on a named thread with a cancel flag and a progress channel, so the window
//! never freezes. The worker wakes the window after every message.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::model::Draft;
use crate::package::{self, ExportOptions, ExportOutcome, Progress, VerifyReport};

/// What a worker reports.
#[derive(Debug)]
pub enum JobMessage {
    Progress(Progress),
    Exported(Result<ExportOutcome, String>),
    Verified(Result<VerifyReport, String>),
}

/// A running export or verify.
pub struct Job {
    cancel: Arc<AtomicBool>,
    messages: Receiver<JobMessage>,
    pub progress: Progress,
    pub title: &'static str,
}

impl Job {
    /// Exports `draft` into `out_dir` off the UI thread.
    pub fn export(
        ctx: &egui::Context,
        draft: Draft,
        blobs: crate::store::BlobOpener,
        out_dir: PathBuf,
        options: ExportOptions,
    ) -> Result<Self, String> {
        let (job, sender, cancel) = Self::new("正在导出报送材料");
        let ctx = ctx.clone();
        spawn("lingjun-export", move || {
            let progress = |p: Progress| send(&sender, &ctx, JobMessage::Progress(p));
            // A connection of its own: attachments are read from the database while the window goes on.
            let result = blobs
                .open()
                .map_err(|e| package::PackageError::Iso(e.user_text()))
                .and_then(|blobs| {
                    package::export(&draft, &blobs, &out_dir, &options, &progress, &cancel)
                });
            send(
                &sender,
                &ctx,
                JobMessage::Exported(result.map_err(|e| e.user_text())),
            );
        })?;
        Ok(job)
    }

    /// Verifies `path` (a folder, a disc or an .iso) off the UI thread.
    pub fn verify(ctx: &egui::Context, path: PathBuf) -> Result<Self, String> {
        let (job, sender, _cancel) = Self::new("正在校验");
        let ctx = ctx.clone();
        spawn("lingjun-verify", move || {
            let result = package::verify(&path).map_err(|e| e.user_text());
            send(&sender, &ctx, JobMessage::Verified(result));
        })?;
        Ok(job)
    }

    fn new(title: &'static str) -> (Self, Sender<JobMessage>, Arc<AtomicBool>) {
        let (sender, messages) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let job = Self {
            cancel: cancel.clone(),
            messages,
            progress: Progress {
                fraction: 0.0,
                step: "正在准备…".to_owned(),
            },
            title,
        };
        (job, sender, cancel)
    }

    /// Asks the worker to stop at its next step; it cleans up what it started.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancel was asked for.
    pub fn is_cancelling(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Takes the worker's messages; returns the final one when the job is over.
    pub fn poll(&mut self) -> Option<JobMessage> {
        while let Ok(message) = self.messages.try_recv() {
            match message {
                JobMessage::Progress(progress) => self.progress = progress,
                done => return Some(done),
            }
        }
        None
    }

    /// Blocks until the job is over (tests and closing the window).
    pub fn wait(&mut self) -> Option<JobMessage> {
        while let Ok(message) = self.messages.recv() {
            match message {
                JobMessage::Progress(progress) => self.progress = progress,
                done => return Some(done),
            }
        }
        None
    }
}

fn send(sender: &Sender<JobMessage>, ctx: &egui::Context, message: JobMessage) {
    // The window may have closed; then nobody needs the message.
    sender.send(message).ok();
    ctx.request_repaint();
}

fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> Result<(), String> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .map(|_| ())
        .map_err(|e| format!("无法启动后台任务：{e}"))
}
