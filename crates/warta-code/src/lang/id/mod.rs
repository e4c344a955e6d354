//! The Indonesian pack: its analysis of a text (sentences, tokens, the
//! morphology of meN-, di-, ber- and -kan forms) and its acts (cues found
//! by their roots and forms, actors and recipients from Indonesian voice,
//! phrases, prepositions and reported speech, contents of appeals and
//! threats folded away). Its data is `lexicon/id/`.

use warta_analyse::TokenKind;

use crate::budget::Budget;
use crate::compiled::Coder;
use crate::document::Analysed;
use crate::entities::References;
use crate::events::{Candidate, SentenceMentions};
use crate::lang::{LanguagePack, Referring};
use crate::phrases::Class;

/// Indonesian (`id`).
pub(crate) struct Indonesian;

impl LanguagePack for Indonesian {
    fn code(&self) -> &'static str {
        "id"
    }

    /// Malay is read with Indonesian grammar and words, as close as they are.
    fn reads(&self, language: &str) -> bool {
        matches!(language, "id" | "ms")
    }

    fn analyse(&self, coder: &Coder, text: String) -> Analysed {
        coder.analyse(text)
    }

    fn acts(
        &self,
        coder: &Coder,
        analysed: &Analysed,
        headline: bool,
        date: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<Candidate>, &'static str> {
        let mut refs = References::default();
        let mut mentions: Vec<SentenceMentions> = Vec::with_capacity(analysed.sentences.len());
        for s in &analysed.sentences {
            if let Some(reason) = budget.exhausted() {
                return Err(reason);
            }
            let found = coder.mentions(analysed, s.first, s.end, date, &mut refs);
            mentions.push(SentenceMentions::new(analysed, found, &coder.sets));
        }
        let speakers = coder.speakers(analysed, &mentions, &refs);
        let mut candidates: Vec<Candidate> = Vec::new();
        for (index, s) in analysed.sentences.iter().enumerate() {
            if let Some(reason) = budget.exhausted() {
                return Err(reason);
            }
            let matches = coder.find_cues(analysed, s.first, s.end, headline && index == 0);
            if matches.is_empty() {
                continue;
            }
            // A headline's cue words are its verbs, bare as they are.
            let verbs: Vec<usize> = if headline && index == 0 {
                matches.iter().map(|m| m.start).collect()
            } else {
                Vec::new()
            };
            let phrases = coder.phrases(analysed, s.first, s.end, &mentions[index], &verbs);
            let embedded = embedded_acts(coder, analysed, &matches);
            let mut sentence: Vec<(usize, Candidate)> = Vec::new();
            for (k, m) in matches.iter().enumerate() {
                // A cue's object may itself be a cue ("mengirimkan bantuan
                // kemanusiaan ke Palestina"): the recipient lies past it.
                let object_cue = |n: &crate::cues::CueMatch| {
                    !coder.cues[m.cue].object.is_empty() && n.start <= m.end + 2
                };
                // "mengkritik latihan militer Jepang": a cue that opens the
                // object phrase is the object; its possessor may be whom.
                let object = phrases.object_after(m.end, s.end);
                let opens_object = |n: &crate::cues::CueMatch| {
                    object.is_some_and(|p| p.start.max(m.end) == n.start)
                };
                let limit = match (matches.get(k + 1), matches.get(k + 2)) {
                    (Some(n), after) if object_cue(n) => after.map_or(s.end, |a| a.start),
                    (Some(n), after) if opens_object(n) => {
                        let end = object.map_or(s.end, |p| p.end);
                        after.map_or(end, |a| a.start.min(end))
                    }
                    (Some(n), _) => n.start,
                    (None, _) => s.end,
                };
                let found = coder
                    .candidate(
                        analysed,
                        index,
                        m,
                        limit,
                        &mentions[index],
                        &phrases,
                        &speakers[index],
                    )
                    .map(crate::events::split_meetings)
                    .unwrap_or_default()
                    .into_iter()
                    .collect::<Vec<_>>();
                sentence.extend(found.into_iter().map(|c| (k, c)));
            }
            let (aims, sentence): (Vec<_>, Vec<_>) =
                sentence.into_iter().partition(|(_, c)| c.aim_only);
            let mut sentence =
                crate::events::fold_embedded(analysed, &coder.sets, sentence, &embedded);
            crate::events::reactions_target_the_act(&coder.lexicon, &mut sentence);
            crate::events::provoked_reactions(analysed, &coder.sets, &coder.lexicon, &mut sentence);
            let alleged = crate::events::allegations(analysed, &coder.sets, &sentence);
            candidates.extend(sentence);
            candidates.extend(alleged);
            candidates.extend(aims.into_iter().map(|(_, c)| c));
        }
        Ok(candidates)
    }

    /// "gencatan senjata AS dan yang ditengahi Rusia": past the adverbs
    /// before the verb, "yang"; before it the noun phrase (names and
    /// coordinators within it), whose first common noun is the head.
    fn described_noun(&self, coder: &Coder, doc: &Analysed, k: usize, at: usize) -> Option<usize> {
        let first = doc.sentences[k].first;
        let mut i = at;
        while i > first && coder.sets.relative_adverbs.contains(doc.lower(i - 1)) {
            i -= 1;
        }
        if i <= first || !coder.sets.relativizers.contains(doc.lower(i - 1)) {
            return None;
        }
        let relativizer = i - 1;
        let start = phrase_start(doc, first, relativizer, true);
        head_noun(coder, doc, first, start, relativizer)
    }

    /// "Para tentara tersebut", "konferensi itu": the demonstrative closes
    /// the noun phrase; its head is the phrase's first word past any
    /// determiner. Before a name or a verb, the demonstrative closes a
    /// relative clause ("kesepakatan yang ditandatangani Obama itu"): the
    /// phrase is the noun before "yang".
    fn referring_phrases(&self, coder: &Coder, doc: &Analysed, k: usize) -> Vec<Referring> {
        let s = doc.sentences[k];
        (s.first + 1..s.end)
            .filter(|&i| coder.sets.demonstratives.contains(doc.lower(i)))
            .filter_map(|i| {
                let start = phrase_start(doc, s.first, i, false);
                let (start, head) = match head_noun(coder, doc, s.first, start, i) {
                    Some(head) => (start, head),
                    // "kesepakatan yang ditandatangani oleh Barack Obama itu"
                    None => {
                        let relativizer = (s.first + 1..start)
                            .rev()
                            .take_while(|&j| doc.kind(j) != TokenKind::Punct)
                            .find(|&j| coder.sets.relativizers.contains(doc.lower(j)))?;
                        let start = phrase_start(doc, s.first, relativizer, false);
                        (start, head_noun(coder, doc, s.first, start, relativizer)?)
                    }
                };
                Some(Referring {
                    head,
                    start,
                    end: i + 1,
                })
            })
            .collect()
    }
}

/// Where the noun phrase that ends before token `end` begins: back over
/// nominal words, and over coordinators when `coordinated` ("gencatan
/// senjata AS dan ...").
fn phrase_start(doc: &Analysed, first: usize, end: usize, coordinated: bool) -> usize {
    let mut start = end;
    while start > first
        && doc.kind(start - 1) == TokenKind::Word
        && match doc.class(start - 1) {
            Class::Nominal => true,
            Class::Coordinator => coordinated,
            _ => false,
        }
    {
        start -= 1;
    }
    start
}

/// The first common noun of tokens `from..to`, past determiners ("para").
/// A name is not pointed back to by a noun ("Gatot tersebut"); an acronym
/// may be ("KTT tersebut"), and so may a sentence's first word.
fn head_noun(coder: &Coder, doc: &Analysed, first: usize, from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&i| {
        let text = doc.text_of(i);
        doc.kind(i) == TokenKind::Word
            && doc.class(i) == Class::Nominal
            && !coder.sets.determiners.contains(doc.lower(i))
            && (i == first
                || !text.starts_with(char::is_uppercase)
                || !text.chars().any(char::is_lowercase))
    })
}

/// How far into a content clause ("agar Indonesia membantu Filipina
/// memerangi") an act may lie and still be that content.
const CONTENT_REACH: usize = 8;

/// Acts that are only the content of an appeal, refusal, threat or
/// promise ("menolak mengekstradisi", "mengancam menyerang", "mendesak
/// Israel menghentikan"): they have not happened, and are not coded.
fn embedded_acts(coder: &Coder, doc: &Analysed, matches: &[crate::cues::CueMatch]) -> Vec<bool> {
    let mut embedded = vec![false; matches.len()];
    for k in 0..matches.len().saturating_sub(1) {
        // "menolak desakan untuk mundur": the content of an embedded
        // appeal is not an act either.
        let governing = embedded[k]
            || matches!(
                coder.pack.cues[matches[k].cue].event_type.as_str(),
                "REQUEST" | "REJECT" | "THREATEN" | "AGREE"
            );
        let (here, next) = (&matches[k], &matches[k + 1]);
        let between = here.end..next.start;
        // "memberikan lampu hijau agar Malaysia membantu Thailand
        // menjaga perbatasan": a content opener right after the act opens
        // its content clause, subject and all.
        let opened = (here.end..(here.end + 2).min(next.start))
            .any(|i| coder.sets.content_openers.contains(doc.lower(i)));
        let reach = if opened { CONTENT_REACH } else { 3 };
        let close = next.start <= here.end + reach
            && between.clone().all(|i| {
                let w = doc.lower(i);
                doc.kind(i) == TokenKind::Word
                    && (!coder.sets.clause_breakers.contains(w)
                        || matches!(w, "untuk" | "agar" | "supaya"))
                    && !coder.sets.speech_verbs.contains(w)
            });
        // "mengancam akan meluncurkan serangan nuklir ke Seoul, dan
        // menghancurkan ibu kota": a verb coordinated with the verb
        // inside a threat or appeal is part of its content too. Not one
        // coordinated with the threat itself ("mengancam Israel dan
        // meluncurkan rudal").
        let inner_verb = (here.start + 1..here.end).any(|i| doc.active_verb(i));
        let coordinated = inner_verb
            && next.start > here.end
            && next.start <= here.end + 12
            && coder.sets.coordinators.contains(doc.lower(next.start - 1))
            && between.clone().all(|i| {
                let w = doc.lower(i);
                (doc.kind(i) == TokenKind::Word || doc.text_of(i) == ",")
                    && !coder.sets.clause_breakers.contains(w)
                    && !coder.sets.speech_verbs.contains(w)
                    && !(doc.verbal(i) && i + 1 < next.start)
            });
        // Within a content, a coordinated act goes on with the content
        // ("mendesak Israel menghentikan serangan dan membuka akses").
        let own_act = !embedded[k]
            && !inner_verb
            && next.start > here.end
            && coder.sets.coordinators.contains(doc.lower(next.start - 1));
        embedded[k + 1] = governing && (close && !own_act || coordinated);
    }
    embedded
}
