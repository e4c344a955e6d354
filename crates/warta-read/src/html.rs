//! HTML to text: the main content via `dom_smoothie` (a Readability port),
//! falling back to the whole body minus obvious furniture when Readability
//! finds nothing worth having. Paragraph structure is kept (block elements
//! become blank lines) because downstream splits sentences and datelines on
//! it.

use dom_smoothie::{Article, Config, Readability, TextMode};
use encoding_rs::Encoding;

use crate::encoding;

/// Below this many characters Readability's answer is suspect (a teaser, a
/// caption, a menu) and the plain extraction is used instead.
const MIN_MAIN_CHARS: usize = 200;

/// Elements that never hold article text, dropped by the fallback.
const FURNITURE: &str =
    "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button";

/// How far into the document the `<meta charset>` prescan looks.
const META_SCAN_BYTES: usize = 4096;

/// Text and metadata taken from one HTML document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub language: Option<String>,
    /// The address the page gives itself in its JSON-LD metadata.
    pub url: Option<String>,
    pub notes: Vec<String>,
}

/// Decodes and extracts an HTML document. `declared` is the charset from
/// the HTTP header when there is one; otherwise `<meta>` is consulted.
/// Fails when no text is left.
pub(crate) fn read(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
    url: Option<&str>,
) -> Result<Extracted, String> {
    let declared = declared.or_else(|| meta_charset(bytes));
    let decoded = encoding::decode(bytes, declared);
    // Refused before parsing: the parser's time grows with the square of
    // the nesting depth, and its recursion can overflow any stack.
    let shape = shape(&decoded.text);
    if shape.depth > MAX_DEPTH {
        return Err(format!(
            "HTML nested {} elements deep (Warta reads pages up to {MAX_DEPTH})",
            shape.depth
        ));
    }
    if shape.attributes > MAX_ATTRIBUTES {
        return Err(format!(
            "an HTML tag with {} attributes (Warta reads tags with up to {MAX_ATTRIBUTES})",
            shape.attributes
        ));
    }
    let mut extracted = on_large_stack(&decoded.text, url)?;
    if extracted.text.is_empty() {
        return Err("no text found in the HTML".into());
    }
    extracted.notes.splice(0..0, decoded.note);
    Ok(extracted)
}

/// Deeper nesting than any real page has (they stay under a few hundred).
const MAX_DEPTH: usize = 2_000;
/// More attributes on one tag than any real page has.
const MAX_ATTRIBUTES: usize = 2_000;
/// The extraction thread's stack: far more than `MAX_DEPTH` levels need.
const EXTRACT_STACK_BYTES: usize = 256 << 20;

/// Extracts on a thread of its own with a large stack, so that no page,
/// whatever its shape, can take the process down.
fn on_large_stack(html: &str, url: Option<&str>) -> Result<Extracted, String> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("html-extract".into())
            .stack_size(EXTRACT_STACK_BYTES)
            .spawn_scoped(scope, || extract(html, url))
            .map_err(|e| format!("cannot start the HTML extractor: {e}"))?
            .join()
            .map_err(|_| "the HTML extractor failed on this page".to_string())
    })
}

/// How deep a page nests and how many attributes its busiest tag has.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Shape {
    depth: usize,
    attributes: usize,
}

/// Elements without content, and elements whose end tag may be left out
/// (a new one closes the last): neither nests.
const NOT_NESTING: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
];

/// Text elements whose content is not markup.
const RAW_TEXT: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];

/// A single pass over the bytes, no parsing: the deepest nesting of
/// elements (end tags close the latest; unmatched ones are ignored) and the
/// most attributes on one tag (counted as `=` signs and bare names).
fn shape(html: &str) -> Shape {
    let bytes = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Some(b'!') | Some(b'?') => {
                // A comment or declaration: skip to its end.
                let end = if bytes[i..].starts_with(b"!--") {
                    memchr::memmem::find(&bytes[i..], b"-->").map(|e| e + 3)
                } else {
                    memchr::memchr(b'>', &bytes[i..]).map(|e| e + 1)
                };
                i = end.map_or(bytes.len(), |e| i + e);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric() && *b != b'-')
                    .map_or(bytes.len(), |e| i + e);
                let name = html[i..name_end].to_ascii_lowercase();
                let (tag_end, attributes) = attributes_until_end(bytes, name_end);
                shape.attributes = shape.attributes.max(attributes);
                let self_closing = tag_end > name_end && bytes[tag_end - 1] == b'/';
                i = tag_end.saturating_add(1).min(bytes.len());
                if RAW_TEXT.contains(&name.as_str()) {
                    i = end_tag(bytes, i, name.as_bytes());
                } else if !self_closing && !NOT_NESTING.contains(&name.as_str()) {
                    depth += 1;
                    shape.depth = shape.depth.max(depth);
                }
            }
            _ => {}
        }
    }
    shape
}

/// From just after a tag's name: where the tag ends (its `>`, or the end
/// of the text) and how many attributes it has. Quoted values may hold any
/// character, `>` and spaces included.
fn attributes_until_end(bytes: &[u8], from: usize) -> (usize, usize) {
    let mut count = 0;
    let mut i = from;
    let mut in_name = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i, count),
            b'"' | b'\'' => {
                let quote = bytes[i];
                i = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                in_name = false;
            }
            b'=' | b'/' => in_name = false,
            b if b.is_ascii_whitespace() => in_name = false,
            _ => {
                if !in_name && (i == from || !matches!(bytes[i - 1], b'=')) {
                    count += 1;
                }
                in_name = true;
            }
        }
        i += 1;
    }
    (bytes.len(), count)
}

/// Where the end tag `</name` of a raw-text element starts, in any case,
/// at or after `from` (the end of the text if there is none).
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(offset) = memchr::memmem::find(&bytes[i..], b"</") {
        let at = i + offset;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

/// Extracts the main text, title, publication time and language.
pub(crate) fn extract(html: &str, url: Option<&str>) -> Extracted {
    let mut extracted = extract_page(html, url);
    // A page without a date in its markup may carry one in its address.
    if extracted.date.is_none() {
        extracted.date = extracted
            .url
            .as_deref()
            .or(url)
            .and_then(crate::url_date::date_from_url);
    }
    extracted
}

fn extract_page(html: &str, url: Option<&str>) -> Extracted {
    let main = readability(html, url);
    let main_chars = main.as_ref().map_or(0, |e| e.text.chars().count());
    if main_chars >= MIN_MAIN_CHARS {
        return main.unwrap_or_default();
    }
    // Too little for an article: on short pages Readability's looser passes
    // keep menus, so the predictable plain extraction is preferred whenever
    // it finds anything.
    let mut plain = fallback(html);
    match main {
        Some(main) if plain.text.is_empty() => main,
        _ => {
            if main_chars == 0 {
                plain
                    .notes
                    .push("main content not found; used the whole page text".into());
            }
            plain
        }
    }
}

/// Readability's article, or `None` when it gives up.
fn readability(html: &str, url: Option<&str>) -> Option<Extracted> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // A relative or odd URL is an error for dom_smoothie; it only uses the
    // URL to resolve links, so retry without it.
    let mut reader = Readability::new(html, url, Some(config.clone()))
        .or_else(|_| Readability::new(html, None, Some(config)))
        .ok()?;
    let article: Article = reader.parse().ok()?;
    Some(Extracted {
        text: tidy(&article.text_content),
        title: non_empty(&article.title),
        date: article.published_time.as_deref().and_then(non_empty),
        language: article.lang.as_deref().and_then(language_code),
        url: article.url.as_deref().and_then(non_empty),
        notes: Vec::new(),
    })
}

/// The body text without furniture, with metadata from `<head>`/JSON-LD.
fn fallback(html: &str) -> Extracted {
    let Ok(reader) = Readability::new(html, None, None) else {
        return Extracted::default();
    };
    let metadata = reader.get_article_metadata(reader.parse_json_ld());
    let doc = &reader.doc;
    doc.select(FURNITURE).remove();
    let text = match doc.body() {
        Some(body) => body.formatted_text(),
        None => doc.formatted_text(),
    };
    Extracted {
        text: tidy(&text),
        title: non_empty(&metadata.title),
        date: metadata.published_time.as_deref().and_then(non_empty),
        language: metadata.lang.as_deref().and_then(language_code),
        url: metadata.url.as_deref().and_then(non_empty),
        notes: Vec::new(),
    }
}

/// Trims every line and leaves at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        out.push_str(line);
        blank_pending = false;
    }
    out
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// `id-ID`, `en_US`, `ID` to an ISO 639-1 code; anything else is dropped.
fn language_code(lang: &str) -> Option<String> {
    let primary = lang.trim().split(['-', '_']).next()?;
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

/// The charset a page declares in `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` near its
/// start (a simplified form of the HTML prescan).
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.match_indices("<meta")
        .filter_map(|(start, _)| {
            let tag = &head[start..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            charset_param(tag)
        })
        .next()
}

/// The value after `charset=` in a tag or a Content-Type header value.
pub(crate) fn charset_param(text: &str) -> Option<&'static Encoding> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
        .unwrap_or(rest.len());
    encoding::for_label(&rest[..end])
}

/// Whether bytes of unknown type look like HTML: after optional whitespace
/// and BOM, a `<` opening one of the tags a page starts with.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(rest) = start.map(|i| &head[i..]) else {
        return false;
    };
    if !rest.starts_with(b"<") {
        return false;
    }
    let lower = String::from_utf8_lossy(rest).to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<!--",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_of_a_page_is_measured_without_parsing() {
        let depth = |html: &str| shape(html).depth;
        assert_eq!(depth("<html><body><div><p>a<p>b</div></body></html>"), 3);
        assert_eq!(depth("<div><br><img src=x><input/><hr></div>"), 1);
        // Markup inside scripts, styles and comments is not markup.
        assert_eq!(
            depth("<div><script>'<div><div><div>'</SCRIPT><!-- <div><div> --></div>"),
            1
        );
        let nested = "<div>".repeat(100_000);
        assert_eq!(depth(&nested), 100_000);
        // Unmatched end tags do not go below the top.
        assert_eq!(depth("</div></div><span><b>x</b></span>"), 2);
        let attributes = |html: &str| shape(html).attributes;
        assert_eq!(
            attributes(r#"<a href="/x y" class='a > b' data-x=1 hidden>"#),
            4
        );
        let many = format!("<div {}>", "a ".repeat(300_000));
        assert_eq!(attributes(&many), 300_000);
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_by_name() {
        let page = format!("<html><body>{}teks</body></html>", "<div>".repeat(100_000));
        let refused = read(page.as_bytes(), None, None).unwrap_err();
        assert!(refused.contains("nested 100002 elements deep"), "{refused}");
        let page = format!(
            "<html><body><div {}>teks</div></body></html>",
            "x ".repeat(50_000)
        );
        let refused = read(page.as_bytes(), None, None).unwrap_err();
        assert!(refused.contains("50000 attributes"), "{refused}");
        // A deep but sane page is read, on the extractor's own stack.
        let text = "Presiden Indonesia bertemu Perdana Menteri Malaysia di Jakarta pada Senin. ";
        let page = format!(
            "<html><body>{}<p>{}</p>{}</body></html>",
            "<div>".repeat(1_500),
            text.repeat(5),
            "</div>".repeat(1_500)
        );
        let read = read(page.as_bytes(), None, None).expect("a deep page reads");
        assert!(read.text.contains("Perdana Menteri Malaysia"));
    }

    const ARTICLE: &str = r#"<!DOCTYPE html>
<html lang="id-ID"><head>
<meta charset="utf-8">
<title>Warga Desa Membangun Jembatan Baru</title>
<meta property="article:published_time" content="2024-05-02T08:00:00+07:00">
</head><body>
<nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav>
<header>Portal Contoh</header>
<article>
<h1>Warga Desa Membangun Jembatan Baru</h1>
<p>Sebanyak tiga ratus warga desa bergotong royong membangun jembatan bambu di atas sungai yang memisahkan dua dusun, kata kepala desa pada Kamis pagi.</p>
<p>Pembangunan jembatan itu memakan waktu dua minggu dan menggunakan bahan yang dikumpulkan dari kebun warga sendiri tanpa bantuan dana dari pemerintah daerah.</p>
<p>Kepala desa berharap jembatan tersebut dapat bertahan selama musim hujan mendatang sehingga anak-anak tetap bisa pergi ke sekolah dengan aman setiap hari.</p>
</article>
<footer>Hak cipta Portal Contoh</footer>
<script>var tracking = "jangan dibaca";</script>
</body></html>"#;

    #[test]
    fn main_content_with_paragraph_breaks_and_metadata() {
        let out = read(ARTICLE.as_bytes(), None, Some("https://contoh.invalid/a")).unwrap();
        assert!(out.text.contains("tiga ratus warga"), "{}", out.text);
        assert!(out.text.contains("\n\n"), "paragraphs kept: {:?}", out.text);
        assert!(!out.text.contains("Beranda"), "{}", out.text);
        assert!(!out.text.contains("tracking"), "{}", out.text);
        assert_eq!(
            out.title.as_deref(),
            Some("Warga Desa Membangun Jembatan Baru")
        );
        assert_eq!(out.date.as_deref(), Some("2024-05-02T08:00:00+07:00"));
        assert_eq!(out.language.as_deref(), Some("id"));
    }

    #[test]
    fn short_pages_fall_back_to_stripped_body() {
        let html = "<html><head><title>Singkat</title><style>p{}</style></head><body>\
                    <nav>Menu</nav><div>Hujan turun di Bandung.</div><div>Jalan banjir.</div>\
                    <footer>Kaki</footer></body></html>";
        let out = read(html.as_bytes(), None, None).unwrap();
        assert_eq!(out.text, "Hujan turun di Bandung.\n\nJalan banjir.");
        assert_eq!(out.title.as_deref(), Some("Singkat"));
    }

    #[test]
    fn empty_html_is_an_error() {
        let err = read(
            b"<html><body><script>x()</script></body></html>",
            None,
            None,
        );
        assert_eq!(err.unwrap_err(), "no text found in the HTML");
    }

    #[test]
    fn meta_charset_is_respected() {
        let html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Caf\xe9 ramai.</p></body></html>";
        assert_eq!(meta_charset(html), Some(encoding_rs::WINDOWS_1252));
        let out = read(html, None, None).unwrap();
        assert_eq!(out.text, "Café ramai.");
        assert!(out.notes[0].contains("as declared"), "{:?}", out.notes);
        assert_eq!(
            meta_charset(b"<meta charset='windows-1252'>"),
            Some(encoding_rs::WINDOWS_1252)
        );
    }

    #[test]
    fn tidy_collapses_blank_lines() {
        assert_eq!(tidy("  a \n\n\n\n b\nc  \n\n"), "a\n\nb\nc");
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<div>halo</div>"));
        assert!(!looks_like_html(b"<3 kamu"));
        assert!(!looks_like_html(b"teks biasa <b>"));
    }
}
