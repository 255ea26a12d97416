//! Removed enterprises kept for 撤销删除 (`model::removed`): one row each, the enterprise as JSON, and the
//! contents its attachments use, so that collecting unused contents at start leaves them alone.

use rusqlite::{Connection, Transaction, params};

use super::StoreError;
use crate::model::removed::{RemovedEnterprise, enterprise_from_json, enterprise_to_json};

/// Writes the list in place of the stored one (it is short: `model::removed::KEEP_REMOVED` at most).
pub fn save(tx: &Transaction<'_>, removed: &[RemovedEnterprise]) -> Result<(), StoreError> {
    // `removed_attachment` goes with its rows (ON DELETE CASCADE).
    tx.execute("DELETE FROM removed_enterprise", [])?;
    for (id, r) in removed.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO removed_enterprise (id, position, removed_at, enterprise_json)
                 VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            id as i64,
            r.position as i64,
            r.removed_at,
            enterprise_to_json(&r.enterprise)
        ])?;
        for attachment in &r.enterprise.attachments {
            tx.prepare_cached(
                "INSERT INTO removed_attachment (removed_id, sha256) VALUES (?1, ?2)",
            )?
            .execute(params![id as i64, attachment.sha256])?;
        }
    }
    Ok(())
}

/// The stored list, oldest first. A row whose enterprise cannot be read is left out: a damaged entry of the undo
/// list must not keep the drafts themselves from opening.
pub fn load(conn: &Connection) -> Result<Vec<RemovedEnterprise>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT position, removed_at, enterprise_json FROM removed_enterprise ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (position, removed_at, json) = row?;
        // Only this program writes the JSON: a row it cannot read was edited by hand, and is dropped.
        if let Ok(enterprise) = enterprise_from_json(&json) {
            list.push(RemovedEnterprise {
                enterprise,
                position: usize::try_from(position).unwrap_or_default(),
                removed_at,
            });
        }
    }
    Ok(list)
}
