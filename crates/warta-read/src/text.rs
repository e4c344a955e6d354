//! Whole-file documents: plain text, and the byte-level checks HTML files
//! share with it (size limit, empty, binary).

use std::io::{self, BufRead, Read};

use crate::encoding;

/// Reads a whole document, refusing it without buffering when it is over
/// `max` bytes. `size` is the file size when the file system knows it; then
/// an oversized file is refused before a single byte is read.
pub(crate) fn read_whole<R: BufRead>(
    reader: &mut R,
    size: Option<u64>,
    max: usize,
) -> Result<Vec<u8>, String> {
    if let Some(size) = size.filter(|&n| n > max as u64) {
        return Err(too_large(size, max));
    }
    let capacity = size.map_or(0, |n| n as usize);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::io_reason(&e))?;
    if bytes.len() > max {
        // Standard input or a file that grew: count the rest without keeping it.
        let rest = io::copy(reader, &mut io::sink()).unwrap_or(0);
        return Err(too_large(bytes.len() as u64 + rest, max));
    }
    Ok(bytes)
}

/// Rejects input that is empty or binary, before decoding it.
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    if bytes.is_empty() {
        Err("empty file".into())
    } else if encoding::looks_binary(bytes) {
        Err("binary file, not text".into())
    } else {
        Ok(())
    }
}

/// Plain text: decoded, newlines normalised, otherwise as written.
/// Returns the text and a note when it was not UTF-8.
pub(crate) fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    check_bytes(bytes)?;
    let decoded = encoding::decode(bytes, None);
    if decoded.text.trim().is_empty() {
        return Err("no text: the file holds only whitespace".into());
    }
    Ok((decoded.text, decoded.note))
}

/// "document is 50.0 MiB, over the 8 MiB limit"
pub(crate) fn too_large(size: u64, max: usize) -> String {
    format!(
        "document is {}, over the {} limit",
        human_size(size),
        human_limit(max as u64)
    )
}

const KIB: u64 = 1024;
const MIB: u64 = 1024 * 1024;

fn human_size(n: u64) -> String {
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= KIB {
        format!("{:.1} KiB", n as f64 / KIB as f64)
    } else {
        format!("{n} bytes")
    }
}

/// Limits are usually round numbers; print them without a decimal then.
fn human_limit(n: u64) -> String {
    human_size(n).replace(".0 ", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_messages() {
        assert_eq!(
            too_large(50 * MIB, 8 * MIB as usize),
            "document is 50.0 MiB, over the 8 MiB limit"
        );
        assert_eq!(
            too_large(2048, 1000),
            "document is 2.0 KiB, over the 1000 bytes limit"
        );
    }

    #[test]
    fn known_size_is_refused_without_reading() {
        let mut reader: &[u8] = b"never read";
        let err = read_whole(&mut reader, Some(100 * MIB), 8 * MIB as usize).unwrap_err();
        assert!(err.contains("100.0 MiB"), "{err}");
        assert_eq!(reader, b"never read");
    }

    #[test]
    fn unknown_size_is_counted_past_the_limit() {
        let data = vec![b'a'; 5000];
        let err = read_whole(&mut &data[..], None, 1024).unwrap_err();
        assert_eq!(err, "document is 4.9 KiB, over the 1 KiB limit");
        assert_eq!(read_whole(&mut &data[..], None, 5000).unwrap().len(), 5000);
    }

    #[test]
    fn text_checks() {
        assert_eq!(decode_text(b"").unwrap_err(), "empty file");
        assert_eq!(decode_text(b"ab\0cd").unwrap_err(), "binary file, not text");
        assert!(decode_text(b" \n\t ").is_err());
        let (text, note) = decode_text(b"Caf\xe9 di pojok jalan itu selalu ramai.\r\n").unwrap();
        assert_eq!(text, "Café di pojok jalan itu selalu ramai.\n");
        assert!(note.is_some());
    }
}
