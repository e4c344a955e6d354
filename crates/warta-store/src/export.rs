//! Exports of stored events: JSON Lines (the record plus mentions and
//! aggregates), CSV (the record's columns plus aggregates), GDELT 2.0's
//! event table (the exact 61 columns, or a headed subset with the date's
//! precision), a mentions table, and Parquet for pandas, R, DuckDB and
//! Spark. All stream events from the store one by one (Parquet one row
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

/// The `gdelt-like` export: the GDELT 2.0 event-table columns Warta can
/// fill, in GDELT's order, with a header line, then `DatePrecision`:
/// GDELT's SQLDATE is always a day, so an event known only to its month or
/// year gives the first day there and says `month` or `year` in this last
/// column (empty when undated). Country codes are ISO 3166 alpha-3.
pub const GDELT_LIKE_COLUMNS: &[&str] = &[
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

/// The 61 columns of GDELT 2.0's event table, in its order. The `gdelt`
/// export writes them without a header, as GDELT's own files are.
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
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
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// A mention in the first sentences counts as the lead (GDELT's root event).
const LEAD_SENTENCES: usize = 3;

/// Codes of the coding guide that name a kind of actor, not a state: in
/// GDELT they are a type code, and the country code stays empty.
const NON_STATE_CODES: &[&str] = &["IGO", "NGO", "MNC", "IMG"];

/// GDELT's Actor1 and Actor2 rows of an event. An act done together (all
/// parties on the actor side) gives every directed pair of its countries,
/// both ways, as `warta dyads` counts it; any other act gives one row, its
/// first actor and first recipient.
fn gdelt_pairs(event: &StoredEvent) -> Vec<(Option<&Entity>, Option<&Entity>)> {
    let record = &event.record;
    if record.recipient.is_empty() {
        let mut sides: Vec<&Entity> = Vec::new();
        for e in &record.actor {
            if e.country.is_some() && !sides.iter().any(|s| s.country == e.country) {
                sides.push(e);
            }
        }
        if sides.len() >= 2 {
            let mut pairs = Vec::new();
            for a in &sides {
                for b in &sides {
                    if a.country != b.country {
                        pairs.push((Some(*a), Some(*b)));
                    }
                }
            }
            return pairs;
        }
    }
    vec![(record.actor.first(), record.recipient.first())]
}

/// Code, name and country of one side, as GDELT's Actor1Code (`RUSGOV`),
/// Actor1Name (capitals) and Actor1CountryCode.
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

/// The ten Actor columns of the full layout: code, name, country, known
/// group (`UNO`), ethnic and two religion codes (Warta codes none), and
/// three type codes (the sector, then a non-state kind).
fn gdelt_actor_full(entity: Option<&Entity>) -> [String; 10] {
    let mut out: [String; 10] = Default::default();
    let Some(entity) = entity else {
        return out;
    };
    let [code, name, country] = gdelt_actor(Some(entity));
    let non_state = NON_STATE_CODES.contains(&country.as_str());
    let group = matches!(country.as_str(), "UNO");
    out[0] = code;
    out[1] = name;
    if !non_state && !group {
        out[2] = country.clone();
    }
    if group {
        out[3] = country.clone();
    }
    let mut types = entity
        .sector
        .iter()
        .cloned()
        .chain(non_state.then_some(country));
    out[7] = types.next().unwrap_or_default();
    out[8] = types.next().unwrap_or_default();
    out
}

/// What both GDELT shapes share about an event.
struct GdeltEvent {
    sqldate: String,
    month_year: String,
    year: String,
    fraction: String,
    is_root: String,
    cameo: String,
    base_code: String,
    root_code: String,
    quad_class: String,
    goldstein: String,
    num_mentions: String,
    num_sources: String,
    num_articles: String,
    date_added: String,
    url: String,
    precision: String,
}

impl GdeltEvent {
    /// GLOBALEVENTID and the four date columns.
    fn when(&self, row: i64) -> Vec<String> {
        vec![
            row.to_string(),
            self.sqldate.clone(),
            self.month_year.clone(),
            self.year.clone(),
            self.fraction.clone(),
        ]
    }

    /// IsRootEvent to AvgTone: the act and how often it was reported.
    fn what(&self) -> [String; 10] {
        [
            self.is_root.clone(),
            self.cameo.clone(),
            self.base_code.clone(),
            self.root_code.clone(),
            self.quad_class.clone(),
            self.goldstein.clone(),
            self.num_mentions.clone(),
            self.num_sources.clone(),
            self.num_articles.clone(),
            String::new(),
        ]
    }

    fn of(event: &StoredEvent) -> Self {
        use chrono::Datelike;
        let record = &event.record;
        let day = When::of(record).map(|w| w.extent().0);
        let cameo = &record.cameo;
        let prefix = |n: usize| cameo.get(..n).unwrap_or(cameo).to_owned();
        let is_root = event
            .mentions
            .iter()
            .any(|m| m.sentence_index < LEAD_SENTENCES);
        let first_mention = event.mentions.first();
        GdeltEvent {
            sqldate: day
                .map(|d| d.format("%Y%m%d").to_string())
                .unwrap_or_default(),
            month_year: day
                .map(|d| d.format("%Y%m").to_string())
                .unwrap_or_default(),
            year: day.map(|d| d.year().to_string()).unwrap_or_default(),
            fraction: day
                .map(|d| {
                    format!(
                        "{:.4}",
                        f64::from(d.year()) + f64::from(d.ordinal()) / 365.0
                    )
                })
                .unwrap_or_default(),
            is_root: u8::from(is_root).to_string(),
            cameo: cameo.clone(),
            base_code: prefix(3),
            root_code: prefix(2),
            quad_class: record.quad_class.to_string(),
            goldstein: goldstein(cameo).map(|g| g.to_string()).unwrap_or_default(),
            num_mentions: event.num_mentions.to_string(),
            num_sources: event.num_sources.to_string(),
            num_articles: event.num_articles.to_string(),
            date_added: first_mention
                .map(|m| m.ingested_at.chars().filter(char::is_ascii_digit).collect())
                .unwrap_or_default(),
            url: first_mention
                .and_then(|m| m.url.clone())
                .unwrap_or_default(),
            precision: if day.is_some() {
                record.date_precision.clone().unwrap_or_default()
            } else {
                String::new()
            },
        }
    }
}

/// The location's GDELT type (4 a place with coordinates, 1 a country),
/// name, country code (as given by `country_code`), latitude and longitude.
fn action_geo(event: &StoredEvent, country_code: &dyn Fn(&str) -> String) -> [String; 5] {
    let Some(l) = event.record.location.as_ref() else {
        return Default::default();
    };
    let kind = if l.lat.is_some() && l.lon.is_some() {
        "4"
    } else if l.country.is_some() {
        "1"
    } else {
        ""
    };
    [
        kind.to_owned(),
        l.name.clone().unwrap_or_else(|| l.text.clone()),
        l.country.as_deref().map(country_code).unwrap_or_default(),
        l.lat.map(|v| v.to_string()).unwrap_or_default(),
        l.lon.map(|v| v.to_string()).unwrap_or_default(),
    ]
}

fn gdelt_like_rows(event: &StoredEvent) -> Vec<Vec<String>> {
    let shared = GdeltEvent::of(event);
    let [geo_type, geo_name, geo_country, lat, lon] = action_geo(event, &|c| c.to_owned());
    gdelt_pairs(event)
        .into_iter()
        .map(|(one, two)| {
            let mut row = shared.when(event.row);
            row.extend(gdelt_actor(one));
            row.extend(gdelt_actor(two));
            row.extend(shared.what());
            row.extend([
                geo_type.clone(),
                geo_name.clone(),
                geo_country.clone(),
                lat.clone(),
                lon.clone(),
                shared.date_added.clone(),
                shared.url.clone(),
                shared.precision.clone(),
            ]);
            row
        })
        .collect()
}

fn gdelt_rows(event: &StoredEvent, fips: &dyn Fn(&str) -> Option<String>) -> Vec<Vec<String>> {
    let shared = GdeltEvent::of(event);
    let [geo_type, geo_name, geo_country, lat, lon] =
        action_geo(event, &|c| fips(c).unwrap_or_default());
    // GDELT's FeatureID of a country-level place is its country code.
    let feature = if geo_type == "1" {
        geo_country.clone()
    } else {
        String::new()
    };
    // No place of the actors is coded: type 0, as GDELT writes it.
    let no_geo = ["0", "", "", "", "", "", "", ""].map(str::to_owned);
    gdelt_pairs(event)
        .into_iter()
        .map(|(one, two)| {
            let mut row = shared.when(event.row);
            row.extend(gdelt_actor_full(one));
            row.extend(gdelt_actor_full(two));
            row.extend(shared.what());
            row.extend(no_geo.clone());
            row.extend(no_geo.clone());
            row.extend([
                if geo_type.is_empty() {
                    "0".to_owned()
                } else {
                    geo_type.clone()
                },
                geo_name.clone(),
                geo_country.clone(),
                String::new(),
                String::new(),
                lat.clone(),
                lon.clone(),
                feature.clone(),
                shared.date_added.clone(),
                shared.url.clone(),
            ]);
            row
        })
        .collect()
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

/// The `gdelt-like` export: GDELT 2.0's columns that Warta fills, with a
/// header line and `DatePrecision` last; returns how many events.
pub fn write_gdelt_like(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<usize> {
    writeln!(out, "{}", GDELT_LIKE_COLUMNS.join("\t")).map_err(|e| write_error(out_name, e))?;
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        for row in gdelt_like_rows(&event) {
            writeln!(out, "{}", tsv_line(&row)).map_err(|e| write_error(out_name, e))?;
        }
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// GDELT 2.0's event table as GDELT writes it: 61 tab-separated columns,
/// no header. `fips` gives the FIPS 10-4 code GDELT's geography columns
/// use for an ISO alpha-3 country; returns how many events.
pub fn write_gdelt(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: &mut dyn Write,
    out_name: &str,
    fips: &dyn Fn(&str) -> Option<String>,
) -> Result<usize> {
    let mut n = 0;
    store.for_each_event(filter, page, |event| {
        for row in gdelt_rows(&event, fips) {
            writeln!(out, "{}", tsv_line(&row)).map_err(|e| write_error(out_name, e))?;
        }
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

/// One Parquet cell (also an Arrow one: see `arrow.rs`).
pub(crate) enum Cell {
    Text(Option<String>),
    /// A `list<string>` cell; an empty list is written as null.
    List(Vec<String>),
    Bool(bool),
    Int32(Option<i32>),
    Int64(Option<i64>),
    Double(Option<f64>),
}

/// A `list<string>` column in Parquet's standard three-level form, so that
/// pyarrow, DuckDB and Spark read it as a list of strings.
macro_rules! list_column {
    ($name:literal) => {
        concat!(
            "  OPTIONAL group ",
            $name,
            " (LIST) { REPEATED group list { REQUIRED BYTE_ARRAY element (UTF8); } }\n"
        )
    };
}

/// The Parquet schema: one row per event; lists are `list<string>`, a
/// missing value is null, dates are DATE beside their precision, and the
/// whole JSON object is in `json` for anything else (all mentions).
pub(crate) const PARQUET_SCHEMA: &str = concat!(
    "message warta_event {\n",
    "  REQUIRED BYTE_ARRAY event_id (UTF8);\n",
    "  REQUIRED INT64 global_event_id;\n",
    "  REQUIRED BYTE_ARRAY event_type (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY mode (UTF8);\n",
    list_column!("modes"),
    list_column!("context"),
    "  REQUIRED BYTE_ARRAY cameo (UTF8);\n",
    "  REQUIRED INT32 quad_class;\n",
    "  REQUIRED DOUBLE intensity;\n",
    "  OPTIONAL DOUBLE goldstein;\n",
    "  OPTIONAL BYTE_ARRAY actor_country (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY actor_code (UTF8);\n",
    list_column!("actor_countries"),
    list_column!("actor_names"),
    list_column!("actor_sectors"),
    "  OPTIONAL BYTE_ARRAY recipient_country (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY recipient_code (UTF8);\n",
    list_column!("recipient_countries"),
    list_column!("recipient_names"),
    list_column!("recipient_sectors"),
    "  OPTIONAL BYTE_ARRAY date (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY date_precision (UTF8);\n",
    "  REQUIRED BYTE_ARRAY date_source (UTF8);\n",
    "  OPTIONAL INT32 event_date (DATE);\n",
    "  REQUIRED BOOLEAN background;\n",
    "  OPTIONAL BYTE_ARRAY location_name (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY location_country (UTF8);\n",
    "  OPTIONAL DOUBLE location_lat;\n",
    "  OPTIONAL DOUBLE location_lon;\n",
    "  OPTIONAL INT64 dead;\n",
    "  OPTIONAL INT64 injured;\n",
    "  OPTIONAL INT64 arrested;\n",
    "  REQUIRED INT64 num_mentions;\n",
    "  REQUIRED INT64 num_articles;\n",
    "  REQUIRED INT64 num_sources;\n",
    "  OPTIONAL INT32 first_seen (DATE);\n",
    "  OPTIONAL INT32 last_seen (DATE);\n",
    "  OPTIONAL BYTE_ARRAY source (UTF8);\n",
    "  OPTIONAL BYTE_ARRAY url (UTF8);\n",
    list_column!("sources"),
    list_column!("mention_doc_ids"),
    "  REQUIRED BYTE_ARRAY sentence (UTF8);\n",
    "  REQUIRED BYTE_ARRAY trigger (UTF8);\n",
    "  REQUIRED BYTE_ARRAY rule (UTF8);\n",
    "  REQUIRED DOUBLE confidence;\n",
    "  REQUIRED BYTE_ARRAY json (UTF8);\n",
    "}"
);

/// The Parquet export's column names, in order.
pub fn parquet_columns() -> Vec<String> {
    parse_message_type(PARQUET_SCHEMA)
        .map(|schema| {
            schema
                .get_fields()
                .iter()
                .map(|f| f.name().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The distinct non-empty values, in first-seen order ("USA;USA" is one).
fn distinct<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values.into_iter().flatten() {
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

fn side_list(entities: &[Entity], value: impl Fn(&Entity) -> Option<&str>) -> Cell {
    Cell::List(distinct(entities.iter().map(value)))
}

/// The first party's country, and its country and sector as one code
/// (`RUSGOV`), as GDELT's Actor1CountryCode and Actor1Code.
fn primary(entities: &[Entity]) -> [Cell; 2] {
    let first = entities.first();
    let country = first.and_then(|e| e.country.clone());
    let code = first
        .map(|e| {
            format!(
                "{}{}",
                e.country.as_deref().unwrap_or(""),
                e.sector.as_deref().unwrap_or("")
            )
        })
        .filter(|c| !c.is_empty());
    [Cell::Text(country), Cell::Text(code)]
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_owned)
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

pub(crate) fn parquet_row(event: &StoredEvent) -> Vec<Cell> {
    let r = &event.record;
    let location = r.location.as_ref();
    let size = |v: Option<u64>| Cell::Int64(v.and_then(|n| i64::try_from(n).ok()));
    let start = When::of(r).map(|w| w.extent().0.to_string());
    let first_mention = event.mentions.first();
    let [actor_country, actor_code] = primary(&r.actor);
    let [recipient_country, recipient_code] = primary(&r.recipient);
    vec![
        Cell::Text(Some(event.event_id.clone())),
        Cell::Int64(Some(event.row)),
        Cell::Text(Some(r.event_type.clone())),
        Cell::Text(non_empty(r.mode.as_deref())),
        Cell::List(distinct(r.modes.iter().map(|m| Some(m.as_str())))),
        Cell::List(distinct(r.context.iter().map(|c| Some(c.as_str())))),
        Cell::Text(Some(r.cameo.clone())),
        Cell::Int32(Some(i32::from(r.quad_class))),
        Cell::Double(Some(r.intensity)),
        Cell::Double(goldstein(&r.cameo)),
        actor_country,
        actor_code,
        side_list(&r.actor, |e| e.country.as_deref()),
        side_list(&r.actor, |e| e.name.as_deref()),
        side_list(&r.actor, |e| e.sector.as_deref()),
        recipient_country,
        recipient_code,
        side_list(&r.recipient, |e| e.country.as_deref()),
        side_list(&r.recipient, |e| e.name.as_deref()),
        side_list(&r.recipient, |e| e.sector.as_deref()),
        Cell::Text(non_empty(r.date.as_deref())),
        Cell::Text(non_empty(r.date_precision.as_deref())),
        Cell::Text(Some(r.date_source.clone())),
        date_cell(start.as_deref()),
        Cell::Bool(r.background),
        Cell::Text(location.and_then(|l| non_empty(l.name.as_deref().or(Some(&l.text))))),
        Cell::Text(location.and_then(|l| non_empty(l.country.as_deref()))),
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
        Cell::Text(first_mention.and_then(|m| non_empty(m.source.as_deref()))),
        Cell::Text(first_mention.and_then(|m| non_empty(m.url.as_deref()))),
        Cell::List(distinct(event.mentions.iter().map(|m| m.source.as_deref()))),
        Cell::List(distinct(
            event.mentions.iter().map(|m| Some(m.doc_id.as_str())),
        )),
        Cell::Text(Some(r.sentence.clone())),
        Cell::Text(Some(r.trigger.clone())),
        Cell::Text(Some(r.rule.clone())),
        Cell::Double(Some(r.confidence)),
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
    let file = std::fs::File::create(path).map_err(|e| write_error(&name, e))?;
    write_parquet_to(store, filter, page, file, &name)
}

/// Writes matching events as Parquet to `out` (a file, or a buffer for a
/// download); returns how many.
pub fn write_parquet_to<W: Write + Send>(
    store: &Store,
    filter: &EventFilter,
    page: Page,
    out: W,
    name: &str,
) -> Result<usize> {
    let fail = |e: &dyn std::fmt::Display| write_error(name, e);
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(|e| fail(&e))?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::UNCOMPRESSED)
            .set_created_by(format!("warta {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, properties).map_err(|e| fail(&e))?;
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

/// Values, definition and repetition levels of a `list<string>` column
/// (optional list, required elements): a null list is (0, 0); each item
/// is (2, 0) for the first of its row and (2, 1) after it.
fn split_lists(cells: Vec<Vec<String>>) -> (Vec<ByteArray>, Vec<i16>, Vec<i16>) {
    let (mut values, mut definitions, mut repetitions) = (Vec::new(), Vec::new(), Vec::new());
    for items in cells {
        if items.is_empty() {
            definitions.push(0);
            repetitions.push(0);
        }
        for (k, item) in items.into_iter().enumerate() {
            definitions.push(2);
            repetitions.push(i16::from(k > 0));
            values.push(ByteArray::from(item.into_bytes()));
        }
    }
    (values, definitions, repetitions)
}

/// The cells of one column, all of one kind, or an error naming the column.
fn cells_of<T>(
    cells: Vec<Cell>,
    take: impl Fn(Cell) -> Option<T>,
    index: usize,
) -> parquet::errors::Result<Vec<T>> {
    cells
        .into_iter()
        .map(take)
        .collect::<Option<Vec<T>>>()
        .ok_or_else(|| {
            parquet::errors::ParquetError::General(format!(
                "column {index}: cell type does not match the schema"
            ))
        })
}

fn write_column(
    writer: &mut ColumnWriter,
    cells: Vec<Cell>,
    index: usize,
) -> parquet::errors::Result<()> {
    let descriptor = column_descriptor(writer);
    // Required columns take no definition levels.
    let required = descriptor.max_def_level() == 0;
    let is_list = descriptor.max_rep_level() > 0;
    let levels = |l: &[i16]| if required { None } else { Some(l.to_vec()) };
    match writer {
        ColumnWriter::ByteArrayColumnWriter(w) if is_list => {
            let lists = cells_of(
                cells,
                |c| match c {
                    Cell::List(items) => Some(items),
                    _ => None,
                },
                index,
            )?;
            let (values, definitions, repetitions) = split_lists(lists);
            w.write_batch(&values, Some(&definitions), Some(&repetitions))?;
        }
        ColumnWriter::ByteArrayColumnWriter(w) => {
            let values = cells_of(
                cells,
                |c| match c {
                    Cell::Text(t) => Some(t.map(|s| ByteArray::from(s.into_bytes()))),
                    _ => None,
                },
                index,
            )?;
            let (values, l) = split(values);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::BoolColumnWriter(w) => {
            let values = cells_of(
                cells,
                |c| match c {
                    Cell::Bool(b) => Some(b),
                    _ => None,
                },
                index,
            )?;
            w.write_batch(&values, None, None)?;
        }
        ColumnWriter::Int32ColumnWriter(w) => {
            let values = cells_of(
                cells,
                |c| match c {
                    Cell::Int32(v) => Some(v),
                    _ => None,
                },
                index,
            )?;
            let (values, l) = split(values);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::Int64ColumnWriter(w) => {
            let values = cells_of(
                cells,
                |c| match c {
                    Cell::Int64(v) => Some(v),
                    _ => None,
                },
                index,
            )?;
            let (values, l) = split(values);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        ColumnWriter::DoubleColumnWriter(w) => {
            let values = cells_of(
                cells,
                |c| match c {
                    Cell::Double(v) => Some(v),
                    _ => None,
                },
                index,
            )?;
            let (values, l) = split(values);
            w.write_batch(&values, levels(&l).as_deref(), None)?;
        }
        _ => {
            return Err(parquet::errors::ParquetError::General(format!(
                "column {index}: a type the export does not write"
            )))
        }
    }
    Ok(())
}

fn column_descriptor(writer: &ColumnWriter) -> parquet::schema::types::ColumnDescPtr {
    match writer {
        ColumnWriter::ByteArrayColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::Int32ColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::Int64ColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::DoubleColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::BoolColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::Int96ColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::FloatColumnWriter(w) => w.get_descriptor().clone(),
        ColumnWriter::FixedLenByteArrayColumnWriter(w) => w.get_descriptor().clone(),
    }
}
