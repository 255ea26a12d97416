//! The CD image: ISO 9660 with Joliet names (Chinese file names intact), which Windows' own "Burn disc image"
//! writes to a CD-R as it is. Written with hadris-iso; read back with it for `verify`.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;

use hadris_iso::file::EntryType;
use hadris_iso::joliet::JolietLevel;
use hadris_iso::read::{IsoImage, PathSeparator};
use hadris_iso::write::options::{CreationFeatures, IsoFormatOptions};
use hadris_iso::write::{File as IsoFile, InputFiles, IsoImageWriter};

use super::PackageError;
use super::layout::{PackageFile, check_names};

/// Writes `files` (paths relative to the disc's root) as an ISO image at `path`.
pub fn write_iso(
    files: &[PackageFile],
    volume_label: &str,
    path: &Path,
) -> Result<(), PackageError> {
    for file in files {
        check_names(&file.path)?;
    }
    let input = InputFiles {
        path_separator: PathSeparator::ForwardSlash,
        files: tree(files),
    };
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
    out.sync_all()
        .map_err(PackageError::io("写入光盘映像", path))?;
    Ok(())
}

/// The nested directory tree hadris-iso wants, from flat `/`-separated paths.
fn tree(files: &[PackageFile]) -> Vec<IsoFile> {
    #[derive(Default)]
    struct Dir {
        dirs: BTreeMap<String, Dir>,
        files: Vec<(String, Arc<[u8]>)>,
    }
    fn into_entries(dir: Dir) -> Vec<IsoFile> {
        let mut entries: Vec<IsoFile> = dir
            .dirs
            .into_iter()
            .map(|(name, sub)| IsoFile::Directory {
                name: Arc::new(name),
                children: into_entries(sub),
            })
            .collect();
        entries.extend(dir.files.into_iter().map(|(name, bytes)| IsoFile::File {
            name: Arc::new(name),
            contents: bytes.to_vec(),
        }));
        entries
    }
    let mut root = Dir::default();
    for file in files {
        let mut parts: Vec<&str> = file.path.split('/').collect();
        let name = parts.pop().unwrap_or_default().to_owned();
        let mut dir = &mut root;
        for part in parts {
            dir = dir.dirs.entry(part.to_owned()).or_default();
        }
        dir.files.push((name, file.bytes.clone()));
    }
    into_entries(root)
}

/// Every file in the image's Joliet tree with its contents, by `/`-separated path.
pub fn read_iso(path: &Path) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
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
    let mut out = BTreeMap::new();
    read_dir(&image, root.dir_ref(), "", &mut out)?;
    Ok(out)
}

type Image = IsoImage<BufReader<std::fs::File>>;

fn read_dir(
    image: &Image,
    dir_ref: hadris_iso::directory::DirectoryRef,
    prefix: &str,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<(), PackageError> {
    let iso_error = |e: &dyn std::fmt::Debug| PackageError::Iso(format!("{e:?}"));
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
            read_dir(image, sub, &path, out)?;
        } else {
            let bytes = image.read_file(&entry).map_err(|e| iso_error(&e))?;
            out.insert(path, bytes);
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
