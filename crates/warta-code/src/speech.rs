//! Reported speech: who speaks in a sentence ("..., kata Peskov", "menurut
//! Kremlin", "Peskov mengatakan ...", "ungkapnya") and which words are
//! quoted, carried across a quotation that spans several sentences.

use warta_analyse::TokenKind;
use warta_record::Entity;

use crate::compiled::Coder;
use crate::document::Analysed;
use crate::entities::{Kind, Mention, References};

/// The speaker of a sentence and the quoted words, if any.
#[derive(Debug, Clone)]
pub(crate) struct Speaker {
    pub entity: Entity,
    /// Byte range of the quotation in the cleaned text.
    pub quote: Option<(usize, usize)>,
}

impl Coder {
    /// The speaker of each sentence.
    pub(crate) fn speakers(
        &self,
        doc: &Analysed,
        mentions: &[crate::events::SentenceMentions],
        _refs: &References,
    ) -> Vec<Option<Speaker>> {
        let mut out: Vec<Option<Speaker>> = Vec::with_capacity(doc.sentences.len());
        for (index, s) in doc.sentences.iter().enumerate() {
            let entity = self.sentence_speaker(doc, index, &mentions[index]);
            let quote = quotation(doc, s.first, s.end);
            out.push(entity.map(|entity| Speaker { entity, quote }));
        }
        // A quotation that opens in one sentence and is attributed at the end
        // of a later one in the same paragraph: the later speaker speaks all.
        for index in 0..doc.sentences.len() {
            if out[index].is_some() {
                continue;
            }
            let s = doc.sentences[index];
            let opens = doc.kind(s.first) == TokenKind::Quote;
            if !opens {
                continue;
            }
            for later in index + 1..doc.sentences.len().min(index + 5) {
                let between =
                    &doc.text[doc.sentences[later - 1].end_byte..doc.sentences[later].start_byte];
                if between.contains('\n') {
                    break;
                }
                if let Some(sp) = &out[later] {
                    let entity = sp.entity.clone();
                    out[index] = Some(Speaker {
                        entity,
                        quote: Some((s.start_byte, s.end_byte)),
                    });
                    break;
                }
            }
        }
        out
    }

    fn sentence_speaker(
        &self,
        doc: &Analysed,
        index: usize,
        mentions: &[Mention],
    ) -> Option<Entity> {
        let s = doc.sentences[index];
        for i in s.first..s.end {
            let w = doc.lower(i);
            if !self.sets.speech_verbs.contains(w) {
                continue;
            }
            // "..., kata Peskov" / "ungkapnya" / "menurut Kremlin": the speaker follows.
            let after_comma_or_quote =
                i > s.first && matches!(doc.kind(i - 1), TokenKind::Quote | TokenKind::Punct);
            // "kata seorang pejabat Israel": one lower-case word may stand
            // before the speaker.
            // Not the subject of a claim: "Saakashvili, menuturkan bahwa
            // Kremlin ..." has its speaker before the verb.
            let follows = mentions.iter().find(|m| {
                m.kind != Kind::Place
                    && (m.start == i + 1
                        || m.start == i + 2
                            && doc.kind(i + 1) == TokenKind::Word
                            && doc.text_of(i + 1).starts_with(char::is_lowercase)
                            && !self.sets.claim_openers.contains(doc.lower(i + 1)))
            });
            if (after_comma_or_quote || w == "menurut" || w.starts_with("dilansir"))
                && follows.is_some()
            {
                // A news agency reports; it is no party ("menurut AFP").
                return follows
                    .and_then(|m| m.entities().into_iter().next())
                    .filter(|e| e.country.is_some() && e.sector.as_deref() != Some("MED"));
            }
            if w.ends_with("nya") {
                // "ungkapnya": the last person spoken of.
                if let Some(m) = mentions
                    .iter()
                    .rev()
                    .find(|m| m.end <= i && m.kind == Kind::Person)
                {
                    return Some(m.entity.clone());
                }
                return self.pronoun_speaker(mentions);
            }
            // "Peskov mengatakan ...": the subject before the verb.
            if let Some(k) = mentions.iter().rposition(|m| m.end == i || m.end + 1 == i) {
                let m = &mentions[k];
                if m.kind != Kind::Place {
                    let entity = m.entities().into_iter().next();
                    // "Presiden Georgia, Mikheil Saakashvili, menuturkan": a
                    // name without a country, set off by commas, is the
                    // holder of the title before it.
                    let title = k
                        .checked_sub(1)
                        .map(|j| &mentions[j])
                        .filter(|t| t.end + 1 == m.start && doc.text_of(t.end) == ",");
                    return match (entity, title) {
                        (Some(e), _) if e.country.is_some() => Some(e),
                        (_, Some(t)) => t
                            .entities()
                            .into_iter()
                            .next()
                            .filter(|e| e.country.is_some()),
                        _ => None,
                    };
                }
            }
        }
        None
    }

    fn pronoun_speaker(&self, mentions: &[Mention]) -> Option<Entity> {
        mentions.iter().find_map(|m| {
            (m.kind == Kind::Pronoun)
                .then(|| m.refers_to.first().cloned())
                .flatten()
        })
    }
}

/// The quoted words of a sentence: between the first and last quotation
/// marks, or from an opening mark to the end.
fn quotation(doc: &Analysed, first: usize, end: usize) -> Option<(usize, usize)> {
    let marks: Vec<usize> = (first..end)
        .filter(|&i| doc.kind(i) == TokenKind::Quote)
        .collect();
    match marks.as_slice() {
        [] => None,
        [only] if *only + 1 < end => Some((doc.tokens[*only + 1].start, doc.tokens[end - 1].end)),
        [open, .., close] if close > &(open + 1) => {
            Some((doc.tokens[open + 1].start, doc.tokens[close - 1].end))
        }
        _ => None,
    }
}
