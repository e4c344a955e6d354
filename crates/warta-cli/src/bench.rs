//! `warta bench`: coding throughput on a corpus, measured the same way on
//! any machine. Inputs are read and converted first (not timed); then the
//! documents are coded and their records serialised on one thread and on
//! all, the best of three passes each on one pool (the steady state of a
//! long run, with warm word caches), and the rates and peak memory are
//! printed.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use warta_code::{Coder, Document};
use warta_read::{read_inputs, ReadOptions};

use crate::console::{plural, skip_kind, Console, Counts, Line, PROGRESS_EVERY};

/// One timed pass on `pool`: (seconds, records, sentences, each document's
/// reason for being skipped if it was).
fn pass(coder: &Coder, docs: &[Document], pool: &rayon::ThreadPool) -> Pass {
    let start = Instant::now();
    let coded: Vec<(usize, usize, usize, Option<String>)> = pool.install(|| {
        docs.par_iter()
            .map(|doc| {
                let coded = coder.code(doc);
                let bytes: usize = coded
                    .records
                    .iter()
                    .map(|r| r.to_json_line().len() + 1)
                    .sum();
                let skipped = coded.skipped.map(|s| s.reason);
                (coded.records.len(), coded.sentences, bytes, skipped)
            })
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let (records, sentences, bytes) = coded
        .iter()
        .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    std::hint::black_box(bytes);
    Pass {
        seconds,
        records,
        sentences,
        skipped: coded.into_iter().map(|c| c.3).collect(),
    }
}

struct Pass {
    seconds: f64,
    records: usize,
    sentences: usize,
    skipped: Vec<Option<String>>,
}

/// Peak resident memory of this process, in MiB (Linux), if known.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Passes per thread count: the best of three is reported.
const PASSES: usize = 3;

pub fn run(
    coder: &Coder,
    paths: &[PathBuf],
    threads: Option<usize>,
    console: &Console,
) -> anyhow::Result<()> {
    let load = Instant::now();
    let mut counts = Counts::default();
    let mut docs: Vec<Document> = Vec::new();
    let mut origins: Vec<String> = Vec::new();
    for item in read_inputs(paths, &ReadOptions::default()) {
        match item {
            Ok(raw) => {
                counts.read(raw.text.len());
                let notes: Vec<Line> = raw
                    .notes
                    .iter()
                    .map(|n| Line::Note(format!("{}: note: {n}", raw.origin)))
                    .collect();
                console.print(&notes);
                origins.push(raw.origin.clone());
                docs.push(Document::from(raw));
            }
            Err(e) => {
                counts.unreadable += 1;
                console.print(&[Line::Error(e.to_string())]);
            }
        }
        if counts.read % PROGRESS_EVERY == 0 {
            console.progress(&counts);
        }
    }
    let loading = load.elapsed();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mib = bytes as f64 / (1024.0 * 1024.0);
    let mut out = std::io::stdout();
    console.suspend(|| {
        writeln!(
            out,
            "input: {} articles, {:.1} MiB of text (read and converted in {:.2} s, not timed)",
            docs.len(),
            mib,
            loading.as_secs_f64()
        )?;
        writeln!(
            out,
            "{:>8} {:>7} {:>9} {:>11} {:>12} {:>9} {:>8}",
            "threads", "MB/s", "MiB/s", "articles/s", "sentences/s", "records", "seconds"
        )
    })?;
    let all =
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let thread_counts = if all > 1 { vec![1, all] } else { vec![1] };
    let total_passes = thread_counts.len() * PASSES;
    console.steps((total_passes * docs.len()) as u64);
    let coding = Instant::now();
    // What the coder did with each document, from the first pass (every
    // pass does the same).
    let mut first: Option<(usize, Vec<Option<String>>)> = None;
    let mut best_rate: Option<(f64, f64, usize)> = None;
    for (round, &n) in thread_counts.iter().enumerate() {
        // One pool for all passes, as `warta code` keeps one for a whole run:
        // the first pass warms the per-thread word caches, like the first
        // minutes of a day's news. Best of three: a shared machine adds
        // noise, never speed.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build()?;
        let mut best: Option<Pass> = None;
        for i in 0..PASSES {
            console.doing(format!(
                "documents coded (pass {} of {total_passes}, {})",
                round * PASSES + i + 1,
                plural(n, "thread", "threads")
            ));
            let mut done = pass(coder, &docs, &pool);
            console.advance(docs.len() as u64);
            if first.is_none() {
                first = Some((done.records, std::mem::take(&mut done.skipped)));
            }
            if best.as_ref().is_none_or(|b| done.seconds < b.seconds) {
                best = Some(done);
            }
        }
        let Pass {
            seconds,
            records,
            sentences,
            ..
        } = best.expect("three passes");
        let rate = (docs.len() as f64 / seconds, bytes as f64 / 1e6 / seconds, n);
        if best_rate.is_none_or(|b| rate.0 > b.0) {
            best_rate = Some(rate);
        }
        console.suspend(|| {
            writeln!(
                out,
                "{:>8} {:>7.1} {:>9.1} {:>11.0} {:>12.0} {:>9} {:>8.2}",
                n,
                bytes as f64 / 1e6 / seconds,
                mib / seconds,
                docs.len() as f64 / seconds,
                sentences as f64 / seconds,
                records,
                seconds
            )
        })?;
    }
    if let Some(peak) = peak_memory_mib() {
        console.suspend(|| {
            writeln!(
                out,
                "peak resident memory: {peak:.0} MiB (includes the corpus held in memory for timing)"
            )
        })?;
    }
    let mut skips = Vec::new();
    let (records, skipped) = first.unwrap_or_default();
    for (origin, reason) in origins.iter().zip(skipped) {
        match reason {
            Some(reason) => {
                counts.skip(skip_kind(&reason));
                skips.push(Line::Skip(format!("{origin}: skipped: {reason}")));
            }
            None => counts.coded += 1,
        }
    }
    console.print(&skips);
    let mut summary = vec![
        counts.documents_line(),
        format!(
            "{} per pass; {total_passes} passes in {:.2} s after {:.2} s of reading",
            plural(records, "record", "records"),
            coding.elapsed().as_secs_f64(),
            loading.as_secs_f64()
        ),
    ];
    if let Some((articles, megabytes, n)) = best_rate {
        summary.push(format!(
            "best {articles:.0} articles/s, {megabytes:.1} MB/s ({})",
            plural(n, "thread", "threads")
        ));
    }
    console.summary("bench", &summary);
    Ok(())
}
