//! JSON Lines: one article per line, read line by line so a corpus of any
//! size streams in constant memory. A bad line is an error for that line
//! only; reading goes on with the next one.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::lines::{self, Line};
use crate::{encoding, indosum, io_reason, text, url_date, RawDocument, ReadError};

/// Line buffers larger than this are released after use.
const KEEP_BUFFER_BYTES: usize = 1024 * 1024;

/// Iterator over the articles of one JSON Lines input.
pub(crate) struct JsonLines<R> {
    reader: R,
    origin: String,
    stem: String,
    max: usize,
    line: u64,
    buf: Vec<u8>,
    finished: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub(crate) fn new(reader: R, origin: String, stem: String, max: usize) -> Self {
        JsonLines {
            reader,
            origin,
            stem,
            max,
            line: 0,
            buf: Vec::new(),
            finished: false,
        }
    }

    fn error(&self, reason: String) -> ReadError {
        ReadError {
            origin: self.origin.clone(),
            line: Some(self.line),
            reason,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            // One huge line must not pin its buffer for the rest of the file.
            if self.buf.capacity() > KEEP_BUFFER_BYTES {
                self.buf = Vec::new();
            }
            self.buf.clear();
            let read = lines::read_line(&mut self.reader, &mut self.buf, self.max);
            self.line += 1;
            match read {
                Err(e) => {
                    // An I/O error mid-file leaves the position unknown.
                    self.finished = true;
                    return Some(Err(self.error(io_reason(&e))));
                }
                Ok(Line::Eof) => self.finished = true,
                Ok(Line::TooLong { len }) => {
                    return Some(Err(self.error(text::too_large(len, self.max))));
                }
                Ok(Line::Complete) => {
                    let line = trim_line(&self.buf, self.line == 1);
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let origin = format!("{}:{}", self.origin, self.line);
                    return Some(
                        parse_line(line, origin, &self.stem).map_err(|reason| self.error(reason)),
                    );
                }
            }
        }
        None
    }
}

/// Drops the newline (LF or CRLF) and, on the first line, a UTF-8 BOM.
fn trim_line(line: &[u8], first: bool) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if first {
        line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line)
    } else {
        line
    }
}

/// A stable 64-bit FNV-1a hash of a row's text and title, in hex: the same
/// across runs, platforms and releases.
pub fn content_id(text: &str, title: Option<&str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [text.as_bytes(), b"\x1f", title.unwrap_or("").as_bytes()];
    for byte in parts.into_iter().flatten() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// One line to a document: a plain article (`text`) or an IndoSum row
/// (`paragraphs`).
fn parse_line(line: &[u8], origin: String, stem: &str) -> Result<RawDocument, String> {
    // A line in a legacy encoding is decoded rather than rejected; serde_json
    // itself only takes UTF-8.
    let decoded = encoding::decode(line, None);
    let mut object: Map<String, Value> =
        serde_json::from_str(&decoded.text).map_err(|e| json_reason(&e))?;
    let (text, indosum) = article_text(&mut object)?;
    let id = string_field(&object, "id").or_else(|| number_field(&object, "id"));
    let url = string_field(&object, "url").or_else(|| string_field(&object, "source_url"));
    // An IndoSum row's id stamp is the corpus's own date for the article
    // (the one its annotations resolve "kemarin" against), though it often
    // lies a day after the address's; any other row without a date takes
    // the day its address carries.
    let date = string_field(&object, "date")
        .or_else(|| {
            indosum
                .then(|| id.as_deref().and_then(indosum::date_from_id))
                .flatten()
        })
        .or_else(|| url.as_deref().and_then(url_date::date_from_url));
    let title = string_field(&object, "title");
    // Without an id, the row's content names it: the same article in
    // tomorrow's feed is the same document, another article never is.
    let doc_id = id.unwrap_or_else(|| format!("{stem}:{}", content_id(&text, title.as_deref())));
    Ok(RawDocument {
        doc_id,
        origin,
        text: encoding::normalize_newlines(text),
        title,
        date,
        url,
        source: string_field(&object, "source"),
        language: string_field(&object, "language"),
        notes: decoded.note.into_iter().collect(),
    })
}

/// The article text and whether it came from IndoSum `paragraphs`.
fn article_text(object: &mut Map<String, Value>) -> Result<(String, bool), String> {
    match object.remove("text") {
        Some(Value::String(text)) if !text.trim().is_empty() => return Ok((text, false)),
        Some(Value::String(_)) | Some(Value::Null) | None => {}
        Some(_) => return Err("`text` is not a string".into()),
    }
    let Some(paragraphs) = object.remove("paragraphs") else {
        return Err("missing or empty `text`".into());
    };
    let paragraphs: Vec<Vec<Vec<String>>> = serde_json::from_value(paragraphs)
        .map_err(|e| format!("`paragraphs` is not a list of token lists: {e}"))?;
    let text = indosum::paragraphs_text(&paragraphs);
    if text.is_empty() {
        return Err("missing or empty `text`".into());
    }
    Ok((text, true))
}

fn string_field(object: &Map<String, Value>, key: &str) -> Option<String> {
    let value = object.get(key)?.as_str()?.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Numeric ids (`"id": 1234`) are common in exports; keep them as text.
fn number_field(object: &Map<String, Value>, key: &str) -> Option<String> {
    object
        .get(key)
        .filter(|v| v.is_number())
        .map(Value::to_string)
}

/// serde's message without its "at line 1 column N" (every line is line 1
/// to serde; the file line is in the error already), plus the column.
fn json_reason(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |at| &message[..at]);
    if e.column() > 0 {
        format!("invalid JSON: {message} (column {})", e.column())
    } else {
        format!("invalid JSON: {message}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<RawDocument, ReadError>> {
        JsonLines::new(input.as_bytes(), "in.jsonl".into(), "in".into(), 1 << 20).collect()
    }

    #[test]
    fn articles_with_metadata() {
        let docs = read(concat!(
            r#"{"id":"a1","text":"Menteri bertemu\r\nwartawan.","title":"Judul","date":"2 Mei 2024","url":"https://x.invalid/1","source":"Contoh","language":"id"}"#,
            "\n\n",
            r#"{"text":"Tanpa id."}"#,
            "\n"
        ));
        assert_eq!(docs.len(), 2);
        let first = docs[0].as_ref().unwrap();
        assert_eq!(first.doc_id, "a1");
        assert_eq!(first.origin, "in.jsonl:1");
        assert_eq!(first.text, "Menteri bertemu\nwartawan.");
        assert_eq!(first.title.as_deref(), Some("Judul"));
        assert_eq!(first.date.as_deref(), Some("2 Mei 2024"));
        assert_eq!(first.url.as_deref(), Some("https://x.invalid/1"));
        assert_eq!(first.source.as_deref(), Some("Contoh"));
        assert_eq!(first.language.as_deref(), Some("id"));
        let second = docs[1].as_ref().unwrap();
        assert_eq!(
            second.doc_id,
            format!("in:{}", content_id("Tanpa id.", None))
        );
    }

    #[test]
    fn a_row_without_an_id_is_named_by_its_content_not_its_line() {
        // Two days' feeds through one stdin: the second day's first row is
        // not the first day's first row.
        let day_one = read("{\"text\":\"Rusia menyerang Kyiv.\"}\n");
        let day_two =
            read("{\"text\":\"Iran menyerang Israel.\"}\n{\"text\":\"Rusia menyerang Kyiv.\"}\n");
        let id = |docs: &[Result<RawDocument, ReadError>], k: usize| {
            docs[k].as_ref().unwrap().doc_id.clone()
        };
        assert_ne!(id(&day_one, 0), id(&day_two, 0));
        // The same article on another line is the same document.
        assert_eq!(id(&day_one, 0), id(&day_two, 1));
        // Stable across releases: FNV-1a 64, checked against another implementation.
        assert_eq!(
            content_id("Rusia menyerang Kyiv.", None),
            "50fc13e1325d5dcd"
        );
    }

    #[test]
    fn malformed_and_textless_lines_are_errors_for_that_line_only() {
        let docs =
            read("{\"text\":\"satu\"}\n{\"text\": \n{\"id\":\"x\"}\n[1]\n{\"text\":\"dua\"}\n");
        assert_eq!(docs.len(), 5);
        let err = docs[1].as_ref().unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.reason.starts_with("invalid JSON: EOF"),
            "{}",
            err.reason
        );
        assert_eq!(
            docs[2].as_ref().unwrap_err().reason,
            "missing or empty `text`"
        );
        assert!(docs[3]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("expected a map"));
        assert_eq!(docs[4].as_ref().unwrap().text, "dua");
    }

    #[test]
    fn indosum_rows() {
        let row = r#"{"id":"1490674536-contoh","paragraphs":[[["Dua","orang","ditangkap",","," kata","polisi","."]],[["Kasus","(","27","/","3",")","."]]],"source":"contoh","source_url":"https://x.invalid/b","category":"berita"}"#;
        let docs = read(row);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.doc_id, "1490674536-contoh");
        assert_eq!(
            doc.text,
            "Dua orang ditangkap, kata polisi.\n\nKasus (27/3)."
        );
        assert_eq!(doc.date.as_deref(), Some("2017-03-28"));
        assert_eq!(doc.url.as_deref(), Some("https://x.invalid/b"));
        assert_eq!(doc.source.as_deref(), Some("contoh"));
    }

    #[test]
    fn numeric_ids_bom_and_legacy_bytes() {
        let docs: Vec<_> = JsonLines::new(
            &b"\xef\xbb\xbf{\"id\":7,\"text\":\"caf\xe9 baru\"}\n"[..],
            "in.jsonl".into(),
            "in".into(),
            1024,
        )
        .collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.doc_id, "7");
        assert_eq!(doc.text, "café baru");
        assert_eq!(doc.notes.len(), 1);
    }

    #[test]
    fn over_long_lines_are_refused_and_skipped() {
        let input = format!(
            "{{\"text\":\"{}\"}}\n{{\"text\":\"ok\"}}\n",
            "a".repeat(3000)
        );
        let docs: Vec<_> =
            JsonLines::new(input.as_bytes(), "in.jsonl".into(), "in".into(), 1024).collect();
        let err = docs[0].as_ref().unwrap_err();
        assert_eq!(err.reason, "document is 2.9 KiB, over the 1 KiB limit");
        assert_eq!(docs[1].as_ref().unwrap().text, "ok");
    }
}
