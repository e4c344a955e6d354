//! Whatever bytes arrive under whatever name, reading returns documents or
//! errors and never panics.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use warta_read::{detokenize, read_bytes, ReadOptions};

const NAMES: &[&str] = &[
    "a.txt",
    "a.html",
    "a.htm",
    "a.jsonl",
    "a.warc",
    "a.warc.gz",
    "a.bin",
    "-",
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Inputs that get past the first checks of each format, then go wrong.
fn plausible() -> impl Strategy<Value = Vec<u8>> {
    let tail = proptest::collection::vec(any::<u8>(), 0..600);
    prop_oneof![
        tail.clone(),
        tail.clone().prop_map(|t| [
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n"
                .as_slice(),
            &t
        ]
        .concat()),
        tail.clone()
            .prop_map(|t| gzip(&[b"WARC/1.0\r\n".as_slice(), &t].concat())),
        tail.clone()
            .prop_map(|t| [b"<html><body><p>".as_slice(), &t].concat()),
        tail.clone().prop_map(|t| [
            b"{\"text\":\"".as_slice(),
            &t,
            b"\"}\n{\"paragraphs\":[[[\"a\"]]]}".as_slice()
        ]
        .concat()),
        "[ -~\\n\\r<>{}\":]{0,400}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn read_bytes_never_panics(
        bytes in plausible(),
        name in proptest::sample::select(NAMES),
        max in prop_oneof![Just(8 * 1024 * 1024), 1usize..200],
    ) {
        let options = ReadOptions { max_document_bytes: max };
        for result in read_bytes(name, &bytes, &options) {
            match result {
                Ok(doc) => prop_assert!(!doc.text.is_empty()),
                Err(e) => prop_assert!(!e.reason.is_empty()),
            }
        }
    }

    #[test]
    fn detokenize_never_panics(sentences in proptest::collection::vec(
        proptest::collection::vec("[\"()/\\-,.a-z0-9 ]{0,3}", 0..12), 0..4)) {
        let text = detokenize(&sentences);
        prop_assert!(!text.starts_with(' ') && !text.ends_with(' '));
    }
}
