//! CSV output: the record flattened, lists joined with semicolons.

use crate::{Entity, EventRecord};

const COLUMNS: &[&str] = &[
    "id",
    "doc_id",
    "language",
    "event_type",
    "mode",
    "modes",
    "context",
    "cameo",
    "quad_class",
    "intensity",
    "actor_texts",
    "actor_names",
    "actor_countries",
    "actor_sectors",
    "recipient_texts",
    "recipient_names",
    "recipient_countries",
    "recipient_sectors",
    "date",
    "date_precision",
    "date_source",
    "location_text",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "dead",
    "injured",
    "arrested",
    "quote_speaker",
    "quote_text",
    "sentence_index",
    "sentence",
    "span_start",
    "span_end",
    "trigger",
    "rule",
    "confidence",
];

/// The header line (with newline).
pub fn csv_header() -> String {
    let mut line = COLUMNS.join(",");
    line.push('\n');
    line
}

/// One record as a CSV line (with newline), RFC 4180 quoting.
pub fn write_csv_row(record: &EventRecord, out: &mut String) {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let num = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    let location = record.location.as_ref();
    let fields: Vec<String> = vec![
        record.id.clone(),
        record.doc_id.clone(),
        record.language.clone(),
        record.event_type.clone(),
        opt(&record.mode),
        record.modes.join(";"),
        record.context.join(";"),
        record.cameo.clone(),
        record.quad_class.to_string(),
        record.intensity.to_string(),
        join(&record.actor, |e| Some(e.text.clone())),
        join(&record.actor, |e| e.name.clone()),
        join(&record.actor, |e| e.country.clone()),
        join(&record.actor, |e| e.sector.clone()),
        join(&record.recipient, |e| Some(e.text.clone())),
        join(&record.recipient, |e| e.name.clone()),
        join(&record.recipient, |e| e.country.clone()),
        join(&record.recipient, |e| e.sector.clone()),
        opt(&record.date),
        opt(&record.date_precision),
        record.date_source.clone(),
        location.map(|l| l.text.clone()).unwrap_or_default(),
        location.and_then(|l| l.name.clone()).unwrap_or_default(),
        location.and_then(|l| l.country.clone()).unwrap_or_default(),
        location
            .and_then(|l| l.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        location
            .and_then(|l| l.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        num(record.size.dead),
        num(record.size.injured),
        num(record.size.arrested),
        record
            .quote
            .as_ref()
            .and_then(|q| q.speaker.clone())
            .unwrap_or_default(),
        record
            .quote
            .as_ref()
            .map(|q| q.text.clone())
            .unwrap_or_default(),
        record.sentence_index.to_string(),
        record.sentence.clone(),
        record.span[0].to_string(),
        record.span[1].to_string(),
        record.trigger.clone(),
        record.rule.clone(),
        record.confidence.to_string(),
    ];
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(field, out);
    }
    out.push('\n');
}

/// Entities' values joined with `;`; a missing value stays an empty slot so
/// the lists line up across columns.
fn join(entities: &[Entity], value: impl Fn(&Entity) -> Option<String>) -> String {
    entities
        .iter()
        .map(|e| value(e).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(";")
}

fn push_field(field: &str, out: &mut String) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fields_with_commas_and_quotes() {
        let mut out = String::new();
        push_field("a \"b\", c", &mut out);
        assert_eq!(out, "\"a \"\"b\"\", c\"");
    }

    #[test]
    fn header_and_row_have_same_width() {
        assert_eq!(csv_header().trim_end().split(',').count(), COLUMNS.len());
    }
}
