//! What the challenge-file tests share: the embedded coder, built once, and
//! the macro that makes one test per class of a challenge file.

use std::sync::OnceLock;

// Only the role test files use it.
#[allow(dead_code)]
pub mod challenges;

use warta_code::{Coder, Document};
use warta_record::EventRecord;

pub fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::embedded().expect("the embedded lexicon loads"))
}

/// The records of one challenge sentence, coded as an Indonesian report
/// published on `date`.
// Not every test file codes Indonesian cases.
#[allow(dead_code)]
pub fn code_case(text: &str, date: &str) -> Vec<EventRecord> {
    code_case_in(text, date, "id")
}

/// A case coded as a document in one language (ISO 639-1).
pub fn code_case_in(text: &str, date: &str, language: &str) -> Vec<EventRecord> {
    let doc = Document {
        doc_id: "challenge".into(),
        text: text.into(),
        date: Some(date.into()),
        language: Some(language.into()),
        ..Document::default()
    };
    coder().code(&doc).records
}

/// A class says what it is about and holds five cases at least.
pub fn check_class(name: &str, about: &str, cases: usize) {
    assert!(
        !about.is_empty() && cases >= 5,
        "{name}: at least five cases"
    );
}

/// One test per class (`test_name => "class-name"`), each calling the
/// test file's `run(name) -> Vec<String>` (a line per failed case), and a
/// test that every class the file's `listed_classes()` names has one.
#[macro_export]
macro_rules! classes {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                let failures = run($name);
                assert!(failures.is_empty(), "class {}:\n{}", $name, failures.join("\n"));
            }
        )*

        #[test]
        fn every_class_has_a_test() {
            let tested: std::collections::BTreeSet<&str> = [$($name),*].into_iter().collect();
            assert_eq!(tested, listed_classes(), "each challenge class needs a test here");
        }
    };
}
