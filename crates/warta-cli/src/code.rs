//! `warta code`: stream documents through the coder in parallel batches and
//! write records in input order.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use warta_code::{Coder, Document};
use warta_read::{conflict_reason, RawDocument, RunIds, Seen};

use warta_record::{csv_header, write_csv_row};

use crate::console::{
    in_input_order, plural, skip_kind, throughput, Batch, Console, Counts, Line, SkipKind,
    PROGRESS_EVERY,
};
use crate::read_ahead::read_ahead;
use crate::Format;

/// Documents coded together: large enough to keep every core busy, small
/// enough that memory stays flat however large the input.
const BATCH: usize = 256;

/// The longest one document may take to code. Coding time grows linearly
/// (an 8 MiB document of hostile text takes about half a minute), so only a
/// pathological input or a bug reaches it; that document is reported and
/// the batch goes on.
pub(crate) const DOCUMENT_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);

/// What coding one document came to, besides its records.
pub(crate) enum Outcome {
    Coded,
    /// Skipped by the coder on purpose: why, and the message naming it.
    Skipped(SkipKind, String),
    /// Not coded: the message names the document and why.
    Failed(String),
}

pub fn run(
    coder: &Coder,
    paths: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    threads: Option<usize>,
    console: &Console,
) -> anyhow::Result<ExitCode> {
    // Panics are reported per document (see `render`), not by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    // Records written to the terminal the bar is drawn on clear it first.
    let records_under_bar = console.has_bar() && output.is_none() && io::stdout().is_terminal();
    let sink: Box<dyn Write> = match output {
        Some(path) => {
            Box::new(File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, sink);
    if matches!(format, Format::Csv) {
        out.write_all(csv_header().as_bytes())?;
    }
    let mut counts = Counts::default();
    let mut records = 0usize;
    let mut batch: Batch<RawDocument> = Batch::new(BATCH);
    // Codes a batch in parallel, writes it in input order, and says what
    // happened to each document, in input order too.
    let mut flush = |batch: &mut Batch<RawDocument>,
                     out: &mut BufWriter<Box<dyn Write>>,
                     counts: &mut Counts|
     -> io::Result<()> {
        let held = batch.take_lines();
        let coded: Vec<(String, usize, Outcome)> = pool.install(|| {
            batch
                .items
                .par_drain(..)
                .map(|raw| render(coder, raw, format))
                .collect()
        });
        let mut own = Vec::with_capacity(coded.len());
        let mut texts = Vec::with_capacity(coded.len());
        for (text, n, outcome) in coded {
            texts.push(text);
            records += n;
            own.push(match outcome {
                Outcome::Coded => {
                    counts.coded += 1;
                    None
                }
                Outcome::Skipped(kind, message) => {
                    counts.skip(kind);
                    Some(Line::Skip(message))
                }
                Outcome::Failed(message) => {
                    counts.failed += 1;
                    Some(Line::Error(message))
                }
            });
        }
        console.print(&in_input_order(held, own));
        let write = |out: &mut BufWriter<Box<dyn Write>>| -> io::Result<()> {
            for text in &texts {
                out.write_all(text.as_bytes())?;
            }
            Ok(())
        };
        if records_under_bar {
            console.suspend(|| write(out).and_then(|()| out.flush()))
        } else {
            write(out)
        }
    };
    let mut ids = RunIds::new();
    for item in read_ahead(paths) {
        match item {
            Ok(raw) => {
                counts.read(raw.text.len());
                match ids.check(&raw) {
                    Seen::First => {
                        for note in &raw.notes {
                            let line = format!("{}: note: {note}", raw.origin);
                            batch.say(console, Line::Note(line));
                        }
                        batch.push(raw);
                    }
                    Seen::Repeat { first } => {
                        counts.repeated += 1;
                        let line = format!(
                            "{}: note: the same document as {first}; coded once",
                            raw.origin
                        );
                        batch.say(console, Line::Skip(line));
                    }
                    Seen::Conflict { first } => {
                        counts.conflicting += 1;
                        let line = format!("{}: {}", raw.origin, conflict_reason(&raw, &first));
                        batch.say(console, Line::Error(line));
                    }
                }
            }
            Err(e) => {
                counts.unreadable += 1;
                batch.say(console, Line::Error(e.to_string()));
            }
        }
        if batch.is_full() {
            flush(&mut batch, &mut out, &mut counts)?;
        }
        if counts.read % PROGRESS_EVERY == 0 {
            console.progress(&counts);
        }
    }
    flush(&mut batch, &mut out, &mut counts)?;
    console.progress(&counts);
    out.flush()?;
    let elapsed = console.started().elapsed();
    console.summary(
        "code",
        &[
            counts.documents_line(),
            format!(
                "{} written in {}",
                plural(records, "record", "records"),
                throughput(counts.read, counts.text_bytes, elapsed)
            ),
        ],
    );
    Ok(if counts.any_error() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One document's records as output text, how many, and what happened to
/// it (a skip or a failure is said by the caller, in input order).
fn render(coder: &Coder, raw: RawDocument, format: Format) -> (String, usize, Outcome) {
    let origin = raw.origin.clone();
    let doc = Document::from(raw);
    let budget = warta_code::Budget::within(DOCUMENT_BUDGET);
    let coded = match coder.code_guarded_within(&doc, &budget) {
        Ok(coded) => coded,
        Err(reason) => {
            let message =
                format!("{origin}: internal error while coding, document skipped: {reason}");
            return (String::new(), 0, Outcome::Failed(message));
        }
    };
    if let Some(skipped) = &coded.skipped {
        let message = format!("{origin}: skipped: {}", skipped.reason);
        return if skipped.stopped {
            (String::new(), 0, Outcome::Failed(message))
        } else {
            // No records: the coder stops before finding any.
            let kind = skip_kind(&skipped.reason);
            (String::new(), 0, Outcome::Skipped(kind, message))
        };
    }
    let mut text = String::new();
    for record in &coded.records {
        match format {
            Format::Jsonl => {
                text.push_str(&record.to_json_line());
                text.push('\n');
            }
            Format::Csv => write_csv_row(record, &mut text),
        }
    }
    (text, coded.records.len(), Outcome::Coded)
}
