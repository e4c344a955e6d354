//! Cue matching: the lexicon's patterns over analysed tokens.

use warta_analyse::TokenKind;

use crate::compiled::{Coder, Matcher};
use crate::document::Analysed;

/// A cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueMatch {
    pub cue: usize,
    /// Token range of the whole pattern.
    pub start: usize,
    pub end: usize,
    /// The token whose inflection carries the voice.
    pub head: usize,
}

/// How far after a cue its object may stand.
const OBJECT_WINDOW: usize = 6;

impl Coder {
    /// Cues in tokens `from..to`, longest first where they overlap, in text
    /// order. In a headline a capitalised bare root also stands for the
    /// inflected form a pattern names ("Jepang Minta Korut Hentikan ...").
    pub(crate) fn find_cues(
        &self,
        doc: &Analysed,
        from: usize,
        to: usize,
        headline: bool,
    ) -> Vec<CueMatch> {
        let mut found: Vec<CueMatch> = Vec::new();
        if headline {
            for i in from..to {
                let bare = doc.kind(i) == TokenKind::Word
                    && !doc.verbal(i)
                    && doc.text_of(i).starts_with(char::is_uppercase);
                let Some(cues) = bare
                    .then(|| self.cues_by_headline_form.get(doc.lower(i)))
                    .flatten()
                else {
                    continue;
                };
                for &cue in cues {
                    let compiled = &self.cues[cue];
                    let Some(end) = match_from(doc, &compiled.matchers, 1, i + 1, to) else {
                        continue;
                    };
                    if !compiled.object.is_empty() && !any_within(doc, &compiled.object, end, to) {
                        continue;
                    }
                    if !compiled.not_object.is_empty()
                        && any_within(doc, &compiled.not_object, end, to)
                    {
                        continue;
                    }
                    found.push(CueMatch {
                        cue,
                        start: i,
                        end,
                        head: i,
                    });
                }
            }
        }
        for i in (from..to).filter(|&i| doc.starts_cue(i)) {
            let by_root = self.cues_by_root.get(doc.root(i)).into_iter().flatten();
            let by_form = self.cues_by_form.get(doc.lower(i)).into_iter().flatten();
            for &cue in by_root.chain(by_form) {
                let compiled = &self.cues[cue];
                let Some(end) = match_from(doc, &compiled.matchers, 0, i, to) else {
                    continue;
                };
                if !compiled.object.is_empty() && !any_within(doc, &compiled.object, end, to) {
                    continue;
                }
                if !compiled.not_object.is_empty() && any_within(doc, &compiled.not_object, end, to)
                {
                    continue;
                }
                // The first word carries the voice ("percakapan telepon" is a noun phrase).
                let head = i;
                found.push(CueMatch {
                    cue,
                    start: i,
                    end,
                    head,
                });
            }
        }
        // Longest, then most constrained, then first in the file.
        found.sort_by(|a, b| {
            let len = |m: &CueMatch| m.end - m.start;
            let constrained = |m: &CueMatch| !self.cues[m.cue].object.is_empty();
            len(b)
                .cmp(&len(a))
                .then(constrained(b).cmp(&constrained(a)))
                .then(a.cue.cmp(&b.cue))
        });
        let mut chosen: Vec<CueMatch> = Vec::new();
        for m in found {
            if chosen.iter().all(|c| m.end <= c.start || m.start >= c.end) {
                chosen.push(m);
            }
        }
        chosen.sort_by_key(|m| m.start);
        chosen
    }
}

/// Matches `matchers[k..]` from token `i`; returns the end token.
fn match_from(
    doc: &Analysed,
    matchers: &[Matcher],
    k: usize,
    i: usize,
    to: usize,
) -> Option<usize> {
    let Some(matcher) = matchers.get(k) else {
        return Some(i);
    };
    match matcher {
        Matcher::Gap => (0..=3).find_map(|skip| {
            let j = i + skip;
            (j <= to)
                .then(|| match_from(doc, matchers, k + 1, j, to))
                .flatten()
        }),
        _ if i < to && token_matches(doc, matcher, i) => {
            match_from(doc, matchers, k + 1, i + 1, to)
        }
        // Between a pattern's words, adverbs and intensifiers may stand
        // ("menyambut sangat positif", "menutup sementara konsulat").
        _ if k > 0 => (1..=MAX_INTENSIFIERS).find_map(|skip| {
            let j = i + skip;
            ((i..j).all(|t| t < to && doc.intensifier(t))
                && j < to
                && token_matches(doc, matcher, j))
            .then(|| match_from(doc, matchers, k + 1, j + 1, to))
            .flatten()
        }),
        _ => None,
    }
}

/// How many intensifiers may stand between two words of a pattern.
const MAX_INTENSIFIERS: usize = 2;

fn token_matches(doc: &Analysed, matcher: &Matcher, i: usize) -> bool {
    match matcher {
        Matcher::Words { roots, forms } => {
            forms.iter().any(|f| *f == doc.lower(i)) || root_matches(doc, roots, i)
        }
        Matcher::Gap => true,
    }
}

fn root_matches(doc: &Analysed, roots: &[String], i: usize) -> bool {
    roots
        .iter()
        .any(|r| *r == doc.root(i) || *r == doc.lower(i))
        && !is_agent_noun(doc, i)
}

/// "penyerang" (attacker, or a football striker) names a doer, not an act:
/// a peN- form without -an does not match a root cue.
fn is_agent_noun(doc: &Analysed, i: usize) -> bool {
    doc.agent_noun(i)
}

fn any_within(doc: &Analysed, matchers: &[Matcher], from: usize, to: usize) -> bool {
    (from..to.min(from + OBJECT_WINDOW)).any(|i| matchers.iter().any(|m| token_matches(doc, m, i)))
}
