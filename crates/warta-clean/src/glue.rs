//! Words glued together where a scraper dropped the link around one of them:
//! "Menteri Luar NegeriUni Emirat Arab(UEA)", "danIran".

/// Inserts a space at a lower-to-upper case boundary inside a word (after at
/// least two lower-case letters, so "iPhone" and "McDonald" keep their
/// shape), and between a letter and a bracket, unless the word is a known
/// camel-cased word; and after a full stop glued to a capitalised word
/// ("ASEAN.Melanjutkan"), where a paragraph break was lost and a sentence
/// would run into the next. One pass over the text; most texts need no change.
pub fn deglue(text: &str, camel_case_words: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    let bytes = text.as_bytes();
    let before = |at: usize| text[..at].chars().next_back();
    let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
    let case_break = |at: usize| {
        let previous = before(at);
        lower(previous) && lower(previous.and_then(|p| before(at - p.len_utf8())))
    };
    let mut breaks = Vec::new();
    for (pos, &byte) in bytes.iter().enumerate() {
        // Only an upper-case letter, a bracket or a non-ASCII letter can
        // mark a break: the rest of the text, most of it, is skipped.
        if !MAY_BREAK[usize::from(byte)] {
            continue;
        }
        match byte {
            b'A'..=b'Z' if case_break(pos) => breaks.push(pos),
            b'(' if before(pos).is_some_and(char::is_alphabetic) => breaks.push(pos),
            b'.' if sentence_glued(text, pos) => breaks.push(pos + 1),
            b')' if text[pos + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic) =>
            {
                breaks.push(pos + 1)
            }
            0xc0.. => {
                let c = text[pos..].chars().next().unwrap_or(' ');
                if c.is_uppercase() && case_break(pos) && before(pos) != Some(')') {
                    breaks.push(pos);
                }
            }
            _ => {}
        }
    }
    for pos in breaks {
        if !is_known_word(text, pos, camel_case_words) {
            out.push_str(&text[copied..pos]);
            out.push(' ');
            copied = pos;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The bytes `deglue` looks at: upper-case ASCII, brackets and the first
/// byte of a non-ASCII character.
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'A'..=b'Z' | b'(' | b')' | b'.' | 0xc0..);
        b += 1;
    }
    table
};

/// Whether the full stop at byte `pos` ends a word of two letters or more
/// and is followed by a capitalised word ("ASEAN.Melanjutkan"), not by
/// an initial, an acronym or a domain ("A.S.", "U.S.A", "kompas.com").
fn sentence_glued(text: &str, pos: usize) -> bool {
    let mut back = text[..pos].chars().rev();
    let mut ahead = text[pos + 1..].chars();
    back.next().is_some_and(char::is_alphabetic)
        && back.next().is_some_and(char::is_alphabetic)
        && ahead.next().is_some_and(char::is_uppercase)
        && ahead.next().is_some_and(char::is_lowercase)
}

/// Whether the word around byte `pos` is a listed camel-cased word.
fn is_known_word(text: &str, pos: usize, camel_case_words: &[String]) -> bool {
    let is_part = |c: char| c.is_alphanumeric() || c == '\'';
    let start = text[..pos].rfind(|c: char| !is_part(c)).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[pos..]
        .find(|c: char| !is_part(c))
        .map_or(text.len(), |i| pos + i);
    let word = &text[start..end];
    camel_case_words.iter().any(|w| w == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        deglue(s, &["YouTube".to_string(), "WhatsApp".to_string()])
    }

    #[test]
    fn splits_glued_words() {
        assert_eq!(
            run("NegeriUni Emirat Arab(UEA)"),
            "Negeri Uni Emirat Arab (UEA)"
        );
        assert_eq!(run("danIran"), "dan Iran");
        assert_eq!(
            run("Menlu ASEAN.Melanjutkan pernyataan"),
            "Menlu ASEAN. Melanjutkan pernyataan"
        );
        assert_eq!(
            run("HomeNewsInternasionalVladimir"),
            "Home News Internasional Vladimir"
        );
    }

    #[test]
    fn keeps_camel_case_words_and_acronyms() {
        assert_eq!(
            run("YouTube WhatsApp, iPhone McDonald IRGC"),
            "YouTube WhatsApp, iPhone McDonald IRGC"
        );
        assert_eq!(run("(UEA) (16/4/2024)"), "(UEA) (16/4/2024)");
        assert_eq!(
            run("A.S. U.S.Army kompas.com Rp1.500 Jl.Sudirman"),
            "A.S. U.S.Army kompas.com Rp1.500 Jl. Sudirman"
        );
    }
}

#[cfg(test)]
mod equivalence {
    use super::*;
    use proptest::prelude::*;

    /// The character-by-character statement of the rule the fast scan keeps.
    fn reference(text: &str, camel_case_words: &[String]) -> String {
        let mut out = String::new();
        let mut copied = 0;
        let (mut a, mut b) = (' ', ' ');
        for (pos, c) in text.char_indices() {
            let case_break = a.is_lowercase() && b.is_lowercase() && c.is_uppercase();
            let bracket_break = c == '(' && b.is_alphabetic();
            let after_bracket = b == ')' && c.is_alphabetic();
            if (case_break || bracket_break || after_bracket)
                && !is_known_word(text, pos, camel_case_words)
            {
                out.push_str(&text[copied..pos]);
                out.push(' ');
                copied = pos;
            }
            let mut ahead = text[pos + c.len_utf8()..].chars();
            let full_stop_break = c == '.'
                && a.is_alphabetic()
                && b.is_alphabetic()
                && ahead.next().is_some_and(char::is_uppercase)
                && ahead.next().is_some_and(char::is_lowercase);
            if full_stop_break && !is_known_word(text, pos + 1, camel_case_words) {
                out.push_str(&text[copied..=pos]);
                out.push(' ');
                copied = pos + 1;
            }
            (a, b) = (b, c);
        }
        out.push_str(&text[copied..]);
        out
    }

    proptest! {
        #[test]
        fn fast_scan_matches_the_rule(text in "[a-zA-Z()éÉßİıΣσ ,.]{0,40}") {
            let words = vec!["YouTube".to_string()];
            prop_assert_eq!(deglue(&text, &words), reference(&text, &words));
        }
    }
}
