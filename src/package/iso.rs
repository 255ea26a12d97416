//! The CD image: ISO 9660 with Joliet names (Chinese file names intact), which Windows' own "Burn disc image"
//! writes to a CD-R as it is. Written with hadris-iso; read back with it for `verify`. Attachments are streamed
//! into the image from the package folder written just before (hadris-iso's `FileSource`), and `verify` hashes
//! the image's files a chunk at a time: memory stays bounded however large the scans.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use hadris_iso::file::EntryType;
use hadris_iso::joliet::JolietLevel;
use hadris_iso::read::DirEntry;
use hadris_iso::read::{IsoImage, PathSeparator};
use hadris_iso::write::options::{CreationFeatures, IsoFormatOptions};
use hadris_iso::write::{FileSource, InputEntry, InputEntryKind, InputTree, IsoImageWriter};

use super::PackageError;
use super::layout::{Contents, PackageFile, check_names};

/// Writes `files` (paths relative to the disc's root) as an ISO image at `path`, every date set to `unix`.
/// Files held in the store (attachments) are read from `folder`, where the export has just written them.
pub fn write_iso(
    files: &[PackageFile],
    folder: &Path,
    volume_label: &str,
    path: &Path,
    unix: i64,
) -> Result<(), PackageError> {
    for file in files {
        check_names(&file.path)?;
    }
    let input = InputTree::new(PathSeparator::ForwardSlash, tree(files, folder)?);
    let options = IsoFormatOptions {
        volume_name: volume_label.to_owned(),
        system_id: None,
        volume_set_id: None,
        publisher_id: None,
        preparer_id: None,
        application_id: Some(format!("LINGJUN {}", crate::VERSION)),
        sector_size: 2048,
        path_separator: PathSeparator::ForwardSlash,
        features: CreationFeatures::joliet(JolietLevel::Level3),
        strict_charset: false,
    };
    // The writer reads back what it wrote (path tables, directory extents), so the file is opened read-write.
    let mut out = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(PackageError::io("创建光盘映像", path))?;
    IsoImageWriter::create(&mut out, input, options)
        .map_err(|e| PackageError::Iso(format!("{e:?}")))?;
    drop(out);
    super::iso_time::set_times(path, unix).map_err(PackageError::io("写入光盘映像", path))
}

/// The nested directory tree hadris-iso wants, from flat `/`-separated paths.
fn tree(files: &[PackageFile], folder: &Path) -> Result<Vec<InputEntry>, PackageError> {
    #[derive(Default)]
    struct Dir {
        dirs: BTreeMap<String, Dir>,
        files: Vec<(String, InputEntryKind)>,
    }
    fn into_entries(dir: Dir) -> Vec<InputEntry> {
        let mut entries: Vec<InputEntry> = dir
            .dirs
            .into_iter()
            .map(|(name, sub)| InputEntry::directory(name, into_entries(sub)))
            .collect();
        entries.extend(dir.files.into_iter().map(|(name, kind)| InputEntry {
            name: Arc::new(name),
            kind,
            metadata: hadris_iso::write::InputMetadata::default(),
        }));
        entries
    }
    let mut root = Dir::default();
    for file in files {
        let mut parts: Vec<&str> = file.path.split('/').collect();
        let name = parts.pop().unwrap_or_default().to_owned();
        let mut dir = &mut root;
        for part in &parts {
            dir = dir.dirs.entry((*part).to_owned()).or_default();
        }
        let kind = match &file.contents {
            Contents::Bytes(bytes) => InputEntryKind::File(bytes.to_vec()),
            Contents::Blob { .. } => {
                let on_disk = folder.join(file.path.replace('/', std::path::MAIN_SEPARATOR_STR));
                let source = FileSource::from_path(&on_disk)
                    .map_err(PackageError::io("读取附件", &on_disk))?;
                InputEntryKind::Source(source)
            }
        };
        dir.files.push((name, kind));
    }
    Ok(into_entries(root))
}

/// Size and lower-hex SHA-256 of each file, by `/`-separated path.
pub type FileDigests = BTreeMap<String, (u64, String)>;

/// Every file in the image's Joliet tree with its size and SHA-256, by `/`-separated path, read a chunk at a
/// time; and the contents of `keep` (the manifest), which is small.
pub fn hash_iso(path: &Path, keep: &str) -> Result<(FileDigests, Option<Vec<u8>>), PackageError> {
    let (image, root) = open_image(path)?;
    let mut out = BTreeMap::new();
    let mut kept = None;
    walk(&image, root, "", &mut |path, entry| {
        if path == keep {
            kept = Some(image.read_file(entry).map_err(|e| iso_error(&e))?);
        }
        out.insert(path.to_owned(), hash_entry(&image, entry)?);
        Ok(())
    })?;
    Ok((out, kept))
}

fn hash_entry(image: &Image, entry: &DirEntry) -> Result<(u64, String), PackageError> {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; crate::model::blob::CHUNK_BYTES];
    let mut size = 0u64;
    for extent in entry.extents() {
        let mut offset = extent.sector.0 as u64 * 2048;
        let mut left = u64::from(extent.length);
        while left > 0 {
            let n = usize::try_from(left.min(buffer.len() as u64)).unwrap_or(buffer.len());
            image
                .read_bytes_at(offset, &mut buffer[..n])
                .map_err(|e| iso_error(&e))?;
            hasher.update(&buffer[..n]);
            offset += n as u64;
            left -= n as u64;
            size += n as u64;
        }
    }
    Ok((size, crate::model::draft::lower_hex(&hasher.finalize())))
}

fn iso_error(e: &dyn std::fmt::Debug) -> PackageError {
    PackageError::Iso(format!("{e:?}"))
}

/// Every file in the image's Joliet tree with its contents, by `/`-separated path (for tests and small images;
/// `verify` uses `hash_iso`).
pub fn read_iso(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let (image, root) = open_image(path)?;
    let mut out = BTreeMap::new();
    walk(&image, root, "", &mut |path, entry| {
        out.insert(
            path.to_owned(),
            image.read_file(entry).map_err(|e| iso_error(&e))?,
        );
        Ok(())
    })?;
    Ok(out)
}

type Image = IsoImage<BufReader<std::fs::File>>;

fn open_image(path: &Path) -> Result<(Image, hadris_iso::directory::DirectoryRef), PackageError> {
    let file = std::fs::File::open(path).map_err(PackageError::io("打开光盘映像", path))?;
    let image =
        IsoImage::open(BufReader::new(file)).map_err(|e| PackageError::Iso(e.to_string()))?;
    let roots = image.root_dirs();
    let root = roots
        .iter()
        .find(|r| matches!(r.entry_type(), EntryType::Joliet { .. }))
        .copied()
        .or_else(|| roots.try_best_choice())
        .ok_or_else(|| PackageError::Iso("映像中没有目录".to_owned()))?;
    let dir_ref = root.dir_ref();
    Ok((image, dir_ref))
}

fn walk(
    image: &Image,
    dir_ref: hadris_iso::directory::DirectoryRef,
    prefix: &str,
    visit: &mut dyn FnMut(&str, &DirEntry) -> Result<(), PackageError>,
) -> Result<(), PackageError> {
    for entry in image.open_dir(dir_ref).entries() {
        let entry = entry.map_err(|e| iso_error(&e))?;
        if entry.is_special() {
            continue;
        }
        let name = joliet_name(entry.name());
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if entry.is_directory() {
            let sub = entry.as_dir_ref(image).map_err(|e| iso_error(&e))?;
            walk(image, sub, &path, visit)?;
        } else {
            visit(&path, &entry)?;
        }
    }
    Ok(())
}

/// Decodes a Joliet (UTF-16BE) name and drops the `;1` version.
fn joliet_name(raw: &[u8]) -> String {
    let units: Vec<u16> = raw
        .chunks_exact(2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .collect();
    let name = String::from_utf16_lossy(&units);
    match name.rsplit_once(';') {
        Some((base, version))
            if !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base.to_owned()
        }
        _ => name,
    }
}
