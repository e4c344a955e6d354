//! Names glued to the next word where a link was stripped ("Rusiadalam",
//! "Arab Saudimelalui", "Erdoganpada"): a capitalised word that is a known
//! name followed by a known word is cut in two. The names and words come
//! from the lexicon (see `CleanRules::with_glued_names`).

use std::borrow::Cow;

use rustc_hash::FxHashSet;

/// The longest word a glued name may carry ("melalui", "terhadap").
const MAX_GLUED_WORD: usize = 9;
/// The shortest: "di" and "ke" end too many real names ("Asiadi").
const MIN_GLUED_WORD: usize = 3;
/// The shortest name worth cutting off ("Iran", "Gaza").
const MIN_NAME: usize = 4;

/// The glued-name tables: names, their first four letters (a cheap test
/// that rules out most capitalised words), and the words that may follow.
#[derive(Debug, Clone, Default)]
pub struct GluedNames {
    names: FxHashSet<String>,
    starts: FxHashSet<[u8; MIN_NAME]>,
    words: FxHashSet<String>,
}

impl GluedNames {
    pub fn new(names: FxHashSet<String>, words: FxHashSet<String>) -> GluedNames {
        let starts = names
            .iter()
            .filter_map(|n| n.as_bytes().get(..MIN_NAME)?.try_into().ok())
            .collect();
        GluedNames {
            names,
            starts,
            words,
        }
    }
}

/// `text` with glued names cut from the word after them.
pub fn split_glued_names<'a>(text: &'a str, tables: &GluedNames) -> Cow<'a, str> {
    let GluedNames {
        names,
        starts,
        words,
    } = tables;
    if names.is_empty() {
        return Cow::Borrowed(text);
    }
    // Bytes, not characters: only an ASCII capital after a non-letter can
    // open a glued name, so most of the text is passed over a byte at a time.
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = bytes[i].is_ascii_uppercase()
            && (i == 0 || bytes[i - 1] < 0x80 && !bytes[i - 1].is_ascii_alphanumeric());
        if !starts_word {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        // Whole ASCII words only: one that runs on into other letters is left.
        let whole = j == bytes.len() || bytes[j] < 0x80;
        let start: [u8; MIN_NAME] =
            std::array::from_fn(|k| bytes[i + k.min(j - i - 1)].to_ascii_lowercase());
        if whole && j - i >= MIN_NAME + MIN_GLUED_WORD && starts.contains(&start) {
            if let Some(cut) = glued_at(&text[i..j], names, words) {
                cuts.push(i + cut);
            }
        }
        i = j;
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut copied = 0;
    for cut in cuts {
        out.push_str(&text[copied..cut]);
        out.push(' ');
        copied = cut;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The longest word worth a look: a name and the longest glued word.
const MAX_WORD: usize = 48;

/// Where an ASCII word splits into a known name and a known word.
fn glued_at(word: &str, names: &FxHashSet<String>, words: &FxHashSet<String>) -> Option<usize> {
    if word.len() > MAX_WORD {
        return None;
    }
    let mut buffer = [0u8; MAX_WORD];
    let lower = &mut buffer[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    if names.contains(lower) || words.contains(lower) {
        return None;
    }
    (MIN_GLUED_WORD..=MAX_GLUED_WORD.min(lower.len() - MIN_NAME))
        .rev()
        .map(|n| lower.len() - n)
        .find(|&cut| {
            let (name, rest) = lower.split_at(cut);
            // The word after a name starts lower-case in running text.
            word.as_bytes()[cut].is_ascii_lowercase()
                && words.contains(rest)
                && names.contains(name)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> FxHashSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn glued_names_are_cut() {
        let names = set(&["rusia", "ukraina", "saudi", "beijing", "erdogan", "iran"]);
        let words = set(&["dalam", "yang", "melalui", "untuk", "pada", "dan"]);
        let tables = GluedNames::new(names, words);
        let cut = |t: &str| split_glued_names(t, &tables).into_owned();
        assert_eq!(cut("Rusiadalam perang"), "Rusia dalam perang");
        assert_eq!(
            cut("warga Ukrainayang mengungsi"),
            "warga Ukraina yang mengungsi"
        );
        assert_eq!(cut("Arab Saudimelalui Yaman"), "Arab Saudi melalui Yaman");
        assert_eq!(
            cut("Beijinguntuk dan Erdoganpada"),
            "Beijing untuk dan Erdogan pada"
        );
    }

    #[test]
    fn real_words_and_names_are_left() {
        let names = set(&["iran", "rusia"]);
        let words = set(&["dan", "ia", "an", "di"]);
        let tables = GluedNames::new(names, words);
        let cut = |t: &str| split_glued_names(t, &tables).into_owned();
        // A longer name or word that happens to begin with a name.
        assert_eq!(cut("Iranian Rusiawan"), "Iranian Rusiawan");
        // Lower-case words are never cut, nor a name followed by a capital.
        assert_eq!(cut("irandan IranDan"), "irandan IranDan");
        assert_eq!(cut("Rusia dan Iran"), "Rusia dan Iran");
        // "di" and "ke" end real names too ("Asiadi").
        assert_eq!(cut("hakim Rusiadi"), "hakim Rusiadi");
    }
}
