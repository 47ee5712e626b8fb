//! The words attribution reasons with: which words may report speech, which pronouns
//! may stand for a source, and the small words around a source (adverbs between it and
//! its verb, prepositions before it). All lowercase. The model decides what each is
//! worth; these lists only say where to look.

use super::super::lexicon::{WordSet, SPEECH_VERBS};
use crate::extract::mentions::Class;

/// Verbs of speech beyond the lexicon's general list: a stance taken in words ("called
/// it a disaster", "welcomed the decision").
pub static MORE_SPEECH_VERBS: WordSet = WordSet::new(&[
    "accused",
    "accusing",
    "advised",
    "advises",
    "agreed",
    "apologised",
    "apologized",
    "asked",
    "asking",
    "attacked",
    "believed",
    "believes",
    "branded",
    "called",
    "calling",
    "calls",
    "complained",
    "condemned",
    "condemns",
    "continued",
    "criticised",
    "criticises",
    "criticized",
    "criticizes",
    "defended",
    "defends",
    "demanded",
    "described",
    "describes",
    "describing",
    "dismissed",
    "dismisses",
    "disputed",
    "dubbed",
    "echoed",
    "echoes",
    "hailed",
    "hails",
    "joked",
    "labeled",
    "labelled",
    "observed",
    "pledged",
    "praised",
    "praises",
    "promised",
    "protested",
    "queried",
    "questioned",
    "quipped",
    "recalled",
    "rejected",
    "suggested",
    "threatened",
    "urged",
    "urges",
    "urging",
    "vowed",
    "welcomed",
    "welcomes",
    "wrote",
    "according",
    "tweeted",
    "posted",
    "quoted",
    "insisted",
    "stressed",
    "noted",
]);

/// Verbs that report what someone said only in a sentence that also holds a quotation
/// ("accused them of", "called it a disaster"): elsewhere a stance, not speech.
pub static QUOTE_ONLY_VERBS: WordSet = WordSet::new(&[
    "called",
    "calling",
    "calls",
    "described",
    "describing",
    "describes",
    "accused",
    "accuses",
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
]);

/// Pronouns that may be the source of a quotation or a report.
pub static PRONOUNS: WordSet = WordSet::new(&["he", "she", "they", "it", "we", "i"]);

/// Nouns that, after "the", stand for a body the article named before ("the company
/// said"): candidates as pronouns are, resolved to an organization.
pub static BODY_NOUNS: WordSet = WordSet::new(&[
    "company",
    "firm",
    "group",
    "bank",
    "agency",
    "ministry",
    "department",
    "board",
    "committee",
    "campaign",
    "council",
    "union",
    "club",
    "commission",
    "association",
    "corporation",
    "airline",
    "carrier",
    "exchange",
    "regulator",
    "utility",
    "retailer",
    "insurer",
    "lender",
    "automaker",
    "carmaker",
    "manufacturer",
    "producer",
]);

/// Nouns that, after "the", stand for a person the article named before ("the judge
/// wrote"): candidates as pronouns are, resolved to a person.
pub static PERSON_NOUNS: WordSet = WordSet::new(&[
    "judge",
    "minister",
    "senator",
    "governor",
    "mayor",
    "president",
    "chairman",
    "chairwoman",
    "chancellor",
    "coach",
    "manager",
    "congressman",
    "congresswoman",
    "candidate",
]);

/// The class of entity a description ("company", "judge") or a pronoun stands for; `None`
/// for a word that is neither.
pub fn stands_for(lower: &str) -> Option<&'static [Class]> {
    match lower {
        "he" | "she" => Some(&[Class::Person]),
        "it" => Some(&[Class::Organization]),
        "they" => Some(&[Class::Organization, Class::Person]),
        w if BODY_NOUNS.contains(w) => Some(&[Class::Organization]),
        w if PERSON_NOUNS.contains(w) => Some(&[Class::Person]),
        _ => None,
    }
}

/// Adverbs that may stand between a source and its verb ("Smith also said").
pub static ADVERBS: WordSet = WordSet::new(&[
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
]);

/// Prepositions and verbs whose object is not the speaker ("of", "told", "to").
pub static PREPOSITIONS: WordSet = WordSet::new(&[
    "of", "for", "at", "from", "with", "to", "by", "about", "on", "in", "against", "told", "asked",
    "like", "than", "and", "or", "as",
]);

/// Whether a lowercase word is a verb of speech (the lexicon's lists; the model also
/// knows words of stance and intent from its training, which do not make a speaker).
pub fn is_speech_verb(lower: &str) -> bool {
    SPEECH_VERBS.contains(lower) || MORE_SPEECH_VERBS.contains(lower)
}

/// Whether a verb of speech reports speech only beside a quotation.
pub fn needs_a_quotation(lower: &str) -> bool {
    QUOTE_ONLY_VERBS.contains(lower)
}

/// The words of the lists that may report speech: the training adds them to the cue
/// words it learns, and the model holds them all.
pub fn speech_words() -> impl Iterator<Item = &'static str> {
    SPEECH_VERBS
        .words()
        .iter()
        .chain(MORE_SPEECH_VERBS.words())
        .copied()
}

/// Prepositions that join a body to the person named before it ("Ann Lee of Westbrook
/// University", "a spokesman for", "Tom Hale from the fire service").
pub static ATTACHING: WordSet = WordSet::new(&["of", "at", "from", "with", "for"]);

pub fn is_attaching(lower: &str) -> bool {
    ATTACHING.contains(lower)
}

/// Verbs of asking, whose agent ("polled by Reuters") is who asked, not who answered.
pub static ASKING: WordSet = WordSet::new(&[
    "asked",
    "canvassed",
    "cited",
    "consulted",
    "contacted",
    "interviewed",
    "polled",
    "queried",
    "questioned",
    "quoted",
    "surveyed",
]);

pub fn is_asking(lower: &str) -> bool {
    ASKING.contains(lower)
}

/// Verbs of quoting another: in "Xinhua quoted Zheng as saying", the one quoted spoke.
pub static QUOTING: WordSet =
    WordSet::new(&["cited", "cites", "citing", "quoted", "quotes", "quoting"]);

pub fn is_quoting(lower: &str) -> bool {
    QUOTING.contains(lower)
}

pub fn is_pronoun(lower: &str) -> bool {
    PRONOUNS.contains(lower)
}

/// Whether a lowercase word is a noun that, after "the", may stand for a name.
pub fn is_description(lower: &str) -> bool {
    BODY_NOUNS.contains(lower) || PERSON_NOUNS.contains(lower)
}

pub fn is_adverb(lower: &str) -> bool {
    ADVERBS.contains(lower)
}

pub fn is_preposition(lower: &str) -> bool {
    PREPOSITIONS.contains(lower)
}

/// A digest of the lists, part of the attribution features' fingerprint.
pub fn digest() -> u64 {
    let mut all = String::new();
    for set in [
        &SPEECH_VERBS,
        &MORE_SPEECH_VERBS,
        &PRONOUNS,
        &BODY_NOUNS,
        &PERSON_NOUNS,
        &ADVERBS,
        &PREPOSITIONS,
        &ATTACHING,
        &ASKING,
        &QUOTING,
    ] {
        all.push_str(&set.words().join("\n"));
        all.push('\u{1}');
    }
    xxhash_rust::xxh3::xxh3_64(all.as_bytes())
}
