//! From a cue match to an event candidate: polarity (negated, hypothetical,
//! future, intended), actor and recipient from the syntax around the cue,
//! and the type, mode and CAMEO code that result.

use warta_analyse::{TokenKind, Voice};
use warta_record::Entity;

use crate::compiled::{Coder, Matcher};
use crate::cues::CueMatch;
use crate::document::Analysed;
use crate::entities::{Kind, Mention};
use crate::phrases::{Class, Phrases};
use crate::roles::Serial;
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
    /// The trigger is what a reaction or a talk is about ("merespons
    /// serangan Israel", "membahas serangan"): an act told earlier, if the
    /// story told it.
    pub reaction_topic: bool,
    /// The trigger opens a relative clause ("serangan ... yang menewaskan"):
    /// it tells more of an act already named in the sentence.
    pub relative: bool,
    /// The trigger is a noun ("pertemuan", "serangan").
    pub nominal: bool,
    /// "saling": the actors act on each other.
    pub mutual: bool,
    pub speaker: Option<Speaker>,
    /// Planned, weighed or possible, not done ("mempersiapkan tentara untuk
    /// berperang melawan AS"): no event, but it tells the story who
    /// opposes whom.
    pub aim_only: bool,
    /// The rule that derived this act from another's mention (its cue
    /// is that mention's), if not the cue itself.
    pub derived_by: Option<&'static str>,
    /// The actor is the unidentified attacker of the place the act happened
    /// in, not a party the text names.
    pub unnamed_actor: bool,
}

/// How many words before a cue a negator or future marker may stand.
const MARKER_WINDOW: usize = 3;
/// How far before its purpose word a verb of getting ready may stand.
const PREPARATION_REACH: usize = 8;
/// How far to the right a recipient may stand.
const RECIPIENT_WINDOW: usize = 14;
/// How far into an object phrase without a preposition a recipient may stand.
const OBJECT_REACH: usize = 1;

impl Coder {
    /// The event a cue match yields, if any (before meetings are split).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn candidate(
        &self,
        doc: &Analysed,
        sentence: usize,
        m: &CueMatch,
        limit: usize,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        speaker: &Option<Speaker>,
    ) -> Option<Candidate> {
        let s = doc.sentences[sentence];
        let cue = &self.pack.cues[m.cue];
        let before = |n: usize| (m.start.saturating_sub(n).max(s.first)..m.start).rev();
        // Negation: "tidak menyerang", "belum bertemu".
        let mut negated = false;
        let mut future = false;
        let mut intent = false;
        let mut planned = false;
        let mut modal = false;
        for i in before(MARKER_WINDOW) {
            let w = doc.lower(i);
            if doc.kind(i) == TokenKind::Punct {
                break;
            }
            negated |= self.sets.negators.contains(w);
            future |= self.sets.future.contains(w);
            intent |= self.sets.intent.contains(w);
            planned |= self.sets.plans.contains(w);
            modal |= self.sets.modals.contains(w);
        }
        planned |= self.prepared_purpose(doc, m.start, s.first);
        future |= self.future_time_after(doc, m.end, s.end);
        let plover = self.lexicon.plover.event_type(&cue.event_type)?;
        // "berencana menyerbu", "mempertimbangkan opsi militer", "Israel
        // dapat menyerang": a conflictual act planned, weighed or possible
        // did not happen; a cooperative one planned is an intent.
        // A threat stays a threat however it is hedged ("Iran bisa menghapus
        // Tel Aviv dari peta").
        let threat = cue.event_type == "THREATEN";
        // Weighing an option is no threat either ("mempertimbangkan opsi
        // militer"); only a hedged one stays a threat.
        let aim_only = modal && !threat || planned && plover.quad_class >= 3;
        future |= planned;
        if self.unrealised(doc, m, s.first, s.end)
            || self.fronted_purpose(doc, m.start, s.first)
            || self.modifier_sense(doc, mentions, phrases, m, s.first)
            || self.condition_sense(doc, phrases, m.start, s.first)
            // "dibayangi ancaman serangan": the danger's content is none either.
            || m.start > s.first && self.condition_sense(doc, phrases, m.start - 1, s.first)
        {
            return None;
        }
        // "tidak akan berunding": to say one will not cooperate is to refuse.
        // Any other negated act is no event.
        let refusal = negated && (future || intent) && plover.quad_class <= 2;
        if negated && !refusal {
            return None;
        }
        let hypothetical =
            (s.first..m.start).any(|i| self.sets.hypothetical.contains(doc.lower(i)));
        // A question reports no act at all, not even a threat.
        if (s.first..m.start).any(|i| self.sets.questions.contains(doc.lower(i))) {
            return None;
        }
        let hedged = (s.first..m.start).any(|i| self.sets.hedges.contains(doc.lower(i)));
        let (mut event_type, mut mode, mut cameo) =
            (cue.event_type.clone(), cue.mode.clone(), cue.cameo.clone());
        if refusal {
            let rejected = if event_type == "CONSULT" {
                "125"
            } else {
                "120"
            };
            (event_type, mode, cameo) = ("REJECT".into(), None, rejected.into());
        } else if future || intent {
            (event_type, mode, cameo) = future_form(&event_type, plover.quad_class, mode, cameo);
        }
        if hypothetical && event_type != "THREATEN" {
            return None;
        }

        // Markers inside the pattern ("akan bertemu", "melakukan percakapan
        // telepon") do not carry the voice: the first word after them does.
        let marker = |i: usize| {
            let w = doc.lower(i);
            self.sets.future.contains(w)
                || self.sets.intent.contains(w)
                || self.sets.light_verbs.contains(w)
                || w == "untuk"
        };
        let head = (m.start..m.end).find(|&i| !marker(i)).unwrap_or(m.head);
        let voice = doc.voice(head);
        let light_verb = self.light_verb_before(doc, m.start, s.first)
            || (m.start..head).any(|i| self.sets.light_verbs.contains(doc.lower(i)));
        let (mut actor, mut recipient, mut after) = (Vec::new(), Vec::new(), m.end);
        // "penarikan AS dari ...": a pattern's gap holds its object or possessor.
        let gapped = self.cues[m.cue].matchers.contains(&Matcher::Gap);
        let mut purpose_verb: Option<usize> = None;
        // "kritik dari Moskow", "kecaman dari PBB", "dukungan dari Jerman":
        // an act noun followed by "dari" and a party is that party's.
        let verbal_act = plover.verbal();
        let source = (verbal_act && !doc.verbal(head))
            .then(|| self.source_of(doc, mentions, phrases, m.end, limit))
            .flatten();
        match (voice, light_verb) {
            _ if source.is_some() => actor = source.unwrap_or_default(),
            (Voice::Passive, _) => {
                recipient = self.left_group(doc, mentions, phrases, m.start, s.first);
                let (agent, end) = self.agent(doc, mentions, phrases, m.end, limit);
                actor = agent;
                after = end;
                if actor.is_empty() && event_type == "COERCE" {
                    actor = self
                        .detaining_state(doc, mentions, phrases, m.end, limit)
                        .unwrap_or_default();
                }
            }
            (Voice::Nominal, false) => {
                // "Kedua menlu membahas isu itu dalam pertemuan ASEAN": a
                // meeting named as the setting of a clause is its subject's;
                // the possessor is the forum.
                // Not across reported speech ("..., kata Rycroft dalam
                // pertemuan darurat Dewan Keamanan").
                let setting = self.meeting_as_setting(doc, &event_type, m.start, s.first)
                    && (s.first..m.start).all(|i| {
                        doc.kind(i) != TokenKind::Quote
                            && !self.sets.speech_verbs.contains(doc.lower(i))
                    });
                let subject = setting
                    .then(|| self.subject_before(doc, mentions, phrases, m.start, s.first))
                    .filter(|found| !found.is_empty());
                if let Some(subject) = subject {
                    actor = subject;
                } else if let Some((group, end)) = gapped
                    .then(|| {
                        // A named party in the gap ("penarikan AS dari"), not
                        // a modifier ("latihan militer gabungan").
                        let named = mentions.iter().any(|k| {
                            k.start > head
                                && k.start < m.end
                                && matches!(k.kind, Kind::State | Kind::Seat | Kind::Person)
                        });
                        named
                            .then(|| self.possessor(doc, mentions, head + 1, m.end))
                            .flatten()
                    })
                    .flatten()
                    .or_else(|| self.possessor(doc, mentions, m.end, limit))
                {
                    actor = group;
                    after = end;
                } else if verbal_act
                    && m.start > s.first
                    && self
                        .sets
                        .means_prepositions
                        .contains(doc.lower(m.start - 1))
                {
                    // Rule `means-noun`: a verbal act the subject answers by
                    // is the subject's ("Rusia menanggapi sanksi Uni Eropa
                    // dengan ancaman balasan"), past the verb's object; a
                    // deed of means ("membantai melalui penembakan") is the
                    // verb's own act told again.
                    let verb = (s.first..m.start)
                        .rev()
                        .find(|&i| phrases.class(i) == Class::Verb)
                        .unwrap_or(m.start);
                    actor = self.subject_before(doc, mentions, phrases, verb, s.first);
                } else if self.sets.nominal_words.contains(doc.lower(head)) {
                    // A loan noun without a possessor is the object of the
                    // verb before it ("mengumumkan sanksi baru"): its subject acts.
                    actor = self.subject_before(doc, mentions, phrases, m.start, s.first);
                } else if let Some(parties) =
                    self.clause_parties(doc, mentions, phrases, head, s.first, s.end)
                {
                    actor = parties;
                }
            }
            _ => {
                actor = if let Some(verb) = self.coordinated_with(phrases, m.start, s.first) {
                    self.subject_before(doc, mentions, phrases, verb, s.first)
                } else if let Some(causee) = self.causee(doc, mentions, phrases, m.start, s.first) {
                    causee
                } else if let Some(serial) =
                    self.serial_with(doc, mentions, phrases, m.start, s.first)
                {
                    match serial {
                        // "menemui Sekjen PBB meminta bantuan kemanusiaan":
                        // an appeal in series with a contact is
                        // made to whom was contacted, as in a purpose clause.
                        Serial::Shared(verb) => {
                            purpose_verb = Some(verb);
                            self.subject_before(doc, mentions, phrases, verb, s.first)
                        }
                        Serial::Causee(causee) => causee,
                    }
                } else if let Some(verb) = self.purpose_of(doc, phrases, m.start, s.first) {
                    purpose_verb = Some(verb);
                    self.subject_before(doc, mentions, phrases, verb, s.first)
                } else if self.subordinate_verb(doc, m.start, s.first) {
                    self.main_subject(doc, mentions, phrases, m.start, s.first)
                } else {
                    self.subject_before(doc, mentions, phrases, m.start, s.first)
                }
            }
        }
        // "Jepang dan Korea Selatan memulai pertukaran data rudal Korea
        // Utara": a meeting or cooperation of two states has its parties.
        let paired =
            matches!(event_type.as_str(), "CONSULT" | "COOPERATE") && countries(&actor).len() >= 2;
        // Rule `topic-object`: "membicarakan persoalan ISIS dengan ...": the
        // object of a topic verb is what is talked about, not with whom.
        if self.sets.topic_verbs.contains(doc.lower(head)) {
            if let Some(topic) = phrases.object_after(after, limit) {
                after = topic.end;
            }
        }
        if recipient.is_empty() && !paired {
            recipient = self.right_group(doc, mentions, phrases, after, limit, &event_type);
        }
        // "menghapus Tel Aviv dari peta": the object sits in the pattern's gap.
        // Not the actor's own side: "menarik Amerika Serikat dari kesepakatan".
        if recipient.is_empty() && gapped {
            recipient = self.right_group(doc, mentions, phrases, head + 1, m.end, &event_type);
            recipient = others_than(recipient, &actor);
        }
        if recipient.is_empty() && event_type == "REQUEST" {
            recipient = self
                .addressee(doc, mentions, phrases, after, limit)
                .unwrap_or_default();
        }
        // Rule `purpose-clause`, recipient: "menghubungi Penasihat Keamanan
        // Myanmar untuk mendorong ...": an appeal made for the purpose of a
        // contact (or in series with it) is made to whom was contacted.
        // The actor's own people there are what is asked for ("meminta
        // pembebasan warga Jepang"), not whom.
        let only_own = others_than(recipient.clone(), &actor).is_empty();
        if let (true, true, Some(verb)) = (only_own, event_type == "REQUEST", purpose_verb) {
            let contacted = others_than(
                self.object_party(mentions, phrases, verb + 1, m.start)
                    .unwrap_or_default(),
                &actor,
            );
            if !contacted.is_empty() {
                recipient = contacted;
            }
        }
        // An attack with no victim phrase: whom it killed, else where it hit;
        // a clash of two actors on one side's ground has no third party.
        if recipient.is_empty() && event_type == "ASSAULT" {
            let actors = countries(&actor);
            recipient = self
                .victims(doc, mentions, phrases, m.start, after, s.first, limit)
                .or_else(|| {
                    (voice == Voice::Passive)
                        .then(|| self.place_subject(doc, mentions, phrases, m.start, s.first))
                        .flatten()
                })
                .or_else(|| {
                    // "bertempur di Khartoum" with two sides is no attack on
                    // Sudan; "serangan ke desa-desa di Suriah" is.
                    let directed = (after..limit.min(after + 6))
                        .any(|i| self.sets.directional.contains(doc.lower(i)));
                    self.place_target(doc, mentions, phrases, after, limit)
                        .filter(|place| {
                            actor.len() < 2
                                || directed
                                || !actors.iter().any(|a| countries(place).contains(a))
                        })
                })
                .unwrap_or_default();
        }
        // Rule `mission-target`: "berunjuk rasa di depan Kedubes AS".
        if event_type == "PROTEST" {
            if let Some(state) = self.mission_target(doc, mentions, phrases, m.end, limit) {
                recipient = state;
            }
        }
        // "antara X dan Y": both sides act.
        if actor.is_empty() {
            if let Some(group) = self.between_group(doc, mentions, m.end, limit) {
                actor = group;
                recipient.clear();
            }
        }
        let relative = (s.first..m.start)
            .rev()
            .find(|&i| !self.sets.relative_adverbs.contains(doc.lower(i)))
            .is_some_and(|i| doc.lower(i) == "yang");
        // "Dalam pertemuan yang berlangsung di Jakarta itu, ...": a meeting
        // that opens the sentence as its setting is the one just told.
        let opening_setting = self.meeting_as_setting(doc, &event_type, m.start, s.first)
            && (s.first..m.start - 1).all(|i| doc.kind(i) == TokenKind::Quote);
        let anaphoric = voice == Voice::Nominal
            && (opening_setting
                || doc
                    .lower_at(m.end)
                    .is_some_and(|w| self.sets.demonstratives.contains(w)));
        let reaction_topic = voice == Voice::Nominal
            && m.start > s.first
            && self.sets.topic_openers.contains(doc.lower(m.start - 1));
        // First person and reported speech: the speaker acts.
        let speaks = |e: &Entity| e.country.is_none() && e.name.is_none();
        let first_person =
            actor.iter().all(speaks) && self.first_person_before(mentions, m.start, s.first);
        // "Rusia ingin berdamai, klaim pejabat Ukraina": one state cannot
        // announce another's intentions.
        if let Some(sp) = speaker {
            let others = sp.entity.country.is_some()
                && !actor.is_empty()
                && actor
                    .iter()
                    .all(|a| a.country.is_some() && a.country != sp.entity.country);
            let announced = future
                || intent
                || (m.start..m.end).any(|i| {
                    self.sets.future.contains(doc.lower(i))
                        || self.sets.intent.contains(doc.lower(i))
                });
            if announced && others && voice != Voice::Nominal {
                return None;
            }
            let verbal = plover.verbal();
            if first_person || (actor.is_empty() && verbal && !anaphoric) {
                actor = vec![sp.entity.clone()];
            }
        }
        actor.retain(|e| e.country.is_some());
        recipient.retain(|e| e.country.is_some() && !actor.iter().any(|a| same_entity(a, e)));
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
            reaction_topic,
            relative,
            nominal: voice == Voice::Nominal,
            mutual: (m.start.saturating_sub(3).max(s.first)..m.start)
                .any(|i| self.sets.reciprocals.contains(doc.lower(i))),
            speaker: speaker.clone(),
            aim_only,
            unnamed_actor: false,
            derived_by: None,
        })
    }

    /// "di tengah ancaman rudal Korea Utara", "dibayangi ancaman serangan":
    /// a condition noun governed by a preposition (not one of means) or a
    /// passive verb names a danger, not an act.
    fn condition_sense(&self, doc: &Analysed, phrases: &Phrases, at: usize, first: usize) -> bool {
        if at <= first
            || !self.sets.condition_nouns.contains(doc.lower(at))
            || self.light_verb_before(doc, at, first)
        {
            return false;
        }
        // An active verb's object may still be a threat made ("menyesalkan
        // ancaman Korut"); a passive verb's is what its subject suffers.
        let governed_by = |i: usize| match phrases.class(i) {
            Class::Preposition => !self.sets.means_prepositions.contains(doc.lower(i)),
            Class::Verb => doc.voice(i) == Voice::Passive,
            _ => false,
        };
        let before = at - 1;
        // "di tengah ancaman": a relational noun after a preposition.
        governed_by(before)
            || phrases.class(before) == Class::Nominal
                && doc.kind(before) == TokenKind::Word
                && before > first
                && phrases.class(before - 1) == Class::Preposition
                && governed_by(before - 1)
    }

    /// "kebutuhan mendesak", "situasi yang mengancam": a verb that
    /// describes a common noun is an adjective there, not an act.
    fn modifier_sense(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        m: &CueMatch,
        first: usize,
    ) -> bool {
        if !doc.verbal(m.start) || doc.voice(m.start) != Voice::Active {
            return false;
        }
        let mut i = m.start;
        while i > first && self.sets.relative_adverbs.contains(doc.lower(i - 1)) {
            i -= 1;
        }
        let relative = i > first && doc.lower(i - 1) == "yang";
        if relative {
            i -= 1;
        } else {
            // Without "yang", only verbs that are also adjectives, and
            // with no object ("kebutuhan mendesak akan bantuan"); "pasukan
            // itu mulai menyerang kota" has an adverb before its verb.
            let next = phrases.class(m.end);
            if !self.sets.adjectival_verbs.contains(doc.lower(m.start))
                || !matches!(
                    next,
                    Class::Punctuation | Class::Auxiliary | Class::Preposition
                )
            {
                return false;
            }
        }
        if i <= first {
            return false;
        }
        let noun = i - 1;
        // "saling menyerang" is a verb of two sides, not a noun's modifier.
        phrases.class(noun) == Class::Nominal
            && doc.kind(noun) == TokenKind::Word
            && !self.sets.reciprocals.contains(doc.lower(noun))
            && !mentions.iter().any(|k| k.start <= noun && noun < k.end)
            && !doc.text_of(noun).starts_with(char::is_uppercase)
    }

    /// "sedianya berkunjung, namun batal", "ingin datang, tetapi dibatalkan":
    /// an act the sentence says did not take place.
    fn unrealised(&self, doc: &Analysed, m: &CueMatch, first: usize, end: usize) -> bool {
        let opener = (first..m.start).any(|i| self.sets.unrealised_openers.contains(doc.lower(i)));
        let contrast = (m.end..end).find(|&i| self.sets.contrast_words.contains(doc.lower(i)));
        let cancelled = |from: usize, to: usize| {
            (from..to.min(end)).any(|i| self.sets.cancel_words.contains(doc.lower(i)))
        };
        match contrast {
            // "namun batal", "tetapi kunjungan itu dibatalkan"; a later
            // cancellation of something else leaves the act.
            Some(c) => c <= m.end + 8 && cancelled(c, c + 4) || opener && cancelled(c, end),
            None => opener && cancelled(m.end, end),
        }
    }

    /// A meeting noun right after a setting preposition ("dalam pertemuan",
    /// "usai pertemuan"): the meeting is where a clause takes place.
    fn meeting_as_setting(
        &self,
        doc: &Analysed,
        event_type: &str,
        at: usize,
        first: usize,
    ) -> bool {
        event_type == "CONSULT"
            && at > first
            && self.sets.setting_prepositions.contains(doc.lower(at - 1))
    }

    /// "mempersiapkan 3 juta tentara untuk berperang": the act after the
    /// purpose word of a verb of getting ready is its aim, not yet done.
    fn prepared_purpose(&self, doc: &Analysed, at: usize, first: usize) -> bool {
        // "sebagai persiapan menyerang pangkalan AS": no purpose word needed.
        if at > first && self.sets.preparations.contains(doc.lower(at - 1)) {
            return true;
        }
        let Some(purpose) = (at.saturating_sub(2).max(first)..at)
            .rev()
            .find(|&i| self.sets.purpose_words.contains(doc.lower(i)))
        else {
            return false;
        };
        (purpose.saturating_sub(PREPARATION_REACH).max(first)..purpose)
            .rev()
            .take_while(|&i| doc.kind(i) != TokenKind::Punct)
            .any(|i| self.sets.preparations.contains(doc.lower(i)))
    }

    /// "saat bertemu di Singapura mendatang": a time word after the act, in
    /// its clause, that puts it ahead of the report.
    fn future_time_after(&self, doc: &Analysed, from: usize, end: usize) -> bool {
        let clause = (from..end)
            .take_while(|&i| {
                doc.kind(i) != TokenKind::Punct && !self.sets.clause_breakers.contains(doc.lower(i))
            })
            .last();
        let Some(last) = clause else { return false };
        // Two-word entries ("pekan depan") are matched without building
        // a string per word: this runs for every cue.
        (from..=last).any(|i| {
            let word = doc.lower(i);
            self.sets.future_times.contains(word)
                || i < last
                    && self
                        .sets
                        .future_times
                        .iter()
                        .any(|entry| entry.split_once(' ') == Some((word, doc.lower(i + 1))))
        })
    }

    /// "Untuk mengirim pasukan ke sana tidak gampang": a purpose clause
    /// that opens a sentence names an aim or a topic, not an act.
    fn fronted_purpose(&self, doc: &Analysed, at: usize, first: usize) -> bool {
        at > first
            && self.sets.purpose_words.contains(doc.lower(at - 1))
            && (at - 1 == first || matches!(doc.text_of(at - 2), "." | "!" | "?" | "\"" | "“"))
    }

    /// A light verb ("melancarkan", "melakukan") within two words before.
    pub(crate) fn light_verb_before(&self, doc: &Analysed, at: usize, first: usize) -> bool {
        (1..=3).any(|n| {
            at >= first + n && {
                let phrase: Vec<&str> = (at - n..at).map(|i| doc.lower(i)).collect();
                self.sets.light_verbs.contains(&phrase.join(" "))
            }
        }) || (at > first + 1
            && self.sets.light_verbs.contains(doc.lower(at - 2))
            && doc.kind(at - 1) == TokenKind::Word)
    }

    /// "Yordania, yang menegaskan akan menembak jatuh ...": in a relative
    /// clause the doer is the phrase just before "yang", whatever governs it.
    fn relative_antecedent(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        at: usize,
        first: usize,
    ) -> Option<Vec<Entity>> {
        let yang = (first..at)
            .rev()
            .take(6)
            .find(|&i| doc.lower(i) == "yang")?;
        if mentions.iter().any(|m| m.start > yang && m.end <= at) {
            return None;
        }
        let groups = &mentions.groups;
        let group = groups.iter().rev().find(|g| {
            let last = &mentions[*g.last().unwrap_or(&g[0])];
            last.end <= yang
                && (yang - last.end) <= 1
                && (last.end..yang).all(|i| doc.text_of(i) == ",")
        })?;
        let head = &mentions[group[0]];
        if head.kind == Kind::Place {
            return None;
        }
        // Of a compound before "yang", the last member is the antecedent.
        let last = &mentions[*group.last()?];
        let entities = last.entities();
        entities
            .iter()
            .any(|e| e.country.is_some())
            .then_some(entities)
    }

    /// "... dengan meluncurkan", "..., lalu menyerang": a verb with no
    /// subject of its own, whose doer is the clause's subject.
    fn subordinate_verb(&self, doc: &Analysed, at: usize, first: usize) -> bool {
        at > first && self.sets.subordinators.contains(doc.lower(at - 1))
    }

    /// The subject of the verb at `at`: a relative clause's antecedent, else
    /// the group to its left.
    fn subject_before(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Vec<Entity> {
        self.relative_antecedent(doc, mentions, at, first)
            .unwrap_or_else(|| self.left_group(doc, mentions, phrases, at, first))
    }

    /// The first subject-like group of the sentence before `at`.
    fn main_subject(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Vec<Entity> {
        let groups = &mentions.groups;
        groups
            .iter()
            .take_while(|group| mentions[group[0]].start < at)
            .find_map(|group| self.as_subject(doc, mentions, phrases, group, first))
            .unwrap_or_else(|| self.left_group(doc, mentions, phrases, at, first))
    }

    /// The actor group to the left of a cue: the nearest group of mentions
    /// that is not the object of a preposition, not a place, in the same
    /// clause.
    pub(crate) fn left_group(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        at: usize,
        first: usize,
    ) -> Vec<Entity> {
        let groups = &mentions.groups;
        for group in groups.iter().rev() {
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            if last.end > at {
                continue;
            }
            // A clause boundary between the group and the cue ends the search.
            if (last.end..at).any(|i| {
                doc.text_of(i) == ";" || doc.lower(i) == "sementara" || doc.lower(i) == "namun"
            }) {
                break;
            }
            if let Some(entities) = self.as_subject(doc, mentions, phrases, group, first) {
                return entities;
            }
        }
        Vec::new()
    }

    /// A group's entities when it can be a subject: not a place, not after a
    /// preposition, naming at least one state.
    fn as_subject(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        group: &[usize],
        first: usize,
    ) -> Option<Vec<Entity>> {
        // Rule `source-not-actor`: "seperti dilansir AFP" names a source,
        // which a comma may seem to join to the subject after it.
        // A news outlet reports and is told things; it is no party
        // ("mengatakan kepada stasiun TV Al-Mayadeen ... menuduh").
        let group: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&k| {
                let outlet = mentions[k].kind == Kind::Organisation
                    && mentions[k].entity.sector.as_deref() == Some("MED");
                !(phrases.attributed(mentions[k].start) || outlet)
            })
            .collect();
        // "Bersamaan dengan rilisnya laporan FBI, Obama memutuskan": a comma
        // seems to list a phrase's last name with the subject after it, the
        // one right before its verb.
        let before_verb = group.last().is_some_and(|&k| {
            let end = mentions[k].end;
            end < doc.tokens.len() && doc.verbal(end)
        });
        let phrase_end = group.first().and_then(|&k| {
            phrases
                .phrase_at(mentions[k].start)
                .filter(|p| {
                    p.preposition.is_some()
                        && before_verb
                        && p.end < doc.tokens.len()
                        && doc.text_of(p.end) == ","
                })
                .map(|p| p.end)
        });
        let group: Vec<usize> = match phrase_end {
            Some(end) if group.iter().any(|&k| mentions[k].start >= end) => group
                .into_iter()
                .filter(|&k| mentions[k].start >= end)
                .collect(),
            _ => group,
        };
        let head = &mentions[*group.first()?];
        // "milisi yang didukung Iran melancarkan": the agent inside a
        // relative clause is not the subject of the verb after it.
        if head.start >= first + 2
            && phrases.class(head.start - 1) == Class::Verb
            && doc.lower(head.start - 2) == "yang"
        {
            return None;
        }
        // Rule `object-not-subject`: "demi menguntungkan Amerika, tapi
        // mengancam": the object of an active verb is not the subject of a
        // later one, unless that verb takes a whole clause ("mengatakan
        // Rusia akan ...", "memastikan Filipina sudah ...").
        if head.start > first {
            let verb = head.start - 1;
            if phrases.class(verb) == Class::Verb
                && doc.voice(verb) == Voice::Active
                && !self.sets.object_may_act(doc.lower(verb))
            {
                return None;
            }
        }
        // Inside a prepositional phrase however deep ("dalam konflik Suriah").
        let in_phrase = phrases
            .phrase_at(head.start)
            .is_some_and(|p| p.preposition.is_some() && p.start < head.start);
        // Rule `absolute-clause`: "dengan Rusia mendukung Assad", "di tengah
        // rencana Israel melancarkan serangan": after "dengan", or as a
        // possessor deep in a phrase, a party right before an active verb
        // is its subject.
        let last = &mentions[*group.last()?];
        let absolute = head.start > first
            && (doc.lower(head.start - 1) == "dengan" || in_phrase)
            && doc.active_verb(last.end);
        let governed = head.start > first && self.governed(doc, head.start - 1) || in_phrase;
        if head.kind == Kind::Place || governed && !absolute {
            return None;
        }
        let entities: Vec<Entity> = group.iter().flat_map(|&k| mentions[k].entities()).collect();
        entities
            .iter()
            .any(|e| e.country.is_some())
            .then_some(entities)
    }

    /// Whether the word at `i` makes the mention after it an object or a
    /// place rather than a subject.
    fn governed(&self, doc: &Analysed, i: usize) -> bool {
        // "pro-Rusia", "anti-AS": the word before the hyphen governs.
        let i = if doc.text_of(i) == "-" && i > 0 {
            i - 1
        } else {
            i
        };
        let w = doc.lower(i);
        self.sets.recipient_prepositions.contains(w)
            || self.sets.object_markers.contains(w)
            || self.pack.words.location_prepositions.iter().any(|p| p == w)
    }

    /// The recipient group after a cue: the first group that names a
    /// state, organisation or person of a state, whether it follows a
    /// recipient preposition ("kepada Rusia"), stands as the direct object
    /// ("menyerang Iran") or inside it ("mengkritik kebijakan tarif AS").
    fn right_group(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
        event_type: &str,
    ) -> Vec<Entity> {
        let withdrawal = event_type == "RETREAT";
        // Only an appeal is aimed at one's own people ("mengimbau
        // warganya"); one's own troops or envoy moved are the means
        // ("menarik pasukannya").
        let appeal = event_type == "REQUEST";
        let end = limit.min(from + RECIPIENT_WINDOW);
        let object_end = phrases
            .object_after(from, limit)
            .or_else(|| phrases.complement_object(from, limit))
            .map(|p| p.end);
        let groups = &mentions.groups;
        let mut own: Vec<Entity> = Vec::new();
        for group in groups {
            let head = &mentions[group[0]];
            if phrases.attributed(head.start) {
                continue;
            }
            // A phrase that begins inside the cue ("memanggil duta besar
            // Inggris") and runs past it is the cue's object.
            let straddles = head.start < from && head.end > from;
            if head.start < from && !straddles || head.start >= end {
                continue;
            }
            let from = from.min(head.start);
            let crosses_clause = (from..head.start).any(|i| {
                let w = doc.lower(i);
                doc.text_of(i) == ";"
                    || self.speech_verb_at(doc, i)
                    || (self.sets.clause_breakers.contains(w) && w != "untuk")
                    || (w == "untuk" && doc.lower_at(i + 1).is_some_and(starts_a_verb))
            });
            if crosses_clause {
                break;
            }
            // "menarik duta besarnya dari Israel": the actor's own people
            // are whom only when no one else is ("mengimbau warganya").
            if head.kind == Kind::Own {
                // The object itself: "meminta warganya tidak bepergian ke ...".
                if appeal && head.start <= from + OBJECT_REACH {
                    return head.entities();
                }
                if appeal && own.is_empty() {
                    own = head.entities();
                }
                continue;
            }
            let before = head
                .start
                .checked_sub(1)
                .map(|i| doc.lower(i))
                .unwrap_or("");
            // "di Gaza" is where; "menyerang Gaza", "ke Gaza" is whom.
            let location = head.kind == Kind::Place
                && self
                    .pack
                    .words
                    .location_prepositions
                    .iter()
                    .any(|p| p == before);
            // "dari Gaza" is where from, not to whom.
            // "dari Gaza" is where from, not to whom, except for a withdrawal.
            let origin = head.kind == Kind::Place && before == "dari" && !withdrawal;
            // Rule `dyad-compound`: "konflik India-Pakistan" names both sides.
            let compound = group.len() >= 2
                && group.windows(2).all(|w| {
                    mentions[w[1]].start == mentions[w[0]].end + 1
                        && doc.text_of(mentions[w[0]].end) == "-"
                });
            if (matches!(before, "di" | "oleh") || location || origin) && !compound {
                continue;
            }
            let entities: Vec<Entity> =
                group.iter().flat_map(|&k| mentions[k].entities()).collect();
            if !entities.iter().any(|e| e.country.is_some()) {
                continue;
            }
            // Within the object phrase (no preposition), only close by.
            // "penyelesaian krisis antara Myanmar dan Bangladesh": two sides
            // after "antara" are whom an appeal or a reaction concerns.
            let between = head.start > 0
                && doc.lower(head.start - 1) == "antara"
                && countries(&entities).len() >= 2;
            // Rule `specified-party`: "mendesak negara-negara di kawasan,
            // khususnya Myanmar": the party singled out is whom.
            let specified =
                head.start > from && self.sets.specifiers.contains(doc.lower(head.start - 1));
            let governed = between
                || specified
                || (from..head.start)
                    .any(|i| self.sets.recipient_prepositions.contains(doc.lower(i)));
            // Rule `object-phrase`: anywhere inside the object noun phrase,
            // except civilians there, who are an act's victims ("mengecam
            // pembunuhan warga Palestina").
            let civilians = entities.iter().all(|e| e.sector.as_deref() == Some("CVL"));
            let in_object = object_end.is_some_and(|e| head.start < e)
                && head.kind != Kind::Place
                && !civilians;
            if governed || compound || in_object || head.start <= from + OBJECT_REACH {
                return entities;
            }
        }
        own
    }

    /// A verb of saying that opens or closes reported speech: an inflected
    /// one ("mengatakan"), or a bare one after a comma or quote (", tegas
    /// Menlu"); "tindakan tegas" is an adjective.
    fn speech_verb_at(&self, doc: &Analysed, i: usize) -> bool {
        let w = doc.lower(i);
        self.sets.speech_verbs.contains(w)
            && (doc.root(i) != w
                || i > 0 && matches!(doc.kind(i - 1), TokenKind::Punct | TokenKind::Quote))
    }

    /// The agent of a passive verb: after "oleh" (maybe after a noun:
    /// "oleh serangan Israel"), or right after the verb.
    fn agent(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> (Vec<Entity>, usize) {
        let end = limit.min(from + RECIPIENT_WINDOW);
        let groups = &mentions.groups;
        let oleh = (from..end).find(|&i| doc.lower(i) == "oleh");
        // "dihujani rudal Rusia": the agent may follow its weapon in the
        // phrase right after the verb.
        let object_end = phrases.object_after(from, limit).map(|p| p.end);
        for group in groups {
            let head = &mentions[group[0]];
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            let ok = match oleh {
                Some(o) => head.start > o && head.start <= o + 4,
                None => {
                    head.start == from
                        || head.start > from && object_end.is_some_and(|e| head.start < e)
                }
            };
            let entities: Vec<Entity> =
                group.iter().flat_map(|&k| mentions[k].entities()).collect();
            if ok && head.kind != Kind::Place && entities.iter().any(|e| e.country.is_some()) {
                return (entities, last.end);
            }
        }
        (Vec::new(), from)
    }

    /// The possessor right after a nominal cue, allowing two modifier words
    /// ("serangan udara Israel").
    fn possessor(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        from: usize,
        limit: usize,
    ) -> Option<(Vec<Entity>, usize)> {
        let groups = &mentions.groups;
        for group in groups {
            let head = &mentions[group[0]];
            if head.start < from || head.start > from + 2 || head.start >= limit {
                continue;
            }
            if (from..head.start).any(|i| {
                doc.kind(i) != TokenKind::Word
                    || self.sets.recipient_prepositions.contains(doc.lower(i))
                    || doc.lower(i) == "di"
            }) {
                return None;
            }
            if head.kind == Kind::Place {
                return None;
            }
            let last = &mentions[*group.last().unwrap_or(&group[0])];
            let entities: Vec<Entity> =
                group.iter().flat_map(|&k| mentions[k].entities()).collect();
            return entities
                .iter()
                .any(|e| e.country.is_some())
                .then_some((entities, last.end));
        }
        None
    }

    /// "kritik dari Moskow": a verbal act noun without a possessor, followed
    /// by "dari" and a party, is that party's.
    fn source_of(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        phrases: &Phrases,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        if from >= limit || doc.lower(from) != "dari" {
            return None;
        }
        let g = mentions
            .groups
            .iter()
            .position(|g| mentions[g[0]].start == from + 1)?;
        Self::party(mentions, phrases, g)
    }

    /// "antara X dan Y" after a cue: all parties.
    fn between_group(
        &self,
        doc: &Analysed,
        mentions: &SentenceMentions,
        from: usize,
        limit: usize,
    ) -> Option<Vec<Entity>> {
        let at = (from..limit.min(from + 4)).find(|&i| doc.lower(i) == "antara")?;
        let groups = &mentions.groups;
        let group = groups.iter().find(|g| mentions[g[0]].start == at + 1)?;
        Some(group.iter().flat_map(|&k| mentions[k].entities()).collect())
    }

    fn first_person_before(&self, mentions: &SentenceMentions, at: usize, first: usize) -> bool {
        mentions
            .iter()
            .rev()
            .filter(|m| m.end <= at && m.start >= first)
            .take(1)
            .any(|m| m.kind == Kind::FirstPerson)
    }
}

/// The content of an appeal, refusal, threat or promise is not an act of its
/// own; it tells whom the governing act is aimed at ("mengancam menyerang
/// kapal AS": the threat is against the United States). Candidates come
/// tagged with the index of their cue match.
pub(crate) fn fold_embedded(
    doc: &Analysed,
    sets: &crate::compiled::WordSets,
    candidates: Vec<(usize, Candidate)>,
    embedded: &[bool],
) -> Vec<Candidate> {
    let denials = &sets.denials;
    // "Blokade itu mendorong Qatar untuk ...": an event noun that prompts
    // an act is its cause, not an appeal; the act it prompts is told.
    let cause = |gov: &Candidate| {
        gov.actor.is_empty()
            && gov.start > 0
            && (sets.demonstratives.contains(doc.lower(gov.start - 1))
                || doc.voice(gov.start - 1) == Voice::Nominal)
    };
    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut governor: Option<(usize, usize)> = None; // (match index, position in out)
    let mut folded: Option<usize> = None;
    for (k, candidate) in candidates {
        if embedded.get(k).copied().unwrap_or(false) {
            // The content of a content ("menolak desakan untuk mundur").
            if folded.is_some_and(|f| f + 1 == k) {
                folded = Some(k);
                continue;
            }
            if let Some((g, at)) = governor {
                if g + 1 == k && !cause(&out[at]) {
                    folded = Some(k);
                    let gov = &mut out[at];
                    // A denial answers an accuser ("menepis tuduhan Ukraina"),
                    // not the parties of the act it denies.
                    let denial = (gov.start..gov.end).any(|i| denials.contains(doc.root(i)))
                        && candidate.event_type != "ACCUSE";
                    if gov.recipient.is_empty() && !denial {
                        // Whom the content names as doer ("mendesak Israel
                        // menghentikan"), else whom it targets ("mengancam
                        // menyerang kapal AS").
                        let others = |list: &[Entity]| -> Vec<Entity> {
                            list.iter()
                                .filter(|a| !gov.actor.iter().any(|b| same_entity(a, b)))
                                .cloned()
                                .collect()
                        };
                        let doers = others(&candidate.actor);
                        gov.recipient = if doers.is_empty() {
                            others(&candidate.recipient)
                        } else {
                            doers
                        };
                    }
                    continue;
                }
            }
        }
        governor = Some((k, out.len()));
        out.push(candidate);
    }
    out
}

/// "mengecam serangan Israel": a verbal reaction whose object is another act
/// in the same sentence is aimed at that act's actor.
pub(crate) fn reactions_target_the_act(
    lexicon: &warta_lexicon::Lexicon,
    candidates: &mut [Candidate],
) {
    for k in 0..candidates.len().saturating_sub(1) {
        let (left, right) = candidates.split_at_mut(k + 1);
        let (reaction, act) = (&mut left[k], &right[0]);
        let verbal = verbal_type(lexicon, &reaction.event_type);
        let adjacent = act.start <= reaction.end + 2 && act.start >= reaction.end;
        // "berorasi menuntut Perdana Menteri mundur": a protest is aimed at
        // whom its demand is.
        if reaction.event_type == "PROTEST"
            && act.event_type == "REQUEST"
            && adjacent
            && reaction.recipient.is_empty()
        {
            reaction.recipient = act.recipient.clone();
            continue;
        }
        // A meeting of two sides about an act is not aimed at its actor
        // ("Indonesia membicarakan ancaman ISIS dengan Selandia Baru").
        let met = reaction.event_type == "CONSULT" && countries(&reaction.actor).len() >= 2;
        if verbal && !met && reaction.recipient.is_empty() && adjacent {
            reaction.recipient = others_acting(&act.actor, &reaction.actor);
        }
    }
}

/// Rule `provoked-reaction`: "koalisi pimpinan Arab Saudi menyerang
/// pemberontak Houthi, memicu kritik dari Moskow", "Serangan Israel memicu
/// kecaman dari Turki": a verbal reaction an act provokes (`provocations`)
/// is aimed at that act's actor.
pub(crate) fn provoked_reactions(
    doc: &Analysed,
    sets: &crate::compiled::WordSets,
    lexicon: &warta_lexicon::Lexicon,
    candidates: &mut [Candidate],
) {
    for k in 1..candidates.len() {
        let (before, rest) = candidates.split_at_mut(k);
        let reaction = &mut rest[0];
        let provoked =
            reaction.start > 0 && sets.provocations.contains(doc.lower(reaction.start - 1));
        if !provoked
            || !reaction.recipient.is_empty()
            || !verbal_type(lexicon, &reaction.event_type)
        {
            continue;
        }
        if let Some(act) = before
            .iter()
            .rev()
            .find(|a| a.sentence == reaction.sentence && a.end < reaction.start)
        {
            reaction.recipient = others_acting(&act.actor, &reaction.actor);
        }
    }
}

/// Whether an event type is a verbal act (`EventType::verbal`).
fn verbal_type(lexicon: &warta_lexicon::Lexicon, event_type: &str) -> bool {
    lexicon
        .plover
        .event_type(event_type)
        .is_some_and(|t| t.verbal())
}

/// The actors of an act a reaction is aimed at, less the reaction's own.
fn others_acting(act: &[Entity], reaction: &[Entity]) -> Vec<Entity> {
    act.iter()
        .filter(|a| !reaction.iter().any(|b| same_entity(a, b)))
        .cloned()
        .collect()
}

/// Entities grouped by their country, in order of first appearance.
fn by_country(entities: &[Entity]) -> Vec<Vec<Entity>> {
    let mut sides: Vec<Vec<Entity>> = Vec::new();
    for e in entities {
        match sides.iter_mut().find(|s| s[0].country == e.country) {
            Some(side) => side.push(e.clone()),
            None => sides.push(vec![e.clone()]),
        }
    }
    sides
}

/// The distinct countries of some entities, sorted.
pub(crate) fn countries(entities: &[Entity]) -> Vec<&str> {
    let mut out: Vec<&str> = entities
        .iter()
        .filter_map(|e| e.country.as_deref())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A call or meeting with several partners named one after another ("menelepon
/// pejabat di Qatar dan Mesir") is one conversation with each; and without a
/// host every party is an actor (coding guide, section 2).
pub(crate) fn split_meetings(candidate: Candidate) -> Vec<Candidate> {
    if candidate.event_type != "CONSULT" {
        return vec![candidate];
    }
    let visit = candidate.mode.as_deref() == Some("visit");
    // A mediation is one act among all its parties.
    let mediation = candidate.mode.as_deref() == Some("third-party");
    let partners = by_country(&candidate.recipient);
    // "kunjungan ke Korea Selatan, China dan Jepang": one trip, its hosts
    // together, as compound parties stay in one event (coding guide, 2).
    if partners.is_empty() || visit {
        return vec![candidate];
    }
    // "pertemuan 6 negara: Selandia Baru, Australia, ...": a meeting of
    // four or more parties, named as one meeting, is one multilateral act;
    // "berbicara dengan A, B dan C" is a talk with each.
    let multilateral =
        partners.len() >= 3 && candidate.nominal && candidate.mode.as_deref() != Some("phone");
    if mediation || multilateral {
        let mut c = candidate;
        if multilateral && !mediation {
            c.mode = Some("multilateral".into());
            c.cameo = "040".into();
        }
        for r in std::mem::take(&mut c.recipient) {
            if !c.actor.iter().any(|a| same_entity(a, &r)) {
                c.actor.push(r);
            }
        }
        return vec![c];
    }
    partners
        .into_iter()
        .map(|partner| {
            let mut c = candidate.clone();
            c.recipient.clear();
            for r in partner {
                if !c.actor.iter().any(|a| same_entity(a, &r)) {
                    c.actor.push(r);
                }
            }
            c
        })
        .collect()
}

/// A sentence's mentions with their coordinated groups, found once and
/// shared by every actor and recipient search of the sentence's cues.
pub(crate) struct SentenceMentions {
    mentions: Vec<Mention>,
    /// Mentions joined by coordinators, as indexes, in text order.
    pub groups: Vec<Vec<usize>>,
}

impl SentenceMentions {
    pub fn new(doc: &Analysed, mentions: Vec<Mention>, sets: &crate::compiled::WordSets) -> Self {
        let groups = groups(doc, &mentions, sets);
        SentenceMentions { mentions, groups }
    }
}

impl std::ops::Deref for SentenceMentions {
    type Target = [Mention];

    fn deref(&self) -> &[Mention] {
        &self.mentions
    }
}

/// Mentions joined by coordinators ("AS, Inggris, dan Prancis") as groups of
/// indexes, in text order.
fn groups(
    doc: &Analysed,
    mentions: &[Mention],
    sets: &crate::compiled::WordSets,
) -> Vec<Vec<usize>> {
    let coordinators = &sets.coordinators;
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if !m.is_actor_like() && m.kind != Kind::Place {
            continue;
        }
        let joined = out.last().and_then(|g| g.last()).is_some_and(|&prev| {
            let gap: Vec<&str> = (mentions[prev].end..m.start)
                .map(|i| doc.lower(i))
                .collect();
            // "India-Pakistan": a hyphen joins two sides too.
            !gap.is_empty()
                && gap.len() <= 2
                && gap.iter().all(|w| coordinators.contains(*w) || *w == "-")
                && mentions[prev].kind != Kind::Place
                && m.kind != Kind::Place
                && !clauses_joined(doc, sets, mentions, out.last().map_or(&[][..], |g| g), m)
        });
        match (joined, out.last_mut()) {
            (true, Some(g)) => g.push(k),
            _ => out.push(vec![k]),
        }
    }
    out
}

/// "Rusia mendukung Assad dan Arab Saudi mendukung pemberontak": an
/// object before "dan" and a subject after it, each next to its verb, are
/// two clauses' parties, not one group. After a causative ("mendesak Iran
/// dan Israel menahan diri") they are one group that does the second verb.
fn clauses_joined(
    doc: &Analysed,
    sets: &crate::compiled::WordSets,
    mentions: &[Mention],
    group: &[usize],
    next: &Mention,
) -> bool {
    let Some(&head) = group.first() else {
        return false;
    };
    let start = mentions[head].start;
    start > 0
        && doc.active_verb(start - 1)
        && doc.active_verb(next.end)
        && !sets.object_may_act(doc.lower(start - 1))
}

/// "untuk membicarakan ...": a purpose clause, not a recipient.
fn starts_a_verb(word: &str) -> bool {
    ["me", "ber", "di", "mem", "men", "meng"]
        .iter()
        .any(|p| word.starts_with(p))
        && word.len() > 5
}

/// The entities of `list` whose country is none of the actor's (those of
/// no country stay).
fn others_than(mut list: Vec<Entity>, actor: &[Entity]) -> Vec<Entity> {
    let own = countries(actor);
    list.retain(|e| e.country.as_deref().is_none_or(|c| !own.contains(&c)));
    list
}

fn same_entity(a: &Entity, b: &Entity) -> bool {
    a.country == b.country
        && (a.name == b.name || a.name.is_none() || b.name.is_none())
        && a.sector == b.sector
}

/// The type an announced or intended act takes (coding guide, section 1).
pub(crate) fn future_form(
    event_type: &str,
    quad: u8,
    mode: Option<String>,
    cameo: String,
) -> (String, Option<String>, String) {
    match (event_type, quad) {
        ("RETREAT", _) | ("CONCEDE", _) => ("CONCEDE".into(), None, "080".into()),
        ("AGREE", _) => ("AGREE".into(), None, cameo),
        ("CONSULT", _) => ("AGREE".into(), None, "036".into()),
        ("AID", _) => ("AGREE".into(), None, "033".into()),
        ("COOPERATE", _) => ("AGREE".into(), None, "030".into()),
        (_, 1 | 2) => ("AGREE".into(), None, "030".into()),
        ("ASSAULT", _) | ("MOBILIZE", _) => {
            ("THREATEN".into(), Some("violence".into()), "138".into())
        }
        ("COERCE", _) => {
            let m = match mode.as_deref() {
                Some("arrest") => "arrest",
                _ => "restrict",
            };
            ("THREATEN".into(), Some(m.into()), "137".into())
        }
        ("SANCTION", _) => {
            let m = if mode.as_deref() == Some("expel") {
                "expel"
            } else {
                "relations"
            };
            ("THREATEN".into(), Some(m.into()), "131".into())
        }
        ("PROTEST", _) => ("THREATEN".into(), None, "130".into()),
        _ => (event_type.to_string(), mode, cameo),
    }
}

/// Rule `allegation`: a state's speaker who tells, as a claim ("menuturkan
/// bahwa Kremlin telah melakukan serangan siber", "mengatakan diyakini
/// pasukan Myanmar menanam ranjau"), of another party's attack or coercion
/// alleges it: an ACCUSE from the speaker to the doer, next to the act
/// itself, coded with its alleged doer (coding guide, sections 1 and 3).
/// A plain report ("kata utusan AS") alleges nothing, nor does a monitor
/// or a newsroom, nor a speaker whose sentence already accuses.
pub(crate) fn allegations(
    doc: &Analysed,
    sets: &crate::compiled::WordSets,
    candidates: &[Candidate],
) -> Vec<Candidate> {
    candidates
        .iter()
        .filter(|c| ALLEGED.contains(&c.event_type.as_str()) && !c.aim_only)
        .filter_map(|c| {
            let speaker = &c.speaker.as_ref()?.entity;
            let side = speaker.country.as_deref()?;
            if matches!(side, "NGO" | "MNC") || speaker.sector.as_deref() == Some("MED") {
                return None;
            }
            let own =
                countries(&c.actor).contains(&side) || countries(&c.recipient).contains(&side);
            let accused = candidates.iter().any(|o| {
                o.event_type == "ACCUSE"
                    && o.actor.iter().any(|a| a.country.as_deref() == Some(side))
            });
            if c.actor.is_empty() || own || accused {
                return None;
            }
            let first = doc.sentences[c.sentence].first;
            let claimed = (first..c.start).any(|i| {
                let w = doc.lower(i);
                sets.hedges.contains(w) || sets.claim_openers.contains(w)
            });
            if !claimed {
                return None;
            }
            let mut accusation = c.clone();
            accusation.event_type = "ACCUSE".into();
            accusation.mode = Some("allege".into());
            accusation.cameo = "112".into();
            accusation.recipient = c.actor.clone();
            accusation.actor = vec![speaker.clone()];
            accusation.mutual = false;
            accusation.derived_by = Some("allegation");
            accusation.confidence = (c.confidence - 0.1).max(0.05);
            Some(accusation)
        })
        .collect()
}

/// Acts whose telling by another is an allegation.
const ALLEGED: [&str; 2] = ["ASSAULT", "COERCE"];
