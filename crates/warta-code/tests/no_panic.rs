//! Arbitrary text never makes the coder panic, and spans stay inside it.

use std::sync::OnceLock;

use proptest::prelude::*;
use warta_code::{Coder, Document};

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::embedded().unwrap())
}

fn words() -> impl Strategy<Value = String> {
    let vocabulary = prop::sample::select(vec![
        "Rusia",
        "Iran",
        "menyerang",
        "diserang",
        "oleh",
        "\"",
        ",",
        ".",
        "kata",
        "Presiden",
        "dan",
        "tidak",
        "akan",
        "(16/4/2024)",
        "kemarin",
        "42.718",
        "tewas",
        "di",
        "Gaza",
        "ia",
        "\n",
        "“",
        "”",
        "Sabtu",
        "lalu",
        "mendesak",
        "kepada",
        "serangan",
        "terhadap",
        "JAKARTA",
        "-",
        "Bagikan:",
        "danIran",
        "Ma'ruf",
        "ke-11",
        "juta",
        "ribu",
    ]);
    prop::collection::vec(vocabulary, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let doc = Document { doc_id: "x".into(), text, language: Some("id".into()), ..Document::default() };
        let coded = coder().code(&doc);
        let chars = coded.text.chars().count();
        for r in coded.records {
            prop_assert!(r.span[0] <= r.span[1] && r.span[1] <= chars);
        }
    }

    #[test]
    fn news_like_word_salad_never_panics(text in words(), date in prop::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]")) {
        let doc = Document { doc_id: "x".into(), text, date, language: Some("id".into()), ..Document::default() };
        let coded = coder().code(&doc);
        let chars = coded.text.chars().count();
        for r in coded.records {
            prop_assert!(r.span[1] <= chars);
            prop_assert!(!r.actor.is_empty());
        }
    }
}
