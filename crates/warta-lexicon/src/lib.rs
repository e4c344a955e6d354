//! Lexicon: Warta's knowledge of the world as reviewed data files (states,
//! organisations, titles, people with their offices over time, places, event
//! cues, closed word classes, the PLOVER ontology). This crate loads them
//! (compiled into the binary, or from a folder), validates them, and
//! describes their coverage. It knows nothing of text: matching is the
//! coder's job.

mod check;
mod model;
mod stats;

pub use check::{check, Problem};
pub use model::*;
pub use stats::stats;

use std::path::Path;

/// The lexicon files, in load order, with their embedded contents.
const EMBEDDED: &[(&str, &str)] = &[
    ("VERSION", include_str!("../../../lexicon/VERSION")),
    ("plover.toml", include_str!("../../../lexicon/plover.toml")),
    ("words.toml", include_str!("../../../lexicon/words.toml")),
    (
        "countries.toml",
        include_str!("../../../lexicon/countries.toml"),
    ),
    (
        "organisations.toml",
        include_str!("../../../lexicon/organisations.toml"),
    ),
    ("titles.toml", include_str!("../../../lexicon/titles.toml")),
    ("people.toml", include_str!("../../../lexicon/people.toml")),
    ("places.toml", include_str!("../../../lexicon/places.toml")),
    ("cues.toml", include_str!("../../../lexicon/cues.toml")),
];

/// A lexicon file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {reason}")]
pub struct LexiconError {
    pub file: String,
    pub reason: String,
}

impl Lexicon {
    /// The lexicon compiled into this build.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Self::from_sources(
            EMBEDDED
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string())),
        )
    }

    /// The lexicon in a folder laid out like `lexicon/`.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut sources = Vec::new();
        for (name, _) in EMBEDDED {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).map_err(|e| LexiconError {
                file: path.display().to_string(),
                reason: e.to_string(),
            })?;
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources.into_iter())
    }

    fn from_sources(
        sources: impl Iterator<Item = (String, String)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (name, text) in sources {
            let file_name = Path::new(&name)
                .file_name()
                .and_then(|f| f.to_str())
                .unwrap_or(&name)
                .to_string();
            let fail = |e: toml::de::Error| LexiconError {
                file: name.clone(),
                reason: e.to_string(),
            };
            match file_name.as_str() {
                "VERSION" => lexicon.version = text.trim().to_string(),
                "plover.toml" => lexicon.plover = toml::from_str(&text).map_err(fail)?,
                "words.toml" => lexicon.words = toml::from_str(&text).map_err(fail)?,
                "countries.toml" => {
                    lexicon.countries = toml::from_str::<CountriesFile>(&text)
                        .map_err(fail)?
                        .country
                }
                "organisations.toml" => {
                    lexicon.organisations = toml::from_str::<OrganisationsFile>(&text)
                        .map_err(fail)?
                        .organisation
                }
                "titles.toml" => {
                    lexicon.titles = toml::from_str::<TitlesFile>(&text).map_err(fail)?.title
                }
                "people.toml" => {
                    lexicon.people = toml::from_str::<PeopleFile>(&text).map_err(fail)?.person
                }
                "places.toml" => {
                    lexicon.places = toml::from_str::<PlacesFile>(&text).map_err(fail)?.place
                }
                "cues.toml" => lexicon.cues = toml::from_str::<CuesFile>(&text).map_err(fail)?.cue,
                _ => {}
            }
        }
        Ok(lexicon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn embedded_lexicon_loads() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        assert!(!lexicon.version.is_empty());
        assert_eq!(lexicon.plover.types.len(), 16);
        assert!(!lexicon.countries.is_empty());
        assert!(!lexicon.cues.is_empty());
    }

    #[test]
    fn countries_have_unique_fips_codes() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        let mut owners: HashMap<&str, &str> = HashMap::new();
        for country in &lexicon.countries {
            let Some(fips) = country.fips.as_deref() else {
                continue;
            };
            assert!(
                fips.len() == 2 && fips.bytes().all(|b| b.is_ascii_uppercase()),
                "{}: fips {fips:?} is not two upper-case letters",
                country.code
            );
            if let Some(owner) = owners.insert(fips, &country.code) {
                panic!("fips {fips} is both {owner}'s and {}'s", country.code);
            }
        }
        assert!(
            owners.len() >= 190,
            "only {} countries have a fips code",
            owners.len()
        );
        let fips_of = |code: &str| {
            lexicon
                .countries
                .iter()
                .find(|c| c.code == code)
                .and_then(|c| c.fips.as_deref())
        };
        for (code, fips) in [
            ("RUS", "RS"),
            ("DEU", "GM"),
            ("GBR", "UK"),
            ("ISR", "IS"),
            ("AUT", "AU"),
            ("AUS", "AS"),
            ("IDN", "ID"),
            ("PSE", "WE"),
        ] {
            assert_eq!(fips_of(code), Some(fips), "fips of {code}");
        }
    }

    #[test]
    fn countries_have_unique_numeric_codes() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        let mut owners: HashMap<&str, &str> = HashMap::new();
        for country in &lexicon.countries {
            let Some(numeric) = country.numeric.as_deref() else {
                continue;
            };
            assert!(
                numeric.len() == 3 && numeric.bytes().all(|b| b.is_ascii_digit()),
                "{}: numeric {numeric:?} is not three ASCII digits",
                country.code
            );
            if let Some(owner) = owners.insert(numeric, &country.code) {
                panic!("numeric {numeric} is both {owner}'s and {}'s", country.code);
            }
        }
        assert!(
            owners.len() >= 190,
            "only {} countries have a numeric code",
            owners.len()
        );
        let numeric_of = |code: &str| {
            lexicon
                .countries
                .iter()
                .find(|c| c.code == code)
                .and_then(|c| c.numeric.as_deref())
        };
        for (code, numeric) in [
            ("IDN", "360"),
            ("RUS", "643"),
            ("USA", "840"),
            ("PSE", "275"),
            ("DEU", "276"),
            ("AFG", "004"),
            ("TWN", "158"),
        ] {
            assert_eq!(numeric_of(code), Some(numeric), "numeric of {code}");
        }
        assert_eq!(numeric_of("XKX"), None, "Kosovo has no ISO numeric code");
    }

    #[test]
    fn embedded_lexicon_passes_its_checks() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        let problems = check(&lexicon);
        let listing: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            listing.join("\n")
        );
    }
}
