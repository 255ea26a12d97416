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
    /// A part of a .docx packs far better than any real text does: the compression-ratio guard against zip bombs.
    #[error(
        "文件中的 {part} 压缩比异常：{} KB 解压为 {} MB，超过 {ratio_limit} 倍的压缩比上限（可能是恶意构造的文件），已拒绝",
        packed_bytes / 1024,
        unpacked_bytes / 1_048_576
    )]
    Ratio {
        part: String,
        packed_bytes: u64,
        unpacked_bytes: u64,
        ratio_limit: u64,
    },
    /// A Word 97–2003 .doc whose structure is broken (the cause says which part, in Chinese).
    #[error(
        "Word 97-2003 文档（.doc）已损坏，无法读取（{reason}）。如果 Word 或 WPS 能打开它，请“另存为” Word 文档（.docx）后再导入"
    )]
    DocDamaged { reason: String },
    /// A .doc that claims more text than any report has: damaged or built to exhaust memory.
    #[error(
        "Word 97-2003 文档（.doc）声称正文有 {chars} 个字符，超过导入上限 {limit} 个（可能已损坏或是恶意构造的文件），已拒绝"
    )]
    DocTooLong { chars: u64, limit: u64 },
    /// An OLE compound file without a Word text stream: Excel, PowerPoint or another old format.
    #[error(
        "这不是 Word 文档：文件是 OLE 复合文件（Excel、PowerPoint 等旧格式也用它），但其中没有 Word 正文（WordDocument 流）"
    )]
    NotWordOle,
    /// Not a readable zip or XML.
    #[error("文件已损坏，无法读取（{reason}）")]
    Damaged { reason: String },
    /// A zip, but not a Word document.
    #[error("这不是 Word 文档（.docx）：文件中没有正文部分 word/document.xml")]
    NotWord,
    /// Neither .docx, .doc nor .txt.
    #[error("只能导入 Word 文档（.docx、.doc）或文本文件（.txt）")]
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
