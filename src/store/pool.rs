//! The 标杆企业库's rows (docs/pool.md): one row per entry, its drafts-file JSON, by its place in the pool. The
//! pool lives beside the batches: starting the next batch, archiving or restoring a batch's drafts leave it be,
//! except a restore from a drafts file or backup, which brings the pool it carries.

use rusqlite::{Connection, Transaction, params};

use super::{Store, StoreError};
use crate::model::pool::{Pool, PoolEntry, entry_from_value, entry_to_value};

impl Store {
    /// The pool as stored (empty in a database that has none).
    pub fn load_pool(&self) -> Result<Pool, StoreError> {
        load(&self.conn)
    }

    /// Saves the pool in one transaction, writing only the entries that changed since this store last saved or
    /// loaded it (an edit of one entry is one row).
    pub fn save_pool(&mut self, pool: &Pool) -> Result<(), StoreError> {
        let old = match self.saved_pool.take() {
            Some(old) => old,
            None => load(&self.conn)?,
        };
        let tx = self.conn.transaction()?;
        save_changes(&tx, &old, pool)?;
        tx.commit()?;
        self.saved_pool = Some(pool.clone());
        Ok(())
    }

    /// Saves the drafts and the pool together in one transaction, every row rewritten (a restore).
    pub fn replace_with_pool(
        &mut self,
        draft: &crate::model::Draft,
        pool: &Pool,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        super::rows::save(&tx, draft)?;
        save_all(&tx, pool)?;
        tx.commit()?;
        self.saved = Some(draft.clone());
        self.saved_pool = Some(pool.clone());
        Ok(())
    }
}

pub(super) fn load(conn: &Connection) -> Result<Pool, StoreError> {
    let mut stmt = conn.prepare("SELECT position, entry_json FROM pool_entry ORDER BY position")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut entries = Vec::new();
    for row in rows {
        let (position, json) = row?;
        let bad = |detail: String| StoreError::BadPoolEntry { position, detail };
        let value: serde_json::Value =
            serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
        let (entry, _) = entry_from_value(&value).map_err(|e| bad(e.to_string()))?;
        entries.push(entry);
    }
    Ok(Pool { entries })
}

fn entry_json(entry: &PoolEntry) -> String {
    entry_to_value(entry).to_string()
}

pub(super) fn save_all(tx: &Transaction<'_>, pool: &Pool) -> Result<(), StoreError> {
    tx.execute("DELETE FROM pool_entry", [])?;
    let mut insert = tx.prepare("INSERT INTO pool_entry (position, entry_json) VALUES (?1, ?2)")?;
    for (position, entry) in pool.entries.iter().enumerate() {
        insert.execute(params![position as i64, entry_json(entry)])?;
    }
    Ok(())
}

fn save_changes(tx: &Transaction<'_>, old: &Pool, new: &Pool) -> Result<(), StoreError> {
    let mut upsert =
        tx.prepare("INSERT OR REPLACE INTO pool_entry (position, entry_json) VALUES (?1, ?2)")?;
    for (position, entry) in new.entries.iter().enumerate() {
        if old.entries.get(position) != Some(entry) {
            upsert.execute(params![position as i64, entry_json(entry)])?;
        }
    }
    tx.execute(
        "DELETE FROM pool_entry WHERE position >= ?1",
        [new.entries.len() as i64],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> PoolEntry {
        let mut e = PoolEntry::default();
        e.set_fact("name", name);
        e
    }

    #[test]
    fn the_pool_is_saved_and_loaded_and_shrinks() {
        let mut store = Store::open_in_memory().expect("store");
        assert_eq!(store.load_pool().expect("loads"), Pool::default());
        let mut pool = Pool {
            entries: vec![entry("甲"), entry("乙"), entry("丙")],
        };
        store.save_pool(&pool).expect("saves");
        pool.entries[1].note = "质量奖".into();
        pool.entries.truncate(2);
        store.save_pool(&pool).expect("saves again");
        assert_eq!(store.load_pool().expect("loads"), pool);
    }
}
