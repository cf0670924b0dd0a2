//! Snapshots merge by their age, not by the order they were imported in.
//!
//! Every import gets a snapshot time before its first record is written: `--snapshot-date`,
//! else what the archive says (X's manifest), else a date in the archive's name, else the
//! newest timestamp of its records (read in a first pass when another import of the
//! platform is already there, so that the order can matter). Imports are ordered by
//! `(snapshot time, import id)`, so two archives of the same moment still have one order.
//!
//! When an import is the newest of its platform, a row it shares with an earlier import
//! takes its values (a null never erases one), as before. When it is older than another
//! import of its platform, each shared row is looked at: if a newer import holds the row,
//! the row keeps its values and only fills what it lacks. After each import, ties that
//! a later snapshot no longer holds and profile values that a later snapshot replaced get
//! an `ended_at` bound (see [`end_bounds`]).

use freehold_archive::snapshot::{self, Snapshot};
use freehold_archive::{Archive, Detection, ParseContext, Platform, RecordSink};
use freehold_model::Record;
use rusqlite::Connection;

use super::ImportOptions;
use crate::Error;

/// The snapshot time of the import about to be written.
pub(super) fn find(
    conn: &Connection,
    archive: &Archive,
    platform: &dyn Platform,
    detection: &Detection,
    options: &ImportOptions<'_>,
) -> Result<Option<Snapshot>, Error> {
    if let Some(at) = &options.snapshot_date {
        return Ok(Some(Snapshot {
            at: at.clone(),
            source: "flag",
        }));
    }
    if let Some(s) = platform
        .snapshot(archive, detection)
        .or_else(|| snapshot::from_archive_name(archive))
    {
        return Ok(Some(s));
    }
    // Only the newest record is left, which the import's own records give at the end;
    // a first pass is needed only when order can matter.
    let others: i64 = conn.query_row(
        "SELECT COUNT(*) FROM imports WHERE platform = ?1",
        [detection.platform],
        |r| r.get(0),
    )?;
    if others == 0 {
        return Ok(None);
    }
    let mut newest = Newest::default();
    let mut cx = ParseContext::new(&mut newest);
    if let Some(flag) = options.interrupt {
        cx = cx.with_interrupt(flag);
    }
    platform.parse(archive, detection, &mut cx)?;
    // What the parse itself found (a Grailbird archive's payload, a Hyves manifest) comes
    // first, as it does when the time is settled at the end of an import.
    let said = cx.finish(archive, detection).generated_at;
    Ok(match said {
        Some(at) => Some(Snapshot {
            at,
            source: "archive",
        }),
        None => newest.at.map(|at| Snapshot {
            at,
            source: "newest-record",
        }),
    })
}

/// `imports.extra` of an import: how its snapshot time was found.
pub(super) fn extra(s: &Snapshot) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("snapshot_source".into(), s.source.into());
    m
}

/// The newest timestamp of the records an archive holds.
#[derive(Default)]
struct Newest {
    at: Option<String>,
}

impl RecordSink for Newest {
    fn push(&mut self, record: Record, _: &str, _: String) -> Result<(), freehold_archive::Error> {
        if let Some(t) = record_time(&record)
            && self.at.as_deref().is_none_or(|a| a < t)
        {
            self.at = Some(t.to_string());
        }
        Ok(())
    }
}

fn record_time(record: &Record) -> Option<&str> {
    match record {
        Record::Post(p) => p.created_at.as_deref(),
        Record::Message(m) => m.sent_at.as_deref(),
        Record::Reaction(r) => r.created_at.as_deref(),
        // The same tables as `NEWEST_OF_IMPORT`: both ways must give one time.
        _ => None,
    }
}

/// SQL: the newest record time of import `?1` (for an import whose archive said nothing).
pub(super) const NEWEST_OF_IMPORT: &str = "
    SELECT MAX(t) FROM (
        SELECT MAX(p.created_at) AS t FROM posts p WHERE p.id IN (
            SELECT e.entity_id FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source
            WHERE s.import_id = ?1 AND e.entity = 'posts')
        UNION ALL
        SELECT MAX(m.sent_at) FROM messages m WHERE m.id IN (
            SELECT e.entity_id FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source
            WHERE s.import_id = ?1 AND e.entity = 'messages')
        UNION ALL
        SELECT MAX(r.created_at) FROM reactions r WHERE r.id IN (
            SELECT e.entity_id FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source
            WHERE s.import_id = ?1 AND e.entity = 'reactions')
    )";

/// The sort key of an import: its snapshot time, then its id.
pub(super) const IMPORT_KEY: &str = "COALESCE(generated_at, '') || '|' || id";

/// Whether another import of the platform is newer than `key`.
pub(super) fn older_than_another(
    conn: &Connection,
    platform: &str,
    import_id: &str,
    key: &str,
) -> Result<bool, Error> {
    Ok(conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM imports WHERE platform = ?1 AND id <> ?2 AND {IMPORT_KEY} > ?3)"
        ),
        [platform, import_id, key],
        |r| r.get(0),
    )?)
}

/// SQL: the newest key of the other imports that hold row `?1` of table `?2`.
pub(super) const ROW_NEWEST: &str = "
    SELECT MAX(COALESCE(i.generated_at, '') || '|' || i.id)
    FROM provenance_entries e
    JOIN provenance_sources s ON s.id = e.source
    JOIN imports i ON i.id = s.import_id
    WHERE e.entity_id = ?1 AND e.entity = ?2 AND i.id <> ?3";

/// Sets the `ended_at` bounds that the platform's snapshots show, from scratch, so that
/// the result depends only on which imports are there, not on their order:
/// - a tie (relationship) that a later snapshot of the platform no longer holds, while
///   that snapshot holds ties of the same kind, ended by then: `ended_at` is that
///   snapshot's time, and `extra.ended_by_snapshot` names it;
/// - a profile value that a later snapshot replaced (the same account and field with
///   another value) stopped being true by then, noted the same way.
///
/// Values the source itself dated are never touched. Runs only when the platform has
/// more than one import.
pub(super) fn end_bounds(conn: &Connection, platform: &str) -> Result<(), Error> {
    let imports: i64 = conn.query_row(
        "SELECT COUNT(*) FROM imports WHERE platform = ?1",
        [platform],
        |r| r.get(0),
    )?;
    if imports < 2 {
        return Ok(());
    }
    // Undo the bounds set before: they are recomputed from all snapshots.
    for table in ["relationships", "profile_fields"] {
        conn.execute(
            &format!(
                "UPDATE {table} SET ended_at = NULL,
                     extra = CASE WHEN json_remove(extra, '$.ended_by_snapshot') = '{{}}' THEN NULL
                                  ELSE json_remove(extra, '$.ended_by_snapshot') END
                 WHERE extra IS NOT NULL AND json_type(extra, '$.ended_by_snapshot') IS NOT NULL
                   AND id IN (SELECT e.entity_id FROM provenance_entries e
                              JOIN provenance_sources s ON s.id = e.source
                              JOIN imports i ON i.id = s.import_id
                              WHERE i.platform = ?1 AND e.entity = '{table}')"
            ),
            [platform],
        )?;
    }
    let snaps =
        "snaps AS (SELECT id, COALESCE(generated_at, '') AS at FROM imports WHERE platform = ?1)";
    // Relationships: the last snapshot that holds each, and the first later one that
    // holds a tie of the same kind but not this one.
    conn.execute(
        &format!(
            "WITH {snaps},
             held AS (SELECT e.entity_id AS id, sn.at AS at, sn.id AS import_id
                      FROM provenance_entries e
                      JOIN provenance_sources s ON s.id = e.source
                      JOIN snaps sn ON sn.id = s.import_id
                      WHERE e.entity = 'relationships'),
             last AS (SELECT h.id, r.kind, MAX(h.at) AS at FROM held h JOIN relationships r ON r.id = h.id
                      GROUP BY h.id),
             kinds AS (SELECT DISTINCT r.kind, h.at, h.import_id FROM held h JOIN relationships r ON r.id = h.id),
             ended AS (SELECT l.id,
                              (SELECT k.at || '|' || k.import_id FROM kinds k
                               WHERE k.kind = l.kind AND k.at > l.at ORDER BY k.at, k.import_id LIMIT 1) AS by
                       FROM last l)
             UPDATE relationships SET
                 ended_at = substr(ended.by, 1, instr(ended.by, '|') - 1),
                 extra = json_set(COALESCE(extra, '{{}}'), '$.ended_by_snapshot',
                                  substr(ended.by, instr(ended.by, '|') + 1))
             FROM ended
             WHERE relationships.id = ended.id AND ended.by IS NOT NULL
               AND relationships.ended_at IS NULL"
        ),
        [platform],
    )?;
    // Profile values: replaced when a later snapshot holds the same account and field
    // with another value.
    conn.execute(
        &format!(
            "WITH {snaps},
             held AS (SELECT f.id, f.account_id, f.field, f.value, sn.at AS at, sn.id AS import_id
                      FROM provenance_entries e
                      JOIN provenance_sources s ON s.id = e.source
                      JOIN snaps sn ON sn.id = s.import_id
                      JOIN profile_fields f ON f.id = e.entity_id
                      WHERE e.entity = 'profile_fields'),
             last AS (SELECT id, account_id, field, value, MAX(at) AS at FROM held GROUP BY id),
             ended AS (SELECT l.id,
                              (SELECT h.at || '|' || h.import_id FROM held h
                               WHERE h.account_id = l.account_id AND h.field = l.field
                                 AND h.value <> l.value AND h.at > l.at
                               ORDER BY h.at, h.import_id LIMIT 1) AS by
                       FROM last l)
             UPDATE profile_fields SET
                 ended_at = substr(ended.by, 1, instr(ended.by, '|') - 1),
                 extra = json_set(COALESCE(extra, '{{}}'), '$.ended_by_snapshot',
                                  substr(ended.by, instr(ended.by, '|') + 1))
             FROM ended
             WHERE profile_fields.id = ended.id AND ended.by IS NOT NULL
               AND profile_fields.ended_at IS NULL"
        ),
        [platform],
    )?;
    Ok(())
}
