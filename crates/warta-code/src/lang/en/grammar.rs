//! English roles: who did what to whom, from English word order. Each rule
//! is named (the `Rule` it leaves in a candidate's derivation) and tested
//! by the sentences of `lexicon/en/roles.toml`.
//!
//! - `adjective-title`: "Russian Foreign Minister Sergei Lavrov", "Israel's
//!   defence minister", "U.S. troops": a state before a title is its state.
//! - `subject`: the actor of a verb is the first party of its clause that
//!   no preposition governs ("Senior Hungarian and Romanian officials
//!   agreed ...").
//! - `passive-by`: "Iran was attacked by Israel": the subject is the
//!   recipient, the party after "by" the actor.
//! - `object`: the recipient is the verb's direct object or the party after
//!   a recipient preposition (to, with, against, on, from ...), within the
//!   clause; a party after "in", "near", "of" is a setting.
//! - `reported-speech`: a clause after a speech verb, or before a trailing
//!   ", officials said", whose subject is missing or a pronoun, takes the
//!   speaker ("Hungary said it will support ...").
//! - `nominal`: "Israel's strike on Iran", "the Israeli attack on Gaza",
//!   "talks between Japan and China": the possessor or adjective is the
//!   actor, the party after the preposition the recipient; a noun after a
//!   light verb ("held talks with", "imposed sanctions on") is the verb's.
//! - `content`: the act an appeal, offer, promise, refusal or threat is
//!   about ("urged Iran to stop", "threatened to attack Israel") is not
//!   coded; its recipient is the governing act's when it has none.
//! - `consequence`: "attacked the camp, killing 12": the participle after
//!   the comma tells what the act did; it is no second act.
//! - `obligation`: "Russia said Sudan must return the helicopter" is a
//!   demand of the speaker on the party that must act.
//! - `modality`: negated acts are not coded (a refused future act is a
//!   REJECT), conditional and possible ones neither, announced ones
//!   become AGREE, THREATEN or CONCEDE (coding guide, section 1).

use warta_analyse::TokenKind;
use warta_record::Entity;

use crate::budget::Budget;
use crate::compiled::Coder;
use crate::cues::CueMatch;
use crate::document::Analysed;
use crate::entities::{Kind, Mention, References};
use crate::events::Candidate;

use super::Grammar;

/// Codes of parties that are not states.
const NON_STATES: [&str; 6] = ["IGO", "NGO", "UNO", "EUR", "IMG", "MNC"];

/// How many words before a verb its auxiliaries, negators and modals stand.
const VERB_GROUP: usize = 4;
/// How far after a verb its direct object may start.
const OBJECT_REACH: usize = 4;
/// How far after a governing verb the act it governs may start.
const CONTENT_REACH: usize = 8;

/// Acts that happen somewhere: with no party named as recipient, the state
/// of the place they happen in is (rule `place`).
const LOCATED: [&str; 8] = [
    "ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "PROTEST", "CONCEDE", "SANCTION",
];

/// Acts that react to another party's act.
const REACTIONS: [&str; 4] = ["ACCUSE", "REQUEST", "REJECT", "PROTEST"];

/// Acts whose doer a reaction is aimed at.
const HOSTILE: [&str; 4] = ["ASSAULT", "COERCE", "SANCTION", "THREATEN"];

/// Acts that may defy someone a concession names ("despite pressure by").
const DEFIANT: [&str; 4] = ["REJECT", "PROTEST", "THREATEN", "COERCE"];

/// Acts that answer someone's call, demand or offer.
const ANSWERS: [&str; 4] = ["REJECT", "CONCEDE", "AGREE", "SUPPORT"];

/// Acts whose following act is their content, not an act of its own.
const GOVERNING: [&str; 6] = [
    "REQUEST", "REJECT", "THREATEN", "AGREE", "ACCUSE", "CONCEDE",
];

/// The candidate acts of a text, sentence by sentence.
pub(super) fn acts(
    coder: &Coder,
    grammar: &Grammar,
    doc: &Analysed,
    date: Option<&str>,
    budget: &Budget,
) -> Result<Vec<Candidate>, &'static str> {
    let mut refs = References::default();
    let mut out = Vec::new();
    let mut reactions: Vec<usize> = Vec::new();
    for (index, s) in doc.sentences.iter().enumerate() {
        if let Some(reason) = budget.exhausted() {
            return Err(reason);
        }
        let found = coder.mentions(doc, s.first, s.end, date, &mut refs);
        let matches = coder.find_cues(doc, s.first, s.end, false);
        if matches.is_empty() {
            continue;
        }
        let mut mentions = adjective_titles(coder, grammar, doc, found, date);
        let setting = located_parties(grammar, doc, &mut mentions);
        // A cue word inside a name is the name's ("Amnesty International"):
        // it is no act and governs nothing.
        let matches: Vec<CueMatch> = matches
            .into_iter()
            .filter(|m| {
                !mentions.iter().any(|x| {
                    x.start <= m.start && m.start < x.end && !matches!(x.kind, Kind::Group)
                })
            })
            .collect();
        if matches.is_empty() {
            continue;
        }
        let clause = Sentence {
            coder,
            grammar,
            doc,
            index,
            first: s.first,
            end: s.end,
            groups: groups(grammar, doc, &mentions, &coder.sets.speech_verbs),
            named: (s.first..s.end)
                .map(|i| mentions.iter().any(|m| m.start <= i && i < m.end))
                .collect(),
            mentions,
            setting,
        };
        for (c, reacts) in clause.candidates(&matches) {
            if reacts {
                reactions.push(out.len());
            }
            out.push(c);
        }
    }
    reaction_targets(&mut out, &reactions);
    Ok(out)
}

/// Rule `reaction-target`: a reaction to an act named without its doer
/// ("The Iranian foreign ministry condemned Saturday's strikes") is aimed
/// at the doer of the latest such act the story told before, if another
/// party did it.
fn reaction_targets(candidates: &mut [Candidate], reactions: &[usize]) {
    for &k in reactions {
        let actor = crate::events::countries(&candidates[k].actor);
        let doer = candidates[..k].iter().rev().find_map(|earlier| {
            let others: Vec<Entity> = earlier
                .actor
                .iter()
                .filter(|e| e.country.as_deref().is_some_and(|c| !actor.contains(&c)))
                .cloned()
                .collect();
            (HOSTILE.contains(&earlier.event_type.as_str()) && !others.is_empty()).then_some(others)
        });
        if let Some(doer) = doer {
            candidates[k].recipient = doer;
        }
    }
}

/// Whether the state named at `at` is an attribute: after "ethnic",
/// "pro-", "anti-" (as a word, or joined by a hyphen in one token).
fn attribute(grammar: &Grammar, doc: &Analysed, at: usize) -> bool {
    let prefixed = |w: &str| grammar.attribute_prefixes.contains(w);
    let own = doc.lower(at);
    if own.split_once('-').is_some_and(|(head, _)| prefixed(head)) {
        return true;
    }
    match at.checked_sub(1).map(|i| doc.lower(i)) {
        Some("-") => at >= 2 && prefixed(doc.lower(at - 2)),
        Some(w) => prefixed(w) || w.strip_suffix('-').is_some_and(prefixed),
        None => false,
    }
}

/// Extends the last mention of `out` to `end` as a people (civilians) of
/// `country`: "Bosnian Serbs", "the Albanians of southern Serbia".
fn merge_people(doc: &Analysed, out: &mut [Mention], end: usize, country: Option<String>) {
    let Some(merged) = out.last_mut() else {
        return;
    };
    merged.end = end;
    merged.kind = Kind::Group;
    merged.entity = Entity {
        text: doc.span_text(merged.start, merged.end).to_string(),
        name: None,
        country,
        sector: Some("CVL".into()),
    };
}

/// Rule `adjective-title`: a state (or its adjective) right before a title,
/// or before "'s" and a title, or after a title and "of" ("the president
/// of Armenia"), names the title's state: one mention.
fn adjective_titles(
    coder: &Coder,
    grammar: &Grammar,
    doc: &Analysed,
    mentions: Vec<Mention>,
    date: Option<&str>,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        // "ethnic Albanians" are a people, not the state of Albania: a party
        // of no state yet (rule `located-party` may place it); a
        // "pro-Iranian group" is not Iran.
        if m.kind == Kind::State && attribute(grammar, doc, m.start) {
            if m.start == 0 || !grammar.people_prefixes.contains(doc.lower(m.start - 1)) {
                continue;
            }
            m.start -= 1;
            m.kind = Kind::Group;
            m.entity = Entity {
                text: doc.span_text(m.start, m.end).to_string(),
                name: None,
                country: None,
                sector: Some("CVL".into()),
            };
        }
        let Some(prev) = out.last() else {
            out.push(m);
            continue;
        };
        // "Bosnian Serbs", "Kosovo Albanians": a people of the first state.
        let people_of = prev.kind == Kind::State
            && m.kind == Kind::State
            && prev.end == m.start
            && m.end == m.start + 1
            && doc.lower(m.start).ends_with('s')
            && grammar
                .adjectives
                .contains(doc.lower(m.start).trim_end_matches('s'))
            && prev.entity.country != m.entity.country;
        if people_of {
            let country = prev.entity.country.clone();
            merge_people(doc, &mut out, m.end, country);
            continue;
        }
        // "the Albanians of southern Serbia": a people of the state after
        // "of".
        let of_state = prev.kind == Kind::State
            && prev.end == prev.start + 1
            && doc.lower(prev.start).ends_with('s')
            && grammar
                .adjectives
                .contains(doc.lower(prev.start).trim_end_matches('s'))
            && matches!(m.kind, Kind::State | Kind::Place)
            && doc.lower_at(prev.end) == Some("of")
            && (prev.end + 1..m.start).all(|i| {
                grammar.compass_words.contains(doc.lower(i))
                    || grammar.determiners.contains(doc.lower(i))
            })
            && m.start - prev.end <= 3
            && prev.entity.country != m.entity.country;
        if of_state {
            merge_people(doc, &mut out, m.end, m.entity.country.clone());
            continue;
        }
        let gap = m.start.saturating_sub(prev.end);
        // "the president of Armenia": a title, "of", its state.
        // "rebels in the Ivory Coast", "protesters in Kirkuk": a group named
        // by its role and its place.
        let between: Vec<&str> = (prev.end..m.start).map(|i| doc.lower(i)).collect();
        let title_of = prev.title.is_some()
            && matches!(prev.kind, Kind::Person | Kind::Group)
            && prev.entity.country.is_none()
            && m.entity.country.is_some()
            && (matches!(between.as_slice(), ["of"] | ["of", "the"])
                && matches!(m.kind, Kind::State | Kind::Seat)
                || prev.kind == Kind::Group
                    && matches!(
                        between.as_slice(),
                        ["in"] | ["in", "the"] | ["from"] | ["from", "the"]
                    )
                    && matches!(m.kind, Kind::State | Kind::Seat | Kind::Place));
        if title_of {
            let mut merged = out.pop().expect("checked above");
            if merged.entity.name.is_none() && merged.kind == Kind::Person {
                if let (Some(t), Some(c), Some(d)) =
                    (merged.title, m.entity.country.as_deref(), date)
                {
                    merged.entity.name = coder.office_holder(t, c, None, d);
                }
            }
            merged.entity.country = m.entity.country.clone();
            merged.end = m.end;
            merged.entity.text = doc.span_text(merged.start, merged.end).to_string();
            out.push(merged);
            continue;
        }
        // "Israel's", "U.S.-led", "Iranian-backed".
        // "Nigerian junior foreign minister": words that qualify a title
        // may stand between.
        let adjacent = gap == 0
            || gap == 1
                && (matches!(doc.lower(prev.end), "'s" | "’s" | "-")
                    || doc.lower(prev.end).starts_with('-'))
            || gap <= 2 && between.iter().all(|w| grammar.title_modifiers.contains(*w));
        let state = matches!(prev.kind, Kind::State | Kind::Seat);
        let titled = m.title.is_some() && matches!(m.kind, Kind::Person | Kind::Group);
        let compatible = m.entity.country.is_none() || m.entity.country == prev.entity.country;
        if !(adjacent && state && titled && compatible) {
            out.push(m);
            continue;
        }
        let prev = out.pop().expect("checked above");
        let mut merged = m;
        let country = prev.entity.country.clone();
        if merged.entity.name.is_none() && merged.kind == Kind::Person {
            if let (Some(t), Some(c), Some(d)) = (merged.title, country.as_deref(), date) {
                merged.entity.name = coder.office_holder(t, c, None, d);
            }
        }
        merged.entity.country = country;
        merged.start = prev.start;
        merged.entity.text = doc.span_text(merged.start, merged.end).to_string();
        out.push(merged);
    }
    out
}

/// The one value all items share, if there are any.
fn only_one(mut items: impl Iterator<Item = String>) -> Option<String> {
    let first = items.next()?;
    items.all(|c| c == first).then_some(first)
}

/// Rule `located-party`: a party named only by its role ("students",
/// "police", "ethnic Albanians") belongs to the state where the sentence
/// places its acts ("in Sudan", "protesters in Cairo", "in the capital city
/// of Algiers"), when the sentence names exactly one. An office holder the
/// lexicon does not know ("President Yoweri Museveni") belongs to that
/// state, or else to the one state the sentence names at all ("banned
/// Ugandan opposition candidates").
fn located_parties(grammar: &Grammar, doc: &Analysed, mentions: &mut [Mention]) -> Option<String> {
    let state = |m: &Mention| {
        m.entity
            .country
            .as_deref()
            .filter(|c| c.len() == 3 && !NON_STATES.contains(c))
            .map(str::to_string)
    };
    let setting = only_one(mentions.iter().filter_map(|m| {
        // "in Lagos" before a place, or inside a composed party
        // ("protesters in Cairo").
        // "in the current Palestinian uprising": an adjective places
        // nothing, unless it qualifies a place ("the Iraqi city of Basra").
        let adjective = m.kind == Kind::State
            && m.end == m.start + 1
            && grammar.adjectives.contains(doc.lower(m.start))
            && !doc
                .lower_at(m.end)
                .is_some_and(|w| grammar.place_nouns.contains(w));
        let territorial = matches!(m.kind, Kind::Place | Kind::State | Kind::Seat) && !adjective;
        let located = (m.start..m.end)
            .any(|i| i > m.start && grammar.location_prepositions.contains(doc.lower(i)))
            || territorial && located_at(grammar, doc, m.start);
        state(m).filter(|_| located)
    }));
    // A state (or an organisation) named as a bare party may be the act's
    // target ("threatened Russia", "sanctions on the Taliban"); one named as
    // an attribute ("Ugandan opposition candidates", "Haiti's elections",
    // "the Kenya Anti-Corruption Commission") is the story's home. A person
    // with a state ("South African leader F.W. de Klerk") is a party.
    let attribute = |m: &Mention| {
        m.kind == Kind::Group
            || m.kind == Kind::State
                && doc.lower_at(m.end).is_some_and(|w| {
                    matches!(w, "'s" | "’s")
                        || m.end < doc.tokens.len()
                            && doc.text_of(m.end).starts_with(char::is_uppercase)
                })
    };
    let sole = only_one(mentions.iter().filter(|m| attribute(m)).filter_map(state));
    // A role group ("rebels", "opposition parties") with no state of its
    // own is of the one state the sentence names at all ("the Mozambique
    // government accepted demands from rebels").
    let only_state = only_one(mentions.iter().filter_map(state));
    let mut placed: Vec<(Entity, String)> = Vec::new();
    for k in 0..mentions.len() {
        let m = &mentions[k];
        // "Islamic State gunmen": the role noun is the named party's.
        let owned = k > 0 && mentions[k - 1].end == m.start;
        if m.entity.country.is_some()
            || m.entity.sector.is_none()
            || !matches!(m.kind, Kind::Group | Kind::Person)
            || owned
        {
            continue;
        }
        let office = m.kind == Kind::Person && m.title.is_some();
        let Some(country) = setting
            .clone()
            .or_else(|| sole.clone().filter(|_| office))
            .or_else(|| only_state.clone().filter(|_| m.kind == Kind::Group))
        else {
            continue;
        };
        placed.push((mentions[k].entity.clone(), country.clone()));
        mentions[k].entity.country = Some(country);
    }
    // "he", referring back to such a party, is the same party.
    for m in mentions.iter_mut() {
        for e in &mut m.refers_to {
            if let Some((_, country)) = placed
                .iter()
                .find(|(p, _)| e.country.is_none() && p.text == e.text && p.name == e.name)
            {
                e.country = Some(country.clone());
            }
        }
    }
    setting
}

/// Whether the place starting at `start` follows a preposition of place,
/// directly ("in Lagos"), past adjectives ("in southern Serbia") or through
/// a lower-case head and "of" ("in the capital city of Algiers", "near the
/// town of Samarra").
fn located_at(grammar: &Grammar, doc: &Analysed, start: usize) -> bool {
    let floor = start.saturating_sub(6);
    let mut i = start;
    while i > floor {
        i -= 1;
        let w = doc.lower(i);
        if grammar.location_prepositions.contains(w) {
            return true;
        }
        let plain = grammar.determiners.contains(w)
            || doc.kind(i) == TokenKind::Word && doc.text_of(i).starts_with(char::is_lowercase);
        if !plain || grammar.setting_prepositions.contains(w) && w != "of" {
            return false;
        }
    }
    false
}

/// Whether two entities of one state are the same party: the same name,
/// or the same known sector ("Georgian police" and "protesters" are not).
fn same_party(a: &Entity, b: &Entity) -> bool {
    a.name.is_some() && a.name == b.name || a.sector.is_some() && a.sector == b.sector
}

/// The actor's own state (for a protest, or a concession by others than
/// officials) or people (for a crackdown, police violence, or a
/// government's concession).
fn domestic(actor: &[Entity], event_type: &str) -> Vec<Entity> {
    let Some(first) = actor
        .iter()
        .find(|a| a.country.as_deref().is_some_and(|c| c.len() == 3))
    else {
        return Vec::new();
    };
    if first
        .country
        .as_deref()
        .is_some_and(|c| NON_STATES.contains(&c))
    {
        return Vec::new();
    }
    // Police fire on their own people ("police opened fire on
    // demonstrators"); an army's attack has an enemy to name.
    if event_type == "ASSAULT" && first.sector.as_deref() != Some("COP") {
        return Vec::new();
    }
    // "Bosnia and Slovenia agreed to a ceasefire": a concession between
    // states is made to each other, not at home.
    if event_type == "CONCEDE" && actor.iter().any(|a| a.country != first.country) {
        return Vec::new();
    }
    // A concession is made to whoever pressed for it: a government's to
    // its people, a union's or a party's to the government.
    let official = matches!(
        first.sector.as_deref(),
        Some("GOV" | "MIL" | "COP" | "JUD" | "LEG")
    );
    let (sector, text) = if event_type == "PROTEST" || event_type == "CONCEDE" && !official {
        ("GOV", "government")
    } else {
        ("CVL", "citizens")
    };
    vec![Entity {
        text: text.into(),
        name: None,
        country: first.country.clone(),
        sector: Some(sector.into()),
    }]
}

/// Mentions joined by "and", "&" or commas into one party, as indexes.
fn groups(
    grammar: &Grammar,
    doc: &Analysed,
    mentions: &[Mention],
    speech_verbs: &rustc_hash::FxHashSet<String>,
) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        // "its EU partners": a possessive right before a named party is
        // its determiner, no party of its own ("their forces" stay theirs).
        let possessive = grammar.determiners.contains(doc.lower(m.start))
            && mentions
                .get(k + 1)
                .is_some_and(|next| next.start == m.end && next.entity.country.is_some());
        if possessive {
            continue;
        }
        // A party is someone's: a role noun with no state ("military",
        // "officials") stands for no one yet. Pronouns stay, to be resolved.
        let pronoun = matches!(m.kind, Kind::Pronoun | Kind::Plural | Kind::FirstPerson);
        if m.entity.country.is_none() && !pronoun {
            continue;
        }
        let joined = out.last().and_then(|g| g.last()).is_some_and(|&prev| {
            let gap: Vec<&str> = (mentions[prev].end..m.start)
                .map(|i| doc.lower(i))
                .collect();
            // "sanctions on Syria, diplomats said": the party before a
            // speech verb after a comma is the speaker, no list member.
            let speaker = gap.first() == Some(&",")
                && (m.end..m.end + 4)
                    .map_while(|i| doc.lower_at(i).filter(|w| *w != ","))
                    .any(|w| speech_verbs.contains(w));
            !gap.is_empty()
                && gap.len() <= 2
                && gap
                    .iter()
                    .all(|w| matches!(*w, "and" | "&" | "," | "-" | "the"))
                && !speaker
        });
        match (joined, out.last_mut()) {
            (true, Some(g)) => g.push(k),
            _ => out.push(vec![k]),
        }
    }
    // "In Kosovo, German soldiers arrested ...": parties joined by commas
    // alone, with no "and" closing the list, after a preposition, are no
    // list: the first ends an opening phrase. A place after a place stays
    // with it ("in Pristina, Kosovo"), and a headline's list keeps its
    // commas ("Vietnam, Philippines sign pact").
    let after_preposition = |start: usize| {
        (start.saturating_sub(4)..start)
            .rev()
            .find(|&i| {
                !(grammar.determiners.contains(doc.lower(i))
                    || doc.kind(i) == TokenKind::Word
                        && doc.text_of(i).starts_with(char::is_lowercase)
                        && !grammar.setting_prepositions.contains(doc.lower(i)))
            })
            .is_some_and(|i| grammar.setting_prepositions.contains(doc.lower(i)))
    };
    out.into_iter()
        .flat_map(|g| {
            let closed = !after_preposition(mentions[g[0]].start)
                || g.windows(2).any(|w| {
                    (mentions[w[0]].end..mentions[w[1]].start)
                        .any(|i| matches!(doc.lower(i), "and" | "&" | "-"))
                });
            let apposition = g.windows(2).all(|w| {
                let (a, b) = (&mentions[w[0]], &mentions[w[1]]);
                matches!(a.kind, Kind::Place | Kind::Seat)
                    && matches!(b.kind, Kind::Place | Kind::Seat | Kind::State)
                    && !grammar.adjectives.contains(doc.lower(b.start))
            });
            if closed || apposition || g.len() == 1 {
                vec![g]
            } else {
                g.into_iter().map(|k| vec![k]).collect()
            }
        })
        .collect()
}

/// A sentence with its parties, for finding the roles of its acts.
struct Sentence<'a> {
    coder: &'a Coder,
    grammar: &'a Grammar,
    doc: &'a Analysed,
    index: usize,
    first: usize,
    end: usize,
    mentions: Vec<Mention>,
    groups: Vec<Vec<usize>>,
    /// Per token of the sentence: inside a mention.
    named: Vec<bool>,
    /// The one state the sentence places its acts in ("in Baghdad").
    setting: Option<String>,
}

/// How a party stands to the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governed {
    /// No preposition: a subject or a direct object.
    Bare,
    /// After a preposition that marks a recipient.
    Recipient,
    /// After "by".
    Agent,
    /// After "of" that follows an act's noun ("the withdrawal of").
    Doer,
    /// After a preposition of place, time or topic, or "of".
    Setting,
    /// After "of" that follows a plain noun ("the computers of").
    Owner,
}

/// What the verb group before a trigger says of the act.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Modality {
    negated: bool,
    future: bool,
    possible: bool,
    conditional: bool,
    passive: bool,
}

impl<'a> Sentence<'a> {
    fn lower(&self, i: usize) -> &str {
        self.doc.lower(i)
    }

    fn group_span(&self, g: &[usize]) -> (usize, usize) {
        let first = &self.mentions[g[0]];
        let last = &self.mentions[g[g.len() - 1]];
        (first.start, last.end)
    }

    fn entities(&self, g: &[usize]) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        for &k in g {
            // A state, its capital or a place in it stands for the state
            // once ("in Iran, Tehran").
            let territorial = matches!(
                self.mentions[k].kind,
                Kind::State | Kind::Seat | Kind::Place
            );
            for e in self.mentions[k].entities() {
                if e.country.is_some()
                    && !out
                        .iter()
                        .any(|o| o.country == e.country && (o.name == e.name || territorial))
                {
                    out.push(e);
                }
            }
        }
        out
    }

    /// A word that ends a clause: a stop other than a comma, a clause
    /// opener, a speech verb.
    fn breaks_clause(&self, i: usize) -> bool {
        // "United States" is a name, not "states".
        if self.named[i - self.first] {
            return false;
        }
        let w = self.lower(i);
        let sets = &self.coder.sets;
        matches!(w, ";" | ":")
            || matches!(w, "(" | ")") && !self.aside(i)
            || self.doc.kind(i) == TokenKind::Quote
            || sets.clause_breakers.contains(w)
            || sets.speech_verbs.contains(w)
    }

    /// Whether the bracket at `i` encloses a short aside with no verb, such
    /// as a name's abbreviation ("the Nigerian Union of Teachers (NUT)") or
    /// gloss ("Hizbollah (Party of God)"): no clause of its own.
    fn aside(&self, i: usize) -> bool {
        const REACH: usize = 5;
        let (open, close) = if self.lower(i) == "(" {
            let close = (i + 1..self.end.min(i + 2 + REACH)).find(|&j| self.lower(j) == ")");
            (Some(i), close)
        } else {
            let open = (self.first.max(i.saturating_sub(REACH + 1))..i)
                .rev()
                .find(|&j| self.lower(j) == "(");
            (open, Some(i))
        };
        match (open, close) {
            // Only after a name, known or capitalised: "DUBAI, Oct 26
            // (Meridian Wire) -" is a dateline, not an aside.
            (Some(open), Some(close))
                if open > self.first
                    && (self.named[open - 1 - self.first]
                        || self.doc.text_of(open - 1).starts_with(char::is_uppercase)) =>
            {
                (open + 1..close).all(|j| {
                    self.doc.kind(j) != TokenKind::Quote
                        && !self.doc.verbal(j)
                        && !self.doc.starts_cue(j)
                        && !matches!(self.lower(j), "(" | ")")
                })
            }
            _ => false,
        }
    }

    /// Where the clause of the word at `at` starts.
    fn clause_start(&self, at: usize) -> usize {
        (self.first..at)
            .rev()
            .find(|&i| self.breaks_clause(i))
            .map_or(self.first, |i| i + 1)
    }

    /// Where the clause after `from` ends.
    fn clause_end(&self, from: usize) -> usize {
        let Some(end) = (from..self.end).find(|&i| self.breaks_clause(i)) else {
            return self.end;
        };
        // "..., a spokeswoman for the U.S. embassy said": a trailing
        // attribution is no part of the clause before it.
        if self.coder.sets.speech_verbs.contains(self.lower(end)) {
            let comma = (from..end).rev().take(10).find(|&i| self.lower(i) == ",");
            if let Some(c) = comma.filter(|&c| (c + 1..end).all(|i| !self.doc.verbal(i))) {
                return c;
            }
        }
        end
    }

    /// How the party starting at `start` is governed.
    fn governed(&self, start: usize) -> Governed {
        let mut i = start;
        // Adjectives and numbers between a preposition and its party ("to
        // war-torn Mozambique", "against 28 Chilean officials").
        let mut modifiers = 0;
        while i > self.first {
            i -= 1;
            let w = self.lower(i);
            if self.grammar.determiners.contains(w) || self.in_quantity(i) {
                continue;
            }
            let modifier = self.doc.kind(i) == TokenKind::Number
                || self.grammar.compass_words.contains(w)
                || self.doc.kind(i) == TokenKind::Word
                    && !self.doc.verbal(i)
                    && !self.doc.starts_cue(i)
                    && self.doc.text_of(i).starts_with(char::is_lowercase)
                    && !self.breaks_clause(i)
                    && !self.coder.sets.recipient_prepositions.contains(w)
                    && !self.grammar.setting_prepositions.contains(w)
                    && !self.grammar.agent_prepositions.contains(w)
                // "to the visiting Ethiopian prime minister": a participle
                // after a determiner qualifies the party.
                || w.ends_with("ing")
                    && i > self.first
                    && self.grammar.determiners.contains(self.lower(i - 1));
            if modifier && modifiers < 2 {
                modifiers += 1;
                continue;
            }
            let sets = &self.coder.sets;
            if self.grammar.agent_prepositions.contains(w) {
                return Governed::Agent;
            }
            // "According to reports the UK is pushing for ...": the source
            // of an attribution is its noun; the party past it is bare.
            let attribution =
                modifiers > 0 && i > self.first && sets.speech_verbs.contains(self.lower(i - 1));
            if sets.recipient_prepositions.contains(w) && !attribution {
                return Governed::Recipient;
            }
            // "thousands of Jordanians": the party is the phrase's head.
            if matches!(w, "of" | "from")
                && i > self.first
                && self.grammar.partitive_heads.contains(self.lower(i - 1))
            {
                return self.governed(i - 1);
            }
            // "the withdrawal of Russian troops": the doer of a named act.
            if w == "of" && i > self.first && self.doc.starts_cue(i - 1) {
                return Governed::Doer;
            }
            // "hacked the computers of South Korean officers": the owner
            // of a plain thing.
            if w == "of"
                && i > self.first
                && self.doc.kind(i - 1) == TokenKind::Word
                && self.doc.text_of(i - 1).starts_with(char::is_lowercase)
                && !self.named[i - 1 - self.first]
            {
                return Governed::Owner;
            }
            if self.grammar.setting_prepositions.contains(w) {
                return Governed::Setting;
            }
            return Governed::Bare;
        }
        Governed::Bare
    }

    /// Whether token `i` is part of a phrase of quantity ("at least", or
    /// "about" before a number).
    fn in_quantity(&self, i: usize) -> bool {
        let before_number = i + 1 < self.end && self.doc.kind(i + 1) == TokenKind::Number;
        self.grammar.quantity_phrases.iter().any(|p| {
            if p.len() == 1 {
                return before_number && p[0] == self.lower(i);
            }
            (0..p.len()).any(|o| {
                i >= self.first + o
                    && i - o + p.len() <= self.end
                    && p.iter()
                        .enumerate()
                        .all(|(k, w)| self.lower(i - o + k) == w)
            })
        })
    }

    /// Groups wholly inside tokens `from..to`, in order.
    fn groups_in(&self, from: usize, to: usize) -> impl Iterator<Item = &Vec<usize>> + '_ {
        self.groups.iter().filter(move |g| {
            let (s, e) = self.group_span(g);
            s >= from && e <= to
        })
    }

    /// Rule `subject`: the first ungoverned party of the clause before `at`.
    fn subject(&self, at: usize) -> Option<&Vec<usize>> {
        let start = self.clause_start(at);
        let bare = |g: &&Vec<usize>| self.governed(self.group_span(g).0) == Governed::Bare;
        // The party right before the verb group ("..., Tehran Condemns",
        // "Portugal will support") is its subject; else the clause's first.
        let adjacent = self.groups_in(start, at).filter(bare).last().filter(|g| {
            let (_, end) = self.group_span(g);
            (end..at).all(|i| self.in_verb_group(i))
        });
        adjacent.or_else(|| self.groups_in(start, at).find(bare))
    }

    /// A word of a verb group: an auxiliary, modal, negator or adverb.
    fn in_verb_group(&self, i: usize) -> bool {
        let w = self.lower(i);
        let sets = &self.coder.sets;
        self.doc.intensifier(i)
            || sets.negators.contains(w)
            || sets.future.contains(w)
            || sets.modals.contains(w)
            || self.grammar.passive_auxiliaries.contains(w)
            || matches!(w, "has" | "have" | "had" | "did" | "does" | "do" | "to")
    }

    /// Rule `reported-speech`: the speaker of the clause at `at`: the
    /// subject of a speech verb before it ("Iraq said it would ..."), else
    /// of a trailing one (", the minister said", "said the ministry").
    fn speaker(&self, at: usize) -> Option<&Vec<usize>> {
        let sets = &self.coder.sets;
        let before = (self.first..at)
            .rev()
            .find(|&i| sets.speech_verbs.contains(self.lower(i)));
        if let Some(verb) = before {
            if let Some(g) = self.subject(verb) {
                return Some(g);
            }
            // "King Hassan was quoted today as saying he would ...": the
            // subject of the speech verb before.
            let earlier = (verb.saturating_sub(5).max(self.first)..verb)
                .rev()
                .find(|&i| sets.speech_verbs.contains(self.lower(i)));
            if let Some(g) = earlier.and_then(|v| self.subject(v)) {
                return Some(g);
            }
        }
        let after = (at..self.end).find(|&i| sets.speech_verbs.contains(self.lower(i)))?;
        // ", Portuguese President Mario Soares said": the party before it.
        let before_verb = self.groups.iter().rev().find(|g| {
            let (_, e) = self.group_span(g);
            e <= after && e + 2 >= after && e > at
        });
        if before_verb.is_some() {
            return before_verb;
        }
        // "..., said the Foreign Ministry": the party right after it.
        self.groups.iter().find(|g| {
            let (s, _) = self.group_span(g);
            s > after && s <= after + 3
        })
    }

    /// The party doing the verb at `at`: its subject. A subject that is only
    /// a pronoun stands for the speaker when there is one, else for what the
    /// pronoun refers to; no subject at all stands for the speaker when
    /// `speaker` allows.
    fn actor_of(&self, at: usize, speaker: bool) -> Vec<Entity> {
        let subject = self.subject(at);
        let pronoun = subject.is_some_and(|g| {
            g.iter().all(|&k| {
                matches!(
                    self.mentions[k].kind,
                    Kind::Pronoun | Kind::Plural | Kind::FirstPerson
                )
            })
        });
        if let Some(g) = subject.filter(|_| !pronoun) {
            let found = self.entities(g);
            if !found.is_empty() {
                return found;
            }
        }
        // "Syria says it will withdraw": a pronoun is the speaker whatever
        // the act; with no subject at all, only a verbal act is the speaker's.
        if let Some(g) = self.speaker(at).filter(|_| speaker || pronoun) {
            let found = self.entities(g);
            if !found.is_empty() {
                return found;
            }
        }
        subject.map(|g| self.entities(g)).unwrap_or_default()
    }

    /// The party named after a source preposition ("by", "from", and "of"
    /// when `of` allows) right after the cue or its noun ("calls by
    /// Belarus", "an immediate admission by Moscow").
    fn source(&self, from: usize, to: usize, of: bool) -> Vec<Entity> {
        let prep = (from..to.min(from + 4)).find(|&i| {
            let w = self.lower(i);
            self.grammar.source_prepositions.contains(w) && (of || w != "of")
        });
        let Some(prep) = prep else {
            return Vec::new();
        };
        // Only the noun phrase of the call between: "recent calls", "an
        // immediate admission".
        let plain = (from..prep).all(|i| {
            self.grammar.determiners.contains(self.lower(i))
                || self.doc.kind(i) == TokenKind::Word
                    && self.doc.text_of(i).starts_with(char::is_lowercase)
                    && !self.doc.verbal(i)
        });
        if !plain {
            return Vec::new();
        }
        self.groups_in(prep + 1, to)
            .next()
            .filter(|g| self.group_span(g).0 <= prep + 3)
            .map(|g| self.entities(g))
            .unwrap_or_default()
    }

    /// Rule `defied-party`: "declined to resign despite pressure by the
    /// parliament", "blocked streets in defiance of Chinese authorities":
    /// the party a concession names is whom the act defies. Only the
    /// concession's own phrase counts: a few lower-case words ("growing
    /// pressure by", "calls from") before the party.
    fn defied(&self, from: usize, to: usize) -> Vec<Entity> {
        let Some(open) =
            (from..to).find(|&i| self.grammar.concessive_openers.contains(self.lower(i)))
        else {
            return Vec::new();
        };
        let Some(g) = self.groups_in(open + 1, to).next() else {
            return Vec::new();
        };
        let start = self.group_span(g).0;
        let plain = (open + 1..start).all(|i| {
            let w = self.lower(i);
            self.grammar.determiners.contains(w)
                || self.grammar.source_prepositions.contains(w)
                || self.doc.kind(i) == TokenKind::Word
                    && self.doc.text_of(i).starts_with(char::is_lowercase)
        });
        if start > open + 5 || !plain {
            return Vec::new();
        }
        self.entities(g)
    }

    /// Rule `passive-victim`: "civilians were killed in an Israeli air
    /// strike": the subject of the passive verb before the act's noun
    /// phrase suffered the act.
    fn sufferer(&self, noun: usize) -> Vec<Entity> {
        match self.clause_verb(noun) {
            Some((v, true)) => self.actor_of(v, false),
            // "guerrillas wounded two British soldiers in a bomb attack":
            // the active verb's object suffered the act named after "in".
            Some((v, false)) => self
                .object(v + 1, noun)
                .map(|g| self.entities(g))
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The verb of the clause whose preposition ("in", "by", "during")
    /// governs the act's noun at `noun`, and whether it is passive: "were
    /// killed in an air strike", "were engaged in ethnic cleansing".
    fn clause_verb(&self, noun: usize) -> Option<(usize, bool)> {
        let floor = self.clause_start(noun).max(noun.saturating_sub(6));
        let prep = (floor..noun)
            .rev()
            .find(|&i| self.grammar.instrument_prepositions.contains(self.lower(i)))?;
        // Only determiners, adjectives and names between: "in a suicide car
        // bombing", "by an Israeli drone strike".
        if (prep + 1..noun).any(|i| self.doc.verbal(i) || self.breaks_clause(i)) {
            return None;
        }
        // "were wounded", "was injured": participles the lexicon also
        // knows as adjectives count as verbs here.
        let verb = (self.clause_start(prep)..prep)
            .rev()
            .find(|&i| self.doc.verbal(i) || self.lower(i).ends_with("ed"))?;
        let passive = (verb.saturating_sub(3).max(self.first)..verb)
            .any(|i| self.grammar.passive_auxiliaries.contains(self.lower(i)))
            && !self.grammar.stative_participles.contains(self.lower(verb));
        Some((verb, passive))
    }

    /// Rule `object`: the first party after `from` (before `to`) that is the
    /// direct object or follows a recipient preposition.
    fn object(&self, from: usize, to: usize) -> Option<&Vec<usize>> {
        self.groups_in(from, to).find(|g| {
            let (s, _) = self.group_span(g);
            // "offered its troops to Lebanon": "its" is no object.
            if self.entities(g).is_empty() {
                return false;
            }
            // Rule `specified-party`: "urged neighbouring states,
            // especially China, to resume talks".
            let specified = s > from
                && s <= from + CONTENT_REACH
                && self.coder.sets.specifiers.contains(self.lower(s - 1));
            match self.governed(s) {
                Governed::Recipient | Governed::Doer => true,
                Governed::Bare => s <= from + OBJECT_REACH || specified,
                Governed::Owner => s <= from + OBJECT_REACH + 2,
                _ => false,
            }
        })
    }

    /// Rule `content-subject`: "demanded that the United States match
    /// ...": the subject of the "that" clause a governing verb opens is
    /// whom the act is aimed at.
    fn content_subject(&self, clause_end: usize) -> Vec<Entity> {
        if clause_end >= self.end || self.lower(clause_end) != "that" {
            return Vec::new();
        }
        self.clause_subject(clause_end + 1)
    }

    /// The first ungoverned party of the clause that starts at `start`.
    fn clause_subject(&self, start: usize) -> Vec<Entity> {
        let end = self.clause_end(start);
        self.groups_in(start, end)
            .find(|g| self.governed(self.group_span(g).0) == Governed::Bare)
            .map(|g| self.entities(g))
            .unwrap_or_default()
    }

    /// Rule `place`: the state of the first place named after a preposition
    /// in `from..to` ("shelled the centre of Kharkiv", "pulled out of Khan
    /// Younis", "rallied in Tel Aviv").
    fn place(&self, from: usize, to: usize) -> Vec<Entity> {
        self.place_group(from, to)
            .map(|g| self.entities(g))
            .unwrap_or_default()
    }

    /// The group `place` reads its state from.
    fn place_group(&self, from: usize, to: usize) -> Option<&Vec<usize>> {
        self.groups_in(from, to).find(|g| {
            let (s, _) = self.group_span(g);
            g.iter().all(|&k| {
                matches!(
                    self.mentions[k].kind,
                    Kind::Place | Kind::State | Kind::Seat
                )
            }) && matches!(
                self.governed(s),
                Governed::Setting | Governed::Recipient | Governed::Doer | Governed::Owner
            )
        })
    }

    /// Rule `obligation`: "Russia said Sudan must return the helicopter":
    /// what a speaker says another party must do is a demand on it. Not a
    /// speaker's own obligation ("we must"), nor one no one states.
    fn obligation(&self, m: &CueMatch) -> Option<Candidate> {
        let cue = &self.coder.pack.cues[m.cue];
        let subject = self.subject(m.start)?;
        let recipient = self.entities(subject);
        let actor = self.speaker(m.start).map(|g| self.entities(g))?;
        // "Rwandan rebels said the president must agree": another party of
        // the speaker's state may be the one that must act.
        let own = |e: &Entity| {
            actor
                .iter()
                .any(|a| a.country == e.country && (same_party(a, e) || e.sector.is_none()))
        };
        if recipient.is_empty() || actor.is_empty() || recipient.iter().all(own) {
            return None;
        }
        if self.modality(m.start).negated {
            return None;
        }
        Some(Candidate {
            sentence: self.index,
            cue: m.cue,
            event_type: cue.event_type.clone(),
            mode: cue.mode.clone(),
            cameo: cue.cameo.clone(),
            actor,
            recipient,
            start: m.start,
            end: m.end,
            confidence: 0.5,
            anaphoric: false,
            reaction_topic: false,
            relative: false,
            nominal: false,
            mutual: false,
            speaker: None,
            aim_only: false,
            derived_by: None,
            unnamed_actor: false,
        })
    }

    /// The subject of an "if" or "unless" clause after `from`.
    fn condition_subject(&self, from: usize) -> Vec<Entity> {
        let Some(at) = self.condition_after(from) else {
            return Vec::new();
        };
        self.clause_subject(at + 1)
    }

    /// Whether the word at `i` may qualify a noun after an article: a
    /// number or measure ("30-day"), or a plain lower-case word that is no
    /// verb ("national"), participle aside ("previously unannounced").
    fn modifier(&self, i: usize) -> bool {
        let w = self.lower(i);
        let measure = w.starts_with(|c: char| c.is_ascii_digit()) && w.contains('-');
        if self.doc.kind(i) == TokenKind::Number || w == "-" || measure {
            return true;
        }
        self.doc.kind(i) == TokenKind::Word
            && self.doc.text_of(i).starts_with(char::is_lowercase)
            && (!self.doc.verbal(i) || w.ends_with("ed"))
            && !self.breaks_clause(i)
            && !self.grammar.determiners.contains(w)
            && !self.coder.sets.recipient_prepositions.contains(w)
            && !self.grammar.setting_prepositions.contains(w)
            && !self.grammar.agent_prepositions.contains(w)
            && (!self.in_verb_group(i) || self.doc.intensifier(i))
    }

    /// The claim verb of "claimed responsibility for" before the act's
    /// noun at `at` (past its article and modifiers).
    fn claim_verb(&self, at: usize) -> Option<usize> {
        let link = self
            .phrase_opener(at, false)
            .filter(|&i| i >= self.first + 2 && self.grammar.claim_links.contains(self.lower(i)))?;
        let object = (link - 1 > self.first)
            .then(|| link - 1)
            .filter(|&i| self.grammar.claim_objects.contains(self.lower(i)))?;
        (object.saturating_sub(3).max(self.first)..object)
            .rev()
            .find(|&i| self.grammar.claim_verbs.contains(self.lower(i)))
    }

    /// Whether the subject of the verb at `at` is a state, its seat or a
    /// government body: every member a seat, a state named by its name
    /// (not its adjective or people noun: "Filipinos"), or a non-personal
    /// title of the government sector ("the foreign ministry").
    fn official_subject(&self, at: usize) -> bool {
        let Some(group) = self.subject(at) else {
            return false;
        };
        group.iter().all(|&k| {
            let m = &self.mentions[k];
            // "Algeria's leading activist": a possessor, not the subject.
            if matches!(self.doc.lower_at(m.end), Some("'s" | "’s")) {
                return false;
            }
            let text = m.entity.text.to_lowercase();
            let named = m.entity.name.as_deref().is_some_and(|n| {
                let n = n.to_lowercase();
                text == n || text.strip_prefix("the ").is_some_and(|t| t == n)
            });
            match m.kind {
                Kind::Seat => true,
                Kind::State => named,
                Kind::Group | Kind::Organisation => m.title.is_some_and(|t| {
                    let title = &self.coder.pack.titles[t];
                    !title.person && title.sector.as_deref() == Some("GOV")
                }),
                _ => false,
            }
        })
    }

    /// A party of the state the sentence places its acts in, told by
    /// `text` ("victims", "authorities") with `sector`.
    fn setting_party(&self, text: &str, sector: Option<&str>) -> Option<Vec<Entity>> {
        let country = self.setting.as_ref()?;
        Some(vec![Entity {
            text: text.to_string(),
            name: None,
            country: Some(country.clone()),
            sector: sector.map(str::to_string),
        }])
    }

    /// Rule `allegation`: whether the act at `at` is what a party is
    /// alleged to have done ("suspected by the West of blowing up a Pan Am
    /// plane", "charged with killing two policemen", "suspected of plotting
    /// an attack"): a link word right before it (past its article,
    /// modifiers and a gerund), an allegation word a few words before
    /// that, in the same clause.
    fn alleged(&self, at: usize) -> bool {
        let Some(link) = self
            .phrase_opener(at, true)
            .filter(|&i| self.grammar.allegation_links.contains(self.lower(i)))
        else {
            return false;
        };
        (link.saturating_sub(6).max(self.first)..link)
            .rev()
            .take_while(|&i| !self.breaks_clause(i) && !self.doc.starts_cue(i))
            .any(|i| self.grammar.allegation_words.contains(self.lower(i)))
    }

    /// The word before the noun phrase whose noun is at `at`: past its
    /// determiners and modifiers (and, with `gerund`, a gerund: "of
    /// plotting an attack"), within four words.
    fn phrase_opener(&self, at: usize, gerund: bool) -> Option<usize> {
        (at.saturating_sub(4).max(self.first)..at).rev().find(|&i| {
            let w = self.lower(i);
            !(self.modifier(i)
                || self.grammar.determiners.contains(w)
                || gerund && w.ends_with("ing") && !self.doc.starts_cue(i))
        })
    }

    /// Whether the act's noun at `at` follows an opener of an earlier act
    /// ("following the shooting deaths of", "after a bombing").
    fn anterior(&self, at: usize) -> bool {
        self.phrase_opener(at, false)
            .is_some_and(|i| self.coder.sets.anterior_openers.contains(self.lower(i)))
    }

    /// Whether the sentence tells of dead or wounded.
    fn casualties(&self) -> bool {
        let sets = &self.coder.sets;
        (self.first..self.end).any(|i| {
            let w = self.lower(i);
            sets.casualty_dead.contains(w) || sets.casualty_injured.contains(w)
        })
    }

    /// Where a condition ("if", "unless") opens after `from`, if one does.
    fn condition_after(&self, from: usize) -> Option<usize> {
        (from..self.end).find(|&i| self.grammar.condition_openers.contains(self.lower(i)))
    }

    /// The word that opens the condition an act at `at` is announced on:
    /// after it ("will withdraw unless ..."), or opening the sentence
    /// before a comma ("If Iran attacks, Israel will ..."). An act inside
    /// the condition ("if the United States goes ahead with the planned
    /// deployment") is none.
    fn condition(&self, at: usize) -> Option<&str> {
        if let Some(i) = self.condition_after(at) {
            return Some(self.lower(i));
        }
        let opener = self.lower(self.first);
        let main_clause = (self.first + 1..at).any(|i| self.lower(i) == ",");
        (self.grammar.condition_openers.contains(opener) && main_clause).then_some(opener)
    }

    /// The party after "by" in `from..to`.
    fn agent(&self, from: usize, to: usize) -> Option<&Vec<usize>> {
        self.groups_in(from, to)
            .find(|g| self.governed(self.group_span(g).0) == Governed::Agent)
    }

    /// The modality of the verb at `at`, from the words before it.
    fn modality(&self, at: usize) -> Modality {
        let sets = &self.coder.sets;
        let mut m = Modality::default();
        let from = at.saturating_sub(VERB_GROUP).max(self.first);
        for i in (from..at).rev() {
            let w = self.lower(i);
            if self.breaks_clause(i) || self.mentions.iter().any(|x| x.start <= i && i < x.end) {
                break;
            }
            // "will no longer tolerate rallies": the words before another
            // verb are that verb's.
            let own_group = self.in_verb_group(i)
                || sets.intent.contains(w)
                || sets.plans.contains(w)
                || self.grammar.failure_verbs.contains(w);
            if self.doc.verbal(i) && !own_group {
                break;
            }
            // "failed to reach agreement": the act did not come about.
            let failed = self.grammar.failure_verbs.contains(w)
                && i + 1 < self.end
                && self.lower(i + 1) == "to";
            m.negated |= sets.negators.contains(w) || failed;
            // "ready to", "committed to": intent (not "committed violence").
            let intent = sets.intent.contains(w) && i + 1 < self.end && self.lower(i + 1) == "to";
            m.future |= sets.future.contains(w) || intent;
            m.possible |= sets.modals.contains(w) || sets.plans.contains(w);
            // "was attacked", "were seized": a participle, not "was willing".
            m.passive |= i + 1 >= at.saturating_sub(2)
                && self.grammar.passive_auxiliaries.contains(w)
                && self.doc.verbal(at)
                && !self.lower(at).ends_with("ing")
                && !self.grammar.stative_participles.contains(self.lower(at));
        }
        let start = self.clause_start(at);
        // "would deploy troops only if Russia broke through".
        let would = (from..at).any(|i| matches!(self.lower(i), "would" | "could"));
        let if_after = self.condition_after(at).is_some();
        m.conditional = would && if_after
            || (self.first..start.max(self.first + 1))
                .rev()
                .take(1)
                .chain(start.checked_sub(1))
                .any(|i| i >= self.first && sets.hypothetical.contains(self.lower(i)));
        m
    }

    /// Whether the trigger at `at` is a noun: after a determiner, a
    /// possessive, a party's adjective, or a number.
    fn nominal(&self, at: usize) -> bool {
        // "Talks between Armenia and Azerbaijan resumed".
        if at + 1 < self.end && self.lower(at + 1) == "between" {
            return true;
        }
        if at == self.first {
            return false;
        }
        let preposition = |w: &str| {
            self.coder.sets.recipient_prepositions.contains(w)
                || self.grammar.setting_prepositions.contains(w)
                || self.grammar.instrument_prepositions.contains(w)
                || self.grammar.agent_prepositions.contains(w)
        };
        let opens_noun = |w: &str| self.grammar.determiners.contains(w) || preposition(w);
        // "by a Hezbollah rocket attack", "in a suicide car bombing":
        // modifiers (names, plain nouns) between a preposition (and its
        // determiner) and the noun. Without the preposition the words
        // before may be the verb's subject ("the rebels agreed").
        // A past form ("blocked", "attacked") is the verb, whatever came
        // before ("supporters of former President X blocked roads").
        let past = self.doc.verbal(at) && !self.lower(at).ends_with("ing");
        // "declared a national state of emergency": after an indefinite
        // article, plain words and a cue word are a noun phrase, never a
        // subject and its verb.
        if !past {
            let article = (at.saturating_sub(6).max(self.first)..at).rev().find(|&k| {
                !self.modifier(k) || self.grammar.indefinite_articles.contains(self.lower(k))
            });
            if article.is_some_and(|k| self.grammar.indefinite_articles.contains(self.lower(k))) {
                return true;
            }
        }
        let mut i = at;
        let mut steps = 0;
        while !past && i > self.first && steps < 3 {
            let j = i - 1;
            steps += 1;
            // A whole name ("a Hezbollah rocket attack")...
            if let Some(m) = self.mentions.iter().find(|m| m.start <= j && j < m.end) {
                i = m.start;
                continue;
            }
            // ...or a lower-case noun ("a suicide car bombing"): "on
            // Thursday demanded" is a date before a verb, "have agreed" a
            // verb group.
            // "a 30-day state of siege": a measure is a modifier too.
            let measure = self
                .doc
                .text_of(j)
                .starts_with(|c: char| c.is_ascii_digit())
                && self.doc.text_of(j).contains('-');
            // "the planned deployment": a participle after a determiner.
            let participle = self.lower(j).ends_with("ed")
                && j > self.first
                && self.grammar.determiners.contains(self.lower(j - 1));
            let modifier = (measure
                || self.doc.kind(j) == TokenKind::Word
                    && self.doc.text_of(j).starts_with(char::is_lowercase))
                && (!self.doc.verbal(j) || participle)
                && !self.in_verb_group(j)
                && !self.doc.starts_cue(j)
                && !self.breaks_clause(j)
                && !opens_noun(self.lower(j));
            if !modifier {
                break;
            }
            i = j;
        }
        if i < at && i > self.first {
            let before = self.lower(i - 1);
            let governed = if self.grammar.determiners.contains(before) {
                i > self.first + 1 && preposition(self.lower(i - 2))
            } else {
                preposition(before)
            };
            // "wants to attack": "to" before a verb is no preposition.
            if governed && before != "to" {
                return true;
            }
        }
        let w = self.lower(at - 1);
        // "tried to hack", "agreed to meet": "to" before a bare verb marks
        // an infinitive ("agreed to talks" is a noun).
        if w == "to" && self.doc.root(at) == self.lower(at) {
            return false;
        }
        self.grammar.determiners.contains(w)
            || matches!(w, "'s" | "’s")
            || self.doc.kind(at - 1) == TokenKind::Number
            || self.mentions.iter().any(|m| {
                m.end == at
                    && m.kind == Kind::State
                    && self.grammar.adjectives.contains(self.lower(at - 1))
            })
            || self.coder.sets.recipient_prepositions.contains(w)
            || self.grammar.setting_prepositions.contains(w)
    }

    /// The light verb whose object the noun at `at` is ("held talks",
    /// "launched an air strike"), if any.
    fn light_verb(&self, at: usize) -> Option<usize> {
        // "declared a 30-day state of siege": a number joined by a hyphen
        // is one modifier.
        let from = at.saturating_sub(6).max(self.first);
        (from..at).rev().find(|&i| {
            self.coder.sets.light_verbs.contains(self.lower(i))
                && (i + 1..at).all(|k| {
                    let w = self.lower(k);
                    self.grammar.determiners.contains(w)
                        || self.doc.kind(k) == TokenKind::Number
                        || w == "-"
                        || self.doc.kind(k) == TokenKind::Word && !self.breaks_clause(k)
                })
                && (i + 1..at).filter(|&k| self.lower(k) != "-").count() <= 4
        })
    }

    /// The candidates of the sentence's cue matches, each with whether it
    /// reacts to an act the sentence names without its doer ("condemned
    /// Saturday's strikes").
    fn candidates(&self, matches: &[CueMatch]) -> Vec<(Candidate, bool)> {
        let mut found: Vec<(usize, Candidate)> = Vec::new();
        let embedded = self.embedded(matches);
        for (k, m) in matches.iter().enumerate() {
            // The longest of overlapping matches is the act ("accepted a
            // truce proposal" over "accepted a truce").
            // Of two on the same words, the one that asks for an object is
            // the more specific ("urged ... to return to talks").
            let cues = &self.coder.cues;
            let longer = matches.iter().any(|o| {
                o.start <= m.start
                    && o.end >= m.end
                    && ((o.end - o.start) > (m.end - m.start)
                        || o.start == m.start
                            && o.end == m.end
                            && !cues[o.cue].object.is_empty()
                            && cues[m.cue].object.is_empty())
            });
            if longer {
                continue;
            }
            // Rule `consequence`: "attacked the camp, killing 12" tells
            // what the act did, not a second act.
            let consequence = m.start > self.first
                && self.lower(m.start - 1) == ","
                && self.lower(m.start).ends_with("ing")
                && !found.is_empty();
            // "Israeli air strikes killed five commanders": the verb of harm
            // whose subject is the act's noun tells what that act did.
            let told = matches.iter().any(|o| {
                o.end <= m.start
                    && (o.end..m.start).all(|i| self.in_verb_group(i))
                    && HOSTILE.contains(&self.coder.pack.cues[o.cue].event_type.as_str())
                    && self.nominal(o.start)
            });
            if consequence || told {
                continue;
            }
            if let Some(c) = self.candidate(m) {
                found.push((k, c));
            }
        }
        // Rule `protest-purpose`: "staged a hunger strike to demand ...",
        // "demonstrated in Kirkuk calling for independence": what a protest
        // demands or protests against is its purpose, no second act.
        let mut protest_end: Option<usize> = None;
        found.retain(|(k, c)| {
            let m = &matches[*k];
            let purpose = protest_end.is_some_and(|end| {
                end <= m.start
                    && !(end..m.start).any(|i| self.breaks_clause(i))
                    && (m.start > self.first
                        && self
                            .grammar
                            .purpose_openers
                            .contains(self.lower(m.start - 1))
                        || self.lower(m.start).ends_with("ing"))
            });
            let keep = !(purpose && matches!(c.event_type.as_str(), "REQUEST" | "PROTEST"));
            if keep && c.event_type == "PROTEST" {
                protest_end = Some(m.end);
            }
            keep
        });
        // An attack the sentence already gives a doer ("suicide bombers
        // killed 23 people ... in the worst attack") has no unidentified
        // attacker besides.
        let named_attack = found
            .iter()
            .any(|(_, c)| c.event_type == "ASSAULT" && !c.unnamed_actor && !c.actor.is_empty());
        if named_attack {
            found.retain(|(_, c)| !c.unnamed_actor);
        }
        // Rule `content`: a governed act lends its recipient and is dropped.
        let mut out: Vec<(Candidate, bool)> = Vec::new();
        for (k, c) in &found {
            if embedded[*k] {
                continue;
            }
            let mut c = c.clone();
            // Rule `audience`: "complained to the United Nations over Israeli
            // air raids": the body addressed hears the complaint; the
            // raids' doer is its target.
            let audience = !c.recipient.is_empty()
                && c.recipient.iter().all(|r| {
                    r.country
                        .as_deref()
                        .is_some_and(|x| NON_STATES.contains(&x))
                });
            if c.event_type == "ACCUSE" && audience {
                let doer = matches
                    .get(*k + 1)
                    .filter(|next| {
                        next.start >= matches[*k].end
                            && !(matches[*k].end..next.start).any(|i| self.breaks_clause(i))
                            && HOSTILE.contains(&self.coder.pack.cues[next.cue].event_type.as_str())
                    })
                    .and_then(|_| found.iter().find(|(x, _)| *x == *k + 1))
                    .map(|(_, inner)| inner.actor.clone())
                    .filter(|a| !a.is_empty());
                if let Some(doer) = doer {
                    c.recipient = doer;
                }
            }
            if c.recipient.is_empty() {
                let content = (k + 1..matches.len())
                    .take_while(|&j| embedded[j])
                    .filter_map(|j| found.iter().find(|(x, _)| *x == j))
                    .map(|(_, inner)| inner.recipient.clone())
                    .find(|r| !r.is_empty());
                if let Some(r) = content {
                    let own: Vec<&Option<String>> = c.actor.iter().map(|a| &a.country).collect();
                    c.recipient = r
                        .into_iter()
                        .filter(|e| !own.contains(&&e.country))
                        .collect();
                }
            }
            let reacts = c.recipient.is_empty()
                && REACTIONS.contains(&c.event_type.as_str())
                && matches.get(k + 1).is_some_and(|next| {
                    embedded[k + 1]
                        && HOSTILE.contains(&self.coder.pack.cues[next.cue].event_type.as_str())
                        && !found
                            .iter()
                            .any(|(x, inner)| *x == k + 1 && !inner.actor.is_empty())
                });
            out.push((c, reacts));
        }
        out
    }

    /// Which matches are the content of the act before them.
    fn embedded(&self, matches: &[CueMatch]) -> Vec<bool> {
        let mut embedded = vec![false; matches.len()];
        let mut purposes = vec![false; matches.len()];
        for k in 1..matches.len() {
            let (here, next) = (&matches[k - 1], &matches[k]);
            let governing = embedded[k - 1]
                || GOVERNING.contains(&self.coder.pack.cues[here.cue].event_type.as_str());
            let close = next.start >= here.end
                && next.start <= here.end + CONTENT_REACH
                && (here.end..next.start).all(|i| {
                    let w = self.lower(i);
                    !matches!(
                        w,
                        ";" | ":" | "." | "and" | "but" | "while" | "after" | "said"
                    ) && !self.coder.sets.speech_verbs.contains(w)
                });
            // A noun after a verb is its object ("condemned the attack"),
            // whatever the verb.
            // A noun after a preposition is not ("killed in an air strike").
            let object = next.start >= here.end
                && next.start <= here.end + 3
                && self.nominal(next.start)
                && !(here.end..next.start).any(|i| {
                    self.breaks_clause(i)
                        || self.grammar.instrument_prepositions.contains(self.lower(i))
                        || self.grammar.agent_prepositions.contains(self.lower(i))
                });
            // Rule `purpose`: "opened fire to disperse the demonstrators",
            // "met in Cairo to discuss the truce": what an act is done for
            // is an intention, not a second act; its object may be the
            // act's target.
            let purpose = next.start > here.end
                && next.start <= here.end + CONTENT_REACH
                && self
                    .grammar
                    .infinitive_markers
                    .contains(self.lower(next.start - 1))
                && !self.nominal(next.start)
                && !(here.end..next.start - 1).any(|i| {
                    self.breaks_clause(i) || matches!(self.lower(i), "," | "and" | "but" | "or")
                });
            embedded[k] = governing && close || object;
            purposes[k] = purpose && !embedded[k];
        }
        // A purpose governs nothing further ("to disperse demonstrators
        // protesting the results": the protest happened).
        for (e, p) in embedded.iter_mut().zip(purposes) {
            *e |= p;
        }
        embedded
    }

    /// One cue match's act with its parties, if it is one.
    fn candidate(&self, m: &CueMatch) -> Option<Candidate> {
        let cue = &self.coder.pack.cues[m.cue];
        let clause_end = self.clause_end(m.end);
        if cue.event_type == "REQUEST" && m.end == m.start + 1 && self.lower(m.start) == "must" {
            return self.obligation(m);
        }
        // "two commanders told AFP by phone": how a statement reached the
        // press, no call between parties.
        let told = (m.start.saturating_sub(4).max(self.first)..m.start)
            .any(|i| self.coder.sets.speech_verbs.contains(self.lower(i)));
        if cue.mode.as_deref() == Some("phone") && told {
            return None;
        }
        if self.alleged(m.start) {
            return None;
        }
        let light = if self.nominal(m.start) {
            self.light_verb(m.start)
        } else {
            None
        };
        let nominal = self.nominal(m.start) && light.is_none();
        let verb = light.unwrap_or(m.start);
        let mut modality = self.modality(verb);
        // Reported speech lends its speaker to verbal acts only: "troops
        // attacked the village, officials said" is not the officials' attack.
        let verbal = self
            .coder
            .lexicon
            .plover
            .event_type(&cue.event_type)
            .is_some_and(|p| p.verbal());
        let (mut actor, mut recipient);
        if nominal {
            // Rule `nominal`: "Israel's strike on Iran", "the Israeli attack
            // on Gaza", "talks between Japan and China".
            let possessor = self.mentions.iter().rev().find(|x| {
                x.end + 1 == m.start && matches!(self.lower(x.end), "'s" | "’s")
                    || x.end == m.start
                    || x.end + 2 == m.start && matches!(self.lower(x.end), "'s" | "’s")
            });
            actor = possessor.map(|x| x.entities()).unwrap_or_default();
            // "throwing stones during demonstrations against violations
            // by the military": a "by" past another act's noun is that
            // act's.
            if actor.is_empty() {
                if let Some(g) = self
                    .agent(m.end, clause_end)
                    .filter(|g| !(m.end..self.group_span(g).0).any(|i| self.doc.starts_cue(i)))
                {
                    actor = self.entities(g);
                }
            }
            recipient = self
                .object(m.end, clause_end)
                .filter(|g| self.governed(self.group_span(g).0) == Governed::Recipient)
                .map(|g| self.entities(g))
                .unwrap_or_default();
            if actor.is_empty() && m.end < self.end && self.lower(m.end) == "between" {
                actor = self
                    .groups_in(m.end, clause_end)
                    .next()
                    .map(|g| self.entities(g))
                    .unwrap_or_default();
                recipient = Vec::new();
            }
            // "put its air defences on high alert", "arrived on a
            // previously unannounced visit": a noun after a preposition
            // (and its article and modifiers) is the clause's own act.
            // Not past a possessive or "the": "for its support", "at the
            // talks" name another party's act.
            let phrase = (m.start.saturating_sub(4).max(self.first)..m.start)
                .rev()
                .find(|&i| {
                    let w = self.lower(i);
                    !(self.grammar.indefinite_articles.contains(w) || self.modifier(i))
                });
            let preposition = phrase.is_some_and(|i| {
                self.coder
                    .sets
                    .recipient_prepositions
                    .contains(self.lower(i))
            });
            if actor.is_empty() && preposition {
                actor = self.actor_of(m.start, verbal);
            }
            // Rule `claimed-act`: "the Taliban claimed responsibility for
            // the car bombing": the act's doer is whoever claims it.
            if actor.is_empty() {
                if let Some(claim) = self.claim_verb(m.start) {
                    actor = self.actor_of(claim, false);
                }
            }
            // "Serb forces were engaged in ethnic cleansing": the act named
            // after an active verb's "in" is its subject's.
            if actor.is_empty() {
                if let Some((v, false)) = self.clause_verb(m.start) {
                    actor = self.actor_of(v, verbal);
                }
            }
            if actor.is_empty() && cue.event_type != "ASSAULT" {
                return None;
            }
            if recipient.is_empty() {
                recipient = self.sufferer(m.start);
            }
            // Rule `act-subject`: "US drone strikes killed eight al-Qaeda
            // leaders": the act's noun is the subject of a verb of harm,
            // whose object it struck.
            if recipient.is_empty() && HOSTILE.contains(&cue.event_type.as_str()) {
                if let Some(mut v) = (m.end..clause_end).find(|&i| self.doc.verbal(i)) {
                    // "have killed": the verb group's last verb.
                    while v + 1 < clause_end && self.doc.verbal(v + 1) {
                        v += 1;
                    }
                    recipient = self
                        .object(v + 1, clause_end)
                        .map(|g| self.entities(g))
                        .unwrap_or_default();
                }
            }
        } else if modality.passive {
            // Rule `passive-by`.
            recipient = self.actor_of(verb, false);
            // "A camp for Congolese refugees was attacked": the party inside
            // the subject; "A camp in Chad was attacked": the subject's place.
            if recipient.is_empty() {
                recipient = self
                    .groups_in(self.clause_start(verb), verb)
                    .find(|g| {
                        matches!(
                            self.governed(self.group_span(g).0),
                            Governed::Recipient | Governed::Owner
                        )
                    })
                    .map(|g| self.entities(g))
                    .unwrap_or_default();
            }
            if recipient.is_empty() {
                recipient = self.place(self.clause_start(verb), verb);
            }
            actor = self
                .agent(m.end, clause_end)
                .map(|g| self.entities(g))
                .unwrap_or_default();
        } else {
            actor = self.actor_of(verb, verbal);
            // The pattern may hold the object ("rejected an Indian
            // proposal"): look from the verb on.
            let object = self.object(m.start + 1, clause_end);
            recipient = object.map(|g| self.entities(g)).unwrap_or_default();
            // Rule `accused-agent`: "is investigating alleged war crimes by
            // Croatian extremists against Serb civilians": the party after
            // "by" in what is alleged is the accused.
            if cue.event_type == "ACCUSE" {
                let object_start = object.map_or(usize::MAX, |g| self.group_span(g).0);
                if let Some(g) = self
                    .agent(m.end, clause_end)
                    .filter(|g| self.group_span(g).0 < object_start)
                {
                    recipient = self.entities(g);
                }
            }
            // Rule `answered-party`: "rejected calls by Belarus's rulers",
            // "accepted demands from the rebels": an answer is aimed at
            // whoever made the call. "demanded an apology from Japan", "an
            // admission by Moscow that ...": a demand is made of whoever is
            // to give what it asks for.
            if recipient.is_empty() && ANSWERS.contains(&cue.event_type.as_str()) {
                recipient = self.source(m.end, clause_end, true);
            }
            if recipient.is_empty() && cue.event_type == "REQUEST" {
                recipient = self.source(m.end, clause_end, false);
            }
            if recipient.is_empty() && GOVERNING.contains(&cue.event_type.as_str()) {
                recipient = self.content_subject(clause_end);
            }
        }
        // A party the act defies or a place it is about may be of the
        // actor's own state, and still another party than the actor.
        let mut own_ground = false;
        if recipient.is_empty() && DEFIANT.contains(&cue.event_type.as_str()) {
            recipient = self.defied(m.end, clause_end);
            own_ground = !recipient.is_empty();
        }
        // Someone the act struck is named (not just where it happened).
        let struck = !recipient.is_empty();
        if recipient.is_empty() && LOCATED.contains(&cue.event_type.as_str()) {
            recipient = self.place(m.start + 1, clause_end);
        }
        // Rule `setting-recipient`: an act that happens somewhere, with no
        // party named as its recipient, is aimed at the state the sentence
        // places it in when that is another than the actor's ("evacuated
        // the wounded from the besieged Bosnian town of Gorazde").
        if recipient.is_empty() && LOCATED.contains(&cue.event_type.as_str()) {
            let own = |c: &String| actor.iter().any(|a| a.country.as_ref() == Some(c));
            if let Some(country) = self.setting.as_ref().filter(|c| !own(c)) {
                recipient = self.setting_party(country, None).unwrap_or_default();
            }
        }
        // Rule `visit-host`: "arrived in Amman on a visit": the visit's host
        // is the state it took place in.
        if recipient.is_empty()
            && cue.event_type == "CONSULT"
            && cue.mode.as_deref() == Some("visit")
        {
            let own: Vec<Option<String>> = actor.iter().map(|a| a.country.clone()).collect();
            recipient = self
                .place(self.clause_start(m.start), clause_end)
                .into_iter()
                .filter(|e| !own.contains(&e.country))
                .collect();
        }
        // Rule `condition-target`: "threatened to stop the talks if the
        // United States goes ahead": the threat is aimed at whoever the
        // condition names.
        if recipient.is_empty() && cue.event_type == "THREATEN" {
            recipient = self.condition_subject(m.end);
        }
        // A demand, refusal or threat about a place ("demanded a truce in
        // east Bosnia") is aimed at the state of that place.
        // Such a place may be the actor's own ("threatened a curfew in
        // Algiers"): a state's measure on its own ground is aimed at home.
        // (A state named as such, "Iran's sovereignty", is no ground.)
        if recipient.is_empty() && GOVERNING.contains(&cue.event_type.as_str()) {
            let content_end = self.clause_end(clause_end.saturating_add(1).min(self.end));
            if let Some(g) = self.place_group(m.start + 1, content_end.max(clause_end)) {
                recipient = self.entities(g);
                own_ground = g.iter().all(|&k| self.mentions[k].kind != Kind::State);
            }
        }
        // "mediated between Israel and Hamas": the parties of a talk.
        if cue.event_type == "CONSULT" {
            if let Some(at) =
                (m.end..(m.end + 3).min(clause_end)).find(|&i| self.lower(i) == "between")
            {
                if let Some(g) = self.groups_in(at + 1, clause_end).next() {
                    recipient.extend(self.entities(g));
                }
            }
        }
        // Rule `unidentified-attacker`: a bombing or killing told without
        // its doer ("a roadside bombing near Samarra killed one U.S.
        // soldier", "was killed in a car bomb explosion in Beirut") is by an
        // unidentified attacker of the state it took place in, as ICEWS and
        // PLOVER code it, when someone it struck is named or counted.
        // Not an earlier act the sentence gives as a reason ("reimposed
        // the blockade following the killing of two soldiers").
        // Victims only counted ("one man was killed by falling debris")
        // with a cause told after "by" are no attack's.
        let assault = cue.event_type == "ASSAULT";
        let told_cause = || {
            modality.passive
                && (m.end..clause_end)
                    .any(|i| self.grammar.agent_prepositions.contains(self.lower(i)))
        };
        let harmed =
            assault && (struck || self.casualties() && !told_cause()) && !self.anterior(m.start);
        // A pronoun subject ("when they opened fire") is a doer, if unresolved.
        let pronoun = || {
            self.subject(verb).is_some_and(|g| {
                g.iter().all(|&k| {
                    matches!(
                        self.mentions[k].kind,
                        Kind::Pronoun | Kind::Plural | Kind::FirstPerson
                    )
                })
            })
        };
        let mut unnamed_actor = false;
        if actor.is_empty() && harmed && !pronoun() {
            if let Some(party) = self.setting_party(self.doc.span_text(m.start, m.end), None) {
                unnamed_actor = true;
                actor = party;
            }
        }
        // Rule `local-authority`: an arrest, a ban or an expulsion told in
        // the passive with no agent ("two Iranians were arrested in Baku")
        // is by the authorities of the state where it happened.
        if actor.is_empty()
            && cue.event_type == "COERCE"
            && modality.passive
            && !recipient.is_empty()
        {
            if let Some(party) = self.setting_party("authorities", Some("GOV")) {
                actor = party;
            }
        }
        // Rule `struck-setting`: victims told only by number or role
        // ("killed 23 people ... in Tel Aviv", "a journalist was killed in
        // Beirut") are of the state where the sentence places the attack.
        if recipient.is_empty() && harmed {
            if let Some(party) = self.setting_party("victims", Some("CVL")) {
                recipient = party;
            }
        }
        // A party does not act on itself (a state's government may act on
        // its rebels).
        if !own_ground {
            recipient.retain(|r| {
                !actor
                    .iter()
                    .any(|a| a.country == r.country && same_party(a, r))
            });
        }
        if actor.is_empty() {
            return None;
        }
        // Rule `lone-party`: a consultation needs two parties. "Israel's
        // Cabinet met Sunday" is a body's own session, no consultation; a
        // meeting of an international body ("the Security Council met")
        // and a summit a party attends stay one.
        let body = |a: &Entity| {
            a.country
                .as_deref()
                .is_some_and(|c| NON_STATES.contains(&c) && c != "NGO")
        };
        // "attended a conference", "held a summit": a party at a gathering;
        // a summit named in passing ("during a G8 summit") is no party's.
        // A host with its guests unnamed ("hosted a summit") is one too.
        let gathering = cue.mode.as_deref() == Some("visit")
            || cue.mode.as_deref() == Some("multilateral")
                && (light.is_some() || self.doc.verbal(m.start));
        if cue.event_type == "CONSULT"
            && !gathering
            && recipient.is_empty()
            && actor.len() < 2
            && !actor.iter().any(body)
        {
            return None;
        }
        // Rule `domestic`: a protest, a crackdown or police violence with
        // no one else named is aimed at the actor's own state or people.
        if recipient.is_empty()
            && matches!(
                cue.event_type.as_str(),
                "PROTEST" | "COERCE" | "ASSAULT" | "CONCEDE"
            )
        {
            recipient = domestic(&actor, &cue.event_type);
        }
        let mut event_type = cue.event_type.clone();
        let mut mode = cue.mode.clone();
        let mut cameo = cue.cameo.clone();
        // Rule `conditional-threat`: an act announced on a condition is a
        // warning when it would harm ("may halt its mediation if the
        // parties do not cooperate") or is the price of refusing ("will
        // withdraw its force unless the rebels disarm"); otherwise it is
        // hypothetical (coding guide, section 1).
        let quad_of = |t: &str| {
            self.coder
                .lexicon
                .plover
                .event_type(t)
                .map_or(0, |p| p.quad_class)
        };
        let announced = modality.future || modality.possible || modality.conditional;
        if announced && !modality.negated && !nominal {
            if let Some(opener) = self.condition(verb) {
                let quad = quad_of(&event_type);
                let exceptive = self.grammar.exceptive_openers.contains(opener);
                // Harm to the recipient: "would deploy troops to Ukraine if
                // Russia broke through" harms no one named.
                if HOSTILE.contains(&event_type.as_str()) {
                    (event_type, mode, cameo) =
                        crate::events::future_form(&event_type, quad, mode, cameo);
                    modality = Modality::default();
                } else if exceptive && matches!(event_type.as_str(), "RETREAT" | "CONCEDE") {
                    (event_type, mode, cameo) = ("THREATEN".into(), None, "130".into());
                    modality = Modality::default();
                }
            }
        }
        if modality.conditional || modality.possible && !modality.future {
            return None;
        }
        if modality.negated {
            // "will not withdraw": a refused future act is a refusal.
            if !modality.future || event_type == "REJECT" {
                return None;
            }
            event_type = "REJECT".into();
            mode = None;
            cameo = "120".into();
        } else if modality.future && !nominal {
            let quad = quad_of(&event_type);
            (event_type, mode, cameo) = crate::events::future_form(&event_type, quad, mode, cameo);
        }
        // Rule `official-protest`: a state named as such ("The Philippines
        // protested the Chinese actions"), its seat or a ministry that
        // protests lodges a diplomatic protest, ACCUSE (coding guide), not
        // a street protest; a people ("Filipinos", "Algerian landowners")
        // demonstrates.
        // Only a protest as such (mode demo): a state's people on hunger
        // strike or blocking roads still protest.
        let demo = mode.as_deref() == Some("demo");
        if event_type == "PROTEST" && demo && !nominal && self.official_subject(verb) {
            (event_type, mode, cameo) = ("ACCUSE".into(), Some("disapprove".into()), "111".into());
        }
        // Rule `joint-exercise`: drills held by two states together are
        // cooperation, not a show of force (coding guide: joint exercises
        // are COOPERATE).
        let exercise =
            (m.start..m.end).any(|i| self.grammar.exercise_words.contains(self.lower(i)));
        let states: std::collections::BTreeSet<&str> =
            actor.iter().filter_map(|a| a.country.as_deref()).collect();
        if event_type == "MOBILIZE" && exercise && states.len() >= 2 {
            (event_type, mode, cameo) = ("COOPERATE".into(), None, "062".into());
            // Held among the actors; where ("in the Sea of Japan") is no party.
            recipient.clear();
        }
        if event_type == "CONSULT" && cue.mode.as_deref() != Some("visit") {
            // Talks: every party is an actor; a visit has a host.
            actor.append(&mut recipient);
        }
        Some(Candidate {
            sentence: self.index,
            cue: m.cue,
            event_type,
            mode,
            cameo,
            actor,
            recipient,
            start: m.start,
            end: m.end,
            confidence: if nominal { 0.5 } else { 0.6 },
            anaphoric: false,
            reaction_topic: false,
            relative: false,
            nominal,
            mutual: false,
            speaker: None,
            aim_only: false,
            derived_by: None,
            unnamed_actor,
        })
    }
}
