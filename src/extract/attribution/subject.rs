//! The subject of one speech verb: whether a word is a speech verb here at all, and who
//! it is attributed to.
//!
//! Orders handled: "X said", "said X" (only for verbs news prose inverts), "X, the
//! director of Y, said", "X of Y said", "X, head of policy at Y said", "said Y chief
//! executive X", "according to X", "X was quoted as saying", "Y quoted X as saying",
//! "criticised by X", "the claims made by X", "with X saying", "X ..., saying",
//! pronouns ("he" the last to speak, "it" the last body to speak), "which said" (the
//! name before), "a Microsoft spokesman said" (the body), "the union said" (a body
//! named before), lowercase institutions ("the foreign ministry said") and a body named
//! only at a sentence start ("Labour said", when "Labour" stands alone elsewhere).

use std::ops::Range;

use super::super::lexicon::{with_lowercase, SPEECH_VERBS, TITLES};
use super::super::mentions::{is_cap, Class};
use super::super::tokens::Kind;
use super::vocabulary::{
    is_in, ADVERBS, ADVICE_VERBS, BASE_FORMS, BE_FORMS, BODY_HEADS, BODY_VOICES, CLAUSE_ONLY_VERBS,
    DETERMINERS, HUMAN_REPRESENTATIVES, INVERTIBLE, MORE_SPEECH_VERBS, NOUN_LIKE_FORMS,
    PARTICIPLES_BEFORE_TO, QUOTE_ONLY_VERBS, ROLE_WORDS, SENTENCE_OPENERS, SPEECH_NOUNS,
};
use super::{lower, Attributor, Speaker};

/// Words between a subject and its verb ("Smith also said", "Smith has said").
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "again",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "will",
    "would",
    "could",
    "may",
    "might",
    "recently",
    "publicly",
    "repeatedly",
    "separately",
    "further",
    "once",
    "subsequently",
    "reportedly",
    "simply",
    "quickly",
    "yesterday",
    "today",
    "last",
    "night",
    "on",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "himself",
    "herself",
    "itself",
    "only",
    "just",
    "never",
    "always",
    "often",
    "too",
    "flatly",
    "angrily",
    "firmly",
    "bluntly",
    "openly",
];

/// Heads of lowercase institutional subjects ("the foreign ministry said").
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "department",
    "embassy",
    "agency",
    "office",
    "commission",
    "council",
    "cabinet",
    "consulate",
    "secretariat",
    "regulator",
    "watchdog",
];

/// Body heads that may refer back to whichever body was last in view ("the company
/// said"), even when its name lacks the word.
const GENERIC_BODY_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "carmaker",
    "airline",
    "retailer",
    "lender",
    "insurer",
    "brewer",
    "union",
    "commentary",
    "editorial",
    "newspaper",
];

/// Prepositions that tie a name to what comes before it.
const PREPOSITIONS: &[&str] = &[
    "from", "by", "at", "of", "with", "in", "on", "for", "to", "into", "about", "under", "after",
    "against",
];

/// Words that open a clause before its subject ("When asked whether ...").
const CONJUNCTIONS: &[&str] = &[
    "when", "if", "while", "after", "before", "although", "though", "as", "because", "since",
    "unless", "once", "where",
];

/// Pronouns and other words that open a sentence as its subject without naming anyone.
const PRONOUNS: &[&str] = &[
    "i", "we", "they", "you", "this", "that", "these", "those", "there", "here", "one", "some",
    "many", "most", "all", "both", "others", "each", "what",
];

/// Whether a name is a contraction the mention stage took for a name ("I've", "I'd").
fn is_contraction(name: &str) -> bool {
    let name = name.replace('’', "'");
    ["'ve", "'d", "'m", "'ll", "'re"]
        .iter()
        .any(|end| name.ends_with(end))
}

/// Auxiliary verbs: a stretch of words holding one is a clause.
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "did",
    "does", "do",
];

/// How far back an apposition may reach for its subject, in tokens.
const APPOSITION_REACH: usize = 30;

impl Attributor<'_> {
    /// Whether word `v` (lowercase `w`) of sentence `s` reports speech here.
    pub(super) fn is_speech_verb(
        &self,
        para: usize,
        v: usize,
        w: &str,
        s: Range<usize>,
        has_quote: bool,
    ) -> bool {
        let p = &self.paragraphs[para];
        if w == "according" {
            return v + 1 < s.end && lower(p, v + 1) == "to";
        }
        if w == "made" {
            // "the claims made by X".
            return v > s.start && is_in(SPEECH_NOUNS, &lower(p, v - 1));
        }
        let base = is_in(BASE_FORMS, w);
        let listed = SPEECH_VERBS.contains(w)
            || is_in(MORE_SPEECH_VERBS, w)
            || (has_quote && is_in(QUOTE_ONLY_VERBS, w));
        if !listed && !base {
            return false;
        }
        // After a determiner it is a noun or an adjective: "the agreed ability", "its
        // claims", "declined to say".
        if v > s.start && is_in(DETERMINERS, &lower(p, v - 1)) {
            return false;
        }
        // "a missile, believed to be a coin": an opinion about a thing, not speech.
        if is_in(PARTICIPLES_BEFORE_TO, w) && v + 1 < s.end && lower(p, v + 1) == "to" {
            return false;
        }
        // "tells the story of": a narrative, not speech.
        if v + 2 < s.end
            && matches!(lower(p, v + 1).as_str(), "the" | "a")
            && lower(p, v + 2) == "story"
        {
            return false;
        }
        if is_in(ADVICE_VERBS, w) {
            return (v + 1..s.end.min(v + 5))
                .any(|k| matches!(lower(p, k).as_str(), "to" | "that"));
        }
        if base || is_in(NOUN_LIKE_FORMS, w) {
            return self.subject_adjacent(para, v, s.start);
        }
        if is_in(CLAUSE_ONLY_VERBS, w) && v + 1 < s.end {
            let next = &p.tokens[v + 1];
            if next.kind == Kind::Number {
                return false;
            }
            if next.kind == Kind::Word {
                let n = lower(p, v + 1);
                return if w.starts_with("agree") {
                    matches!(n.as_str(), "that" | "with")
                } else {
                    !is_in(DETERMINERS, &n)
                };
            }
        }
        true
    }

    /// Whether the word before `v` (adverbs aside) can be the subject of a verb that is
    /// also a noun: a name, a pronoun or a noun that speaks for a body.
    fn subject_adjacent(&self, para: usize, v: usize, start: usize) -> bool {
        let p = &self.paragraphs[para];
        if v == start {
            return false;
        }
        let mut j = v - 1;
        while j > start && is_in(ADVERBS, &lower(p, j)) {
            j -= 1;
        }
        if self.lookup.ends.contains_key(&(para, j)) {
            return true;
        }
        let w = lower(p, j);
        matches!(
            w.as_str(),
            "he" | "she" | "it" | "they" | "we" | "who" | "which" | ")"
        ) || is_in(HUMAN_REPRESENTATIVES, &w)
            || is_in(BODY_VOICES, &w)
            || is_in(BODY_HEADS, &w)
            || self.named_elsewhere(para, j).is_some()
    }

    /// Whether verb `v` is passive ("it was announced", "she is believed to").
    fn is_passive(&self, para: usize, v: usize, start: usize) -> bool {
        let p = &self.paragraphs[para];
        let mut j = v;
        while j > start {
            j -= 1;
            let w = lower(p, j);
            if is_in(BE_FORMS, &w) {
                return true;
            }
            if !is_in(ADVERBS, &w) {
                return false;
            }
        }
        false
    }

    /// The speaker of speech verb `v` in sentence `s`.
    pub(super) fn speaker_of(&self, para: usize, v: usize, s: Range<usize>) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let w = lower(p, v);
        let prev = (v > s.start).then(|| lower(p, v - 1));
        if w == "according" {
            return self.according_to(para, v, s);
        }
        if w == "made" {
            return self.agent_after(para, v, s.end);
        }
        if w == "quoted" {
            if self.is_passive(para, v, s.start) {
                return self.subject_before(para, v - 1, s.start);
            }
            if v + 1 < s.end && lower(p, v + 1) == "by" {
                // "one analyst quoted by the AFP news agency".
                return self.agent_after(para, v, s.end);
            }
            // "Y quoted X as saying"; "Reuters quoted sources as saying" is Reuters'.
            return self
                .speaker_starting_at(para, v + 1, s.end)
                .or_else(|| {
                    (v > s.start)
                        .then(|| self.subject_before(para, v - 1, s.start))
                        .flatten()
                })
                .or(Some(Speaker::Unnamed));
        }
        if prev.as_deref() == Some("as") {
            // "quoted X as saying": handled by "quoted".
            return None;
        }
        if self.is_passive(para, v, s.start) {
            // "was criticised by the Scottish National Party"; "it was announced".
            return self.agent_after(para, v, s.end);
        }
        if w.ends_with("ing") {
            if prev.as_deref() == Some(",") {
                return self.sentence_subject(para, s);
            }
            return self.with_subject(para, v, s.start);
        }
        if prev.as_deref() == Some(",") {
            // "X, the director of Y, said" before "..., said X".
            if let Some(found) = self.apposition(para, v - 1, s.start) {
                return Some(found);
            }
        }
        if is_in(INVERTIBLE, &w) {
            if let Some(found) = self.inverted(para, v, s.clone(), prev.as_deref()) {
                return Some(found);
            }
        }
        if v == s.start {
            return None;
        }
        self.subject_before(para, v - 1, s.start)
    }

    /// "according to X", but not "according to X data".
    fn according_to(&self, para: usize, v: usize, s: Range<usize>) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let first = (v + 2..s.end.min(v + 9))
            .take_while(|&k| p.tokens[k].kind == Kind::Word)
            .find(|&k| self.lookup.starts.contains_key(&(para, k)))?;
        let m = self.mention_starting_at(para, first, s.end)?;
        let found = self.speaker_entity(m)?;
        // "according to Treasury Department data": the data speak, not the body. Only
        // when the name comes straight after "according to (the)"; "according to a
        // telex from X" is X's.
        let straight = (v + 2..first).all(|k| lower(p, k) == "the");
        // Further on, the name must be the source ("a telex from committee chairman
        // Citibank", "grid operator PSE"), not tied to it by another preposition ("a
        // document filed with the SEC").
        let last_preposition = (v + 2..first)
            .rev()
            .map(|k| lower(p, k))
            .find(|w| is_in(PREPOSITIONS, w));
        if last_preposition.is_some_and(|w| !matches!(w.as_str(), "from" | "by" | "at" | "of")) {
            return None;
        }
        let after = self.mentions[m].end;
        if straight
            && after < s.end
            && p.tokens[after].kind == Kind::Word
            && !is_cap(self.word(para, after))
            && !matches!(lower(p, after).as_str(), "which" | "who" | "said" | "says")
        {
            return None;
        }
        Some(found)
    }

    /// The agent of a passive speech verb: "branded 'irresponsible' by X".
    fn agent_after(&self, para: usize, v: usize, end: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        for k in v + 1..end.min(v + 12) {
            if p.in_quote[k] {
                continue;
            }
            match self.word(para, k) {
                "by" => {
                    // "told by Children's Minister Margaret Hodge": the person.
                    let m = self.mention_starting_at(para, k + 1, end)?;
                    return self
                        .person_after_body(m, end)
                        .or_else(|| self.speaker_entity(m));
                }
                "," | ";" | ":" => return None,
                _ => {}
            }
        }
        None
    }

    /// "with the Countryside Alliance saying", "with Opel management threatening".
    fn with_subject(&self, para: usize, v: usize, start: usize) -> Option<Speaker> {
        if v == start {
            return None;
        }
        let mut j = v - 1;
        if j > start
            && (is_in(BODY_VOICES, &lower(&self.paragraphs[para], j))
                || is_in(HUMAN_REPRESENTATIVES, &lower(&self.paragraphs[para], j)))
        {
            j -= 1;
        }
        let &m = self.lookup.ends.get(&(para, j))?;
        let mut k = self.mentions[m].start;
        while k > start && self.word(para, k - 1).eq_ignore_ascii_case("the") {
            k -= 1;
        }
        (k > start && self.word(para, k - 1) == "with")
            .then(|| self.speaker_entity(m))
            .flatten()
    }

    /// '"...," said Smith', ", said manager Graham Ellery", "said Telewest chief
    /// executive Eric Tveter".
    fn inverted(
        &self,
        para: usize,
        v: usize,
        s: Range<usize>,
        prev: Option<&str>,
    ) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        if v + 1 >= s.end {
            return None;
        }
        let quote_or_comma = |t: &str| matches!(t, "," | "”" | "\"" | "'" | "’" | ":");
        let after_quote = match prev {
            Some(t) => quote_or_comma(t),
            // A sentence opening with the verb follows a closing quote ('..." Said X').
            None => v > 0 && matches!(self.word(para, v - 1), "”" | "\"" | "'" | "’" | ","),
        };
        if !after_quote {
            return None;
        }
        // Up to three lowercase words ("energy analyst"), then only job words
        // ("chairman and chief executive officer").
        let mut k = v + 1;
        while k < s.end
            && k < v + 9
            && p.tokens[k].kind == Kind::Word
            && !is_cap(self.word(para, k))
            && !self.lookup.starts.contains_key(&(para, k))
            && (k < v + 4 || is_in(ROLE_WORDS, &lower(p, k)))
        {
            k += 1;
        }
        let Some(m) = self.mention_starting_at(para, k, s.end) else {
            // "said Nordea analyst Mikkel Friis", the body not taken for a name.
            let mut t = k;
            while t < s.end && t < k + 2 && is_cap(self.word(para, t)) {
                t += 1;
            }
            return (t > k)
                .then(|| self.person_after(para, t - 1, s.end))
                .flatten();
        };
        // The person after a body's name and a job, whatever the body was taken for
        // ("said Nordea analyst Mikkel Friis", "Nordea" read as a place).
        self.person_after_body(m, s.end)
            .or_else(|| self.speaker_entity(m))
    }

    /// After a body's name, a job and a person: "Mercedes chief executive Eckhard
    /// Cordes", "Aston's chief executive Ulrich Bez".
    fn person_after_body(&self, m: usize, end: usize) -> Option<Speaker> {
        // The first name's class does not matter: a body's name is often read as a
        // person's ("Mercedes"), and a person is never followed by a job and a name.
        let mention = &self.mentions[m];
        self.person_after(mention.para, mention.end - 1, end)
    }

    /// A person named after token `last` and a job: "... chief executive Eckhard Cordes".
    fn person_after(&self, para: usize, last: usize, end: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let mut k = last + 1;
        let mut roles = 0;
        while k < end && k < last + 7 && p.tokens[k].kind == Kind::Word {
            if let Some(&next) = self.lookup.starts.get(&(para, k)) {
                // "Ernst and Young's Sanjay Mehta": past a possessive name to the person.
                let owner = self.word(para, self.mentions[next].end - 1);
                if ["'s", "’s"].iter().any(|e| owner.ends_with(e)) {
                    return self.person_after(para, self.mentions[next].end - 1, end);
                }
                // "said ABN Amro's Eddie Wong": a possessive needs no job between.
                let possessive = ["'s", "’s"]
                    .iter()
                    .any(|e| self.word(para, last).ends_with(e));
                return (roles > 0 || possessive)
                    .then(|| self.person(next))
                    .flatten();
            }
            if !is_in(ROLE_WORDS, &lower(p, k)) && !TITLES.contains(self.word(para, k)) {
                return None;
            }
            roles += 1;
            k += 1;
        }
        None
    }

    fn person(&self, m: usize) -> Option<Speaker> {
        let id = self.table.entity_of(m);
        (self.table.entity(id).class == Class::Person).then_some(Speaker::Entity(id))
    }

    /// A mention that can speak, starting at token `i` (titles and "the" skipped).
    fn mention_starting_at(&self, para: usize, mut i: usize, end: usize) -> Option<usize> {
        let p = &self.paragraphs[para];
        while i < end && (TITLES.contains(self.word(para, i)) || lower(p, i) == "the") {
            if let Some(&m) = self.lookup.starts.get(&(para, i)) {
                return Some(m);
            }
            i += 1;
        }
        self.lookup.starts.get(&(para, i)).copied()
    }

    fn speaker_starting_at(&self, para: usize, i: usize, end: usize) -> Option<Speaker> {
        let m = self.mention_starting_at(para, i, end)?;
        self.speaker_entity(m)
    }

    fn speaker_entity(&self, m: usize) -> Option<Speaker> {
        let id = self.table.entity_of(m);
        let e = self.table.entity(id);
        (matches!(e.class, Class::Person | Class::Organization | Class::Other)
            && !is_contraction(&e.name))
        .then_some(Speaker::Entity(id))
    }

    fn is_person(&self, speaker: &Speaker) -> bool {
        matches!(speaker, Speaker::Entity(id) if self.table.entity(*id).class == Class::Person)
    }

    /// The subject whose last token is at or before `j`, skipping adverbs, appositions
    /// and parentheses.
    fn subject_before(&self, para: usize, mut j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        while j > start && BETWEEN_SUBJECT_AND_VERB.contains(&self.word(para, j)) {
            j -= 1;
        }
        match lower(p, j).as_str() {
            "he" | "she" => {
                self.human.set(true);
                // The person who last spoke, unless another has opened a sentence since.
                let subject = self
                    .last_subject_person
                    .filter(|&(_, at)| self.last_speaker.is_none() || at > self.last_speaker_at)
                    .map(|(id, _)| Speaker::Entity(id));
                subject
                    .or_else(|| self.last_speaker.clone())
                    .or_else(|| self.last_person.map(Speaker::Entity))
            }
            "it" => self
                .last_org_speaker
                .or(self.last_subject_org)
                .map(Speaker::Entity),
            "," => self.apposition(para, j, start),
            "who" | "which" if j > start => self.subject_at(para, j - 1, start).or_else(|| {
                // "Sierra Valley Conservancy, which argued"; "Harold Jennings, 91, who
                // said".
                (self.word(para, j - 1) == "," && j - 1 > start)
                    .then(|| {
                        self.subject_at(para, j - 2, start)
                            .or_else(|| self.apposition(para, j - 1, start))
                    })
                    .flatten()
            }),
            _ => self.subject_at(para, j, start),
        }
    }

    /// The subject ending exactly at token `j`: a name, a parenthesis after one, a
    /// description of a body ("the union", "the foreign ministry", "a Sony spokesman").
    fn subject_at(&self, para: usize, j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        if let Some(&m) = self.lookup.ends.get(&(para, j)) {
            if let Some(found) = self.speaker_entity(m) {
                return Some(self.person_before_body(m, start).unwrap_or(found));
            }
        }
        if self.word(para, j) == ")" {
            return self.parenthesis(para, j, start);
        }
        if let Some(found) = self.named_elsewhere(para, j) {
            return Some(found);
        }
        let w = lower(p, j);
        // "the judge told him": the person last named with that title.
        if j > start && self.word(para, j - 1).eq_ignore_ascii_case("the") {
            if let Some(&(_, id)) = self.titled.iter().rev().find(|(t, _)| *t == w) {
                return Some(Speaker::Entity(id));
            }
        }
        if is_in(BODY_HEADS, &w) {
            // "The Mirror newspaper said": the body named right before the noun.
            if let Some(found @ Speaker::Entity(_)) = self.body_before_noun(para, j, start) {
                return Some(found);
            }
            if let Some(found) = self.body_referred(para, j, start, &w) {
                return Some(found);
            }
        }
        if INSTITUTIONS.contains(&w.as_str()) {
            if let Some(found) = self.institution(para, j, start) {
                return Some(found);
            }
        }
        self.body_before_noun(para, j, start)
    }

    /// "X, the director of Y, said", "Its officer, Hélène Marchetti, said", "Harold
    /// Jennings, 91, who said": the subject before the comma at `j`.
    fn apposition(&self, para: usize, j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        if j <= start {
            return None;
        }
        let direct = self.subject_at(para, j - 1, start);
        let lowest = j.saturating_sub(APPOSITION_REACH).max(start);
        let mut k = j;
        let mut commas = 0;
        // Whether the words since the last comma hold an auxiliary verb: then they are
        // a clause ("A, a unit of B, is raising ..., said C"), not an apposition,
        // unless they open with "who" or "which".
        let mut clause = false;
        while k > lowest {
            k -= 1;
            if p.in_quote[k] || matches!(self.word(para, k), ";" | ":") {
                break;
            }
            let t = lower(p, k);
            if is_in(AUXILIARIES, &t) {
                clause = true;
            }
            if t != "," {
                continue;
            }
            if k == start || (clause && !matches!(lower(p, k + 1).as_str(), "who" | "which")) {
                break;
            }
            clause = false;
            if let Some(found) = self.subject_at(para, k - 1, start) {
                // "Minister of Fisheries, Kjersti Haugland, told": a name set off by the
                // commas, a person's or unplaced, over a body's. Not "X, who was Commons
                // Speaker, said": a relative clause describes what comes before it.
                let named = |s: &Speaker| {
                    matches!(s, Speaker::Entity(id)
                        if matches!(self.table.entity(*id).class, Class::Person | Class::Other))
                };
                let set_off_here = self.lookup.ends.get(&(para, j - 1)).is_some_and(|&m| {
                    let first = self.mentions[m].start;
                    // "..., councillor Eilidh Fraser, said".
                    first > k
                        && first <= k + 3
                        && (k + 1..first)
                            .all(|t| p.tokens[t].kind == Kind::Word && !is_cap(self.word(para, t)))
                });
                let unnamed = matches!(found, Speaker::Unnamed);
                if (set_off_here || unnamed) && direct.as_ref().is_some_and(named) && !named(&found)
                {
                    return direct;
                }
                return Some(found);
            }
            commas += 1;
            if commas == 3 {
                break;
            }
        }
        // The name just before the comma: a person ("Its officer, Hélène Marchetti,
        // said") or a body set off by commas ("Its parent, Acme Corp, said").
        let set_off = self.lookup.ends.get(&(para, j - 1)).is_some_and(|&m| {
            self.mentions[m].start > start && {
                let before = self.mentions[m].start - 1;
                self.word(para, before) == ","
            }
        });
        direct.filter(|d| self.is_person(d) || set_off || matches!(d, Speaker::Institution(_)))
    }

    /// "X (CNCERT) said": the subject before the parenthesis closing at `j`.
    fn parenthesis(&self, para: usize, j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let lowest = j.saturating_sub(APPOSITION_REACH).max(start);
        let mut k = j;
        while k > lowest {
            k -= 1;
            if p.in_quote[k] {
                return None;
            }
            if self.word(para, k) == "(" {
                return (k > start)
                    .then(|| self.subject_at(para, k - 1, start))
                    .flatten();
            }
        }
        None
    }

    /// For a body named as a subject, the person it belongs to: "Simon Hart of the
    /// Countryside Alliance", "Lisa Power, head of policy at the Terrence Higgins Trust".
    /// Also notes "a spokesman for X" as a person speaking for X.
    fn person_before_body(&self, m: usize, start: usize) -> Option<Speaker> {
        // Whatever class the body's name was given ("Snappy Snaps" reads as a person's).
        let mention = &self.mentions[m];
        let para = mention.para;
        let p = &self.paragraphs[para];
        // The linking word, before at most three lowercase words ("for distributor
        // Toho", "at research firm the Orbis Foundation").
        let mut k = mention.start;
        let mut words = 0;
        while k > start
            && words < 3
            && p.tokens[k - 1].kind == Kind::Word
            && !is_cap(self.word(para, k - 1))
            && !matches!(lower(p, k - 1).as_str(), "of" | "from" | "at" | "for")
        {
            k -= 1;
            words += 1;
        }
        if k >= start + 2 {
            let link = lower(p, k - 1);
            if matches!(link.as_str(), "of" | "from" | "at" | "for") {
                if link != "for" {
                    if let Some(found) = self.person_ending_at(para, k - 2) {
                        return Some(found);
                    }
                }
                // "a spokesman for (distributor) Toho".
                let spokesman = (k.saturating_sub(3).max(start)..k - 1)
                    .any(|i| is_in(HUMAN_REPRESENTATIVES, &lower(p, i)));
                if spokesman {
                    self.human.set(true);
                }
            }
        }
        // "Name, <lowercase role ...> Body said": the apposition was never closed.
        let lowest = mention.start.saturating_sub(15).max(start);
        let mut i = mention.start;
        while i > lowest {
            i -= 1;
            if p.in_quote[i] {
                return None;
            }
            let t = self.word(para, i);
            if t == "," {
                let opens_role = i + 1 < mention.start && !is_cap(self.word(para, i + 1));
                return (opens_role && i > start)
                    .then(|| self.person_ending_at(para, i - 1))
                    .flatten();
            }
            if matches!(t, ";" | ":" | "(" | ")") || SPEECH_VERBS.contains(&lower(p, i)) {
                return None;
            }
        }
        None
    }

    fn person_ending_at(&self, para: usize, j: usize) -> Option<Speaker> {
        let &m = self.lookup.ends.get(&(para, j))?;
        self.person(m)
    }

    /// A capitalised word at a sentence start that the mention stage dropped but the
    /// article names elsewhere: an entity of that name, or a word written capitalised
    /// and alone inside other sentences ("Labour said" beside "between Labour and").
    pub(super) fn named_elsewhere(&self, para: usize, j: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let w = self.word(para, j);
        if p.tokens[j].kind != Kind::Word
            || !p.clause_start[j]
            || p.in_quote[j]
            || w.len() < 2
            || !is_cap(w)
            || with_lowercase(w, |lower| {
                is_in(SENTENCE_OPENERS, lower)
                    || is_in(PRONOUNS, lower)
                    || is_in(CONJUNCTIONS, lower)
            })
            || is_contraction(w)
        {
            return None;
        }
        // "MPs", "CEOs": a plural of a title, not a body.
        let plural_acronym = w
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_uppercase()));
        if plural_acronym {
            return None;
        }
        if let Some(id) = self.table.lookup(w) {
            match self.table.entity(id).class {
                Class::Person | Class::Organization | Class::Other => {
                    return Some(Speaker::Entity(id))
                }
                Class::Place => return None,
                // Taken for a common word elsewhere too: the evidence below decides.
            }
        }
        (w.chars().all(char::is_alphabetic) && self.standalone_cap(w))
            .then(|| Speaker::Institution(w.to_string()))
    }

    /// "the union said", "the council says": the body named lately whose name has that
    /// word, or for a generic word the body last in view.
    fn body_referred(&self, para: usize, j: usize, start: usize, head: &str) -> Option<Speaker> {
        // "the union", "the US union": a definite description.
        let definite = (1..=2)
            .any(|back| j >= start + back && self.word(para, j - back).eq_ignore_ascii_case("the"));
        if !definite {
            return None;
        }
        let named = self.recent_bodies.iter().rev().find(|&&id| {
            self.table
                .entity(id)
                .name
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(head))
        });
        if let Some(&id) = named {
            return Some(Speaker::Entity(id));
        }
        if !GENERIC_BODY_HEADS.contains(&head) {
            return None;
        }
        self.last_org_speaker
            .or(self.last_subject_org)
            .map(Speaker::Entity)
    }

    /// "a Microsoft spokesman said", "The Verdi services union warned": a body named
    /// just before the lowercase noun that speaks for it.
    fn body_before_noun(&self, para: usize, j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let w = lower(p, j);
        let human = is_in(HUMAN_REPRESENTATIVES, &w);
        if !human
            && !is_in(BODY_VOICES, &w)
            && !is_in(BODY_HEADS, &w)
            && !INSTITUTIONS.contains(&w.as_str())
        {
            return None;
        }
        self.human.set(human);
        let mut k = j;
        while k > start
            && k + 3 > j
            && p.tokens[k].kind == Kind::Word
            && !is_cap(self.word(para, k))
        {
            k -= 1;
            if let Some(&m) = self.lookup.ends.get(&(para, k)) {
                // A name reaching into the previous sentence is no subject here.
                if self.mentions[m].start < start {
                    return None;
                }
                let found = self.speaker_entity(m)?;
                return (!self.is_person(&found)).then_some(found);
            }
        }
        Some(Speaker::Unnamed)
    }

    /// "the foreign ministry" ending at token `j`: its adjectives and head, lowercase.
    fn institution(&self, para: usize, j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let mut k = j;
        while k > start {
            let w = self.word(para, k - 1);
            if p.tokens[k - 1].kind != Kind::Word
                || matches!(
                    w,
                    "the" | "The" | "a" | "A" | "its" | "his" | "her" | "their"
                )
            {
                break;
            }
            if is_cap(w) || k + 3 <= j {
                return None;
            }
            k -= 1;
        }
        if k == j {
            return None;
        }
        Some(Speaker::Institution(p.span(k..j + 1).to_lowercase()))
    }

    /// The subject at the start of sentence `s` ("Shi Yinhong, director of ..., called
    /// it 'very rude', saying ...", "Environment Secretary Margaret Beckett rejected
    /// ...").
    pub(super) fn sentence_subject(&self, para: usize, s: Range<usize>) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let mut i = s.start;
        while i < s.end
            && (p.tokens[i].kind == Kind::Punct || is_in(SENTENCE_OPENERS, &lower(p, i)))
        {
            i += 1;
        }
        // The first name, after at most three capitalised words ("Environment
        // Secretary").
        let mut k = i;
        while k < s.end && k < i + 4 {
            if let Some(m) = self.mention_starting_at(para, k, s.end) {
                return self
                    .person_after_body(m, s.end)
                    .or_else(|| self.speaker_entity(m));
            }
            if p.tokens[k].kind != Kind::Word || !is_cap(self.word(para, k)) {
                break;
            }
            k += 1;
        }
        // "The defense ministry issued a statement, saying ..."
        let mut k = i;
        while k < s.end
            && k < i + 3
            && p.tokens[k].kind == Kind::Word
            && !is_cap(self.word(para, k))
        {
            if INSTITUTIONS.contains(&lower(p, k).as_str()) {
                return self.institution(para, k, s.start);
            }
            k += 1;
        }
        None
    }
}
