//! Sentence splitting that knows Indonesian abbreviations, titles, initials,
//! numbers and quotations.

use rustc_hash::FxHashSet as HashSet;

use crate::tokens::is_quote;

/// A sentence: a byte range of the text, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// Splits `text` into sentences. A line break always ends a sentence (the
/// cleaner keeps one paragraph or heading per line). Within a line a `.`,
/// `!` or `?` ends one when followed by space and a capital, digit or
/// quotation mark, unless the word before it is a known abbreviation or a
/// single capital letter (an initial), or the stop sits inside a quotation
/// that goes on (`"Kami siap. Kami juga...," kata Shoigu` is one sentence).
pub fn split_sentences(text: &str, abbreviations: &HashSet<String>) -> Vec<SentenceSpan> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let end = line_start + line.len();
        let before = spans.len();
        // An unbalanced quotation mark would glue the rest of the paragraph
        // together: split such a line again without tracking quotes.
        if !split_line(text, line_start, end, abbreviations, true, &mut spans) {
            spans.truncate(before);
            split_line(text, line_start, end, abbreviations, false, &mut spans);
        }
        line_start += line.len();
    }
    spans
}

fn split_line(
    text: &str,
    from: usize,
    to: usize,
    abbreviations: &HashSet<String>,
    track_quotes: bool,
    spans: &mut Vec<SentenceSpan>,
) -> bool {
    let line = &text[from..to];
    // Byte positions; `at` decodes the character there.
    let at = |pos: usize| line[pos..].chars().next();
    let mut start = 0;
    let mut in_quote = false;
    let mut pos = 0;
    let bytes = line.as_bytes();
    while pos < bytes.len() {
        // Plain ASCII letters, digits, spaces and most punctuation can
        // neither end a sentence nor open a quotation: skip them unread.
        if SKIP[usize::from(bytes[pos])] {
            pos += 1;
            continue;
        }
        let Some(c) = at(pos) else { break };
        if track_quotes && is_quote(c) {
            in_quote = match c {
                '“' => true,
                '”' => false,
                _ => !in_quote,
            };
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            pos += c.len_utf8();
            continue;
        }
        // Swallow repeated stops and a closing quotation mark or bracket.
        let mut j = pos + c.len_utf8();
        while let Some(d) = at(j).filter(|d| matches!(d, '.' | '!' | '?' | '…')) {
            j += d.len_utf8();
        }
        let mut closes_quote = false;
        while let Some(d) = at(j).filter(|d| is_quote(*d) || *d == ')') {
            closes_quote |= is_quote(d);
            j += d.len_utf8();
        }
        let followed_by_space = at(j).is_some_and(char::is_whitespace);
        let mut k = j;
        while let Some(d) = at(k).filter(|d| d.is_whitespace()) {
            k += d.len_utf8();
        }
        let starts_new =
            at(k).is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_quote(n));
        let quote_goes_on = in_quote && !closes_quote;
        if followed_by_space
            && starts_new
            && !quote_goes_on
            && !(c == '.' && is_abbreviation(line, pos, abbreviations))
        {
            push(text, from + start, from + j, spans);
            start = k;
            if closes_quote {
                in_quote = false;
            }
            pos = k;
            continue;
        }
        pos = j;
    }
    push(text, from + start, to, spans);
    !in_quote
}

/// ASCII bytes that are neither a stop nor a quotation mark.
static SKIP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = !matches!(b as u8, b'.' | b'!' | b'?' | b'"');
        b += 1;
    }
    table
};

/// Whether the word ending just before the `.` at `dot` is an abbreviation
/// or an initial.
fn is_abbreviation(line: &str, dot: usize, abbreviations: &HashSet<String>) -> bool {
    let before = &line[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let single_capital =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    single_capital || abbreviations.contains(word)
}

fn push(text: &str, start: usize, end: usize, spans: &mut Vec<SentenceSpan>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = start + piece.trim_end().len();
    if trimmed_end > trimmed_start {
        spans.push(SentenceSpan {
            start: trimmed_start,
            end: trimmed_end,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbreviations: HashSet<String> = ["Dr", "Jl", "Prof", "dll"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        split_sentences(text, &abbreviations)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_stops_before_capitals() {
        assert_eq!(
            split("Iran menyerang. Israel membalas."),
            ["Iran menyerang.", "Israel membalas."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_numbers() {
        assert_eq!(
            split("Dr. Budi tiba di Jl. Sudirman pukul 10.30 bersama Joko W. Widodo. Lalu pulang."),
            [
                "Dr. Budi tiba di Jl. Sudirman pukul 10.30 bersama Joko W. Widodo.",
                "Lalu pulang."
            ]
        );
    }

    #[test]
    fn quotation_that_goes_on_is_one_sentence() {
        assert_eq!(
            split("\"Kami siap. Kami juga ingin damai,\" kata Shoigu. Ia lalu pergi."),
            [
                "\"Kami siap. Kami juga ingin damai,\" kata Shoigu.",
                "Ia lalu pergi."
            ]
        );
    }

    #[test]
    fn closing_quote_after_stop_ends_sentence() {
        assert_eq!(
            split("Ia berkata, “Kami siap.” Lalu pergi."),
            ["Ia berkata, “Kami siap.”", "Lalu pergi."]
        );
    }

    #[test]
    fn unbalanced_quote_does_not_glue_the_paragraph() {
        assert_eq!(
            split("\"Kami siap. Iran menyerang. Israel membalas."),
            ["\"Kami siap.", "Iran menyerang.", "Israel membalas."]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(
            split("Judul Berita\n\nJAKARTA - Isi berita."),
            ["Judul Berita", "JAKARTA - Isi berita."]
        );
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_cover_all_text(text in "[A-Za-z0-9 .!?,\"“”()\n]{0,200}") {
            let spans = split_sentences(&text, &HashSet::default());
            let mut last = 0;
            for s in &spans {
                proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                let piece = &text[s.start..s.end];
                proptest::prop_assert_eq!(piece, piece.trim());
                last = s.end;
            }
            let kept: usize = spans.iter().map(|s| text[s.start..s.end].chars().filter(|c| !c.is_whitespace()).count()).sum();
            proptest::prop_assert_eq!(kept, text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
