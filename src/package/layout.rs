//! What goes on the disc and under which names (docs/package.md): the documents, the attachments, the two manifests.

use std::sync::Arc;

use super::PackageError;
use crate::model::Draft;
use crate::model::file_name::{MAX_NAME_CHARS, safe_file_name, unique_file_name};
use crate::render::Document;

/// The human-readable manifest, for Notepad.
pub const LISTING_NAME: &str = "文件清单.txt";
/// The machine-readable manifest; `verify` starts from it.
pub const MANIFEST_NAME: &str = "manifest.json";
/// The folder that holds the attachments, one subfolder per enterprise.
pub const ATTACHMENTS_DIR: &str = "附件";

/// One file of the package: its path inside the package (`/`-separated) and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageFile {
    pub path: String,
    pub contents: Contents,
}

/// A file's contents: documents are made in memory; attachments stay in the store until they are copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contents {
    Bytes(Arc<[u8]>),
    /// An attachment's contents, by the SHA-256 recorded when it was added, streamed from a `BlobSource`.
    Blob {
        sha256: String,
        size: u64,
    },
}

impl PackageFile {
    /// A file made in memory.
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) -> Self {
        Self {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }

    pub fn size(&self) -> u64 {
        match &self.contents {
            Contents::Bytes(bytes) => bytes.len() as u64,
            Contents::Blob { size, .. } => *size,
        }
    }

    /// Lower-case hex SHA-256 of the contents (an attachment's was taken when it was added).
    pub fn sha256(&self) -> String {
        match &self.contents {
            Contents::Bytes(bytes) => crate::model::draft::sha256_hex(bytes),
            Contents::Blob { sha256, .. } => sha256.clone(),
        }
    }
}

/// The package folder's name: `<省份>质量强国建设领军企业推荐材料（<年>）`.
pub fn package_name(draft: &Draft) -> String {
    safe_file_name(&format!(
        "{}质量强国建设领军企业推荐材料（{}）",
        draft.unit.province.trim(),
        draft.batch.year
    ))
}

/// The CD's volume label: the province and the year (Joliet volume labels hold 16 characters).
pub fn volume_label(draft: &Draft) -> String {
    let label = format!("{}领军企业{}", draft.unit.province.trim(), draft.batch.year);
    label
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(16)
        .collect()
}

/// The documents (made by `render::package_documents`) and the attachments of the package, in the order the
/// listing shows them.
pub fn content_files(
    draft: &Draft,
    documents: Vec<Document>,
) -> Result<Vec<PackageFile>, PackageError> {
    let mut files = Vec::new();
    for document in documents {
        files.push(PackageFile::bytes(document.file_name, document.bytes));
    }
    let mut folders: Vec<String> = Vec::new();
    for (index, enterprise) in draft.enterprises.iter().enumerate() {
        if enterprise.attachments.is_empty() {
            continue;
        }
        let folder = unique_file_name(
            &format!("{}_{}", index + 1, enterprise.name.trim()),
            &folders,
        );
        folders.push(folder.clone());
        let mut names: Vec<String> = Vec::new();
        for attachment in &enterprise.attachments {
            let name = unique_file_name(&attachment.name, &names);
            names.push(name.clone());
            files.push(PackageFile {
                path: format!("{ATTACHMENTS_DIR}/{folder}/{name}"),
                contents: Contents::Blob {
                    sha256: attachment.sha256.clone(),
                    size: attachment.size_bytes,
                },
            });
        }
    }
    for file in &files {
        check_names(&file.path)?;
    }
    Ok(files)
}

/// Every component of a package path must fit Joliet; the ISO writer would cut a longer one silently.
pub fn check_names(path: &str) -> Result<(), PackageError> {
    for part in path.split('/') {
        if part.chars().count() > MAX_NAME_CHARS || part.chars().any(|c| c as u32 > 0xFFFF) {
            return Err(PackageError::NameTooLong {
                name: part.to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_spec_section_4() {
        let mut draft = Draft::default();
        draft.unit.province = "浙江省".into();
        draft.batch.year = 2024;
        assert_eq!(
            package_name(&draft),
            "浙江省质量强国建设领军企业推荐材料（2024）"
        );
        assert_eq!(volume_label(&draft), "浙江省领军企业2024");
        draft.unit.province = "新疆生产建设兵团".into();
        assert!(volume_label(&draft).chars().count() <= 16);
    }

    #[test]
    fn over_long_names_are_refused_before_the_iso_cuts_them() {
        assert!(check_names("附件/1_公司/盖章页.pdf").is_ok());
        let long = "长".repeat(65);
        assert!(matches!(
            check_names(&format!("附件/{long}")),
            Err(PackageError::NameTooLong { .. })
        ));
        assert!(
            check_names("附件/𠀀.pdf").is_err(),
            "Joliet cannot hold characters outside the BMP"
        );
    }
}
