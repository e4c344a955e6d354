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
    classes: rustc_hash::FxHashMap<Box<[u8]>, u8>,
}

/// How far ahead of Indonesian the Malay confidence must be.
const MALAY_MARGIN: f64 = 0.3;

impl LanguageDetector {
    /// `malayic` are function words of Indonesian and Malay, `english`
    /// those of English: a text with too few of either is in some other
    /// language, whatever the detector's best guess among its three.
    /// `malay_markers` are words of Malaysian Malay that Indonesian news
    /// does not use: without any of them a Malayic text is read as
    /// Indonesian with no detector pass.
    pub fn new(malayic: &[String], english: &[String], malay_markers: &[String]) -> Self {
        let detector = LanguageDetectorBuilder::from_languages(&[
            Language::Indonesian,
            Language::Malay,
            Language::English,
        ])
        .with_low_accuracy_mode()
        .build();
        let mut classes = rustc_hash::FxHashMap::default();
        for (list, class) in [(malayic, 1), (english, 2), (malay_markers, 4)] {
            for word in list {
                let key: Box<[u8]> = word.to_lowercase().into_bytes().into();
                *classes.entry(key).or_insert(0) |= class;
            }
        }
        LanguageDetector { detector, classes }
    }

    pub fn detect(&self, text: &str) -> LanguageGuess {
        let sample = first_bytes(text, 800);
        // One pass over the sample's words, counting, with no allocation.
        let (mut total, mut malayic, mut english, mut markers) = (0, 0, 0, 0);
        let mut buffer = [0u8; 16];
        for (word, ascii) in words(sample) {
            total += 1;
            // Function words are short and ASCII: lower-case them in place.
            if word.len() > buffer.len() || !ascii {
                continue;
            }
            let lower = &mut buffer[..word.len()];
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            let class = self.classes.get(&*lower).copied().unwrap_or(0);
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

/// The words of `text` (maximal runs of alphabetic characters) as bytes,
/// each with whether it is all ASCII. ASCII is read a byte at a time; only
/// other characters are decoded.
fn words(text: &str) -> impl Iterator<Item = (&[u8], bool)> {
    let bytes = text.as_bytes();
    let letter_at = move |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphabetic(), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8())),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let (letter, width) = letter_at(i);
            if !letter {
                i += width;
                continue;
            }
            let start = i;
            let mut ascii = true;
            while i < bytes.len() {
                let (letter, width) = letter_at(i);
                if !letter {
                    break;
                }
                ascii &= width == 1;
                i += width;
            }
            return Some((&bytes[start..i], ascii));
        }
        None
    })
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
        let words = |list: &str| list.split(' ').map(String::from).collect::<Vec<_>>();
        let d = LanguageDetector::new(
            &words("yang dan di ke dari dengan untuk ini itu pada dalam tidak akan juga oleh karena telah kepada bahwa atau ada sudah saya kami mereka ia dia tersebut serta adalah bagi"),
            &words("the of and to in is that for on with was as by it at from has have are be"),
            &words("kerana bahawa iaitu sahaja sebarang"),
        );
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

#[cfg(test)]
mod word_split {
    use super::words;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_words_as_splitting_on_non_letters(text in "[a-zA-Z0-9 ,.éß—“”İı'-]{0,60}") {
            let expected: Vec<(&[u8], bool)> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_bytes(), w.is_ascii()))
                .collect();
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), expected);
        }
    }
}
