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
mod console;
mod coverage;
mod read_ahead;
mod serve;
mod store;
mod tables;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use warta_code::Coder;
use warta_lexicon::Lexicon;

use console::{Console, Verbosity};

/// Each subcommand's examples, shown at the end of its `--help`. They are
/// run from the repository's folder with `../shared` beside it (as CI
/// has it), and the tests run them.
mod examples {
    pub const WARTA: &str = "Examples (from the repository's folder, ../shared beside it):
  warta code ../shared/seeds
  warta ingest ../shared/seeds --db seeds.db
  warta events --db seeds.db --actor IRN --format table";
    pub const CODE: &str = "Examples:
  warta code ../shared/seeds
  warta code ../shared/corpus/indosum/dev.01.jsonl --format csv --output dev01.csv
  warta code ../shared/corpus/indosum --verbose > indosum.jsonl";
    pub const EVAL: &str =
        "Examples (the gold files point into ../shared/seeds and ../shared/corpus/indosum):
  warta eval gold/dev.json
  warta eval gold/dev.json --verbose";
    pub const EVAL_MERGE: &str =
        "Examples (the pairs point into ../shared/seeds and ../shared/corpus/indosum):
  warta eval-merge gold/merge.json
  warta eval-merge gold/merge.json --verbose";
    pub const EVAL_PLOVER: &str = "Examples (PLOVER's own records, read from ../shared):
  warta eval-plover ../shared/corpus/plover-gsr";
    pub const BENCH: &str = "Examples:
  warta bench ../shared/corpus/indosum
  warta bench ../shared/seeds --threads 1 --quiet";
    pub const INGEST: &str = "Examples:
  warta ingest ../shared/seeds --db seeds.db
  warta ingest ../shared/corpus/indosum --db indosum.db
  warta ingest ../shared/corpus/indosum/dev.01.jsonl --db indosum.db --verbose";
    pub const UPGRADE: &str = "Examples:
  warta upgrade --db indosum.db
  warta upgrade --db seeds.db";
    pub const EVENTS: &str = "Examples:
  warta events --db seeds.db --actor IRN --type ASSAULT --format table
  warta events --db indosum.db --quad 4 --from 2017-06 --to 2017-12 --format csv --limit 20
  warta events --db seeds.db --format parquet --output events.parquet";
    pub const DYADS: &str = "Examples:
  warta dyads --db seeds.db --type CONSULT
  warta dyads --db indosum.db --quad 4 --limit 10
  warta dyads --db seeds.db --from 2024-04 --to 2024-04 --format csv";
    pub const EVENT: &str = "Examples:
  warta event 1 --db seeds.db
  warta event 2 --db indosum.db";
    pub const DOCUMENT: &str = "Examples:
  warta document 000_46f39e8ef6f38860 --db seeds.db
  warta document 1502704892-korut-siapkan-35-juta-tentara-untuk-berperang-lawa --db indosum.db";
    pub const TIMELINE: &str = "Examples:
  warta timeline --db seeds.db --by week
  warta timeline --db indosum.db --by week --party IDN --from 2017-10 --to 2017-12
  warta timeline --db seeds.db --from 2024-04-01 --to 2024-04-30 --format jsonl";
    pub const SERVE: &str = "Examples:
  warta serve --db seeds.db
  warta serve --db indosum.db --addr 127.0.0.1:0";
    pub const LEXICON: &str = "Examples:
  warta lexicon check
  warta lexicon resolve \"Presiden Rusia Vladimir Putin menelepon Presiden Iran\" --date 2024-04-16
  warta lexicon coverage ../shared/corpus/indosum --worklist worklist.md";
    pub const CHECK: &str = "Examples:
  warta lexicon check
  warta lexicon check --lexicon lexicon";
    pub const STATS: &str = "Examples:
  warta lexicon stats
  warta lexicon stats --lexicon lexicon";
    pub const COVERAGE: &str = "Examples:
  warta lexicon coverage ../shared/corpus/indosum
  warta lexicon coverage ../shared/corpus/indosum/dev.01.jsonl --worklist worklist.md";
    pub const RESOLVE: &str = "Examples:
  warta lexicon resolve \"Presiden Rusia Vladimir Putin menelepon Presiden Iran\" --date 2024-04-16
  warta lexicon resolve \"Menteri Luar Negeri Retno Marsudi\" --date 2017-09-05";
}

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Political event data from news in Indonesian and English",
    after_help = examples::WARTA
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
    ///
    /// Records go to standard output in input order. Standard error gets a
    /// progress line (on a terminal), the inputs that failed, and a summary:
    /// documents read, coded, skipped and why, failed; records written;
    /// time and throughput.
    #[command(after_help = examples::CODE)]
    Code {
        /// Files or directories (read recursively); `-` for standard input.
        #[arg(default_value = "-")]
        paths: Vec<PathBuf>,
        /// Output format of the records.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// Write records here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Score the coder against a gold file.
    #[command(after_help = examples::EVAL)]
    Eval {
        /// The gold file (JSON; format in gold/README.md).
        gold: PathBuf,
        /// List missed and spurious events per document.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Score the store's merge rules against a merge gold (pairs of mentions
    /// labelled one act or two): pairwise precision and recall, B-cubed.
    #[command(after_help = examples::EVAL_MERGE)]
    EvalMerge {
        /// The merge gold file (JSON; format in gold/README.md).
        gold: PathBuf,
        /// List the wrong and missed merges.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Score the coder on PLOVER's gold-standard records (322 English
    /// sentences, each with one event): type only, type with source and
    /// target countries (lenient, as ../shared/tools/score.py), CAMEO root.
    #[command(after_help = examples::EVAL_PLOVER)]
    EvalPlover {
        /// The folder with PLOVER_GSR_CAMEO.txt and CAMEO2PLOVER-2021.txt.
        folder: PathBuf,
        /// Also list every sentence whose act was missed, with what was predicted.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Measure coding throughput on a corpus (MiB/s, articles/s, sentences/s, memory).
    ///
    /// The table goes to standard output; progress (on a terminal) and a
    /// summary of what was read and skipped go to standard error.
    #[command(after_help = examples::BENCH)]
    Bench {
        /// Files or directories to code.
        paths: Vec<PathBuf>,
        /// The most threads to use (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Code documents and store them, merging mentions across outlets into events.
    ///
    /// Standard error gets a progress line (on a terminal), the inputs that
    /// failed, and a summary: documents read, coded, skipped and why (also
    /// unchanged or duplicate in the store), failed; documents, mentions
    /// and events stored; time and throughput.
    #[command(after_help = examples::INGEST)]
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
        #[command(flatten)]
        verbosity: Verbosity,
    },
    /// Bring a store up to this version: its schema, and its events re-merged
    /// when the merge rules changed. Documents and mentions are kept.
    #[command(after_help = examples::UPGRADE)]
    Upgrade {
        /// The event database.
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Stored events matching the filters, as JSON Lines, CSV, GDELT columns, a table or Parquet.
    #[command(after_help = examples::EVENTS)]
    Events {
        #[command(flatten)]
        filters: store::FilterArgs,
        /// Output format (columns in docs/codebook.md).
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
        /// The event database (see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Who did what to whom: events per actor country, recipient country and type.
    ///
    /// Most events first. An act done together (a meeting of Russia and
    /// Iran) counts under both directed pairs; a side with no country is `-`.
    #[command(after_help = examples::DYADS)]
    Dyads {
        #[command(flatten)]
        filters: store::FilterArgs,
        /// Show at most this many dyads.
        #[arg(long)]
        limit: Option<usize>,
        /// Output format: an aligned table, CSV with a header, or JSON Lines
        /// (columns in docs/cli.md).
        #[arg(long, value_enum, default_value_t = tables::CountFormat::Table)]
        format: tables::CountFormat,
        /// The event database (see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// One stored event with every mention: its sentence, trigger, rule and
    /// why it joined the event (pretty JSON).
    #[command(after_help = examples::EVENT)]
    Event {
        /// The event's `event_id`, or its row number (GLOBALEVENTID in the GDELT layouts).
        event_id: String,
        /// The event database (see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// One stored document: its cleaned text and where its mentions are (pretty JSON).
    #[command(after_help = examples::DOCUMENT)]
    Document {
        /// The document's id (`doc_id` in records and mentions).
        doc_id: String,
        /// The event database (see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Events per day or ISO week by quad class.
    ///
    /// Oldest first, every period from the first to the last with events:
    /// a period without any is shown with zero counts. Events dated only to
    /// a month or a year, or undated, are left out (and counted).
    #[command(after_help = examples::TIMELINE)]
    Timeline {
        /// The period counted: a day (2024-04-16) or an ISO week (2024-W16).
        #[arg(long, value_enum, default_value_t = store::Period::Day)]
        by: store::Period,
        #[command(flatten)]
        filters: store::FilterArgs,
        /// Output format: an aligned table, CSV with a header, or JSON Lines
        /// (columns in docs/cli.md).
        #[arg(long, value_enum, default_value_t = tables::CountFormat::Table)]
        format: tables::CountFormat,
        /// The event database (see `warta ingest`).
        #[arg(long, default_value = "warta.db")]
        db: PathBuf,
    },
    /// Serve the explorer: a web page and a read-only JSON API over the store.
    #[command(after_help = examples::SERVE)]
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
    #[command(after_help = examples::LEXICON)]
    Lexicon {
        #[command(subcommand)]
        action: LexiconAction,
    },
}

#[derive(Subcommand)]
enum LexiconAction {
    /// Validate the lexicon files and run every cue and office example.
    #[command(after_help = examples::CHECK)]
    Check,
    /// Print coverage: entries per kind, cues per type and mode, offices per country.
    #[command(after_help = examples::STATS)]
    Stats,
    /// Share of capitalised multi-word names that resolve, on the
    /// international-politics articles of a corpus, and the names still unresolved.
    #[command(after_help = examples::COVERAGE)]
    Coverage {
        /// Files or directories of articles (read recursively).
        paths: Vec<PathBuf>,
        /// Write the most frequent unresolved names here (Markdown).
        #[arg(long)]
        worklist: Option<PathBuf>,
    },
    /// Show the entities recognised in a text on a date (for lexicon authors).
    #[command(after_help = examples::RESOLVE)]
    Resolve {
        /// The text to look for names, titles and offices in.
        text: String,
        /// The date offices are resolved on (YYYY-MM-DD).
        #[arg(long, default_value = "2024-04-17")]
        date: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// One JSON record per line (the contract in shared/spec/event-record.md).
    Jsonl,
    /// One row per record, with a header (columns in docs/codebook.md).
    Csv,
}

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = Cli::parse();
    match run(cli, started) {
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

/// The console of a run over `paths`: progress, messages and summary on
/// standard error.
fn console(verbosity: Verbosity, started: Instant, paths: &[PathBuf]) -> Console {
    Console::new(verbosity, started, console::reads_terminal(paths))
}

fn run(cli: Cli, started: Instant) -> anyhow::Result<ExitCode> {
    let lexicon = load_lexicon(cli.lexicon.as_ref())?;
    match cli.command {
        Command::Code {
            paths,
            format,
            output,
            threads,
            verbosity,
        } => {
            let coder = Coder::new(lexicon);
            let console = console(verbosity, started, &paths);
            code::run(&coder, &paths, format, output.as_deref(), threads, &console)
        }
        Command::Ingest {
            paths,
            db,
            threads,
            verbosity,
        } => {
            let console = console(verbosity, started, &paths);
            store::ingest(lexicon, &paths, &db, threads, &console)
        }
        Command::Upgrade { db } => store::upgrade(&lexicon, &db),
        Command::Events {
            filters,
            format,
            output,
            limit,
            offset,
            db,
        } => store::events(&db, &filters, format, output.as_deref(), limit, offset),
        Command::Dyads {
            filters,
            limit,
            format,
            db,
        } => tables::dyads(&db, &filters, limit, format),
        Command::Timeline {
            by,
            filters,
            format,
            db,
        } => tables::timeline(&db, &filters, by, format),
        Command::Event { event_id, db } => store::event(&db, &event_id),
        Command::Document { doc_id, db } => store::document(&db, &doc_id),
        Command::Serve { db, addr, public } => serve::run(lexicon, &db, addr, public),
        Command::Bench {
            paths,
            threads,
            verbosity,
        } => {
            let start = std::time::Instant::now();
            let coder = Coder::new(lexicon);
            writeln!(
                std::io::stdout(),
                "start-up (lexicon load and matcher build): {:.1} ms",
                start.elapsed().as_secs_f64() * 1000.0
            )?;
            let console = console(verbosity, started, &paths);
            bench::run(&coder, &paths, threads, &console)?;
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
        Command::EvalPlover { folder, verbose } => {
            use warta_eval::plover_gsr;
            let coder = Coder::new(lexicon);
            let records = plover_gsr::load_records(&folder).map_err(anyhow::Error::msg)?;
            let roots = plover_gsr::load_cameo_roots(&folder).map_err(anyhow::Error::msg)?;
            let report = plover_gsr::evaluate_gsr(&coder, &records, &roots);
            write!(std::io::stdout(), "{}", report.render_verbose(verbose))?;
            Ok(ExitCode::SUCCESS)
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand, with its path ("warta lexicon check").
    fn all_commands(command: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.clone(), command.clone()));
        for sub in command.get_subcommands() {
            all_commands(sub, format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_argument_option_and_value_is_described() {
        let mut commands = Vec::new();
        all_commands(&Cli::command(), "warta".into(), &mut commands);
        assert!(commands.len() > 15);
        let mut missing = Vec::new();
        for (path, command) in &commands {
            if command.get_about().is_none() && path != "warta" {
                missing.push(format!("{path}: no description"));
            }
            for arg in command.get_arguments() {
                let name = arg.get_id().as_str();
                if name == "help" || name == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {name}"));
                }
                for value in arg.get_possible_values() {
                    if value.get_help().is_none() && !matches!(name, "quiet" | "verbose" | "public")
                    {
                        missing.push(format!("{path} {name}={}", value.get_name()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "undescribed: {missing:#?}");
    }

    #[test]
    fn the_type_help_lists_the_lexicons_types_with_their_quad_classes() {
        let command = Cli::command();
        let events = command.find_subcommand("events").unwrap();
        let help = |id: &str| {
            events
                .get_arguments()
                .find(|a| a.get_id() == id)
                .and_then(|a| a.get_help())
                .map(|h| h.to_string())
                .unwrap()
        };
        let type_help = help("event_type");
        let lexicon = Lexicon::embedded().unwrap();
        assert_eq!(lexicon.plover.types.len(), 16);
        for quad in 1..=4u8 {
            // "AGREE, CONSULT, SUPPORT, CONCEDE (quad class 1)": each class's
            // types come together, before its number.
            let names: Vec<&str> = lexicon
                .plover
                .types
                .iter()
                .filter(|t| t.quad_class == quad)
                .map(|t| t.name.as_str())
                .collect();
            let listed = names.join(", ");
            let at = type_help
                .find(&listed)
                .unwrap_or_else(|| panic!("{listed} not in {type_help}"));
            let after = &type_help[at + listed.len()..];
            assert!(
                after.starts_with(&format!(" (quad class {quad})"))
                    || after.starts_with(&format!(" ({quad})")),
                "{type_help}"
            );
        }
        let quad_help = help("quad");
        for name in [
            "1 verbal cooperation",
            "2 material cooperation",
            "3 verbal conflict",
            "4 material conflict",
        ] {
            assert!(quad_help.contains(name), "{quad_help}");
        }
    }
}
