//! Tokens with byte offsets into the text they were cut from.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens or apostrophes ("masing-masing", "Ma'ruf").
    Word,
    /// Digits, possibly grouped ("42.718", "1,5", "16/4/2024", "17:11").
    Number,
    /// A quotation mark, straight or curly.
    Quote,
    /// Any other punctuation or symbol, one character.
    Punct,
}

/// A token: a byte range of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Cuts `text` into tokens; whitespace separates, and is never a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    tokenize_into(text, 0, &mut tokens);
    tokens
}

/// Tokens of `text`, with offsets shifted by `base`, appended to `out`.
pub fn tokenize_into(text: &str, base: usize, out: &mut Vec<Token>) {
    // Byte positions throughout: no per-call buffer of characters.
    let at = |pos: usize| text[pos..].chars().next();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(c) = at(pos) {
        let start = pos;
        let next = |p: usize| p + at(p).map_or(0, char::len_utf8);
        if c.is_whitespace() {
            pos += c.len_utf8();
            continue;
        }
        let kind = if c.is_ascii_digit() {
            pos += 1;
            while let Some(d) = at(pos) {
                if d.is_ascii_digit() {
                    pos += 1;
                } else if matches!(d, '.' | ',' | '/' | ':')
                    && at(pos + 1).is_some_and(|n| n.is_ascii_digit())
                {
                    pos += 2;
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if is_word_char(c) {
            pos += c.len_utf8();
            loop {
                // ASCII letters and digits, the bulk of a word, a byte at a time.
                while bytes.get(pos).is_some_and(u8::is_ascii_alphanumeric) {
                    pos += 1;
                }
                let Some(d) = at(pos) else { break };
                if is_word_char(d) {
                    pos += d.len_utf8();
                } else if matches!(d, '-' | '\'' | '’') && at(next(pos)).is_some_and(is_word_char)
                {
                    // "India-Pakistan", "anti-AS", "pro-Rusia": a hyphen
                    // before a capital joins two words, and each is a
                    // token of its own so that a name can be recognised.
                    if d == '-' && at(next(pos)).is_some_and(char::is_uppercase) {
                        break;
                    }
                    pos = next(pos);
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else {
            pos += c.len_utf8();
            if is_quote(c) {
                TokenKind::Quote
            } else {
                TokenKind::Punct
            }
        };
        out.push(Token {
            start: base + start,
            end: base + pos,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            texts("Selasa (16/4/2024), 42.718 orang; masing-masing \"tewas\"."),
            [
                "Selasa",
                "(",
                "16/4/2024",
                ")",
                ",",
                "42.718",
                "orang",
                ";",
                "masing-masing",
                "\"",
                "tewas",
                "\"",
                "."
            ]
        );
    }

    #[test]
    fn apostrophes_and_hyphens_inside_words() {
        assert_eq!(
            texts("Ma'ruf Moon Jae-in ke-11 Amir-Abdollahian konflik India-Pakistan anti-AS"),
            [
                "Ma'ruf",
                "Moon",
                "Jae-in",
                "ke-11",
                "Amir",
                "-",
                "Abdollahian",
                "konflik",
                "India",
                "-",
                "Pakistan",
                "anti",
                "-",
                "AS"
            ]
        );
    }

    #[test]
    fn offsets_are_byte_offsets() {
        let text = "Türkiye “menolak”";
        let toks = tokenize(text);
        assert_eq!(toks[0].text(text), "Türkiye");
        assert_eq!(toks[1].kind, TokenKind::Quote);
        assert_eq!(toks[2].text(text), "menolak");
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_nonempty_and_on_char_boundaries(text in "\\PC{0,200}") {
            let toks = tokenize(&text);
            let mut last = 0;
            for t in &toks {
                proptest::prop_assert!(t.start >= last && t.start < t.end && t.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                proptest::prop_assert!(!t.text(&text).chars().any(char::is_whitespace));
                last = t.end;
            }
            // Every non-space character is in some token.
            let covered: usize = toks.iter().map(|t| t.text(&text).chars().count()).sum();
            proptest::prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
