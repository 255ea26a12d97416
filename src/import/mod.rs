//! Reports imported from the files enterprises and cities send (docs/import.md): a .docx or a .txt (UTF-8 or GB18030)
//! is read into paragraphs and tables, the template's sections and the facts are found in them, and the clerk
//! sees the plan (section ← N 字, field ← value, text not placed) before anything changes. Headless: the command
//! line, the window and the tests call the same functions.
//!
//! | file        | its one job                                                            |
//! |-------------|------------------------------------------------------------------------|
//! | `docx`      | text of `word/document.xml`, bounded unpacking                          |
//! | `numbering` | the automatic "一、" / "（一）" labels of Word lists                    |
//! | `text`      | .txt decoding                                                          |
//! | `headings`  | fuzzy matching of section headings                                     |
//! | `facts`     | labels of the enterprise's facts                                       |
//! | `plan`      | what goes where; apply and undo                                        |

mod docx;
mod error;
mod facts;
pub mod headings;
mod numbering;
mod plan;
mod text;

use std::io::Read as _;
use std::path::Path;

pub use docx::MAX_PART_BYTES;
pub use error::ImportError;
pub use plan::{FieldChange, ImportPlan, ImportUndo, SectionChange, apply, plan, undo};

use crate::model::{Draft, Template};

/// Files of 100 MB or more are refused before anything is read.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// A text report is never this long; more is refused rather than held in memory.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// A paragraph as read: its text (line breaks inside it as `\n`) and, for a heading, its outline level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub text: String,
    pub outline: Option<u8>,
}

/// What a document is made of, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    /// Rows of cells; a cell's paragraphs joined with `\n`.
    Table(Vec<Vec<String>>),
}

/// The header of an OLE compound file: Word 97–2003 .doc, WPS .wps, and password-protected .docx.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a .docx or .txt file into blocks, refusing what it cannot read safely; nothing else is touched.
pub fn read_file(path: &Path) -> Result<Vec<Block>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size_bytes = file.metadata().map_err(io)?.len();
    if size_bytes >= MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size_bytes,
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    let mut head = [0_u8; 8];
    let head_len = read_up_to(&mut file, &mut head).map_err(io)?;
    let head = &head[..head_len];
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if head.starts_with(b"PK") {
        let file = std::fs::File::open(path).map_err(io)?;
        return docx::read(std::io::BufReader::new(file));
    }
    if head == OLE_MAGIC {
        // An encrypted .docx is an OLE file with an "EncryptedPackage" stream; its name is stored in UTF-16.
        let file = std::fs::File::open(path).map_err(io)?;
        return Err(if contains_utf16(file, "EncryptedPackage").map_err(io)? {
            ImportError::Encrypted
        } else if extension == "wps" {
            ImportError::SaveAsDocx {
                kind: " WPS 文字（.wps）",
            }
        } else {
            ImportError::SaveAsDocx {
                kind: " Word 97-2003 文档（.doc）",
            }
        });
    }
    if head.starts_with(b"%PDF") {
        return Err(ImportError::SaveAsDocx { kind: " PDF " });
    }
    if head.starts_with(b"{\\rtf") {
        return Err(ImportError::SaveAsDocx { kind: " RTF " });
    }
    match extension.as_str() {
        "doc" | "dot" => Err(ImportError::SaveAsDocx {
            kind: " Word 97-2003 文档（.doc）",
        }),
        "wps" => Err(ImportError::SaveAsDocx {
            kind: " WPS 文字（.wps）",
        }),
        "pdf" => Err(ImportError::SaveAsDocx { kind: " PDF " }),
        "docx" | "docm" | "dotx" => Err(ImportError::Damaged {
            reason: "不是 zip 压缩包".to_owned(),
        }),
        "txt" | "text" | "" => {
            if size_bytes > MAX_TEXT_BYTES {
                return Err(ImportError::TooLarge {
                    size_bytes,
                    limit_bytes: MAX_TEXT_BYTES,
                });
            }
            let bytes = std::fs::read(path).map_err(io)?;
            Ok(text::blocks(&text::decode(&bytes)?))
        }
        _ => Err(ImportError::Unsupported),
    }
}

fn read_up_to(file: &mut std::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Whether `needle` in UTF-16LE occurs in the stream, read in bounded chunks.
fn contains_utf16(mut reader: impl std::io::Read, needle: &str) -> std::io::Result<bool> {
    let pattern: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut window: Vec<u8> = Vec::with_capacity(64 * 1024 + pattern.len());
    let mut chunk = vec![0_u8; 64 * 1024];
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            return Ok(false);
        }
        window.extend_from_slice(&chunk[..n]);
        if window
            .windows(pattern.len())
            .any(|w| w == pattern.as_slice())
        {
            return Ok(true);
        }
        let keep = pattern.len().min(window.len());
        window.drain(..window.len() - keep);
    }
}

/// Reads `path` and plans its import into enterprise `index` (0-based) of `draft`.
pub fn plan_file(
    path: &Path,
    draft: &Draft,
    index: usize,
    template: &Template,
) -> Result<ImportPlan, ImportError> {
    let enterprise = draft
        .enterprises
        .get(index)
        .ok_or(ImportError::NoSuchEnterprise {
            number: index + 1,
            count: draft.enterprises.len(),
        })?;
    let blocks = read_file(path)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(plan(&blocks, template, enterprise, &source))
}

/// Reads a .docx held in memory (tests and benchmarks).
pub fn read_docx_bytes(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    if bytes.len() as u64 >= MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size_bytes: bytes.len() as u64,
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    docx::read(std::io::Cursor::new(bytes))
}
