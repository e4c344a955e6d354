//! The lexicon's data model: one struct per entry kind, as in the files.

use serde::Deserialize;

/// Everything Warta knows, loaded: the world and the ontology, shared by
/// every language, and one [`LanguageLexicon`] per language pack.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub version: String,
    pub plover: Plover,
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
    pub people: Vec<Person>,
    pub places: Vec<Place>,
    /// By ISO 639-1 code, in code order (`lexicon/id/`, ...).
    pub languages: Vec<LanguageLexicon>,
}

/// What one language pack knows (its folder under `lexicon/`): closed word
/// classes, titles and role nouns, event cues.
#[derive(Debug, Clone, Default)]
pub struct LanguageLexicon {
    /// ISO 639-1 code, the folder's name.
    pub code: String,
    pub words: Words,
    pub titles: Vec<Title>,
    pub cues: Vec<Cue>,
    /// The shared entities' names in this language (`names.toml`), where
    /// the shared files do not already give them.
    pub names: NameVariants,
}

/// A pack's names for the shared states and organisations (`names.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameVariants {
    #[serde(default)]
    pub country: Vec<CountryNames>,
    #[serde(default)]
    pub organisation: Vec<OrganisationNames>,
}

/// A state's names in one language: its names, the adjectives and people
/// nouns that stand for it ("Russian", "Israelis"), short forms matched
/// exactly ("U.S."), seats of government standing for the government.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryNames {
    pub code: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub adjectives: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
}

/// An organisation's names in one language (`id` as in organisations.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationNames {
    pub id: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

impl Lexicon {
    /// The pack of a language, by ISO 639-1 code.
    pub fn language(&self, code: &str) -> Option<&LanguageLexicon> {
        self.languages.iter().find(|l| l.code == code)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plover {
    pub contexts: Vec<String>,
    #[serde(rename = "type")]
    pub types: Vec<EventType>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    pub name: String,
    pub quad_class: u8,
    pub cameo: String,
    pub intensity: f64,
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// Several actors of this type do one act together ("Rusia dan Iran
    /// sepakat", a talk between two): not one act per actor.
    #[serde(default)]
    pub joint: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mode {
    pub name: String,
    pub intensity: Option<f64>,
}

impl Plover {
    pub fn event_type(&self, name: &str) -> Option<&EventType> {
        self.types.iter().find(|t| t.name == name)
    }
}

impl EventType {
    /// A verbal act (quad classes 1 and 3: said, not done).
    pub fn verbal(&self) -> bool {
        matches!(self.quad_class, 1 | 3)
    }

    /// A material act, a deed (quad classes 2 and 4).
    pub fn material(&self) -> bool {
        matches!(self.quad_class, 2 | 4)
    }

    pub fn allows_mode(&self, mode: &str) -> bool {
        self.modes.iter().any(|m| m.name == mode)
    }

    /// The PLOVER intensity of this type with this mode.
    pub fn intensity_with(&self, mode: Option<&str>) -> f64 {
        mode.and_then(|m| self.modes.iter().find(|x| x.name == m))
            .and_then(|m| m.intensity)
            .unwrap_or(self.intensity)
    }
}

/// Closed word classes (see `words.toml` for what each list is for). A
/// pack fills the classes its grammar reads; the others stay empty.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Words {
    /// Irregular inflected forms and their lemma (English "fought" ->
    /// "fight"), for packs whose morphology inflects.
    pub irregular_forms: Vec<IrregularForms>,
    /// Forms of "to be" that make a following participle passive.
    pub passive_auxiliaries: Vec<String>,
    /// Articles and determiners a noun phrase may open with.
    pub determiners: Vec<String>,
    /// Nouns of quantity or membership whose "of" phrase is the party
    /// ("thousands of Jordanians", "leaders of the coalition").
    pub partitive_heads: Vec<String>,
    /// Words that make the state named after them an attribute, not a
    /// party ("ethnic Albanians", "pro-Iranian", "anti-American").
    pub attribute_prefixes: Vec<String>,
    /// Words that may stand between a state's adjective and a title
    /// ("Nigerian junior foreign minister").
    pub title_modifiers: Vec<String>,
    /// Prepositions after a call, demand or offer that name who made it
    /// ("calls by Belarus", "demands from the rebels").
    pub source_prepositions: Vec<String>,
    /// Words that open a concession naming who pressed for the opposite
    /// ("despite pressure by", "in defiance of").
    pub concessive_openers: Vec<String>,
    /// Words that open a condition ("if", "unless"): an act announced on a
    /// condition is hypothetical, or a warning when it would harm.
    pub condition_openers: Vec<String>,
    /// Of those, the ones that make the act the price of refusing
    /// ("will withdraw its force unless ..."): a warning whatever the act.
    pub exceptive_openers: Vec<String>,
    /// Verbs that before "to" say the act did not come about ("failed to
    /// reach agreement").
    pub failure_verbs: Vec<String>,
    /// Articles that open a noun phrase which is never a verb's subject
    /// in news prose ("declared a long state of emergency").
    pub indefinite_articles: Vec<String>,
    /// Nouns of place a state's adjective may qualify ("the Iraqi city
    /// of Basra"): such an adjective places an act.
    pub place_nouns: Vec<String>,
    /// Words before an act that make it another act's purpose ("staged a
    /// strike to demand", "marched in protest").
    pub purpose_openers: Vec<String>,
    /// Words of a military exercise: one held by two states is joint.
    pub exercise_words: Vec<String>,
    /// The marker of an infinitive ("to"): an act after it, past another
    /// act, is that act's purpose ("opened fire to disperse").
    pub infinitive_markers: Vec<String>,
    /// Words of an allegation ("suspected", "charged"): what they link by
    /// `allegation_links` ("of", "with") is alleged, not reported.
    pub allegation_words: Vec<String>,
    pub allegation_links: Vec<String>,
    /// "claimed responsibility for": the verbs, their objects and the link
    /// before the act claimed.
    pub claim_verbs: Vec<String>,
    pub claim_objects: Vec<String>,
    pub claim_links: Vec<String>,
    /// Words of direction before a place name ("in Western Cambodia").
    pub compass_words: Vec<String>,
    /// Of those, the words that name a people ("ethnic Albanians").
    pub people_prefixes: Vec<String>,
    /// Phrases of quantity before a party, which govern nothing ("at
    /// least", "up to", "more than").
    pub quantity_phrases: Vec<String>,
    /// Participles that tell a state after "be", not a passive ("is
    /// opposed to", "were engaged in").
    pub stative_participles: Vec<String>,
    /// Prepositions that name the act a passive clause's subject suffered
    /// ("were killed in an Israeli air strike").
    pub instrument_prepositions: Vec<String>,
    /// Relative date expressions given as data ("yesterday", "last week").
    pub relative_dates: Vec<RelativeDate>,
    /// Words before a weekday that put it strictly before the report
    /// ("last Tuesday").
    pub past_openers: Vec<String>,
    /// The language writes dates month first ("October 26").
    pub month_first: bool,
    /// Endings split off a word as tokens of their own (English "'s",
    /// "n't"), lower case.
    pub clitics: Vec<String>,
    pub negators: Vec<String>,
    pub future: Vec<String>,
    pub intent: Vec<String>,
    pub hypothetical: Vec<String>,
    pub hedges: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub light_verbs: Vec<String>,
    pub pronouns_person: Vec<String>,
    pub pronouns_plural: Vec<String>,
    pub first_person: Vec<String>,
    pub coordinators: Vec<String>,
    pub recipient_prepositions: Vec<String>,
    pub agent_prepositions: Vec<String>,
    pub clause_breakers: Vec<String>,
    pub former: Vec<String>,
    pub counterpart: Vec<String>,
    pub title_fillers: Vec<String>,
    pub denials: Vec<String>,
    pub questions: Vec<String>,
    pub demonstratives: Vec<String>,
    pub relative_adverbs: Vec<String>,
    pub subordinators: Vec<String>,
    pub topic_openers: Vec<String>,
    pub name_particles: Vec<String>,
    pub nominal_words: Vec<String>,
    pub language_malayic_words: Vec<String>,
    pub language_english_words: Vec<String>,
    pub language_malay_markers: Vec<String>,
    pub object_markers: Vec<String>,
    pub initials_nouns: Vec<String>,
    pub not_counts: Vec<String>,
    pub weapon_modes: Vec<WeaponMode>,
    pub location_prepositions: Vec<String>,
    pub abbreviations: Vec<String>,
    pub furniture_lines: Vec<String>,
    pub furniture_prefixes: Vec<String>,
    pub camel_case_words: Vec<String>,
    pub roots: Vec<String>,
    pub lexicalised: Vec<String>,
    pub stop_roots: Vec<String>,
    pub number_words: Vec<NumberWord>,
    pub months: Vec<MonthName>,
    pub weekdays: Vec<String>,
    pub sports_words: Vec<String>,
    pub casualty_dead: Vec<String>,
    /// Words of a number's phrase between a casualty verb and the number
    /// ("killing at least 28"): they do not count towards the distance.
    pub number_openers: Vec<String>,
    /// Prepositions before the place where an act happened ("di Damaskus",
    /// "in Kyiv").
    pub place_prepositions: Vec<String>,
    pub casualty_injured: Vec<String>,
    pub casualty_arrested: Vec<String>,
    pub phrase_prepositions: Vec<String>,
    pub auxiliaries: Vec<String>,
    pub attributions: Vec<String>,
    pub pronouns_state: Vec<String>,
    pub own_nouns: Vec<String>,
    pub phrase_coordinators: Vec<String>,
    pub reciprocals: Vec<String>,
    pub intensifiers: Vec<String>,
    pub plans: Vec<String>,
    pub modals: Vec<String>,
    pub unrealised_openers: Vec<String>,
    pub contrast_words: Vec<String>,
    pub cancel_words: Vec<String>,
    pub adjectival_verbs: Vec<String>,
    /// Act nouns that as often name a standing danger ("ancaman"): after a
    /// preposition that does not make them, they are no act.
    pub condition_nouns: Vec<String>,
    /// Prepositions of means: "merespons dengan ancaman" makes the threat.
    pub means_prepositions: Vec<String>,
    /// Verbs by which an act provokes a reaction ("memicu kritik"): the
    /// reaction is aimed at the act's actor.
    pub provocations: Vec<String>,
    /// Time words that point back to the time just told ("saat itu"):
    /// "sejak saat itu" opens a period there.
    pub time_anaphors: Vec<String>,
    /// Words that tell an act as going on ("terus"): after a period's start
    /// it runs to the report.
    pub continuatives: Vec<String>,
    /// Nouns that, in apposition to a place, name the state it belongs to
    /// ("Guam, wilayah AS").
    pub territory_nouns: Vec<String>,
    pub date_bounds: Vec<String>,
    pub causatives: Vec<String>,
    pub complement_verbs: Vec<String>,
    pub approximators: Vec<String>,
    pub anterior: Vec<String>,
    pub anterior_openers: Vec<String>,
    /// Words that single out a party inside a wider object ("mendesak
    /// negara-negara di kawasan, khususnya Myanmar"): the party after one
    /// is the act's recipient.
    #[serde(default)]
    pub specifiers: Vec<String>,
    /// Words that attribute a report to another outlet ("seperti dilansir
    /// Reuters, Jumat (30/6)"): the date after them is that report's, not
    /// the day the story tells.
    pub report_attributions: Vec<String>,
    /// Words that open a relative clause ("yang", "which"): a date inside
    /// one past the act's object dates that object.
    pub relativizers: Vec<String>,
    /// Words before a date that make it the start of a period ("sejak
    /// Minggu (9/7)"): not the day a story tells.
    pub period_openers: Vec<String>,
    pub date_name_heads: Vec<String>,
    pub year_openers: Vec<String>,
    pub claim_openers: Vec<String>,
    pub preparations: Vec<String>,
    pub future_times: Vec<String>,
    pub topic_verbs: Vec<String>,
    pub bare_governments: Vec<String>,
    pub purpose_words: Vec<String>,
    pub directional: Vec<String>,
    pub setting_prepositions: Vec<String>,
    pub content_openers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeaponMode {
    pub mode: String,
    pub roots: Vec<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// A relative date expression: its words, its unit, and how many units
/// from the report's date (`day` -1 is the day before).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelativeDate {
    pub phrase: String,
    pub unit: DateUnit,
    #[serde(default)]
    pub offset: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateUnit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IrregularForms {
    pub lemma: String,
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWord {
    pub word: String,
    pub value: u64,
    /// A multiplier ("ribu", "juta") rather than a number.
    #[serde(default)]
    pub multiplier: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthName {
    pub names: Vec<String>,
    pub month: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CountriesFile {
    #[serde(default)]
    pub country: Vec<Country>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    /// FIPS 10-4 country code, as GDELT writes it in `ActionGeo_CountryCode`
    /// ("RS" for RUS); `None` for an entry with no code of its own.
    pub fips: Option<String>,
    /// ISO 3166-1 numeric code, three digits with leading zeros ("643" for
    /// RUS), the `id` of the country in world-atlas map outlines; `None`
    /// where ISO assigns none (Kosovo).
    pub numeric: Option<String>,
    pub name: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<String>,
    #[serde(default)]
    pub capital: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub bbox: Vec<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct OrganisationsFile {
    #[serde(default)]
    pub organisation: Vec<Organisation>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub country: String,
    pub sector: Option<String>,
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TitlesFile {
    #[serde(default)]
    pub title: Vec<Title>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Title {
    pub id: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub sector: Option<String>,
    #[serde(default)]
    pub person: bool,
    /// A state's diplomatic mission ("kedutaan besar"): a protest held at
    /// it is aimed at its state.
    #[serde(default)]
    pub mission: bool,
    /// Names that also say whose office it is ("Kapolri" is Indonesia's
    /// police chief): they make an entity of `country` with no country named.
    #[serde(default)]
    pub country_names: Vec<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PeopleFile {
    #[serde(default)]
    pub person: Vec<Person>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub office: Vec<Office>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub title: String,
    pub country: String,
    #[serde(default)]
    pub organisation: String,
    /// For offices of a place (a governor, a mayor): the place's name in places.toml.
    #[serde(default)]
    pub place: String,
    pub sector: Option<String>,
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub acting: bool,
    pub example: Option<OfficeExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeExample {
    pub text: String,
    pub date: String,
}

impl Office {
    /// Whether the office was held on `date` (`YYYY-MM-DD`; ISO dates order
    /// as strings).
    pub fn covers(&self, date: &str) -> bool {
        self.from.as_str() <= date && (self.to.is_empty() || date <= self.to.as_str())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PlacesFile {
    #[serde(default)]
    pub place: Vec<Place>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: String,
    pub names: Vec<String>,
    pub country: String,
    #[serde(default)]
    pub kind: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// States the place belonged to before it became `country`'s, each
    /// until a date ("Juba": Sudan until 2011-07-09): a report from before
    /// that date places it there.
    #[serde(default)]
    pub former: Vec<FormerCountry>,
}

/// A state a place belonged to until a date (ISO, day precision).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerCountry {
    pub country: String,
    pub until: String,
}

impl Place {
    /// The state the place belonged to on `date` (ISO: a year, month or
    /// day); without a date, today's.
    pub fn country_on(&self, date: Option<&str>) -> &str {
        date.and_then(|d| {
            self.former
                .iter()
                .filter(|f| d < f.until.as_str())
                .min_by(|a, b| a.until.cmp(&b.until))
        })
        .map_or(self.country.as_str(), |f| f.country.as_str())
    }

    /// `country_on`, or none for a place of no state (a sea, a region).
    pub fn state_on(&self, date: Option<&str>) -> Option<&str> {
        Some(self.country_on(date)).filter(|c| !c.is_empty())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CuesFile {
    #[serde(default)]
    pub cue: Vec<Cue>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    pub id: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    pub cameo: String,
    #[serde(default)]
    pub context: Vec<String>,
    pub pattern: String,
    #[serde(default)]
    pub object: Vec<String>,
    #[serde(default)]
    pub not_object: Vec<String>,
    #[serde(default)]
    pub examples: Vec<CueExample>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueExample {
    pub text: String,
    #[serde(default)]
    pub actor: Vec<String>,
    #[serde(default)]
    pub recipient: Vec<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    #[serde(default)]
    pub none: bool,
    pub date: Option<String>,
}

#[cfg(test)]
mod place_tests {
    use super::{FormerCountry, Place};

    #[test]
    fn a_place_is_of_its_former_state_before_the_change() {
        let juba = Place {
            name: "Juba".into(),
            names: vec!["Juba".into()],
            country: "SSD".into(),
            kind: "capital".into(),
            lat: None,
            lon: None,
            former: vec![FormerCountry {
                country: "SDN".into(),
                until: "2011-07-09".into(),
            }],
        };
        assert_eq!(juba.country_on(Some("2011-07-08")), "SDN");
        assert_eq!(juba.country_on(Some("1999")), "SDN");
        assert_eq!(juba.country_on(Some("2011-07-09")), "SSD");
        assert_eq!(juba.country_on(Some("2024-05")), "SSD");
        assert_eq!(juba.country_on(None), "SSD");
        let sea = Place {
            country: String::new(),
            former: Vec::new(),
            ..juba
        };
        assert_eq!(sea.state_on(Some("2000")), None);
    }
}
