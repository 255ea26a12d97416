//! Saves on a thread of its own, with its own connection, so that typing never waits for SQLite's commit and
//! its fsync (a few ms on an SSD, tens on a laptop's disk). The window sends a copy of the draft; the worker
//! compares it with what it last wrote and writes only the rows that changed, in one transaction, as
//! `Store::save` does. One save at a time: edits made meanwhile wait for the next one, so saves never queue up.

use std::sync::mpsc;
use std::thread::JoinHandle;

use rusqlite::Connection;

use super::StoreError;
use crate::model::Draft;

/// What the window sends.
enum Request {
    /// Write this draft; answered by one outcome.
    Save(Box<Draft>),
    /// The database was rewritten through another connection (a restore): the next save writes every row.
    Forget,
}

/// The save thread and the channels to it. Dropping it lets a save in progress finish and ends the thread.
pub struct SaveWorker {
    requests: Option<mpsc::Sender<Request>>,
    outcomes: mpsc::Receiver<Result<(), StoreError>>,
    thread: Option<JoinHandle<()>>,
    in_flight: bool,
}

/// Called by the worker after each save, to wake the window (`egui::Context::request_repaint`).
pub type Wake = Box<dyn Fn() + Send>;

impl SaveWorker {
    /// Starts the thread on a new connection to the database at `uri`.
    pub(super) fn start(uri: &str, wake: Wake) -> Result<Self, StoreError> {
        let mut conn = Connection::open_with_flags(uri, rusqlite::OpenFlags::default())?;
        // It waits for a file being added (which holds the write lock while it streams) instead of failing:
        // nobody is waiting for it but the clerk's status bar.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // Per connection, as in `Store::prepare`: each committed save survives a power cut; attachments must
        // refer to stored contents.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let (requests, inbox) = mpsc::channel::<Request>();
        let (reply, outcomes) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("lingjun-save".to_owned())
            .spawn(move || {
                let mut saved: Option<Draft> = None;
                for request in inbox {
                    match request {
                        Request::Forget => saved = None,
                        Request::Save(draft) => {
                            let result = super::save_in(&mut conn, &mut saved, &draft);
                            if reply.send(result).is_err() {
                                return;
                            }
                            wake();
                        }
                    }
                }
            })
            .map_err(StoreError::SaveThreadStart)?;
        Ok(Self {
            requests: Some(requests),
            outcomes,
            thread: Some(thread),
            in_flight: false,
        })
    }

    /// Whether a save has been sent and not yet answered.
    pub fn is_saving(&self) -> bool {
        self.in_flight
    }

    /// Sends `draft` to be saved. Call only when `is_saving` is false.
    pub fn start_save(&mut self, draft: Draft) {
        debug_assert!(!self.in_flight, "one save at a time");
        self.in_flight = true;
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|r| r.send(Request::Save(Box::new(draft))).is_ok());
        if !sent {
            // The thread is gone; `poll` reports it.
            self.in_flight = false;
        }
    }

    /// The outcome of the save in progress, if it has finished (never blocks).
    pub fn poll(&mut self) -> Option<Result<(), StoreError>> {
        if !self.in_flight {
            return self.stopped();
        }
        match self.outcomes.try_recv() {
            Ok(result) => {
                self.in_flight = false;
                Some(result)
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.in_flight = false;
                Some(Err(StoreError::SaveThreadStopped))
            }
        }
    }

    /// Waits for the save in progress, if any, and returns its outcome (on close, before a backup or export).
    pub fn wait(&mut self) -> Option<Result<(), StoreError>> {
        if !self.in_flight {
            return self.stopped();
        }
        self.in_flight = false;
        Some(
            self.outcomes
                .recv()
                .unwrap_or_else(|_| Err(StoreError::SaveThreadStopped)),
        )
    }

    /// After the database was rewritten through another connection: the next save writes every row.
    pub fn forget_saved(&mut self) {
        if let Some(requests) = &self.requests {
            requests.send(Request::Forget).ok();
        }
    }

    /// An error if the thread has ended (it only does when it panicked), so the window keeps the draft dirty.
    fn stopped(&self) -> Option<Result<(), StoreError>> {
        self.thread
            .as_ref()
            .is_some_and(JoinHandle::is_finished)
            .then(|| Err(StoreError::SaveThreadStopped))
    }
}

impl Drop for SaveWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop once the save in progress is written.
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}
