//! Property test of the promise that no template change loses text (docs/formats.md): random sequences of template edits
//! through the 模板 page's model functions (`model::template::edit`: rename, reorder, add, remove and restore
//! sections and custom fields), template imports through the function the CLI
//! uses (with and without `--force`, and hostile files), restores and reopened databases, interleaved with
//! typing into sections and fields. After every step, every text ever typed (its latest value) is in the live
//! draft, shows where the template shows its key and is listed as kept where it does not; at the `Check` steps
//! and at the end it is also in the database (store closed, reopened, loaded) and in a backup (drafts file
//! written and read back).

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use lingjun::model::blob::MemoryBlobs;
use lingjun::model::template::edit::{self, kept_groups, restored_field, restored_section};
use lingjun::model::template::{
    ColumnSpec, FieldKind, KeptKind, kept_text, printed_value, replace_template,
};
use lingjun::model::{Draft, Template, drafts_file};
use lingjun::store::{self, Store, TemplateImportError};

/// Section keys the steps draw from: the built-in six and three of the clerk's own, so removed keys return.
const SECTION_KEYS: [&str; 9] = [
    "basic",
    "quality",
    "chain",
    "region",
    "experience",
    "opinion",
    "digital",
    "green",
    "brand",
];
/// Custom field keys the steps draw from.
const FIELD_KEYS: [&str; 3] = ["industry_chain", "cluster", "certificate"];
/// Enterprises in every case; their number never changes (removing an enterprise is not a template change).
const ENTERPRISES: usize = 2;

/// One thing the clerk does.
#[derive(Clone, Debug)]
enum Step {
    /// Types `text` into the `slot`-th section (or custom field) the template shows, replacing what was there.
    Type {
        enterprise: usize,
        field: bool,
        slot: usize,
        text: String,
    },
    /// Empties the `slot`-th section or field.
    Clear {
        enterprise: usize,
        field: bool,
        slot: usize,
    },
    RenameSection {
        slot: usize,
        heading: String,
    },
    /// Moves a section one place up or down, as the 模板 page's arrows do.
    MoveSection {
        slot: usize,
        up: bool,
    },
    /// Adds `SECTION_KEYS[key]` at the end, when the template does not have it.
    AddSection {
        key: usize,
    },
    /// 添加章节: a new section under a fresh key, with a heading.
    NewSection {
        heading: String,
    },
    /// Brings back the `slot`-th key of the kept text (the 模板 page's 恢复).
    RestoreKept {
        slot: usize,
    },
    /// Removes a section on the 模板 page; `confirm` is the clerk's answer when it holds text.
    RemoveSection {
        slot: usize,
        confirm: bool,
    },
    AddField {
        key: usize,
        kind: usize,
    },
    RemoveField {
        slot: usize,
        confirm: bool,
    },
    RenameField {
        slot: usize,
        label: String,
    },
    /// `template import FILE [--force]` of a template with these sections and fields, in this order.
    Import {
        sections: Vec<usize>,
        fields: Vec<usize>,
        force: bool,
    },
    /// `template import` of a hostile variant of the current template: refused, nothing changes.
    BadImport {
        which: usize,
    },
    /// Backup, then restore that file into the database.
    Restore,
    /// The window closes and opens again on the same database.
    Reopen,
    /// Checks the database and a backup.
    Check,
}

fn heading() -> impl Strategy<Value = String> {
    "[一二三四五六七八九十、情况发展质量品牌数字绿色 a-z]{1,30}"
        .prop_filter("a heading is not blank", |h| !h.trim().is_empty())
}

fn step() -> impl Strategy<Value = Step> {
    let text = "[企业质量品牌创新链条区域发展 a-zA-Z0-9，。；\n]{1,40}";
    prop_oneof![
        6 => (0..ENTERPRISES, any::<bool>(), 0..20usize, text).prop_map(
            |(enterprise, field, slot, text)| Step::Type { enterprise, field, slot, text }
        ),
        1 => (0..ENTERPRISES, any::<bool>(), 0..20usize)
            .prop_map(|(enterprise, field, slot)| Step::Clear { enterprise, field, slot }),
        1 => (0..20usize, heading()).prop_map(|(slot, heading)| Step::RenameSection { slot, heading }),
        1 => (0..20usize, any::<bool>()).prop_map(|(slot, up)| Step::MoveSection { slot, up }),
        2 => (0..SECTION_KEYS.len()).prop_map(|key| Step::AddSection { key }),
        1 => heading().prop_map(|heading| Step::NewSection { heading }),
        2 => (0..20usize).prop_map(|slot| Step::RestoreKept { slot }),
        2 => (0..20usize, any::<bool>()).prop_map(|(slot, confirm)| Step::RemoveSection { slot, confirm }),
        2 => (0..FIELD_KEYS.len(), 0..FieldKind::ALL.len())
            .prop_map(|(key, kind)| Step::AddField { key, kind }),
        2 => (0..20usize, any::<bool>()).prop_map(|(slot, confirm)| Step::RemoveField { slot, confirm }),
        1 => (0..20usize, heading()).prop_map(|(slot, label)| Step::RenameField { slot, label }),
        2 => (
            proptest::collection::vec(0..SECTION_KEYS.len(), 1..7),
            proptest::collection::vec(0..FIELD_KEYS.len(), 0..4),
            any::<bool>()
        )
            .prop_map(|(sections, fields, force)| Step::Import { sections, fields, force }),
        1 => (0..HOSTILE.len()).prop_map(|which| Step::BadImport { which }),
        1 => Just(Step::Restore),
        1 => Just(Step::Reopen),
        2 => Just(Step::Check),
    ]
}

/// Where some text was typed: enterprise, section or field, key.
type Slot = (usize, Place, String);

/// A section's text or a custom field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Section,
    Field,
}

impl Place {
    fn kept_kind(self) -> KeptKind {
        match self {
            Self::Section => KeptKind::Section,
            Self::Field => KeptKind::Field,
        }
    }
}

/// The test's world: the database, the live draft the window holds, and what the clerk typed last per slot.
struct World {
    dir: PathBuf,
    db: PathBuf,
    store: Option<Store>,
    live: Draft,
    typed: BTreeMap<Slot, String>,
    /// Counts steps, so that every typed text is unique and a text under the wrong key is caught.
    n: usize,
}

impl World {
    fn new(dir: &Path) -> Self {
        let db = dir.join("drafts.sqlite");
        let mut store = common::open_store(&db).expect("the database opens");
        let live = common::full_draft(ENTERPRISES);
        store.save(&live).expect("the first save");
        let mut typed = BTreeMap::new();
        for (i, e) in live.enterprises.iter().enumerate() {
            for (key, text) in &e.sections {
                typed.insert((i, Place::Section, key.clone()), text.clone());
            }
        }
        Self {
            dir: dir.to_owned(),
            db,
            store: Some(store),
            live,
            typed,
            n: 0,
        }
    }

    fn store(&mut self) -> &mut Store {
        self.store
            .as_mut()
            .expect("the store is open between steps")
    }

    /// The autosave after an edit.
    fn save(&mut self) {
        let live = self.live.clone();
        self.store().save(&live).expect("the autosave");
    }

    /// A template change made on the 模板 page: written into the draft only when it passes the import's
    /// checks; the window asks before hiding text and `confirm` is the answer.
    fn change_template(&mut self, new: Template, confirm: bool) {
        if edit::problem(&new).is_none() {
            replace_template(&mut self.live, new, confirm).ok();
        }
    }

    fn apply(&mut self, step: &Step) {
        self.n += 1;
        let template = self.live.template.clone();
        let sections = template.report.sections.len();
        let fields = template.fields.len();
        match step.clone() {
            Step::Type {
                enterprise,
                field,
                slot,
                text,
            } => self.type_text(enterprise, field, slot, format!("{text}〔{}〕", self.n)),
            Step::Clear {
                enterprise,
                field,
                slot,
            } => self.type_text(enterprise, field, slot, String::new()),
            Step::RenameSection { slot, heading } => {
                let mut t = template;
                t.report.sections[slot % sections].heading = heading;
                self.change_template(t, false);
            }
            Step::MoveSection { slot, up } => {
                let mut t = template;
                edit::move_item(&mut t.report.sections, slot % sections, up);
                self.change_template(t, false);
            }
            Step::AddSection { key } => {
                let key = SECTION_KEYS[key];
                if template.section(key).is_none() {
                    let mut t = template;
                    t.report.sections.push(restored_section(key, None));
                    self.change_template(t, false);
                }
            }
            Step::NewSection { heading } => {
                let mut t = template;
                let mut spec = edit::new_section(&t, &self.live);
                spec.heading = heading;
                t.report.sections.push(spec);
                self.change_template(t, false);
            }
            Step::RestoreKept { slot } => {
                let groups = kept_groups(&self.live, &template);
                if !groups.is_empty() {
                    let group = &groups[slot % groups.len()];
                    let t = with_restored(&template, group.kind, &group.key);
                    self.change_template(t, false);
                }
            }
            Step::RemoveSection { slot, confirm } => {
                if sections > 1 {
                    let key = &template.report.sections[slot % sections].key;
                    self.change_template(edit::without_section(&template, key), confirm);
                }
            }
            Step::AddField { key, kind } => {
                let key = FIELD_KEYS[key];
                if template.field(key).is_none() {
                    let mut t = template;
                    add_field(&mut t, key, FieldKind::ALL[kind]);
                    self.change_template(t, false);
                }
            }
            Step::RemoveField { slot, confirm } => {
                if fields > 0 {
                    let key = &template.fields[slot % fields].key;
                    self.change_template(edit::without_field(&template, key), confirm);
                }
            }
            Step::RenameField { slot, label } => {
                if fields > 0 {
                    let mut t = template;
                    t.fields[slot % fields].label = label;
                    self.change_template(t, false);
                }
            }
            Step::Import {
                sections,
                fields,
                force,
            } => self.import(&imported(&sections, &fields).to_json(), force),
            Step::BadImport { which } => self.bad_import(which),
            Step::Restore => self.restore(),
            Step::Reopen => {
                self.store = None;
                self.store = Some(Store::open(&self.db).expect("the database opens again"));
                self.live = self.store().load().expect("loads").expect("a draft");
            }
            Step::Check => self.check_database_and_backup(),
        }
        self.save();
        self.check_live();
    }

    fn type_text(&mut self, enterprise: usize, field: bool, slot: usize, text: String) {
        let template = &self.live.template;
        let (kind, key) = if field {
            if template.fields.is_empty() {
                return;
            }
            let key = &template.fields[slot % template.fields.len()].key;
            (Place::Field, key.clone())
        } else {
            let sections = &template.report.sections;
            (Place::Section, sections[slot % sections.len()].key.clone())
        };
        let e = &mut self.live.enterprises[enterprise];
        let map = match kind {
            Place::Section => &mut e.sections,
            Place::Field => &mut e.fields,
        };
        map.insert(key.clone(), text.clone());
        self.typed.insert((enterprise, kind, key), text);
    }

    /// `template import` as the CLI runs it: on the stored drafts; refused without `force` when it hides text.
    fn import(&mut self, json: &str, force: bool) {
        let file = self.dir.join("template.json");
        std::fs::write(&file, json).expect("the template file is written");
        let before = self.live.template.clone();
        match store::import_template(self.store(), &file, force, common::today()) {
            Ok((draft, _hidden)) => self.live = draft,
            Err(TemplateImportError::WouldHide(hidden)) => {
                assert!(!force, "--force never refuses for hidden text");
                assert!(!hidden.is_empty(), "a refusal names what it would hide");
                self.assert_stored_template(&before);
            }
            Err(e) => panic!("a valid template file is imported: {e}"),
        }
    }

    fn bad_import(&mut self, which: usize) {
        let mut value: serde_json::Value =
            serde_json::from_str(&self.live.template.to_json()).expect("the template is JSON");
        HOSTILE[which](&mut value);
        let file = self.dir.join("hostile.json");
        std::fs::write(&file, value.to_string()).expect("written");
        let before = self.live.template.clone();
        for force in [false, true] {
            let error = store::import_template(self.store(), &file, force, common::today())
                .expect_err("a hostile template is refused");
            assert!(
                matches!(error, TemplateImportError::File(_)),
                "refused as a file: {error}"
            );
            self.assert_stored_template(&before);
        }
    }

    fn assert_stored_template(&mut self, template: &Template) {
        let stored = self.store().load().expect("loads").expect("a draft");
        assert_eq!(
            &stored.template, template,
            "a refused import changes nothing"
        );
    }

    fn restore(&mut self) {
        let file = self.dir.join("restore.json");
        let live = self.live.clone();
        store::backup_to_file(
            &live,
            &lingjun::model::pool::Pool::default(),
            self.store(),
            &file,
        )
        .expect("the backup");
        self.live = store::restore_from_file(self.store(), &file, None)
            .expect("the backup restores")
            .draft;
    }

    /// (c): every typed text is in the live draft; where the template shows its key, that is what shows;
    /// where it does not, the 模板 page lists it as kept.
    fn check_live(&self) {
        assert_typed(&self.live, &self.typed, "the live draft");
        let kept = kept_text(&self.live, &self.live.template);
        for ((i, kind, key), text) in &self.typed {
            let e = &self.live.enterprises[*i];
            let shown = match kind {
                // The form shows a section as typed; the documents print a field trimmed.
                Place::Section => self
                    .live
                    .template
                    .section(key)
                    .map(|_| (e.section(key).to_owned(), text.as_str())),
                Place::Field => self
                    .live
                    .template
                    .field(key)
                    .map(|_| (printed_value(e, *i, key), text.trim())),
            };
            match shown {
                Some((shown, typed)) => assert_eq!(shown, typed, "{kind:?} {key} of {i} shows"),
                None if !text.trim().is_empty() => assert!(
                    kept.iter()
                        .any(|k| k.enterprise == *i && k.kind == kind.kept_kind() && k.key == *key),
                    "{kind:?} {key} of {i} is listed as kept: {kept:?}"
                ),
                None => {}
            }
        }
    }

    /// (a) the database, closed and opened again, and (b) a backup written and read back.
    fn check_database_and_backup(&mut self) {
        self.store = None;
        let store = Store::open(&self.db).expect("the database opens again");
        let loaded = store.load().expect("loads").expect("a draft");
        assert_typed(&loaded, &self.typed, "the database");
        assert_eq!(
            loaded.template, self.live.template,
            "the template is stored"
        );
        let backup = self.dir.join("backup.json");
        store::backup_to_file(
            &loaded,
            &lingjun::model::pool::Pool::default(),
            &store,
            &backup,
        )
        .expect("the backup");
        let read = drafts_file::read_file(&backup, &mut MemoryBlobs::default()).expect("reads");
        assert_typed(&read.draft, &self.typed, "the backup");
        assert_eq!(
            read.draft.template, self.live.template,
            "the backup's template"
        );
        self.store = Some(store);
    }
}

/// Each typed text (the latest per slot) is in `draft`'s maps exactly as typed (an emptied one is empty).
fn assert_typed(draft: &Draft, typed: &BTreeMap<Slot, String>, what: &str) {
    for ((i, kind, key), text) in typed {
        let e = &draft.enterprises[*i];
        let map = match kind {
            Place::Section => &e.sections,
            Place::Field => &e.fields,
        };
        assert_eq!(
            map.get(key).map_or("", String::as_str),
            text,
            "{what}: {kind:?} {key} of enterprise {}",
            i + 1
        );
    }
}

/// `template` with the section or field `key` back (the 模板 page's 恢复 of kept text).
fn with_restored(template: &Template, kind: KeptKind, key: &str) -> Template {
    let mut t = template.clone();
    match kind {
        KeptKind::Section => t.report.sections.push(restored_section(key, None)),
        KeptKind::Field => t.fields.push(restored_field(key, None)),
    }
    t
}

/// Adds a custom field of `kind`, with its facts row and its 汇总表 column.
fn add_field(t: &mut Template, key: &str, kind: FieldKind) {
    let mut field = restored_field(key, None);
    edit::set_kind(&mut field, kind);
    t.fields.push(field);
    t.report.facts.push(key.to_owned());
    t.summary.columns.push(ColumnSpec {
        field: key.to_owned(),
        label: None,
    });
}

/// A template file's template: the built-in one with these sections and custom fields in this order.
fn imported(sections: &[usize], fields: &[usize]) -> Template {
    let mut t = Template::built_in().clone();
    t.name = "导入的模板".into();
    t.report.sections.clear();
    for &i in sections {
        if t.section(SECTION_KEYS[i]).is_none() {
            t.report
                .sections
                .push(restored_section(SECTION_KEYS[i], None));
        }
    }
    for &i in fields {
        if t.field(FIELD_KEYS[i]).is_none() {
            add_field(&mut t, FIELD_KEYS[i], FieldKind::Text);
        }
    }
    t
}

/// Hostile variants of a template file (the rules of docs/formats.md).
const HOSTILE: [fn(&mut serde_json::Value); 5] = [
    |v| v["report"]["sections"] = serde_json::json!([]),
    |v| {
        let first = v["report"]["sections"][0].clone();
        v["report"]["sections"]
            .as_array_mut()
            .expect("sections")
            .push(first);
    },
    |v| v["rules"]["max_enterprises"] = 21.into(),
    |v| v["fields"] = serde_json::json!([{ "key": "x", "label": "X", "kind": "colour" }]),
    |v| v["summary"]["columns"][1]["field"] = "website".into(),
];

proptest! {
    // 64 cases of up to 40 steps: a few seconds in a debug build, well under a minute on a loaded machine.
    // Failures are kept as named regression tests, not in a proptest-regressions file.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        max_shrink_iters: 512,
        ..ProptestConfig::default()
    })]

    /// No sequence of template edits, imports, restores and reopenings loses a typed text.
    #[test]
    fn no_template_change_loses_text(steps in proptest::collection::vec(step(), 1..40)) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut world = World::new(dir.path());
        for step in &steps {
            world.apply(step);
        }
        world.check_database_and_backup();
        // Every key returns: a template with all of them (and the fresh keys restored) shows every text typed.
        let all: Vec<usize> = (0..SECTION_KEYS.len()).collect();
        let fields: Vec<usize> = (0..FIELD_KEYS.len()).collect();
        world.import(&imported(&all, &fields).to_json(), false);
        for group in kept_groups(&world.live, &world.live.template.clone()) {
            let t = with_restored(&world.live.template, group.kind, &group.key);
            replace_template(&mut world.live, t, false).expect("restoring hides nothing");
        }
        world.save();
        assert!(
            kept_text(&world.live, &world.live.template).is_empty(),
            "with every key back, nothing is kept aside"
        );
        world.check_live();
        world.check_database_and_backup();
    }
}
