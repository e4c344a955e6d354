//! Language packs: what the core asks of a language. The core cleans a
//! document, decides its language, and hands the text to that language's
//! pack, which analyses it and finds its acts with their actors and
//! recipients; the core then completes the story (opponents, headlines)
//! and makes the records. A pack's data is its folder under `lexicon/`
//! (`docs/language-packs.md`).

mod en;
mod id;

use crate::budget::Budget;
use crate::compiled::Coder;
use crate::document::Analysed;
use crate::events::Candidate;

/// One language's analysis and grammar of acts.
pub(crate) trait LanguagePack: Send + Sync {
    /// ISO 639-1 code: the pack's folder under `lexicon/`.
    fn code(&self) -> &'static str;

    /// Whether it reads documents in this language (ISO 639-1): its own,
    /// and any close enough to code with its grammar.
    fn reads(&self, language: &str) -> bool {
        language == self.code()
    }

    /// What the pack's grammar needs compiled from its data (a lemma
    /// table, say), kept by its coder (`Coder::grammar`). `roots`: every
    /// root or lemma its cues name, and its listed roots.
    fn compile(
        &self,
        _pack: &warta_lexicon::LanguageLexicon,
        _roots: &[String],
    ) -> Option<Box<dyn std::any::Any + Send + Sync>> {
        None
    }

    /// Sentences, tokens, and each word's morphology.
    fn analyse(&self, coder: &Coder, text: String) -> Analysed;

    /// The candidate acts of the text, sentence by sentence, with their
    /// actors and recipients (`headline`: the first sentence is the title,
    /// in headline style; `date`: the report's date). Stops with the
    /// budget's reason when it runs out.
    fn acts(
        &self,
        coder: &Coder,
        analysed: &Analysed,
        headline: bool,
        date: Option<&str>,
        budget: &Budget,
    ) -> Result<Vec<Candidate>, &'static str>;

    /// The noun phrases of sentence `k` that a demonstrative marks as
    /// named before ("konferensi tersebut", "that summit"), each as its
    /// head token and the token range it spans: an undated act there takes
    /// the date of the earlier sentence that named the head. None unless
    /// the pack's grammar says.
    fn referring_phrases(&self, _coder: &Coder, _doc: &Analysed, _k: usize) -> Vec<Referring> {
        Vec::new()
    }

    /// The head of the noun a relative clause opening right before token
    /// `at` describes ("gencatan senjata AS dan yang ditengahi Rusia"): a
    /// later sentence that points back to that noun dates the act. None
    /// unless the pack's grammar says.
    fn described_noun(
        &self,
        _coder: &Coder,
        _doc: &Analysed,
        _k: usize,
        _at: usize,
    ) -> Option<usize> {
        None
    }
}

/// A noun phrase that points back to an earlier mention of its head.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Referring {
    pub head: usize,
    /// The phrase's tokens, its modifiers and demonstrative included.
    pub start: usize,
    pub end: usize,
}

/// The packs this build has, by code.
static PACKS: &[&dyn LanguagePack] = &[&id::Indonesian, &en::English];

/// The pack that reads a language, if Warta has one.
pub(crate) fn pack_for(language: &str) -> Option<&'static dyn LanguagePack> {
    PACKS.iter().copied().find(|p| p.reads(language))
}

/// The ISO 639-1 code of a language a document declares ("id", "in",
/// "id-ID", "ms-MY", "en_GB"), when it is one Warta recognises; other
/// declarations leave the language to detection.
pub(crate) fn declared(tag: &str) -> Option<&'static str> {
    let tag = tag.to_lowercase();
    if tag.starts_with("id") || tag.starts_with("in") {
        Some("id")
    } else if tag.starts_with("ms") {
        Some("ms")
    } else if tag == "en" || tag.starts_with("en-") || tag.starts_with("en_") {
        Some("en")
    } else {
        None
    }
}

/// The English name of a language Warta recognises.
pub(crate) fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "id" => "Indonesian",
        "ms" => "Malay",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    #[test]
    fn each_language_goes_to_the_pack_that_reads_it() {
        assert_eq!(pack_for("id").map(|p| p.code()), Some("id"));
        assert_eq!(
            pack_for("ms").map(|p| p.code()),
            Some("id"),
            "Malay with Indonesian"
        );
        assert_eq!(pack_for("en").map(|p| p.code()), Some("en"));
        assert!(pack_for("ar").is_none());
        assert_eq!(language_name("en"), "English");
    }

    #[test]
    fn declared_tags_name_the_languages_warta_recognises() {
        for (tag, code) in [("id", "id"), ("in", "id"), ("ID-id", "id"), ("ms-MY", "ms")] {
            assert_eq!(declared(tag), Some(code), "{tag}");
        }
        for (tag, code) in [("en", "en"), ("en-GB", "en"), ("en_US", "en")] {
            assert_eq!(declared(tag), Some(code), "{tag}");
        }
        for tag in ["eng", "de", "ar", ""] {
            assert_eq!(declared(tag), None, "{tag}");
        }
    }

    #[test]
    fn each_document_is_coded_by_the_pack_of_its_language() {
        let coder = Coder::embedded().unwrap();
        let doc = |text: &str, language: &str| Document {
            doc_id: "d".into(),
            text: text.into(),
            title: None,
            date: Some("2024-04-17".into()),
            source: None,
            url: None,
            language: Some(language.into()),
        };
        let english = coder.code(&doc(
            "The Russian president telephoned the Iranian president on Tuesday.",
            "en-GB",
        ));
        assert_eq!(english.language.as_deref(), Some("en"));
        assert!(english.skipped.is_none());
        assert_eq!(english.records.len(), 1);
        assert!(english.records[0].rule.starts_with("en/"));
        let indonesian = coder.code(&doc(
            "Presiden Rusia menelepon Presiden Iran pada Selasa (16/4/2024).",
            "id",
        ));
        assert!(indonesian.skipped.is_none());
        assert_eq!(indonesian.records.len(), 1);
        assert!(indonesian.records[0].rule.starts_with("id/"));
        // Indonesian text declared English is read by the English pack,
        // which finds nothing it knows in it.
        let misdeclared = coder.code(&doc(
            "Presiden Rusia menelepon Presiden Iran pada Selasa (16/4/2024).",
            "en",
        ));
        assert!(misdeclared.records.is_empty());
    }
}
