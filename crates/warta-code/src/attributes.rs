//! Attributes and records: the date, place, casualty counts and quote of
//! each candidate; back-referring nouns ("serangan itu") folded into the
//! act they refer to; repeated mentions of one act merged; records built.

use chrono::NaiveDate;
use warta_analyse::dates::{DateMention, Precision};
use warta_analyse::{TokenKind, Voice};
use warta_record::{record_id, EventRecord, Location, Quote, Size};

use crate::compiled::{Coder, NameTarget};
use crate::document::{Analysed, Document, Reference};
use crate::events::{countries, Candidate};
use crate::lang::{LanguagePack, Referring};

/// The noun phrases of a document's sentences that point back
/// (`LanguagePack::referring_phrases`), asked of the pack once per sentence
/// and only for the sentences an undated act needs.
struct Pointers<'a> {
    pack: &'a dyn LanguagePack,
    phrases: Vec<std::cell::OnceCell<Vec<Referring>>>,
}

impl<'a> Pointers<'a> {
    fn new(pack: &'a dyn LanguagePack, doc: &Analysed) -> Self {
        Pointers {
            pack,
            phrases: vec![std::cell::OnceCell::new(); doc.sentences.len()],
        }
    }

    fn phrases(&self, coder: &Coder, doc: &Analysed, k: usize) -> &[Referring] {
        self.phrases[k].get_or_init(|| self.pack.referring_phrases(coder, doc, k))
    }
}

/// How many words a casualty number may stand from its casualty word.
const CASUALTY_WINDOW: usize = 10;
/// A record's date, its precision and where it came from ("text",
/// "publication").
type Dated = (Option<String>, Option<String>, String);

/// A date another sentence may lend an act: a day, or one the text spells
/// out, and not after the report (give or take) unless the act is announced.
fn lendable(m: &DateMention, announced: bool, latest: Option<NaiveDate>) -> bool {
    (!m.relative || m.precision == Precision::Day)
        && (announced || latest.is_none_or(|l| m.date <= l))
}

/// A date read from the text, at a precision.
fn from_text(date: NaiveDate, precision: Precision) -> Dated {
    (
        Some(precision.format(date)),
        Some(precision.as_str().into()),
        "text".into(),
    )
}

/// How many days after the report a date may lie and still be an act's
/// that is told as done.
const FUTURE_SLACK_DAYS: i64 = 2;
/// How many days late a report of an announced act may be: a weekday
/// further back in its clause is the coming one.
const LATE_REPORT_DAYS: i64 = 3;

impl Coder {
    pub(crate) fn records(
        &self,
        doc: &Analysed,
        input: &Document,
        pack: &dyn LanguagePack,
        language: &str,
        candidates: Vec<Candidate>,
        reference: Option<Reference>,
    ) -> Vec<EventRecord> {
        let candidates = fold_back_references(candidates);
        let pointers = Pointers::new(pack, doc);
        let mut records: Vec<EventRecord> = Vec::new();
        for c in candidates {
            if c.actor.is_empty() {
                continue;
            }
            let record = self.record(doc, input, &pointers, language, &c, reference);
            match records.iter_mut().find(|r| same_act(r, &record)) {
                Some(existing) => merge_into(existing, record),
                None => records.push(record),
            }
        }
        self.drop_summaries(&mut records);
        self.date_by_story_day(doc, &mut records, reference);
        // A merge may have brought in another mention's date.
        for r in &mut records {
            r.background = is_background(r.date.as_deref(), &r.date_source, reference);
        }
        // A state does not meet or cooperate with itself, whichever mention
        // brought the recipient in.
        for r in records
            .iter_mut()
            .filter(|r| matches!(r.event_type.as_str(), "CONSULT" | "COOPERATE"))
        {
            let before = r.recipient.len();
            let actors: Vec<Option<String>> = r.actor.iter().map(|a| a.country.clone()).collect();
            r.recipient.retain(|e| !actors.contains(&e.country));
            if r.recipient.len() != before {
                identify(r);
            }
        }
        // Two acts the merge kept apart (Peskov's appeal and Russia's) may
        // hash alike; the later one's id also takes its trigger's place.
        let mut seen = rustc_hash::FxHashSet::default();
        for r in &mut records {
            if !seen.insert(r.id.clone()) {
                let at = format!("{}-{}", r.span[0], r.span[1]);
                r.id = record_id(&r.id, &r.event_type, &[], &[], Some(&at));
                seen.insert(r.id.clone());
            }
        }
        records
    }

    fn record(
        &self,
        doc: &Analysed,
        input: &Document,
        pointers: &Pointers,
        language: &str,
        c: &Candidate,
        reference: Option<Reference>,
    ) -> EventRecord {
        let s = doc.sentences[c.sentence];
        let cue = &self.pack.cues[c.cue];
        let plover = self.lexicon.plover.event_type(&c.event_type);
        let (date, precision, date_source) = self.event_date(doc, pointers, c, reference);
        // A place's state on the act's day ("Juba" before 2011 is Sudan's).
        let location = self.location(doc, c, date.as_deref());
        let actor_codes: Vec<&str> = c
            .actor
            .iter()
            .filter_map(|e| e.country.as_deref())
            .collect();
        let recipient_codes: Vec<&str> = c
            .recipient
            .iter()
            .filter_map(|e| e.country.as_deref())
            .collect();
        let id = record_id(
            &input.doc_id,
            &c.event_type,
            &actor_codes,
            &recipient_codes,
            date.as_deref(),
        );
        let start_byte = doc.tokens[c.start].start;
        let end_byte = doc.tokens[c.end - 1].end;
        let quote = c.speaker.as_ref().and_then(|sp| {
            let (qs, qe) = sp.quote?;
            (qs <= start_byte && end_byte <= qe).then(|| Quote {
                speaker: sp.entity.name.clone().or(Some(sp.entity.text.clone())),
                text: doc.text[qs..qe].to_string(),
            })
        });
        let size = if matches!(c.event_type.as_str(), "ASSAULT" | "COERCE") {
            self.size(doc, c)
        } else {
            Size::default()
        };
        let mut modes = Vec::new();
        if c.event_type == "ASSAULT" {
            modes = self.salvo_modes(doc, c);
        }
        let mode = c.mode.clone().or_else(|| modes.first().cloned());
        if modes.len() < 2 {
            modes.clear();
        }
        EventRecord {
            id,
            doc_id: input.doc_id.clone(),
            language: language.to_string(),
            event_type: c.event_type.clone(),
            mode: mode.clone(),
            modes,
            context: cue.context.clone(),
            cameo: c.cameo.clone(),
            quad_class: plover.map_or(0, |p| p.quad_class),
            intensity: plover.map_or(0.0, |p| p.intensity_with(mode.as_deref())),
            actor: c.actor.clone(),
            recipient: c.recipient.clone(),
            date,
            date_precision: precision,
            date_source,
            // Decided in `records`, once the record's date is final.
            background: false,
            location,
            size,
            quote,
            sentence_index: c.sentence,
            sentence: doc.text[s.start_byte..s.end_byte].to_string(),
            span: [doc.char_offset(start_byte), doc.char_offset(end_byte)],
            trigger: doc.text[start_byte..end_byte].to_string(),
            rule: match c.derived_by {
                Some(rule) => format!("{}/{rule}", self.pack.code),
                None => format!("{}/{}", self.pack.code, cue.id),
            },
            confidence: (c.confidence * 100.0).round() / 100.0,
        }
    }

    /// "AS dan PBB menjatuhkan sanksi bagi bank itu" then "AS mengeluarkan
    /// sanksi ... pada 2013" and "DK PBB memasukkan bank itu ke daftar hitam
    /// pada Agustus lalu": an undated act of several actors that the text goes
    /// on to tell, actor by actor, with dates of their own sums those acts up;
    /// it is not an act besides them. Not so for a joint act (a talk between
    /// two, an agreement): its actors act together.
    fn drop_summaries(&self, records: &mut Vec<EventRecord>) {
        let summary = |r: &EventRecord| {
            let actors = countries(&r.actor);
            let recipients = countries(&r.recipient);
            r.date_source == "publication"
                && actors.len() >= 2
                && !self
                    .lexicon
                    .plover
                    .event_type(&r.event_type)
                    .is_some_and(|t| t.joint)
                && actors.iter().all(|a| {
                    records.iter().any(|q| {
                        let told = countries(&q.actor);
                        !std::ptr::eq(q, r)
                            && q.event_type == r.event_type
                            && q.date_source == "text"
                            && q.sentence_index != r.sentence_index
                            && told.contains(a)
                            && told.iter().all(|b| actors.contains(b))
                            && countries(&q.recipient)
                                .iter()
                                .all(|b| recipients.contains(b))
                    })
                })
        };
        let keep: Vec<bool> = records.iter().map(|r| !summary(r)).collect();
        let mut keep = keep.into_iter();
        records.retain(|_| keep.next().unwrap_or(true));
    }

    /// The date mention nearest the trigger, else the reference date.
    fn event_date(
        &self,
        doc: &Analysed,
        pointers: &Pointers,
        c: &Candidate,
        reference: Option<Reference>,
    ) -> Dated {
        let s = doc.sentences[c.sentence];
        let trigger = doc.tokens[c.start].start - s.start_byte;
        let mentions = doc.date_mentions(c.sentence, &self.calendar, reference.map(|r| r.date));
        // Dates follow the predicate they modify ("menelepon pada Selasa",
        // "serangan ... pada 1 April"): one before the trigger counts double,
        // as it more often belongs to an earlier verb of the sentence.
        // A date before a topic opener ("untuk membahas") belongs to the
        // talk, not to the act talked about.
        let trigger_end = doc.tokens[c.end - 1].end - s.start_byte;
        // An act told as done lies on or before the report (a few days'
        // slack for time zones and late dating); only an announced one
        // (AGREE, THREATEN) may lie ahead. "hingga tahun 2041" bounds
        // something else, and is no act's date.
        let announced = matches!(c.event_type.as_str(), "AGREE" | "THREATEN");
        let latest = reference.map(|r| r.date + chrono::Duration::days(FUTURE_SLACK_DAYS));
        let word_before = |m: &DateMention| {
            (s.first..s.end)
                .rev()
                .find(|&i| doc.tokens[i].end - s.start_byte <= m.start)
                .map(|i| doc.lower(i))
        };
        // "menarik AS dari kesepakatan yang disepakati di Paris pada 2015":
        // past a verb's object, a relative clause dates the object. (After
        // a noun, "serangan yang terjadi pada Senin" dates the act itself,
        // but "demonstrasi ... melawan kebijakan Israel, salah satu isu ...
        // perundingan damai, yang terhenti sejak tahun 2014" dates the
        // talks: a clause set off by a comma further on describes a later
        // noun, up to the comma that closes it.)
        let verbal = doc.voice(c.start) != Voice::Nominal;
        let in_object_clause = |m: &DateMention| {
            let mut before =
                (c.end..s.end).take_while(|&i| doc.tokens[i].end - s.start_byte <= m.start);
            if verbal {
                return before.any(|i| self.sets.relativizers.contains(doc.lower(i)));
            }
            let mut open = false;
            for i in before {
                if self.sets.relativizers.contains(doc.lower(i))
                    && i > c.end + 2
                    && doc.text_of(i - 1) == ","
                {
                    open = true;
                } else if doc.kind(i) == TokenKind::Punct {
                    open = false;
                }
            }
            open
        };
        // "..., setelah Trump menggertak": the clause opener nearest before
        // the trigger; a clause that says it came first keeps the main
        // clause's date out.
        let opener = (s.first..c.start).rev().find(|&i| {
            doc.kind(i) == TokenKind::Punct
                || self.sets.clause_breakers.contains(doc.lower(i))
                || self.sets.anterior_openers.contains(doc.lower(i))
        });
        let earlier_clause = opener
            .filter(|&i| self.sets.anterior_openers.contains(doc.lower(i)))
            .map(|i| {
                let end = (c.end..s.end)
                    .find(|&j| matches!(doc.text_of(j), "," | ";" | "." | "!" | "?"))
                    .map_or(s.end_byte, |j| doc.tokens[j].start);
                (doc.tokens[i].start - s.start_byte, end - s.start_byte)
            });
        let usable = |m: &&DateMention| {
            (announced || latest.is_none_or(|l| m.date <= l))
                && !word_before(m).is_some_and(|w| self.sets.date_bounds.contains(w))
                && !in_object_clause(m)
                && earlier_clause.is_none_or(|(from, to)| m.start > from && m.start < to)
        };
        let nearest = mentions.iter().filter(usable).min_by_key(|m| {
            if m.start >= trigger_end {
                return (false, m.start - trigger_end, m.relative);
            }
            let other_topic = (s.first..c.start)
                .filter(|&i| doc.tokens[i].start - s.start_byte >= m.end)
                .any(|i| self.sets.topic_openers.contains(doc.lower(i)));
            (other_topic, 2 * trigger.saturating_sub(m.end), m.relative)
        });
        if let Some(m) = nearest {
            // "is due to chair a meeting on Sunday" in Saturday's paper: a
            // weekday in the clause of an act announced for it is the
            // coming one, unless the report is a day or few late.
            let coming = announced
                && m.relative
                && m.precision == Precision::Day
                && self.in_future_clause(doc, c.sentence, m)
                && reference
                    .is_some_and(|r| m.date + chrono::Duration::days(LATE_REPORT_DAYS) < r.date);
            if coming {
                let day = m.date + chrono::Duration::days(7);
                return from_text(day, Precision::Day);
            }
            // "Pada Sabtu, pejabat Afghanistan mengatakan 16 warga sipil
            // tewas dalam serangan udara": the day is the statement's; the
            // deed it reports lies before, within that month.
            let said = m.end <= trigger
                && (s.first..c.start).any(|i| {
                    doc.tokens[i].start - s.start_byte >= m.end
                        && self.sets.speech_verbs.contains(doc.lower(i))
                });
            let deed = self
                .lexicon
                .plover
                .event_type(&c.event_type)
                .is_some_and(|t| t.material());
            // "Pada Minggu, Pyongyang menguji mesin roket, bertepatan dengan
            // kunjungan Menlu AS": the day is the verb's before the noun; an
            // act a noun in a prepositional phrase names only coincides with
            // it, within that month (a light verb makes the noun the act, and
            // a setting, "dalam pertemuan", is where the verb's act was).
            let governed_by = |i: usize| {
                doc.class(i) == crate::phrases::Class::Preposition
                    && !self.sets.setting_prepositions.contains(doc.lower(i))
                    && !self.sets.place_prepositions.contains(doc.lower(i))
            };
            let coincides = m.end <= trigger
                && doc.voice(c.start) == Voice::Nominal
                && c.start > s.first
                && governed_by(c.start - 1)
                && !self.light_verb_before(doc, c.start, s.first)
                && (s.first..c.start).any(|i| {
                    doc.tokens[i].start - s.start_byte >= m.end
                        && doc.verbal(i)
                        && !self.sets.light_verbs.contains(doc.lower(i))
                });
            let mut precision = if (said && deed || coincides) && m.precision == Precision::Day {
                Precision::Month
            } else {
                m.precision
            };
            // "Sejak Pyongyang menguji bom pada awal September lalu, kedua
            // pihak terus saling mengancam": an act told as going on from a
            // period's start to the report is dated by the unit that holds
            // both.
            let going_on = (s.first..c.start)
                .rev()
                .take(CONTINUATIVE_REACH)
                .any(|i| self.sets.continuatives.contains(doc.lower(i)));
            if let (true, Some(opener), Some(r)) =
                (going_on, self.period_opener(doc, c.sentence, m), reference)
            {
                let inside = opener < c.start && doc.tokens[c.start].start - s.start_byte < m.start;
                if !inside {
                    precision = spanning(m.date, precision, r.date);
                }
            }
            return from_text(m.date, precision);
        }
        // "Kesepakatan yang ditandatangani oleh Obama itu": an act told as
        // part of a noun named before is dated where it was named, ahead
        // of the paragraph's date.
        let referring = pointers.phrases(self, doc, c.sentence);
        let heads = |holding: bool| -> Vec<&str> {
            referring
                .iter()
                .filter(|p| !holding || p.start <= c.start && c.end <= p.end)
                .map(|p| doc.lower(p.head))
                .collect()
        };
        let reference_date = |heads: &[&str], own: bool| {
            self.antecedent_date(doc, c.sentence, heads, own, announced, latest, reference)
        };
        if let Some(found) = reference_date(&heads(true), true) {
            return found;
        }
        // A sentence without a date continues the paragraph's last date.
        let mut k = c.sentence;
        while k > 0
            && !doc.text[doc.sentences[k - 1].end_byte..doc.sentences[k].start_byte].contains('\n')
        {
            k -= 1;
            let found = doc.date_mentions(k, &self.calendar, reference.map(|r| r.date));
            if let Some(m) = found.iter().find(|m| lendable(m, announced, latest)) {
                return from_text(m.date, m.precision);
            }
        }
        // "... tewas dalam serangan udara AS." then "serangan yang dilakukan
        // pada Kamis itu menewaskan ...": a later sentence that points back
        // to the act's own noun dates it, before a noun of its setting.
        if let Some(found) = self.retold_date(doc, pointers, c, announced, latest, reference) {
            return found;
        }
        // "Wakil Presiden yang menghadiri konferensi tersebut mengatakan
        // ...": the act is dated where the conference was.
        if let Some(found) = reference_date(&heads(false), false) {
            return found;
        }
        // "Sejak saat itu, AS juga mendesak ...": since the time just told.
        if let Some(found) = self.since_then(doc, c, latest, reference) {
            return found;
        }
        // An undated act the text tells as earlier than the report
        // ("Sebelumnya, ...", "pernah", "sempat") is known only to the
        // report's month; any other takes the report's day.
        // So is one in a clause that says it came first.
        let earlier = (s.first..c.start).any(|i| self.sets.anterior.contains(doc.lower(i)))
            || earlier_clause.is_some();
        let precision = if earlier {
            Precision::Month
        } else {
            Precision::Day
        };
        match reference {
            Some(r) => (
                Some(precision.format(r.date)),
                Some(precision.as_str().into()),
                "publication".into(),
            ),
            None => (None, None, "publication".into()),
        }
    }

    /// The date of the nearest earlier sentence that names a noun this
    /// sentence points back to ("konferensi tersebut"), within a few
    /// sentences: the act told there took place then. `own`: only a date
    /// in the noun's own clause ("kesepakatan yang disepakati di Paris pada
    /// 2015"), for an act that is part of the noun.
    #[allow(clippy::too_many_arguments)]
    fn antecedent_date(
        &self,
        doc: &Analysed,
        k: usize,
        heads: &[&str],
        own: bool,
        announced: bool,
        latest: Option<NaiveDate>,
        reference: Option<Reference>,
    ) -> Option<Dated> {
        if heads.is_empty() {
            return None;
        }
        (k.saturating_sub(ANTECEDENT_WINDOW)..k)
            .rev()
            .find_map(|j| {
                let t = doc.sentences[j];
                let named: Vec<usize> = (t.first..t.end)
                    .filter(|&i| heads.contains(&doc.lower(i)))
                    .collect();
                if named.is_empty() {
                    return None;
                }
                // The date nearest where the noun was named.
                let found = doc.date_mentions(j, &self.calendar, reference.map(|r| r.date));
                let m = found
                    .iter()
                    .filter(|m| {
                        lendable(m, announced, latest)
                            && !self.opens_period(doc, j, m)
                            && (!own || named.iter().any(|&h| self.in_own_clause(doc, j, h, m)))
                    })
                    .min_by_key(|m| {
                        named
                            .iter()
                            .map(|&h| (doc.tokens[h].start - t.start_byte).abs_diff(m.start))
                            .min()
                    })?;
                Some(from_text(m.date, m.precision))
            })
    }

    /// The date a later sentence, within a few, gives the act's noun when
    /// it points back to it ("serangan yang dilakukan pada Kamis itu"):
    /// the date nearest that phrase there.
    fn retold_date(
        &self,
        doc: &Analysed,
        pointers: &Pointers,
        c: &Candidate,
        announced: bool,
        latest: Option<NaiveDate>,
        reference: Option<Reference>,
    ) -> Option<Dated> {
        // "menyerang" is retold as "serangan itu"; an act in a relative
        // clause, with the noun it describes ("gencatan senjata ... yang
        // ditengahi Rusia", then "gencatan senjata tersebut").
        let roots: Vec<&str> = std::iter::once(doc.root(c.start))
            .chain(
                pointers
                    .pack
                    .described_noun(self, doc, c.sentence, c.start)
                    .map(|n| doc.root(n)),
            )
            .collect();
        let last = (c.sentence + RETOLD_WINDOW).min(doc.sentences.len() - 1);
        (c.sentence + 1..=last).find_map(|j| {
            let phrase = pointers
                .phrases(self, doc, j)
                .iter()
                .find(|p| roots.contains(&doc.root(p.head)))?;
            let t = doc.sentences[j];
            let at = doc.tokens[phrase.head].start - t.start_byte;
            let end = doc.tokens[phrase.end - 1].end - t.start_byte;
            let found = doc.date_mentions(j, &self.calendar, reference.map(|r| r.date));
            // A date inside the phrase first, then the nearest one not in a
            // relative clause of another noun ("acara yang dilaksanakan pada
            // 22-25 Oktober").
            let inside = |m: &DateMention| at <= m.start && m.end <= end;
            let other_clause = |m: &DateMention| {
                let (from, to) = if m.start >= end {
                    (end, m.start)
                } else {
                    (m.end, at)
                };
                (t.first..t.end).any(|i| {
                    let b = doc.tokens[i].start - t.start_byte;
                    b >= from && b < to && self.sets.relativizers.contains(doc.lower(i))
                })
            };
            let m = found
                .iter()
                .filter(|m| lendable(m, announced, latest) && (inside(m) || !other_clause(m)))
                .min_by_key(|m| (!inside(m), at.abs_diff(m.start)))?;
            Some(from_text(m.date, m.precision))
        })
    }

    /// "Sejak saat itu, ...": a period opener before a time word pointing
    /// back (`time_anaphors`) opens the period at the last date of the
    /// sentence before (within two); the act runs from it to the report.
    fn since_then(
        &self,
        doc: &Analysed,
        c: &Candidate,
        latest: Option<NaiveDate>,
        reference: Option<Reference>,
    ) -> Option<Dated> {
        let r = reference?;
        let s = doc.sentences[c.sentence];
        let words = |from: usize, n: usize| -> String {
            (from..(from + n).min(s.end))
                .map(|i| doc.lower(i))
                .collect::<Vec<_>>()
                .join(" ")
        };
        (s.first..c.start).find(|&i| {
            self.sets.period_openers.contains(doc.lower(i))
                && (1..=2).any(|n| self.sets.time_anaphors.contains(words(i + 1, n).as_str()))
        })?;
        (c.sentence.saturating_sub(SINCE_THEN_WINDOW)..c.sentence)
            .rev()
            .find_map(|k| {
                let found = doc.date_mentions(k, &self.calendar, Some(r.date));
                let m = found
                    .iter()
                    .rev()
                    .find(|m| latest.is_none_or(|l| m.date <= l))?;
                let precision = spanning(m.date, m.precision, r.date);
                Some(from_text(m.date, precision))
            })
    }

    /// Date `m` lies in the relative clause of noun `h` ("kesepakatan yang
    /// disepakati di Paris pada 2015"): a relativizer follows the noun, and
    /// no other clause opener or stop stands before the date.
    fn in_own_clause(&self, doc: &Analysed, k: usize, h: usize, m: &DateMention) -> bool {
        let s = doc.sentences[k];
        let between: Vec<&str> = (h + 1..s.end)
            .take_while(|&i| doc.tokens[i].end - s.start_byte <= m.start)
            .map(|i| doc.lower(i))
            .collect();
        between.iter().any(|w| self.sets.relativizers.contains(*w))
            && between.iter().all(|w| {
                self.sets.relativizers.contains(*w)
                    || !self.sets.clause_breakers.contains(*w) && !matches!(*w, ";" | ":")
            })
    }

    /// A report tells one occasion: the lede's "Rabu (4/10)" is the day of
    /// the acts the story goes on to tell without a date of their own. Done
    /// after merging, so that the story day joins no two acts the
    /// publication date kept apart.
    fn date_by_story_day(
        &self,
        doc: &Analysed,
        records: &mut [EventRecord],
        reference: Option<Reference>,
    ) {
        let undated = |r: &EventRecord| {
            r.date_source == "publication" && r.date_precision.as_deref() == Some("day")
        };
        let Some(reference) = reference else { return };
        if !records.iter().any(undated) {
            return;
        }
        let Some(day) = self.story_day(doc, reference.date) else {
            return;
        };
        for r in records.iter_mut().filter(|r| undated(r)) {
            r.date = Some(Precision::Day.format(day));
            r.date_source = "text".into();
            identify(r);
        }
    }

    /// The first day the text names within the few days before the report.
    /// A day credited to another outlet's report ("dilansir Reuters, Jumat
    /// (30/6)") is that report's; it counts only when the text names no
    /// other. A bare weekday in a clause told as future ("akan terjadi pada
    /// akhir Selasa") is a day to come, not one the story tells.
    fn story_day(&self, doc: &Analysed, published: NaiveDate) -> Option<NaiveDate> {
        let earliest = published - chrono::Duration::days(STORY_DAY_WINDOW);
        let mut credited = None;
        for k in 0..doc.sentences.len() {
            let mentions = doc.date_mentions(k, &self.calendar, Some(published));
            for m in mentions.iter().filter(|m| {
                m.precision == Precision::Day
                    && m.date <= published
                    && m.date >= earliest
                    && !(m.relative && self.in_future_clause(doc, k, m))
                    && !self.opens_period(doc, k, m)
            }) {
                if !self.credited_to_outlet(doc, k, m) {
                    return Some(m.date);
                }
                credited = credited.or(Some(m.date));
            }
        }
        credited
    }

    /// The period opener ("sejak") that begins the clause of date `m`.
    fn period_opener(&self, doc: &Analysed, k: usize, m: &DateMention) -> Option<usize> {
        tokens_before(doc, k, m)
            .take_while(|&i| doc.kind(i) != TokenKind::Punct)
            .find(|&i| self.sets.period_openers.contains(doc.lower(i)))
    }

    /// The date bounds a period ("sejak Minggu (9/7)", "hingga Jumat"): the
    /// day something began or ends, not a day the story tells.
    fn opens_period(&self, doc: &Analysed, k: usize, m: &DateMention) -> bool {
        // Past the weekday and bracket of "sejak Minggu (9/7)".
        tokens_before(doc, k, m)
            .find(|&i| {
                doc.kind(i) != TokenKind::Punct && !doc.text_of(i).starts_with(char::is_uppercase)
            })
            .is_some_and(|i| {
                let word = doc.lower(i);
                self.sets.period_openers.contains(word) || self.sets.date_bounds.contains(word)
            })
    }

    /// A future word ("akan", "will") stands in the date's clause before it.
    fn in_future_clause(&self, doc: &Analysed, k: usize, m: &DateMention) -> bool {
        tokens_before(doc, k, m)
            .take_while(|&i| {
                doc.kind(i) != TokenKind::Punct && !self.sets.clause_breakers.contains(doc.lower(i))
            })
            .any(|i| self.sets.future.contains(doc.lower(i)))
    }

    /// The date follows a word crediting another outlet and that outlet's
    /// name: "Seperti dilansir REUTERS, Jumat (30/6)", "Dikutip dari AFP,
    /// Senin (10/7)".
    fn credited_to_outlet(&self, doc: &Analysed, k: usize, m: &DateMention) -> bool {
        // Only the outlet's name (capitalised words), the weekday and
        // punctuation may stand between the credit and the date, and one
        // preposition right after the credit ("dikutip dari").
        let credit = |i: usize| self.sets.report_attributions.contains(doc.lower(i));
        let first = doc.sentences[k].first;
        for i in tokens_before(doc, k, m).take(6) {
            if credit(i) || i > first && credit(i - 1) {
                return true;
            }
            if !(doc.kind(i) == TokenKind::Punct || doc.text_of(i).starts_with(char::is_uppercase))
            {
                return false;
            }
        }
        false
    }

    /// The place of the act: a gazetteer place or a state after "di", "ke"
    /// or "wilayah", nearest the trigger.
    fn location(&self, doc: &Analysed, c: &Candidate, date: Option<&str>) -> Option<Location> {
        let s = doc.sentences[c.sentence];
        let mut best: Option<(usize, Location)> = None;
        let mut i = s.first;
        while i < s.end {
            let lower = doc.lower(i);
            let preposition = self.sets.place_prepositions.contains(lower);
            if !preposition || i + 1 >= s.end {
                i += 1;
                continue;
            }
            if let Some((location, end)) = self.place_at(doc, i + 1, s.end, date) {
                // On a tie the place after the verb wins: it is the verb's
                // own ("... di Damaskus dengan meluncurkan rudal ke wilayah Israel").
                let distance = if i >= c.end {
                    2 * (i - c.end)
                } else {
                    2 * c.start.saturating_sub(end) + 1
                };
                if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((distance, location));
                }
                i = end;
                continue;
            }
            i += 1;
        }
        best.map(|(_, l)| l)
    }

    /// A place named at token `at` (the longest name), with a following
    /// ", Country" absorbed ("Damaskus, Suriah").
    fn place_at(
        &self,
        doc: &Analysed,
        at: usize,
        to: usize,
        date: Option<&str>,
    ) -> Option<(Location, usize)> {
        let names = self.names.get(doc.lower(at))?;
        if !doc.text_of(at).starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        for name in names {
            let end = at + name.tokens.len();
            if end > to || !(0..name.tokens.len()).all(|k| doc.lower(at + k) == name.tokens[k]) {
                continue;
            }
            let text = doc.span_text(at, end).to_string();
            let found = match name.target {
                NameTarget::Place(p) => {
                    let place = &self.lexicon.places[p];
                    Some(Location {
                        text,
                        name: Some(place.name.clone()),
                        country: place.state_on(date).map(str::to_string),
                        lat: place.lat,
                        lon: place.lon,
                    })
                }
                NameTarget::Country(k) => {
                    let country = &self.lexicon.countries[k];
                    Some(Location {
                        text,
                        name: Some(country.name.clone()),
                        country: Some(country.code.clone()),
                        lat: None,
                        lon: None,
                    })
                }
                _ => None,
            };
            if let Some(location) = found {
                return Some((location, end));
            }
        }
        None
    }

    /// Dead, injured and arrested counts stated in the sentence.
    fn size(&self, doc: &Analysed, c: &Candidate) -> Size {
        let s = doc.sentences[c.sentence];
        let mut size = Size::default();
        for i in s.first..s.end {
            let words: Vec<&str> = (i..s.end.min(i + 3)).map(|k| doc.lower(k)).collect();
            let Some((value, used)) = self.numbers.parse(&words) else {
                continue;
            };
            if i > s.first && self.sets.not_counts.contains(doc.lower(i - 1)) {
                continue;
            }
            // "menewaskan 42.718 orang": a casualty verb before the number.
            // Two words back, not counting the number's own phrase ("killing
            // at least 28").
            let mut from = i;
            let mut counted = 0;
            while from > s.first && counted < 2 {
                from -= 1;
                if !self.sets.number_openers.contains(doc.lower(from)) {
                    counted += 1;
                }
            }
            let before = (from..i).map(|k| doc.lower(k));
            let mut kind = before.filter_map(|w| self.casualty_kind(w)).next_back();
            // "tujuh pejabat ... tewas": a casualty word after it.
            if kind.is_none() {
                kind = (i + used..s.end.min(i + used + CASUALTY_WINDOW))
                    .take_while(|&k| {
                        doc.kind(k) != TokenKind::Punct
                            || doc.text_of(k) == "("
                            || doc.text_of(k) == ")"
                    })
                    .find_map(|k| self.casualty_kind(doc.lower(k)));
            }
            let slot = match kind {
                Some(Casualty::Dead) => &mut size.dead,
                Some(Casualty::Injured) => &mut size.injured,
                Some(Casualty::Arrested) => &mut size.arrested,
                None => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        size
    }

    fn casualty_kind(&self, word: &str) -> Option<Casualty> {
        if self.sets.casualty_dead.contains(word) {
            Some(Casualty::Dead)
        } else if self.sets.casualty_injured.contains(word) {
            Some(Casualty::Injured)
        } else if self.sets.casualty_arrested.contains(word) {
            Some(Casualty::Arrested)
        } else {
            None
        }
    }

    /// Weapons named near an attack: drones and missiles in one salvo give
    /// both modes.
    fn salvo_modes(&self, doc: &Analysed, c: &Candidate) -> Vec<String> {
        let s = doc.sentences[c.sentence];
        let mut modes: Vec<String> = c.mode.clone().into_iter().collect();
        for i in c.start..s.end.min(c.end + 10) {
            let phrase = self.sets.weapon_phrases.iter().find(|(words, _)| {
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.lower_at(i + k) == Some(w.as_str()))
            });
            let Some(mode) = self
                .sets
                .weapon_modes
                .get(doc.root(i))
                .or(phrase.map(|(_, m)| m))
            else {
                continue;
            };
            if !modes.iter().any(|m| m == mode) {
                modes.push(mode.clone());
            }
        }
        modes
    }

    /// The latest year (2014 to this year) in which the most of the story's
    /// named office holders were in office on `day`/`month`: a story that
    /// prints "17 April" but no year is dated by who was in office.
    pub(crate) fn infer_year(&self, doc: &Analysed, day: u32, month: u32) -> Option<i32> {
        let mut people: Vec<usize> = Vec::new();
        for s in &doc.sentences {
            for i in (s.first..s.end).filter(|&i| doc.starts_name(i)) {
                if let Some(names) = self.names.get(doc.lower(i)) {
                    for name in names {
                        if let NameTarget::Person(p) = name.target {
                            let end = i + name.tokens.len();
                            if end <= s.end
                                && (0..name.tokens.len())
                                    .all(|k| doc.lower(i + k) == name.tokens[k])
                                && !people.contains(&p)
                            {
                                people.push(p);
                            }
                        }
                    }
                }
            }
        }
        if people.is_empty() {
            return None;
        }
        // The lexicon's version year bounds what it can know, and keeps the
        // output independent of the clock.
        let this_year: i32 = self
            .lexicon
            .version
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(2026);
        let mut best: Option<(usize, i32)> = None;
        for year in 2014..=this_year {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let date = date.format("%Y-%m-%d").to_string();
            let in_office = people
                .iter()
                .filter(|&&p| {
                    self.lexicon.people[p]
                        .office
                        .iter()
                        .any(|o| o.covers(&date))
                })
                .count();
            if in_office > 0 && best.is_none_or(|(n, _)| in_office >= n) {
                best = Some((in_office, year));
            }
        }
        best.map(|(_, y)| y)
    }
}

enum Casualty {
    Dead,
    Injured,
    Arrested,
}

/// "serangan itu" refers back: its actor completes an earlier actorless act
/// of the same type, and it is not an act of its own. "... yang menewaskan"
/// tells more of an act the sentence already named.
fn fold_back_references(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut keep = vec![true; candidates.len()];
    for k in 0..candidates.len() {
        if candidates[k].relative {
            let sentence = candidates[k].sentence;
            let same = (0..k)
                .rev()
                .take_while(|&j| candidates[j].sentence == sentence)
                .any(|j| keep[j] && candidates[j].event_type == candidates[k].event_type);
            if same {
                keep[k] = false;
            }
            continue;
        }
        if candidates[k].reaction_topic {
            let told = (0..k).any(|j| {
                keep[j]
                    && candidates[j].event_type == candidates[k].event_type
                    && countries(&candidates[j].actor) == countries(&candidates[k].actor)
            });
            if told {
                keep[k] = false;
            }
            continue;
        }
        if !candidates[k].anaphoric {
            continue;
        }
        // "panggilan telepon ini": the act just told, or the one told
        // earlier between the same parties.
        let earlier = (0..k).rev().find(|&j| {
            keep[j]
                && candidates[j].event_type == candidates[k].event_type
                && (candidates[k].sentence - candidates[j].sentence <= 2
                    || !candidates[k].actor.is_empty()
                        && countries(&candidates[j].actor) == countries(&candidates[k].actor))
        });
        if let Some(j) = earlier {
            if candidates[j].actor.is_empty() && !candidates[k].actor.is_empty() {
                candidates[j].actor = candidates[k].actor.clone();
                candidates[j].confidence = candidates[j].confidence.min(candidates[k].confidence);
            }
            keep[k] = false;
        }
    }
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// The tokens of sentence `k` before date mention `m`, nearest first.
fn tokens_before<'a>(
    doc: &'a Analysed,
    k: usize,
    m: &'a DateMention,
) -> impl Iterator<Item = usize> + 'a {
    let s = doc.sentences[k];
    (s.first..s.end)
        .rev()
        .skip_while(move |&i| doc.tokens[i].end - s.start_byte > m.start)
}

/// Two records of one document tell the same act: same type and parties,
/// and the same date (or one of them only has the publication date).
fn same_act(a: &EventRecord, b: &EventRecord) -> bool {
    if a.event_type != b.event_type {
        return false;
    }
    let (aa, ba) = (countries(&a.actor), countries(&b.actor));
    let (ar, br) = (countries(&a.recipient), countries(&b.recipient));
    let parties_agree = aa == ba && (ar == br || ar.is_empty() || br.is_empty());
    let dates_agree =
        a.date == b.date || a.date_source == "publication" || b.date_source == "publication";
    // A phone call is not the contact it is part of, and Lavrov's call is
    // not Putin's though both are Russia's.
    let modes_agree = a.mode == b.mode
        || (a.mode.is_none() || b.mode.is_none())
            && a.date == b.date
            && (a.sentence_index == b.sentence_index
                || a.date_source == "text" && b.date_source == "text");
    let names = |r: &EventRecord| -> Vec<String> {
        r.actor
            .iter()
            .chain(&r.recipient)
            .filter_map(|e| e.name.clone())
            .collect()
    };
    let (an, bn) = (names(a), names(b));
    let people_agree = an.is_empty() || bn.is_empty() || an.iter().any(|n| bn.contains(n));
    parties_agree && dates_agree && modes_agree && people_agree
}

/// Keeps the first mention's provenance, fills what it lacks from the later
/// one, and prefers a date read from the text.
fn merge_into(existing: &mut EventRecord, other: EventRecord) {
    if existing.recipient.is_empty() {
        existing.recipient = other.recipient;
    }
    if existing.date_source == "publication" && other.date_source == "text" {
        existing.date = other.date;
        existing.date_precision = other.date_precision;
        existing.date_source = other.date_source;
    }
    if existing.location.is_none() {
        existing.location = other.location;
    }
    existing.size.dead = existing.size.dead.or(other.size.dead);
    existing.size.injured = existing.size.injured.or(other.size.injured);
    existing.size.arrested = existing.size.arrested.or(other.size.arrested);
    if existing.quote.is_none() {
        existing.quote = other.quote;
    }
    for m in other.modes {
        if !existing.modes.contains(&m) {
            existing.modes.push(m);
        }
    }
    existing.confidence = existing.confidence.max(other.confidence);
    identify(existing);
}

/// The record's id from its document, type, parties and date, after any of
/// them changed.
fn identify(r: &mut EventRecord) {
    r.id = record_id(
        &r.doc_id,
        &r.event_type,
        &countries(&r.actor),
        &countries(&r.recipient),
        r.date.as_deref(),
    );
}

/// The precision that holds a period from `start` (known to `precision`)
/// to the report: the month, else the year both share; a period over years
/// keeps its start.
fn spanning(start: NaiveDate, precision: Precision, report: NaiveDate) -> Precision {
    use chrono::Datelike;
    if start.year() != report.year() || precision == Precision::Year {
        precision
    } else if start.month() != report.month() {
        Precision::Year
    } else {
        Precision::Month
    }
}

/// How many words before an act a word telling it as going on may stand
/// ("terus saling melontarkan").
const CONTINUATIVE_REACH: usize = 3;

/// How many sentences on a later mention of an act's noun is looked for.
const RETOLD_WINDOW: usize = 3;

/// How many sentences back "sejak saat itu" looks for the time just told.
const SINCE_THEN_WINDOW: usize = 2;

/// How many sentences back a noun's earlier mention is looked for.
const ANTECEDENT_WINDOW: usize = 8;

/// How many days before the report the story's own day may lie.
const STORY_DAY_WINDOW: i64 = 3;

/// An act dated from the text more than a month before the report is
/// background to the news, not news.
fn is_background(date: Option<&str>, date_source: &str, reference: Option<Reference>) -> bool {
    date_source == "text"
        && reference.is_some_and(|r| {
            date.and_then(date_extent_end)
                .is_some_and(|end| end + chrono::Duration::days(BACKGROUND_DAYS) < r.date)
        })
}

/// How long before the report an act is background rather than news.
const BACKGROUND_DAYS: i64 = 30;

/// The last day a record date ("2002", "2017-06", "2017-06-29") covers.
fn date_extent_end(date: &str) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    let mut parts = date.split('-').map(str::parse::<u32>);
    let year = i32::try_from(parts.next()?.ok()?).ok()?;
    match (parts.next(), parts.next()) {
        (None, _) => NaiveDate::from_ymd_opt(year, 12, 31),
        (Some(month), None) => {
            let month = month.ok()?;
            let (y, m) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
        }
        (Some(month), Some(day)) => NaiveDate::from_ymd_opt(year, month.ok()?, day.ok()?),
    }
}

#[cfg(test)]
mod tests {
    use super::date_extent_end;
    use chrono::NaiveDate;

    #[test]
    fn a_date_covers_its_year_month_or_day() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date_extent_end("2002"), ymd(2002, 12, 31));
        assert_eq!(date_extent_end("2017-06"), ymd(2017, 6, 30));
        assert_eq!(date_extent_end("2016-12"), ymd(2016, 12, 31));
        assert_eq!(date_extent_end("2024-02"), ymd(2024, 2, 29));
        assert_eq!(date_extent_end("2017-06-29"), ymd(2017, 6, 29));
        assert_eq!(date_extent_end("juni"), None);
    }
}
