//! Clean: turn the text of a scraped page into the text of the report. It
//! drops page furniture (menus, "Bagikan:", "Baca Juga", comment forms,
//! captions, spam), repairs words glued where links were stripped
//! ("danIran"), finds the title and the dateline ("MOSKOW (Arrahmah.id) —")
//! and detects the language. The result keeps every sentence of the report,
//! one paragraph per line, so offsets into it are what records cite.

mod dateline;
mod furniture;
mod glue;
mod language;
mod names;

pub use dateline::Dateline;
pub use language::{LanguageDetector, LanguageGuess};

/// The word lists cleaning needs (from the lexicon's `words.toml`).
#[derive(Debug, Clone, Default)]
pub struct CleanRules {
    /// Whole lines that are furniture, lower case.
    furniture_lines: rustc_hash::FxHashSet<String>,
    /// Line prefixes that mark furniture, lower case.
    furniture_prefixes: Vec<String>,
    /// Camel-cased words that are not glued words ("YouTube").
    camel_case_words: Vec<String>,
    /// The longest line and prefix above, measured once (the lists are
    /// private, so it cannot go stale).
    limits: std::sync::OnceLock<furniture::Limits>,
    /// Lower-case one-word names and name parts a stripped link may glue to
    /// the next word, and the words that may follow them.
    glued_names: names::GluedNames,
}

impl CleanRules {
    pub fn new(
        furniture_lines: rustc_hash::FxHashSet<String>,
        furniture_prefixes: Vec<String>,
        camel_case_words: Vec<String>,
    ) -> CleanRules {
        CleanRules {
            furniture_lines,
            furniture_prefixes,
            camel_case_words,
            limits: std::sync::OnceLock::new(),
            glued_names: Default::default(),
        }
    }

    /// Names (lower case, one word each) to cut from a word glued after
    /// them, and the words that may be glued ("Rusiadalam").
    pub fn with_glued_names(
        mut self,
        names: rustc_hash::FxHashSet<String>,
        words: rustc_hash::FxHashSet<String>,
    ) -> CleanRules {
        self.glued_names = names::GluedNames::new(names, words);
        self
    }

    fn limits(&self) -> furniture::Limits {
        *self.limits.get_or_init(|| furniture::Limits::of(self))
    }
}

/// A cleaned document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cleaned {
    /// The report: title (if any) and paragraphs, one per line.
    pub text: String,
    /// The headline, when the page shows one before the report.
    pub title: Option<String>,
    pub dateline: Option<Dateline>,
    /// Lines removed as furniture (kept for debugging and tests).
    pub removed: Vec<String>,
}

/// Cleans `raw` text. `title` is a title known from metadata (HTML, JSON);
/// when the text repeats it as a heading it is recognised as such.
pub fn clean(raw: &str, known_title: Option<&str>, rules: &CleanRules) -> Cleaned {
    let normalised = normalise(raw);
    let deglued = glue::deglue(&normalised, &rules.camel_case_words);
    let deglued = names::split_glued_names(&deglued, &rules.glued_names);
    let mut lines = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    let limits = rules.limits();
    let mut removed = Vec::new();
    for line in deglued.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // A line said twice is page furniture (a repeated teaser or menu).
        if furniture::is_furniture(line, rules, limits) || !seen.insert(line) {
            removed.push(line.to_string());
            continue;
        }
        lines.push(line);
    }
    furniture::drop_trailing_junk(&mut lines, &mut removed);
    let mut title = known_title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let body_start = lines
        .iter()
        .position(|l| furniture::is_body_line(l))
        .or_else(|| {
            lines
                .iter()
                .position(|l| l.ends_with('.') && l.split_whitespace().count() >= 4)
        })
        .unwrap_or(0);
    if title.is_none() {
        title = lines[..body_start]
            .iter()
            .find(|l| furniture::looks_like_headline(l))
            .map(|l| l.to_string());
    }
    let mut dateline = None;
    let mut out = String::with_capacity(deglued.len());
    // A headline known only from metadata (JSON `title`, HTML `<title>`)
    // opens the report too, so that it is coded like the page's own.
    if let Some(known) = title.as_deref().filter(|_| known_title.is_some()) {
        let known = normalise(known)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !known.is_empty() && !lines.iter().any(|l| *l == known) {
            out.push_str(&known);
            out.push('\n');
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let mut line: &str = line;
        // A dateline opens the report: look only at its first lines.
        if dateline.is_none() && i >= body_start && i < body_start + 3 {
            if let Some((found, rest)) = dateline::split_dateline(line) {
                dateline = Some(found);
                line = rest;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    Cleaned {
        text: out,
        title,
        dateline,
        removed,
    }
}

/// Unifies line ends and spaces, drops invisible characters.
fn normalise(raw: &str) -> String {
    if is_normal(raw) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut last_space = false;
    for c in raw.chars() {
        let c = match c {
            '\r' => continue,
            '\u{a0}' | '\t' | '\u{2009}' | '\u{202f}' | '\u{3000}' => ' ',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_control() && c != '\n' => continue,
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        out.push(c);
    }
    out
}

/// Whether `raw` has nothing for `normalise` to change: no control
/// characters but line feeds, no doubled spaces, and none of the invisible or
/// unusual spaces (whose UTF-8 starts with 0xC2, 0xE2, 0xE3 or 0xEF).
fn is_normal(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n')
            || b == 0x7f
            || matches!(b, 0xc2 | 0xe2 | 0xe3 | 0xef)
            || (b == b' ' && bytes.get(i + 1) == Some(&b' '))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> CleanRules {
        CleanRules::new(
            [
                "bagikan:",
                "baca juga",
                "advertisement",
                "berita lainnya",
                "free porn",
                "menu",
                "terbaru",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            ["baca juga:", "foto:", "home "]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            vec!["YouTube".into()],
        )
    }

    #[test]
    fn drops_furniture_keeps_sentences() {
        let raw = "Menu\nJudul Berita Tentang Rusia Dan Iran\nFoto: Seseorang/Dok\n\nBagikan:\n\nJAKARTA - Rusia mengirim bantuan ke Iran.\n\nBaca Juga: Lain hal\nIa juga menelepon Presiden Iran.\nAdvertisement\nBerita Lainnya\n";
        let cleaned = clean(raw, None, &rules());
        assert_eq!(
            cleaned.text,
            "Judul Berita Tentang Rusia Dan Iran\nRusia mengirim bantuan ke Iran.\nIa juga menelepon Presiden Iran.\n"
        );
        assert_eq!(
            cleaned.title.as_deref(),
            Some("Judul Berita Tentang Rusia Dan Iran")
        );
        assert_eq!(cleaned.dateline.unwrap().place.as_deref(), Some("JAKARTA"));
    }

    #[test]
    fn repairs_glued_words() {
        let cleaned = clean(
            "Menteri Luar NegeriUni Emirat Arab(UEA) bertemu danIran di YouTube.",
            None,
            &rules(),
        );
        assert_eq!(
            cleaned.text,
            "Menteri Luar Negeri Uni Emirat Arab (UEA) bertemu dan Iran di YouTube.\n"
        );
    }

    #[test]
    fn normal_text_is_left_as_it_is() {
        assert!(is_normal("Rusia mengirim bantuan.\nIran menyerang."));
        assert!(!is_normal("a  b"));
        assert!(!is_normal("a\r\nb"));
        assert!(!is_normal("a\u{a0}b"));
        assert!(!is_normal("a\u{200b}b"));
    }

    #[test]
    fn normalises_spaces_and_invisible_characters() {
        assert_eq!(normalise("a\u{a0}\u{a0}b\u{200b}c\r\n"), "a bc\n");
    }

    proptest::proptest! {
        #[test]
        fn cleaning_never_panics_and_keeps_lines_tidy(raw in "\\PC{0,300}", title in proptest::option::of("\\PC{0,40}")) {
            let cleaned = clean(&raw, title.as_deref(), &rules());
            proptest::prop_assert!(!cleaned.text.contains('\r'));
            for line in cleaned.text.lines() {
                proptest::prop_assert!(!line.is_empty());
                proptest::prop_assert_eq!(line, line.trim());
            }
        }

        #[test]
        fn deglue_only_adds_spaces(text in "[a-zA-Z() ]{0,80}") {
            let out = glue::deglue(&text, &[]);
            proptest::prop_assert_eq!(out.replace(' ', ""), text.replace(' ', ""));
        }
    }
}
