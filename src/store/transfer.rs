//! Backup to and restore from a drafts file (docs/formats.md). Restoring keeps a copy of what it replaces.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{Store, StoreError};
use crate::model::blob::{BlobSource, CHUNK_BYTES};
use crate::model::drafts_file::{self, DraftsFileError};
use crate::model::pool::Pool;
use crate::model::template::{KeptText, TemplateFileError, read_template_file, replace_template};
use crate::model::{Draft, Template};

/// What a restore did.
#[derive(Debug)]
pub struct RestoreOutcome {
    pub draft: Draft,
    /// The 标杆企业库 restored with it (empty from a drafts file of version 1 or 2).
    pub pool: Pool,
    /// Fields this version does not know; they are kept and written again by the next backup.
    pub unknown_fields: Vec<String>,
    /// Where the drafts that were replaced were saved first.
    pub safety_copy: Option<PathBuf>,
    /// What changed about the 定稿 state on the way in (an old 定稿 tick dropped), for the clerk.
    pub notes: Vec<String>,
}

/// Why a backup or restore did not happen; the current drafts are unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("drafts file refused: {0}")]
    File(#[from] DraftsFileError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl TransferError {
    /// The sentence the clerk reads.
    pub fn user_text(&self) -> String {
        match self {
            Self::File(e) => format!("草稿文件无法恢复，当前草稿没有改动。{e}"),
            Self::Store(e) => e.user_text(),
            Self::Write { path, source } => format!("无法写入文件（{source}）：{}", path.display()),
        }
    }
}

/// Writes the draft and the pool to `path` as a drafts file. Written beside the target and renamed, so a failed
/// write never leaves half a backup under the clerk's chosen name.
/// Attachment contents are streamed from `blobs` as base64, so memory does not grow with them.
pub fn backup_to_file(
    draft: &Draft,
    pool: &Pool,
    blobs: &dyn BlobSource,
    path: &Path,
) -> Result<(), TransferError> {
    write_atomically(path, &mut |out| {
        drafts_file::write_with_pool(draft, pool, blobs, out)
    })
}

/// Reads `path` and, only if it is a valid drafts file, replaces the stored drafts with it. The drafts it
/// replaces are first written to `safety_dir` (when given) so that a wrong restore can be undone.
pub fn restore_from_file(
    store: &mut Store,
    path: &Path,
    safety_dir: Option<&Path>,
) -> Result<RestoreOutcome, TransferError> {
    store.ensure_editable()?;
    // Contents go straight into the store; until the save below refers to them they are unused, and the next
    // start removes them if the restore does not complete.
    let read = drafts_file::read_file(path, store)?;
    let safety_copy = write_safety_copy(store, safety_dir)?;
    store.replace_with_pool(&read.draft, &read.pool)?;
    Ok(RestoreOutcome {
        draft: read.draft,
        pool: read.pool,
        unknown_fields: read.unknown_fields,
        safety_copy,
        notes: read.notes,
    })
}

/// Writes a template file (docs/formats.md) to `path`, atomically.
pub fn export_template(template: &Template, path: &Path) -> Result<(), TransferError> {
    let text = template.to_json();
    write_atomically(path, &mut |w| w.write_all(text.as_bytes()))
}

/// Why a template import did not happen; the stored drafts are unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum TemplateImportError {
    #[error("template file refused: {0}")]
    File(#[from] TemplateFileError),
    /// The new template would stop showing text; `--force` (or the window's confirmation) is needed.
    #[error("template would hide {} texts", .0.len())]
    WouldHide(Vec<KeptText>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads a template file and, only if it is valid (and hides no text unless `force`), makes it the stored
/// batch's template in one transaction. Returns the new draft and the text that stopped showing (kept).
pub fn import_template(
    store: &mut Store,
    path: &Path,
    force: bool,
    today: chrono::NaiveDate,
) -> Result<(Draft, Vec<KeptText>), TemplateImportError> {
    // The template is part of what a 定稿 froze: refused while final, before the file is even read.
    store.ensure_editable()?;
    let template = read_template_file(path)?;
    let mut draft = store.load()?.unwrap_or_else(|| Draft::new(today));
    let hidden =
        replace_template(&mut draft, template, force).map_err(TemplateImportError::WouldHide)?;
    store.save(&draft)?;
    Ok((draft, hidden))
}

/// Writes the stored drafts (if any) to `safety_dir` as a drafts file named by the time, before a restore.
pub(super) fn write_safety_copy(
    store: &Store,
    safety_dir: Option<&Path>,
) -> Result<Option<PathBuf>, TransferError> {
    match (safety_dir, store.load()?) {
        (Some(dir), Some(current)) => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let copy = dir.join(format!("恢复前的草稿-{stamp}.json"));
            std::fs::create_dir_all(dir).map_err(|source| TransferError::Write {
                path: dir.to_owned(),
                source,
            })?;
            backup_to_file(&current, &store.load_pool()?, store, &copy)?;
            Ok(Some(copy))
        }
        _ => Ok(None),
    }
}

/// The folder for safety copies beside a database file: `<data folder>/backups`.
pub fn safety_dir_for(db_path: &Path) -> Option<PathBuf> {
    db_path.parent().map(|p| p.join("backups"))
}

fn write_atomically(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), TransferError> {
    let error = |source| TransferError::Write {
        path: path.to_owned(),
        source,
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| error(std::io::Error::other("不是文件路径")))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(".part");
    let temp = path.with_file_name(temp_name);
    let result = (|| {
        let mut file =
            std::io::BufWriter::with_capacity(CHUNK_BYTES, std::fs::File::create(&temp)?);
        write(&mut file)?;
        file.flush()?;
        let file = file
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        std::fs::remove_file(&temp).ok();
    }
    result.map_err(error)
}
