//! Verify: re-read a package folder, a burned disc (drive letter or mount point) or the .iso, and compare every
//! file with `manifest.json`: missing, extra and changed files are each named.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::PackageError;
use super::layout::MANIFEST_NAME;
use super::manifest::Manifest;

/// One file whose contents differ from the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedFile {
    pub path: String,
    pub expected_size: u64,
    pub actual_size: u64,
}

/// What a verify found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// Where the manifest was found (the package root).
    pub root: PathBuf,
    pub package: String,
    /// The 定稿码 the manifest records; `None` for a review copy (草稿).
    pub finalize_code: Option<String>,
    pub checked: usize,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    pub changed: Vec<ChangedFile>,
}

impl VerifyReport {
    /// Whether every file matches the manifest and nothing else is there.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.changed.is_empty()
    }

    /// One line per finding, then a summary, in Chinese.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![match &self.finalize_code {
            Some(code) => format!("定稿码：{code}（与纸质材料每页页脚的定稿码对照）"),
            None => "本材料是未定稿的审阅稿，没有定稿码。".to_owned(),
        }];
        lines.extend(self.missing.iter().map(|p| format!("缺少　{p}")));
        lines.extend(self.changed.iter().map(|c| {
            format!(
                "已改动　{}（清单记录 {} 字节，实际 {} 字节，SHA-256 不符）",
                c.path, c.expected_size, c.actual_size
            )
        }));
        lines.extend(
            self.extra
                .iter()
                .map(|p| format!("多出　{p}（不在清单中）")),
        );
        if self.is_clean() {
            lines.push(format!(
                "校验通过：{} 个文件 + 清单 {MANIFEST_NAME}，与清单完全一致（{}）。",
                self.checked, self.package
            ));
        } else {
            lines.push(format!(
                "校验未通过：缺少 {} 个，改动 {} 个，多出 {} 个文件（共检查 {} 个文件 + 清单 {MANIFEST_NAME}）。",
                self.missing.len(),
                self.changed.len(),
                self.extra.len(),
                self.checked
            ));
        }
        lines
    }
}

/// Verifies a package folder, a disc's root, a folder holding exactly one package, or an `.iso` file.
pub fn verify(path: &Path) -> Result<VerifyReport, PackageError> {
    if path.is_file() {
        return verify_iso(path);
    }
    let root = find_package_root(path).ok_or_else(|| PackageError::NoManifest {
        path: path.to_owned(),
    })?;
    let manifest_path = root.join(MANIFEST_NAME);
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(PackageError::io("读取 manifest.json", &manifest_path))?;
    let manifest = Manifest::from_json(&text).map_err(|reason| PackageError::BadManifest {
        path: manifest_path.clone(),
        reason,
    })?;
    let mut present = Vec::new();
    list_files(&root, &root, &mut present)?;
    let mut report = compare(&manifest, &present, |rel| hash_file(&root.join(rel)))?;
    report.root = root;
    Ok(report)
}

fn verify_iso(path: &Path) -> Result<VerifyReport, PackageError> {
    let (files, manifest_bytes) = super::iso::hash_iso(path, MANIFEST_NAME)?;
    let text = manifest_bytes.ok_or_else(|| PackageError::NoManifest {
        path: path.to_owned(),
    })?;
    let manifest = Manifest::from_json(&String::from_utf8_lossy(&text)).map_err(|reason| {
        PackageError::BadManifest {
            path: path.to_owned(),
            reason,
        }
    })?;
    let present: Vec<String> = files.keys().cloned().collect();
    let mut report = compare(&manifest, &present, |rel| {
        Ok(files.get(rel).cloned().unwrap_or_default())
    })?;
    report.root = path.to_owned();
    Ok(report)
}

/// Compares the manifest with the files present (`/`-separated, relative), hashing each listed one.
fn compare(
    manifest: &Manifest,
    present: &[String],
    mut hash: impl FnMut(&str) -> Result<(u64, String), PackageError>,
) -> Result<VerifyReport, PackageError> {
    let mut report = VerifyReport {
        package: manifest.package.clone(),
        finalize_code: manifest.finalize_code.clone(),
        ..VerifyReport::default()
    };
    let listed: BTreeMap<&str, &super::manifest::ManifestFile> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    for file in &manifest.files {
        if !present.iter().any(|p| p == &file.path) {
            report.missing.push(file.path.clone());
            continue;
        }
        report.checked += 1;
        let (size, sha256) = hash(&file.path)?;
        if size != file.size || sha256 != file.sha256 {
            report.changed.push(ChangedFile {
                path: file.path.clone(),
                expected_size: file.size,
                actual_size: size,
            });
        }
    }
    report.extra = present
        .iter()
        .filter(|p| p.as_str() != MANIFEST_NAME && !listed.contains_key(p.as_str()))
        .cloned()
        .collect();
    Ok(report)
}

/// The package root at or just below `path`: the folder itself when it holds `manifest.json`, or its only
/// subfolder that does (the export folder with one package in it).
fn find_package_root(path: &Path) -> Option<PathBuf> {
    if path.join(MANIFEST_NAME).is_file() {
        return Some(path.to_owned());
    }
    let candidates: Vec<PathBuf> = std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.join(MANIFEST_NAME).is_file())
        .collect();
    match candidates.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// The package folder that `path` lies inside, if any (exporting there would nest packages).
pub fn find_manifest_upwards(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    absolute
        .ancestors()
        .find(|p| p.join(MANIFEST_NAME).is_file())
        .map(Path::to_path_buf)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), PackageError> {
    for entry in std::fs::read_dir(dir).map_err(PackageError::io("读取文件夹", dir))? {
        let path = entry.map_err(PackageError::io("读取文件夹", dir))?.path();
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// Size and SHA-256 of a file, read in chunks so a large scan never sits in memory whole.
fn hash_file(path: &Path) -> Result<(u64, String), PackageError> {
    let mut file = std::fs::File::open(path).map_err(PackageError::io("读取文件", path))?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = file
            .read(&mut buffer)
            .map_err(PackageError::io("读取文件", path))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    Ok((size, crate::model::draft::lower_hex(&hasher.finalize())))
}
