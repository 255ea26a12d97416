//! Reports imported from the files enterprises and cities send (docs/import.md): a .docx, a Word 97–2003 .doc or a
//! .txt (UTF-8 or GB18030) is read into paragraphs and tables, the template's sections and the facts are found in
//! them, and the clerk sees the plan (section ← N 字, field ← value, text not placed) before anything changes.
//! Headless: the command line, the window and the tests call the same functions.
//!
//! | file        | its one job                                                            |
//! |-------------|------------------------------------------------------------------------|
//! | `docx`      | text of `word/document.xml`, bounded unpacking                          |
//! | `doc`       | Word 97–2003 .doc: the compound file, the FIB, the limits               |
//! | `doc_props` | .doc piece table, paragraph/character properties, styles                |
//! | `doc_lists` | .doc automatic list numbers, into `numbering`'s counters                |
//! | `doc_text`  | .doc characters → paragraphs and tables (cells, fields, breaks)         |
//! | `numbering` | the automatic "一、" / "（一）" labels of Word lists                    |
//! | `text`      | .txt decoding                                                          |
//! | `headings`  | fuzzy matching of section headings                                     |
//! | `facts`     | labels of the enterprise's facts                                       |
//! | `plan`      | what goes where; apply and undo                                        |

mod doc;
mod doc_lists;
mod doc_props;
mod doc_text;
mod docx;
mod error;
mod facts;
pub mod headings;
mod numbering;
mod plan;
mod text;

use std::io::Read as _;
use std::path::Path;

pub use doc::MAX_DOC_CHARS;
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

/// Reads a .docx, .doc or .txt file into blocks, refusing what it cannot read safely; nothing else is touched.
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
        let file = std::fs::File::open(path).map_err(io)?;
        return read_ole(std::io::BufReader::new(file), &extension);
    }
    if head.starts_with(b"%PDF") {
        return Err(ImportError::SaveAsDocx { kind: " PDF " });
    }
    if head.starts_with(b"{\\rtf") {
        return Err(ImportError::SaveAsDocx { kind: " RTF " });
    }
    match extension.as_str() {
        // Web systems often save HTML or text with a .doc name.
        "doc" | "dot" => Err(ImportError::SaveAsDocx {
            kind: "扩展名为 .doc 但不是 Word 97-2003 格式的",
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

/// An OLE compound file: a Word 97–2003 .doc is read; an encrypted .docx, a .wps or another program's file is
/// refused with its reason.
fn read_ole<R: std::io::Read + std::io::Seek>(
    mut file: R,
    extension: &str,
) -> Result<Vec<Block>, ImportError> {
    let wps = || ImportError::SaveAsDocx {
        kind: " WPS 文字（.wps）",
    };
    let opened = cfb::CompoundFile::open(&mut file);
    match opened {
        Ok(mut ole) => {
            if ole.is_stream("/EncryptedPackage") {
                Err(ImportError::Encrypted)
            } else if extension == "wps" {
                Err(wps())
            } else if ole.is_stream("/WordDocument") {
                doc::read(&mut ole)
            } else {
                Err(ImportError::NotWordOle)
            }
        }
        Err(error) => {
            // A container too broken to open may still name its encrypted package.
            let encrypted = file.seek(std::io::SeekFrom::Start(0)).is_ok()
                && contains_utf16(&mut file, "EncryptedPackage").unwrap_or(false);
            Err(if encrypted {
                ImportError::Encrypted
            } else if extension == "wps" {
                wps()
            } else {
                ImportError::DocDamaged {
                    reason: format!("OLE 复合文件的结构无效：{error}"),
                }
            })
        }
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

/// Reads a Word 97–2003 .doc held in memory (tests and benchmarks).
pub fn read_doc_bytes(bytes: &[u8]) -> Result<Vec<Block>, ImportError> {
    if bytes.len() as u64 >= MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size_bytes: bytes.len() as u64,
            limit_bytes: MAX_FILE_BYTES,
        });
    }
    read_ole(std::io::Cursor::new(bytes), "doc")
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
