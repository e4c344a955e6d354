//! The challenge sentences of the English role rules (`lexicon/en/roles.toml`),
//! coded as English documents, one test per class, so a failing class shows
//! by its name.

use std::collections::BTreeSet;
use std::sync::OnceLock;

mod common;

use common::{check_class, code_case_in};
use serde::Deserialize;
use warta_record::EventRecord;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Challenges {
    date: String,
    class: Vec<Class>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Class {
    name: String,
    about: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    absent: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(rename = "type")]
    event_type: String,
    actor: Vec<String>,
    /// Not given: any recipient (in `expect`: will do; in `absent`: is
    /// unwanted).
    recipient: Option<Vec<String>>,
}

/// The challenge files of the English pack.
const FILES: [&str; 1] = ["roles.toml"];

fn challenges() -> &'static [Challenges] {
    static CHALLENGES: OnceLock<Vec<Challenges>> = OnceLock::new();
    CHALLENGES.get_or_init(|| {
        FILES
            .iter()
            .map(|file| {
                let path = format!("{}/../../lexicon/en/{file}", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("lexicon/en/{file} is not readable: {e}"));
                toml::from_str(&text).unwrap_or_else(|e| panic!("lexicon/en/{file}: {e}"))
            })
            .collect()
    })
}

fn countries(entities: &[warta_record::Entity]) -> BTreeSet<String> {
    entities.iter().filter_map(|e| e.country.clone()).collect()
}

fn matches(record: &EventRecord, expected: &Expected) -> bool {
    let set = |list: &[String]| list.iter().cloned().collect::<BTreeSet<_>>();
    record.event_type == expected.event_type
        && countries(&record.actor) == set(&expected.actor)
        && expected
            .recipient
            .as_ref()
            .is_none_or(|r| countries(&record.recipient) == set(r))
}

/// Runs one class; returns a line per failed case.
fn run(name: &str) -> Vec<String> {
    let (all, class) = challenges()
        .iter()
        .find_map(|file| {
            file.class
                .iter()
                .find(|c| c.name == name)
                .map(|c| (file, c))
        })
        .unwrap_or_else(|| panic!("no class {name} in the challenge files"));
    check_class(name, &class.about, class.case.len());
    let mut failures = Vec::new();
    for case in &class.case {
        let records = code_case_in(&case.text, &all.date, "en");
        let got: Vec<String> = records
            .iter()
            .map(|r| {
                format!(
                    "{} {:?}->{:?}",
                    r.event_type,
                    countries(&r.actor),
                    countries(&r.recipient)
                )
            })
            .collect();
        for e in &case.expect {
            if !records.iter().any(|r| matches(r, e)) {
                failures.push(format!("{}\n  missing {e:?}\n  got {got:?}", case.text));
            }
        }
        // An unwanted act without a recipient is unwanted with any.
        for e in &case.absent {
            if records.iter().any(|r| matches(r, e)) {
                failures.push(format!("{}\n  unwanted {e:?}\n  got {got:?}", case.text));
            }
        }
    }
    failures
}

fn listed_classes() -> BTreeSet<&'static str> {
    challenges()
        .iter()
        .flat_map(|file| file.class.iter().map(|c| c.name.as_str()))
        .collect()
}

classes! {
    adjective_title => "adjective-title",
    subject => "subject",
    passive_by => "passive-by",
    object => "object",
    reported_speech => "reported-speech",
    nominal => "nominal",
    content => "content",
    modality => "modality",
    place => "place",
    domestic => "domestic",
}
