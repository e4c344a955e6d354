//! Record: the event record that `warta code` prints, exactly as
//! `shared/spec/event-record.md` defines it, the stable record id, and the
//! JSON Lines and CSV writers. Every later stage (store, explorer, eval)
//! consumes these types, so fields are only ever added, never renamed.

mod csv;
mod id;

pub use csv::{csv_header, write_csv_row};
pub use id::record_id;

use serde::{Deserialize, Serialize};

/// One coded event, as printed (one JSON object per line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub doc_id: String,
    pub language: String,
    pub event_type: String,
    pub mode: Option<String>,
    /// Present when several modes apply (a salvo of drones and missiles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<String>,
    pub context: Vec<String>,
    pub cameo: String,
    pub quad_class: u8,
    pub intensity: f64,
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub date_source: String,
    /// The act lies well before the report (its date, from the text, ends
    /// more than 30 days before publication): background the article
    /// recalls ("Bom Bali 2002"), not news. Printed only when true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub background: bool,
    pub location: Option<Location>,
    pub size: Size,
    pub quote: Option<Quote>,
    pub sentence_index: usize,
    pub sentence: String,
    pub span: [usize; 2],
    pub trigger: String,
    pub rule: String,
    pub confidence: f64,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// An actor or recipient as written and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    pub dead: Option<u64>,
    pub injured: Option<u64>,
    pub arrested: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub speaker: Option<String>,
    pub text: String,
}

impl EventRecord {
    /// The record as one line of JSON (no trailing newline).
    pub fn to_json_line(&self) -> String {
        // Serialising plain owned data into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Countries of the actors, in order, without repeats.
    pub fn actor_countries(&self) -> Vec<&str> {
        countries(&self.actor)
    }

    /// Countries of the recipients, in order, without repeats.
    pub fn recipient_countries(&self) -> Vec<&str> {
        countries(&self.recipient)
    }
}

fn countries(entities: &[Entity]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for code in entities.iter().filter_map(|e| e.country.as_deref()) {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}
