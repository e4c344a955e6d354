//! Entity recognition: lexicon names found in the token stream, composed
//! into actors ("Presiden (Rusia) (Vladimir Putin)", "timpalannya dari Iran
//! Hossein Amir-Abdollahian", "pasukan Israel", "pejabat tinggi di Qatar"),
//! people resolved through the office they held on the date, and back
//! references ("ia", "kedua presiden", a surname) resolved within the story.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use warta_analyse::TokenKind;
use warta_record::Entity;

use crate::compiled::{Coder, NameTarget};
use crate::document::Analysed;

/// What kind of thing a mention is, for syntax and reference decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A state named as such ("Rusia").
    State,
    /// A seat of government ("Kremlin", "Teheran").
    Seat,
    Organisation,
    /// One person, named or by title.
    Person,
    /// A group named by a role noun ("pasukan Israel", "warga Palestina").
    Group,
    /// "ia", "dia": resolved to the last person.
    Pronoun,
    /// "mereka", "kedua presiden": resolved to the last compound actor.
    Plural,
    /// "kami", "kita", "saya": resolved to the speaker.
    FirstPerson,
    /// A place that is not an actor.
    Place,
    /// The actor's own people or body ("warganya", "duta besarnya").
    Own,
}

/// An entity found in a sentence: token range, kind, resolution.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub entity: Entity,
    /// Index of the place in the lexicon when the mention can be a location.
    pub place: Option<usize>,
    /// Title id, for titles without a country that earlier mentions may complete.
    pub title: Option<usize>,
    /// Resolved back references (for plural references, several).
    pub refers_to: Vec<Entity>,
}

impl Mention {
    /// The entities this mention stands for (a back reference stands for
    /// what it refers to).
    pub fn entities(&self) -> Vec<Entity> {
        match self.kind {
            Kind::Pronoun | Kind::Plural | Kind::FirstPerson => self.refers_to.clone(),
            _ => vec![self.entity.clone()],
        }
    }

    pub fn is_actor_like(&self) -> bool {
        self.kind != Kind::Place
    }
}

/// A raw lexicon hit: token range and target.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    target: NameTarget,
}

/// Lexicon hits of one sentence by start token: a slot per token, which is
/// cheaper than a map for the few dozen tokens of a sentence.
pub(crate) struct HitIndex {
    from: usize,
    slots: Vec<Option<Hit>>,
}

impl HitIndex {
    fn new(from: usize, to: usize, hits: &[Hit]) -> Self {
        let mut slots = vec![None; to.saturating_sub(from)];
        for hit in hits {
            slots[hit.start - from] = Some(*hit);
        }
        HitIndex { from, slots }
    }

    fn get(&self, at: &usize) -> Option<&Hit> {
        at.checked_sub(self.from)
            .and_then(|k| self.slots.get(k))
            .and_then(Option::as_ref)
    }

    fn contains_key(&self, at: &usize) -> bool {
        self.get(at).is_some()
    }
}

/// Story-level state for back references.
#[derive(Debug, Default)]
pub(crate) struct References {
    last_person: Option<Entity>,
    last_group: Vec<Entity>,
    /// The state the story last had as a subject ("negara itu").
    last_state: Option<Entity>,
    /// The last subject of any kind: "mereka" when no compound is known.
    last_subject: Option<Entity>,
    /// `last_group` is a subject and whom it met, not a named compound:
    /// it answers "keduanya", not "mereka".
    group_is_pair: bool,
    surnames: HashMap<String, Entity>,
    /// Title id -> the last entity that title named with a country.
    titles: HashMap<usize, Entity>,
    /// Territories the story has named as a state's ("Guam, wilayah AS"):
    /// territory code -> state code.
    territories: Vec<(String, String)>,
    /// The state of the place the story last named (a city, a province):
    /// where its fighting is.
    last_place_state: Option<String>,
}

impl Coder {
    /// Lexicon hits in tokens `from..to`, leftmost-longest, not overlapping.
    fn hits(&self, doc: &Analysed, from: usize, to: usize) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = from;
        while i < to {
            if !doc.starts_name(i) {
                i += 1;
                continue;
            }
            let found = self.names.get(doc.lower(i)).and_then(|names| {
                names.iter().find(|name| {
                    let end = i + name.tokens.len();
                    end <= to
                        && name.tokens.iter().enumerate().all(|(k, t)| {
                            if name.exact {
                                doc.text_of(i + k) == t
                            } else {
                                doc.lower(i + k) == *t
                            }
                        })
                        && (name.exact || capitalised_if_proper(doc, i, name.target))
                        && !(name.exact && is_initials(doc, i, to, &self.sets.initials_nouns))
                })
            });
            match found {
                Some(name) => {
                    hits.push(Hit {
                        start: i,
                        end: i + name.tokens.len(),
                        target: name.target,
                    });
                    i += name.tokens.len();
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The mentions of one sentence (tokens `from..to`), composed and
    /// resolved on `date` (YYYY-MM-DD).
    pub(crate) fn mentions(
        &self,
        doc: &Analysed,
        from: usize,
        to: usize,
        date: Option<&str>,
        refs: &mut References,
    ) -> Vec<Mention> {
        let hits = self.hits(doc, from, to);
        let hit_at = HitIndex::new(from, to, &hits);
        let mut out: Vec<Mention> = Vec::new();
        let mut i = from;
        while i < to {
            if let Some(hit) = hit_at.get(&i).copied() {
                let mention = self.compose(doc, hit, &hit_at, to, date, refs);
                i = mention.end.max(i + 1);
                out.push(mention);
                continue;
            }
            if let Some(mention) = self.reference_at(doc, i, to, &hit_at, date, refs) {
                i = mention.end.max(i + 1);
                out.push(mention);
                continue;
            }
            i += 1;
        }
        self.own_people(doc, from, to, &mut out, refs);
        self.bare_governments(doc, &mut out);
        self.bare_armed_groups(doc, &mut out, refs);
        self.territories(doc, &mut out, refs);
        resolve_plurals_within(&mut out);
        self.remember(doc, &out, refs);
        out
    }

    /// Back references and counterpart phrases that start at token `i`.
    fn reference_at(
        &self,
        doc: &Analysed,
        i: usize,
        to: usize,
        hit_at: &HitIndex,
        date: Option<&str>,
        refs: &References,
    ) -> Option<Mention> {
        // Most tokens are neither a reference word nor a capitalised surname.
        if !(doc.may_refer(i) || doc.kind(i) == TokenKind::Word && starts_upper(doc.text_of(i))) {
            return None;
        }
        let lower = doc.lower(i);
        // Most words start no pronoun phrase: only then build the phrases.
        let starts_phrase = self.sets.pronoun_starts.contains(lower);
        let phrase = |len: usize| -> String {
            if !starts_phrase || i + len > to {
                return String::new();
            }
            (i..i + len)
                .map(|k| doc.lower(k))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (two, three) = (phrase(2), phrase(3));
        let blank = |end: usize, kind: Kind, refers_to: Vec<Entity>| Mention {
            start: i,
            end,
            kind,
            entity: Entity {
                text: doc.span_text(i, end).to_string(),
                name: None,
                country: None,
                sector: None,
            },
            place: None,
            title: None,
            refers_to,
        };
        let one = if starts_phrase { lower } else { "" };
        for (phrase, len) in [(three.as_str(), 3), (two.as_str(), 2), (one, 1)] {
            if phrase.is_empty() {
                continue;
            }
            if self.sets.pronouns_plural.contains(phrase) {
                let group =
                    if (refs.last_group.is_empty() || refs.group_is_pair) && phrase == "mereka" {
                        refs.last_subject.clone().into_iter().collect()
                    } else {
                        refs.last_group.clone()
                    };
                return Some(blank(i + len, Kind::Plural, group));
            }
            if self.sets.pronouns_state.contains(phrase) {
                return Some(blank(
                    i + len,
                    Kind::Pronoun,
                    refs.last_state.clone().into_iter().collect(),
                ));
            }
            if self.sets.pronouns_person.contains(phrase) {
                return Some(blank(
                    i + len,
                    Kind::Pronoun,
                    refs.last_person.clone().into_iter().collect(),
                ));
            }
        }
        // "kedua menlu itu", "kedua kepala negara": "kedua" before any title
        // refers to the last pair, as the listed phrases do.
        if lower == "kedua" {
            if let Some(hit) = hit_at.get(&(i + 1)) {
                if matches!(hit.target, NameTarget::Title(_)) && refs.last_group.len() >= 2 {
                    let mut end = hit.end;
                    if end < to && self.sets.demonstratives.contains(doc.lower(end)) {
                        end += 1;
                    }
                    return Some(blank(end, Kind::Plural, refs.last_group.clone()));
                }
            }
        }
        if self.sets.first_person.contains(lower) {
            return Some(blank(i + 1, Kind::FirstPerson, Vec::new()));
        }
        // "timpalannya dari Iran (Hossein Amir-Abdollahian)"
        if self.sets.counterpart.contains(lower) && doc.lower_at(i + 1).is_some_and(|w| w == "dari")
        {
            let hit = hit_at.get(&(i + 2))?;
            let country = self.country_of_target(hit.target)?;
            let (name_end, person) = self.name_after(doc, hit.end, to, hit_at);
            let mut mention = blank(name_end, Kind::Person, Vec::new());
            mention.entity.country = Some(country);
            mention.entity.sector = Some("GOV".into());
            if let Some((start, end)) = person {
                mention.entity.name = Some(self.person_name(doc, start, end, hit_at, date));
            }
            return Some(mention);
        }
        // A surname seen earlier in the story with its full name.
        if doc.kind(i) == TokenKind::Word && starts_upper(doc.text_of(i)) {
            if let Some(entity) = refs.surnames.get(doc.text_of(i)) {
                let mut mention = blank(i + 1, Kind::Person, Vec::new());
                mention.entity = Entity {
                    text: doc.text_of(i).to_string(),
                    ..entity.clone()
                };
                return Some(mention);
            }
        }
        None
    }

    /// Builds one mention from the hit at its start.
    fn compose(
        &self,
        doc: &Analysed,
        hit: Hit,
        hit_at: &HitIndex,
        to: usize,
        date: Option<&str>,
        refs: &References,
    ) -> Mention {
        let mut mention = Mention {
            start: hit.start,
            end: hit.end,
            kind: Kind::State,
            entity: Entity {
                text: String::new(),
                name: None,
                country: None,
                sector: None,
            },
            place: None,
            title: None,
            refers_to: Vec::new(),
        };
        let lex = &self.lexicon;
        match hit.target {
            NameTarget::Country(c) => {
                mention.entity.country = Some(lex.countries[c].code.clone());
                mention.entity.name = Some(lex.countries[c].name.clone());
                mention.entity.sector = Some("GOV".into());
                mention.place = self.place_named(&lex.countries[c].name);
            }
            NameTarget::Metonym(c) => {
                mention.kind = Kind::Seat;
                mention.entity.country = Some(lex.countries[c].code.clone());
                mention.entity.name = Some(lex.countries[c].name.clone());
                mention.entity.sector = Some("GOV".into());
                mention.place = self.place_for_tokens(doc, hit.start, hit.end);
                // A capital before its state existed ("Juba" in 2000) is a
                // city of the state it belonged to, no seat of government.
                if let Some(place) = mention.place.map(|p| &lex.places[p]) {
                    let then = place.country_on(date);
                    if then != place.country {
                        mention.kind = Kind::Place;
                        mention.entity.country = Some(then.to_string());
                        mention.entity.name = Some(place.name.clone());
                        mention.entity.sector = None;
                    }
                }
            }
            NameTarget::Organisation(o) => {
                let org = &lex.organisations[o];
                mention.kind = Kind::Organisation;
                mention.entity.country = Some(org.country.clone());
                mention.entity.name = Some(org.name.clone());
                mention.entity.sector = org.sector.clone();
                // "Iron Dome Israel": an organisation followed by its own country.
                if let Some(next) = hit_at.get(&hit.end) {
                    if self.country_of_target(next.target).as_deref() == Some(org.country.as_str())
                    {
                        mention.end = next.end;
                    }
                }
            }
            NameTarget::Person(p) => {
                mention.kind = Kind::Person;
                self.resolve_person(p, date, &mut mention.entity);
                mention.end = self
                    .of_country_after(doc, mention.end, to, hit_at)
                    .map_or(mention.end, |(end, _)| end);
            }
            NameTarget::Place(p) => {
                let place = &lex.places[p];
                mention.kind = Kind::Place;
                mention.place = Some(p);
                mention.entity.country = place.state_on(date).map(str::to_string);
                mention.entity.name = Some(place.name.clone());
            }
            NameTarget::Title(t) => {
                self.compose_title(doc, hit, t, hit_at, to, date, refs, &mut mention)
            }
            NameTarget::CountryTitle(t) => {
                self.compose_title(doc, hit, t, hit_at, to, date, refs, &mut mention);
                if mention.entity.country.is_none() {
                    if let Some(country) = self.pack.titles[t].country.clone() {
                        if mention.entity.name.is_none() {
                            mention.entity.name =
                                date.and_then(|d| self.office_holder(t, &country, None, d));
                        }
                        mention.entity.country = Some(country);
                    }
                }
            }
        }
        mention.entity.text = doc.span_text(mention.start, mention.end).to_string();
        mention
    }

    #[allow(clippy::too_many_arguments)]
    fn compose_title(
        &self,
        doc: &Analysed,
        hit: Hit,
        t: usize,
        hit_at: &HitIndex,
        to: usize,
        date: Option<&str>,
        refs: &References,
        mention: &mut Mention,
    ) {
        let title = &self.pack.titles[t];
        mention.kind = if title.person {
            Kind::Person
        } else {
            Kind::Group
        };
        mention.title = Some(t);
        mention.entity.sector = title.sector.clone();
        let former = hit.start > 0 && self.sets.former.contains(doc.lower(hit.start - 1));
        let mut j = hit.end;
        // Fillers and bracketed abbreviations: "Juru Bicara Pers", "Perdana Menteri (PM)".
        loop {
            if j < to && self.sets_title_filler(doc.lower(j)) {
                j += 1;
            } else if let Some(end) = bracketed_title(doc, j, to, hit_at) {
                j = end;
            } else {
                break;
            }
        }
        // The "of" part: a state, seat or organisation, maybe bracketed or after di/dari.
        let mut of: Option<(String, Option<String>)> = None;
        let mut k = j;
        let opens = k < to && doc.text_of(k) == "(";
        if opens {
            k += 1;
        }
        // "pejabat tinggi di Qatar", "warga di Gaza": people of a place; but
        // forces "di" a place are not that place's forces.
        let of_place = k < to
            && doc.lower(k) == "di"
            && !title.person
            && !matches!(title.sector.as_deref(), Some("MIL" | "COP" | "REB" | "SPY"));
        let via = k + 1 < to && (doc.lower(k) == "dari" || of_place);
        if !opens && via {
            k += 1;
        }
        if let Some(next) = hit_at.get(&k) {
            let place_country = match next.target {
                NameTarget::Place(p) => self.lexicon.places[p].state_on(date).map(str::to_string),
                _ => None,
            };
            if let Some(country) = self.country_of_target(next.target).or(place_country) {
                let org_key = match next.target {
                    NameTarget::Organisation(o) => {
                        Some(format!("org:{}", self.lexicon.organisations[o].id))
                    }
                    NameTarget::Place(p) => Some(format!("place:{}", self.lexicon.places[p].name)),
                    // "Ketua DPR RI" is the DPR's; "Ketua DPR AS" is not.
                    NameTarget::Metonym(_) | NameTarget::Country(_) => {
                        self.organisation_in_title(doc, hit).filter(|key| {
                            self.organisation_country(key).as_deref() == Some(country.as_str())
                        })
                    }
                    _ => None,
                };
                of = Some((country, org_key));
                k = next.end;
                if opens && k < to && doc.text_of(k) == ")" {
                    k += 1;
                }
                j = k;
            }
        }
        // "Ketua DPR": the body named inside the title.
        if of.is_none() {
            if let Some(key) = self.organisation_in_title(doc, hit) {
                if let Some(country) = self.organisation_country(&key) {
                    of = Some((country, Some(key)));
                }
            }
        }
        // A name after the title: "Presiden Iran (Ebrahim Raisi)", "Presiden Rusia, Vladimir Putin,".
        let (name_end, person) = self.name_after(doc, j, to, hit_at);
        mention.end = name_end;
        if let Some((start, end)) = person {
            if let Some(NameTarget::Person(p)) = hit_at.get(&start).map(|h| h.target) {
                self.resolve_person(p, date, &mut mention.entity);
            } else {
                mention.entity.name = Some(doc.span_text(start, end).to_string());
            }
            // "aktivis Palestina Ahed Tamimi": a role noun with a full name
            // after it is one person, whose surname the story remembers.
            let full_name = end - start >= 2
                && (start..end).all(|i| {
                    let w = doc.lower(i);
                    self.calendar.weekday(w).is_none() && self.calendar.month(w).is_none()
                });
            if !title.person && full_name {
                mention.kind = Kind::Person;
            }
            if let Some((country, _)) = &of {
                mention.entity.country = Some(country.clone());
            }
            if mention.entity.sector.is_none() {
                mention.entity.sector = title.sector.clone();
            }
        } else if let Some((country, org_key)) = &of {
            mention.entity.country = Some(country.clone());
            if title.person && !former {
                if let Some(holder) =
                    date.and_then(|d| self.office_holder(t, country, org_key.as_deref(), d))
                {
                    mention.entity.name = Some(holder);
                }
            }
        } else if let Some((end, country)) = self.of_country_after(doc, mention.end, to, hit_at) {
            // "Raja Abdullah II dari Yordania" is handled by name_after; a bare
            // title followed by "dari X" lands here.
            mention.end = end;
            mention.entity.country = Some(country);
        } else if let Some(earlier) = refs.titles.get(&t) {
            // "Presiden" alone after "Presiden Iran" earlier in the story.
            mention.entity.country = earlier.country.clone();
            mention.entity.name = earlier.name.clone();
        }
        // "Raja Abdullah II dari Yordania"
        if mention.entity.country.is_none() {
            if let Some((end, country)) = self.of_country_after(doc, mention.end, to, hit_at) {
                mention.end = end;
                mention.entity.country = Some(country);
            }
        }
    }

    /// "Ketua DPR" names the body inside the title: its organisation key.
    fn organisation_in_title(&self, doc: &Analysed, hit: Hit) -> Option<String> {
        (hit.start..hit.end).find_map(|k| {
            self.names
                .get(doc.lower(k))?
                .iter()
                .find_map(|name| match name.target {
                    NameTarget::Organisation(o)
                        if name.tokens.len() == 1
                            && (!name.exact || doc.text_of(k) == name.tokens[0]) =>
                    {
                        Some(format!("org:{}", self.lexicon.organisations[o].id))
                    }
                    _ => None,
                })
        })
    }

    fn organisation_country(&self, key: &str) -> Option<String> {
        let id = key.strip_prefix("org:")?;
        self.lexicon
            .organisations
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.country.clone())
    }

    fn sets_title_filler(&self, word: &str) -> bool {
        self.pack.words.title_fillers.iter().any(|f| f == word)
    }

    /// "dari Yordania" right after `at`: the end and the country.
    fn of_country_after(
        &self,
        doc: &Analysed,
        at: usize,
        to: usize,
        hit_at: &HitIndex,
    ) -> Option<(usize, String)> {
        if at + 1 < to && doc.lower(at) == "dari" {
            let hit = hit_at.get(&(at + 1))?;
            if matches!(hit.target, NameTarget::Country(_)) {
                return Some((hit.end, self.country_of_target(hit.target)?));
            }
        }
        None
    }

    /// A person's name right after `at`, maybe bracketed or after a comma:
    /// returns the mention's new end and the name's token range.
    fn name_after(
        &self,
        doc: &Analysed,
        at: usize,
        to: usize,
        hit_at: &HitIndex,
    ) -> (usize, Option<(usize, usize)>) {
        let mut k = at;
        let bracket = k < to && doc.text_of(k) == "(";
        let comma = k < to && doc.text_of(k) == ",";
        if bracket || comma {
            k += 1;
        }
        let start = k;
        let end = if let Some(hit) = hit_at
            .get(&k)
            .filter(|h| matches!(h.target, NameTarget::Person(_)))
        {
            hit.end
        } else {
            let mut e = k;
            while e < to
                && e - k < 4
                && is_name_word(doc, e, &self.sets.name_particles)
                && !hit_at.contains_key(&e)
            {
                e += 1;
            }
            e
        };
        if end == start {
            return (at, None);
        }
        let mut close = end;
        if bracket {
            if close < to && doc.text_of(close) == ")" {
                close += 1;
            } else {
                return (at, None);
            }
        } else if comma {
            // An apposition ends with a comma or the clause goes on; a comma
            // followed by a lower-case word is just a list.
            if close < to && doc.text_of(close) == "," {
                close += 1;
            }
        }
        (close, Some((start, end)))
    }

    fn person_name(
        &self,
        doc: &Analysed,
        start: usize,
        end: usize,
        hit_at: &HitIndex,
        date: Option<&str>,
    ) -> String {
        if let Some(NameTarget::Person(p)) = hit_at.get(&start).map(|h| h.target) {
            let mut entity = Entity {
                text: String::new(),
                name: None,
                country: None,
                sector: None,
            };
            self.resolve_person(p, date, &mut entity);
            if let Some(name) = entity.name {
                return name;
            }
        }
        doc.span_text(start, end).to_string()
    }

    /// Name, country and sector of person `p` from the office held on
    /// `date`, else the office nearest in time.
    pub(crate) fn resolve_person(&self, p: usize, date: Option<&str>, entity: &mut Entity) {
        let person = &self.lexicon.people[p];
        entity.name = Some(person.name.clone());
        let office = match date {
            Some(d) => person
                .office
                .iter()
                .find(|o| o.covers(d))
                .or_else(|| person.office.iter().min_by_key(|o| distance_days(o, d))),
            None => person.office.iter().max_by(|a, b| a.from.cmp(&b.from)),
        };
        if let Some(office) = office {
            entity.country = Some(office.country.clone());
            entity.sector = office.sector.clone().or_else(|| {
                self.title_ids
                    .get(&office.title)
                    .and_then(|&t| self.pack.titles[t].sector.clone())
            });
        }
    }

    /// Who held title `t` for `country` (or organisation) on `date`.
    pub(crate) fn office_holder(
        &self,
        t: usize,
        country: &str,
        org_key: Option<&str>,
        date: &str,
    ) -> Option<String> {
        let place_only = org_key.is_some_and(|k| k.starts_with("place:"));
        let by_key = org_key.and_then(|k| self.offices.get(&(t, k.to_string())));
        let by_country = if place_only {
            None
        } else {
            self.offices.get(&(t, country.to_string()))
        };
        for list in [by_key, by_country].into_iter().flatten() {
            // An acting holder stands in for a suspended one; an office of no
            // particular body is the plain reading of "Ketua ... RI".
            let mut holders: Vec<(bool, bool, usize)> = list
                .iter()
                .filter(|(p, o)| self.lexicon.people[*p].office[*o].covers(date))
                .map(|(p, o)| {
                    let office = &self.lexicon.people[*p].office[*o];
                    (!office.acting, !office.organisation.is_empty(), *p)
                })
                .collect();
            holders.sort();
            if let Some((_, _, p)) = holders.first() {
                return Some(self.lexicon.people[*p].name.clone());
            }
        }
        None
    }

    fn country_of_target(&self, target: NameTarget) -> Option<String> {
        let lex = &self.lexicon;
        match target {
            NameTarget::Country(c) | NameTarget::Metonym(c) => Some(lex.countries[c].code.clone()),
            NameTarget::Organisation(o) => Some(lex.organisations[o].country.clone()),
            _ => None,
        }
    }

    fn place_named(&self, name: &str) -> Option<usize> {
        self.lexicon.places.iter().position(|p| p.name == name)
    }

    /// The gazetteer place spelled by these tokens, if any.
    fn place_for_tokens(&self, doc: &Analysed, start: usize, end: usize) -> Option<usize> {
        let names = self.names.get(doc.lower(start))?;
        names.iter().find_map(|name| match name.target {
            NameTarget::Place(p)
                if name.tokens.len() == end - start
                    && (start..end).all(|k| doc.lower(k) == name.tokens[k - start]) =>
            {
                Some(p)
            }
            _ => None,
        })
    }

    /// Rule `own-people`: "Jepang mengimbau warganya", "staf diplomatiknya":
    /// a people noun with "-nya" belongs to the clause's subject (the first
    /// party of the sentence not behind a preposition), else to the state
    /// the story last had act.
    fn own_people(
        &self,
        doc: &Analysed,
        from: usize,
        to: usize,
        out: &mut Vec<Mention>,
        refs: &References,
    ) {
        let mut found: Vec<Mention> = Vec::new();
        for i in from..to {
            let lower = doc.lower(i);
            let Some(stem) = lower.strip_suffix("nya") else {
                continue;
            };
            // "staf diplomatiknya": a two-word noun whose last word carries "-nya".
            let start = if self.sets.own_nouns.contains(stem) {
                i
            } else if i > from
                && self
                    .sets
                    .own_nouns
                    .contains(&format!("{} {}", doc.lower(i - 1), stem))
            {
                i - 1
            } else {
                continue;
            };
            if out.iter().any(|m| m.start <= i && m.end > start) {
                continue;
            }
            let subject = out
                .iter()
                .filter(|m| m.end <= start && m.kind != Kind::Place)
                .find(|m| {
                    m.entity.country.is_some()
                        && (m.start == from
                            || !self
                                .sets
                                .phrase_prepositions
                                .contains(doc.lower(m.start - 1)))
                })
                .map(|m| m.entity.clone())
                .or_else(|| refs.last_state.clone());
            let Some(owner) = subject else { continue };
            found.push(Mention {
                start,
                end: i + 1,
                kind: Kind::Own,
                entity: Entity {
                    text: doc.span_text(start, i + 1).to_string(),
                    name: None,
                    country: owner.country,
                    sector: None,
                },
                place: None,
                title: None,
                refers_to: Vec::new(),
            });
        }
        if !found.is_empty() {
            out.extend(found);
            out.sort_by_key(|m| m.start);
        }
    }

    /// Rule `domestic-rebels`: "menyerang militan di Idlib", "Pemerintah
    /// menuduh gerilyawan" in a story set in Idlib: armed groups named by
    /// no country are the country's where the sentence places them, else
    /// where the story last placed anything (a city, a province; not a
    /// state named as a party).
    fn bare_armed_groups(&self, doc: &Analysed, out: &mut [Mention], refs: &mut References) {
        for k in 0..out.len() {
            if out[k].kind == Kind::Place && out[k].entity.country.is_some() {
                refs.last_place_state = out[k].entity.country.clone();
            }
            let m = &out[k];
            let armed = m.kind == Kind::Group
                && m.entity.country.is_none()
                && m.entity.sector.as_deref() == Some("REB");
            if !armed {
                continue;
            }
            let placed = out[k + 1..]
                .iter()
                .find(|e| {
                    matches!(e.kind, Kind::Place | Kind::State)
                        && e.start > 0
                        && self
                            .sets
                            .place_prepositions
                            .contains(doc.lower(e.start - 1))
                        && e.start <= m.end + 3
                })
                .and_then(|e| e.entity.country.clone());
            out[k].entity.country = placed.or_else(|| refs.last_place_state.clone());
        }
    }

    /// Rule `territory-apposition`: "Guam, wilayah AS di Samudera Pasifik":
    /// a place the text calls a state's territory is that state's, here and
    /// for the rest of the story (its governor, its people); the place of
    /// an act there stays the territory.
    fn territories(&self, doc: &Analysed, out: &mut [Mention], refs: &mut References) {
        for k in 0..out.len().saturating_sub(1) {
            let (m, n) = (&out[k], &out[k + 1]);
            let (Some(territory), Some(state)) = (&m.entity.country, &n.entity.country) else {
                continue;
            };
            // "Greenland, wilayah otonom Denmark": a modifier or two may
            // stand between the noun and the state.
            let apposition = matches!(m.kind, Kind::State | Kind::Place)
                && n.kind == Kind::State
                && territory != state
                && (m.end + 2..=m.end + 4).contains(&n.start)
                && doc.text_of(m.end) == ","
                && self.sets.territory_nouns.contains(doc.lower(m.end + 1))
                && (m.end + 2..n.start)
                    .all(|i| doc.kind(i) == TokenKind::Word && !starts_upper(doc.text_of(i)));
            if apposition && !refs.territories.iter().any(|(t, _)| t == territory) {
                refs.territories.push((territory.clone(), state.clone()));
            }
        }
        if refs.territories.is_empty() {
            return;
        }
        for m in out.iter_mut() {
            let state = m.entity.country.as_ref().and_then(|c| {
                refs.territories
                    .iter()
                    .find(|(t, _)| t == c)
                    .map(|(_, s)| s.clone())
            });
            if state.is_some() {
                m.entity.country = state;
            }
        }
    }

    /// Updates the story state with this sentence's mentions.
    /// "menuju Bangladesh, tapi pemerintah menolak": a government named by
    /// no country is that of the state last named before it in the sentence.
    fn bare_governments(&self, doc: &Analysed, out: &mut [Mention]) {
        for k in 0..out.len() {
            let m = &out[k];
            if m.entity.country.is_some()
                || m.kind != Kind::Group
                || !self
                    .sets
                    .bare_governments
                    .contains(doc.span_text(m.start, m.end).to_lowercase().as_str())
            {
                continue;
            }
            // Not the story's last state: "perbatasan Irak. ... kubu pro
            // pemerintah" is Syria's government in a story about Syria.
            let state = out[..k]
                .iter()
                .rev()
                .find(|e| matches!(e.kind, Kind::State | Kind::Seat) && e.entity.country.is_some())
                .and_then(|e| e.entity.country.clone());
            out[k].entity.country = state;
        }
    }

    fn remember(&self, doc: &Analysed, mentions: &[Mention], refs: &mut References) {
        let mut group: Vec<Entity> = Vec::new();
        let mut group_governed = false;
        let mut paired = false;
        let governed = |m: &Mention| {
            m.start > 0
                && self
                    .sets
                    .phrase_prepositions
                    .contains(doc.lower(m.start - 1))
        };
        // "ia" and "negara itu" refer to the sentence's subject, not to
        // whoever was named last ("Shoigu bertemu Haniyeh ... saat ia").
        let salient = |kinds: &[Kind]| {
            let parties = || {
                mentions
                    .iter()
                    .filter(|m| kinds.contains(&m.kind) && m.entity.country.is_some())
            };
            parties()
                .find(|m| !governed(m))
                .or_else(|| parties().next_back())
                .map(|m| m.entity.clone())
        };
        if let Some(state) = salient(&[Kind::State, Kind::Seat]) {
            refs.last_state = Some(state);
        }
        if let Some(subject) = salient(&[
            Kind::State,
            Kind::Seat,
            Kind::Group,
            Kind::Organisation,
            Kind::Person,
        ]) {
            refs.last_subject = Some(subject);
        }
        // "ia" is the last person who acted: someone only written to or
        // met ("kepada Sekjen PBB") does not take the place of the subject
        // before.
        let subject_person = mentions
            .iter()
            .find(|m| m.kind == Kind::Person && m.entity.country.is_some() && !governed(m));
        if let Some(person) = subject_person {
            refs.last_person = Some(person.entity.clone());
        } else if refs.last_person.is_none() {
            refs.last_person = salient(&[Kind::Person]);
        }
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == Kind::Person && m.entity.country.is_some() {
                if let Some(name) = &m.entity.name {
                    // "Amir-Abdollahian" is cut in two tokens: its last part is what a later token can match.
                    if let Some(surname) = name.rsplit([' ', '-']).next() {
                        if surname.len() > 3 && name.contains(' ') {
                            refs.surnames
                                .entry(surname.to_string())
                                .or_insert_with(|| m.entity.clone());
                        }
                    }
                }
            }
            // "mantan presiden Bill Clinton" holds the title no more: a bare
            // "presiden" later is not he.
            let former = m.start > 0 && self.sets.former.contains(doc.lower(m.start - 1));
            if let (Some(t), Some(_), false) = (m.title, &m.entity.country, former) {
                refs.titles.insert(t, m.entity.clone());
            }
            // "kedua presiden" and "mereka" refer to the last compound that
            // acted, not to one named after "antara" or "dengan".
            if m.kind == Kind::Plural && m.refers_to.len() >= 2 {
                refs.last_group = m.refers_to.clone();
                paired = true;
                group.clear();
                continue;
            }
            if matches!(m.kind, Kind::Person | Kind::State | Kind::Seat)
                && m.entity.country.is_some()
            {
                // "Rusia dan Iran" is a compound; "Rusia ke Ukraina" is not.
                let joined = i > 0
                    && group.last().is_some()
                    && mentions[i - 1].end + 2 >= m.start
                    && (mentions[i - 1].end..m.start).all(|k| {
                        self.sets.coordinators.contains(doc.lower(k)) || doc.text_of(k) == "-"
                    });
                if !joined {
                    group.clear();
                    group_governed = m.start > 0
                        && matches!(
                            doc.lower(m.start - 1),
                            "antara"
                                | "dengan"
                                | "kepada"
                                | "terhadap"
                                | "ke"
                                | "dari"
                                | "di"
                                | "atas"
                        );
                }
                group.push(m.entity.clone());
                if group.len() >= 2 && !group_governed {
                    refs.last_group = group.clone();
                    paired = true;
                }
            }
        }
        // "Biden bertemu dengan Presiden Filipina Marcos ... Keduanya":
        // without a compound, the pair is the subject and whom it met with.
        if !paired {
            let party = |m: &&Mention| {
                matches!(m.kind, Kind::Person | Kind::State | Kind::Seat)
                    && m.entity.country.is_some()
            };
            let subject = mentions.iter().filter(party).find(|m| !governed(m));
            // Whom the subject met: after "dengan", or its direct object
            // ("Jokowi menerima Presiden Turki Erdogan").
            let partner = mentions.iter().filter(party).find(|m| {
                m.start > 0
                    && (doc.lower(m.start - 1) == "dengan" || doc.verbal(m.start - 1))
                    && subject
                        .is_some_and(|s| s.start < m.start && s.entity.country != m.entity.country)
            });
            if let (Some(a), Some(b)) = (subject, partner) {
                refs.last_group = vec![a.entity.clone(), b.entity.clone()];
                refs.group_is_pair = true;
            }
        } else {
            refs.group_is_pair = false;
        }
    }
}

/// "dengan Iran dan Israel, berdialog dengan kedua negara": a plural back
/// reference takes the nearest compound before it in the same sentence.
fn resolve_plurals_within(mentions: &mut [Mention]) {
    let party = |m: &Mention| {
        matches!(
            m.kind,
            Kind::State | Kind::Seat | Kind::Person | Kind::Organisation
        ) && m.entity.country.is_some()
    };
    for k in 0..mentions.len() {
        if mentions[k].kind != Kind::Plural {
            continue;
        }
        // Walk back to the nearest run of parties joined by short gaps.
        let mut group: Vec<Entity> = Vec::new();
        let mut run_start: Option<usize> = None;
        for m in mentions[..k].iter().rev() {
            let continues = run_start.is_some_and(|s| m.end + 2 >= s);
            if party(m) && (group.is_empty() || continues) {
                group.insert(0, m.entity.clone());
                run_start = Some(m.start);
            } else if group.len() >= 2 {
                break;
            } else {
                group.clear();
                run_start = None;
                if party(m) {
                    group.push(m.entity.clone());
                    run_start = Some(m.start);
                }
            }
        }
        if group.len() >= 2 {
            mentions[k].refers_to = group;
        }
    }
}

/// Tokens of a lexicon hit must be capitalised in the text when the name is
/// proper (states, people, organisations, places); titles need not be.
fn capitalised_if_proper(doc: &Analysed, start: usize, target: NameTarget) -> bool {
    match target {
        NameTarget::Title(_) | NameTarget::CountryTitle(_) => true,
        _ => {
            let text = doc.text_of(start);
            // "al-Qaeda", "el-Sisi": a short lower-case particle joined to
            // the capitalised name.
            let short = |head: &str| {
                (1..=3).contains(&head.len()) && head.chars().all(|c| c.is_ascii_lowercase())
            };
            let particle = text
                .split_once('-')
                .is_some_and(|(head, tail)| short(head) && tail.starts_with(char::is_uppercase))
                || short(text)
                    && start + 2 < doc.tokens.len()
                    && doc.text_of(start + 1) == "-"
                    && doc.text_of(start + 2).starts_with(char::is_uppercase);
            particle
                || text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        }
    }
}

/// "tersangka berinisial AS (45)": a person's initials, not the United
/// States. Indonesian news names suspects and victims by initials.
fn is_initials(doc: &Analysed, i: usize, to: usize, initials_nouns: &HashSet<String>) -> bool {
    let text = doc.text_of(i);
    if text.chars().count() > 3 || !text.chars().all(char::is_uppercase) {
        return false;
    }
    let after_person_noun = i > 0 && initials_nouns.contains(doc.lower(i - 1));
    let age_follows = i + 3 <= to
        && doc.text_of(i + 1) == "("
        && doc.kind(i + 2) == TokenKind::Number
        && doc.text_of(i + 2).len() <= 2;
    after_person_noun || age_follows
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// A word that can be part of a personal name: capitalised, or one of the
/// lexicon's name particles ("bin", "al", "van", "II").
fn is_name_word(doc: &Analysed, i: usize, particles: &HashSet<String>) -> bool {
    if doc.kind(i) != TokenKind::Word {
        return false;
    }
    let text = doc.text_of(i);
    starts_upper(text) && text.chars().skip(1).any(char::is_lowercase) || particles.contains(text)
}

/// "(PM)" after a title: the end of the bracket when it holds only a title.
fn bracketed_title(doc: &Analysed, at: usize, to: usize, hit_at: &HitIndex) -> Option<usize> {
    if at + 2 < to && doc.text_of(at) == "(" {
        let hit = hit_at.get(&(at + 1))?;
        if matches!(hit.target, NameTarget::Title(_)) && hit.end < to && doc.text_of(hit.end) == ")"
        {
            return Some(hit.end + 1);
        }
    }
    None
}

/// Days between `date` and the office's term (0 inside it); unparsable
/// dates count as far away.
fn distance_days(office: &warta_lexicon::Office, date: &str) -> i64 {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (Some(d), Some(from)) = (day(date), day(&office.from)) else {
        return i64::MAX;
    };
    if d < from {
        return (from - d).num_days();
    }
    match day(&office.to) {
        Some(to) if d > to => (d - to).num_days(),
        _ => 0,
    }
}
