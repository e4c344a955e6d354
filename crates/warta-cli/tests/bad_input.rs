//! Bad input never stops a batch: each is reported on standard error with
//! the file (and line) and the reason, the other inputs are still coded,
//! and the exit status is 1.

mod common;

use std::io::Write;

use common::*;

const GOOD: &str = "JAKARTA - Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada Selasa (16/4/2024).\n";

/// Runs `warta code` on a good file plus `bad` (a path inside `dir`).
fn run_with(dir: &std::path::Path, bad: &std::path::Path) -> (String, String, Option<i32>) {
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let output = warta(&["code", good.to_str().unwrap(), bad.to_str().unwrap()]);
    (stdout(&output), stderr(&output), output.status.code())
}

fn assert_reported(dir: &std::path::Path, bad: &std::path::Path, reason: &str) {
    let (out, err, status) = run_with(dir, bad);
    assert_eq!(
        status,
        Some(1),
        "exit status 1 for {}: {err}",
        bad.display()
    );
    assert!(
        err.contains(&bad.display().to_string()),
        "message names the file: {err}"
    );
    assert!(
        err.to_lowercase().contains(reason),
        "message says {reason:?}: {err}"
    );
    assert!(
        out.contains("\"doc_id\":\"good\""),
        "the good file is still coded: {out}"
    );
}

#[test]
fn empty_file() {
    let dir = scratch("empty");
    let bad = dir.join("empty.txt");
    std::fs::write(&bad, "").unwrap();
    assert_reported(&dir, &bad, "empty");
}

#[test]
fn binary_file() {
    let dir = scratch("binary");
    let bad = dir.join("image.txt");
    std::fs::write(
        &bad,
        [
            0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 255, 254,
        ],
    )
    .unwrap();
    assert_reported(&dir, &bad, "binary");
}

#[test]
fn huge_text_file() {
    let dir = scratch("huge");
    let bad = dir.join("huge.txt");
    let file = std::fs::File::create(&bad).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    assert_reported(&dir, &bad, "limit");
}

#[test]
fn malformed_json_lines_name_the_line() {
    let dir = scratch("jsonl");
    let bad = dir.join("articles.jsonl");
    let mut f = std::fs::File::create(&bad).unwrap();
    writeln!(f, "{{\"id\": \"a1\", \"text\": \"Israel menyerang Gaza pada Senin (15/4/2024).\", \"date\": \"2024-04-16\"}}").unwrap();
    writeln!(f, "{{\"id\": \"a2\", \"text\": \"tidak tertutup").unwrap();
    writeln!(f, "{{\"id\": \"a3\", \"text\": \"Rusia mengecam Amerika Serikat.\", \"date\": \"2024-04-16\"}}").unwrap();
    drop(f);
    let (out, err, status) = run_with(&dir, &bad);
    assert_eq!(status, Some(1));
    assert!(
        err.contains(&format!("{}:2:", bad.display())),
        "names file and line 2: {err}"
    );
    assert!(
        out.contains("\"doc_id\":\"a1\"") && out.contains("\"doc_id\":\"a3\""),
        "lines 1 and 3 are coded: {out}"
    );
}

#[test]
fn invalid_utf8_is_decoded_as_windows_1252_and_coded() {
    let dir = scratch("latin1");
    let file = dir.join("latin1.txt");
    let mut bytes =
        b"JAKARTA - Presiden Rusia mengecam Amerika Serikat, kata juru bicara caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b" itu pada Selasa (16/4/2024).\n");
    std::fs::write(&file, bytes).unwrap();
    let output = warta(&["code", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("windows-1252"),
        "a note says how it was decoded: {}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("ACCUSE"));
}

#[test]
fn truncated_warc_gz() {
    let dir = scratch("warc");
    let bad = dir.join("crawl.warc.gz");
    // A gzip member cut short: the reader must say where it stopped.
    std::fs::write(
        &bad,
        [
            0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x0b, 0x77, 0x0c,
        ],
    )
    .unwrap();
    let (_, err, status) = run_with(&dir, &bad);
    assert_eq!(status, Some(1));
    assert!(err.contains(&bad.display().to_string()), "{err}");
}

#[test]
fn directory_with_unreadable_entries() {
    let dir = scratch("dir");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("a.txt"), GOOD).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(inputs.join("missing.txt"), inputs.join("broken.txt")).unwrap();
    let output = warta(&["code", inputs.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.txt"), "{err}");
    assert!(stdout(&output).contains("\"doc_id\":\"a\""));
}

#[test]
fn other_languages_are_skipped_not_coded() {
    let dir = scratch("lang");
    let file = dir.join("fr.txt");
    std::fs::write(&file, "Le président russe a téléphoné au président iranien mardi pour discuter de la situation au Moyen-Orient et des attaques.\n").unwrap();
    let output = warta(&["code", file.to_str().unwrap()]);
    assert!(output.status.success());
    // Counted in the summary, and named with --verbose.
    assert!(
        stderr(&output).contains("1 skipped (1 in another language)"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    let verbose = warta(&["code", "--verbose", file.to_str().unwrap()]);
    assert!(
        stderr(&verbose).contains("fr.txt: skipped: language not recognised"),
        "{}",
        stderr(&verbose)
    );
}

#[test]
fn one_article_read_twice_is_coded_once() {
    // Overlapping corpus folds hold the same row twice: its events are
    // counted once, and the repeat is said.
    let dir = scratch("repeat");
    let row = r#"{"id": "sama", "text": "JAKARTA - Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada Selasa (16/4/2024)."}"#;
    let first = dir.join("a.jsonl");
    let second = dir.join("b.jsonl");
    std::fs::write(&first, format!("{row}\n")).unwrap();
    std::fs::write(&second, format!("{row}\n")).unwrap();
    let output = warta(&["code", first.to_str().unwrap(), second.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let records = stdout(&output);
    assert_eq!(records.lines().count(), 1, "{records}");
    assert!(
        stderr(&output).contains("1 coded, 1 skipped (1 repeating a document read earlier)"),
        "{}",
        stderr(&output)
    );
    // --verbose names the repeat and the document it repeats.
    let verbose = warta(&[
        "code",
        "--verbose",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
    ]);
    assert!(
        stderr(&verbose).contains(&format!(
            "b.jsonl:1: note: the same document as {}:1; coded once",
            first.display()
        )),
        "{}",
        stderr(&verbose)
    );
}

#[test]
fn two_articles_claiming_one_id_are_an_error_naming_both() {
    let dir = scratch("conflict");
    let first = dir.join("a.jsonl");
    let second = dir.join("b.jsonl");
    std::fs::write(
        &first,
        "{\"id\": \"sama\", \"text\": \"JAKARTA - Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada Selasa (16/4/2024).\"}\n",
    )
    .unwrap();
    std::fs::write(
        &second,
        "{\"id\": \"sama\", \"text\": \"JAKARTA - Presiden Rusia mengecam serangan Israel terhadap Suriah pada Selasa (16/4/2024).\"}\n",
    )
    .unwrap();
    let output = warta(&["code", first.to_str().unwrap(), second.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("a.jsonl:1") && err.contains("b.jsonl:1"),
        "{err}"
    );
    assert!(err.contains("'sama'"), "{err}");
    // The first keeps its records; the second is not coded under its id.
    let records = stdout(&output);
    assert_eq!(records.lines().count(), 1, "{records}");
    assert!(records.contains("CONSULT"), "{records}");
}

#[test]
fn deeply_nested_html_is_refused_not_a_crash() {
    // 100,000 nested tags once overflowed the extractor's stack and killed
    // the process: now a named error, and the batch goes on.
    let dir = scratch("nested");
    let bad = dir.join("dalam.html");
    let page = format!(
        "<html><body>{}Teks berita.{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(&bad, page).unwrap();
    let started = std::time::Instant::now();
    assert_reported(&dir, &bad, "nested");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let bad = dir.join("atribut.html");
    let page = format!(
        "<html><body><p {}>Teks berita.</p></body></html>",
        "a ".repeat(300_000)
    );
    std::fs::write(&bad, page).unwrap();
    assert_reported(&dir, &bad, "attributes");
}
