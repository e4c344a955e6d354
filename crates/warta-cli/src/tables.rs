//! `warta dyads` and `warta timeline`: counts over the stored events, as an
//! aligned table (for reading), CSV or JSON Lines (for other tools). The
//! columns are described in docs/cli.md.

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use clap::ValueEnum;
use warta_store::{Bucket, Dyad, EventFilter, Store, TimelineRow};

use crate::store::{FilterArgs, Period};

#[derive(Clone, Copy, ValueEnum, Debug, PartialEq, Eq)]
pub enum CountFormat {
    /// Aligned columns with a header line.
    Table,
    /// Comma-separated, with a header line.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// The quad classes' names, in class order (1 to 4): CSV column names.
const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

/// A CSV field, quoted when it must be.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Dyads of every quad class matching `filter`, most events first.
fn dyad_rows(store: &Store, filter: &EventFilter) -> anyhow::Result<Vec<Dyad>> {
    Ok(store.dyads(filter)?)
}

pub fn dyads(
    db: &Path,
    filters: &FilterArgs,
    limit: Option<usize>,
    format: CountFormat,
) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(db)?;
    let rows = dyad_rows(&store, &filters.filter()?)?;
    let rows = rows.iter().take(limit.unwrap_or(usize::MAX));
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        CountFormat::Table => {
            writeln!(
                out,
                "{:<8} {:<10} {:<12} {:>7}",
                "actor", "recipient", "type", "events"
            )?;
            for dyad in rows {
                writeln!(
                    out,
                    "{:<8} {:<10} {:<12} {:>7}",
                    dyad.actor, dyad.recipient, dyad.event_type, dyad.events
                )?;
            }
        }
        CountFormat::Csv => {
            writeln!(
                out,
                "actor,recipient,event_type,quad_class,events,goldstein"
            )?;
            for dyad in rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{}",
                    csv_field(&dyad.actor),
                    csv_field(&dyad.recipient),
                    csv_field(&dyad.event_type),
                    dyad.quad_class,
                    dyad.events,
                    dyad.goldstein
                )?;
            }
        }
        CountFormat::Jsonl => {
            for dyad in rows {
                serde_json::to_writer(&mut out, dyad)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The first day of a period label made by the store's timeline
/// ("2024-04-16", or the Monday of "2024-W16").
fn period_start(period: &str, by: Period) -> Option<NaiveDate> {
    match by {
        Period::Day => NaiveDate::parse_from_str(period, "%Y-%m-%d").ok(),
        Period::Week => {
            let (year, week) = period.split_once("-W")?;
            NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)
        }
    }
}

/// The label of the period starting on `day`, as the store writes it.
fn period_label(day: NaiveDate, by: Period) -> String {
    match by {
        Period::Day => day.to_string(),
        Period::Week => {
            let week = day.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
    }
}

fn next_period(day: NaiveDate, by: Period) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(match by {
        Period::Day => 1,
        Period::Week => 7,
    }))
}

/// `rows` (oldest first, as the store gives them) with every missing
/// period between the first and the last added with zero counts.
pub fn fill_periods(rows: Vec<TimelineRow>, by: Period) -> Vec<TimelineRow> {
    let mut filled: Vec<TimelineRow> = Vec::with_capacity(rows.len());
    let mut expected: Option<NaiveDate> = None;
    for row in rows {
        let start = period_start(&row.period, by);
        if let (Some(mut day), Some(start)) = (expected, start) {
            while day < start {
                filled.push(TimelineRow {
                    period: period_label(day, by),
                    quad_class: [0; 4],
                    total: 0,
                    goldstein: [0.0; 4],
                });
                match next_period(day, by) {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        expected = start.and_then(|s| next_period(s, by));
        filled.push(row);
    }
    filled
}

pub fn timeline(
    db: &Path,
    filters: &FilterArgs,
    by: Period,
    format: CountFormat,
) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(db)?;
    let bucket = match by {
        Period::Day => Bucket::Day,
        Period::Week => Bucket::Week,
    };
    let (rows, left_out) = store.timeline(&filters.filter()?, bucket)?;
    let rows = fill_periods(rows, by);
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        CountFormat::Table => {
            writeln!(
                out,
                "{:<10} {:>7} {:>7} {:>7} {:>7} {:>7}",
                "period", "verbal+", "mater+", "verbal-", "mater-", "total"
            )?;
            for row in &rows {
                let [q1, q2, q3, q4] = row.quad_class;
                writeln!(
                    out,
                    "{:<10} {q1:>7} {q2:>7} {q3:>7} {q4:>7} {:>7}",
                    row.period, row.total
                )?;
            }
            if left_out > 0 {
                writeln!(
                    out,
                    "({left_out} events dated only to a month or year, or undated, are not shown)"
                )?;
            }
        }
        CountFormat::Csv => {
            writeln!(out, "period,{},total", QUADS.join(","))?;
            for row in &rows {
                let [q1, q2, q3, q4] = row.quad_class;
                writeln!(out, "{},{q1},{q2},{q3},{q4},{}", row.period, row.total)?;
            }
        }
        CountFormat::Jsonl => {
            for row in &rows {
                serde_json::to_writer(&mut out, row)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    if left_out > 0 && format != CountFormat::Table {
        // Said beside the data, not in it.
        eprintln!(
            "warta timeline: {left_out} events dated only to a month or year, or undated, are not counted"
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(period: &str, total: usize) -> TimelineRow {
        TimelineRow {
            period: period.to_owned(),
            quad_class: [total, 0, 0, 0],
            total,
            goldstein: [0.0; 4],
        }
    }

    fn periods(rows: &[TimelineRow]) -> Vec<(&str, usize)> {
        rows.iter().map(|r| (r.period.as_str(), r.total)).collect()
    }

    #[test]
    fn missing_days_are_filled_with_zeros() {
        let rows = vec![
            row("2024-02-27", 1),
            row("2024-03-01", 2),
            row("2024-03-02", 1),
        ];
        assert_eq!(
            periods(&fill_periods(rows, Period::Day)),
            [
                ("2024-02-27", 1),
                ("2024-02-28", 0),
                ("2024-02-29", 0),
                ("2024-03-01", 2),
                ("2024-03-02", 1)
            ]
        );
    }

    #[test]
    fn missing_iso_weeks_are_filled_across_a_year_end() {
        // 2020 has 53 ISO weeks; 2021-W01 begins on 4 January 2021.
        let rows = vec![row("2020-W52", 1), row("2021-W02", 3)];
        assert_eq!(
            periods(&fill_periods(rows, Period::Week)),
            [
                ("2020-W52", 1),
                ("2020-W53", 0),
                ("2021-W01", 0),
                ("2021-W02", 3)
            ]
        );
    }

    #[test]
    fn nothing_to_fill() {
        assert!(fill_periods(Vec::new(), Period::Day).is_empty());
        let one = vec![row("2024-W16", 4)];
        assert_eq!(periods(&fill_periods(one, Period::Week)), [("2024-W16", 4)]);
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("RUS"), "RUS");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
