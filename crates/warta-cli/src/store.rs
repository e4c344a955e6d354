//! `warta ingest`, `warta events`, `warta event`, `warta document` and the
//! event filters (`warta dyads` and `warta timeline` are in `tables.rs`):
//! the event store from the command line. Ingest skips documents already
//! stored (by content hash) before coding, codes the rest in parallel
//! batches and stores each batch in one transaction.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use warta_code::{Coder, Document};
use warta_lexicon::Lexicon;
use warta_read::{conflict_reason, RawDocument, RunIds, Seen};
use warta_store::{
    content_hash, DocumentInput, EventFilter, IngestSummary, Known, Page, People, Store,
    StoredEvent,
};

use crate::code::Outcome;
use crate::console::{
    in_input_order, plural, skip_kind, throughput, Batch, Console, Counts, Line, PROGRESS_EVERY,
};

/// Documents coded and stored together: one transaction each.
const BATCH: usize = 256;

/// The event filters shared by `events`, `dyads` and `timeline`.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Actor: a country code (RUS) or part of a name, any case.
    #[arg(long)]
    actor: Option<String>,
    /// Recipient: a country code or part of a name, any case.
    #[arg(long)]
    recipient: Option<String>,
    /// PLOVER event type, any case: AGREE, CONSULT, SUPPORT, CONCEDE (quad
    /// class 1); COOPERATE, AID, RETREAT (2); REQUEST, ACCUSE, REJECT,
    /// THREATEN (3); PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT (4).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_name = "1-4", value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// On or before this date.
    #[arg(long)]
    to: Option<String>,
    /// Words that all occur in a sentence reporting the event.
    #[arg(long)]
    text: Option<String>,
    /// An outlet that reported it: part of its name, any case (antara).
    #[arg(long)]
    source: Option<String>,
    /// A party on either side: a country code or part of a name, any case.
    #[arg(long)]
    party: Option<String>,
    /// Where it happened: the place's country code (SYR) or part of its name (damaskus).
    #[arg(long)]
    place: Option<String>,
}

impl FilterArgs {
    pub(crate) fn filter(&self) -> anyhow::Result<EventFilter> {
        if let Some(kind) = &self.event_type {
            let types: Vec<String> = warta_lexicon::Lexicon::embedded()?
                .plover
                .types
                .iter()
                .map(|t| t.name.to_uppercase())
                .collect();
            if !types.contains(&kind.trim().to_uppercase()) {
                // Exit status 2, as for any bad argument: never an empty
                // success.
                anyhow::bail!("unknown event type {kind:?}; one of {}", types.join(", "));
            }
        }
        Ok(EventFilter {
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            event_type: self.event_type.clone(),
            quad_class: self.quad,
            from: self.from.clone(),
            to: self.to.clone(),
            text: self.text.clone(),
            source: self.source.clone(),
            party: self.party.clone(),
            place: self.place.clone(),
        })
    }
}

#[derive(Clone, Copy, ValueEnum, Debug)]
pub enum EventFormat {
    /// One event per line with its mentions (JSON).
    Jsonl,
    /// One row per event, with a header.
    Csv,
    /// GDELT 2.0's event table: its 61 columns, tab-separated, no header.
    Gdelt,
    /// GDELT 2.0's columns Warta fills, with a header and DatePrecision.
    GdeltLike,
    /// One row per mention (GDELT's mentions table), tab-separated.
    Mentions,
    /// Aligned columns for reading: date, type, mode, parties, place, counts.
    Table,
    /// Apache Parquet (needs --output).
    Parquet,
}

#[derive(Clone, Copy, ValueEnum, Debug)]
pub enum Period {
    /// A calendar day: 2024-04-16.
    Day,
    /// An ISO week, Monday to Sunday: 2024-W16.
    Week,
}

/// Counts for the ingest summary: the documents (as `warta code` counts
/// them, plus those already stored), and what the store did.
#[derive(Default)]
struct Tally {
    counts: Counts,
    /// Stored, but the coder skipped them on purpose (sports, language):
    /// kept without events.
    kept_without_events: usize,
    coding: Duration,
    storing: Duration,
    stored: IngestSummary,
}

/// Re-merges a store merged by other rules than this warta's, and says so
/// (unless `quiet`).
fn remerge_if_stale(store: &mut Store, people: &People, quiet: bool) -> anyhow::Result<()> {
    if let Some(done) = store.remerge_if_stale(people)? {
        let from = done
            .from_rules
            .map_or_else(|| "unrecorded".to_owned(), |v| v.to_string());
        if !quiet {
            eprintln!(
                "warta: {}: re-merged {} mentions by merge rules {} (were {from}): {} events, were {}",
                store.path().display(),
                done.mentions,
                done.to_rules,
                done.events_after,
                done.events_before
            );
        }
    }
    Ok(())
}

/// `warta upgrade`: the schema's migrations (on opening), then a re-merge
/// if the merge rules changed.
pub fn upgrade(lexicon: &Lexicon, db: &Path) -> anyhow::Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!("{}: no such database", db.display());
    }
    let people = People::new(lexicon.people.iter().map(|p| p.name.clone()));
    let mut store = Store::open(db)?;
    remerge_if_stale(&mut store, &people, false)?;
    eprintln!(
        "warta upgrade: {} is at schema version {} and merge rules {}",
        db.display(),
        store.schema_version()?,
        warta_store::MERGE_RULES_VERSION
    );
    Ok(ExitCode::SUCCESS)
}

pub fn ingest(
    lexicon: Lexicon,
    paths: &[PathBuf],
    db: &Path,
    threads: Option<usize>,
    console: &Console,
) -> anyhow::Result<ExitCode> {
    // Panics are reported per document, not by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let people = People::new(lexicon.people.iter().map(|p| p.name.clone()));
    let coder_version = format!(
        "warta {} lexicon {}",
        env!("CARGO_PKG_VERSION"),
        lexicon.version
    );
    let coder = Coder::new(lexicon);
    let mut store = Store::open(db)?;
    remerge_if_stale(&mut store, &people, console.quiet())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    let mut tally = Tally::default();
    // A doc_id seen earlier in this run keeps its first version, so that
    // re-running the same inputs changes nothing; another document under
    // that id is an error, not a silent replacement.
    let mut seen = RunIds::new();
    let mut batch: Batch<(RawDocument, String)> = Batch::new(BATCH);
    let flush = |store: &mut Store,
                 batch: &mut Batch<(RawDocument, String)>,
                 tally: &mut Tally|
     -> anyhow::Result<()> {
        let held = batch.take_lines();
        let coding = Instant::now();
        let coded: Vec<(Option<DocumentInput>, Outcome)> = pool.install(|| {
            batch
                .items
                .par_drain(..)
                .map(|(raw, hash)| code_one(&coder, raw, hash))
                .collect()
        });
        tally.coding += coding.elapsed();
        let mut own = Vec::with_capacity(coded.len());
        let mut documents = Vec::with_capacity(coded.len());
        for (document, outcome) in coded {
            own.push(match outcome {
                Outcome::Coded => {
                    tally.counts.coded += 1;
                    None
                }
                Outcome::Skipped(kind, message) => {
                    tally.counts.skip(kind);
                    tally.kept_without_events += 1;
                    Some(Line::Skip(message))
                }
                Outcome::Failed(message) => {
                    tally.counts.failed += 1;
                    Some(Line::Error(message))
                }
            });
            documents.extend(document);
        }
        console.print(&in_input_order(held, own));
        let storing = Instant::now();
        tally.stored += store.ingest(&documents, &coder_version, &people)?;
        tally.storing += storing.elapsed();
        Ok(())
    };
    for item in crate::read_ahead::read_ahead(paths) {
        // What becomes of one input: an error, a skip, or a place in the batch.
        'input: {
            let raw = match item {
                Ok(raw) => raw,
                Err(e) => {
                    tally.counts.unreadable += 1;
                    batch.say(console, Line::Error(e.to_string()));
                    break 'input;
                }
            };
            tally.counts.read(raw.text.len());
            let hash = content_hash(&[
                Some(raw.text.as_str()),
                raw.title.as_deref(),
                raw.date.as_deref(),
                raw.url.as_deref(),
                raw.source.as_deref(),
                raw.language.as_deref(),
            ]);
            match seen.check_hashed(&raw, &hash) {
                Seen::First => {}
                Seen::Repeat { first } => {
                    tally.counts.repeated += 1;
                    let line = format!(
                        "{}: note: the same document as {first}; stored once",
                        raw.origin
                    );
                    batch.say(console, Line::Skip(line));
                    break 'input;
                }
                Seen::Conflict { first } => {
                    tally.counts.conflicting += 1;
                    let line = format!("{}: {}", raw.origin, conflict_reason(&raw, &first));
                    batch.say(console, Line::Error(line));
                    break 'input;
                }
            }
            for note in &raw.notes {
                batch.say(console, Line::Note(format!("{}: note: {note}", raw.origin)));
            }
            // Skipped before coding, so a resumed run is fast.
            let skipped = match store.known(&raw.doc_id, &hash)? {
                Known::Unchanged => {
                    tally.counts.unchanged += 1;
                    "stored already, unchanged".to_owned()
                }
                Known::Duplicate { of } => {
                    tally.counts.duplicates += 1;
                    format!("the same content is stored as document '{of}'")
                }
                Known::New | Known::Changed => {
                    if !batch.items.iter().any(|(_, h)| *h == hash) {
                        batch.push((raw, hash));
                        break 'input;
                    }
                    tally.counts.duplicates += 1;
                    "the same content as a document read earlier".to_owned()
                }
            };
            let line = format!("{}: skipped: {skipped}", raw.origin);
            batch.say(console, Line::Skip(line));
        }
        if batch.is_full() {
            flush(&mut store, &mut batch, &mut tally)?;
        }
        if tally.counts.read % PROGRESS_EVERY == 0 {
            console.progress(&tally.counts);
        }
    }
    flush(&mut store, &mut batch, &mut tally)?;
    console.progress(&tally.counts);
    report(&store, &tally, console)?;
    Ok(if tally.counts.any_error() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Codes one document for the store: the document to store (`None` when
/// the coder failed on it, so that the next run tries it again) and what
/// happened to it.
fn code_one(
    coder: &Coder,
    raw: RawDocument,
    content_hash: String,
) -> (Option<DocumentInput>, Outcome) {
    let origin = raw.origin.clone();
    let doc = Document::from(raw);
    let budget = warta_code::Budget::within(crate::code::DOCUMENT_BUDGET);
    let coded = match coder.code_guarded_within(&doc, &budget) {
        Ok(coded) => coded,
        Err(reason) => {
            let message =
                format!("{origin}: internal error while coding, document not stored: {reason}");
            return (None, Outcome::Failed(message));
        }
    };
    let outcome = match &coded.skipped {
        // Not stored, so that the next run tries it again.
        Some(stopped) if stopped.stopped => {
            let message = format!("{origin}: {}; not stored", stopped.reason);
            return (None, Outcome::Failed(message));
        }
        Some(skipped) => Outcome::Skipped(
            skip_kind(&skipped.reason),
            format!(
                "{origin}: skipped: {}; stored without events",
                skipped.reason
            ),
        ),
        None => Outcome::Coded,
    };
    let document = DocumentInput {
        doc_id: coded.doc_id,
        content_hash,
        source: coded.source,
        title: coded.title,
        url: coded.url,
        publication_date: coded.publication_date,
        language: coded.language,
        text: coded.text,
        records: coded.records,
    };
    (Some(document), outcome)
}

fn report(store: &Store, tally: &Tally, console: &Console) -> anyhow::Result<()> {
    if console.quiet() {
        return Ok(());
    }
    let s = &tally.stored;
    let counts = &tally.counts;
    // Coded, then found stored when storing: another ingest stored them
    // meanwhile.
    let meanwhile = match s.duplicates + s.unchanged {
        0 => String::new(),
        n => format!("; {n} found stored meanwhile by another ingest"),
    };
    let totals = store.totals()?;
    let elapsed = console.started().elapsed();
    console.summary(
        "ingest",
        &[
            counts.documents_line(),
            format!(
                "{} stored ({} replacing a changed version, {} skipped by the coder and kept \
                 without events){meanwhile}",
                plural(s.stored, "document", "documents"),
                s.replaced,
                tally.kept_without_events
            ),
            format!(
                "{} mentions written: {} new events, {} joined an event from another document, \
                 {} events removed",
                s.mentions, s.new_events, s.joined, s.removed_events
            ),
            format!(
                "{} now holds {} documents, {} events, {} mentions",
                store.path().display(),
                totals.documents,
                totals.events,
                totals.mentions
            ),
            format!(
                "coding {:.2} s, storing {:.2} s, total {}",
                tally.coding.as_secs_f64(),
                tally.storing.as_secs_f64(),
                throughput(counts.read, counts.text_bytes, elapsed)
            ),
        ],
    );
    Ok(())
}

fn open_output(output: Option<&Path>) -> anyhow::Result<(Box<dyn Write>, String)> {
    Ok(match output {
        Some(path) => (
            Box::new(BufWriter::new(File::create(path).map_err(|e| {
                anyhow::anyhow!("{}: cannot create: {e}", path.display())
            })?)),
            path.display().to_string(),
        ),
        None => (
            Box::new(BufWriter::new(io::stdout().lock())),
            "standard output".to_owned(),
        ),
    })
}

pub fn events(
    db: &Path,
    filters: &FilterArgs,
    format: EventFormat,
    output: Option<&Path>,
    limit: Option<usize>,
    offset: usize,
) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(db)?;
    let filter = filters.filter()?;
    let page = Page { limit, offset };
    if let EventFormat::Parquet = format {
        let Some(path) = output else {
            anyhow::bail!("--format parquet needs --output FILE");
        };
        let n = warta_store::write_parquet(&store, &filter, page, path)?;
        eprintln!("warta events: {n} events written to {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let (mut out, name) = open_output(output)?;
    match format {
        EventFormat::Jsonl => {
            warta_store::write_jsonl(&store, &filter, page, &mut out, &name)?;
        }
        EventFormat::Csv => {
            warta_store::write_csv(&store, &filter, page, &mut out, &name)?;
        }
        EventFormat::Gdelt => {
            let fips: std::collections::HashMap<String, String> = Lexicon::embedded()?
                .countries
                .into_iter()
                .filter_map(|c| Some((c.code, c.fips?)))
                .collect();
            let fips = |iso: &str| fips.get(iso).cloned();
            warta_store::write_gdelt(&store, &filter, page, &mut out, &name, &fips)?;
        }
        EventFormat::GdeltLike => {
            warta_store::write_gdelt_like(&store, &filter, page, &mut out, &name)?;
        }
        EventFormat::Mentions => {
            warta_store::write_mentions(&store, &filter, page, &mut out, &name)?;
        }
        EventFormat::Table | EventFormat::Parquet => {
            let total = store.count_events(&filter)?;
            let mut shown = 0;
            writeln!(
                out,
                "{:<10}  {:<9} {:<13} {:<30} {:<22} {:<16} {:>4} {:>4}  event",
                "date", "type", "mode", "actor", "recipient", "where", "arts", "srcs"
            )?;
            let mut failure = None;
            store.for_each_event(&filter, page, |event| {
                shown += 1;
                if let Err(e) = writeln!(out, "{}", table_row(&event)) {
                    failure = Some(e);
                }
                Ok(())
            })?;
            if let Some(e) = failure {
                return Err(e.into());
            }
            writeln!(out, "{shown} of {total} events")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `text` cut to `width` characters (never inside a character).
fn cell(text: &str, width: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= width {
        format!("{clean:<width$}")
    } else {
        let cut: String = clean.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn parties(entities: &[warta_record::Entity]) -> String {
    let list: Vec<String> = entities
        .iter()
        .map(|e| {
            let name = e.name.as_deref().unwrap_or(&e.text);
            match &e.country {
                Some(c) if c != name => format!("{name} ({c})"),
                _ => name.to_owned(),
            }
        })
        .collect();
    if list.is_empty() {
        "-".to_owned()
    } else {
        list.join(", ")
    }
}

fn table_row(event: &StoredEvent) -> String {
    let r = &event.record;
    let place = r
        .location
        .as_ref()
        .map(|l| l.name.clone().unwrap_or_else(|| l.text.clone()))
        .unwrap_or_else(|| "-".to_owned());
    format!(
        "{}  {} {} {} {} {} {:>4} {:>4}  {}",
        cell(r.date.as_deref().unwrap_or("-"), 10),
        cell(&r.event_type, 9),
        cell(r.mode.as_deref().unwrap_or("-"), 13),
        cell(&parties(&r.actor), 30),
        cell(&parties(&r.recipient), 22),
        cell(&place, 16),
        event.num_articles,
        event.num_sources,
        event.event_id
    )
}

pub fn event(db: &Path, event_id: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(db)?;
    match store.event(event_id)? {
        Some(event) => print_pretty(&event),
        None => not_found(db, "event", event_id),
    }
}

pub fn document(db: &Path, doc_id: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(db)?;
    match store.document(doc_id)? {
        Some(document) => print_pretty(&document),
        None => not_found(db, "document", doc_id),
    }
}

fn print_pretty(value: &impl serde::Serialize) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn not_found(db: &Path, what: &str, id: &str) -> anyhow::Result<ExitCode> {
    eprintln!("warta: {}: no {what} {id:?}", db.display());
    Ok(ExitCode::from(1))
}
