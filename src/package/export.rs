//! One export: render, write the folder and the CD image beside it, atomically. Everything is written under a
//! temporary name in the target folder and renamed into place only when complete, so an interrupted or failed
//! export leaves nothing under the final names.
//!
//! Before 定稿 an export is a review copy: `…（草稿）`, documents with the 草稿 mark, and no CD image, so a
//! draft is never burned by mistake. Beside either lies `<name>_打印版.pdf`, for printing the 1式3份.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::layout::{self, Contents, LISTING_NAME, MANIFEST_NAME, PackageFile};
use super::manifest::Manifest;
use super::{CD_BYTES, CD_WARN_BYTES, PackageError, iso};
use crate::model::blob::{BlobSource, CHUNK_BYTES, HashingWriter};
use crate::model::{Draft, validate};

/// How to export: one value, the same from the export page and from `lingjun export`, carried intact to `export`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// Replace a package of the same name (the clerk said so).
    pub overwrite: bool,
    /// Write a .docx beside each PDF (on unless the clerk turned it off: the page's checkbox, `--no-word`).
    pub word: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            overwrite: false,
            word: true,
        }
    }
}

/// Where an export stands, for a progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// 0.0 to 1.0.
    pub fraction: f32,
    pub step: String,
}

/// The suffix of a review copy's folder (and its 打印版).
pub const REVIEW_SUFFIX: &str = "（草稿）";
/// The end of the 打印版's file name, after the package's name.
pub const PRINT_SUFFIX: &str = "_打印版.pdf";

/// What an export wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOutcome {
    pub folder: PathBuf,
    /// The CD image; `None` for a review copy.
    pub iso: Option<PathBuf>,
    /// `<name>_打印版.pdf` beside the folder, not on the disc.
    pub print_pdf: PathBuf,
    pub print_pages: usize,
    /// The 定稿码; `None` for a review copy.
    pub finalize_code: Option<String>,
    pub file_count: usize,
    pub total_bytes: u64,
    pub iso_bytes: u64,
    /// Over 650 MB: fits a 700 MB CD-R only.
    pub is_near_cd_limit: bool,
    pub disc_label: String,
}

/// Exports the package of `draft` (laid out by its own template) into `out_dir`: `<name>/` and `<name>.iso`.
/// Attachment contents come from `blobs` (the drafts database), copied into the folder a chunk at a time.
pub fn export(
    draft: &Draft,
    blobs: &dyn BlobSource,
    out_dir: &Path,
    options: &ExportOptions,
    progress: &dyn Fn(Progress),
    cancel: &AtomicBool,
) -> Result<ExportOutcome, PackageError> {
    refuse_errors(draft)?;
    if super::verify::find_manifest_upwards(out_dir).is_some() {
        return Err(PackageError::OutputInsidePackage {
            path: out_dir.to_owned(),
        });
    }
    let targets = Targets::new(draft, out_dir);
    if !options.overwrite
        && let Some(existing) = targets.existing()
    {
        return Err(PackageError::AlreadyExists { path: existing });
    }
    std::fs::create_dir_all(out_dir).map_err(PackageError::io("创建导出文件夹", out_dir))?;
    let step = |fraction: f32, text: &str| {
        progress(Progress {
            fraction,
            step: text.to_owned(),
        });
    };
    step(0.0, "正在生成推荐报告和汇总表…");
    let contents = package_contents(draft, &targets.name, options, cancel)?;
    write_in_place(draft, blobs, &targets, &contents, options, &step, cancel)?;
    let iso_bytes = if targets.is_final {
        std::fs::metadata(&targets.iso)
            .map(|m| m.len())
            .unwrap_or_default()
    } else {
        0
    };
    step(1.0, "导出完成");
    let total_bytes = contents.total_bytes;
    Ok(ExportOutcome {
        iso: targets.is_final.then_some(targets.iso),
        folder: targets.folder,
        print_pdf: targets.print,
        print_pages: contents.print_pages,
        finalize_code: draft.finalized.as_ref().map(|f| f.code.clone()),
        file_count: contents.files.len(),
        total_bytes,
        iso_bytes,
        is_near_cd_limit: total_bytes.max(iso_bytes) > CD_WARN_BYTES,
        disc_label: super::disc_label_text(draft),
    })
}

/// Any error in the check refuses the export (the review copy too).
fn refuse_errors(draft: &Draft) -> Result<(), PackageError> {
    let issues = validate::validate(draft, &draft.template);
    let errors = issues
        .iter()
        .filter(|i| i.severity == validate::Severity::Error)
        .count();
    if errors > 0 {
        return Err(PackageError::HasErrors { count: errors });
    }
    Ok(())
}

/// Where an export of a draft into a folder puts the package: its name, the folder, the image, the 打印版.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    /// After 定稿; before, the package is a review copy (`…（草稿）`, no image).
    pub is_final: bool,
    pub name: String,
    pub folder: PathBuf,
    pub iso: PathBuf,
    pub print: PathBuf,
}

impl Targets {
    /// The places an export of `draft` into `out_dir` writes.
    pub fn new(draft: &Draft, out_dir: &Path) -> Self {
        let is_final = draft.is_final();
        let mut name = layout::package_name(draft);
        if !is_final {
            name.push_str(REVIEW_SUFFIX);
        }
        Self {
            is_final,
            folder: out_dir.join(&name),
            iso: out_dir.join(format!("{name}.iso")),
            print: out_dir.join(format!("{name}{PRINT_SUFFIX}")),
            name,
        }
    }

    /// The first of the places that exists already (replaced only when the clerk says so); the image only counts
    /// after 定稿, as only then is one written.
    pub fn existing(&self) -> Option<PathBuf> {
        let iso = self.is_final.then_some(&self.iso);
        [Some(&self.folder), iso, Some(&self.print)]
            .into_iter()
            .flatten()
            .find(|path| path.exists())
            .cloned()
    }
}

/// What goes on the disc, and the 打印版 beside it.
struct PackageContents {
    files: Vec<PackageFile>,
    total_bytes: u64,
    print_pdf: Vec<u8>,
    print_pages: usize,
}

/// The documents rendered, the attachments listed, the listing and the manifest made; refused when it would not
/// fit on a CD (or cancelled).
fn package_contents(
    draft: &Draft,
    name: &str,
    options: &ExportOptions,
    cancel: &AtomicBool,
) -> Result<PackageContents, PackageError> {
    let template = &draft.template;
    let word = options
        .word
        .then(|| crate::render::DocxOptions::for_draft(draft));
    // Each document is laid out once, for its PDF and for the 打印版.
    let crate::render::PackageDocuments {
        documents,
        print_pdf,
        print_pages,
    } = crate::render::package_documents(draft, template, word.as_ref())
        .map_err(|e| PackageError::Render(e.to_string()))?;
    let mut files = layout::content_files(draft, documents)?;
    check_cancel(cancel)?;
    let created_at = draft.finalized.as_ref().map_or_else(
        || crate::model::finalize::time_text(chrono::Local::now().fixed_offset()),
        |f| f.at.clone(),
    );
    let listing_manifest = Manifest::new(draft, name, &files, &created_at);
    files.push(PackageFile::bytes(
        LISTING_NAME,
        listing_manifest.listing_text().into_bytes(),
    ));
    let manifest = Manifest::new(draft, name, &files, &created_at);
    files.push(PackageFile::bytes(
        MANIFEST_NAME,
        manifest.to_json().into_bytes(),
    ));
    let total_bytes: u64 = files.iter().map(PackageFile::size).sum();
    if total_bytes > CD_BYTES {
        return Err(PackageError::TooLargeForCd { total_bytes });
    }
    Ok(PackageContents {
        files,
        total_bytes,
        print_pdf,
        print_pages,
    })
}

/// Writes everything under temporary names beside the targets, then renames it into place; on any failure (or
/// cancel) the temporary files go and nothing is left under the final names.
fn write_in_place(
    draft: &Draft,
    blobs: &dyn BlobSource,
    targets: &Targets,
    contents: &PackageContents,
    options: &ExportOptions,
    step: &dyn Fn(f32, &str),
    cancel: &AtomicBool,
) -> Result<(), PackageError> {
    let partial = |target: &Path| {
        let mut name = std::ffi::OsString::from(".");
        name.push(target.file_name().unwrap_or_default());
        name.push(".partial");
        target.with_file_name(name)
    };
    let temp_folder = partial(&targets.folder);
    let temp_iso = partial(&targets.iso);
    let temp_print = partial(&targets.print);
    let iso = targets.is_final.then(|| IsoJob {
        path: temp_iso.as_path(),
        label: layout::volume_label(draft),
        unix: crate::render::created_unix(draft),
    });
    let result = write_all(
        &contents.files,
        blobs,
        &temp_folder,
        iso.as_ref(),
        step,
        cancel,
    )
    .and_then(|()| write_synced(&temp_print, &contents.print_pdf))
    .and_then(|()| {
        step(0.95, "正在完成…");
        check_cancel(cancel)?;
        put_in_place(&temp_folder, &targets.folder, options.overwrite)?;
        put_in_place(&temp_print, &targets.print, options.overwrite)?;
        if targets.is_final {
            put_in_place(&temp_iso, &targets.iso, options.overwrite)?;
        }
        Ok(())
    });
    if result.is_err() {
        remove_any(&temp_folder);
        remove_any(&temp_iso);
        remove_any(&temp_print);
    }
    result
}

/// The CD image to write: where, its label and the moment every date in it says.
struct IsoJob<'a> {
    path: &'a Path,
    label: String,
    unix: i64,
}

fn write_all(
    files: &[PackageFile],
    blobs: &dyn BlobSource,
    temp_folder: &Path,
    iso: Option<&IsoJob<'_>>,
    step: &dyn Fn(f32, &str),
    cancel: &AtomicBool,
) -> Result<(), PackageError> {
    remove_any(temp_folder);
    std::fs::create_dir_all(temp_folder)
        .map_err(PackageError::io("创建临时文件夹", temp_folder))?;
    #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
    let count = files.len().max(1) as f32;
    // Each file is written without waiting for the disk, and all are synced together at the end (after the
    // image, which takes its copies from the page cache): the disk writes them while the next is read out of
    // the database, instead of the export stopping at every file. Nothing is renamed into place before then.
    let mut written = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        check_cancel(cancel)?;
        #[expect(clippy::cast_precision_loss, reason = "a progress fraction")]
        let fraction = 0.1 + 0.5 * i as f32 / count;
        step(fraction, &format!("正在写入 {}", file.path));
        let target = temp_folder.join(file.path.replace('/', std::path::MAIN_SEPARATOR_STR));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(PackageError::io("创建文件夹", parent))?;
        }
        match &file.contents {
            Contents::Bytes(bytes) => write_unsynced(&target, bytes)?,
            Contents::Blob { sha256, size } => copy_blob(blobs, sha256, *size, &target)?,
        }
        written.push(target);
    }
    check_cancel(cancel)?;
    let Some(iso) = iso else {
        return sync_files(&written);
    };
    remove_any(iso.path);
    step(0.65, "正在生成光盘映像（ISO）…");
    iso::write_iso(files, temp_folder, &iso.label, iso.path, iso.unix)?;
    let iso_bytes = std::fs::metadata(iso.path)
        .map_err(PackageError::io("读取光盘映像", iso.path))?
        .len();
    if iso_bytes > CD_BYTES {
        return Err(PackageError::TooLargeForCd {
            total_bytes: iso_bytes,
        });
    }
    sync_files(&written)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), PackageError> {
    write_unsynced(path, bytes)?;
    sync_files(&[path.to_owned()])
}

fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<(), PackageError> {
    std::fs::write(path, bytes).map_err(PackageError::io("写入文件", path))
}

/// Waits until the disk holds each of `paths` (fsync through a new handle covers every write to the file; opened
/// for writing, as Windows' FlushFileBuffers needs).
fn sync_files(paths: &[PathBuf]) -> Result<(), PackageError> {
    for path in paths {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.sync_all())
            .map_err(PackageError::io("写入文件", path))?;
    }
    Ok(())
}

/// Copies an attachment from the store into `path` a chunk at a time, hashing on the way: contents that do not
/// match the digest recorded when the file was added are refused rather than put on the disc.
fn copy_blob(
    blobs: &dyn BlobSource,
    sha256: &str,
    size: u64,
    path: &Path,
) -> Result<(), PackageError> {
    use std::io::Write as _;
    let error = PackageError::io("写入附件", path);
    let result = (|| {
        let file = std::fs::File::create(path)?;
        let mut out = HashingWriter::new(std::io::BufWriter::with_capacity(CHUNK_BYTES, file));
        blobs.copy_blob(sha256, &mut out)?;
        out.flush()?;
        let (writer, actual, bytes) = out.finish();
        if actual != sha256 || bytes != size {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("草稿数据库中的附件内容与添加时不符（SHA-256 {actual}，应为 {sha256}）"),
            ));
        }
        writer
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        Ok(())
    })();
    result.map_err(error)
}

/// Renames `temp` to `target`. An existing target (only with the clerk's word) is moved aside first and removed
/// only after the new one is in place, so there is always one complete package under the final name.
fn put_in_place(temp: &Path, target: &Path, overwrite: bool) -> Result<(), PackageError> {
    if target.exists() {
        if !overwrite {
            return Err(PackageError::AlreadyExists {
                path: target.to_owned(),
            });
        }
        let mut aside_name = std::ffi::OsString::from(".");
        aside_name.push(target.file_name().unwrap_or_default());
        aside_name.push(".old");
        let aside = target.with_file_name(aside_name);
        remove_any(&aside);
        std::fs::rename(target, &aside).map_err(PackageError::io("移开旧的报送材料", target))?;
        if let Err(e) = std::fs::rename(temp, target) {
            std::fs::rename(&aside, target).ok();
            return Err(PackageError::io("放置报送材料", target)(e));
        }
        remove_any(&aside);
        return Ok(());
    }
    std::fs::rename(temp, target).map_err(PackageError::io("放置报送材料", target))
}

fn remove_any(path: &Path) {
    if path.is_dir() {
        std::fs::remove_dir_all(path).ok();
    } else if path.exists() {
        std::fs::remove_file(path).ok();
    }
}

fn check_cancel(cancel: &AtomicBool) -> Result<(), PackageError> {
    if cancel.load(Ordering::Relaxed) {
        Err(PackageError::Cancelled)
    } else {
        Ok(())
    }
}
