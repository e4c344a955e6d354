//! Micro-benchmarks of the hot stages, on real articles from the IndoSum
//! corpus in `../shared` (the first 50 of one fold): cleaning, sentence
//! splitting, tokenizing, morphology, entity matching, cue matching, record
//! serialisation, and a whole document. `cargo bench -p warta-code`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use warta_code::{Coder, Document};
use warta_read::{read_inputs, ReadOptions};

fn articles() -> Vec<Document> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/indosum/dev.01.jsonl");
    read_inputs(&[path], &ReadOptions::default())
        .filter_map(Result::ok)
        .take(50)
        .map(Document::from)
        .collect()
}

fn stages(c: &mut Criterion) {
    let coder = Coder::embedded().expect("lexicon loads");
    let docs = articles();
    assert!(
        !docs.is_empty(),
        "the benchmarks need ../shared/corpus/indosum"
    );
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let rules = warta_clean::CleanRules::new(
        coder
            .pack()
            .words
            .furniture_lines
            .iter()
            .map(|l| l.to_lowercase())
            .collect(),
        coder.pack().words.furniture_prefixes.clone(),
        coder.pack().words.camel_case_words.clone(),
    );
    let abbreviations = coder.pack().words.abbreviations.iter().cloned().collect();
    let words: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            d.text
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    let records: Vec<_> = docs.iter().flat_map(|d| coder.code(d).records).collect();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("clean", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    warta_clean::clean(black_box(&d.text), None, &rules)
                        .text
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("split_sentences", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| warta_analyse::split_sentences(black_box(&d.text), &abbreviations).len())
                .sum::<usize>()
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| warta_analyse::tokenize(black_box(&d.text)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("entities", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| {
                    coder
                        .resolve_entities(black_box(&d.text), "2017-06-01")
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("cues", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| coder.count_cues(black_box(&d.text)))
                .sum::<usize>()
        })
    });
    group.bench_function("code_document", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| coder.code(black_box(d)).records.len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("morphology");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.bench_function("stem_uncached", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| coder.root_of(black_box(w)).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("records");
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("json_lines", |b| {
        b.iter(|| {
            records
                .iter()
                .map(|r| black_box(r).to_json_line().len())
                .sum::<usize>()
        })
    });
    group.bench_function("csv", |b| {
        b.iter(|| {
            let mut out = String::new();
            for r in &records {
                warta_record::write_csv_row(black_box(r), &mut out);
            }
            out.len()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
