//! The disc-ready package (docs/package.md): the folder of documents and attachments with its manifests, the Joliet CD
//! image beside it, and `verify`, which proves a folder, an image or a burned disc holds what the manifest lists.

mod error;
mod export;
mod iso;
mod iso_time;
pub mod layout;
pub mod manifest;
mod verify;

pub use error::{PackageError, mb};
pub use export::{
    ExportOptions, ExportOutcome, PRINT_SUFFIX, Progress, REVIEW_SUFFIX, Targets, export,
};
pub use iso::{read_iso, write_iso};
pub use verify::{ChangedFile, VerifyReport, verify};

use crate::model::Draft;

/// A 700 MB CD-R's capacity; a larger package is refused.
pub use crate::model::draft::CD_BYTES;
/// A 650 MB CD-R holds 681 984 000 bytes; above this the clerk is warned to use a 700 MB disc.
pub const CD_WARN_BYTES: u64 = 681_984_000;

/// The folder the package goes to unless the clerk picks another: `领军导出` in the user's 文档 (Documents)
/// folder, e.g. `C:\Users\<name>\Documents\领军导出` or its OneDrive copy when 文档 is synced; the home folder
/// if the system names no 文档 folder. None only when neither is known.
pub fn default_export_dir() -> Option<std::path::PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs.document_dir().unwrap_or_else(|| dirs.home_dir());
    Some(base.join(DEFAULT_EXPORT_FOLDER))
}

/// The name of the default export folder inside 文档.
pub const DEFAULT_EXPORT_FOLDER: &str = "领军导出";

/// The text to write on the disc with a marker (盘面标注): unit, title, year, date and the 定稿码.
pub fn disc_label_text(draft: &Draft) -> String {
    let date = crate::model::draft::parse_date(&draft.unit.date).map_or_else(
        || draft.unit.date.clone(),
        |d| d.format("%Y年%-m月%-d日").to_string(),
    );
    let code = draft.finalized.as_ref().map_or_else(
        || "未定稿（审阅稿）".to_owned(),
        |f| format!("定稿码 {}", f.code),
    );
    format!(
        "{}\n质量强国建设领军企业推荐材料（电子版）\n{}年度\n{}\n{code}",
        draft.unit.name.trim(),
        draft.batch.year,
        date
    )
}
