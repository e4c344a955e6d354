//! The store end to end on documents written here: merging across
//! documents, idempotent ingest and replacement, hostile text, queries,
//! exports (Parquet read back by pyarrow) and reading while a writer runs.

use std::path::PathBuf;

use warta_record::{Entity, EventRecord, Location, Size};
use warta_store::{
    content_hash, Bucket, DocumentInput, EventFilter, Page, People, Store, StoredEvent,
};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join("events.db")
}

fn person(name: &str, country: &str) -> Entity {
    Entity {
        text: name.into(),
        name: Some(name.into()),
        country: Some(country.into()),
        sector: Some("GOV".into()),
    }
}

fn people() -> People {
    People::new(["Vladimir Putin", "Ebrahim Raisi", "Sergey Lavrov"].map(String::from))
}

struct Rec<'a> {
    doc: &'a str,
    kind: &'a str,
    mode: Option<&'a str>,
    actor: Vec<Entity>,
    recipient: Vec<Entity>,
    date: &'a str,
    source: &'a str,
    sentence: &'a str,
}

fn record(r: Rec) -> EventRecord {
    let precision = match r.date.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    };
    EventRecord {
        id: format!("{}-{}-{}", r.doc, r.kind, r.sentence.len()),
        doc_id: r.doc.into(),
        language: "id".into(),
        event_type: r.kind.into(),
        mode: r.mode.map(String::from),
        modes: vec![],
        context: vec![],
        cameo: if r.kind == "CONSULT" { "041" } else { "190" }.into(),
        quad_class: if r.kind == "CONSULT" { 1 } else { 4 },
        intensity: 1.0,
        actor: r.actor,
        recipient: r.recipient,
        date: Some(r.date.into()),
        date_precision: Some(precision.into()),
        date_source: r.source.into(),
        background: false,
        location: None,
        size: Size::default(),
        quote: None,
        sentence_index: 2,
        sentence: r.sentence.into(),
        span: [5, 12],
        trigger: "telepon".into(),
        rule: "id/test".into(),
        confidence: 0.8,
    }
}

fn document(
    doc_id: &str,
    outlet: &str,
    date: &str,
    text: &str,
    records: Vec<EventRecord>,
) -> DocumentInput {
    DocumentInput {
        doc_id: doc_id.into(),
        content_hash: content_hash(&[Some(text), Some(doc_id)]),
        source: Some(outlet.into()),
        title: Some(format!("Judul {doc_id}")),
        url: Some(format!("https://{outlet}/{doc_id}")),
        publication_date: Some(date.into()),
        language: Some("id".into()),
        text: text.into(),
        records,
    }
}

fn call(doc: &str, date: &str, who: [(&str, &str); 2], mode: &str) -> EventRecord {
    record(Rec {
        doc,
        kind: "CONSULT",
        mode: Some(mode),
        actor: who.iter().map(|(n, c)| person(n, c)).collect(),
        recipient: vec![],
        date,
        source: "text",
        sentence: "Putin dan Raisi melakukan percakapan telepon.",
    })
}

const PUTIN_RAISI: [(&str, &str); 2] = [("Vladimir Putin", "RUS"), ("Ebrahim Raisi", "IRN")];

/// Three outlets report a call; a fourth reports another call a week later.
fn corpus() -> Vec<DocumentInput> {
    let mut strike = record(Rec {
        doc: "b",
        kind: "ASSAULT",
        mode: Some("aerial"),
        actor: vec![person("Israel", "ISR")],
        recipient: vec![person("Iran", "IRN")],
        date: "2024-04-01",
        source: "text",
        sentence: "Israel menyerang konsulat Iran di Damaskus.",
    });
    strike.location = Some(Location {
        text: "Damaskus".into(),
        name: Some("Damaskus".into()),
        country: Some("SYR".into()),
        lat: Some(33.5),
        lon: Some(36.3),
    });
    vec![
        document(
            "a",
            "kompas.com",
            "2024-04-17",
            "Teks A tentang telepon.",
            vec![call("a", "2024-04-16", PUTIN_RAISI, "phone")],
        ),
        document(
            "b",
            "jabaran.id",
            "2024-04-17",
            "Teks B tentang telepon dan serangan.",
            vec![call("b", "2024-04-16", PUTIN_RAISI, "phone"), strike],
        ),
        document(
            "c",
            "antaranews.com",
            "2024-04-18",
            "Teks C: laporan tanggal terbit saja.",
            vec![{
                let mut r = call("c", "2024-04-18", PUTIN_RAISI, "phone");
                r.date_source = "publication".into();
                r
            }],
        ),
        document(
            "d",
            "kompas.com",
            "2024-04-24",
            "Teks D, telepon lain.",
            vec![call("d", "2024-04-23", PUTIN_RAISI, "phone")],
        ),
    ]
}

fn all(store: &Store) -> Vec<StoredEvent> {
    store
        .events(&EventFilter::default(), Page::default())
        .unwrap()
        .events
}

/// Everything in the store as text, to compare two states.
fn dump(store: &Store) -> String {
    all(store)
        .iter()
        .map(|e| serde_json::to_string(e).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn reports_of_one_call_merge_and_another_day_does_not() {
    let mut store = Store::open(&scratch("merge")).unwrap();
    let summary = store.ingest(&corpus(), "test", &people()).unwrap();
    assert_eq!(summary.stored, 4);
    assert_eq!(summary.joined, 2);
    let events = all(&store);
    assert_eq!(events.len(), 3, "{}", dump(&store));
    let call = events
        .iter()
        .find(|e| e.num_articles == 3)
        .expect("merged call");
    assert_eq!(call.num_sources, 3);
    assert_eq!(call.first_seen.as_deref(), Some("2024-04-17"));
    assert_eq!(call.last_seen.as_deref(), Some("2024-04-18"));
    assert_eq!(call.record.date.as_deref(), Some("2024-04-16"));
    assert_eq!(
        call.record.date_source, "text",
        "the text date represents the event"
    );
    assert_eq!(
        call.event_id, "a-CONSULT-45",
        "the first mention names the event"
    );
    let docs: Vec<&str> = call.mentions.iter().map(|m| m.doc_id.as_str()).collect();
    assert_eq!(docs, ["a", "b", "c"]);
    assert!(call.mentions[0]
        .why
        .starts_with("new event: no stored CONSULT"));
    assert!(
        call.mentions[1]
            .why
            .starts_with("joined event a-CONSULT-45: same type CONSULT; parties {IRN,RUS}"),
        "{}",
        call.mentions[1].why
    );
    assert!(
        call.mentions[2].why.contains("(publication, day)"),
        "{}",
        call.mentions[2].why
    );
    let later = events
        .iter()
        .find(|e| e.record.date.as_deref() == Some("2024-04-23"))
        .unwrap();
    assert_eq!(later.num_articles, 1);
    assert!(
        later.mentions[0].why.starts_with(
            "new event: no stored CONSULT event from another document with an overlapping date"
        ),
        "{}",
        later.mentions[0].why
    );
    let one = store.event(&call.event_id).unwrap().expect("found by id");
    assert_eq!(&one, call);
    assert_eq!(store.event("nope").unwrap(), None);
}

#[test]
fn ingest_twice_changes_nothing_and_a_changed_document_is_replaced() {
    let path = scratch("idempotent");
    let mut store = Store::open(&path).unwrap();
    store.ingest(&corpus(), "test", &people()).unwrap();
    let before = dump(&store);
    let again = store.ingest(&corpus(), "test", &people()).unwrap();
    assert_eq!((again.stored, again.unchanged, again.mentions), (0, 4, 0));
    assert_eq!(dump(&store), before);
    // The same content under another id is a duplicate.
    let mut copy = corpus().remove(0);
    copy.doc_id = "a-copy".into();
    assert_eq!(
        store.ingest(&[copy], "test", &people()).unwrap().duplicates,
        1
    );
    assert_eq!(store.totals().unwrap().documents, 4);
    // Document b now reports only the strike: its call mention goes, the
    // strike event stays, and the call's aggregates drop to two articles.
    let mut changed = corpus().remove(1);
    changed.text.push_str(" Diperbarui.");
    changed.content_hash = content_hash(&[Some(&changed.text)]);
    changed.records.remove(0);
    let summary = store.ingest(&[changed], "test", &people()).unwrap();
    assert_eq!(
        (summary.stored, summary.replaced, summary.removed_events),
        (1, 1, 1),
        "the strike event lost its only mention and was made anew"
    );
    let events = all(&store);
    let call = events
        .iter()
        .find(|e| e.event_id == "a-CONSULT-45")
        .unwrap();
    assert_eq!((call.num_articles, call.num_sources), (2, 2));
    assert_eq!(store.totals().unwrap().mentions, 4);
    assert_eq!(store.document("b").unwrap().unwrap().mentions.len(), 1);
    // A document whose only mention started an event takes the event along.
    let mut empty = corpus().remove(3);
    empty.text = "Teks D tanpa peristiwa.".into();
    empty.content_hash = content_hash(&[Some(&empty.text)]);
    empty.records.clear();
    let summary = store.ingest(&[empty], "test", &people()).unwrap();
    assert_eq!(summary.removed_events, 1);
    assert_eq!(all(&store).len(), 2);
    // Reopening finds the same state.
    let after = dump(&store);
    drop(store);
    assert_eq!(dump(&Store::open(&path).unwrap()), after);
}

#[test]
fn hostile_text_is_stored_and_read_back_exactly() {
    let long_sentence = format!(
        "Putin menelepon Raisi {}.",
        "sangat panjang, ".repeat(70_000)
    );
    let nasty =
        "Dia berkata \"tidak\" dan 'ya'; DROP TABLE documents; -- \0 nul \u{0} % _ \\ \u{202e}";
    let text = format!("{nasty}\n{long_sentence}");
    let mut r = call(
        "x'); DELETE FROM events; --",
        "2024-04-16",
        PUTIN_RAISI,
        "phone",
    );
    r.sentence = format!("{nasty} {long_sentence}");
    r.trigger = "\"; DROP TABLE mentions; --".into();
    let mut doc = document(
        "x'); DELETE FROM events; --",
        "evil\"outlet",
        "2024-04-17",
        &text,
        vec![r.clone()],
    );
    doc.title = Some("\0".into());
    let mut store = Store::open(&scratch("hostile")).unwrap();
    store.ingest(&[doc.clone()], "test", &people()).unwrap();
    let view = store.document(&doc.doc_id).unwrap().expect("stored");
    assert_eq!(view.text, text);
    assert_eq!(view.title.as_deref(), Some("\0"));
    assert_eq!(view.source.as_deref(), Some("evil\"outlet"));
    let events = all(&store);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].record, r);
    assert_eq!(events[0].mentions[0].sentence, r.sentence);
    // Filters with the same characters are plain values.
    let filter = |f: EventFilter| store.count_events(&f).unwrap();
    assert_eq!(
        filter(EventFilter {
            text: Some("DROP TABLE".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        filter(EventFilter {
            text: Some("'; DROP TABLE documents; --".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        filter(EventFilter {
            actor: Some("%".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        filter(EventFilter {
            source: Some("evil\"outlet".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(store.totals().unwrap().documents, 1);
}

#[test]
fn filters_pages_dyads_and_timeline() {
    let mut store = Store::open(&scratch("queries")).unwrap();
    store.ingest(&corpus(), "test", &people()).unwrap();
    let count = |f: EventFilter| store.count_events(&f).unwrap();
    let none = EventFilter::default;
    assert_eq!(count(none()), 3);
    assert_eq!(
        count(EventFilter {
            actor: Some("rus".into()),
            ..none()
        }),
        2,
        "country code, any case"
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("PUTIN".into()),
            ..none()
        }),
        2,
        "name substring"
    );
    assert_eq!(
        count(EventFilter {
            recipient: Some("IRN".into()),
            ..none()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("Lavrov".into()),
            ..none()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            event_type: Some("assault".into()),
            ..none()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            quad_class: Some(1),
            ..none()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            from: Some("2024-04-02".into()),
            ..none()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            from: Some("2024-04".into()),
            to: Some("2024-04-16".into()),
            ..none()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            text: Some("konsulat damaskus".into()),
            ..none()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            text: Some("telepon".into()),
            ..none()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            source: Some("Antaranews.com".into()),
            ..none()
        }),
        1
    );
    assert!(store
        .count_events(&EventFilter {
            from: Some("16/04/2024".into()),
            ..none()
        })
        .is_err());

    let page = store
        .events(
            &none(),
            Page {
                limit: Some(1),
                offset: 1,
            },
        )
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.events.len(), 1);
    assert_eq!(
        page.events[0].record.date.as_deref(),
        Some("2024-04-16"),
        "ordered by date"
    );

    let dyads = store.dyads(&none()).unwrap();
    let find = |a: &str, r: &str, t: &str| {
        dyads
            .iter()
            .find(|d| d.actor == a && d.recipient == r && d.event_type == t)
            .map(|d| d.events)
    };
    assert_eq!(find("IRN", "RUS", "CONSULT"), Some(2), "{dyads:?}");
    assert_eq!(find("ISR", "IRN", "ASSAULT"), Some(1), "{dyads:?}");
    let (days, left_out) = store.timeline(&none(), Bucket::Day).unwrap();
    assert_eq!(left_out, 0);
    let periods: Vec<(&str, [usize; 4])> = days
        .iter()
        .map(|r| (r.period.as_str(), r.quad_class))
        .collect();
    assert_eq!(
        periods,
        [
            ("2024-04-01", [0, 0, 0, 1]),
            ("2024-04-16", [1, 0, 0, 0]),
            ("2024-04-23", [1, 0, 0, 0])
        ]
    );
    let (weeks, _) = store.timeline(&none(), Bucket::Week).unwrap();
    let weeks: Vec<(&str, usize)> = weeks.iter().map(|r| (r.period.as_str(), r.total)).collect();
    assert_eq!(weeks, [("2024-W14", 1), ("2024-W16", 1), ("2024-W17", 1)]);
}

#[test]
fn exports_jsonl_csv_and_gdelt() {
    let mut store = Store::open(&scratch("exports")).unwrap();
    store.ingest(&corpus(), "test", &people()).unwrap();
    let all_pages = Page::default();
    let mut jsonl = Vec::new();
    let n = warta_store::write_jsonl(&store, &EventFilter::default(), all_pages, &mut jsonl, "-")
        .unwrap();
    assert_eq!(n, 3);
    let text = String::from_utf8(jsonl).unwrap();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        for field in [
            "id",
            "event_type",
            "actor",
            "span",
            "mentions",
            "num_articles",
            "num_sources",
            "first_seen",
            "last_seen",
        ] {
            assert!(value.get(field).is_some(), "{field} in {line}");
        }
        let mention = &value["mentions"][0];
        assert!(
            mention["doc_id"].is_string()
                && mention["sentence"].is_string()
                && mention["span"].is_array()
        );
        let back: StoredEvent = serde_json::from_str(line).unwrap();
        assert_eq!(back.event_id, value["event_id"]);
    }

    let mut csv = Vec::new();
    warta_store::write_csv(&store, &EventFilter::default(), all_pages, &mut csv, "-").unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header.len(), 38 + warta_store::CSV_EXTRA_COLUMNS.len());
    assert_eq!(header.last(), Some(&"mention_doc_ids"));
    assert!(csv.contains(",a;b;c\n"), "{csv}");

    let mut gdelt = Vec::new();
    warta_store::write_gdelt_like(&store, &EventFilter::default(), all_pages, &mut gdelt, "-")
        .unwrap();
    let gdelt = String::from_utf8(gdelt).unwrap();
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    // A header, the strike, and each call of Putin and Raisi both ways.
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0], warta_store::GDELT_LIKE_COLUMNS);
    let column = |name: &str| {
        warta_store::GDELT_LIKE_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    for row in &rows {
        assert_eq!(row.len(), warta_store::GDELT_LIKE_COLUMNS.len());
    }
    let strike = &rows[1];
    assert_eq!(strike[column("SQLDATE")], "20240401");
    assert_eq!(strike[column("Actor1Code")], "ISRGOV");
    assert_eq!(strike[column("Actor2CountryCode")], "IRN");
    assert_eq!(strike[column("EventRootCode")], "19");
    assert_eq!(strike[column("GoldsteinScale")], "-10");
    assert_eq!(strike[column("ActionGeo_Type")], "4");
    assert_eq!(strike[column("SOURCEURL")], "https://jabaran.id/b");
    assert_eq!(strike[column("DatePrecision")], "day");
    // Every dated row says how precise SQLDATE is.
    for row in &rows[1..] {
        let precision = row[column("DatePrecision")];
        assert!(
            matches!(precision, "day" | "month" | "year") || row[column("SQLDATE")].is_empty(),
            "{row:?}"
        );
    }
    let (call, back) = (&rows[2], &rows[3]);
    assert_eq!(call[column("NumArticles")], "3");
    assert_eq!(call[column("GoldsteinScale")], "1");
    assert_eq!(
        (
            call[column("Actor1CountryCode")],
            call[column("Actor2CountryCode")]
        ),
        ("RUS", "IRN")
    );
    assert_eq!(
        (
            back[column("Actor1CountryCode")],
            back[column("Actor2CountryCode")]
        ),
        ("IRN", "RUS"),
        "a call is counted both ways"
    );
    assert_eq!(call[0], back[0], "both directions are one event");
}

/// Every column of every export is described in the codebook.
#[test]
fn the_codebook_describes_every_exported_column() {
    let codebook = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/codebook.md"),
    )
    .unwrap();
    let described = |column: &str| codebook.contains(&format!("`{column}`"));
    let parquet = warta_store::parquet_columns();
    assert!(parquet.len() > 40, "{parquet:?}");
    let mut missing: Vec<String> = parquet
        .iter()
        .map(String::as_str)
        .chain(warta_store::GDELT_LIKE_COLUMNS.iter().copied())
        .chain(warta_store::MENTION_COLUMNS.iter().copied())
        .chain(warta_store::CSV_EXTRA_COLUMNS.iter().copied())
        .filter(|c| !described(c))
        .map(str::to_owned)
        .collect();
    // The full GDELT table's Actor2 and geography families are described
    // once for all their members.
    missing.extend(
        warta_store::GDELT_COLUMNS
            .iter()
            .filter(|c| !described(c))
            .filter(|c| !c.starts_with("Actor2") || c.starts_with("Actor2Geo"))
            .filter(|c| !(c.starts_with("Actor1Geo_") || c.starts_with("Actor2Geo_")))
            .map(|c| c.to_string()),
    );
    assert!(missing.is_empty(), "not in docs/codebook.md: {missing:?}");
}

#[test]
fn the_gdelt_export_is_gdelt_2s_61_columns() {
    let mut store = Store::open(&scratch("gdelt61")).unwrap();
    store.ingest(&corpus(), "test", &people()).unwrap();
    let fips = |iso: &str| match iso {
        "SYR" => Some("SY".to_owned()),
        "IRN" => Some("IR".to_owned()),
        _ => None,
    };
    let mut out = Vec::new();
    let n = warta_store::write_gdelt(
        &store,
        &EventFilter::default(),
        Page::default(),
        &mut out,
        "-",
        &fips,
    )
    .unwrap();
    assert_eq!(n, 3);
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5, "no header; the calls both ways");
    assert_eq!(warta_store::GDELT_COLUMNS.len(), 61);
    assert!(rows.iter().all(|r| r.len() == 61), "{rows:?}");
    let column = |name: &str| {
        warta_store::GDELT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()
    };
    let strike = &rows[0];
    assert!(strike[0].parse::<i64>().is_ok());
    assert_eq!(strike[column("SQLDATE")], "20240401");
    assert_eq!(strike[column("Actor1Code")], "ISRGOV");
    assert_eq!(strike[column("Actor1CountryCode")], "ISR");
    assert_eq!(strike[column("Actor1Type1Code")], "GOV");
    assert_eq!(strike[column("Actor2CountryCode")], "IRN");
    assert_eq!(strike[column("EventCode")], "190");
    assert_eq!(strike[column("Actor1Geo_Type")], "0");
    assert_eq!(strike[column("ActionGeo_Type")], "4");
    assert_eq!(
        strike[column("ActionGeo_CountryCode")],
        "SY",
        "FIPS, as GDELT"
    );
    assert_eq!(strike[column("ActionGeo_Lat")], "33.5");
    assert_eq!(strike[column("SOURCEURL")], "https://jabaran.id/b");
    assert_eq!(strike[column("DATEADDED")].len(), 14, "YYYYMMDDHHMMSS");
}

#[test]
fn parquet_export_is_read_by_pyarrow() {
    let path = scratch("parquet");
    let mut store = Store::open(&path).unwrap();
    store.ingest(&corpus(), "test", &people()).unwrap();
    let file = path.with_file_name("events.parquet");
    let n = warta_store::write_parquet(&store, &EventFilter::default(), Page::default(), &file)
        .unwrap();
    assert_eq!(n, 3);
    let required = std::env::var_os("WARTA_REQUIRE_PARQUET_READER").is_some_and(|v| v == "1");
    let script = r#"
import json, sys
try:
    import pyarrow.parquet as pq
except ImportError:
    print("NO_READER")
    sys.exit(0)
table = pq.read_table(sys.argv[1])
types = {f.name: str(f.type) for f in table.schema}
rows = table.to_pylist()
# A missing value is null, never an empty string or list; lists hold no repeats.
empty = sorted({k for r in rows for k, v in r.items() if v == "" or v == []})
repeats = sorted({k for r in rows for k, v in r.items() if isinstance(v, list) and len(v) != len(set(v))})
print(json.dumps({
    "types": {k: types[k] for k in ["global_event_id", "actor_countries", "recipient_country", "mention_doc_ids", "event_date", "background", "dead"]},
    "empty": empty,
    "repeats": repeats,
    "rows": [[r["event_id"], r["event_type"], r["num_articles"], str(r["event_date"]), r["goldstein"], r["location_lat"],
              r["actor_country"], r["actor_countries"], r["recipient_countries"], r["mention_doc_ids"], r["sources"]] for r in rows],
}))
"#;
    let output = std::process::Command::new("python3")
        .args(["-c", script, file.to_str().unwrap()])
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => {
            assert!(!required, "python3 is needed to read the Parquet file: {e}");
            eprintln!("python3 not available ({e}); Parquet reader check not run");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    if stdout.trim() == "NO_READER" {
        assert!(
            !required,
            "WARTA_REQUIRE_PARQUET_READER=1 but pyarrow is not installed"
        );
        eprintln!("pyarrow not installed; Parquet reader check not run");
        return;
    }
    let read: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    let list = "list<element: string not null>";
    assert_eq!(
        read["types"],
        serde_json::json!({
            "global_event_id": "int64",
            "actor_countries": list,
            "recipient_country": "string",
            "mention_doc_ids": list,
            "event_date": "date32[day]",
            "background": "bool",
            "dead": "int64",
        })
    );
    assert_eq!(read["empty"], serde_json::json!([]), "empty is null");
    assert_eq!(read["repeats"], serde_json::json!([]), "no USA;USA");
    assert_eq!(
        read["rows"],
        serde_json::json!([
            [
                "b-ASSAULT-43",
                "ASSAULT",
                1,
                "2024-04-01",
                -10.0,
                33.5,
                "ISR",
                ["ISR"],
                ["IRN"],
                ["b"],
                ["jabaran.id"]
            ],
            [
                "a-CONSULT-45",
                "CONSULT",
                3,
                "2024-04-16",
                1.0,
                null,
                "RUS",
                ["RUS", "IRN"],
                null,
                ["a", "b", "c"],
                ["kompas.com", "jabaran.id", "antaranews.com"]
            ],
            [
                "d-CONSULT-45",
                "CONSULT",
                1,
                "2024-04-23",
                1.0,
                null,
                "RUS",
                ["RUS", "IRN"],
                null,
                ["d"],
                ["kompas.com"]
            ]
        ])
    );
}

#[test]
fn readers_query_while_a_writer_ingests() {
    let path = scratch("concurrent");
    let mut writer = Store::open(&path).unwrap();
    writer.ingest(&corpus(), "test", &people()).unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let store = Store::open_read_only(&path).unwrap();
            let mut queries = 0;
            let mut last = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) || queries == 0 {
                let total = store
                    .count_events(&EventFilter::default())
                    .expect("query during ingest");
                assert!(total >= last, "events never disappear: {total} < {last}");
                store
                    .events(
                        &EventFilter {
                            actor: Some("RUS".into()),
                            ..Default::default()
                        },
                        Page {
                            limit: Some(5),
                            offset: 0,
                        },
                    )
                    .expect("page during ingest");
                last = total;
                queries += 1;
            }
            (queries, last)
        })
    };
    for batch in 0..60 {
        let docs: Vec<DocumentInput> = (0..20)
            .map(|i| {
                let id = format!("w{batch}-{i}");
                let day = format!("2023-{:02}-{:02}", 1 + batch % 12, 1 + i);
                document(
                    &id,
                    "outlet",
                    &day,
                    &format!("teks {id}"),
                    vec![call(&id, &day, PUTIN_RAISI, "phone")],
                )
            })
            .collect();
        writer.ingest(&docs, "test", &people()).unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let (queries, _) = reader.join().expect("reader finished without error");
    assert!(queries > 0);
    assert_eq!(
        Store::open_read_only(&path)
            .unwrap()
            .count_events(&EventFilter::default())
            .unwrap(),
        writer.count_events(&EventFilter::default()).unwrap()
    );
}

#[test]
fn bad_database_files_are_refused_with_the_path() {
    let dir = scratch("bad");
    let not_db = dir.with_file_name("not-a-db.txt");
    std::fs::write(
        &not_db,
        "plain text, not SQLite, long enough to be a header of sorts....",
    )
    .unwrap();
    let err = Store::open(&not_db).err().expect("refused").to_string();
    assert!(
        err.contains("not-a-db.txt") && err.contains("not a Warta database"),
        "{err}"
    );
    let missing = dir.with_file_name("missing.db");
    let err = Store::open_read_only(&missing)
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("missing.db: no such database"), "{err}");
}
