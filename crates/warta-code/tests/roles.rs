//! The challenge sentences of the role rules (`lexicon/id/roles.toml`) and of
//! factuality (`lexicon/id/factuality.toml`), one test per class, so a failing
//! class shows by its name.

use std::collections::BTreeSet;
use std::sync::OnceLock;

mod common;

use common::challenges::{self, Challenges};

fn files() -> &'static [Challenges] {
    static FILES: OnceLock<Vec<Challenges>> = OnceLock::new();
    FILES.get_or_init(|| challenges::load("id", &["roles.toml", "factuality.toml"]))
}

fn run(name: &str) -> Vec<String> {
    challenges::run(files(), name, "id")
}

fn listed_classes() -> BTreeSet<&'static str> {
    challenges::listed(files())
}

classes! {
    addressee => "addressee",
    against_target => "against-target",
    place_target => "place-target",
    object_phrase => "object-phrase",
    victims => "victims",
    dyad_compound => "dyad-compound",
    reaction_target => "reaction-target",
    own_people => "own-people",
    coordinated_verb => "coordinated-verb",
    causative => "causative",
    purpose_clause => "purpose-clause",
    noun_source => "noun-source",
    clause_parties => "clause-parties",
    source_not_actor => "source-not-actor",
    story_opponent => "story-opponent",
    mutual => "mutual",
    story_references => "story-references",
    word_sense => "word-sense",
    plans_and_modals => "plans-and-modals",
    unrealised => "unrealised",
    content_of_content => "content-of-content",
    others_intentions => "others-intentions",
    complement_object => "complement-object",
    serial_verb => "serial-verb",
    fronted_purpose => "fronted-purpose",
    absolute_clause => "absolute-clause",
    clause_groups => "clause-groups",
    phrase_not_subject => "phrase-not-subject",
    object_not_subject => "object-not-subject",
    detaining_state => "detaining-state",
    coordinated_content => "coordinated-content",
    topic_object => "topic-object",
    between_sides => "between-sides",
    prepared_purpose => "prepared-purpose",
    future_time => "future-time",
    content_clause => "content-clause",
    allegation => "allegation",
    opening_setting => "opening-setting",
    specified_party => "specified-party",
    condition_noun => "condition-noun",
    means_noun => "means-noun",
    territory_apposition => "territory-apposition",
    mission_target => "mission-target",
    summary_act => "summary-act",
    domestic_rebels => "domestic-rebels",
    provoked_reaction => "provoked-reaction",
}
