//! English end to end: the English example articles in text, HTML and JSON
//! Lines, and an English page inside a WARC file, are coded by the English
//! pack; the records of one article are pinned by a snapshot; an English
//! and an Indonesian report of one act merge into one stored event.

mod common;

use common::*;

fn coded(path: &std::path::Path) -> Vec<serde_json::Value> {
    let output = warta(&["code", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    records(&stdout(&output))
}

#[test]
fn english_examples_in_each_format_are_coded_as_english() {
    let articles = repo().join("examples/articles");
    for file in [
        "13_en_iran_israel_strikes.txt",
        "14_en_ukraine_talks.html",
        "18_en_wire_briefs.jsonl",
    ] {
        let records = coded(&articles.join(file));
        assert!(records.len() >= 3, "{file}: {} records", records.len());
        assert!(
            records.iter().all(|r| r["language"] == "en"),
            "{file}: every record is English"
        );
        assert!(
            records
                .iter()
                .all(|r| r["rule"].as_str().is_some_and(|x| x.starts_with("en/"))),
            "{file}: every rule is the English pack's"
        );
    }
}

#[test]
fn an_english_page_in_a_warc_file_is_coded() {
    let dir = scratch("english-warc");
    let html = "<html><head><title>Turkey condemns strikes</title>\
        <meta property=\"article:published_time\" content=\"2024-10-27T08:00:00Z\"></head>\
        <body><article><p>ANKARA, Oct 27 - Turkey condemned Israel on Sunday over \
        the strikes, the foreign ministry said.</p></article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/turkey\r\n\
         WARC-Date: 2024-10-27T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let file = dir.join("crawl.warc");
    std::fs::write(&file, warc).unwrap();
    let records = coded(&file);
    let accuse = records
        .iter()
        .find(|r| r["event_type"] == "ACCUSE")
        .unwrap_or_else(|| panic!("an ACCUSE record: {records:?}"));
    assert_eq!(accuse["language"], "en");
    assert_eq!(accuse["actor"][0]["country"], "TUR");
    assert_eq!(accuse["recipient"][0]["country"], "ISR");
}

#[test]
fn english_article_records_snapshot() {
    let records = coded(&repo().join("examples/articles/13_en_iran_israel_strikes.txt"));
    let lines: Vec<String> = records
        .iter()
        .map(|r| {
            let countries = |side: &str| {
                r[side]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e["country"].as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            format!(
                "{} {} {}->{} {} {} | {}",
                r["event_type"].as_str().unwrap_or(""),
                r["mode"].as_str().unwrap_or("-"),
                countries("actor"),
                countries("recipient"),
                r["date"].as_str().unwrap_or("-"),
                r["rule"].as_str().unwrap_or(""),
                r["trigger"].as_str().unwrap_or("")
            )
        })
        .collect();
    insta::assert_snapshot!("english_article_13", lines.join("\n"));
}

/// An English and an Indonesian report of the same phone call, stored
/// together, are one event with both mentions (the store's merge rules are
/// the same for every language: here the shared people corroborate).
#[test]
fn english_and_indonesian_reports_of_one_act_merge() {
    let dir = scratch("english-merge");
    let docs = [
        serde_json::json!({
            "id": "id-putin-pezeshkian",
            "url": "https://berita.example/dunia/putin-pezeshkian",
            "date": "2025-04-14",
            "title": "Putin dan Pezeshkian Bicara Lewat Telepon",
            "text": "Presiden Rusia Vladimir Putin berbicara melalui telepon dengan Presiden Iran Masoud Pezeshkian pada Senin (14/4/2025). Keduanya membahas program nuklir Iran."
        }),
        serde_json::json!({
            "id": "en-putin-pezeshkian",
            "url": "https://wire.example/world/putin-pezeshkian",
            "date": "2025-04-14",
            "language": "en",
            "title": "Putin and Pezeshkian discuss nuclear talks by phone",
            "text": "MOSCOW, April 14 - Russian President Vladimir Putin spoke by phone with Iranian President Masoud Pezeshkian on Monday, the Kremlin said."
        }),
    ];
    let file = dir.join("both.jsonl");
    let lines: Vec<String> = docs.iter().map(|d| d.to_string()).collect();
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let db = dir.join("both.db");
    let (file_arg, db_arg) = (file.to_str().unwrap(), db.to_str().unwrap());
    let ingest = warta(&["ingest", file_arg, "--db", db_arg]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let output = warta(&["events", "--db", db_arg, "--format", "jsonl"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let events = records(&stdout(&output));
    let calls: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["event_type"] == "CONSULT")
        .collect();
    assert_eq!(calls.len(), 1, "one call: {events:?}");
    let call = calls[0];
    assert_eq!(call["num_articles"], 2);
    assert_eq!(call["num_sources"], 2);
    let mut rules: Vec<&str> = call["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["rule"].as_str().unwrap()[..3])
        .collect();
    rules.sort_unstable();
    assert_eq!(rules, ["en/", "id/"], "{call}");
}

/// The shared attribute layers read English through the pack's words: the
/// place after "in", and tolls after "killing at least", "wounding".
#[test]
fn english_places_and_tolls() {
    let dir = scratch("english-attributes");
    let doc = serde_json::json!({
        "id": "en-rafah",
        "date": "2024-05-27",
        "language": "en",
        "text": "Israeli jets struck a camp in Rafah on Sunday, killing at least 45 people and wounding 249, Gaza's health ministry said."
    });
    let file = dir.join("rafah.jsonl");
    std::fs::write(&file, format!("{doc}\n")).unwrap();
    let records = coded(&file);
    let strike = records
        .iter()
        .find(|r| r["event_type"] == "ASSAULT")
        .unwrap_or_else(|| panic!("an ASSAULT record: {records:?}"));
    assert_eq!(strike["location"]["name"], "Rafah", "{strike}");
    assert_eq!(strike["location"]["country"], "PSE", "{strike}");
    assert_eq!(strike["size"]["dead"], 45, "{strike}");
    assert_eq!(strike["size"]["injured"], 249, "{strike}");
}
