//! The challenge sentences of the English role rules (`lexicon/en/roles.toml`),
//! coded as English documents, one test per class, so a failing class shows
//! by its name.

use std::collections::BTreeSet;
use std::sync::OnceLock;

mod common;

use common::challenges::{self, Challenges};

fn files() -> &'static [Challenges] {
    static FILES: OnceLock<Vec<Challenges>> = OnceLock::new();
    FILES.get_or_init(|| challenges::load("en", &["roles.toml"]))
}

fn run(name: &str) -> Vec<String> {
    challenges::run(files(), name, "en")
}

fn listed_classes() -> BTreeSet<&'static str> {
    challenges::listed(files())
}

classes! {
    adjective_title => "adjective-title",
    subject => "subject",
    passive_by => "passive-by",
    object => "object",
    reported_speech => "reported-speech",
    nominal => "nominal",
    content => "content",
    modality => "modality",
    place => "place",
    domestic => "domestic",
    consequence => "consequence",
    located_party => "located-party",
    aside => "aside",
    attribute => "attribute",
    passive_victim => "passive-victim",
    stative_participle => "stative-participle",
    owner => "owner",
    answered_party => "answered-party",
    visit_host => "visit-host",
    act_subject => "act-subject",
    audience => "audience",
    unidentified_attacker => "unidentified-attacker",
    defied_party => "defied-party",
    struck_setting => "struck-setting",
    conditional_threat => "conditional-threat",
    trailing_attribution => "trailing-attribution",
    accused_agent => "accused-agent",
    protest_purpose => "protest-purpose",
    joint_exercise => "joint-exercise",
    setting_recipient => "setting-recipient",
    opening_phrase => "opening-phrase",
    purpose => "purpose",
    lone_party => "lone-party",
    allegation => "allegation",
    possessive_party => "possessive-party",
    attribution_source => "attribution-source",
    local_authority => "local-authority",
    claimed_act => "claimed-act",
    specified_party => "specified-party",
    official_protest => "official-protest",
}
