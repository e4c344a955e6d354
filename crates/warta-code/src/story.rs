//! The story model: a document is about a small cast, and the fighting it
//! has established stays the background of what it tells next. An attack
//! told without its victim ("Pada Jumat, Rusia kembali melancarkan serangan
//! drone") is aimed at the opponent the story already gave its actor.

use warta_record::Entity;

use crate::events::{countries, Candidate};

/// Acts that establish who is fighting whom.
const HOSTILE: [&str; 3] = ["ASSAULT", "COERCE", "THREATEN"];

/// Acts that, told without their target, are aimed at the opponent.
const AIMED: [&str; 4] = ["ASSAULT", "COERCE", "THREATEN", "MOBILIZE"];

/// Rule `story-opponent`: fills the target of an actor's attack, threat,
/// coercion or deployment told without one, from the latest earlier
/// attack, coercion or threat between that actor and another party, in
/// either direction.
pub(crate) fn complete_opponents(candidates: &mut [Candidate]) {
    for k in 0..candidates.len() {
        let c = &candidates[k];
        // Rule `mutual`: "saling melontarkan ancaman" is one act of two
        // sides, like two-sided fighting: both act, neither is the target.
        let two_sided = c.mutual && countries(&c.actor).len() >= 2;
        if !AIMED.contains(&c.event_type.as_str())
            || !c.recipient.is_empty()
            || c.actor.is_empty()
            || two_sided
        {
            continue;
        }
        let actor = countries(&c.actor);
        let opponent = candidates[..k].iter().rev().find_map(|earlier| {
            if !HOSTILE.contains(&earlier.event_type.as_str()) {
                return None;
            }
            let (a, r) = (countries(&earlier.actor), countries(&earlier.recipient));
            // A mutual act sets its two sides against each other.
            if earlier.mutual && r.is_empty() && a.iter().any(|x| actor.contains(x)) {
                let others: Vec<Entity> = earlier
                    .actor
                    .iter()
                    .filter(|e| e.country.as_deref().is_some_and(|x| !actor.contains(&x)))
                    .cloned()
                    .collect();
                return (!others.is_empty()).then_some(others);
            }
            if r.is_empty() || a.iter().any(|x| r.contains(x)) {
                return None;
            }
            if a.iter().any(|x| actor.contains(x)) {
                Some(earlier.recipient.clone())
            } else if r.iter().any(|x| actor.contains(x)) {
                Some(earlier.actor.clone())
            } else {
                None
            }
        });
        if let Some(opponent) = opponent {
            let opponent: Vec<Entity> = opponent
                .into_iter()
                .filter(|e| e.country.as_deref().is_some_and(|x| !actor.contains(&x)))
                .collect();
            // A mutual act with one side named takes the other as its
            // second side, not as its target.
            if candidates[k].mutual {
                candidates[k].actor.extend(opponent);
            } else {
                candidates[k].recipient = opponent;
            }
        }
    }
}
