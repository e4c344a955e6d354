//! What `warta code`, `warta ingest` and `warta bench` say on standard
//! error: a closing summary (documents read, coded, skipped by reason,
//! failed; records written; time and throughput), the routine skips only
//! with `--verbose`, nothing but errors with `--quiet`, errors always and
//! in input order, and no progress bar when standard error is a pipe.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const GOOD: &str = "JAKARTA - Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada Selasa (16/4/2024).\n";
const FRENCH: &str = "Le président russe a téléphoné au président iranien mardi pour discuter de la situation au Moyen-Orient et des attaques.\n";
const SPORTS: &str = "JAKARTA - Persija Jakarta menang 2-1 atas Persib Bandung dalam laga Liga 1 di Stadion Gelora Bung Karno. Gol Persija dicetak striker Marko Simic pada menit ke-20 dan ke-75, sementara gol Persib dicetak pada babak kedua. Pelatih Persija memuji pemain dan suporter setelah pertandingan. Klasemen sementara Liga 1 menempatkan Persija di posisi kedua dengan 40 poin dari 20 pertandingan.\n";
const ROW: &str = r#"{"id": "sama", "text": "JAKARTA - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Malaysia di Jakarta pada Kamis (9/5/2024)."}"#;

/// A folder of five documents read in this order: one political report,
/// one in French, one sports report, and one JSON Lines row read twice
/// (a.txt, b-fr.txt, c-sepak.txt, d.jsonl:1, e.jsonl:1).
fn mixed_inputs(name: &str) -> PathBuf {
    let dir = scratch(name).join("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    std::fs::write(dir.join("b-fr.txt"), FRENCH).unwrap();
    std::fs::write(dir.join("c-sepak.txt"), SPORTS).unwrap();
    std::fs::write(dir.join("d.jsonl"), format!("{ROW}\n")).unwrap();
    std::fs::write(dir.join("e.jsonl"), format!("{ROW}\n")).unwrap();
    dir
}

/// `path` as an argument.
fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// No carriage return and no escape sequence: nothing a progress bar
/// draws with.
fn assert_no_control_characters(text: &str) {
    assert!(
        !text.contains('\r'),
        "a carriage return on a pipe: {text:?}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "an escape sequence on a pipe: {text:?}"
    );
}

#[test]
fn code_summarises_documents_read_coded_skipped_and_records_written() {
    let inputs = mixed_inputs("summary");
    let output = warta(&["code", arg(&inputs)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    let summary: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warta code: "))
        .collect();
    assert_eq!(summary.len(), 2, "{err}");
    assert!(
        summary[0].starts_with("warta code: 5 documents read ("),
        "{err}"
    );
    assert!(
        summary[0].ends_with(
            " of text): 2 coded, 3 skipped (1 sports report, 1 in another language, \
             1 repeating a document read earlier), 0 failed"
        ),
        "{err}"
    );
    let records = stdout(&output).lines().count();
    assert!(records >= 2, "{}", stdout(&output));
    assert!(
        summary[1].starts_with(&format!("warta code: {records} records written in ")),
        "{err}"
    );
    assert!(
        summary[1].contains(" s: ")
            && summary[1].contains("articles/s")
            && summary[1].ends_with("MB/s"),
        "{err}"
    );
    // The summary is all there is: no line per skipped document.
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn verbose_lists_each_skipped_document_in_input_order_and_the_default_does_not() {
    let inputs = mixed_inputs("verbose");
    let quiet_by_default = stderr(&warta(&["code", arg(&inputs)]));
    assert!(
        !quiet_by_default.contains("c-sepak.txt"),
        "{quiet_by_default}"
    );
    assert!(!quiet_by_default.contains("skipped:"), "{quiet_by_default}");

    let output = warta(&["code", "--verbose", arg(&inputs)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    let position = |needle: &str| {
        err.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {err}"))
    };
    let french = position("b-fr.txt: skipped: ");
    let sports = position("c-sepak.txt: skipped: a sports report");
    let repeat = position("e.jsonl:1: note: the same document as ");
    assert!(french < sports && sports < repeat, "{err}");
    // The summary still closes the run, after the lines.
    assert!(
        err.lines().last().unwrap().starts_with("warta code: "),
        "{err}"
    );
    // -v is --verbose (the times in the summary differ); the records are
    // the same as without it.
    let short = warta(&["code", "-v", arg(&inputs)]);
    let named = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("warta code: "))
            .map(String::from)
            .collect()
    };
    assert_eq!(named(&stderr(&short)), named(&err));
    assert_eq!(named(&err).len(), 3, "{err}");
    assert_eq!(short.stdout, output.stdout);
    assert_eq!(
        warta(&["code", arg(&inputs)]).stdout,
        output.stdout,
        "--verbose changes no record"
    );
}

#[test]
fn quiet_prints_nothing_when_all_goes_well() {
    let inputs = mixed_inputs("quiet");
    let plain = warta(&["code", arg(&inputs)]);
    let output = warta(&["code", "--quiet", arg(&inputs)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(output.stdout, plain.stdout, "--quiet changes no record");

    let db = scratch("quiet-ingest").join("quiet.db");
    let ingest = warta(&["ingest", arg(&inputs), "--db", arg(&db), "-q"]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    assert_eq!(stderr(&ingest), "");
    assert_eq!(stdout(&ingest), "");

    let seeds = shared().join("seeds");
    let bench = warta(&["bench", arg(&seeds), "--threads", "1", "--quiet"]);
    assert!(bench.status.success(), "{}", stderr(&bench));
    assert_eq!(stderr(&bench), "");
    assert!(stdout(&bench).contains("articles/s"), "{}", stdout(&bench));
}

#[test]
fn quiet_still_names_every_error_and_keeps_the_exit_status() {
    let inputs = mixed_inputs("quiet-errors");
    std::fs::write(inputs.join("f-empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("g.jsonl"),
        format!("{ROW}\n{{\"id\": \"rusak\", \"text\": \"tidak tertutup\n"),
    )
    .unwrap();
    for command in ["code", "ingest"] {
        let db = scratch(&format!("quiet-errors-{command}")).join("e.db");
        let mut args = vec![command, "--quiet", arg(&inputs)];
        if command == "ingest" {
            args.extend(["--db", arg(&db)]);
        }
        let output = warta(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let err = stderr(&output);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{command}: {err}");
        assert!(lines[0].contains("f-empty.txt"), "{command}: {err}");
        assert!(lines[1].contains("g.jsonl:2:"), "{command}: {err}");
        assert!(!err.contains(&format!("warta {command}:")), "{err}");
    }
    // Without --quiet the same errors come first, then the summary counts them.
    let output = warta(&["code", arg(&inputs)]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("0 failed; 2 inputs unreadable"), "{err}");
}

#[test]
fn errors_are_named_one_by_one_in_input_order() {
    let dir = scratch("error-order").join("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let mut rows = String::new();
    for i in 1..=600 {
        // Every hundredth line is broken; the others are good documents,
        // so the errors fall in different batches.
        if i % 100 == 0 {
            rows.push_str("{\"id\": \"rusak\n");
        } else {
            rows.push_str(&format!(
                "{{\"id\": \"d{i}\", \"text\": \"Presiden Indonesia bertemu Perdana Menteri Malaysia di Jakarta pada Senin (6/5/2024), kata laporan {i}.\"}}\n"
            ));
        }
    }
    std::fs::write(dir.join("a.jsonl"), rows).unwrap();
    std::fs::write(dir.join("b.txt"), "").unwrap();
    std::fs::write(
        dir.join("c.jsonl"),
        "{\"id\": \"d1\", \"text\": \"Teks lain dengan id yang sama.\"}\n",
    )
    .unwrap();
    let output = warta(&["code", "--threads", "2", arg(&dir)]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let named: Vec<String> = err
        .lines()
        .filter(|l| !l.starts_with("warta code: "))
        .map(|l| {
            let origin = l.trim_start_matches("warta: ").split(": ").next().unwrap();
            origin.rsplit('/').next().unwrap().to_owned()
        })
        .collect();
    let mut expected: Vec<String> = (1..=6).map(|k| format!("a.jsonl:{}", k * 100)).collect();
    expected.push("b.txt".into());
    expected.push("c.jsonl:1".into());
    assert_eq!(named, expected, "{err}");
    assert!(
        err.contains("1 failed (1 claiming the id of another document); 7 inputs unreadable"),
        "{err}"
    );
}

#[test]
fn no_progress_bar_on_a_pipe() {
    // Several batches of IndoSum: the progress code runs, but standard
    // error is a pipe here, so nothing is drawn.
    let corpus = shared().join("corpus/indosum/dev.01.jsonl");
    let output = warta(&["code", arg(&corpus)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert_no_control_characters(&err);
    assert!(err.contains("warta code: "), "{err}");
    assert!(err.lines().count() <= 3, "{err}");

    let db = scratch("pipe-ingest").join("pipe.db");
    let seeds = shared().join("seeds");
    let ingest = warta(&["ingest", arg(&seeds), "--db", arg(&db)]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    assert_no_control_characters(&stderr(&ingest));

    let bench = warta(&["bench", arg(&seeds), "--threads", "1"]);
    assert!(bench.status.success(), "{}", stderr(&bench));
    assert_no_control_characters(&stderr(&bench));
    assert_no_control_characters(&stdout(&bench));
}

#[test]
fn ingest_summarises_what_it_read_and_stored_and_verbose_names_what_it_skipped() {
    let seeds = shared().join("seeds");
    let db = scratch("ingest-summary").join("seeds.db");
    let first = warta(&["ingest", arg(&seeds), "--db", arg(&db)]);
    assert!(first.status.success(), "{}", stderr(&first));
    let err = stderr(&first);
    assert!(
        err.contains("warta ingest: 5 documents read (")
            && err.contains(" of text): 5 coded, 0 skipped, 0 failed\n"),
        "{err}"
    );
    assert!(
        err.contains("warta ingest: 5 documents stored (0 replacing"),
        "{err}"
    );
    let mentions = err
        .lines()
        .find_map(|l| {
            l.strip_prefix("warta ingest: ")?
                .split_once(" mentions written: ")
        })
        .map(|(n, _)| n.parse::<usize>().unwrap())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(mentions > 0, "{err}");
    assert!(err.contains("articles/s"), "{err}");

    // Again: every document is unchanged, said once in the summary, and
    // named only with --verbose.
    let again = warta(&["ingest", arg(&seeds), "--db", arg(&db)]);
    let err = stderr(&again);
    assert!(
        err.contains("0 coded, 5 skipped (5 unchanged in the store), 0 failed"),
        "{err}"
    );
    assert!(!err.contains("000_46f39e8ef6f38860"), "{err}");
    let verbose = warta(&["ingest", arg(&seeds), "--db", arg(&db), "--verbose"]);
    let err = stderr(&verbose);
    assert_eq!(
        err.lines()
            .filter(|l| l.ends_with("skipped: stored already, unchanged"))
            .count(),
        5,
        "{err}"
    );
}

#[test]
fn bench_summarises_on_standard_error_and_keeps_its_table_on_standard_output() {
    let inputs = mixed_inputs("bench");
    let output = warta(&["bench", arg(&inputs), "--threads", "1"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("input: 5 articles"), "{out}");
    assert!(out.contains("articles/s"), "{out}");
    let err = stderr(&output);
    // bench codes every document, repeats included.
    assert!(
        err.contains(
            " of text): 3 coded, 2 skipped (1 sports report, 1 in another language), 0 failed"
        ),
        "{err}"
    );
    assert!(err.contains("records per pass; 3 passes in "), "{err}");
    assert!(!err.contains("skipped:"), "{err}");
    let verbose = stderr(&warta(&["bench", arg(&inputs), "--threads", "1", "-v"]));
    assert!(
        verbose.contains("c-sepak.txt: skipped: a sports report"),
        "{verbose}"
    );
}

#[test]
fn quiet_and_verbose_together_are_a_usage_error() {
    for command in ["code", "ingest", "bench"] {
        let output = warta(&[command, "--quiet", "--verbose", "-"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            stderr(&output).contains("cannot be used with"),
            "{}",
            stderr(&output)
        );
    }
}
