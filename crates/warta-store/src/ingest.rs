//! Ingest: documents in, one transaction per batch. A document whose
//! content is stored already is skipped; one whose content changed has its
//! mentions replaced. Each record becomes a mention that joins the event it
//! reports (see `merge`) or starts a new one; the touched events'
//! representative and aggregates are brought up to date before commit.

use std::collections::{BTreeSet, HashMap};
use std::ops::AddAssign;
use std::sync::Arc;

use rusqlite::{params, OptionalExtension, Transaction};
use warta_record::EventRecord;

use crate::merge::{
    self, best_candidate, informativeness, Candidate, Decision, People, When, MERGE_RULES_VERSION,
};
use crate::{DocumentInput, Result, Store};

/// Parsed records of mentions, by mention id (see `Store::records`).
#[derive(Default)]
pub(crate) struct RecordCache(HashMap<i64, Arc<EventRecord>>);

/// Records kept parsed: past this the cache starts over, so memory stays
/// bounded on any store.
const RECORD_CACHE_LIMIT: usize = 200_000;

impl RecordCache {
    fn get(&mut self, tx: &Transaction, mention: i64) -> rusqlite::Result<Arc<EventRecord>> {
        if let Some(record) = self.0.get(&mention) {
            return Ok(Arc::clone(record));
        }
        let json: String = tx
            .prepare_cached("SELECT record FROM mentions WHERE id = ?1")?
            .query_row([mention], |r| r.get(0))?;
        let record = Arc::new(parse_record(&json)?);
        if self.0.len() >= RECORD_CACHE_LIMIT {
            self.0.clear();
        }
        self.0.insert(mention, Arc::clone(&record));
        Ok(record)
    }

    fn put(&mut self, mention: i64, record: &EventRecord) {
        if self.0.len() >= RECORD_CACHE_LIMIT {
            self.0.clear();
        }
        self.0.insert(mention, Arc::new(record.clone()));
    }
}

/// What the store already holds of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    New,
    /// Stored under this doc_id with the same content.
    Unchanged,
    /// The same content is stored under another doc_id.
    Duplicate {
        of: String,
    },
    /// Stored under this doc_id with other content: it will be replaced.
    Changed,
}

/// What an ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Documents stored (new or replaced).
    pub stored: usize,
    /// Of those, documents whose earlier version was replaced.
    pub replaced: usize,
    /// Skipped: the same content under another doc_id.
    pub duplicates: usize,
    /// Skipped: already stored as it is.
    pub unchanged: usize,
    pub mentions: usize,
    /// Mentions that started an event.
    pub new_events: usize,
    /// Mentions that joined an event from another document.
    pub joined: usize,
    /// Events removed because a replaced document took their last mention.
    pub removed_events: usize,
}

impl AddAssign for IngestSummary {
    fn add_assign(&mut self, other: IngestSummary) {
        self.stored += other.stored;
        self.replaced += other.replaced;
        self.duplicates += other.duplicates;
        self.unchanged += other.unchanged;
        self.mentions += other.mentions;
        self.new_events += other.new_events;
        self.joined += other.joined;
        self.removed_events += other.removed_events;
    }
}

fn known(tx: &rusqlite::Connection, doc_id: &str, hash: &str) -> rusqlite::Result<Known> {
    let stored: Option<String> = tx
        .prepare_cached("SELECT content_hash FROM documents WHERE doc_id = ?1")?
        .query_row([doc_id], |row| row.get(0))
        .optional()?;
    match stored {
        Some(stored) if stored == hash => return Ok(Known::Unchanged),
        Some(_) => return Ok(Known::Changed),
        None => {}
    }
    let other: Option<String> = tx
        .prepare_cached("SELECT doc_id FROM documents WHERE content_hash = ?1 LIMIT 1")?
        .query_row([hash], |row| row.get(0))
        .optional()?;
    Ok(match other {
        Some(of) => Known::Duplicate { of },
        None => Known::New,
    })
}

/// The event columns copied from its representative record.
struct Derived {
    date_start: Option<String>,
    date_end: Option<String>,
    window_start: Option<i64>,
    window_end: Option<i64>,
}

fn derive(record: &EventRecord) -> Derived {
    match When::of(record) {
        Some(when) => {
            let (start, end) = when.extent();
            let (lo, hi) = when.window();
            Derived {
                date_start: Some(start.to_string()),
                date_end: Some(end.to_string()),
                window_start: Some(merge::day_number(lo)),
                window_end: Some(merge::day_number(hi)),
            }
        }
        None => Derived {
            date_start: None,
            date_end: None,
            window_start: None,
            window_end: None,
        },
    }
}

/// Merge windows are at most a year long, so candidates start no earlier
/// than this many days before the mention's window (keeps the index scan
/// bounded however large the store grows).
const LONGEST_WINDOW_DAYS: i64 = 366;

impl Store {
    /// What the store holds of a document, to skip unchanged ones before
    /// coding them.
    pub fn known(&self, doc_id: &str, content_hash: &str) -> Result<Known> {
        known(&self.conn, doc_id, content_hash).map_err(|e| self.fail(e))
    }

    /// Stores a batch of documents in one transaction: all of it is stored,
    /// or (on error or crash) none of it. `coder_version` is recorded with
    /// each document; `people` tells merging which names are people.
    pub fn ingest(
        &mut self,
        documents: &[DocumentInput],
        coder_version: &str,
        people: &People,
    ) -> Result<IngestSummary> {
        let ingested_at = now();
        let sentence_index = self.sentence_index;
        let event_places = self.event_places;
        let Store {
            conn,
            records,
            path,
            ..
        } = self;
        let result = (|| -> rusqlite::Result<IngestSummary> {
            // IMMEDIATE: a second writer waits its turn (busy timeout) instead
            // of failing when its read would have to upgrade to a write.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let indexed_up_to: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) FROM mentions", [], |r| {
                    r.get(0)
                })?;
            let mut batch = Batch {
                tx: &tx,
                people,
                touched: BTreeSet::new(),
                summary: IngestSummary::default(),
                sentence_index: sentence_index.then_some(indexed_up_to),
                records,
                event_places,
                event_floor: 0,
            };
            for document in documents {
                batch.document(document, coder_version, &ingested_at)?;
            }
            let touched = std::mem::take(&mut batch.touched);
            for event in touched {
                refresh_aggregates(&tx, event)?;
            }
            if sentence_index {
                // One statement for the batch: FTS5 writes one segment.
                tx.execute(
                    "INSERT INTO mention_text(rowid, sentence)
                     SELECT id, sentence FROM mentions WHERE id > ?1",
                    [indexed_up_to],
                )?;
            }
            let summary = batch.summary;
            tx.commit()?;
            Ok(summary)
        })();
        result.map_err(|e| crate::StoreError {
            path: path.clone(),
            reason: format!("storing a batch of documents: {e}"),
        })
    }
}

/// What a re-merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemergeSummary {
    /// The merge rules the store had been merged by (`None`: unrecorded).
    pub from_rules: Option<u32>,
    pub to_rules: u32,
    pub mentions: usize,
    pub events_before: usize,
    pub events_after: usize,
}

/// The `store_meta` key of the merge rules' version.
const MERGE_RULES_KEY: &str = "merge_rules";

/// Mentions read at a time while re-merging: memory stays bounded.
const REMERGE_CHUNK: i64 = 10_000;

fn recorded_merge_rules(tx: &rusqlite::Connection) -> rusqlite::Result<Option<u32>> {
    let value: Option<String> = tx
        .prepare_cached("SELECT value FROM store_meta WHERE key = ?1")?
        .query_row([MERGE_RULES_KEY], |r| r.get(0))
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

fn record_merge_rules(tx: &rusqlite::Connection) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?1, ?2)")?
        .execute(params![MERGE_RULES_KEY, MERGE_RULES_VERSION.to_string()])?;
    Ok(())
}

impl Store {
    /// The version of the merge rules the stored events were merged by;
    /// `None` for a store from before it was recorded.
    pub fn merge_rules(&self) -> Result<Option<u32>> {
        recorded_merge_rules(&self.conn).map_err(|e| self.fail(e))
    }

    /// An empty store is merged by the current rules: record them, so that
    /// it is never re-merged for nothing.
    pub(crate) fn claim_merge_rules_if_empty(&mut self) -> Result<()> {
        let result = (|| -> rusqlite::Result<()> {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let empty: bool =
                tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM mentions)", [], |r| {
                    r.get(0)
                })?;
            if empty && recorded_merge_rules(&tx)?.is_none() {
                record_merge_rules(&tx)?;
            }
            tx.commit()
        })();
        result.map_err(|e| self.fail(format!("recording the merge rules: {e}")))
    }

    /// Re-merges the store when its events were merged by other rules than
    /// this code's; `None` when they were not.
    pub fn remerge_if_stale(&mut self, people: &People) -> Result<Option<RemergeSummary>> {
        if self.merge_rules()? == Some(MERGE_RULES_VERSION) {
            return Ok(None);
        }
        self.remerge(people).map(Some)
    }

    /// Places every stored mention again, in the order they were stored,
    /// by the current merge rules, in one transaction. Documents, mentions
    /// and the sentence index stay as they are; events are rebuilt, and
    /// keep their `event_id` when their first mention is the same (their
    /// row, the GDELT-style id, is new).
    pub fn remerge(&mut self, people: &People) -> Result<RemergeSummary> {
        let event_places = self.event_places;
        let Store {
            conn,
            records,
            path,
            ..
        } = self;
        let result = (|| -> rusqlite::Result<RemergeSummary> {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let count = |sql: &str| -> rusqlite::Result<usize> {
                let n: i64 = tx.query_row(sql, [], |r| r.get(0))?;
                Ok(usize::try_from(n).unwrap_or(0))
            };
            let mut summary = RemergeSummary {
                from_rules: recorded_merge_rules(&tx)?,
                to_rules: MERGE_RULES_VERSION,
                mentions: count("SELECT count(*) FROM mentions")?,
                events_before: count("SELECT count(*) FROM events")?,
                events_after: 0,
            };
            let floor: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))?;
            // The old events stay until every mention has left them; their
            // ids step aside so that the new events can take them.
            tx.execute("UPDATE events SET event_id = 'stale:' || event_id", [])?;
            let mut batch = Batch {
                tx: &tx,
                people,
                touched: BTreeSet::new(),
                summary: IngestSummary::default(),
                sentence_index: None,
                records,
                event_places,
                event_floor: floor,
            };
            let mut after = 0_i64;
            loop {
                let chunk: Vec<(i64, i64, Option<String>, String)> = tx
                    .prepare_cached(
                        "SELECT m.id, m.document, d.publication_date, m.record
                         FROM mentions m JOIN documents d ON d.id = m.document
                         WHERE m.id > ?1 ORDER BY m.id LIMIT ?2",
                    )?
                    .query_map([after, REMERGE_CHUNK], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                let Some(&(last, ..)) = chunk.last() else {
                    break;
                };
                for (mention, document, published, json) in chunk {
                    let record = parse_record(&json)?;
                    batch.mention(document, published.as_deref(), &record, Some(mention))?;
                }
                after = last;
            }
            tx.execute("DELETE FROM event_parties WHERE event <= ?1", [floor])?;
            tx.execute("DELETE FROM events WHERE id <= ?1", [floor])?;
            let events: Vec<i64> = tx
                .prepare("SELECT id FROM events ORDER BY id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for &event in &events {
                refresh_aggregates(&tx, event)?;
            }
            summary.events_after = events.len();
            record_merge_rules(&tx)?;
            tx.commit()?;
            Ok(summary)
        })();
        // Parsed records stay valid: mentions keep their ids and records.
        result.map_err(|e| crate::StoreError {
            path: path.clone(),
            reason: format!("re-merging the stored events: {e}"),
        })
    }
}

/// UTC now as `YYYY-MM-DDTHH:MM:SSZ` (no clock feature needed from chrono).
fn now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(0), 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// An event a mention may join: row, event id, mentions, representative.
type StoredCandidate = (i64, String, i64, Arc<EventRecord>);

struct Batch<'a> {
    tx: &'a Transaction<'a>,
    people: &'a People,
    /// Events whose aggregates must be recomputed before commit.
    touched: BTreeSet<i64>,
    summary: IngestSummary,
    /// With a sentence index: the largest mention id it holds (later
    /// mentions are indexed at commit).
    sentence_index: Option<i64>,
    records: &'a mut RecordCache,
    /// Whether events carry their place (schema version 5 on).
    event_places: bool,
    /// Only events with a larger row are candidates: while re-merging,
    /// the events of the old merge (at most this row) are not.
    event_floor: i64,
}

impl Batch<'_> {
    fn document(
        &mut self,
        doc: &DocumentInput,
        coder_version: &str,
        ingested_at: &str,
    ) -> rusqlite::Result<()> {
        match known(self.tx, &doc.doc_id, &doc.content_hash)? {
            Known::Unchanged => {
                self.summary.unchanged += 1;
                return Ok(());
            }
            Known::Duplicate { .. } => {
                self.summary.duplicates += 1;
                return Ok(());
            }
            Known::Changed => {
                self.remove_document(&doc.doc_id)?;
                self.summary.replaced += 1;
            }
            Known::New => {}
        }
        self.tx
            .prepare_cached(
                "INSERT INTO documents (doc_id, content_hash, source, title, url,
                 publication_date, language, text, coder_version, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                doc.doc_id,
                doc.content_hash,
                doc.source,
                doc.title,
                doc.url,
                doc.publication_date,
                doc.language,
                doc.text,
                coder_version,
                ingested_at
            ])?;
        let document = self.tx.last_insert_rowid();
        self.summary.stored += 1;
        for record in &doc.records {
            self.mention(document, doc.publication_date.as_deref(), record, None)?;
        }
        Ok(())
    }

    /// Deletes a document and its mentions; events left without mentions
    /// go, the others get a new representative if theirs was deleted.
    fn remove_document(&mut self, doc_id: &str) -> rusqlite::Result<()> {
        let row: i64 = self
            .tx
            .prepare_cached("SELECT id FROM documents WHERE doc_id = ?1")?
            .query_row([doc_id], |r| r.get(0))?;
        let events: Vec<i64> = self
            .tx
            .prepare_cached("SELECT DISTINCT event FROM mentions WHERE document = ?1")?
            .query_map([row], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(indexed_up_to) = self.sentence_index {
            self.tx
                .prepare_cached(
                    "INSERT INTO mention_text(mention_text, rowid, sentence)
                     SELECT 'delete', id, sentence FROM mentions
                     WHERE document = ?1 AND id <= ?2",
                )?
                .execute([row, indexed_up_to])?;
        }
        self.tx
            .prepare_cached("DELETE FROM mentions WHERE document = ?1")?
            .execute([row])?;
        self.tx
            .prepare_cached("DELETE FROM documents WHERE id = ?1")?
            .execute([row])?;
        for event in events {
            let remaining: Vec<(i64, String)> = self
                .tx
                .prepare_cached("SELECT id, record FROM mentions WHERE event = ?1 ORDER BY id")?
                .query_map([event], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            if remaining.is_empty() {
                self.tx
                    .prepare_cached("DELETE FROM event_parties WHERE event = ?1")?
                    .execute([event])?;
                self.tx
                    .prepare_cached("DELETE FROM events WHERE id = ?1")?
                    .execute([event])?;
                self.touched.remove(&event);
                self.summary.removed_events += 1;
                continue;
            }
            // The first of the most informative remaining mentions.
            let mut best: Option<(i64, EventRecord)> = None;
            for (mention, json) in remaining {
                let record = parse_record(&json)?;
                if best
                    .as_ref()
                    .is_none_or(|(_, held)| informativeness(&record) > informativeness(held))
                {
                    best = Some((mention, record));
                }
            }
            if let Some((mention, record)) = best {
                set_representative(self.tx, event, mention, &record, self.event_places)?;
            }
            self.touched.insert(event);
        }
        Ok(())
    }

    /// Events of the mention's type whose date window overlaps its own,
    /// with no mention from this document, and their representatives.
    fn candidates(
        &mut self,
        document: i64,
        record: &EventRecord,
    ) -> rusqlite::Result<Vec<StoredCandidate>> {
        let Some(when) = When::of(record) else {
            return Ok(Vec::new());
        };
        let (lo, hi) = when.window();
        let (lo, hi) = (merge::day_number(lo), merge::day_number(hi));
        let rows: Vec<(i64, String, i64, i64)> = self
            .tx
            .prepare_cached(
                "SELECT e.id, e.event_id, e.num_mentions, e.representative
                 FROM events e
                 WHERE e.event_type = ?1
                   AND e.window_start BETWEEN ?2 AND ?3
                   AND e.window_end >= ?4
                   AND e.id > ?6
                   AND NOT EXISTS (SELECT 1 FROM mentions o
                                   WHERE o.event = e.id AND o.document = ?5)
                 ORDER BY e.id",
            )?
            .query_map(
                params![
                    record.event_type,
                    lo - LONGEST_WINDOW_DAYS,
                    hi,
                    lo,
                    document,
                    self.event_floor
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, event_id, mentions, representative) in rows {
            let record = self.records.get(self.tx, representative)?;
            out.push((id, event_id, mentions, record));
        }
        Ok(out)
    }

    /// Joins the record to the event it reports or starts one. `existing`
    /// is a stored mention being placed again (a re-merge); otherwise the
    /// mention is inserted.
    fn mention(
        &mut self,
        document: i64,
        publication_date: Option<&str>,
        record: &EventRecord,
        existing: Option<i64>,
    ) -> rusqlite::Result<()> {
        let stored = self.candidates(document, record)?;
        let candidates: Vec<Candidate> = stored
            .iter()
            .map(|(row, event_id, mentions, representative)| Candidate {
                row: *row,
                event_id,
                num_mentions: *mentions,
                representative: representative.as_ref(),
            })
            .collect();
        let decision = best_candidate(record, &candidates, self.people);
        self.summary.mentions += 1;
        match decision {
            Decision::Join { row, why } => {
                let mention = self.place(existing, document, row, record, "joined", &why)?;
                self.records.put(mention, record);
                self.tx
                    .prepare_cached(
                        "UPDATE events SET num_mentions = num_mentions + 1 WHERE id = ?1",
                    )?
                    .execute([row])?;
                let current = stored
                    .iter()
                    .find(|(id, ..)| *id == row)
                    .map(|(.., representative)| informativeness(representative.as_ref()));
                if current.is_some_and(|held| informativeness(record) > held) {
                    set_representative(self.tx, row, mention, record, self.event_places)?;
                }
                self.touched.insert(row);
                self.summary.joined += 1;
            }
            Decision::New { why } => {
                let event_id = self.free_event_id(&record.id)?;
                let derived = derive(record);
                self.tx
                    .prepare_cached(
                        "INSERT INTO events (event_id, event_type, quad_class, cameo, date,
                         date_precision, date_source, date_start, date_end, window_start,
                         window_end, representative, num_mentions, num_articles, num_sources,
                         first_seen, last_seen)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, 1, 1, 1,
                                 ?12, ?12)",
                    )?
                    .execute(params![
                        event_id,
                        record.event_type,
                        record.quad_class,
                        record.cameo,
                        record.date,
                        record.date_precision,
                        record.date_source,
                        derived.date_start,
                        derived.date_end,
                        derived.window_start,
                        derived.window_end,
                        publication_date,
                    ])?;
                let event = self.tx.last_insert_rowid();
                if self.event_places {
                    write_location(self.tx, event, record)?;
                }
                let mention = self.place(existing, document, event, record, "new", &why)?;
                self.records.put(mention, record);
                self.tx
                    .prepare_cached("UPDATE events SET representative = ?2 WHERE id = ?1")?
                    .execute([event, mention])?;
                write_parties(self.tx, event, record)?;
                // Its aggregates are those of its one document until another joins.
                self.summary.new_events += 1;
            }
        }
        Ok(())
    }

    /// Inserts the mention into `event`, or moves the stored one there.
    fn place(
        &self,
        existing: Option<i64>,
        document: i64,
        event: i64,
        record: &EventRecord,
        merge: &str,
        why: &str,
    ) -> rusqlite::Result<i64> {
        match existing {
            Some(mention) => {
                self.tx
                    .prepare_cached(
                        "UPDATE mentions SET event = ?2, merge = ?3, why = ?4 WHERE id = ?1",
                    )?
                    .execute(params![mention, event, merge, why])?;
                Ok(mention)
            }
            None => insert_mention(self.tx, document, event, record, merge, why),
        }
    }

    /// The event id is the record id of its first mention; should that id
    /// be taken (a replaced document coded the same record again while the
    /// old event lives on through other mentions), a suffix keeps it unique.
    fn free_event_id(&self, record_id: &str) -> rusqlite::Result<String> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT 1 FROM events WHERE event_id = ?1")?;
        let mut candidate = record_id.to_owned();
        let mut n = 1;
        while statement.exists([&candidate])? {
            n += 1;
            candidate = format!("{record_id}-{n}");
        }
        Ok(candidate)
    }
}

fn parse_record(json: &str) -> rusqlite::Result<EventRecord> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn insert_mention(
    tx: &Transaction,
    document: i64,
    event: i64,
    record: &EventRecord,
    merge: &str,
    why: &str,
) -> rusqlite::Result<i64> {
    let span = |i: usize| i64::try_from(record.span[i]).unwrap_or(i64::MAX);
    tx.prepare_cached(
        "INSERT INTO mentions (document, event, record_id, sentence_index, sentence,
         span_start, span_end, trigger, rule, record, merge, why)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        document,
        event,
        record.id,
        i64::try_from(record.sentence_index).unwrap_or(i64::MAX),
        record.sentence,
        span(0),
        span(1),
        record.trigger,
        record.rule,
        record.to_json_line(),
        merge,
        why
    ])?;
    Ok(tx.last_insert_rowid())
}

fn set_representative(
    tx: &Transaction,
    event: i64,
    mention: i64,
    record: &EventRecord,
    event_places: bool,
) -> rusqlite::Result<()> {
    let derived = derive(record);
    tx.prepare_cached(
        "UPDATE events SET representative = ?2, quad_class = ?3, cameo = ?4, date = ?5,
         date_precision = ?6, date_source = ?7, date_start = ?8, date_end = ?9,
         window_start = ?10, window_end = ?11 WHERE id = ?1",
    )?
    .execute(params![
        event,
        mention,
        record.quad_class,
        record.cameo,
        record.date,
        record.date_precision,
        record.date_source,
        derived.date_start,
        derived.date_end,
        derived.window_start,
        derived.window_end,
    ])?;
    if event_places {
        write_location(tx, event, record)?;
    }
    tx.prepare_cached("DELETE FROM event_parties WHERE event = ?1")?
        .execute([event])?;
    write_parties(tx, event, record)
}

/// The record's place on its event, for place filters and the map.
fn write_location(tx: &Transaction, event: i64, record: &EventRecord) -> rusqlite::Result<()> {
    let location = record.location.as_ref();
    tx.prepare_cached(
        "UPDATE events SET location_country = ?2, location_name = ?3, location_lat = ?4,
         location_lon = ?5 WHERE id = ?1",
    )?
    .execute(params![
        event,
        location.and_then(|l| l.country.clone()),
        location.map(|l| l.name.clone().unwrap_or_else(|| l.text.clone())),
        location.and_then(|l| l.lat),
        location.and_then(|l| l.lon),
    ])?;
    Ok(())
}

fn write_parties(tx: &Transaction, event: i64, record: &EventRecord) -> rusqlite::Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO event_parties (event, role, position, country, name, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (role, entities) in [("actor", &record.actor), ("recipient", &record.recipient)] {
        for (position, entity) in entities.iter().enumerate() {
            statement.execute(params![
                event,
                role,
                i64::try_from(position).unwrap_or(i64::MAX),
                entity.country,
                entity.name.as_ref().map(|n| n.to_lowercase()),
                entity.text.to_lowercase()
            ])?;
        }
    }
    Ok(())
}

/// Recounts an event's mentions, articles and outlets (a document without
/// a known outlet counts as one of its own) and its first and last
/// publication dates.
fn refresh_aggregates(tx: &Transaction, event: i64) -> rusqlite::Result<()> {
    type Aggregates = (i64, i64, i64, Option<String>, Option<String>);
    let (mentions, articles, sources, first, last): Aggregates = tx
        .prepare_cached(
            "SELECT count(*), count(DISTINCT m.document),
                    count(DISTINCT coalesce(d.source, char(0) || d.doc_id)),
                    min(d.publication_date), max(d.publication_date)
             FROM mentions m JOIN documents d ON d.id = m.document
             WHERE m.event = ?1",
        )?
        .query_row([event], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    tx.prepare_cached(
        "UPDATE events SET num_mentions = ?2, num_articles = ?3, num_sources = ?4,
         first_seen = ?5, last_seen = ?6 WHERE id = ?1",
    )?
    .execute(params![event, mentions, articles, sources, first, last])?;
    Ok(())
}
