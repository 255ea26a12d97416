//! When to save: within a second of the first unsaved edit, so a crash or power cut loses at most that second.

use std::time::Duration;

/// Time from the first unsaved edit to the save: within a second.
pub const SAVE_DELAY: Duration = Duration::from_millis(800);

/// Autosave timing. Time is passed in as seconds (egui's clock) so tests never sleep.
#[derive(Debug, Default)]
pub struct Autosave {
    dirty_since_secs: Option<f64>,
}

impl Autosave {
    /// Notes an edit made at `now_secs`; the first unsaved edit starts the timer.
    pub fn mark_dirty(&mut self, now_secs: f64) {
        self.dirty_since_secs.get_or_insert(now_secs);
    }

    /// Whether there are unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.dirty_since_secs.is_some()
    }

    /// Whether the save is due at `now_secs`.
    pub fn is_due(&self, now_secs: f64) -> bool {
        self.dirty_since_secs
            .is_some_and(|since| now_secs - since >= SAVE_DELAY.as_secs_f64())
    }

    /// How long until the save is due, for scheduling a repaint; `None` when nothing is unsaved.
    pub fn time_until_due(&self, now_secs: f64) -> Option<Duration> {
        let since = self.dirty_since_secs?;
        let remaining = SAVE_DELAY.as_secs_f64() - (now_secs - since);
        Some(Duration::from_secs_f64(remaining.max(0.0)))
    }

    /// Call after a successful save. A failed save leaves the draft dirty so it is retried.
    pub fn saved(&mut self) {
        self.dirty_since_secs = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_is_due_within_a_second_of_the_first_edit() {
        let mut autosave = Autosave::default();
        assert!(!autosave.is_due(100.0), "nothing to save");
        autosave.mark_dirty(10.0);
        autosave.mark_dirty(10.5);
        assert!(!autosave.is_due(10.5));
        assert!(
            autosave.is_due(10.0 + SAVE_DELAY.as_secs_f64()),
            "counted from the first edit, not the last"
        );
        assert!(
            autosave
                .time_until_due(10.2)
                .is_some_and(|d| d < Duration::from_secs(1))
        );
        autosave.saved();
        assert!(!autosave.is_dirty());
        assert_eq!(autosave.time_until_due(11.0), None);
    }
}
