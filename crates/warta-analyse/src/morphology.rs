//! Indonesian morphology by confix stripping: prefixes meN-/di-/ber-/ter-/
//! per-/peN-/ke-/se- (with nasal assimilation), suffixes -kan/-i/-an,
//! possessives -ku/-mu/-nya, particles -lah/-kah/-tah/-pun, and
//! reduplication. A candidate root is accepted only when it is in the
//! dictionary the caller gives (the lexicon's cue roots, entity words and
//! reviewed roots), which keeps the analyser free of third-party word lists
//! and stops it from inventing roots.

use rustc_hash::FxHashSet as HashSet;

/// How an inflected word presents its event: who did it is found
/// differently for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// meN-, ber-, or a bare root: the actor stands before the word.
    Active,
    /// di-, ter-: the actor follows "oleh" or the word itself.
    Passive,
    /// -an, peN-an, per-an, ke-an: a noun; its possessor is the actor.
    Nominal,
}

/// The analysis of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub root: String,
    /// Prefixes stripped, outermost first ("meN", "di", "ber", "ter", "per", "peN", "ke", "se").
    pub prefixes: Vec<&'static str>,
    /// Derivational suffix stripped: "kan", "i" or "an".
    pub suffix: Option<&'static str>,
    /// Possessive or particle stripped ("nya", "lah"...).
    pub clitic: Option<&'static str>,
}

impl Analysis {
    pub fn voice(&self) -> Voice {
        match self.prefixes.first().copied() {
            Some("di") | Some("ter") => Voice::Passive,
            Some("meN") | Some("ber") | Some("memper") => Voice::Active,
            Some("peN") | Some("per") | Some("ke") => Voice::Nominal,
            _ if self.suffix == Some("an") => Voice::Nominal,
            _ => Voice::Active,
        }
    }
}

const PARTICLES: &[&str] = &["lah", "kah", "tah", "pun"];
const POSSESSIVES: &[&str] = &["nya", "ku", "mu"];
const DERIVATIONAL: &[&str] = &["kan", "an", "i"];

/// The dictionary-checked stemmer.
#[derive(Debug, Clone, Default)]
pub struct Stemmer {
    roots: HashSet<String>,
    /// Words that look derived but are roots of their own ("pemerintah").
    lexicalised: HashSet<String>,
}

impl Stemmer {
    pub fn new(
        roots: impl IntoIterator<Item = String>,
        lexicalised: impl IntoIterator<Item = String>,
    ) -> Self {
        let lexicalised: HashSet<String> =
            lexicalised.into_iter().map(|w| w.to_lowercase()).collect();
        let mut roots: HashSet<String> = roots.into_iter().map(|w| w.to_lowercase()).collect();
        roots.extend(lexicalised.iter().cloned());
        Stemmer { roots, lexicalised }
    }

    pub fn is_root(&self, word: &str) -> bool {
        self.roots.contains(word)
    }

    /// Analyses a lower-case word. Unknown words are their own root.
    pub fn analyse(&self, word: &str) -> Analysis {
        self.try_analyse(word)
            .unwrap_or_else(|| surface_guess(word))
    }

    /// The analysis whose root is in the dictionary, preferring the fewest
    /// affixes, or `None`.
    pub fn try_analyse(&self, word: &str) -> Option<Analysis> {
        if self.roots.contains(word) {
            return Some(Analysis {
                root: word.to_string(),
                prefixes: Vec::new(),
                suffix: None,
                clitic: None,
            });
        }
        if let Some((left, right)) = word.split_once('-') {
            return self.analyse_hyphenated(left, right);
        }
        let mut best: Option<(usize, Analysis)> = None;
        for (stem, suffix, clitic) in suffix_variants(word) {
            if self.lexicalised.contains(stem) || self.roots.contains(stem) {
                let cost = usize::from(suffix.is_some()) + usize::from(clitic.is_some());
                consider(&mut best, cost, stem, Vec::new(), suffix, clitic);
            }
            let mut prefixes = Vec::new();
            self.strip_prefixes(stem, &mut prefixes, 0, &mut |root, prefixes| {
                let cost =
                    prefixes.len() + usize::from(suffix.is_some()) + usize::from(clitic.is_some());
                consider(&mut best, cost, root, prefixes.to_vec(), suffix, clitic);
            });
        }
        best.map(|(_, a)| a)
    }

    /// "serang-menyerang", "masing-masing": the shared root; "ke-11" and other
    /// compounds are analysed by their last part.
    fn analyse_hyphenated(&self, left: &str, right: &str) -> Option<Analysis> {
        let right_analysis = self.try_analyse(right);
        if left == right {
            return right_analysis;
        }
        match (self.try_analyse(left), right_analysis) {
            (Some(l), Some(r)) if l.root == r.root => Some(r),
            (_, r) => r,
        }
    }

    fn strip_prefixes(
        &self,
        stem: &str,
        prefixes: &mut Vec<&'static str>,
        depth: usize,
        found: &mut dyn FnMut(&str, &[&'static str]),
    ) {
        if depth == 3 {
            return;
        }
        for (prefix, rest) in prefix_candidates(stem) {
            if rest.len() < 2 {
                continue;
            }
            prefixes.push(prefix);
            if self.roots.contains(rest.as_str()) {
                found(&rest, prefixes);
            }
            self.strip_prefixes(&rest, prefixes, depth + 1, found);
            prefixes.pop();
        }
    }
}

/// A word whose root is not in the dictionary keeps itself as root, but its
/// shape still tells the voice: "dikecam" is passive, "pembicaraan" a noun.
fn surface_guess(word: &str) -> Analysis {
    let long = word.chars().count() >= 7;
    let (prefixes, suffix) = if long && word.starts_with("di") {
        (vec!["di"], None)
    } else if long && (word.starts_with("pe") || word.starts_with("ke")) && word.ends_with("an") {
        (vec!["peN"], Some("an"))
    } else if long && word.starts_with("me") {
        (vec!["meN"], None)
    } else if long && word.ends_with("an") && !word.ends_with("kan") {
        (Vec::new(), Some("an"))
    } else {
        (Vec::new(), None)
    };
    Analysis {
        root: word.to_string(),
        prefixes,
        suffix,
        clitic: None,
    }
}

fn consider(
    best: &mut Option<(usize, Analysis)>,
    cost: usize,
    root: &str,
    prefixes: Vec<&'static str>,
    suffix: Option<&'static str>,
    clitic: Option<&'static str>,
) {
    if best.as_ref().is_none_or(|(c, _)| cost < *c) {
        *best = Some((
            cost,
            Analysis {
                root: root.to_string(),
                prefixes,
                suffix,
                clitic,
            },
        ));
    }
}

/// The word with no, one or several suffixes stripped, least stripped first.
fn suffix_variants(word: &str) -> Vec<(&str, Option<&'static str>, Option<&'static str>)> {
    let mut out = vec![(word, None, None)];
    let mut clitic_stems = vec![(word, None)];
    for p in PARTICLES.iter().chain(POSSESSIVES) {
        if let Some(stem) = word.strip_suffix(p) {
            if stem.len() >= 3 {
                out.push((stem, None, Some(*p)));
                clitic_stems.push((stem, Some(*p)));
                // "-nyalah": a particle after a possessive.
                for q in POSSESSIVES {
                    if let Some(inner) = stem.strip_suffix(q) {
                        if inner.len() >= 3 {
                            clitic_stems.push((inner, Some(*q)));
                        }
                    }
                }
            }
        }
    }
    for (stem, clitic) in clitic_stems {
        for d in DERIVATIONAL {
            if let Some(inner) = stem.strip_suffix(d) {
                // "-kan" also ends in "-an": both are tried, the dictionary decides.
                if inner.len() >= 3 {
                    out.push((inner, Some(*d), clitic));
                }
            }
        }
    }
    out
}

/// Possible (prefix, remaining stem) pairs, with nasal assimilation undone.
fn prefix_candidates(word: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let vowel = |s: &str| s.starts_with(['a', 'e', 'i', 'o', 'u']);
    let mut simple = |prefix: &'static str, label: &'static str| {
        if let Some(rest) = word.strip_prefix(prefix) {
            out.push((label, rest.to_string()));
        }
    };
    simple("di", "di");
    simple("ke", "ke");
    simple("se", "se");
    simple("ter", "ter");
    simple("ber", "ber");
    simple("be", "ber");
    simple("per", "per");
    simple("memper", "memper");
    for (nasal_prefix, label) in [("me", "meN"), ("pe", "peN")] {
        let Some(after) = word.strip_prefix(nasal_prefix) else {
            continue;
        };
        if let Some(rest) = after.strip_prefix("nge") {
            // menge-/penge- before one-syllable roots: mengebom -> bom.
            out.push((label, rest.to_string()));
        }
        if let Some(rest) = after.strip_prefix("ng") {
            out.push((label, rest.to_string()));
            if vowel(rest) {
                out.push((label, format!("k{rest}")));
            }
        }
        if let Some(rest) = after.strip_prefix("ny") {
            out.push((label, format!("s{rest}")));
            out.push((label, format!("ny{rest}")));
        }
        if let Some(rest) = after.strip_prefix('m') {
            out.push((label, rest.to_string()));
            if vowel(rest) {
                out.push((label, format!("p{rest}")));
                out.push((label, format!("m{rest}")));
            }
        }
        if let Some(rest) = after.strip_prefix('n') {
            out.push((label, rest.to_string()));
            if vowel(rest) {
                out.push((label, format!("t{rest}")));
                out.push((label, format!("n{rest}")));
            }
        }
        if after.starts_with(['l', 'r', 'w', 'y']) {
            out.push((label, after.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> Stemmer {
        let roots = [
            "serang",
            "kirim",
            "temu",
            "tembak",
            "tewas",
            "kunjung",
            "desak",
            "seru",
            "imbau",
            "tolak",
            "veto",
            "bombardir",
            "tangkap",
            "pukul",
            "bantu",
            "larang",
            "minta",
            "ancam",
            "bom",
            "perintah",
            "kuat",
            "kerja",
            "runding",
            "tahan",
            "sama",
            "beri",
            "culik",
            "tuding",
        ];
        Stemmer::new(
            roots.iter().map(|s| s.to_string()),
            ["pemerintah".to_string(), "pertahanan".to_string()],
        )
    }

    fn root(word: &str) -> String {
        stemmer().analyse(word).root
    }

    #[test]
    fn one_root_matches_every_inflection() {
        for w in [
            "serang",
            "menyerang",
            "diserang",
            "serangan",
            "penyerangan",
            "serangannya",
            "menyerangnya",
        ] {
            assert_eq!(root(w), "serang", "{w}");
        }
    }

    #[test]
    fn nasal_assimilation_is_undone() {
        let cases = [
            ("mengirimkan", "kirim"),
            ("menembakkan", "tembak"),
            ("menewaskan", "tewas"),
            ("mengunjungi", "kunjung"),
            ("mendesak", "desak"),
            ("menyerukan", "seru"),
            ("mengimbau", "imbau"),
            ("menolak", "tolak"),
            ("memveto", "veto"),
            ("membombardir", "bombardir"),
            ("memukul", "pukul"),
            ("membantu", "bantu"),
            ("melarang", "larang"),
            ("meminta", "minta"),
            ("mengancam", "ancam"),
            ("mengebom", "bom"),
            ("menculik", "culik"),
            ("menuding", "tuding"),
            ("memberikan", "beri"),
        ];
        for (word, expected) in cases {
            assert_eq!(root(word), expected, "{word}");
        }
    }

    #[test]
    fn confixes_and_stacked_prefixes() {
        assert_eq!(root("pertemuan"), "temu");
        assert_eq!(root("kunjungan"), "kunjung");
        assert_eq!(root("perundingan"), "runding");
        assert_eq!(root("memperkuat"), "kuat");
        assert_eq!(root("bekerja"), "kerja");
        assert_eq!(root("dikirimkan"), "kirim");
        assert_eq!(root("penangkapan"), "tangkap");
    }

    #[test]
    fn lexicalised_words_stay_whole() {
        assert_eq!(root("pemerintah"), "pemerintah");
        assert_eq!(root("pemerintahan"), "pemerintah");
        assert_eq!(root("pertahanan"), "pertahanan");
    }

    #[test]
    fn unknown_words_are_their_own_root() {
        assert_eq!(root("meja"), "meja");
        assert_eq!(root("berita"), "berita");
    }

    #[test]
    fn unknown_words_still_show_their_voice() {
        let s = stemmer();
        assert_eq!(s.analyse("percakapan").voice(), Voice::Nominal);
        assert_eq!(s.analyse("dikecamnya").voice(), Voice::Passive);
        assert_eq!(s.analyse("percakapan").root, "percakapan");
    }

    #[test]
    fn reduplication() {
        assert_eq!(root("serang-menyerang"), "serang");
    }

    #[test]
    fn voice() {
        let s = stemmer();
        assert_eq!(s.analyse("menyerang").voice(), Voice::Active);
        assert_eq!(s.analyse("diserang").voice(), Voice::Passive);
        assert_eq!(s.analyse("serangan").voice(), Voice::Nominal);
        assert_eq!(s.analyse("penyerangan").voice(), Voice::Nominal);
        assert_eq!(s.analyse("serang").voice(), Voice::Active);
    }
}
