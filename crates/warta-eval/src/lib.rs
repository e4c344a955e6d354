//! Eval: load a gold file (`gold/README.md` describes the format), code the
//! documents it names, match predicted to gold events (type and actor and
//! recipient countries; compound actors may split) and report precision,
//! recall, F1 and the accuracy of mode, date, location and dead count on
//! matched events, overall and per type.

pub mod merge;
pub mod plover_gsr;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use warta_code::{Coder, Document};
use warta_read::{read_inputs, ReadOptions};
use warta_record::EventRecord;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    pub format: String,
    pub documents: Vec<GoldDocument>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    pub doc_id: String,
    pub source: String,
    #[serde(default)]
    pub article_id: Option<String>,
    #[serde(default)]
    pub publication_date: Option<String>,
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    pub event_type: String,
    pub mode: Option<String>,
    #[serde(default)]
    pub actor: Vec<String>,
    #[serde(default)]
    pub recipient: Vec<String>,
    pub date: Option<String>,
    pub location: Option<String>,
    pub dead: Option<u64>,
    /// Character offsets of the evidence in the document's text as read.
    #[serde(default)]
    pub evidence: Option<[usize; 2]>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Counts for one slice of the evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    /// Predicted events that match a gold event.
    pub correct_predicted: usize,
    /// Gold events matched by at least one prediction.
    pub found_gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct_predicted, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found_gold, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Right / scored counts for one attribute on matched pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Accuracy {
    pub right: usize,
    pub scored: usize,
}

impl Accuracy {
    fn add(&mut self, right: bool) {
        self.scored += 1;
        self.right += usize::from(right);
    }
    pub fn value(&self) -> f64 {
        ratio(self.right, self.scored)
    }
}

/// The evaluation's result.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: usize,
    pub overall: Score,
    pub by_type: BTreeMap<String, Score>,
    pub mode: Accuracy,
    pub date: Accuracy,
    pub location: Accuracy,
    pub dead: Accuracy,
    /// Per document: (doc_id, missed gold evidence, spurious predicted triggers).
    pub errors: Vec<(String, Vec<String>, Vec<String>)>,
    /// Documents that could not be read.
    pub unreadable: Vec<String>,
    /// Matched events whose date, location or dead count disagree.
    pub attribute_errors: Vec<String>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Loads a gold file.
pub fn load_gold(path: &Path) -> Result<GoldFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let gold: GoldFile =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if gold.format != "warta-gold/1" {
        return Err(format!(
            "{}: unknown format {:?} (expected warta-gold/1)",
            path.display(),
            gold.format
        ));
    }
    Ok(gold)
}

/// Reads the document a gold entry names.
pub fn gold_document(base: &Path, entry: &GoldDocument) -> Result<Document, String> {
    let path: PathBuf = base.join(&entry.source);
    for item in read_inputs(std::slice::from_ref(&path), &ReadOptions::default()) {
        let raw = item.map_err(|e| e.to_string())?;
        let wanted = entry.article_id.as_deref().unwrap_or(&entry.doc_id);
        if entry.article_id.is_none() || raw.doc_id == wanted {
            // The gold file's id names the document, whatever the input calls it.
            return Ok(Document {
                doc_id: entry.doc_id.clone(),
                ..Document::from(raw)
            });
        }
    }
    Err(format!("{}: no document {}", path.display(), entry.doc_id))
}

/// Codes every gold document and scores the result.
pub fn evaluate(coder: &Coder, gold: &GoldFile, base: &Path) -> Report {
    let mut report = Report::default();
    for entry in &gold.documents {
        let document = match gold_document(base, entry) {
            Ok(d) => d,
            Err(e) => {
                report.unreadable.push(e);
                continue;
            }
        };
        let coded = coder.code(&document);
        report.documents += 1;
        score_document(entry, &document.text, &coded.records, &mut report);
    }
    report
}

/// Whether a predicted event matches a gold event (see `gold/README.md`).
pub fn matches(predicted: &EventRecord, gold: &GoldEvent) -> bool {
    if predicted.event_type != gold.event_type {
        return false;
    }
    let actors = predicted.actor_countries();
    let recipients = predicted.recipient_countries();
    let consult = gold.event_type == "CONSULT";
    let parties: Vec<&str> = gold
        .actor
        .iter()
        .chain(&gold.recipient)
        .map(String::as_str)
        .collect();
    let actor_pool: Vec<&str> = if consult {
        parties.clone()
    } else {
        gold.actor.iter().map(String::as_str).collect()
    };
    let recipient_pool: Vec<&str> = if consult {
        parties
    } else {
        gold.recipient.iter().map(String::as_str).collect()
    };
    !actors.is_empty()
        && actors.iter().all(|a| actor_pool.contains(a))
        && recipients.iter().all(|r| recipient_pool.contains(r))
}

fn score_document(
    entry: &GoldDocument,
    text: &str,
    predicted: &[EventRecord],
    report: &mut Report,
) {
    let mut gold_found = vec![false; entry.events.len()];
    let mut spurious = Vec::new();
    for p in predicted {
        let slot = report.by_type.entry(p.event_type.clone()).or_default();
        slot.predicted += 1;
        report.overall.predicted += 1;
        let best = entry
            .events
            .iter()
            .enumerate()
            .filter(|(_, g)| matches(p, g))
            .min_by_key(|(i, g)| {
                // Prefer an unmatched gold event, then one on the same date.
                (gold_found[*i], p.date != g.date)
            });
        match best {
            Some((i, g)) => {
                report.overall.correct_predicted += 1;
                report
                    .by_type
                    .entry(p.event_type.clone())
                    .or_default()
                    .correct_predicted += 1;
                if !gold_found[i] {
                    score_attributes(p, g, report);
                }
                gold_found[i] = true;
            }
            None => spurious.push(format!(
                "{} {} <- {:?} [{}]",
                p.event_type,
                p.actor_countries().join("+"),
                p.trigger,
                p.rule
            )),
        }
    }
    let mut missed = Vec::new();
    for (g, found) in entry.events.iter().zip(&gold_found) {
        let slot = report.by_type.entry(g.event_type.clone()).or_default();
        slot.gold += 1;
        report.overall.gold += 1;
        if *found {
            slot.found_gold += 1;
            report.overall.found_gold += 1;
        } else {
            missed.push(format!(
                "{} {}->{} {:?}",
                g.event_type,
                g.actor.join("+"),
                g.recipient.join("+"),
                evidence(text, g.evidence)
            ));
        }
    }
    if !missed.is_empty() || !spurious.is_empty() {
        report.errors.push((entry.doc_id.clone(), missed, spurious));
    }
}

/// The words at `[start, end)` (character offsets) of `text`.
fn evidence(text: &str, span: Option<[usize; 2]>) -> String {
    match span {
        Some([start, end]) => text
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect(),
        None => String::new(),
    }
}

fn score_attributes(p: &EventRecord, g: &GoldEvent, report: &mut Report) {
    let mode_right = g.mode == p.mode || g.mode.as_ref().is_some_and(|m| p.modes.contains(m));
    report.mode.add(mode_right);
    report.date.add(g.date == p.date);
    let mut wrong = Vec::new();
    if g.date != p.date {
        wrong.push(format!(
            "date {:?} != gold {:?} ({})",
            p.date, g.date, p.date_source
        ));
    }
    if g.location.is_some() || p.location.is_some() {
        let predicted = p.location.as_ref().and_then(|l| l.country.clone());
        if predicted != g.location {
            wrong.push(format!("location {predicted:?} != gold {:?}", g.location));
        }
        report.location.add(predicted == g.location);
    }
    if g.dead.is_some() || p.size.dead.is_some() {
        if g.dead != p.size.dead {
            wrong.push(format!("dead {:?} != gold {:?}", p.size.dead, g.dead));
        }
        report.dead.add(g.dead == p.size.dead);
    }
    if !wrong.is_empty() {
        report.attribute_errors.push(format!(
            "{} {} {:?}: {}",
            p.doc_id,
            p.event_type,
            p.trigger,
            wrong.join("; ")
        ));
    }
}

impl Report {
    /// The report as a readable table.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        let o = &self.overall;
        let _ = writeln!(
            out,
            "documents {}  gold events {}  predicted {}",
            self.documents, o.gold, o.predicted
        );
        let _ = writeln!(
            out,
            "precision {:.3}  recall {:.3}  F1 {:.3}",
            o.precision(),
            o.recall(),
            o.f1()
        );
        let _ = writeln!(
            out,
            "on matched events: mode {:.3} ({}/{})  date {:.3} ({}/{})  location {:.3} ({}/{})  dead {:.3} ({}/{})",
            self.mode.value(), self.mode.right, self.mode.scored,
            self.date.value(), self.date.right, self.date.scored,
            self.location.value(), self.location.right, self.location.scored,
            self.dead.value(), self.dead.right, self.dead.scored,
        );
        let _ = writeln!(
            out,
            "\n{:<10} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "P", "R", "F1"
        );
        for (t, s) in &self.by_type {
            let _ = writeln!(
                out,
                "{:<10} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                t,
                s.gold,
                s.predicted,
                s.precision(),
                s.recall(),
                s.f1()
            );
        }
        for e in &self.unreadable {
            let _ = writeln!(out, "unreadable: {e}");
        }
        if verbose {
            for line in &self.attribute_errors {
                let _ = writeln!(out, "attribute {line}");
            }
            for (doc, missed, spurious) in &self.errors {
                let _ = writeln!(out, "\n== {doc}");
                for m in missed {
                    let _ = writeln!(out, "  missed   {m}");
                }
                for s in spurious {
                    let _ = writeln!(out, "  spurious {s}");
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use warta_record::{Entity, Size};

    fn entity(country: &str) -> Entity {
        Entity {
            text: country.into(),
            name: None,
            country: Some(country.into()),
            sector: None,
        }
    }

    /// A predicted record of a type between countries (shared by the
    /// scorers' tests).
    pub(crate) fn record(t: &str, actors: &[&str], recipients: &[&str]) -> EventRecord {
        EventRecord {
            id: String::new(),
            doc_id: "d".into(),
            language: "id".into(),
            event_type: t.into(),
            mode: None,
            modes: vec![],
            context: vec![],
            cameo: "040".into(),
            quad_class: 1,
            intensity: 1.0,
            actor: actors.iter().map(|c| entity(c)).collect(),
            recipient: recipients.iter().map(|c| entity(c)).collect(),
            date: None,
            date_precision: None,
            date_source: "publication".into(),
            background: false,
            location: None,
            size: Size::default(),
            quote: None,
            sentence_index: 0,
            sentence: String::new(),
            span: [0, 0],
            trigger: String::new(),
            rule: String::new(),
            confidence: 1.0,
        }
    }

    fn gold(t: &str, actors: &[&str], recipients: &[&str]) -> GoldEvent {
        GoldEvent {
            event_type: t.into(),
            mode: None,
            actor: actors.iter().map(|s| s.to_string()).collect(),
            recipient: recipients.iter().map(|s| s.to_string()).collect(),
            date: None,
            location: None,
            dead: None,
            evidence: None,
            note: None,
        }
    }

    #[test]
    fn compound_actors_may_split_and_consult_parties_pool() {
        let g = gold("AID", &["USA", "GBR", "FRA"], &["ISR"]);
        assert!(matches(&record("AID", &["USA"], &["ISR"]), &g));
        assert!(matches(&record("AID", &["USA", "GBR"], &[]), &g));
        assert!(!matches(&record("AID", &["ISR"], &["USA"]), &g));
        let call = gold("CONSULT", &["RUS"], &["IRN"]);
        assert!(matches(&record("CONSULT", &["RUS", "IRN"], &[]), &call));
        assert!(!matches(&record("REQUEST", &["RUS"], &["IRN"]), &call));
    }

    #[test]
    fn split_predictions_count_once_for_recall() {
        let entry = GoldDocument {
            doc_id: "d".into(),
            source: String::new(),
            article_id: None,
            publication_date: None,
            events: vec![gold("AID", &["USA", "GBR"], &["ISR"])],
        };
        let mut report = Report::default();
        score_document(
            &entry,
            "",
            &[
                record("AID", &["USA"], &["ISR"]),
                record("AID", &["GBR"], &["ISR"]),
                record("ASSAULT", &["ISR"], &[]),
            ],
            &mut report,
        );
        assert_eq!(report.overall.found_gold, 1);
        assert_eq!(report.overall.correct_predicted, 2);
        assert_eq!(report.overall.predicted, 3);
        assert!((report.overall.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((report.overall.recall() - 1.0).abs() < 1e-9);
    }
}
