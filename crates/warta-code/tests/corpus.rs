//! The coder on real text: an IndoSum fold from `shared/`, coded whole. No
//! panic, every record keeps the contract, and the morphology finds every
//! inflection of a cue root that the corpus uses.

use std::collections::BTreeSet;
use std::path::PathBuf;

use warta_code::{Coder, Document};
use warta_read::{read_inputs, ReadOptions};

fn fold() -> Vec<Document> {
    read_fold("dev.01.jsonl")
}

fn read_fold(name: &str) -> Vec<Document> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/indosum")
        .join(name);
    assert!(
        path.exists(),
        "shared/corpus must be beside the repository: {}",
        path.display()
    );
    read_inputs(&[path], &ReadOptions::default())
        .map(|r| r.expect("the fold reads"))
        .map(Document::from)
        .collect()
}

#[test]
fn a_corpus_fold_codes_and_every_record_keeps_the_contract() {
    let coder = Coder::embedded().unwrap();
    let plover = &coder.lexicon().plover;
    let mut records = 0;
    for doc in fold() {
        let coded = coder.code(&doc);
        for r in &coded.records {
            records += 1;
            let t = plover.event_type(&r.event_type).expect("a PLOVER type");
            assert_eq!(r.quad_class, t.quad_class, "{r:?}");
            if let Some(mode) = &r.mode {
                if r.modes.is_empty() {
                    assert!(t.allows_mode(mode), "{} has no mode {mode}", r.event_type);
                }
            }
            assert!(!r.actor.is_empty());
            assert!(r.actor.iter().all(|a| a.country.is_some()));
            let trigger = coded.span_text(r.span);
            assert_eq!(trigger, r.trigger);
            assert!(r.sentence.contains(&r.trigger));
            if let Some(date) = &r.date {
                assert!(matches!(date.len(), 4 | 7 | 10), "{date}");
            }
        }
    }
    assert!(
        records > 200,
        "only {records} records from a fold of 750 articles"
    );
}

#[test]
fn one_root_matches_every_inflection_the_corpus_uses() {
    let coder = Coder::embedded().unwrap();
    let mut forms: BTreeSet<String> = BTreeSet::new();
    let folds = [
        "dev.01.jsonl",
        "dev.02.jsonl",
        "dev.03.jsonl",
        "dev.04.jsonl",
        "dev.05.jsonl",
    ];
    for doc in folds.iter().flat_map(|f| read_fold(f)) {
        for word in doc.text.split(|c: char| !c.is_alphanumeric() && c != '-') {
            forms.insert(word.to_lowercase());
        }
    }
    for (root, expected) in [
        (
            "serang",
            &["menyerang", "diserang", "serangan", "penyerangan"][..],
        ),
        ("tangkap", &["menangkap", "ditangkap", "penangkapan"][..]),
        ("kunjung", &["mengunjungi", "kunjungan", "berkunjung"][..]),
    ] {
        for form in expected {
            assert!(forms.contains(*form), "the corpus uses {form}");
            assert_eq!(coder.root_of(form), root, "{form}");
        }
    }
}

/// A name glued to the next word where a link was stripped, as it occurs
/// in a real IndoSum article ("Semenanjung Koreadan"), is cut before coding.
#[test]
fn a_real_glued_name_is_cut() {
    let coder = Coder::embedded().unwrap();
    let glued = [
        "dev.01.jsonl",
        "dev.02.jsonl",
        "dev.03.jsonl",
        "dev.04.jsonl",
        "dev.05.jsonl",
    ]
    .iter()
    .flat_map(|f| read_fold(f))
    .find(|d| d.text.contains("Koreadan"))
    .expect("the corpus holds an article with a glued name");
    let coded = coder.code(&glued);
    assert!(coded.text.contains("Korea dan"));
    assert!(!coded.text.contains("Koreadan"));
}

/// The first and last day a record date ("2017", "2017-06", "2017-06-29")
/// covers.
fn extent(date: &str) -> (chrono::NaiveDate, chrono::NaiveDate) {
    use chrono::NaiveDate;
    let parts: Vec<i32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let ymd = |y: i32, m: i32, d: u32| NaiveDate::from_ymd_opt(y, m as u32, d).unwrap();
    match parts[..] {
        [y] => (ymd(y, 1, 1), ymd(y, 12, 31)),
        [y, m] => {
            let next = if m == 12 {
                ymd(y + 1, 1, 1)
            } else {
                ymd(y, m + 1, 1)
            };
            (ymd(y, m, 1), next.pred_opt().unwrap())
        }
        [y, m, d] => (ymd(y, m, d as u32), ymd(y, m, d as u32)),
        _ => panic!("not a record date: {date}"),
    }
}

#[test]
fn no_act_lies_after_its_report_and_old_acts_are_background() {
    // Every fold, so that the whole IndoSum store is held to it.
    let coder = Coder::embedded().unwrap();
    let (mut checked, mut background) = (0, 0);
    for fold in [
        "dev.01.jsonl",
        "dev.02.jsonl",
        "dev.03.jsonl",
        "dev.04.jsonl",
        "dev.05.jsonl",
    ] {
        for doc in read_fold(fold) {
            let coded = coder.code(&doc);
            let Some(published) = coded.publication_date.as_deref() else {
                continue;
            };
            let published = chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
            for r in &coded.records {
                let Some(date) = r.date.as_deref() else {
                    continue;
                };
                let (first, last) = extent(date);
                checked += 1;
                let announced = matches!(r.event_type.as_str(), "AGREE" | "THREATEN");
                assert!(
                    announced || first <= published + chrono::Duration::days(2),
                    "{} dated {date}, after its report of {published}: {}",
                    r.event_type,
                    r.sentence
                );
                let old = last + chrono::Duration::days(30) < published;
                assert_eq!(
                    old, r.background,
                    "{} dated {date} ({}) in a report of {published}: {}",
                    r.event_type, r.date_source, r.sentence
                );
                background += usize::from(r.background);
            }
        }
    }
    assert!(checked > 1500, "only {checked} dated records");
    assert!(background > 50, "only {background} background records");
}
