//! Load test of the explorer's API: latency of the events and timeline
//! endpoints and of every request the page makes when it opens
//! (`OPENING_REQUESTS`, answered from the cache after the first time, whose
//! uncached time is printed too) under concurrent keep-alive clients, on a
//! store of at least 100,000 events (`--events 1000000` for the million).
//!
//! ```sh
//! cargo run --release -p warta-serve --example loadtest -- --db /tmp/load.db
//! ```
//!
//! Options: `--corpus DIR` (default `../shared/corpus/indosum`, relative to
//! the repository), `--events N` (100000), `--clients N` (50), `--seconds N`
//! per endpoint (4). An existing `--db` with enough events is reused.
//!
//! The store is a synthetic load set built from real records: the corpus is
//! coded and ingested as it is, then each document that has events is
//! stored again as further documents whose records are the same records
//! with new doc ids, dates (and publication dates) shifted back by whole
//! years and party countries rotated, so that the copies are distinct
//! events rather than further mentions of the real ones. Their sentences,
//! triggers and rules are the real ones. Past 63 such copies (about
//! 135,000 events) the rows are copied in SQL, with new ids, until the
//! store holds `--events`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use warta_code::{Coder, Document};
use warta_lexicon::Lexicon;
use warta_read::{read_inputs, ReadOptions};
use warta_serve::Explorer;
use warta_store::{content_hash, DocumentInput, People, Store};

struct Options {
    db: PathBuf,
    corpus: PathBuf,
    events: usize,
    clients: usize,
    seconds: u64,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        db: PathBuf::new(),
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/indosum"),
        events: 100_000,
        clients: 50,
        seconds: 4,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag}: not a number: {value}"))
        };
        match flag.as_str() {
            "--db" => options.db = PathBuf::from(&value),
            "--corpus" => options.corpus = PathBuf::from(&value),
            "--events" => options.events = number()?,
            "--clients" => options.clients = number()?.max(1),
            "--seconds" => options.seconds = number()? as u64,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if options.db.as_os_str().is_empty() {
        return Err(
            "usage: loadtest --db FILE [--corpus DIR] [--events N] [--clients N] [--seconds N]"
                .into(),
        );
    }
    Ok(options)
}

/// `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) moved back `years` years; 29
/// February becomes the 28th in a common year.
fn shift_years(date: &str, years: i32) -> String {
    let Some((year, rest)) = date.get(..4).zip(date.get(4..)) else {
        return date.to_owned();
    };
    let Ok(year) = year.parse::<i32>() else {
        return date.to_owned();
    };
    let year = year - years;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let rest = if rest == "-02-29" && !leap {
        "-02-28"
    } else {
        rest
    };
    format!("{year:04}{rest}")
}

/// Copy number `copy` (1, 2, ...) of a real document: new ids, dates back
/// `copy % 12` years, countries rotated `copy / 12` steps through `countries`.
fn synthetic(real: &DocumentInput, copy: usize, countries: &[String]) -> DocumentInput {
    let years = (copy % 12) as i32;
    let steps = copy / 12;
    let rotate = |code: &Option<String>| {
        code.as_ref()
            .map(|code| match countries.iter().position(|c| c == code) {
                Some(i) if steps > 0 => countries[(i + steps * 7) % countries.len()].clone(),
                _ => code.clone(),
            })
    };
    let doc_id = format!("{}~load{copy}", real.doc_id);
    let records = real
        .records
        .iter()
        .map(|record| {
            let mut record = record.clone();
            record.id = format!("{}-load{copy}", record.id);
            record.doc_id = doc_id.clone();
            record.date = record.date.as_deref().map(|d| shift_years(d, years));
            for party in record.actor.iter_mut().chain(record.recipient.iter_mut()) {
                party.country = rotate(&party.country);
            }
            record
        })
        .collect();
    DocumentInput {
        content_hash: content_hash(&[Some(&doc_id), Some(&real.content_hash)]),
        publication_date: real
            .publication_date
            .as_deref()
            .map(|d| shift_years(d, years)),
        doc_id,
        records,
        ..real.clone()
    }
}

fn build_store(options: &Options) -> Result<(), String> {
    if options.db.is_file() {
        // Read-write, so that a store from an older schema is upgraded.
        let store = Store::open(&options.db).map_err(|e| e.to_string())?;
        let totals = store.totals().map_err(|e| e.to_string())?;
        if totals.events >= options.events {
            eprintln!(
                "loadtest: reusing {} ({} events)",
                options.db.display(),
                totals.events
            );
            return Ok(());
        }
        // A load store already past the coded copies grows by copying rows.
        if totals.events >= 100_000 {
            drop(store);
            return copy_rows(&options.db, options.events);
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = options.db.clone().into_os_string();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    let started = Instant::now();
    let lexicon = Lexicon::embedded().map_err(|e| e.to_string())?;
    let people = People::new(lexicon.people.iter().map(|p| p.name.clone()));
    let coder = Coder::new(lexicon);
    let mut real: Vec<DocumentInput> = Vec::new();
    let mut seen = BTreeSet::new();
    for raw in read_inputs(
        std::slice::from_ref(&options.corpus),
        &ReadOptions::default(),
    ) {
        let raw = raw.map_err(|e| format!("{}: {}", e.origin, e.reason))?;
        if !seen.insert(raw.doc_id.clone()) {
            continue;
        }
        let hash = content_hash(&[Some(&raw.text), raw.title.as_deref(), raw.date.as_deref()]);
        let coded = coder.code(&Document::from(raw));
        real.push(DocumentInput {
            doc_id: coded.doc_id,
            content_hash: hash,
            source: coded.source,
            title: coded.title,
            url: coded.url,
            publication_date: coded.publication_date,
            language: coded.language,
            text: coded.text,
            records: coded.records,
        });
    }
    if real.is_empty() {
        return Err(format!("{}: no documents", options.corpus.display()));
    }
    let mut store = Store::open(&options.db).map_err(|e| e.to_string())?;
    for batch in real.chunks(256) {
        store
            .ingest(batch, "loadtest", &people)
            .map_err(|e| e.to_string())?;
    }
    let with_events: Vec<&DocumentInput> = real.iter().filter(|d| !d.records.is_empty()).collect();
    let countries: Vec<String> = with_events
        .iter()
        .flat_map(|d| &d.records)
        .flat_map(|r| r.actor.iter().chain(&r.recipient))
        .filter_map(|p| p.country.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut copy = 0;
    loop {
        let events = store.totals().map_err(|e| e.to_string())?.events;
        eprintln!("loadtest: {events} events after {copy} synthetic copies");
        if events >= options.events {
            break;
        }
        // Past the coded copies' share, rows are copied in SQL: a
        // million events through the merge would take an hour here.
        if copy >= CODED_COPIES {
            drop(store);
            copy_rows(&options.db, options.events)?;
            break;
        }
        copy += 1;
        let copies: Vec<DocumentInput> = with_events
            .iter()
            .map(|d| synthetic(d, copy, &countries))
            .collect();
        for batch in copies.chunks(256) {
            store
                .ingest(batch, "loadtest", &people)
                .map_err(|e| e.to_string())?;
        }
    }
    let totals = Store::open_read_only(&options.db)
        .and_then(|s| s.totals())
        .map_err(|e| e.to_string())?;
    eprintln!(
        "loadtest: built {} in {:.0} s: {} documents ({} real), {} events, {} mentions",
        options.db.display(),
        started.elapsed().as_secs_f64(),
        totals.documents,
        real.len(),
        totals.events,
        totals.mentions
    );
    Ok(())
}

/// Synthetic copies that go through the coder's records and the merge
/// (about 135,000 events); beyond them `copy_rows` fills the store.
const CODED_COPIES: usize = 63;

/// Doubles the store's rows in SQL (documents, events, mentions, parties
/// and the sentence index, ids shifted, event and document ids suffixed)
/// until it holds `target` events; the last round copies only as many
/// events as are missing, with their mentions.
fn copy_rows(db: &Path, target: usize) -> Result<(), String> {
    let mut conn = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
    let fail = |e: rusqlite::Error| e.to_string();
    let mut round = 0;
    loop {
        let max = |table: &str| -> Result<i64, String> {
            conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )
            .map_err(fail)
        };
        let events: i64 = conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .map_err(fail)?;
        let target = i64::try_from(target).unwrap_or(i64::MAX);
        if events >= target {
            return Ok(());
        }
        round += 1;
        let (documents, last_event, mentions) =
            (max("documents")?, max("events")?, max("mentions")?);
        // Copy the first `wanted` events (by id) and what they need.
        let wanted = (target - events).min(events);
        let up_to: i64 = conn
            .query_row(
                "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET ?1",
                [wanted - 1],
                |r| r.get(0),
            )
            .map_err(fail)?;
        let tx = conn.transaction().map_err(fail)?;
        let suffix = format!("~copy{round}");
        tx.execute(
            "INSERT INTO documents (id, doc_id, content_hash, source, title, url,
                 publication_date, language, text, coder_version, ingested_at)
             SELECT id + ?1, doc_id || ?2, content_hash || ?2, source, title, url,
                 publication_date, language, text, coder_version, ingested_at
             FROM documents WHERE id <= ?1",
            rusqlite::params![documents, suffix],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO events (id, event_id, event_type, quad_class, cameo, date,
                 date_precision, date_source, date_start, date_end, window_start, window_end,
                 representative, num_mentions, num_articles, num_sources, first_seen, last_seen,
                 location_country, location_name, location_lat, location_lon)
             SELECT id + ?1, event_id || ?2, event_type, quad_class, cameo, date,
                 date_precision, date_source, date_start, date_end, window_start, window_end,
                 representative + ?3, num_mentions, num_articles, num_sources, first_seen,
                 last_seen, location_country, location_name, location_lat, location_lon
             FROM events WHERE id <= ?4",
            rusqlite::params![last_event, suffix, mentions, up_to],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO mentions (id, document, event, record_id, sentence_index, sentence,
                 span_start, span_end, trigger, rule, record, merge, why)
             SELECT id + ?1, document + ?2, event + ?3, record_id, sentence_index, sentence,
                 span_start, span_end, trigger, rule, record, merge, why
             FROM mentions WHERE event <= ?4",
            rusqlite::params![mentions, documents, last_event, up_to],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO event_parties (event, role, position, country, name, text)
             SELECT event + ?1, role, position, country, name, text
             FROM event_parties WHERE event <= ?2",
            rusqlite::params![last_event, up_to],
        )
        .map_err(fail)?;
        tx.execute(
            "INSERT INTO mention_text(rowid, sentence)
             SELECT id, sentence FROM mentions WHERE id > ?1",
            [mentions],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        eprintln!("loadtest: copied {wanted} events in SQL (round {round})");
    }
}

/// One keep-alive HTTP/1.1 connection: sends GETs, reads each answer whole.
struct Client {
    stream: BufReader<TcpStream>,
}

impl Client {
    async fn connect(addr: std::net::SocketAddr) -> std::io::Result<Client> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream: BufReader::new(stream),
        })
    }

    /// The status of a GET of `path`, its body read and dropped.
    async fn get(&mut self, path: &str) -> std::io::Result<u16> {
        let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        self.stream.get_mut().write_all(request.as_bytes()).await?;
        let bad =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("no status line"))?;
        let mut length = None;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err(bad("connection closed in the headers"));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let length = length.ok_or_else(|| bad("no content-length"))?;
        let mut body = vec![0; length];
        self.stream.read_exact(&mut body).await?;
        Ok(status)
    }
}

struct Outcome {
    latencies: Vec<Duration>,
    failures: usize,
}

/// `clients` connections asking for `paths` in turn for `seconds`.
fn hammer(addr: std::net::SocketAddr, paths: &[&str], clients: usize, seconds: u64) -> Outcome {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    runtime.block_on(async {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut tasks = Vec::new();
        for client_number in 0..clients {
            let paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
            tasks.push(tokio::spawn(async move {
                let mut outcome = Outcome {
                    latencies: Vec::new(),
                    failures: 0,
                };
                let Ok(mut client) = Client::connect(addr).await else {
                    outcome.failures += 1;
                    return outcome;
                };
                let mut turn = client_number;
                while Instant::now() < deadline {
                    let path = &paths[turn % paths.len()];
                    turn += 1;
                    let sent = Instant::now();
                    match client.get(path).await {
                        Ok(200) => outcome.latencies.push(sent.elapsed()),
                        Ok(_) => outcome.failures += 1,
                        Err(_) => {
                            outcome.failures += 1;
                            match Client::connect(addr).await {
                                Ok(fresh) => client = fresh,
                                Err(_) => break,
                            }
                        }
                    }
                }
                outcome
            }));
        }
        let mut all = Outcome {
            latencies: Vec::new(),
            failures: 0,
        };
        for task in tasks {
            match task.await {
                Ok(outcome) => {
                    all.latencies.extend(outcome.latencies);
                    all.failures += outcome.failures;
                }
                Err(_) => all.failures += 1,
            }
        }
        all
    })
}

fn percentile(sorted: &[Duration], share: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 * share).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}

fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(e) => {
            eprintln!("loadtest: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = build_store(&options) {
        eprintln!("loadtest: {e}");
        std::process::exit(1);
    }
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let explorer = match Explorer::open(&options.db, lexicon, false) {
        Ok(explorer) => explorer,
        Err(e) => {
            eprintln!("loadtest: {e}");
            std::process::exit(1);
        }
    };
    let server = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("server runtime");
    let router = explorer.router();
    // The page's opening requests, each answered once before the server
    // starts: what the first visitor would wait for with no cache.
    let mut cold = Vec::new();
    for uri in warta_serve::OPENING_REQUESTS {
        use tower::ServiceExt;
        let request = axum::http::Request::get(*uri)
            .header("host", "127.0.0.1")
            .body(axum::body::Body::empty())
            .expect("request");
        let started = Instant::now();
        let response = server
            .block_on(router.clone().oneshot(request))
            .expect("infallible");
        assert!(
            response.status().is_success(),
            "{uri}: {}",
            response.status()
        );
        cold.push((*uri, started.elapsed().as_secs_f64() * 1000.0));
    }
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("bound address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = server.spawn(warta_serve::serve(listener, router, async {
        let _ = stopped.await;
    }));
    let events = Store::open_read_only(&options.db)
        .and_then(|s| s.totals())
        .map(|t| t.events)
        .unwrap_or(0);
    println!(
        "{} clients, {} s per endpoint, {events} events, server on {addr}",
        options.clients, options.seconds
    );
    println!(
        "{:<58} {:>8} {:>8} {:>9} {:>9} {:>6}",
        "endpoint", "requests", "req/s", "p50 ms", "p99 ms", "failed"
    );
    let endpoints: &[(&str, &[&str])] = &[
        ("/api/events", &["/api/events"]),
        (
            "/api/events with filters (4 kinds, in turn)",
            &[
                "/api/events?actor=USA&type=CONSULT",
                "/api/events?quad=4&from=2012&to=2013-06",
                "/api/events?recipient=IDN&offset=200",
                "/api/events?q=presiden&source=cnn%20indonesia",
            ],
        ),
        ("/api/timeline", &["/api/timeline"]),
        (
            "/api/timeline?by=week&actor=IDN",
            &["/api/timeline?by=week&actor=IDN"],
        ),
    ];
    let opening: Vec<(String, Vec<&str>)> = warta_serve::OPENING_REQUESTS
        .iter()
        .map(|uri| (format!("opening: {uri}"), vec![*uri]))
        .collect();
    let mut all: Vec<(&str, &[&str])> = endpoints.to_vec();
    for (name, paths) in &opening {
        all.push((name.as_str(), paths.as_slice()));
    }
    let mut failed = 0;
    for (name, paths) in all {
        let outcome = hammer(addr, paths, options.clients, options.seconds);
        let mut latencies = outcome.latencies;
        latencies.sort();
        println!(
            "{:<58} {:>8} {:>8.0} {:>9.1} {:>9.1} {:>6}",
            name,
            latencies.len(),
            latencies.len() as f64 / options.seconds.max(1) as f64,
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.99),
            outcome.failures
        );
        failed += outcome.failures;
    }
    println!("first answer of each opening request (no cache yet):");
    for (uri, ms) in &cold {
        println!("  {uri:<56} {ms:>9.1} ms");
    }
    let _ = stop.send(());
    let _ = server.block_on(serving);
    if failed > 0 {
        eprintln!("loadtest: {failed} requests failed");
        std::process::exit(1);
    }
}
