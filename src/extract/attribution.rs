//! Who said what: speech verbs and their subjects, and the speaker of each quotation.
//!
//! Attribution patterns handled: "X said", "said X", "X, the director of Y, said",
//! "according to X", "X told Y", "'...,' X was quoted as saying", "Y quoted X as
//! saying", "X ..., saying", "he said" (the most recent person), "which said" (the
//! preceding name), "a Microsoft spokesman said" (the organization) and lowercase
//! institutions ("the foreign ministry said"). A quotation takes the speaker of its
//! sentence, else of its paragraph, else of the quotation it continues.

use rustc_hash::FxHashMap;

use super::entities::EntityTable;
use super::lexicon::{SPEECH_VERBS, TITLES};
use super::mentions::{is_cap, Class, Mention};
use super::tokens::Kind;
use super::Paragraph;
use crate::article::Quote;

/// Speakers and quotes of one article.
#[derive(Debug, Default)]
pub struct Said {
    pub speakers: Vec<String>,
    pub quotes: Vec<Quote>,
}

/// Verbs that attribute speech only in a sentence that also holds a quotation.
const QUOTE_ONLY_VERBS: &[&str] = &[
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
];

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

/// Nouns for a body's representative: "a Microsoft spokesman said" credits Microsoft.
const REPRESENTATIVES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "representative",
    "source",
    "sources",
    "statement",
    "executive",
    "analyst",
    "analysts",
    "economist",
    "economists",
    "director",
    "chief",
    "president",
    "chairman",
    "report",
    "survey",
    "study",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Speaker {
    Entity(usize),
    Institution(String),
    /// Attributed, but to nobody we can name ("the spokesman").
    Unnamed,
}

struct Lookup {
    /// (paragraph, first token) -> mention index.
    starts: FxHashMap<(usize, usize), usize>,
    /// (paragraph, last token) -> mention index.
    ends: FxHashMap<(usize, usize), usize>,
}

struct Attributor<'a> {
    paragraphs: &'a [Paragraph],
    mentions: &'a [Mention],
    table: &'a mut EntityTable,
    lookup: Lookup,
    /// Most recent person who spoke, and most recent person or organization named.
    last_speaker: Option<usize>,
    last_person: Option<usize>,
    last_org: Option<usize>,
}

/// Find the speakers and quotes of an article.
pub fn attribute(paragraphs: &[Paragraph], mentions: &[Mention], table: &mut EntityTable) -> Said {
    let mut lookup = Lookup {
        starts: FxHashMap::default(),
        ends: FxHashMap::default(),
    };
    for (i, m) in mentions.iter().enumerate() {
        lookup.starts.insert((m.para, m.start), i);
        lookup.ends.insert((m.para, m.end - 1), i);
    }
    let mut a = Attributor {
        paragraphs,
        mentions,
        table,
        lookup,
        last_speaker: None,
        last_person: None,
        last_org: None,
    };
    a.run()
}

/// Index of the sentence holding token `t` (sentences are sorted, contiguous ranges).
fn sentence_of(sentences: &[std::ops::Range<usize>], t: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= t);
    sentences.get(i).filter(|s| s.contains(&t)).map(|_| i)
}

fn lower(p: &Paragraph, i: usize) -> String {
    p.tokens[i].text(&p.text).to_lowercase()
}

impl Attributor<'_> {
    fn word(&self, para: usize, i: usize) -> &str {
        let p = &self.paragraphs[para];
        p.tokens[i].text(&p.text)
    }

    fn run(&mut self) -> Said {
        let mut said = Said::default();
        let mut speaker_names: Vec<String> = Vec::new();
        // The previous paragraph's last quotation: its index in `said.quotes` and whether
        // it ran on to the paragraph's end.
        let mut previous: Option<(usize, bool)> = None;
        for para in 0..self.paragraphs.len() {
            let p = &self.paragraphs[para];
            let mut sentence_speakers: Vec<Option<(usize, Speaker)>> = Vec::new();
            for s in p.sentences.clone() {
                // Quotations are in token order: a binary search finds one in `s`.
                let first_after = p.quotations.partition_point(|q| q.open < s.start);
                let has_quote = p
                    .quotations
                    .get(first_after)
                    .is_some_and(|q| s.contains(&q.open));
                let mut found = None;
                for v in s.clone() {
                    self.note_mention(para, v);
                    if p.in_quote[v] || p.tokens[v].kind != Kind::Word {
                        continue;
                    }
                    let w = lower(p, v);
                    let is_verb = SPEECH_VERBS.contains(w.as_str())
                        || (has_quote && QUOTE_ONLY_VERBS.contains(&w.as_str()))
                        || (w == "according" && v + 1 < s.end && lower(p, v + 1) == "to");
                    if !is_verb {
                        continue;
                    }
                    if let Some(speaker) = self.speaker_of(para, v, s.clone()) {
                        if let Speaker::Entity(id) = speaker {
                            self.table.mark_speaker(id);
                            if self.table.entity(id).class == Class::Person {
                                self.last_speaker = Some(id);
                            }
                        }
                        if let Some(name) = self.name_of(&speaker) {
                            if !speaker_names.contains(&name) {
                                speaker_names.push(name);
                            }
                        }
                        if found.is_none() {
                            found = Some((v, speaker));
                        }
                    }
                }
                sentence_speakers.push(found);
            }
            // Quotations of this paragraph.
            let paragraph_speaker = sentence_speakers
                .iter()
                .flatten()
                .next()
                .map(|(_, s)| s.clone());
            for (qi, q) in p.quotations.iter().enumerate() {
                let range = q.inner(&p.tokens, p.text.len());
                let text = p.text[range]
                    .trim()
                    .trim_end_matches(',')
                    .trim()
                    .to_string();
                let continues =
                    qi == 0 && q.open == 0 && previous.is_some_and(|(_, ran_on)| ran_on);
                let words = text.split_whitespace().count();
                if words < 2 && !continues {
                    continue;
                }
                let own = sentence_of(&p.sentences, q.open)
                    .and_then(|si| sentence_speakers[si].as_ref().map(|(_, s)| s.clone()));
                let whole_paragraph =
                    q.open == 0 && q.close.is_none_or(|c| c + 2 >= p.tokens.len());
                let speaker = own
                    .or_else(|| paragraph_speaker.clone())
                    .or_else(|| {
                        // A paragraph that is one quotation continues the previous speaker.
                        (continues || whole_paragraph)
                            .then(|| previous.and_then(|(idx, _)| said.quotes[idx].speaker.clone()))
                            .flatten()
                            .map(Speaker::Institution)
                    })
                    .or_else(|| {
                        // Or, after a paragraph that introduces someone, it is theirs.
                        (q.open == 0 && previous.is_none() && para > 0)
                            .then(|| self.first_person(para - 1))
                            .flatten()
                            .map(Speaker::Entity)
                    });
                let name = speaker.as_ref().and_then(|s| self.name_of(s));
                if continues {
                    let (idx, _) = previous.expect("checked above");
                    let prev = &mut said.quotes[idx];
                    prev.text.push(' ');
                    prev.text.push_str(&text);
                    if prev.speaker.is_none() {
                        prev.speaker = name;
                    }
                    previous = Some((idx, q.close.is_none()));
                    continue;
                }
                said.quotes.push(Quote {
                    speaker: name,
                    text,
                });
                previous = Some((said.quotes.len() - 1, q.close.is_none()));
            }
            if p.quotations.is_empty() {
                previous = None;
            }
        }
        said.speakers = speaker_names;
        said
    }

    /// The first person named outside quotations in paragraph `para`.
    fn first_person(&self, para: usize) -> Option<usize> {
        let p = &self.paragraphs[para];
        let from = self.mentions.partition_point(|m| m.para < para);
        self.mentions[from..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.para == para)
            .filter(|(_, m)| !p.in_quote[m.start])
            .map(|(i, _)| self.table.entity_of(from + i))
            .find(|&id| self.table.entity(id).class == Class::Person)
    }

    /// Track the most recent person and organization named before token `i`.
    fn note_mention(&mut self, para: usize, i: usize) {
        if let Some(&m) = self.lookup.ends.get(&(para, i)) {
            let id = self.table.entity_of(m);
            match self.table.entity(id).class {
                Class::Person => self.last_person = Some(id),
                Class::Organization => self.last_org = Some(id),
                _ => {}
            }
        }
    }

    fn name_of(&self, speaker: &Speaker) -> Option<String> {
        match speaker {
            Speaker::Entity(id) => Some(self.table.speaker_name(*id)),
            Speaker::Institution(name) => Some(name.clone()),
            Speaker::Unnamed => None,
        }
    }

    /// A mention that can speak, ending at token `i`.
    fn speaker_ending_at(&self, para: usize, i: usize) -> Option<Speaker> {
        let &m = self.lookup.ends.get(&(para, i))?;
        self.speaker_entity(m)
    }

    /// A mention that can speak, starting at token `i` (titles before it skipped).
    fn speaker_starting_at(&self, para: usize, mut i: usize, end: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        while i < end && (TITLES.contains(self.word(para, i)) || lower(p, i) == "the") {
            if let Some(&m) = self.lookup.starts.get(&(para, i)) {
                return self.speaker_entity(m);
            }
            i += 1;
        }
        let &m = self.lookup.starts.get(&(para, i))?;
        self.speaker_entity(m)
    }

    fn speaker_entity(&self, m: usize) -> Option<Speaker> {
        let id = self.table.entity_of(m);
        matches!(
            self.table.entity(id).class,
            Class::Person | Class::Organization | Class::Unknown
        )
        .then_some(Speaker::Entity(id))
    }

    fn speaker_of(&self, para: usize, v: usize, s: std::ops::Range<usize>) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let w = lower(p, v);
        let prev = (v > s.start).then(|| lower(p, v - 1));
        if w == "according" {
            // "according to the Swiss glacier monitoring network Glamos".
            let first = (v + 2..s.end.min(v + 9))
                .take_while(|&k| p.tokens[k].kind == Kind::Word)
                .find(|&k| self.lookup.starts.contains_key(&(para, k)))?;
            let found = self.speaker_starting_at(para, first, s.end)?;
            // "according to Treasury Department data": the data speaks, not the body.
            if let Speaker::Entity(_) = found {
                let m = self.lookup.starts.get(&(para, first)).copied();
                if let Some(m) = m {
                    let after = self.mentions[m].end;
                    if after < s.end
                        && p.tokens[after].kind == Kind::Word
                        && !is_cap(self.word(para, after))
                        && !matches!(lower(p, after).as_str(), "which" | "who" | "said" | "says")
                    {
                        return None;
                    }
                }
            }
            return Some(found);
        }
        if w == "quoted" {
            if matches!(
                prev.as_deref(),
                Some("was" | "were" | "been" | "is" | "being")
            ) {
                return self.subject_before(para, v - 1, s.start);
            }
            return Some(
                self.speaker_starting_at(para, v + 1, s.end)
                    .unwrap_or(Speaker::Unnamed),
            );
        }
        if prev.as_deref() == Some("as") {
            // "quoted X as saying": handled by "quoted".
            return None;
        }
        if w.ends_with("ing") {
            if prev.as_deref() == Some(",") {
                return self.sentence_subject(para, s);
            }
            return None;
        }
        // Inverted order: '"...," said Smith', ", said manager Graham Ellery". Not for
        // verbs whose object is the listener ("told Reuters").
        let listener_verb = matches!(w.as_str(), "told" | "tells" | "telling");
        if v + 1 < s.end && !listener_verb {
            let after_quote_or_comma = v == s.start
                || prev
                    .as_deref()
                    .is_some_and(|t| matches!(t, "," | "”" | "\"" | "'" | "’" | ":"));
            if after_quote_or_comma {
                let mut k = v + 1;
                while k < s.end.min(v + 4)
                    && p.tokens[k].kind == Kind::Word
                    && !is_cap(self.word(para, k))
                    && !self.lookup.starts.contains_key(&(para, k))
                {
                    k += 1;
                }
                if let Some(found) = self.speaker_starting_at(para, k, s.end) {
                    return Some(found);
                }
            }
        }
        if v == s.start {
            return None;
        }
        self.subject_before(para, v - 1, s.start)
    }

    /// The subject whose last token is at or before `j`, skipping adverbs, appositions
    /// and parentheses.
    fn subject_before(&self, para: usize, mut j: usize, start: usize) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        while j > start && BETWEEN_SUBJECT_AND_VERB.contains(&self.word(para, j)) {
            j -= 1;
        }
        if let Some(found) = self.speaker_ending_at(para, j) {
            return Some(found);
        }
        let w = lower(p, j);
        match w.as_str() {
            "he" | "she" => {
                return self.last_speaker.or(self.last_person).map(Speaker::Entity);
            }
            "it" => return self.last_org.map(Speaker::Entity),
            "," | ")" => {
                // "X, the director of Y, said" / "X (CNCERT), which said".
                let open = if w == "," { "," } else { "(" };
                let lowest = j.saturating_sub(30).max(start);
                let mut k = j;
                while k > lowest {
                    k -= 1;
                    if p.in_quote[k] {
                        break;
                    }
                    if self.word(para, k) == open {
                        if k == start {
                            break;
                        }
                        let apposition = self.speaker_ending_at(para, k - 1).or_else(|| {
                            // "(CNCERT), which": the parenthesis after the name.
                            (self.word(para, k - 1) == ")")
                                .then(|| self.subject_before(para, k - 1, start))
                                .flatten()
                        });
                        if apposition.is_some() {
                            return apposition;
                        }
                        break;
                    }
                }
                // "Its digital affairs officer, Hélène Marchetti, said".
                return (w == "," && j > start)
                    .then(|| self.speaker_ending_at(para, j - 1))
                    .flatten();
            }
            "who" | "which" if j > start => {
                let mut k = j - 1;
                while k > start && matches!(self.word(para, k), "," | ")") {
                    k -= 1;
                }
                return self.speaker_ending_at(para, k);
            }
            _ => {}
        }
        if INSTITUTIONS.contains(&w.as_str()) {
            if let Some(found) = self.institution(para, j, start) {
                return Some(found);
            }
        }
        // "a Microsoft spokesman said", "The Verdi services union warned": a body named
        // just before the lowercase noun that speaks for it.
        let mut k = j;
        while k > start
            && k + 3 > j
            && p.tokens[k].kind == Kind::Word
            && !is_cap(self.word(para, k))
        {
            k -= 1;
            if let Some(found) = self.speaker_ending_at(para, k) {
                let person = matches!(found, Speaker::Entity(id) if self.table.entity(id).class == Class::Person);
                return (!person).then_some(found);
            }
        }
        REPRESENTATIVES
            .contains(&w.as_str())
            .then_some(Speaker::Unnamed)
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
    /// it 'very rude', saying ...").
    fn sentence_subject(&self, para: usize, s: std::ops::Range<usize>) -> Option<Speaker> {
        let p = &self.paragraphs[para];
        let mut i = s.start;
        while i < s.end
            && (p.tokens[i].kind == Kind::Punct || matches!(self.word(para, i), "The" | "A"))
        {
            i += 1;
        }
        if let Some(found) = self.speaker_starting_at(para, i, s.end) {
            return Some(found);
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
