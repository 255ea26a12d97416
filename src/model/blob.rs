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

/// Where attachment contents can be stored: `put` reads exactly `size` bytes from `data`, whose SHA-256 the
/// caller has taken already (so the contents are written under their key at once), and checks it on the way.
pub trait BlobSink {
    /// Whether contents under `sha256` are held already (then `put` need not be called).
    fn has(&self, sha256: &str) -> bool;
    fn put(&mut self, sha256: &str, size: u64, data: &mut dyn Read) -> io::Result<()>;
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
    fn has(&self, sha256: &str) -> bool {
        self.0.contains_key(sha256)
    }

    fn put(&mut self, sha256: &str, size: u64, data: &mut dyn Read) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
        data.take(size).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if super::draft::sha256_hex(&bytes) != sha256 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "附件内容与摘要不符",
            ));
        }
        self.0.insert(sha256.to_owned(), bytes.into());
        Ok(())
    }
}

/// A sink that keeps nothing, for looking at a drafts file before restoring it: the reader still decodes and
/// hashes every attachment, so a damaged one is found.
#[derive(Debug, Default)]
pub struct DiscardBlobs;

impl BlobSink for DiscardBlobs {
    fn has(&self, _sha256: &str) -> bool {
        true
    }

    fn put(&mut self, _sha256: &str, _size: u64, _data: &mut dyn Read) -> io::Result<()> {
        Ok(())
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
