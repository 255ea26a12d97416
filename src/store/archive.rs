//! Earlier batches: when the clerk starts next year's batch, this year's drafts are kept in the database as a
//! read-only snapshot (the draft as JSON; attachments stay in the blob table, referenced by SHA-256), so they
//! can be opened and exported again later.

use rusqlite::{OptionalExtension as _, params};

use super::{Store, StoreError, rows};
use crate::model::Draft;

/// One batch the database holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchEntry {
    pub year: i32,
    /// The batch being edited; the others are archived and read-only.
    pub is_current: bool,
    pub enterprise_count: usize,
    /// When it was archived (local time, `YYYY-MM-DD HH:MM`), for an archived batch.
    pub archived_at: Option<String>,
}

impl Store {
    /// Archives `current` (the stored drafts) and makes `next` the batch being edited, in one transaction.
    /// Refused when a batch of `next`'s year is archived already or `next` is not later than `current`.
    pub fn start_next_batch(&mut self, current: &Draft, next: &Draft) -> Result<(), StoreError> {
        let year = current.batch.year;
        if next.batch.year <= year || self.archived_years()?.contains(&next.batch.year) {
            return Err(StoreError::BatchExists {
                year: next.batch.year,
            });
        }
        let snapshot = serde_json::to_string(current).map_err(|e| StoreError::BadArchive {
            year,
            detail: e.to_string(),
        })?;
        let archived_at = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
        let tx = self.conn.transaction()?;
        // An older archive of the same year (the clerk went back a year and forward again) is replaced.
        tx.execute("DELETE FROM archived_batch WHERE year = ?1", [year])?;
        tx.execute(
            "INSERT INTO archived_batch (year, snapshot_json, archived_at) VALUES (?1, ?2, ?3)",
            params![year, snapshot, archived_at],
        )?;
        for e in &current.enterprises {
            for attachment in &e.attachments {
                tx.execute(
                    "INSERT INTO archived_attachment (year, sha256) VALUES (?1, ?2)",
                    params![year, attachment.sha256],
                )?;
            }
        }
        rows::save(&tx, next)?;
        tx.commit()?;
        // The next incremental save compares with what is now stored, not with the archived batch.
        self.saved = Some(next.clone());
        Ok(())
    }

    /// Every batch in the database, the current one first, then the archived ones, newest first.
    pub fn batches(&self) -> Result<Vec<BatchEntry>, StoreError> {
        let mut list = Vec::new();
        if let Some(current) = self.load()? {
            list.push(BatchEntry {
                year: current.batch.year,
                is_current: true,
                enterprise_count: current.enterprises.len(),
                archived_at: None,
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT year, archived_at, snapshot_json FROM archived_batch ORDER BY year DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (year, archived_at, snapshot) = row?;
            let enterprise_count = serde_json::from_str::<serde_json::Value>(&snapshot)
                .ok()
                .and_then(|v| {
                    v.get("enterprises")
                        .and_then(|e| e.as_array())
                        .map(Vec::len)
                })
                .unwrap_or_default();
            list.push(BatchEntry {
                year,
                is_current: false,
                enterprise_count,
                archived_at: Some(archived_at),
            });
        }
        Ok(list)
    }

    /// The archived batch of `year`, read-only; `None` when there is none.
    pub fn load_archived(&self, year: i32) -> Result<Option<Draft>, StoreError> {
        let snapshot: Option<String> = self
            .conn
            .query_row(
                "SELECT snapshot_json FROM archived_batch WHERE year = ?1",
                [year],
                |r| r.get(0),
            )
            .optional()?;
        snapshot
            .map(|text| {
                serde_json::from_str(&text).map_err(|e| StoreError::BadArchive {
                    year,
                    detail: e.to_string(),
                })
            })
            .transpose()
    }

    fn archived_years(&self) -> Result<Vec<i32>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT year FROM archived_batch")?;
        let years = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i32>, _>>()?;
        Ok(years)
    }
}
