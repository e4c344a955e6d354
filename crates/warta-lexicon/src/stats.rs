//! `warta lexicon stats`: what the lexicon covers, as a readable report.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::{LanguageLexicon, Lexicon};

/// A plain-text coverage report.
pub fn stats(lexicon: &Lexicon) -> String {
    let mut out = String::new();
    let offices: usize = lexicon.people.iter().map(|p| p.office.len()).sum();
    let _ = writeln!(out, "lexicon {}", lexicon.version);
    let _ = writeln!(out, "countries      {:>6}", lexicon.countries.len());
    let _ = writeln!(out, "organisations  {:>6}", lexicon.organisations.len());
    let _ = writeln!(out, "people         {:>6}", lexicon.people.len());
    let _ = writeln!(out, "offices        {:>6}", offices);
    let _ = writeln!(out, "places         {:>6}", lexicon.places.len());
    // Per language pack: its titles, cues, examples, and cues per type.
    let mut sections = String::new();
    for language in &lexicon.languages {
        let code = &language.code;
        let examples: usize = language.cues.iter().map(|c| c.examples.len()).sum();
        let _ = writeln!(out, "titles ({code})    {:>6}", language.titles.len());
        let _ = writeln!(out, "cues ({code})      {:>6}", language.cues.len());
        let _ = writeln!(out, "cue examples ({code}) {:>4}", examples);
        cues_per_type(lexicon, language, &mut sections);
    }
    out.push_str(&sections);
    let _ = writeln!(out, "\noffices per country (top 25)");
    let mut per_country: BTreeMap<&str, usize> = BTreeMap::new();
    for office in lexicon.people.iter().flat_map(|p| &p.office) {
        *per_country.entry(&office.country).or_default() += 1;
    }
    let mut ranked: Vec<_> = per_country.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (country, n) in ranked.into_iter().take(25) {
        let _ = writeln!(out, "  {country} {n}");
    }

    let _ = writeln!(out, "\nplaces per kind");
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for place in &lexicon.places {
        *per_kind.entry(&place.kind).or_default() += 1;
    }
    for (kind, n) in per_kind {
        let _ = writeln!(out, "  {kind} {n}");
    }
    out
}

/// Cues per PLOVER type and mode, for one language pack.
fn cues_per_type(lexicon: &Lexicon, language: &LanguageLexicon, out: &mut String) {
    let _ = writeln!(out, "\ncues per type and mode ({})", language.code);
    let mut per_type: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for cue in &language.cues {
        *per_type
            .entry((&cue.event_type, cue.mode.as_deref().unwrap_or("-")))
            .or_default() += 1;
    }
    for t in &lexicon.plover.types {
        let total: usize = per_type
            .iter()
            .filter(|((ty, _), _)| *ty == t.name)
            .map(|(_, n)| n)
            .sum();
        let modes: Vec<String> = per_type
            .iter()
            .filter(|((ty, _), _)| *ty == t.name)
            .map(|((_, mode), n)| format!("{mode} {n}"))
            .collect();
        let _ = writeln!(out, "  {:<10} {:>4}  ({})", t.name, total, modes.join(", "));
    }
}
