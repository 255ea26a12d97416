//! Opening a file or folder with the system's default program (ShellExecute on Windows; xdg-open, gio and their
//! kin elsewhere, through the `open` crate), and saying in Chinese why it did not open, with the path, so the
//! clerk can open it by hand. No English system text reaches the window.

use std::io;
use std::path::Path;

/// What is being opened, for the message when it does not open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// The 打印版 (a PDF), opened in the PDF viewer, which prints.
    Pdf,
    /// A folder, opened in the file manager (Explorer on Windows).
    Folder,
}

/// Opens a path with the system's default program; the window and tests put in their own.
pub type Opener = fn(&Path) -> io::Result<()>;

/// The system's default program for `path`. It returns as soon as the program started (on Linux it waits a
/// quarter of a second per launcher to see it fail), so the window does not freeze while the viewer is open.
pub fn system(path: &Path) -> io::Result<()> {
    open::that_detached(path)
}

/// Opens `path` with `opener`; Err: why not, in Chinese, naming the path.
pub fn open_with(opener: Opener, path: &Path, what: Opening) -> Result<(), String> {
    if !path.exists() {
        return Err(match what {
            Opening::Pdf => format!(
                "找不到打印版文件（可能已被移走或删除，请重新导出）：{}",
                path.display()
            ),
            Opening::Folder => format!("找不到这个文件夹：{}", path.display()),
        });
    }
    opener(path).map_err(|e| failure_text(&e, path, what))
}

/// Why `path` did not open. Every launcher failing (none installed, none knows the file type) is the usual
/// cause: the clerk is told which program is missing and what to open by hand.
fn failure_text(e: &io::Error, path: &Path, what: Opening) -> String {
    if e.kind() == io::ErrorKind::PermissionDenied {
        return format!("没有权限打开：{}", path.display());
    }
    match what {
        Opening::Pdf => format!(
            "未找到可以打开 PDF 的程序：请用 PDF 阅读器打开 {}",
            path.display()
        ),
        Opening::Folder => format!(
            "未找到可以打开文件夹的程序：请在文件管理器中打开 {}",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_viewer(_: &Path) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::NotFound,
            "No such file or directory (os error 2)",
        ))
    }

    #[test]
    fn no_viewer_is_told_in_chinese_with_the_path() {
        let dir = tempfile::tempdir().expect("dir");
        let pdf = dir.path().join("打印版.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").expect("write");
        let text = open_with(no_viewer, &pdf, Opening::Pdf).expect_err("no viewer");
        assert_eq!(
            text,
            format!(
                "未找到可以打开 PDF 的程序：请用 PDF 阅读器打开 {}",
                pdf.display()
            )
        );
        assert!(!text.contains("os error"), "no English system text: {text}");
        let text = open_with(no_viewer, dir.path(), Opening::Folder).expect_err("no manager");
        assert!(text.starts_with("未找到可以打开文件夹的程序"), "{text}");
    }

    #[test]
    fn a_missing_file_is_told_before_trying() {
        fn never(_: &Path) -> io::Result<()> {
            panic!("not called for a missing file")
        }
        let dir = tempfile::tempdir().expect("dir");
        let pdf = dir.path().join("不在了.pdf");
        let text = open_with(never, &pdf, Opening::Pdf).expect_err("missing");
        assert!(text.starts_with("找不到打印版文件"), "{text}");
        assert!(open_with(|_| Ok(()), dir.path(), Opening::Folder).is_ok());
    }

    #[test]
    fn permission_is_its_own_cause() {
        let dir = tempfile::tempdir().expect("dir");
        let denied = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        let text = open_with(denied, dir.path(), Opening::Folder).expect_err("denied");
        assert!(text.starts_with("没有权限打开"), "{text}");
    }
}
