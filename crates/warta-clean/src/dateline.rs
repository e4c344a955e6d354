//! Datelines: the place and outlet that open a report.
//! "JAKARTA -", "MOSKOW (Arrahmah.id) —", "REPUBLIKA.CO.ID, TEHERAN --",
//! "RIAU24.COM -", "Jabaran.id –".

/// The dateline of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dateline {
    /// The place, as printed ("TEHERAN").
    pub place: Option<String>,
    /// The outlet, as printed ("Arrahmah.id", "REPUBLIKA.CO.ID").
    pub outlet: Option<String>,
}

const DASHES: &[&str] = &[" -- ", " — ", " – ", " - ", " —", " –", " -", "—", "–"];

/// Splits a dateline off the start of a paragraph: returns it and the rest.
pub fn split_dateline(line: &str) -> Option<(Dateline, &str)> {
    // The dateline ends at the first dash within the first 60 bytes.
    let mut window = line.len().min(64);
    while !line.is_char_boundary(window) {
        window -= 1;
    }
    let near = &line[..window];
    // Every dash is '-' or starts with byte 0xE2 ("—", "–"): without one,
    // no pattern search is needed.
    if !near.bytes().any(|b| b == b'-' || b == 0xe2) {
        return None;
    }
    let (head, rest) = DASHES
        .iter()
        .filter_map(|d| near.find(d).map(|i| (i, d.len())))
        .filter(|(i, _)| *i > 0 && *i <= 60)
        .min_by_key(|(i, len)| (*i, usize::MAX - len))
        .map(|(i, len)| (&line[..i], &line[i + len..]))?;
    let rest = rest.trim_start_matches(['-', '—', '–', ' ']);
    if rest.is_empty() {
        return None;
    }
    let head = head.trim();
    let dateline = parse_head(head)?;
    Some((dateline, rest))
}

fn parse_head(head: &str) -> Option<Dateline> {
    // "MOSKOW (Arrahmah.id)"
    if let Some(open) = head.find('(') {
        let place = head[..open].trim();
        let outlet = head[open + 1..].trim_end_matches(')').trim();
        if is_place(place) && !outlet.is_empty() {
            return Some(Dateline {
                place: Some(place.to_string()),
                outlet: Some(outlet.to_string()),
            });
        }
        return None;
    }
    // "REPUBLIKA.CO.ID, TEHERAN", and "Jakarta, CNN Indonesia"
    if let Some((first, second)) = head.split_once(',') {
        let (first, second) = (first.trim(), second.trim());
        if is_outlet(first) && is_place(second) {
            return Some(Dateline {
                place: Some(second.to_string()),
                outlet: Some(first.to_string()),
            });
        }
        if is_title_case(first, 3) && is_title_case(second, 3) {
            return Some(Dateline {
                place: Some(first.to_string()),
                outlet: Some(second.to_string()),
            });
        }
        return None;
    }
    if is_outlet(head) {
        return Some(Dateline {
            place: None,
            outlet: Some(head.to_string()),
        });
    }
    if is_place(head) {
        return Some(Dateline {
            place: Some(head.to_string()),
            outlet: None,
        });
    }
    None
}

/// An upper-case place name of one to four words ("JAKARTA", "KUALA LUMPUR").
fn is_place(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=4).contains(&words)
        && text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '\'')
}

/// One to `max` words, each capitalised ("Jakarta", "CNN Indonesia").
fn is_title_case(text: &str, max: usize) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= max
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A web outlet name: one word with a domain ("Jabaran.id", "RIAU24.COM").
fn is_outlet(text: &str) -> bool {
    let lower = text.to_lowercase();
    !text.contains(' ')
        && [".id", ".com", ".co", ".net", ".org", ".news", ".tv"]
            .iter()
            .any(|d| lower.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Option<(Option<String>, Option<String>, &str)> {
        split_dateline(line).map(|(d, rest)| (d.place, d.outlet, rest))
    }

    #[test]
    fn dateline_shapes() {
        assert_eq!(
            split("JAKARTA - Rusia menjaga komunikasi."),
            Some((Some("JAKARTA".into()), None, "Rusia menjaga komunikasi."))
        );
        assert_eq!(
            split("MOSKOW (Arrahmah.id) — Presiden Rusia berkata."),
            Some((
                Some("MOSKOW".into()),
                Some("Arrahmah.id".into()),
                "Presiden Rusia berkata."
            ))
        );
        assert_eq!(
            split("REPUBLIKA.CO.ID, TEHERAN -- Iran terus menjalin kerja sama."),
            Some((
                Some("TEHERAN".into()),
                Some("REPUBLIKA.CO.ID".into()),
                "Iran terus menjalin kerja sama."
            ))
        );
        assert_eq!(
            split("RIAU24.COM -Presiden Rusia berkata."),
            Some((None, Some("RIAU24.COM".into()), "Presiden Rusia berkata."))
        );
        assert_eq!(
            split("Jabaran.id – Presiden Rusia berkata."),
            Some((None, Some("Jabaran.id".into()), "Presiden Rusia berkata."))
        );
    }

    #[test]
    fn place_then_outlet() {
        assert_eq!(
            split(
                "Jakarta, CNN Indonesia - - Presiden Joko Widodo meminta agar masyarakat tenang."
            ),
            Some((
                Some("Jakarta".into()),
                Some("CNN Indonesia".into()),
                "Presiden Joko Widodo meminta agar masyarakat tenang."
            ))
        );
    }

    #[test]
    fn ordinary_sentences_have_no_dateline() {
        assert_eq!(
            split("Perang Israel-Hamas telah berlangsung - kata dia."),
            None
        );
        assert_eq!(split("Rusia - seperti biasa - diam."), None);
    }
}
