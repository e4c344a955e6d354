//! Date expressions in Indonesian (and English) news: publication-date lines
//! in the shapes outlets print, and in-text dates, explicit ("Selasa
//! (16/4/2024)", "7 Oktober 2023", "pada 1 April lalu") or relative
//! ("kemarin", "Sabtu lalu", "pekan lalu"), resolved against a reference
//! date.

use rustc_hash::FxHashMap as HashMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// The date printed to this precision: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn format(self, date: NaiveDate) -> String {
        match self {
            Precision::Day => date.format("%Y-%m-%d").to_string(),
            Precision::Month => date.format("%Y-%m").to_string(),
            Precision::Year => date.format("%Y").to_string(),
        }
    }
}

/// A date found in text: the byte range it spans and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
    pub precision: Precision,
    /// Resolved from a weekday or a relative word rather than written out.
    pub relative: bool,
}

/// A day and month written without a year ("17 April", "(16/4)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    pub start: usize,
    pub end: usize,
    pub day: u32,
    pub month: u32,
}

/// Month and weekday names, from the lexicon's `words.months` and `weekdays`.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    months: HashMap<String, u32>,
    weekdays: HashMap<String, Weekday>,
    /// Nouns that take a date as a name ("Universitas 17 Agustus 1945",
    /// "Jalan 10 November"), lower case.
    name_heads: rustc_hash::FxHashSet<String>,
    /// Words of time after which a bare year is a date ("pada 2013",
    /// "sejak 2015"), lower case.
    year_openers: rustc_hash::FxHashSet<String>,
    /// Relative expressions given as data ("yesterday", "last week"):
    /// lower-case words, the unit and how many units from the reference.
    relative: Vec<(Vec<String>, RelativeUnit, i64)>,
    /// Words before a weekday that put it strictly before the reference
    /// ("last Tuesday").
    past_openers: rustc_hash::FxHashSet<String>,
    /// Dates are written month first ("October 26", "Oct. 26, 2024").
    month_first: bool,
}

/// The unit of a relative date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeUnit {
    /// So many days from the reference ("yesterday": -1); day precision.
    Day,
    /// The week before ("last week"): a week back, month precision.
    Week,
    /// The month before ("last month"), month precision.
    Month,
    /// The year before ("last year"), year precision.
    Year,
}

impl RelativeUnit {
    /// The unit named in a lexicon (`day`, `week`, `month`, `year`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "day" => Some(RelativeUnit::Day),
            "week" => Some(RelativeUnit::Week),
            "month" => Some(RelativeUnit::Month),
            "year" => Some(RelativeUnit::Year),
            _ => None,
        }
    }
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A word of the text with its byte range, lower-cased.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Borrowed when the word has no capital (most words): no allocation.
    lower: std::borrow::Cow<'a, str>,
}

impl Calendar {
    /// `months`: (names, month number); `weekdays`: seven names, Monday first.
    pub fn new(months: impl IntoIterator<Item = (Vec<String>, u32)>, weekdays: &[String]) -> Self {
        let mut calendar = Calendar::default();
        for (names, month) in months {
            for name in names {
                calendar.months.insert(name.to_lowercase(), month);
            }
        }
        for (name, day) in weekdays.iter().zip(WEEKDAYS) {
            calendar.weekdays.insert(name.to_lowercase(), day);
        }
        calendar.weekdays.insert("jum'at".into(), Weekday::Fri);
        calendar
    }

    /// The nouns a date after which is a name, not a date.
    pub fn with_name_heads(mut self, heads: &[String]) -> Self {
        self.name_heads = heads.iter().map(|h| h.to_lowercase()).collect();
        self
    }

    /// The words of time after which a bare year is a date.
    pub fn with_year_openers(mut self, openers: &[String]) -> Self {
        self.year_openers = openers.iter().map(|h| h.to_lowercase()).collect();
        self
    }

    /// Relative expressions ("yesterday", "last week") with their unit and
    /// offset from the reference.
    pub fn with_relative(
        mut self,
        phrases: impl IntoIterator<Item = (String, RelativeUnit, i64)>,
    ) -> Self {
        self.relative = phrases
            .into_iter()
            .map(|(phrase, unit, offset)| {
                (
                    phrase.split_whitespace().map(str::to_lowercase).collect(),
                    unit,
                    offset,
                )
            })
            .filter(|(words, _, _): &(Vec<String>, _, _)| !words.is_empty())
            .collect();
        self
    }

    /// Words before a weekday that put it strictly before the reference.
    pub fn with_past_openers(mut self, openers: &[String]) -> Self {
        self.past_openers = openers.iter().map(|h| h.to_lowercase()).collect();
        self
    }

    /// Whether dates are written month first ("October 26").
    pub fn with_month_first(mut self, month_first: bool) -> Self {
        self.month_first = month_first;
        self
    }

    pub fn month(&self, word: &str) -> Option<u32> {
        self.months.get(&word.to_lowercase()).copied()
    }

    pub fn weekday(&self, word: &str) -> Option<Weekday> {
        self.weekdays.get(&word.to_lowercase()).copied()
    }

    /// `month` for a word already in lower case.
    fn month_lower(&self, lower: &str) -> Option<u32> {
        self.months.get(lower).copied()
    }

    fn weekday_lower(&self, lower: &str) -> Option<Weekday> {
        self.weekdays.get(lower).copied()
    }

    /// The first full date (day, month and year) in a line, such as a
    /// publication line: "Rabu 23 Oct 2024 17:11 WIB", "Kompas.com-
    /// 18/06/2025, 21:04", "2024-04-16T09:00:00Z", "April 16, 2024".
    pub fn first_full_date(&self, text: &str) -> Option<(usize, usize, NaiveDate)> {
        let words = words(text);
        (0..words.len()).find_map(|i| {
            self.full_date_at(&words, i)
                .map(|(end, date)| (words[i].start, words[end - 1].end, date))
        })
    }

    /// Every day-and-month without a year in `text` ("17 April").
    pub fn day_months(&self, text: &str) -> Vec<DayMonth> {
        let words = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if self.full_date_at(&words, i).is_some() {
                i += 3;
                continue;
            }
            if let (Some(day), Some(month)) = (
                day_number(&words[i].lower),
                words.get(i + 1).and_then(|w| self.month_lower(&w.lower)),
            ) {
                out.push(DayMonth {
                    start: words[i].start,
                    end: words[i + 1].end,
                    day,
                    month,
                });
            } else if let Some((day, month)) = slash_day_month(words[i].text) {
                out.push(DayMonth {
                    start: words[i].start,
                    end: words[i].end,
                    day,
                    month,
                });
            }
            i += 1;
        }
        out
    }

    /// A full date starting at word `i`: returns the index after it.
    fn full_date_at(&self, words: &[Word], i: usize) -> Option<(usize, NaiveDate)> {
        let w = &words[i];
        if let Some(date) = iso_date(w.text).or_else(|| slash_date(w.text)) {
            return Some((i + 1, date));
        }
        let next = |k: usize| words.get(i + k).map(|x| x.lower.as_ref());
        // The cheap number checks first: a month name is looked up only
        // beside a day number, not for every word.
        if let Some(day) = day_number(&w.lower) {
            if let (Some(month), Some(year)) = (
                next(1).and_then(|m| self.month_lower(m)),
                next(2).and_then(year_number),
            ) {
                return NaiveDate::from_ymd_opt(year, month, day).map(|d| (i + 3, d));
            }
        }
        if let Some(day) = next(1).and_then(day_number) {
            if let (Some(month), Some(year)) =
                (self.month_lower(&w.lower), next(2).and_then(year_number))
            {
                return NaiveDate::from_ymd_opt(year, month, day).map(|d| (i + 3, d));
            }
        }
        None
    }

    /// Date expressions in one sentence, resolved against `reference` (the
    /// publication date, or the date of the statement that contains them).
    pub fn mentions(&self, text: &str, reference: Option<NaiveDate>) -> Vec<DateMention> {
        let words = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((end, date)) = self.full_date_at(&words, i) {
                // "Universitas 17 Agustus 1945", "Jalan 10 November": a
                // date that goes on a capitalised word is part of a name.
                if self.names_it(text, &words, i) {
                    i = end;
                    continue;
                }
                out.push(DateMention {
                    start: words[i].start,
                    end: words[end - 1].end,
                    date,
                    precision: Precision::Day,
                    relative: false,
                });
                i = end;
                continue;
            }
            if let Some(reference) = reference {
                if let Some((end, mention)) = self.partial_or_relative_at(&words, i, reference) {
                    if self.names_it(text, &words, i) && !mention.relative {
                        i = end;
                        continue;
                    }
                    out.push(mention);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    /// Whether the date at word `i` is the tail of a name: right after a
    /// capitalised naming noun ("Universitas", "Jalan"), with nothing but a
    /// space between. ("The Times of Israel 17 April" dates a report.)
    fn names_it(&self, text: &str, words: &[Word], i: usize) -> bool {
        if i == 0 || !words[i].text.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let before = &words[i - 1];
        before.text.starts_with(char::is_uppercase)
            && self.name_heads.contains(before.lower.as_ref())
            && text[before.end..words[i].start].chars().all(|c| c == ' ')
    }

    fn partial_or_relative_at(
        &self,
        words: &[Word],
        i: usize,
        reference: NaiveDate,
    ) -> Option<(usize, DateMention)> {
        let w = &words[i];
        let next = |k: usize| words.get(i + k).map(|x| x.lower.as_ref());
        let mention = |end: usize, date: NaiveDate, precision: Precision, relative: bool| {
            Some((
                end,
                DateMention {
                    start: w.start,
                    end: words[end - 1].end,
                    date,
                    precision,
                    relative,
                },
            ))
        };
        // "1 April (lalu)": the latest such day on or before the reference.
        if let (Some(day), Some(month)) = (
            day_number(&w.lower),
            next(1).and_then(|m| self.month_lower(m)),
        ) {
            let date = latest_day_month(reference, day, month)?;
            let end = if next(2) == Some("lalu") {
                i + 3
            } else {
                i + 2
            };
            return mention(end, date, Precision::Day, false);
        }
        // "October 26", "Oct. 26": month first, where the language writes so.
        if self.month_first {
            if let (Some(month), Some(day)) =
                (self.month_lower(&w.lower), next(1).and_then(day_number))
            {
                if w.text.starts_with(char::is_uppercase) {
                    let date = latest_day_month(reference, day, month)?;
                    return mention(i + 2, date, Precision::Day, false);
                }
            }
        }
        // "last Tuesday": strictly before the reference.
        if self.past_openers.contains(w.lower.as_ref()) {
            if let Some(weekday) = next(1).and_then(|n| self.weekday_lower(n)) {
                let date = latest_weekday(reference, weekday, true);
                return mention(i + 2, date, Precision::Day, true);
            }
        }
        // Relative expressions given as data ("yesterday", "last week").
        for (phrase, unit, offset) in &self.relative {
            let here = phrase
                .iter()
                .enumerate()
                .all(|(k, p)| next(k).is_some_and(|x| x == p));
            if !here {
                continue;
            }
            let end = i + phrase.len();
            return match unit {
                RelativeUnit::Day => {
                    let date = if *offset < 0 {
                        reference - Days::new(offset.unsigned_abs())
                    } else {
                        reference + Days::new(offset.unsigned_abs())
                    };
                    mention(end, date, Precision::Day, true)
                }
                RelativeUnit::Week => {
                    mention(end, reference - Days::new(7), Precision::Month, true)
                }
                RelativeUnit::Month => {
                    let date = reference.with_day(1)? - Days::new(1);
                    mention(end, date, Precision::Month, true)
                }
                RelativeUnit::Year => mention(
                    end,
                    reference.with_year(reference.year() - 1)?,
                    Precision::Year,
                    true,
                ),
            };
        }
        // "(16/4)": day/month.
        if let Some((day, month)) = slash_day_month(w.text) {
            let date = latest_day_month(reference, day, month)?;
            return mention(i + 1, date, Precision::Day, false);
        }
        // "April 2024", "Oktober lalu".
        if let Some(month) = self.month_lower(&w.lower) {
            if w.text.chars().next().is_some_and(char::is_uppercase) {
                if let Some(year) = next(1).and_then(year_number) {
                    return mention(
                        i + 2,
                        NaiveDate::from_ymd_opt(year, month, 1)?,
                        Precision::Month,
                        false,
                    );
                }
                if next(1) == Some("lalu") {
                    let mut year = reference.year();
                    if month >= reference.month() {
                        year -= 1;
                    }
                    return mention(
                        i + 2,
                        NaiveDate::from_ymd_opt(year, month, 1)?,
                        Precision::Month,
                        true,
                    );
                }
            }
        }
        // Weekdays: "Selasa", "Sabtu lalu", "Sabtu sebelumnya".
        if let Some(weekday) = self.weekday_lower(&w.lower) {
            // "Minggu" is also "week": "minggu lalu" in lower case is a week.
            if w.lower == "minggu" && !w.text.starts_with('M') {
                return None;
            }
            // "Senin (27/3)": the written date that follows wins, unless it
            // is no such weekday and lies months back ("Jumat (5/3)" in a
            // June report mistypes "(2/6)"): then the weekday does.
            if let Some(n) = words.get(i + 1) {
                let written = slash_day_month(n.text)
                    .and_then(|(d, m)| latest_day_month(reference, d, m))
                    .or_else(|| slash_date(n.text));
                if let Some(written) = written {
                    let mistyped = written.weekday() != weekday
                        && written + Days::new(MISTYPED_DATE_DAYS) < reference;
                    if !mistyped {
                        return None;
                    }
                    return mention(
                        i + 2,
                        latest_weekday(reference, weekday, false),
                        Precision::Day,
                        true,
                    );
                }
            }
            // "Jumat pekan lalu": that weekday in the week before the
            // reference's (weeks run Monday to Sunday).
            if matches!(next(1), Some("pekan" | "minggu")) && next(2) == Some("lalu") {
                let monday = reference
                    - Days::new(u64::from(reference.weekday().num_days_from_monday()) + 7);
                let date = monday + Days::new(u64::from(weekday.num_days_from_monday()));
                return mention(i + 3, date, Precision::Day, true);
            }
            let strictly_before =
                matches!(next(1), Some("lalu") | Some("sebelumnya") | Some("kemarin"));
            let date = latest_weekday(reference, weekday, strictly_before);
            let end = if strictly_before { i + 2 } else { i + 1 };
            return mention(end, date, Precision::Day, true);
        }
        match (w.lower.as_ref(), next(1)) {
            ("kemarin", Some("lusa")) => {
                mention(i + 2, reference - Days::new(2), Precision::Day, true)
            }
            ("kemarin", _) => mention(i + 1, reference - Days::new(1), Precision::Day, true),
            ("hari", Some("ini")) => mention(i + 2, reference, Precision::Day, true),
            ("pekan" | "minggu", Some("lalu")) => {
                mention(i + 2, reference - Days::new(7), Precision::Month, true)
            }
            ("bulan", Some("lalu")) => {
                let date = reference.with_day(1)? - Days::new(1);
                mention(i + 2, date, Precision::Month, true)
            }
            ("tahun", Some("lalu")) => mention(
                i + 2,
                reference.with_year(reference.year() - 1)?,
                Precision::Year,
                true,
            ),
            // "pada 2013 (lalu)", "sejak 2015", "awal 2016": a bare year
            // is a date only after a word of time, else it may be a count.
            (opener, Some(y)) if self.year_openers.contains(opener) && year_number(y).is_some() => {
                let year = year_number(y)?;
                let end = if next(2) == Some("lalu") {
                    i + 3
                } else {
                    i + 2
                };
                Some((
                    end,
                    DateMention {
                        start: words[i + 1].start,
                        end: words[end - 1].end,
                        date: NaiveDate::from_ymd_opt(year, 1, 1)?,
                        precision: Precision::Year,
                        relative: false,
                    },
                ))
            }
            ("tahun", Some(y)) => {
                let year = year_number(y)?;
                mention(
                    i + 2,
                    NaiveDate::from_ymd_opt(year, 1, 1)?,
                    Precision::Year,
                    false,
                )
            }
            _ => None,
        }
    }
}

/// How far back a written date that contradicts its weekday may lie and
/// still be believed over it.
const MISTYPED_DATE_DAYS: u64 = 31;

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part_of_word = c.is_alphanumeric() || matches!(c, '/' | '-' | '\'' | ':' | '.' | ',');
        match (part_of_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(text, s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), &mut out);
    }
    out
}

fn push_word<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Word<'a>>) {
    // Trailing punctuation is not part of the word: "2024," -> "2024".
    let piece = text[start..end].trim_end_matches(['.', ',', ':', '-', '\'']);
    let piece = piece.trim_start_matches(['-', '\'', ',', '.']);
    if piece.is_empty() {
        return;
    }
    // `piece` is a slice of `text`: its offset is where it starts in memory.
    let offset = piece.as_ptr() as usize - text.as_ptr() as usize;
    let lower = if !piece.is_ascii() || piece.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(piece.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(piece)
    };
    out.push(Word {
        start: offset,
        end: offset + piece.len(),
        text: piece,
        lower,
    });
}

fn day_number(text: &str) -> Option<u32> {
    let day: u32 = text.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    (1900..=2100).contains(&year).then_some(year)
}

/// "2024-04-16", also at the start of "2024-04-16T09:00:00Z".
fn iso_date(text: &str) -> Option<NaiveDate> {
    let head = text.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        head[..4].parse().ok()?,
        head[5..7].parse().ok()?,
        head[8..10].parse().ok()?,
    )
}

/// "16/4/2024", "18/06/2025", "16-4-2024", "16.04.2024".
fn slash_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let day = day_number(parts[0])?;
    let month: u32 = parts[1].parse().ok()?;
    let year: i32 = match parts[2].len() {
        4 => year_number(parts[2])?,
        2 => 2000 + parts[2].parse::<i32>().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "16/4": day and month.
fn slash_day_month(text: &str) -> Option<(u32, u32)> {
    let (day, month) = text.split_once('/')?;
    if month.contains('/') {
        return None;
    }
    let day = day_number(day)?;
    let month: u32 = month.parse().ok()?;
    (1..=12).contains(&month).then_some((day, month))
}

/// The latest date with this day and month on or before `reference`.
pub fn latest_day_month(reference: NaiveDate, day: u32, month: u32) -> Option<NaiveDate> {
    let this_year = NaiveDate::from_ymd_opt(reference.year(), month, day);
    match this_year {
        Some(d) if d <= reference => Some(d),
        _ => NaiveDate::from_ymd_opt(reference.year() - 1, month, day),
    }
}

/// The latest `weekday` on or before `reference` (strictly before when asked).
pub fn latest_weekday(reference: NaiveDate, weekday: Weekday, strictly_before: bool) -> NaiveDate {
    let today = reference.weekday().num_days_from_monday();
    let target = weekday.num_days_from_monday();
    let mut back = (7 + today - target) % 7;
    if back == 0 && strictly_before {
        back = 7;
    }
    reference - Days::new(u64::from(back))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> Calendar {
        let months = [
            (vec!["januari", "jan"], 1),
            (vec!["april", "apr"], 4),
            (vec!["juni", "jun"], 6),
            (vec!["agustus", "aug"], 8),
            (vec!["oktober", "oct"], 10),
        ];
        let weekdays: Vec<String> = [
            "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Calendar::new(
            months
                .into_iter()
                .map(|(n, m)| (n.into_iter().map(String::from).collect(), m)),
            &weekdays,
        )
        .with_name_heads(&["universitas".to_string(), "jalan".to_string()])
        .with_year_openers(&["pada", "sejak", "hingga"].map(String::from))
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn publication_lines() {
        let c = calendar();
        let date = |s: &str| c.first_full_date(s).map(|x| x.2);
        assert_eq!(date("Rabu 23 Oct 2024 17:11 WIB"), Some(ymd(2024, 10, 23)));
        assert_eq!(date("Zuratul 17 Oct 2023, 14:44"), Some(ymd(2023, 10, 17)));
        assert_eq!(
            date("Diperbarui 18 Jun 2025, 17:07"),
            Some(ymd(2025, 6, 18))
        );
        assert_eq!(
            date("Kompas.com- 18/06/2025, 21:04"),
            Some(ymd(2025, 6, 18))
        );
        assert_eq!(date("Selasa (16/4/2024)"), Some(ymd(2024, 4, 16)));
        assert_eq!(date("2024-04-16T09:00:00Z"), Some(ymd(2024, 4, 16)));
        assert_eq!(date("April 16, 2024"), Some(ymd(2024, 4, 16)));
        assert_eq!(date("tanpa tanggal"), None);
    }

    #[test]
    fn a_date_in_a_name_is_no_date() {
        let c = calendar();
        let reference = ymd(2017, 8, 15);
        let dates = |s: &str| -> Vec<NaiveDate> {
            c.mentions(s, Some(reference))
                .iter()
                .map(|m| m.date)
                .collect()
        };
        assert_eq!(
            dates("sidang terbuka di Universitas 17 Agustus 1945 Surabaya, Sabtu (22/7)."),
            vec![ymd(2017, 7, 22)]
        );
        assert!(dates("berunjuk rasa di Jalan 10 Agustus, Bandung").is_empty());
        assert_eq!(
            dates("melansir The Times of Israel 14 Agustus."),
            vec![ymd(2017, 8, 14)]
        );
        // After a weekday, a comma or at the start, the date is one.
        assert_eq!(
            dates("pada Senin 14 Agustus 2017").last(),
            Some(&ymd(2017, 8, 14))
        );
        assert_eq!(dates("JAKARTA, 14 Agustus 2017"), vec![ymd(2017, 8, 14)]);
        assert_eq!(
            dates("Pada 14 Agustus, Korea Utara"),
            vec![ymd(2017, 8, 14)]
        );
        assert_eq!(
            dates("Menurut laporan 14 Agustus lalu"),
            vec![ymd(2017, 8, 14)]
        );
    }

    #[test]
    fn a_bare_year_is_a_date_only_after_a_word_of_time() {
        let c = calendar();
        let reference = ymd(2017, 8, 23);
        let years = |s: &str| -> Vec<(String, NaiveDate)> {
            c.mentions(s, Some(reference))
                .iter()
                .map(|m| (s[m.start..m.end].to_string(), m.date))
                .collect()
        };
        assert_eq!(
            years("sepakat menghancurkan senjata kimianya pada 2013 lalu"),
            vec![("2013 lalu".to_string(), ymd(2013, 1, 1))]
        );
        assert_eq!(
            years("menyerang pemberontak Houthi sejak 2015, memicu kritik"),
            vec![("2015".to_string(), ymd(2015, 1, 1))]
        );
        assert_eq!(
            years("berlaku hingga 2041"),
            vec![("2041".to_string(), ymd(2041, 1, 1))]
        );
        // A count is no year, nor is a year with no word of time before it.
        assert!(years("menembakkan 2000 peluru").is_empty());
        assert!(years("Visi 2030 diluncurkan").is_empty());
        assert!(years("pada 2.000 orang").is_empty());
    }

    #[test]
    fn relative_dates_resolve_against_the_reference() {
        let c = calendar();
        let reference = ymd(2024, 4, 17); // a Wednesday
        let first = |s: &str| {
            c.mentions(s, Some(reference))
                .first()
                .map(|m| (m.date, m.precision))
        };
        assert_eq!(
            first("Putin menelepon Raisi kemarin"),
            Some((ymd(2024, 4, 16), Precision::Day))
        );
        assert_eq!(
            first("Iran menyerang Sabtu lalu"),
            Some((ymd(2024, 4, 13), Precision::Day))
        );
        assert_eq!(
            first("serangan pada 1 April lalu"),
            Some((ymd(2024, 4, 1), Precision::Day))
        );
        assert_eq!(first("pada Rabu"), Some((ymd(2024, 4, 17), Precision::Day)));
        assert_eq!(
            first("Senin (27/3)"),
            Some((ymd(2024, 3, 27), Precision::Day))
        );
        // A weekday the written date is not, months back: a typo.
        assert_eq!(
            first("pada hari Jumat (6/1)"),
            Some((ymd(2024, 4, 12), Precision::Day))
        );
        assert_eq!(
            first("Jumat (6/1/2024)"),
            Some((ymd(2024, 4, 12), Precision::Day))
        );
        // Months back but the right weekday: believed.
        assert_eq!(
            first("Jumat (5/1)"),
            Some((ymd(2024, 1, 5), Precision::Day))
        );
        assert_eq!(
            first("sejak 7 Oktober 2023"),
            Some((ymd(2023, 10, 7), Precision::Day))
        );
        assert_eq!(
            first("pekan lalu"),
            Some((ymd(2024, 4, 10), Precision::Month))
        );
        assert_eq!(first("minggu depan"), None);
        // The week before the reference's: Wednesday 17 April's week
        // starts on Monday 15 April.
        assert_eq!(
            first("pada Jumat pekan lalu"),
            Some((ymd(2024, 4, 12), Precision::Day))
        );
        assert_eq!(
            first("Minggu pekan lalu"),
            Some((ymd(2024, 4, 14), Precision::Day))
        );
        assert_eq!(
            first("Senin minggu lalu"),
            Some((ymd(2024, 4, 8), Precision::Day))
        );
    }

    #[test]
    fn day_months_without_year() {
        let c = calendar();
        let found = c.day_months("melansir The Times of Israel 17 April.");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].day, found[0].month), (17, 4));
    }

    fn english() -> Calendar {
        let months = [(vec!["october", "oct"], 10), (vec!["august", "aug"], 8)];
        let weekdays: Vec<String> = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Calendar::new(
            months
                .into_iter()
                .map(|(names, m)| (names.into_iter().map(String::from).collect(), m)),
            &weekdays,
        )
        .with_relative([
            ("yesterday".to_string(), RelativeUnit::Day, -1),
            ("last week".to_string(), RelativeUnit::Week, 0),
            ("last year".to_string(), RelativeUnit::Year, 0),
        ])
        .with_past_openers(&["last".to_string()])
        .with_month_first(true)
    }

    #[test]
    fn english_relative_and_month_first_dates() {
        // A Monday.
        let reference = NaiveDate::from_ymd_opt(2024, 10, 28).unwrap();
        let found = |text: &str| {
            english()
                .mentions(text, Some(reference))
                .first()
                .map(|m| (m.date.to_string(), m.precision))
        };
        for (text, date, precision) in [
            (
                "Russia shelled Kyiv yesterday.",
                "2024-10-27",
                Precision::Day,
            ),
            ("talks last week", "2024-10-21", Precision::Month),
            ("last year", "2023-10-28", Precision::Year),
            ("Britain did so last Tuesday.", "2024-10-22", Precision::Day),
            ("on Monday", "2024-10-28", Precision::Day),
            ("on October 26", "2024-10-26", Precision::Day),
            ("Aug. 7, 2008", "2008-08-07", Precision::Day),
        ] {
            assert_eq!(found(text), Some((date.into(), precision)), "{text}");
        }
        // Without the month-first flag, "October 26" is no date (Indonesian
        // writes the day first).
        let dayfirst = english().with_month_first(false);
        assert!(dayfirst
            .mentions("on October 26 people", Some(reference))
            .is_empty());
    }
}
