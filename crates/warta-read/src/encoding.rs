//! Bytes to text: byte order mark, then UTF-8, then a declared charset, then a
//! guess. Indonesian news sites still serve Windows-1252 / ISO-8859-1 pages,
//! and old exports arrive as UTF-16; all of them must come out as clean text.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// How much of the input the binary check looks at.
const SNIFF_BYTES: usize = 8 * 1024;

/// Decoded text plus a note when the input was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// True when the start of the input looks like a binary file rather than
/// text: a NUL byte, or more than 30% control bytes, in the first 8 KiB.
/// UTF-16 with a byte order mark is text even though it is full of NULs.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.is_empty() || Encoding::for_bom(head).is_some() {
        return false;
    }
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head.iter().filter(|&&b| is_control(b)).count();
    control * 10 > head.len() * 3
}

/// Control bytes that do not occur in text (tab, newlines, form feed and
/// escape do).
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f
}

/// Decodes `bytes`. The order is: a byte order mark; valid UTF-8; the
/// `declared` charset (HTTP header or `<meta>`); a `chardetng` guess.
/// UTF-8 goes before the declaration on purpose: text in a legacy encoding
/// with any non-ASCII byte is almost never valid UTF-8, while pages that
/// declare ISO-8859-1 but are really UTF-8 are common.
pub(crate) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note = (encoding != UTF_8).then(|| format!("decoded as {}", encoding.name()));
        return Decoded {
            text: normalize_newlines(text.into_owned()),
            note,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: normalize_newlines(text.to_owned()),
            note: None,
        };
    }
    let (encoding, how) = match declared.filter(|&e| e != UTF_8) {
        Some(encoding) => (encoding, "as declared"),
        None => (guess(bytes), "guessed"),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut note = format!("not UTF-8; decoded as {} ({how})", encoding.name());
    if had_errors {
        note.push_str(", some bytes replaced");
    }
    Decoded {
        text: normalize_newlines(text.into_owned()),
        note: Some(note),
    }
}

/// Guesses the legacy encoding of bytes known not to be UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // The bytes are already known not to be UTF-8.
    let guessed = detector.guess(None, Utf8Detection::Deny);
    // Without a byte order mark, a UTF-16 guess is noise; Western text is the
    // likely case for Indonesian pages.
    if guessed == UTF_16LE || guessed == UTF_16BE {
        encoding_rs::WINDOWS_1252
    } else {
        guessed
    }
}

/// Looks up a charset label (`utf-8`, `ISO-8859-1`, `windows-1252`...).
/// Per the HTML standard, a UTF-16 declaration in content that is being
/// read as bytes means UTF-8.
pub(crate) fn for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(label.as_bytes()).map(|e| {
        if e == UTF_16LE || e == UTF_16BE {
            UTF_8
        } else {
            e
        }
    })
}

/// CRLF and lone CR to LF, so offsets downstream count one byte per break.
pub(crate) fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_a_note() {
        let decoded = decode("Rapat di Bogor, café".as_bytes(), None);
        assert_eq!(decoded.text, "Rapat di Bogor, café");
        assert_eq!(decoded.note, None);
    }

    #[test]
    fn windows_1252_is_guessed() {
        let decoded = decode(b"Kami minum kopi di caf\xe9 itu kemarin sore.", None);
        assert_eq!(decoded.text, "Kami minum kopi di café itu kemarin sore.");
        let note = decoded.note.unwrap();
        assert!(note.contains("windows-1252"), "{note}");
    }

    #[test]
    fn declared_charset_is_used_for_non_utf8() {
        let decoded = decode(b"na\xefve", for_label("iso-8859-1"));
        assert_eq!(decoded.text, "naïve");
        assert!(decoded.note.unwrap().contains("as declared"));
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let decoded = decode("café".as_bytes(), for_label("iso-8859-1"));
        assert_eq!(decoded.text, "café");
    }

    #[test]
    fn byte_order_marks_are_honoured() {
        let decoded = decode(b"\xef\xbb\xbfhalo", None);
        assert_eq!(decoded.text, "halo");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("hai\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let decoded = decode(&utf16, None);
        assert_eq!(decoded.text, "hai\n");
        assert!(!looks_binary(&utf16));
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(looks_binary(&[1, 2, 3, 4, 5, 6, b'a']));
        assert!(!looks_binary(b"plain text\twith a tab\r\n"));
        assert!(!looks_binary(b""));
    }
}
