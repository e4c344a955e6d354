//! The lexicon compiled for matching: name tables keyed by first token,
//! cue patterns keyed by their first matcher, the stemmer's dictionary, the
//! office index. Built once; shared read-only by every worker thread.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use warta_analyse::dates::{Calendar, RelativeUnit};
use warta_analyse::numbers::NumberWords;
use warta_analyse::{tokenize, Stemmer, TokenKind};
use warta_clean::{CleanRules, LanguageDetector};
use warta_lexicon::{Cue, LanguageLexicon, Lexicon};

/// What a name in the lexicon points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameTarget {
    Country(usize),
    /// A seat of government standing for the state's government.
    Metonym(usize),
    Organisation(usize),
    Title(usize),
    /// A title name that implies its country ("Kapolri").
    CountryTitle(usize),
    Person(usize),
    Place(usize),
}

/// One name, as a sequence of tokens.
#[derive(Debug, Clone)]
pub(crate) struct Name {
    /// Lower-case tokens (or exact tokens when `exact`).
    pub tokens: Vec<String>,
    pub exact: bool,
    pub target: NameTarget,
}

/// A token matcher of a cue pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Matcher {
    /// A word with one of the roots, or exactly one of the forms (lower
    /// case): "serang" a root, "=serangan" a form; "rally|=marched" mixes
    /// them, and a leading "=" makes every alternative a form.
    Words {
        roots: Vec<String>,
        forms: Vec<String>,
    },
    /// Up to three words of anything.
    Gap,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledCue {
    pub matchers: Vec<Matcher>,
    pub object: Vec<Matcher>,
    pub not_object: Vec<Matcher>,
}

/// Everything the coder needs, compiled from a [`Lexicon`].
pub struct Coder {
    pub(crate) lexicon: Lexicon,
    /// This coder's language pack: its words, titles and cues
    /// (`lexicon/id/`, `lexicon/en/`).
    pub(crate) pack: LanguageLexicon,
    /// Which of a thread's word caches this coder's language uses.
    pub(crate) slot: usize,
    /// The coders of the other packs: the same world compiled with another
    /// language's words, titles and cues (empty in those coders).
    pub(crate) others: Vec<Coder>,
    /// What the pack's grammar compiles for itself from its data
    /// (`LanguagePack::compile`), if anything.
    pub(crate) grammar: Option<Box<dyn std::any::Any + Send + Sync>>,
    /// Names keyed by the lower-case first token.
    pub(crate) names: HashMap<String, Vec<Name>>,
    pub(crate) cues: Vec<CompiledCue>,
    /// Cue indexes keyed by the root or form of their first matcher.
    pub(crate) cues_by_root: HashMap<String, Vec<usize>>,
    pub(crate) cues_by_form: HashMap<String, Vec<usize>>,
    /// Cues whose first word is an active (meN-) form, keyed by that form
    /// without its prefix: a headline says "Jepang Minta Korut Hentikan
    /// ..." for "meminta", "menghentikan".
    pub(crate) cues_by_headline_form: HashMap<String, Vec<usize>>,
    pub(crate) stemmer: Stemmer,
    pub(crate) calendar: Calendar,
    pub(crate) numbers: NumberWords,
    pub(crate) clean_rules: CleanRules,
    pub(crate) abbreviations: HashSet<String>,
    /// (title id, country or organisation country) -> offices, as (person, office index).
    pub(crate) offices: HashMap<(usize, String), Vec<(usize, usize)>>,
    pub(crate) title_ids: HashMap<String, usize>,
    pub(crate) sets: WordSets,
    pub(crate) language: LanguageDetector,
}

/// The closed word classes, as sets for quick lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSets {
    pub negators: HashSet<String>,
    pub future: HashSet<String>,
    pub intent: HashSet<String>,
    pub hypothetical: HashSet<String>,
    pub hedges: HashSet<String>,
    pub speech_verbs: HashSet<String>,
    pub light_verbs: HashSet<String>,
    pub pronouns_person: HashSet<String>,
    pub pronouns_plural: HashSet<String>,
    /// First words of the person and plural pronoun phrases.
    pub pronoun_starts: HashSet<String>,
    pub first_person: HashSet<String>,
    pub coordinators: HashSet<String>,
    pub recipient_prepositions: HashSet<String>,
    pub clause_breakers: HashSet<String>,
    pub former: HashSet<String>,
    pub counterpart: HashSet<String>,
    pub sports: HashSet<String>,
    pub denials: HashSet<String>,
    pub questions: HashSet<String>,
    pub demonstratives: HashSet<String>,
    /// Words a noun phrase may open with before its head ("para tentara").
    pub determiners: HashSet<String>,
    pub relative_adverbs: HashSet<String>,
    pub subordinators: HashSet<String>,
    pub topic_openers: HashSet<String>,
    pub name_particles: HashSet<String>,
    pub nominal_words: HashSet<String>,
    pub object_markers: HashSet<String>,
    pub initials_nouns: HashSet<String>,
    pub not_counts: HashSet<String>,
    /// Weapon root -> ASSAULT mode.
    pub weapon_modes: HashMap<String, String>,
    /// Weapon phrases (lower-case words) and their ASSAULT mode.
    pub weapon_phrases: Vec<(Vec<String>, String)>,
    pub casualty_dead: HashSet<String>,
    pub number_openers: HashSet<String>,
    pub place_prepositions: HashSet<String>,
    pub casualty_injured: HashSet<String>,
    pub casualty_arrested: HashSet<String>,
    pub phrase_prepositions: HashSet<String>,
    pub auxiliaries: HashSet<String>,
    pub attributions: HashSet<String>,
    pub pronouns_state: HashSet<String>,
    pub own_nouns: HashSet<String>,
    pub phrase_coordinators: HashSet<String>,
    pub reciprocals: HashSet<String>,
    pub intensifiers: HashSet<String>,
    pub plans: HashSet<String>,
    pub modals: HashSet<String>,
    pub unrealised_openers: HashSet<String>,
    pub contrast_words: HashSet<String>,
    pub cancel_words: HashSet<String>,
    pub adjectival_verbs: HashSet<String>,
    pub condition_nouns: HashSet<String>,
    pub means_prepositions: HashSet<String>,
    pub territory_nouns: HashSet<String>,
    pub continuatives: HashSet<String>,
    pub time_anaphors: HashSet<String>,
    pub provocations: HashSet<String>,
    pub date_bounds: HashSet<String>,
    pub causatives: HashSet<String>,
    pub complement_verbs: HashSet<String>,
    pub approximators: HashSet<String>,
    pub anterior: HashSet<String>,
    pub anterior_openers: HashSet<String>,
    pub specifiers: HashSet<String>,
    pub report_attributions: HashSet<String>,
    pub relativizers: HashSet<String>,
    pub period_openers: HashSet<String>,
    pub claim_openers: HashSet<String>,
    pub preparations: HashSet<String>,
    pub future_times: HashSet<String>,
    pub topic_verbs: HashSet<String>,
    pub bare_governments: HashSet<String>,
    pub purpose_words: HashSet<String>,
    pub directional: HashSet<String>,
    pub setting_prepositions: HashSet<String>,
    pub content_openers: HashSet<String>,
}

impl WordSets {
    /// Whether the object of this verb form may be the subject of the verb
    /// after it: a verb of saying, knowing or attribution takes a whole
    /// clause ("mengatakan Rusia akan ..."), a causative makes its object
    /// act ("mendesak Iran menahan diri").
    pub fn object_may_act(&self, verb: &str) -> bool {
        self.speech_verbs.contains(verb)
            || self.complement_verbs.contains(verb)
            || self.attributions.contains(verb)
            || self.causatives.contains(verb)
    }
}

/// A word list as a lower-case set.
pub(crate) fn set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Lower-case tokens of a name as the tokenizer cuts them.
pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    tokenize(name)
        .iter()
        .filter(|t| t.kind != TokenKind::Quote)
        .map(|t| t.text(name).to_lowercase())
        .collect()
}

/// The pack the coder starts from: the loader refuses a lexicon without it.
const PRIMARY_PACK: &str = "id";

impl Coder {
    /// The coder of every language pack in the lexicon that this build has
    /// a grammar for (`crate::lang`).
    pub fn new(lexicon: Lexicon) -> Coder {
        let others: Vec<Coder> = lexicon
            .languages
            .iter()
            .filter(|l| l.code != PRIMARY_PACK)
            .filter(|l| crate::lang::pack_for(&l.code).is_some_and(|p| p.code() == l.code))
            .map(|l| l.code.clone())
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
            .map(|(k, code)| Coder::compile(lexicon.clone(), &code, k + 1))
            .collect();
        let mut coder = Coder::compile(lexicon, PRIMARY_PACK, 0);
        coder.others = others;
        coder
    }

    /// The coder of one language's pack (this one, or one of its others).
    pub(crate) fn for_language(&self, code: &str) -> Option<&Coder> {
        std::iter::once(self)
            .chain(&self.others)
            .find(|c| c.pack.code == code)
    }

    /// The world compiled with one pack's words, titles and cues.
    fn compile(lexicon: Lexicon, code: &str, slot: usize) -> Coder {
        let pack = lexicon.language(code).cloned().unwrap_or_default();
        let mut names: HashMap<String, Vec<Name>> = HashMap::default();
        let clitics: Vec<String> = pack.words.clitics.clone();
        let mut add = |text: &str, exact: bool, target: NameTarget| {
            let tokens: Vec<String> = if exact {
                tokenize(text)
                    .iter()
                    .map(|t| t.text(text).to_string())
                    .collect()
            } else {
                name_tokens(text)
            };
            // Names are cut as the text is: "People's" is "People" "'s".
            let tokens = split_name_clitics(tokens, &clitics);
            if let Some(first) = tokens.first() {
                names.entry(first.to_lowercase()).or_default().push(Name {
                    tokens,
                    exact,
                    target,
                });
            }
        };
        for (i, c) in lexicon.countries.iter().enumerate() {
            c.names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Country(i)));
            c.abbreviations
                .iter()
                .for_each(|n| add(n, true, NameTarget::Country(i)));
            c.metonyms
                .iter()
                .for_each(|n| add(n, false, NameTarget::Metonym(i)));
        }
        for (i, o) in lexicon.organisations.iter().enumerate() {
            o.names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Organisation(i)));
            o.abbreviations
                .iter()
                .for_each(|n| add(n, true, NameTarget::Organisation(i)));
        }
        // The pack's own names of the shared states and organisations.
        for variants in &pack.names.country {
            let Some(i) = lexicon
                .countries
                .iter()
                .position(|c| c.code == variants.code)
            else {
                continue;
            };
            variants
                .names
                .iter()
                .chain(&variants.adjectives)
                .for_each(|n| add(n, false, NameTarget::Country(i)));
            variants
                .abbreviations
                .iter()
                .for_each(|n| add(n, true, NameTarget::Country(i)));
            variants
                .metonyms
                .iter()
                .for_each(|n| add(n, false, NameTarget::Metonym(i)));
        }
        for variants in &pack.names.organisation {
            let Some(i) = lexicon
                .organisations
                .iter()
                .position(|o| o.id == variants.id)
            else {
                continue;
            };
            variants
                .names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Organisation(i)));
            variants
                .abbreviations
                .iter()
                .for_each(|n| add(n, true, NameTarget::Organisation(i)));
        }
        for (i, t) in pack.titles.iter().enumerate() {
            t.names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Title(i)));
            t.abbreviations
                .iter()
                .for_each(|n| add(n, true, NameTarget::Title(i)));
            t.country_names
                .iter()
                .for_each(|n| add(n, false, NameTarget::CountryTitle(i)));
        }
        for (i, p) in lexicon.people.iter().enumerate() {
            p.names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Person(i)));
        }
        for (i, p) in lexicon.places.iter().enumerate() {
            p.names
                .iter()
                .for_each(|n| add(n, false, NameTarget::Place(i)));
        }
        // Longest names first, so the first match found is the longest.
        for list in names.values_mut() {
            list.sort_by(|a, b| {
                b.tokens
                    .len()
                    .cmp(&a.tokens.len())
                    .then(rank(a.target).cmp(&rank(b.target)))
            });
        }

        let cues: Vec<CompiledCue> = pack.cues.iter().map(compile_cue).collect();
        let mut cues_by_root: HashMap<String, Vec<usize>> = HashMap::default();
        let mut cues_by_form: HashMap<String, Vec<usize>> = HashMap::default();
        let mut roots: Vec<String> = pack.words.roots.clone();
        for (i, cue) in cues.iter().enumerate() {
            for matcher in cue
                .matchers
                .iter()
                .chain(&cue.object)
                .chain(&cue.not_object)
            {
                if let Matcher::Words { roots: list, .. } = matcher {
                    roots.extend(list.iter().cloned());
                }
            }
            if let Some(Matcher::Words { roots, forms }) = cue.matchers.first() {
                for r in roots {
                    cues_by_root.entry(r.clone()).or_default().push(i);
                }
                for f in forms {
                    cues_by_form.entry(f.clone()).or_default().push(i);
                }
            }
        }
        let grammar = crate::lang::pack_for(code)
            .filter(|p| p.code() == code)
            .and_then(|p| p.compile(&pack, &roots));
        let stemmer = Stemmer::new(roots, pack.words.lexicalised.iter().cloned());
        let mut cues_by_headline_form: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, cue) in cues.iter().enumerate() {
            // Only a pattern that opens with exact forms.
            if let Some(Matcher::Words { roots, forms }) = cue.matchers.first() {
                if !roots.is_empty() {
                    continue;
                }
                for form in forms {
                    // "mengecam" is "Kecam" in a headline, "menghentikan"
                    // "Hentikan", "menewaskan" "Tewaskan" (bare "Tewas" is
                    // "died"): the active form without its prefix.
                    let analysis = stemmer.analyse(form);
                    if analysis.prefixes.first() == Some(&"meN") {
                        let suffix = analysis.suffix.filter(|s| *s != "an").unwrap_or("");
                        let bare = format!("{}{suffix}", analysis.root);
                        let entry = cues_by_headline_form.entry(bare).or_default();
                        if !entry.contains(&i) {
                            entry.push(i);
                        }
                    }
                }
            }
        }

        let title_ids: HashMap<String, usize> = pack
            .titles
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let mut offices: HashMap<(usize, String), Vec<(usize, usize)>> = HashMap::default();
        for (p, person) in lexicon.people.iter().enumerate() {
            for (o, office) in person.office.iter().enumerate() {
                if let Some(&t) = title_ids.get(&office.title) {
                    // An office of a place is found only through the place.
                    if !office.place.is_empty() {
                        offices
                            .entry((t, format!("place:{}", office.place)))
                            .or_default()
                            .push((p, o));
                        continue;
                    }
                    offices
                        .entry((t, office.country.clone()))
                        .or_default()
                        .push((p, o));
                    if !office.organisation.is_empty() {
                        offices
                            .entry((t, format!("org:{}", office.organisation)))
                            .or_default()
                            .push((p, o));
                    }
                }
            }
        }

        let w = &pack.words;
        let sets = WordSets {
            negators: set(&w.negators),
            future: set(&w.future),
            intent: set(&w.intent),
            hypothetical: set(&w.hypothetical),
            hedges: set(&w.hedges),
            speech_verbs: set(&w.speech_verbs),
            light_verbs: set(&w.light_verbs),
            pronouns_person: set(&w.pronouns_person),
            pronouns_plural: set(&w.pronouns_plural),
            pronoun_starts: w
                .pronouns_person
                .iter()
                .chain(&w.pronouns_plural)
                .chain(&w.pronouns_state)
                .filter_map(|p| p.split_whitespace().next())
                .map(str::to_lowercase)
                .collect(),
            first_person: set(&w.first_person),
            coordinators: set(&w.coordinators),
            recipient_prepositions: set(&w.recipient_prepositions),
            clause_breakers: set(&w.clause_breakers),
            former: set(&w.former),
            counterpart: set(&w.counterpart),
            sports: set(&w.sports_words),
            denials: set(&w.denials),
            questions: set(&w.questions),
            demonstratives: set(&w.demonstratives),
            determiners: set(&w.determiners),
            relative_adverbs: set(&w.relative_adverbs),
            subordinators: set(&w.subordinators),
            topic_openers: set(&w.topic_openers),
            name_particles: w.name_particles.iter().cloned().collect(),
            nominal_words: set(&w.nominal_words),
            object_markers: set(&w.object_markers),
            initials_nouns: set(&w.initials_nouns),
            not_counts: set(&w.not_counts),
            weapon_modes: w
                .weapon_modes
                .iter()
                .flat_map(|m| {
                    m.roots
                        .iter()
                        .map(move |r| (r.to_lowercase(), m.mode.clone()))
                })
                .collect(),
            weapon_phrases: w
                .weapon_modes
                .iter()
                .flat_map(|m| {
                    m.phrases.iter().map(move |p| {
                        (
                            p.split_whitespace().map(str::to_lowercase).collect(),
                            m.mode.clone(),
                        )
                    })
                })
                .collect(),
            casualty_dead: set(&w.casualty_dead),
            number_openers: set(&w.number_openers),
            place_prepositions: set(&w.place_prepositions),
            casualty_injured: set(&w.casualty_injured),
            casualty_arrested: set(&w.casualty_arrested),
            phrase_prepositions: set(&w.phrase_prepositions),
            auxiliaries: set(&w.auxiliaries),
            attributions: set(&w.attributions),
            pronouns_state: set(&w.pronouns_state),
            own_nouns: set(&w.own_nouns),
            phrase_coordinators: set(&w.phrase_coordinators),
            reciprocals: set(&w.reciprocals),
            intensifiers: set(&w.intensifiers),
            plans: set(&w.plans),
            modals: set(&w.modals),
            unrealised_openers: set(&w.unrealised_openers),
            contrast_words: set(&w.contrast_words),
            cancel_words: set(&w.cancel_words),
            adjectival_verbs: set(&w.adjectival_verbs),
            condition_nouns: set(&w.condition_nouns),
            means_prepositions: set(&w.means_prepositions),
            territory_nouns: set(&w.territory_nouns),
            continuatives: set(&w.continuatives),
            time_anaphors: set(&w.time_anaphors),
            provocations: set(&w.provocations),
            date_bounds: set(&w.date_bounds),
            causatives: set(&w.causatives),
            complement_verbs: set(&w.complement_verbs),
            approximators: set(&w.approximators),
            anterior: set(&w.anterior),
            anterior_openers: set(&w.anterior_openers),
            specifiers: set(&w.specifiers),
            report_attributions: set(&w.report_attributions),
            relativizers: set(&w.relativizers),
            period_openers: set(&w.period_openers),
            claim_openers: set(&w.claim_openers),
            preparations: set(&w.preparations),
            future_times: set(&w.future_times),
            topic_verbs: set(&w.topic_verbs),
            bare_governments: set(&w.bare_governments),
            purpose_words: set(&w.purpose_words),
            directional: set(&w.directional),
            setting_prepositions: set(&w.setting_prepositions),
            content_openers: set(&w.content_openers),
        };
        let calendar = Calendar::new(
            w.months.iter().map(|m| (m.names.clone(), m.month)),
            &w.weekdays,
        )
        .with_name_heads(&w.date_name_heads)
        .with_year_openers(&w.year_openers)
        .with_relative(w.relative_dates.iter().map(|r| {
            let unit = match r.unit {
                warta_lexicon::DateUnit::Day => RelativeUnit::Day,
                warta_lexicon::DateUnit::Week => RelativeUnit::Week,
                warta_lexicon::DateUnit::Month => RelativeUnit::Month,
                warta_lexicon::DateUnit::Year => RelativeUnit::Year,
            };
            (r.phrase.clone(), unit, r.offset)
        }))
        .with_past_openers(&w.past_openers)
        .with_month_first(w.month_first);
        let numbers = NumberWords::new(
            w.number_words
                .iter()
                .map(|n| (n.word.clone(), n.value, n.multiplier)),
        );
        // Names a stripped link may glue to the next word ("Rusiadalam"):
        // each capitalised word of a state's, person's or place's name.
        let glued_names: HashSet<String> = lexicon
            .countries
            .iter()
            .flat_map(|c| c.names.iter().chain(&c.metonyms))
            .chain(lexicon.people.iter().flat_map(|p| &p.names))
            .chain(lexicon.places.iter().flat_map(|p| &p.names))
            .flat_map(|n| n.split([' ', '-']))
            .filter(|part| part.starts_with(char::is_uppercase) && part.len() >= 4)
            .map(str::to_lowercase)
            .collect();
        let glue_words: HashSet<String> = w
            .language_malayic_words
            .iter()
            .chain(&w.phrase_prepositions)
            .chain(&w.clause_breakers)
            .chain(&w.speech_verbs)
            .map(|x| x.to_lowercase())
            .filter(|x| !x.contains(' '))
            .collect();
        let clean_rules = CleanRules::new(
            w.furniture_lines.iter().map(|l| l.to_lowercase()).collect(),
            w.furniture_prefixes.clone(),
            w.camel_case_words.clone(),
        )
        .with_glued_names(glued_names, glue_words);
        let abbreviations = w.abbreviations.iter().cloned().collect();
        let language = LanguageDetector::new(
            &w.language_malayic_words,
            &w.language_english_words,
            &w.language_malay_markers,
        );
        Coder {
            lexicon,
            pack,
            slot,
            others: Vec::new(),
            grammar,
            names,
            cues,
            cues_by_root,
            cues_by_form,
            cues_by_headline_form,
            stemmer,
            calendar,
            numbers,
            clean_rules,
            abbreviations,
            offices,
            title_ids,
            sets,
            language,
        }
    }

    /// The coder over the lexicon compiled into this build.
    pub fn embedded() -> Result<Coder, warta_lexicon::LexiconError> {
        Ok(Coder::new(Lexicon::embedded()?))
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The language pack this coder codes with.
    pub fn pack(&self) -> &LanguageLexicon {
        &self.pack
    }

    /// What the pack's grammar compiled for itself, as the type it made.
    pub(crate) fn grammar<T: 'static>(&self) -> Option<&T> {
        self.grammar.as_ref().and_then(|g| g.downcast_ref::<T>())
    }
}

/// A name's tokens with the pack's clitics cut off, as `analyse_with`
/// cuts the text's.
fn split_name_clitics(tokens: Vec<String>, clitics: &[String]) -> Vec<String> {
    if clitics.is_empty() {
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 1);
    for t in tokens {
        let cut = clitics.iter().find(|c| {
            t.len() > c.len()
                && t.is_char_boundary(t.len() - c.len())
                && t[t.len() - c.len()..].eq_ignore_ascii_case(c)
        });
        match cut {
            Some(c) => {
                let at = t.len() - c.len();
                out.push(t[..at].to_string());
                out.push(t[at..].to_string());
            }
            None => out.push(t),
        }
    }
    out
}

/// Among names of equal length: people and organisations before titles,
/// states before places (a capital that is also a metonym is first a place
/// in the table, but the composition step decides its role).
fn rank(target: NameTarget) -> u8 {
    match target {
        NameTarget::Person(_) => 0,
        NameTarget::Organisation(_) => 1,
        NameTarget::Country(_) => 2,
        NameTarget::Metonym(_) => 3,
        NameTarget::Title(_) | NameTarget::CountryTitle(_) => 4,
        NameTarget::Place(_) => 5,
    }
}

fn parse_matcher(text: &str) -> Matcher {
    if text == "..." {
        return Matcher::Gap;
    }
    let all_forms = text.starts_with('=');
    let (forms, roots): (Vec<&str>, Vec<&str>) = text
        .split('|')
        .partition(|a| all_forms || a.starts_with('='));
    let lower = |list: Vec<&str>| -> Vec<String> {
        list.into_iter()
            .map(|a| a.trim_start_matches('=').to_lowercase())
            .collect()
    };
    Matcher::Words {
        roots: lower(roots),
        forms: lower(forms),
    }
}

fn compile_cue(cue: &Cue) -> CompiledCue {
    CompiledCue {
        matchers: cue.pattern.split_whitespace().map(parse_matcher).collect(),
        object: cue
            .object
            .iter()
            .flat_map(|o| o.split_whitespace().take(1))
            .map(parse_matcher)
            .collect(),
        not_object: cue
            .not_object
            .iter()
            .flat_map(|o| o.split_whitespace().take(1))
            .map(parse_matcher)
            .collect(),
    }
}
