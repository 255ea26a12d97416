//! Word 97–2003 .doc files written by LibreOffice are read like the .docx they came from; damaged, encrypted and
//! hostile .doc files (made here by patching a good one's streams with the `cfb` crate) are refused with their
//! cause, and the database stays byte-identical.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use crate::binary::lingjun_db;
use lingjun::import::{self, Block, ImportError};
use lingjun::model::{Draft, Enterprise, Template};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The blocks as the truth file writes them: `{"para": text, "outline": level}` or `{"table": rows}`.
fn truth(name: &str) -> Vec<Block> {
    let text = std::fs::read_to_string(fixture(name)).expect("truth file");
    let json: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("JSON");
    json.as_array()
        .expect("a list")
        .iter()
        .map(|block| {
            if let Some(rows) = block.get("table") {
                Block::Table(serde_json::from_value(rows.clone()).expect("rows"))
            } else {
                Block::Para(import::Para {
                    text: block["para"].as_str().expect("text").to_owned(),
                    outline: block["outline"].as_u64().map(|l| l as u8),
                    ..import::Para::default()
                })
            }
        })
        .collect()
}

/// Paragraphs and tables, headings with their outline level, tracked changes, a hyperlink field, a line break, a
/// character outside the BMP: exactly what python-docx wrote before LibreOffice saved it as .doc.
#[test]
fn libreoffice_doc_reads_as_written() {
    let blocks = import::read_file(&fixture("word97_report.doc")).expect("reads");
    let expected = truth("word97_report.truth.json");
    // LibreOffice ends the document with an empty paragraph of its own.
    // The truth records what a .doc holds of each paragraph: its text and outline level (the other signals are
    // the .docx reader's).
    let blocks: Vec<Block> = blocks
        .into_iter()
        .filter(|b| !matches!(b, Block::Para(p) if p.text.is_empty()))
        .map(|b| match b {
            Block::Para(p) => Block::Para(import::Para {
                text: p.text,
                outline: p.outline,
                ..import::Para::default()
            }),
            table => table,
        })
        .collect();
    assert_eq!(blocks, expected);
}

/// The plan of a .doc is the plan of the .docx it was saved from: same sections, same facts.
#[test]
fn doc_plans_like_its_docx() {
    let mut draft = Draft::default();
    draft.enterprises.push(Enterprise::default());
    let template = Template::built_in();
    for (doc, docx) in [
        ("word97_python_docx.doc", "python_docx.docx"),
        ("word97_word_style.doc", "word_style.docx"),
    ] {
        let mut from_doc =
            import::plan_file(&fixture(doc), &draft, 0, template).expect("reads .doc");
        // LibreOffice updates a DATE field when it saves: the .doc holds the day it was made, the .docx 2024年8月1日.
        for section in &mut from_doc.sections {
            if let Some(start) = section.text.find("统计截至") {
                let end = section.text[start..]
                    .find('。')
                    .map_or(section.text.len(), |e| start + e);
                section
                    .text
                    .replace_range(start..end, "统计截至2024年8月1日");
            }
        }
        let from_docx =
            import::plan_file(&fixture(docx), &draft, 0, template).expect("reads .docx");
        assert_eq!(from_doc.sections, from_docx.sections, "{doc}");
        assert_eq!(from_doc.fields, from_docx.fields, "{doc}");
    }
}

/// A copy of the good .doc with one stream changed by `patch`.
fn patched(dir: &Path, name: &str, stream: &str, patch: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(fixture("word97_report.doc"), &path).expect("copies");
    let mut ole = cfb::open_rw(&path).expect("opens");
    let mut bytes = Vec::new();
    ole.open_stream(stream)
        .expect("stream")
        .read_to_end(&mut bytes)
        .expect("reads");
    patch(&mut bytes);
    let mut out = ole.create_stream(stream).expect("rewrites");
    out.write_all(&bytes).expect("writes");
    out.flush().expect("flushes");
    drop(out);
    ole.flush().expect("flushes");
    path
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// FIB places in Word 97's layout (csw 14, cslw 22): flags, ccpText, and (fc, lcb) of the CLX and PlcBtePapx.
const FLAGS: usize = 0x0A;
const CCP_TEXT: usize = 0x4C;
const FC_CLX: usize = 0x1A2;
const FC_PLCF_BTE_PAPX: usize = 0x102;

fn word_document() -> Vec<u8> {
    let mut ole = cfb::open(fixture("word97_report.doc")).expect("opens");
    let mut bytes = Vec::new();
    ole.open_stream("/WordDocument")
        .expect("stream")
        .read_to_end(&mut bytes)
        .expect("reads");
    bytes
}

fn table_stream_name() -> &'static str {
    if u16::from_le_bytes([word_document()[FLAGS], word_document()[FLAGS + 1]]) & 0x0200 != 0 {
        "/1Table"
    } else {
        "/0Table"
    }
}

/// Hostile .doc files: each is refused with the cause named, and nothing else.
fn hostile_docs(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let good = std::fs::read(fixture("word97_report.doc")).expect("reads");
    let word = word_document();
    let table = table_stream_name();
    let fc_clx = u32_at(&word, FC_CLX) as usize;
    let truncated = dir.join("截断.doc");
    std::fs::write(&truncated, &good[..good.len() / 2]).expect("writes");
    let headless = dir.join("只有文件头.doc");
    std::fs::write(&headless, &good[..512]).expect("writes");
    let workbook = dir.join("其实是表格.doc");
    {
        let mut ole = cfb::create(&workbook).expect("creates");
        ole.create_stream("/Workbook")
            .expect("stream")
            .write_all(&[0; 4096])
            .expect("writes");
        ole.flush().expect("flushes");
    }
    vec![
        (truncated, "已损坏"),
        (headless, "已损坏"),
        (workbook, "没有 Word 正文"),
        (
            patched(dir, "加密.doc", "/WordDocument", |w| w[FLAGS + 1] |= 0x01),
            "密码",
        ),
        (
            patched(dir, "混淆.doc", "/WordDocument", |w| w[FLAGS + 1] |= 0x80),
            "密码",
        ),
        (
            patched(dir, "Word95.doc", "/WordDocument", |w| {
                w[2..4].copy_from_slice(&0x65_u16.to_le_bytes());
            }),
            "Word 6.0/95",
        ),
        (
            patched(dir, "超长.doc", "/WordDocument", |w| {
                w[CCP_TEXT..CCP_TEXT + 4].copy_from_slice(&0x7FFF_FFFF_u32.to_le_bytes());
            }),
            "超过导入上限",
        ),
        (
            patched(dir, "正文超出片段表.doc", "/WordDocument", |w| {
                let ccp = u32_at(w, CCP_TEXT) + 100_000;
                w[CCP_TEXT..CCP_TEXT + 4].copy_from_slice(&ccp.to_le_bytes());
            }),
            "片段表只有",
        ),
        (
            patched(dir, "片段表越界.doc", table, |t| {
                // The first piece descriptor's fc (after clxt, lcb and the n + 1 positions; a Pcd starts with
                // 2 bytes of flags): moved near the end of the address space.
                let mut at = fc_clx;
                while t[at] == 1 {
                    at += 3 + usize::from(u16::from_le_bytes([t[at + 1], t[at + 2]]));
                }
                let lcb = u32_at(t, at + 1) as usize;
                let n = (lcb - 4) / 12;
                let pcd = at + 5 + (n + 1) * 4 + 2;
                t[pcd..pcd + 4].copy_from_slice(&0x3FF0_0000_u32.to_le_bytes());
            }),
            "片段表指向 WordDocument 流之外",
        ),
        (
            patched(dir, "片段表位置越界.doc", "/WordDocument", |w| {
                w[FC_CLX..FC_CLX + 4].copy_from_slice(&0x7000_0000_u32.to_le_bytes());
            }),
            "片段表（CLX）指向",
        ),
        (
            patched(dir, "属性页越界.doc", table, |t| {
                // Every page number of the paragraph bin table points far past the stream.
                let (fc, lcb) = (
                    u32_at(&word, FC_PLCF_BTE_PAPX) as usize,
                    u32_at(&word, FC_PLCF_BTE_PAPX + 4) as usize,
                );
                let n = (lcb - 4) / 8;
                for i in 0..n {
                    let at = fc + (n + 1) * 4 + i * 4;
                    t[at..at + 4].copy_from_slice(&0x003F_0000_u32.to_le_bytes());
                }
            }),
            "属性页（FKP）指向 WordDocument 流之外",
        ),
    ]
}

#[test]
fn hostile_docs_are_refused_with_their_cause() {
    let dir = tempfile::tempdir().expect("dir");
    for (path, cause) in hostile_docs(dir.path()) {
        let error = import::read_file(&path).expect_err("refused");
        let text = error.to_string();
        assert!(text.contains(cause), "{}: {text}", path.display());
        assert!(
            !matches!(error, ImportError::Unsupported),
            "{}: {text}",
            path.display()
        );
    }
    // A file without the table stream the FIB names.
    let path = dir.path().join("缺表格流.doc");
    std::fs::copy(fixture("word97_report.doc"), &path).expect("copies");
    let mut ole = cfb::open_rw(&path).expect("opens");
    ole.remove_stream(table_stream_name()).expect("removes");
    ole.flush().expect("flushes");
    drop(ole);
    let text = import::read_file(&path).expect_err("refused").to_string();
    assert!(text.contains("缺少") && text.contains("Table 流"), "{text}");
}

/// A .wps, .pdf or .rtf, and a web page saved with a .doc name, still get the message to save them as .docx.
#[test]
fn other_formats_named_doc_are_sent_to_save_as_docx() {
    let dir = tempfile::tempdir().expect("dir");
    let wps = dir.path().join("报告.wps");
    std::fs::copy(fixture("word97_report.doc"), &wps).expect("copies");
    for (name, bytes, kind) in [
        (
            "网页.doc",
            b"<html><body>\xe8\xb4\xa8</body></html>".to_vec(),
            ".doc 但不是",
        ),
        ("报告.doc", b"%PDF-1.4\n".to_vec(), "PDF"),
        ("报告2.doc", b"{\\rtf1\\ansi ".to_vec(), "RTF"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("writes");
        let text = import::read_file(&path).expect_err("refused").to_string();
        assert!(
            text.contains(kind) && text.contains("另存为"),
            "{name}: {text}"
        );
    }
    let text = import::read_file(&wps).expect_err("refused").to_string();
    assert!(text.contains("WPS") && text.contains("另存为"), "{text}");
}

/// `lingjun import` with --apply: a good .doc is imported; every hostile one exits 1 with its cause, and the
/// database file is byte-identical afterwards.
#[test]
fn cli_imports_doc_and_refuses_hostile_ones_without_a_change() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    crate::common::open_store(&db)
        .expect("opens")
        .save(&crate::common::full_draft(1))
        .expect("saves");
    let before = std::fs::read(&db).expect("reads");
    for (path, cause) in hostile_docs(dir.path()) {
        let out = lingjun_db(
            &db,
            &[
                "import",
                path.to_str().expect("path"),
                "--enterprise",
                "1",
                "--apply",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", path.display());
        assert!(stderr.contains(cause), "{}: {stderr}", path.display());
        assert_eq!(
            std::fs::read(&db).expect("reads"),
            before,
            "{}",
            path.display()
        );
    }
    let good = fixture("word97_report.doc");
    let out = lingjun_db(
        &db,
        &[
            "import",
            good.to_str().expect("path"),
            "--enterprise",
            "1",
            "--apply",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored = lingjun::store::Store::open(&db)
        .expect("opens")
        .load()
        .expect("loads")
        .expect("draft");
    assert!(
        stored.enterprises[0]
            .sections
            .values()
            .any(|t| t.contains("带动上下游86家企业开展质量对标")),
        "{:?}",
        stored.enterprises[0].sections
    );
}

/// Truncated, encrypted and hostile .doc files (a piece table pointing outside the stream among them) through
/// `lingjun import … --apply` in a child process of their own: each is refused with its cause in Chinese within a
/// second and 100 MB of peak memory, and the database stays byte-identical.
#[test]
fn hostile_docs_are_refused_quickly_in_little_memory() {
    use crate::import_hostile::{assert_within_limits, import_measured};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("drafts.sqlite");
    crate::common::open_store(&db)
        .expect("opens")
        .save(&crate::common::full_draft(1))
        .expect("saves");
    let before = std::fs::read(&db).expect("reads");
    let docs = hostile_docs(dir.path());
    for wanted in [
        "截断",
        "加密",
        "片段表越界",
        "片段表位置越界",
        "正文超出片段表",
    ] {
        assert!(
            docs.iter()
                .any(|(p, _)| p.file_stem().is_some_and(|s| s == wanted)),
            "{wanted} is among the hostile files"
        );
    }
    for (path, cause) in docs {
        let file = path.to_str().expect("path");
        let m = import_measured(&db, &["import", file, "--enterprise", "1", "--apply"]);
        assert_eq!(m.code, 1, "{file}: {}", m.said);
        assert!(m.said.contains(cause), "{file}: {}", m.said);
        println!("{}", assert_within_limits(file, &m));
        assert!(
            std::fs::read(&db).expect("reads") == before,
            "{file}: the database changed"
        );
    }
}
