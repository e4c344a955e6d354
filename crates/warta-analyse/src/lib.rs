//! Analyse: turn clean Indonesian text into sentences of tokens with byte
//! offsets, and give each word its morphological analysis (root, prefixes,
//! suffixes, voice) so that one cue root matches every inflection. Also
//! parses Indonesian number forms and date expressions. Everything here is
//! driven by word lists handed in by the caller: the knowledge is in the
//! lexicon, not in this crate.

pub mod dates;
pub mod morphology;
pub mod numbers;
pub mod sentences;
pub mod tokens;

pub use morphology::{Analysis, Stemmer, Voice};
pub use sentences::{split_sentences, SentenceSpan};
pub use tokens::{tokenize, Token, TokenKind};
