//! Why a file could not be imported. Every variant leaves the drafts untouched; the text is the clerk's sentence.

use std::path::PathBuf;

/// A file was refused, with the reason.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A format we do not read: the clerk can save it as .docx.
    #[error(
        "这是{kind}文件，无法直接导入。请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）后再导入"
    )]
    SaveAsDocx { kind: &'static str },
    /// A password-protected Word file (an OLE container holding an encrypted package).
    #[error("文件设有密码（已加密），无法读取。请在 Word 或 WPS 中取消密码，另存为 .docx 后再导入")]
    Encrypted,
    /// Larger than any report could be.
    #[error("文件有 {} MB，超过导入上限 {} MB，已拒绝", size_bytes / 1_048_576, limit_bytes / 1_048_576)]
    TooLarge { size_bytes: u64, limit_bytes: u64 },
    /// A part would unpack to more than the limit (declared or found while reading): a damaged file or a zip bomb.
    #[error("文件中的 {part} 解压后超过 {} MB（可能已损坏或是恶意构造的文件），已拒绝", limit_bytes / 1_048_576)]
    Unpacks { part: String, limit_bytes: u64 },
    /// Not a readable zip or XML.
    #[error("文件已损坏，无法读取（{reason}）")]
    Damaged { reason: String },
    /// A zip, but not a Word document.
    #[error("这不是 Word 文档（.docx）：文件中没有正文部分 word/document.xml")]
    NotWord,
    /// Neither .docx nor .txt.
    #[error("只能导入 Word 文档（.docx）或文本文件（.txt）")]
    Unsupported,
    /// A .txt in neither UTF-8 nor GB18030 (or not text at all).
    #[error("文本文件的编码无法识别（应为 UTF-8 或 GB18030/GBK），或者它不是文本文件")]
    Encoding,
    /// The file could not be read.
    #[error("无法读取文件（{source}）：{}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// There is no enterprise at this place.
    #[error("没有第 {number} 家企业（共 {count} 家）")]
    NoSuchEnterprise { number: usize, count: usize },
    /// A batch import would go beyond the template's quota.
    #[error("已达到推荐名额（{quota} 家），不能再导入新的企业")]
    QuotaReached { quota: usize },
    /// The drafts are final (定稿) and read-only.
    #[error("草稿已定稿，不能导入。请先取消定稿")]
    Final,
}
