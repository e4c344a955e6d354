//! Queries: events by filter with pagination, one event with its mentions,
//! dyads, timelines and documents. Every value from the caller is bound as
//! a parameter; only fixed SQL fragments are put together.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use warta_record::EventRecord;

use crate::goldstein::goldstein;
use crate::{Result, Store};

/// Which events to return. Every filter that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// An actor's country code (`RUS`) or a case-insensitive substring of
    /// its name or text as written.
    pub actor: Option<String>,
    /// Same, for a recipient.
    pub recipient: Option<String>,
    /// A PLOVER type (`CONSULT`), any case.
    pub event_type: Option<String>,
    pub quad_class: Option<u8>,
    /// The event's date is on or after this (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// The event's date is on or before this.
    pub to: Option<String>,
    /// Words that all occur in one of the event's mention sentences.
    pub text: Option<String>,
    /// An outlet that reported it: a case-insensitive part of its name
    /// (`jabaran`, `Antara`).
    pub source: Option<String>,
    /// A party on either side: a country code or part of a name, as for
    /// `actor`.
    pub party: Option<String>,
    /// Where it happened: the place's country code (`SYR`, any three
    /// letters) or a case-insensitive part of the place's name (`damaskus`).
    pub place: Option<String>,
}

/// What a page of events is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// The event's date (undated last, whichever the direction).
    #[default]
    Date,
    Type,
    Quad,
    Articles,
    Sources,
}

impl SortKey {
    /// The key named in an API or CLI parameter.
    pub fn parse(name: &str) -> Option<SortKey> {
        Some(match name {
            "date" => SortKey::Date,
            "type" => SortKey::Type,
            "quad" => SortKey::Quad,
            "articles" => SortKey::Articles,
            "sources" => SortKey::Sources,
            _ => return None,
        })
    }
}

/// A page's order: a key and a direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventOrder {
    pub key: SortKey,
    pub descending: bool,
}

impl EventOrder {
    /// Newest first, as the explorer's table opens.
    pub const NEWEST: EventOrder = EventOrder {
        key: SortKey::Date,
        descending: true,
    };

    /// The ORDER BY clause: fixed SQL, never input. Ties go to the most
    /// recent, then the oldest row, so pages never overlap.
    fn sql(self) -> &'static str {
        match (self.key, self.descending) {
            (SortKey::Date, false) => "e.date_start IS NULL, e.date_start, e.id",
            (SortKey::Date, true) => "e.date_start IS NULL, e.date_start DESC, e.id DESC",
            (SortKey::Type, false) => "e.event_type, e.date_start DESC, e.id",
            (SortKey::Type, true) => "e.event_type DESC, e.date_start DESC, e.id",
            (SortKey::Quad, false) => "e.quad_class, e.date_start DESC, e.id",
            (SortKey::Quad, true) => "e.quad_class DESC, e.date_start DESC, e.id",
            (SortKey::Articles, false) => "e.num_articles, e.date_start DESC, e.id",
            (SortKey::Articles, true) => "e.num_articles DESC, e.date_start DESC, e.id",
            (SortKey::Sources, false) => "e.num_sources, e.date_start DESC, e.id",
            (SortKey::Sources, true) => "e.num_sources DESC, e.date_start DESC, e.id",
        }
    }
}

/// Located events: per country of the place, and per place with
/// coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Places {
    pub countries: Vec<CountryCount>,
    pub points: Vec<PlaceCount>,
    /// Matching events with no place.
    pub unlocated: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryCount {
    pub country: String,
    pub events: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub events: usize,
}

/// A window on the results: `limit` None means all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    pub limit: Option<usize>,
    pub offset: usize,
}

/// One page of events and how many match in all.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPage {
    pub total: usize,
    pub events: Vec<StoredEvent>,
}

/// A stored event: its representative record (the contract of
/// `event-record.md`) plus its mentions and aggregates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Stable: the record id of the event's first mention.
    pub event_id: String,
    #[serde(flatten)]
    pub record: EventRecord,
    pub mentions: Vec<StoredMention>,
    pub num_mentions: usize,
    pub num_articles: usize,
    pub num_sources: usize,
    /// Earliest and latest publication date of the mentioning documents.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// The database row, the GDELT-style numeric id.
    #[serde(skip)]
    pub row: i64,
}

impl StoredEvent {
    /// One record as an event of its own, before any merging: what the
    /// export columns hold for it when it is coded outside a store
    /// (Python's `code_many`, Spark). Its `global_event_id` is the first 60
    /// bits of the record id, stable wherever it is coded.
    pub fn unmerged(
        record: EventRecord,
        source: Option<String>,
        url: Option<String>,
        publication_date: Option<String>,
    ) -> Self {
        let row = record
            .id
            .get(..15)
            .and_then(|hex| i64::from_str_radix(hex, 16).ok())
            .unwrap_or(0);
        let mention = StoredMention {
            doc_id: record.doc_id.clone(),
            sentence: record.sentence.clone(),
            sentence_index: record.sentence_index,
            span: record.span,
            trigger: record.trigger.clone(),
            rule: record.rule.clone(),
            record_id: record.id.clone(),
            source,
            url,
            publication_date: publication_date.clone(),
            merge: "new".into(),
            why: "coded outside a store: not merged with other reports".into(),
            ingested_at: String::new(),
        };
        StoredEvent {
            event_id: record.id.clone(),
            record,
            num_mentions: 1,
            num_articles: 1,
            // A document without an outlet counts as an outlet of its own,
            // as in the store.
            num_sources: 1,
            first_seen: publication_date.clone(),
            last_seen: publication_date,
            mentions: vec![mention],
            row,
        }
    }
}

/// Where an event was reported, and why the mention was put in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredMention {
    pub doc_id: String,
    pub sentence: String,
    pub sentence_index: usize,
    pub span: [usize; 2],
    pub trigger: String,
    pub rule: String,
    pub record_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub publication_date: Option<String>,
    /// `new` (it started the event) or `joined`.
    pub merge: String,
    pub why: String,
    /// When the document was stored (`YYYY-MM-DDTHH:MM:SSZ`); left out of
    /// JSON so that exports of the same input are the same bytes.
    #[serde(skip)]
    pub ingested_at: String,
}

/// Events per (actor country, recipient country, type).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dyad {
    /// `-` when no party on that side has a country.
    pub actor: String,
    pub recipient: String,
    pub event_type: String,
    /// PLOVER's quad class (1–4) of the events.
    pub quad_class: u8,
    pub events: usize,
    /// The sum of the events' Goldstein values (from their CAMEO codes;
    /// a code without one adds nothing).
    pub goldstein: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    /// ISO week, e.g. `2024-W16`.
    Week,
}

/// Events per period and quad class (1 to 4).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub period: String,
    pub quad_class: [usize; 4],
    pub total: usize,
    /// The sum of the events' Goldstein values per quad class (divide by
    /// `quad_class` for the mean).
    pub goldstein: [f64; 4],
}

/// A stored document with its text and where its mentions are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentView {
    pub doc_id: String,
    pub content_hash: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publication_date: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub coder_version: String,
    pub ingested_at: String,
    pub mentions: Vec<MentionView>,
}

/// One of a document's mentions, and the event it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentionView {
    pub event_id: String,
    pub record_id: String,
    pub event_type: String,
    pub sentence_index: usize,
    pub span: [usize; 2],
    pub trigger: String,
    pub rule: String,
    pub merge: String,
    pub why: String,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub documents: usize,
    pub events: usize,
    pub mentions: usize,
}

/// `%` and `_` in a user's text match themselves in LIKE.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A user's words as an FTS5 query: each word a quoted phrase, all
/// required, so no character of theirs is FTS syntax.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// A date bound as `YYYY-MM-DD`: the first (or, for `end`, last) day of a
/// year or month given.
fn date_bound(text: &str, end: bool) -> std::result::Result<String, String> {
    let bad = || format!("bad date {text:?}: expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let year = i32::try_from(number(parts.first().ok_or_else(bad)?)?).map_err(|_| bad())?;
    let (month, day) = match parts.len() {
        1 => (if end { 12 } else { 1 }, None),
        2 => (number(parts[1])?, None),
        3 => (number(parts[1])?, Some(number(parts[2])?)),
        _ => return Err(bad()),
    };
    let first = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).ok_or_else(bad)?;
    let date = match (day, end) {
        (None, true) => {
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            next.and_then(|d| d.pred_opt()).ok_or_else(bad)?
        }
        _ => first,
    };
    Ok(date.to_string())
}

/// The WHERE clause (over `events e`) and its parameters.
fn where_clause(filter: &EventFilter) -> std::result::Result<(String, Vec<Value>), String> {
    let mut clauses: Vec<&str> = vec!["1"];
    let mut values: Vec<Value> = Vec::new();
    // One pass over the parties gives the set of events, instead of a
    // correlated search per event (6x faster on 100,000 events).
    macro_rules! party_clause {
        ($side:literal) => {
            concat!(
                "e.id IN (SELECT p.event FROM event_parties p WHERE ",
                $side,
                "(p.country = ? OR p.name LIKE ? ESCAPE '\\' OR p.text LIKE ? ESCAPE '\\'))"
            )
        };
    }
    for (clause, party) in [
        (party_clause!("p.role = 'actor' AND "), &filter.actor),
        (
            party_clause!("p.role = 'recipient' AND "),
            &filter.recipient,
        ),
        (party_clause!(""), &filter.party),
    ] {
        if let Some(party) = party {
            clauses.push(clause);
            let pattern = like_pattern(party.trim());
            values.push(Value::Text(party.trim().to_uppercase()));
            values.push(Value::Text(pattern.clone()));
            values.push(Value::Text(pattern));
        }
    }
    if let Some(place) = &filter.place {
        let place = place.trim();
        // Three letters are a country code ("USA" is not "Nusa Tenggara").
        if place.len() == 3 && place.chars().all(|c| c.is_ascii_alphabetic()) {
            clauses.push("e.location_country = ?");
            values.push(Value::Text(place.to_uppercase()));
        } else {
            clauses.push("lower(e.location_name) LIKE ? ESCAPE '\\'");
            values.push(Value::Text(like_pattern(place)));
        }
    }
    if let Some(kind) = &filter.event_type {
        clauses.push("e.event_type = ?");
        values.push(Value::Text(kind.trim().to_uppercase()));
    }
    if let Some(quad) = filter.quad_class {
        clauses.push("e.quad_class = ?");
        values.push(Value::Integer(i64::from(quad)));
    }
    if let Some(from) = &filter.from {
        clauses.push("e.date_end >= ?");
        values.push(Value::Text(date_bound(from, false)?));
    }
    if let Some(to) = &filter.to {
        clauses.push("e.date_start <= ?");
        values.push(Value::Text(date_bound(to, true)?));
    }
    if let Some(text) = &filter.text {
        match fts_query(text) {
            Some(query) => {
                clauses.push(
                    "e.id IN (SELECT m.event FROM mention_text t JOIN mentions m ON m.id = t.rowid
                     WHERE mention_text MATCH ?)",
                );
                values.push(Value::Text(query));
            }
            // No word to look for: nothing matches.
            None => clauses.push("0"),
        }
    }
    if let Some(source) = &filter.source {
        // Outlets are stored in lower case; LIKE ignores ASCII case anyway.
        clauses.push(
            "e.id IN (SELECT m.event FROM mentions m JOIN documents d ON d.id = m.document
             WHERE d.source LIKE ? ESCAPE '\\')",
        );
        values.push(Value::Text(like_pattern(&source.trim().to_lowercase())));
    }
    Ok((clauses.join(" AND "), values))
}

fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

fn parse_record(json: &str) -> rusqlite::Result<EventRecord> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    /// Counts of documents, events and mentions.
    pub fn totals(&self) -> Result<Totals> {
        let count = |table: &str| -> rusqlite::Result<usize> {
            // Table names are fixed strings, never input.
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .map(to_usize)
        };
        (|| {
            Ok(Totals {
                documents: count("documents")?,
                events: count("events")?,
                mentions: count("mentions")?,
            })
        })()
        .map_err(|e: rusqlite::Error| self.fail(e))
    }

    /// A number that changes whenever the stored data does (a new mention,
    /// event or document; a re-merge makes new events), for caching
    /// answers: the largest row ids, which ingest only ever raises.
    pub fn generation(&self) -> Result<(i64, i64, i64)> {
        self.conn
            .prepare_cached(
                "SELECT (SELECT coalesce(max(id), 0) FROM mentions),
                        (SELECT coalesce(max(id), 0) FROM events),
                        (SELECT coalesce(max(id), 0) FROM documents)",
            )
            .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
            .map_err(|e| self.fail(e))
    }

    /// How many events match.
    pub fn count_events(&self, filter: &EventFilter) -> Result<usize> {
        let (clause, values) = where_clause(filter).map_err(|e| self.fail(e))?;
        self.conn
            .prepare_cached(&format!("SELECT count(*) FROM events e WHERE {clause}"))
            .and_then(|mut s| s.query_row(params_from_iter(values), |r| r.get::<_, i64>(0)))
            .map(to_usize)
            .map_err(|e| self.fail(e))
    }

    /// One page of matching events, ordered by date (undated last), then
    /// by age.
    pub fn events(&self, filter: &EventFilter, page: Page) -> Result<EventPage> {
        let total = self.count_events(filter)?;
        let mut events = Vec::new();
        self.for_each_event(filter, page, |event| {
            events.push(event);
            Ok(())
        })?;
        Ok(EventPage { total, events })
    }

    /// One page of matching events in the given order.
    pub fn events_in_order(
        &self,
        filter: &EventFilter,
        page: Page,
        order: EventOrder,
    ) -> Result<EventPage> {
        let total = self.count_events(filter)?;
        let mut events = Vec::new();
        self.for_each_event_in_order(filter, page, order, |event| {
            events.push(event);
            Ok(())
        })?;
        Ok(EventPage { total, events })
    }

    /// Calls `each` for every matching event in order, without holding them
    /// all in memory (for exports).
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        page: Page,
        each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        self.for_each_event_in_order(filter, page, EventOrder::default(), each)
    }

    /// `for_each_event` in the given order.
    pub fn for_each_event_in_order(
        &self,
        filter: &EventFilter,
        page: Page,
        order: EventOrder,
        mut each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<()> {
        let (clause, mut values) = where_clause(filter).map_err(|e| self.fail(e))?;
        values.push(Value::Integer(
            page.limit.and_then(|l| i64::try_from(l).ok()).unwrap_or(-1),
        ));
        values.push(Value::Integer(
            i64::try_from(page.offset).unwrap_or(i64::MAX),
        ));
        let sql = format!(
            "SELECT e.id, e.event_id, m.record, e.num_mentions, e.num_articles, e.num_sources,
                    e.first_seen, e.last_seen
             FROM events e JOIN mentions m ON m.id = e.representative
             WHERE {clause}
             ORDER BY {}
             LIMIT ? OFFSET ?",
            order.sql()
        );
        let mut statement = self.conn.prepare_cached(&sql).map_err(|e| self.fail(e))?;
        let mut rows = statement
            .query(params_from_iter(values))
            .map_err(|e| self.fail(e))?;
        while let Some(row) = rows.next().map_err(|e| self.fail(e))? {
            let event = self.event_from_row(row).map_err(|e| self.fail(e))?;
            each(event)?;
        }
        Ok(())
    }

    fn event_from_row(&self, row: &rusqlite::Row) -> rusqlite::Result<StoredEvent> {
        let id: i64 = row.get(0)?;
        let record: String = row.get(2)?;
        Ok(StoredEvent {
            event_id: row.get(1)?,
            record: parse_record(&record)?,
            mentions: self.mentions_of(id)?,
            num_mentions: to_usize(row.get(3)?),
            num_articles: to_usize(row.get(4)?),
            num_sources: to_usize(row.get(5)?),
            first_seen: row.get(6)?,
            last_seen: row.get(7)?,
            row: id,
        })
    }

    fn mentions_of(&self, event: i64) -> rusqlite::Result<Vec<StoredMention>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.doc_id, m.sentence, m.sentence_index, m.span_start, m.span_end,
                    m.trigger, m.rule, m.record_id, d.source, d.url, d.publication_date, m.merge,
                    m.why, d.ingested_at
             FROM mentions m JOIN documents d ON d.id = m.document
             WHERE m.event = ?1 ORDER BY m.id",
        )?;
        let rows = statement.query_map([event], |r| {
            Ok(StoredMention {
                doc_id: r.get(0)?,
                sentence: r.get(1)?,
                sentence_index: to_usize(r.get(2)?),
                span: [to_usize(r.get(3)?), to_usize(r.get(4)?)],
                trigger: r.get(5)?,
                rule: r.get(6)?,
                record_id: r.get(7)?,
                source: r.get(8)?,
                url: r.get(9)?,
                publication_date: r.get(10)?,
                merge: r.get(11)?,
                why: r.get(12)?,
                ingested_at: r.get(13)?,
            })
        })?;
        rows.collect()
    }

    /// One event with all its mentions, by its `event_id` or by its row
    /// number (the GDELT layout's `GLOBALEVENTID`).
    pub fn event(&self, event_id: &str) -> Result<Option<StoredEvent>> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.event_id, m.record, e.num_mentions, e.num_articles,
                        e.num_sources, e.first_seen, e.last_seen
                 FROM events e JOIN mentions m ON m.id = e.representative
                 WHERE e.event_id = ?1
                    OR (?1 GLOB '[0-9]*' AND ?1 NOT GLOB '*[^0-9]*' AND e.id = CAST(?1 AS INTEGER))",
            )
            .and_then(|mut s| {
                s.query_row([event_id], |row| self.event_from_row(row))
                    .optional()
            });
        found.map_err(|e| self.fail(e))
    }

    /// Who did what to whom: events per actor country, recipient country
    /// and type, most frequent first. An act done together with no
    /// recipient (two actors calling each other) counts under every
    /// directed pair of its actors' countries, both ways.
    pub fn dyads(&self, filter: &EventFilter) -> Result<Vec<Dyad>> {
        let (clause, values) = where_clause(filter).map_err(|e| self.fail(e))?;
        let sql = format!(
            "SELECT e.id, e.event_type, p.role, p.country, e.cameo, e.quad_class
             FROM events e JOIN event_parties p ON p.event = e.id
             WHERE {clause} ORDER BY e.id, p.role, p.position"
        );
        /// An event's type and quad class, sides, and Goldstein value.
        struct Parties {
            kind: (String, u8),
            actors: Vec<String>,
            recipients: Vec<String>,
            goldstein: f64,
        }
        let mut per_event: BTreeMap<i64, Parties> = BTreeMap::new();
        let collected = (|| -> rusqlite::Result<()> {
            let mut statement = self.conn.prepare_cached(&sql)?;
            let mut rows = statement.query(params_from_iter(values))?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let role: String = row.get(2)?;
                let country: Option<String> = row.get(3)?;
                let entry = match per_event.entry(id) {
                    std::collections::btree_map::Entry::Occupied(held) => held.into_mut(),
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        let cameo: String = row.get(4)?;
                        slot.insert(Parties {
                            kind: (
                                row.get(1)?,
                                u8::try_from(row.get::<_, i64>(5)?).unwrap_or(0),
                            ),
                            actors: Vec::new(),
                            recipients: Vec::new(),
                            goldstein: goldstein(&cameo).unwrap_or(0.0),
                        })
                    }
                };
                let side = if role == "actor" {
                    &mut entry.actors
                } else {
                    &mut entry.recipients
                };
                if let Some(country) = country {
                    if !side.contains(&country) {
                        side.push(country);
                    }
                }
            }
            Ok(())
        })();
        collected.map_err(|e| self.fail(e))?;
        // (actor, recipient, (type, quad class)) to (events, Goldstein sum).
        type DyadKey = (String, String, (String, u8));
        let mut counts: BTreeMap<DyadKey, (usize, f64)> = BTreeMap::new();
        let none = || vec!["-".to_owned()];
        for Parties {
            kind,
            actors,
            recipients,
            goldstein: value,
        } in per_event.into_values()
        {
            let mut pairs: Vec<(String, String)> = Vec::new();
            if recipients.is_empty() && actors.len() >= 2 {
                // Done together (a meeting, a joint exercise): every
                // directed pair, both ways, as GDELT counts such acts.
                for a in &actors {
                    for b in &actors {
                        if a != b {
                            pairs.push((a.clone(), b.clone()));
                        }
                    }
                }
            } else {
                let actors = if actors.is_empty() { none() } else { actors };
                let recipients = if recipients.is_empty() {
                    none()
                } else {
                    recipients
                };
                for a in &actors {
                    for r in &recipients {
                        pairs.push((a.clone(), r.clone()));
                    }
                }
            }
            for (a, r) in pairs {
                let entry = counts.entry((a, r, kind.clone())).or_default();
                entry.0 += 1;
                entry.1 += value;
            }
        }
        let mut dyads: Vec<Dyad> = counts
            .into_iter()
            .map(
                |((actor, recipient, (event_type, quad_class)), (events, goldstein))| Dyad {
                    actor,
                    recipient,
                    event_type,
                    quad_class,
                    events,
                    goldstein: (goldstein * 10.0).round() / 10.0,
                },
            )
            .collect();
        // Most events first; ties in key order (the map's), so stable.
        dyads.sort_by_key(|d| std::cmp::Reverse(d.events));
        Ok(dyads)
    }

    /// Events per day or ISO week by quad class, oldest first. Events whose
    /// date is only a month or a year, or missing, are left out; the second
    /// value says how many.
    pub fn timeline(
        &self,
        filter: &EventFilter,
        bucket: Bucket,
    ) -> Result<(Vec<TimelineRow>, usize)> {
        let (clause, values) = where_clause(filter).map_err(|e| self.fail(e))?;
        let sql = format!(
            "SELECT e.date_precision = 'day', e.date_start, e.quad_class, count(*), e.cameo
             FROM events e WHERE {clause}
             GROUP BY 1, 2, 3, 5 ORDER BY 2"
        );
        let mut rows: BTreeMap<String, ([usize; 4], [f64; 4])> = BTreeMap::new();
        let mut left_out = 0;
        let collected = (|| -> rusqlite::Result<()> {
            let mut statement = self.conn.prepare_cached(&sql)?;
            let mut result = statement.query(params_from_iter(values))?;
            while let Some(row) = result.next()? {
                let (is_day, date, quad, n, cameo): (
                    Option<bool>,
                    Option<String>,
                    i64,
                    i64,
                    String,
                ) = (
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                );
                let day = date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
                let (Some(true), Some(day), 1..=4) = (is_day, day, quad) else {
                    left_out += to_usize(n);
                    continue;
                };
                let period = match bucket {
                    Bucket::Day => day.to_string(),
                    Bucket::Week => {
                        let week = day.iso_week();
                        format!("{}-W{:02}", week.year(), week.week())
                    }
                };
                let entry = rows.entry(period).or_default();
                let q = to_usize(quad - 1);
                entry.0[q] += to_usize(n);
                entry.1[q] += goldstein(&cameo).unwrap_or(0.0) * n as f64;
            }
            Ok(())
        })();
        collected.map_err(|e| self.fail(e))?;
        let rows = rows
            .into_iter()
            .map(|(period, (quad_class, sums))| TimelineRow {
                period,
                total: quad_class.iter().sum(),
                quad_class,
                goldstein: sums.map(|v| (v * 10.0).round() / 10.0),
            })
            .collect();
        Ok((rows, left_out))
    }

    /// Where matching events happened: counts per country of the place
    /// (most first), and per named place with coordinates (at most
    /// `max_points`, most first).
    pub fn places(&self, filter: &EventFilter, max_points: usize) -> Result<Places> {
        let (clause, values) = where_clause(filter).map_err(|e| self.fail(e))?;
        let found = (|| -> rusqlite::Result<Places> {
            let mut countries = Vec::new();
            let mut unlocated = 0;
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT e.location_country, count(*) FROM events e WHERE {clause}
                 GROUP BY 1 ORDER BY 2 DESC, 1"
            ))?;
            let mut rows = statement.query(params_from_iter(values.iter()))?;
            while let Some(row) = rows.next()? {
                let (country, n): (Option<String>, i64) = (row.get(0)?, row.get(1)?);
                match country {
                    Some(country) => countries.push(CountryCount {
                        country,
                        events: to_usize(n),
                    }),
                    None => unlocated += to_usize(n),
                }
            }
            let mut statement = self.conn.prepare_cached(&format!(
                "SELECT e.location_name, e.location_country, e.location_lat, e.location_lon,
                        count(*)
                 FROM events e WHERE {clause} AND e.location_lat IS NOT NULL
                   AND e.location_lon IS NOT NULL
                 GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1 LIMIT ?"
            ))?;
            let mut values = values.clone();
            values.push(Value::Integer(
                i64::try_from(max_points).unwrap_or(i64::MAX),
            ));
            let points = statement
                .query_map(params_from_iter(values), |r| {
                    Ok(PlaceCount {
                        name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        country: r.get(1)?,
                        lat: r.get(2)?,
                        lon: r.get(3)?,
                        events: to_usize(r.get(4)?),
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Places {
                countries,
                points,
                unlocated,
            })
        })();
        found.map_err(|e| self.fail(e))
    }

    /// A stored document with its text and its mentions' spans.
    pub fn document(&self, doc_id: &str) -> Result<Option<DocumentView>> {
        let found = (|| -> rusqlite::Result<Option<DocumentView>> {
            let head = self
                .conn
                .prepare_cached(
                    "SELECT id, doc_id, content_hash, source, title, url, publication_date,
                            language, text, coder_version, ingested_at
                     FROM documents WHERE doc_id = ?1",
                )?
                .query_row([doc_id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        DocumentView {
                            doc_id: r.get(1)?,
                            content_hash: r.get(2)?,
                            source: r.get(3)?,
                            title: r.get(4)?,
                            url: r.get(5)?,
                            publication_date: r.get(6)?,
                            language: r.get(7)?,
                            text: r.get(8)?,
                            coder_version: r.get(9)?,
                            ingested_at: r.get(10)?,
                            mentions: Vec::new(),
                        },
                    ))
                })
                .optional()?;
            let Some((row, mut view)) = head else {
                return Ok(None);
            };
            let mut statement = self.conn.prepare_cached(
                "SELECT e.event_id, m.record_id, e.event_type, m.sentence_index, m.span_start,
                        m.span_end, m.trigger, m.rule, m.merge, m.why
                 FROM mentions m JOIN events e ON e.id = m.event
                 WHERE m.document = ?1 ORDER BY m.id",
            )?;
            view.mentions = statement
                .query_map(params![row], |r| {
                    Ok(MentionView {
                        event_id: r.get(0)?,
                        record_id: r.get(1)?,
                        event_type: r.get(2)?,
                        sentence_index: to_usize(r.get(3)?),
                        span: [to_usize(r.get(4)?), to_usize(r.get(5)?)],
                        trigger: r.get(6)?,
                        rule: r.get(7)?,
                        merge: r.get(8)?,
                        why: r.get(9)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(Some(view))
        })();
        found.map_err(|e| self.fail(e))
    }
}

/// For the explorer (`warta-serve`): each mention's full coded record, so
/// the page can mark where its parties and place are, and events per party
/// country for its actor network.
impl Store {
    /// The mentions of the event `event_id`, oldest first: event id, the
    /// mention's record, and the character offset at which its sentence
    /// first occurs in its document's text (`None` when it does not).
    pub fn event_mention_records(
        &self,
        event_id: &str,
    ) -> Result<Vec<(String, EventRecord, Option<usize>)>> {
        self.mention_records("e.event_id = ?1", event_id)
    }

    /// The same for every mention of the document `doc_id`.
    pub fn document_mention_records(
        &self,
        doc_id: &str,
    ) -> Result<Vec<(String, EventRecord, Option<usize>)>> {
        self.mention_records("d.doc_id = ?1", doc_id)
    }

    /// `condition` is one of the two fixed strings above, never input.
    fn mention_records(
        &self,
        condition: &str,
        key: &str,
    ) -> Result<Vec<(String, EventRecord, Option<usize>)>> {
        let sql = format!(
            "SELECT e.event_id, m.record, instr(d.text, m.sentence)
             FROM mentions m JOIN events e ON e.id = m.event
                  JOIN documents d ON d.id = m.document
             WHERE {condition} ORDER BY m.id"
        );
        let found = (|| -> rusqlite::Result<Vec<_>> {
            let mut statement = self.conn.prepare_cached(&sql)?;
            let rows = statement.query_map([key], |r| {
                let record: String = r.get(1)?;
                // instr counts characters from 1; 0 means not found.
                let position: i64 = r.get(2)?;
                Ok((
                    r.get::<_, String>(0)?,
                    parse_record(&record)?,
                    usize::try_from(position - 1).ok(),
                ))
            })?;
            rows.collect()
        })();
        found.map_err(|e| self.fail(e))
    }

    /// Matching events per party country: `[as actor, as recipient]`, each
    /// event counted once per country and role. Parties without a country
    /// are left out.
    pub fn party_counts(&self, filter: &EventFilter) -> Result<BTreeMap<String, [usize; 2]>> {
        let (clause, values) = where_clause(filter).map_err(|e| self.fail(e))?;
        let sql = format!(
            "SELECT party.country, party.role = 'actor', count(DISTINCT e.id)
             FROM events e JOIN event_parties party ON party.event = e.id
             WHERE {clause} AND party.country IS NOT NULL
             GROUP BY 1, 2"
        );
        let mut counts: BTreeMap<String, [usize; 2]> = BTreeMap::new();
        let collected = (|| -> rusqlite::Result<()> {
            let mut statement = self.conn.prepare_cached(&sql)?;
            let mut rows = statement.query(params_from_iter(values))?;
            while let Some(row) = rows.next()? {
                let (country, as_actor, n): (String, bool, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                counts.entry(country).or_default()[usize::from(!as_actor)] += to_usize(n);
            }
            Ok(())
        })();
        collected.map_err(|e| self.fail(e))?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_escapes_wildcards() {
        assert_eq!(like_pattern("50%_A\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn fts_query_quotes_every_word() {
        assert_eq!(
            fts_query("telepon \"Putin\" '; DROP TABLE x; --").as_deref(),
            Some("\"telepon\" AND \"\"\"Putin\"\"\" AND \"DROP\" AND \"TABLE\" AND \"x;\"")
        );
        assert_eq!(fts_query(" ; -- "), None);
    }

    #[test]
    fn date_bounds() {
        assert_eq!(date_bound("2024", false).unwrap(), "2024-01-01");
        assert_eq!(date_bound("2024", true).unwrap(), "2024-12-31");
        assert_eq!(date_bound("2024-02", true).unwrap(), "2024-02-29");
        assert_eq!(date_bound("2024-04-16", true).unwrap(), "2024-04-16");
        assert!(date_bound("2024-13", false).is_err());
        assert!(date_bound("16/04/2024", false).is_err());
        assert!(date_bound("", false).is_err());
    }
}
