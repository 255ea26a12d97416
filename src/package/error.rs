//! What can go wrong while building, writing or verifying the disc package.

use std::path::PathBuf;

/// A failed export or verify. Each variant carries what the clerk needs to act; `user_text` says it in Chinese.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("the drafts have {count} errors")]
    HasErrors { count: usize },
    #[error("document rendering failed: {0}")]
    Render(String),
    #[error("package of {total_bytes} bytes is larger than a CD-R")]
    TooLargeForCd { total_bytes: u64 },
    #[error("a package of that name exists: {path}")]
    AlreadyExists { path: PathBuf },
    #[error("the output folder is inside a package: {path}")]
    OutputInsidePackage { path: PathBuf },
    #[error("a file name is longer than Joliet allows: {name}")]
    NameTooLong { name: String },
    #[error("export cancelled")]
    Cancelled,
    #[error("cannot write the CD image: {0}")]
    Iso(String),
    #[error("no manifest.json found: {path}")]
    NoManifest { path: PathBuf },
    #[error("manifest.json is not valid ({reason}): {path}")]
    BadManifest { path: PathBuf, reason: String },
    #[error("{action} failed: {path}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl PackageError {
    /// Wraps an I/O error with what was being done and to which path.
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }

    /// The sentence the clerk reads, in Chinese, with what to do next.
    pub fn user_text(&self) -> String {
        match self {
            Self::HasErrors { count } => {
                format!("报送前检查还有 {count} 个错误，改正后才能导出。请打开“报送前检查”页查看。")
            }
            Self::Render(reason) => format!("生成文档时出错：{reason}"),
            Self::TooLargeForCd { total_bytes } => format!(
                "报送材料共 {:.1} MB，超过一张 700 MB 光盘的容量（737 280 000 字节）。请压缩或删减附件后再导出。",
                mb(*total_bytes)
            ),
            Self::AlreadyExists { path } => {
                format!(
                    "目标位置已有同名的报送材料，没有覆盖：{}\n如需替换，请确认覆盖后再导出。",
                    path.display()
                )
            }
            Self::OutputInsidePackage { path } => format!(
                "不能把报送材料导出到另一个报送材料文件夹里面，请换一个文件夹：{}",
                path.display()
            ),
            Self::NameTooLong { name } => format!("文件名超过光盘允许的 64 个字符：{name}"),
            Self::Cancelled => "已取消导出，没有留下不完整的文件。".to_owned(),
            Self::Iso(reason) => format!("生成光盘映像时出错：{reason}"),
            Self::NoManifest { path } => format!(
                "这里没有找到 manifest.json，不是领军导出的报送材料（或光盘未放入）：{}",
                path.display()
            ),
            Self::BadManifest { path, reason } => {
                format!(
                    "manifest.json 已损坏或被改动（{reason}）：{}",
                    path.display()
                )
            }
            Self::Io {
                action,
                path,
                source,
            } => {
                format!(
                    "{action}失败（{}）：{}",
                    crate::user_path::io_reason(source),
                    path.display()
                )
            }
        }
    }
}

/// Bytes as megabytes for messages.
pub fn mb(bytes: u64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "shown to one decimal")]
    let value = bytes as f64 / 1_000_000.0;
    value
}
