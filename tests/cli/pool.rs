//! `lingjun pool import|export|list|pick` (docs/cli.md): the plan without --apply changes nothing, --apply imports
//! once (a second time changes nothing), the list searches, the export is an .xlsx another reader opens, pick is
//! all or nothing within the quota, and exporting a 定稿 records the batch on each linked entry.

use crate::binary::{all_text, lingjun_db};
use crate::common;

use calamine::{Reader as _, open_workbook_auto};
use lingjun::store::Store;

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pool")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn import_list_export_and_pick_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let list = fixture("名单_表头一.xlsx");
    // The 2024 batch, started with one empty enterprise.
    let mut draft = common::full_draft(1);
    draft.enterprises = vec![Default::default()];
    common::open_store(&db)
        .expect("opens")
        .save(&draft)
        .expect("saves");

    let out = lingjun_db(&db, &["pool", "import", &list]);
    let text = all_text(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("新增 11 家") && text.contains("未导入 第 16 行"),
        "{text}"
    );
    assert!(
        text.contains("9.13301E+17"),
        "the lost code is named: {text}"
    );
    assert!(text.contains("加 --apply 才导入"), "{text}");
    assert!(
        Store::open(&db)
            .expect("opens")
            .load_pool()
            .expect("pool")
            .entries
            .is_empty()
    );

    let out = lingjun_db(&db, &["pool", "import", &list, "--apply"]);
    assert_eq!(out.status.code(), Some(0), "{}", all_text(&out));
    let out = lingjun_db(&db, &["pool", "import", &list, "--apply"]);
    assert!(
        all_text(&out).contains("没有需要导入的变化"),
        "{}",
        all_text(&out)
    );

    let out = lingjun_db(&db, &["pool", "list", "--search", "宁波"]);
    let text = all_text(&out);
    assert!(
        text.contains("浙江标杆0001有限公司") && text.contains("共 1 家"),
        "{text}"
    );
    let out = lingjun_db(&db, &["pool", "list"]);
    let flagged = all_text(&out)
        .lines()
        .find(|l| l.starts_with("浙江无码有限公司"))
        .map(str::to_owned)
        .expect("listed");
    assert!(flagged.ends_with("（信用代码待核）"), "{flagged}");

    export_reads_back(&db, dir.path());
    pick_all_or_nothing(&db);
}

/// `pool export` writes an .xlsx another reader opens: a header and 11 enterprises, key figures by year, no score.
fn export_reads_back(db: &std::path::Path, dir: &std::path::Path) {
    let xlsx = dir.join("标杆企业库.xlsx");
    let out = lingjun_db(db, &["pool", "export", &xlsx.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", all_text(&out));
    let mut book = open_workbook_auto(&xlsx).expect("another reader opens it");
    let sheet = book.worksheet_range("标杆企业库").expect("sheet");
    assert_eq!(sheet.height(), 12, "a header and 11 enterprises");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        header.contains(&"2023年营业收入（亿元）".to_owned()),
        "{header:?}"
    );
    assert!(
        !header
            .iter()
            .any(|h| h.contains("得分") || h.contains("排名")),
        "no score column"
    );
    // With --search, only the entries the search keeps, as `pool list --search` shows them.
    let filtered = dir.join("宁波.xlsx");
    let out = lingjun_db(
        db,
        &[
            "pool",
            "export",
            &filtered.to_string_lossy(),
            "--search",
            "宁波",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", all_text(&out));
    assert!(all_text(&out).contains("1 家企业"), "{}", all_text(&out));
    let mut book = open_workbook_auto(&filtered).expect("another reader opens it");
    let sheet = book.worksheet_range("标杆企业库").expect("sheet");
    assert_eq!(sheet.height(), 2, "a header and the one enterprise in 宁波");
    let row: Vec<String> = sheet
        .rows()
        .nth(1)
        .expect("row")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(row.contains(&"浙江标杆0001有限公司".to_owned()), "{row:?}");
    // --search belongs to pool list and pool export only.
    let out = lingjun_db(db, &["check", "--search", "宁波"]);
    assert_eq!(out.status.code(), Some(2), "{}", all_text(&out));
    assert!(all_text(&out).contains("--search 只用于 pool list 和 pool export 命令"));
}

/// `pool pick`: over the quota or an unknown code changes nothing; two codes fill the empty enterprise first.
fn pick_all_or_nothing(db: &std::path::Path) {
    // Pick: all or nothing.
    let codes: Vec<String> = Store::open(db)
        .expect("opens")
        .load_pool()
        .expect("pool")
        .entries
        .iter()
        .take(6)
        .map(|e| e.fact("credit_code").to_owned())
        .collect();
    let mut six = vec!["pool".to_owned(), "pick".to_owned()];
    six.extend(codes.iter().cloned());
    let out = lingjun_db(db, &six);
    assert_eq!(
        out.status.code(),
        Some(1),
        "over the quota of 5: {}",
        all_text(&out)
    );
    assert!(all_text(&out).contains("推荐名额"), "{}", all_text(&out));
    let out = lingjun_db(db, &["pool", "pick", "91330100ZZZZZZZZZZ"]);
    assert_eq!(out.status.code(), Some(1));
    let out = lingjun_db(db, &["pool", "pick", &codes[0], &codes[1]]);
    assert_eq!(out.status.code(), Some(0), "{}", all_text(&out));
    let draft = Store::open(db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("a draft");
    assert_eq!(
        draft.enterprises.len(),
        2,
        "the empty enterprise filled first"
    );
    assert_eq!(draft.enterprises[1].region, "宁波市");
    assert_eq!(
        draft.enterprises[1].revenue_100m, "1.025",
        "2023's figure for the 2024 batch"
    );
}

#[test]
fn exporting_a_final_batch_records_it_on_each_linked_entry() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    let draft = common::finalized(common::full_draft(2));
    let code = draft.finalized.clone().expect("final").code;
    {
        let mut store = common::open_store(&db).expect("opens");
        store.save(&draft).expect("saves");
        let mut pool = lingjun::model::pool::Pool::default();
        lingjun::model::pool_link::put_into_pool(
            &mut pool,
            &draft.enterprises[0],
            2024,
            "2024-06-01",
        );
        store.save_pool(&pool).expect("pool");
    }
    let out = lingjun_db(
        &db,
        &["export", "--out", &dir.path().join("out").to_string_lossy()],
    );
    let text = all_text(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("2024年度推荐"), "{text}");
    let pool = Store::open(&db).expect("opens").load_pool().expect("pool");
    assert_eq!(pool.entries[0].history.len(), 1);
    assert_eq!(pool.entries[0].history[0].final_code, code);
}
