//! The drafts database: one SQLite file in the user's data folder, WAL mode, saved in one transaction.
//! A file that is not ours, damaged, or from a newer version is refused and never modified.

mod archive;
mod auto_backup;
mod autosave;
mod blobs;
mod error;
mod incremental;
mod pool;
mod removed;
mod rows;
mod save_worker;
pub mod schema;
mod transfer;

use std::io::Read as _;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use archive::BatchEntry;
pub use auto_backup::{
    AUTO_BACKUP_KEEP, AutoBackup, AutoBackupLimits, auto_backup_dir, create_auto_backup,
    create_auto_backup_after_check, create_auto_backup_with, list_auto_backups,
    restore_auto_backup,
};
pub use autosave::{Autosave, SAVE_DELAY};
pub use blobs::{BlobDb, BlobOpener, OnProgress};
pub use error::StoreError;
pub use save_worker::{SaveWorker, Wake};
pub use transfer::{
    RestoreOutcome, TemplateImportError, TransferError, backup_to_file, export_template,
    import_template, restore_from_file, safety_dir_for,
};

use crate::model::Draft;

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The drafts database. Holds an exclusive lock while open, so a second window on the same file is told.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// How a second connection reaches the same database: the file, or a named shared in-memory database.
    uri: String,
    /// What the last save wrote, so the next one writes only what changed.
    saved: Option<Draft>,
    /// What the last pool save wrote (or load read), so the next one writes only the entries that changed.
    saved_pool: Option<crate::model::pool::Pool>,
    /// Opened without `PRAGMA quick_check` (`open_unchecked`): the window runs `check_integrity` later.
    unchecked: bool,
    /// An OS lock on `<db>.lock`, held while this store is open; the OS drops it if the process dies.
    _lock: Option<std::fs::File>,
}

/// The file name of the default database.
pub const DEFAULT_DB_NAME: &str = "drafts.sqlite";

/// The default database: `drafts.sqlite` in the per-user local data folder
/// (`%LOCALAPPDATA%\lingjun\lingjun\data` on Windows).
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "lingjun", "lingjun")
        .map(|dirs| dirs.data_local_dir().join(DEFAULT_DB_NAME))
}

impl Store {
    /// Opens (or creates) the database at `path`, refusing anything that is not a sound lingjun database.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, Integrity::Check)
    }

    /// Opens as `open` does, refusing files that are not ours, newer or with a damaged header, but without
    /// `PRAGMA quick_check`, which reads every page (a second or more with a CD of scans): the window shows its
    /// first frame and runs `check_integrity` on a thread.
    pub fn open_unchecked(path: &Path) -> Result<Self, StoreError> {
        Self::open_with(path, Integrity::Later)
    }

    fn open_with(path: &Path, integrity: Integrity) -> Result<Self, StoreError> {
        if !path.exists()
            && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateFolder {
                path: parent.to_owned(),
                source,
            })?;
        }
        // Taken before the database is even read, so a second window or command is told and touches nothing.
        let lock = lock_beside(path)?;
        if path.exists() {
            check_existing_with(path, integrity)?;
        }
        let conn = Connection::open(path)?;
        let mut store = Self {
            conn,
            path: Some(path.to_owned()),
            uri: path.to_string_lossy().into_owned(),
            saved: None,
            saved_pool: None,
            unchecked: integrity == Integrity::Later,
            _lock: Some(lock),
        };
        store.prepare().map_err(|e| map_busy(e, path))?;
        Ok(store)
    }

    /// A database in memory, for tests and for a window that could not open its file.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        // Named and shared, so that a thread adding or exporting attachments can open a second connection to it.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let uri = format!(
            "file:lingjun-memory-{}-{n}?mode=memory&cache=shared",
            std::process::id()
        );
        let mut store = Self {
            conn: Connection::open_with_flags(&uri, OpenFlags::default())?,
            path: None,
            uri,
            saved: None,
            saved_pool: None,
            unchecked: false,
            _lock: None,
        };
        store.prepare()?;
        Ok(store)
    }

    /// The file, when it was opened without its page-by-page check (`open_unchecked`), which is still to run.
    pub fn unchecked_path(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.unchecked)
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(std::time::Duration::from_millis(200))?;
        // WAL: a crash mid-save leaves the last committed state; FULL sync makes each committed save survive a power cut.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut self.conn)?;
        // Nothing can be adding a file yet: contents no saved attachment refers to can go.
        blobs::collect_garbage(&self.conn)?;
        Ok(())
    }

    /// The saved draft; `None` for a database that has never been saved to.
    pub fn load(&self) -> Result<Option<Draft>, StoreError> {
        rows::load(&self.conn)
    }

    /// Saves the draft in one transaction: either all of it is on disk afterwards or none of it changed. After
    /// the first save only what changed since the last one is written (a field, a section, a list of
    /// attachments' names); attachment contents are never written or hashed here (see `add_file`).
    /// Every attachment's contents must be in the store already.
    pub fn save(&mut self, draft: &Draft) -> Result<(), StoreError> {
        save_in(&mut self.conn, &mut self.saved, draft)
    }

    /// Saves `draft` as the whole of the drafts, rewriting every row (a restore): right even when another
    /// connection (the window's `SaveWorker`) has written since this store last saved.
    pub fn replace(&mut self, draft: &Draft) -> Result<(), StoreError> {
        self.saved = None;
        self.save(draft)
    }

    /// A thread that saves through a connection of its own (`SaveWorker`), for the window; `None` for a
    /// database in memory, which is saved in place (a second connection to it would share its locks).
    pub fn save_worker(&self, wake: Wake) -> Result<Option<SaveWorker>, StoreError> {
        match self.path {
            Some(_) => SaveWorker::start(&self.uri, wake).map(Some),
            None => Ok(None),
        }
    }

    /// Streams a file into the store (hashing it on the way) and returns its attachment; `on_progress` gets the
    /// bytes done and cancels by returning false. For a thread of its own, use `blob_db` instead.
    pub fn add_file(
        &mut self,
        path: &Path,
        on_progress: OnProgress<'_>,
    ) -> Result<crate::model::Attachment, StoreError> {
        let size = std::fs::metadata(path).map_err(StoreError::BlobIo)?.len();
        blobs::add_file(&self.conn, path, size, on_progress)
    }

    /// Stores contents given in memory (tests, imports) and returns their attachment.
    pub fn add_bytes(
        &mut self,
        name: &str,
        data: &[u8],
    ) -> Result<crate::model::Attachment, StoreError> {
        let sha256 = crate::model::draft::sha256_hex(data);
        blobs::put(
            &self.conn,
            &sha256,
            data.len() as u64,
            &mut &data[..],
            &mut |_| true,
        )?;
        Ok(crate::model::Attachment {
            name: name.to_owned(),
            size_bytes: data.len() as u64,
            sha256,
        })
    }

    /// A second connection to this database for another thread (adding a file, exporting).
    pub fn blob_db(&self) -> Result<BlobDb, StoreError> {
        BlobDb::open(&self.uri)
    }

    /// What another thread needs to open its own connection to this database.
    pub fn blob_opener(&self) -> BlobOpener {
        BlobOpener(self.uri.clone())
    }

    /// Whether the contents under `sha256` are stored.
    pub fn has_blob(&self, sha256: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM blob WHERE sha256 = ?1",
            [sha256],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    /// Refuses with `StoreError::Frozen` while the stored drafts are final (定稿): restore and import call this.
    pub fn ensure_editable(&self) -> Result<(), StoreError> {
        match self.load()? {
            Some(draft) => Ok(crate::model::finalize::ensure_editable(&draft)?),
            None => Ok(()),
        }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Saves `draft` through `conn` in one transaction: only what differs from `saved` (what this connection last
/// wrote), or every row when there is no such draft. `saved` becomes `draft` once the commit has returned.
fn save_in(
    conn: &mut Connection,
    saved: &mut Option<Draft>,
    draft: &Draft,
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    match saved.as_ref() {
        Some(old) => incremental::save_changes(&tx, old, draft)?,
        None => rows::save(&tx, draft)?,
    }
    tx.commit()?;
    *saved = Some(draft.clone());
    Ok(())
}

/// Whether opening the database at `path` would migrate it to a newer schema (reads only its header). The
/// automatic backup is then made before opening, so the copy holds the drafts as the older version wrote them.
pub fn needs_migration(path: &Path) -> bool {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)))
        .is_ok_and(|v| v > 0 && v < schema::CURRENT_VERSION)
}

/// Takes the exclusive OS lock on `<db>.lock` beside the database. SQLite's own locks only last a transaction
/// in WAL mode, so they cannot keep a second window from writing over this one's drafts; this lock can.
/// (A separate file: on Windows an OS lock on the database itself would block SQLite's own reads.)
fn lock_beside(path: &Path) -> Result<std::fs::File, StoreError> {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".lock");
    let lock_path = path.with_file_name(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|source| StoreError::LockFile {
            path: lock_path.clone(),
            source,
        })?;
    // Asked again for a moment before saying "in use": a lock is briefly held after its owner let go when a
    // program was being started at that instant (a started process holds copies of its parent's files until
    // it has loaded), and a window that is just closing lets go a moment later.
    let deadline = std::time::Instant::now() + LOCK_PATIENCE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: path.to_owned(),
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(StoreError::LockFile {
                    path: lock_path,
                    source,
                });
            }
        }
    }
}

/// How long opening waits for a database another window or command holds before saying it is in use.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether opening runs SQLite's page-by-page check, or leaves it to `check_integrity`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Integrity {
    Check,
    Later,
}

/// `PRAGMA quick_check` of the database at `path` on a read-only connection of its own, for a thread: reads
/// every page, writes nothing. `Corrupt` names what SQLite found.
pub fn check_integrity(path: &Path) -> Result<(), StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_owned(),
        detail,
    };
    let check: String = Connection::open_with_flags(path, flags)
        .and_then(|conn| conn.query_row("PRAGMA quick_check", [], |r| r.get(0)))
        .map_err(|e| corrupt(e.to_string()))?;
    if check == "ok" {
        Ok(())
    } else {
        Err(corrupt(check))
    }
}

/// Refuses, without writing a byte, a file that is not a SQLite database, is not ours, is damaged or is newer.
fn check_existing(path: &Path) -> Result<(), StoreError> {
    check_existing_with(path, Integrity::Check)
}

fn check_existing_with(path: &Path, integrity: Integrity) -> Result<(), StoreError> {
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut header))
        .map_err(|e| {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some(e.to_string()),
            ))
        })?;
    if read == 0 {
        // An empty file is what a crash during the very first start leaves: treat it as new.
        return Ok(());
    }
    if read < 16 || &header != SQLITE_HEADER {
        return Err(StoreError::NotADatabase {
            path: path.to_owned(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    let inspect = || -> rusqlite::Result<(i64, i64, String)> {
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let check: String = match integrity {
            Integrity::Check => conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?,
            Integrity::Later => "ok".to_owned(),
        };
        Ok((app_id, version, check))
    };
    let (app_id, version, check) = inspect().map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::Busy {
                path: path.to_owned(),
            }
        }
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_owned(),
        },
        _ => StoreError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
    })?;
    if app_id != 0 && app_id != schema::APPLICATION_ID {
        return Err(StoreError::NotADatabase {
            path: path.to_owned(),
        });
    }
    if app_id == 0 && version != 0 {
        // Someone else's SQLite database with a schema of its own.
        return Err(StoreError::NotADatabase {
            path: path.to_owned(),
        });
    }
    if version > schema::CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            supported: schema::CURRENT_VERSION,
        });
    }
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            detail: check,
        });
    }
    Ok(())
}

fn map_busy(e: StoreError, path: &Path) -> StoreError {
    match &e {
        StoreError::Sqlite(inner)
            if matches!(
                inner.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            StoreError::Busy {
                path: path.to_owned(),
            }
        }
        _ => e,
    }
}
