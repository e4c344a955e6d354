//! Bounded line reading. `BufRead::read_until` grows its buffer without limit,
//! so one 2 GB line (a JSON Lines file with no newlines, a corrupt WARC header)
//! would be read into memory whole. These helpers stop at a byte budget and
//! skip the rest of an over-long line without buffering it.

use std::io::{self, BufRead, ErrorKind};

use memchr::memchr;

/// What [`read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// End of input before any byte of a new line.
    Eof,
    /// A line was appended to the buffer: with its `\n`, or without one when
    /// the input ended first.
    Complete,
    /// The line had more than `max` bytes (not counting its `\n`). It was
    /// skipped to its end; `len` is its full length and the buffer holds
    /// nothing of it.
    TooLong { len: u64 },
}

/// Appends the next line to `buf` unless it is longer than `max` bytes.
pub(crate) fn read_line<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    let start = buf.len();
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if buf.len() == start {
                Line::Eof
            } else {
                Line::Complete
            });
        }
        let (take, found) = match memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let content = buf.len() - start + take - usize::from(found);
        if content > max {
            let mut len = (buf.len() - start + take - usize::from(found)) as u64;
            buf.truncate(start);
            reader.consume(take);
            if !found {
                let (rest, newline) = skip_line(reader)?;
                len += rest - u64::from(newline);
            }
            return Ok(Line::TooLong { len });
        }
        reserve_within(buf, take, start + max + 1);
        buf.extend_from_slice(&chunk[..take]);
        reader.consume(take);
        if found {
            return Ok(Line::Complete);
        }
    }
}

/// Grows `buf` for `extra` more bytes the way `Vec` does (doubling), but
/// never past `cap`, so a line just under the limit costs the limit, not
/// twice it.
fn reserve_within(buf: &mut Vec<u8>, extra: usize, cap: usize) {
    let needed = buf.len() + extra;
    if needed > buf.capacity() {
        let target = (buf.capacity() * 2).clamp(needed, cap.max(needed));
        buf.reserve_exact(target - buf.len());
    }
}

/// Consumes input up to and including the next `\n`; returns the byte count
/// and whether a newline ended it.
fn skip_line<R: BufRead + ?Sized>(reader: &mut R) -> io::Result<(u64, bool)> {
    let mut skipped = 0u64;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((skipped, false));
        }
        let (take, found) = match memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        reader.consume(take);
        skipped += take as u64;
        if found {
            return Ok((skipped, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_with_and_without_final_newline() {
        let mut input: &[u8] = b"one\ntwo";
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut input, &mut buf, 10).unwrap(), Line::Complete);
        assert_eq!(buf, b"one\n");
        buf.clear();
        assert_eq!(read_line(&mut input, &mut buf, 10).unwrap(), Line::Complete);
        assert_eq!(buf, b"two");
        buf.clear();
        assert_eq!(read_line(&mut input, &mut buf, 10).unwrap(), Line::Eof);
    }

    #[test]
    fn skips_an_over_long_line_and_goes_on() {
        let mut input: &[u8] = b"0123456789abc\nok\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line(&mut input, &mut buf, 5).unwrap(),
            Line::TooLong { len: 13 }
        );
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::Complete);
        assert_eq!(buf, b"ok\n");
    }

    #[test]
    fn a_line_exactly_at_the_limit_is_fine() {
        let mut input: &[u8] = b"12345\n";
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut input, &mut buf, 5).unwrap(), Line::Complete);
    }
}
