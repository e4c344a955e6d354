//! The lexicon's examples, run: every cue example must yield (or not yield)
//! its event, and every office example must resolve its title to the
//! office holder. `cargo test` and `warta lexicon check` both run these.

use warta_record::Entity;

use crate::compiled::Coder;
use crate::document::Document;
use crate::entities::References;

/// Publication date of a cue example that gives none.
const DEFAULT_EXAMPLE_DATE: &str = "2024-04-17";

impl Coder {
    /// All entities recognised in `text` as of `date` (YYYY-MM-DD).
    pub fn resolve_entities(&self, text: &str, date: &str) -> Vec<Entity> {
        let analysed = self.analyse(text.to_string());
        let mut refs = References::default();
        let mut out = Vec::new();
        for s in &analysed.sentences {
            for m in self.mentions(&analysed, s.first, s.end, Some(date), &mut refs) {
                out.extend(m.entities());
            }
        }
        out
    }

    /// How many cues the text matches (all sentences), for benchmarks and
    /// diagnostics.
    pub fn count_cues(&self, text: &str) -> usize {
        let analysed = self.analyse(text.to_string());
        analysed
            .sentences
            .iter()
            .map(|s| self.find_cues(&analysed, s.first, s.end, false).len())
            .sum()
    }

    /// The root the morphological analyser gives a lower-case word.
    pub fn root_of(&self, word: &str) -> String {
        self.stemmer.analyse(word).root
    }

    /// Problems with cue and office examples, one line each.
    pub fn check_examples(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for coder in std::iter::once(self).chain(&self.others) {
            for cue in &coder.pack.cues {
                for example in &cue.examples {
                    if let Err(why) = coder.check_cue_example(cue, example) {
                        problems.push(format!(
                            "{}/cues.toml: {}: {:?}: {why}",
                            coder.pack.code, cue.id, example.text
                        ));
                    }
                }
            }
        }
        for person in &self.lexicon.people {
            for office in &person.office {
                let Some(example) = &office.example else {
                    continue;
                };
                let entities = self.resolve_entities(&example.text, &example.date);
                if !entities
                    .iter()
                    .any(|e| e.name.as_deref() == Some(person.name.as_str()))
                {
                    let found: Vec<String> = entities
                        .iter()
                        .map(|e| format!("{}={}", e.text, e.name.as_deref().unwrap_or("?")))
                        .collect();
                    problems.push(format!(
                        "people.toml: {}: office {} on {}: {:?} does not resolve to {} (found: {})",
                        person.id,
                        office.title,
                        example.date,
                        example.text,
                        person.name,
                        found.join(", ")
                    ));
                }
            }
        }
        problems
    }

    fn check_cue_example(
        &self,
        cue: &warta_lexicon::Cue,
        example: &warta_lexicon::CueExample,
    ) -> Result<(), String> {
        let doc = Document {
            doc_id: "example".into(),
            text: example.text.clone(),
            date: Some(
                example
                    .date
                    .clone()
                    .unwrap_or_else(|| DEFAULT_EXAMPLE_DATE.into()),
            ),
            language: Some(self.pack.code.clone()),
            ..Document::default()
        };
        let coded = self.code(&doc);
        let rule = format!("{}/{}", self.pack.code, cue.id);
        let wanted_type = example.event_type.as_deref().unwrap_or(&cue.event_type);
        let from_cue: Vec<_> = coded.records.iter().filter(|r| r.rule == rule).collect();
        if example.none {
            return match from_cue.first() {
                None => Ok(()),
                Some(r) => Err(format!(
                    "must yield no event, yields {} {:?}",
                    r.event_type,
                    r.actor_countries()
                )),
            };
        }
        let sorted = |v: &[String]| {
            let mut v: Vec<String> = v.to_vec();
            v.sort();
            v.dedup();
            v
        };
        let consult = wanted_type == "CONSULT";
        let want_actor = if consult {
            sorted(&[example.actor.clone(), example.recipient.clone()].concat())
        } else {
            sorted(&example.actor)
        };
        let want_recipient = if consult {
            Vec::new()
        } else {
            sorted(&example.recipient)
        };
        let ok = from_cue.iter().any(|r| {
            let mut actor: Vec<String> =
                r.actor_countries().iter().map(|s| s.to_string()).collect();
            let mut recipient: Vec<String> = r
                .recipient_countries()
                .iter()
                .map(|s| s.to_string())
                .collect();
            if consult {
                actor.append(&mut recipient);
            }
            r.event_type == wanted_type
                && sorted(&actor) == want_actor
                && sorted(&recipient) == want_recipient
        });
        if ok {
            return Ok(());
        }
        let got: Vec<String> = coded
            .records
            .iter()
            .map(|r| {
                format!(
                    "{} {:?}->{:?} [{}]",
                    r.event_type,
                    r.actor_countries(),
                    r.recipient_countries(),
                    r.rule
                )
            })
            .collect();
        Err(format!(
            "want {wanted_type} {want_actor:?}->{want_recipient:?}, got [{}]",
            got.join("; ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_example_holds() {
        let coder = Coder::embedded().expect("lexicon loads");
        let problems = coder.check_examples();
        assert!(
            problems.is_empty(),
            "{} example(s) fail:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}
