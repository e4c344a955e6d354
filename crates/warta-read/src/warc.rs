//! WARC and WARC.gz: web archive files, read one record at a time. Only
//! `response` records whose HTTP payload is HTML become documents; requests,
//! metadata, images and redirects are skipped. Header blocks are parsed with
//! the `warc` crate's parser; bodies are streamed through `Take` so a record
//! that is too large, or not wanted, is skipped without being buffered.

use std::io::{self, BufRead, Read};

use ::warc::{parser, RecordType};
use encoding_rs::Encoding;
use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};

use crate::lines::{self, Line};
use crate::{encoding, html, io_reason, text, RawDocument, ReadError};

/// Longest WARC or HTTP header block accepted.
const HEADER_LIMIT: usize = 64 * 1024;

/// Iterator over the documents of one WARC stream (already decompressed).
pub(crate) struct WarcRecords<R> {
    reader: Counted<R>,
    origin: String,
    stem: String,
    compressed: bool,
    max: usize,
    /// Complete records read so far, for the message when reading stops.
    records: u64,
    /// Offset of the record being read, in the (decompressed) stream.
    record_start: u64,
    finished: bool,
    buf: Vec<u8>,
}

/// The WARC header fields the reader uses.
struct Header {
    kind: Option<RecordType>,
    id: Option<String>,
    target: Option<String>,
    length: u64,
}

/// What a record gave.
enum Outcome {
    Document(RawDocument),
    Skipped,
    /// This record is unusable (too large, not decodable); the next may be fine.
    Rejected(String),
}

/// What the HTTP part of a response record holds.
enum Payload {
    Html {
        bytes: Vec<u8>,
        charset: Option<&'static Encoding>,
    },
    Skipped,
    Rejected(String),
}

impl<R: BufRead> WarcRecords<R> {
    pub(crate) fn new(
        reader: R,
        origin: String,
        stem: String,
        compressed: bool,
        max: usize,
    ) -> Self {
        WarcRecords {
            reader: Counted {
                inner: reader,
                pos: 0,
            },
            origin,
            stem,
            compressed,
            max,
            records: 0,
            record_start: 0,
            finished: false,
            buf: Vec::new(),
        }
    }

    /// Reads the next record. `Ok(None)` is a clean end; `Err` means the
    /// stream is truncated or corrupt and nothing after it can be trusted.
    fn record(&mut self) -> Result<Option<Outcome>, String> {
        let Some(header) = self.read_header()? else {
            return Ok(None);
        };
        let mut body = (&mut self.reader).take(header.length);
        let payload = if header.kind == Some(RecordType::Response) {
            response(&mut body, self.max).map_err(|e| io_reason(&e))?
        } else {
            Payload::Skipped
        };
        // Skip what was not needed, so the next header is where it should be.
        io::copy(&mut body, &mut io::sink()).map_err(|e| io_reason(&e))?;
        let missing = body.limit();
        if missing > 0 {
            return Err(format!(
                "input ends inside record {} ({missing} bytes of it missing)",
                self.record_name(&header),
            ));
        }
        self.records += 1;
        Ok(Some(self.outcome(header, payload)))
    }

    /// Reads one header block (skipping the blank lines that end the
    /// previous record) and parses it.
    fn read_header(&mut self) -> Result<Option<Header>, String> {
        self.buf.clear();
        loop {
            let before = self.buf.len();
            if before == 0 {
                self.record_start = self.reader.pos;
            }
            let budget = HEADER_LIMIT.saturating_sub(before);
            let line = lines::read_line(&mut self.reader, &mut self.buf, budget)
                .map_err(|e| io_reason(&e))?;
            match line {
                Line::Eof if before == 0 => return Ok(None),
                Line::Eof => return Err("input ends inside a record header".into()),
                Line::TooLong { .. } => {
                    return Err(format!(
                        "record header longer than {} KiB",
                        HEADER_LIMIT / 1024
                    ))
                }
                Line::Complete => {
                    let line = &self.buf[before..];
                    if !line.ends_with(b"\n") {
                        return Err("input ends inside a record header".into());
                    }
                    if line.trim_ascii().is_empty() {
                        if before == 0 {
                            self.buf.clear();
                            continue;
                        }
                        return parse_header(&self.buf).map(Some);
                    }
                    // Say so at once rather than after 64 KiB of junk.
                    if before == 0 && !line.starts_with(b"WARC/") {
                        return Err("not a WARC record header (no `WARC/` version line)".into());
                    }
                }
            }
        }
    }

    fn record_name(&self, header: &Header) -> String {
        header
            .id
            .clone()
            .unwrap_or_else(|| format!("at byte {}", self.record_start))
    }

    fn outcome(&self, header: Header, payload: Payload) -> Outcome {
        let (bytes, charset) = match payload {
            Payload::Skipped => return Outcome::Skipped,
            Payload::Rejected(reason) => return Outcome::Rejected(reason),
            Payload::Html { bytes, charset } => (bytes, charset),
        };
        if bytes.is_empty() {
            return Outcome::Rejected("empty HTML payload".into());
        }
        if encoding::looks_binary(&bytes) {
            return Outcome::Rejected("binary payload, not HTML".into());
        }
        match html::read(&bytes, charset, header.target.as_deref()) {
            Err(reason) => Outcome::Rejected(reason),
            Ok(extracted) => Outcome::Document(RawDocument {
                doc_id: header
                    .id
                    .unwrap_or_else(|| format!("{}@{}", self.stem, self.record_start)),
                origin: format!("{}@{}", self.origin, self.record_start),
                text: extracted.text,
                title: extracted.title,
                date: extracted.date,
                url: header.target.or(extracted.url),
                source: None,
                language: extracted.language,
                notes: extracted.notes,
            }),
        }
    }

    /// The error that ends a truncated or corrupt stream.
    fn stopped(&self, reason: String) -> ReadError {
        let which = if self.compressed {
            " of the decompressed data"
        } else {
            ""
        };
        let records = match self.records {
            1 => "1 record".to_owned(),
            n => format!("{n} records"),
        };
        ReadError {
            origin: self.origin.clone(),
            line: None,
            reason: format!(
                "WARC input stops at byte {}{which}, after {records}: {reason}",
                self.reader.pos
            ),
        }
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            match self.record() {
                Ok(None) => self.finished = true,
                Ok(Some(Outcome::Skipped)) => {}
                Ok(Some(Outcome::Document(doc))) => return Some(Ok(doc)),
                Ok(Some(Outcome::Rejected(reason))) => {
                    return Some(Err(ReadError {
                        origin: format!("{}@{}", self.origin, self.record_start),
                        line: None,
                        reason,
                    }))
                }
                Err(reason) => {
                    self.finished = true;
                    return Some(Err(self.stopped(reason)));
                }
            }
        }
        None
    }
}

fn parse_header(block: &[u8]) -> Result<Header, String> {
    let (_, (_version, fields, length)) =
        parser::headers(block).map_err(|_| "malformed WARC record header".to_owned())?;
    let mut header = Header {
        kind: None,
        id: None,
        target: None,
        length: length as u64,
    };
    for (name, value) in fields {
        let value = String::from_utf8_lossy(value);
        // Record ids and (in WARC 1.1 drafts) target URIs come in <...>.
        let value = value.trim().trim_start_matches('<').trim_end_matches('>');
        match name.to_ascii_lowercase().as_str() {
            "warc-type" => header.kind = Some(RecordType::from(value)),
            "warc-record-id" => header.id = Some(value.to_owned()),
            "warc-target-uri" => header.target = Some(value.to_owned()),
            _ => {}
        }
    }
    Ok(header)
}

/// Reads the HTTP response in a record block: status line and headers,
/// then, when the payload is a wanted HTML page under the size limit, the
/// payload with transfer and content encodings undone.
fn response<R: BufRead>(body: &mut io::Take<R>, max: usize) -> io::Result<Payload> {
    let Some(head) = read_http_head(body)? else {
        return Ok(Payload::Rejected(
            "response record without HTTP headers".into(),
        ));
    };
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default();
    if !status.starts_with("HTTP/") {
        return Ok(Payload::Rejected(
            "response record without an HTTP status line".into(),
        ));
    }
    // Redirects, errors and "not modified" are not articles.
    let ok = status
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .is_some_and(|code| (200..300).contains(&code));
    if !ok {
        return Ok(Payload::Skipped);
    }
    let fields = HttpFields::parse(lines);
    if fields
        .content_type
        .as_deref()
        .is_some_and(|t| !is_html_type(t))
    {
        return Ok(Payload::Skipped);
    }
    let length = body.limit();
    if length > max as u64 {
        return Ok(Payload::Rejected(text::too_large(length, max)));
    }
    let mut raw = Vec::with_capacity(length as usize);
    body.read_to_end(&mut raw)?;
    let bytes = match fields.decode(raw, max) {
        Ok(bytes) => bytes,
        Err(reason) => return Ok(Payload::Rejected(reason)),
    };
    if fields.content_type.is_none() && !html::looks_like_html(&bytes) {
        return Ok(Payload::Skipped);
    }
    let charset = fields.content_type.as_deref().and_then(html::charset_param);
    Ok(Payload::Html { bytes, charset })
}

/// The HTTP status line and headers, up to the blank line; `None` when the
/// block ends or the headers are absurdly long.
fn read_http_head<R: BufRead>(body: &mut R) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        match lines::read_line(body, &mut head, HEADER_LIMIT.saturating_sub(before))? {
            Line::Eof | Line::TooLong { .. } => return Ok(None),
            Line::Complete if head[before..].trim_ascii().is_empty() => {
                head.truncate(before);
                return Ok((!head.is_empty()).then_some(head));
            }
            Line::Complete if !head.ends_with(b"\n") => return Ok(None),
            Line::Complete => {}
        }
    }
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or_default().trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// The HTTP headers that matter for getting at the page.
#[derive(Debug, Default)]
struct HttpFields {
    content_type: Option<String>,
    chunked: bool,
    content_encoding: Option<String>,
}

impl HttpFields {
    fn parse<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let mut fields = HttpFields::default();
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => fields.content_type = Some(value.to_owned()),
                "transfer-encoding" => {
                    fields.chunked = value.to_ascii_lowercase().contains("chunked");
                }
                "content-encoding" => fields.content_encoding = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
        fields
    }

    /// Undoes chunking and compression, as crawlers often store the bytes
    /// exactly as the server sent them.
    fn decode(&self, raw: Vec<u8>, max: usize) -> Result<Vec<u8>, String> {
        let raw = if self.chunked {
            dechunk(&raw).ok_or("malformed chunked transfer encoding")?
        } else {
            raw
        };
        match self.content_encoding.as_deref().map(str::trim) {
            None | Some("" | "identity") => Ok(raw),
            Some("gzip" | "x-gzip") => inflate(GzDecoder::new(&raw[..]), max),
            Some("deflate") => inflate(ZlibDecoder::new(&raw[..]), max)
                .or_else(|_| inflate(DeflateDecoder::new(&raw[..]), max)),
            Some(other) => Err(format!("unsupported content encoding `{other}`")),
        }
    }
}

/// Decompresses at most `max` bytes; a bomb is refused, not expanded.
fn inflate<R: Read>(mut decoder: R, max: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    (&mut decoder)
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt compressed payload: {}", io_reason(&e)))?;
    if out.len() > max {
        let rest = io::copy(&mut decoder, &mut io::sink()).unwrap_or(0);
        return Err(text::too_large(out.len() as u64 + rest, max));
    }
    Ok(out)
}

/// Joins the chunks of an HTTP/1.1 chunked body.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(rest.len());
    loop {
        let end = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..end]).ok()?;
        // Chunk extensions (`1a;name=value`) are allowed and ignored.
        let size = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// A `BufRead` that counts the bytes consumed, so errors can say where the
/// stream stopped.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.pos += amount as u64;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record with CRLF line ends; `http` is the whole block.
    pub(crate) fn record(kind: &str, id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\n\
             WARC-Date: 2024-05-02T01:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(http);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    pub(crate) fn html_response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn read(bytes: &[u8]) -> Vec<Result<RawDocument, ReadError>> {
        WarcRecords::new(bytes, "t.warc".into(), "t".into(), false, 1 << 20).collect()
    }

    const PAGE: &[u8] = b"<html><head><title>Banjir</title></head><body>\
        <p>Air sungai meluap dan merendam rumah warga di tepi kota.</p></body></html>";

    #[test]
    fn response_records_become_documents() {
        let mut warc = record("warcinfo", "urn:uuid:0", "", b"software: tangan\r\n");
        warc.extend(record(
            "request",
            "urn:uuid:1",
            "https://x.invalid/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "urn:uuid:2",
            "https://x.invalid/a",
            &html_response("Content-Type: text/html; charset=utf-8\r\n", PAGE),
        ));
        warc.extend(record(
            "response",
            "urn:uuid:3",
            "https://x.invalid/logo.png",
            &html_response("Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0"),
        ));
        let docs = read(&warc);
        assert_eq!(docs.len(), 1, "{docs:?}");
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.doc_id, "urn:uuid:2");
        assert_eq!(doc.url.as_deref(), Some("https://x.invalid/a"));
        assert_eq!(doc.title.as_deref(), Some("Banjir"));
        assert!(doc.text.contains("Air sungai meluap"), "{}", doc.text);
        assert!(doc.origin.starts_with("t.warc@"));
    }

    #[test]
    fn http_charset_chunking_and_gzip_are_undone() {
        let body = b"<html><body><p>Caf\xe9 di alun-alun ditutup sementara.</p></body></html>";
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&body[..10]);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", body.len() - 10).as_bytes());
        chunked.extend_from_slice(&body[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let http = html_response(
            "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\n",
            &chunked,
        );
        let docs = read(&record("response", "urn:a", "https://x.invalid/c", &http));
        assert_eq!(
            docs[0].as_ref().unwrap().text,
            "Café di alun-alun ditutup sementara."
        );

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, PAGE).unwrap();
        let http = html_response(
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz.finish().unwrap(),
        );
        let docs = read(&record("response", "urn:b", "https://x.invalid/d", &http));
        assert!(docs[0].as_ref().unwrap().text.contains("Air sungai"));
    }

    #[test]
    fn redirects_are_skipped_and_untyped_html_is_sniffed() {
        let redirect =
            b"HTTP/1.1 301 Moved\r\nLocation: /b\r\nContent-Type: text/html\r\n\r\n<p>moved</p>";
        let untyped = html_response("", PAGE);
        let mut warc = record("response", "urn:r", "https://x.invalid/a", redirect);
        warc.extend(record("response", "urn:u", "https://x.invalid/b", &untyped));
        let docs = read(&warc);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().doc_id, "urn:u");
    }

    #[test]
    fn oversized_records_are_refused_and_reading_goes_on() {
        let big = html_response("Content-Type: text/html\r\n", &vec![b'a'; 4000]);
        let mut warc = record("response", "urn:big", "https://x.invalid/big", &big);
        warc.extend(record(
            "response",
            "urn:ok",
            "https://x.invalid/ok",
            &html_response("Content-Type: text/html\r\n", PAGE),
        ));
        let docs: Vec<_> =
            WarcRecords::new(&warc[..], "t.warc".into(), "t".into(), false, 2048).collect();
        assert_eq!(docs.len(), 2);
        let err = docs[0].as_ref().unwrap_err();
        assert_eq!(err.reason, "document is 3.9 KiB, over the 2 KiB limit");
        assert_eq!(docs[1].as_ref().unwrap().doc_id, "urn:ok");
    }

    #[test]
    fn truncation_and_garbage_stop_with_one_error() {
        let whole = record(
            "response",
            "urn:t",
            "https://x.invalid/t",
            &html_response("Content-Type: text/html\r\n", PAGE),
        );
        let docs = read(&whole[..whole.len() - 60]);
        assert_eq!(docs.len(), 1);
        let err = docs[0].as_ref().unwrap_err();
        assert!(err.reason.contains("after 0 records"), "{}", err.reason);
        assert!(err.reason.contains("inside record urn:t"), "{}", err.reason);

        let docs = read(b"this is not a WARC file\r\n\r\n");
        assert_eq!(docs.len(), 1);
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .reason
            .ends_with("not a WARC record header (no `WARC/` version line)"));

        let docs = read(b"WARC/1.0\r\nno colon here\r\n\r\n");
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("malformed WARC record header"));

        let docs = read(&whole[..40]);
        assert!(docs[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("inside a record header"));
    }

    #[test]
    fn dechunk_rejects_nonsense() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n0\r\n\r\n").as_deref(),
            Some(&b"abc"[..])
        );
        assert_eq!(dechunk(b"zz\r\nabc"), None);
        assert_eq!(dechunk(b"ff\r\nabc"), None);
    }
}
