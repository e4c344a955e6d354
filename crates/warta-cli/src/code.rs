//! `warta code`: stream documents through the coder in parallel batches and
//! write records in input order.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use warta_code::{Coder, Document};
use warta_read::{conflict_reason, RawDocument, RunIds, Seen};

use crate::read_ahead::read_ahead;
use warta_record::{csv_header, write_csv_row};

use crate::Format;

/// Documents coded together: large enough to keep every core busy, small
/// enough that memory stays flat however large the input.
const BATCH: usize = 256;

/// The longest one document may take to code. Coding time grows linearly
/// (an 8 MiB document of hostile text takes about half a minute), so only a
/// pathological input or a bug reaches it; that document is reported and
/// the batch goes on.
pub(crate) const DOCUMENT_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);

pub fn run(
    coder: &Coder,
    paths: &[PathBuf],
    format: Format,
    output: Option<&Path>,
    threads: Option<usize>,
) -> anyhow::Result<ExitCode> {
    // Panics are reported per document (see `render`), not by the default hook.
    std::panic::set_hook(Box::new(|_| {}));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
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
    let mut failed = false;
    let mut batch: Vec<RawDocument> = Vec::with_capacity(BATCH);
    // Codes a batch in parallel, writes it in input order, and says whether
    // any document failed.
    let flush =
        |batch: &mut Vec<RawDocument>, out: &mut BufWriter<Box<dyn Write>>| -> io::Result<bool> {
            let coded: Vec<(String, bool)> = pool.install(|| {
                batch
                    .par_drain(..)
                    .map(|raw| render(coder, raw, format))
                    .collect()
            });
            let mut failed = false;
            for (text, broke) in coded {
                out.write_all(text.as_bytes())?;
                failed |= broke;
            }
            Ok(failed)
        };
    let mut ids = RunIds::new();
    for item in read_ahead(paths) {
        match item {
            Ok(raw) => {
                match ids.check(&raw) {
                    Seen::First => {}
                    Seen::Repeat { first } => {
                        eprintln!(
                            "warta: {}: note: the same document as {first}; coded once",
                            raw.origin
                        );
                        continue;
                    }
                    Seen::Conflict { first } => {
                        failed = true;
                        eprintln!("warta: {}: {}", raw.origin, conflict_reason(&raw, &first));
                        continue;
                    }
                }
                for note in &raw.notes {
                    eprintln!("warta: {}: note: {note}", raw.origin);
                }
                batch.push(raw);
                if batch.len() == BATCH {
                    failed |= flush(&mut batch, &mut out)?;
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("warta: {e}");
            }
        }
    }
    failed |= flush(&mut batch, &mut out)?;
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One document's records as output text; a skipped document is said on
/// standard error.
fn render(coder: &Coder, raw: RawDocument, format: Format) -> (String, bool) {
    let origin = raw.origin.clone();
    let doc = Document::from(raw);
    let budget = warta_code::Budget::within(DOCUMENT_BUDGET);
    let coded = match coder.code_guarded_within(&doc, &budget) {
        Ok(coded) => coded,
        Err(reason) => {
            eprintln!(
                "warta: {}: internal error while coding, document skipped: {reason}",
                origin
            );
            return (String::new(), true);
        }
    };
    if let Some(skipped) = &coded.skipped {
        eprintln!("warta: {origin}: skipped: {}", skipped.reason);
        if skipped.stopped {
            return (String::new(), true);
        }
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
    (text, false)
}
