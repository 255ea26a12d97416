//! 撤销删除: the enterprises the clerk removed from this batch, kept whole (text, custom fields, confirmed
//! warnings, attachments) so that one can come back at its old place, even after a restart: they are saved with
//! the drafts, in the same transaction as the removal. A new batch starts with none.

use serde_json::Value;

use super::draft::{Draft, Enterprise, Extra};
use super::field::BUILT_IN_FIELDS;
use super::finalize::{self, Frozen};

/// How many removed enterprises are kept; the oldest beyond this is forgotten (and its attachments' contents
/// leave the database at the next start).
pub const KEEP_REMOVED: usize = 20;

/// One enterprise the clerk removed, with where it stood and when.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RemovedEnterprise {
    pub enterprise: Enterprise,
    /// Its place in the recommendation order counting the removed enterprises as if still there, from 0: the
    /// place it had when removed, kept right while others are removed, restored or moved (`Draft::place_of`).
    pub position: usize,
    /// When it was removed, local time `YYYY-MM-DD HH:MM`, for the list the clerk picks from.
    pub removed_at: String,
}

/// Why an enterprise could not come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreRefusal {
    /// The drafts are final (定稿).
    Frozen(Frozen),
    /// The batch holds as many enterprises as the template's quota allows.
    QuotaFull { max: usize },
    /// No removed enterprise at that place in the list (it was restored or forgotten meanwhile).
    NotFound,
}

impl Draft {
    /// Removes the enterprise at `index` and keeps it for 撤销删除 (an empty one, which holds nothing to bring
    /// back, is not kept). Returns what was removed; `None` when there is no enterprise at `index`.
    pub fn remove_enterprise_keeping(
        &mut self,
        index: usize,
        removed_at: &str,
    ) -> Option<&RemovedEnterprise> {
        let place = self.place_of(index);
        let enterprise = self.remove_enterprise(index)?;
        if holds_nothing(&enterprise) {
            self.forget_place(place);
            return None;
        }
        self.removed.push(RemovedEnterprise {
            enterprise,
            position: place,
            removed_at: removed_at.to_owned(),
        });
        while self.removed.len() > KEEP_REMOVED {
            let oldest = self.removed.remove(0);
            self.forget_place(oldest.position);
        }
        self.removed.last()
    }

    /// 撤销删除: puts the removed enterprise at `which` in `removed` back at its old place in the order (between
    /// the enterprises it stood between, however many others were removed or restored since) and returns its
    /// index. Refused while final and when the quota is full; the drafts are unchanged then.
    pub fn restore_removed(&mut self, which: usize) -> Result<usize, RestoreRefusal> {
        finalize::ensure_editable(self).map_err(RestoreRefusal::Frozen)?;
        let Some(place) = self.removed.get(which).map(|r| r.position) else {
            return Err(RestoreRefusal::NotFound);
        };
        if !self.can_add_enterprise() {
            return Err(RestoreRefusal::QuotaFull {
                max: self.max_enterprises(),
            });
        }
        let removed = self.removed.remove(which);
        let before = self.removed.iter().filter(|r| r.position < place).count();
        // It takes up its own place again: the others' places stay as they are.
        let index = place.saturating_sub(before).min(self.enterprises.len());
        self.enterprises.insert(index, removed.enterprise);
        Ok(index)
    }

    /// The place of the enterprise at `index` in the order that still counts the removed enterprises.
    fn place_of(&self, index: usize) -> usize {
        let mut places: Vec<usize> = self.removed.iter().map(|r| r.position).collect();
        places.sort_unstable();
        places
            .into_iter()
            .fold(index, |place, p| if p <= place { place + 1 } else { place })
    }

    /// Takes `place` out of that order (an enterprise gone for good): the places after it move up by one.
    fn forget_place(&mut self, place: usize) {
        for r in &mut self.removed {
            if r.position > place {
                r.position -= 1;
            }
        }
    }

    /// Follows a move of the enterprise at `from` to `to` in the removed enterprises' places: it leaves its
    /// place and takes the one before the enterprise it now stands before (or the end).
    pub(super) fn follow_move(&mut self, from: usize, to: usize) {
        self.forget_place(self.place_of(from));
        if to + 1 < self.enterprises.len() {
            let place = self.place_of(to);
            for r in &mut self.removed {
                if r.position >= place {
                    r.position += 1;
                }
            }
        }
    }
}

/// Whether nothing was typed or attached (the form keeps empty entries for the sections it has shown).
fn holds_nothing(e: &Enterprise) -> bool {
    let mut bare = e.clone();
    bare.sections.retain(|_, text| !text.is_empty());
    bare.fields.retain(|_, value| !value.is_empty());
    bare == Enterprise::default()
}

/// The key figures, kept as typed (the drafts file writes them as numbers, which would turn `12.50` into
/// `12.5`): their JSON names and the text.
fn key_figures(e: &Enterprise) -> impl Iterator<Item = (&'static str, &str)> {
    BUILT_IN_FIELDS
        .iter()
        .filter(|f| f.kind.is_key_figure())
        .map(|f| (f.key, (f.value)(e).as_str()))
}

/// The enterprise as JSON that gives back exactly what the clerk typed: every text as it is and the unknown
/// fields (`extra`) of an enterprise restored from a newer drafts file.
pub fn enterprise_to_json(e: &Enterprise) -> String {
    let mut value = serde_json::to_value(e).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for (key, text) in key_figures(e) {
            map.insert(key.to_owned(), Value::String(text.to_owned()));
        }
        map.insert("extra".to_owned(), Value::Object(e.extra.clone()));
    }
    value.to_string()
}

/// Reads what `enterprise_to_json` wrote.
pub fn enterprise_from_json(text: &str) -> serde_json::Result<Enterprise> {
    let mut value: Value = serde_json::from_str(text)?;
    let extra = match value.as_object_mut().and_then(|m| m.remove("extra")) {
        Some(Value::Object(map)) => map,
        _ => Extra::new(),
    };
    let mut enterprise: Enterprise = serde_json::from_value(value)?;
    enterprise.extra = extra;
    Ok(enterprise)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attachment;

    fn named(name: &str) -> Enterprise {
        Enterprise {
            name: name.to_owned(),
            ..Enterprise::default()
        }
    }

    fn draft_of(names: &[&str]) -> Draft {
        Draft {
            enterprises: names.iter().map(|n| named(n)).collect(),
            ..Draft::default()
        }
    }

    fn names(draft: &Draft) -> Vec<&str> {
        draft.enterprises.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn a_removed_enterprise_comes_back_at_its_place() {
        let mut draft = draft_of(&["甲", "乙", "丙"]);
        let kept = draft
            .remove_enterprise_keeping(1, "2024-09-08 10:00")
            .expect("kept");
        assert_eq!(kept.position, 1, "its old place");
        assert_eq!(names(&draft), ["甲", "丙"]);
        assert_eq!(draft.restore_removed(0), Ok(1));
        assert_eq!(names(&draft), ["甲", "乙", "丙"], "back in the middle");
        assert!(draft.removed.is_empty(), "no longer listed as removed");
    }

    #[test]
    fn of_two_removed_the_chosen_one_comes_back() {
        let mut draft = draft_of(&["甲", "乙", "丙"]);
        draft.remove_enterprise_keeping(0, "t1");
        draft.remove_enterprise_keeping(1, "t2");
        assert_eq!(names(&draft), ["乙"]);
        assert_eq!(draft.restore_removed(0), Ok(0), "甲 was first");
        assert_eq!(names(&draft), ["甲", "乙"]);
        assert_eq!(draft.removed.len(), 1);
        assert_eq!(draft.removed[0].enterprise.name, "丙", "丙 is still kept");
    }

    /// Every order of removing two of three and restoring both gives the first order back.
    #[test]
    fn any_order_of_removals_and_restores_gives_the_order_back() {
        for first in 0..3 {
            for second in 0..2 {
                for restore_first in 0..2 {
                    let mut draft = draft_of(&["甲", "乙", "丙"]);
                    draft.remove_enterprise_keeping(first, "t1");
                    draft.remove_enterprise_keeping(second, "t2");
                    draft.restore_removed(restore_first).expect("restored");
                    draft.restore_removed(0).expect("restored");
                    assert_eq!(
                        names(&draft),
                        ["甲", "乙", "丙"],
                        "removed {first} then {second}, restored {restore_first} first"
                    );
                }
            }
        }
    }

    #[test]
    fn moves_and_empty_removals_keep_the_places_right() {
        let mut draft = draft_of(&["甲", "乙", "丙", "丁"]);
        draft.remove_enterprise_keeping(1, "t");
        assert_eq!(names(&draft), ["甲", "丙", "丁"]);
        // 丁 moves to the top: 乙 still comes back after 甲, before 丙.
        assert!(draft.move_enterprise(2, 0));
        assert_eq!(draft.restore_removed(0), Ok(2));
        assert_eq!(names(&draft), ["丁", "甲", "乙", "丙"]);
        let mut draft = draft_of(&["甲", "乙", "丙"]);
        draft.enterprises.insert(0, Enterprise::default());
        draft.remove_enterprise_keeping(3, "t");
        draft.remove_enterprise_keeping(0, "t");
        assert_eq!(draft.restore_removed(0), Ok(2), "after 乙 still");
        assert_eq!(names(&draft), ["甲", "乙", "丙"]);
    }

    #[test]
    fn a_place_past_the_end_puts_it_last() {
        let mut draft = draft_of(&["甲", "乙", "丙"]);
        draft.remove_enterprise_keeping(2, "t");
        draft.remove_enterprise(1);
        assert_eq!(draft.restore_removed(0), Ok(1));
        assert_eq!(names(&draft), ["甲", "丙"]);
    }

    #[test]
    fn an_empty_enterprise_is_not_kept() {
        let mut draft = draft_of(&["甲"]);
        let mut shown = Enterprise::default();
        shown.sections.insert("basic".into(), String::new());
        shown.fields.insert("chain".into(), String::new());
        draft.enterprises.push(shown);
        assert!(draft.remove_enterprise_keeping(1, "t").is_none());
        assert!(draft.removed.is_empty());
        assert_eq!(names(&draft), ["甲"], "still removed");
        assert!(draft.remove_enterprise_keeping(5, "t").is_none(), "no such");
    }

    #[test]
    fn restore_is_refused_while_final_when_full_and_for_a_wrong_index() {
        let mut draft = draft_of(&["甲", "乙"]);
        draft.remove_enterprise_keeping(0, "t");
        assert_eq!(draft.restore_removed(1), Err(RestoreRefusal::NotFound));
        assert_eq!(
            draft.restore_removed(usize::MAX),
            Err(RestoreRefusal::NotFound)
        );
        draft.template.rules.max_enterprises = 1;
        assert_eq!(
            draft.restore_removed(0),
            Err(RestoreRefusal::QuotaFull { max: 1 })
        );
        draft.template.rules.max_enterprises = 5;
        draft.finalized = Some(crate::model::finalize::Finalized {
            code: "ABCD-EFGH".into(),
            at: "2024-09-10T09:30:00+08:00".into(),
        });
        assert!(matches!(
            draft.restore_removed(0),
            Err(RestoreRefusal::Frozen(_))
        ));
        assert_eq!(names(&draft), ["乙"], "nothing changed");
        assert_eq!(draft.removed.len(), 1);
    }

    #[test]
    fn only_the_newest_are_kept() {
        let mut draft = draft_of(&[]);
        for i in 0..KEEP_REMOVED + 5 {
            draft.enterprises.push(named(&format!("企业{i}")));
            draft.remove_enterprise_keeping(0, "t");
        }
        assert_eq!(draft.removed.len(), KEEP_REMOVED);
        assert_eq!(draft.removed[0].enterprise.name, "企业5", "the oldest went");
        assert_eq!(
            draft.removed[KEEP_REMOVED - 1].enterprise.name,
            format!("企业{}", KEEP_REMOVED + 4)
        );
    }

    #[test]
    fn json_gives_back_exactly_what_was_typed() {
        let mut e = Enterprise {
            name: "\u{202e}甲\"}{]\n".into(),
            revenue_100m: "12.50".into(),
            profit_100m: "1e3".into(),
            rnd_100m: " 7 ".into(),
            employees: "约五千".into(),
            ..Enterprise::default()
        };
        e.sections.insert("basic".into(), "正文".repeat(10_000));
        e.fields.insert("chain".into(), "集成电路".into());
        e.acknowledged.insert("CheckDigit".into(), "已核对".into());
        e.attachments.push(Attachment {
            name: "盖章页.pdf".into(),
            size_bytes: 13,
            sha256: "ab".repeat(32),
        });
        e.extra
            .insert("future".into(), serde_json::json!({"x": [1, 2]}));
        let back = enterprise_from_json(&enterprise_to_json(&e)).expect("reads");
        assert_eq!(back, e);
        assert_eq!(
            enterprise_from_json(&enterprise_to_json(&Enterprise::default())).expect("reads"),
            Enterprise::default()
        );
        assert!(
            enterprise_from_json("{").is_err(),
            "broken JSON is an error"
        );
        assert!(enterprise_from_json("5").is_err(), "not an object");
    }
}
