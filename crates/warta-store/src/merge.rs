//! Whether a new mention reports the same real-world act as a stored event,
//! rule by rule, and why. Each rule is a small pure function that either
//! explains the agreement or names the disagreement; [`same_act`] runs them
//! all and [`best_candidate`] picks among several events that agree.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};
use warta_record::{Entity, EventRecord};

/// Types whose two sides do the act together: who is "actor" and who is
/// "recipient" depends only on the outlet's phrasing.
const SYMMETRIC_TYPES: &[&str] = &["CONSULT"];

/// A report comes after the act: a publication date P stands for an act on
/// any of the days P-7..=P.
pub const PUBLICATION_LAG_DAYS: i64 = 7;

/// Two publication-dated mentions are the same act only when published
/// within this many days of each other.
pub const PUBLICATION_GAP_DAYS: i64 = 2;

/// The version of the rules in this module. A store records the version
/// its events were merged by; opening one merged by other rules for
/// writing re-merges its mentions (`Store::remerge_if_stale`). Raise it
/// with every change that can merge or split differently.
///
/// - 1: stores from before the version was recorded (party and date
///   agreement only).
/// - 2: corroboration (`evidence`): a shared person, group, place, toll,
///   mode on the day, or content words; one-party acts need names and
///   words.
pub const MERGE_RULES_VERSION: u32 = 2;

/// Canonical names of people (from the lexicon): a disjoint set of named
/// people for the same country means a different act (the Lavrov call is
/// not the Putin call), while a state's own name ("Russia") says nothing.
#[derive(Debug, Clone, Default)]
pub struct People(HashSet<String>);

impl People {
    pub fn new(names: impl IntoIterator<Item = String>) -> People {
        People(names.into_iter().collect())
    }

    fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// How closely two dates agree, weakest first; the better agreement wins
/// when several events would take a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateAgreement {
    SameYear,
    PublicationWindow,
    WithinMonth,
    SameDay,
}

/// The mentions agree: how closely on the date, and the explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub dates: DateAgreement,
    pub why: String,
}

/// The rule that kept a mention out of an event, and how far the rules got
/// (the nearest rejected candidate is the one that got furthest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub rule: &'static str,
    pub detail: String,
    /// How many rules passed before this one failed.
    pub passed: usize,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.detail)
    }
}

/// What a date says: the day or span the act happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A day resolved from the text.
    Day(NaiveDate),
    /// A month from the text (or a month-precision publication date).
    Month(i32, u32),
    Year(i32),
    /// Only the publication day is known: the act came on or before it.
    Published(NaiveDate),
}

impl When {
    /// Reads a record's date, precision and source; `None` when there is
    /// no usable date (such mentions never merge across documents).
    pub fn of(record: &EventRecord) -> Option<When> {
        let date = record.date.as_deref()?;
        let year = date.get(0..4)?.parse::<i32>().ok()?;
        let precision = record
            .date_precision
            .as_deref()
            .unwrap_or(match date.len() {
                4 => "year",
                7 => "month",
                _ => "day",
            });
        match precision {
            "day" => {
                let day = NaiveDate::parse_from_str(date.get(0..10)?, "%Y-%m-%d").ok()?;
                Some(if record.date_source == "publication" {
                    When::Published(day)
                } else {
                    When::Day(day)
                })
            }
            "month" => {
                let month = date.get(5..7)?.parse::<u32>().ok()?;
                (1..=12)
                    .contains(&month)
                    .then_some(When::Month(year, month))
            }
            "year" => Some(When::Year(year)),
            _ => None,
        }
    }

    /// The days the date itself covers (first, last).
    pub fn extent(self) -> (NaiveDate, NaiveDate) {
        match self {
            When::Day(d) | When::Published(d) => (d, d),
            When::Month(y, m) => month_extent(y, m),
            When::Year(y) => (ymd(y, 1, 1), ymd(y, 12, 31)),
        }
    }

    /// The days the act may have happened on: merge candidates are the
    /// events whose window overlaps the mention's.
    pub fn window(self) -> (NaiveDate, NaiveDate) {
        match self {
            When::Published(p) => (p - chrono::Duration::days(PUBLICATION_LAG_DAYS), p),
            other => other.extent(),
        }
    }

    fn year(self) -> i32 {
        match self {
            When::Day(d) | When::Published(d) => d.year(),
            When::Month(y, _) | When::Year(y) => y,
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn month_extent(y: i32, m: u32) -> (NaiveDate, NaiveDate) {
    let first = ymd(y, m, 1);
    let next = if m == 12 {
        ymd(y + 1, 1, 1)
    } else {
        ymd(y, m + 1, 1)
    };
    (first, next.pred_opt().unwrap_or(first))
}

/// Days since 1970-01-01, the unit of the stored merge windows.
pub fn day_number(day: NaiveDate) -> i64 {
    (day - ymd(1970, 1, 1)).num_days()
}

/// A record's date as written, e.g. "2024-04-16 (text, day)".
fn describe_date(record: &EventRecord) -> String {
    match &record.date {
        Some(date) => format!(
            "{date} ({}, {})",
            record.date_source,
            record.date_precision.as_deref().unwrap_or("?")
        ),
        None => "no date".to_owned(),
    }
}

/// Rule 1: the same PLOVER type.
pub fn same_type(event: &EventRecord, mention: &EventRecord) -> Result<String, String> {
    if event.event_type == mention.event_type {
        Ok(format!("same type {}", event.event_type))
    } else {
        Err(format!("{} vs {}", event.event_type, mention.event_type))
    }
}

/// Rule 2: the dates can be the same day. Day = day; a month takes any day
/// in it; a publication date P takes a text day in P-7..=P and another
/// publication date within two days; a year only the same year (and then
/// the other rules are applied strictly).
pub fn dates_agree(event: &EventRecord, mention: &EventRecord) -> Result<DateAgreement, String> {
    let (Some(a), Some(b)) = (When::of(event), When::of(mention)) else {
        return Err(format!(
            "{} vs {}: mentions without a date never merge across documents",
            describe_date(event),
            describe_date(mention)
        ));
    };
    let within = |d: NaiveDate, (first, last): (NaiveDate, NaiveDate)| first <= d && d <= last;
    let overlap =
        |(a0, a1): (NaiveDate, NaiveDate), (b0, b1): (NaiveDate, NaiveDate)| a0 <= b1 && b0 <= a1;
    let agreement = match (a, b) {
        (When::Year(_), _) | (_, When::Year(_)) => {
            (a.year() == b.year()).then_some(DateAgreement::SameYear)
        }
        (When::Day(x), When::Day(y)) => (x == y).then_some(DateAgreement::SameDay),
        (When::Month(..), When::Month(..)) => (a == b).then_some(DateAgreement::WithinMonth),
        (When::Month(..), When::Day(d)) | (When::Day(d), When::Month(..)) => {
            let month = if let When::Month(..) = a { a } else { b };
            within(d, month.extent()).then_some(DateAgreement::WithinMonth)
        }
        (When::Published(p), When::Day(d)) | (When::Day(d), When::Published(p)) => {
            within(d, When::Published(p).window()).then_some(DateAgreement::PublicationWindow)
        }
        (When::Published(p), When::Published(q)) => ((p - q).num_days().abs()
            <= PUBLICATION_GAP_DAYS)
            .then_some(DateAgreement::PublicationWindow),
        (When::Published(_), When::Month(..)) | (When::Month(..), When::Published(_)) => {
            overlap(a.window(), b.window()).then_some(DateAgreement::PublicationWindow)
        }
    };
    agreement.ok_or_else(|| format!("{} vs {}", describe_date(event), describe_date(mention)))
}

/// How a party is compared: its country, else its canonical name, else
/// its text as written.
fn party_key(entity: &Entity) -> String {
    if let Some(country) = &entity.country {
        country.clone()
    } else if let Some(name) = &entity.name {
        format!("name:{}", name.to_lowercase())
    } else {
        format!("text:{}", entity.text.to_lowercase())
    }
}

fn keys(entities: &[Entity]) -> BTreeSet<String> {
    entities.iter().map(party_key).collect()
}

fn show(set: &BTreeSet<String>) -> String {
    format!("{{{}}}", set.iter().cloned().collect::<Vec<_>>().join(","))
}

/// Whether the act is done together (CONSULT), or a report lists both
/// sides as actors: then which side is "actor" is phrasing.
fn is_symmetric(event: &EventRecord, mention: &EventRecord) -> bool {
    let lists_both_as_actors =
        |r: &EventRecord| r.recipient.is_empty() && keys(&r.actor).len() >= 2;
    SYMMETRIC_TYPES.contains(&event.event_type.as_str())
        || lists_both_as_actors(event)
        || lists_both_as_actors(mention)
}

/// Rule 3: the same parties. Symmetric acts compare everyone involved;
/// otherwise actors must be equal and recipients equal or missing on one
/// side (a report that leaves out the target) — unless `strict`.
pub fn parties_agree(
    event: &EventRecord,
    mention: &EventRecord,
    strict: bool,
) -> Result<String, String> {
    if is_symmetric(event, mention) {
        let everyone = |r: &EventRecord| {
            let mut all = keys(&r.actor);
            all.extend(keys(&r.recipient));
            all
        };
        let (a, b) = (everyone(event), everyone(mention));
        return if a == b {
            Ok(format!("parties {}", show(&a)))
        } else {
            Err(format!("{} vs {}", show(&a), show(&b)))
        };
    }
    let (actors_a, actors_b) = (keys(&event.actor), keys(&mention.actor));
    if actors_a != actors_b {
        return Err(format!("actors {} vs {}", show(&actors_a), show(&actors_b)));
    }
    let (to_a, to_b) = (keys(&event.recipient), keys(&mention.recipient));
    if to_a == to_b {
        Ok(format!("actors {} to {}", show(&actors_a), show(&to_a)))
    } else if !strict && (to_a.is_empty() || to_b.is_empty()) {
        let known = if to_a.is_empty() { &to_b } else { &to_a };
        Ok(format!(
            "actors {} to {} (one report names no recipient)",
            show(&actors_a),
            show(known)
        ))
    } else {
        Err(format!("recipients {} vs {}", show(&to_a), show(&to_b)))
    }
}

/// Rule 4: the named people agree. When both mentions name people of the
/// same country and no name is shared, two different officials acted
/// (Lavrov's call with Amir-Abdollahian is not Putin's with Raisi).
pub fn people_agree(
    event: &EventRecord,
    mention: &EventRecord,
    people: &People,
) -> Result<String, String> {
    let named = |r: &EventRecord| -> BTreeSet<(String, String)> {
        r.actor
            .iter()
            .chain(&r.recipient)
            .filter_map(|e| {
                let name = e.name.as_ref().filter(|n| people.contains(n))?;
                Some((e.country.clone().unwrap_or_default(), name.clone()))
            })
            .collect()
    };
    let (a, b) = (named(event), named(mention));
    let countries: BTreeSet<&String> = a.iter().map(|(c, _)| c).collect();
    let mut conflicts = Vec::new();
    for country in countries {
        let of = |set: &BTreeSet<(String, String)>| -> Vec<String> {
            set.iter()
                .filter(|(c, _)| c == country)
                .map(|(_, n)| n.clone())
                .collect()
        };
        let (names_a, names_b) = (of(&a), of(&b));
        if !names_b.is_empty() && names_a.iter().all(|n| !names_b.contains(n)) {
            conflicts.push(format!(
                "{} {} vs {}",
                if country.is_empty() { "?" } else { country },
                names_a.join("+"),
                names_b.join("+")
            ));
        }
    }
    if !conflicts.is_empty() {
        return Err(conflicts.join(", "));
    }
    let shared: Vec<String> = a.intersection(&b).map(|(_, n)| n.clone()).collect();
    Ok(if shared.is_empty() {
        "people not in conflict".to_owned()
    } else {
        format!("people {}", shared.join("+"))
    })
}

fn modes(record: &EventRecord) -> BTreeSet<&str> {
    let mut set: BTreeSet<&str> = record.modes.iter().map(String::as_str).collect();
    set.extend(record.mode.as_deref());
    set
}

/// Rule 5: modes. For CONSULT (and under `strict`) known modes must share
/// one: a phone call is not a visit. For other types outlets describe the
/// same strike differently ("aerial", "missiles"), so modes do not block.
pub fn modes_agree(
    event: &EventRecord,
    mention: &EventRecord,
    strict: bool,
) -> Result<String, String> {
    let (a, b) = (modes(event), modes(mention));
    let list = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join("+");
    if a.is_empty() || b.is_empty() {
        return Ok("mode unknown on one side".to_owned());
    }
    if !a.is_disjoint(&b) {
        return Ok(format!("modes {} = {}", list(&a), list(&b)));
    }
    let must_agree = strict || SYMMETRIC_TYPES.contains(&event.event_type.as_str());
    if must_agree {
        Err(format!("{} vs {}", list(&a), list(&b)))
    } else {
        Ok(format!(
            "modes {} vs {} (not decisive for {})",
            list(&a),
            list(&b),
            event.event_type
        ))
    }
}

/// Rule 6: places. Compatible when either is missing, the countries or the
/// names are the same, or one is not a point on the map (a country or a
/// region named without coordinates does not contradict a city). Two
/// points in different countries are different acts.
pub fn locations_agree(event: &EventRecord, mention: &EventRecord) -> Result<String, String> {
    let (Some(a), Some(b)) = (&event.location, &mention.location) else {
        return Ok(match (&event.location, &mention.location) {
            (None, None) => "locations compatible (none)".to_owned(),
            _ => "locations compatible (one missing)".to_owned(),
        });
    };
    let label = |l: &warta_record::Location| {
        format!(
            "{} ({})",
            l.name.as_deref().unwrap_or(&l.text),
            l.country.as_deref().unwrap_or("?")
        )
    };
    if a.country.is_some() && a.country == b.country {
        return Ok(format!(
            "locations compatible (same country {})",
            a.country.as_deref().unwrap_or_default()
        ));
    }
    let name = |l: &warta_record::Location| l.name.clone().unwrap_or_else(|| l.text.clone());
    if name(a).to_lowercase() == name(b).to_lowercase() {
        return Ok(format!("locations compatible (same place {})", name(a)));
    }
    let is_point = |l: &warta_record::Location| l.lat.is_some() && l.lon.is_some();
    let countries_differ = a.country.is_some() && b.country.is_some();
    if countries_differ && is_point(a) && is_point(b) {
        Err(format!("{} vs {}", label(a), label(b)))
    } else {
        Ok(format!(
            "locations compatible ({} vs {}: not both points in different countries)",
            label(a),
            label(b)
        ))
    }
}

/// Content words of a reporting sentence: names (capitalised words not
/// opening it) and numbers, lower-cased, without the words that name the
/// parties themselves (every report of a Russia-Iran act says "Rusia").
fn content_words(record: &EventRecord) -> BTreeSet<String> {
    let party_words: BTreeSet<String> = record
        .actor
        .iter()
        .chain(&record.recipient)
        .flat_map(|e| e.text.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .collect();
    record
        .sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .skip(1)
        .filter(|w| {
            w.chars().count() >= 2
                && (w.starts_with(char::is_uppercase) || w.chars().any(|c| c.is_ascii_digit()))
        })
        .map(str::to_lowercase)
        .filter(|w| !party_words.contains(w))
        .collect()
}

/// Rule 7: something beyond type, date and countries says it is one act:
/// the same named person, the same place, the same death toll, the same
/// mode on the same day, or reporting sentences that share names and
/// numbers. An act of one country with
/// no recipient ("Indonesia CONSULT") needs both a shared name and shared
/// words: on its country alone, any two of its acts would merge.
pub fn corroborated(
    event: &EventRecord,
    mention: &EventRecord,
    people: &People,
    recipient_missing: bool,
    same_day: bool,
) -> Result<String, String> {
    // Named people, and named groups of no country ("Buruh"); a state's
    // own name is no evidence beyond its country.
    let persons = |r: &EventRecord| -> BTreeSet<String> {
        r.actor
            .iter()
            .chain(&r.recipient)
            .filter_map(|e| {
                e.name
                    .clone()
                    .filter(|n| people.contains(n) || e.country.is_none())
            })
            .collect()
    };
    let shared_people: Vec<String> = persons(event)
        .intersection(&persons(mention))
        .cloned()
        .collect();
    let (words_a, words_b) = (content_words(event), content_words(mention));
    let shared_words: Vec<&String> = words_a.intersection(&words_b).collect();
    let smaller = words_a.len().min(words_b.len()).max(1);
    let share = shared_words.len() as f64 / smaller as f64;
    let words_overlap = shared_words.len() >= MIN_SHARED_WORDS && share >= MIN_SHARED_SHARE;
    // One word more or less, or a tenth of share, would have decided the
    // other way: a close call, which the reason says, for review.
    let near_threshold = if words_overlap {
        shared_words.len() == MIN_SHARED_WORDS || share < MIN_SHARED_SHARE + NEAR_SHARE
    } else {
        let one_more = shared_words.len() + 1;
        one_more == MIN_SHARED_WORDS && one_more as f64 / smaller as f64 >= MIN_SHARED_SHARE
            || shared_words.len() >= MIN_SHARED_WORDS && share > MIN_SHARED_SHARE - NEAR_SHARE
    };
    let close_call = |decided: String| {
        if near_threshold && !shared_words.is_empty() {
            format!(
                "{decided}; near the threshold: {} shared words of {smaller}, share {share:.2} (at least {MIN_SHARED_WORDS} and {MIN_SHARED_SHARE:.2})",
                shared_words.len()
            )
        } else {
            decided
        }
    };
    let place = match (&event.location, &mention.location) {
        (Some(a), Some(b)) => {
            let name = |l: &warta_record::Location| {
                l.name
                    .clone()
                    .unwrap_or_else(|| l.text.clone())
                    .to_lowercase()
            };
            // A country is no place: every act in it is there.
            let specific = a.lat.is_some() || a.country.is_none();
            (specific && name(a) == name(b)).then(|| name(a))
        }
        _ => None,
    };
    let toll = match (event.size.dead, mention.size.dead) {
        (Some(a), Some(b)) if a == b && a > 0 => Some(a),
        _ => None,
    };
    let single_party = {
        let mut all = keys(&event.actor);
        all.extend(keys(&event.recipient));
        all.extend(keys(&mention.actor));
        all.extend(keys(&mention.recipient));
        all.len() <= 1
    };
    let words = || {
        shared_words
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    if single_party {
        return if !shared_people.is_empty() && words_overlap {
            Ok(close_call(format!(
                "one party only, corroborated by people {} and words {}",
                shared_people.join("+"),
                words()
            )))
        } else {
            Err(close_call(format!(
                "one party only, without both a shared person and shared words (shared words: {})",
                if shared_words.is_empty() {
                    "none".to_owned()
                } else {
                    words()
                }
            )))
        };
    }
    if !shared_people.is_empty() {
        return Ok(format!(
            "corroborated by people {}",
            shared_people.join("+")
        ));
    }
    // A report that names no recipient is the same dyad only by the same
    // people acting.
    if recipient_missing {
        return Err("one report names no recipient, and no person is shared".to_owned());
    }
    if let Some(place) = place {
        return Ok(format!("corroborated by place {place}"));
    }
    if let Some(toll) = toll {
        return Ok(format!("corroborated by the same toll ({toll} dead)"));
    }
    // On the same day, between the same parties, done the same way (both
    // a phone call; both drones): one act. Only meetings and attacks have
    // modes that specific; a threat's ("violence") fits any threat.
    let shared_modes: Vec<&str> = modes(event)
        .intersection(&modes(mention))
        .copied()
        .collect();
    let specific = MODE_EVIDENCE_TYPES.contains(&event.event_type.as_str());
    if same_day && specific && !shared_modes.is_empty() {
        return Ok(format!(
            "corroborated by the same day and mode {}",
            shared_modes.join("+")
        ));
    }
    if words_overlap {
        return Ok(close_call(format!(
            "corroborated by words {} ({} of {})",
            words(),
            shared_words.len(),
            smaller
        )));
    }
    Err(close_call(format!(
        "nothing beyond type, date and countries in common (shared words: {})",
        if shared_words.is_empty() {
            "none".to_owned()
        } else {
            words()
        }
    )))
}

/// Types whose mode, shared on the same day, tells one act.
const MODE_EVIDENCE_TYPES: &[&str] = &["CONSULT", "ASSAULT"];

/// Names and numbers two reports of one act share at the least.
const MIN_SHARED_WORDS: usize = 2;
/// And the share of the shorter report's names and numbers they make up.
const MIN_SHARED_SHARE: f64 = 0.3;
/// How close to `MIN_SHARED_SHARE` a share is a close call.
const NEAR_SHARE: f64 = 0.1;

/// Runs every rule, in order, for a mention against an event's
/// representative record.
pub fn same_act(
    event: &EventRecord,
    mention: &EventRecord,
    people: &People,
) -> Result<Agreement, Rejection> {
    let reject = |rule: &'static str, passed: usize| {
        move |detail: String| Rejection {
            rule,
            detail,
            passed,
        }
    };
    let kind = same_type(event, mention).map_err(reject("type", 0))?;
    let dates = dates_agree(event, mention).map_err(reject("dates", 1))?;
    // A date known only to the year is weak evidence: demand the rest agree fully.
    let strict = dates == DateAgreement::SameYear;
    let parties = parties_agree(event, mention, strict).map_err(reject("parties", 2))?;
    let named = people_agree(event, mention, people).map_err(reject("people", 3))?;
    let mode = modes_agree(event, mention, strict).map_err(reject("modes", 4))?;
    let place = locations_agree(event, mention).map_err(reject("locations", 5))?;
    // The parties agreed with different recipients: one report names none.
    let recipient_missing =
        !is_symmetric(event, mention) && keys(&event.recipient) != keys(&mention.recipient);
    let same_day = dates == DateAgreement::SameDay;
    let evidence = corroborated(event, mention, people, recipient_missing, same_day)
        .map_err(reject("evidence", 6))?;
    let date_text = format!(
        "dates {} ~ {}",
        describe_date(event),
        describe_date(mention)
    );
    Ok(Agreement {
        dates,
        why: format!("{kind}; {parties}; {named}; {mode}; {date_text}; {place}; {evidence}"),
    })
}

/// A stored event a mention might join.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// The event's row id (smaller = older).
    pub row: i64,
    pub event_id: &'a str,
    pub num_mentions: i64,
    pub representative: &'a EventRecord,
}

/// The outcome for one mention: join an event, or start a new one.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Join { row: i64, why: String },
    New { why: String },
}

/// Picks the event a mention joins: among those that agree, the closest
/// date agreement, then the most mentions, then the oldest. Otherwise
/// explains the new event with the nearest rejected candidate.
pub fn best_candidate(
    mention: &EventRecord,
    candidates: &[Candidate],
    people: &People,
) -> Decision {
    let mut best: Option<(&Candidate, Agreement)> = None;
    let mut nearest: Option<(&Candidate, Rejection)> = None;
    for candidate in candidates {
        match same_act(candidate.representative, mention, people) {
            Ok(agreement) => {
                let better = match &best {
                    None => true,
                    Some((held, kept)) => {
                        (agreement.dates, candidate.num_mentions, -candidate.row)
                            > (kept.dates, held.num_mentions, -held.row)
                    }
                };
                if better {
                    best = Some((candidate, agreement));
                }
            }
            Err(rejection) => {
                let nearer = nearest.as_ref().is_none_or(|(held, kept)| {
                    (rejection.passed, -candidate.row) > (kept.passed, -held.row)
                });
                if nearer {
                    nearest = Some((candidate, rejection));
                }
            }
        }
    }
    if let Some((candidate, agreement)) = best {
        return Decision::Join {
            row: candidate.row,
            why: format!("joined event {}: {}", candidate.event_id, agreement.why),
        };
    }
    let why = match (nearest, When::of(mention)) {
        (_, None) => format!(
            "new event: {}; mentions without a date never merge across documents",
            describe_date(mention)
        ),
        (Some((candidate, rejection)), _) => format!(
            "new event: nearest candidate {} differs on {}",
            candidate.event_id, rejection
        ),
        (None, Some(_)) => format!(
            "new event: no stored {} event from another document with an overlapping date",
            mention.event_type
        ),
    };
    Decision::New { why }
}

/// How informative a record is as an event's representative: a day from
/// the text over a month over a publication date over a year, then a named
/// recipient over none.
pub fn informativeness(record: &EventRecord) -> (u8, bool) {
    let date = match When::of(record) {
        Some(When::Day(_)) => 4,
        Some(When::Month(..)) => 3,
        Some(When::Published(_)) => 2,
        Some(When::Year(_)) => 1,
        None => 0,
    };
    (date, !record.recipient.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_record::{Location, Size};

    fn entity(name: &str, country: &str) -> Entity {
        Entity {
            text: name.to_owned(),
            name: Some(name.to_owned()),
            country: (!country.is_empty()).then(|| country.to_owned()),
            sector: Some("GOV".to_owned()),
        }
    }

    fn record(event_type: &str, actor: Vec<Entity>, recipient: Vec<Entity>) -> EventRecord {
        EventRecord {
            id: "r".into(),
            doc_id: "d".into(),
            language: "id".into(),
            event_type: event_type.into(),
            mode: None,
            modes: vec![],
            context: vec![],
            cameo: "040".into(),
            quad_class: 1,
            intensity: 1.0,
            actor,
            recipient,
            date: Some("2024-04-16".into()),
            date_precision: Some("day".into()),
            date_source: "text".into(),
            background: false,
            location: None,
            size: Size::default(),
            quote: None,
            sentence_index: 0,
            // Reports of one act share names and numbers: the sentence
            // every test record shares, so that each test isolates its rule.
            sentence: "Menurut Kantor Berita Antara pada Selasa 16 April, hal itu terjadi.".into(),
            span: [0, 1],
            trigger: "t".into(),
            rule: "id/test".into(),
            confidence: 0.9,
        }
    }

    fn dated(mut r: EventRecord, date: &str, precision: &str, source: &str) -> EventRecord {
        r.date = Some(date.into());
        r.date_precision = Some(precision.into());
        r.date_source = source.into();
        r
    }

    fn people() -> People {
        People::new(
            [
                "Vladimir Putin",
                "Ebrahim Raisi",
                "Sergey Lavrov",
                "Hossein Amir-Abdollahian",
                "Benjamin Netanyahu",
            ]
            .map(String::from),
        )
    }

    fn putin_raisi_call() -> EventRecord {
        let mut r = record(
            "CONSULT",
            vec![
                entity("Vladimir Putin", "RUS"),
                entity("Ebrahim Raisi", "IRN"),
            ],
            vec![],
        );
        r.mode = Some("phone".into());
        r
    }

    fn place(name: &str, country: &str, point: bool) -> Option<Location> {
        Some(Location {
            text: name.into(),
            name: Some(name.into()),
            country: (!country.is_empty()).then(|| country.into()),
            lat: point.then_some(1.0),
            lon: point.then_some(2.0),
        })
    }

    #[test]
    fn same_call_reported_twice_merges_with_reason() {
        let a = putin_raisi_call();
        let mut b = putin_raisi_call();
        b.location = place("Damaskus", "SYR", true);
        let agreement = same_act(&a, &b, &people()).expect("same call");
        assert_eq!(agreement.dates, DateAgreement::SameDay);
        assert!(
            agreement.why.contains("same type CONSULT"),
            "{}",
            agreement.why
        );
        assert!(
            agreement.why.contains("parties {IRN,RUS}"),
            "{}",
            agreement.why
        );
        assert!(
            agreement
                .why
                .contains("2024-04-16 (text, day) ~ 2024-04-16 (text, day)"),
            "{}",
            agreement.why
        );
    }

    #[test]
    fn type_must_match() {
        let a = putin_raisi_call();
        let mut b = putin_raisi_call();
        b.event_type = "AGREE".into();
        assert_eq!(same_act(&a, &b, &people()).unwrap_err().rule, "type");
    }

    #[test]
    fn two_calls_between_the_same_leaders_on_different_days_do_not_merge() {
        let a = putin_raisi_call();
        let b = dated(putin_raisi_call(), "2024-04-20", "day", "text");
        let rejection = same_act(&a, &b, &people()).unwrap_err();
        assert_eq!(rejection.rule, "dates");
        assert!(rejection.detail.contains("2024-04-20"));
    }

    #[test]
    fn lavrov_call_and_putin_call_on_the_same_day_do_not_merge() {
        let putin = putin_raisi_call();
        let mut lavrov = record(
            "CONSULT",
            vec![
                entity("Sergey Lavrov", "RUS"),
                entity("Hossein Amir-Abdollahian", "IRN"),
            ],
            vec![],
        );
        lavrov.mode = Some("phone".into());
        let rejection = same_act(&putin, &lavrov, &people()).unwrap_err();
        assert_eq!(rejection.rule, "people");
        assert_eq!(
            rejection.detail,
            "IRN Ebrahim Raisi vs Hossein Amir-Abdollahian, RUS Vladimir Putin vs Sergey Lavrov"
        );
    }

    #[test]
    fn a_state_and_its_leader_do_not_conflict() {
        let putin = putin_raisi_call();
        let mut states = record(
            "CONSULT",
            vec![entity("Russia", "RUS"), entity("Iran", "IRN")],
            vec![],
        );
        states.mode = Some("phone".into());
        assert!(same_act(&putin, &states, &people()).is_ok());
    }

    #[test]
    fn consult_phone_and_visit_do_not_merge() {
        let phone = putin_raisi_call();
        let mut visit = putin_raisi_call();
        visit.mode = Some("visit".into());
        assert_eq!(
            same_act(&phone, &visit, &people()).unwrap_err().rule,
            "modes"
        );
    }

    #[test]
    fn consult_with_unknown_mode_merges() {
        let phone = putin_raisi_call();
        let mut unknown = putin_raisi_call();
        unknown.mode = None;
        assert!(same_act(&phone, &unknown, &people()).is_ok());
    }

    #[test]
    fn strike_modes_do_not_block() {
        let mut aerial = record(
            "ASSAULT",
            vec![entity("Iran", "IRN")],
            vec![entity("Israel", "ISR")],
        );
        aerial.mode = Some("aerial".into());
        let mut missiles = record(
            "ASSAULT",
            vec![entity("Iran", "IRN")],
            vec![entity("Israel", "ISR")],
        );
        missiles.mode = Some("heavy-weapons".into());
        let agreement = same_act(&aerial, &missiles, &people()).expect("same strike");
        assert!(agreement.why.contains("not decisive"), "{}", agreement.why);
    }

    #[test]
    fn symmetric_acts_compare_everyone_involved() {
        let both_actors = putin_raisi_call();
        let mut actor_and_recipient = record(
            "CONSULT",
            vec![entity("Vladimir Putin", "RUS")],
            vec![entity("Ebrahim Raisi", "IRN")],
        );
        actor_and_recipient.mode = Some("phone".into());
        assert!(same_act(&both_actors, &actor_and_recipient, &people()).is_ok());
        let other_party = record(
            "CONSULT",
            vec![entity("Vladimir Putin", "RUS")],
            vec![entity("Israel", "ISR")],
        );
        assert_eq!(
            same_act(&both_actors, &other_party, &people())
                .unwrap_err()
                .rule,
            "parties"
        );
    }

    #[test]
    fn asymmetric_actors_must_be_equal_and_recipients_equal_or_missing() {
        let strike = record(
            "ASSAULT",
            vec![entity("Israel", "ISR")],
            vec![entity("Iran", "IRN")],
        );
        let reversed = record(
            "ASSAULT",
            vec![entity("Iran", "IRN")],
            vec![entity("Israel", "ISR")],
        );
        assert_eq!(
            same_act(&strike, &reversed, &people()).unwrap_err().rule,
            "parties"
        );
        let other_target = record(
            "ASSAULT",
            vec![entity("Israel", "ISR")],
            vec![entity("Lebanon", "LBN")],
        );
        let rejection = same_act(&strike, &other_target, &people()).unwrap_err();
        assert_eq!(rejection.rule, "parties");
        assert!(rejection.detail.starts_with("recipients"));
        // A report without the target is the same dyad only by the same
        // people acting.
        let no_target = record("ASSAULT", vec![entity("Israel", "ISR")], vec![]);
        assert_eq!(
            same_act(&strike, &no_target, &people()).unwrap_err().rule,
            "evidence"
        );
        let by_netanyahu = |recipient: Vec<Entity>| {
            record(
                "ASSAULT",
                vec![entity("Benjamin Netanyahu", "ISR")],
                recipient,
            )
        };
        assert!(same_act(
            &by_netanyahu(vec![entity("Iran", "IRN")]),
            &by_netanyahu(vec![]),
            &people()
        )
        .is_ok());
    }

    #[test]
    fn parties_without_country_compare_by_name_then_text() {
        let named = |name: &str| Entity {
            text: format!("kelompok {name}"),
            name: Some(name.into()),
            country: None,
            sector: None,
        };
        let a = record("PROTEST", vec![named("Buruh")], vec![]);
        let b = record("PROTEST", vec![named("Buruh")], vec![]);
        let c = record("PROTEST", vec![named("Petani")], vec![]);
        assert!(same_act(&a, &b, &people()).is_ok());
        assert_eq!(same_act(&a, &c, &people()).unwrap_err().rule, "parties");
        let unnamed = |text: &str| Entity {
            text: text.into(),
            name: None,
            country: None,
            sector: None,
        };
        let d = record("PROTEST", vec![unnamed("Mahasiswa")], vec![]);
        let e = record("PROTEST", vec![unnamed("mahasiswa")], vec![]);
        // The parties agree, but an unnamed crowd with no recipient is one
        // party only: nothing names it as the same protest.
        assert_eq!(same_act(&d, &e, &people()).unwrap_err().rule, "evidence");
    }

    #[test]
    fn countries_alone_never_make_two_reports_one_act() {
        let said = |r: EventRecord, sentence: &str| EventRecord {
            sentence: sentence.into(),
            ..r
        };
        // "Indonesia CONSULT": a diaspora speech and a palace meeting.
        let indonesia = || record("CONSULT", vec![entity("Indonesia", "IDN")], vec![]);
        let speech = said(
            indonesia(),
            "Duta Besar berbicara di depan diaspora di Kuala Lumpur.",
        );
        let palace = said(
            indonesia(),
            "Presiden menerima tamu di Istana Bogor pada Selasa.",
        );
        let rejection = same_act(&speech, &palace, &people()).unwrap_err();
        assert_eq!(rejection.rule, "evidence");
        assert!(
            rejection.detail.starts_with("one party only"),
            "{}",
            rejection.detail
        );
        // Two strikes of one side on another, the same day, different places.
        let strike = || {
            record(
                "ASSAULT",
                vec![entity("Israel", "ISR")],
                vec![entity("Palestine", "PSE")],
            )
        };
        let rafah = EventRecord {
            location: place("Rafah", "PSE", true),
            ..said(
                strike(),
                "Serangan udara menghantam kamp pengungsi di Rafah.",
            )
        };
        let jenin = EventRecord {
            location: place("Jenin", "PSE", true),
            ..said(strike(), "Pasukan menyerbu kamp Jenin di Tepi Barat.")
        };
        assert_eq!(
            same_act(&rafah, &jenin, &people()).unwrap_err().rule,
            "evidence"
        );
        // The same place, the same toll or shared names and numbers corroborate.
        let rafah_again = EventRecord {
            location: place("Rafah", "PSE", true),
            ..said(strike(), "Sedikitnya tewas saat pesawat tempur menyerang.")
        };
        let why = same_act(&rafah, &rafah_again, &people()).unwrap().why;
        assert!(why.contains("corroborated by place rafah"), "{why}");
        let mut toll_a = said(strike(), "Serangan itu menewaskan warga.");
        let mut toll_b = said(strike(), "Korban serangan bertambah.");
        toll_a.size.dead = Some(45);
        toll_b.size.dead = Some(45);
        let why = same_act(&toll_a, &toll_b, &people()).unwrap().why;
        assert!(why.contains("the same toll (45 dead)"), "{why}");
        let words_a = said(
            strike(),
            "Serangan ke sekolah UNRWA di Nuseirat menewaskan 30 orang.",
        );
        let words_b = said(strike(), "Sekolah UNRWA di Nuseirat dihantam rudal.");
        let why = same_act(&words_a, &words_b, &people()).unwrap().why;
        assert!(why.contains("corroborated by words"), "{why}");
        let many_a = said(
            strike(),
            "Rudal menghantam UNRWA di Nuseirat, Bureij dan Maghazi.",
        );
        let many_b = said(strike(), "UNRWA: Nuseirat, Bureij dan Maghazi diserang.");
        let why = same_act(&many_a, &many_b, &people()).unwrap().why;
        assert!(!why.contains("near the threshold"), "{why}");
        // Two shared names, the least that corroborates: a close call, and
        // the reason says so; one alone is a close call the other way.
        let two = said(strike(), "Serangan di Nuseirat dan Bureij.");
        let why = same_act(
            &two,
            &said(strike(), "Pesawat menyerang Nuseirat dan Bureij."),
            &people(),
        )
        .unwrap()
        .why;
        assert!(why.contains("near the threshold: 2 shared words"), "{why}");
        let one = same_act(
            &two,
            &said(strike(), "Pesawat menyerang Bureij."),
            &people(),
        )
        .unwrap_err();
        assert!(
            one.detail.contains("near the threshold: 1 shared words"),
            "{}",
            one.detail
        );
        // The same day and mode tell one call or one strike, not one
        // threat: "violence" fits any threat.
        let threat = |sentence: &str| {
            let mut r = said(
                record(
                    "THREATEN",
                    vec![entity("United States", "USA")],
                    vec![entity("North Korea", "PRK")],
                ),
                sentence,
            );
            r.mode = Some("violence".into());
            r
        };
        assert_eq!(
            same_act(
                &threat("Presiden berjanji membalas dengan api dan kemarahan."),
                &threat("Menteri menyebut ancaman nuklir terhadap negaranya."),
                &people()
            )
            .unwrap_err()
            .rule,
            "evidence"
        );
        let mut call = putin_raisi_call();
        call.sentence = "Kremlin mengumumkannya.".into();
        let mut same_call = putin_raisi_call();
        same_call.sentence = "Teheran juga mengonfirmasi hal tersebut.".into();
        let why = same_act(&call, &same_call, &people()).unwrap().why;
        assert!(
            why.contains("people") || why.contains("mode phone"),
            "{why}"
        );
        // A shared person is evidence for one country's act too, with words.
        let jokowi = |sentence: &str| {
            said(
                record("CONSULT", vec![entity("Joko Widodo", "IDN")], vec![]),
                sentence,
            )
        };
        let people = People::new(["Joko Widodo".to_string()]);
        assert!(same_act(
            &jokowi("Presiden Joko Widodo menerima Dewan Pers di Istana Merdeka, Senin."),
            &jokowi("Di Istana Merdeka, Presiden Joko Widodo bertemu Dewan Pers."),
            &people
        )
        .is_ok());
    }

    #[test]
    fn month_takes_any_day_in_it() {
        let day = putin_raisi_call();
        let month = dated(putin_raisi_call(), "2024-04", "month", "text");
        let other_month = dated(putin_raisi_call(), "2024-05", "month", "text");
        assert_eq!(
            dates_agree(&month, &day).unwrap(),
            DateAgreement::WithinMonth
        );
        assert!(dates_agree(&other_month, &day).is_err());
        assert!(dates_agree(&month, &other_month).is_err());
    }

    #[test]
    fn publication_date_covers_the_week_before() {
        let published = dated(putin_raisi_call(), "2024-04-17", "day", "publication");
        for (day, agrees) in [
            ("2024-04-17", true),
            ("2024-04-10", true),
            ("2024-04-09", false),
            ("2024-04-18", false),
        ] {
            let text = dated(putin_raisi_call(), day, "day", "text");
            assert_eq!(dates_agree(&published, &text).is_ok(), agrees, "{day}");
            assert_eq!(dates_agree(&text, &published).is_ok(), agrees, "{day}");
        }
    }

    #[test]
    fn publication_dates_within_two_days() {
        let a = dated(putin_raisi_call(), "2024-04-17", "day", "publication");
        let b = dated(putin_raisi_call(), "2024-04-19", "day", "publication");
        let c = dated(putin_raisi_call(), "2024-04-20", "day", "publication");
        assert_eq!(
            dates_agree(&a, &b).unwrap(),
            DateAgreement::PublicationWindow
        );
        assert!(dates_agree(&a, &c).is_err());
    }

    #[test]
    fn year_only_merges_when_everything_else_agrees() {
        let year = dated(
            record(
                "ACCUSE",
                vec![entity("Russia", "RUS")],
                vec![entity("Israel", "ISR")],
            ),
            "2024",
            "year",
            "text",
        );
        let same = dated(year.clone(), "2024-03-02", "day", "text");
        assert_eq!(
            same_act(&year, &same, &people()).unwrap().dates,
            DateAgreement::SameYear
        );
        let other_year = dated(year.clone(), "2023-03-02", "day", "text");
        assert_eq!(
            same_act(&year, &other_year, &people()).unwrap_err().rule,
            "dates"
        );
        // A missing recipient is never forgiven on a bare year, and on a
        // day only when a person is shared.
        let mut no_recipient = same.clone();
        no_recipient.recipient.clear();
        assert_eq!(
            same_act(&year, &no_recipient, &people()).unwrap_err().rule,
            "parties"
        );
        assert_eq!(
            same_act(&same, &no_recipient, &people()).unwrap_err().rule,
            "evidence"
        );
    }

    #[test]
    fn no_date_never_merges() {
        let a = putin_raisi_call();
        let mut b = putin_raisi_call();
        b.date = None;
        b.date_precision = None;
        assert_eq!(same_act(&a, &b, &people()).unwrap_err().rule, "dates");
        assert_eq!(
            same_act(&b, &b.clone(), &people()).unwrap_err().rule,
            "dates"
        );
    }

    #[test]
    fn locations() {
        let mut a = record("ASSAULT", vec![entity("Iran", "IRN")], vec![]);
        let mut b = a.clone();
        assert!(locations_agree(&a, &b).unwrap().contains("none"));
        a.location = place("Israel", "ISR", false);
        assert!(locations_agree(&a, &b).unwrap().contains("one missing"));
        b.location = place("Damaskus", "SYR", true);
        assert!(
            locations_agree(&a, &b).is_ok(),
            "a country without a point does not contradict a city"
        );
        a.location = place("Tel Aviv", "ISR", true);
        assert!(
            locations_agree(&a, &b).is_err(),
            "two points, two countries"
        );
        a.location = place("Mezzeh", "SYR", true);
        assert!(locations_agree(&a, &b)
            .unwrap()
            .contains("same country SYR"));
        a.location = place("Damaskus", "", true);
        assert!(locations_agree(&a, &b).unwrap().contains("same place"));
    }

    #[test]
    fn best_candidate_prefers_closer_dates_then_more_mentions_then_older() {
        let mention = putin_raisi_call();
        let published = dated(putin_raisi_call(), "2024-04-17", "day", "publication");
        let same_day = putin_raisi_call();
        let candidates = [
            Candidate {
                row: 1,
                event_id: "e1",
                num_mentions: 9,
                representative: &published,
            },
            Candidate {
                row: 2,
                event_id: "e2",
                num_mentions: 1,
                representative: &same_day,
            },
            Candidate {
                row: 3,
                event_id: "e3",
                num_mentions: 1,
                representative: &same_day,
            },
            Candidate {
                row: 4,
                event_id: "e4",
                num_mentions: 2,
                representative: &same_day,
            },
        ];
        match best_candidate(&mention, &candidates, &people()) {
            Decision::Join { row, why } => {
                assert_eq!(row, 4);
                assert!(
                    why.starts_with("joined event e4: same type CONSULT"),
                    "{why}"
                );
            }
            other => panic!("{other:?}"),
        }
        match best_candidate(&mention, &candidates[1..3], &people()) {
            Decision::Join { row, .. } => assert_eq!(row, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn new_event_names_the_nearest_rejected_candidate() {
        let mention = putin_raisi_call();
        let mut visit = putin_raisi_call();
        visit.mode = Some("visit".into());
        let other_day = dated(putin_raisi_call(), "2024-04-01", "day", "text");
        let candidates = [
            Candidate {
                row: 1,
                event_id: "far",
                num_mentions: 1,
                representative: &other_day,
            },
            Candidate {
                row: 2,
                event_id: "near",
                num_mentions: 1,
                representative: &visit,
            },
        ];
        match best_candidate(&mention, &candidates, &people()) {
            Decision::New { why } => {
                assert_eq!(
                    why,
                    "new event: nearest candidate near differs on modes: visit vs phone"
                );
            }
            other => panic!("{other:?}"),
        }
        match best_candidate(&mention, &[], &people()) {
            Decision::New { why } => assert!(why.contains("no stored CONSULT event"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn representative_prefers_text_day_and_named_recipient() {
        let day = putin_raisi_call();
        let month = dated(putin_raisi_call(), "2024-04", "month", "text");
        let published = dated(putin_raisi_call(), "2024-04-17", "day", "publication");
        assert!(informativeness(&day) > informativeness(&month));
        assert!(informativeness(&month) > informativeness(&published));
        let mut with_recipient = putin_raisi_call();
        with_recipient.recipient = vec![entity("Iran", "IRN")];
        assert!(informativeness(&with_recipient) > informativeness(&day));
    }

    #[test]
    fn windows_and_extents() {
        let p = When::Published(ymd(2024, 4, 17));
        assert_eq!(p.window(), (ymd(2024, 4, 10), ymd(2024, 4, 17)));
        assert_eq!(p.extent(), (ymd(2024, 4, 17), ymd(2024, 4, 17)));
        assert_eq!(
            When::Month(2024, 2).extent(),
            (ymd(2024, 2, 1), ymd(2024, 2, 29))
        );
        assert_eq!(
            When::Month(2024, 12).extent(),
            (ymd(2024, 12, 1), ymd(2024, 12, 31))
        );
        assert_eq!(day_number(ymd(1970, 1, 2)), 1);
        let mut bad = putin_raisi_call();
        bad.date = Some("2024-13".into());
        bad.date_precision = Some("month".into());
        assert_eq!(When::of(&bad), None);
        bad.date = Some("garbage".into());
        bad.date_precision = Some("day".into());
        assert_eq!(When::of(&bad), None);
    }
}
