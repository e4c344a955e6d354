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

/// The shared files, in load order, with their embedded contents: the
/// world and the ontology, the same for every language.
const SHARED: &[(&str, &str)] = &[
    ("VERSION", include_str!("../../../lexicon/VERSION")),
    ("plover.toml", include_str!("../../../lexicon/plover.toml")),
    (
        "countries.toml",
        include_str!("../../../lexicon/countries.toml"),
    ),
    (
        "organisations.toml",
        include_str!("../../../lexicon/organisations.toml"),
    ),
    ("people.toml", include_str!("../../../lexicon/people.toml")),
    ("places.toml", include_str!("../../../lexicon/places.toml")),
];

/// A language pack's files (in its folder, `lexicon/id/`).
const PACK_FILES: [&str; 3] = ["words.toml", "titles.toml", "cues.toml"];

/// A pack's optional file: the shared entities' names in its language,
/// where they differ from the shared files' (`lexicon/en/names.toml`).
const NAMES_FILE: &str = "names.toml";

/// The language packs compiled into this build: (code, files, names file).
const EMBEDDED_PACKS: &[(&str, [&str; 3], Option<&str>)] = &[
    (
        "en",
        [
            include_str!("../../../lexicon/en/words.toml"),
            include_str!("../../../lexicon/en/titles.toml"),
            include_str!("../../../lexicon/en/cues.toml"),
        ],
        Some(include_str!("../../../lexicon/en/names.toml")),
    ),
    (
        "id",
        [
            include_str!("../../../lexicon/id/words.toml"),
            include_str!("../../../lexicon/id/titles.toml"),
            include_str!("../../../lexicon/id/cues.toml"),
        ],
        None,
    ),
];

/// The language Warta cannot code without: its pack must be there.
const REQUIRED_PACK: &str = "id";

/// A lexicon file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {reason}")]
pub struct LexiconError {
    pub file: String,
    pub reason: String,
}

/// One file to load: where it came from (for messages), the pack it
/// belongs to (none for a shared file), its name, its text.
struct Source {
    label: String,
    pack: Option<String>,
    name: String,
    text: String,
}

impl Lexicon {
    /// The lexicon compiled into this build.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        let shared = SHARED.iter().map(|(name, text)| Source {
            label: (*name).to_owned(),
            pack: None,
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        });
        let packs = EMBEDDED_PACKS.iter().flat_map(|(code, texts, names)| {
            PACK_FILES
                .iter()
                .zip(texts)
                .chain(names.as_ref().map(|text| (&NAMES_FILE, text)))
                .map(move |(name, text)| Source {
                    label: format!("{code}/{name}"),
                    pack: Some((*code).to_owned()),
                    name: (*name).to_owned(),
                    text: (*text).to_owned(),
                })
        });
        Self::from_sources(shared.chain(packs).collect())
    }

    /// The lexicon in a folder laid out like `lexicon/`: the shared files,
    /// and each language pack in a folder named by its ISO 639-1 code.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|e| LexiconError {
                file: path.display().to_string(),
                reason: e.to_string(),
            })
        };
        let mut sources = Vec::new();
        for (name, _) in SHARED {
            let path = dir.join(name);
            sources.push(Source {
                label: path.display().to_string(),
                pack: None,
                name: (*name).to_owned(),
                text: read(&path)?,
            });
        }
        for code in pack_folders(dir)? {
            for name in PACK_FILES {
                let path = dir.join(&code).join(name);
                sources.push(Source {
                    label: path.display().to_string(),
                    pack: Some(code.clone()),
                    name: name.to_owned(),
                    text: read(&path)?,
                });
            }
            let names = dir.join(&code).join(NAMES_FILE);
            if names.is_file() {
                sources.push(Source {
                    label: names.display().to_string(),
                    pack: Some(code.clone()),
                    name: NAMES_FILE.to_owned(),
                    text: read(&names)?,
                });
            }
        }
        Self::from_sources(sources)
    }

    fn from_sources(sources: Vec<Source>) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for source in sources {
            let Source {
                label,
                pack,
                name,
                text,
            } = source;
            let fail = |e: toml::de::Error| LexiconError {
                file: label.clone(),
                reason: e.to_string(),
            };
            if let Some(code) = pack {
                let language = match lexicon.languages.iter().position(|l| l.code == code) {
                    Some(i) => &mut lexicon.languages[i],
                    None => {
                        lexicon.languages.push(LanguageLexicon {
                            code,
                            ..LanguageLexicon::default()
                        });
                        lexicon.languages.last_mut().expect("just pushed")
                    }
                };
                match name.as_str() {
                    "words.toml" => language.words = toml::from_str(&text).map_err(fail)?,
                    "titles.toml" => {
                        language.titles = toml::from_str::<TitlesFile>(&text).map_err(fail)?.title
                    }
                    "cues.toml" => {
                        language.cues = toml::from_str::<CuesFile>(&text).map_err(fail)?.cue
                    }
                    NAMES_FILE => language.names = toml::from_str(&text).map_err(fail)?,
                    _ => {}
                }
                continue;
            }
            match name.as_str() {
                "VERSION" => lexicon.version = text.trim().to_string(),
                "plover.toml" => lexicon.plover = toml::from_str(&text).map_err(fail)?,
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
                "people.toml" => {
                    lexicon.people = toml::from_str::<PeopleFile>(&text).map_err(fail)?.person
                }
                "places.toml" => {
                    lexicon.places = toml::from_str::<PlacesFile>(&text).map_err(fail)?.place
                }
                _ => {}
            }
        }
        if lexicon.language(REQUIRED_PACK).is_none() {
            return Err(LexiconError {
                file: format!("{REQUIRED_PACK}/"),
                reason: "the Indonesian language pack is missing".into(),
            });
        }
        lexicon.languages.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(lexicon)
    }
}

/// The language pack folders of a lexicon folder: sub-folders named by a
/// two-letter code that hold a `cues.toml`, in code order.
fn pack_folders(dir: &Path) -> Result<Vec<String>, LexiconError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LexiconError {
        file: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut codes: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("cues.toml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| name.len() == 2 && name.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    codes.sort();
    Ok(codes)
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
        let indonesian = lexicon.language("id").expect("the Indonesian pack");
        assert!(!indonesian.cues.is_empty() && !indonesian.titles.is_empty());
        assert!(!indonesian.words.speech_verbs.is_empty());
    }

    #[test]
    fn the_repositorys_folder_loads_as_the_embedded_lexicon() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicon");
        let from_dir = Lexicon::from_dir(&dir).expect("lexicon/ loads");
        let embedded = Lexicon::embedded().unwrap();
        let codes = |l: &Lexicon| {
            l.languages
                .iter()
                .map(|p| p.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&from_dir), codes(&embedded));
        assert_eq!(
            from_dir.language("id").unwrap().cues.len(),
            embedded.language("id").unwrap().cues.len()
        );
    }

    #[test]
    fn a_folder_without_the_indonesian_pack_is_refused_by_name() {
        let dir =
            std::env::temp_dir().join(format!("warta-lexicon-no-pack-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lexicon");
        for (name, _) in SHARED {
            std::fs::copy(repo.join(name), dir.join(name)).unwrap();
        }
        let error = Lexicon::from_dir(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(error.file, "id/");
        assert!(error.reason.contains("Indonesian language pack"), "{error}");
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
