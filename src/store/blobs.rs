//! Attachment contents in the `blob` table, keyed by SHA-256, streamed in and out with SQLite's incremental BLOB
//! I/O: a chunk at a time, never a whole scan in memory. A new content is hashed while it is written, once.

use std::io::{self, Read as _, Write};

use rusqlite::{Connection, MAIN_DB, OptionalExtension as _, TransactionBehavior};

use super::StoreError;
use crate::model::blob::{BlobSink, BlobSource, CHUNK_BYTES, HashingWriter};

/// What `put` reports after each chunk; returning false cancels (the content is then not stored).
pub type OnProgress<'a> = &'a mut dyn FnMut(u64) -> bool;

/// Stores exactly `size` bytes from `data` in one transaction, hashing them on the way, and returns the
/// SHA-256. Contents already stored are kept once. Cancelling or a short read leaves the database unchanged.
pub fn put(
    conn: &Connection,
    size: u64,
    data: &mut dyn io::Read,
    on_progress: OnProgress<'_>,
) -> Result<String, StoreError> {
    let size_i64 = i64::try_from(size).map_err(|_| StoreError::BlobTooLarge { size })?;
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Written under a placeholder key, renamed to its digest once the last byte is in.
    tx.execute(
        "INSERT INTO blob (sha256, data) VALUES ('pending', zeroblob(?1))",
        [size_i64],
    )?;
    let rowid = tx.last_insert_rowid();
    let sha256 = {
        let blob = tx.blob_open(MAIN_DB, c"blob", c"data", rowid, false)?;
        let mut target = HashingWriter::new(blob);
        let mut buffer = vec![0u8; CHUNK_BYTES];
        let mut done = 0u64;
        while done < size {
            let want =
                usize::try_from((size - done).min(CHUNK_BYTES as u64)).unwrap_or(CHUNK_BYTES);
            let n = data.read(&mut buffer[..want]).map_err(StoreError::BlobIo)?;
            if n == 0 {
                return Err(StoreError::BlobIo(io::ErrorKind::UnexpectedEof.into()));
            }
            target.write_all(&buffer[..n]).map_err(StoreError::BlobIo)?;
            done += n as u64;
            if !on_progress(done) {
                return Err(StoreError::Cancelled);
            }
        }
        target.finish().1
    };
    let exists: Option<i64> = tx
        .query_row("SELECT rowid FROM blob WHERE sha256 = ?1", [&sha256], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        tx.execute("DELETE FROM blob WHERE rowid = ?1", [rowid])?;
    } else {
        tx.execute(
            "UPDATE blob SET sha256 = ?1 WHERE rowid = ?2",
            rusqlite::params![sha256, rowid],
        )?;
    }
    tx.commit()?;
    Ok(sha256)
}

/// Copies the contents under `sha256` into `out` a chunk at a time.
pub fn copy(conn: &Connection, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
    let rowid: Option<i64> = conn
        .query_row("SELECT rowid FROM blob WHERE sha256 = ?1", [sha256], |r| {
            r.get(0)
        })
        .optional()
        .map_err(io::Error::other)?;
    let rowid = rowid.ok_or_else(|| {
        io::Error::new(io::ErrorKind::NotFound, format!("附件内容缺失：{sha256}"))
    })?;
    let mut blob = conn
        .blob_open(MAIN_DB, c"blob", c"data", rowid, true)
        .map_err(io::Error::other)?;
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut copied = 0u64;
    loop {
        let n = blob.read(&mut buffer)?;
        if n == 0 {
            return Ok(copied);
        }
        out.write_all(&buffer[..n])?;
        copied += n as u64;
    }
}

/// Removes contents no attachment refers to any more (an attachment removed, or one added and never saved).
/// Run when the store opens, when nothing can be adding one.
pub fn collect_garbage(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)",
        [],
    )
}

/// How to reach a store's database from another thread: open it there with `open`.
#[derive(Clone, Debug)]
pub struct BlobOpener(pub(super) String);

impl BlobOpener {
    pub fn open(&self) -> Result<BlobDb, StoreError> {
        BlobDb::open(&self.0)
    }
}

/// A second connection to a store's database, for a thread of its own: adding a file while the window goes on,
/// or reading attachments while exporting.
pub struct BlobDb {
    conn: Connection,
}

impl BlobDb {
    pub(super) fn open(uri: &str) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(uri, rusqlite::OpenFlags::default())?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Self { conn })
    }

    /// Streams a file the clerk picked into the store, reporting the bytes done; `on_progress` returning false
    /// cancels. The attachment it returns refers to the stored contents.
    pub fn add_file(
        &self,
        path: &std::path::Path,
        size: u64,
        on_progress: OnProgress<'_>,
    ) -> Result<crate::model::Attachment, StoreError> {
        let file = std::fs::File::open(path).map_err(StoreError::BlobIo)?;
        let mut reader = io::BufReader::with_capacity(CHUNK_BYTES, file);
        let sha256 = put(&self.conn, size, &mut reader, on_progress)?;
        Ok(crate::model::Attachment {
            name: crate::model::Attachment::name_of(path),
            size_bytes: size,
            sha256,
        })
    }
}

impl BlobSource for BlobDb {
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
        copy(&self.conn, sha256, out)
    }
}

impl BlobSink for BlobDb {
    fn put(&mut self, size: u64, data: &mut dyn io::Read) -> io::Result<String> {
        put(&self.conn, size, data, &mut |_| true).map_err(io::Error::other)
    }
}

impl BlobSource for super::Store {
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
        copy(&self.conn, sha256, out)
    }
}

impl BlobSink for super::Store {
    fn put(&mut self, size: u64, data: &mut dyn io::Read) -> io::Result<String> {
        put(&self.conn, size, data, &mut |_| true).map_err(io::Error::other)
    }
}
