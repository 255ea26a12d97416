//! What can go wrong with the drafts database.

use std::path::PathBuf;

/// A failure of the drafts database; each message names the file last.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not a lingjun drafts database: {path}")]
    NotADatabase { path: PathBuf },
    #[error("database damaged ({detail}): {path}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "database written by a newer lingjun (schema {found}, this one knows up to {supported}): {path}"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("database in use by another lingjun window: {path}")]
    Busy { path: PathBuf },
    #[error("cannot lock the drafts database: {path}")]
    LockFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot create the data folder: {path}")]
    CreateFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the backup copy: {path}")]
    BackupWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("stored template unreadable: {detail}")]
    BadTemplate { detail: String },
    #[error("a batch of {year} exists already")]
    BatchExists { year: i32 },
    #[error("archived batch {year} unreadable: {detail}")]
    BadArchive { year: i32, detail: String },
    #[error("pool entry {position} unreadable: {detail}")]
    BadPoolEntry { position: i64, detail: String },
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("attachment contents: {0}")]
    BlobIo(#[source] std::io::Error),
    /// The thread that saves in the background could not be started.
    #[error("cannot start the save thread: {0}")]
    SaveThreadStart(#[source] std::io::Error),
    /// The thread that saves in the background has ended (it only does when it panicked): the edits since the
    /// last save are not in the database.
    #[error("the save thread has stopped")]
    SaveThreadStopped,
    #[error("attachment too large: {size} bytes")]
    BlobTooLarge { size: u64 },
    #[error("cancelled")]
    Cancelled,
    /// A section's stored tables are not the JSON this program writes.
    #[error("section tables: {detail}")]
    BadSectionTables { detail: String },
    /// The stored 定稿 state is not the JSON this program writes.
    #[error("定稿 state: {0}")]
    FinalState(#[from] serde_json::Error),
    /// The drafts are final: nothing may replace or change them until 取消定稿.
    #[error("drafts are final: {0}")]
    Frozen(#[from] crate::model::finalize::Frozen),
}

impl StoreError {
    /// The sentence the clerk reads, in Chinese, with what to do about it.
    pub fn user_text(&self) -> String {
        match self {
            Self::NotADatabase { path } => format!(
                "文件不是领军的草稿数据库，程序没有改动它：{}\n请检查路径，或用 --db 指定另一个文件。",
                path.display()
            ),
            Self::Corrupt { path, detail } => format!(
                "草稿数据库已损坏（{detail}），程序没有改动它：{}\n请从备份恢复，或把该文件交给技术人员。",
                path.display()
            ),
            Self::TooNew {
                path,
                found,
                supported,
            } => format!(
                "草稿数据库由更新版本的领军写入（结构版本 {found}，本程序最高支持 {supported}），为免损坏，程序没有打开它：{}\n请安装新版领军。",
                path.display()
            ),
            Self::Busy { path } => format!(
                "草稿数据库正被另一个领军窗口使用：{}\n请切换到那个窗口继续填写，或先关闭它。",
                path.display()
            ),
            Self::LockFile { path, source } => format!(
                "无法锁定草稿数据库（{source}），为免两个窗口互相覆盖，程序没有打开它：{}\n请检查该文件夹是否可写。",
                path.display()
            ),
            Self::CreateFolder { path, source } => {
                format!("无法创建数据文件夹（{source}）：{}", path.display())
            }
            Self::BackupWrite { path, source } => {
                format!("无法写入自动备份（{source}）：{}", path.display())
            }
            Self::BadTemplate { detail } => format!(
                "草稿数据库中保存的模板无法读取（{detail}），程序没有改动数据库。请从备份恢复。"
            ),
            Self::BatchExists { year } => {
                format!("数据库中已有 {year} 年度或更晚的批次，不能再新建 {year} 年度批次。")
            }
            Self::BadArchive { year, detail } => {
                format!("已归档的 {year} 年度批次无法读取（{detail}），程序没有改动数据库。")
            }
            Self::BadSectionTables { detail } => format!(
                "草稿数据库中保存的章节表格无法读取（{detail}），程序没有改动数据库。请从备份恢复。"
            ),
            Self::BadPoolEntry { position, detail } => format!(
                "标杆企业库的第 {} 条无法读取（{detail}），程序没有改动数据库。请从备份恢复。",
                position + 1
            ),
            Self::Sqlite(e) => format!("草稿数据库读写失败：{e}"),
            Self::BlobIo(e) => format!("附件读写失败：{e}"),
            Self::SaveThreadStart(e) => format!("无法启动保存线程（{e}），请重新启动程序。"),
            Self::SaveThreadStopped => {
                "保存线程已停止，最近的修改没有保存。请重新启动程序。".to_owned()
            }
            Self::BlobTooLarge { size } => format!("附件太大（{size} 字节）"),
            Self::Cancelled => "已取消，附件没有添加".to_owned(),
            Self::FinalState(e) => format!("草稿数据库中的定稿记录无法读取：{e}"),
            Self::Frozen(f) => crate::model::messages::frozen_text(f),
        }
    }
}
