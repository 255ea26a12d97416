//! Paths the clerk types (the export folder, the in-app path box used when no system file dialog opens): made
//! absolute against a known folder and checked for what they are about to be used for, with the reason in Chinese.

use std::path::{Component, Path, PathBuf};

/// What a typed path is going to be used for, and so what it must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathUse {
    /// A file to read (restore, attach, import): it must exist and be a file.
    ExistingFile,
    /// A folder to read (verify): it must exist and be a folder.
    ExistingFolder,
    /// A folder to write into (export): created if missing, but not a file.
    OutputFolder,
    /// A new file to write (backup, Word): its folder exists, it does not; `extension` is added when missing.
    NewFile { extension: &'static str },
}

/// The folder relative paths are taken from: 文档 (Documents), else the home folder.
pub fn documents_dir() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    Some(
        dirs.document_dir()
            .map_or_else(|| dirs.home_dir().to_owned(), Path::to_path_buf),
    )
}

/// `text` as an absolute path: quotes from Windows' "复制为路径" and spaces around are dropped, a bare drive
/// (`E:`) means its root, and a relative path is taken inside `base`. Err: the Chinese reason.
pub fn resolve(text: &str, base: Option<&Path>) -> Result<PathBuf, String> {
    let trimmed = text.trim();
    let unquoted = trimmed
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(trimmed)
        .trim();
    if unquoted.is_empty() {
        return Err("请输入路径。".to_owned());
    }
    if unquoted.contains('\0') {
        return Err("路径中有不允许的字符。".to_owned());
    }
    let path = PathBuf::from(unquoted);
    if path.is_absolute() {
        return Ok(path);
    }
    if let Some(Component::Prefix(_)) = path.components().next() {
        // Windows: `E:` alone is "the current folder of drive E"; the clerk means the disc in drive E.
        return Ok(if unquoted.len() == 2 {
            PathBuf::from(format!("{unquoted}\\"))
        } else {
            path
        });
    }
    match base {
        Some(base) => Ok(base.join(path)),
        None => Err(format!(
            "「{unquoted}」不是完整路径，请输入从盘符或根目录开始的完整路径。"
        )),
    }
}

/// `text` resolved (see `resolve`) and checked for `usage`. Err: the Chinese reason, naming the path.
pub fn check(text: &str, base: Option<&Path>, usage: PathUse) -> Result<PathBuf, String> {
    let mut path = resolve(text, base)?;
    let shown = path.display().to_string();
    match usage {
        PathUse::ExistingFile => {
            if path.is_dir() {
                return Err(format!("这是一个文件夹，不是文件：{shown}"));
            }
            if !path.is_file() {
                return Err(format!("找不到这个文件：{shown}"));
            }
        }
        PathUse::ExistingFolder => {
            if path.is_file() {
                // A disc image is a file; the clerk may mean it, but this box asks for a folder.
                return Err(format!("这是一个文件，不是文件夹：{shown}"));
            }
            if !path.is_dir() {
                return Err(format!("找不到这个文件夹：{shown}"));
            }
        }
        PathUse::OutputFolder => {
            if path.exists() && !path.is_dir() {
                return Err(format!("这是一个文件，不是文件夹：{shown}"));
            }
        }
        PathUse::NewFile { extension } => {
            if path.is_dir() || text.trim().ends_with(['/', '\\']) {
                return Err(format!(
                    "这是一个文件夹，请在后面加上文件名（如 …{}备份.{extension}）：{shown}",
                    std::path::MAIN_SEPARATOR
                ));
            }
            let has_extension = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case(extension));
            if !has_extension {
                let mut name = path.file_name().unwrap_or_default().to_owned();
                name.push(format!(".{extension}"));
                path.set_file_name(name);
            }
            let shown = path.display().to_string();
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            if !folder.is_some_and(Path::is_dir) {
                return Err(format!("文件夹不存在：{shown}"));
            }
            if path.exists() {
                return Err(format!("已有同名文件，请换一个文件名：{shown}"));
            }
        }
    }
    Ok(path)
}

/// Writes `bytes` to `path` beside it first and renames, so a failed write never leaves half a file under the
/// clerk's name; the error is the Chinese cause.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(path.file_name().unwrap_or_default());
    temp_name.push(".part");
    let temp = path.with_file_name(temp_name);
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        std::fs::remove_file(&temp).ok();
    }
    result.map_err(|e| io_reason(&e))
}

/// A short Chinese cause for a failed file operation, for messages the clerk reads: the system's own text is
/// English (or in the system's language) and says "os error 2" rather than what to do.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if e.get_ref().is_some() && !e.to_string().is_ascii() {
        // An error this program made carries its own Chinese reason (an attachment whose content does not match,
        // say); another library's English text is not shown.
        return e.to_string();
    }
    match e.kind() {
        ErrorKind::NotFound => "找不到文件或文件夹".to_owned(),
        ErrorKind::PermissionDenied => "没有写入权限或文件被占用".to_owned(),
        ErrorKind::StorageFull => "磁盘空间不足".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的".to_owned(),
        ErrorKind::AlreadyExists => "已有同名文件".to_owned(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        ErrorKind::NotADirectory => "路径中有一段不是文件夹".to_owned(),
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的".to_owned(),
        ErrorKind::InvalidFilename => "文件名不能用（太长或含有不允许的字符）".to_owned(),
        ErrorKind::FileTooLarge => "文件太大".to_owned(),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "文件正被其他程序使用".to_owned()
        }
        ErrorKind::UnexpectedEof | ErrorKind::InvalidData => "文件内容不完整或已损坏".to_owned(),
        _ => match e.raw_os_error() {
            Some(code) => format!("系统错误，代码 {code}"),
            None => "系统错误".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_text_is_taken_inside_the_base() {
        let base = Path::new("/home/clerk/文档/领军导出");
        assert_eq!(
            resolve("随便写写", Some(base)).unwrap(),
            base.join("随便写写"),
            "a bare name is a folder inside the base"
        );
        assert_eq!(
            resolve("  \"/tmp/导出\"  ", Some(base)).unwrap(),
            PathBuf::from("/tmp/导出"),
            "quotes and spaces from a copied path are dropped"
        );
    }

    #[test]
    fn empty_hostile_and_baseless_text_is_refused() {
        assert_eq!(resolve("   ", None).unwrap_err(), "请输入路径。");
        assert_eq!(resolve("\"\"", None).unwrap_err(), "请输入路径。");
        assert!(resolve("a\0b", None).is_err(), "NUL is refused");
        let no_base = resolve("随便写写", None).unwrap_err();
        assert!(no_base.contains("不是完整路径"), "{no_base}");
    }

    #[test]
    fn existing_file_must_be_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("备份.json");
        std::fs::write(&file, "{}").unwrap();
        assert_eq!(
            check("备份.json", Some(dir.path()), PathUse::ExistingFile).unwrap(),
            file
        );
        let folder = check(".", Some(dir.path()), PathUse::ExistingFile).unwrap_err();
        assert!(folder.contains("这是一个文件夹"), "{folder}");
        let missing = check("无.json", Some(dir.path()), PathUse::ExistingFile).unwrap_err();
        assert!(missing.contains("找不到这个文件"), "{missing}");
    }

    #[test]
    fn folders_are_checked_for_their_use() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.iso");
        std::fs::write(&file, "x").unwrap();
        assert!(check("a.iso", Some(dir.path()), PathUse::ExistingFolder).is_err());
        assert!(check("无", Some(dir.path()), PathUse::ExistingFolder).is_err());
        assert!(check("a.iso", Some(dir.path()), PathUse::OutputFolder).is_err());
        assert_eq!(
            check("新文件夹", Some(dir.path()), PathUse::OutputFolder).unwrap(),
            dir.path().join("新文件夹"),
            "an export folder is created when missing"
        );
    }

    #[test]
    fn a_new_file_gets_its_extension_and_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let json = PathUse::NewFile { extension: "json" };
        assert_eq!(
            check("备份", Some(dir.path()), json).unwrap(),
            dir.path().join("备份.json")
        );
        std::fs::write(dir.path().join("旧.json"), "{}").unwrap();
        let exists = check("旧.json", Some(dir.path()), json).unwrap_err();
        assert!(exists.contains("已有同名文件"), "{exists}");
        let folder = check(".", Some(dir.path()), json).unwrap_err();
        assert!(folder.contains("这是一个文件夹"), "{folder}");
        let missing = check("无此文件夹/备份", Some(dir.path()), json).unwrap_err();
        assert!(missing.contains("文件夹不存在"), "{missing}");
    }

    #[test]
    fn io_errors_are_told_in_chinese() {
        use std::io::{Error, ErrorKind};
        assert_eq!(
            io_reason(&Error::from(ErrorKind::NotFound)),
            "找不到文件或文件夹"
        );
        let odd = Error::from_raw_os_error(9999);
        let text = io_reason(&odd);
        assert!(text.contains("9999") && !text.is_ascii(), "{text}");
        assert!(!text.contains("os error"), "no English system text: {text}");
        let custom = Error::other("some English text");
        assert_eq!(io_reason(&custom), "系统错误");
        let ours = Error::other("附件内容与清单不符");
        assert_eq!(
            io_reason(&ours),
            "附件内容与清单不符",
            "our own reason is kept"
        );
    }
}
