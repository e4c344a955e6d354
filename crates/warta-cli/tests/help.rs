//! Every subcommand's `--help` ends with examples, and they work: the
//! examples on the seed reports are run here as written (the IndoSum ones
//! take longer and are run by hand), from a folder laid out like the
//! repository's, with `../shared` beside it.

mod common;

use std::path::Path;

use common::*;

/// Subcommands in an order in which their examples can run: the stores
/// the query examples read are made by the ingest examples first.
const SUBCOMMANDS: &[&[&str]] = &[
    &["code"],
    &["ingest"],
    &["upgrade"],
    &["events"],
    &["dyads"],
    &["event"],
    &["document"],
    &["timeline"],
    &["eval"],
    &["eval-merge"],
    &["bench"],
    &["serve"],
    &["lexicon"],
    &["lexicon", "check"],
    &["lexicon", "stats"],
    &["lexicon", "coverage"],
    &["lexicon", "resolve"],
];

/// The example command lines at the end of a help text.
fn examples(help: &str) -> Vec<String> {
    let (_, tail) = help
        .rsplit_once("Examples")
        .unwrap_or_else(|| panic!("no examples in {help}"));
    tail.lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits an example into arguments: words, and "double-quoted" words.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix('"') {
            let (word, after) = quoted.split_once('"').expect("a closing quote");
            words.push(word.to_owned());
            rest = after.trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            words.push(rest[..end].to_owned());
            rest = rest[end..].trim_start();
        }
    }
    words
}

#[test]
fn every_help_ends_with_two_or_three_examples_of_itself() {
    let top = stdout(&warta(&["--help"]));
    assert!(examples(&top).len() >= 2, "{top}");
    for command in SUBCOMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let output = warta(&args);
        assert!(output.status.success());
        let help = stdout(&output);
        let lines = examples(&help);
        assert!(
            (2..=3).contains(&lines.len()),
            "{command:?}: {} examples: {help}",
            lines.len()
        );
        let prefix = format!("warta {} ", command.join(" "));
        for line in &lines {
            assert!(
                format!("{line} ").starts_with(&prefix) || command == &["lexicon"],
                "{command:?}: {line}"
            );
        }
    }
}

#[test]
fn the_type_and_quad_options_list_their_values() {
    let help = stdout(&warta(&["events", "--help"]));
    let lexicon = std::fs::read_to_string(repo().join("lexicon/plover.toml")).unwrap();
    let types: Vec<&str> = lexicon
        .lines()
        .filter_map(|l| l.strip_prefix("name = \"")?.strip_suffix('"'))
        .filter(|n| n.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(types.len(), 16, "{types:?}");
    let type_help = help
        .split("--type <TYPE>")
        .nth(1)
        .and_then(|h| h.split("--quad").next())
        .unwrap();
    for t in &types {
        assert!(
            type_help.contains(t),
            "--type does not list {t}: {type_help}"
        );
    }
    for quad in [
        "1 verbal cooperation",
        "2 material cooperation",
        "3 verbal conflict",
        "4 material conflict",
    ] {
        assert!(help.contains(quad), "--quad does not name {quad:?}: {help}");
    }
}

#[test]
fn the_examples_on_the_seed_reports_run_and_print_rows() {
    // A repository-like folder: the gold and lexicon folders, `../shared`
    // beside it; what the examples write stays in the scratch folder.
    let root = scratch("help-examples");
    let main = root.join("main");
    std::fs::create_dir_all(&main).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(shared().canonicalize().unwrap(), root.join("shared")).unwrap();
        symlink(
            repo().join("gold").canonicalize().unwrap(),
            main.join("gold"),
        )
        .unwrap();
        symlink(
            repo().join("lexicon").canonicalize().unwrap(),
            main.join("lexicon"),
        )
        .unwrap();
    }
    let mut ran = 0;
    for command in SUBCOMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        for line in examples(&stdout(&warta(&args))) {
            // IndoSum's take seconds to minutes, the gold evaluations too,
            // and serve does not return.
            if line.contains("indosum")
                || line.starts_with("warta serve")
                || line.starts_with("warta eval")
                || line.starts_with("warta bench")
                || line.contains(" > ")
            {
                continue;
            }
            let words = words(&line);
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            let output = warta_in(&main, &args);
            assert!(
                output.status.success(),
                "{line}: {}{}",
                stdout(&output),
                stderr(&output)
            );
            let printed = if output.stdout.is_empty() {
                stderr(&output)
            } else {
                stdout(&output)
            };
            assert!(!printed.trim().is_empty(), "{line} printed nothing");
            ran += 1;
        }
    }
    assert!(ran >= 15, "only {ran} examples ran");
    assert!(Path::new(&main.join("seeds.db")).is_file());
}
