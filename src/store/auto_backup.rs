//! Automatic backups: at each start of the window the database is copied, consistently even in WAL mode, to
//! `backups/auto/` beside it, keeping the newest ten; the clerk can restore any of them from the window.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest as _, Sha256};

use super::transfer::{RestoreOutcome, TransferError, write_safety_copy};
use super::{Integrity, Store, StoreError, check_existing, check_existing_with, rows, schema};

/// How many automatic backups are kept; the oldest beyond this are deleted.
pub const AUTO_BACKUP_KEEP: usize = 10;

/// How many automatic backups to keep and how much disk they may take together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoBackupLimits {
    /// The newest this many are kept.
    pub keep: usize,
    /// Above this total the oldest are deleted too, the newest always kept: ten copies of a database with a
    /// CD's worth of scans would otherwise take 7 GB.
    pub max_total_bytes: u64,
}

impl Default for AutoBackupLimits {
    fn default() -> Self {
        Self {
            keep: AUTO_BACKUP_KEEP,
            max_total_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

impl AutoBackupLimits {
    /// The defaults, with the total from `LINGJUN_AUTO_BACKUP_MAX_MB` when it is set to a number.
    pub fn from_env() -> Self {
        Self::with_max_mb(None)
    }

    /// The defaults with the clerk's total in MB (the settings file's 自动备份总大小上限), and over it
    /// `LINGJUN_AUTO_BACKUP_MAX_MB` when that is set to a number (tests and benchmarks).
    pub fn with_max_mb(max_mb: Option<u64>) -> Self {
        let mut limits = Self::default();
        let from_env = std::env::var(MAX_MB_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let Some(mb) = from_env.or(max_mb) {
            limits.max_total_bytes = mb.saturating_mul(1024 * 1024);
        }
        limits
    }

    /// The total in whole MB, as the clerk sets it.
    pub fn max_total_mb(&self) -> u64 {
        self.max_total_bytes / (1024 * 1024)
    }
}

/// The environment variable that sets the automatic backups' total size in MB.
pub const MAX_MB_VAR: &str = "LINGJUN_AUTO_BACKUP_MAX_MB";

/// Every automatic backup's name starts so; nothing else in the folder is ever deleted.
const PREFIX: &str = "auto-";
const SUFFIX: &str = ".sqlite";
/// The timestamp in a backup's name; fixed width, so names sort in time order.
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S-%3f";

/// One automatic backup, for the restore list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoBackup {
    pub path: PathBuf,
    /// When it was made (local time, from its name).
    pub created: NaiveDateTime,
    pub size_bytes: u64,
    /// How many enterprises it holds; `None` when the file cannot be read.
    pub enterprise_count: Option<usize>,
}

/// The folder of automatic backups beside a database file: `<data folder>/backups/auto` for the default database,
/// `<folder>/backups/auto/<file name>` for any other (`--db`), so that databases sharing a folder never list or
/// rotate each other's backups.
pub fn auto_backup_dir(db_path: &Path) -> Option<PathBuf> {
    let dir = super::safety_dir_for(db_path)?.join("auto");
    match db_path.file_name() {
        Some(name) if name != super::DEFAULT_DB_NAME => Some(dir.join(name)),
        _ => Some(dir),
    }
}

/// Copies the database at `db_path` into `backups/auto/` and deletes all but the newest ten automatic backups.
/// Returns the new backup, or `None` when there was nothing new to keep: no database yet, no draft in it, or the
/// same content as the newest backup (so that starting the window ten times does not push older work out).
/// A database that would be refused (damaged, newer, not ours, in use) is not copied and no backup is deleted.
pub fn create_auto_backup(db_path: &Path) -> Result<Option<PathBuf>, StoreError> {
    create_auto_backup_with(db_path, &AutoBackupLimits::default())
}

/// `create_auto_backup` with other limits: after the copy, the oldest backups beyond `limits.keep` and then
/// beyond `limits.max_total_bytes` are deleted (the newest is always kept).
pub fn create_auto_backup_with(
    db_path: &Path,
    limits: &AutoBackupLimits,
) -> Result<Option<PathBuf>, StoreError> {
    if std::fs::metadata(db_path).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    check_existing(db_path)?;
    back_up_checked(db_path, limits)
}

/// `create_auto_backup_with` right after `check_integrity` found the database sound: the header, application id
/// and version are checked again, the pages not read a second time (a CD of scans takes seconds to read).
pub fn create_auto_backup_after_check(
    db_path: &Path,
    limits: &AutoBackupLimits,
) -> Result<Option<PathBuf>, StoreError> {
    if std::fs::metadata(db_path).map_or(true, |m| m.len() == 0) {
        return Ok(None);
    }
    check_existing_with(db_path, Integrity::Later)?;
    back_up_checked(db_path, limits)
}

fn back_up_checked(
    db_path: &Path,
    limits: &AutoBackupLimits,
) -> Result<Option<PathBuf>, StoreError> {
    let dir = auto_backup_dir(db_path).ok_or_else(|| StoreError::CreateFolder {
        path: db_path.to_owned(),
        source: std::io::Error::other("the database path has no folder"),
    })?;
    let source = open_read_only(db_path)?;
    if !has_draft(&source)? {
        return Ok(None);
    }
    let fingerprint = content_fingerprint(&source)?;
    let existing = backup_files(&dir);
    if let Some(newest) = existing.last()
        && open_read_only(newest)
            .and_then(|c| content_fingerprint(&c))
            .is_ok_and(|f| f == fingerprint)
    {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir).map_err(|e| io_failure(&dir, &e))?;
    remove_unfinished(&dir);
    let target = unused_name(&dir, Local::now().naive_local());
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(target.file_name().unwrap_or_default());
    temp_name.push(".part");
    let temp = target.with_file_name(temp_name);
    let copied = copy_consistently(&source, &temp)
        .and_then(|()| std::fs::rename(&temp, &target).map_err(|e| io_failure(&target, &e)));
    if let Err(e) = copied {
        std::fs::remove_file(&temp).ok();
        return Err(e);
    }
    rotate(&dir, limits);
    Ok(Some(target))
}

/// The automatic backups beside `db_path`, newest first. A missing folder is an empty list.
pub fn list_auto_backups(db_path: &Path) -> Vec<AutoBackup> {
    let Some(dir) = auto_backup_dir(db_path) else {
        return Vec::new();
    };
    let mut list: Vec<AutoBackup> = backup_files(&dir)
        .into_iter()
        .filter_map(|path| {
            let created = created_of(&path)?;
            let size_bytes = std::fs::metadata(&path).ok()?.len();
            let enterprise_count = open_read_only(&path).ok().and_then(|c| {
                c.query_row("SELECT count(*) FROM enterprise", [], |r| {
                    r.get::<_, i64>(0)
                })
                .ok()
                .and_then(|n| usize::try_from(n).ok())
            });
            Some(AutoBackup {
                path,
                created,
                size_bytes,
                enterprise_count,
            })
        })
        .collect();
    list.reverse();
    list
}

/// Replaces the drafts in `store` with those in the automatic backup at `backup`, after writing the current
/// drafts to `safety_dir` (when given). The backup file itself is only read, never migrated or changed.
pub fn restore_auto_backup(
    store: &mut Store,
    backup: &Path,
    safety_dir: Option<&Path>,
) -> Result<RestoreOutcome, TransferError> {
    store.ensure_editable()?;
    check_existing(backup)?;
    let source = open_read_only(backup)?;
    // Copied to a temporary file and migrated there (a backup made before an upgrade has the older schema): the
    // backup itself is never changed, and memory does not grow with the attachments.
    let temp = std::env::temp_dir().join(format!(
        "lingjun-restore-{}-{}.sqlite",
        std::process::id(),
        Local::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let result = (|| {
        copy_consistently(&source, &temp)?;
        let mut copy = Connection::open(&temp)?;
        schema::migrate(&mut copy)?;
        let draft = rows::load(&copy)?.ok_or_else(|| StoreError::Corrupt {
            path: backup.to_owned(),
            detail: "备份中没有草稿".to_owned(),
        })?;
        // Removed enterprises kept for 撤销删除 come along with their attachments' contents too.
        let kept = draft.removed.iter().map(|r| &r.enterprise);
        for attachment in draft
            .enterprises
            .iter()
            .chain(kept)
            .flat_map(|e| &e.attachments)
        {
            if !store.has_blob(&attachment.sha256)? {
                let rowid: i64 = copy.query_row(
                    "SELECT rowid FROM blob WHERE sha256 = ?1",
                    [&attachment.sha256],
                    |r| r.get(0),
                )?;
                let mut blob = copy.blob_open(rusqlite::MAIN_DB, c"blob", c"data", rowid, true)?;
                super::blobs::put(
                    &store.conn,
                    &attachment.sha256,
                    attachment.size_bytes,
                    &mut blob,
                    &mut |_| true,
                )?;
            }
        }
        Ok::<_, StoreError>((draft, super::pool::load(&copy)?))
    })();
    std::fs::remove_file(&temp).ok();
    let (draft, pool) = result?;
    let safety_copy = write_safety_copy(store, safety_dir)?;
    store.replace_with_pool(&draft, &pool)?;
    Ok(RestoreOutcome {
        draft,
        pool,
        unknown_fields: Vec::new(),
        safety_copy,
        notes: Vec::new(),
    })
}

fn open_read_only(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_millis(200))?;
    Ok(conn)
}

fn has_draft(conn: &Connection) -> Result<bool, StoreError> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'batch'",
        [],
        |r| r.get(0),
    )?;
    if tables == 0 {
        return Ok(false);
    }
    let rows: i64 = conn.query_row("SELECT count(*) FROM batch", [], |r| r.get(0))?;
    Ok(rows > 0)
}

/// A digest of every row of every table, attachments by their SHA-256 key (the blob table is content-addressed),
/// so two databases with the same drafts compare equal without reading the attachments' bytes.
fn content_fingerprint(conn: &Connection) -> Result<Vec<u8>, StoreError> {
    let mut hasher = Sha256::new();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    hasher.update(version.to_le_bytes());
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        hasher.update(table.as_bytes());
        let sql = if table == "blob" {
            "SELECT sha256 FROM blob ORDER BY sha256".to_owned()
        } else {
            format!(
                "SELECT * FROM \"{}\" ORDER BY rowid",
                table.replace('"', "\"\"")
            )
        };
        let mut stmt = conn.prepare(&sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i)?;
                hasher.update(format!("{value:?}\u{1}").as_bytes());
            }
            hasher.update(b"\n");
        }
    }
    Ok(hasher.finalize().to_vec())
}

/// SQLite's online backup API: a consistent copy of the last committed state, WAL included, then synced.
fn copy_consistently(source: &Connection, temp: &Path) -> Result<(), StoreError> {
    std::fs::remove_file(temp).ok();
    {
        let mut target = Connection::open(temp)?;
        // All pages in one step, inside one read transaction: the window may save meanwhile (WAL lets it), and
        // a save does not restart the copy. Pages go through SQLite's cache, not all into memory.
        {
            let backup = rusqlite::backup::Backup::new(source, &mut target)?;
            while backup.step(-1)? != rusqlite::backup::StepResult::Done {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        // A self-contained single file: no -wal beside the copy.
        target.pragma_update(None, "journal_mode", "DELETE")?;
    }
    std::fs::OpenOptions::new()
        .append(true)
        .open(temp)
        .and_then(|mut f| {
            f.flush()?;
            f.sync_all()
        })
        .map_err(|e| io_failure(temp, &e))
}

/// `auto-<stamp>.sqlite`, a millisecond later while that name is taken, so names stay unique and in order.
fn unused_name(dir: &Path, mut when: NaiveDateTime) -> PathBuf {
    loop {
        let path = dir.join(format!("{PREFIX}{}{SUFFIX}", when.format(STAMP_FORMAT)));
        if !path.exists() {
            return path;
        }
        when += chrono::Duration::milliseconds(1);
    }
}

/// The automatic backups in `dir`, oldest first (by name, which is by time).
fn backup_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && created_of(p).is_some())
        .collect();
    files.sort();
    files
}

fn created_of(path: &Path) -> Option<NaiveDateTime> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()
}

/// Deletes the oldest automatic backups beyond the newest `keep`, then the oldest while all of them together
/// take more than `max_total_bytes`, always keeping the newest; nothing else in the folder.
fn rotate(dir: &Path, limits: &AutoBackupLimits) {
    let files = backup_files(dir);
    let excess = files.len().saturating_sub(limits.keep.max(1));
    let (old, kept) = files.split_at(excess);
    let mut doomed: Vec<&PathBuf> = old.iter().collect();
    let sizes: Vec<u64> = kept
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    let mut total: u64 = sizes.iter().sum();
    for (path, size) in kept.iter().zip(&sizes).take(kept.len().saturating_sub(1)) {
        if total <= limits.max_total_bytes {
            break;
        }
        doomed.push(path);
        total -= size;
    }
    for path in doomed {
        // A backup that cannot be deleted now is deleted at a later start; it harms nothing meanwhile.
        std::fs::remove_file(path).ok();
    }
}

/// Removes the temporary file of a backup that a closed window left unfinished.
fn remove_unfinished(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(".part") {
            std::fs::remove_file(&path).ok();
        }
    }
}

fn io_failure(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::BackupWrite {
        path: path.to_owned(),
        source: std::io::Error::new(e.kind(), e.to_string()),
    }
}
