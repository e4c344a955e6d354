//! Indonesian number forms: "tujuh", "42.718" (dots group thousands),
//! "1,5 juta", "42 ribu", "dua puluh", "ratusan", "lebih dari 300".

use rustc_hash::FxHashMap as HashMap;

/// Number words and multipliers, from the lexicon's `words.number_words`.
#[derive(Debug, Clone, Default)]
pub struct NumberWords {
    values: HashMap<String, (u64, bool)>,
}

impl NumberWords {
    pub fn new(entries: impl IntoIterator<Item = (String, u64, bool)>) -> Self {
        NumberWords {
            values: entries
                .into_iter()
                .map(|(w, v, m)| (w.to_lowercase(), (v, m)))
                .collect(),
        }
    }

    /// Parses a count at the start of `words` (lower-case token texts);
    /// returns the value and how many words it used.
    pub fn parse(&self, words: &[&str]) -> Option<(u64, usize)> {
        let first = *words.first()?;
        let (mut value, mut used) = if let Some(n) = parse_digits(first) {
            (n, 1)
        } else {
            match self.values.get(first) {
                Some(&(v, false)) => (v, 1),
                _ => return None,
            }
        };
        // Multipliers: "dua puluh", "42 ribu", "1,5 juta", "tiga ratus ribu".
        while let Some(&(m, true)) = words.get(used).and_then(|w| self.values.get(*w)) {
            value = if first.contains(',') && used == 1 {
                parse_decimal_times(first, m).unwrap_or(value.saturating_mul(m))
            } else {
                value.saturating_mul(m)
            };
            used += 1;
        }
        Some((value, used))
    }
}

/// "42.718" -> 42718, "300" -> 300, "1,5" -> 1 (the decimal part needs a
/// multiplier to matter).
pub fn parse_digits(text: &str) -> Option<u64> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) || text.contains(['/', ':']) {
        return None;
    }
    let integer = text.split(',').next()?;
    let groups: Vec<&str> = integer.split('.').collect();
    // Dots group thousands only in groups of three: "10.30" is a time, not 1030.
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    groups.concat().parse().ok()
}

fn parse_decimal_times(text: &str, multiplier: u64) -> Option<u64> {
    let (integer, fraction) = text.split_once(',')?;
    let integer: u64 = integer.replace('.', "").parse().ok()?;
    let scale = 10u64.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let fraction: u64 = fraction.parse().ok()?;
    Some(integer.checked_mul(multiplier)? + fraction.checked_mul(multiplier)? / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NumberWords {
        NumberWords::new(
            [
                ("tujuh", 7, false),
                ("dua", 2, false),
                ("puluh", 10, true),
                ("ribu", 1000, true),
                ("juta", 1_000_000, true),
                ("ratusan", 100, false),
            ]
            .into_iter()
            .map(|(w, v, m)| (w.to_string(), v, m)),
        )
    }

    #[test]
    fn indonesian_number_forms() {
        let w = words();
        assert_eq!(w.parse(&["tujuh", "orang"]), Some((7, 1)));
        assert_eq!(w.parse(&["42.718", "orang"]), Some((42718, 1)));
        assert_eq!(w.parse(&["42", "ribu", "warga"]), Some((42000, 2)));
        assert_eq!(w.parse(&["1,5", "juta"]), Some((1_500_000, 2)));
        assert_eq!(w.parse(&["dua", "puluh"]), Some((20, 2)));
        assert_eq!(w.parse(&["ratusan"]), Some((100, 1)));
        assert_eq!(w.parse(&["10.30"]), None);
        assert_eq!(w.parse(&["orang"]), None);
    }
}
