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

/// `text` with glued names cut from the word after them.
pub fn split_glued_names<'a>(
    text: &'a str,
    names: &FxHashSet<String>,
    words: &FxHashSet<String>,
) -> Cow<'a, str> {
    if names.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut cuts: Vec<usize> = Vec::new();
    let mut start = None;
    for (pos, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() {
            start.get_or_insert(pos);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let word = &text[s..pos];
        if word.len() >= MIN_NAME + 2 && word.starts_with(char::is_uppercase) {
            if let Some(cut) = glued_at(word, names, words) {
                cuts.push(s + cut);
            }
        }
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

/// Where a glued word splits into a known name and a known word.
fn glued_at(word: &str, names: &FxHashSet<String>, words: &FxHashSet<String>) -> Option<usize> {
    let lower = word.to_lowercase();
    // Lower-casing keeps byte offsets only for ASCII; other words are left.
    if lower.len() != word.len() || names.contains(&lower) || words.contains(&lower) {
        return None;
    }
    (MIN_GLUED_WORD..=MAX_GLUED_WORD.min(lower.len() - MIN_NAME))
        .rev()
        .map(|n| lower.len() - n)
        .filter(|&cut| lower.is_char_boundary(cut))
        .find(|&cut| {
            let (name, rest) = lower.split_at(cut);
            // The word after a name starts lower-case in running text.
            word[cut..].starts_with(char::is_lowercase)
                && names.contains(name)
                && words.contains(rest)
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
        let cut = |t: &str| split_glued_names(t, &names, &words).into_owned();
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
        let cut = |t: &str| split_glued_names(t, &names, &words).into_owned();
        // A longer name or word that happens to begin with a name.
        assert_eq!(cut("Iranian Rusiawan"), "Iranian Rusiawan");
        // Lower-case words are never cut, nor a name followed by a capital.
        assert_eq!(cut("irandan IranDan"), "irandan IranDan");
        assert_eq!(cut("Rusia dan Iran"), "Rusia dan Iran");
        // "di" and "ke" end real names too ("Asiadi").
        assert_eq!(cut("hakim Rusiadi"), "hakim Rusiadi");
    }
}
