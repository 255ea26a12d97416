//! The save after the first: compares the draft with what the last save wrote and writes only the rows that
//! differ (a typed field is one UPDATE, a section one upsert), so a save costs the edit, not the draft.

use rusqlite::Transaction;

use super::StoreError;
use super::rows::{
    KeyedTable, enterprise_row, insert_acknowledgements, save_attachments, save_enterprise,
    tables_json, write_enterprise_row, write_keyed,
};
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
        replace_acknowledgements(tx, None, &new.acknowledged)?;
    }
    for (position, enterprise) in new.enterprises.iter().enumerate() {
        match old.enterprises.get(position) {
            Some(before) if before == enterprise => {}
            Some(before) => update_enterprise(tx, position as i64, before, enterprise)?,
            None => save_enterprise(tx, position, enterprise)?,
        }
    }
    if old.enterprises.len() > new.enterprises.len() {
        let first_gone = new.enterprises.len() as i64;
        for table in [
            "acknowledgement",
            "attachment",
            "section",
            "field_value",
            "section_table",
        ] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE enterprise_position >= ?1"),
                [first_gone],
            )?;
        }
        tx.execute("DELETE FROM enterprise WHERE position >= ?1", [first_gone])?;
    }
    if old.removed != new.removed {
        super::removed::save(tx, &new.removed)?;
    }
    Ok(())
}

fn update_enterprise(
    tx: &Transaction<'_>,
    position: i64,
    old: &Enterprise,
    e: &Enterprise,
) -> Result<(), StoreError> {
    if enterprise_row(old) != enterprise_row(e) {
        write_enterprise_row(tx, position, e)?;
    }
    write_keyed(
        tx,
        KeyedTable::Section,
        position,
        Some(&old.sections),
        &e.sections,
    )?;
    write_keyed(
        tx,
        KeyedTable::FieldValue,
        position,
        Some(&old.fields),
        &e.fields,
    )?;
    if old.section_tables != e.section_tables {
        write_keyed(
            tx,
            KeyedTable::SectionTables,
            position,
            Some(&tables_json(old)?),
            &tables_json(e)?,
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
        replace_acknowledgements(tx, Some(position), &e.acknowledged)?;
    }
    Ok(())
}

/// Rewrites the acknowledged warnings of the enterprise at `position`, or of the draft itself (`None`).
fn replace_acknowledgements(
    tx: &Transaction<'_>,
    position: Option<i64>,
    acknowledged: &std::collections::BTreeMap<String, String>,
) -> Result<(), StoreError> {
    // `IS` matches NULL too.
    tx.execute(
        "DELETE FROM acknowledgement WHERE enterprise_position IS ?1",
        [position],
    )?;
    insert_acknowledgements(tx, position, acknowledged)
}
