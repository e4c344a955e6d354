//! The English pack: its analysis of a text (sentences split around
//! English abbreviations, possessive and negative clitics split off, each
//! word's lemma by inflection) and its acts (cues found by lemma, actors and
//! recipients from English word order: subject–verb–object, passive "by",
//! prepositions, reported speech, nominal events such as "Israel's strike
//! on Iran"). Its data is `lexicon/en/`.

mod grammar;
mod morphology;

use rustc_hash::FxHashSet as HashSet;
use warta_analyse::Voice;
use warta_lexicon::LanguageLexicon;

use crate::budget::Budget;
use crate::compiled::{set, Coder};
use crate::document::{Analysed, Morph};
use crate::events::Candidate;
use crate::lang::LanguagePack;

use morphology::Inflection;

/// English (`en`).
pub(crate) struct English;

/// What the English grammar compiles from `lexicon/en/words.toml`.
pub(crate) struct Grammar {
    inflection: Inflection,
    passive_auxiliaries: HashSet<String>,
    determiners: HashSet<String>,
    agent_prepositions: HashSet<String>,
    setting_prepositions: HashSet<String>,
    /// Prepositions that set an act in a place ("in", "throughout").
    location_prepositions: HashSet<String>,
    /// The states' adjectives ("Israeli", "Russian"), lower case: before a
    /// cue word they make it a noun ("Israeli strikes").
    adjectives: HashSet<String>,
    partitive_heads: HashSet<String>,
    attribute_prefixes: HashSet<String>,
    /// Phrases of quantity, as token lists ("at least").
    quantity_phrases: Vec<Vec<String>>,
    instrument_prepositions: HashSet<String>,
    stative_participles: HashSet<String>,
    people_prefixes: HashSet<String>,
    title_modifiers: HashSet<String>,
    source_prepositions: HashSet<String>,
    concessive_openers: HashSet<String>,
    condition_openers: HashSet<String>,
    exceptive_openers: HashSet<String>,
    failure_verbs: HashSet<String>,
    indefinite_articles: HashSet<String>,
    place_nouns: HashSet<String>,
    purpose_openers: HashSet<String>,
    exercise_words: HashSet<String>,
    infinitive_markers: HashSet<String>,
    allegation_words: HashSet<String>,
    allegation_links: HashSet<String>,
    claim_verbs: HashSet<String>,
    claim_objects: HashSet<String>,
    claim_links: HashSet<String>,
    compass_words: HashSet<String>,
}

impl LanguagePack for English {
    fn code(&self) -> &'static str {
        "en"
    }

    fn compile(
        &self,
        pack: &LanguageLexicon,
        roots: &[String],
    ) -> Option<Box<dyn std::any::Any + Send + Sync>> {
        let w = &pack.words;
        let inflection = Inflection::new(
            w.irregular_forms
                .iter()
                .map(|f| (f.lemma.clone(), f.forms.clone())),
            roots.iter().cloned(),
        );
        Some(Box::new(Grammar {
            inflection,
            passive_auxiliaries: set(&w.passive_auxiliaries),
            determiners: set(&w.determiners),
            agent_prepositions: set(&w.agent_prepositions),
            setting_prepositions: set(&w.setting_prepositions),
            location_prepositions: set(&w.location_prepositions),
            partitive_heads: set(&w.partitive_heads),
            attribute_prefixes: set(&w.attribute_prefixes),
            instrument_prepositions: set(&w.instrument_prepositions),
            stative_participles: set(&w.stative_participles),
            people_prefixes: set(&w.people_prefixes),
            title_modifiers: set(&w.title_modifiers),
            source_prepositions: set(&w.source_prepositions),
            concessive_openers: set(&w.concessive_openers),
            condition_openers: set(&w.condition_openers),
            exceptive_openers: set(&w.exceptive_openers),
            failure_verbs: set(&w.failure_verbs),
            indefinite_articles: set(&w.indefinite_articles),
            place_nouns: set(&w.place_nouns),
            purpose_openers: set(&w.purpose_openers),
            exercise_words: set(&w.exercise_words),
            infinitive_markers: set(&w.infinitive_markers),
            allegation_words: set(&w.allegation_words),
            allegation_links: set(&w.allegation_links),
            claim_verbs: set(&w.claim_verbs),
            claim_objects: set(&w.claim_objects),
            claim_links: set(&w.claim_links),
            compass_words: set(&w.compass_words),
            quantity_phrases: w
                .quantity_phrases
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
            adjectives: pack
                .names
                .country
                .iter()
                .flat_map(|c| &c.adjectives)
                .filter_map(|a| a.split_whitespace().last())
                .map(str::to_lowercase)
                // "Israelis", "Palestinians" are nouns: they act.
                .filter(|a| !a.ends_with('s') || a.ends_with("ss"))
                .collect(),
        }))
    }

    fn analyse(&self, coder: &Coder, text: String) -> Analysed {
        let Some(grammar) = coder.grammar::<Grammar>() else {
            return coder.analyse_with(text, &|lower: &str| Morph {
                root: lower.to_owned(),
                voice: Voice::Active,
                verbal: false,
                agent_noun: false,
            });
        };
        coder.analyse_with(text, &|lower: &str| {
            let lemma = grammar.inflection.lemma(lower);
            Morph {
                root: lemma.lemma,
                voice: Voice::Active,
                verbal: lemma.verb_form,
                agent_noun: false,
            }
        })
    }

    fn acts(
        &self,
        coder: &Coder,
        analysed: &Analysed,
        _headline: bool,
        date: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<Candidate>, &'static str> {
        let Some(grammar) = coder.grammar::<Grammar>() else {
            return Ok(Vec::new());
        };
        grammar::acts(coder, grammar, analysed, date, budget)
    }
}
