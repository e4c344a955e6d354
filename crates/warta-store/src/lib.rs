//! Store: coded documents kept in an embedded SQLite database, their event
//! records merged across outlets into real-world events (each merge with its
//! reason), and the queries and exports analysts run on them. The store
//! knows nothing of the coder: it takes [`DocumentInput`]s, which any
//! producer of `shared/spec/event-record.md` records can fill.

#[cfg(feature = "arrow")]
pub mod arrow;
mod export;
mod goldstein;
mod ingest;
pub mod merge;
mod query;
mod schema;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use warta_record::EventRecord;

pub use export::{
    parquet_columns, write_csv, write_gdelt, write_gdelt_like, write_jsonl, write_mentions,
    write_parquet, write_parquet_to, CSV_EXTRA_COLUMNS, GDELT_COLUMNS, GDELT_LIKE_COLUMNS,
    MENTION_COLUMNS,
};
pub use goldstein::goldstein;
pub use ingest::{IngestSummary, Known, RemergeSummary};
pub use merge::{People, MERGE_RULES_VERSION};
pub use query::{
    Bucket, CountryCount, DocumentView, Dyad, EventFilter, EventOrder, EventPage, MentionView,
    Page, PlaceCount, Places, SortKey, StoredEvent, StoredMention, TimelineRow, Totals,
};
pub use schema::SCHEMA_VERSION;

/// One coded document, as the store takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInput {
    pub doc_id: String,
    /// [`content_hash`] of what was read: the same input gives the same hash.
    pub content_hash: String,
    /// The outlet, lower case; `None` when unknown (then the document counts
    /// as an outlet of its own).
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD`, when known.
    pub publication_date: Option<String>,
    pub language: Option<String>,
    /// The cleaned text the records' spans point into (character offsets).
    pub text: String,
    pub records: Vec<EventRecord>,
}

/// Why the store could not do what was asked, naming the database file.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A stable 128-bit hash of a document's parts, for recognising content
/// already stored: two lanes, eight bytes at a time (xor, multiply by an
/// odd constant, rotate so high bits reach low ones). Not cryptographic;
/// stable across runs and platforms. Parts are delimited, so moving text
/// from one field to the next changes the hash.
pub fn content_hash(parts: &[Option<&str>]) -> String {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let mut lanes = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64];
    let mut mix = |word: u64| {
        lanes[0] = (lanes[0] ^ word).wrapping_mul(K1).rotate_left(31);
        lanes[1] = (lanes[1] ^ word).wrapping_mul(K2).rotate_left(29);
    };
    for part in parts {
        // A missing part differs from an empty one; the length delimits.
        let bytes = part.unwrap_or("").as_bytes();
        mix(if part.is_some() {
            bytes.len() as u64
        } else {
            u64::MAX
        });
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            mix(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        mix(u64::from_le_bytes(tail));
    }
    let finish = |h: u64| {
        let h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    };
    format!("{:016x}{:016x}", finish(lanes[0]), finish(lanes[1]))
}

/// An open event database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The FTS5 index over mention sentences exists (schema version 2 on).
    sentence_index: bool,
    /// Events carry their place (schema version 5 on).
    event_places: bool,
    /// Parsed records by mention id, for merging. A mention's record never
    /// changes and ids are never reused, so entries never go stale.
    records: ingest::RecordCache,
}

/// How long a connection waits for another writer before giving up: an
/// ingest commits a batch in well under this.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

impl Store {
    /// Opens (creating if needed) the database at `path` and upgrades its
    /// schema to [`SCHEMA_VERSION`]. A database written by a newer Warta is
    /// refused.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_at_version(path, SCHEMA_VERSION)
    }

    /// Opens the database, upgrading it to `version` at most (tests build
    /// old databases with it).
    pub(crate) fn open_at_version(path: &Path, version: usize) -> Result<Store> {
        let mut store = Store::connect(path, OpenFlags::default())?;
        schema::migrate(&mut store.conn, version).map_err(|e| store.fail(e))?;
        store.sentence_index =
            schema::has_sentence_index(&store.conn).map_err(|e| store.fail(e))?;
        store.event_places = version >= 5;
        if version >= 4 {
            store.claim_merge_rules_if_empty()?;
        }
        Ok(store)
    }

    /// Opens an existing database for queries only. It must already be at
    /// the current schema version (open it once with [`Store::open`] to
    /// upgrade it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        // Readers map the file instead of copying pages through read(2): on
        // the 100,000-event load set this halves a filtered query's time.
        store
            .conn
            .execute_batch("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -32768;")
            .map_err(|e| store.fail(e))?;
        let version = schema::version(&store.conn).map_err(|e| store.fail(e))?;
        if version != SCHEMA_VERSION {
            return Err(store.fail(schema::version_mismatch(version)));
        }
        let sentence_index = schema::has_sentence_index(&store.conn).map_err(|e| store.fail(e))?;
        Ok(Store {
            sentence_index,
            event_places: true,
            ..store
        })
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store> {
        let fail = |reason: String| StoreError {
            path: path.to_path_buf(),
            reason,
        };
        let read_only = flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY);
        if read_only && !path.exists() {
            return Err(fail("no such database".into()));
        }
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
        } else {
            flags
        };
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| fail(format!("cannot open database: {e}")))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            sentence_index: false,
            event_places: false,
            records: ingest::RecordCache::default(),
        };
        store.configure(read_only).map_err(|e| store.fail(e))?;
        Ok(store)
    }

    fn configure(&self, read_only: bool) -> std::result::Result<(), String> {
        let not_sqlite = |e: rusqlite::Error| format!("not a Warta database ({e})");
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(not_sqlite)?;
        self.conn.set_prepared_statement_cache_capacity(64);
        // Plans that never depend on bound values: without this, SQLite
        // re-prepares cached statements on each new binding (measured: a
        // tenth of ingest time).
        self.conn
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
                true,
            )
            .map_err(not_sqlite)?;
        if !read_only {
            // WAL lets readers query while an ingest writes; NORMAL sync is
            // durable at each checkpoint and never corrupts on a crash.
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
                .map_err(not_sqlite)?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(format!("cannot switch to WAL journal (got {mode})"));
            }
            // A larger WAL between checkpoints: pages rewritten by several
            // batches are copied to the database once.
            self.conn
                .execute_batch(
                    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                     PRAGMA wal_autocheckpoint = 8192;",
                )
                .map_err(not_sqlite)?;
        }
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<usize> {
        schema::version(&self.conn).map_err(|e| self.fail(e))
    }

    pub(crate) fn fail(&self, reason: impl fmt::Display) -> StoreError {
        StoreError {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_separates_parts_and_is_stable() {
        let a = content_hash(&[Some("ab"), Some("c")]);
        assert_eq!(a, content_hash(&[Some("ab"), Some("c")]));
        assert_ne!(a, content_hash(&[Some("a"), Some("bc")]));
        assert_ne!(
            content_hash(&[Some(""), None]),
            content_hash(&[None, Some("")])
        );
        assert_ne!(
            content_hash(&[Some("12345678x")]),
            content_hash(&[Some("12345678y")])
        );
        assert_eq!(a.len(), 32);
    }
}
