//! `warta code` on the five seed reports in `shared/seeds`: the output is
//! held by a snapshot, and the acts a careful reader finds are checked one
//! by one.

mod common;

use common::*;
use serde_json::Value;

fn seed_records() -> Vec<Value> {
    let seeds = shared().join("seeds");
    assert!(
        seeds.is_dir(),
        "shared/seeds must be beside the repository: {}",
        seeds.display()
    );
    let output = warta(&["code", seeds.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    records(&stdout(&output))
}

fn find<'a>(records: &'a [Value], doc: &str, event_type: &str, actor: &str) -> Option<&'a Value> {
    records.iter().find(|r| {
        r["doc_id"].as_str().is_some_and(|d| d.starts_with(doc))
            && r["event_type"] == event_type
            && r["actor"]
                .as_array()
                .is_some_and(|a| a.iter().any(|e| e["country"] == actor))
    })
}

#[test]
fn seed_output_is_held_by_a_snapshot() {
    let seeds = shared().join("seeds");
    let output = warta(&["code", seeds.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("seeds", stdout(&output));
}

#[test]
fn putin_raisi_call_is_one_consult_phone_event_on_16_april() {
    let records = seed_records();
    for doc in ["000", "001"] {
        let call = records
            .iter()
            .filter(|r| {
                r["doc_id"].as_str().unwrap().starts_with(doc) && r["event_type"] == "CONSULT"
            })
            .find(|r| {
                let names: Vec<&str> = r["actor"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|e| e["name"].as_str())
                    .collect();
                names.contains(&"Vladimir Putin")
                    && names.iter().any(|n| n.contains("Raisi"))
                    && r["mode"] == "phone"
            })
            .unwrap_or_else(|| panic!("seed {doc}: no Putin-Raisi phone call"));
        assert_eq!(call["date"], "2024-04-16", "seed {doc}");
        assert_eq!(call["cameo"], "041");
    }
}

#[test]
fn every_record_traces_to_its_sentence_and_rule() {
    for r in seed_records() {
        let sentence = r["sentence"].as_str().unwrap();
        let trigger = r["trigger"].as_str().unwrap();
        assert!(sentence.contains(trigger), "{r}");
        assert!(r["rule"].as_str().unwrap().starts_with("id/"), "{r}");
        let span = r["span"].as_array().unwrap();
        assert!(span[0].as_u64() < span[1].as_u64(), "{r}");
    }
}

#[test]
fn iran_strike_on_israel_and_shoigu_offer() {
    let records = seed_records();
    assert!(
        find(&records, "000", "ASSAULT", "IRN").is_some(),
        "Iran's strike on Israel in seed 000"
    );
    let agree =
        find(&records, "002", "AGREE", "RUS").expect("Shoigu's offer to cooperate in seed 002");
    assert_eq!(agree["recipient"][0]["country"], "IRN");
}

#[test]
fn record_ids_are_unique_and_the_consulate_strike_is_dated_1_april() {
    let records = seed_records();
    let mut ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "two records share an id");
    // Seed 000 names the attacker a sentence later ("Israel ... berada di
    // balik serangan itu"); seed 001 dates it inside a sentence about a call.
    for doc in ["000", "001"] {
        let strike = records
            .iter()
            .find(|r| {
                r["doc_id"].as_str().is_some_and(|d| d.starts_with(doc))
                    && r["event_type"] == "ASSAULT"
                    && r["date"] == "2024-04-01"
            })
            .unwrap_or_else(|| panic!("no consulate strike of 2024-04-01 in seed {doc}"));
        assert_eq!(strike["actor"][0]["country"], "ISR");
        assert_eq!(strike["recipient"][0]["country"], "IRN");
        assert_eq!(strike["location"]["country"], "SYR");
    }
}
