//! Coding time grows linearly with input size, however hostile the text:
//! unpunctuated text becomes one sentence, and role search, dating and
//! character offsets must not rescan it for every cue (issue 12.2).

use std::time::{Duration, Instant};

use warta_code::{Coder, Document};

/// `bytes` of text without a single sentence break, dense with names and
/// cue words, from a fixed pseudo-random sequence.
fn hostile_text(bytes: usize) -> String {
    const WORDS: [&str; 24] = [
        "Presiden",
        "Rusia",
        "bertemu",
        "Iran",
        "dan",
        "mengecam",
        "serangan",
        "Israel",
        "terhadap",
        "Suriah",
        "kemudian",
        "Amerika",
        "Serikat",
        "mengirim",
        "bantuan",
        "ke",
        "Ukraina",
        "sementara",
        "Tiongkok",
        "menuduh",
        "Jepang",
        "yang",
        "menyerang",
        "Filipina",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        text.push(' ');
    }
    text
}

/// The fastest of `runs` codings of `text`.
fn coding_time(coder: &Coder, text: &str, runs: usize) -> Duration {
    let doc = Document {
        doc_id: "hostile".into(),
        text: text.into(),
        date: Some("2024-05-10".into()),
        language: Some("id".into()),
        ..Document::default()
    };
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            let coded = coder.code(&doc);
            assert!(!coded.records.is_empty());
            started.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn time_per_kilobyte_stays_within_three_times_from_16_kb_to_1_mb() {
    let coder = Coder::embedded().unwrap();
    let small = hostile_text(16 << 10);
    let large = hostile_text(1 << 20);
    // Warm the word cache, as in any long run.
    coding_time(&coder, &small, 1);
    let per_kb_small = coding_time(&coder, &small, 5).as_secs_f64() / 16.0;
    let per_kb_large = coding_time(&coder, &large, 1).as_secs_f64() / 1024.0;
    let ratio = per_kb_large / per_kb_small;
    assert!(
        ratio < 3.0,
        "{:.2} ms per KB at 1 MB against {:.2} ms at 16 KB ({ratio:.1} times)",
        per_kb_large * 1e3,
        per_kb_small * 1e3
    );
}

#[test]
fn a_document_over_its_budget_or_cancelled_is_skipped_and_says_so() {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    use warta_code::Budget;
    let coder = Coder::embedded().unwrap();
    let doc = Document {
        doc_id: "hostile".into(),
        text: hostile_text(64 << 10),
        date: Some("2024-05-10".into()),
        language: Some("id".into()),
        ..Document::default()
    };
    let coded = coder.code_within(&doc, &Budget::within(Duration::ZERO));
    assert!(coded.records.is_empty());
    let skipped = coded.skipped.expect("skipped");
    assert!(
        skipped.stopped && skipped.reason.contains("time budget"),
        "{skipped:?}"
    );
    let flag = Arc::new(AtomicBool::new(true));
    let coded = coder.code_within(&doc, &Budget::unlimited().cancelled_by(flag));
    assert_eq!(
        coded.skipped.map(|s| s.reason).as_deref(),
        Some("coding cancelled")
    );
    // A generous budget changes nothing.
    let within = coder.code_within(&doc, &Budget::within(Duration::from_secs(600)));
    assert_eq!(within.records.len(), coder.code(&doc).records.len());
    assert!(within.skipped.is_none());
}
