//! The classes of error extraction once made, each pinned on sentences written for the
//! purpose: a line that ran into the next as a name, "New" dropped from names, weekdays
//! and prepositions glued on, titles (plural ones too) kept in names or taken for
//! names, table headers taken for
//! organizations, teams named by their city missed, quotations left without the
//! speaker their sentence names or a quotation they repeat has, a body that only says
//! who the person before it is taken for the speaker, who was told or asked taken for
//! who spoke, the agent of a speech word in the passive missed, who quotes another taken for who spoke, a name in brackets after a speaker's taken for the speaker, rating agencies and companies cut
//! into pieces, names
//! holding "of the" cut at "the", names an acronym in brackets spells cut short, and a
//! dateline's place taken for a name.

use super::extract_text;

fn article(body: &str) -> crate::Article {
    extract_text("test", &format!("Headline for the test\n\n{body}\n"))
}

fn has(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

#[test]
fn a_line_never_runs_into_the_next_as_a_name() {
    let a = extract_text(
        "test",
        "Jets rally past Dolphins\n\nLarry Fine\nNEW YORK 1996-08-30\nThe New York Jets \
         beat the Miami Dolphins 24-17 on Sunday, coach Rich Kotite said.\n",
    );
    assert!(has(&a.persons, "Larry Fine"), "{:?}", a.persons);
    assert!(
        !a.persons
            .iter()
            .any(|p| p.contains("YORK") || p.contains("York")),
        "{:?}",
        a.persons
    );
}

#[test]
fn a_byline_flattened_into_a_datasets_cell_runs_into_no_name() {
    // A CSV row whose cell lost its line break to a run of spaces, under a stated
    // headline: the byline is the byline, and no name runs into the dateline's place.
    let csv = "label,title,description\n\
        4,Obesity raises risk,\"By ANN MERCER    PORTVILLE (Wire) -- Obesity raises the risk \
        of nine cancers, specialists said on Monday.\"\n";
    let read = crate::readers::read("test.csv", std::path::Path::new("test.csv"), csv.as_bytes())
        .expect("the row reads");
    let a = super::extract(&read.articles[0]);
    assert_eq!(a.byline.as_deref(), Some("ANN MERCER"));
    assert_eq!(a.dateline.as_deref(), Some("PORTVILLE"));
    let names: Vec<&String> = a.persons.iter().chain(&a.organizations).collect();
    assert!(!names.iter().any(|n| n.contains("MERCER")), "{names:?}");
}

#[test]
fn new_stays_in_the_name() {
    let a = article("The New York Jets beat the Miami Dolphins 24-17 on Sunday.");
    assert!(
        has(&a.organizations, "New York Jets"),
        "{:?}",
        a.organizations
    );
    assert!(!has(&a.organizations, "York Jets"), "{:?}", a.organizations);
}

#[test]
fn weekdays_and_prepositions_stay_out_of_names() {
    let a = article(
        "Officials at Northwind Logistics met Harbour Rail on Monday and agreed to \
         further talks with Harbour Rail for Saturday.",
    );
    let names: Vec<&String> = a.organizations.iter().chain(&a.persons).collect();
    assert!(has(&a.organizations, "Northwind Logistics"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Monday") || n.contains("Saturday") || n.contains(" for")),
        "{names:?}"
    );
}

#[test]
fn titles_are_no_part_of_names() {
    let a = article(
        "The Labor Department Inspector General Tom Reyes told reporters the payroll \
         system had failed twice.",
    );
    assert_eq!(a.speakers, ["Tom Reyes"]);
    assert!(has(&a.persons, "Tom Reyes"), "{:?}", a.persons);
    assert!(
        has(&a.organizations, "Labor Department"),
        "{:?}",
        a.organizations
    );
    let names: Vec<&String> = a.organizations.iter().chain(&a.persons).collect();
    assert!(!names.iter().any(|n| n.contains("Inspector")), "{names:?}");
}

#[test]
fn plural_titles_are_no_names() {
    let a = article(
        "Sens. Nora Blake and Owen Pratt wrote to the agency on Tuesday, as did Reps. \
         Dana Whitfield and Carl Munro.",
    );
    for person in ["Nora Blake", "Owen Pratt", "Dana Whitfield", "Carl Munro"] {
        assert!(has(&a.persons, person), "{person}: {:?}", a.persons);
    }
    let names: Vec<&String> = a.organizations.iter().chain(&a.persons).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("Sens") || n.starts_with("Reps")),
        "{names:?}"
    );
}

#[test]
fn table_headers_are_no_organizations() {
    let a = article(
        "The following issues were priced on Tuesday.\n\
         Issuer          Amt        Cusip\n\
         Fairfax County  25.0 mln   304000\n\
         Hamilton Water  12.5 mln   407711",
    );
    let names: Vec<&String> = a.organizations.iter().chain(&a.persons).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Issuer") || n.contains("Cusip") || n.contains("Amt")),
        "{names:?}"
    );
}

#[test]
fn teams_named_by_their_city_are_organizations() {
    let a = article(
        "Results of National Hockey League games on Tuesday:\n\
         Chicago 3 Boston 2\n\
         Toronto 4 Detroit 1",
    );
    for team in ["Chicago", "Boston", "Toronto", "Detroit"] {
        assert!(has(&a.organizations, team), "{team}: {:?}", a.organizations);
    }
}

#[test]
fn a_quotation_takes_the_speaker_its_sentence_names() {
    let a = article(
        "The Blackhawks won again on Tuesday.\n\n\"We played our hearts out tonight,\" \
         said Boston coach Mike Keenan after the game.",
    );
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Mike Keenan"));
    let a = article(
        "Talks resumed on Friday. \"The offer is final,\" Marta Lindqvist, the chief \
         negotiator for the Nordic Ferry Workers union, told reporters.",
    );
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Marta Lindqvist"));
}

#[test]
fn the_person_speaks_not_the_body_named_after_them() {
    // "X of Y said": Y, joined to the person by a preposition, says who X is.
    let a = article(
        "The plant closed in March.\n\nProfessor Ann Lee of Westbrook University said the \
         figures were clear. \"Nobody saw this coming,\" Tom Hale from the Avon Fire \
         Service said.",
    );
    assert_eq!(a.speakers, ["Ann Lee", "Tom Hale"], "{:?}", a.speakers);
    assert!(
        has(&a.organizations, "Westbrook University"),
        "{:?}",
        a.organizations
    );
    assert_eq!(a.quotes[0].speaker.as_deref(), Some("Tom Hale"));
}

#[test]
fn a_bracketed_aside_after_a_name_leaves_the_name_the_speaker() {
    // An acronym, a party or a state in brackets between a name and its speech word.
    let a = article(
        "The Northfield Housing Trust (NHT) warned rents would rise by a fifth. Gov. Alma \
         Reyes (R-Okla.) said the state would help.",
    );
    assert_eq!(
        a.speakers,
        ["Northfield Housing Trust", "Alma Reyes"],
        "{:?}",
        a.speakers
    );
}

#[test]
fn the_agent_of_a_speech_word_in_the_passive_spoke() {
    for (body, agent) in [
        (
            "The ferry plan was criticised by the Harbour Alliance on Monday.",
            "Harbour Alliance",
        ),
        (
            "The decision was condemned by Tom Reyes, who called it unfair.",
            "Tom Reyes",
        ),
        ("The claim was denied by Ann Vale.", "Ann Vale"),
    ] {
        let a = article(body);
        assert_eq!(a.speakers, [agent], "{body}");
    }
}

#[test]
fn who_quotes_another_did_not_speak() {
    let a = article(
        "Ferry fares will rise in May. \"We have no choice,\" the Harbour Gazette quoted \
         port director Ines Brandt as telling councillors.",
    );
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(
        a.quotes[0].speaker.as_deref(),
        Some("Ines Brandt"),
        "{:?}",
        a.quotes
    );
}

#[test]
fn who_was_told_or_asked_did_not_speak() {
    let a = article(
        "Ferry fares will rise in May, economists polled by Northgate Wire said. Port \
         officials told the Harbour Gazette that the fares had been frozen for years. \
         Shipping agents queried by the Kelso Courier said much the same.",
    );
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
    assert!(
        has(&a.organizations, "Northgate Wire"),
        "{:?}",
        a.organizations
    );
}

#[test]
fn who_was_told_or_asked_is_no_later_pronoun() {
    // "they" are the economists, whom the article does not name: not the wire that
    // polled them.
    let a = article(
        "Ferry fares will rise in May, economists polled by Northgate Wire said.\n\n\
         \"The council has left itself no choice,\" they said.",
    );
    assert_eq!(a.quotes.len(), 1, "{:?}", a.quotes);
    assert_eq!(a.quotes[0].speaker, None, "{:?}", a.quotes);
    assert!(a.speakers.is_empty(), "{:?}", a.speakers);
}

#[test]
fn a_quotation_repeating_a_speakers_words_takes_that_speaker() {
    // A deck (or subheading, or pull quote) repeats words said further down.
    let a = article(
        "'a harbour that time forgot'\n\nThe ferry pier at Kelso Bay has been shut since \
         March.\n\n\"Nobody comes here now. It is a harbour that time forgot, and the \
         council knows it,\" said Ruth Abernethy, who has run the cafe on the quay since 1998.",
    );
    let deck = a.quotes.iter().find(|q| q.text.starts_with("a harbour"));
    assert_eq!(
        deck.and_then(|q| q.speaker.as_deref()),
        Some("Ruth Abernethy"),
        "{:?}",
        a.quotes
    );
    // A pull quote with its credit line holds more than the words it repeats.
    let a = article(
        "\"Nobody comes here now. It is a harbour that time forgot.\nCafe owner Ruth \
         Abernethy\"\n\nThe ferry pier at Kelso Bay has been shut since March.\n\n\"Nobody \
         comes here now. It is a harbour that time forgot,\" said Ruth Abernethy.",
    );
    assert!(
        a.quotes.len() == 2
            && a.quotes
                .iter()
                .all(|q| q.speaker.as_deref() == Some("Ruth Abernethy")),
        "{:?}",
        a.quotes
    );
    // Two words are a shared phrase, not a repetition; and words two people both said
    // are nobody's in particular.
    let a = article(
        "'time forgot'\n\n'the council knows'\n\n\"It is a harbour that time forgot, and the \
         council knows it,\" said Ruth Abernethy.\n\n\"The council knows what it did,\" said \
         Peter Lomax, a ferryman.",
    );
    for phrase in ["time forgot", "the council knows"] {
        let q = a.quotes.iter().find(|q| q.text == phrase);
        assert_eq!(
            q.map(|q| q.speaker.as_deref()),
            Some(None),
            "{phrase}: {:?}",
            a.quotes
        );
    }
}

#[test]
fn a_datelines_place_and_date_are_no_names() {
    // Wire copy opens with where and when it was filed; the place is the dateline field,
    // not a person, a body or a speaker.
    let a = article(
        "PORTO ALEGRE, March 3 - The Banco Meridional do Sul said on Tuesday it would raise \
         its lending rate. \"Costs have gone up,\" said Lucia Farias, the bank's treasurer.",
    );
    assert_eq!(a.dateline.as_deref(), Some("PORTO ALEGRE"));
    for field in [&a.persons, &a.organizations, &a.speakers] {
        assert!(
            field
                .iter()
                .all(|n| !n.contains("PORTO") && !n.starts_with("March")),
            "{field:?}"
        );
    }
    assert!(has(&a.speakers, "Lucia Farias"), "{:?}", a.speakers);
    // The story opens after the dateline, where a capital proves nothing: "Shr" (the
    // share line of an earnings table) is no name.
    let a = article(
        "PORTLAND, Maine, March 4 - Shr 45 cts vs 58 cts\n    Net 4,791,000 vs 3,803,000\n\n    \
         Shr 1.10 dlrs vs 90 cts",
    );
    assert!(a.persons.is_empty() && a.organizations.is_empty(), "{a:?}");
    // The agency in brackets after them is still an organization.
    let a = article(
        "ST LOUIS, Dec. 8 (Midland Wire) - Grain barges were held up by ice on the river, \
         shippers said.",
    );
    assert!(
        has(&a.organizations, "Midland Wire"),
        "{:?}",
        a.organizations
    );
    assert!(
        a.speakers.is_empty(),
        "the agency said nothing: {:?}",
        a.speakers
    );
    assert!(
        a.organizations.iter().all(|n| n != "ST" && n != "Dec."),
        "{:?}",
        a.organizations
    );
}

#[test]
fn rating_agencies_and_companies_stay_whole() {
    // In Reuters copy the agencies are mostly written with their legal form.
    let a = article(
        "Standard and Poor's Corp said it lowered the debt rating of Fairfax Holdings. \
         Duff and Phelps said it would review the company, whose largest lender is Sears \
         Roebuck and Co.",
    );
    assert!(
        has(&a.organizations, "Standard and Poor's Corp"),
        "{:?}",
        a.organizations
    );
    assert!(
        has(&a.organizations, "Duff and Phelps"),
        "{:?}",
        a.organizations
    );
    // The abbreviation's period stays with "Co." at the sentence's end.
    assert!(
        has(&a.organizations, "Sears Roebuck and Co.")
            || has(&a.organizations, "Sears Roebuck and Co"),
        "{:?}",
        a.organizations
    );
    let b = article(
        "The bonds of Fairfax Holdings were rated AA by Standard and Poor's. S and P said \
         the action affects 50 million dollars of debt.",
    );
    assert!(
        has(&b.organizations, "Standard and Poor's"),
        "{:?}",
        b.organizations
    );
    for piece in ["P", "S", "Poor", "Standard"] {
        assert!(
            !has(&b.organizations, piece),
            "{piece}: {:?}",
            b.organizations
        );
        assert!(!has(&b.speakers, piece), "{piece}: {:?}", b.speakers);
    }
    for piece in ["P", "Poor", "Phelps", "Co"] {
        assert!(
            !has(&a.organizations, piece),
            "{piece}: {:?}",
            a.organizations
        );
        assert!(!has(&a.speakers, piece), "{piece}: {:?}", a.speakers);
    }
}

#[test]
fn names_holding_of_the_stay_whole() {
    let a = article(
        "The Federation of the Harbour Pilots of Kellingford objected on Monday, and the \
         Society of the Friends of Mere Park wrote to the council.",
    );
    for name in [
        "Federation of the Harbour Pilots of Kellingford",
        "Society of the Friends of Mere Park",
    ] {
        assert!(has(&a.organizations, name), "{name}: {:?}", a.organizations);
    }
    assert!(
        !a.organizations.iter().any(|o| o.ends_with(" of")),
        "{:?}",
        a.organizations
    );
}

#[test]
fn a_name_an_acronym_in_brackets_spells_is_one_name() {
    let a = article(
        "The Northern League for the Protection of the Coast (NLPC) said on Monday that the \
         dunes were shrinking. A spokesman for the Ministry of Defence (MoD) declined to \
         comment.",
    );
    for name in [
        "Northern League for the Protection of the Coast",
        "Ministry of Defence",
    ] {
        assert!(has(&a.organizations, name), "{name}: {:?}", a.organizations);
    }
    // The acronyms are the same bodies, not others.
    assert!(!has(&a.organizations, "NLPC"), "{:?}", a.organizations);
    assert!(!has(&a.organizations, "MoD"), "{:?}", a.organizations);
    assert_eq!(
        a.speakers,
        ["Northern League for the Protection of the Coast"],
        "{:?}",
        a.speakers
    );
}
