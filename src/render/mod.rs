//! Drafts → documents: the 推荐报告 of each enterprise and the 推荐名单汇总表, as PDF (and the table as .xlsx).
//!
//! A small layout engine of our own turns the drafts into a display list (`display::Layout`: pages of
//! positioned text runs, rules and fills, in points). Two consumers draw that same list: `pdf::write_pdf`
//! (printpdf, fonts embedded as subsets) and the window's print preview, so the preview is the printed page.
//!
//! | file          | its one job                                                         |
//! |---------------|---------------------------------------------------------------------|
//! | `all_documents` | every document and the 打印版 from one layout each, on threads      |
//! | `display`     | the display list types and page sizes                               |
//! | `metrics`     | glyph advances from the bundled fonts, printable text               |
//! | `linebreak`   | CJK line breaking with 避头尾, Latin words kept whole               |
//! | `flow`        | the page cursor: paragraphs flowed over pages                       |
//! | `table`       | ruled tables with wrapping cells and repeated header rows          |
//! | `page_marks`  | folios "— N —", the 定稿码 footer and the 草稿 mark                 |
//! | `outline`     | text as glyph outlines (the 草稿 mark, never extractable)           |
//! | `report`      | the 推荐报告 layout (GB/T 9704 style)                               |
//! | `summary`     | the 推荐名单汇总表 layout                                           |
//! | `pdf`         | display list → PDF bytes                                            |
//! | `xlsx`        | the summary table as a workbook                                     |
//! | `docx`        | the report and the table as Word files (fonts of a Chinese office)  |

mod all_documents;
pub mod display;
pub mod docx;
mod error;
mod fixed_zip;
pub mod flow;
pub mod linebreak;
pub mod metrics;
mod outline;
pub mod page_marks;
pub mod pdf;
pub mod pool_xlsx;
pub mod report;
pub mod summary;
pub mod table;
mod xlsx;

pub use all_documents::{PackageDocuments, package_documents};
pub use display::{FontKind, Item, Layout, Page, TextRun};
pub use docx::DocxOptions;
pub use error::RenderError;
pub use report::report_layout;
pub use summary::summary_layout;

use crate::model::{Draft, Template};

/// A finished document and the file name it goes under (docs/package.md, "File names").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// File name of the summary table as PDF.
pub const SUMMARY_PDF_NAME: &str = "01_推荐名单汇总表.pdf";
/// File name of the summary table as a Word file.
pub const SUMMARY_DOCX_NAME: &str = "01_推荐名单汇总表.docx";
/// File name of the summary table as a workbook.
pub const SUMMARY_XLSX_NAME: &str = "01_推荐名单汇总表.xlsx";

/// When the documents say they were made: the 定稿 time, so that the same 定稿 always gives the same bytes;
/// the present moment for a review copy.
pub fn created_unix(draft: &Draft) -> i64 {
    crate::model::finalize::final_time(draft)
        .map_or_else(|| chrono::Utc::now().timestamp(), |t| t.timestamp())
}

/// The 推荐报告 of enterprise `index` (0-based, in recommendation order) as PDF.
pub fn report_pdf(
    draft: &Draft,
    index: usize,
    template: &Template,
) -> Result<Vec<u8>, RenderError> {
    pdf::write_pdf(&report_layout(draft, index, template)?)
}

/// The 推荐名单汇总表 as PDF.
pub fn summary_pdf(draft: &Draft) -> Result<Vec<u8>, RenderError> {
    pdf::write_pdf(&summary_layout(draft))
}

/// The 推荐名单汇总表 as an .xlsx workbook.
pub fn summary_xlsx(draft: &Draft) -> Result<Vec<u8>, RenderError> {
    xlsx::summary_xlsx(draft)
}

/// 打印版: the 汇总表 and every report in order, each starting on an odd page (a blank back inserted where
/// needed), so the 1式3份 print duplex in one go. Returns the PDF and its page count.
pub fn print_pdf(draft: &Draft, template: &Template) -> Result<(Vec<u8>, usize), RenderError> {
    all_documents::print_pdf(draft, template)
}

/// The name of enterprise `index`'s report before it is made safe: `02_推荐报告_<n>_<企业名称>.pdf`.
pub fn report_file_name(draft: &Draft, index: usize) -> String {
    let name = draft
        .enterprises
        .get(index)
        .map_or("未命名企业", |e| e.display_name());
    format!("02_推荐报告_{}_{name}.pdf", index + 1)
}

/// All documents with the file names of docs/package.md: 01_推荐名单汇总表.pdf, 01_推荐名单汇总表.xlsx, then
/// 02_推荐报告_<n>_<企业名称>.pdf in recommendation order; every name Windows/Joliet safe and unique.
pub fn documents(draft: &Draft, template: &Template) -> Result<Vec<Document>, RenderError> {
    documents_with(draft, template, None)
}

/// All documents as `documents` lists them and, when `word` is given, a .docx of the same name beside each PDF
/// (docs/documents.md): 01_推荐名单汇总表.pdf, .docx, .xlsx, then each report's .pdf and .docx.
pub fn documents_with(
    draft: &Draft,
    template: &Template,
    word: Option<&DocxOptions>,
) -> Result<Vec<Document>, RenderError> {
    all_documents::documents(draft, template, word)
}
