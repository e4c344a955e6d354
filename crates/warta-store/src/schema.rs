//! The schema, as an ordered list of migrations. `PRAGMA user_version` is
//! the number of migrations applied; opening an older database applies the
//! missing ones, each in its own transaction.

use rusqlite::Connection;

/// Version 1: documents, events, mentions and the parties of each event.
const V1_CORE: &str = "
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    source TEXT,
    title TEXT,
    url TEXT,
    publication_date TEXT,
    language TEXT,
    text TEXT NOT NULL,
    coder_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_by_hash ON documents(content_hash);
CREATE INDEX documents_by_source ON documents(source);

-- One real-world act. Columns other than the aggregates are copied from
-- the representative mention's record, for filtering and merging.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    cameo TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_source TEXT NOT NULL,
    -- The extent of `date` (YYYY-MM-DD), for date-range filters.
    date_start TEXT,
    date_end TEXT,
    -- Days since 1970 the act may have happened on, for finding merge
    -- candidates: a publication date P gives P-7..P.
    window_start INTEGER,
    window_end INTEGER,
    representative INTEGER NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX events_by_window ON events(event_type, window_start);
CREATE INDEX events_by_date ON events(date_start);

-- One coded record of one document.
-- AUTOINCREMENT: ids never come back, so the mentions a batch added are
-- those above the largest id before it (the sentence index relies on it).
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL REFERENCES documents(id),
    event INTEGER NOT NULL REFERENCES events(id),
    record_id TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    rule TEXT NOT NULL,
    record TEXT NOT NULL,
    merge TEXT NOT NULL CHECK (merge IN ('new', 'joined')),
    why TEXT NOT NULL
);
CREATE INDEX mentions_by_event ON mentions(event);
CREATE INDEX mentions_by_document ON mentions(document);

-- The representative record's actors and recipients, one row each, for
-- party filters and dyads. Names are lower case (Unicode).
CREATE TABLE event_parties (
    event INTEGER NOT NULL REFERENCES events(id),
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    position INTEGER NOT NULL,
    country TEXT,
    name TEXT,
    text TEXT NOT NULL
);
CREATE INDEX event_parties_by_event ON event_parties(event);
CREATE INDEX event_parties_by_country ON event_parties(country);
";

/// Version 2: full-text search over mention sentences (FTS5), filled from
/// the mentions already stored. Ingest keeps it in step itself, once per
/// batch: a trigger per row would make FTS5 flush a segment per statement.
const V2_SENTENCE_SEARCH: &str = "
CREATE VIRTUAL TABLE mention_text USING fts5(
    sentence,
    content = 'mentions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO mention_text(mention_text) VALUES ('rebuild');
";

/// Version 3: indexes for the explorer's busiest queries (measured on
/// 100,000 events, `warta-serve`'s load test): a page of events in date
/// order walks the first index instead of sorting every event (175 ms to
/// 1 ms), and timeline counts read the second in group order (156 ms to
/// 25 ms).
const V3_EXPLORER_INDEXES: &str = "
CREATE INDEX events_in_order ON events(date_start IS NULL, date_start);
CREATE INDEX events_by_period ON events(date_precision = 'day', date_start, quad_class);
";

/// Version 4: facts about the store itself, such as the merge rules its
/// events were merged by (`merge_rules`). A store upgraded to it records
/// none, so its events are re-merged by the current rules.
const V4_STORE_META: &str = "
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
";

/// Version 5: the representative record's place on the event, for the
/// explorer's map and place filter (filled from the stored records), and
/// an index for newest-first pages.
const V5_EVENT_PLACES: &str = "
ALTER TABLE events ADD COLUMN location_country TEXT;
ALTER TABLE events ADD COLUMN location_name TEXT;
ALTER TABLE events ADD COLUMN location_lat REAL;
ALTER TABLE events ADD COLUMN location_lon REAL;
UPDATE events SET (location_country, location_name, location_lat, location_lon) = (
    SELECT json_extract(m.record, '$.location.country'),
           coalesce(json_extract(m.record, '$.location.name'),
                    json_extract(m.record, '$.location.text')),
           json_extract(m.record, '$.location.lat'),
           json_extract(m.record, '$.location.lon')
    FROM mentions m WHERE m.id = events.representative);
CREATE INDEX events_by_location ON events(location_country);
CREATE INDEX events_newest ON events(date_start IS NULL, date_start DESC, id DESC);
";

/// Every migration, in order; migration `i` takes version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    V1_CORE,
    V2_SENTENCE_SEARCH,
    V3_EXPLORER_INDEXES,
    V4_STORE_META,
    V5_EVENT_PLACES,
];

/// The schema version this code writes and reads.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Whether the sentence index (version 2) is there.
pub(crate) fn has_sentence_index(conn: &Connection) -> Result<bool, String> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'mention_text'",
        [],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(|e| format!("reading the schema: {e}"))
}

pub(crate) fn version(conn: &Connection) -> Result<usize, String> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| format!("not a Warta database ({e})"))?;
    usize::try_from(version).map_err(|_| format!("invalid schema version {version}"))
}

pub(crate) fn version_mismatch(found: usize) -> String {
    if found > SCHEMA_VERSION {
        format!(
            "schema version {found} is newer than this warta understands ({SCHEMA_VERSION}); use a newer warta"
        )
    } else {
        format!(
            "schema version {found} is older than this warta's ({SCHEMA_VERSION}); run `warta upgrade --db FILE` (or `warta ingest`) on it once to upgrade it"
        )
    }
}

/// Applies the migrations missing below `target`, each in a transaction.
pub(crate) fn migrate(conn: &mut Connection, target: usize) -> Result<(), String> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(version_mismatch(found));
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().take(target).skip(found) {
        let next = index + 1;
        let fail = |e: rusqlite::Error| format!("upgrading the schema to version {next}: {e}");
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        // Another process may have applied it while this one waited for
        // the write lock: the version read under the lock decides.
        if version(&tx)? >= next {
            continue;
        }
        tx.execute_batch(sql).map_err(fail)?;
        // PRAGMA takes no parameters; `next` is a small integer.
        tx.execute_batch(&format!("PRAGMA user_version = {next}"))
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{content_hash, DocumentInput, EventFilter, People, Store, SCHEMA_VERSION};
    use warta_record::{Entity, EventRecord, Size};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("warta-schema-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir.join("old.db")
    }

    fn doc(id: &str, sentence: &str) -> DocumentInput {
        let record = EventRecord {
            id: format!("r-{id}"),
            doc_id: id.into(),
            language: "id".into(),
            event_type: "CONSULT".into(),
            mode: Some("phone".into()),
            modes: vec![],
            context: vec![],
            cameo: "041".into(),
            quad_class: 1,
            intensity: 1.0,
            actor: vec![Entity {
                text: "Rusia".into(),
                name: Some("Russia".into()),
                country: Some("RUS".into()),
                sector: Some("GOV".into()),
            }],
            recipient: vec![Entity {
                text: "Iran".into(),
                name: Some("Iran".into()),
                country: Some("IRN".into()),
                sector: Some("GOV".into()),
            }],
            date: Some("2024-04-16".into()),
            date_precision: Some("day".into()),
            date_source: "text".into(),
            background: false,
            location: None,
            size: Size::default(),
            quote: None,
            sentence_index: 0,
            sentence: sentence.into(),
            span: [0, 5],
            trigger: "telepon".into(),
            rule: "id/test".into(),
            confidence: 0.9,
        };
        DocumentInput {
            doc_id: id.into(),
            content_hash: content_hash(&[Some(sentence)]),
            source: Some(format!("outlet-{id}")),
            title: None,
            url: None,
            publication_date: Some("2024-04-17".into()),
            language: Some("id".into()),
            text: sentence.into(),
            records: vec![record],
        }
    }

    #[test]
    fn a_version_1_database_is_upgraded_with_its_data() {
        let path = scratch("v1");
        {
            let mut old = Store::open_at_version(&path, 1).unwrap();
            assert_eq!(old.schema_version().unwrap(), 1);
            assert!(!old.sentence_index);
            old.ingest(
                &[doc(
                    "one",
                    "Rusia menelepon Iran soal Damaskus pada Selasa 16 April.",
                )],
                "v1",
                &People::default(),
            )
            .unwrap();
        }
        // Read-only access to an old file says how to upgrade it.
        let err = Store::open_read_only(&path)
            .err()
            .expect("refused")
            .to_string();
        assert!(err.contains("schema version 1 is older"), "{err}");
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let search = |store: &Store, words: &str| {
            store
                .count_events(&EventFilter {
                    text: Some(words.into()),
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!(search(&store, "damaskus"), 1, "old mentions are indexed");
        store
            .ingest(
                &[doc(
                    "two",
                    "Rusia menelepon Iran lagi soal Damaskus pada Selasa 16 April.",
                )],
                "v2",
                &People::default(),
            )
            .unwrap();
        assert_eq!(search(&store, "menelepon"), 1, "both reports are one event");
        assert_eq!(search(&store, "lagi"), 1, "new mentions are indexed");
        let events = store
            .events(&EventFilter::default(), Default::default())
            .unwrap();
        assert_eq!(events.events[0].num_sources, 2);
        assert_eq!(store.document("one").unwrap().unwrap().coder_version, "v1");
    }

    /// A store merged by older rules (here: a wrong join written by hand,
    /// as the rules before version 2 made them) is re-merged on upgrade,
    /// and loses no document, mention or sentence.
    #[test]
    fn a_store_merged_by_older_rules_is_re_merged_on_upgrade() {
        let path = scratch("remerge");
        {
            let mut old = Store::open_at_version(&path, 3).unwrap();
            let mut unrelated = doc("three", "Indonesia dan Malaysia bertemu di Kuala Lumpur.");
            let record = &mut unrelated.records[0];
            record.actor[0].country = Some("IDN".into());
            record.actor[0].name = Some("Indonesia".into());
            record.recipient[0].country = Some("MYS".into());
            record.recipient[0].name = Some("Malaysia".into());
            record.id = "r-three".into();
            old.ingest(
                &[
                    doc("one", "Putin menelepon Raisi pada Selasa 16 April."),
                    doc(
                        "two",
                        "Putin dan Raisi berbicara lewat telepon, Selasa 16 April.",
                    ),
                    unrelated,
                ],
                "v3",
                &People::default(),
            )
            .unwrap();
            // The old rules' mistake: the third report joined the call.
            old.conn
                .execute_batch(
                    "UPDATE mentions SET event = (SELECT min(id) FROM events), merge = 'joined'
                     WHERE document = (SELECT id FROM documents WHERE doc_id = 'three');
                     DELETE FROM event_parties WHERE event NOT IN (SELECT event FROM mentions);
                     DELETE FROM events WHERE id NOT IN (SELECT event FROM mentions);",
                )
                .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.merge_rules().unwrap(), None, "unrecorded before v4");
        let before = store.totals().unwrap();
        assert_eq!(
            (before.documents, before.mentions, before.events),
            (3, 3, 1)
        );
        let done = store.remerge_if_stale(&People::default()).unwrap().unwrap();
        assert_eq!(
            (
                done.from_rules,
                done.mentions,
                done.events_before,
                done.events_after
            ),
            (None, 3, 1, 2)
        );
        let after = store.totals().unwrap();
        assert_eq!((after.documents, after.mentions, after.events), (3, 3, 2));
        let events = store
            .events(&EventFilter::default(), Default::default())
            .unwrap()
            .events;
        let call = events.iter().find(|e| e.num_articles == 2).unwrap();
        assert_eq!(call.event_id, "r-one", "an event keeps its id");
        let meeting = events.iter().find(|e| e.event_id == "r-three").unwrap();
        assert_eq!(
            (meeting.num_articles, meeting.mentions[0].merge.as_str()),
            (1, "new")
        );
        let found = store
            .count_events(&EventFilter {
                text: Some("kuala lumpur".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(found, 1, "the sentence index still finds it");
        assert_eq!(
            store.merge_rules().unwrap(),
            Some(crate::MERGE_RULES_VERSION)
        );
        assert_eq!(store.remerge_if_stale(&People::default()).unwrap(), None);
    }

    /// Version 5 fills the events' place from the records already stored.
    #[test]
    fn places_of_a_version_4_store_are_filled_on_upgrade() {
        let path = scratch("places");
        {
            let mut old = Store::open_at_version(&path, 4).unwrap();
            let mut located = doc("one", "Rusia menelepon Iran dari Damaskus.");
            located.records[0].location = Some(warta_record::Location {
                text: "Damaskus".into(),
                name: Some("Damaskus".into()),
                country: Some("SYR".into()),
                lat: Some(33.51),
                lon: Some(36.29),
            });
            old.ingest(&[located], "v4", &People::default()).unwrap();
        }
        let store = Store::open(&path).unwrap();
        let places = store.places(&EventFilter::default(), 10).unwrap();
        assert_eq!(places.countries[0].country, "SYR");
        assert_eq!(places.points[0].name, "Damaskus");
        assert_eq!(places.points[0].lat, 33.51);
        let by_place = EventFilter {
            place: Some("damaskus".into()),
            ..Default::default()
        };
        assert_eq!(store.count_events(&by_place).unwrap(), 1);
    }

    #[test]
    fn a_new_store_records_its_merge_rules() {
        let path = scratch("fresh-rules");
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.merge_rules().unwrap(),
            Some(crate::MERGE_RULES_VERSION)
        );
    }

    #[test]
    fn a_database_newer_than_the_code_is_refused() {
        let path = scratch("newer");
        drop(Store::open(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
        drop(conn);
        let err = Store::open(&path).err().expect("refused").to_string();
        assert!(
            err.contains("old.db")
                && err.contains("schema version 99 is newer than this warta understands"),
            "{err}"
        );
        assert!(Store::open_read_only(&path).is_err());
    }

    #[test]
    fn migrations_are_applied_in_order_once() {
        let path = scratch("twice");
        drop(Store::open(&path).unwrap());
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert!(store.sentence_index);
    }
}
