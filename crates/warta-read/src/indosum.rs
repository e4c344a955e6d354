//! IndoSum rows carry tokenised text (`paragraphs`: paragraphs of sentences of
//! tokens) instead of `text`. The coder wants natural text, with offsets that
//! match what a reader would see, so the tokens are glued back together.

/// Tokens that attach to the token before them.
fn closes(token: &str) -> bool {
    token.chars().all(|c| {
        matches!(
            c,
            ',' | '.' | '!' | '?' | ':' | ';' | ')' | ']' | '}' | '%' | '”' | '’'
        )
    })
}

/// Tokens that attach to the token after them.
fn opens(token: &str) -> bool {
    matches!(token, "(" | "[" | "{" | "“" | "‘")
}

fn ends_with_digit(token: &str) -> bool {
    token.chars().last().is_some_and(|c| c.is_ascii_digit())
}

fn starts_with_digit(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Joins IndoSum token lists (sentences of tokens) into natural text.
///
/// Tokens are separated by single spaces, except: no space before closing
/// punctuation (`, . ! ? : ; ) ] }`, `%`), none after `( [ {`; straight
/// double quotes alternate between opening (attached to the next token) and
/// closing (attached to the previous one); `/` between digits joins them
/// (`27 / 3` gives `27/3`); a lone `-` between two identical words joins them
/// (`bentrokan - bentrokan` gives `bentrokan-bentrokan`). Curly quotes attach
/// the way their shape says. Whitespace-only tokens are dropped.
pub fn detokenize(sentences: &[Vec<String>]) -> String {
    let tokens: Vec<&str> = sentences
        .iter()
        .flatten()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let mut out = String::new();
    let mut quote_open = false;
    // Whether the previous token asked to be glued to this one.
    let mut glue_next = false;
    for (i, &token) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| tokens[j]);
        let next = tokens.get(i + 1).copied();
        let joins_neighbours = match (prev, next) {
            (Some(p), Some(n)) if token == "/" => ends_with_digit(p) && starts_with_digit(n),
            (Some(p), Some(n)) if token == "-" => p.to_lowercase() == n.to_lowercase(),
            _ => false,
        };
        let attach_left = joins_neighbours || closes(token) || (token == "\"" && quote_open);
        if !out.is_empty() && !attach_left && !glue_next {
            out.push(' ');
        }
        out.push_str(token);
        glue_next = joins_neighbours || opens(token) || (token == "\"" && !quote_open);
        if token == "\"" {
            quote_open = !quote_open;
        }
    }
    out
}

/// The text of an IndoSum row: one paragraph per element, separated by a
/// blank line. Empty paragraphs are dropped.
pub(crate) fn paragraphs_text(paragraphs: &[Vec<Vec<String>>]) -> String {
    paragraphs
        .iter()
        .map(|p| detokenize(p))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The publication date hidden in an IndoSum id (`1490674536-judul-berita`):
/// the leading unix timestamp as a UTC `YYYY-MM-DD`.
pub(crate) fn date_from_id(id: &str) -> Option<String> {
    let digits = id.split(|c: char| !c.is_ascii_digit()).next()?;
    // Nine or ten digits: 1973 to 2286. Shorter numbers are not timestamps.
    if !(9..=10).contains(&digits.len()) {
        return None;
    }
    let seconds: i64 = digits.parse().ok()?;
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// algorithm), so no date library is needed for one conversion.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Vec<String>> {
        vec![s.split(' ').map(String::from).collect()]
    }

    #[test]
    fn punctuation_attaches_left() {
        assert_eq!(
            detokenize(&toks("Polisi menangkap dua orang , kata dia .")),
            "Polisi menangkap dua orang, kata dia."
        );
        assert_eq!(detokenize(&toks("naik 5 % ?")), "naik 5%?");
        assert_eq!(detokenize(&toks("tunggu ...")), "tunggu...");
    }

    #[test]
    fn brackets() {
        assert_eq!(
            detokenize(&toks("Partai ( PDI ) dan [ catatan ]")),
            "Partai (PDI) dan [catatan]"
        );
    }

    #[test]
    fn straight_quotes_alternate() {
        assert_eq!(
            detokenize(&toks("Ia berkata \" kami siap \" , lalu pergi .")),
            "Ia berkata \"kami siap\", lalu pergi."
        );
        assert_eq!(
            detokenize(&toks("\" Satu \" dan \" dua \"")),
            "\"Satu\" dan \"dua\""
        );
    }

    #[test]
    fn curly_quotes_attach_by_shape() {
        assert_eq!(detokenize(&toks("kata “ halo ” saja")), "kata “halo” saja");
    }

    #[test]
    fn slash_between_digits() {
        assert_eq!(detokenize(&toks("Senin ( 27 / 3 )")), "Senin (27/3)");
        assert_eq!(detokenize(&toks("dan / atau")), "dan / atau");
    }

    #[test]
    fn hyphen_between_identical_words() {
        assert_eq!(
            detokenize(&toks("terjadi bentrokan - bentrokan kecil")),
            "terjadi bentrokan-bentrokan kecil"
        );
        assert_eq!(detokenize(&toks("Anak - anak")), "Anak-anak");
        assert_eq!(detokenize(&toks("Jakarta - Bandung")), "Jakarta - Bandung");
    }

    #[test]
    fn sentences_join_with_a_space_and_whitespace_tokens_vanish() {
        let sentences = vec![
            vec!["Satu".into(), ".".into()],
            vec!["\u{a0}".into(), "Dua".into(), "\r\n".into(), ".".into()],
        ];
        assert_eq!(detokenize(&sentences), "Satu. Dua.");
        assert_eq!(detokenize(&[]), "");
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line() {
        let paragraphs = vec![toks("Satu ."), vec![], toks("Dua .")];
        assert_eq!(paragraphs_text(&paragraphs), "Satu.\n\nDua.");
    }

    #[test]
    fn timestamp_ids_give_utc_dates() {
        assert_eq!(
            date_from_id("1490674536-judul-apa-saja").as_deref(),
            Some("2017-03-28")
        );
        assert_eq!(date_from_id("0").as_deref(), None);
        assert_eq!(date_from_id("abc-123").as_deref(), None);
        assert_eq!(date_from_id("951782400").as_deref(), Some("2000-02-29"));
    }
}
