//! Attachment contents by SHA-256. The draft holds only each attachment's name, size and digest; the bytes live
//! in the drafts database (or, for tests and previews, in memory) and are streamed through these traits in
//! bounded chunks, so no path holds a whole scan in memory.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::Arc;

use sha2::Digest as _;

use super::draft::lower_hex;

/// The size of one read or write when streaming contents: large enough for speed, small enough to not matter.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Where attachment contents can be read from, by SHA-256.
pub trait BlobSource {
    /// Copies the contents stored under `sha256` into `out`, returning the number of bytes copied. A missing
    /// content is `NotFound`.
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64>;
}

/// Where attachment contents can be stored: `put` reads exactly `size` bytes from `data` and returns their
/// SHA-256 (lower-case hex). Storing the same contents twice keeps one copy.
pub trait BlobSink {
    fn put(&mut self, size: u64, data: &mut dyn Read) -> io::Result<String>;
}

/// Contents held in memory: for tests, and for drafts files read without a database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryBlobs(pub BTreeMap<String, Arc<[u8]>>);

impl MemoryBlobs {
    /// Stores `data` and returns its metadata as an attachment named `name`.
    pub fn attach(
        &mut self,
        name: impl Into<String>,
        data: impl Into<Arc<[u8]>>,
    ) -> super::Attachment {
        let data: Arc<[u8]> = data.into();
        let sha256 = super::draft::sha256_hex(&data);
        let attachment = super::Attachment {
            name: name.into(),
            size_bytes: data.len() as u64,
            sha256: sha256.clone(),
        };
        self.0.insert(sha256, data);
        attachment
    }

    /// The contents under `sha256`, if held.
    pub fn get(&self, sha256: &str) -> Option<&[u8]> {
        self.0.get(sha256).map(|d| &d[..])
    }
}

impl BlobSource for MemoryBlobs {
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
        let data = self.get(sha256).ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, format!("附件内容缺失：{sha256}"))
        })?;
        out.write_all(data)?;
        Ok(data.len() as u64)
    }
}

impl BlobSink for MemoryBlobs {
    fn put(&mut self, size: u64, data: &mut dyn Read) -> io::Result<String> {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
        data.take(size).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let sha256 = super::draft::sha256_hex(&bytes);
        self.0.insert(sha256.clone(), bytes.into());
        Ok(sha256)
    }
}

/// A sink that keeps nothing: reads and hashes, for looking at a drafts file before restoring it.
#[derive(Debug, Default)]
pub struct DiscardBlobs;

impl BlobSink for DiscardBlobs {
    fn put(&mut self, size: u64, data: &mut dyn Read) -> io::Result<String> {
        let mut hashing = HashingWriter::new(io::sink());
        let copied = io::copy(&mut data.take(size), &mut hashing)?;
        if copied != size {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok(hashing.finish().1)
    }
}

/// A writer that hashes and counts what passes through it.
pub struct HashingWriter<W> {
    inner: W,
    hasher: sha2::Sha256,
    bytes: u64,
}

impl<W: Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            hasher: sha2::Sha256::new(),
            bytes: 0,
        }
    }

    /// The inner writer, the byte count and the lower-hex SHA-256 of everything written.
    pub fn finish(self) -> (W, String, u64) {
        let Self {
            inner,
            hasher,
            bytes,
        } = self;
        (inner, lower_hex(&hasher.finalize()), bytes)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
