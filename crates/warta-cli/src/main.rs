//! The `warta` command: the front door to the pipeline. `warta code` reads
//! inputs and prints event records (the contract in
//! `shared/spec/event-record.md`), `warta eval` scores the coder against a
//! gold file, `warta lexicon` checks and describes the knowledge files.

/// The coder allocates many small strings per document; mimalloc serves
/// them faster than the system allocator (measured with `warta bench`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod code;
mod coverage;
mod read_ahead;
mod serve;
mod store;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use warta_code::Coder;
use warta_lexicon::Lexicon;

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Political event data from Indonesian news"
)]
struct Cli {
    /// Load the lexicon from this folder instead of the one built in.
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into event records (JSON Lines or CSV).
    Code {
        /// Files or directories (read recursively); `-` for standard input.
        #[arg(default_value = "-")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Write records here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Score the coder against a gold file.
    Eval {
        gold: PathBuf,
        /// List missed and spurious events per document.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Score the store's merge rules against a merge gold (pairs of mentions
    /// labelled one act or two): pairwise precision and recall, B-cubed.
    EvalMerge {
        gold: PathBuf,
        /// List the wrong and missed merges.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Measure coding throughput on a corpus (MiB/s, articles/s, sentences/s, memory).
    Bench {
        /// Files or directories to code.
        paths: Vec<PathBuf>,
        /// The most threads to use (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Code documents and store them, merging mentions across outlets into events.
    Ingest {
        /// Files or directories (read recursively); `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The event database (created if missing).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
        /// Worker threads for coding (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Bring a store up to this version: its schema, and its events re-merged
    /// when the merge rules changed. Documents and mentions are kept.
    Upgrade {
        /// The event database.
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Stored events matching the filters, as JSON Lines, CSV, GDELT columns, a table or Parquet.
    Events {
        #[command(flatten)]
        filters: store::FilterArgs,
        #[arg(long, value_enum, default_value_t = store::EventFormat::Jsonl)]
        format: store::EventFormat,
        /// Write here instead of standard output (required for parquet).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// At most this many events.
        #[arg(long)]
        limit: Option<usize>,
        /// Skip this many events first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Who did what to whom: events per actor country, recipient country and type.
    Dyads {
        #[command(flatten)]
        filters: store::FilterArgs,
        /// Show at most this many dyads.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// One stored event with every mention: its sentence, trigger, rule and
    /// why it joined the event (pretty JSON).
    Event {
        event_id: String,
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// One stored document: its cleaned text and where its mentions are (pretty JSON).
    Document {
        doc_id: String,
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Events per day or ISO week by quad class.
    Timeline {
        #[arg(long, value_enum, default_value_t = store::Period::Day)]
        by: store::Period,
        #[command(flatten)]
        filters: store::FilterArgs,
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Serve the explorer: a web page and a read-only JSON API over the store.
    Serve {
        /// The event database (must exist; see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
        /// Address to listen on; port 0 lets the system choose (the line
        /// printed on standard error gives the address).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Allow an address that is not loopback, and requests for any host
        /// name. The explorer has no login: anyone who can reach the address
        /// can read the whole store.
        #[arg(long)]
        public: bool,
    },
    /// Check or describe the lexicon.
    Lexicon {
        #[command(subcommand)]
        action: LexiconAction,
    },
}

#[derive(Subcommand)]
enum LexiconAction {
    /// Validate the lexicon files and run every cue and office example.
    Check,
    /// Print coverage: entries per kind, cues per type and mode, offices per country.
    Stats,
    /// Share of capitalised multi-word names that resolve, on the
    /// international-politics articles of a corpus, and the names still unresolved.
    Coverage {
        paths: Vec<PathBuf>,
        /// Write the most frequent unresolved names here (Markdown).
        #[arg(long)]
        worklist: Option<PathBuf>,
    },
    /// Show the entities recognised in a text on a date (for lexicon authors).
    Resolve {
        text: String,
        /// The date offices are resolved on (YYYY-MM-DD).
        #[arg(long, default_value = "2024-04-17")]
        date: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Jsonl,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("warta: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load_lexicon(dir: Option<&PathBuf>) -> anyhow::Result<Lexicon> {
    Ok(match dir {
        Some(dir) => Lexicon::from_dir(dir)?,
        None => Lexicon::embedded()?,
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let lexicon = load_lexicon(cli.lexicon.as_ref())?;
    match cli.command {
        Command::Code {
            paths,
            format,
            output,
            threads,
        } => {
            let coder = Coder::new(lexicon);
            code::run(&coder, &paths, format, output.as_deref(), threads)
        }
        Command::Ingest { paths, db, threads } => store::ingest(lexicon, &paths, &db, threads),
        Command::Upgrade { db } => store::upgrade(&lexicon, &db),
        Command::Events {
            filters,
            format,
            output,
            limit,
            offset,
            db,
        } => store::events(&db, &filters, format, output.as_deref(), limit, offset),
        Command::Dyads { filters, limit, db } => store::dyads(&db, &filters, limit),
        Command::Timeline { by, filters, db } => store::timeline(&db, &filters, by),
        Command::Event { event_id, db } => store::event(&db, &event_id),
        Command::Document { doc_id, db } => store::document(&db, &doc_id),
        Command::Serve { db, addr, public } => serve::run(lexicon, &db, addr, public),
        Command::Bench { paths, threads } => {
            let start = std::time::Instant::now();
            let coder = Coder::new(lexicon);
            writeln!(
                std::io::stdout(),
                "start-up (lexicon load and matcher build): {:.1} ms",
                start.elapsed().as_secs_f64() * 1000.0
            )?;
            bench::run(&coder, &paths, threads)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::EvalMerge { gold, verbose } => {
            let people = warta_store::People::new(lexicon.people.iter().map(|p| p.name.clone()));
            let coder = Coder::new(lexicon);
            let file = warta_eval::merge::load_merge_gold(&gold).map_err(anyhow::Error::msg)?;
            let base = gold.parent().map(PathBuf::from).unwrap_or_default();
            let report = warta_eval::merge::evaluate_merges(&coder, &people, &file, &base);
            write!(std::io::stdout(), "{}", report.render(verbose))?;
            Ok(if report.unresolved.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Eval { gold, verbose } => {
            let coder = Coder::new(lexicon);
            let file = warta_eval::load_gold(&gold).map_err(anyhow::Error::msg)?;
            let base = gold.parent().map(PathBuf::from).unwrap_or_default();
            let report = warta_eval::evaluate(&coder, &file, &base);
            write!(std::io::stdout(), "{}", report.render(verbose))?;
            Ok(if report.unreadable.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Lexicon {
            action: LexiconAction::Stats,
        } => {
            write!(std::io::stdout(), "{}", warta_lexicon::stats(&lexicon))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lexicon {
            action: LexiconAction::Coverage { paths, worklist },
        } => {
            let coder = Coder::new(lexicon);
            let (coverage, articles) = coverage::measure(&coder, &paths);
            let mut out = std::io::stdout();
            writeln!(
                out,
                "{articles} international-politics articles: {} of {} capitalised multi-word names resolve ({:.1}%)",
                coverage.resolved,
                coverage.names,
                coverage.share() * 100.0
            )?;
            for (name, n) in coverage.worklist(30) {
                writeln!(out, "{n:>5}  {name}")?;
            }
            if let Some(path) = worklist {
                std::fs::write(&path, coverage::worklist_markdown(&coverage, articles))
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lexicon {
            action: LexiconAction::Resolve { text, date },
        } => {
            let coder = Coder::new(lexicon);
            for e in coder.resolve_entities(&text, &date) {
                writeln!(
                    std::io::stdout(),
                    "{:<40} {:<28} {:<4} {}",
                    e.text,
                    e.name.as_deref().unwrap_or("-"),
                    e.country.as_deref().unwrap_or("-"),
                    e.sector.as_deref().unwrap_or("-")
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Lexicon {
            action: LexiconAction::Check,
        } => {
            let mut problems: Vec<String> = warta_lexicon::check(&lexicon)
                .iter()
                .map(|p| p.to_string())
                .collect();
            let coder = Coder::new(lexicon);
            problems.extend(coder.check_examples());
            for p in &problems {
                writeln!(std::io::stdout(), "{p}")?;
            }
            writeln!(std::io::stdout(), "{} problem(s)", problems.len())?;
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
