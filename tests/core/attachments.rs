//! Attachment contents through every path, byte for byte: added from a file (streamed into the database),
//! saved, reordered, removed, backed up to a drafts file, restored into another database, exported to the
//! folder and the .iso, and verified. Saves after the first write only what changed, and every edit survives
//! a reopen.

use crate::common;

use std::sync::atomic::AtomicBool;

use lingjun::model::{Attachment, Draft, drafts_file};
use lingjun::package::{self, ExportOptions};
use lingjun::store::{self, Store, StoreError};

/// Bytes that differ everywhere (xorshift), so any shifted, cut or repeated chunk is caught.
fn scan(size: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

fn contents(store: &dyn lingjun::model::blob::BlobSource, attachment: &Attachment) -> Vec<u8> {
    let mut bytes = Vec::new();
    store
        .copy_blob(&attachment.sha256, &mut bytes)
        .expect("contents stored");
    bytes
}

#[test]
fn attachment_bytes_survive_every_path() {
    let dir = tempfile::tempdir().expect("dir");
    let files = [
        ("扫描件-营业执照.pdf", scan(2_500_000, 1)),
        ("证书.png", scan(700_001, 2)),
        ("一字节.pdf", vec![0x25]),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let db = dir.path().join("drafts.sqlite");
    let mut store = common::open_store(&db).expect("opens");
    let mut draft = common::full_draft(2);

    // Add: streamed in with progress, hashed once; the attachment carries only its metadata.
    let mut reports = Vec::new();
    let added: Vec<Attachment> = files
        .iter()
        .map(|(name, _)| {
            store
                .add_file(&dir.path().join(name), &mut |done| {
                    reports.push(done);
                    true
                })
                .expect("added")
        })
        .collect();
    assert!(reports.len() > 3, "progress is reported chunk by chunk");
    for ((name, bytes), attachment) in files.iter().zip(&added) {
        assert_eq!(attachment.name, *name);
        assert_eq!(attachment.size_bytes, bytes.len() as u64);
        assert_eq!(attachment.sha256, lingjun::model::draft::sha256_hex(bytes));
        assert_eq!(contents(&store, attachment), *bytes, "{name} stored whole");
    }
    draft.enterprises[0]
        .attachments
        .extend([added[0].clone(), added[1].clone()]);
    draft.enterprises[1].attachments.push(added[2].clone());
    store.save(&draft).expect("saves");

    // Reorder and remove, each saved incrementally.
    draft.enterprises[0].attachments.swap(0, 2);
    store.save(&draft).expect("saves the new order");
    draft.enterprises[0].attachments.remove(1);
    store.save(&draft).expect("saves the removal");
    drop(store);
    let store = Store::open(&db).expect("reopens");
    assert_eq!(store.load().expect("loads").as_ref(), Some(&draft));
    assert!(
        !store.has_blob(&added[0].sha256).expect("asks"),
        "the removed scan's contents are cleared when the store opens"
    );
    for attachment in [&added[1], &added[2]] {
        let original = &files
            .iter()
            .find(|(n, _)| *n == attachment.name)
            .expect("file")
            .1;
        assert_eq!(contents(&store, attachment), *original);
    }

    // Backup and restore into another database.
    let backup = dir.path().join("备份.json");
    store::backup_to_file(
        &draft,
        &lingjun::model::pool::Pool::default(),
        &store,
        &backup,
    )
    .expect("backs up");
    let mut other = Store::open(&dir.path().join("other.sqlite")).expect("opens");
    let restored = store::restore_from_file(&mut other, &backup, None).expect("restores");
    assert_eq!(restored.draft, draft);
    drop(other);
    let other = Store::open(&dir.path().join("other.sqlite")).expect("reopens");
    assert_eq!(other.load().expect("loads").as_ref(), Some(&draft));
    let again = dir.path().join("备份2.json");
    store::backup_to_file(
        &draft,
        &lingjun::model::pool::Pool::default(),
        &other,
        &again,
    )
    .expect("backs up again");
    assert!(
        std::fs::read(&backup).expect("read") == std::fs::read(&again).expect("read"),
        "a restored backup backs up to the same bytes"
    );

    // Export from the restored database: the folder and the image hold the same bytes; both verify.
    let out = dir.path().join("out");
    let outcome = package::export(
        &common::as_final(&draft),
        &other,
        &out,
        &ExportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("exports");
    let iso = outcome.iso.clone().expect("final: an image");
    let image = package::read_iso(&iso).expect("image reads");
    for attachment in draft.enterprises.iter().flat_map(|e| &e.attachments) {
        let original = if attachment.name == "盖章页.pdf" {
            common::FIXTURE_ATTACHMENT.to_vec()
        } else {
            files
                .iter()
                .find(|(n, _)| *n == attachment.name)
                .expect("file")
                .1
                .clone()
        };
        let on_disc: Vec<&String> = image
            .keys()
            .filter(|p| p.ends_with(&format!("/{}", attachment.name)))
            .collect();
        assert!(!on_disc.is_empty(), "{} is in the image", attachment.name);
        for path in on_disc {
            assert!(
                image[path] == original,
                "{path} in the image, byte for byte"
            );
            let in_folder = std::fs::read(outcome.folder.join(path)).expect("in the folder");
            assert!(in_folder == original, "{path} in the folder, byte for byte");
        }
    }
    for target in [&outcome.folder, &iso] {
        let report = package::verify(target).expect("verifies");
        assert!(
            report.is_clean(),
            "{}: {:?}",
            target.display(),
            report.lines()
        );
    }
}

/// A damaged attachment in the database is refused by the export instead of being put on the disc.
#[test]
fn an_attachment_changed_in_the_database_is_not_exported() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let mut store = common::open_store(&db).expect("opens");
    let mut draft = common::full_draft(1);
    let scan_bytes = scan(300_000, 9);
    draft.enterprises[0]
        .attachments
        .push(store.add_bytes("扫描.pdf", &scan_bytes).expect("added"));
    store.save(&draft).expect("saves");
    drop(store);
    rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.execute(
                "UPDATE blob SET data = zeroblob(300000) WHERE sha256 = ?1",
                [&draft.enterprises[0].attachments[1].sha256],
            )
        })
        .expect("damaged");
    let store = Store::open(&db).expect("opens");
    let result = package::export(
        &draft,
        &store,
        &dir.path().join("out"),
        &ExportOptions::default(),
        &|_| {},
        &AtomicBool::new(false),
    );
    let error = result.expect_err("refused");
    assert!(error.user_text().contains("不符"), "{}", error.user_text());
    assert!(!dir.path().join("out").read_dir().expect("dir").any(|e| {
        let name = e.expect("entry").file_name();
        !name.to_string_lossy().starts_with('.')
    }));
}

/// Cancelling an add leaves nothing behind; a file that would overfill the CD is refused with the sizes before
/// a byte is read.
#[test]
fn an_add_can_be_cancelled_and_an_overfull_one_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("大.pdf");
    std::fs::write(&path, scan(3_000_000, 3)).expect("write");
    let mut store = Store::open_in_memory().expect("opens");
    let mut calls = 0;
    let result = store.add_file(&path, &mut |_| {
        calls += 1;
        calls < 3
    });
    assert!(matches!(result, Err(StoreError::Cancelled)), "{result:?}");
    let sha256 = lingjun::model::draft::sha256_hex(&scan(3_000_000, 3));
    assert!(!store.has_blob(&sha256).expect("asks"), "nothing stored");
    assert!(
        !store.has_blob("pending").expect("asks"),
        "no placeholder left"
    );

    let cap = lingjun::model::draft::CD_BYTES;
    let refusal = Attachment::check_file(&path, cap - 1_000_000).expect_err("refused");
    assert!(
        refusal.contains("MB") && refusal.contains("超过"),
        "{refusal}"
    );
    assert_eq!(Attachment::check_file(&path, 0), Ok(3_000_000));
}

/// Every kind of edit, saved incrementally after a full save, reads back the same after a reopen.
#[test]
fn incremental_saves_keep_every_edit() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let extra = common::attach("另一份.pdf", b"%PDF-1.4 other".to_vec());
    type Edit = Box<dyn Fn(&mut Draft)>;
    let edits: Vec<Edit> = vec![
        Box::new(|d| d.unit.contact = "张三".into()),
        Box::new(|d| {
            d.enterprises[1]
                .sections
                .insert("basic".into(), "改过的正文".into());
        }),
        Box::new(|d| {
            d.enterprises[0].sections.remove("basic");
        }),
        Box::new(|d| d.enterprises[2].name = "改名后的企业".into()),
        Box::new(move |d| d.enterprises[3].attachments.push(extra.clone())),
        Box::new(|d| d.enterprises[3].attachments.reverse()),
        Box::new(|d| {
            d.enterprises[0]
                .acknowledged
                .insert("k".into(), "理由".into());
            d.acknowledged.insert("unit.k".into(), "理由".into());
        }),
        Box::new(|d| {
            d.enterprises[0].acknowledged.clear();
            d.acknowledged.clear();
        }),
        Box::new(|d| {
            d.enterprises[0]
                .fields
                .insert("chain".into(), "新能源汽车".into());
            d.enterprises[1].fields.insert("other".into(), "x".into());
        }),
        Box::new(|d| {
            d.enterprises[0]
                .fields
                .insert("chain".into(), "集成电路".into());
            d.enterprises[1].fields.remove("other");
        }),
        Box::new(|d| {
            d.enterprises[2].extra.insert("未知".into(), 1.into());
            d.enterprises[2].phone = "0571-88888888".into();
        }),
        Box::new(|d| {
            d.move_enterprise(3, 0);
        }),
        Box::new(|d| {
            d.remove_enterprise(1);
        }),
        Box::new(|d| {
            d.enterprises.truncate(1);
        }),
        Box::new(|d| {
            d.add_enterprise();
            d.enterprises[1].name = "新加的企业".into();
        }),
        Box::new(common::mark_final),
    ];
    let mut draft = common::full_draft(5);
    for (i, edit) in edits.iter().enumerate() {
        let mut store = common::open_store(&db).expect("opens");
        store.save(&draft).expect("full save");
        edit(&mut draft);
        store.save(&draft).expect("incremental save");
        drop(store);
        let loaded = Store::open(&db).expect("reopens").load().expect("loads");
        assert_eq!(loaded.as_ref(), Some(&draft), "edit {i}");
    }
    let read = drafts_file::from_json(&common::to_json(&draft)).expect("reads");
    assert_eq!(read.draft, draft);
}

#[test]
fn a_missing_content_is_named_when_saving() {
    let mut store = Store::open_in_memory().expect("opens");
    let mut draft = Draft::default();
    draft
        .enterprises
        .push(lingjun::model::Enterprise::default());
    draft.enterprises[0].attachments.push(Attachment {
        name: "无内容.pdf".into(),
        size_bytes: 3,
        sha256: "0".repeat(64),
    });
    let error = store.save(&draft).expect_err("refused");
    assert!(
        error.user_text().contains("无内容.pdf"),
        "{}",
        error.user_text()
    );
}
