//! The phrase layer: a shallow structure over one sentence that the role
//! rules read instead of counting words. Each token gets a word class from
//! the closed lists in `words.toml` and its morphology; runs of nominal
//! material become noun phrases ("sedikitnya 30 warga sipil Suriah",
//! "fasilitas pengayaan uranium Iran", "konflik India-Pakistan") with the
//! preposition that governs them and the actor groups inside them; and
//! attributions ("seperti dilansir AFP") are marked so that a source is
//! never taken for a party.

use warta_analyse::{TokenKind, Voice};

use crate::compiled::Coder;
use crate::document::Analysed;
use crate::events::SentenceMentions;

/// What a token is to the chunker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Nominal material: nouns, adjectives, numbers, names, "-nya" forms.
    Nominal,
    /// A demonstrative ("itu", "tersebut"): closes the phrase it ends.
    Demonstrative,
    /// A preposition: opens a prepositional phrase.
    Preposition,
    /// "dan", "serta", "atau".
    Coordinator,
    /// A verb with a verbal prefix (meN-, ber-, di-, ter-).
    Verb,
    /// An auxiliary or adverb before a verb ("telah", "akan", "tidak").
    Auxiliary,
    /// A word that opens a clause ("yang", "bahwa", "karena", "untuk").
    Clause,
    Punctuation,
}

/// A noun phrase: a run of nominal tokens. Its head is its first word
/// ("fasilitas" in "fasilitas pengayaan uranium Iran"): Indonesian puts
/// modifiers and possessors after the head.
#[derive(Debug, Clone)]
pub(crate) struct NounPhrase {
    pub start: usize,
    pub end: usize,
    /// The preposition right before the phrase, if any (token index).
    pub preposition: Option<usize>,
    /// Indexes into the sentence's mention groups whose first mention
    /// starts inside the phrase, in text order.
    pub groups: Vec<usize>,
}

/// The phrase structure of one sentence.
pub(crate) struct Phrases {
    first: usize,
    classes: Vec<Class>,
    pub phrases: Vec<NounPhrase>,
    /// Per token: the index of the phrase that holds it, or `NONE`.
    phrase_of: Vec<u32>,
    /// Per token: inside an attribution ("seperti dilansir AFP").
    attributed: Vec<bool>,
}

const NONE: u32 = u32::MAX;

impl Phrases {
    pub fn class(&self, i: usize) -> Class {
        self.classes
            .get(i.wrapping_sub(self.first))
            .copied()
            .unwrap_or(Class::Punctuation)
    }

    /// The noun phrase that holds token `i`.
    pub fn phrase_at(&self, i: usize) -> Option<&NounPhrase> {
        let k = *self.phrase_of.get(i.wrapping_sub(self.first))?;
        (k != NONE).then(|| &self.phrases[k as usize])
    }

    /// Whether token `i` lies in an attribution to a source.
    pub fn attributed(&self, i: usize) -> bool {
        self.attributed
            .get(i.wrapping_sub(self.first))
            .copied()
            .unwrap_or(false)
    }

    /// The first token of the auxiliaries and adverbs right before `at`
    /// ("telah", "akan", "juga"), or `at` itself: where a verb's own
    /// clause words would stand.
    pub fn before_auxiliaries(&self, at: usize, first: usize) -> usize {
        let mut i = at;
        while i > first && self.class(i - 1) == Class::Auxiliary {
            i -= 1;
        }
        i
    }

    /// The object of a verb or noun ending at `end`: the noun phrase at
    /// that token, after adverbs and intensifiers ("mengecam keras
    /// serangan Rusia"), and not behind a preposition.
    pub fn object_after(&self, end: usize, limit: usize) -> Option<&NounPhrase> {
        let mut i = end;
        while i < limit && self.class(i) == Class::Auxiliary {
            i += 1;
        }
        // A pattern may end inside the phrase ("membekukan aset | sejumlah
        // bank Rusia"): the rest of it is still the object.
        let phrase = self.phrase_at(i)?;
        phrase.preposition.is_none().then_some(phrase)
    }

    /// Rule `complement-object`: the object of a verb whose complement is
    /// another verb is that verb's object ("bersumpah akan mengalahkan
    /// militan ISIS", "mengancam menyerang Israel").
    pub fn complement_object(&self, end: usize, limit: usize) -> Option<&NounPhrase> {
        let mut i = end;
        while i < limit && self.class(i) == Class::Auxiliary {
            i += 1;
        }
        (i + 1 < limit && self.class(i) == Class::Verb)
            .then(|| self.object_after(i + 1, limit))
            .flatten()
    }
}

impl Coder {
    /// The class of a word form, decided once per form (the word cache
    /// keeps it); names override it per token.
    pub(crate) fn word_class(
        &self,
        kind: TokenKind,
        surface: &str,
        lower: &str,
        voice: Voice,
        verbal: bool,
    ) -> Class {
        let sets = &self.sets;
        match kind {
            TokenKind::Number => Class::Nominal,
            TokenKind::Quote => Class::Punctuation,
            // "India-Pakistan": a hyphen between two words joins them.
            TokenKind::Punct if surface == "-" => Class::Nominal,
            TokenKind::Punct => Class::Punctuation,
            TokenKind::Word if sets.demonstratives.contains(lower) => Class::Demonstrative,
            TokenKind::Word if sets.phrase_prepositions.contains(lower) => Class::Preposition,
            TokenKind::Word if sets.phrase_coordinators.contains(lower) => Class::Coordinator,
            TokenKind::Word
                if sets.clause_breakers.contains(lower) || sets.speech_verbs.contains(lower) =>
            {
                Class::Clause
            }
            TokenKind::Word
                if sets.negators.contains(lower)
                    || sets.future.contains(lower)
                    || sets.relative_adverbs.contains(lower)
                    || sets.auxiliaries.contains(lower) =>
            {
                Class::Auxiliary
            }
            TokenKind::Word if verbal && voice != Voice::Nominal => Class::Verb,
            TokenKind::Word => Class::Nominal,
        }
    }

    /// The phrase structure of the sentence `from..to`. `verbs` are tokens
    /// known to be verbs whatever their form (a headline's bare roots).
    pub(crate) fn phrases(
        &self,
        doc: &Analysed,
        from: usize,
        to: usize,
        mentions: &SentenceMentions,
        verbs: &[usize],
    ) -> Phrases {
        let len = to - from;
        let mut in_mention = vec![false; len];
        for m in mentions.iter() {
            for i in m.start.max(from)..m.end.min(to) {
                in_mention[i - from] = true;
            }
        }
        let classes: Vec<Class> = (from..to)
            .map(|i| {
                if in_mention[i - from] {
                    Class::Nominal
                } else if verbs.contains(&i) {
                    Class::Verb
                } else if i + 1 < to
                    && doc.kind(i + 1) == TokenKind::Number
                    && self.sets.approximators.contains(doc.lower(i))
                {
                    // "sekitar 1 juta warga": "about", inside the phrase.
                    Class::Nominal
                } else {
                    doc.class(i)
                }
            })
            .collect();
        let mut phrases: Vec<NounPhrase> = Vec::new();
        let mut phrase_of = vec![NONE; len];
        let mut next_group = 0;
        let mut i = 0;
        while i < len {
            if classes[i] != Class::Nominal {
                i += 1;
                continue;
            }
            let start = i;
            while i < len && classes[i] == Class::Nominal {
                i += 1;
            }
            // "serangan itu": the demonstrative ends the phrase it closes.
            if i < len && classes[i] == Class::Demonstrative {
                i += 1;
            }
            // A hyphen is nominal only between words.
            let mut end = i;
            while end > start && doc.text_of(from + end - 1) == "-" && !in_mention[end - 1] {
                end -= 1;
            }
            let mut s = start;
            while s < end && doc.text_of(from + s) == "-" && !in_mention[s] {
                s += 1;
            }
            if s == end {
                continue;
            }
            let preposition = (s > 0 && classes[s - 1] == Class::Preposition).then(|| from + s - 1);
            let k = phrases.len() as u32;
            phrase_of[s..end].iter_mut().for_each(|p| *p = k);
            // Groups come in text order: those of this phrase follow the
            // previous phrase's.
            while next_group < mentions.groups.len()
                && mentions[mentions.groups[next_group][0]].start < from + s
            {
                next_group += 1;
            }
            let mut groups = Vec::new();
            while next_group < mentions.groups.len()
                && mentions[mentions.groups[next_group][0]].start < from + end
            {
                groups.push(next_group);
                next_group += 1;
            }
            phrases.push(NounPhrase {
                start: from + s,
                end: from + end,
                preposition,
                groups,
            });
        }
        let mut attributed = vec![false; len];
        for k in 0..len {
            if !doc.attribution(from + k) {
                continue;
            }
            // The source runs to the end of the phrase after the verb
            // ("dilansir kantor berita Reuters", "mengutip AFP").
            let mut j = k + 1;
            while j < len && matches!(classes[j], Class::Preposition | Class::Auxiliary) {
                j += 1;
            }
            let end = match phrase_of.get(j) {
                Some(&p) if p != NONE => phrases[p as usize].end - from,
                _ => j,
            };
            attributed[k..end].iter_mut().for_each(|a| *a = true);
        }
        Phrases {
            first: from,
            classes,
            phrases,
            phrase_of,
            attributed,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compiled::Coder;
    use crate::entities::References;
    use crate::events::SentenceMentions;

    /// The noun phrases of a one-sentence text, as text, with their groups.
    fn chunks(text: &str) -> Vec<String> {
        let coder = Coder::embedded().expect("lexicon");
        let doc = coder.analyse(text.to_string());
        let s = doc.sentences[0];
        let mut refs = References::default();
        let found = coder.mentions(&doc, s.first, s.end, Some("2024-05-10"), &mut refs);
        let mentions = SentenceMentions::new(&doc, found, &coder.sets);
        let phrases = coder.phrases(&doc, s.first, s.end, &mentions, &[]);
        phrases
            .phrases
            .iter()
            .map(|p| {
                let prep = p.preposition.map(|i| format!("{} ", doc.text_of(i)));
                format!(
                    "{}[{}]{}",
                    prep.unwrap_or_default(),
                    doc.span_text(p.start, p.end),
                    "*".repeat(p.groups.len())
                )
            })
            .collect()
    }

    #[test]
    fn noun_phrases_hold_their_possessors() {
        assert_eq!(
            chunks("Jerman membekukan aset sejumlah bank Rusia."),
            ["[Jerman]*", "[aset sejumlah bank Rusia]*"]
        );
        assert_eq!(
            chunks("Serangan itu menewaskan sedikitnya 30 warga sipil Suriah di Idlib."),
            [
                "[Serangan itu]",
                "[sedikitnya 30 warga sipil Suriah]*",
                "di [Idlib]*"
            ]
        );
        assert_eq!(
            chunks("PBB menyerukan gencatan senjata dalam konflik India-Pakistan."),
            [
                "[PBB]*",
                "[gencatan senjata]",
                "dalam [konflik India-Pakistan]*"
            ]
        );
    }

    #[test]
    fn attributions_are_marked() {
        let coder = Coder::embedded().expect("lexicon");
        let text = "Israel menyerang Lebanon, seperti dilansir kantor berita AFP.";
        let doc = coder.analyse(text.to_string());
        let s = doc.sentences[0];
        let mut refs = References::default();
        let found = coder.mentions(&doc, s.first, s.end, None, &mut refs);
        let mentions = SentenceMentions::new(&doc, found, &coder.sets);
        let phrases = coder.phrases(&doc, s.first, s.end, &mentions, &[]);
        let marked: Vec<&str> = (s.first..s.end)
            .filter(|&i| phrases.attributed(i))
            .map(|i| doc.text_of(i))
            .collect();
        assert_eq!(marked, ["dilansir", "kantor", "berita", "AFP"]);
    }
}
