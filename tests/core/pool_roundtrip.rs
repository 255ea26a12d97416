//! Random pools survive a backup → restore and a new batch byte for byte (docs/pool.md, "Storage and files"), and
//! a version 2 drafts file restores with an empty pool.

use proptest::prelude::*;

use lingjun::model::drafts_file;
use lingjun::model::pool::{Outcome, Pool, PoolEntry, Recommendation, Source, SourceKind};
use lingjun::store::{self, Store};

use crate::common;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9 ]{1,12}",
        "[\u{4e00}-\u{4e80}]{1,20}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
    ]
}

fn entry() -> impl Strategy<Value = PoolEntry> {
    let keys = prop::sample::select(vec![
        "name",
        "credit_code",
        "region",
        "industry",
        "revenue_100m",
        "industry_chain",
    ]);
    let facts = prop::collection::btree_map(keys.prop_map(str::to_owned), "[^\u{0}]{1,16}", 0..6);
    let figures = prop::collection::btree_map(
        2015i32..2030,
        prop::collection::btree_map(
            prop::sample::select(vec!["revenue_100m", "employees"]).prop_map(str::to_owned),
            text(),
            0..3,
        ),
        0..3,
    );
    let outcome = prop::sample::select(Outcome::ALL.to_vec());
    let history = prop::collection::vec(
        (2015i32..2030, text(), outcome, text()).prop_map(|(year, code, outcome, note)| {
            Recommendation {
                year,
                final_code: code,
                date: "2024-09-12".into(),
                outcome,
                outcome_date: String::new(),
                outcome_note: note,
            }
        }),
        0..3,
    );
    let kind = prop::sample::select(vec![SourceKind::File, SourceKind::Batch, SourceKind::Typed]);
    (
        facts,
        prop::collection::vec(text(), 0..4),
        figures,
        text(),
        (kind, text()),
        history,
    )
        .prop_map(
            |(facts, tags, figures, note, (kind, detail), history)| PoolEntry {
                facts,
                tags,
                figures,
                note,
                source: Source {
                    kind,
                    detail,
                    date: "2024-06-01".into(),
                },
                history,
                extra: Default::default(),
            },
        )
}

fn backup_bytes(store: &Store, dir: &std::path::Path, name: &str) -> Vec<u8> {
    let draft = store.load().expect("loads").expect("a draft");
    let pool = store.load_pool().expect("pool");
    let path = dir.join(name);
    store::backup_to_file(&draft, &pool, store, &path).expect("backup");
    std::fs::read(&path).expect("read")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_pools_survive_backup_restore_and_new_batch(entries in prop::collection::vec(entry(), 0..12)) {
        let pool = Pool { entries };
        let dir = tempfile::tempdir().expect("dir");
        let mut store = common::open_store(&dir.path().join("a.sqlite")).expect("store");
        let draft = common::full_draft(2);
        store.save(&draft).expect("saves");
        store.save_pool(&pool).expect("saves the pool");
        let first = backup_bytes(&store, dir.path(), "1.json");
        let mut other = common::open_store(&dir.path().join("b.sqlite")).expect("store");
        let outcome = store::restore_from_file(&mut other, &dir.path().join("1.json"), None).expect("restores");
        prop_assert_eq!(&outcome.pool, &pool);
        prop_assert_eq!(&other.load_pool().expect("pool"), &pool);
        let second = backup_bytes(&other, dir.path(), "2.json");
        prop_assert!(first == second, "a version 3 file round-trips byte for byte");
        let next = lingjun::model::next_batch::next_batch(&draft, 2025, &[], common::today()).expect("next");
        other.start_next_batch(&draft, &next).expect("new batch");
        prop_assert_eq!(&other.load_pool().expect("pool"), &pool, "new-batch keeps the pool");
        let text = drafts_file::to_json_with_pool(&next, &pool, &common::blobs()).expect("json");
        let again = drafts_file::from_json(&text).expect("reads");
        prop_assert_eq!(drafts_file::to_json_with_pool(&again.draft, &again.pool, &common::blobs()).expect("json"), text);
    }
}

#[test]
fn a_version_2_file_restores_with_an_empty_pool_and_the_old_pool_is_kept_aside() {
    let dir = tempfile::tempdir().expect("dir");
    let draft = common::full_draft(1);
    let mut value: serde_json::Value =
        serde_json::from_str(&common::to_json(&draft)).expect("json");
    value["version"] = 2.into();
    value.as_object_mut().expect("object").remove("pool");
    let file = dir.path().join("v2.json");
    std::fs::write(&file, value.to_string()).expect("written");
    let mut store = common::open_store(&dir.path().join("drafts.sqlite")).expect("store");
    store.save(&draft).expect("saves");
    let mut entry = PoolEntry::default();
    entry.set_fact("name", "甲公司");
    let pool = Pool {
        entries: vec![entry],
    };
    store.save_pool(&pool).expect("pool");
    let outcome = store::restore_from_file(&mut store, &file, Some(&dir.path().join("backups")))
        .expect("restores");
    assert_eq!(outcome.pool, Pool::default());
    assert_eq!(store.load_pool().expect("pool"), Pool::default());
    let copy = outcome.safety_copy.expect("a safety copy");
    let kept =
        drafts_file::read_file(&copy, &mut lingjun::model::blob::DiscardBlobs).expect("reads");
    assert_eq!(kept.pool, pool, "the replaced pool is in the safety copy");
}
