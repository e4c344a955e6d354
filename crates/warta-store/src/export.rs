//! Exports of stored events: JSON Lines (the record plus mentions and
//! aggregates), CSV (the record's columns plus aggregates), a GDELT 2.0
//! event-table layout (tab-separated), and Parquet for pandas, R, DuckDB
//! and Spark. All stream events from the store one by one (Parquet one row
//! group at a time).

use std::io::Write;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use warta_record::{csv_header, write_csv_row, Entity};

use crate::goldstein::goldstein;
use crate::merge::{day_number, When};
use crate::query::{EventFilter, Page, StoredEvent};
use crate::{Result, Store, StoreError};

fn write_error(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError {
        path: what.into(),
        reason: format!("cannot write: {e}"),
    }
}

/// One JSON object per event per line; returns how many were written.
pub fn write_jsonl(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<usize> {
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        let line = serde_json::to_string(&event).map_err(|e| write_error(out_name, e))?;
        writeln!(out, "{line}").map_err(|e| write_error(out_name, e))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// Columns the CSV export adds after the record's own.
pub const CSV_EXTRA_COLUMNS: &[&str] = &[
    "event_id",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_seen",
    "last_seen",
    "mention_doc_ids",
];

fn push_csv_field(field: &str, out: &mut String) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn mention_doc_ids(event: &StoredEvent) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for mention in &event.mentions {
        if !ids.contains(&mention.doc_id.as_str()) {
            ids.push(&mention.doc_id);
        }
    }
    ids.join(";")
}

/// The record CSV of `warta code` with the aggregates appended.
pub fn write_csv(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<usize> {
    let mut header = csv_header().trim_end().to_owned();
    for column in CSV_EXTRA_COLUMNS {
        header.push(',');
        header.push_str(column);
    }
    writeln!(out, "{header}").map_err(|e| write_error(out_name, e))?;
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        let mut line = String::new();
        write_csv_row(&event.record, &mut line);
        line.truncate(line.trim_end_matches('\n').len());
        let extras = [
            event.event_id.clone(),
            event.num_mentions.to_string(),
            event.num_articles.to_string(),
            event.num_sources.to_string(),
            event.first_seen.clone().unwrap_or_default(),
            event.last_seen.clone().unwrap_or_default(),
            mention_doc_ids(&event),
        ];
        for field in &extras {
            line.push(',');
            push_csv_field(field, &mut line);
        }
        line.push('\n');
        out.write_all(line.as_bytes())
            .map_err(|e| write_error(out_name, e))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// The GDELT 2.0 event-table columns Warta can fill, in GDELT's order,
/// then `DatePrecision`: GDELT's SQLDATE is always a day, so an event known
/// only to its month or year gives the first day there and says `month` or
/// `year` in this last column (empty when undated).
/// Country codes are ISO 3166 alpha-3 (GDELT's ActionGeo uses FIPS).
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "DATEADDED",
    "SOURCEURL",
    "DatePrecision",
];

/// A mention in the first sentences counts as the lead (GDELT's root event).
const LEAD_SENTENCES: usize = 3;

/// The two sides as GDELT's Actor1 and Actor2: the first actor and the
/// first recipient, or, for an act done together, the first actor of
/// another country.
fn gdelt_actors(event: &StoredEvent) -> (Option<&Entity>, Option<&Entity>) {
    let record = &event.record;
    let first = record.actor.first();
    let second = record.recipient.first().or_else(|| {
        record
            .actor
            .iter()
            .skip(1)
            .find(|e| e.country.is_some() && e.country != first.and_then(|f| f.country.clone()))
    });
    (first, second)
}

fn gdelt_actor(entity: Option<&Entity>) -> [String; 3] {
    let Some(entity) = entity else {
        return Default::default();
    };
    let code = format!(
        "{}{}",
        entity.country.as_deref().unwrap_or(""),
        entity.sector.as_deref().unwrap_or("")
    );
    let name = entity
        .name
        .clone()
        .unwrap_or_else(|| entity.text.clone())
        .to_uppercase();
    [code, name, entity.country.clone().unwrap_or_default()]
}

fn gdelt_row(event: &StoredEvent) -> Vec<String> {
    let record = &event.record;
    let day = When::of(record).map(|w| w.extent().0);
    let (sqldate, month_year, year, fraction) = match day {
        Some(d) => {
            use chrono::Datelike;
            (
                d.format("%Y%m%d").to_string(),
                d.format("%Y%m").to_string(),
                d.year().to_string(),
                format!(
                    "{:.4}",
                    f64::from(d.year()) + f64::from(d.ordinal()) / 365.0
                ),
            )
        }
        None => Default::default(),
    };
    let (one, two) = gdelt_actors(event);
    let cameo = &record.cameo;
    let prefix = |n: usize| cameo.get(..n).unwrap_or(cameo).to_owned();
    let is_root = event
        .mentions
        .iter()
        .any(|m| m.sentence_index < LEAD_SENTENCES);
    let location = record.location.as_ref();
    let geo_type = match location {
        Some(l) if l.lat.is_some() && l.lon.is_some() => "4",
        Some(l) if l.country.is_some() => "1",
        _ => "",
    };
    let first_mention = event.mentions.first();
    let added = first_mention
        .map(|m| {
            m.ingested_at
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .unwrap_or_default();
    let mut row = vec![event.row.to_string(), sqldate, month_year, year, fraction];
    row.extend(gdelt_actor(one));
    row.extend(gdelt_actor(two));
    row.extend([
        u8::from(is_root).to_string(),
        cameo.clone(),
        prefix(3),
        prefix(2),
        record.quad_class.to_string(),
        goldstein(cameo).map(|g| g.to_string()).unwrap_or_default(),
        event.num_mentions.to_string(),
        event.num_sources.to_string(),
        event.num_articles.to_string(),
        String::new(),
        geo_type.to_owned(),
        location
            .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
            .unwrap_or_default(),
        location.and_then(|l| l.country.clone()).unwrap_or_default(),
        location
            .and_then(|l| l.lat)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        location
            .and_then(|l| l.lon)
            .map(|v| v.to_string())
            .unwrap_or_default(),
        added,
        first_mention
            .and_then(|m| m.url.clone())
            .unwrap_or_default(),
        if day.is_some() {
            record.date_precision.clone().unwrap_or_default()
        } else {
            String::new()
        },
    ]);
    row
}

/// One tab-separated line. A tab or line break inside a field would shift
/// every later column: they become spaces.
fn tsv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| f.replace(['\t', '\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\t")
}

/// GDELT 2.0 event-table layout, tab-separated, with a header line.
pub fn write_gdelt(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<usize> {
    writeln!(out, "{}", GDELT_COLUMNS.join("\t")).map_err(|e| write_error(out_name, e))?;
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        writeln!(out, "{}", tsv_line(&gdelt_row(&event))).map_err(|e| write_error(out_name, e))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// The mentions export's columns: one row per report of an event, as
/// GDELT's mentions table has (tab-separated, with a header line).
pub const MENTION_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "event_id",
    "doc_id",
    "source",
    "url",
    "publication_date",
    "sentence_index",
    "span_start",
    "span_end",
    "trigger",
    "rule",
    "merge",
    "sentence",
];

/// One row per mention of every matching event; returns how many events.
pub fn write_mentions(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<usize> {
    writeln!(out, "{}", MENTION_COLUMNS.join("\t")).map_err(|e| write_error(out_name, e))?;
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        for m in &event.mentions {
            let row = [
                event.row.to_string(),
                event.event_id.clone(),
                m.doc_id.clone(),
                m.source.clone().unwrap_or_default(),
                m.url.clone().unwrap_or_default(),
                m.publication_date.clone().unwrap_or_default(),
                m.sentence_index.to_string(),
                m.span[0].to_string(),
                m.span[1].to_string(),
                m.trigger.clone(),
                m.rule.clone(),
                m.merge.clone(),
                m.sentence.clone(),
            ];
            writeln!(out, "{}", tsv_line(&row)).map_err(|e| write_error(out_name, e))?;
        }
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// One Parquet cell.
enum Cell {
    Text(Option<String>),
    Int32(Option<i32>),
    Int64(Option<i64>),
    Double(Option<f64>),
}

/// The Parquet schema: flat columns (lists joined with `;`), dates as
/// DATE, and the whole JSON object in `json` for anything else.
const PARQUET_SCHEMA: &str = "
message warta_event {
  REQUIRED BYTE_ARRAY event_id (UTF8);
  REQUIRED BYTE_ARRAY event_type (UTF8);
  OPTIONAL BYTE_ARRAY mode (UTF8);
  REQUIRED BYTE_ARRAY cameo (UTF8);
  REQUIRED INT32 quad_class;
  REQUIRED DOUBLE intensity;
  OPTIONAL DOUBLE goldstein;
  REQUIRED BYTE_ARRAY actor_names (UTF8);
  REQUIRED BYTE_ARRAY actor_countries (UTF8);
  REQUIRED BYTE_ARRAY recipient_names (UTF8);
  REQUIRED BYTE_ARRAY recipient_countries (UTF8);
  OPTIONAL BYTE_ARRAY date (UTF8);
  OPTIONAL BYTE_ARRAY date_precision (UTF8);
  REQUIRED BYTE_ARRAY date_source (UTF8);
  OPTIONAL INT32 event_date (DATE);
  OPTIONAL BYTE_ARRAY location_name (UTF8);
  OPTIONAL BYTE_ARRAY location_country (UTF8);
  OPTIONAL DOUBLE location_lat;
  OPTIONAL DOUBLE location_lon;
  OPTIONAL INT64 dead;
  OPTIONAL INT64 injured;
  OPTIONAL INT64 arrested;
  REQUIRED INT64 num_mentions;
  REQUIRED INT64 num_articles;
  REQUIRED INT64 num_sources;
  OPTIONAL INT32 first_seen (DATE);
  OPTIONAL INT32 last_seen (DATE);
  REQUIRED BYTE_ARRAY sentence (UTF8);
  REQUIRED BYTE_ARRAY trigger (UTF8);
  REQUIRED BYTE_ARRAY rule (UTF8);
  REQUIRED DOUBLE confidence;
  REQUIRED BYTE_ARRAY mention_doc_ids (UTF8);
  REQUIRED BYTE_ARRAY json (UTF8);
}";

fn joined(entities: &[Entity], value: impl Fn(&Entity) -> Option<String>) -> String {
    entities
        .iter()
        .map(|e| value(e).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(";")
}

fn date_cell(date: Option<&str>) -> Cell {
    let days = date
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .and_then(|d| i32::try_from(day_number(d)).ok());
    Cell::Int32(days)
}

fn count(n: usize) -> Cell {
    Cell::Int64(Some(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn parquet_row(event: &StoredEvent) -> Vec<Cell> {
    let r = &event.record;
    let location = r.location.as_ref();
    let size = |v: Option<u64>| Cell::Int64(v.and_then(|n| i64::try_from(n).ok()));
    let start = When::of(r).map(|w| w.extent().0.to_string());
    vec![
        Cell::Text(Some(event.event_id.clone())),
        Cell::Text(Some(r.event_type.clone())),
        Cell::Text(r.mode.clone()),
        Cell::Text(Some(r.cameo.clone())),
        Cell::Int32(Some(i32::from(r.quad_class))),
        Cell::Double(Some(r.intensity)),
        Cell::Double(goldstein(&r.cameo)),
        Cell::Text(Some(joined(&r.actor, |e| e.name.clone()))),
        Cell::Text(Some(joined(&r.actor, |e| e.country.clone()))),
        Cell::Text(Some(joined(&r.recipient, |e| e.name.clone()))),
        Cell::Text(Some(joined(&r.recipient, |e| e.country.clone()))),
        Cell::Text(r.date.clone()),
        Cell::Text(r.date_precision.clone()),
        Cell::Text(Some(r.date_source.clone())),
        date_cell(start.as_deref()),
        Cell::Text(location.map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))),
        Cell::Text(location.and_then(|l| l.country.clone())),
        Cell::Double(location.and_then(|l| l.lat)),
        Cell::Double(location.and_then(|l| l.lon)),
        size(r.size.dead),
        size(r.size.injured),
        size(r.size.arrested),
        count(event.num_mentions),
        count(event.num_articles),
        count(event.num_sources),
        date_cell(event.first_seen.as_deref()),
        date_cell(event.last_seen.as_deref()),
        Cell::Text(Some(r.sentence.clone())),
        Cell::Text(Some(r.trigger.clone())),
        Cell::Text(Some(r.rule.clone())),
        Cell::Double(Some(r.confidence)),
        Cell::Text(Some(mention_doc_ids(event))),
        Cell::Text(Some(serde_json::to_string(event).unwrap_or_default())),
    ]
}

/// Events per Parquet row group: bounds memory on large exports.
const ROW_GROUP: usize = 8192;

/// Writes matching events to a Parquet file (uncompressed, dictionary
/// encoded); returns how many.
pub fn write_parquet(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    path: &std::path::Path,
) -> Result<usize> {
    let name = path.display().to_string();
    let fail = |e: &dyn std::fmt::Display| write_error(&name, e);
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(|e| fail(&e))?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .set_created_by(format!("warta {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
    let mut writer = SerializedFileWriter::new(file, schema, properties).map_err(|e| fail(&e))?;
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(ROW_GROUP);
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        rows.push(parquet_row(&event));
        n += 1;
        if rows.len() == ROW_GROUP {
            write_row_group(&mut writer, &mut rows).map_err(|e| fail(&e))?;
        }
        Ok(())
    })?;
    // A file with no rows still has a (empty) row group, so readers see the schema.
    if !rows.is_empty() || n == 0 {
        write_row_group(&mut writer, &mut rows).map_err(|e| fail(&e))?;
    }
    writer.close().map_err(|e| fail(&e))?;
    Ok(n)
}

fn write_row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    rows: &mut Vec<Vec<Cell>>,
) -> parquet::errors::Result<()> {
    let mut group = writer.next_row_group()?;
    let mut index = 0;
    while let Some(mut column) = group.next_column()? {
        let cells = rows.iter_mut().map(|row| {
            std::mem::replace(
                row.get_mut(index).unwrap_or(&mut Cell::Int32(None)),
                Cell::Int32(None),
            )
        });
        write_column(column.untyped(), cells.collect(), index)?;
        column.close()?;
        index += 1;
    }
    group.close()?;
    rows.clear();
    Ok(())
}

/// Present values and definition levels (1 present, 0 null) of a column.
fn split<T>(cells: Vec<Option<T>>) -> (Vec<T>, Vec<i16>) {
    let levels = cells.iter().map(|c| i16::from(c.is_some())).collect();
    (cells.into_iter().flatten().collect(), levels)
}

fn write_column(
    writer: &mut ColumnWriter,
    cells: Vec<Cell>,
    index: usize,
) -> parquet::errors::Result<()> {
    let mismatch = || {
        parquet::errors::ParquetError::General(format!(
            "column {index}: cell type does not match the schema"
        ))
    };
    // Required columns take no definition levels.
    let required = !writer_is_optional(writer);
    let levels = |l: &[i16]| if required { None } else { Some(l.to_vec()) };
    match writer {
        ColumnWriter::ByteArrayColumnWriter(w) => {
            let values: Option<Vec<Option<ByteArray>>> = cells
                .into_iter()
                .map(|c| match c {
                    Cell::Text(t) => Some(t.map(|s| ByteArray::from(s.into_bytes()))),
                    _ => None,
                })
                .collect();
            let (values, l) = split(values.ok_or_else(mismatch)?);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::Int32ColumnWriter(w) => {
            let values: Option<Vec<Option<i32>>> = cells
                .into_iter()
                .map(|c| match c {
                    Cell::Int32(v) => Some(v),
                    _ => None,
                })
                .collect();
            let (values, l) = split(values.ok_or_else(mismatch)?);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::Int64ColumnWriter(w) => {
            let values: Option<Vec<Option<i64>>> = cells
                .into_iter()
                .map(|c| match c {
                    Cell::Int64(v) => Some(v),
                    _ => None,
                })
                .collect();
            let (values, l) = split(values.ok_or_else(mismatch)?);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::DoubleColumnWriter(w) => {
            let values: Option<Vec<Option<f64>>> = cells
                .into_iter()
                .map(|c| match c {
                    Cell::Double(v) => Some(v),
                    _ => None,
                })
                .collect();
            let (values, l) = split(values.ok_or_else(mismatch)?);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

fn writer_is_optional(writer: &ColumnWriter) -> bool {
    let descr = match writer {
        ColumnWriter::ByteArrayColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::Int32ColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::Int64ColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::DoubleColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::BoolColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::Int96ColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::FloatColumnWriter(w) => w.get_descriptor(),
        ColumnWriter::FixedLenByteArrayColumnWriter(w) => w.get_descriptor(),
    };
    descr.max_def_level() > 0
}
