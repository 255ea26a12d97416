//! The documents, read back with independent readers: lopdf for the PDFs (text through the ToUnicode maps,
//! page sizes, metadata), calamine for the workbook, and poppler's pdftotext when it is installed.

use crate::common;

use lingjun::model::{Draft, Enterprise, Template};
use lingjun::render::linebreak::is_no_line_start;
use lingjun::render::{self, FontKind, Layout, RenderError};

/// A4 in points, as PDF readers report it.
const A4_SHORT: f32 = 595.28;
const A4_LONG: f32 = 841.89;

/// The text of every page, in page order, as lopdf decodes it through the fonts' ToUnicode maps.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).expect("text extracts"))
        .collect()
}

/// Width and height of every page's MediaBox.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("page dictionary");
            let mediabox = page
                .get(b"MediaBox")
                .and_then(lopdf::Object::as_array)
                .expect("MediaBox");
            let n: Vec<f32> = mediabox
                .iter()
                .map(|o| o.as_float().expect("number"))
                .collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// Text without white space, the folios "— N —" and the footers' "定稿码 XXXX-XXXX" that end every page.
fn normalized(text: &str) -> String {
    let text = without_folios(text);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("定稿码") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "定稿码".len()..];
        let code: String = after.chars().take(9).collect();
        let is_code = code.len() == 9
            && code.chars().enumerate().all(|(i, c)| {
                if i == 4 {
                    c == '-'
                } else {
                    c.is_ascii_alphanumeric()
                }
            });
        rest = if is_code { &after[9..] } else { after };
    }
    out.push_str(rest);
    out
}

fn without_folios(text: &str) -> String {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    let mut rest = compact.as_str();
    while let Some(start) = rest.find('—') {
        let after = &rest[start + '—'.len_utf8()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('—') {
            out.push_str(&rest[..start]);
            rest = &after[digits + '—'.len_utf8()..];
        } else {
            out.push_str(&rest[..start + '—'.len_utf8()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn is_close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.5
}

/// A draft whose first enterprise has realistic mixed text in every section.
fn rich_draft() -> Draft {
    let mut draft = common::full_draft(2);
    common::mark_final(&mut draft);
    let texts = [
        "浙江测试企业1有限公司始建于1958年，现有员工5210人。\n公司通过ISO 9001:2015质量管理体系认证，主导产品市场占有率达32.5%。",
        "企业实施“质量第一”战略，建立了覆盖研发、制造、服务全过程的质量管理体系；近三年主持制定国际标准3项、国家标准12项。",
        "带动上下游200余家配套企业开展质量提升（其中中小企业156家），推行《供应商质量能力评价规范》。",
        "引领区域产业集群发展，助力杭州市创建质量强市示范城市！",
        "典型经验：一是坚持标准引领；二是坚持创新驱动；三是坚持数字赋能？",
        "同意推荐。",
    ];
    for (spec, text) in Template::built_in().report.sections.iter().zip(texts) {
        draft.enterprises[0]
            .sections
            .insert(spec.key.clone(), text.to_owned());
    }
    draft
}

/// Every part of the report, in reading order, as the clerk typed it.
fn expected_report_text(draft: &Draft, index: usize) -> String {
    let template = Template::built_in();
    let e = &draft.enterprises[index];
    let mut parts = vec![
        template.report.attachment_label.clone(),
        template.report.title.clone(),
        format!("企业名称：{}", e.name),
        format!("推荐单位：{}", draft.unit.name),
        "推荐日期：2024年9月8日".to_owned(),
    ];
    let facts = [
        ("统一社会信用代码", &e.credit_code),
        ("所在地区", &e.region),
        ("所属行业（领域）", &e.industry),
        ("主营业务（主导产品）", &e.products),
        ("企业性质", &e.nature),
        ("上年度营业收入（亿元）", &e.revenue_100m),
        ("上年度利润（亿元）", &e.profit_100m),
        ("上年度研发投入（亿元）", &e.rnd_100m),
        ("员工人数", &e.employees),
    ];
    for (label, value) in facts {
        if !value.is_empty() {
            parts.push(format!("{label}{value}"));
        }
    }
    for spec in &template.report.sections {
        parts.push(spec.heading.clone());
        parts.push(e.section(&spec.key).to_owned());
    }
    parts.push(format!("推荐单位（盖章）：{}", draft.unit.name));
    parts.push("2024年9月8日".to_owned());
    normalized(&parts.concat())
}

/// The report's text comes back exactly, section by section and as a whole, through lopdf.
#[test]
fn report_text_round_trips_through_a_pdf_reader() {
    let draft = rich_draft();
    let template = Template::built_in();
    let pdf = render::report_pdf(&draft, 0, template).expect("renders");
    let text = normalized(&pages_text(&pdf).concat());
    for spec in &template.report.sections {
        let section = normalized(&format!(
            "{}{}",
            spec.heading,
            draft.enterprises[0].section(&spec.key)
        ));
        assert!(
            text.contains(&section),
            "section {} comes back whole:\n{section}\nin\n{text}",
            spec.key
        );
    }
    assert_eq!(
        text,
        expected_report_text(&draft, 0),
        "the whole report reads back as typed"
    );
}

/// Cross-check with poppler's pdftotext, an independent C++ reader, when it is installed.
#[test]
fn report_text_round_trips_through_pdftotext() {
    let draft = rich_draft();
    let pdf = render::report_pdf(&draft, 0, Template::built_in()).expect("renders");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).expect("writes");
    let Ok(output) = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
    else {
        // poppler-utils is not installed: lopdf's reading above still counts, but CI must run this check.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils (pdftotext)"
        );
        eprintln!("pdftotext not installed: skipping the poppler cross-check");
        return;
    };
    let text = normalized(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(
        text,
        expected_report_text(&draft, 0),
        "pdftotext reads the same text"
    );
}

/// Metadata: title, author (the unit) and creator (lingjun and its version).
#[test]
fn report_carries_title_author_and_creator() {
    let draft = rich_draft();
    let pdf = render::report_pdf(&draft, 0, Template::built_in()).expect("renders");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .expect("Info");
    let info = doc.get_dictionary(info_id).expect("Info dictionary");
    let field =
        |key: &[u8]| lopdf::decode_text_string(info.get(key).expect("field")).expect("text string");
    assert!(
        field(b"Title").contains("质量强国建设领军企业推荐报告"),
        "{}",
        field(b"Title")
    );
    assert_eq!(field(b"Author"), "浙江省市场监督管理局");
    assert_eq!(field(b"Creator"), format!("lingjun {}", lingjun::VERSION));
}

/// Ten pages and more stay small because the fonts are embedded as subsets, and every page is A4 portrait.
#[test]
fn ten_page_report_is_small_and_a4_portrait() {
    let mut draft = rich_draft();
    let paragraph =
        "企业坚持以质量求生存、以创新求发展，持续完善质量管理体系，推动产品质量稳步提升。";
    for spec in &Template::built_in().report.sections {
        let text = format!("{paragraph}\n").repeat(18);
        draft.enterprises[0].sections.insert(spec.key.clone(), text);
    }
    let pdf = render::report_pdf(&draft, 0, Template::built_in()).expect("renders");
    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 10, "{} pages", sizes.len());
    assert!(
        pdf.len() < 300_000,
        "{} bytes for {} pages",
        pdf.len(),
        sizes.len()
    );
    for (w, h) in sizes {
        assert!(
            is_close(w, A4_SHORT) && is_close(h, A4_LONG),
            "portrait A4, got {w}×{h}"
        );
    }
}

/// A 30 000-character section flows over many pages, nothing lost, no line opening with closing punctuation.
#[test]
fn long_section_flows_over_pages_with_kinsoku() {
    let mut draft = rich_draft();
    let unit =
        "质量是企业的生命，标准是质量的基础；创新（研发投入占比5.2%）是发展的动力。“零缺陷”目标！";
    let mut text = String::new();
    while text.chars().count() < 30_000 {
        text.push_str(unit);
    }
    draft.enterprises[0]
        .sections
        .insert("quality".into(), text.clone());
    let layout = render::report_layout(&draft, 0, Template::built_in()).expect("lays out");
    assert!(layout.pages.len() > 40, "{} pages", layout.pages.len());
    let body_lines: Vec<&str> = body_runs(&layout).collect();
    for line in &body_lines {
        let first = line.chars().next().expect("no empty runs");
        assert!(
            !is_no_line_start(first),
            "layout line starts with {first}: {line}"
        );
    }
    let laid_out: String = body_lines.concat();
    assert!(laid_out.contains(&text), "the layout keeps every character");

    let pdf = render::pdf::write_pdf(&layout).expect("writes");
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), layout.pages.len());
    for line in pages.iter().flat_map(|p| p.lines()) {
        if let Some(first) = line.trim().chars().next() {
            assert!(
                !"，。、；：？！）》」』".contains(first),
                "extracted line starts with {first}: {line}"
            );
        }
    }
    assert!(
        normalized(&pages.concat()).contains(&normalized(&text)),
        "nothing lost in the PDF"
    );
}

/// The body text runs (serif, 16 pt) of a layout.
fn body_runs(layout: &Layout) -> impl Iterator<Item = &str> {
    layout
        .pages
        .iter()
        .flat_map(|p| p.text_runs())
        .filter(|r| r.font == FontKind::Serif && (r.size_pt - 16.0).abs() < 0.01)
        .map(|r| r.text.as_str())
}

/// 草稿 is marked on every page of a draft, as outlines that no text extractor reads (no 草, no 稿 in the
/// text); once final no page has the mark and every page's footer carries the 定稿码.
#[test]
fn draft_mark_is_outlines_and_final_pages_carry_the_code() {
    let mut draft = rich_draft();
    draft.finalized = None;
    let report = render::report_layout(&draft, 0, Template::built_in()).expect("lays out");
    let summary = render::summary_layout(&draft);
    for page in report.pages.iter().chain(&summary.pages) {
        let Some(render::Item::Outlined(mark)) = page.items.first() else {
            panic!("every draft page starts with the outlined mark");
        };
        assert_eq!(mark.run.text, "草稿");
        assert!(mark.contours.len() > 10, "the glyphs' contours are there");
    }
    for pdf in [
        render::report_pdf(&draft, 0, Template::built_in()),
        render::summary_pdf(&draft),
    ] {
        let pdf = pdf.expect("renders");
        for page in pages_text(&pdf) {
            assert!(!page.contains('草') && !page.contains('稿'), "{page}");
        }
        if let Some(text) = pdftotext(&pdf) {
            assert!(
                !text.contains('草') && !text.contains('稿'),
                "poppler: {text}"
            );
        }
    }
    common::mark_final(&mut draft);
    let code = draft.finalized.clone().expect("final").code;
    for pdf in [
        render::report_pdf(&draft, 0, Template::built_in()),
        render::summary_pdf(&draft),
    ] {
        let pages = pages_text(&pdf.expect("renders"));
        assert!(pages.len() > 1 || !pages.is_empty());
        for page in &pages {
            assert!(!page.contains("草稿"), "final pages have no mark");
            assert!(
                without_folios(page).contains(&format!("定稿码{code}")),
                "every page carries the code: {page}"
            );
        }
    }
}

/// pdftotext's reading of a PDF, when poppler is installed (CI insists on it).
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        _ => {
            assert!(std::env::var("CI").is_err(), "CI needs pdftotext");
            None
        }
    }
}

/// The summary table is A4 landscape, lists the enterprises in order and reads back cell by cell.
#[test]
fn summary_reads_back_in_order_on_landscape_a4() {
    let mut draft = common::full_draft(3);
    common::mark_final(&mut draft);
    draft.move_enterprise(2, 0);
    let pdf = render::summary_pdf(&draft).expect("renders");
    for (w, h) in page_sizes(&pdf) {
        assert!(
            is_close(w, A4_LONG) && is_close(h, A4_SHORT),
            "landscape A4, got {w}×{h}"
        );
    }
    let text = normalized(&pages_text(&pdf).concat());
    let mut expected = String::from("附件3质量强国建设领军企业推荐名单汇总表");
    expected.push_str("填报单位（盖章）：浙江省市场监督管理局联系人：王晓明电话：0571-87654321");
    expected.push_str("序号企业名称统一社会信用代码所在地区所属行业（领域）主营业务（主导产品）企业性质联系人及电话备注");
    for (i, e) in draft.enterprises.iter().enumerate() {
        expected.push_str(&format!(
            "{}{}{}{}{}{}{}{}{}",
            i + 1,
            e.name,
            e.credit_code,
            e.region,
            e.industry,
            e.products,
            e.nature,
            e.contact,
            e.phone
        ));
    }
    assert_eq!(text, normalized(&expected));
}

/// Five rows too long for one page: the table spans pages and every page starts with the header row.
#[test]
fn long_summary_spans_pages_with_the_header_repeated() {
    let mut draft = common::full_draft(5);
    for (i, e) in draft.enterprises.iter_mut().enumerate() {
        e.products = format!("第{}家：", i + 1)
            + &"高端数控机床、工业机器人及智能制造系统集成解决方案".repeat(6);
    }
    let layout = render::summary_layout(&draft);
    assert!(layout.pages.len() >= 2, "{} pages", layout.pages.len());
    let pdf = render::pdf::write_pdf(&layout).expect("writes");
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), layout.pages.len());
    for (n, page) in pages.iter().enumerate() {
        let compact = normalized(page);
        assert!(
            compact.contains("序号企业名称统一社会信用代码"),
            "page {} repeats the header",
            n + 1
        );
    }
    let all = normalized(&pages.concat());
    for e in draft.enterprises.iter().skip(1) {
        assert!(
            all.contains(&normalized(&e.products)),
            "a row that fits a page moves whole, its long cell in one piece"
        );
    }
    let products: String = draft
        .enterprises
        .iter()
        .map(|e| e.products.as_str())
        .collect();
    assert!(
        column_text(&layout, "主营业务").contains(&products),
        "the first row, split under the title, keeps every character"
    );
}

/// The workbook has the same columns and cells, read back with calamine.
#[test]
fn summary_xlsx_reads_back() {
    use calamine::{Reader as _, Xlsx};
    let draft = common::full_draft(2);
    let bytes = render::summary_xlsx(&draft).expect("writes");
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    let range = workbook
        .worksheet_range("推荐名单汇总表")
        .expect("the sheet");
    let cell = |row: u32, col: u32| {
        range
            .get_value((row, col))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    assert_eq!(cell(0, 0), "附件3");
    assert_eq!(cell(1, 0), "质量强国建设领军企业推荐名单汇总表");
    assert_eq!(
        cell(2, 0),
        "填报单位（盖章）：浙江省市场监督管理局　　联系人：王晓明　　电话：0571-87654321"
    );
    let header: Vec<String> = (0..9).map(|c| cell(3, c)).collect();
    assert_eq!(
        header,
        render::summary::summary_headers(Template::built_in())
    );
    assert_eq!(cell(4, 0), "1");
    assert_eq!(cell(4, 1), "浙江测试企业1有限公司");
    assert_eq!(cell(5, 2), "9133000052601815XC");
    assert_eq!(cell(5, 7), "李华\n13812345678");
    assert_eq!(range.end(), Some((5, 8)), "nothing beyond the last row");
}

/// Empty, huge and hostile input renders without a panic; missing characters print as 〓, not as nothing.
#[test]
fn hostile_input_renders() {
    let template = Template::built_in();
    let mut draft = common::full_draft(2);
    draft.enterprises.push(Enterprise::default());
    let e = &mut draft.enterprises[1];
    e.name = "龘😀\u{202E}名称<>:\"/\\|?*".repeat(20);
    e.products = "A".repeat(3000);
    e.credit_code = "\u{0}\u{7}\t".into();
    e.sections.insert("basic".into(), "\n\n  \n".into());
    e.sections
        .insert("quality".into(), "（（（（".repeat(200) + &"）".repeat(500));
    draft.unit = Default::default();
    for index in 0..draft.enterprises.len() {
        let pdf = render::report_pdf(&draft, index, template).expect("renders");
        assert!(!pages_text(&pdf).is_empty());
    }
    let text = pages_text(&render::report_pdf(&draft, 1, template).expect("renders")).concat();
    assert!(
        text.contains('〓'),
        "a character the font lacks shows as the placeholder"
    );
    assert!(!render::summary_pdf(&draft).expect("renders").is_empty());
    assert!(!render::summary_xlsx(&draft).expect("writes").is_empty());
    assert!(matches!(
        render::report_pdf(&draft, 7, template),
        Err(RenderError::NoSuchEnterprise { index: 7, count: 3 })
    ));
}

/// documents(): the names of docs/documents.md in order, safe for Windows and Joliet, unique even for equal names.
#[test]
fn documents_have_safe_unique_names() {
    let mut draft = common::full_draft(3);
    draft.enterprises[1].name = "浙江测试企业1有限公司".into();
    draft.enterprises[2].name = "CON:甲/乙".into();
    let docs = render::documents(&draft, Template::built_in()).expect("renders");
    let names: Vec<&str> = docs.iter().map(|d| d.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "01_推荐名单汇总表.pdf",
            "01_推荐名单汇总表.xlsx",
            "02_推荐报告_1_浙江测试企业1有限公司.pdf",
            "02_推荐报告_2_浙江测试企业1有限公司.pdf",
            "02_推荐报告_3_CON_甲_乙.pdf",
        ]
    );
    assert!(docs.iter().all(|d| !d.bytes.is_empty()));
    assert!(docs[0].bytes.starts_with(b"%PDF") && docs[1].bytes.starts_with(b"PK"));
}

/// `lingjun export --out DIR` writes the documents; drafts with errors are refused with exit code 1.
#[test]
fn cli_export_writes_documents_and_refuses_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("drafts.sqlite");
    let mut store = common::open_store(&db).expect("opens");
    store.save(&common::full_draft(2)).expect("saves");
    drop(store);
    let out = dir.path().join("导出");
    let run = |out: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lingjun"))
            .arg("--db")
            .arg(&db)
            .args(["export", "--out"])
            .arg(out)
            .output()
            .expect("runs")
    };
    let done = run(&out);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    // The documents are in the folder, or in the disc package folder inside it.
    let mut files = Vec::new();
    let mut dirs = vec![out.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(
                    path.file_name()
                        .expect("name")
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    for name in [
        "01_推荐名单汇总表.pdf",
        "01_推荐名单汇总表.xlsx",
        "02_推荐报告_1_浙江测试企业1有限公司.pdf",
        "02_推荐报告_2_浙江测试企业2有限公司.pdf",
    ] {
        assert!(files.iter().any(|f| f == name), "{name} in {files:?}");
    }

    let mut broken = common::full_draft(1);
    broken.enterprises[0].name.clear();
    common::open_store(&db)
        .expect("opens")
        .save(&broken)
        .expect("saves");
    let refused = run(&dir.path().join("不应出现"));
    assert_eq!(
        refused.status.code(),
        Some(1),
        "drafts with errors are refused"
    );
    assert!(
        !dir.path().join("不应出现").exists(),
        "nothing written when refused"
    );
}

/// A row taller than a whole page is split between pages, each piece under a repeated header, nothing lost.
#[test]
fn a_row_taller_than_a_page_is_split() {
    let mut draft = common::full_draft(2);
    let long = "智能制造系统集成解决方案（含工业软件、数控系统）".repeat(60);
    draft.enterprises[0].products = long.clone();
    let layout = render::summary_layout(&draft);
    assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
    let column_text = column_text(&layout, "主营业务");
    assert!(
        column_text.contains(&long),
        "the split cell keeps every character in order"
    );
}

/// The body text of one column of a summary layout, page after page: the runs that start near the column's
/// header cell (which every page repeats).
fn column_text(layout: &Layout, header: &str) -> String {
    let mut text = String::new();
    for page in &layout.pages {
        let x = page
            .text_runs()
            .find(|r| r.text == header)
            .map(|r| r.x_pt)
            .expect("every page has the header");
        for run in page.text_runs() {
            if run.font == FontKind::Serif && (run.x_pt - x).abs() < 40.0 && run.size_pt < 13.0 {
                text.push_str(&run.text);
            }
        }
    }
    text
}

/// Five real-length codes full of wide letters (M, W, X) and a full row of long cells: on the page, read back
/// from the PDF, every code is one unbroken line, printed normalised (half-width, upper case, no spaces).
#[test]
fn credit_codes_never_break_in_the_summary() {
    const CODES: [&str; 5] = [
        "91330106MA2KX3L788",
        "91440300MA5FWXWW3K",
        "91310000MA1FL4XM8W",
        "91110108MA01WMXW2X",
        "92330000MAWWWWWWWW",
    ];
    let mut draft = common::full_draft(5);
    for (e, code) in draft.enterprises.iter_mut().zip(CODES) {
        e.credit_code = code.to_owned();
        e.products = "高端数控机床、工业机器人及智能制造系统集成解决方案".repeat(2);
        e.industry = "新一代信息技术与高端装备制造".to_owned();
    }
    // Typed with full-width letters, lower case and spaces: printed as the normalised code.
    draft.enterprises[4].credit_code = "９２３３ ００００ ｍａＷＷ-ＷＷＷＷ ＷＷ".to_owned();
    let pdf = render::summary_pdf(&draft).expect("renders");
    let lines: Vec<String> = pages_text(&pdf)
        .iter()
        .flat_map(|page| {
            page.lines()
                .map(|l| l.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    for code in CODES {
        assert!(
            lines.iter().any(|l| l == code),
            "{code} is one line of the extracted text"
        );
    }
    let xlsx = render::summary_xlsx(&draft).expect("writes");
    use calamine::{Reader as _, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("opens");
    let range = workbook.worksheet_range("推荐名单汇总表").expect("sheet");
    assert_eq!(
        range.get_value((8, 2)).map(ToString::to_string).as_deref(),
        Some(CODES[4]),
        "the workbook holds the normalised code"
    );
    let report = render::report_pdf(&draft, 4, Template::built_in()).expect("renders");
    assert!(
        normalized(&pages_text(&report).concat()).contains(CODES[4]),
        "the report prints the normalised code"
    );
}
