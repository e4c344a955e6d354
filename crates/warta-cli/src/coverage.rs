//! `warta lexicon coverage`: how much of the names in international news the
//! lexicon resolves, and the worklist of names it still lacks.

use std::fmt::Write;
use std::path::PathBuf;

use warta_code::{Coder, Coverage};
use warta_read::{read_inputs, ReadOptions};

/// Codes that are not foreign states for the purpose of picking articles.
const NOT_FOREIGN: &[&str] = &["IDN", "IGO", "UNO", "EUR", "NGO", "MNC", "IMG"];

/// An article (not a sports report) is about international politics when it
/// names at least this many foreign states and codes an act of one of them.
const FOREIGN_STATES: usize = 2;

/// Coverage over the international-politics articles among the inputs, and
/// how many such articles there were.
pub fn measure(coder: &Coder, paths: &[PathBuf]) -> (Coverage, usize) {
    let mut total = Coverage::default();
    let mut articles = 0;
    for raw in read_inputs(paths, &ReadOptions::default()).filter_map(Result::ok) {
        if coder.is_sports(&raw.text) {
            continue;
        }
        let date = raw
            .date
            .as_deref()
            .and_then(iso_day)
            .unwrap_or_else(|| "2017-06-01".to_string());
        let mut states: Vec<String> = coder
            .resolve_entities(&raw.text, &date)
            .into_iter()
            .filter_map(|e| e.country)
            .filter(|c| !NOT_FOREIGN.contains(&c.as_str()))
            .collect();
        states.sort();
        states.dedup();
        if states.len() < FOREIGN_STATES {
            continue;
        }
        // ... and reports at least one act of a foreign state.
        let doc = warta_code::Document {
            doc_id: raw.doc_id.clone(),
            text: raw.text.clone(),
            date: Some(date.clone()),
            ..Default::default()
        };
        let foreign_act = coder
            .code(&doc)
            .records
            .iter()
            .any(|r| r.actor_countries().iter().any(|c| !NOT_FOREIGN.contains(c)));
        if !foreign_act {
            continue;
        }
        articles += 1;
        total.add(coder.name_coverage(&raw.text, &date));
    }
    (total, articles)
}

fn iso_day(date: &str) -> Option<String> {
    let head = date.get(..10)?;
    (head.as_bytes().get(4) == Some(&b'-')).then(|| head.to_string())
}

/// The worklist file: what was measured and the names to add next.
pub fn worklist_markdown(coverage: &Coverage, articles: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Lexicon worklist\n");
    let _ = writeln!(
        out,
        "Capitalised multi-word names in {articles} international-politics articles of IndoSum \
         that the lexicon does not resolve, most frequent first. {} of {} names resolve ({:.1}%).\n",
        coverage.resolved,
        coverage.names,
        coverage.share() * 100.0
    );
    let _ = writeln!(
        out,
        "Made by `warta lexicon coverage ../shared/corpus/indosum --worklist lexicon/WORKLIST.md`."
    );
    let _ = writeln!(
        out,
        "Not every entry belongs in the lexicon (people outside politics, brands, events).\n"
    );
    let _ = writeln!(out, "| count | name |\n|---:|---|");
    for (name, n) in coverage.worklist(150) {
        let _ = writeln!(out, "| {n} | {} |", name.replace('|', "\\|"));
    }
    out
}
