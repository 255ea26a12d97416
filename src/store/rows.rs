//! Draft ↔ rows. A full save rewrites the small rows; attachments are rows of metadata pointing at contents
//! already in the `blob` table (`store::blobs`), which a save never touches.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::StoreError;
use crate::model::draft::Extra;
use crate::model::field::BUILT_IN_FIELDS;
use crate::model::{Attachment, Batch, Draft, Enterprise, Template, Unit};

pub fn save(tx: &Transaction<'_>, draft: &Draft) -> Result<(), StoreError> {
    save_singletons(tx, draft)?;
    tx.execute_batch("DELETE FROM attachment; DELETE FROM section; DELETE FROM field_value; DELETE FROM section_table; DELETE FROM enterprise; DELETE FROM acknowledgement;")?;
    insert_acknowledgements(tx, None, &draft.acknowledged)?;
    for (position, enterprise) in draft.enterprises.iter().enumerate() {
        save_enterprise(tx, position, enterprise)?;
    }
    super::removed::save(tx, &draft.removed)
}

/// The batch, the unit and the draft's own state: one row each.
pub(super) fn save_singletons(tx: &Transaction<'_>, draft: &Draft) -> Result<(), StoreError> {
    let Draft {
        batch,
        unit,
        finalized,
        final_log,
        template,
        extra,
        ..
    } = draft;
    tx.execute(
        "INSERT OR REPLACE INTO batch (id, year, deadline, recipient, recipient_address, recipient_postcode,
             recipient_phone, paper_copies, discs, extra_json) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            batch.year,
            batch.deadline,
            batch.recipient,
            batch.recipient_address,
            batch.recipient_postcode,
            batch.recipient_phone,
            batch.paper_copies,
            batch.discs,
            extra_json(&batch.extra),
        ],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO unit (id, province, name, contact, phone, email, date, extra_json)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            unit.province,
            unit.name,
            unit.contact,
            unit.phone,
            unit.email,
            unit.date,
            extra_json(&unit.extra)
        ],
    )?;
    tx.execute(
        "INSERT OR REPLACE INTO draft_state (id, is_final, extra_json, finalized_json, final_log_json, template_json)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![
            finalized.is_some(),
            extra_json(extra),
            serde_json::to_string(finalized)?,
            serde_json::to_string(final_log)?,
            template.to_json()
        ],
    )?;
    Ok(())
}

/// An enterprise's own row after its position: a column per built-in field, named by its key, in the order of
/// `BUILT_IN_FIELDS`, then `extra_json`.
fn enterprise_columns() -> impl Iterator<Item = &'static str> {
    BUILT_IN_FIELDS.iter().map(|f| f.key).chain(["extra_json"])
}

/// The values of the enterprise's columns but the last (`extra_json`, made from the second item).
pub(super) fn enterprise_row(e: &Enterprise) -> ([&str; BUILT_IN_FIELDS.len()], &Extra) {
    (
        BUILT_IN_FIELDS.each_ref().map(|f| (f.value)(e).as_str()),
        &e.extra,
    )
}

/// Inserts or updates the enterprise's own row (not its sections, fields, attachments or acknowledgements).
pub(super) fn write_enterprise_row(
    tx: &Transaction<'_>,
    position: i64,
    e: &Enterprise,
) -> Result<(), StoreError> {
    static UPSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let columns = enterprise_columns().collect::<Vec<_>>().join(", ");
        let numbers: Vec<String> = (2..=enterprise_columns().count() + 1)
            .map(|n| format!("?{n}"))
            .collect();
        let excluded: Vec<String> = enterprise_columns()
            .map(|c| format!("excluded.{c}"))
            .collect();
        format!(
            "INSERT INTO enterprise (position, {columns}) VALUES (?1, {}) ON CONFLICT (position) DO UPDATE SET ({columns}) = ({})",
            numbers.join(", "),
            excluded.join(", ")
        )
    });
    let (texts, extra) = enterprise_row(e);
    let extra = extra_json(extra);
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&position];
    values.extend(texts.iter().map(|t| t as &dyn rusqlite::ToSql));
    values.push(&extra);
    tx.prepare_cached(&UPSERT)?.execute(values.as_slice())?;
    Ok(())
}

/// One row per key of an enterprise's map in `table` (`section`: `body`, `field_value`: `value`): writes the
/// keys whose value is new or changed since `old` and deletes the keys gone (with no `old`, inserts them all).
pub(super) fn write_keyed(
    tx: &Transaction<'_>,
    table: KeyedTable,
    position: i64,
    old: Option<&BTreeMap<String, String>>,
    new: &BTreeMap<String, String>,
) -> Result<(), StoreError> {
    let (table, column) = match table {
        KeyedTable::Section => ("section", "body"),
        KeyedTable::FieldValue => ("field_value", "value"),
        KeyedTable::SectionTables => ("section_table", "tables_json"),
    };
    let upsert = format!(
        "INSERT INTO {table} (enterprise_position, key, {column}) VALUES (?1, ?2, ?3)
             ON CONFLICT (enterprise_position, key) DO UPDATE SET {column} = excluded.{column}"
    );
    for (key, value) in new {
        if old.and_then(|o| o.get(key)) != Some(value) {
            tx.prepare_cached(&upsert)?
                .execute(params![position, key, value])?;
        }
    }
    let delete = format!("DELETE FROM {table} WHERE enterprise_position = ?1 AND key = ?2");
    for key in old.into_iter().flat_map(|o| o.keys()) {
        if !new.contains_key(key) {
            tx.prepare_cached(&delete)?
                .execute(params![position, key])?;
        }
    }
    Ok(())
}

/// The tables holding an enterprise's text by key.
#[derive(Clone, Copy)]
pub(super) enum KeyedTable {
    Section,
    FieldValue,
    /// A section's tables as JSON (`tables_json`), made by `tables_json`.
    SectionTables,
}

/// An enterprise's section tables as `write_keyed` takes them: section key → the tables as JSON.
pub(super) fn tables_json(e: &Enterprise) -> Result<BTreeMap<String, String>, StoreError> {
    e.section_tables
        .iter()
        .map(|(key, tables)| {
            serde_json::to_string(tables)
                .map(|json| (key.clone(), json))
                .map_err(|e| StoreError::BadSectionTables {
                    detail: e.to_string(),
                })
        })
        .collect()
}

/// Inserts the acknowledged warnings of the enterprise at `position`, or of the draft itself (`None`).
pub(super) fn insert_acknowledgements(
    tx: &Transaction<'_>,
    position: Option<i64>,
    acknowledged: &BTreeMap<String, String>,
) -> Result<(), StoreError> {
    for (key, reason) in acknowledged {
        tx.prepare_cached(
            "INSERT INTO acknowledgement (enterprise_position, key, reason) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![position, key, reason])?;
    }
    Ok(())
}

pub(super) fn save_enterprise(
    tx: &Transaction<'_>,
    position: usize,
    e: &Enterprise,
) -> Result<(), StoreError> {
    let position = position as i64;
    write_enterprise_row(tx, position, e)?;
    write_keyed(tx, KeyedTable::Section, position, None, &e.sections)?;
    write_keyed(tx, KeyedTable::FieldValue, position, None, &e.fields)?;
    write_keyed(
        tx,
        KeyedTable::SectionTables,
        position,
        None,
        &tables_json(e)?,
    )?;
    save_attachments(tx, position, &e.attachments)?;
    insert_acknowledgements(tx, Some(position), &e.acknowledged)
}

/// The attachment rows of the enterprise at `position`; their contents must be stored already.
pub(super) fn save_attachments(
    tx: &Transaction<'_>,
    position: i64,
    attachments: &[Attachment],
) -> Result<(), StoreError> {
    for (i, attachment) in attachments.iter().enumerate() {
        tx.execute(
            "INSERT INTO attachment (enterprise_position, position, name, sha256) VALUES (?1, ?2, ?3, ?4)",
            params![position, i as i64, attachment.name, attachment.sha256],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::BlobIo(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("附件“{}”的内容不在草稿数据库中", attachment.name),
            )),
            _ => e.into(),
        })?;
    }
    Ok(())
}

pub fn load(conn: &Connection) -> Result<Option<Draft>, StoreError> {
    let batch = conn
        .query_row(
            "SELECT year, deadline, recipient, recipient_address, recipient_postcode, recipient_phone,
                 paper_copies, discs, extra_json FROM batch WHERE id = 1",
            [],
            |r| {
                Ok(Batch {
                    year: r.get(0)?,
                    deadline: r.get(1)?,
                    recipient: r.get(2)?,
                    recipient_address: r.get(3)?,
                    recipient_postcode: r.get(4)?,
                    recipient_phone: r.get(5)?,
                    paper_copies: r.get(6)?,
                    discs: r.get(7)?,
                    extra: parse_extra(&r.get::<_, String>(8)?),
                })
            },
        )
        .optional()?;
    let Some(batch) = batch else {
        return Ok(None);
    };
    let unit = conn
        .query_row(
            "SELECT province, name, contact, phone, email, date, extra_json FROM unit WHERE id = 1",
            [],
            |r| {
                Ok(Unit {
                    province: r.get(0)?,
                    name: r.get(1)?,
                    contact: r.get(2)?,
                    phone: r.get(3)?,
                    email: r.get(4)?,
                    date: r.get(5)?,
                    extra: parse_extra(&r.get::<_, String>(6)?),
                })
            },
        )
        .optional()?
        .unwrap_or_default();
    let (extra, finalized_json, final_log_json, template_json) = conn
        .query_row(
            "SELECT extra_json, finalized_json, final_log_json, template_json FROM draft_state WHERE id = 1",
            [],
            |r| {
                Ok((
                    parse_extra(&r.get::<_, String>(0)?),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .optional()?
        .unwrap_or_else(|| (Extra::new(), "null".to_owned(), "[]".to_owned(), None));
    let finalized = serde_json::from_str(&finalized_json)?;
    let final_log = serde_json::from_str(&final_log_json)?;
    // No template stored: a database from before templates, which used the built-in one.
    let template = match template_json {
        Some(text) => Template::from_json(&text).map_err(|e| StoreError::BadTemplate {
            detail: e.to_string(),
        })?,
        None => Template::default(),
    };
    let mut enterprises = load_enterprises(conn)?;
    let acknowledged = load_acknowledgements(conn, &mut enterprises)?;
    Ok(Some(Draft {
        batch,
        unit,
        enterprises,
        acknowledged,
        finalized,
        final_log,
        template,
        removed: super::removed::load(conn)?,
        extra,
    }))
}

/// The acknowledged warnings: each enterprise's into it, and the draft's own (batch, unit) returned.
fn load_acknowledgements(
    conn: &Connection,
    enterprises: &mut [Enterprise],
) -> Result<BTreeMap<String, String>, StoreError> {
    let mut acknowledged = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT enterprise_position, key, reason FROM acknowledgement")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (position, key, reason) = row?;
        match position.and_then(|p| usize::try_from(p).ok()) {
            Some(p) => {
                if let Some(e) = enterprises.get_mut(p) {
                    e.acknowledged.insert(key, reason);
                }
            }
            None => {
                acknowledged.insert(key, reason);
            }
        }
    }
    Ok(acknowledged)
}

fn load_enterprises(conn: &Connection) -> Result<Vec<Enterprise>, StoreError> {
    let columns = enterprise_columns().collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT {columns} FROM enterprise ORDER BY position"
    ))?;
    let mut enterprises = stmt
        .query_map([], |r| {
            let mut e = Enterprise::default();
            for (i, f) in BUILT_IN_FIELDS.iter().enumerate() {
                *(f.value_mut)(&mut e) = r.get(i)?;
            }
            e.extra = parse_extra(&r.get::<_, String>(BUILT_IN_FIELDS.len())?);
            Ok(e)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    // Positions are 0..n by construction of `save`; map them to indices.
    let positions: Vec<i64> = conn
        .prepare("SELECT position FROM enterprise ORDER BY position")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let index_of = |position: i64| positions.iter().position(|p| *p == position);
    let mut rows = |sql: &str, map: fn(&mut Enterprise) -> &mut BTreeMap<String, String>| {
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (position, key, text) = row?;
            if let Some(e) = index_of(position).and_then(|i| enterprises.get_mut(i)) {
                map(e).insert(key, text);
            }
        }
        Ok::<_, rusqlite::Error>(())
    };
    rows("SELECT enterprise_position, key, body FROM section", |e| {
        &mut e.sections
    })?;
    rows(
        "SELECT enterprise_position, key, value FROM field_value",
        |e| &mut e.fields,
    )?;
    load_section_tables(conn, &positions, &mut enterprises)?;
    let mut stmt = conn.prepare(
        // length() of a blob is read from the record header: the contents stay on disk.
        "SELECT a.enterprise_position, a.name, a.sha256, length(b.data) FROM attachment a
             JOIN blob b ON a.sha256 = b.sha256 ORDER BY a.enterprise_position, a.position",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Attachment {
                name: r.get(1)?,
                sha256: r.get(2)?,
                size_bytes: u64::try_from(r.get::<_, i64>(3)?).unwrap_or_default(),
            },
        ))
    })? {
        let (position, attachment) = row?;
        if let Some(e) = index_of(position).and_then(|i| enterprises.get_mut(i)) {
            e.attachments.push(attachment);
        }
    }
    Ok(enterprises)
}

/// Each enterprise's section tables, by the position of its row.
fn load_section_tables(
    conn: &Connection,
    positions: &[i64],
    enterprises: &mut [Enterprise],
) -> Result<(), StoreError> {
    let mut stmt =
        conn.prepare("SELECT enterprise_position, key, tables_json FROM section_table")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (position, key, json) = row?;
        let enterprise = positions
            .iter()
            .position(|p| *p == position)
            .and_then(|i| enterprises.get_mut(i));
        if let Some(e) = enterprise {
            let tables = serde_json::from_str(&json).map_err(|e| StoreError::BadSectionTables {
                detail: format!("{key}: {e}"),
            })?;
            e.section_tables.insert(key, tables);
        }
    }
    Ok(())
}

pub(super) fn extra_json(extra: &Extra) -> String {
    serde_json::Value::Object(extra.clone()).to_string()
}

fn parse_extra(text: &str) -> Extra {
    match serde_json::from_str(text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => Extra::new(),
    }
}
