//! `warta lexicon check`: schema and consistency checks over the loaded data.
//! (Cue and office examples are run by the coder's tests, which can code them.)

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::{LanguageLexicon, Lexicon};

/// Country codes that are not ISO 3166 states.
pub const SPECIAL_COUNTRY_CODES: &[&str] = &["IGO", "UNO", "EUR", "NGO", "MNC", "IMG"];

/// The sectors of the coding guide.
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "PTY", "OPP", "CVL", "MED", "BUS", "REL",
    "REF",
];

/// One thing wrong with the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, with its pack folder for a language pack's (`id/cues.toml`).
    pub file: String,
    pub entry: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.entry, self.reason)
    }
}

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, file: impl Into<String>, entry: &str, reason: impl Into<String>) {
        self.0.push(Problem {
            file: file.into(),
            entry: entry.to_string(),
            reason: reason.into(),
        });
    }
}

/// All problems found, in file order.
pub fn check(lexicon: &Lexicon) -> Vec<Problem> {
    let mut problems = Problems(Vec::new());
    let countries: HashSet<&str> = lexicon.countries.iter().map(|c| c.code.as_str()).collect();
    let known_country =
        |code: &str| countries.contains(code) || SPECIAL_COUNTRY_CODES.contains(&code);
    check_countries(lexicon, &mut problems);
    check_names(lexicon, &mut problems);
    for org in &lexicon.organisations {
        if !known_country(&org.country) {
            problems.add(
                "organisations.toml",
                &org.id,
                format!("unknown country code {}", org.country),
            );
        }
        check_sector(
            "organisations.toml",
            &org.id,
            org.sector.as_deref(),
            &mut problems,
        );
    }
    check_unique(
        "organisations.toml",
        lexicon.organisations.iter().map(|o| o.id.as_str()),
        &mut problems,
    );
    for language in &lexicon.languages {
        let file = format!("{}/titles.toml", language.code);
        for title in &language.titles {
            check_sector(&file, &title.id, title.sector.as_deref(), &mut problems);
        }
        check_unique(
            &file,
            language.titles.iter().map(|t| t.id.as_str()),
            &mut problems,
        );
    }
    check_people(lexicon, &known_country, &mut problems);
    check_places(lexicon, &mut problems);
    for language in &lexicon.languages {
        check_cues(lexicon, language, &known_country, &mut problems);
    }
    problems.0
}

fn check_unique<'a>(file: &str, ids: impl Iterator<Item = &'a str>, problems: &mut Problems) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            problems.add(file, id, "duplicate id");
        }
    }
}

fn check_sector(file: &str, entry: &str, sector: Option<&str>, problems: &mut Problems) {
    if let Some(sector) = sector {
        if !SECTORS.contains(&sector) {
            problems.add(file, entry, format!("unknown sector {sector}"));
        }
    }
}

/// A code a country carries besides its own: its name in countries.toml,
/// its length and the characters it is made of.
struct CodeKind {
    name: &'static str,
    length: usize,
    byte_ok: fn(&u8) -> bool,
    form: &'static str,
}

/// GDELT's FIPS 10-4 codes and ISO's numeric codes (the map's keys), in the
/// order `check_countries` reads them; each belongs to one country.
const OTHER_CODES: [CodeKind; 2] = [
    CodeKind {
        name: "fips",
        length: 2,
        byte_ok: u8::is_ascii_uppercase,
        form: "two upper-case letters",
    },
    CodeKind {
        name: "numeric",
        length: 3,
        byte_ok: u8::is_ascii_digit,
        form: "three ASCII digits",
    },
];

fn check_countries(lexicon: &Lexicon, problems: &mut Problems) {
    let capitals: HashMap<&str, &str> = lexicon
        .places
        .iter()
        .filter(|p| p.kind == "capital")
        .map(|p| (p.name.as_str(), p.country.as_str()))
        .collect();
    check_unique(
        "countries.toml",
        lexicon.countries.iter().map(|c| c.code.as_str()),
        problems,
    );
    let mut owners: [HashMap<&str, &str>; 2] = Default::default();
    for country in &lexicon.countries {
        let code = &country.code;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            problems.add(
                "countries.toml",
                code,
                "code is not three upper-case letters",
            );
        }
        let values = [country.fips.as_deref(), country.numeric.as_deref()];
        for ((kind, owners), value) in OTHER_CODES.iter().zip(&mut owners).zip(values) {
            let Some(value) = value else { continue };
            if value.len() != kind.length || !value.bytes().all(|b| (kind.byte_ok)(&b)) {
                problems.add(
                    "countries.toml",
                    code,
                    format!("{} is not {}", kind.name, kind.form),
                );
            }
            if let Some(owner) = owners.insert(value, code) {
                problems.add(
                    "countries.toml",
                    code,
                    format!("{} {value} is also {owner}'s", kind.name),
                );
            }
        }
        if country.bbox.len() != 4
            || country.bbox[0] > country.bbox[2]
            || country.bbox[1] > country.bbox[3]
        {
            problems.add(
                "countries.toml",
                code,
                "bbox must be [min_lat, min_lon, max_lat, max_lon]",
            );
        }
        if !country.capital.is_empty()
            && capitals.get(country.capital.as_str()) != Some(&code.as_str())
        {
            problems.add(
                "countries.toml",
                code,
                format!(
                    "capital {} is not a capital of {code} in places.toml",
                    country.capital
                ),
            );
        }
    }
}

/// A name must point at one entity: the same name for two countries,
/// organisations or people makes matching ambiguous.
fn check_names(lexicon: &Lexicon, problems: &mut Problems) {
    let mut owners: HashMap<String, String> = HashMap::new();
    let mut claim = |file: &'static str, owner: String, name: &str, problems: &mut Problems| {
        let key = name.to_lowercase();
        match owners.get(&key) {
            Some(previous) if *previous != owner => problems.add(
                file,
                &owner,
                format!("name {name:?} is also a name of {previous}"),
            ),
            Some(_) => {}
            None => {
                owners.insert(key, owner);
            }
        }
    };
    for c in &lexicon.countries {
        for name in c.names.iter().chain(&c.metonyms) {
            claim(
                "countries.toml",
                format!("country {}", c.code),
                name,
                problems,
            );
        }
    }
    for o in &lexicon.organisations {
        for name in &o.names {
            claim(
                "organisations.toml",
                format!("organisation {}", o.id),
                name,
                problems,
            );
        }
    }
    for p in &lexicon.people {
        for name in &p.names {
            claim("people.toml", format!("person {}", p.id), name, problems);
        }
    }
}

fn check_people(lexicon: &Lexicon, known_country: &dyn Fn(&str) -> bool, problems: &mut Problems) {
    // An office's title must be a title in every language pack, so that
    // each language can name the office.
    let titles: HashSet<&str> = lexicon
        .languages
        .iter()
        .flat_map(|l| l.titles.iter().map(|t| t.id.as_str()))
        .filter(|id| {
            lexicon
                .languages
                .iter()
                .all(|l| l.titles.iter().any(|t| t.id == *id))
        })
        .collect();
    let orgs: HashSet<&str> = lexicon
        .organisations
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    check_unique(
        "people.toml",
        lexicon.people.iter().map(|p| p.id.as_str()),
        problems,
    );
    // (title, country, organisation) -> terms as (from, to, person id).
    type Office<'a> = (&'a str, &'a str, &'a str);
    let mut held: HashMap<Office, Vec<Office>> = HashMap::new();
    for person in &lexicon.people {
        let id = person.id.as_str();
        for office in &person.office {
            if !titles.contains(office.title.as_str()) {
                problems.add("people.toml", id, format!("unknown title {}", office.title));
            }
            if !known_country(&office.country) {
                problems.add(
                    "people.toml",
                    id,
                    format!("unknown country code {}", office.country),
                );
            }
            if !office.organisation.is_empty() && !orgs.contains(office.organisation.as_str()) {
                problems.add(
                    "people.toml",
                    id,
                    format!("unknown organisation {}", office.organisation),
                );
            }
            check_sector("people.toml", id, office.sector.as_deref(), problems);
            if !is_iso_date(&office.from) || !(office.to.is_empty() || is_iso_date(&office.to)) {
                problems.add("people.toml", id, "office dates must be YYYY-MM-DD");
                continue;
            }
            if !office.to.is_empty() && office.to < office.from {
                problems.add(
                    "people.toml",
                    id,
                    format!("office {} ends before it starts", office.title),
                );
            }
            match &office.example {
                None => problems.add(
                    "people.toml",
                    id,
                    format!("office {} has no example", office.title),
                ),
                Some(example) if !office.covers(&example.date) => problems.add(
                    "people.toml",
                    id,
                    format!(
                        "example date {} is outside office {}",
                        example.date, office.title
                    ),
                ),
                Some(_) => {}
            }
            if !office.acting {
                held.entry((&office.title, &office.country, &office.organisation))
                    .or_default()
                    .push((office.from.as_str(), office.to.as_str(), id));
            }
        }
    }
    let mut keys: Vec<_> = held.keys().copied().collect();
    keys.sort();
    for key in keys {
        let mut terms = held[&key].clone();
        terms.sort();
        for pair in terms.windows(2) {
            let (_, end, first) = pair[0];
            let (start, _, second) = pair[1];
            // A hand-over day may be shared by the outgoing and incoming holder.
            if end.is_empty() || end > start {
                problems.add(
                    "people.toml",
                    second,
                    format!("office {} {} overlaps with {first}", key.0, key.1),
                );
            }
        }
    }
}

fn check_places(lexicon: &Lexicon, problems: &mut Problems) {
    let bboxes: HashMap<&str, &[f64]> = lexicon
        .countries
        .iter()
        .map(|c| (c.code.as_str(), c.bbox.as_slice()))
        .collect();
    for place in &lexicon.places {
        let name = place.name.as_str();
        if place.country.is_empty() {
            if place.kind != "water" && place.kind != "macro_region" {
                problems.add(
                    "places.toml",
                    name,
                    "only kinds \"water\" and \"macro_region\" may have no country",
                );
            }
            continue;
        }
        let Some(bbox) = bboxes.get(place.country.as_str()) else {
            problems.add(
                "places.toml",
                name,
                format!("unknown country code {}", place.country),
            );
            continue;
        };
        if let (Some(lat), Some(lon), [min_lat, min_lon, max_lat, max_lon]) =
            (place.lat, place.lon, bbox)
        {
            if lat < *min_lat || lat > *max_lat || lon < *min_lon || lon > *max_lon {
                problems.add(
                    "places.toml",
                    name,
                    format!(
                        "({lat}, {lon}) lies outside the bounding box of {}",
                        place.country
                    ),
                );
            }
        }
    }
}

fn check_cues(
    lexicon: &Lexicon,
    language: &LanguageLexicon,
    known_country: &dyn Fn(&str) -> bool,
    problems: &mut Problems,
) {
    let file = format!("{}/cues.toml", language.code);
    let file = file.as_str();
    check_unique(file, language.cues.iter().map(|c| c.id.as_str()), problems);
    for cue in &language.cues {
        let id = cue.id.as_str();
        let Some(event_type) = lexicon.plover.event_type(&cue.event_type) else {
            problems.add(file, id, format!("unknown event type {}", cue.event_type));
            continue;
        };
        if let Some(mode) = &cue.mode {
            if !event_type.allows_mode(mode) {
                problems.add(
                    file,
                    id,
                    format!("mode {mode} is not a mode of {}", cue.event_type),
                );
            }
        }
        if cue.cameo.is_empty() || !cue.cameo.bytes().all(|b| b.is_ascii_digit()) {
            problems.add(
                file,
                id,
                format!("CAMEO code {:?} is not digits", cue.cameo),
            );
        }
        for context in &cue.context {
            if !lexicon.plover.contexts.contains(context) {
                problems.add(file, id, format!("unknown context {context}"));
            }
        }
        if cue.pattern.split_whitespace().all(|m| m == "...") {
            problems.add(file, id, "empty pattern");
        }
        if cue.examples.is_empty() {
            problems.add(file, id, "no example");
        }
        for example in &cue.examples {
            for code in example.actor.iter().chain(&example.recipient) {
                if !known_country(code) {
                    problems.add(file, id, format!("example names unknown country {code}"));
                }
            }
            if let Some(t) = &example.event_type {
                if lexicon.plover.event_type(t).is_none() {
                    problems.add(file, id, format!("example has unknown type {t}"));
                }
            }
        }
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    matches!(
        (digits(0..4), digits(5..7), digits(8..10)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2024-04-16"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("16/4/2024"));
    }
}
