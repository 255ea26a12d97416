//! Draft ↔ rows. A full save rewrites the small rows; attachments are rows of metadata pointing at contents
//! already in the `blob` table (`store::blobs`), which a save never touches.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension as _, Transaction, params};

use super::StoreError;
use crate::model::draft::Extra;
use crate::model::{Attachment, Batch, Draft, Enterprise, Template, Unit};

pub fn save(tx: &Transaction<'_>, draft: &Draft) -> Result<(), StoreError> {
    save_singletons(tx, draft)?;
    tx.execute_batch("DELETE FROM attachment; DELETE FROM section; DELETE FROM field_value; DELETE FROM enterprise; DELETE FROM acknowledgement;")?;
    for (key, reason) in &draft.acknowledged {
        tx.execute(
            "INSERT INTO acknowledgement (enterprise_position, key, reason) VALUES (NULL, ?1, ?2)",
            params![key, reason],
        )?;
    }
    for (position, enterprise) in draft.enterprises.iter().enumerate() {
        save_enterprise(tx, position, enterprise)?;
    }
    Ok(())
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

pub(super) fn save_enterprise(
    tx: &Transaction<'_>,
    position: usize,
    e: &Enterprise,
) -> Result<(), StoreError> {
    let position = position as i64;
    tx.execute(
        "INSERT INTO enterprise (position, name, credit_code, region, industry, products, nature, contact, phone,
             revenue_100m, profit_100m, rnd_100m, employees, extra_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            position,
            e.name,
            e.credit_code,
            e.region,
            e.industry,
            e.products,
            e.nature,
            e.contact,
            e.phone,
            e.revenue_100m,
            e.profit_100m,
            e.rnd_100m,
            e.employees,
            extra_json(&e.extra),
        ],
    )?;
    for (key, body) in &e.sections {
        tx.execute(
            "INSERT INTO section (enterprise_position, key, body) VALUES (?1, ?2, ?3)",
            params![position, key, body],
        )?;
    }
    for (key, value) in &e.fields {
        tx.execute(
            "INSERT INTO field_value (enterprise_position, key, value) VALUES (?1, ?2, ?3)",
            params![position, key, value],
        )?;
    }
    save_attachments(tx, position, &e.attachments)?;
    for (key, reason) in &e.acknowledged {
        tx.execute(
            "INSERT INTO acknowledgement (enterprise_position, key, reason) VALUES (?1, ?2, ?3)",
            params![position, key, reason],
        )?;
    }
    Ok(())
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
    Ok(Some(Draft {
        batch,
        unit,
        enterprises,
        acknowledged,
        finalized,
        final_log,
        template,
        extra,
    }))
}

fn load_enterprises(conn: &Connection) -> Result<Vec<Enterprise>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT name, credit_code, region, industry, products, nature, contact, phone,
             revenue_100m, profit_100m, rnd_100m, employees, extra_json FROM enterprise ORDER BY position",
    )?;
    let mut enterprises = stmt
        .query_map([], |r| {
            Ok(Enterprise {
                name: r.get(0)?,
                credit_code: r.get(1)?,
                region: r.get(2)?,
                industry: r.get(3)?,
                products: r.get(4)?,
                nature: r.get(5)?,
                contact: r.get(6)?,
                phone: r.get(7)?,
                revenue_100m: r.get(8)?,
                profit_100m: r.get(9)?,
                rnd_100m: r.get(10)?,
                employees: r.get(11)?,
                extra: parse_extra(&r.get::<_, String>(12)?),
                ..Enterprise::default()
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    // Positions are 0..n by construction of `save`; map them to indices.
    let positions: Vec<i64> = conn
        .prepare("SELECT position FROM enterprise ORDER BY position")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let index_of = |position: i64| positions.iter().position(|p| *p == position);
    let mut stmt = conn.prepare("SELECT enterprise_position, key, body FROM section")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (position, key, body) = row?;
        if let Some(e) = index_of(position).and_then(|i| enterprises.get_mut(i)) {
            e.sections.insert(key, body);
        }
    }
    let mut stmt = conn.prepare("SELECT enterprise_position, key, value FROM field_value")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (position, key, value) = row?;
        if let Some(e) = index_of(position).and_then(|i| enterprises.get_mut(i)) {
            e.fields.insert(key, value);
        }
    }
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

pub(super) fn extra_json(extra: &Extra) -> String {
    serde_json::Value::Object(extra.clone()).to_string()
}

fn parse_extra(text: &str) -> Extra {
    match serde_json::from_str(text) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => Extra::new(),
    }
}
