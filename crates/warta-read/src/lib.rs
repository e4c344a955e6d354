//! Read: turn input paths (files, directories, standard input) in the formats
//! Warta accepts (plain text, HTML, JSON Lines, WARC, WARC.gz) into a stream of
//! text documents with whatever metadata the input carries. Every failure is a
//! [`ReadError`] naming the input and the reason; reading never panics and one
//! bad input never stops the others.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[cfg(feature = "arrow")]
pub mod arrow;
mod encoding;
mod html;
mod indosum;
mod jsonl;
mod lines;
mod run_ids;
mod source;
mod text;
mod url_date;
mod walk;
mod warc;

pub use indosum::detokenize;
pub use jsonl::content_id;
pub use run_ids::{conflict_reason, RunIds, Seen};

use source::Documents;
use walk::{Input, Walk};

/// One document as read: decoded text plus the metadata the input carried.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawDocument {
    /// `id` of a JSON Lines article, the WARC record id, or the file stem.
    pub doc_id: String,
    /// Where it came from, for messages: a path, `path:line`, or `path@offset`.
    pub origin: String,
    /// The text: plain text as read, or the main content extracted from HTML.
    pub text: String,
    pub title: Option<String>,
    /// Publication date as the input printed it (any shape).
    pub date: Option<String>,
    pub url: Option<String>,
    /// The outlet, when the input names it.
    pub source: Option<String>,
    /// ISO 639-1 code when the input declares it.
    pub language: Option<String>,
    /// Non-fatal warnings about how the document was read, e.g.
    /// "not UTF-8; decoded as windows-1252 (guessed)".
    pub notes: Vec<String>,
}

/// Why an input (or part of one) could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The path (or `-` for standard input), `path@offset` for one WARC
    /// record.
    pub origin: String,
    /// The 1-based line of a JSON Lines input. (A bad WARC record has
    /// `path@offset` as its origin instead; a stream that stops early names
    /// the byte offset in `reason`.)
    pub line: Option<u64>,
    pub reason: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.reason),
            None => write!(f, "{}: {}", self.origin, self.reason),
        }
    }
}

impl std::error::Error for ReadError {}

/// Render an I/O error as a reason: short words for the common cases.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest document accepted, in bytes: a text or HTML file, one
    /// JSON Lines line, or one WARC record's HTTP payload. Larger ones are
    /// refused with an error without being read into memory.
    pub max_document_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_document_bytes: 8 * 1024 * 1024,
        }
    }
}

/// Streams documents from the given inputs in a deterministic order (paths
/// in the given order; directory entries recursively, sorted by path). `-`
/// is standard input. Files named on the command line are read whatever
/// their extension (unknown ones are sniffed); inside directories only
/// `.txt .html .htm .jsonl .warc .warc.gz` files are read and hidden entries
/// are skipped.
pub fn read_inputs(paths: &[PathBuf], options: &ReadOptions) -> Inputs {
    Inputs {
        walk: Walk::new(paths),
        current: None,
        options: *options,
    }
}

/// Reads one in-memory buffer as if it were a file with this name: the
/// extension picks the format (unknown ones and `-` are sniffed) and the
/// stem is the document id of a whole-file document.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Vec<Result<RawDocument, ReadError>> {
    let mut source = source::Source::named(name, Some(bytes.len() as u64));
    if name == "-" {
        source = source::Source::stdin();
    }
    source::documents(source, bytes, options).collect()
}

/// The documents of a list of inputs, one at a time; see [`read_inputs`].
/// Each file is opened only when the previous one is used up, and JSON
/// Lines and WARC files are read record by record.
pub struct Inputs {
    walk: Walk,
    current: Option<Documents<'static>>,
    options: ReadOptions,
}

impl Iterator for Inputs {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            let documents = match self.walk.next()? {
                Err(e) => return Some(Err(e)),
                Ok(Input::Stdin) => source::open_stdin(&self.options),
                Ok(Input::File(path, id)) => source::open_file(&path, id, &self.options),
            };
            self.current = Some(documents);
        }
    }
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Inputs>();
        assert_send::<RawDocument>();
        assert_send::<ReadError>();
    }

    #[test]
    fn errors_display_origin_line_and_reason() {
        let err = ReadError {
            origin: "a.jsonl".into(),
            line: Some(3),
            reason: "invalid JSON".into(),
        };
        assert_eq!(err.to_string(), "a.jsonl:3: invalid JSON");
    }
}
