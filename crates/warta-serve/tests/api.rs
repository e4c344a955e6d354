//! The explorer's API end to end, through the router, on a store built
//! here from the seed reports in `shared/seeds` (coded by the real coder)
//! plus one hostile article: every endpoint, its bad input, the security
//! headers, and the OpenAPI description against the routes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;
use warta_code::{Coder, Document};
use warta_lexicon::Lexicon;
use warta_read::{read_inputs, ReadOptions};
use warta_serve::{Explorer, CONTENT_SECURITY_POLICY, MAX_BODY_BYTES};
use warta_store::{content_hash, DocumentInput, EventFilter, People, Store};

const HOSTILE_ID: &str = "hostile";
const HOSTILE_TITLE: &str = "<script>alert('title')</script>\"'><img src=x onerror=alert(1)>";
const HOSTILE_URL: &str = "javascript:alert(document.cookie)";
const HOSTILE_SOURCE: &str = "evil\"><svg onload=alert(2)>";
/// A real report's sentence (so the coder finds an event) wrapped in markup
/// and script, with quotes that would end an HTML attribute.
const HOSTILE_TEXT: &str = "<script>alert('body')</script> \"><img src=x onerror=alert(3)> \
Presiden Rusia Vladimir Putin melakukan percakapan telepon dengan Presiden Iran \
Ebrahim Raisi pada Selasa (16/4/2024) untuk membahas <a href=\"javascript:alert(4)\">situasi</a> \
di Timur Tengah. ' onmouseover='alert(5)' <iframe src=\"javascript:alert(6)\"></iframe>";

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

fn document_input(coder: &Coder, document: Document, url: Option<&str>) -> DocumentInput {
    let hash = content_hash(&[Some(&document.text), document.title.as_deref()]);
    let coded = coder.code(&document);
    DocumentInput {
        doc_id: coded.doc_id,
        content_hash: hash,
        source: coded.source,
        title: coded.title,
        url: url.map(String::from).or(coded.url),
        publication_date: coded.publication_date,
        language: coded.language,
        text: coded.text,
        records: coded.records,
    }
}

/// The seed reports and the hostile article, coded and stored once.
fn store_path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("warta-serve-api-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let path = dir.join("events.db");
        let lexicon = Lexicon::embedded().expect("embedded lexicon");
        let people = People::new(lexicon.people.iter().map(|p| p.name.clone()));
        let coder = Coder::new(lexicon);
        let mut documents: Vec<DocumentInput> = read_inputs(&[seeds()], &ReadOptions::default())
            .map(|raw| document_input(&coder, Document::from(raw.expect("seed readable")), None))
            .collect();
        assert_eq!(documents.len(), 5, "the five seed reports");
        documents.push(document_input(
            &coder,
            Document {
                doc_id: HOSTILE_ID.into(),
                text: HOSTILE_TEXT.into(),
                title: Some(HOSTILE_TITLE.into()),
                date: Some("2024-04-17".into()),
                source: Some(HOSTILE_SOURCE.into()),
                ..Document::default()
            },
            Some(HOSTILE_URL),
        ));
        let mut store = Store::open(&path).expect("new store");
        store.ingest(&documents, "test", &people).expect("ingest");
        path
    })
}

fn router() -> Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER
        .get_or_init(|| {
            let lexicon = Lexicon::embedded().expect("embedded lexicon");
            Explorer::open(store_path(), lexicon, false)
                .expect("explorer opens")
                .router()
        })
        .clone()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    })
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    /// The body as JSON; every API answer, error or not, must be JSON.
    fn json(&self) -> Value {
        assert_eq!(
            self.headers
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap()),
            Some("application/json; charset=utf-8"),
            "status {}",
            self.status
        );
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// An error answer: the status and a non-empty message.
    fn error(&self, status: StatusCode) -> String {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let message = self.json()["error"]
            .as_str()
            .expect("error message")
            .to_owned();
        assert!(!message.is_empty());
        message
    }
}

fn send(request: Request<Body>) -> Answer {
    runtime().block_on(async {
        let response = router().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Answer {
            status,
            headers,
            body: body.to_vec(),
        }
    })
}

fn get(uri: &str) -> Answer {
    send(Request::get(uri).body(Body::empty()).expect("request"))
}

fn get_ok(uri: &str) -> Value {
    let answer = get(uri);
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

fn post_code(content_type: Option<&str>, body: impl Into<Body>) -> Answer {
    let mut request = Request::post("/api/code");
    if let Some(kind) = content_type {
        request = request.header(header::CONTENT_TYPE, kind);
    }
    send(request.body(body.into()).expect("request"))
}

fn open_store() -> Store {
    Store::open_read_only(store_path()).expect("store")
}

/// Characters `start..end` of `text`, as the page cuts them.
fn cut(text: &str, start: &Value, end: &Value) -> String {
    let (start, end) = (
        start.as_u64().unwrap() as usize,
        end.as_u64().unwrap() as usize,
    );
    assert!(
        start < end && end <= text.chars().count(),
        "{start}..{end} in {text:?}"
    );
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn stats_counts_what_the_store_holds() {
    let totals = open_store().totals().unwrap();
    let stats = get_ok("/api/stats");
    assert_eq!(stats["documents"], 6);
    assert_eq!(stats["events"], totals.events);
    assert_eq!(stats["mentions"], totals.mentions);
    assert!(totals.events > 10, "the seeds hold events: {totals:?}");
    get("/api/stats?limit=1").error(StatusCode::BAD_REQUEST);
}

#[test]
fn events_filter_and_page_like_the_store() {
    let store = open_store();
    let all = get_ok("/api/events?limit=500");
    let total = all["total"].as_u64().unwrap() as usize;
    assert_eq!(total, store.count_events(&EventFilter::default()).unwrap());
    assert_eq!(all["events"].as_array().unwrap().len(), total);
    assert_eq!(
        (all["limit"].as_u64(), all["offset"].as_u64()),
        (Some(500), Some(0))
    );
    // Default page size, and pages that join up.
    assert_eq!(get_ok("/api/events")["limit"], 50);
    let ids = |v: &Value| -> Vec<String> {
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut joined = ids(&get_ok("/api/events?limit=3&offset=0"));
    joined.extend(ids(&get_ok("/api/events?limit=3&offset=3")));
    assert_eq!(joined, ids(&all)[..6]);
    assert!(ids(&get_ok("/api/events?limit=0")).is_empty());
    assert!(ids(&get_ok(&format!("/api/events?offset={total}"))).is_empty());
    // Each filter, against the store's own count.
    let cases: &[(&str, EventFilter)] = &[
        (
            "actor=RUS",
            EventFilter {
                actor: Some("RUS".into()),
                ..Default::default()
            },
        ),
        (
            "actor=putin",
            EventFilter {
                actor: Some("putin".into()),
                ..Default::default()
            },
        ),
        (
            "recipient=ISR",
            EventFilter {
                recipient: Some("ISR".into()),
                ..Default::default()
            },
        ),
        (
            "type=consult",
            EventFilter {
                event_type: Some("CONSULT".into()),
                ..Default::default()
            },
        ),
        (
            "quad=4",
            EventFilter {
                quad_class: Some(4),
                ..Default::default()
            },
        ),
        (
            "from=2024-04&to=2024-04-16",
            EventFilter {
                from: Some("2024-04".into()),
                to: Some("2024-04-16".into()),
                ..Default::default()
            },
        ),
        (
            "q=telepon",
            EventFilter {
                text: Some("telepon".into()),
                ..Default::default()
            },
        ),
        (
            "source=jabaran.id",
            EventFilter {
                source: Some("jabaran.id".into()),
                ..Default::default()
            },
        ),
    ];
    for (query, filter) in cases {
        let expected = store.count_events(filter).unwrap();
        assert!(
            expected > 0 && expected < total,
            "{query} selects some events: {expected}"
        );
        let page = get_ok(&format!("/api/events?limit=500&{query}"));
        assert_eq!(
            page["total"].as_u64().unwrap() as usize,
            expected,
            "{query}"
        );
        assert_eq!(
            page["events"].as_array().unwrap().len(),
            expected,
            "{query}"
        );
    }
    for event in get_ok("/api/events?actor=RUS&type=CONSULT&limit=500")["events"]
        .as_array()
        .unwrap()
    {
        assert_eq!(event["event_type"], "CONSULT");
        assert!(
            event["actor"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["country"] == "RUS"),
            "{event}"
        );
    }
    // An empty value is no filter (a cleared form field).
    assert_eq!(
        get_ok("/api/events?actor=&type=&limit=1")["total"]
            .as_u64()
            .unwrap() as usize,
        total
    );
}

#[test]
fn bad_parameters_are_400_with_a_reason() {
    for (uri, says) in [
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=-1", "limit"),
        ("/api/events?offset=x", "offset"),
        ("/api/events?quad=5", "quad"),
        ("/api/events?quad=1.0", "quad"),
        ("/api/events?from=2024-13", "from"),
        ("/api/events?to=17/04/2024", "to"),
        ("/api/events?type=NOPE", "event type"),
        ("/api/events?actor=RUS&actor=IRN", "twice"),
        (
            "/api/events?sort=size",
            "sort must be date, type, quad, articles or sources",
        ),
        ("/api/events?order=up", "order must be asc or desc"),
        ("/api/events?shuffle=1", "unknown parameter"),
        ("/api/timeline?by=month", "by"),
        ("/api/timeline?limit=5", "unknown parameter"),
        ("/api/dyads?quad=0", "quad"),
        ("/api/actors?from=yesterday", "from"),
        ("/api/events/x?limit=1", "unknown parameter"),
        ("/api/documents/x?y=1", "unknown parameter"),
    ] {
        let message = get(uri).error(StatusCode::BAD_REQUEST);
        assert!(message.contains(says), "{uri}: {message}");
    }
    let long = "a".repeat(501);
    get(&format!("/api/events?actor={long}")).error(StatusCode::BAD_REQUEST);
    // Text that looks like SQL is only ever a value.
    let injection = get_ok("/api/events?actor=%27%20OR%201%3D1%20--&q=%22%20OR%20*");
    assert_eq!(injection["total"], 0);
}

#[test]
fn an_event_has_its_mentions_with_highlights() {
    let list = get_ok("/api/events?limit=500");
    let mut highlighted = 0;
    for summary in list["events"].as_array().unwrap() {
        let id = summary["event_id"].as_str().unwrap();
        let event = get_ok(&format!("/api/events/{id}"));
        assert_eq!(event["event_id"], id);
        assert_eq!(
            event["num_mentions"].as_u64().unwrap() as usize,
            event["mentions"].as_array().unwrap().len()
        );
        for mention in event["mentions"].as_array().unwrap() {
            let sentence = mention["sentence"].as_str().unwrap();
            let marks = mention["highlights"].as_array().expect("highlights");
            let trigger: Vec<String> = marks
                .iter()
                .filter(|m| m["kind"] == "trigger")
                .map(|m| cut(sentence, &m["start"], &m["end"]))
                .collect();
            assert_eq!(
                trigger,
                vec![mention["trigger"].as_str().unwrap().to_owned()],
                "{mention}"
            );
            for mark in marks.iter().filter(|m| m["kind"] != "trigger") {
                let text = cut(sentence, &mark["start"], &mark["end"]);
                let kind = mark["kind"].as_str().unwrap();
                let field = match kind {
                    "actor" => "actor",
                    "recipient" => "recipient",
                    "place" => "location",
                    other => panic!("unknown kind {other}"),
                };
                // The representative record is the event's; a joined
                // mention may word its parties differently, so only check
                // kinds and that the text is a party's when it is the
                // representative's own sentence.
                if mention["record_id"] == event["id"] {
                    let named = match &event[field] {
                        Value::Array(parties) => parties.iter().any(|p| p["text"] == text.as_str()),
                        location => location["text"] == text.as_str(),
                    };
                    assert!(named, "{kind} {text:?} of {event}");
                }
                highlighted += 1;
            }
        }
    }
    assert!(highlighted > 20, "parties are marked: {highlighted}");
    get(&format!("/api/events/{}", "0".repeat(32))).error(StatusCode::NOT_FOUND);
    get("/api/events/%3Cscript%3E").error(StatusCode::NOT_FOUND);
}

#[test]
fn actors_count_events_per_country_most_active_first() {
    let actors = get_ok("/api/actors");
    let rows = actors.as_array().unwrap();
    assert!(rows.len() >= 5);
    let activity =
        |r: &Value| r["as_actor"].as_u64().unwrap() + r["as_recipient"].as_u64().unwrap();
    assert!(rows.windows(2).all(|w| activity(&w[0]) >= activity(&w[1])));
    let russia = rows
        .iter()
        .find(|r| r["code"] == "RUS")
        .expect("Russia acts in the seeds");
    assert_eq!(russia["name"], "Russia");
    // Counted by country: the same as the events whose actors include RUS.
    let store = open_store();
    let as_actor = store
        .events(
            &EventFilter {
                actor: Some("RUS".into()),
                ..Default::default()
            },
            Default::default(),
        )
        .unwrap()
        .events
        .iter()
        .filter(|e| {
            e.record
                .actor
                .iter()
                .any(|a| a.country.as_deref() == Some("RUS"))
        })
        .count();
    assert_eq!(russia["as_actor"].as_u64().unwrap() as usize, as_actor);
    // Filters apply.
    let consult = get_ok("/api/actors?type=CONSULT");
    let consult_rus = consult
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "RUS")
        .unwrap();
    assert!(consult_rus["as_actor"].as_u64() < russia["as_actor"].as_u64());
}

#[test]
fn dyads_are_split_by_quad_class() {
    let all = get_ok("/api/dyads");
    let rows = all.as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let quad = row["quad_class"].as_u64().unwrap();
        assert!((1..=4).contains(&quad), "{row}");
        assert!(row["events"].as_u64().unwrap() > 0);
    }
    assert!(rows
        .windows(2)
        .all(|w| w[0]["events"].as_u64() >= w[1]["events"].as_u64()));
    // Asking for one class gives exactly that class's rows.
    let conflict = get_ok("/api/dyads?quad=4");
    let expected: Vec<&Value> = rows.iter().filter(|r| r["quad_class"] == 4).collect();
    assert!(!expected.is_empty());
    assert_eq!(
        conflict.as_array().unwrap().iter().collect::<Vec<_>>(),
        expected
    );
    // The store's per-type counts are the sums over classes.
    let store_dyads = open_store().dyads(&EventFilter::default()).unwrap();
    let summed: u64 = rows.iter().map(|r| r["events"].as_u64().unwrap()).sum();
    assert_eq!(
        summed as usize,
        store_dyads.iter().map(|d| d.events).sum::<usize>()
    );
}

#[test]
fn timeline_by_day_and_week() {
    let store = open_store();
    for by in ["", "?by=day", "?by=week"] {
        let rows = get_ok(&format!("/api/timeline{by}"));
        let rows = rows.as_array().unwrap();
        assert!(!rows.is_empty());
        let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
        assert!(
            periods.windows(2).all(|w| w[0] < w[1]),
            "oldest first: {periods:?}"
        );
        for row in rows {
            let quads: u64 = row["quad_class"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q.as_u64().unwrap())
                .sum();
            assert_eq!(Some(quads), row["total"].as_u64());
        }
        let week = by.contains("week");
        assert!(
            periods.iter().all(|p| p.contains("-W") == week),
            "{periods:?}"
        );
        let counted: u64 = rows.iter().map(|r| r["total"].as_u64().unwrap()).sum();
        let (expected, _) = store
            .timeline(
                &EventFilter::default(),
                if week {
                    warta_store::Bucket::Week
                } else {
                    warta_store::Bucket::Day
                },
            )
            .unwrap();
        assert_eq!(
            counted as usize,
            expected.iter().map(|r| r.total).sum::<usize>()
        );
    }
    let filtered = get_ok("/api/timeline?quad=1");
    for row in filtered.as_array().unwrap() {
        assert_eq!(row["quad_class"][3], 0);
        assert_eq!(row["quad_class"][2], 0);
    }
}

#[test]
fn a_document_has_its_text_and_spans() {
    let mut checked = 0;
    for doc_id in [
        "000_46f39e8ef6f38860",
        "001_653a597a7deef6e6",
        "004_1b306ce85b513596",
    ] {
        let document = get_ok(&format!("/api/documents/{doc_id}"));
        assert_eq!(document["doc_id"], doc_id);
        let text = document["text"].as_str().unwrap();
        let spans = document["spans"].as_array().unwrap();
        let mentions = document["mentions"].as_array().unwrap();
        assert!(!mentions.is_empty());
        for mention in mentions {
            // Every mention's trigger is marked at its span, for its event.
            let span = &mention["span"];
            assert!(spans.iter().any(|s| s["kind"] == "trigger"
                && s["start"] == span[0]
                && s["end"] == span[1]
                && s["event_id"] == mention["event_id"]));
            assert_eq!(
                cut(text, &span[0], &span[1]),
                mention["trigger"].as_str().unwrap()
            );
        }
        for span in spans {
            let marked = cut(text, &span["start"], &span["end"]);
            assert!(["trigger", "actor", "recipient", "place"]
                .contains(&span["kind"].as_str().unwrap()));
            assert!(!marked.trim().is_empty());
            checked += 1;
        }
        assert!(
            spans.iter().any(|s| s["kind"] == "actor"),
            "{doc_id}: actors marked"
        );
    }
    assert!(checked > 10);
    get("/api/documents/no-such-document").error(StatusCode::NOT_FOUND);
}

#[test]
fn pasted_text_is_coded_and_not_stored() {
    let before = get_ok("/api/stats");
    let answer = post_code(
        Some("application/json"),
        serde_json::json!({
            "text": "Presiden Rusia Vladimir Putin melakukan percakapan telepon dengan Presiden Iran Ebrahim Raisi pada Selasa (16/4/2024).",
            "title": "Putin menelepon Raisi",
            "date": "2024-04-17"
        })
        .to_string(),
    );
    assert_eq!(answer.status, StatusCode::OK);
    let coded = answer.json();
    assert_eq!(coded["skipped"], Value::Null);
    let records = coded["records"].as_array().unwrap();
    assert!(
        records
            .iter()
            .any(|r| r["event_type"] == "CONSULT" && r["date"] == "2024-04-16"),
        "{coded}"
    );
    assert_eq!(get_ok("/api/stats"), before, "nothing stored");
    // A text the coder declines says why.
    let french = post_code(
        Some("application/json; charset=utf-8"),
        r#"{"text": "Le temps dans la ville était agréable et les marchés étaient animés toute la semaine, les clients achetaient des fruits et des légumes."}"#,
    )
    .json();
    assert!(french["records"].as_array().unwrap().is_empty());
    assert!(
        french["skipped"].as_str().is_some_and(|s| !s.is_empty()),
        "{french}"
    );
}

#[test]
fn bad_code_requests_are_refused() {
    post_code(None, r#"{"text": "x"}"#).error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    post_code(Some("text/plain"), r#"{"text": "x"}"#).error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    for body in [
        "",
        "{",
        "[]",
        r#"{"title": "no text"}"#,
        r#"{"text": 5}"#,
        r#"{"text": "x", "doc_id": "y"}"#,
    ] {
        post_code(Some("application/json"), body).error(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let huge = format!(r#"{{"text": "{}"}}"#, "a".repeat(MAX_BODY_BYTES));
    post_code(Some("application/json"), huge).error(StatusCode::PAYLOAD_TOO_LARGE);
    let message = get("/api/code").error(StatusCode::METHOD_NOT_ALLOWED);
    assert!(message.contains("GET"), "{message}");
}

#[test]
fn unknown_paths_and_methods_are_json_errors() {
    get("/api/nothing").error(StatusCode::NOT_FOUND);
    get("/nothing").error(StatusCode::NOT_FOUND);
    get("/assets/secret.txt").error(StatusCode::NOT_FOUND);
    get("/assets/..%2FCargo.toml").error(StatusCode::NOT_FOUND);
    send(Request::delete("/api/events").body(Body::empty()).unwrap())
        .error(StatusCode::METHOD_NOT_ALLOWED);
    send(Request::post("/api/stats").body(Body::empty()).unwrap())
        .error(StatusCode::METHOD_NOT_ALLOWED);
}

#[test]
fn hostile_text_comes_back_as_json_data_only() {
    let answer = get(&format!("/api/documents/{HOSTILE_ID}"));
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.json();
    assert_eq!(answer.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        answer.headers[header::CONTENT_SECURITY_POLICY],
        CONTENT_SECURITY_POLICY
    );
    // The markup is kept as the data it is, character for character.
    assert_eq!(document["title"], HOSTILE_TITLE);
    assert_eq!(document["url"], HOSTILE_URL);
    assert_eq!(document["source"], HOSTILE_SOURCE.to_lowercase());
    let text = document["text"].as_str().unwrap();
    assert!(text.contains("Vladimir Putin"), "{text}");
    // The event coded from it carries the same strings as JSON values.
    let events = get_ok("/api/events?source=evil%22%3E%3Csvg%20onload%3Dalert(2)%3E&limit=500");
    let events = events["events"].as_array().unwrap();
    assert!(!events.is_empty(), "the hostile article was coded");
    for event in events {
        let id = event["event_id"].as_str().unwrap();
        let full = get(&format!("/api/events/{id}"));
        assert_eq!(full.status, StatusCode::OK);
        let full = full.json();
        let mention = full["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["doc_id"] == HOSTILE_ID)
            .expect("the hostile mention");
        assert_eq!(mention["url"], HOSTILE_URL);
        assert!(mention["highlights"].as_array().is_some());
    }
    // Raw bytes: the only place markup appears is inside JSON strings.
    let raw = String::from_utf8(answer.body).unwrap();
    assert!(raw.starts_with('{') && raw.ends_with('}'));
    // Pasted hostile text is also returned as data.
    let coded = post_code(
        Some("application/json"),
        serde_json::json!({ "text": HOSTILE_TEXT, "title": HOSTILE_TITLE }).to_string(),
    );
    assert_eq!(coded.status, StatusCode::OK);
    assert_eq!(
        coded.headers[header::CONTENT_SECURITY_POLICY],
        CONTENT_SECURITY_POLICY
    );
    assert!(coded.json()["records"].is_array());
}

#[test]
fn the_page_and_its_assets_carry_the_security_headers() {
    for (uri, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/assets/index.html", "text/html; charset=utf-8"),
        ("/assets/app.js", "text/javascript; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/strings.json", "application/json; charset=utf-8"),
        ("/api/openapi.json", "application/json; charset=utf-8"),
    ] {
        let answer = get(uri);
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        assert_eq!(answer.headers[header::CONTENT_TYPE], content_type, "{uri}");
        assert_eq!(
            answer.headers[header::CONTENT_SECURITY_POLICY],
            CONTENT_SECURITY_POLICY,
            "{uri}"
        );
        assert_eq!(
            answer.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{uri}"
        );
        assert!(!answer.body.is_empty(), "{uri}");
    }
    let page = String::from_utf8(get("/").body).unwrap();
    assert!(
        page.contains("/assets/app.js"),
        "the page loads its script from /assets/"
    );
    serde_json::from_slice::<Value>(&get("/assets/strings.json").body).expect("strings are JSON");
    // Errors carry them too.
    let missing = get("/api/nothing");
    assert_eq!(
        missing.headers[header::CONTENT_SECURITY_POLICY],
        CONTENT_SECURITY_POLICY
    );
}

#[test]
fn only_loopback_host_names_are_answered() {
    let with_host = |host: &str| {
        send(
            Request::get("/api/stats")
                .header(header::HOST, host)
                .body(Body::empty())
                .unwrap(),
        )
    };
    for host in [
        "localhost:8080",
        "127.0.0.1:8080",
        "[::1]:8080",
        "localhost",
    ] {
        assert_eq!(with_host(host).status, StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:8080",
        "192.168.1.5:8080",
        "localhost.evil.example",
    ] {
        with_host(host).error(StatusCode::FORBIDDEN);
    }
    // Served publicly, any host name is answered.
    let public = Explorer::open(store_path(), Lexicon::embedded().unwrap(), true)
        .unwrap()
        .router();
    let status = runtime().block_on(async {
        public
            .oneshot(
                Request::get("/api/stats")
                    .header(header::HOST, "explorer.example")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn openapi_describes_exactly_the_routes() {
    let spec = get_ok("/api/openapi.json");
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.0"));
    let mut described: Vec<(String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            described.push((path.clone(), method.clone()));
        }
    }
    let mut routed: Vec<(String, String)> = warta_serve::route_list()
        .into_iter()
        .map(|(path, method)| (path.to_owned(), method.to_owned()))
        .collect();
    described.sort();
    routed.sort();
    assert_eq!(described, routed);
    // And the router really answers each described route (not with the
    // unknown-endpoint or wrong-method fallback).
    for (path, method) in &described {
        let concrete = path
            .replace("{file}", "app.js")
            .replace("{event_id}", "x")
            .replace("{doc_id}", "x");
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&concrete)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"text": "Putin menelepon Raisi."}"#))
            .unwrap();
        let answer = send(request);
        assert_ne!(
            answer.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        if answer.status == StatusCode::NOT_FOUND {
            let message = answer.error(StatusCode::NOT_FOUND);
            assert!(
                !message.contains("no such endpoint"),
                "{method} {path}: {message}"
            );
        }
    }
    // Every `$ref` points at a component that exists.
    let text = serde_json::to_string(&spec).unwrap();
    for reference in text.split("\"$ref\":\"#/components/").skip(1) {
        let target = reference.split('"').next().unwrap();
        let (group, name) = target.split_once('/').unwrap();
        assert!(
            spec["components"][group][name].is_object(),
            "dangling $ref {target}"
        );
    }
}

#[test]
fn a_missing_database_is_refused_not_created() {
    let path = std::env::temp_dir().join(format!("warta-serve-missing-{}.db", std::process::id()));
    let error = Explorer::open(&path, Lexicon::embedded().unwrap(), false)
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("no such database"), "{error}");
    assert!(!path.exists());
}

#[test]
fn events_open_newest_first_and_sort_by_any_column() {
    // The first day each event's date covers ("2024-10" is 2024-10-01).
    let first_days = |uri: &str| -> Vec<String> {
        get_ok(uri)["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["date"].as_str())
            .map(|d| match d.len() {
                4 => format!("{d}-01-01"),
                7 => format!("{d}-01"),
                _ => d.to_owned(),
            })
            .collect()
    };
    let newest = first_days("/api/events?limit=500");
    assert!(newest.len() > 10);
    assert!(
        newest.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {newest:?}"
    );
    let oldest = first_days("/api/events?limit=500&order=asc");
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    let counts = |uri: &str| -> Vec<u64> {
        get_ok(uri)["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["num_articles"].as_u64().unwrap())
            .collect()
    };
    let most = counts("/api/events?limit=500&sort=articles");
    assert!(most.windows(2).all(|w| w[0] >= w[1]), "{most:?}");
    assert!(most[0] >= 2, "the Putin–Raisi call has several articles");
    let fewest = counts("/api/events?limit=500&sort=articles&order=asc");
    assert!(fewest.windows(2).all(|w| w[0] <= w[1]), "{fewest:?}");
    let types: Vec<String> = get_ok("/api/events?limit=500&sort=type&order=asc")["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap().to_owned())
        .collect();
    assert!(types.windows(2).all(|w| w[0] <= w[1]), "{types:?}");
}

#[test]
fn places_count_located_events_and_filter_by_place() {
    let store = open_store();
    let places = get_ok("/api/places");
    let countries = places["countries"].as_array().unwrap();
    let located: u64 = countries
        .iter()
        .map(|c| c["events"].as_u64().unwrap())
        .sum();
    let total = store.count_events(&EventFilter::default()).unwrap() as u64;
    assert_eq!(located + places["unlocated"].as_u64().unwrap(), total);
    let syria = countries
        .iter()
        .find(|c| c["country"] == "SYR")
        .expect("Damascus strike");
    let by_country = get_ok("/api/events?place=SYR&limit=500");
    assert_eq!(by_country["total"], syria["events"]);
    assert_eq!(
        by_country["total"].as_u64().unwrap() as usize,
        store
            .count_events(&EventFilter {
                place: Some("syr".into()),
                ..Default::default()
            })
            .unwrap()
    );
    let damascus = places["points"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Damaskus")
        .expect("a point with coordinates");
    assert!(damascus["lat"].as_f64().unwrap() > 33.0);
    let by_name = get_ok("/api/events?place=damaskus");
    assert_eq!(by_name["total"], damascus["events"]);
    // The map follows the other filters.
    let filtered = get_ok("/api/places?type=CONSULT");
    let consults: u64 = filtered["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["events"].as_u64().unwrap())
        .sum::<u64>()
        + filtered["unlocated"].as_u64().unwrap();
    assert_eq!(
        consults,
        get_ok("/api/events?type=CONSULT")["total"]
            .as_u64()
            .unwrap()
    );
}

#[test]
fn downloads_hold_the_filtered_events_as_csv_and_parquet() {
    let answer = get("/api/download/events.csv?actor=RUS&type=CONSULT");
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/csv; charset=utf-8"
    );
    assert!(answer
        .headers
        .get(header::CONTENT_DISPOSITION)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("warta-events.csv"));
    let text = String::from_utf8(answer.body.clone()).unwrap();
    let expected = get_ok("/api/events?actor=RUS&type=CONSULT")["total"]
        .as_u64()
        .unwrap() as usize;
    assert!(text.starts_with("id,doc_id,"));
    // Rows may hold quoted line breaks: count event ids instead.
    let ids = text.matches(",CONSULT,").count();
    assert_eq!(ids, expected, "{text}");
    let parquet = get("/api/download/events.parquet?actor=RUS");
    assert_eq!(parquet.status, StatusCode::OK);
    assert!(parquet.body.starts_with(b"PAR1") && parquet.body.ends_with(b"PAR1"));
    assert_eq!(
        get("/api/download/events.xlsx").error(StatusCode::NOT_FOUND),
        "no download \"events.xlsx\"; events.csv or events.parquet"
    );
    get("/api/download/events.csv?quad=7").error(StatusCode::BAD_REQUEST);
}
