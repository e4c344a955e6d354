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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let joins = matches!(d, '.' | ',' | '/' | ':')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                if d.is_ascii_digit() || joins {
                    j += if joins { 2 } else { 1 };
                } else {
                    break;
                }
            }
            // "ke-11" style and "7-an" stay words; a digit run glued to letters ("300km") is a number.
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token {
                start: base + start,
                end: base + end,
                kind: TokenKind::Number,
            });
            i = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let inner = matches!(d, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|n| is_word_char(n.1));
                if is_word_char(d) {
                    j += 1;
                } else if inner {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push(Token {
                start: base + start,
                end: base + end,
                kind: TokenKind::Word,
            });
            i = j;
            continue;
        }
        let end = chars.get(i + 1).map_or(text.len(), |c| c.0);
        let kind = if is_quote(c) {
            TokenKind::Quote
        } else {
            TokenKind::Punct
        };
        out.push(Token {
            start: base + start,
            end: base + end,
            kind,
        });
        i += 1;
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
            texts("Ma'ruf Amir-Abdollahian ke-11"),
            ["Ma'ruf", "Amir-Abdollahian", "ke-11"]
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
}
