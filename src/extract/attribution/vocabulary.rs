//! The words attribution reasons with: which verbs report speech and in which forms,
//! which may come before their subject, and which nouns speak for a body.
//!
//! The general speech-verb list lives in [`super::super::lexicon`]; these are the finer
//! distinctions only attribution needs (a verb that is also a plural noun, a verb that
//! reports speech only with a clause after it). All lists are lowercase.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::super::lexicon::SPEECH_VERBS;

/// Verbs that attribute speech only in a sentence that also holds a quotation.
pub const QUOTE_ONLY_VERBS: &[&str] = &[
    "called",
    "calling",
    "calls",
    "described",
    "describing",
    "describes",
    "accused",
    "accusing",
    "urged",
    "urging",
    "urges",
    "promised",
    "vowed",
    "pledged",
    "protested",
    "believes",
    "believed",
    "recalled",
    "suggested",
    "observed",
    "asked",
    "asking",
    "continued",
    "wrote",
    "threatened",
    "agreed",
    "complained",
    "attacked",
    "branded",
    "dubbed",
    "labelled",
    "labeled",
];

/// Speech verbs beyond the lexicon's, chiefly of public stance that report what someone
/// said ("X welcomed the decision", "Y has questioned how ...").
pub const MORE_SPEECH_VERBS: &[&str] = &[
    "quipped",
    "joked",
    "welcomed",
    "welcomes",
    "defended",
    "defends",
    "questioned",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "condemned",
    "condemns",
    "advised",
    "advises",
    "echoed",
    "echoes",
    "praised",
    "praises",
    "hailed",
    "hails",
    "demanded",
    "dismissed",
    "dismisses",
    "rejected",
    "disputed",
    "apologised",
    "apologized",
    "queried",
];

/// Plain (plural-subject) forms of speech verbs: "The Tories say".
pub const BASE_FORMS: &[&str] = &[
    "say",
    "tell",
    "add",
    "warn",
    "argue",
    "claim",
    "insist",
    "admit",
    "deny",
    "predict",
    "believe",
    "agree",
    "stress",
    "maintain",
    "contend",
    "allege",
    "acknowledge",
    "concede",
    "suggest",
    "urge",
    "accuse",
    "complain",
    "welcome",
    "criticise",
    "criticize",
];

/// Third-person verb forms that are just as often plural nouns ("member states",
/// "seek reports", "against claims"): speech only right after their subject.
pub const NOUN_LIKE_FORMS: &[&str] = &[
    "states",
    "reports",
    "claims",
    "notes",
    "remarks",
    "comments",
    "calls",
    "protests",
    "estimates",
    "forecasts",
    "promises",
    "pledges",
    "vows",
    "replies",
    "recalls",
    "counters",
    "questions",
    "demands",
    "tells",
    "welcomes",
];

/// Verbs that can precede their subject: "'...,' said Smith", ", added the minister".
/// Others ("agreed", "announced", "reported") are not inverted in news prose, so a name
/// after them is their object.
pub const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "asks",
    "wrote",
    "writes",
    "explained",
    "explains",
    "continued",
    "continues",
    "warned",
    "warns",
    "noted",
    "notes",
    "argued",
    "argues",
    "insisted",
    "insists",
    "predicted",
    "predicts",
    "replied",
    "recalled",
    "conceded",
    "cautioned",
    "observed",
    "stressed",
    "commented",
    "declared",
    "suggested",
    "maintained",
    "countered",
    "responded",
    "acknowledged",
    "admitted",
    "remarked",
    "quipped",
    "joked",
];

/// Verbs that report advice only when "to" or "that" follows soon ("advised residents
/// to boil water"), not a client ("advised Rheinland Handelsbank").
pub const ADVICE_VERBS: &[&str] = &["advised", "advises"];

/// Verbs whose plain object is a thing, not speech: "agreed to buy", "added a shift",
/// "maintained their ambitions".
/// They report speech only when a clause, a quotation or punctuation follows.
pub const CLAUSE_ONLY_VERBS: &[&str] = &[
    "agreed",
    "agrees",
    "agree",
    "added",
    "adds",
    "add",
    "maintained",
    "maintains",
];

/// Words that open a noun phrase: after a verb they make it take an object ("added a
/// Saturday shift"); before a verb they make it a noun or adjective ("the agreed
/// ability", "its claims").
pub const DETERMINERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "these", "those", "another",
    "more", "some", "any", "no", "new", "extra", "further", "to", "up",
];

/// Participles that before "to" give an opinion about a thing ("a missile, believed to
/// be a coin"), not a report of speech.
pub const PARTICIPLES_BEFORE_TO: &[&str] = &[
    "believed",
    "reported",
    "estimated",
    "alleged",
    "forecast",
    "rumoured",
    "rumored",
];

/// Forms of "to be": before a past participle they make it passive ("it was announced",
/// "she is believed to").
pub const BE_FORMS: &[&str] = &["is", "was", "are", "were", "be", "been", "being"];

/// Adverbs that may stand between an auxiliary and its participle, or a subject and its
/// verb ("was also announced", "The Tories now say").
pub const ADVERBS: &[&str] = &[
    "also",
    "still",
    "now",
    "often",
    "already",
    "widely",
    "immediately",
    "previously",
    "reportedly",
    "generally",
    "not",
    "later",
    "strongly",
    "sharply",
    "roundly",
    "publicly",
    "privately",
    "repeatedly",
    "themselves",
];

/// Nouns that speak for the body named before them ("a Microsoft spokesman said", "the
/// Verdi services union warned"). The first group are people.
pub const HUMAN_REPRESENTATIVES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "representative",
    "executive",
    "director",
    "chief",
    "president",
    "chairman",
    "chairwoman",
    "boss",
    "head",
    "lawyer",
    "lawyers",
    "analyst",
    "analysts",
    "economist",
    "economists",
    "minister",
    "ministers",
    "adviser",
    "advisers",
    "aide",
    "aides",
    "insider",
    "insiders",
    "negotiator",
    "negotiators",
    "diplomat",
    "diplomats",
    "manager",
    "managers",
    "bosses",
    "researchers",
    "scientists",
];

/// Nouns (not people) that speak for the body named before them.
pub const BODY_VOICES: &[&str] = &[
    "source",
    "sources",
    "statement",
    "report",
    "survey",
    "study",
    "union",
    "party",
    "group",
    "management",
    "board",
    "leadership",
];

/// Nouns for what someone said: "the claims made by X", "a complaint made by X".
pub const SPEECH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "comment",
    "comments",
    "remark",
    "remarks",
    "allegation",
    "allegations",
    "complaint",
    "complaints",
    "accusation",
    "accusations",
    "criticism",
    "warning",
    "warnings",
    "statement",
    "statements",
    "pledge",
    "promise",
];

/// Words that open a sentence before its subject ("But Smith said", "Earlier, Jones").
pub const SENTENCE_OPENERS: &[&str] = &[
    "but",
    "and",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "now",
    "so",
    "yet",
    "also",
    "still",
    "separately",
    "instead",
    "then",
    "the",
    "a",
];

/// Lowercase job (or kinship) words between a name and a person's name: "said Telewest
/// chief executive Eric Tveter", "said chairman and chief executive officer Bill Ford",
/// "Edwards' sister Rachel".
pub const ROLE_WORDS: &[&str] = &[
    "chief",
    "executive",
    "officer",
    "analyst",
    "economist",
    "strategist",
    "director",
    "manager",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "president",
    "vice",
    "head",
    "boss",
    "founder",
    "co-founder",
    "partner",
    "senior",
    "managing",
    "general",
    "deputy",
    "secretary",
    "minister",
    "and",
    "lawyer",
    "researcher",
    "professor",
    "editor",
    "correspondent",
    "coach",
    "captain",
    "leader",
    "colleague",
    "sister",
    "brother",
    "wife",
    "husband",
    "son",
    "daughter",
    "mother",
    "father",
    "widow",
];

/// Generic heads of a definite description that refers back to a named body ("the
/// company said", "the union said").
pub const BODY_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "union",
    "bank",
    "council",
    "party",
    "club",
    "agency",
    "ministry",
    "department",
    "commission",
    "association",
    "federation",
    "institute",
    "organisation",
    "organization",
    "carmaker",
    "airline",
    "retailer",
    "lender",
    "insurer",
    "brewer",
    "regulator",
    "watchdog",
    "board",
    "charity",
    "campaign",
    "commentary",
    "editorial",
    "newspaper",
];

/// Whether `word` (lowercase) is in `list`.
pub fn is_in(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// Whether `word` (lowercase) may be a speech verb in some use: a quick test that spares
/// the full checks for almost every word of an article.
pub fn may_report_speech(word: &str) -> bool {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SPEECH_VERBS.contains(word)
        || WORDS
            .get_or_init(|| {
                [
                    MORE_SPEECH_VERBS,
                    BASE_FORMS,
                    QUOTE_ONLY_VERBS,
                    &["according", "made"],
                ]
                .concat()
                .into_iter()
                .collect()
            })
            .contains(word)
}

/// `word` in lowercase: itself when it is already, else written into `buf` (reused, so
/// that no word allocates).
pub fn lowercase_into<'b>(word: &'b str, buf: &'b mut String) -> &'b str {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf
}

/// The initials of a name's capitalised words ("National Audit Office" -> "NAO"),
/// skipping small lowercase words ("Public and Commercial Services" -> "PCS"); an
/// acronym inside the name gives all its letters ("UK Independence Party" -> "UKIP").
pub fn initials(name: &str) -> String {
    let mut out = String::new();
    for w in name.split_whitespace() {
        if is_acronym(w) {
            out.extend(w.chars().filter(|c| c.is_alphabetic()));
        } else if let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) {
            out.push(c);
        }
    }
    out
}

/// Whether `name` is written as an acronym ("NAO", "EC", "U.S.").
pub fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_small_words() {
        for (name, want) in [
            ("National Audit Office", "NAO"),
            ("Public and Commercial Services", "PCS"),
            ("Bank of England", "BE"),
            ("UK Independence Party", "UKIP"),
            ("Acme", "A"),
        ] {
            assert_eq!(initials(name), want, "{name}");
        }
    }

    #[test]
    fn acronyms_are_short_capitals() {
        for (name, want) in [
            ("NAO", true),
            ("EC", true),
            ("U.S.", true),
            ("Acme", false),
            ("A", false),
            ("ABCDEFGH", false),
            ("BBC News", false),
        ] {
            assert_eq!(is_acronym(name), want, "{name}");
        }
    }

    #[test]
    fn lowercase_reuses_one_buffer() {
        let mut buf = String::new();
        assert_eq!(lowercase_into("Said", &mut buf), "said");
        assert_eq!(lowercase_into("ÉTAT", &mut buf), "état");
        assert_eq!(lowercase_into("said", &mut buf), "said");
        assert!(may_report_speech("said") && may_report_speech("welcomed"));
        assert!(!may_report_speech("table"));
    }

    #[test]
    fn speech_words_are_3_to_13_bytes() {
        // The walk over an article skips words of other lengths before any lookup.
        for list in [
            MORE_SPEECH_VERBS,
            BASE_FORMS,
            QUOTE_ONLY_VERBS,
            INVERTIBLE,
            NOUN_LIKE_FORMS,
            &["according", "made"],
        ] {
            for w in list {
                assert!((3..=13).contains(&w.len()), "{w}");
            }
        }
    }

    #[test]
    fn inverted_verbs_are_speech_verbs() {
        // Every invertible verb must also be recognised as speech somewhere, or the
        // inverted pattern can never fire for it.
        for verb in INVERTIBLE {
            assert!(
                SPEECH_VERBS.contains(verb) || is_in(MORE_SPEECH_VERBS, verb),
                "{verb}"
            );
        }
    }
}
