//! Adding attachments: each file is streamed into the drafts database on a named thread of its own (hashed on
//! the way), with a progress bar and a 取消 button; the window goes on meanwhile. A file that would take the
//! package past a CD is refused before a byte is read.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::model::Attachment;
use crate::store::BlobOpener;

/// What the thread reports.
enum AttachMessage {
    Progress { file: String, done: u64, total: u64 },
    Added(Attachment),
    Failed(String),
    Finished,
}

/// A running add of one or more files to one enterprise.
pub struct AttachJob {
    pub enterprise: usize,
    cancel: Arc<AtomicBool>,
    messages: Receiver<AttachMessage>,
    /// The file being read, bytes done and its size.
    pub current: Option<(String, u64, u64)>,
    pub failures: Vec<String>,
}

/// What a poll found: attachments ready for the draft, and whether the job is over.
pub struct AttachPoll {
    pub added: Vec<Attachment>,
    pub finished: bool,
}

impl AttachJob {
    /// Starts reading `files` (each with its size, already checked) into the database behind `blobs`.
    pub fn start(
        ctx: &egui::Context,
        blobs: BlobOpener,
        enterprise: usize,
        files: Vec<(PathBuf, u64)>,
    ) -> Result<Self, String> {
        let (sender, messages) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("lingjun-attach".to_owned())
            .spawn(move || run(&blobs, &files, &sender, &stop, &ctx))
            .map_err(|e| format!("无法开始添加附件：{e}"))?;
        Ok(Self {
            enterprise,
            cancel,
            messages,
            current: None,
            failures: Vec::new(),
        })
    }

    /// Asks the thread to stop; the file being read is then not added.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes what the thread has reported since the last poll.
    pub fn poll(&mut self) -> AttachPoll {
        let mut poll = AttachPoll {
            added: Vec::new(),
            finished: false,
        };
        while let Ok(message) = self.messages.try_recv() {
            match message {
                AttachMessage::Progress { file, done, total } => {
                    self.current = Some((file, done, total));
                }
                AttachMessage::Added(attachment) => poll.added.push(attachment),
                AttachMessage::Failed(text) => self.failures.push(text),
                AttachMessage::Finished => poll.finished = true,
            }
        }
        poll
    }

    /// Waits for the thread to end (on close), cancelling it first.
    pub fn finish(&mut self) {
        self.cancel();
        while let Ok(message) = self.messages.recv() {
            if matches!(message, AttachMessage::Finished) {
                break;
            }
        }
    }

    /// Draws the progress window with its 取消 button.
    pub fn ui(&self, ctx: &egui::Context) {
        egui::Window::new(super::labels::ATTACH_FILES)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                let (file, done, total) = self.current.clone().unwrap_or_default();
                ui.label(format!("正在读入附件：{file}"));
                #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
                ui.label(format!(
                    "{:.1} / {:.1} MB",
                    done as f64 / 1_048_576.0,
                    total as f64 / 1_048_576.0
                ));
                if ui.button("取消").clicked() {
                    self.cancel();
                }
            });
    }
}

fn run(
    blobs: &BlobOpener,
    files: &[(PathBuf, u64)],
    sender: &Sender<AttachMessage>,
    stop: &AtomicBool,
    ctx: &egui::Context,
) {
    let send = |message| {
        sender.send(message).ok();
        ctx.request_repaint();
    };
    match blobs.open() {
        Ok(db) => {
            for (path, size) in files {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let file = Attachment::name_of(path);
                let mut last_sent = 0u64;
                let mut on_progress = |done: u64| {
                    // A message every 4 MB or so: enough for a smooth bar, not a flood.
                    if done - last_sent >= 4 << 20 || done == *size {
                        last_sent = done;
                        send(AttachMessage::Progress {
                            file: file.clone(),
                            done,
                            total: *size,
                        });
                    }
                    !stop.load(Ordering::Relaxed)
                };
                match db.add_file(path, *size, &mut on_progress) {
                    Ok(attachment) => send(AttachMessage::Added(attachment)),
                    Err(crate::store::StoreError::Cancelled) => break,
                    Err(e) => send(AttachMessage::Failed(format!(
                        "{}：{}",
                        e.user_text(),
                        path.display()
                    ))),
                }
            }
        }
        Err(e) => send(AttachMessage::Failed(e.user_text())),
    }
    send(AttachMessage::Finished);
}
