//! Reports imported from the files enterprises and cities send (docs/import.md): a .docx, a Word 97–2003 .doc or a
//! .txt (UTF-8 or GB18030) is read into paragraphs and tables, the template's sections and the facts are found in
//! them, and the clerk sees the plan (section ← N 字, field ← value, text not placed) before anything changes.
//! Headless: the command line, the window and the tests call the same functions.
//!
//! | file        | its one job                                                            |
//! |-------------|------------------------------------------------------------------------|
//! | `docx`      | text of `word/document.xml` with each paragraph's signals, bounded unpacking |
//! | `styles`    | `word/styles.xml`: style names, outline levels, bold, size, font        |
//! | `doc`       | Word 97–2003 .doc: the compound file, the FIB, the limits               |
//! | `doc_streams` | .doc's two streams, read only within their lengths; the text limit           |
//! | `doc_props` | .doc piece table, paragraph/character properties, styles                |
//! | `doc_lists` | .doc automatic list numbers, into `numbering`'s counters                |
//! | `doc_text`  | .doc characters → paragraphs and tables (cells, fields, breaks)         |
//! | `numbering` | the automatic "一、" / "（一）" labels of Word lists                    |
//! | `text`      | .txt decoding; manual line breaks joined as Word meant them            |
//! | `headings`  | numbers of headings and the meaning of their words                     |
//! | `structure` | headings, table of contents, cover and closing: the pieces of a report |
//! | `facts`     | labels and values of the enterprise's facts, units converted           |
//! | `plan`      | the editable plan (blocks and their targets); apply and undo           |
//! | `sheet`, `sheet_csv`, `sheet_xls` | spreadsheets (.xlsx, .xls, .csv) into a grid, within limits |
//! | `sheet_grid` | the grid the spreadsheet readers fill, its limits and errors |
//! | `pool_columns`, `pool_plan` | a list of enterprises into the 标杆企业库: header, columns, plan |
//!
//! **The representation every reader produces** (a .docx, a .txt, a Word 97–2003 .doc reader alike): a list of
//! [`Block`]s in reading order. A [`Block::Para`] is one paragraph ([`Para`]): its visible text with Word's
//! automatic list label in front and manual line breaks already joined by [`join_breaks`]; its outline level
//! (0 = top); its style's name; whether all its text is bold, in a 黑体-like font, its largest size in
//! half-points; whether it belongs to a table of contents. A reader sets what its format knows and leaves the
//! rest at `Default`. Deleted text, comments, headers and footers are never in it. A [`Block::Table`] is rows
//! of cells, each cell's paragraphs joined with `\n`; a table nested in a cell becomes lines of that cell. The
//! structure finder (`structure::find`) then cuts the blocks into pieces by the template's sections.

mod doc;
mod doc_lists;
mod doc_props;
mod doc_streams;
mod doc_text;
mod docx;
mod error;
mod facts;
pub mod headings;
mod numbering;
mod plan;
pub mod pool_columns;
pub mod pool_plan;
pub mod sheet;
mod sheet_csv;
mod sheet_grid;
mod sheet_xls;
mod structure;
mod styles;
mod text;

use std::io::Read as _;
use std::path::Path;

pub use doc_streams::MAX_DOC_CHARS;
pub use docx::MAX_PART_BYTES;
pub use error::ImportError;
pub use plan::{
    BlockKind, FieldChange, ImportPlan, ImportUndo, PlanBlock, SectionChange, Target, apply,
    learn_aliases, plan, plan_for_year, undo,
};
pub use structure::is_toc_entry;
pub use text::join_breaks;

use crate::model::{Draft, Template};

/// Files of 100 MB or more are refused before anything is read.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// A text report is never this long; more is refused rather than held in memory.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// A paragraph as read, with the signals a person uses to tell a heading from text. Every reader (.docx, .txt,
/// .doc) fills what its format knows and leaves the rest at the default; the structure finder (`structure`)
/// uses whatever is there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Para {
    /// The text as the reader of the document sees it: Word's automatic list label in front, manual line breaks
    /// joined as Word meant them (`text::join_breaks`); a `\n` left in it is a break after a finished sentence.
    pub text: String,
    /// Outline level (0 = top), from the paragraph, its style or a built-in heading style.
    pub outline: Option<u8>,
    /// The paragraph style's name as the writer named it (`heading 1`, `标题 1`, `toc 1`, `Title`), or "".
    pub style: String,
    /// Word's automatic list label already put in front of `text` ("一、", "（二）"), or "".
    pub list_label: String,
    /// All of the visible text is bold.
    pub bold: bool,
    /// All of the visible text is in a 黑体-like (sans, heavy) East Asian font: 黑体, SimHei, 微软雅黑.
    pub heiti: bool,
    /// The largest font size of the visible text, in half-points (Word's `w:sz`); 0 when unknown.
    pub size: u16,
    /// Part of a table of contents (a TOC field, a TOC content control or a TOC style).
    pub toc: bool,
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
    Ok(plan_for_year(
        &blocks,
        template,
        enterprise,
        &source,
        Some(draft.batch.year - 1),
    ))
}

/// Plans importing `path` as a new enterprise of a batch import (从 Word 批量导入…, `import FILE… --new`): against
/// an empty enterprise, named after the file when the file names none. Nothing changes.
pub fn plan_new_file(path: &Path, draft: &Draft) -> Result<ImportPlan, ImportError> {
    let blocks = read_file(path)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut plan = plan_for_year(
        &blocks,
        &draft.template,
        &crate::model::Enterprise::default(),
        &source,
        Some(draft.batch.year - 1),
    );
    plan.name_from_file_if_missing(&draft.template);
    Ok(plan)
}

/// Where a new enterprise of a batch import goes: the first enterprise that is still entirely blank (a new
/// batch starts with one), else a new one at the end; `None` when the quota is reached.
pub fn place_for_new(draft: &mut Draft) -> Option<usize> {
    let blank = crate::model::Enterprise::default();
    if let Some(index) = draft.enterprises.iter().position(|e| *e == blank) {
        return Some(index);
    }
    draft.add_enterprise()
}

/// How many new enterprises a batch import may still create.
pub fn room_for_new(draft: &Draft) -> usize {
    let blank = crate::model::Enterprise::default();
    let blanks = draft.enterprises.iter().filter(|e| **e == blank).count();
    draft
        .max_enterprises()
        .saturating_sub(draft.enterprises.len())
        + blanks
}

/// Applies a planned new enterprise of a batch import; returns its index and the undo.
pub fn apply_new(plan: &ImportPlan, draft: &mut Draft) -> Result<(usize, ImportUndo), ImportError> {
    if draft.is_final() {
        return Err(ImportError::Final);
    }
    let index = place_for_new(draft).ok_or(ImportError::QuotaReached {
        quota: draft.max_enterprises(),
    })?;
    let undo = apply(plan, draft, index, true)?;
    Ok((index, undo))
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
