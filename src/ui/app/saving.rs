//! Autosaves through the save thread (`store::SaveWorker`): sent when due, one at a time, their outcome taken
//! at the next frame; waited for on close and before anything that reads the database as a whole.

use chrono::Local;

use super::{App, SaveState};
use crate::store::SaveWorker;

/// Who writes the autosaves.
pub(super) enum Saver {
    /// No save yet: the thread starts with the first one, when the frame's context can be woken.
    NotStarted,
    Worker(SaveWorker),
    /// A database in memory (tests, or a file that could not be opened), or the thread could not start.
    InPlace,
}

impl App {
    /// Saves any unsaved edits now and waits for the save (on close, before a backup or restore). False if the
    /// save failed.
    pub fn flush(&mut self) -> bool {
        self.finish_pending_save();
        if self.autosave.is_dirty() {
            match &mut self.saver {
                Saver::Worker(worker) => {
                    worker.start_save(self.draft.clone());
                    self.autosave.saved();
                    self.finish_pending_save();
                }
                Saver::NotStarted | Saver::InPlace => self.save_in_place(),
            }
        }
        !self.autosave.is_dirty()
    }

    /// Waits for a save already sent to the save thread, if any, and takes its outcome; starts none.
    pub fn finish_pending_save(&mut self) {
        if let Saver::Worker(worker) = &mut self.saver
            && let Some(result) = worker.wait()
        {
            // No clock here: a failed save is due again at once.
            self.take_save_outcome(result, f64::NEG_INFINITY);
        }
    }

    pub(super) fn is_saving(&self) -> bool {
        matches!(&self.saver, Saver::Worker(worker) if worker.is_saving())
    }

    /// Hands the draft to the save thread (started with the first save), or saves in place without one.
    pub(super) fn start_save(&mut self, ctx: &egui::Context, now_secs: f64) {
        if matches!(self.saver, Saver::NotStarted) {
            let ctx = ctx.clone();
            self.saver = match self
                .store
                .save_worker(Box::new(move || ctx.request_repaint()))
            {
                Ok(Some(worker)) => Saver::Worker(worker),
                Ok(None) | Err(_) => Saver::InPlace,
            };
        }
        self.saves_started += 1;
        match &mut self.saver {
            Saver::Worker(worker) => {
                // A copy of the draft goes to the thread; edits made from now on are the next save's.
                worker.start_save(self.draft.clone());
                self.autosave.saved();
                // The outcome may already be there (a failed send): take it at once.
                self.poll_save(now_secs);
            }
            Saver::NotStarted | Saver::InPlace => self.save_in_place(),
        }
    }

    /// Takes the outcome of a save the thread has finished, if any.
    pub(super) fn poll_save(&mut self, now_secs: f64) {
        if let Saver::Worker(worker) = &mut self.saver
            && let Some(result) = worker.poll()
        {
            self.take_save_outcome(result, now_secs);
        }
    }

    pub(super) fn take_save_outcome(
        &mut self,
        result: Result<(), crate::store::StoreError>,
        now_secs: f64,
    ) {
        match result {
            // The status bar says so only once it is on disk.
            Ok(()) => self.save_state = SaveState::Saved(Local::now()),
            Err(e) => {
                // Dirty again, so the save is retried after the delay; nothing typed is lost.
                self.autosave.mark_dirty(now_secs);
                self.save_state = SaveState::Failed(e.user_text());
            }
        }
    }

    /// The startup probe's keystroke at `now_secs`: one more character at the end of enterprise 1's first
    /// section, an edit as typing makes it (the autosave timer starts, the check runs again).
    pub(in crate::ui) fn type_for_probe(&mut self, now_secs: f64) {
        let key = self
            .draft
            .template
            .report
            .sections
            .first()
            .map(|s| s.key.clone());
        if let (Some(enterprise), Some(key)) = (self.draft.enterprises.first_mut(), key) {
            enterprise.sections.entry(key).or_default().push('字');
            self.autosave.mark_dirty(now_secs);
            self.issues_fresh = false;
        }
    }

    /// After a restore rewrote the database through `store`: the save thread's next save writes every row.
    pub(super) fn forget_saved(&mut self) {
        if let Saver::Worker(worker) = &mut self.saver {
            worker.forget_saved();
        }
    }

    pub(super) fn save_in_place(&mut self) {
        match self.store.save(&self.draft) {
            Ok(()) => {
                self.autosave.saved();
                self.save_state = SaveState::Saved(Local::now());
            }
            // The draft stays dirty, so the next frame after the delay tries again; nothing typed is lost.
            Err(e) => self.save_state = SaveState::Failed(e.user_text()),
        }
    }
}
