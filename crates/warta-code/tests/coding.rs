//! The coder's rules, each shown on sentences written for this test: voice,
//! prepositions, reported speech, back references, offices by date,
//! negation, hypotheticals, future forms, dates, places and counts.

use std::sync::OnceLock;

use warta_code::{Coder, Document};
use warta_record::EventRecord;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::embedded().expect("the embedded lexicon loads"))
}

fn code_on(text: &str, date: &str) -> Vec<EventRecord> {
    let doc = Document {
        doc_id: "test".into(),
        text: text.into(),
        date: Some(date.into()),
        language: Some("id".into()),
        ..Document::default()
    };
    coder().code(&doc).records
}

fn code(text: &str) -> Vec<EventRecord> {
    code_on(text, "2024-04-17")
}

fn find<'a>(records: &'a [EventRecord], event_type: &str) -> &'a EventRecord {
    records
        .iter()
        .find(|r| r.event_type == event_type)
        .unwrap_or_else(|| panic!("no {event_type} in {:#?}", summary(records)))
}

fn summary(records: &[EventRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            format!(
                "{} {:?}->{:?} {:?} [{}]",
                r.event_type,
                r.actor_countries(),
                r.recipient_countries(),
                r.date,
                r.rule
            )
        })
        .collect()
}

#[test]
fn active_voice_subject_acts_on_object() {
    let records = code("Pasukan Israel menyerang Jalur Gaza pada Senin (15/4/2024).");
    let r = find(&records, "ASSAULT");
    assert_eq!(r.actor_countries(), ["ISR"]);
    assert_eq!(r.actor[0].sector.as_deref(), Some("MIL"));
    assert_eq!(r.date.as_deref(), Some("2024-04-15"));
    assert_eq!(r.date_source, "text");
}

#[test]
fn passive_voice_takes_the_agent_after_oleh() {
    let records = code("Sebuah kapal tanker Inggris diserang oleh Houthi di Laut Merah, Selasa.");
    let r = find(&records, "ASSAULT");
    assert_eq!(r.actor_countries(), ["YEM"]);
}

#[test]
fn nominal_event_takes_the_possessor() {
    let records = code("Serangan Israel terhadap Lebanon menewaskan tujuh orang pada Sabtu lalu.");
    let r = find(&records, "ASSAULT");
    assert_eq!(r.actor_countries(), ["ISR"]);
    assert_eq!(r.recipient_countries(), ["LBN"]);
    assert_eq!(r.size.dead, Some(7));
    assert_eq!(r.date.as_deref(), Some("2024-04-13"));
}

#[test]
fn phone_call_between_two_leaders_has_both_as_actors() {
    let records = code(
        "Presiden Rusia melakukan percakapan telepon dengan Presiden Iran pada Selasa (16/4/2024).",
    );
    let r = find(&records, "CONSULT");
    assert_eq!(r.mode.as_deref(), Some("phone"));
    assert_eq!(r.cameo, "041");
    let mut parties = r.actor_countries();
    parties.sort();
    assert_eq!(parties, ["IRN", "RUS"]);
    assert!(r.recipient.is_empty());
    // Titles resolve to the office holders on the date.
    let names: Vec<_> = r.actor.iter().filter_map(|a| a.name.as_deref()).collect();
    assert!(names.contains(&"Vladimir Putin"), "{names:?}");
    assert!(names.iter().any(|n| n.contains("Raisi")), "{names:?}");
}

#[test]
fn the_same_title_names_a_different_person_later() {
    let april = code_on(
        "Presiden Iran mengecam Israel pada Senin (15/4/2024).",
        "2024-04-16",
    );
    let october = code_on(
        "Presiden Iran mengecam Israel pada Senin (14/10/2024).",
        "2024-10-15",
    );
    let name = |records: &[EventRecord]| {
        find(records, "ACCUSE").actor[0]
            .name
            .clone()
            .unwrap_or_default()
    };
    assert!(name(&april).contains("Raisi"), "{}", name(&april));
    assert!(name(&october).contains("Pezeshkian"), "{}", name(&october));
}

#[test]
fn reported_speech_gives_the_speaker_as_actor() {
    let records =
        code("\"Kami siap bekerja sama sepenuhnya dengan Iran,\" ujar Menteri Luar Negeri Rusia.");
    let r = find(&records, "AGREE");
    assert_eq!(r.actor_countries(), ["RUS"]);
    assert_eq!(r.recipient_countries(), ["IRN"]);
    let quote = r.quote.as_ref().expect("direct speech keeps its quote");
    assert!(quote.text.starts_with("Kami siap"));
}

#[test]
fn pronouns_refer_back_within_the_story() {
    let records = code("Menteri Luar Negeri Turki tiba di Kairo pada Senin (15/4/2024).\nIa kemudian mengecam Israel.");
    let r = find(&records, "ACCUSE");
    assert_eq!(r.actor_countries(), ["TUR"]);
}

#[test]
fn negated_and_hypothetical_acts_are_not_events() {
    assert!(code("Rusia tidak menyerang Ukraina pada Senin.")
        .iter()
        .all(|r| r.event_type != "ASSAULT"));
    assert!(code("Kedua menteri belum bertemu sejak Januari.")
        .iter()
        .all(|r| r.event_type != "CONSULT"));
    assert!(
        code("Jika Amerika Serikat mengirim senjata, perang akan meluas.")
            .iter()
            .all(|r| r.event_type != "AID")
    );
}

#[test]
fn future_acts_become_agree_or_threaten() {
    let meet = code("Presiden Indonesia akan bertemu dengan Presiden Tiongkok di Beijing.");
    assert!(
        meet.iter().any(|r| r.event_type == "AGREE"),
        "{:?}",
        summary(&meet)
    );
    let threat = code("Israel akan menyerang Iran sebagai balasan.");
    let r = find(&threat, "THREATEN");
    assert_eq!(r.actor_countries(), ["ISR"]);
}

#[test]
fn compound_actors_stay_in_one_record() {
    let records =
        code("Amerika Serikat, Inggris, dan Prancis mengirim bantuan militer kepada Israel.");
    let r = find(&records, "AID");
    let mut actors = r.actor_countries();
    actors.sort();
    assert_eq!(actors, ["FRA", "GBR", "USA"]);
    assert_eq!(r.recipient_countries(), ["ISR"]);
}

#[test]
fn repeated_mentions_of_one_act_are_one_record() {
    let records = code(
        "Presiden Rusia menelepon Presiden Iran pada Selasa (16/4/2024).\nDalam percakapan telepon itu, Presiden Rusia dan Presiden Iran membahas Timur Tengah.",
    );
    let calls = records.iter().filter(|r| r.event_type == "CONSULT").count();
    assert_eq!(calls, 1, "{:?}", summary(&records));
}

#[test]
fn places_and_glued_words() {
    let records = code(
        "Pasukan Israel menyerang sebuah kamp di Rafah, Jalur Gaza, danIran mengecam serangan itu.",
    );
    let r = find(&records, "ASSAULT");
    let location = r.location.as_ref().expect("a location");
    assert_eq!(location.country.as_deref(), Some("PSE"));
    assert!(location.lat.is_some());
    assert!(
        records
            .iter()
            .any(|r| r.event_type == "ACCUSE" && r.actor_countries() == ["IRN"]),
        "{:?}",
        summary(&records)
    );
}

#[test]
fn indonesian_numbers_give_casualty_counts() {
    let records = code(
        "Serangan Israel di Gaza telah menewaskan 42.718 orang, menurut kementerian kesehatan.",
    );
    assert_eq!(find(&records, "ASSAULT").size.dead, Some(42718));
    let records =
        code("Polisi Indonesia menangkap tujuh orang tersangka teroris di Poso pada Senin.");
    assert_eq!(find(&records, "COERCE").size.arrested, Some(7));
}

#[test]
fn initials_of_suspects_are_not_states() {
    let records = code("KPK menangkap tersangka berinisial AS (45) di Jakarta pada Senin.");
    let arrest = find(&records, "COERCE");
    assert_eq!(arrest.actor_countries(), ["IDN"]);
    assert!(records.iter().all(
        |r| !r.actor_countries().contains(&"USA") && !r.recipient_countries().contains(&"USA")
    ));
}

#[test]
fn provenance_points_into_the_cleaned_text() {
    let doc = Document {
        doc_id: "p".into(),
        text: "Bagikan:\n\nJAKARTA - Indonesia mengecam serangan Israel terhadap Rafah.".into(),
        date: Some("2024-05-28".into()),
        language: Some("id".into()),
        ..Document::default()
    };
    let coded = coder().code(&doc);
    assert!(!coded.text.contains("Bagikan"));
    for r in &coded.records {
        let trigger = coded.span_text(r.span);
        assert_eq!(trigger, r.trigger);
        assert!(r.rule.starts_with("id/"));
        assert!(r.confidence > 0.0 && r.confidence <= 1.0);
    }
}

#[test]
fn record_output_is_held_by_a_snapshot() {
    let text = "JAKARTA - Menteri Luar Negeri Indonesia mengecam serangan udara Israel terhadap kamp pengungsi di Rafah, Jalur Gaza, pada Minggu (26/5/2024) yang menewaskan sedikitnya 45 orang.\n\n\"Kami mendesak Dewan Keamanan PBB segera bertindak,\" kata juru bicara Kementerian Luar Negeri Indonesia.";
    let records = code_on(text, "2024-05-27");
    let lines: Vec<String> = records
        .iter()
        .map(|r| serde_json::to_string_pretty(r).unwrap())
        .collect();
    insta::assert_snapshot!("rafah", lines.join("\n"));
}

#[test]
fn perpetrator_named_in_the_next_sentence_completes_the_attack() {
    let records = code(
        "Lima anggota pasukan Iran tewas dalam serangan udara terhadap Kedutaan Iran \
         di Beirut, Lebanon, pada 3 Maret lalu. Israel yang diduga berada di balik \
         serangan itu tidak memberikan komentar.",
    );
    let r = find(&records, "ASSAULT");
    assert_eq!(r.actor_countries(), ["ISR"], "{:#?}", summary(&records));
    assert_eq!(r.recipient_countries(), ["IRN"]);
    assert_eq!(r.date.as_deref(), Some("2024-03-03"));
    assert_eq!(
        r.location.as_ref().map(|l| l.name.as_deref()),
        Some(Some("Beirut"))
    );
    assert_eq!(r.size.dead, Some(5));
    assert_eq!(
        records.iter().filter(|r| r.event_type == "ASSAULT").count(),
        1
    );
}

#[test]
fn an_act_talked_about_keeps_its_own_date() {
    let records = code(
        "Presiden Rusia dan Presiden Iran melakukan percakapan telepon pada Senin \
         (15/4/2024) untuk membahas serangan Israel terhadap kedutaan Iran di Beirut \
         pada 3 Maret lalu.",
    );
    assert_eq!(
        find(&records, "CONSULT").date.as_deref(),
        Some("2024-04-15")
    );
    assert_eq!(
        find(&records, "ASSAULT").date.as_deref(),
        Some("2024-03-03")
    );
}

#[test]
fn the_place_after_the_verb_is_its_place() {
    let records = code(
        "Pada Sabtu, Iran membalas serangan Israel di Beirut dengan meluncurkan \
         puluhan rudal ke wilayah Israel.",
    );
    let launch = records
        .iter()
        .find(|r| r.actor_countries() == ["IRN"] && r.event_type == "ASSAULT")
        .unwrap_or_else(|| panic!("{:#?}", summary(&records)));
    assert_eq!(
        launch.location.as_ref().and_then(|l| l.country.as_deref()),
        Some("ISR")
    );
}

#[test]
fn a_reaction_to_an_act_told_earlier_is_not_a_new_act() {
    let records = code(
        "Israel menyerang kedutaan Iran di Beirut pada 3 Maret lalu. Presiden Rusia \
         berbicara dengan Presiden Iran pada Selasa. Menteri luar negeri Iran juga hadir. \
         Pada Sabtu, Iran merespons serangan Israel dengan meluncurkan puluhan rudal \
         ke wilayah Israel.",
    );
    let israeli: Vec<_> = records
        .iter()
        .filter(|r| r.event_type == "ASSAULT" && r.actor_countries() == ["ISR"])
        .collect();
    assert_eq!(israeli.len(), 1, "{:#?}", summary(&records));
    assert_eq!(israeli[0].date.as_deref(), Some("2024-03-03"));
}

#[test]
fn a_loan_noun_takes_its_possessor_as_actor() {
    let records = code("Uni Eropa memperpanjang sanksi setelah invasi Rusia ke Ukraina.");
    let invasion = records
        .iter()
        .find(|r| r.rule == "id/assault/invasi")
        .unwrap_or_else(|| panic!("{:#?}", summary(&records)));
    assert_eq!(invasion.actor_countries(), ["RUS"]);
    assert_eq!(invasion.recipient_countries(), ["UKR"]);
    // Without a possessor the subject of the verb before it acts.
    let records = code("Amerika Serikat mengumumkan sanksi baru terhadap Iran.");
    assert_eq!(find(&records, "SANCTION").actor_countries(), ["USA"]);
}

#[test]
fn saying_one_will_not_cooperate_is_a_refusal() {
    let records = code("Iran tidak akan berunding dengan Amerika Serikat.");
    let r = find(&records, "REJECT");
    assert_eq!(r.actor_countries(), ["IRN"]);
    assert_eq!(r.recipient_countries(), ["USA"]);
    assert_eq!(r.cameo, "125");
    // A negated attack is no event at all, and not a refusal either.
    assert!(code("Israel tidak akan menyerang Iran.").is_empty());
}

#[test]
fn a_bound_or_a_later_day_is_not_the_acts_date() {
    // "hingga tahun 2041" bounds the agreement, it does not date the signing.
    let records = code_on(
        "Rusia dan Iran menandatangani perjanjian kerja sama yang berlaku hingga tahun 2041.",
        "2024-05-10",
    );
    let signing = find(&records, "SUPPORT");
    assert_eq!(signing.date.as_deref(), Some("2024-05-10"));
    assert_eq!(signing.date_source, "publication");
    // An attack told as done cannot lie weeks after the report...
    let records = code_on("Israel menyerang Gaza pada 30 Mei 2024.", "2024-05-10");
    assert_eq!(
        find(&records, "ASSAULT").date.as_deref(),
        Some("2024-05-10")
    );
    // ...but an announced meeting may.
    let records = code_on(
        "Presiden Jokowi akan bertemu Presiden Xi pada 30 Mei 2024.",
        "2024-05-10",
    );
    assert_eq!(find(&records, "AGREE").date.as_deref(), Some("2024-05-30"));
}

#[test]
fn a_date_in_the_objects_relative_clause_is_the_objects() {
    // The accord was agreed in 2015; the withdrawal is today's news.
    let records = code_on(
        "Presiden Brasil menarik negaranya dari perjanjian dagang yang disepakati di Lima pada 2015 lalu.",
        "2024-05-10",
    );
    assert_eq!(
        find(&records, "SANCTION").date.as_deref(),
        Some("2024-05-10")
    );
    // After a noun, the relative clause tells of the act itself.
    let records = code_on(
        "Serangan Israel yang terjadi pada 2 Mei 2024 menewaskan sepuluh warga Gaza.",
        "2024-05-10",
    );
    assert_eq!(
        find(&records, "ASSAULT").date.as_deref(),
        Some("2024-05-02")
    );
    // A year after a word of time, with no clause between, dates the act.
    let records = code_on(
        "Libya telah sepakat untuk memusnahkan senjata kimianya pada 2004 lalu.",
        "2024-05-10",
    );
    assert_eq!(find(&records, "AGREE").date.as_deref(), Some("2004"));
}

#[test]
fn an_undated_act_takes_the_story_day() {
    // The lede names the day; the acts told after it without a date of
    // their own took place that day, not on the day of publication.
    let records = code_on(
        "Menteri Luar Negeri Rusia bertemu Menteri Luar Negeri Iran di Moskow pada Rabu (8/5).\n\nRusia juga mengecam serangan Israel terhadap Suriah.",
        "2024-05-10",
    );
    let blame = find(&records, "ACCUSE");
    assert_eq!(blame.date.as_deref(), Some("2024-05-08"));
    assert_eq!(blame.date_source, "text");
    // Without a day near the report, the publication date stays.
    let records = code_on(
        "Rusia mengecam serangan Israel terhadap Suriah.",
        "2024-05-10",
    );
    assert_eq!(find(&records, "ACCUSE").date_source, "publication");
}

#[test]
fn an_undated_or_reported_deed_is_dated_no_finer_than_known() {
    // Told as earlier than the report, without a day: the report's month.
    let records = code_on(
        "Sebelumnya, Menteri Luar Negeri Jepang mengecam uji coba rudal Korea Utara.",
        "2024-05-10",
    );
    let accuse = find(&records, "ACCUSE");
    assert_eq!(accuse.date.as_deref(), Some("2024-05"));
    assert_eq!(accuse.date_source, "publication");
    // Otherwise the report's day.
    let records = code_on(
        "Menteri Luar Negeri Jepang mengecam uji coba rudal Korea Utara.",
        "2024-05-10",
    );
    assert_eq!(find(&records, "ACCUSE").date.as_deref(), Some("2024-05-10"));
    // The day belongs to the statement; the attack it reports lies before.
    let records = code_on(
        "Pada Rabu, pejabat Afghanistan mengatakan 16 warga sipil tewas dalam serangan udara Amerika Serikat.",
        "2024-05-10",
    );
    assert_eq!(find(&records, "ASSAULT").date.as_deref(), Some("2024-05"));
    // A weekday of the week before, to the day (10 May 2024 is a Friday).
    let records = code_on(
        "Pada Jumat pekan lalu, Korea Utara meluncurkan rudal balistik ke Laut Jepang.",
        "2024-05-10",
    );
    assert_eq!(
        find(&records, "ASSAULT").date.as_deref(),
        Some("2024-05-03")
    );
}

#[test]
fn promotional_and_caption_lines_are_not_coded() {
    let records = code(
        "JAKARTA - Menteri Luar Negeri Jepang mengecam uji coba rudal Korea Utara pada Selasa.\n\
         Baca juga: Iran mengecam serangan Israel di Damaskus\n\
         Simak juga video 'Rusia Kirim Bantuan ke Gaza' di bawah ini:\n\
         Foto: Presiden Prancis bertemu Kanselir Jerman/Reuters\n\
         Jepang juga meminta Dewan Keamanan PBB menggelar sidang darurat.",
    );
    let actors: Vec<&str> = records
        .iter()
        .flat_map(|r| r.actor.iter().filter_map(|e| e.country.as_deref()))
        .collect();
    assert!(actors.contains(&"JPN"), "{records:?}");
    for promoted in ["IRN", "RUS", "FRA"] {
        assert!(
            !actors.contains(&promoted),
            "{promoted} from a promo line: {records:?}"
        );
    }
}

#[test]
fn an_act_long_before_the_report_is_background() {
    let records = code_on(
        "Pada 2 Agustus 1990, Irak menyerang Kuwait. Pada Kamis (29/6), Amerika Serikat menjatuhkan sanksi kepada Korea Utara.",
        "2017-06-30",
    );
    let old = find(&records, "ASSAULT");
    assert_eq!(old.date.as_deref(), Some("1990-08-02"));
    assert!(old.background);
    assert!(old.to_json_line().contains("\"background\":true"));
    let news = find(&records, "SANCTION");
    assert_eq!(news.date.as_deref(), Some("2017-06-29"));
    assert!(!news.background);
    // Printed only when true: records of news keep the contract's fields.
    assert!(!news.to_json_line().contains("background"));
}

#[test]
fn a_headline_is_coded_in_headline_style_and_merges_into_the_body() {
    // Bare roots in a headline stand for the forms the cues name.
    let records = code_on(
        "Filipina Tuding China Langgar Wilayahnya\n\nMANILA - Pemerintah menggelar rapat terbatas pada Senin.",
        "2024-05-10",
    );
    let accuse = find(&records, "ACCUSE");
    assert_eq!(accuse.sentence_index, 0);
    assert_eq!(accuse.actor[0].country.as_deref(), Some("PHL"));
    assert_eq!(accuse.recipient[0].country.as_deref(), Some("CHN"));
    // Told again in the body, the act is one record with the body's provenance.
    let records = code_on(
        "Jepang Minta Korut Hentikan Uji Rudal\n\nTOKYO - Jepang meminta Korea Utara menghentikan uji coba rudal, kata Menlu Jepang pada Senin.",
        "2024-05-10",
    );
    let requests: Vec<_> = records
        .iter()
        .filter(|r| r.event_type == "REQUEST")
        .collect();
    assert_eq!(requests.len(), 1, "{:#?}", summary(&records));
    assert_eq!(requests[0].sentence_index, 1);
    assert_eq!(requests[0].recipient[0].country.as_deref(), Some("PRK"));
    // Outside a headline a capitalised root is no cue form.
    let records = code_on("Minta maaf tidak cukup, kata warga.", "2024-05-10");
    assert!(records.iter().all(|r| r.event_type != "REQUEST"));
}

#[test]
fn a_title_known_only_from_metadata_is_coded_as_the_headline() {
    let titled = |title: &str, text: &str| {
        let doc = Document {
            doc_id: "test".into(),
            title: Some(title.into()),
            text: text.into(),
            date: Some("2024-05-10".into()),
            language: Some("id".into()),
            ..Document::default()
        };
        coder().code(&doc)
    };
    // The body never says it: the headline's act is coded, as sentence 0
    // of the cleaned text, which now opens with the title.
    let coded = titled(
        "Jepang Minta Korut Hentikan Uji Rudal",
        "TOKYO - Pemerintah Jepang menggelar rapat darurat pada Jumat (10/5).",
    );
    let request = find(&coded.records, "REQUEST");
    assert_eq!(request.sentence_index, 0);
    assert_eq!(request.recipient[0].country.as_deref(), Some("PRK"));
    assert!(coded
        .text
        .starts_with("Jepang Minta Korut Hentikan Uji Rudal\n"));
    let [start, end] = request.span;
    let trigger: String = coded.text.chars().skip(start).take(end - start).collect();
    assert_eq!(trigger, "Minta");
    // The body tells it: one record, the body's.
    let coded = titled(
        "Turki Kecam Serangan Rusia",
        "ANKARA - Turki mengecam serangan Rusia terhadap pelabuhan Odesa pada Kamis (9/5).",
    );
    let accusations: Vec<_> = coded
        .records
        .iter()
        .filter(|r| r.event_type == "ACCUSE")
        .collect();
    assert_eq!(accusations.len(), 1, "{:#?}", summary(&coded.records));
    assert_eq!(accusations[0].sentence_index, 1);
    // A title the text already opens with is not told twice.
    let coded = titled(
        "Turki Kecam Serangan Rusia",
        "Turki Kecam Serangan Rusia\n\nANKARA - Turki mengecam serangan Rusia terhadap Odesa.",
    );
    assert_eq!(coded.text.matches("Turki Kecam Serangan Rusia").count(), 1);
}

/// A place keeps the state it belonged to on the report's day: Juba is
/// Sudan's before South Sudan's independence (2011-07-09), South Sudan's
/// after, as a party, as a seat of government and as the act's location.
#[test]
fn a_place_belongs_to_its_state_of_the_day() {
    let on = |date: &str| {
        let doc = Document {
            doc_id: "juba".into(),
            text: "Rebels shelled army positions in Juba on Sunday, killing 20 people.".into(),
            date: Some(date.into()),
            language: Some("en".into()),
            ..Document::default()
        };
        let records = coder().code(&doc).records;
        let assault = find(&records, "ASSAULT").clone();
        let countries: Vec<String> = assault
            .recipient
            .iter()
            .filter_map(|e| e.country.clone())
            .collect();
        let place = assault.location.and_then(|l| l.country);
        (countries, place)
    };
    assert_eq!(
        on("2000-03-06"),
        (vec!["SDN".to_string()], Some("SDN".into()))
    );
    assert_eq!(
        on("2020-03-06"),
        (vec!["SSD".to_string()], Some("SSD".into()))
    );
    // Indonesian: "Juba" the seat of government only once the state exists.
    let indonesian = |date: &str| {
        code_on("Tentara Sudan menyerang Juba, Minggu (5/3).", date)
            .iter()
            .flat_map(|r| r.recipient.iter().filter_map(|e| e.country.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(indonesian("2000-03-06"), vec!["SDN".to_string()]);
    assert_eq!(indonesian("2020-03-06"), vec!["SSD".to_string()]);
}
