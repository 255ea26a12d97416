//! The two streams of a Word 97–2003 .doc that the reader uses (WordDocument and 0Table/1Table), read only within
//! their lengths, and the limit on the document's text (docs/import.md, "Word 97–2003 文档"). Shared by `doc` (the
//! FIB) and `doc_props` (the piece table and properties), so that neither needs the other.

use std::io::{Read, Seek, SeekFrom};

use super::ImportError;

/// The most characters the main document may have: a 60-page report has about 60 000.
pub const MAX_DOC_CHARS: u32 = 2_000_000;

fn damaged(reason: impl Into<String>) -> ImportError {
    ImportError::DocDamaged {
        reason: reason.into(),
    }
}

/// The streams of the document, with their lengths.
pub(super) struct Streams<F> {
    pub word: cfb::Stream<F>,
    pub word_len: u64,
    table: cfb::Stream<F>,
    pub table_len: u64,
    table_name: &'static str,
}

impl<F: Read + Seek> Streams<F> {
    pub fn new(
        word: cfb::Stream<F>,
        word_len: u64,
        table: cfb::Stream<F>,
        table_len: u64,
        table_name: &'static str,
    ) -> Self {
        Self {
            word,
            word_len,
            table,
            table_len,
            table_name,
        }
    }

    /// `len` bytes at `offset` of the WordDocument stream, or why not.
    pub fn word_bytes(
        &mut self,
        offset: u64,
        len: u64,
        what: &str,
    ) -> Result<Vec<u8>, ImportError> {
        read_range(
            &mut self.word,
            self.word_len,
            offset,
            len,
            "WordDocument",
            what,
        )
    }

    pub fn table_bytes(
        &mut self,
        offset: u64,
        len: u64,
        what: &str,
    ) -> Result<Vec<u8>, ImportError> {
        read_range(
            &mut self.table,
            self.table_len,
            offset,
            len,
            self.table_name,
            what,
        )
    }
}

pub(super) fn read_range(
    stream: &mut (impl Read + Seek),
    stream_len: u64,
    offset: u64,
    len: u64,
    stream_name: &str,
    what: &str,
) -> Result<Vec<u8>, ImportError> {
    if offset.checked_add(len).is_none_or(|end| end > stream_len) {
        return Err(damaged(format!(
            "{what}指向 {stream_name} 流之外（位置 {offset}，长度 {len}，流长 {stream_len}）"
        )));
    }
    let io = |e: std::io::Error| damaged(format!("读取{what}失败：{e}"));
    stream.seek(SeekFrom::Start(offset)).map_err(io)?;
    let mut bytes = vec![0_u8; usize::try_from(len).map_err(|_| damaged(format!("{what}过大")))?];
    stream.read_exact(&mut bytes).map_err(io)?;
    Ok(bytes)
}
