//! Where a mention's trigger, parties and place are in its sentence, in
//! characters (Unicode scalar values), so the page can mark them without
//! searching. A party named in an earlier sentence (the record keeps its
//! name where a pronoun stands) has no mark.

use serde::Serialize;
use warta_record::EventRecord;

/// One marked stretch: characters `start..end` of the sentence (or of the
/// document, for document spans).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
    /// `trigger`, `actor`, `recipient` or `place`.
    pub kind: &'static str,
}

/// Character offsets of every occurrence of `needle` in `haystack`.
fn occurrences(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let length = needle.chars().count();
    let mut found = Vec::new();
    let mut chars_before = 0;
    let mut bytes_counted = 0;
    for (byte, _) in haystack.match_indices(needle) {
        chars_before += haystack[bytes_counted..byte].chars().count();
        bytes_counted = byte;
        found.push((chars_before, chars_before + length));
    }
    found
}

/// The trigger's place in the sentence: from the record's document span
/// when the sentence's start in the document is known and consistent,
/// else the first occurrence of the trigger's words.
fn trigger_in_sentence(
    record: &EventRecord,
    sentence: &str,
    sentence_start: Option<usize>,
) -> Option<(usize, usize)> {
    let length = sentence.chars().count();
    let [start, end] = record.span;
    if let Some(offset) = sentence_start {
        if offset <= start && start <= end && end - offset <= length {
            return Some((start - offset, end - offset));
        }
    }
    occurrences(sentence, &record.trigger).into_iter().next()
}

/// Marks for one mention's sentence. `sentence_start` is where the sentence
/// begins in its document's text, when known.
pub fn sentence_highlights(
    record: &EventRecord,
    sentence: &str,
    sentence_start: Option<usize>,
) -> Vec<Highlight> {
    let trigger = trigger_in_sentence(record, sentence, sentence_start);
    let mut marks: Vec<Highlight> = Vec::new();
    if let Some((start, end)) = trigger {
        marks.push(Highlight {
            start,
            end,
            kind: "trigger",
        });
    }
    // The occurrence nearest the trigger: "Iran" twice in one sentence is
    // most likely the party where it stands next to the verb.
    let distance = |(start, end): (usize, usize)| match trigger {
        Some((t_start, _)) if end <= t_start => t_start - end,
        Some((_, t_end)) if start >= t_end => start - t_end,
        Some(_) => 0,
        None => start,
    };
    let parties = record
        .actor
        .iter()
        .map(|e| (e.text.as_str(), "actor"))
        .chain(
            record
                .recipient
                .iter()
                .map(|e| (e.text.as_str(), "recipient")),
        )
        .chain(record.location.iter().map(|l| (l.text.as_str(), "place")));
    for (text, kind) in parties {
        let nearest = occurrences(sentence, text.trim())
            .into_iter()
            .min_by_key(|&span| (distance(span), span.0));
        if let Some((start, end)) = nearest {
            marks.push(Highlight { start, end, kind });
        }
    }
    marks.sort();
    marks.dedup();
    marks
}

/// A marked stretch of a document's text, and the event it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DocumentSpan {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub event_id: String,
}

/// Marks for a whole document: each mention's sentence marks moved to
/// where the sentence stands in `text`. When the sentence cannot be placed
/// (`None`, or a place inconsistent with the trigger's span), only the
/// trigger is marked, at the record's own span.
pub fn document_spans(
    text: &str,
    mentions: &[(String, EventRecord, Option<usize>)],
) -> Vec<DocumentSpan> {
    let text_length = text.chars().count();
    let mut spans = Vec::new();
    for (event_id, record, sentence_start) in mentions {
        let [start, end] = record.span;
        let sentence_length = record.sentence.chars().count();
        let placed = sentence_start
            .filter(|&s| s <= start && start <= end && end <= s + sentence_length)
            .filter(|&s| s + sentence_length <= text_length);
        let marks: Vec<Highlight> = match placed {
            Some(offset) => sentence_highlights(record, &record.sentence, Some(offset))
                .into_iter()
                .map(|m| Highlight {
                    start: m.start + offset,
                    end: m.end + offset,
                    kind: m.kind,
                })
                .collect(),
            None if start <= end && end <= text_length => vec![Highlight {
                start,
                end,
                kind: "trigger",
            }],
            None => Vec::new(),
        };
        spans.extend(marks.into_iter().map(|m| DocumentSpan {
            start: m.start,
            end: m.end,
            kind: m.kind,
            event_id: event_id.clone(),
        }));
    }
    spans.sort();
    spans.dedup();
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_record::{Entity, Location, Size};

    fn entity(text: &str) -> Entity {
        Entity {
            text: text.into(),
            name: None,
            country: None,
            sector: None,
        }
    }

    fn record(sentence: &str, span: [usize; 2], trigger: &str) -> EventRecord {
        EventRecord {
            id: "r".into(),
            doc_id: "d".into(),
            language: "id".into(),
            event_type: "CONSULT".into(),
            mode: None,
            modes: vec![],
            context: vec![],
            cameo: "040".into(),
            quad_class: 1,
            intensity: 1.0,
            actor: vec![entity("Putin")],
            recipient: vec![entity("Iran"), entity("Presiden Mesir")],
            date: None,
            date_precision: None,
            date_source: "publication".into(),
            background: false,
            location: Some(Location {
                text: "Moskow".into(),
                name: None,
                country: None,
                lat: None,
                lon: None,
            }),
            size: Size::default(),
            quote: None,
            sentence_index: 0,
            sentence: sentence.into(),
            span,
            trigger: trigger.into(),
            rule: "id/test".into(),
            confidence: 1.0,
        }
    }

    #[test]
    fn marks_trigger_parties_and_place_in_characters() {
        // "é" and "—" are one character each but several bytes.
        let sentence = "Iran — kata Putin di Moskow — menelepon Iran, bukan Bélgica.";
        let start_in_doc = 100;
        let trigger_at = sentence.find("menelepon").unwrap();
        let trigger_chars = sentence[..trigger_at].chars().count();
        let span = [
            start_in_doc + trigger_chars,
            start_in_doc + trigger_chars + 9,
        ];
        let marks = sentence_highlights(&record(sentence, span, "menelepon"), sentence, Some(100));
        let chars: Vec<char> = sentence.chars().collect();
        let text = |m: &Highlight| chars[m.start..m.end].iter().collect::<String>();
        let shown: Vec<(String, &str)> = marks.iter().map(|m| (text(m), m.kind)).collect();
        assert_eq!(
            shown,
            vec![
                ("Putin".to_owned(), "actor"),
                ("Moskow".to_owned(), "place"),
                ("menelepon".to_owned(), "trigger"),
                ("Iran".to_owned(), "recipient"),
            ]
        );
        // The second "Iran", next to the verb, not the first.
        assert!(marks.iter().any(|m| m.kind == "recipient" && m.start > 30));
    }

    #[test]
    fn without_a_consistent_sentence_start_the_trigger_is_searched() {
        let sentence = "Putin menelepon Iran.";
        for start in [None, Some(5_000), Some(0)] {
            let marks =
                sentence_highlights(&record(sentence, [900, 909], "menelepon"), sentence, start);
            assert!(
                marks.contains(&Highlight {
                    start: 6,
                    end: 15,
                    kind: "trigger"
                }),
                "{start:?}: {marks:?}"
            );
        }
    }

    #[test]
    fn absent_or_empty_texts_give_no_marks() {
        let mut r = record("", [0, 0], "");
        r.actor = vec![entity("")];
        assert!(sentence_highlights(&r, "", None).is_empty());
        assert!(occurrences("abc", "").is_empty());
        assert_eq!(occurrences("ééa ééa", "a"), vec![(2, 3), (6, 7)]);
    }
    #[test]
    fn document_spans_move_sentence_marks_into_the_text() {
        let text = "Kabar. Putin menelepon Iran.";
        let sentence = "Putin menelepon Iran.";
        let mut r = record(sentence, [13, 22], "menelepon");
        r.location = None;
        r.recipient = vec![entity("Iran")];
        let spans = document_spans(text, &[("e1".to_owned(), r.clone(), Some(7))]);
        let shown: Vec<(&str, &str)> = spans
            .iter()
            .map(|s| (&text[s.start..s.end], s.kind))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("Putin", "actor"),
                ("menelepon", "trigger"),
                ("Iran", "recipient")
            ]
        );
        assert!(spans.iter().all(|s| s.event_id == "e1"));
        // A sentence not found: the trigger alone, from the record's span.
        let alone = document_spans(text, &[("e1".to_owned(), r.clone(), None)]);
        assert_eq!(alone.len(), 1);
        assert_eq!(
            (alone[0].start, alone[0].end, alone[0].kind),
            (13, 22, "trigger")
        );
        // A span past the text's end: nothing.
        r.span = [100, 109];
        assert!(document_spans(text, &[("e1".to_owned(), r, None)]).is_empty());
    }
}
