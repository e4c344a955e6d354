//! What `warta code`, `warta ingest` and `warta bench` say on standard
//! error: a progress line while they run (only when standard error is a
//! terminal), the inputs that failed, and a closing summary of what was
//! read, coded, skipped and written. `--quiet` leaves only the errors;
//! `--verbose` adds one line per document skipped on purpose.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Lines of messages held for one batch before it is coded early, so that
/// an input of nothing but bad lines cannot fill memory.
const MAX_HELD_LINES: usize = 4096;

/// Documents read between two updates of the progress line.
pub const PROGRESS_EVERY: usize = 64;

/// `--quiet` and `--verbose`.
#[derive(Args, Debug, Clone, Copy, Default)]
pub struct Verbosity {
    /// Print errors only: no progress bar, no notes, no summary.
    #[arg(long, short, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also name each document skipped on purpose (a sports report, another
    /// language, a repeat, a document already stored), one line each.
    #[arg(long, short)]
    pub verbose: bool,
}

/// One message about one input, printed as `warta: TEXT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// An input that failed: always printed.
    Error(String),
    /// How a document was read (its encoding guessed, say): not with
    /// `--quiet`.
    Note(String),
    /// A document skipped on purpose: only with `--verbose`.
    Skip(String),
}

/// Why the coder skipped a document on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    Sports,
    OtherLanguage,
    /// A reason this version does not sort (counted, and named with
    /// `--verbose`).
    Other,
}

/// Sorts the coder's reason for skipping a document (warta-code's
/// `Skipped::reason`); a unit test pins the reasons it gives today.
pub fn skip_kind(reason: &str) -> SkipKind {
    if reason.contains("sports") {
        SkipKind::Sports
    } else if reason.contains("language") {
        SkipKind::OtherLanguage
    } else {
        SkipKind::Other
    }
}

/// What happened to the documents of a run. Every document read ends in
/// exactly one of coded, skipped or failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents read (an unreadable input is not one).
    pub read: usize,
    /// Bytes of their text (after conversion from HTML, JSON, WARC).
    pub text_bytes: usize,
    pub coded: usize,
    pub sports: usize,
    pub other_language: usize,
    /// Skipped by the coder for another reason.
    pub other_skip: usize,
    /// The same document (id and content) as one read earlier in the run.
    pub repeated: usize,
    /// `ingest`: the same content as a document already stored under
    /// another id, or as another document of this run.
    pub duplicates: usize,
    /// `ingest`: stored as it is already.
    pub unchanged: usize,
    /// Another document under an id read earlier in the run: an error.
    pub conflicting: usize,
    /// The coder failed on them (an internal error, or out of time).
    pub failed: usize,
    /// Inputs that could not be read: a file, a JSON line, a WARC record.
    pub unreadable: usize,
}

impl Counts {
    /// A document read, of `bytes` bytes of text.
    pub fn read(&mut self, bytes: usize) {
        self.read += 1;
        self.text_bytes += bytes;
    }

    /// A document the coder skipped on purpose.
    pub fn skip(&mut self, kind: SkipKind) {
        match kind {
            SkipKind::Sports => self.sports += 1,
            SkipKind::OtherLanguage => self.other_language += 1,
            SkipKind::Other => self.other_skip += 1,
        }
    }

    pub fn skipped(&self) -> usize {
        self.sports
            + self.other_language
            + self.other_skip
            + self.repeated
            + self.duplicates
            + self.unchanged
    }

    /// Documents read that failed (unreadable inputs are counted apart).
    pub fn failures(&self) -> usize {
        self.conflicting + self.failed
    }

    /// Whether any input failed: the run's exit status is then 1.
    pub fn any_error(&self) -> bool {
        self.unreadable + self.failures() > 0
    }

    /// "3744 documents read (7.9 MB of text): 2633 coded, 1091 skipped
    /// (820 sports reports, ...), 15 failed (...)", and the unreadable
    /// inputs if any; parts that are zero are left out.
    pub fn documents_line(&self) -> String {
        let skipped = parts(&[
            (self.sports, "sports report", "sports reports"),
            (
                self.other_language,
                "in another language",
                "in another language",
            ),
            (
                self.other_skip,
                "skipped by the coder for another reason",
                "skipped by the coder for another reason",
            ),
            (
                self.repeated,
                "repeating a document read earlier",
                "repeating a document read earlier",
            ),
            (
                self.duplicates,
                "with the content of another document",
                "with the content of another document",
            ),
            (
                self.unchanged,
                "unchanged in the store",
                "unchanged in the store",
            ),
        ]);
        let failed = parts(&[
            (
                self.conflicting,
                "claiming the id of another document",
                "claiming the id of another document",
            ),
            (self.failed, "failed while coding", "failed while coding"),
        ]);
        let mut line = format!(
            "{} read ({} of text): {} coded, {} skipped{skipped}, {} failed{failed}",
            plural(self.read, "document", "documents"),
            megabytes(self.text_bytes),
            self.coded,
            self.skipped(),
            self.failures(),
        );
        if self.unreadable > 0 {
            line.push_str(&format!(
                "; {} unreadable",
                plural(self.unreadable, "input", "inputs")
            ));
        }
        line
    }
}

/// " (820 sports reports, 6 in another language)": the non-zero counts.
fn parts(counts: &[(usize, &str, &str)]) -> String {
    let named: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(*n, one, many))
        .collect();
    if named.is_empty() {
        String::new()
    } else {
        format!(" ({})", named.join(", "))
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Decimal megabytes, as the README's throughput figures (kilobytes under
/// one megabyte).
pub fn megabytes(bytes: usize) -> String {
    if bytes < 1_000_000 {
        format!("{:.0} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// "0.52 s: 7200 articles/s, 15.2 MB/s".
pub fn throughput(documents: usize, bytes: usize, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-9);
    format!(
        "{:.2} s: {:.0} articles/s, {:.1} MB/s",
        elapsed.as_secs_f64(),
        documents as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    )
}

/// Whether the inputs include standard input read from a terminal: a
/// progress bar would be drawn over what is typed.
pub fn reads_terminal(paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| p.as_os_str() == "-") && io::stdin().is_terminal()
}

/// Standard error for one run: the progress bar (if any) and the messages,
/// filtered by `--quiet` and `--verbose`.
pub struct Console {
    verbosity: Verbosity,
    bar: Option<ProgressBar>,
    started: Instant,
}

impl Console {
    /// A console for a run that began at `started`. The progress bar is
    /// drawn only when standard error is a terminal, not with `--quiet`,
    /// and not while standard input is typed at the terminal.
    pub fn new(verbosity: Verbosity, started: Instant, reads_terminal: bool) -> Console {
        let show = !verbosity.quiet && !reads_terminal && io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
                    .expect("a valid template"),
            );
            // Redrawn while a slow batch is coded, so it never looks stuck.
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Console {
            verbosity,
            bar,
            started,
        }
    }

    pub fn started(&self) -> Instant {
        self.started
    }

    pub fn quiet(&self) -> bool {
        self.verbosity.quiet
    }

    /// Whether `line` is printed with this verbosity.
    pub fn shows(&self, line: &Line) -> bool {
        match line {
            Line::Error(_) => true,
            Line::Note(_) => !self.verbosity.quiet,
            Line::Skip(_) => self.verbosity.verbose,
        }
    }

    /// Prints the lines this verbosity shows, in order, above the bar.
    pub fn print(&self, lines: &[Line]) {
        let shown: Vec<&str> = lines
            .iter()
            .filter(|l| self.shows(l))
            .map(|l| match l {
                Line::Error(t) | Line::Note(t) | Line::Skip(t) => t.as_str(),
            })
            .collect();
        if shown.is_empty() {
            return;
        }
        self.suspend(|| {
            let mut text = String::new();
            for line in shown {
                text.push_str("warta: ");
                text.push_str(line);
                text.push('\n');
            }
            eprint!("{text}");
        });
    }

    /// Runs `f` with the bar cleared (for writing to the terminal it is
    /// drawn on), and draws it again after.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub fn has_bar(&self) -> bool {
        self.bar.is_some()
    }

    /// Shows how far the run has gone: documents, text and rates so far.
    pub fn progress(&self, counts: &Counts) {
        if let Some(bar) = &self.bar {
            let elapsed = self.started.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{}, {} of text ({:.0} articles/s, {:.1} MB/s)",
                plural(counts.read, "document", "documents"),
                megabytes(counts.text_bytes),
                counts.read as f64 / elapsed,
                counts.text_bytes as f64 / 1e6 / elapsed
            ));
        }
    }

    /// Turns the bar into one of `len` steps, for work of known size.
    pub fn steps(&self, len: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(len);
            bar.set_position(0);
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed:>3} [{bar:25}] {pos}/{len} {msg}")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
        }
    }

    /// Says what the run is doing now, beside the bar.
    pub fn doing(&self, message: String) {
        if let Some(bar) = &self.bar {
            bar.set_message(message);
        }
    }

    /// Moves a bar of steps on by `n`.
    pub fn advance(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// Clears the bar and prints the closing summary (not with `--quiet`),
    /// each line prefixed with `warta COMMAND: `.
    pub fn summary(&self, command: &str, lines: &[String]) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.verbosity.quiet {
            return;
        }
        let mut text = String::new();
        for line in lines {
            text.push_str(&format!("warta {command}: {line}\n"));
        }
        eprint!("{text}");
    }
}

impl Drop for Console {
    /// A run that stops on an error leaves no half-drawn bar behind.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Documents waiting to be coded together, and the messages met while
/// reading them, kept so that every message comes out in input order: a
/// message read before the batch's document `i` is printed before what
/// coding `i` says.
pub struct Batch<T> {
    pub items: Vec<T>,
    /// (number of items read before it, line)
    held: Vec<(usize, Line)>,
    capacity: usize,
}

impl<T> Batch<T> {
    pub fn new(capacity: usize) -> Batch<T> {
        Batch {
            items: Vec::with_capacity(capacity),
            held: Vec::new(),
            capacity,
        }
    }

    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Holds `line` for printing after the items read before it, if
    /// `console` prints it at all.
    pub fn say(&mut self, console: &Console, line: Line) {
        if console.shows(&line) {
            self.held.push((self.items.len(), line));
        }
    }

    /// Time to code: the batch is full, or holds many messages.
    pub fn is_full(&self) -> bool {
        self.items.len() >= self.capacity || self.held.len() >= MAX_HELD_LINES
    }

    /// The held messages, emptied, for [`in_input_order`].
    pub fn take_lines(&mut self) -> Vec<(usize, Line)> {
        std::mem::take(&mut self.held)
    }
}

/// The held lines and each item's own (in item order), merged in input
/// order.
pub fn in_input_order(held: Vec<(usize, Line)>, own: Vec<Option<Line>>) -> Vec<Line> {
    let mut lines = Vec::with_capacity(held.len() + own.len());
    let mut held = held.into_iter().peekable();
    for (i, line) in own.into_iter().enumerate() {
        while let Some((_, l)) = held.next_if(|(before, _)| *before <= i) {
            lines.push(l);
        }
        lines.extend(line);
    }
    lines.extend(held.map(|(_, l)| l));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coders_reasons_sort_into_kinds() {
        // The reasons warta-code gives today; if one is reworded, the
        // summary would count it under "another reason".
        let coder = warta_code::Coder::new(warta_lexicon::Lexicon::embedded().unwrap());
        let reason = |text: &str| {
            let doc = warta_code::Document::from(warta_read::RawDocument {
                doc_id: "t".into(),
                origin: "t".into(),
                text: text.into(),
                ..Default::default()
            });
            coder.code(&doc).skipped.expect("skipped").reason
        };
        let french = reason(
            "Le président russe a téléphoné au président iranien mardi pour discuter de la \
             situation au Moyen-Orient et des attaques.",
        );
        assert_eq!(skip_kind(&french), SkipKind::OtherLanguage, "{french}");
        let sports = reason(
            "JAKARTA - Persija Jakarta menang 2-1 atas Persib Bandung dalam laga Liga 1 di \
             Stadion Gelora Bung Karno. Gol Persija dicetak striker Marko Simic pada menit \
             ke-20 dan ke-75, sementara gol Persib dicetak pada babak kedua. Pelatih Persija \
             memuji pemain dan suporter setelah pertandingan. Klasemen sementara Liga 1 \
             menempatkan Persija di posisi kedua dengan 40 poin dari 20 pertandingan.",
        );
        assert_eq!(skip_kind(&sports), SkipKind::Sports, "{sports}");
    }

    #[test]
    fn lines_come_out_in_input_order() {
        let e = |s: &str| Line::Error(s.to_owned());
        // Read: error a, doc 0 (which fails: x), note b, doc 1, doc 2 (y), error c.
        let held = vec![(0, e("a")), (1, e("b")), (3, e("c"))];
        let own = vec![Some(e("x")), None, Some(e("y"))];
        assert_eq!(
            in_input_order(held, own),
            ["a", "x", "b", "y", "c"].map(e).to_vec()
        );
        assert_eq!(in_input_order(vec![(0, e("a"))], vec![]), vec![e("a")]);
    }

    #[test]
    fn the_documents_line_names_only_what_happened() {
        let counts = Counts {
            read: 10,
            text_bytes: 2_500_000,
            coded: 6,
            sports: 2,
            repeated: 1,
            conflicting: 1,
            unreadable: 1,
            ..Counts::default()
        };
        assert_eq!(
            counts.documents_line(),
            "10 documents read (2.5 MB of text): 6 coded, 3 skipped (2 sports reports, \
             1 repeating a document read earlier), 1 failed (1 claiming the id of another \
             document); 1 input unreadable"
        );
        assert!(counts.any_error());
        let clean = Counts {
            read: 1,
            coded: 1,
            ..Counts::default()
        };
        assert_eq!(
            clean.documents_line(),
            "1 document read (0 kB of text): 1 coded, 0 skipped, 0 failed"
        );
        assert!(!clean.any_error());
    }
}
