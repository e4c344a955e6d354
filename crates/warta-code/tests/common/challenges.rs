//! The challenge files of the role and factuality rules (`roles.toml`,
//! `factuality.toml` in a pack's folder): their format, and the run of one
//! class, shared by each pack's test file.

use std::collections::BTreeSet;

use serde::Deserialize;
use warta_record::EventRecord;

use super::{check_class, code_case_in};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenges {
    date: String,
    class: Vec<Class>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    name: String,
    about: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    text: String,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    absent: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    #[serde(rename = "type")]
    event_type: String,
    actor: Vec<String>,
    /// Not given: any recipient (in `expect`: will do; in `absent`: is
    /// unwanted).
    recipient: Option<Vec<String>>,
}

/// The challenge files of a pack (`lexicon/<pack>/<file>`), parsed.
pub fn load(pack: &str, files: &[&str]) -> Vec<Challenges> {
    files
        .iter()
        .map(|file| {
            let path = format!("{}/../../lexicon/{pack}/{file}", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("lexicon/{pack}/{file} is not readable: {e}"));
            toml::from_str(&text).unwrap_or_else(|e| panic!("lexicon/{pack}/{file}: {e}"))
        })
        .collect()
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

/// Runs one class, coding each case as a document in `language`; returns
/// a line per failed case.
pub fn run(challenges: &[Challenges], name: &str, language: &str) -> Vec<String> {
    let (all, class) = challenges
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
        let records = code_case_in(&case.text, &all.date, language);
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

/// The names of the classes the files hold.
pub fn listed(challenges: &[Challenges]) -> BTreeSet<&str> {
    challenges
        .iter()
        .flat_map(|file| file.class.iter().map(|c| c.name.as_str()))
        .collect()
}
