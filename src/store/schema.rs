//! The drafts database's schema and its forward migrations. `PRAGMA user_version` holds the schema version;
//! `PRAGMA application_id` marks the file as ours.

use rusqlite::{Connection, Transaction};

/// 'LJUN': marks a SQLite file as a lingjun drafts database.
pub const APPLICATION_ID: i64 = 0x4C4A_554E;

/// The schema version this program writes.
pub const CURRENT_VERSION: i64 = 8;

/// Schema 1: the batch, the unit, the enterprises with their sections, attachments stored once per content.
pub const SCHEMA_V1: &str = "
CREATE TABLE batch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    year INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    recipient TEXT NOT NULL,
    recipient_address TEXT NOT NULL,
    recipient_postcode TEXT NOT NULL,
    recipient_phone TEXT NOT NULL,
    paper_copies INTEGER NOT NULL,
    discs INTEGER NOT NULL
);
CREATE TABLE unit (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    province TEXT NOT NULL,
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    date TEXT NOT NULL
);
CREATE TABLE enterprise (
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    region TEXT NOT NULL,
    industry TEXT NOT NULL,
    products TEXT NOT NULL,
    nature TEXT NOT NULL,
    contact TEXT NOT NULL,
    phone TEXT NOT NULL,
    revenue_100m TEXT NOT NULL,
    profit_100m TEXT NOT NULL,
    rnd_100m TEXT NOT NULL,
    employees TEXT NOT NULL
);
CREATE TABLE section (
    enterprise_position INTEGER NOT NULL REFERENCES enterprise (position) ON DELETE CASCADE,
    key TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (enterprise_position, key)
);
CREATE TABLE blob (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE attachment (
    enterprise_position INTEGER NOT NULL REFERENCES enterprise (position) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blob (sha256),
    PRIMARY KEY (enterprise_position, position)
);
";

/// Schema 2: acknowledged warnings with their reasons, the 定稿 flag, and unknown drafts-file fields kept as JSON.
const MIGRATE_V1_TO_V2: &str = "
CREATE TABLE acknowledgement (
    enterprise_position INTEGER,
    key TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE UNIQUE INDEX acknowledgement_key ON acknowledgement (ifnull(enterprise_position, -1), key);
CREATE TABLE draft_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    is_final INTEGER NOT NULL DEFAULT 0,
    extra_json TEXT NOT NULL DEFAULT '{}'
);
ALTER TABLE batch ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE unit ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE enterprise ADD COLUMN extra_json TEXT NOT NULL DEFAULT '{}';
";

/// Schema 3: 定稿 is an action with a 定稿码 and a 定稿记录. The old 定稿 tick (`is_final`, no longer read)
/// gives no 定稿: a ticked database opens as not final, with a note in the 定稿记录.
const MIGRATE_V2_TO_V3: &str = "
ALTER TABLE draft_state ADD COLUMN finalized_json TEXT NOT NULL DEFAULT 'null';
ALTER TABLE draft_state ADD COLUMN final_log_json TEXT NOT NULL DEFAULT '[]';
UPDATE draft_state SET is_final = 0, final_log_json = json_array(json_object(
    'action', 'note',
    'at', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'),
    'code', '',
    'reason', '旧版的“定稿”勾选已取消。定稿现在是一个操作：请检查后重新定稿。'))
WHERE is_final = 1;
";

/// Schema 4: the batch's template as its template-file JSON (NULL: the built-in one, which is what
/// every earlier database used) and the values of custom enterprise fields, kept by key like sections.
const MIGRATE_V3_TO_V4: &str = "
ALTER TABLE draft_state ADD COLUMN template_json TEXT;
CREATE TABLE field_value (
    enterprise_position INTEGER NOT NULL REFERENCES enterprise (position) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (enterprise_position, key)
);
";

/// Schema 5: earlier batches, kept read-only when the clerk starts the next year's (新建下一年度批次): the whole
/// draft as JSON, and the attachments it references so that their contents are kept.
const MIGRATE_V4_TO_V5: &str = "
CREATE TABLE archived_batch (
    year INTEGER PRIMARY KEY,
    snapshot_json TEXT NOT NULL,
    archived_at TEXT NOT NULL
);
CREATE TABLE archived_attachment (
    year INTEGER NOT NULL REFERENCES archived_batch (year) ON DELETE CASCADE,
    sha256 TEXT NOT NULL
);
CREATE INDEX archived_attachment_sha256 ON archived_attachment (sha256);
";

/// Schema 6: enterprises the clerk removed from the current batch, kept for 撤销删除 (`model::removed`): the
/// enterprise as JSON with its old place, and the attachment contents it uses, which are then kept.
const MIGRATE_V5_TO_V6: &str = "
CREATE TABLE removed_enterprise (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    removed_at TEXT NOT NULL,
    enterprise_json TEXT NOT NULL
);
CREATE TABLE removed_attachment (
    removed_id INTEGER NOT NULL REFERENCES removed_enterprise (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL
);
CREATE INDEX removed_attachment_sha256 ON removed_attachment (sha256);
";

/// Schema 7: tables inside report sections (`model::section_table`), one row per enterprise and section key
/// holding that section's tables in order as the drafts file writes them (JSON). An older database has none.
const MIGRATE_V6_TO_V7: &str = "
CREATE TABLE section_table (
    enterprise_position INTEGER NOT NULL REFERENCES enterprise (position) ON DELETE CASCADE,
    key TEXT NOT NULL,
    tables_json TEXT NOT NULL,
    PRIMARY KEY (enterprise_position, key)
);
";

/// Schema 8: the 标杆企业库 (`model::pool`), outliving batches: each entry as its drafts-file JSON, by its place
/// in the pool.
const MIGRATE_V7_TO_V8: &str = "
CREATE TABLE pool_entry (
    position INTEGER PRIMARY KEY,
    entry_json TEXT NOT NULL
);
";

/// Each step takes the schema from version `i + 1` to `i + 2`; version 0 is an empty file.
const MIGRATIONS: [&str; 7] = [
    MIGRATE_V1_TO_V2,
    MIGRATE_V2_TO_V3,
    MIGRATE_V3_TO_V4,
    MIGRATE_V4_TO_V5,
    MIGRATE_V5_TO_V6,
    MIGRATE_V6_TO_V7,
    MIGRATE_V7_TO_V8,
];

/// Brings the schema up to `CURRENT_VERSION` in one transaction. The caller has refused newer files already.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    // A current database is not written to at all: opening it (to read, or to refuse a bad file) leaves
    // it byte-identical.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == CURRENT_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    let mut version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        tx.execute_batch(SCHEMA_V1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        version = 1;
    }
    for (step, sql) in MIGRATIONS.iter().enumerate() {
        let from = step as i64 + 1;
        if version == from {
            tx.execute_batch(sql)?;
            version = from + 1;
        }
    }
    set_version(&tx, version)?;
    tx.commit()
}

fn set_version(tx: &Transaction<'_>, version: i64) -> rusqlite::Result<()> {
    tx.pragma_update(None, "user_version", version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::BUILT_IN_FIELDS;

    #[test]
    fn every_built_in_field_has_its_column() {
        let mut conn = Connection::open_in_memory().expect("in memory");
        migrate(&mut conn).expect("migrates");
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('enterprise')")
            .expect("prepares")
            .query_map([], |r| r.get(0))
            .expect("queries")
            .collect::<Result<_, _>>()
            .expect("reads");
        for f in &BUILT_IN_FIELDS {
            assert!(
                columns.iter().any(|c| c == f.key),
                "{}: a new built-in field needs a migration adding its column",
                f.key
            );
        }
    }
}
