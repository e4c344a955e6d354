//! Language detection: Indonesian, Malay and English, with everything else
//! reported as unknown so that it is skipped rather than mis-coded.

use lingua::{Language, LanguageDetectorBuilder};

/// What the detector decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageGuess {
    /// ISO 639-1 code of a supported language ("id", "ms", "en").
    Known(&'static str),
    /// Not a language Warta reads.
    Unknown,
}

/// Detects the language of a document from its first kilobyte or so.
pub struct LanguageDetector {
    detector: lingua::LanguageDetector,
    /// Each sample word's class: 1 Malayic function word, 2 English, 4 Malay marker.
    classes: rustc_hash::FxHashMap<&'static str, u8>,
}

impl Default for LanguageDetector {
    fn default() -> Self {
        Self::new()
    }
}

/// Function words of Indonesian (and Malay): a text with too few of these
/// or of the English ones is in some other language, whatever the
/// detector's best guess among its three.
const MALAYIC_FUNCTION_WORDS: &[&str] = &[
    "yang", "dan", "di", "ke", "dari", "dengan", "untuk", "ini", "itu", "pada", "dalam", "tidak",
    "akan", "juga", "oleh", "karena", "telah", "kepada", "bahwa", "atau", "ada", "sudah", "saya",
    "kami", "mereka", "ia", "dia", "tersebut", "serta", "adalah", "bagi",
];

const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "was", "as", "by", "it",
    "at", "from", "has", "have", "are", "be",
];

/// Words of Malaysian Malay that Indonesian news does not use: without any
/// of them a Malayic text is read as Indonesian with no detector pass.
const MALAY_MARKERS: &[&str] = &["kerana", "bahawa", "iaitu", "sahaja", "sebarang"];

/// How far ahead of Indonesian the Malay confidence must be.
const MALAY_MARGIN: f64 = 0.3;

impl LanguageDetector {
    pub fn new() -> Self {
        let detector = LanguageDetectorBuilder::from_languages(&[
            Language::Indonesian,
            Language::Malay,
            Language::English,
        ])
        .with_low_accuracy_mode()
        .build();
        let mut classes = rustc_hash::FxHashMap::default();
        for (list, class) in [
            (MALAYIC_FUNCTION_WORDS, 1),
            (ENGLISH_FUNCTION_WORDS, 2),
            (MALAY_MARKERS, 4),
        ] {
            for word in list {
                *classes.entry(*word).or_insert(0) |= class;
            }
        }
        LanguageDetector { detector, classes }
    }

    pub fn detect(&self, text: &str) -> LanguageGuess {
        let sample = first_bytes(text, 800);
        // One pass over the sample's words, counting, with no allocation.
        let (mut total, mut malayic, mut english, mut markers) = (0, 0, 0, 0);
        let mut buffer = [0u8; 16];
        for w in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            total += 1;
            // Function words are short and ASCII: lower-case them in place.
            if w.len() > buffer.len() || !w.is_ascii() {
                continue;
            }
            let lower = &mut buffer[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            let class = std::str::from_utf8(lower)
                .ok()
                .and_then(|l| self.classes.get(l))
                .copied()
                .unwrap_or(0);
            malayic += usize::from(class & 1 != 0);
            english += usize::from(class & 2 != 0);
            markers += usize::from(class & 4 != 0);
        }
        if total < 3 {
            return LanguageGuess::Unknown;
        }
        // Too short a text says little; a headline-length one is read as
        // Indonesian unless it is plainly English.
        if total >= 20 && (malayic + english) * 100 < total * 8 {
            return LanguageGuess::Unknown;
        }
        // Plain Indonesian, the common case, needs no detector pass.
        if malayic > english * 3 && markers == 0 {
            return LanguageGuess::Known("id");
        }
        // One pass of the detector over the sample; the confidences (three
        // more passes) only when it leans to Malay, to apply the margin.
        match self.detector.detect_language_of(sample) {
            Some(Language::English) => LanguageGuess::Known("en"),
            Some(Language::Malay) if total >= 20 => {
                let confidence = |language: Language| {
                    self.detector.compute_language_confidence(sample, language)
                };
                // Malay and Indonesian share most words: only a clear lead
                // makes a document Malay.
                if confidence(Language::Malay) > confidence(Language::Indonesian) + MALAY_MARGIN {
                    LanguageGuess::Known("ms")
                } else {
                    LanguageGuess::Known("id")
                }
            }
            _ => LanguageGuess::Known("id"),
        }
    }
}

/// At most `limit` bytes of `text`, cut at a character boundary.
fn first_bytes(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_three_languages_and_others() {
        let d = LanguageDetector::new();
        assert_eq!(
            d.detect("Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada hari Selasa untuk membahas situasi di Timur Tengah yang semakin memanas."),
            LanguageGuess::Known("id")
        );
        assert_eq!(
            d.detect("The Russian president held a phone call with the Iranian president on Tuesday to discuss the situation in the Middle East."),
            LanguageGuess::Known("en")
        );
        assert_eq!(
            d.detect("Kerajaan Malaysia berkata bahawa ramai rakyat tidak boleh pulang kerana banjir besar yang melanda negeri itu sejak semalam, iaitu selepas hujan lebat turun sepanjang hari di kawasan tersebut."),
            LanguageGuess::Known("ms")
        );
        assert_eq!(
            d.detect("Le président russe a eu un entretien téléphonique avec le président iranien mardi pour discuter de la situation au Moyen-Orient."),
            LanguageGuess::Unknown
        );
    }
}
