//! One opened input to its documents: pick the format (by name, else by
//! sniffing the first bytes) and hand the reader to the format's module.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use crate::jsonl::JsonLines;
use crate::warc::WarcRecords;
use crate::{encoding, html, io_reason, text, walk, RawDocument, ReadError, ReadOptions};

/// Buffer size for files and standard input; also how much the sniffing
/// sees at most.
const BUFFER_BYTES: usize = 64 * 1024;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// A stream of documents (or errors) from one input.
pub(crate) type Documents<'a> =
    Box<dyn Iterator<Item = Result<RawDocument, ReadError>> + Send + 'a>;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    Jsonl,
    /// Plain or gzip-compressed; the first bytes tell which.
    Warc,
}

impl Format {
    /// The format a file name promises, if its extension is supported.
    pub(crate) fn from_name(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let format = if lower.ends_with(".warc") || lower.ends_with(".warc.gz") {
            Format::Warc
        } else if lower.ends_with(".txt") {
            Format::Text
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Format::Html
        } else if lower.ends_with(".jsonl") {
            Format::Jsonl
        } else {
            return None;
        };
        Some(format)
    }

    /// The format of unnamed input (standard input, unknown extensions).
    pub(crate) fn sniff(head: &[u8]) -> Format {
        let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let text = text.trim_ascii_start();
        if head.starts_with(GZIP_MAGIC) || text.starts_with(b"WARC/") {
            Format::Warc
        } else if text.starts_with(b"{") {
            Format::Jsonl
        } else if html::looks_like_html(head) {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// What is known about an input before reading it.
pub(crate) struct Source {
    /// For messages: the path, `-`, or the name given to `read_bytes`.
    pub origin: String,
    /// The document id of a whole-file document.
    pub stem: String,
    /// From the name; `None` means sniff.
    pub format: Option<Format>,
    /// File size when known, to refuse big files without reading them.
    pub size: Option<u64>,
}

impl Source {
    pub(crate) fn named(name: &str, size: Option<u64>) -> Source {
        Source {
            origin: name.to_owned(),
            stem: stem(name),
            format: Format::from_name(name),
            size,
        }
    }

    pub(crate) fn stdin() -> Source {
        Source {
            origin: "-".to_owned(),
            stem: "stdin".to_owned(),
            format: None,
            size: None,
        }
    }

    fn error(&self, reason: impl Into<String>) -> ReadError {
        ReadError {
            origin: self.origin.clone(),
            line: None,
            reason: reason.into(),
        }
    }
}

/// The file name without its extension (both parts of `.warc.gz`).
pub(crate) fn stem(name: &str) -> String {
    if name == "-" {
        return "stdin".to_owned();
    }
    let file = Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") && file.len() > ".warc.gz".len() {
        return file[..file.len() - ".warc.gz".len()].to_owned();
    }
    Path::new(&file)
        .file_stem()
        .map_or(file.clone(), |s| s.to_string_lossy().into_owned())
}

/// Opens a file found by the walk.
pub(crate) fn open_file(path: &Path, id: String, options: &ReadOptions) -> Documents<'static> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return single(Err(walk::path_error(path, &e))),
    };
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let mut source = Source::named(&path.to_string_lossy(), size);
    source.origin = path.display().to_string();
    source.stem = id;
    documents(
        source,
        BufReader::with_capacity(BUFFER_BYTES, file),
        options,
    )
}

/// Opens standard input.
pub(crate) fn open_stdin(options: &ReadOptions) -> Documents<'static> {
    let reader = BufReader::with_capacity(BUFFER_BYTES, io::stdin());
    documents(Source::stdin(), reader, options)
}

/// The documents of one input.
pub(crate) fn documents<'a, R: BufRead + Send + 'a>(
    source: Source,
    mut reader: R,
    options: &ReadOptions,
) -> Documents<'a> {
    let max = options.max_document_bytes;
    let head = match reader.fill_buf() {
        Ok(head) => head,
        Err(e) => return single(Err(source.error(io_reason(&e)))),
    };
    if head.is_empty() {
        return single(Err(source.error("empty file")));
    }
    let format = source.format.unwrap_or_else(|| Format::sniff(head));
    let gzip = head.starts_with(GZIP_MAGIC);
    let binary = format == Format::Jsonl && encoding::looks_binary(head);
    match format {
        Format::Warc if gzip => {
            let decompressed = BufReader::new(MultiGzDecoder::new(reader));
            Box::new(WarcRecords::new(
                decompressed,
                source.origin,
                source.stem,
                true,
                max,
            ))
        }
        Format::Warc => Box::new(WarcRecords::new(
            reader,
            source.origin,
            source.stem,
            false,
            max,
        )),
        Format::Jsonl if binary => single(Err(source.error("binary file, not text"))),
        Format::Jsonl => Box::new(JsonLines::new(reader, source.origin, source.stem, max)),
        Format::Text | Format::Html => Box::new(std::iter::once_with(move || {
            whole_document(format, source, reader, max)
        })),
    }
}

/// A text or HTML file: one document.
fn whole_document<R: BufRead>(
    format: Format,
    source: Source,
    mut reader: R,
    max: usize,
) -> Result<RawDocument, ReadError> {
    let bytes = text::read_whole(&mut reader, source.size, max).map_err(|r| source.error(r))?;
    let mut doc = RawDocument {
        doc_id: source.stem.clone(),
        origin: source.origin.clone(),
        ..RawDocument::default()
    };
    if format == Format::Html {
        text::check_bytes(&bytes).map_err(|r| source.error(r))?;
        let extracted = html::read(&bytes, None, None).map_err(|r| source.error(r))?;
        doc.text = extracted.text;
        doc.title = extracted.title;
        doc.date = extracted.date;
        doc.language = extracted.language;
        doc.url = extracted.url;
        doc.notes = extracted.notes;
    } else {
        let (text, note) = text::decode_text(&bytes).map_err(|r| source.error(r))?;
        doc.text = text;
        doc.notes.extend(note);
    }
    Ok(doc)
}

fn single<'a>(item: Result<RawDocument, ReadError>) -> Documents<'a> {
    Box::new(std::iter::once(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::from_name("a.TXT"), Some(Format::Text));
        assert_eq!(Format::from_name("a.htm"), Some(Format::Html));
        assert_eq!(Format::from_name("dir/a.warc.gz"), Some(Format::Warc));
        assert_eq!(Format::from_name("a.jsonl"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("a.gz"), None);
        assert_eq!(Format::from_name("a.md"), None);
    }

    #[test]
    fn formats_by_content() {
        assert_eq!(Format::sniff(b"  {\"text\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(&[0x1f, 0x8b, 8, 0]), Format::Warc);
        assert_eq!(Format::sniff(b"<!doctype html><p>x"), Format::Html);
        assert_eq!(Format::sniff(b"Jakarta - Hujan deras."), Format::Text);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("/x/000_46f39e8ef6f38860.txt"), "000_46f39e8ef6f38860");
        assert_eq!(stem("crawl.warc.gz"), "crawl");
        assert_eq!(stem("a.b.html"), "a.b");
        assert_eq!(stem("-"), "stdin");
        assert_eq!(stem("README"), "README");
    }
}
