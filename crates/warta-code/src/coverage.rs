//! Lexicon coverage on real text: the capitalised multi-word names of a
//! document (runs of two or more capitalised words inside a sentence) and
//! whether the entity recogniser resolves them. Used by `warta lexicon
//! coverage` and its tests to find the names the lexicon still lacks.

use rustc_hash::FxHashMap as HashMap;

use warta_analyse::TokenKind;

use crate::compiled::Coder;
use crate::document::Analysed;
use crate::entities::References;

/// Names found and resolved, and the unresolved ones with their counts.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub names: usize,
    pub resolved: usize,
    pub unresolved: HashMap<String, usize>,
}

impl Coverage {
    pub fn share(&self) -> f64 {
        if self.names == 0 {
            0.0
        } else {
            self.resolved as f64 / self.names as f64
        }
    }

    pub fn add(&mut self, other: Coverage) {
        self.names += other.names;
        self.resolved += other.resolved;
        for (name, n) in other.unresolved {
            *self.unresolved.entry(name).or_default() += n;
        }
    }

    /// The most frequent unresolved names, most frequent first.
    pub fn worklist(&self, limit: usize) -> Vec<(String, usize)> {
        let mut list: Vec<(String, usize)> = self
            .unresolved
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(limit);
        list
    }
}

impl Coder {
    /// The capitalised multi-word names of `text` and how many resolve.
    pub fn name_coverage(&self, text: &str, date: &str) -> Coverage {
        let analysed = self.analyse(text.to_string());
        let mut refs = References::default();
        let mut coverage = Coverage::default();
        for s in &analysed.sentences {
            let mentions = self.mentions(&analysed, s.first, s.end, Some(date), &mut refs);
            let covered = |i: usize| mentions.iter().any(|m| m.start <= i && i < m.end);
            // Months and weekdays are capitalised without being names.
            let is_capitalised = |i: usize| {
                let text = analysed.text_of(i);
                is_capitalised_word(&analysed, i)
                    && self.calendar.month(text).is_none()
                    && self.calendar.weekday(text).is_none()
            };
            // Skip the sentence's first word: it is capitalised anyway.
            let mut i = s.first + 1;
            while i < s.end {
                if !is_capitalised(i) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < s.end && is_capitalised(i) {
                    i += 1;
                }
                if i - start < 2 {
                    continue;
                }
                coverage.names += 1;
                if (start..i).any(covered) {
                    coverage.resolved += 1;
                } else {
                    *coverage
                        .unresolved
                        .entry(analysed.span_text(start, i).to_string())
                        .or_default() += 1;
                }
            }
        }
        coverage
    }
}

fn is_capitalised_word(doc: &Analysed, i: usize) -> bool {
    doc.kind(i) == TokenKind::Word
        && doc
            .text_of(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}
