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

/// The lexicon files, in load order, with their embedded contents. Names,
/// places, offices and the ontology are shared by every language; a
/// language pack's own files (cues, closed word classes, titles) are in
/// its folder (`id/`).
const EMBEDDED: &[(&str, &str)] = &[
    ("VERSION", include_str!("../../../lexicon/VERSION")),
    ("plover.toml", include_str!("../../../lexicon/plover.toml")),
    ("id/words.toml", include_str!("../../../lexicon/id/words.toml")),
    (
        "countries.toml",
        include_str!("../../../lexicon/countries.toml"),
    ),
    (
        "organisations.toml",
        include_str!("../../../lexicon/organisations.toml"),
    ),
    ("id/titles.toml", include_str!("../../../lexicon/id/titles.toml")),
    ("people.toml", include_str!("../../../lexicon/people.toml")),
    ("places.toml", include_str!("../../../lexicon/places.toml")),
    ("id/cues.toml", include_str!("../../../lexicon/id/cues.toml")),
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

    #[test]
    fn embedded_lexicon_loads() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        assert!(!lexicon.version.is_empty());
        assert_eq!(lexicon.plover.types.len(), 16);
        assert!(!lexicon.countries.is_empty());
        assert!(!lexicon.cues.is_empty());
    }

    /// Their form and uniqueness are `check`'s (tested below); here, that
    /// nearly every state has both codes, and the right ones.
    #[test]
    fn countries_carry_their_fips_and_numeric_codes() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        let with_fips = lexicon
            .countries
            .iter()
            .filter(|c| c.fips.is_some())
            .count();
        let with_numeric = lexicon
            .countries
            .iter()
            .filter(|c| c.numeric.is_some())
            .count();
        assert!(
            with_fips >= 190 && with_numeric >= 190,
            "{with_fips} fips, {with_numeric} numeric"
        );
        let codes_of = |code: &str| {
            lexicon
                .countries
                .iter()
                .find(|c| c.code == code)
                .map(|c| (c.fips.as_deref(), c.numeric.as_deref()))
        };
        for (code, fips, numeric) in [
            ("RUS", Some("RS"), Some("643")),
            ("DEU", Some("GM"), Some("276")),
            ("GBR", Some("UK"), Some("826")),
            ("ISR", Some("IS"), Some("376")),
            ("AUT", Some("AU"), Some("040")),
            ("AUS", Some("AS"), Some("036")),
            ("IDN", Some("ID"), Some("360")),
            ("PSE", Some("WE"), Some("275")),
            ("USA", Some("US"), Some("840")),
            ("AFG", Some("AF"), Some("004")),
            ("TWN", Some("TW"), Some("158")),
            // Kosovo has no ISO numeric code.
            ("XKX", Some("KV"), None),
        ] {
            assert_eq!(codes_of(code), Some((fips, numeric)), "codes of {code}");
        }
    }

    #[test]
    fn a_malformed_or_shared_country_code_is_a_problem() {
        let mut lexicon = Lexicon::embedded().expect("embedded lexicon parses");
        lexicon.countries[0].fips = Some("r5".into());
        lexicon.countries[1].numeric = lexicon.countries[2].numeric.clone();
        let problems: Vec<String> = check(&lexicon).iter().map(|p| p.to_string()).collect();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("fips is not two upper-case letters")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("is also")),
            "{problems:?}"
        );
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
