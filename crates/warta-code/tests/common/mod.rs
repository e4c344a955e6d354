//! What the challenge-file tests share: the embedded coder, built once, and
//! the macro that makes one test per class of a challenge file.

use std::sync::OnceLock;

use warta_code::Coder;

pub fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::embedded().expect("the embedded lexicon loads"))
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
