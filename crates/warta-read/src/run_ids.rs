//! The document ids of one run. A corpus may hold one article twice (the
//! IndoSum folds overlap), or two different articles may claim one id (two
//! versions of a page, two feeds numbering rows alike). The first is read
//! once; the second is an error that names both, never a silent choice.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::RawDocument;

/// What a document's id says against the documents read before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// The first document with this id.
    First,
    /// The same id and the same content as `first`: a repeat to skip.
    Repeat { first: String },
    /// The same id as `first` with other content: a conflict.
    Conflict { first: String },
}

/// The id, content fingerprint and origin of every document read so far.
#[derive(Debug, Default)]
pub struct RunIds {
    seen: HashMap<String, (u64, Box<str>)>,
}

impl RunIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `doc` and says whether its id was seen before in this run.
    pub fn check(&mut self, doc: &RawDocument) -> Seen {
        self.check_fingerprint(doc, fingerprint(doc))
    }

    /// `check`, for a caller that has already hashed the document's content
    /// (the store's content hash): the text is not hashed again.
    pub fn check_hashed(&mut self, doc: &RawDocument, content_hash: &str) -> Seen {
        let mut hasher = DefaultHasher::new();
        content_hash.hash(&mut hasher);
        self.check_fingerprint(doc, hasher.finish())
    }

    fn check_fingerprint(&mut self, doc: &RawDocument, fingerprint: u64) -> Seen {
        match self.seen.get(&doc.doc_id) {
            None => {
                self.seen.insert(
                    doc.doc_id.clone(),
                    (fingerprint, doc.origin.as_str().into()),
                );
                Seen::First
            }
            Some((known, first)) if *known == fingerprint => Seen::Repeat {
                first: first.to_string(),
            },
            Some((_, first)) => Seen::Conflict {
                first: first.to_string(),
            },
        }
    }
}

/// What to say of `doc` when its id is `first`'s, with other content.
pub fn conflict_reason(doc: &RawDocument, first: &str) -> String {
    format!(
        "document id '{}' is also {first}'s, with other content; skipped (give one of them \
         another id)",
        doc.doc_id
    )
}

/// The content that makes two documents one: text and metadata, not where
/// they were read from.
fn fingerprint(doc: &RawDocument) -> u64 {
    let mut hasher = DefaultHasher::new();
    (
        &doc.text,
        &doc.title,
        &doc.date,
        &doc.url,
        &doc.source,
        &doc.language,
    )
        .hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, origin: &str, text: &str) -> RawDocument {
        RawDocument {
            doc_id: id.into(),
            origin: origin.into(),
            text: text.into(),
            ..RawDocument::default()
        }
    }

    #[test]
    fn a_repeat_is_told_from_a_conflict() {
        let mut ids = RunIds::new();
        assert_eq!(ids.check(&doc("a", "dev.01.jsonl:3", "Teks.")), Seen::First);
        assert_eq!(ids.check(&doc("b", "dev.01.jsonl:4", "Teks.")), Seen::First);
        assert_eq!(
            ids.check(&doc("a", "dev.04.jsonl:9", "Teks.")),
            Seen::Repeat {
                first: "dev.01.jsonl:3".into()
            }
        );
        assert_eq!(
            ids.check(&doc("a", "dev.02.jsonl:1", "Teks yang diperbarui.")),
            Seen::Conflict {
                first: "dev.01.jsonl:3".into()
            }
        );
        // With the caller's own content hash.
        let mut hashed = RunIds::new();
        assert_eq!(
            hashed.check_hashed(&doc("c", "f:1", "x"), "h1"),
            Seen::First
        );
        assert!(matches!(
            hashed.check_hashed(&doc("c", "f:2", "x"), "h1"),
            Seen::Repeat { .. }
        ));
        assert!(matches!(
            hashed.check_hashed(&doc("c", "f:3", "y"), "h2"),
            Seen::Conflict { .. }
        ));
        let mut dated = doc("a", "x", "Teks.");
        dated.date = Some("2017-06-02".into());
        assert!(matches!(ids.check(&dated), Seen::Conflict { .. }));
    }
}
