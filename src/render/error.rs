//! What can go wrong while turning the drafts into documents.

/// A document could not be produced. The text is short and meant for the log; the CLI and the window say
/// it in Chinese around it.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// There is no enterprise at this place in the recommendation order.
    #[error("没有第 {} 家企业（共 {count} 家）", index + 1)]
    NoSuchEnterprise { index: usize, count: usize },
    /// A bundled font could not be read by the PDF writer.
    #[error("内置字体无法读取：{font}")]
    Font { font: &'static str },
    /// The PDF writer reported an error while writing.
    #[error("PDF 写入失败：{message}")]
    Pdf { message: String },
    /// The spreadsheet writer failed.
    #[error("Excel 表格写入失败：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The Word file could not be assembled.
    #[error("Word 文件写入失败：{message}")]
    Docx { message: String },
}
