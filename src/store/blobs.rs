//! Attachment contents in the `blob` table, keyed by SHA-256, streamed in and out with SQLite's incremental BLOB
//! I/O: a chunk at a time, never a whole scan in memory. A new content is hashed while it is written, once.

use std::io::{self, Read as _, Write};

use rusqlite::{Connection, MAIN_DB, OptionalExtension as _, TransactionBehavior};

use super::StoreError;
use crate::model::blob::{BlobSink, BlobSource, CHUNK_BYTES, HashingWriter};

/// What `put` reports after each chunk; returning false cancels (the content is then not stored).
pub type OnProgress<'a> = &'a mut dyn FnMut(u64) -> bool;

/// Stores exactly `size` bytes from `data` under `sha256` in one transaction, checking the digest on the way:
/// the key is known before the row is written, so the row is never rewritten (an UPDATE would read a whole
/// scan into memory). Contents already stored are not read again. Cancelling, a short read or a digest that
/// does not match leaves the database unchanged.
pub fn put(
    conn: &Connection,
    sha256: &str,
    size: u64,
    data: &mut dyn io::Read,
    on_progress: OnProgress<'_>,
) -> Result<(), StoreError> {
    let size_i64 = i64::try_from(size).map_err(|_| StoreError::BlobTooLarge { size })?;
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let exists: Option<i64> = tx
        .query_row("SELECT rowid FROM blob WHERE sha256 = ?1", [sha256], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO blob (sha256, data) VALUES (?1, zeroblob(?2))",
        rusqlite::params![sha256, size_i64],
    )?;
    let rowid = tx.last_insert_rowid();
    let actual = {
        let blob = tx.blob_open(MAIN_DB, c"blob", c"data", rowid, false)?;
        let mut target = HashingWriter::new(blob);
        copy_exactly(data, &mut target, size, on_progress)?;
        target.finish().1
    };
    if actual != sha256 {
        return Err(StoreError::BlobIo(io::Error::new(
            io::ErrorKind::InvalidData,
            "附件在读入时被改动了，请重新添加",
        )));
    }
    tx.commit()?;
    Ok(())
}

/// Copies exactly `size` bytes, reporting after each chunk; `on_progress` returning false cancels.
fn copy_exactly(
    data: &mut dyn io::Read,
    out: &mut dyn Write,
    size: u64,
    on_progress: OnProgress<'_>,
) -> Result<(), StoreError> {
    let mut buffer = vec![0u8; CHUNK_BYTES];
    let mut done = 0u64;
    while done < size {
        let want = usize::try_from((size - done).min(CHUNK_BYTES as u64)).unwrap_or(CHUNK_BYTES);
        let n = data.read(&mut buffer[..want]).map_err(StoreError::BlobIo)?;
        if n == 0 {
            return Err(StoreError::BlobIo(io::ErrorKind::UnexpectedEof.into()));
        }
        out.write_all(&buffer[..n]).map_err(StoreError::BlobIo)?;
        done += n as u64;
        if !on_progress(done) {
            return Err(StoreError::Cancelled);
        }
    }
    Ok(())
}

/// Streams a file into the database in two passes: hashed first (the first half of the progress), then
/// written under its digest (the second half), which is checked again.
pub fn add_file(
    conn: &Connection,
    path: &std::path::Path,
    size: u64,
    on_progress: OnProgress<'_>,
) -> Result<crate::model::Attachment, StoreError> {
    let open = || {
        std::fs::File::open(path)
            .map(|f| io::BufReader::with_capacity(CHUNK_BYTES, f))
            .map_err(StoreError::BlobIo)
    };
    let mut hashing = HashingWriter::new(io::sink());
    copy_exactly(&mut open()?, &mut hashing, size, &mut |done| {
        on_progress(done / 2)
    })?;
    let sha256 = hashing.finish().1;
    put(conn, &sha256, size, &mut open()?, &mut |done| {
        on_progress(size / 2 + done / 2)
    })?;
    on_progress(size);
    Ok(crate::model::Attachment {
        name: crate::model::Attachment::name_of(path),
        size_bytes: size,
        sha256,
    })
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
/// Those of archived batches and of removed enterprises kept for 撤销删除 stay.
/// Run when the store opens, when nothing can be adding one.
pub fn collect_garbage(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM attachment)
             AND sha256 NOT IN (SELECT sha256 FROM archived_attachment)
             AND sha256 NOT IN (SELECT sha256 FROM removed_attachment)",
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
        add_file(&self.conn, path, size, on_progress)
    }
}

impl BlobSource for BlobDb {
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
        copy(&self.conn, sha256, out)
    }
}

impl BlobSink for BlobDb {
    fn has(&self, sha256: &str) -> bool {
        has(&self.conn, sha256)
    }

    fn put(&mut self, sha256: &str, size: u64, data: &mut dyn io::Read) -> io::Result<()> {
        put(&self.conn, sha256, size, data, &mut |_| true).map_err(io::Error::other)
    }
}

fn has(conn: &Connection, sha256: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM blob WHERE sha256 = ?1",
        [sha256],
        |r| r.get::<_, i64>(0),
    )
    .is_ok_and(|n| n > 0)
}

impl BlobSource for super::Store {
    fn copy_blob(&self, sha256: &str, out: &mut dyn Write) -> io::Result<u64> {
        copy(&self.conn, sha256, out)
    }
}

impl BlobSink for super::Store {
    fn has(&self, sha256: &str) -> bool {
        has(&self.conn, sha256)
    }

    fn put(&mut self, sha256: &str, size: u64, data: &mut dyn io::Read) -> io::Result<()> {
        put(&self.conn, sha256, size, data, &mut |_| true).map_err(io::Error::other)
    }
}
