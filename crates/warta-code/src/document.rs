//! One document through the pipeline: clean, detect the language, split
//! sentences, tokenize and analyse, resolve the reference date, recognise
//! entities, code events, merge repeated mentions, emit records.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use warta_analyse::dates::{Calendar, DateMention};
use warta_analyse::{split_sentences, tokens::tokenize_into, Token, TokenKind, Voice};
use warta_clean::{clean, LanguageGuess};
use warta_record::EventRecord;

use crate::compiled::Coder;
use crate::events::Candidate;

/// A report whose words are this share (in percent) of sports vocabulary is a
/// sports report (see `sports_words` in words.toml).
const SPORTS_SHARE_PERCENT: usize = 2;

/// Whether `sports` words out of `total` make a sports report.
/// Bytes between the checkpoints of the character offset index.
const CHECKPOINT_BYTES: usize = 4096;

/// The longest sentence coded as one: text without sentence breaks is cut
/// into pieces no longer than this, so coding time grows linearly.
const MAX_SENTENCE_TOKENS: usize = 250;
/// The shortest piece such a cut leaves.
const MIN_PIECE_TOKENS: usize = 50;

fn is_sports_share(sports: usize, total: usize) -> bool {
    sports >= 4 && sports * 100 >= total.max(1) * SPORTS_SHARE_PERCENT
}

/// A document to code: the text and what the input said about it.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub doc_id: String,
    pub text: String,
    pub title: Option<String>,
    /// Publication date as printed, any shape.
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Declared ISO 639-1 language, if any.
    pub language: Option<String>,
}

impl From<warta_read::RawDocument> for Document {
    fn from(raw: warta_read::RawDocument) -> Self {
        Document {
            doc_id: raw.doc_id,
            text: raw.text,
            title: raw.title,
            date: raw.date,
            source: raw.source,
            url: raw.url,
            language: raw.language,
        }
    }
}

impl CodedDocument {
    /// The words at a record's `span` (character offsets) of the cleaned text.
    pub fn span_text(&self, span: [usize; 2]) -> String {
        self.text
            .chars()
            .skip(span[0])
            .take(span[1].saturating_sub(span[0]))
            .collect()
    }
}

/// Why a document produced no records on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub reason: String,
    /// Skipped because coding ran out of its time budget or was cancelled,
    /// not on purpose (language, sports): the document is not coded.
    pub stopped: bool,
}

/// The outcome of coding one document.
#[derive(Debug, Clone)]
pub struct CodedDocument {
    pub doc_id: String,
    pub language: Option<String>,
    pub publication_date: Option<String>,
    /// The headline: from metadata, else the one cleaning found.
    pub title: Option<String>,
    /// The outlet: from metadata, else the dateline ("Arrahmah.id"), else
    /// the URL's host. Cross-outlet counts in the store rest on it.
    pub source: Option<String>,
    pub url: Option<String>,
    /// The cleaned text that record spans point into.
    pub text: String,
    pub records: Vec<EventRecord>,
    pub skipped: Option<Skipped>,
    /// Sentences in the cleaned text.
    pub sentences: usize,
}

/// A sentence: its token range and byte span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    pub first: usize,
    pub end: usize,
    pub start_byte: usize,
    pub end_byte: usize,
}

/// What the analyser knows of one word form: shared by every token of that
/// form (and, through the cache, by every document a thread codes).
#[derive(Debug)]
pub(crate) struct WordInfo {
    pub lower: String,
    pub root: String,
    pub voice: Voice,
    /// The word can open a back reference (a pronoun, "kami",
    /// "timpalannya"): checked for every token, so decided once per form.
    pub may_refer: bool,
    /// Sports vocabulary (see `is_sports_report`).
    pub sports: bool,
    /// Some cue's first matcher takes this word (by root or by form).
    pub starts_cue: bool,
    /// Some lexicon name (state, person, place...) begins with this word.
    pub starts_name: bool,
    /// The word carries a verbal prefix (meN-, ber-, di-, ter-).
    pub verbal: bool,
    /// Its class for the phrase layer, outside names.
    pub class: crate::phrases::Class,
    /// It attributes a report to a source ("dilansir").
    pub attribution: bool,
    /// An adverb or intensifier a cue pattern may skip ("sangat").
    pub intensifier: bool,
    /// An agent noun a cue's root does not match (see `Morph`).
    pub agent_noun: bool,
}

/// The cleaned text with tokens, analyses and sentences.
pub(crate) struct Analysed {
    pub text: String,
    pub tokens: Vec<Token>,
    words: Vec<Rc<WordInfo>>,
    pub sentences: Vec<Sentence>,
    /// Date expressions per sentence, found once when first asked for.
    dates: RefCell<Vec<Option<Rc<Vec<DateMention>>>>>,
    /// (byte offset, character offset) every few kilobytes, built when a
    /// record first needs a character offset.
    char_checkpoints: std::cell::OnceCell<Vec<(usize, usize)>>,
}

/// Word forms analysed by this thread. Most words recur across articles, so
/// each is lower-cased and stemmed once; the cache is emptied when it grows
/// past a bound, so memory stays flat on any input.
const WORD_CACHE_LIMIT: usize = 200_000;

thread_local! {
    /// One cache per language (a coder's `slot`): a form's analysis
    /// differs between languages.
    static WORD_CACHE: RefCell<Vec<HashMap<Box<str>, Rc<WordInfo>>>> = const { RefCell::new(Vec::new()) };
}

/// Splits the clitics of the words from `first` on into tokens of their
/// own: "Israel's" is "Israel" and "'s", "didn't" "did" and "n't".
fn split_clitics(text: &str, tokens: &mut Vec<Token>, first: usize, clitics: &[String]) {
    let mut k = first;
    while k < tokens.len() {
        let t = tokens[k];
        if t.kind == TokenKind::Word {
            let word = t.text(text);
            let found = clitics.iter().find(|c| {
                word.len() > c.len()
                    && word
                        .get(word.len() - c.len()..)
                        .is_some_and(|end| end.eq_ignore_ascii_case(c))
                    && word.is_char_boundary(word.len() - c.len())
            });
            if let Some(clitic) = found {
                let cut = t.end - clitic.len();
                tokens[k].end = cut;
                tokens.insert(
                    k + 1,
                    Token {
                        start: cut,
                        end: t.end,
                        kind: TokenKind::Word,
                    },
                );
                k += 1;
            }
        }
        k += 1;
    }
}

/// A word's analysis by a language's morphology.
pub(crate) struct Morph {
    /// The root (Indonesian) or lemma (English) cues are written in.
    pub root: String,
    pub voice: Voice,
    /// The form is a verb's.
    pub verbal: bool,
    /// An agent noun a cue's root does not match ("penyerang", the
    /// attacker, is not "serang", to attack).
    pub agent_noun: bool,
}

impl Analysed {
    /// The lower-case form of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        &self.words[i].lower
    }

    /// The lower-case form of token `i`, if there is one.
    pub fn lower_at(&self, i: usize) -> Option<&str> {
        self.words.get(i).map(|w| w.lower.as_str())
    }

    /// The morphological root of token `i` (its lower-case form if it has none).
    pub fn root(&self, i: usize) -> &str {
        &self.words[i].root
    }

    pub fn voice(&self, i: usize) -> Voice {
        self.words[i].voice
    }

    /// Whether token `i` carries a verbal prefix.
    pub fn verbal(&self, i: usize) -> bool {
        self.words[i].verbal
    }

    /// Whether token `i` exists and is an active verb form ("mendukung"),
    /// one that needs a subject before it.
    pub fn active_verb(&self, i: usize) -> bool {
        i < self.tokens.len() && self.words[i].verbal && self.words[i].voice == Voice::Active
    }

    /// The phrase-layer class of token `i`'s form.
    pub fn class(&self, i: usize) -> crate::phrases::Class {
        self.words[i].class
    }

    /// Whether token `i` attributes a report to a source.
    pub fn attribution(&self, i: usize) -> bool {
        self.words[i].attribution
    }

    /// Whether a cue pattern may skip token `i` between its words.
    pub fn agent_noun(&self, i: usize) -> bool {
        self.words[i].agent_noun
    }

    pub fn intensifier(&self, i: usize) -> bool {
        self.words[i].intensifier
    }

    /// Whether some cue can start at token `i` (see [`WordInfo`]).
    pub fn starts_cue(&self, i: usize) -> bool {
        self.words[i].starts_cue
    }

    /// Whether a lexicon name can begin at token `i`.
    pub fn starts_name(&self, i: usize) -> bool {
        self.words[i].starts_name
    }

    /// Whether token `i` can open a back reference (see [`WordInfo`]).
    pub fn may_refer(&self, i: usize) -> bool {
        self.words[i].may_refer
    }

    /// The date expressions of sentence `k`, resolved against `reference`
    /// (the same reference for the whole document).
    pub fn date_mentions(
        &self,
        k: usize,
        calendar: &Calendar,
        reference: Option<NaiveDate>,
    ) -> Rc<Vec<DateMention>> {
        let mut dates = self.dates.borrow_mut();
        if let Some(found) = &dates[k] {
            return Rc::clone(found);
        }
        let s = self.sentences[k];
        let found = Rc::new(calendar.mentions(&self.text[s.start_byte..s.end_byte], reference));
        dates[k] = Some(Rc::clone(&found));
        found
    }

    pub fn text_of(&self, i: usize) -> &str {
        self.tokens[i].text(&self.text)
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.tokens[i].kind
    }

    /// The text from token `from` to the end of token `to - 1`.
    pub fn span_text(&self, from: usize, to: usize) -> &str {
        if to <= from {
            return "";
        }
        &self.text[self.tokens[from].start..self.tokens[to - 1].end]
    }

    /// Character (code point) offset of byte offset `byte`: counted from
    /// the nearest checkpoint before it, not from the start of the text.
    pub fn char_offset(&self, byte: usize) -> usize {
        let checkpoints = self.char_checkpoints.get_or_init(|| {
            let mut out = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            for (offset, _) in self.text.char_indices() {
                if offset >= at + CHECKPOINT_BYTES {
                    out.push((offset, chars));
                    at = offset;
                }
                chars += 1;
            }
            out
        });
        let k = checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (from, chars) = checkpoints[k];
        chars + self.text[from..byte].chars().count()
    }
}

/// The date events default to: the publication date, or the best stand-in
/// for it the text offers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reference {
    pub date: NaiveDate,
}

/// Who published the document, normalised to lower case so that
/// "REPUBLIKA.CO.ID" and "republika.co.id" count as one outlet.
fn outlet(doc: &Document, dateline: Option<&warta_clean::Dateline>) -> Option<String> {
    let declared = doc
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let printed = dateline.and_then(|d| d.outlet.as_deref());
    let host = doc.url.as_deref().and_then(url_host);
    declared
        .or(printed)
        .or(host)
        .map(|s| s.trim_start_matches("www.").to_lowercase())
}

/// A headline act told again in the body is the body's act: it only lends
/// the body's mention a recipient the body left out. The rest follow the
/// body's acts, so that a merge keeps the body's provenance.
fn fold_headline(candidates: Vec<Candidate>) -> Vec<Candidate> {
    use crate::events::countries;
    let (headline, mut body): (Vec<Candidate>, Vec<Candidate>) =
        candidates.into_iter().partition(|c| c.sentence == 0);
    for h in headline {
        let told = body.iter_mut().find(|b| {
            b.event_type == h.event_type
                && countries(&b.actor) == countries(&h.actor)
                && (b.recipient.is_empty()
                    || h.recipient.is_empty()
                    || countries(&b.recipient) == countries(&h.recipient))
        });
        match told {
            Some(b) if b.recipient.is_empty() => b.recipient = h.recipient,
            Some(_) => {}
            None => body.push(h),
        }
    }
    body
}

/// A document whose coding ran out of its budget or was cancelled: no
/// records, and why.
fn stopped(mut out: CodedDocument, reason: &str, text: String) -> CodedDocument {
    out.skipped = Some(Skipped {
        reason: reason.into(),
        stopped: true,
    });
    out.text = text;
    out
}

/// "https://www.antaranews.com/berita/1" → "www.antaranews.com".
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (host.contains('.')).then_some(host)
}

impl Coder {
    /// Codes one document, and turns a panic in a rule into an error with
    /// its message: a bug must cost one document, not a batch or a server.
    pub fn code_guarded(&self, doc: &Document) -> Result<CodedDocument, String> {
        self.code_guarded_within(doc, &crate::Budget::unlimited())
    }

    /// `code_guarded` within a time budget: a document that runs out of it
    /// comes back skipped, with no records, and says why.
    pub fn code_guarded_within(
        &self,
        doc: &Document,
        budget: &crate::Budget,
    ) -> Result<CodedDocument, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.code_within(doc, budget)
        }))
        .map_err(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default()
        })
    }

    /// Codes one document.
    pub fn code(&self, doc: &Document) -> CodedDocument {
        self.code_within(doc, &crate::Budget::unlimited())
    }

    /// Codes one document within a time budget (see `code_guarded_within`).
    pub fn code_within(&self, doc: &Document, budget: &crate::Budget) -> CodedDocument {
        let cleaned = clean(&doc.text, doc.title.as_deref(), &self.clean_rules);
        let mut out = CodedDocument {
            doc_id: doc.doc_id.clone(),
            language: None,
            publication_date: None,
            title: doc.title.clone().or_else(|| cleaned.title.clone()),
            source: outlet(doc, cleaned.dateline.as_ref()),
            url: doc.url.clone(),
            text: cleaned.text.clone(),
            records: Vec::new(),
            skipped: None,
            sentences: 0,
        };
        let declared = doc.language.as_deref().and_then(crate::lang::declared);
        let language = match declared {
            Some(code) => code,
            None => match self.language.detect(&cleaned.text) {
                LanguageGuess::Known(code) => code,
                LanguageGuess::Unknown => {
                    out.skipped = Some(Skipped {
                        reason: "language not recognised (Warta reads Indonesian and English)"
                            .into(),
                        stopped: false,
                    });
                    return out;
                }
            },
        };
        out.language = Some(language.to_string());
        let Some(pack) = crate::lang::pack_for(language) else {
            out.skipped = Some(Skipped {
                reason: format!(
                    "no language pack for {} yet ({language})",
                    crate::lang::language_name(language)
                ),
                stopped: false,
            });
            return out;
        };
        // The pack's coder: the world compiled with its words and cues.
        let Some(coder) = self.for_language(pack.code()) else {
            out.skipped = Some(Skipped {
                reason: format!(
                    "the lexicon has no {} pack ({})",
                    crate::lang::language_name(pack.code()),
                    pack.code()
                ),
                stopped: false,
            });
            return out;
        };
        coder.code_analysed(doc, pack, cleaned.text, out, budget)
    }

    /// Codes a cleaned document with its language's pack: this coder is
    /// that pack's.
    fn code_analysed(
        &self,
        doc: &Document,
        pack: &dyn crate::lang::LanguagePack,
        text: String,
        mut out: CodedDocument,
        budget: &crate::Budget,
    ) -> CodedDocument {
        let analysed = pack.analyse(self, text);
        out.sentences = analysed.sentences.len();
        let sports = analysed.words.iter().filter(|w| w.sports).count();
        if is_sports_share(sports, analysed.words.len()) {
            out.skipped = Some(Skipped {
                reason: "a sports report, not political news".into(),
                stopped: false,
            });
            out.text = analysed.text;
            return out;
        }
        let reference = self.reference_date(doc, &analysed);
        out.publication_date = reference.map(|r| r.date.format("%Y-%m-%d").to_string());
        let date_text = reference.map(|r| r.date.format("%Y-%m-%d").to_string());
        // The headline, when the text opens with it, is coded like a
        // sentence, in headline style.
        let headline = out.title.as_deref().is_some_and(|title| {
            analysed.sentences.first().is_some_and(|s| {
                let first = analysed.text[s.start_byte..s.end_byte].split_whitespace();
                first.eq(title.split_whitespace())
            })
        });
        let acts = pack.acts(self, &analysed, headline, date_text.as_deref(), budget);
        let mut candidates = match acts {
            Ok(candidates) => candidates,
            Err(reason) => return stopped(out, reason, analysed.text),
        };
        crate::story::complete_opponents(&mut candidates);
        candidates.retain(|c| !c.aim_only);
        // A headline act merges into the body's telling of it, which keeps
        // its provenance: the body comes first.
        if headline {
            candidates = fold_headline(candidates);
        }
        // The document's language (Malay stays Malay under the Indonesian pack).
        let language = out
            .language
            .clone()
            .unwrap_or_else(|| pack.code().to_string());
        out.records = self.records(&analysed, doc, pack, &language, candidates, reference);
        out.text = analysed.text;
        out
    }

    /// Whether these (lower-case) words are a sports report's.
    /// Whether a text is a sports report, which Warta does not code.
    pub fn is_sports(&self, text: &str) -> bool {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let sports = words
            .iter()
            .filter(|w| self.sets.sports.contains(*w))
            .count();
        is_sports_share(sports, words.len())
    }

    /// Where a piece of an overlong sentence that starts at token `from`
    /// ends: after the last ";" or ":" in the window, else the last ",",
    /// else before the last clause opener or coordinator, else at the
    /// window's end.
    fn piece_end(&self, text: &str, tokens: &[Token], from: usize) -> usize {
        let limit = (from + MAX_SENTENCE_TOKENS).min(tokens.len());
        if limit == tokens.len() {
            return limit;
        }
        let window = from + MIN_PIECE_TOKENS..limit;
        let after = |marks: &[&str]| {
            window
                .clone()
                .rev()
                .find(|&i| marks.contains(&tokens[i].text(text)))
                .map(|i| i + 1)
        };
        after(&[";", ":"])
            .or_else(|| after(&[","]))
            .or_else(|| {
                window.clone().rev().find(|&i| {
                    let lower = tokens[i].text(text).to_lowercase();
                    self.sets.clause_breakers.contains(&lower)
                        || self.sets.coordinators.contains(&lower)
                })
            })
            .unwrap_or(limit)
    }

    /// Sentences, tokens, lower-case forms and morphological analyses, by
    /// Indonesian morphology.
    pub(crate) fn analyse(&self, text: String) -> Analysed {
        self.analyse_with(text, &|lower: &str| {
            let analysis = self.stemmer.analyse(lower);
            // Loan nouns carry no affix to show they are nouns.
            let voice = if self.sets.nominal_words.contains(lower) {
                Voice::Nominal
            } else {
                analysis.voice()
            };
            let verbal = matches!(
                analysis.prefixes.first().copied(),
                Some("meN" | "ber" | "di" | "ter" | "memper")
            );
            let agent_noun = lower.starts_with("pe")
                && !lower.ends_with("an")
                && !lower.ends_with("annya")
                && analysis.root != lower;
            Morph {
                root: analysis.root,
                voice,
                verbal,
                agent_noun,
            }
        })
    }

    /// Sentences, tokens, lower-case forms and each word's analysis by a
    /// language's morphology (`morphology` gets a lower-case word).
    pub(crate) fn analyse_with(
        &self,
        text: String,
        morphology: &dyn Fn(&str) -> Morph,
    ) -> Analysed {
        let spans = split_sentences(&text, &self.abbreviations);
        let mut tokens = Vec::with_capacity(text.len() / 6);
        let mut sentences = Vec::with_capacity(spans.len());
        for span in spans {
            let first = tokens.len();
            tokenize_into(&text[span.start..span.end], span.start, &mut tokens);
            if !self.pack.words.clitics.is_empty() {
                split_clitics(&text, &mut tokens, first, &self.pack.words.clitics);
            }
            if tokens.len() - first > MAX_SENTENCE_TOKENS {
                // Text without sentence breaks: pieces of bounded length,
                // so that the work per sentence stays bounded too.
                let mut from = first;
                while from < tokens.len() {
                    let to = self.piece_end(&text, &tokens, from);
                    sentences.push(Sentence {
                        first: from,
                        end: to,
                        start_byte: tokens[from].start,
                        end_byte: tokens[to - 1].end,
                    });
                    from = to;
                }
            } else if tokens.len() > first {
                sentences.push(Sentence {
                    first,
                    end: tokens.len(),
                    start_byte: span.start,
                    end_byte: span.end,
                });
            }
        }
        let words = WORD_CACHE.with(|caches| {
            let mut caches = caches.borrow_mut();
            if caches.len() <= self.slot {
                caches.resize_with(self.slot + 1, HashMap::default);
            }
            let cache = &mut caches[self.slot];
            if cache.len() > WORD_CACHE_LIMIT {
                cache.clear();
            }
            tokens
                .iter()
                .map(|t| {
                    let surface = t.text(&text);
                    if let Some(info) = cache.get(surface) {
                        return Rc::clone(info);
                    }
                    let lower = surface.to_lowercase();
                    let Morph {
                        root,
                        voice,
                        verbal,
                        agent_noun,
                    } = if t.kind == TokenKind::Word {
                        morphology(&lower)
                    } else {
                        Morph {
                            root: lower.clone(),
                            voice: Voice::Active,
                            verbal: false,
                            agent_noun: false,
                        }
                    };
                    let may_refer = self.sets.pronoun_starts.contains(&lower)
                        || self.sets.first_person.contains(&lower)
                        || self.sets.counterpart.contains(&lower);
                    let sports = self.sets.sports.contains(&lower);
                    let starts_cue = self.cues_by_root.contains_key(&root)
                        || self.cues_by_form.contains_key(&lower);
                    let starts_name = self.names.contains_key(&lower);
                    let class = self.word_class(t.kind, surface, &lower, voice, verbal);
                    let attribution = self.sets.attributions.contains(&lower);
                    let intensifier = self.sets.intensifiers.contains(&lower);
                    let info = Rc::new(WordInfo {
                        lower,
                        root,
                        voice,
                        may_refer,
                        sports,
                        starts_cue,
                        starts_name,
                        verbal,
                        class,
                        attribution,
                        intensifier,
                        agent_noun,
                    });
                    cache.insert(surface.into(), Rc::clone(&info));
                    info
                })
                .collect()
        });
        let dates = RefCell::new(vec![None; sentences.len()]);
        Analysed {
            text,
            tokens,
            words,
            sentences,
            dates,
            char_checkpoints: std::cell::OnceCell::new(),
        }
    }

    /// The publication date: from the metadata, else a date line before the
    /// report, else the first full date in the text, else a day and month
    /// with the year in which the people the story names held their offices.
    fn reference_date(&self, doc: &Document, analysed: &Analysed) -> Option<Reference> {
        if let Some(date) = doc
            .date
            .as_deref()
            .and_then(|d| self.calendar.first_full_date(d))
        {
            return Some(Reference { date: date.2 });
        }
        for s in analysed.sentences.iter().take(6) {
            let line = &analysed.text[s.start_byte..s.end_byte];
            if line.split_whitespace().count() <= 8 {
                if let Some((_, _, date)) = self.calendar.first_full_date(line) {
                    return Some(Reference { date });
                }
            }
        }
        if let Some((_, _, date)) = self.calendar.first_full_date(&analysed.text) {
            return Some(Reference { date });
        }
        let day_month = self
            .calendar
            .day_months(&analysed.text)
            .into_iter()
            .next()?;
        let year = self.infer_year(analysed, day_month.day, day_month.month)?;
        NaiveDate::from_ymd_opt(year, day_month.month, day_month.day).map(|date| Reference { date })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: Option<&str>, url: Option<&str>) -> Document {
        Document {
            doc_id: "d".into(),
            text: String::new(),
            title: None,
            date: None,
            source: source.map(String::from),
            url: url.map(String::from),
            language: None,
        }
    }

    #[test]
    fn url_hosts() {
        assert_eq!(
            url_host("https://www.antaranews.com/berita/1"),
            Some("www.antaranews.com")
        );
        assert_eq!(
            url_host("http://user@kompas.id:8080/x?y"),
            Some("kompas.id")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn outlet_prefers_metadata_then_dateline_then_url() {
        let dateline = warta_clean::Dateline {
            place: Some("MOSKOW".into()),
            outlet: Some("Arrahmah.id".into()),
        };
        let url = Some("https://www.tempo.co/a");
        assert_eq!(
            outlet(&doc(Some("Kompas"), url), Some(&dateline)).as_deref(),
            Some("kompas")
        );
        assert_eq!(
            outlet(&doc(None, url), Some(&dateline)).as_deref(),
            Some("arrahmah.id")
        );
        assert_eq!(outlet(&doc(None, url), None).as_deref(), Some("tempo.co"));
        assert_eq!(outlet(&doc(Some("  "), None), None), None);
    }
}
