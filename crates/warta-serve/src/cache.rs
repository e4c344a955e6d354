//! Answers of the listing endpoints kept in memory, keyed by endpoint and
//! canonical query, and valid while the store's data is unchanged (its
//! generation, read on every request). The page's opening requests over a
//! large store (timeline, dyads, actors, map) scan every event; answered
//! again from here they cost a lookup. Start-up warms the cache with them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use warta_store::Store;

use crate::api::ApiError;

/// The store's generation: the largest mention, event and document ids.
pub(crate) type Generation = (i64, i64, i64);

/// Bytes of answers kept at most; past this the cache starts over, so
/// memory stays bounded whatever the visitors ask.
const MAX_TOTAL_BYTES: usize = 64 << 20;
/// Answers larger than this are not kept (a page of 500 events).
const MAX_BODY_BYTES: usize = 4 << 20;

/// Answers by key, each with the generation it was computed at.
type Entries = HashMap<String, (Generation, Arc<Vec<u8>>)>;

#[derive(Default)]
pub(crate) struct AnswerCache {
    entries: Mutex<(Entries, usize)>,
}

/// The key of an answer: the endpoint and its parameters in name order.
pub(crate) fn key(endpoint: &str, params: &BTreeMap<String, String>) -> String {
    let mut key = endpoint.to_owned();
    for (name, value) in params {
        key.push('\u{0}');
        key.push_str(name);
        key.push('=');
        key.push_str(value);
    }
    key
}

impl AnswerCache {
    /// The cached answer for `key` if the store is unchanged since it was
    /// computed, else `compute`'s, kept for next time.
    pub(crate) fn answer(
        &self,
        store: &Store,
        key: String,
        compute: impl FnOnce(&Store) -> Result<Vec<u8>, ApiError>,
    ) -> Result<Vec<u8>, ApiError> {
        let generation = store.generation().map_err(ApiError::store)?;
        if let Some((held, body)) = self.lock().0.get(&key) {
            if *held == generation {
                return Ok(body.as_ref().clone());
            }
        }
        let body = compute(store)?;
        if body.len() <= MAX_BODY_BYTES {
            let mut guard = self.lock();
            let (entries, total) = &mut *guard;
            if *total + body.len() > MAX_TOTAL_BYTES {
                entries.clear();
                *total = 0;
            }
            *total += body.len();
            if let Some((_, old)) = entries.insert(key, (generation, Arc::new(body.clone()))) {
                *total -= old.len();
            }
        }
        Ok(body)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Entries, usize)> {
        // A panic while holding the lock leaves a map that is still whole.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_canonical() {
        let mut a = BTreeMap::new();
        a.insert("type".to_owned(), "CONSULT".to_owned());
        a.insert("actor".to_owned(), "RUS".to_owned());
        let mut b = BTreeMap::new();
        b.insert("actor".to_owned(), "RUS".to_owned());
        b.insert("type".to_owned(), "CONSULT".to_owned());
        assert_eq!(key("dyads", &a), key("dyads", &b));
        assert_ne!(key("dyads", &a), key("actors", &a));
        assert_ne!(key("dyads", &a), key("dyads", &BTreeMap::new()));
    }

    #[test]
    fn an_answer_is_reused_until_the_store_changes() {
        let dir = std::env::temp_dir().join(format!("warta-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("cache.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open_read_only(&path).unwrap();
        let cache = AnswerCache::default();
        let mut computed = 0;
        for _ in 0..3 {
            let body = cache
                .answer(&store, "stats".into(), |_| {
                    computed += 1;
                    Ok(b"{}".to_vec())
                })
                .unwrap();
            assert_eq!(body, b"{}");
        }
        assert_eq!((computed, cache.len()), (1, 1));
        // A write from another connection changes the generation.
        let mut writer = Store::open(&path).unwrap();
        writer
            .ingest(
                &[warta_store::DocumentInput {
                    doc_id: "d".into(),
                    content_hash: "h".into(),
                    source: None,
                    title: None,
                    url: None,
                    publication_date: None,
                    language: None,
                    text: "teks".into(),
                    records: vec![],
                }],
                "test",
                &warta_store::People::default(),
            )
            .unwrap();
        cache
            .answer(&store, "stats".into(), |_| {
                computed += 1;
                Ok(b"{\"documents\":1}".to_vec())
            })
            .unwrap();
        assert_eq!(computed, 2, "recomputed after the store changed");
        // Memory stays bounded: past the byte limit the cache starts over.
        let big = vec![b' '; MAX_BODY_BYTES];
        for i in 0..(MAX_TOTAL_BYTES / MAX_BODY_BYTES + 3) {
            cache
                .answer(&store, format!("big{i}"), |_| Ok(big.clone()))
                .unwrap();
        }
        assert!(cache.lock().1 <= MAX_TOTAL_BYTES);
        assert!(cache.len() <= MAX_TOTAL_BYTES / MAX_BODY_BYTES);
    }
}
