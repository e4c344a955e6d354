//! The challenge sentences of event dating (`lexicon/id/dates.toml`), one
//! test per class: the date each act takes, its precision, and whether it
//! is background.

use std::collections::BTreeSet;
use std::sync::OnceLock;

mod common;

use common::{check_class, code_case};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Challenges {
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
    published: String,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(rename = "type")]
    event_type: String,
    date: String,
    #[serde(default)]
    background: bool,
}

fn challenges() -> &'static Challenges {
    static CHALLENGES: OnceLock<Challenges> = OnceLock::new();
    CHALLENGES.get_or_init(|| {
        let path = format!("{}/../../lexicon/id/dates.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("lexicon/id/dates.toml is not readable: {e}"));
        toml::from_str(&text).unwrap_or_else(|e| panic!("lexicon/id/dates.toml: {e}"))
    })
}

/// Runs one class; returns a line per failed case.
fn run(name: &str) -> Vec<String> {
    let class = challenges()
        .class
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no class {name} in lexicon/id/dates.toml"));
    check_class(name, &class.about, class.case.len());
    let mut failures = Vec::new();
    for case in &class.case {
        let records = code_case(&case.text, &case.published);
        let got: Vec<String> = records
            .iter()
            .map(|r| format!("{} {:?} background {}", r.event_type, r.date, r.background))
            .collect();
        for e in &case.expect {
            let precision = match e.date.len() {
                4 => "year",
                7 => "month",
                _ => "day",
            };
            let found = records.iter().any(|r| {
                r.event_type == e.event_type
                    && r.date.as_deref() == Some(e.date.as_str())
                    && r.date_precision.as_deref() == Some(precision)
                    && r.background == e.background
            });
            if !found {
                failures.push(format!("{}\n  missing {e:?}\n  got {got:?}", case.text));
            }
        }
    }
    failures
}

fn listed_classes() -> BTreeSet<&'static str> {
    challenges().class.iter().map(|c| c.name.as_str()).collect()
}

classes! {
    governing_date => "governing-date",
    relative_days => "relative-days",
    story_day => "story-day",
    named_before => "named-before",
    retold => "retold",
    going_on => "going-on",
    background => "background",
    earlier_clause => "earlier-clause",
}
