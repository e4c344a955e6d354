//! Role rules on the phrase layer: each names one way Indonesian news says
//! who acted on whom, and finds that party from phrases and clauses rather
//! than from distance. Their positive and negative sentences are data, in
//! `lexicon/id/roles.toml`, and `cargo test` runs each class by name.

use warta_analyse::Voice;
use warta_record::Entity;

use crate::compiled::Coder;
use crate::document::Analysed;
use crate::entities::Kind;
use crate::events::SentenceMentions;
use crate::phrases::{Class, NounPhrase, Phrases};

/// How far past a cue a place attacked or a victim may stand.
const TARGET_WINDOW: usize = 16;

/// How far past an agentless arrest "di <state>" may stand ("ditahan di
/// Turki", "ditangkap pekan lalu di Rusia").
const PLACE_OF_DETENTION_WINDOW: usize = 4;

/// Who does a verb in a serial construction (rule `serial-verb`).
pub(crate) enum Serial {
    /// The subject of the verb at this token.
    Shared(usize),
    /// The object of a causative before it.
    Causee(Vec<Entity>),
}

impl Coder {
    /// The entities of mention group `g`.
    pub(crate) fn group_entities(mentions: &SentenceMentions, g: usize) -> Vec<Entity> {
        mentions.groups[g]
            .iter()
            .flat_map(|&k| mentions[k].entities())
            .collect()
    }

    /// The entities of mention group `g` when it can be a party: one of
    /// them names a state, and it is neither a place nor a source named in
    /// an attribution.
    pub(crate) fn party(
        mentions: &SentenceMentions,
        phrases: &Phrases,
        g: usize,
    ) -> Option<Vec<Entity>> {
        let head = &mentions[mentions.groups[g][0]];
        if head.kind == Kind::Place || phrases.attributed(head.start) {
            return None;
        }
        let entities = Self::group_entities(mentions, g);
        entities
            .iter()
            .any(|e| e.country.is_some())
            .then_some(entities)
    }

    /// The first group of a noun phrase that can be a party.
    fn phrase_party(
        mentions: &SentenceMentions,
        phrases: &Phrases,
        phrase: &NounPhrase,
    ) -> Option<Vec<Entity>> {
        phrase
            .groups
            .iter()
            .find_map(|&g| Self::party(mentions, phrases, g))
    }

    /// The object phrase that ends at token `end` and the verb right
    /// before it ("menemui | Sekjen PBB |"): a phrase with no
    /// preposition, after a verb, inside the sentence from `first`.
    fn verb_object_before(
        phrases: &Phrases,
        end: usize,
        first: usize,
    ) -> Option<(&NounPhrase, usize)> {
        let phrase = phrases.phrase_at(end.checked_sub(1)?)?;
        if phrase.end != end || phrase.preposition.is_some() || phrase.start <= first {
            return None;
        }
        let verb = phrase.start - 1;
        (phrases.class(verb) == Class::Verb).then_some((phrase, verb))
    }

    /// Rule `object-phrase`: the party inside the object of a verb,
    /// however deep ("menargetkan fasilitas pengayaan uranium Iran",
    /// "menewaskan sedikitnya 30 warga sipil Suriah", "mengecam keras
    /// serangan Rusia"): the first state-bearing group of the noun phrase
    /// that follows the verb.
    pub(crate) fn object_party(
        &self,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        end: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        Self::phrase_party(mentions, phrases, phrases.object_after(end, limit)?)
    }

    /// Rule `coordinated-verb`: a verb right after "dan"/"serta" has no
    /// subject of its own; it shares the subject of the verb before it
    /// ("Erdogan menolak usulan Uni Eropa dan memperingatkan ..."). Returns
    /// the token of that earlier verb.
    pub(crate) fn coordinated_with(
        &self,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Option<usize> {
        let i = phrases.before_auxiliaries(at, first);
        if i <= first || phrases.class(i - 1) != Class::Coordinator {
            return None;
        }
        let coordinator = i - 1;
        (first..coordinator)
            .rev()
            .take_while(|&k| !matches!(phrases.class(k), Class::Clause))
            .find(|&k| phrases.class(k) == Class::Verb)
    }

    /// Rule `serial-verb`: a verb right after the object of another verb,
    /// with nothing between ("Duta Besar Korea Utara menemui Sekjen PBB
    /// meminta bantuan kemanusiaan"), is done by that verb's subject; after a
    /// causative ("mendorong Korea Utara mematuhi resolusi"), by its object.
    pub(crate) fn serial_with(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Option<Serial> {
        let i = phrases.before_auxiliaries(at, first);
        if i <= first + 1 || phrases.class(at) != Class::Verb || doc.voice(at) != Voice::Active {
            return None;
        }
        let (phrase, verb) = Self::verb_object_before(phrases, i, first)?;
        let w = doc.lower(verb);
        if doc.voice(verb) != Voice::Active
            || self.sets.speech_verbs.contains(w)
            || self.sets.complement_verbs.contains(w)
        {
            return None;
        }
        if self.sets.causatives.contains(w) {
            return Self::phrase_party(mentions, phrases, phrase).map(Serial::Causee);
        }
        // The object must name someone: "menemui Sekjen PBB",
        // not "menggelar latihan" ("melakukan serangan menewaskan ...").
        // An adverb before the second verb marks a clause of its own
        // ("... Duterte sudah memberikan").
        if i != at {
            return None;
        }
        Self::phrase_party(mentions, phrases, phrase).map(|_| Serial::Shared(verb))
    }

    /// Rule `causative`: "mendorong Qatar untuk membalas", "memaksa Israel
    /// agar mundur": the verb after "untuk/agar/supaya" is done by the
    /// object of the verb before it.
    pub(crate) fn causee(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Option<Vec<Entity>> {
        let i = phrases.before_auxiliaries(at, first);
        if i <= first || !self.sets.content_openers.contains(doc.lower(i - 1)) {
            return None;
        }
        let (phrase, verb) = Self::verb_object_before(phrases, i - 1, first)?;
        if !self.sets.causatives.contains(doc.lower(verb)) {
            return None;
        }
        Self::phrase_party(mentions, phrases, phrase)
    }

    /// Rule `purpose-clause`: "menghubungi Penasihat Keamanan Myanmar untuk
    /// mendorong ...": after a verb that causes nothing, the verb of the
    /// purpose clause is done by the first verb's subject. Returns that verb.
    pub(crate) fn purpose_of(
        &self,
        doc: &Analysed,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Option<usize> {
        let i = phrases.before_auxiliaries(at, first);
        if i <= first || !self.sets.purpose_words.contains(doc.lower(i - 1)) {
            return None;
        }
        (first..i - 1)
            .rev()
            .take_while(|&k| !matches!(phrases.class(k), Class::Clause | Class::Punctuation))
            .find(|&k| phrases.class(k) == Class::Verb)
            .filter(|&k| !self.sets.causatives.contains(doc.lower(k)))
    }

    /// Rule `clause-parties`: an event noun in a fronted phrase, with no
    /// possessor, takes its parties from the clause it opens ("Dalam
    /// pertemuan di Istana Merdeka, Jokowi dan Erdogan ...").
    pub(crate) fn clause_parties(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
        end: usize,
    ) -> Option<Vec<Entity>> {
        let phrase = phrases.phrase_at(at)?;
        let preposition = phrase.preposition?;
        // The phrase opens the sentence: nothing but its preposition before it.
        if preposition > first + 1 {
            return None;
        }
        let comma = (phrase.end..end.min(phrase.end + 12)).find(|&i| doc.text_of(i) == ",")?;
        // The subject follows the comma directly; a comma may seem to join
        // it to a place before ("di Istana Merdeka, Jokowi dan Erdogan").
        let group = mentions
            .groups
            .iter()
            .find(|g| g.iter().any(|&k| mentions[k].start > comma))?;
        let members: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&k| mentions[k].start > comma)
            .collect();
        let head = &mentions[members[0]];
        if head.start > comma + 2 || head.kind == Kind::Place {
            return None;
        }
        let entities: Vec<Entity> = members
            .iter()
            .flat_map(|&k| mentions[k].entities())
            .collect();
        entities
            .iter()
            .any(|e| e.country.is_some())
            .then_some(entities)
    }

    /// Rule `place-target`: an attack with no victim phrase is aimed at the
    /// country of the place it hits ("serangan rudal ke sejumlah kota di
    /// Ukraina", "serangan di wilayah Kharkiv", "roket yang menghantam kota
    /// Ashkelon").
    pub(crate) fn place_target(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        let end = limit.min(from + TARGET_WINDOW);
        for (g, group) in mentions.groups.iter().enumerate() {
            let head = &mentions[group[0]];
            if head.start < from {
                continue;
            }
            if head.start >= end || self.crosses_clause(doc, phrases, from, head.start) {
                break;
            }
            if phrases.attributed(head.start) {
                continue;
            }
            let place = head.kind == Kind::Place
                || matches!(head.kind, Kind::State | Kind::Seat)
                    && head.start > 0
                    && doc.lower(head.start - 1) == "di";
            if !place {
                continue;
            }
            let country = Self::group_entities(mentions, g)
                .into_iter()
                .find_map(|e| e.country)?;
            return Some(vec![Entity {
                text: doc.span_text(head.start, head.end).to_string(),
                name: None,
                country: Some(country),
                sector: None,
            }]);
        }
        None
    }

    /// Rule `mission-target`: a protest held at a state's embassy or
    /// consulate ("aksi bela Palestina di depan Kedubes AS") is aimed at
    /// that state, whomever it speaks for.
    pub(crate) fn mission_target(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        let end = limit.min(from + TARGET_WINDOW);
        let mission = mentions.iter().find(|k| {
            k.start >= from
                && k.start < end
                && k.title.is_some_and(|t| self.pack.titles[t].mission)
                && k.entity.country.is_some()
                && !phrases.attributed(k.start)
                && !self.crosses_clause(doc, phrases, from, k.start)
        })?;
        Some(vec![mission.entity.clone()])
    }

    /// Rule `detaining-state`: "Dia ditahan di Turki": an arrest or
    /// detention told without its agent is the act of the state named as
    /// where it happened. Only a state named as such: a city or a territory
    /// ("di Tepi Barat") may be held by another.
    pub(crate) fn detaining_state(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        let end = limit.min(from + PLACE_OF_DETENTION_WINDOW);
        let (g, group) = mentions.groups.iter().enumerate().find(|(_, group)| {
            let head = &mentions[group[0]];
            head.start >= from && head.start < end
        })?;
        let head = &mentions[group[0]];
        if head.kind != Kind::State
            || head.start == 0
            || doc.lower(head.start - 1) != "di"
            || self.crosses_clause(doc, phrases, from, head.start)
        {
            return None;
        }
        Some(Self::group_entities(mentions, g))
    }

    /// Rule `place-target`, passive: "Kota Kharkiv dihujani rudal Rusia":
    /// the place that is the subject of a passive attack is where it hit.
    pub(crate) fn place_subject(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Option<Vec<Entity>> {
        let (g, group) = mentions
            .groups
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| mentions[g[0]].end <= at)?;
        let head = &mentions[group[0]];
        let governed = head.start > first && phrases.class(head.start - 1) == Class::Preposition;
        if head.kind != Kind::Place || governed || self.crosses_clause(doc, phrases, head.end, at) {
            return None;
        }
        let country = Self::group_entities(mentions, g)
            .into_iter()
            .find_map(|e| e.country)?;
        Some(vec![Entity {
            text: doc.span_text(head.start, head.end).to_string(),
            name: None,
            country: Some(country),
            sector: None,
        }])
    }

    /// Rule `victims`: the people an attack killed or wounded, by
    /// nationality ("... yang menewaskan sedikitnya 30 warga sipil
    /// Suriah"; "16 warga sipil Afghanistan tewas dalam serangan AS").
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn victims(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        from: usize,
        first: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        // After the cue: the object of a killing verb.
        let end = limit.min(from + TARGET_WINDOW);
        for i in from..end {
            if phrases.class(i) == Class::Verb && self.sets.casualty_dead.contains(doc.lower(i))
                || self.sets.casualty_injured.contains(doc.lower(i))
                    && phrases.class(i) == Class::Verb
            {
                if let Some(found) = self.object_party(mentions, phrases, i + 1, limit) {
                    return Some(found);
                }
            }
        }
        // Before a nominal cue: "X tewas dalam serangan ...".
        let mut i = at;
        while i > first && phrases.class(i - 1) == Class::Preposition {
            i -= 1;
        }
        if i == at || i <= first {
            return None;
        }
        let word = doc.lower(i - 1);
        if !(self.sets.casualty_dead.contains(word) || self.sets.casualty_injured.contains(word)) {
            return None;
        }
        Self::phrase_party(mentions, phrases, phrases.phrase_at(i.checked_sub(2)?)?)
    }

    /// Rule `addressee`: an appeal followed by its content clause names
    /// whom it is made to as that clause's subject ("mendesak agar Korea
    /// Utara mematuhi resolusi PBB").
    pub(crate) fn addressee(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        let mut i = from;
        while i < limit && phrases.class(i) == Class::Auxiliary {
            i += 1;
        }
        if i >= limit || !self.sets.content_openers.contains(doc.lower(i)) {
            return None;
        }
        let group = mentions.groups.iter().position(|g| {
            let head = &mentions[g[0]];
            head.start > i && head.start <= i + 2
        })?;
        Self::party(mentions, phrases, group)
    }

    /// Whether a clause boundary lies between `from` and `to`.
    pub(crate) fn crosses_clause(
        &self,
        doc: &Analysed,
        phrases: &Phrases,
        from: usize,
        to: usize,
    ) -> bool {
        (from..to).any(|i| {
            let w = doc.lower(i);
            doc.text_of(i) == ";"
                || (phrases.class(i) == Class::Clause && !matches!(w, "yang" | "untuk"))
        })
    }
}
