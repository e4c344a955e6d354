//! `warta dyads` and `warta timeline` in their three formats (table, CSV,
//! JSON Lines) on a store of the seed reports: the formats hold the same
//! counts, and the timeline shows every day or ISO week between its first
//! and last, with zeros where nothing happened.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::*;
use serde_json::Value;

/// A store of the seed reports, made once for this file's tests.
fn seeds_db() -> &'static str {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = scratch("counts").join("seeds.db");
        let seeds = shared().join("seeds");
        let output = warta(&[
            "ingest",
            seeds.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        db
    })
    .to_str()
    .unwrap()
}

fn run(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--db", seeds_db()]);
    let output = warta(&all);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    stdout(&output)
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// (actor, recipient, type, events) of each dyad row.
type DyadCounts = Vec<(String, String, String, u64)>;

#[test]
fn dyads_as_csv_and_json_lines_hold_the_tables_counts() {
    let table = run(&["dyads", "--from", "2024-04", "--to", "2024-04"]);
    let from_table: DyadCounts = table
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
                cells[3].parse().unwrap(),
            )
        })
        .collect();
    assert!(from_table.len() >= 3, "{table}");

    let csv = run(&[
        "dyads", "--from", "2024-04", "--to", "2024-04", "--format", "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("actor,recipient,event_type,quad_class,events,goldstein")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 6), "{csv}");
    let from_csv: DyadCounts = rows
        .iter()
        .map(|r| (r[0].into(), r[1].into(), r[2].into(), r[4].parse().unwrap()))
        .collect();
    assert_eq!(from_csv, from_table);
    for r in &rows {
        let quad: u8 = r[3].parse().unwrap();
        assert!((1..=4).contains(&quad), "{r:?}");
        r[5].parse::<f64>().unwrap();
    }

    let json = jsonl(&run(&[
        "dyads", "--from", "2024-04", "--to", "2024-04", "--format", "jsonl",
    ]));
    let from_json: DyadCounts = json
        .iter()
        .map(|d| {
            (
                d["actor"].as_str().unwrap().into(),
                d["recipient"].as_str().unwrap().into(),
                d["event_type"].as_str().unwrap().into(),
                d["events"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_json, from_table);
    assert!(json
        .iter()
        .all(|d| d["quad_class"].is_u64() && d["goldstein"].is_f64()));
    // Quad classes follow the types (CONSULT is verbal cooperation).
    assert!(json
        .iter()
        .filter(|d| d["event_type"] == "CONSULT")
        .all(|d| d["quad_class"] == 1));
    // --limit holds in every format.
    assert_eq!(
        run(&["dyads", "--format", "jsonl", "--limit", "2"])
            .lines()
            .count(),
        2
    );
    assert_eq!(
        run(&["dyads", "--format", "csv", "--limit", "2"])
            .lines()
            .count(),
        3
    );
}

#[test]
fn timeline_as_csv_and_json_lines_agree() {
    let csv = run(&["timeline", "--by", "week", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("period,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,total")
    );
    let rows: Vec<(String, [u64; 4], u64)> = lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            assert_eq!(cells.len(), 6, "{l}");
            let n = |i: usize| cells[i].parse::<u64>().unwrap();
            (cells[0].to_owned(), [n(1), n(2), n(3), n(4)], n(5))
        })
        .collect();
    assert!(rows.iter().all(|(_, q, t)| q.iter().sum::<u64>() == *t));
    let json = jsonl(&run(&["timeline", "--by", "week", "--format", "jsonl"]));
    let from_json: Vec<(String, [u64; 4], u64)> = json
        .iter()
        .map(|r| {
            let q: Vec<u64> = r["quad_class"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            (
                r["period"].as_str().unwrap().to_owned(),
                [q[0], q[1], q[2], q[3]],
                r["total"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_json, rows);
    assert!(json
        .iter()
        .all(|r| r["goldstein"].as_array().unwrap().len() == 4));
    // The table holds the same rows and says what it left out.
    let table = run(&["timeline", "--by", "week"]);
    assert_eq!(table.lines().count(), rows.len() + 2, "{table}");
    assert!(table.trim_end().ends_with("are not shown)"), "{table}");
}

#[test]
fn the_timeline_fills_days_and_weeks_without_events_with_zeros() {
    // The seeds tell of 1, 13, 16 and 17 April 2024.
    let csv = run(&[
        "timeline",
        "--from",
        "2024-04-01",
        "--to",
        "2024-04-20",
        "--format",
        "csv",
    ]);
    let rows: Vec<(NaiveDate, u64)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (
                NaiveDate::parse_from_str(cells[0], "%Y-%m-%d").unwrap(),
                cells[5].parse().unwrap(),
            )
        })
        .collect();
    let day = |d: u32| NaiveDate::from_ymd_opt(2024, 4, d).unwrap();
    assert_eq!(rows.first().map(|r| r.0), Some(day(1)), "{csv}");
    assert_eq!(rows.last().map(|r| r.0), Some(day(17)), "{csv}");
    // Every day from the first to the last, once, in order.
    for pair in rows.windows(2) {
        assert_eq!(
            pair[0].0.checked_add_days(Days::new(1)),
            Some(pair[1].0),
            "{csv}"
        );
    }
    for (date, total) in &rows {
        let told = [1, 13, 16, 17].contains(&date.day());
        assert_eq!(*total > 0, told, "{date}: {csv}");
    }

    // Weeks: from October 2023 to April 2024, every ISO week, the empty
    // ones as zeros in every format.
    let weekly = [
        "timeline",
        "--by",
        "week",
        "--from",
        "2023-10-01",
        "--to",
        "2024-04-30",
    ];
    let json = jsonl(&run(&[&weekly[..], &["--format", "jsonl"]].concat()));
    let weeks: Vec<NaiveDate> = json
        .iter()
        .map(|r| {
            let period = r["period"].as_str().unwrap();
            let (year, week) = period.split_once("-W").unwrap();
            NaiveDate::from_isoywd_opt(year.parse().unwrap(), week.parse().unwrap(), Weekday::Mon)
                .unwrap()
        })
        .collect();
    assert!(weeks.len() > 20, "{json:?}");
    for pair in weeks.windows(2) {
        assert_eq!(pair[0].checked_add_days(Days::new(7)), Some(pair[1]));
    }
    let empty: Vec<&Value> = json.iter().filter(|r| r["total"] == 0).collect();
    assert!(empty.len() > 15, "{json:?}");
    assert!(empty
        .iter()
        .all(|r| r["quad_class"] == serde_json::json!([0, 0, 0, 0])));
    let table = run(&weekly);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == ["2024-W01", "0", "0", "0", "0", "0"]),
        "{table}"
    );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    for command in ["dyads", "timeline"] {
        let output = warta(&[command, "--format", "xml", "--db", seeds_db()]);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("table, csv, jsonl"),
            "{}",
            stderr(&output)
        );
    }
}
