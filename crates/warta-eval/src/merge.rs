//! The merge gold (`gold/merge.json`, format in `gold/README.md`): pairs of
//! mentions from different documents, labelled by hand as one act or two.
//! The documents are coded afresh from the inputs the file names, each
//! labelled mention is found again by its document, sentence and trigger,
//! and the store's merge rules decide each pair. Reported: pairwise
//! precision and recall, and B-cubed over the mentions (gold events are the
//! groups the same-act pairs join, predicted ones the groups the merged
//! pairs join).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use warta_code::{Coder, Document};
use warta_read::{read_inputs, ReadOptions, RunIds, Seen};
use warta_record::EventRecord;
use warta_store::merge::{same_act, People};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeGold {
    pub format: String,
    pub about: String,
    /// Files or folders, relative to the gold file, that hold the documents.
    pub inputs: Vec<PathBuf>,
    pub pairs: Vec<Pair>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub a: MentionRef,
    pub b: MentionRef,
    /// One real-world act.
    pub same: bool,
    pub note: String,
}

/// A mention by where it is: document, sentence and trigger.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct MentionRef {
    pub doc: String,
    pub sentence_index: usize,
    pub trigger: String,
    #[serde(rename = "type")]
    pub event_type: String,
}

pub fn load_merge_gold(path: &Path) -> Result<MergeGold, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let gold: MergeGold =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if gold.format != "warta-merge-gold-1" {
        return Err(format!(
            "{}: unknown format {:?}",
            path.display(),
            gold.format
        ));
    }
    Ok(gold)
}

/// What the merge rules made of the gold.
#[derive(Debug, Default)]
pub struct MergeReport {
    pub pairs: usize,
    pub same: usize,
    /// Pairs with a mention the coder no longer finds.
    pub unresolved: Vec<String>,
    pub true_merges: usize,
    pub false_merges: Vec<String>,
    pub missed_merges: Vec<String>,
    pub bcubed: (f64, f64),
}

impl MergeReport {
    pub fn precision(&self) -> f64 {
        let predicted = self.true_merges + self.false_merges.len();
        if predicted == 0 {
            1.0
        } else {
            self.true_merges as f64 / predicted as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let gold = self.true_merges + self.missed_merges.len();
        if gold == 0 {
            1.0
        } else {
            self.true_merges as f64 / gold as f64
        }
    }

    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        let f1 = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let (p, r) = (self.precision(), self.recall());
        let _ = writeln!(
            out,
            "pairs {} ({} one act, {} two), {} unresolved",
            self.pairs,
            self.same,
            self.pairs - self.same,
            self.unresolved.len()
        );
        let _ = writeln!(
            out,
            "pairwise precision {p:.3}  recall {r:.3}  F1 {:.3}  ({} merged rightly, {} wrongly, {} missed)",
            f1(p, r),
            self.true_merges,
            self.false_merges.len(),
            self.missed_merges.len()
        );
        let (bp, br) = self.bcubed;
        let _ = writeln!(
            out,
            "B-cubed precision {bp:.3}  recall {br:.3}  F1 {:.3}",
            f1(bp, br)
        );
        if verbose {
            for line in &self.false_merges {
                let _ = writeln!(out, "  merged, but two acts: {line}");
            }
            for line in &self.missed_merges {
                let _ = writeln!(out, "  one act, not merged: {line}");
            }
            for line in &self.unresolved {
                let _ = writeln!(out, "  unresolved: {line}");
            }
        }
        out
    }
}

/// Codes the gold's documents and scores the merge rules on its pairs.
pub fn evaluate_merges(
    coder: &Coder,
    people: &People,
    gold: &MergeGold,
    base: &Path,
) -> MergeReport {
    let wanted: BTreeSet<&str> = gold
        .pairs
        .iter()
        .flat_map(|p| [p.a.doc.as_str(), p.b.doc.as_str()])
        .collect();
    let inputs: Vec<PathBuf> = gold.inputs.iter().map(|p| base.join(p)).collect();
    let mut records: BTreeMap<String, Vec<EventRecord>> = BTreeMap::new();
    let mut ids = RunIds::new();
    for raw in read_inputs(&inputs, &ReadOptions::default()).flatten() {
        if !wanted.contains(raw.doc_id.as_str()) || ids.check(&raw) != Seen::First {
            continue;
        }
        let doc = Document::from(raw);
        records.insert(doc.doc_id.clone(), coder.code(&doc).records);
    }
    let find = |m: &MentionRef| -> Option<&EventRecord> {
        let of_doc = records.get(&m.doc)?;
        let here =
            |r: &&EventRecord| r.sentence_index == m.sentence_index && r.event_type == m.event_type;
        of_doc
            .iter()
            .filter(here)
            .find(|r| r.trigger == m.trigger)
            .or_else(|| of_doc.iter().find(here))
    };
    let mut report = MergeReport {
        pairs: gold.pairs.len(),
        same: gold.pairs.iter().filter(|p| p.same).count(),
        ..MergeReport::default()
    };
    let mut gold_edges = Vec::new();
    let mut merged_edges = Vec::new();
    for pair in &gold.pairs {
        let describe = || {
            format!(
                "{} {}#{} {:?} ~ {}#{} {:?} ({})",
                pair.a.event_type,
                pair.a.doc,
                pair.a.sentence_index,
                pair.a.trigger,
                pair.b.doc,
                pair.b.sentence_index,
                pair.b.trigger,
                pair.note
            )
        };
        let (Some(a), Some(b)) = (find(&pair.a), find(&pair.b)) else {
            report.unresolved.push(describe());
            continue;
        };
        let merged = same_act(a, b, people).is_ok() || same_act(b, a, people).is_ok();
        match (pair.same, merged) {
            (true, true) => report.true_merges += 1,
            (false, true) => report.false_merges.push(describe()),
            (true, false) => report.missed_merges.push(describe()),
            (false, false) => {}
        }
        let key = |m: &MentionRef| m.clone();
        if pair.same {
            gold_edges.push((key(&pair.a), key(&pair.b)));
        }
        if merged {
            merged_edges.push((key(&pair.a), key(&pair.b)));
        }
        // Every resolved mention takes part, merged or not.
        gold_edges.push((key(&pair.a), key(&pair.a)));
        gold_edges.push((key(&pair.b), key(&pair.b)));
    }
    report.bcubed = bcubed(&gold_edges, &merged_edges);
    report
}

/// The groups a list of edges joins (a mention alone is its own group).
fn groups<T: Ord + Clone>(nodes: &BTreeSet<T>, edges: &[(T, T)]) -> BTreeMap<T, usize> {
    let index: BTreeMap<&T, usize> = nodes.iter().enumerate().map(|(i, n)| (n, i)).collect();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b) in edges {
        if let (Some(&i), Some(&j)) = (index.get(a), index.get(b)) {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        }
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), root(&mut parent, i)))
        .collect()
}

/// B-cubed precision and recall of the predicted groups against the gold's.
fn bcubed<T: Ord + Clone>(gold_edges: &[(T, T)], predicted_edges: &[(T, T)]) -> (f64, f64) {
    let nodes: BTreeSet<T> = gold_edges
        .iter()
        .flat_map(|(a, b)| [a.clone(), b.clone()])
        .collect();
    if nodes.is_empty() {
        return (1.0, 1.0);
    }
    let gold = groups(&nodes, gold_edges);
    let predicted = groups(&nodes, predicted_edges);
    let members = |of: &BTreeMap<T, usize>, group: usize| -> BTreeSet<T> {
        of.iter()
            .filter(|(_, g)| **g == group)
            .map(|(n, _)| n.clone())
            .collect()
    };
    let (mut precision, mut recall) = (0.0, 0.0);
    for node in &nodes {
        let in_gold = members(&gold, gold[node]);
        let in_predicted = members(&predicted, predicted[node]);
        let both = in_gold.intersection(&in_predicted).count() as f64;
        precision += both / in_predicted.len() as f64;
        recall += both / in_gold.len() as f64;
    }
    let n = nodes.len() as f64;
    (precision / n, recall / n)
}

#[cfg(test)]
mod tests {
    use super::bcubed;

    #[test]
    fn bcubed_of_perfect_merged_and_split_groups() {
        let gold = [(1, 2), (3, 3)];
        assert_eq!(bcubed(&gold, &[(1, 2)]), (1.0, 1.0));
        // Everything merged: precision falls for the lone mention's group.
        let (p, r) = bcubed(&gold, &[(1, 2), (2, 3)]);
        assert!((p - (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9 && r == 1.0);
        // Nothing merged: recall falls for the pair.
        let (p, r) = bcubed(&gold, &[]);
        assert!(p == 1.0 && (r - (0.5 + 0.5 + 1.0) / 3.0).abs() < 1e-9);
    }
}
