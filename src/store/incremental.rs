//! The save after the first: compares the draft with what the last save wrote and writes only the rows that
//! differ (a typed field is one UPDATE, a section one upsert), so a save costs the edit, not the draft.

use rusqlite::{Transaction, params};

use super::StoreError;
use super::rows::{extra_json, save_attachments, save_enterprise};
use crate::model::{Draft, Enterprise};

pub fn save_changes(tx: &Transaction<'_>, old: &Draft, new: &Draft) -> Result<(), StoreError> {
    if old.batch != new.batch
        || old.unit != new.unit
        || old.finalized != new.finalized
        || old.final_log != new.final_log
        || old.template != new.template
        || old.extra != new.extra
    {
        // The three single rows are small: rewrite them together.
        super::rows::save_singletons(tx, new)?;
    }
    if old.acknowledged != new.acknowledged {
        tx.execute(
            "DELETE FROM acknowledgement WHERE enterprise_position IS NULL",
            [],
        )?;
        for (key, reason) in &new.acknowledged {
            tx.execute(
                "INSERT INTO acknowledgement (enterprise_position, key, reason) VALUES (NULL, ?1, ?2)",
                params![key, reason],
            )?;
        }
    }
    for (position, enterprise) in new.enterprises.iter().enumerate() {
        let p = position as i64;
        match old.enterprises.get(position) {
            Some(before) if before == enterprise => {}
            Some(before) => update_enterprise(tx, p, before, enterprise)?,
            None => save_enterprise(tx, position, enterprise)?,
        }
    }
    if old.enterprises.len() > new.enterprises.len() {
        let first_gone = new.enterprises.len() as i64;
        tx.execute(
            "DELETE FROM acknowledgement WHERE enterprise_position >= ?1",
            [first_gone],
        )?;
        tx.execute(
            "DELETE FROM attachment WHERE enterprise_position >= ?1",
            [first_gone],
        )?;
        tx.execute(
            "DELETE FROM section WHERE enterprise_position >= ?1",
            [first_gone],
        )?;
        tx.execute(
            "DELETE FROM field_value WHERE enterprise_position >= ?1",
            [first_gone],
        )?;
        tx.execute("DELETE FROM enterprise WHERE position >= ?1", [first_gone])?;
    }
    Ok(())
}

fn update_enterprise(
    tx: &Transaction<'_>,
    position: i64,
    old: &Enterprise,
    e: &Enterprise,
) -> Result<(), StoreError> {
    fn facts(x: &Enterprise) -> ([&String; 12], &crate::model::draft::Extra) {
        (
            [
                &x.name,
                &x.credit_code,
                &x.region,
                &x.industry,
                &x.products,
                &x.nature,
                &x.contact,
                &x.phone,
                &x.revenue_100m,
                &x.profit_100m,
                &x.rnd_100m,
                &x.employees,
            ],
            &x.extra,
        )
    }
    if facts(old) != facts(e) {
        tx.execute(
            "UPDATE enterprise SET name = ?2, credit_code = ?3, region = ?4, industry = ?5, products = ?6,
                 nature = ?7, contact = ?8, phone = ?9, revenue_100m = ?10, profit_100m = ?11, rnd_100m = ?12,
                 employees = ?13, extra_json = ?14 WHERE position = ?1",
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
    }
    for (key, body) in &e.sections {
        if old.sections.get(key) != Some(body) {
            tx.execute(
                "INSERT INTO section (enterprise_position, key, body) VALUES (?1, ?2, ?3)
                     ON CONFLICT (enterprise_position, key) DO UPDATE SET body = excluded.body",
                params![position, key, body],
            )?;
        }
    }
    for key in old.sections.keys().filter(|k| !e.sections.contains_key(*k)) {
        tx.execute(
            "DELETE FROM section WHERE enterprise_position = ?1 AND key = ?2",
            params![position, key],
        )?;
    }
    for (key, value) in &e.fields {
        if old.fields.get(key) != Some(value) {
            tx.execute(
                "INSERT INTO field_value (enterprise_position, key, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (enterprise_position, key) DO UPDATE SET value = excluded.value",
                params![position, key, value],
            )?;
        }
    }
    for key in old.fields.keys().filter(|k| !e.fields.contains_key(*k)) {
        tx.execute(
            "DELETE FROM field_value WHERE enterprise_position = ?1 AND key = ?2",
            params![position, key],
        )?;
    }
    if old.attachments != e.attachments {
        tx.execute(
            "DELETE FROM attachment WHERE enterprise_position = ?1",
            [position],
        )?;
        save_attachments(tx, position, &e.attachments)?;
    }
    if old.acknowledged != e.acknowledged {
        tx.execute(
            "DELETE FROM acknowledgement WHERE enterprise_position = ?1",
            [position],
        )?;
        for (key, reason) in &e.acknowledged {
            tx.execute(
                "INSERT INTO acknowledgement (enterprise_position, key, reason) VALUES (?1, ?2, ?3)",
                params![position, key, reason],
            )?;
        }
    }
    Ok(())
}
