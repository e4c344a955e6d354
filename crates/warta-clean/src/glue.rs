//! Words glued together where a scraper dropped the link around one of them:
//! "Menteri Luar NegeriUni Emirat Arab(UEA)", "danIran".

/// Inserts a space at a lower-to-upper case boundary inside a word (after at
/// least two lower-case letters, so "iPhone" and "McDonald" keep their
/// shape), and between a letter and an opening bracket, unless the word is
/// a known camel-cased word.
pub fn deglue(text: &str, camel_case_words: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, piece) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.chars().skip(1).any(char::is_uppercase) && camel_case_words.iter().any(|w| w == bare) {
            out.push_str(piece);
            continue;
        }
        deglue_word(piece, &mut out);
    }
    out
}

fn deglue_word(word: &str, out: &mut String) {
    // Most words have no inner capital or bracket: copy them as they are.
    let suspicious = word.chars().skip(1).any(|c| c.is_uppercase() || c == '(' || c == ')');
    if !suspicious {
        out.push_str(word);
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i >= 2 {
            let (a, b) = (chars[i - 2], chars[i - 1]);
            let case_break = a.is_lowercase() && b.is_lowercase() && c.is_uppercase();
            let bracket_break = c == '(' && b.is_alphabetic();
            let after_bracket = b == ')' && c.is_alphabetic();
            if case_break || bracket_break || after_bracket {
                out.push(' ');
            }
        } else if i == 1 && c == '(' && chars[0].is_alphabetic() {
            out.push(' ');
        }
        out.push(c);
    }
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
    }
}
