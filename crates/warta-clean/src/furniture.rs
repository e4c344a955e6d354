//! Page furniture: the lines of a scraped page that are not the report.

use crate::CleanRules;

/// Whether a whole line is furniture: a listed line or prefix, a photo
/// caption credit, or a line with no letters.
pub fn is_furniture(line: &str, rules: &CleanRules, limits: Limits) -> bool {
    // Furniture is short; a paragraph of prose is never furniture.
    if line.len() > 300 {
        return false;
    }
    // Only as much of the line is lower-cased as a listed line or prefix
    // could match: most lines are prose, longer than any of them.
    let whole = line.len() <= limits.line_chars
        || line.len() <= 4 * limits.line_chars && line.chars().count() <= limits.line_chars;
    let head = if whole {
        line
    } else {
        line.char_indices()
            .nth(limits.prefix_chars)
            .map_or(line, |(end, _)| &line[..end])
    };
    let lower = head.to_lowercase();
    if whole && rules.furniture_lines.contains(lower.as_str()) {
        return true;
    }
    if rules
        .furniture_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
    {
        return true;
    }
    if !line.chars().any(char::is_alphabetic) {
        return true;
    }
    is_caption(line)
}

/// The longest listed furniture line and prefix, in characters.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    line_chars: usize,
    prefix_chars: usize,
}

impl Limits {
    pub(crate) fn of(rules: &CleanRules) -> Limits {
        let chars = |s: &String| s.chars().count();
        Limits {
            line_chars: rules.furniture_lines.iter().map(chars).max().unwrap_or(0),
            prefix_chars: rules
                .furniture_prefixes
                .iter()
                .map(chars)
                .max()
                .unwrap_or(0),
        }
    }
}

/// A photo caption ends with a credit in brackets that names a source with a
/// slash: "Dmitry Peskov. (Wikimedia Commons/Пресс-служба)", "(X/Foto)".
/// A date in brackets, "(16/4/2024)", is not a credit.
fn is_caption(line: &str) -> bool {
    let Some(open) = line.rfind('(') else {
        return false;
    };
    let credit = &line[open..];
    credit.ends_with(')')
        && credit.contains('/')
        && credit.chars().any(char::is_alphabetic)
        && line.len() - credit.len() < 200
}

/// A line of running prose: long enough and ending like a sentence.
pub fn is_body_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words >= 8 && line.ends_with(['.', '"', '”', ')', '!', '?', '’'])
}

/// A headline: several words, no sentence-final full stop, mostly
/// capitalised words.
pub fn looks_like_headline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 4 || words.len() > 25 || line.ends_with('.') {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    capitalised * 2 >= words.len()
}

/// Removes trailing lines after the report that are short and not prose
/// (section names, outlet sign-offs like "(hanoum/arrahmah.id)" stay if
/// they end a sentence line).
pub fn drop_trailing_junk(lines: &mut Vec<&str>, removed: &mut Vec<String>) {
    while let Some(last) = lines.last() {
        let words = last.split_whitespace().count();
        if words <= 3 && !last.ends_with(['.', '"', '”']) {
            removed.push(last.to_string());
            lines.pop();
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_are_furniture_dates_are_not() {
        assert!(is_caption(
            "Dmitry Peskov. (Wikimedia Commons/Пресс-служба Президента России)"
        ));
        assert!(is_caption(
            "Vladimir Putin Rela Hubungi PM Israel. (X/Foto)"
        ));
        assert!(!is_caption("Putin menelepon Raisi pada Selasa (16/4/2024)"));
        assert!(!is_caption("Korps Garda Revolusi Iran (IRGC)"));
    }

    #[test]
    fn headlines() {
        assert!(looks_like_headline(
            "Vladimir Putin Telepon Presiden Iran, Ini Isi Obrolannya"
        ));
        assert!(!looks_like_headline("Menu"));
        assert!(!looks_like_headline(
            "Rusia mengirim bantuan ke Iran pada hari Selasa kemarin."
        ));
    }
}
