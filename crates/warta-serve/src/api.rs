//! The JSON endpoints of `docs/explorer-api.md`: parameters checked here
//! (a bad one is a 400 that says which and why), queries run by the store
//! (which binds every value), answers serialised on the blocking thread.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use warta_code::Document;
use warta_record::EventRecord;
use warta_store::{Bucket, EventFilter, EventOrder, Page, SortKey, StoreError};

use crate::cache;
use crate::highlight::{document_spans, sentence_highlights};
use crate::{Explorer, MAX_LIMIT};

/// What an error response says: `{"error": message}` with a status.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// A failure of ours, not the client's: also said on standard error for
    /// whoever runs the server.
    pub(crate) fn internal(message: String) -> ApiError {
        eprintln!("warta serve: {message}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    pub(crate) fn store(error: StoreError) -> ApiError {
        ApiError::internal(format!("database: {}", error.reason))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (self.status, [(header::CONTENT_TYPE, JSON)], body).into_response()
    }
}

const JSON: &str = "application/json; charset=utf-8";

fn to_json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal(format!("serialising: {e}")))
}

fn json_response(result: Result<Vec<u8>, ApiError>) -> Response {
    match result {
        Ok(body) => ([(header::CONTENT_TYPE, JSON)], body).into_response(),
        Err(error) => error.into_response(),
    }
}

type Explorers = State<Arc<Explorer>>;
type RawQuery = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// The filters every listing takes.
const FILTERS: &[&str] = &[
    "actor",
    "recipient",
    "type",
    "quad",
    "from",
    "to",
    "q",
    "source",
    "party",
    "place",
];

/// The longest text a filter may hold: enough for any name or phrase.
const MAX_PARAMETER_CHARS: usize = 500;

/// The query's parameters by name, refusing names this endpoint does not
/// take and names given twice. An empty value counts as absent, as a
/// cleared form field sends it.
fn parameters(query: RawQuery, allowed: &[&[&str]]) -> Result<BTreeMap<String, String>, ApiError> {
    let Query(pairs) = query.map_err(|e| {
        ApiError::bad_request(format!("unreadable query string: {}", e.body_text()))
    })?;
    let mut found = BTreeMap::new();
    for (name, value) in pairs {
        if !allowed.iter().any(|names| names.contains(&name.as_str())) {
            let known: Vec<&str> = allowed.iter().flat_map(|n| n.iter().copied()).collect();
            return Err(ApiError::bad_request(format!(
                "unknown parameter {name:?}; this endpoint takes {}",
                known.join(", ")
            )));
        }
        if value.chars().count() > MAX_PARAMETER_CHARS {
            return Err(ApiError::bad_request(format!(
                "parameter {name:?} is longer than {MAX_PARAMETER_CHARS} characters"
            )));
        }
        let value = value.trim().to_owned();
        if found.contains_key(&name) {
            return Err(ApiError::bad_request(format!(
                "parameter {name:?} given twice"
            )));
        }
        if !value.is_empty() {
            found.insert(name, value);
        }
    }
    Ok(found)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
fn check_date(name: &str, text: &str) -> Result<(), ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {text:?}"
        ))
    };
    let parts: Vec<&str> = text.split('-').collect();
    let widths_ok = parts.len() <= 3
        && parts
            .iter()
            .zip([4, 2, 2])
            .all(|(part, width)| part.len() == width && part.bytes().all(|b| b.is_ascii_digit()));
    if !widths_ok {
        return Err(bad());
    }
    let number = |i: usize, default: u32| parts.get(i).map_or(Ok(default), |p| p.parse::<u32>());
    let (year, month, day) = (
        number(0, 1).map_err(|_| bad())?,
        number(1, 1).map_err(|_| bad())?,
        number(2, 1).map_err(|_| bad())?,
    );
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)?;
    Ok(())
}

fn whole_number(name: &str, text: &str, most: usize) -> Result<usize, ApiError> {
    text.parse::<usize>()
        .ok()
        .filter(|n| *n <= most)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "{name} must be a whole number from 0 to {most}, not {text:?}"
            ))
        })
}

fn event_filter(
    explorer: &Explorer,
    params: &BTreeMap<String, String>,
) -> Result<EventFilter, ApiError> {
    let get = |name: &str| params.get(name).cloned();
    let event_type = match get("type") {
        Some(kind) => {
            let upper = kind.to_uppercase();
            if !explorer.event_types.contains(&upper) {
                return Err(ApiError::bad_request(format!(
                    "unknown event type {kind:?}; one of {}",
                    explorer.event_types.join(", ")
                )));
            }
            Some(upper)
        }
        None => None,
    };
    let quad_class = match params.get("quad") {
        Some(quad) => match quad.as_str() {
            "1" | "2" | "3" | "4" => quad.parse::<u8>().ok(),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "quad must be 1, 2, 3 or 4, not {quad:?}"
                )))
            }
        },
        None => None,
    };
    for name in ["from", "to"] {
        if let Some(date) = params.get(name) {
            check_date(name, date)?;
        }
    }
    Ok(EventFilter {
        actor: get("actor"),
        recipient: get("recipient"),
        event_type,
        quad_class,
        from: get("from"),
        to: get("to"),
        text: get("q"),
        source: get("source"),
        party: get("party"),
        place: get("place"),
    })
}

/// Checks the parameters and the filter before any query runs.
fn filter_of(
    explorer: &Explorer,
    query: RawQuery,
    extra: &[&str],
) -> Result<(EventFilter, BTreeMap<String, String>), ApiError> {
    let params = parameters(query, &[FILTERS, extra])?;
    Ok((event_filter(explorer, &params)?, params))
}

pub(crate) async fn stats(State(explorer): Explorers, query: RawQuery) -> Response {
    if let Err(e) = parameters(query, &[]) {
        return e.into_response();
    }
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, "stats".into(), |store| {
                to_json(&store.totals().map_err(ApiError::store)?)
            })
        })
        .await;
    json_response(result)
}

#[derive(Serialize)]
struct EventList {
    total: usize,
    limit: usize,
    offset: usize,
    events: Vec<warta_store::StoredEvent>,
}

/// The page size when none is asked for.
const DEFAULT_LIMIT: usize = 50;

pub(crate) async fn events(State(explorer): Explorers, query: RawQuery) -> Response {
    let checked = filter_of(&explorer, query, &["limit", "offset", "sort", "order"]).and_then(
        |(filter, params)| {
            let limit = match params.get("limit") {
                Some(text) => whole_number("limit", text, MAX_LIMIT)?,
                None => DEFAULT_LIMIT,
            };
            let offset = match params.get("offset") {
                Some(text) => whole_number("offset", text, i64::MAX as usize)?,
                None => 0,
            };
            let key = cache::key("events", &params);
            Ok((filter, limit, offset, event_order(&params)?, key))
        },
    );
    let (filter, limit, offset, order, key) = match checked {
        Ok(checked) => checked,
        Err(e) => return e.into_response(),
    };
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, key, |store| {
                let page = Page {
                    limit: Some(limit),
                    offset,
                };
                let found = store
                    .events_in_order(&filter, page, order)
                    .map_err(ApiError::store)?;
                to_json(&EventList {
                    total: found.total,
                    limit,
                    offset,
                    events: found.events,
                })
            })
        })
        .await;
    json_response(result)
}

/// `sort` (date, type, quad, articles, sources) and `order` (asc, desc):
/// newest first when neither is given.
fn event_order(params: &BTreeMap<String, String>) -> Result<EventOrder, ApiError> {
    let key = match params.get("sort") {
        Some(name) => SortKey::parse(name).ok_or_else(|| {
            ApiError::bad_request(format!(
                "sort must be date, type, quad, articles or sources, not {name:?}"
            ))
        })?,
        None => SortKey::Date,
    };
    let descending = match params.get("order").map(String::as_str) {
        None => true,
        Some("desc") => true,
        Some("asc") => false,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "order must be asc or desc, not {other:?}"
            )))
        }
    };
    Ok(EventOrder { key, descending })
}

/// `event` as JSON with `highlights` added to each of its mentions.
fn event_with_highlights(
    event: &warta_store::StoredEvent,
    records: &[(String, EventRecord, Option<usize>)],
) -> Result<Value, ApiError> {
    let by_mention: HashMap<(&str, &str), (&EventRecord, Option<usize>)> = records
        .iter()
        .map(|(_, record, start)| {
            (
                (record.doc_id.as_str(), record.id.as_str()),
                (record, *start),
            )
        })
        .collect();
    let mut value =
        serde_json::to_value(event).map_err(|e| ApiError::internal(format!("serialising: {e}")))?;
    let Some(mentions) = value.get_mut("mentions").and_then(Value::as_array_mut) else {
        return Err(ApiError::internal(
            "an event without a mention list".to_owned(),
        ));
    };
    for (json, mention) in mentions.iter_mut().zip(&event.mentions) {
        // Found unless an ingest replaced the document between the queries.
        let highlights = by_mention
            .get(&(mention.doc_id.as_str(), mention.record_id.as_str()))
            .map(|(record, start)| sentence_highlights(record, &mention.sentence, *start))
            .unwrap_or_default();
        if let Some(object) = json.as_object_mut() {
            let marks = serde_json::to_value(highlights)
                .map_err(|e| ApiError::internal(format!("serialising: {e}")))?;
            object.insert("highlights".to_owned(), marks);
        }
    }
    Ok(value)
}

pub(crate) async fn event(
    State(explorer): Explorers,
    Path(event_id): Path<String>,
    query: RawQuery,
) -> Response {
    if let Err(e) = parameters(query, &[]) {
        return e.into_response();
    }
    let result = explorer
        .readers
        .with_store(move |store| {
            let event = store
                .event(&event_id)
                .map_err(ApiError::store)?
                .ok_or_else(|| {
                    ApiError::new(StatusCode::NOT_FOUND, format!("no event {event_id:?}"))
                })?;
            let records = store
                .event_mention_records(&event_id)
                .map_err(ApiError::store)?;
            to_json(&event_with_highlights(&event, &records)?)
        })
        .await;
    json_response(result)
}

#[derive(Serialize)]
struct ActorRow {
    code: String,
    name: Option<String>,
    as_actor: usize,
    as_recipient: usize,
}

pub(crate) async fn actors(State(explorer): Explorers, query: RawQuery) -> Response {
    let (filter, key) = match filter_of(&explorer, query, &[]) {
        Ok((filter, params)) => (filter, cache::key("actors", &params)),
        Err(e) => return e.into_response(),
    };
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, key, |store| {
                let counts = store.party_counts(&filter).map_err(ApiError::store)?;
                let mut rows: Vec<ActorRow> = counts
                    .into_iter()
                    .map(|(code, [as_actor, as_recipient])| ActorRow {
                        name: shared.country_names.get(&code).cloned(),
                        code,
                        as_actor,
                        as_recipient,
                    })
                    .collect();
                // Most active first; ties by code, so the order is stable.
                rows.sort_by(|a, b| {
                    (b.as_actor + b.as_recipient)
                        .cmp(&(a.as_actor + a.as_recipient))
                        .then_with(|| a.code.cmp(&b.code))
                });
                to_json(&rows)
            })
        })
        .await;
    json_response(result)
}

pub(crate) async fn dyads(State(explorer): Explorers, query: RawQuery) -> Response {
    let (filter, key) = match filter_of(&explorer, query, &[]) {
        Ok((filter, params)) => (filter, cache::key("dyads", &params)),
        Err(e) => return e.into_response(),
    };
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, key, move |store| {
                to_json(&store.dyads(&filter).map_err(ApiError::store)?)
            })
        })
        .await;
    json_response(result)
}

pub(crate) async fn timeline(State(explorer): Explorers, query: RawQuery) -> Response {
    let checked = filter_of(&explorer, query, &["by"]).and_then(|(filter, params)| {
        let bucket = match params.get("by").map(String::as_str) {
            None | Some("day") => Bucket::Day,
            Some("week") => Bucket::Week,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "by must be day or week, not {other:?}"
                )))
            }
        };
        Ok((filter, bucket, cache::key("timeline", &params)))
    });
    let (filter, bucket, key) = match checked {
        Ok(checked) => checked,
        Err(e) => return e.into_response(),
    };
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, key, |store| {
                let (rows, _undated) = store.timeline(&filter, bucket).map_err(ApiError::store)?;
                to_json(&rows)
            })
        })
        .await;
    json_response(result)
}

/// A state the map can draw: its code, English name and ISO numeric code.
#[derive(Serialize)]
pub(crate) struct CountryRow {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) numeric: Option<String>,
}

pub(crate) async fn countries(State(explorer): Explorers, query: RawQuery) -> Response {
    if let Err(e) = parameters(query, &[]) {
        return e.into_response();
    }
    json_response(to_json(&explorer.countries))
}

/// Named places drawn on the map at most.
const MAX_MAP_POINTS: usize = 500;

pub(crate) async fn places(State(explorer): Explorers, query: RawQuery) -> Response {
    let (filter, key) = match filter_of(&explorer, query, &[]) {
        Ok((filter, params)) => (filter, cache::key("places", &params)),
        Err(e) => return e.into_response(),
    };
    let shared = Arc::clone(&explorer);
    let result = explorer
        .readers
        .with_store(move |store| {
            shared.cache.answer(store, key, |store| {
                to_json(
                    &store
                        .places(&filter, MAX_MAP_POINTS)
                        .map_err(ApiError::store)?,
                )
            })
        })
        .await;
    json_response(result)
}

/// The most events a download holds: beyond it, `warta events` exports
/// any number without holding them in memory.
pub(crate) const MAX_DOWNLOAD: usize = 25_000;

/// The events matching the filters as a file: CSV or Parquet, with the
/// columns of the CLI's exports (docs/codebook.md).
pub(crate) async fn download(
    State(explorer): Explorers,
    Path(file): Path<String>,
    query: RawQuery,
) -> Response {
    let (kind, extension) = match file.as_str() {
        "events.csv" => ("text/csv; charset=utf-8", "csv"),
        "events.parquet" => ("application/vnd.apache.parquet", "parquet"),
        _ => {
            return ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no download {file:?}; events.csv or events.parquet"),
            )
            .into_response()
        }
    };
    let filter = match filter_of(&explorer, query, &[]) {
        Ok((filter, _)) => filter,
        Err(e) => return e.into_response(),
    };
    let result = explorer
        .readers
        .with_store(move |store| {
            let total = store.count_events(&filter).map_err(ApiError::store)?;
            if total > MAX_DOWNLOAD {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "{total} events match; a download holds at most {MAX_DOWNLOAD}: narrow the filters, or use `warta events --format csv|parquet`"
                    ),
                ));
            }
            let mut body = Vec::new();
            let page = Page::default();
            let written = if extension == "csv" {
                warta_store::write_csv(store, &filter, page, &mut body, "download")
            } else {
                warta_store::write_parquet_to(store, &filter, page, &mut body, "download")
            };
            written.map_err(ApiError::store)?;
            Ok(body)
        })
        .await;
    match result {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"warta-events.{extension}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}

#[derive(Serialize)]
struct DocumentWithSpans {
    #[serde(flatten)]
    document: warta_store::DocumentView,
    spans: Vec<crate::highlight::DocumentSpan>,
}

pub(crate) async fn document(
    State(explorer): Explorers,
    Path(doc_id): Path<String>,
    query: RawQuery,
) -> Response {
    if let Err(e) = parameters(query, &[]) {
        return e.into_response();
    }
    let result = explorer
        .readers
        .with_store(move |store| {
            let document = store
                .document(&doc_id)
                .map_err(ApiError::store)?
                .ok_or_else(|| {
                    ApiError::new(StatusCode::NOT_FOUND, format!("no document {doc_id:?}"))
                })?;
            let records = store
                .document_mention_records(&doc_id)
                .map_err(ApiError::store)?;
            let spans = document_spans(&document.text, &records);
            to_json(&DocumentWithSpans { document, spans })
        })
        .await;
    json_response(result)
}

/// The body of `POST /api/code`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    text: String,
    title: Option<String>,
    /// Publication date, in any shape an outlet prints.
    date: Option<String>,
}

#[derive(Serialize)]
struct CodeResponse {
    records: Vec<EventRecord>,
    skipped: Option<String>,
}

/// The document id pasted text is coded under.
const PASTED_DOC_ID: &str = "pasted";

/// The longest a `POST /api/code` request may code.
const CODE_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// A flag raised when it is dropped.
#[derive(Default)]
struct CancelOnDrop(Arc<std::sync::atomic::AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

pub(crate) async fn code(
    State(explorer): Explorers,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    // JSON only: a page elsewhere cannot send it without a CORS preflight,
    // which this server never grants.
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be JSON, sent with Content-Type: application/json",
        )
        .into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES),
            )
            .into_response()
        }
        Err(rejection) => {
            return ApiError::new(rejection.status(), rejection.body_text()).into_response()
        }
    };
    let request: CodeRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => {
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("unreadable body: {e}; expected {{\"text\", \"title\"?, \"date\"?}}"),
            )
            .into_response()
        }
    };
    let coder = Arc::clone(&explorer.coder);
    // Raised when this handler is dropped (the client went away) or ends:
    // the coder stops at its next sentence instead of running on.
    let cancel = CancelOnDrop::default();
    let budget = warta_code::Budget::within(CODE_BUDGET).cancelled_by(Arc::clone(&cancel.0));
    let result = explorer
        .readers
        .with_permit(move || {
            let document = Document {
                doc_id: PASTED_DOC_ID.to_owned(),
                text: request.text,
                title: request.title,
                date: request.date,
                ..Document::default()
            };
            let coded = coder
                .code_guarded_within(&document, &budget)
                .map_err(|reason| {
                    ApiError::internal(format!("internal error while coding: {reason}"))
                })?;
            if let Some(stopped) = coded.skipped.as_ref().filter(|s| s.stopped) {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!(
                        "{} (the budget is {} s; code long texts with `warta code`)",
                        stopped.reason,
                        CODE_BUDGET.as_secs()
                    ),
                ));
            }
            to_json(&CodeResponse {
                records: coded.records,
                skipped: coded.skipped.map(|s| s.reason),
            })
        })
        .await;
    json_response(result)
}

pub(crate) async fn no_such_endpoint(uri: Uri) -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no such endpoint: {}", uri.path()),
    )
    .into_response()
}

pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} does not take {method}", uri.path()),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        for good in ["2024", "2024-02", "2024-02-29", "0001-01-01"] {
            assert!(check_date("from", good).is_ok(), "{good}");
        }
        for bad in [
            "24",
            "2024-2",
            "2023-02-29",
            "2024-13",
            "2024-01-01-01",
            "x",
            "",
            "２０２４",
            "+024",
        ] {
            assert!(check_date("from", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_are_bounded() {
        assert_eq!(whole_number("limit", "500", 500).unwrap(), 500);
        for bad in ["501", "-1", "1.5", "", "1e3", "99999999999999999999999"] {
            assert!(whole_number("limit", bad, 500).is_err(), "{bad}");
        }
    }
}
