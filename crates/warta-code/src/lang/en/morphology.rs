//! English inflection: the lemma of a word form, so that a cue written
//! `attack` matches "attack", "attacks", "attacked" and "attacking", and
//! `withdraw` matches "withdrew". Irregular forms come from the pack's
//! `irregular_forms`; regular ones are undone by suffix rules, and a
//! candidate lemma counts only when the lexicon knows it (a cue's root or
//! a listed root), so "news" stays "news" and "United" stays "united".

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Lemmas of English word forms.
#[derive(Debug, Default)]
pub(crate) struct Inflection {
    irregular: HashMap<String, String>,
    known: HashSet<String>,
}

/// A form's lemma, and whether the form is a verb's past or participle
/// (irregular or in -ed) or gerund (-ing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lemma {
    pub lemma: String,
    pub verb_form: bool,
}

impl Inflection {
    pub fn new(
        irregular: impl IntoIterator<Item = (String, Vec<String>)>,
        known: impl IntoIterator<Item = String>,
    ) -> Self {
        let mut map = HashMap::default();
        let mut known: HashSet<String> = known.into_iter().map(|k| k.to_lowercase()).collect();
        for (lemma, forms) in irregular {
            for form in forms {
                map.insert(form.to_lowercase(), lemma.to_lowercase());
            }
            known.insert(lemma.to_lowercase());
        }
        Inflection {
            irregular: map,
            known,
        }
    }

    /// The lemma of a lower-case form.
    pub fn lemma(&self, word: &str) -> Lemma {
        if let Some(lemma) = self.irregular.get(word) {
            return Lemma {
                lemma: lemma.clone(),
                verb_form: true,
            };
        }
        if self.known.contains(word) {
            return Lemma {
                lemma: word.to_owned(),
                verb_form: false,
            };
        }
        for (stem, verb_form) in candidates(word) {
            if self.known.contains(&stem) {
                return Lemma {
                    lemma: stem,
                    verb_form,
                };
            }
        }
        Lemma {
            lemma: word.to_owned(),
            verb_form: word.len() > 4 && (word.ends_with("ed") || word.ends_with("ing")),
        }
    }
}

/// Candidate lemmas of a form, most likely first.
fn candidates(word: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut push = |stem: &str, verb: bool| {
        if stem.len() >= 2 {
            out.push((stem.to_owned(), verb));
        }
    };
    if let Some(stem) = word.strip_suffix("ies") {
        push(&format!("{stem}y"), false);
    }
    if let Some(stem) = word.strip_suffix("ied") {
        push(&format!("{stem}y"), true);
    }
    if let Some(stem) = word.strip_suffix("ing") {
        push(stem, true);
        push(&format!("{stem}e"), true);
        if let Some(single) = undoubled(stem) {
            push(single, true);
        }
    }
    if let Some(stem) = word.strip_suffix("ed") {
        push(stem, true);
        push(&format!("{stem}e"), true);
        if let Some(single) = undoubled(stem) {
            push(single, true);
        }
    }
    // "-s" before "-es": "refugees" is "refugee", not "refuge"; "pushes"
    // finds "push" when "pushe" is no word.
    if let Some(stem) = word.strip_suffix('s') {
        if !stem.ends_with('s') {
            push(stem, false);
        }
    }
    if let Some(stem) = word.strip_suffix("es") {
        push(stem, false);
    }
    out
}

/// "stopp" -> "stop", "expell" -> "expel": a doubled final consonant (a
/// lemma that keeps it, "shell", is found before this is tried).
fn undoubled(stem: &str) -> Option<&str> {
    let bytes = stem.as_bytes();
    let n = bytes.len();
    (n >= 3 && bytes[n - 1] == bytes[n - 2] && !b"aeious".contains(&bytes[n - 1]))
        .then(|| &stem[..n - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflection() -> Inflection {
        Inflection::new(
            [
                (
                    "withdraw".to_string(),
                    vec!["withdrew".into(), "withdrawn".into()],
                ),
                ("meet".to_string(), vec!["met".into()]),
            ],
            [
                "attack", "agree", "stop", "deny", "close", "ally", "shell", "talk", "sanction",
                "push", "expel", "refuge", "refugee",
            ]
            .map(String::from),
        )
    }

    #[test]
    fn regular_forms_find_their_lemma() {
        let f = inflection();
        for (form, lemma) in [
            ("attacks", "attack"),
            ("attacked", "attack"),
            ("attacking", "attack"),
            ("agreed", "agree"),
            ("agreeing", "agree"),
            ("stopped", "stop"),
            ("stopping", "stop"),
            ("denied", "deny"),
            ("denies", "deny"),
            ("closing", "close"),
            ("closed", "close"),
            ("allies", "ally"),
            ("shelled", "shell"),
            ("expelled", "expel"),
            ("refugees", "refugee"),
            ("talks", "talk"),
            ("sanctions", "sanction"),
            ("pushes", "push"),
        ] {
            assert_eq!(f.lemma(form).lemma, lemma, "{form}");
        }
    }

    #[test]
    fn irregular_forms_come_from_the_list() {
        let f = inflection();
        assert_eq!(f.lemma("withdrew").lemma, "withdraw");
        assert_eq!(f.lemma("withdrawn").lemma, "withdraw");
        assert_eq!(f.lemma("met").lemma, "meet");
        assert!(f.lemma("met").verb_form);
    }

    #[test]
    fn unknown_words_stay_as_they_are() {
        let f = inflection();
        assert_eq!(f.lemma("news").lemma, "news");
        assert_eq!(f.lemma("united").lemma, "united");
        assert_eq!(f.lemma("bless").lemma, "bless");
        assert!(!f.lemma("attack").verb_form);
        assert!(f.lemma("attacked").verb_form);
    }
}
