//! The Word files (docs/documents.md): the XML names the 公文 fonts, the grid and the heading styles; the bytes are
//! reproducible; LibreOffice (an independent reader) opens them, and the text and page sizes come out right.

use crate::common;

use std::io::Read as _;
use std::path::Path;

use lingjun::model::{Draft, Template};
use lingjun::render::{self, DocxOptions};

fn options() -> DocxOptions {
    DocxOptions {
        draft_mark: true,
        footer_code: None,
        timestamp: chrono::NaiveDate::from_ymd_opt(2024, 9, 10)
            .expect("date")
            .and_hms_opt(8, 30, 0)
            .expect("time"),
    }
}

/// The named part of a .docx, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("part present")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

fn rich_draft() -> Draft {
    let mut draft = common::full_draft(2);
    draft.enterprises[0].sections.insert(
        "quality".into(),
        "（一）产品质量\n质量第一，效益优先。\n\nA&B <公司> 研发投入 8.5 亿元。".into(),
    );
    draft
}

/// Font names with East Asian attributes and fall-backs, the 22 × 28 grid, GB/T 9704 margins and real headings.
#[test]
fn report_xml_names_fonts_grid_and_heading_styles() {
    let docx = render::docx::report_docx(&rich_draft(), 0, Template::built_in(), &options())
        .expect("writes");
    let styles = part(&docx, "word/styles.xml");
    for font in ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"] {
        assert!(
            styles.contains(&format!(r#"w:eastAsia="{font}""#)),
            "{font} as an East Asian font in styles.xml"
        );
    }
    assert!(
        styles.contains(r#"<w:name w:val="heading 1"/>"#)
            && styles.contains(r#"<w:outlineLvl w:val="0"/>"#)
    );
    assert!(
        styles.contains(r#"<w:name w:val="heading 2"/>"#)
            && styles.contains(r#"<w:outlineLvl w:val="1"/>"#)
    );
    assert!(styles.contains(r#"<w:sz w:val="32"/>"#), "三号 body");
    let fonts = part(&docx, "word/fontTable.xml");
    for (font, alt) in [
        ("方正小标宋简体", "宋体"),
        ("仿宋_GB2312", "仿宋"),
        ("楷体_GB2312", "楷体"),
    ] {
        assert!(
            fonts.contains(&format!(
                r#"<w:font w:name="{font}"><w:altName w:val="{alt}"/>"#
            )),
            "{font} falls back to {alt}"
        );
    }
    let document = part(&docx, "word/document.xml");
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "A4 portrait"
    );
    assert!(
        document.contains(r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#),
        "GB/T 9704 margins 37/26/35/28 mm"
    );
    assert!(
        document.contains(
            r#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848"/>"#
        ),
        "22 lines × 28 characters"
    );
    for heading in &Template::built_in().report.sections {
        assert!(
            document.contains(&format!(
                r#"<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t>"#,
                heading.heading
            )),
            "{} is a Heading 1",
            heading.heading
        );
    }
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading2"/>"#),
        "（一） is a Heading 2"
    );
    assert!(document.contains("A&amp;B &lt;公司&gt;"), "text escaped");
    assert!(
        document.contains("统一社会信用代码") && document.contains("91330100799655058B"),
        "facts table"
    );
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>")
            && footer.contains("— ")
    );
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>浙江省市场监督管理局</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("2024-09-10T08:30:00Z"), "{core}");
    assert!(
        part(&docx, "word/header1.xml").contains(r#"string="草稿""#),
        "the draft mark"
    );
}

/// The 定稿 version has no mark and prints the 定稿码 in the footer.
#[test]
fn final_version_has_code_and_no_mark() {
    let options = DocxOptions {
        draft_mark: false,
        footer_code: Some("7K3M-Q9PA".into()),
        ..options()
    };
    let docx = render::docx::report_docx(&rich_draft(), 0, Template::built_in(), &options)
        .expect("writes");
    assert!(part(&docx, "word/footer1.xml").contains("定稿码 7K3M-Q9PA"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).expect("zip");
    assert!(
        archive.by_name("word/header1.xml").is_err(),
        "no header part without the mark"
    );
    assert!(!part(&docx, "word/document.xml").contains("headerReference"));
}

/// The summary table: landscape, a repeating header row, columns that fill the text width exactly.
#[test]
fn summary_is_landscape_with_repeating_header() {
    let docx = render::docx::summary_docx(&common::full_draft(5), &options()).expect("writes");
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert_eq!(
        document.matches("<w:tblHeader/>").count(),
        1,
        "one header row, repeated by Word"
    );
    assert!(document.contains(r#"<w:tblLayout w:type="fixed"/>"#));
    let widths: i32 = document
        .split(r#"<w:gridCol w:w=""#)
        .skip(1)
        .map(|s| {
            s.split('"')
                .next()
                .expect("width")
                .parse::<i32>()
                .expect("number")
        })
        .sum();
    assert_eq!(widths, 14797, "columns fill 261 mm (14 797 twips)");
    for name in ["浙江测试企业5有限公司", "统一社会信用代码", "联系人及电话"]
    {
        assert!(document.contains(name), "{name}");
    }
}

/// The same input and options give the same bytes; another time gives other bytes.
#[test]
fn identical_input_gives_identical_bytes() {
    let draft = rich_draft();
    let template = Template::built_in();
    let a = render::docx::report_docx(&draft, 1, template, &options()).expect("writes");
    let b = render::docx::report_docx(&draft.clone(), 1, template, &options()).expect("writes");
    assert_eq!(a, b, "report bytes reproducible");
    let a = render::docx::summary_docx(&draft, &options()).expect("writes");
    let b = render::docx::summary_docx(&draft, &options()).expect("writes");
    assert_eq!(a, b, "summary bytes reproducible");
    let later = DocxOptions {
        timestamp: options().timestamp + chrono::Duration::days(1),
        ..options()
    };
    assert_ne!(
        a,
        render::docx::summary_docx(&draft, &later).expect("writes")
    );
}

/// Empty drafts, hostile characters and huge sections still give a valid package.
#[test]
fn empty_and_hostile_input_still_writes() {
    let mut draft = Draft::default();
    draft.enterprises.push(Default::default());
    let docx =
        render::docx::report_docx(&draft, 0, Template::built_in(), &options()).expect("empty");
    assert!(part(&docx, "word/document.xml").ends_with("</w:body></w:document>"));
    draft.enterprises[0].name = "控制\u{1}字符\u{202e}]]></w:t>".into();
    draft.enterprises[0]
        .sections
        .insert("basic".into(), "𠀀龘😀\t制表\r\n".repeat(20_000));
    let docx =
        render::docx::report_docx(&draft, 0, Template::built_in(), &options()).expect("hostile");
    let document = part(&docx, "word/document.xml");
    assert!(!document.contains('\u{1}') && document.contains("]]&gt;&lt;/w:t&gt;"));
    assert!(render::docx::report_docx(&draft, 3, Template::built_in(), &options()).is_err());
}

/// LibreOffice (headless) opens every .docx of a package, converts it to PDF in one call, and pdftotext reads the
/// text back; the reports are A4 portrait, the summary A4 landscape. Skipped when soffice is missing, except in CI.
#[test]
fn libreoffice_reads_our_docx() {
    let Some(soffice) = find_soffice() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install libreoffice-writer-nogui (soffice)"
        );
        eprintln!("soffice not installed: skipping the LibreOffice check of the .docx files");
        return;
    };
    let draft = rich_draft();
    let dir = tempfile::tempdir().expect("dir");
    let docs =
        render::documents_with(&draft, Template::built_in(), Some(&options())).expect("renders");
    let mut inputs = Vec::new();
    for doc in docs.iter().filter(|d| d.file_name.ends_with(".docx")) {
        // ASCII names: the point is the content, and LibreOffice's own name handling is not ours to test.
        let path = dir.path().join(format!("doc{}.docx", inputs.len()));
        std::fs::write(&path, &doc.bytes).expect("writes");
        inputs.push((path, doc.file_name.clone()));
    }
    assert_eq!(inputs.len(), 3, "summary and two reports");
    let profile = dir.path().join("profile");
    let out = dir.path().join("pdf");
    let status = std::process::Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out)
        .args(inputs.iter().map(|(p, _)| p))
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for (path, name) in &inputs {
        let pdf = out.join(path.with_extension("pdf").file_name().expect("name"));
        assert!(pdf.is_file(), "LibreOffice converted {name}");
        let text = pdftotext(&pdf)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>();
        let info = pdfinfo(&pdf);
        if name.starts_with("01_") {
            assert_eq!(
                page_size(&info),
                (842, 595),
                "{name} is A4 landscape: {info}"
            );
            // Narrow cells wrap (as in the PDF), so check what fits one line of a cell.
            for expected in [
                "附件3",
                "质量强国建设领军企业推荐名单汇总表",
                "联系人及电话",
                "9133000052601815XC",
                "13812345678",
                "浙江测试企业2",
            ] {
                assert!(text.contains(expected), "{expected} in {name}: {text}");
            }
        } else {
            assert_eq!(
                page_size(&info),
                (595, 842),
                "{name} is A4 portrait: {info}"
            );
            let index = usize::from(name.contains("_2_"));
            let enterprise = &draft.enterprises[index];
            for expected in [
                enterprise.name.as_str(),
                "统一社会信用代码",
                enterprise.credit_code.as_str(),
                "—1—",
            ] {
                assert!(text.contains(expected), "{expected} in {name}: {text}");
            }
            for spec in &Template::built_in().report.sections {
                let body: String = enterprise
                    .section(&spec.key)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                assert!(text.contains(&spec.heading), "{} in {name}", spec.heading);
                assert!(
                    without_folios(&text).contains(&body),
                    "section {} in {name}: {text}",
                    spec.key
                );
            }
        }
    }
}

fn find_soffice() -> Option<std::path::PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| std::path::PathBuf::from(name))
    })
}

fn pdftotext(pdf: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("CI installs poppler-utils with LibreOffice");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn pdfinfo(pdf: &Path) -> String {
    let output = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// pdfinfo's "Page size: 595.276 x 841.89 pts", rounded to whole points.
fn page_size(info: &str) -> (i32, i32) {
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo prints the page size");
    let mut numbers = line
        .split_whitespace()
        .filter_map(|w| w.parse::<f32>().ok())
        .map(|n| n.round() as i32);
    (numbers.next().unwrap_or(0), numbers.next().unwrap_or(0))
}

/// The text with the folios ("—1—" once white space is gone) taken out, as they fall between lines of a page.
fn without_folios(text: &str) -> String {
    let mut out = text.to_owned();
    for n in (1..100).rev() {
        out = out.replace(&format!("—{n}—"), "");
    }
    out
}

/// An export writes a .docx beside each PDF by default, and none when the clerk turned Word off; both verify clean.
#[test]
fn package_has_docx_beside_each_pdf_unless_turned_off() {
    use lingjun::package::{self, ExportOptions};
    let draft = common::full_draft(2);
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let dir = tempfile::tempdir().expect("dir");
    let outcome = package::export(
        &draft,
        &common::blobs(),
        dir.path(),
        &ExportOptions::default(),
        &|_| {},
        &cancel,
    )
    .expect("exports");
    let mut names: Vec<String> = std::fs::read_dir(&outcome.folder)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "01_推荐名单汇总表.docx",
            "01_推荐名单汇总表.pdf",
            "02_推荐报告_1_浙江测试企业1有限公司.docx",
            "02_推荐报告_1_浙江测试企业1有限公司.pdf",
            "02_推荐报告_2_浙江测试企业2有限公司.docx",
            "02_推荐报告_2_浙江测试企业2有限公司.pdf",
        ]
    );
    assert!(
        package::verify(&outcome.folder)
            .expect("verifies")
            .is_clean()
    );
    let listing = std::fs::read_to_string(outcome.folder.join("文件清单.txt")).expect("listing");
    assert!(
        listing.contains("02_推荐报告_2_浙江测试企业2有限公司.docx"),
        "listed in the manifest"
    );

    let other = tempfile::tempdir().expect("dir");
    let options = ExportOptions {
        word: false,
        ..ExportOptions::default()
    };
    let outcome = package::export(
        &draft,
        &common::blobs(),
        other.path(),
        &options,
        &|_| {},
        &cancel,
    )
    .expect("exports");
    let has_docx = std::fs::read_dir(&outcome.folder)
        .expect("folder")
        .any(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .ends_with(".docx")
        });
    assert!(!has_docx, "Word turned off");
}

/// A report whose name fills the 64 characters Joliet allows still gets a .docx and a PDF of the same stem.
#[test]
fn long_names_keep_the_same_stem_for_both_files() {
    let mut draft = common::full_draft(1);
    draft.enterprises[0].name = "长".repeat(80);
    let docs =
        render::documents_with(&draft, Template::built_in(), Some(&options())).expect("renders");
    let pdf = &docs
        .iter()
        .find(|d| d.file_name.starts_with("02_") && d.file_name.ends_with(".pdf"))
        .expect("pdf")
        .file_name;
    let docx = &docs
        .iter()
        .find(|d| d.file_name.ends_with(".docx") && d.file_name.starts_with("02_"))
        .expect("docx")
        .file_name;
    assert_eq!(docx.chars().count(), 64);
    assert_eq!(pdf.trim_end_matches(".pdf"), docx.trim_end_matches(".docx"));
}
