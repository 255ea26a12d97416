//! Shared helpers for the end-to-end tests: fixtures and the kittest harness.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use chrono::NaiveDate;
use egui_kittest::Harness;
use std::cell::RefCell;

use lingjun::model::blob::MemoryBlobs;
use lingjun::model::{Attachment, Draft, Enterprise};
use lingjun::store::{Store, StoreError};
use lingjun::ui::App;

thread_local! {
    /// Every attachment content a test made with `attach`, so stores and exports can be given the bytes.
    static BLOBS: RefCell<MemoryBlobs> = RefCell::new(MemoryBlobs::default());
}

/// An attachment of `data`, whose bytes this test's `blobs()` and `open_store` then hold.
pub fn attach(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Attachment {
    let data: Vec<u8> = data.into();
    BLOBS.with(|b| b.borrow_mut().attach(name, data))
}

/// The contents of every attachment this test made (the fixtures' included).
pub fn blobs() -> MemoryBlobs {
    attach("盖章页.pdf", FIXTURE_ATTACHMENT.to_vec());
    BLOBS.with(|b| b.borrow().clone())
}

/// The contents of `full_draft`'s attachments.
pub const FIXTURE_ATTACHMENT: &[u8] = b"%PDF-1.4 test";

/// Puts the contents of every attachment this test made into `store`, so drafts holding them can be saved.
pub fn put_blobs(store: &mut Store) {
    for data in blobs().0.values() {
        store.add_bytes("", data).expect("contents stored");
    }
}

/// `Store::open`, with this test's attachment contents stored.
pub fn open_store(path: &std::path::Path) -> Result<Store, StoreError> {
    let mut store = Store::open(path)?;
    put_blobs(&mut store);
    Ok(store)
}

/// `Store::open_in_memory`, with this test's attachment contents stored.
pub fn memory_store() -> Result<Store, StoreError> {
    let mut store = Store::open_in_memory()?;
    put_blobs(&mut store);
    Ok(store)
}

/// The drafts file of `draft`, attachments from this test's `blobs()`.
pub fn to_json(draft: &Draft) -> String {
    lingjun::model::drafts_file::to_json(draft, &blobs()).expect("drafts file written")
}

/// The day the tests pretend it is.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 9, 8).expect("valid date")
}

/// A complete draft for 浙江省 with `n` enterprises that passes every check.
pub fn full_draft(n: usize) -> Draft {
    const CODES: [&str; 5] = [
        "91330100799655058B",
        "9133000052601815XC",
        "91330100908301663H",
        "913302001318609160",
        "91330600390996033C",
    ];
    let mut draft = Draft::new(today());
    draft.set_province("浙江省");
    draft.unit.contact = "王晓明".into();
    draft.unit.phone = "0571-87654321".into();
    draft.unit.email = "zlfzc@zjamr.zj.gov.cn".into();
    draft.enterprises = (0..n)
        .map(|i| {
            let mut e = Enterprise {
                name: format!("浙江测试企业{}有限公司", i + 1),
                credit_code: CODES[i].into(),
                region: "杭州市".into(),
                industry: "高端装备".into(),
                products: "数控机床、工业机器人".into(),
                nature: "民营".into(),
                contact: "李华".into(),
                phone: "13812345678".into(),
                revenue_100m: "125.6".into(),
                profit_100m: "-3.2".into(),
                rnd_100m: "8".into(),
                employees: "5210".into(),
                ..Enterprise::default()
            };
            for spec in &lingjun::model::Template::built_in().report.sections {
                e.sections.insert(
                    spec.key.clone(),
                    format!(
                        "{}：企业坚持质量第一，持续提升产品和服务质量。",
                        spec.heading
                    ),
                );
            }
            e.attachments
                .push(attach("盖章页.pdf", FIXTURE_ATTACHMENT.to_vec()));
            e
        })
        .collect();
    draft
}

/// The window on a database in memory holding `draft`.
pub fn memory_app(draft: &Draft) -> App {
    let mut store = memory_store().expect("memory store");
    store.save(draft).expect("saves");
    App::new(store, today())
}

/// An app on an in-memory store with no draft saved yet (the first start).
pub fn empty_memory_app() -> App {
    App::new(memory_store().expect("memory store"), today())
}

/// `memory_app(draft)` with the 导出 page's folder set to `out`.
pub fn memory_app_exporting_to(draft: &Draft, out: &std::path::Path) -> App {
    let mut app = memory_app(draft);
    app.export_page.out_dir = out.display().to_string();
    app
}

/// A harness on the 报告模板 page of `draft`.
pub fn template_page(draft: &Draft) -> Harness<'static, App> {
    use egui_kittest::kittest::Queryable as _;
    let mut harness = app_harness(memory_app(draft));
    harness.run();
    harness.get_by_label(lingjun::ui::NAV_TEMPLATE).click();
    harness.run();
    assert_eq!(harness.state().screen, lingjun::ui::Screen::Template);
    harness
}

/// Brings the field labelled `label` into view, puts the cursor in it and types `text`, as a keyboard would.
pub fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run_steps(3);
}
/// A harness on the app, in a window large enough for the form, with the bundled font installed.
pub fn app_harness(app: App) -> Harness<'static, App> {
    app_harness_sized(app, [1280.0, 900.0])
}

/// Frames a `run` may take to settle. The window's threads (saving, the integrity check, adding files) wake it
/// when they finish; on a loaded machine those wake-ups land in the middle of a `run` and need a few frames more
/// than kittest's default of 4. A window that never stops repainting (a blinking cursor, a spinner) still fails.
const SETTLE_FRAMES: u64 = 12;

/// A harness on a store in a file, returning both.
pub fn harness_on_file(path: &std::path::Path) -> Harness<'static, App> {
    let store = open_store(path).expect("test database opens");
    app_harness(App::new(store, today()))
}

/// A harness on the app in a window of `size` points, with the bundled font installed.
pub fn app_harness_sized(app: App, size: [f32; 2]) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .with_max_steps(SETTLE_FRAMES)
        .with_context_setup(lingjun::ui::fonts::install)
        .build_ui_state(|ui, app: &mut App| app.root_ui(ui), app)
}

/// The moment the tests' 定稿 happens: 2024-09-10 09:30 in China.
pub fn final_time() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2024-09-10T09:30:00+08:00").expect("valid time")
}

/// `draft` after 定稿 at `final_time()`; it must pass the check.
pub fn finalized(mut draft: Draft) -> Draft {
    lingjun::model::finalize::finalize(
        &mut draft,
        lingjun::model::Template::built_in(),
        final_time(),
    )
    .expect("the fixture passes the check");
    draft
}

/// `draft` after 定稿 when it passes the check (so that export writes the package and its image), else as it is.
pub fn as_final(draft: &Draft) -> Draft {
    let mut copy = draft.clone();
    if copy.finalized.is_none() {
        lingjun::model::finalize::finalize(
            &mut copy,
            lingjun::model::Template::built_in(),
            final_time(),
        )
        .ok();
    }
    copy
}

/// Marks `draft` final as of `final_time()` with the code of its present content, whether or not it passes the
/// check (render tests draw drafts that would not).
pub fn mark_final(draft: &mut Draft) {
    draft.finalized = Some(lingjun::model::finalize::Finalized {
        code: lingjun::model::finalize::finalize_code(draft, lingjun::model::Template::built_in()),
        at: final_time().to_rfc3339(),
    });
}
