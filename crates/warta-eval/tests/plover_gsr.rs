//! PLOVER's gold-standard records, read from `../shared/corpus/plover-gsr`
//! as `warta eval-plover` reads them.

use std::path::PathBuf;

use warta_code::Coder;
use warta_eval::plover_gsr::{evaluate_gsr, load_cameo_roots, load_records};
use warta_lexicon::Lexicon;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/plover-gsr")
}

#[test]
fn every_gold_sentence_is_read_under_todays_type_names() {
    let records = load_records(&folder()).expect("the PLOVER records in ../shared");
    assert_eq!(
        records.len(),
        322,
        "322 sentences, the header record left out"
    );
    let types: std::collections::BTreeSet<&str> =
        records.iter().map(|r| r.event_type.as_str()).collect();
    assert_eq!(types.len(), 16, "{types:?}");
    for old in ["DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"] {
        assert!(!types.contains(old), "{old} is read under today's name");
    }
    let requests = records.iter().filter(|r| r.event_type == "REQUEST").count();
    assert_eq!(requests, 34, "DEMAND records are REQUESTs");
    let accusations = records.iter().filter(|r| r.event_type == "ACCUSE").count();
    assert_eq!(
        accusations, 25,
        "DISAPPROVE and INVESTIGATE records are ACCUSEs"
    );
    let hungary = records
        .iter()
        .find(|r| r.id == "PLOVER-GSR01-AGREE-0001")
        .expect("the first AGREE record");
    assert_eq!(
        hungary
            .source
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["HUN", "ROU"]
    );
}

#[test]
fn every_type_has_its_cameo_roots() {
    let records = load_records(&folder()).unwrap();
    let roots = load_cameo_roots(&folder()).expect("the CAMEO table in ../shared");
    for r in &records {
        assert!(
            roots.get(&r.event_type).is_some_and(|set| !set.is_empty()),
            "no CAMEO root for {}",
            r.event_type
        );
    }
    assert!(roots["ASSAULT"].contains("18") && roots["ASSAULT"].contains("20"));
    assert!(roots["ACCUSE"].contains("11"));
}

#[test]
fn every_sentence_is_coded_as_english_or_counted_as_skipped() {
    let coder = Coder::new(Lexicon::embedded().unwrap());
    let records = load_records(&folder()).unwrap();
    let roots = load_cameo_roots(&folder()).unwrap();
    let report = evaluate_gsr(&coder, &records, &roots);
    assert_eq!(report.sentences, 322);
    assert_eq!(report.type_only.gold, 322);
    // Each sentence is declared English: none is left to language guessing.
    assert!(
        !report
            .skipped
            .keys()
            .any(|reason| reason.contains("not recognised")),
        "{:?}",
        report.skipped
    );
}
