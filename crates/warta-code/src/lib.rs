//! Code: the heart of Warta. Given a document's text and metadata it cleans
//! and analyses it, recognises actors (states, metonyms, organisations,
//! people through their offices on the date, titles, pronouns), finds event
//! cues from the lexicon, decides actor and recipient from Indonesian
//! syntax (voice, prepositions, reported speech), drops negated and
//! hypothetical acts, and attaches date, place, casualty counts, quotes and
//! provenance. One record per real-world act per document.

mod attributes;
mod budget;
mod compiled;
mod coverage;
mod cues;
mod document;
mod entities;
mod events;
mod examples;
mod lang;
mod phrases;
mod roles;
mod speech;
mod story;

pub use budget::Budget;
pub use compiled::Coder;
pub use coverage::Coverage;
pub use document::{CodedDocument, Document, Skipped};
