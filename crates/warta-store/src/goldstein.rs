//! The Goldstein scale of each CAMEO code, from `data/cameo-goldstein.tsv`
//! (the GDELT 2.0 values), for the GDELT-style export.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/cameo-goldstein.tsv");

fn table() -> &'static HashMap<&'static str, f64> {
    static PARSED: OnceLock<HashMap<&'static str, f64>> = OnceLock::new();
    PARSED.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("cameo\t"))
            .filter_map(|line| {
                let (code, value) = line.split_once('\t')?;
                Some((code.trim(), value.trim().parse().ok()?))
            })
            .collect()
    })
}

/// The Goldstein score of a CAMEO code; a code the table lacks (a finer
/// Warta code such as "0256") takes the value of its nearest parent.
pub fn goldstein(cameo: &str) -> Option<f64> {
    let table = table();
    let mut code = cameo.trim();
    while code.len() >= 2 {
        if let Some(value) = table.get(code) {
            return Some(*value);
        }
        code = code.get(..code.len() - 1)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_parses() {
        let lines = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("cameo\t"))
            .count();
        assert_eq!(table().len(), lines);
        assert!(lines > 250, "{lines}");
    }

    #[test]
    fn known_codes_and_parents() {
        assert_eq!(goldstein("041"), Some(1.0));
        assert_eq!(goldstein("195"), Some(-10.0));
        assert_eq!(goldstein("0256"), Some(-0.3), "falls back to 025");
        assert_eq!(goldstein("999"), None);
        assert_eq!(goldstein(""), None);
        assert_eq!(goldstein("é"), None);
    }
}
