//! PLOVER's own gold-standard records (`../shared/corpus/plover-gsr/`,
//! CC BY-SA, read from there at run time and never copied): 322 English
//! sentences from the CAMEO manual, each hand-coded with one PLOVER event,
//! mode, and source and target countries. Each sentence is coded as a
//! document of its own, and the predictions are scored three ways:
//!
//! - **type only**: a prediction is right when its type is the sentence's;
//! - **type with parties, lenient** as `../shared/tools/score.py`: the type,
//!   and a gold actor and recipient country among the prediction's (either
//!   side for symmetric acts);
//! - **CAMEO root**: the first two digits of the predicted CAMEO code are a
//!   root that `CAMEO2PLOVER-2021.txt` maps to the gold type.
//!
//! The records write countries as CAMEO does: a few codes differ from
//! ISO 3166 (JAP, ITL, VTN are read as JPN, ITA, VNM), and every
//! intergovernmental body is IGO, so Warta's UNO (UN bodies) and EUR (EU
//! bodies) count as IGO when compared.
//!
//! The records use PLOVER 0.5/0.6 names for some types; they are read under
//! today's (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE with that
//! mode, FIGHT → ASSAULT). The header record (`DOCUMENT`) is not an event.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::path::Path;

use serde::Deserialize;
use warta_code::{Coder, Document};
use warta_record::EventRecord;

use crate::Score;

/// The gold records file and the CAMEO table inside the folder.
pub const RECORDS_FILE: &str = "PLOVER_GSR_CAMEO.txt";
pub const CAMEO_TABLE_FILE: &str = "CAMEO2PLOVER-2021.txt";

#[derive(Debug, Deserialize)]
struct RawRecord {
    id: String,
    event: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    mode: Option<String>,
    /// A list of actors, or "" when the record names none.
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    target: serde_json::Value,
}

/// One gold sentence, under today's PLOVER names.
#[derive(Debug, Clone, PartialEq)]
pub struct GsrRecord {
    pub id: String,
    pub text: String,
    pub event_type: String,
    pub mode: Option<String>,
    /// Countries (the first three letters of each actor code).
    pub source: BTreeSet<String>,
    pub target: BTreeSet<String>,
}

/// A PLOVER 0.5/0.6 type and mode under today's names.
pub fn modern_type(event: &str, mode: Option<&str>) -> (String, Option<String>) {
    let mode = mode.filter(|m| !m.trim().is_empty()).map(str::to_owned);
    match event {
        "DEMAND" => ("REQUEST".into(), mode),
        "DISAPPROVE" => ("ACCUSE".into(), Some("disapprove".into())),
        "INVESTIGATE" => ("ACCUSE".into(), Some("investigate".into())),
        "FIGHT" => ("ASSAULT".into(), mode),
        other => (other.into(), mode),
    }
}

/// The countries of a list of actors (`{"code": "ISRGOV", ...}`).
fn countries(actors: &serde_json::Value) -> BTreeSet<String> {
    actors
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("code").and_then(|c| c.as_str()))
        .filter_map(|c| c.get(..3))
        .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()))
        .map(|c| iso_of_cameo(c).to_owned())
        .collect()
}

/// The ISO 3166 code of a CAMEO country code where the two differ.
fn iso_of_cameo(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        other => other,
    }
}

/// A predicted party's country as the gold records write it: every
/// intergovernmental body is IGO.
fn as_gold_writes(country: &str) -> &str {
    match country {
        "UNO" | "EUR" => "IGO",
        other => other,
    }
}

/// Loads the gold sentences from the folder (or the records file itself).
pub fn load_records(path: &Path) -> Result<Vec<GsrRecord>, String> {
    let file = if path.is_dir() {
        path.join(RECORDS_FILE)
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let raw: Vec<RawRecord> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(raw
        .into_iter()
        .filter(|r| r.event != "DOCUMENT")
        .filter_map(|r| {
            let text = r.text.filter(|t| !t.trim().is_empty())?;
            let (event_type, mode) = modern_type(&r.event, r.mode.as_deref());
            Some(GsrRecord {
                id: r.id,
                text,
                event_type,
                mode,
                source: countries(&r.source),
                target: countries(&r.target),
            })
        })
        .collect())
}

/// CAMEO roots (two digits) per PLOVER type, from `CAMEO2PLOVER-2021.txt`
/// lines such as `18: ASSAULT` and `0311: AGREE,  ,   economic # ...`.
pub fn load_cameo_roots(path: &Path) -> Result<HashMap<String, BTreeSet<String>>, String> {
    let file = if path.is_dir() {
        path.join(CAMEO_TABLE_FILE)
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut roots: HashMap<String, BTreeSet<String>> = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.len() < 2 || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let event = rest.split(',').next().unwrap_or("").trim();
        if !event.is_empty() {
            let (event, _) = modern_type(event, None);
            roots.entry(event).or_default().insert(code[..2].to_owned());
        }
    }
    if roots.is_empty() {
        return Err(format!("{}: no CAMEO codes read", file.display()));
    }
    Ok(roots)
}

const SYMMETRIC: [&str; 2] = ["CONSULT", "COOPERATE"];

/// `score.py`'s lenient match: the type, and the parties where gold names them.
pub fn lenient_match(gold: &GsrRecord, predicted: &EventRecord) -> bool {
    if predicted.event_type != gold.event_type {
        return false;
    }
    let actors: BTreeSet<&str> = predicted
        .actor_countries()
        .into_iter()
        .map(as_gold_writes)
        .collect();
    let recipients: BTreeSet<&str> = predicted
        .recipient_countries()
        .into_iter()
        .map(as_gold_writes)
        .collect();
    let symmetric = SYMMETRIC.contains(&gold.event_type.as_str())
        || (gold.event_type == "ASSAULT" && gold.target.is_empty());
    if symmetric {
        let gold_all: BTreeSet<&str> = gold
            .source
            .iter()
            .chain(&gold.target)
            .map(String::as_str)
            .collect();
        let predicted_all: BTreeSet<&str> = actors.union(&recipients).copied().collect();
        let need = gold_all.len().min(2);
        return gold_all.intersection(&predicted_all).count() >= need;
    }
    let actor_ok =
        gold.source.is_empty() || gold.source.iter().any(|c| actors.contains(c.as_str()));
    let recipient_ok =
        gold.target.is_empty() || gold.target.iter().any(|c| recipients.contains(c.as_str()));
    actor_ok && recipient_ok
}

/// The three scores, overall and per gold type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GsrReport {
    pub sentences: usize,
    /// Sentences the coder skipped (language, nothing to code): why, counted.
    pub skipped: BTreeMap<String, usize>,
    pub type_only: Score,
    pub with_parties: Score,
    pub cameo_root: Score,
    /// Per gold type: (type only, with parties).
    pub by_type: BTreeMap<String, (Score, Score)>,
    /// Sentences with no prediction of the right type and parties: the
    /// gold record and what was predicted, one line each.
    pub misses: Vec<String>,
    /// Predictions that match no gold record of their sentence: what was
    /// predicted and the gold record, one line each.
    pub spurious: Vec<String>,
}

/// Scores one sentence's predictions against its gold record.
pub fn score_sentence(
    gold: &GsrRecord,
    predicted: &[EventRecord],
    roots: &HashMap<String, BTreeSet<String>>,
    report: &mut GsrReport,
) {
    report.sentences += 1;
    let gold_roots = roots.get(&gold.event_type);
    let root_ok = |p: &EventRecord| {
        p.cameo
            .get(..2)
            .is_some_and(|r| gold_roots.is_some_and(|g| g.contains(r)))
    };
    let type_ok = |p: &EventRecord| p.event_type == gold.event_type;
    let per_type = report.by_type.entry(gold.event_type.clone()).or_default();
    for (score, ok) in [
        (
            &mut report.type_only,
            &type_ok as &dyn Fn(&EventRecord) -> bool,
        ),
        (&mut report.with_parties, &|p: &EventRecord| {
            lenient_match(gold, p)
        }),
        (&mut report.cameo_root, &root_ok),
        (&mut per_type.0, &type_ok),
        (&mut per_type.1, &|p: &EventRecord| lenient_match(gold, p)),
    ] {
        let right = predicted.iter().filter(|p| ok(p)).count();
        score.gold += 1;
        score.predicted += predicted.len();
        score.correct_predicted += right;
        score.found_gold += usize::from(right > 0);
    }
    let describe = |p: &EventRecord| {
        format!(
            "{} {:?}->{:?} [{}]",
            p.event_type,
            p.actor_countries(),
            p.recipient_countries(),
            p.rule
        )
    };
    for p in predicted.iter().filter(|p| !lenient_match(gold, p)) {
        report.spurious.push(format!(
            "{} {} | gold {} {:?}->{:?} | {}",
            gold.id,
            describe(p),
            gold.event_type,
            gold.source,
            gold.target,
            gold.text
        ));
    }
    if !predicted.iter().any(|p| lenient_match(gold, p)) {
        let got: Vec<String> = predicted.iter().map(describe).collect();
        report.misses.push(format!(
            "{} {} {:?}->{:?} | got [{}] | {}",
            gold.id,
            gold.event_type,
            gold.source,
            gold.target,
            got.join("; "),
            gold.text
        ));
    }
}

/// Codes every gold sentence (as English, with the records' placeholder
/// date) and scores the predictions.
pub fn evaluate_gsr(
    coder: &Coder,
    records: &[GsrRecord],
    roots: &HashMap<String, BTreeSet<String>>,
) -> GsrReport {
    let mut report = GsrReport::default();
    for gold in records {
        let document = Document {
            doc_id: gold.id.clone(),
            text: gold.text.clone(),
            title: None,
            date: Some("2000-01-01".into()),
            source: None,
            url: None,
            language: Some("en".into()),
        };
        let coded = coder.code(&document);
        if let Some(skipped) = &coded.skipped {
            *report.skipped.entry(skipped.reason.clone()).or_default() += 1;
        }
        score_sentence(gold, &coded.records, roots, &mut report);
    }
    report
}

impl GsrReport {
    /// The report, and with `verbose` every missed sentence.
    pub fn render_verbose(&self, verbose: bool) -> String {
        let mut out = self.render();
        if verbose {
            let _ = writeln!(out, "\nmissed ({}):", self.misses.len());
            for line in &self.misses {
                let _ = writeln!(out, "  {line}");
            }
            let _ = writeln!(
                out,
                "\nspurious (predictions matching no gold record of their sentence, {}):",
                self.spurious.len()
            );
            for line in &self.spurious {
                let _ = writeln!(out, "  {line}");
            }
        }
        out
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "PLOVER gold-standard records: {} sentences",
            self.sentences
        );
        for (reason, n) in &self.skipped {
            let _ = writeln!(out, "skipped by the coder: {n} ({reason})");
        }
        let _ = writeln!(
            out,
            "\n{:<22} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "measure", "gold", "pred", "P", "R", "F1"
        );
        for (name, s) in [
            ("type only", &self.type_only),
            ("type + parties (len.)", &self.with_parties),
            ("CAMEO root", &self.cameo_root),
        ] {
            let _ = writeln!(
                out,
                "{:<22} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                name,
                s.gold,
                s.predicted,
                s.precision(),
                s.recall(),
                s.f1()
            );
        }
        let _ = writeln!(
            out,
            "\n{:<10} {:>5} {:>5} {:>9} {:>9} {:>9} {:>9}",
            "type", "gold", "pred", "type P", "type R", "party P", "party R"
        );
        for (t, (only, parties)) in &self.by_type {
            let _ = writeln!(
                out,
                "{:<10} {:>5} {:>5} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
                t,
                only.gold,
                only.predicted,
                only.precision(),
                only.recall(),
                parties.precision(),
                parties.recall()
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(t: &str, source: &[&str], target: &[&str]) -> GsrRecord {
        GsrRecord {
            id: "g".into(),
            text: "x".into(),
            event_type: t.into(),
            mode: None,
            source: source.iter().map(|s| s.to_string()).collect(),
            target: target.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn predicted(t: &str, cameo: &str, actors: &[&str], recipients: &[&str]) -> EventRecord {
        EventRecord {
            cameo: cameo.into(),
            ..crate::tests::record(t, actors, recipients)
        }
    }

    fn roots() -> HashMap<String, BTreeSet<String>> {
        HashMap::from([
            (
                "ASSAULT".to_string(),
                BTreeSet::from(["18".to_string(), "19".to_string()]),
            ),
            ("CONSULT".to_string(), BTreeSet::from(["04".to_string()])),
        ])
    }

    #[test]
    fn old_type_names_are_read_under_todays() {
        assert_eq!(modern_type("DEMAND", None), ("REQUEST".into(), None));
        assert_eq!(
            modern_type("DISAPPROVE", None),
            ("ACCUSE".into(), Some("disapprove".into()))
        );
        assert_eq!(modern_type("FIGHT", Some(" ")), ("ASSAULT".into(), None));
        assert_eq!(
            modern_type("AGREE", Some("settle")).1.as_deref(),
            Some("settle")
        );
    }

    #[test]
    fn the_three_measures_count_each_prediction_and_each_sentence() {
        let mut report = GsrReport::default();
        let g = gold("ASSAULT", &["ISR"], &["LBN"]);
        // Right type, parties and root; then a wrong type.
        score_sentence(
            &g,
            &[
                predicted("ASSAULT", "190", &["ISR"], &["LBN"]),
                predicted("ACCUSE", "111", &["LBN"], &["ISR"]),
            ],
            &roots(),
            &mut report,
        );
        // Right type, wrong recipient; CAMEO root not ASSAULT's.
        score_sentence(
            &g,
            &[predicted("ASSAULT", "173", &["ISR"], &["SYR"])],
            &roots(),
            &mut report,
        );
        // Nothing coded.
        score_sentence(&g, &[], &roots(), &mut report);
        assert_eq!(
            (
                report.type_only.correct_predicted,
                report.type_only.predicted
            ),
            (2, 3)
        );
        assert_eq!((report.type_only.found_gold, report.type_only.gold), (2, 3));
        assert_eq!(
            (
                report.with_parties.correct_predicted,
                report.with_parties.found_gold
            ),
            (1, 1)
        );
        assert_eq!(
            (
                report.cameo_root.correct_predicted,
                report.cameo_root.found_gold
            ),
            (1, 1)
        );
        assert_eq!(report.by_type["ASSAULT"].1.found_gold, 1);
    }

    #[test]
    fn symmetric_acts_match_on_either_side() {
        let g = gold("CONSULT", &["ISR", "LBN"], &[]);
        assert!(lenient_match(
            &g,
            &predicted("CONSULT", "040", &["LBN"], &["ISR"])
        ));
        assert!(!lenient_match(
            &g,
            &predicted("CONSULT", "040", &["ISR"], &[])
        ));
        let one_sided = gold("ASSAULT", &["ISR"], &[]);
        assert!(lenient_match(
            &one_sided,
            &predicted("ASSAULT", "190", &[], &["ISR"])
        ));
    }

    #[test]
    fn cameo_country_codes_and_igos_compare_as_the_gold_writes_them() {
        let actors = serde_json::json!([{"code": "JAPGOV"}, {"code": "ITL"}, {"code": "IGOUNO"}]);
        assert_eq!(
            countries(&actors),
            BTreeSet::from(["JPN".to_string(), "ITA".into(), "IGO".into()])
        );
        let g = gold("REQUEST", &["JPN"], &["IGO"]);
        assert!(lenient_match(
            &g,
            &predicted("REQUEST", "100", &["JPN"], &["UNO"])
        ));
        assert!(lenient_match(
            &g,
            &predicted("REQUEST", "100", &["JPN"], &["EUR"])
        ));
        assert!(!lenient_match(
            &g,
            &predicted("REQUEST", "100", &["JPN"], &["NGO"])
        ));
    }
}
