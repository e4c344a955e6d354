//! From a cue match to an event candidate: polarity (negated, hypothetical,
//! future, intended), actor and recipient from the syntax around the cue,
//! and the type, mode and CAMEO code that result.

use warta_analyse::{TokenKind, Voice};
use warta_record::Entity;

use crate::compiled::Coder;
use crate::cues::CueMatch;
use crate::document::{Analysed, Reference};
use crate::entities::{Kind, Mention};
use crate::speech::Speaker;

/// An event before attributes and merging.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub sentence: usize,
    pub cue: usize,
    pub event_type: String,
    pub mode: Option<String>,
    pub cameo: String,
    pub actor: Vec<Entity>,
    pub recipient: Vec<Entity>,
    /// Trigger token range.
    pub start: usize,
    pub end: usize,
    pub confidence: f64,
    /// The trigger is a noun followed by "itu"/"tersebut": it refers back.
    pub anaphoric: bool,
    pub speaker: Option<Speaker>,
}

/// How many words before a cue a negator or future marker may stand.
const MARKER_WINDOW: usize = 3;
/// How far to the right a recipient may stand.
const RECIPIENT_WINDOW: usize = 14;

impl Coder {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn candidate(
        &self,
        doc: &Analysed,
        sentence: usize,
        m: &CueMatch,
        limit: usize,
        mentions: &[Mention],
        speaker: &Option<Speaker>,
        _reference: Option<Reference>,
    ) -> Option<Candidate> {
        let s = doc.sentences[sentence];
        let cue = &self.lexicon.cues[m.cue];
        let before = |n: usize| (m.start.saturating_sub(n).max(s.first)..m.start).rev();
        // Negation: "tidak menyerang", "belum bertemu".
        let mut negated = false;
        let mut future = false;
        let mut intent = false;
        for i in before(MARKER_WINDOW) {
            let w = doc.lower[i].as_str();
            if doc.kind(i) == TokenKind::Punct {
                break;
            }
            negated |= self.sets.negators.contains(w);
            future |= self.sets.future.contains(w);
            intent |= self.sets.intent.contains(w);
        }
        if negated {
            return None;
        }
        let hypothetical = (s.first..m.start).any(|i| self.sets.hypothetical.contains(&doc.lower[i]) || doc.lower[i] == "apakah");
        let hedged = (s.first..m.start).any(|i| self.sets.hedges.contains(&doc.lower[i]));
        let plover = self.lexicon.plover.event_type(&cue.event_type)?;
        let (mut event_type, mut mode, mut cameo) = (cue.event_type.clone(), cue.mode.clone(), cue.cameo.clone());
        if future || intent {
            (event_type, mode, cameo) = future_form(&event_type, plover.quad_class, mode, cameo);
        }
        if hypothetical && event_type != "THREATEN" {
            return None;
        }

        let voice = doc.voices[m.head];
        let light_verb = self.light_verb_before(doc, m.start, s.first);
        let (mut actor, mut recipient, mut after) = (Vec::new(), Vec::new(), m.end);
        let object_end = self.skip_object(doc, m.end, limit);
        match (voice, light_verb) {
            (Voice::Passive, _) => {
                recipient = self.left_group(doc, mentions, m.start, s.first);
                let (agent, end) = self.agent(doc, mentions, m.end, limit);
                actor = agent;
                after = end;
            }
            (Voice::Nominal, false) => {
                // "serangan Israel terhadap ...": the possessor is the actor.
                if let Some((group, end)) = self.possessor(doc, mentions, m.end, limit) {
                    actor = group;
                    after = end;
                }
            }
            _ => actor = self.left_group(doc, mentions, m.start, s.first),
        }
        if recipient.is_empty() {
            recipient = self.right_group(doc, mentions, after.max(object_end.min(after + 6)).min(limit), after, limit);
        }
        // "antara X dan Y": both sides act.
        if actor.is_empty() {
            if let Some(group) = self.between_group(doc, mentions, m.end, limit) {
                actor = group;
                recipient.clear();
            }
        }
        let anaphoric = voice == Voice::Nominal
            && doc.lower.get(m.end).is_some_and(|w| matches!(w.as_str(), "itu" | "tersebut" | "ini"));
        // First person and reported speech: the speaker acts.
        let speaks = |e: &Entity| e.country.is_none() && e.name.is_none();
        let first_person = actor.iter().all(speaks) && self.first_person_before(mentions, m.start, s.first);
        if let Some(sp) = speaker {
            let verbal = plover.quad_class == 1 || plover.quad_class == 3;
            if first_person || (actor.is_empty() && verbal && !anaphoric) {
                actor = vec![sp.entity.clone()];
            }
        }
        actor.retain(|e| e.country.is_some());
        recipient.retain(|e| e.country.is_some() && !actor.iter().any(|a| same_entity(a, e)));
        if event_type == "CONSULT" && mode.as_deref() != Some("visit") {
            // A call or meeting with no host: every party is an actor.
            for r in recipient.drain(..) {
                if !actor.iter().any(|a| same_entity(a, &r)) {
                    actor.push(r);
                }
            }
        }
        let mut confidence: f64 = 0.8;
        if hedged {
            confidence -= 0.2;
        }
        if future || intent {
            confidence -= 0.05;
        }
        if recipient.is_empty() && event_type != "CONSULT" {
            confidence -= 0.05;
        }
        Some(Candidate {
            sentence,
            cue: m.cue,
            event_type,
            mode,
            cameo,
            actor,
            recipient,
            start: m.start,
            end: m.end,
            confidence: confidence.clamp(0.05, 0.99),
            anaphoric,
            speaker: speaker.clone(),
        })
    }

    /// A light verb ("melancarkan", "melakukan") within two words before.
    fn light_verb_before(&self, doc: &Analysed, at: usize, first: usize) -> bool {
        (1..=3).any(|n| {
            at >= first + n && {
                let phrase: Vec<&str> = (at - n..at).map(|i| doc.lower[i].as_str()).collect();
                self.sets.light_verbs.contains(&phrase.join(" "))
            }
        }) || (at > first + 1 && self.sets.light_verbs.contains(&doc.lower[at - 2]) && doc.kind(at - 1) == TokenKind::Word)
    }

    /// Skips the cue's object words ("sistem pertahanan udara"): returns
    /// where a recipient may start.
    fn skip_object(&self, doc: &Analysed, from: usize, limit: usize) -> usize {
        let mut i = from;
        while i < limit && i < from + 6 && doc.kind(i) == TokenKind::Word && !self.sets.recipient_prepositions.contains(&doc.lower[i]) {
            i += 1;
        }
        i
    }

    /// The actor group to the left of a cue: the nearest group of mentions
    /// that is not the object of a preposition, not a place, in the same
    /// clause.
    pub(crate) fn left_group(&self, doc: &Analysed, mentions: &[Mention], at: usize, first: usize) -> Vec<Entity> {
        let groups = groups(doc, mentions, &self.sets.coordinators);
        for group in groups.iter().rev() {
            let head = &mentions[group[0]];
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            if last.end > at {
                continue;
            }
            // A clause boundary between the group and the cue ends the search.
            if (last.end..at).any(|i| doc.text_of(i) == ";" || doc.lower[i] == "sementara" || doc.lower[i] == "namun") {
                break;
            }
            if head.start > first && self.governed(doc, head.start - 1) {
                continue;
            }
            let entities: Vec<Entity> = group.iter().flat_map(|&k| mentions[k].entities()).collect();
            if entities.iter().any(|e| e.country.is_some()) {
                return entities;
            }
        }
        Vec::new()
    }

    /// Whether the word at `i` makes the mention after it an object or a
    /// place rather than a subject.
    fn governed(&self, doc: &Analysed, i: usize) -> bool {
        let w = doc.lower[i].as_str();
        self.sets.recipient_prepositions.contains(w)
            || matches!(w, "di" | "oleh" | "antara" | "melawan" | "bersama" | "menuju" | "wilayah" | "kawasan")
            || self.lexicon.words.location_prepositions.iter().any(|p| p == w)
    }

    /// The recipient group after a cue: after a recipient preposition, or
    /// the direct object right after the verb.
    fn right_group(&self, doc: &Analysed, mentions: &[Mention], _object_end: usize, from: usize, limit: usize) -> Vec<Entity> {
        let end = limit.min(from + RECIPIENT_WINDOW);
        let groups = groups(doc, mentions, &self.sets.coordinators);
        for group in &groups {
            let head = &mentions[group[0]];
            if head.start < from || head.start >= end {
                continue;
            }
            if (from..head.start).any(|i| doc.text_of(i) == ";" || self.sets.speech_verbs.contains(&doc.lower[i]) || self.sets.clause_breakers.contains(&doc.lower[i]) && doc.lower[i] != "untuk") {
                break;
            }
            let before = head.start.checked_sub(1).map(|i| doc.lower[i].as_str()).unwrap_or("");
            if matches!(before, "di" | "oleh") || head.kind == Kind::Place {
                continue;
            }
            let direct = head.start == from || head.start <= from + 1 && doc.kind(from) == TokenKind::Word && !self.sets.recipient_prepositions.contains(&doc.lower[from]);
            if self.sets.recipient_prepositions.contains(before) || direct || before == "antara" {
                return group.iter().flat_map(|&k| mentions[k].entities()).collect();
            }
        }
        Vec::new()
    }

    /// The agent of a passive verb: after "oleh" (maybe after a noun:
    /// "oleh serangan Israel"), or right after the verb.
    fn agent(&self, doc: &Analysed, mentions: &[Mention], from: usize, limit: usize) -> (Vec<Entity>, usize) {
        let end = limit.min(from + RECIPIENT_WINDOW);
        let groups = groups(doc, mentions, &self.sets.coordinators);
        let oleh = (from..end).find(|&i| doc.lower[i] == "oleh");
        for group in &groups {
            let head = &mentions[group[0]];
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            let ok = match oleh {
                Some(o) => head.start > o && head.start <= o + 4,
                None => head.start == from,
            };
            if ok && head.kind != Kind::Place {
                return (group.iter().flat_map(|&k| mentions[k].entities()).collect(), last.end);
            }
        }
        (Vec::new(), from)
    }

    /// The possessor right after a nominal cue, allowing two modifier words
    /// ("serangan udara Israel").
    fn possessor(&self, doc: &Analysed, mentions: &[Mention], from: usize, limit: usize) -> Option<(Vec<Entity>, usize)> {
        let groups = groups(doc, mentions, &self.sets.coordinators);
        for group in &groups {
            let head = &mentions[group[0]];
            if head.start < from || head.start > from + 2 || head.start >= limit {
                continue;
            }
            if (from..head.start).any(|i| doc.kind(i) != TokenKind::Word || self.sets.recipient_prepositions.contains(&doc.lower[i]) || doc.lower[i] == "di") {
                return None;
            }
            if head.kind == Kind::Place {
                return None;
            }
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            return Some((group.iter().flat_map(|&k| mentions[k].entities()).collect(), last.end));
        }
        None
    }

    /// "antara X dan Y" after a cue: all parties.
    fn between_group(&self, doc: &Analysed, mentions: &[Mention], from: usize, limit: usize) -> Option<Vec<Entity>> {
        let at = (from..limit.min(from + 4)).find(|&i| doc.lower[i] == "antara")?;
        let groups = groups(doc, mentions, &self.sets.coordinators);
        let group = groups.iter().find(|g| mentions[g[0]].start == at + 1)?;
        Some(group.iter().flat_map(|&k| mentions[k].entities()).collect())
    }

    fn first_person_before(&self, mentions: &[Mention], at: usize, first: usize) -> bool {
        mentions.iter().rev().filter(|m| m.end <= at && m.start >= first).take(1).any(|m| m.kind == Kind::FirstPerson)
    }
}

/// Mentions joined by coordinators ("AS, Inggris, dan Prancis") as groups of
/// indexes, in text order.
pub(crate) fn groups(doc: &Analysed, mentions: &[Mention], coordinators: &std::collections::HashSet<String>) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if !m.is_actor_like() && m.kind != Kind::Place {
            continue;
        }
        let joined = out.last().and_then(|g| g.last()).is_some_and(|&prev| {
            let gap: Vec<&str> = (mentions[prev].end..m.start).map(|i| doc.lower[i].as_str()).collect();
            !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|w| coordinators.contains(*w))
                && mentions[prev].kind != Kind::Place
                && m.kind != Kind::Place
        });
        match (joined, out.last_mut()) {
            (true, Some(g)) => g.push(k),
            _ => out.push(vec![k]),
        }
    }
    out
}

fn same_entity(a: &Entity, b: &Entity) -> bool {
    a.country == b.country && (a.name == b.name || a.name.is_none() || b.name.is_none()) && a.sector == b.sector
}

/// The type an announced or intended act takes (coding guide, section 1).
fn future_form(event_type: &str, quad: u8, mode: Option<String>, cameo: String) -> (String, Option<String>, String) {
    match (event_type, quad) {
        ("RETREAT", _) | ("CONCEDE", _) => ("CONCEDE".into(), None, "080".into()),
        ("AGREE", _) => ("AGREE".into(), None, cameo),
        ("CONSULT", _) => ("AGREE".into(), None, "036".into()),
        ("AID", _) => ("AGREE".into(), None, "033".into()),
        ("COOPERATE", _) => ("AGREE".into(), None, "030".into()),
        (_, 1 | 2) => ("AGREE".into(), None, "030".into()),
        ("ASSAULT", _) | ("MOBILIZE", _) => ("THREATEN".into(), Some("violence".into()), "138".into()),
        ("COERCE", _) => {
            let m = match mode.as_deref() {
                Some("arrest") => "arrest",
                _ => "restrict",
            };
            ("THREATEN".into(), Some(m.into()), "137".into())
        }
        ("SANCTION", _) => {
            let m = if mode.as_deref() == Some("expel") { "expel" } else { "relations" };
            ("THREATEN".into(), Some(m.into()), "131".into())
        }
        ("PROTEST", _) => ("THREATEN".into(), None, "130".into()),
        _ => (event_type.to_string(), mode, cameo),
    }
}
