//! What the name model sees: each token described once ([`Word`]: its form, affixes,
//! word lists, cluster), its place in the text ([`Place`]), and the feature templates
//! that turn both into the sparse features the model weighs.
//!
//! Templates are an enum with fixed ids; a feature is a 64-bit key mixed from its
//! template's id and its value, with hashes that are ours (xxh3 of the word, a fixed
//! mixing step) so that a key means the same thing in every build. Changing what a
//! template computes means retraining: [`fingerprint`] covers the template list, the
//! word lists and the clusters, and the model file records it, so a model trained
//! with other features is refused at load instead of silently misread.

use xxhash_rust::xxh3::xxh3_64;

use super::clusters;
use crate::extract::lexicon::{self, lexicon, with_lowercase};
use crate::extract::tokens::Kind as TokenKind;

/// Bumped whenever a template changes what it computes without changing its name.
const REVISION: u64 = 3;

/// The feature templates. Ids are fixed: never renumber, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Template {
    /// Always on: the prior of each label.
    Bias = 0,
    /// The word, lowercased, without a possessive ending.
    Word = 1,
    /// The word's shape: letters as X and x, digits as d, runs of one class capped at
    /// three ("Xxxx", "XX", "dd-dd").
    Shape = 2,
    /// The shape with every run collapsed ("Xx", "X.X.").
    ShortShape = 3,
    Prefix3 = 4,
    Prefix4 = 5,
    Suffix2 = 6,
    Suffix3 = 7,
    Suffix4 = 8,
    /// One feature per [`Flag`] of the word: its form and the word lists it is in.
    Flag = 9,
    PrevWord = 10,
    NextWord = 11,
    Prev2Word = 12,
    Next2Word = 13,
    PrevShape = 14,
    NextShape = 15,
    /// The previous word and this one.
    PrevWordWord = 16,
    /// This word and the next one.
    WordNextWord = 17,
    PrevFlag = 18,
    NextFlag = 19,
    /// One feature per [`Place`] flag of the token: sentence start, headline, capitals.
    Position = 20,
    /// Short shapes of the previous, this and the next token.
    ShapeWindow = 21,
    /// The word's cluster, at several depths of its tree path.
    Cluster = 22,
    PrevCluster = 23,
    NextCluster = 24,
    /// How the same word is written elsewhere in the article (in lowercase, capitalised
    /// inside a sentence).
    Elsewhere = 25,
    /// Second pass: the kinds the first pass gave the same word elsewhere in the article.
    ArticleKind = 26,
    /// Second pass: where the same word stood in names the first pass found elsewhere
    /// (the last word of a person's name, the first of an organization's).
    ArticlePart = 27,
    /// A word list flag combined with the short shape (a given name in capitals).
    FlagShape = 28,
    /// The previous word's flags combined with this word's short shape.
    PrevFlagShape = 29,
    /// A lowercase word written just before the same word elsewhere in the article
    /// ("shares in", "striker"): evidence one mention carries to the others.
    ArticlePrevWord = 30,
    /// A lowercase word written just after the same word elsewhere ("said", "fans").
    ArticleNextWord = 31,
    /// Second pass: the kind the first pass gave a name this token is listed with, just
    /// before or after it across "and", "or" or a comma ("Rangers and Fulham").
    Coordinated = 32,
}

impl Template {
    /// Every template, in id order.
    pub const ALL: [Template; 33] = [
        Template::Bias,
        Template::Word,
        Template::Shape,
        Template::ShortShape,
        Template::Prefix3,
        Template::Prefix4,
        Template::Suffix2,
        Template::Suffix3,
        Template::Suffix4,
        Template::Flag,
        Template::PrevWord,
        Template::NextWord,
        Template::Prev2Word,
        Template::Next2Word,
        Template::PrevShape,
        Template::NextShape,
        Template::PrevWordWord,
        Template::WordNextWord,
        Template::PrevFlag,
        Template::NextFlag,
        Template::Position,
        Template::ShapeWindow,
        Template::Cluster,
        Template::PrevCluster,
        Template::NextCluster,
        Template::Elsewhere,
        Template::ArticleKind,
        Template::ArticlePart,
        Template::FlagShape,
        Template::PrevFlagShape,
        Template::ArticlePrevWord,
        Template::ArticleNextWord,
        Template::Coordinated,
    ];

    /// The template of an id, as stored in explanations.
    pub fn from_id(id: u16) -> Option<Template> {
        Template::ALL.get(id as usize).copied()
    }
}

/// Facts about a word itself, each a bit of [`Word::flags`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Flag {
    /// The first letter is a capital.
    Capitalised = 0,
    /// Two or more letters, all capitals.
    AllCaps = 1,
    /// A capital after the first letter ("McDonald", "iPhone").
    InnerCap = 2,
    HasDigit = 3,
    /// Ends in 's or a plural possessive apostrophe.
    Possessive = 4,
    /// One capital letter with a period ("J.").
    Initial = 5,
    /// Letters with periods inside ("U.S.").
    Dotted = 6,
    Hyphenated = 7,
    GivenName = 8,
    Surname = 9,
    Place = 10,
    Demonym = 11,
    /// A word that ends organization names ("Ministry", "Council").
    OrgHead = 12,
    /// A company's legal form ("Inc", "AG").
    CompanySuffix = 13,
    /// A title or honorific ("Mr", "President").
    Title = 14,
    /// A news outlet or agency.
    Outlet = 15,
    /// Lowercased, a common English word.
    Common = 16,
    /// Lowercased, an English dictionary word.
    Dictionary = 17,
    /// A verb that reports speech.
    SpeechVerb = 18,
    /// A month or a day of the week.
    Calendar = 19,
    /// A small word that joins the parts of a name ("of", "de", "&").
    Connector = 20,
    /// A sentence-ending or bracketing punctuation mark.
    Stop = 21,
    /// A word that ends names of places ("Avenue", "Glacier", "Station").
    PlaceHead = 22,
    /// A word that ends names of events and awards ("Show", "Awards", "Cup").
    EventHead = 23,
}

impl Flag {
    /// Every flag, in bit order.
    pub const ALL: [Flag; 24] = [
        Flag::Capitalised,
        Flag::AllCaps,
        Flag::InnerCap,
        Flag::HasDigit,
        Flag::Possessive,
        Flag::Initial,
        Flag::Dotted,
        Flag::Hyphenated,
        Flag::GivenName,
        Flag::Surname,
        Flag::Place,
        Flag::Demonym,
        Flag::OrgHead,
        Flag::CompanySuffix,
        Flag::Title,
        Flag::Outlet,
        Flag::Common,
        Flag::Dictionary,
        Flag::SpeechVerb,
        Flag::Calendar,
        Flag::Connector,
        Flag::Stop,
        Flag::PlaceHead,
        Flag::EventHead,
    ];

    fn bit(self) -> u32 {
        1 << self as u8
    }
}

/// Where a token stands, each a bit of [`Place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Position {
    /// First word of a sentence, line or quotation, where a capital proves nothing.
    ClauseStart = 0,
    /// In the headline.
    Headline = 1,
    /// In a line written in capitals.
    CapitalLine = 2,
    /// Inside a quotation.
    Quoted = 3,
    /// Between brackets, alone ("(IGC)").
    Bracketed = 4,
    /// In a line with many numbers: a table or a list of results.
    NumberLine = 5,
    /// The first, middle or last word of a known phrase ("Standard and Poor's").
    PhraseFirst = 6,
    PhraseMiddle = 7,
    PhraseLast = 8,
}

impl Position {
    pub const ALL: [Position; 9] = [
        Position::ClauseStart,
        Position::Headline,
        Position::CapitalLine,
        Position::Quoted,
        Position::Bracketed,
        Position::NumberLine,
        Position::PhraseFirst,
        Position::PhraseMiddle,
        Position::PhraseLast,
    ];
}

/// Flags of [`Position`]s.
pub type Place = u16;

/// Whether `place` has `position`.
pub fn has(place: Place, position: Position) -> bool {
    place & (1 << position as u8) != 0
}

/// Set `position` in `place`.
pub fn set(place: &mut Place, position: Position) {
    *place |= 1 << position as u8;
}

/// A token described independently of where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Word {
    /// Hash of the token as written: what the word is, for memos.
    pub id: u64,
    /// Hash of the word lowercased, without a possessive ending or a final period (so
    /// that "Mr." and "Mr", "Corp." and "Corp" are one word).
    pub word: u64,
    pub shape: u64,
    pub short_shape: u64,
    /// Prefixes of 3 and 4 and suffixes of 2, 3 and 4 characters, hashed.
    pub affixes: [u64; 5],
    /// Bits of [`Flag`]s.
    pub flags: u32,
    /// The word's cluster path with a leading 1 bit; 0 when it has none.
    pub cluster: u32,
    /// Whether a name may include this token at all (see [`may_be_named`]).
    pub nameable: bool,
    /// A lowercase small word that joins name parts, or a number: nameable only between
    /// nameable words.
    pub joiner: bool,
    /// A word or number token, not punctuation.
    pub lettered: bool,
}

impl Word {
    pub fn has(&self, flag: Flag) -> bool {
        self.flags & flag.bit() != 0
    }
}

/// The word of a token without a possessive ending ("People's" is "People",
/// "Teachers'" is "Teachers"), and whether it had one.
pub fn strip_possessive(token: &str) -> (&str, bool) {
    for ending in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = token.strip_suffix(ending) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    for ending in ["'", "’"] {
        if let Some(stem) = token.strip_suffix(ending) {
            if stem.ends_with(['s', 'S']) {
                return (stem, true);
            }
        }
    }
    (token, false)
}

/// The shape of a word: character classes with runs capped at `cap`.
fn shape(word: &str, cap: usize) -> u64 {
    let mut out = [0u8; 24];
    let mut len = 0;
    let mut last = 0u8;
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if class == last {
            run += 1;
            if run > cap {
                continue;
            }
        } else {
            last = class;
            run = 1;
        }
        if len == out.len() {
            break;
        }
        out[len] = class;
        len += 1;
    }
    xxh3_64(&out[..len])
}

/// Hash of a string: the one hash every word-valued feature uses.
pub fn hash(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

fn affixes(lower: &str) -> [u64; 5] {
    let n = lower.chars().count();
    // The first k characters, and the last k, when the word is longer than k.
    let prefix = |k: usize| match lower.char_indices().nth(k) {
        Some((at, _)) => hash(&lower[..at]),
        None => 0,
    };
    let suffix = |k: usize| match lower.char_indices().nth_back(k - 1) {
        Some((at, _)) if n > k => hash(&lower[at..]),
        _ => 0,
    };
    [prefix(3), prefix(4), suffix(2), suffix(3), suffix(4)]
}

/// The flags of a word's form.
fn form_flags(word: &str, possessive: bool) -> u32 {
    let mut flags = 0;
    let mut letters = 0;
    let mut uppers = 0;
    let mut inner_cap = false;
    for (i, c) in word.chars().enumerate() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                uppers += 1;
                if i > 0 {
                    inner_cap = true;
                }
            }
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    let mut set = |flag: Flag, on: bool| {
        if on {
            flags |= flag.bit();
        }
    };
    set(Flag::Capitalised, first_upper);
    set(Flag::AllCaps, letters >= 2 && uppers == letters);
    set(Flag::InnerCap, inner_cap && uppers < letters);
    set(Flag::HasDigit, word.chars().any(|c| c.is_ascii_digit()));
    set(Flag::Possessive, possessive);
    set(
        Flag::Initial,
        letters == 1 && first_upper && word.ends_with('.'),
    );
    set(
        Flag::Dotted,
        letters >= 2 && word.trim_end_matches('.').contains('.'),
    );
    set(Flag::Hyphenated, word.contains('-'));
    flags
}

/// A word without its accents ("François" is "Francois"), when it has any.
fn unaccented(word: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return None;
    }
    let folded: String = word
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    (folded != word).then_some(folded)
}

/// The flags of the word lists a word is in. Words in capitals are also looked up as
/// a capital and lowercase letters ("LEICESTERSHIRE" as "Leicestershire"), words with
/// accents also without them (the lists are mostly ASCII).
fn list_flags(word: &str, lower: &str, all_caps: bool) -> u32 {
    let lex = lexicon();
    let mut found = lex.flags(word);
    if let Some(folded) = unaccented(word) {
        found |= lex.flags(&folded);
    }
    if all_caps && word.len() > 1 {
        let mut titled = String::with_capacity(word.len());
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            titled.extend(first.to_uppercase());
            titled.push_str(chars.as_str());
        }
        found |= lex.flags(&titled);
    }
    let mut flags = 0;
    for (list, flag) in [
        (lexicon::GIVEN, Flag::GivenName),
        (lexicon::SURNAME, Flag::Surname),
        (lexicon::PLACE, Flag::Place),
        (lexicon::DEMONYM, Flag::Demonym),
        (lexicon::ORG_HEAD, Flag::OrgHead),
        (lexicon::SUFFIX, Flag::CompanySuffix),
        (lexicon::TITLE, Flag::Title),
        (lexicon::OUTLET, Flag::Outlet),
        (lexicon::PLACE_HEAD, Flag::PlaceHead),
        (lexicon::EVENT_HEAD, Flag::EventHead),
    ] {
        if found & list != 0 {
            flags |= flag.bit();
        }
    }
    if lex.is_common(lower) {
        flags |= Flag::Common.bit();
    }
    if lex.is_dictionary_word(lower) {
        flags |= Flag::Dictionary.bit();
    }
    if lexicon::SPEECH_VERBS.contains(lower) {
        flags |= Flag::SpeechVerb.bit();
    }
    if lexicon::CALENDAR.contains(lower) {
        flags |= Flag::Calendar.bit();
    }
    if lexicon::NAME_CONNECTORS.contains(lower) {
        flags |= Flag::Connector.bit();
    }
    flags
}

/// Describe one token.
pub fn describe(token: &str, kind: TokenKind) -> Word {
    let (stem, possessive) = strip_possessive(token);
    with_lowercase(stem, |lower| {
        let mut flags = form_flags(stem, possessive);
        let all_caps = flags & Flag::AllCaps.bit() != 0;
        flags |= list_flags(stem, lower, all_caps);
        if kind == TokenKind::Punct && matches!(token, "." | "!" | "?" | "(" | ")" | ";" | ":") {
            flags |= Flag::Stop.bit();
        }
        let has_upper = token.chars().any(char::is_uppercase);
        let connector = flags & Flag::Connector.bit() != 0 && !has_upper;
        // A legal form in lowercase ("Halvorsen plc") closes a name as "Plc" would.
        let suffix = flags & Flag::CompanySuffix.bit() != 0 && !has_upper;
        let bare = if lower.len() > 1 {
            lower.strip_suffix('.').unwrap_or(lower)
        } else {
            lower
        };
        Word {
            id: hash(token),
            word: hash(bare),
            shape: shape(stem, 3),
            short_shape: shape(stem, 1),
            affixes: affixes(lower),
            flags,
            cluster: clusters::path(lower),
            nameable: kind == TokenKind::Word && has_upper,
            joiner: connector || suffix || kind == TokenKind::Number || token == "&",
            lettered: kind != TokenKind::Punct,
        }
    })
}

/// The boundary "word" before the first and after the last token of a segment.
pub const BOUNDARY: Word = Word {
    id: 0xB0B0_B0B0,
    word: 0xB0B0_B0B0,
    shape: 0xB0B0_B0B0,
    short_shape: 0xB0B0_B0B0,
    affixes: [0; 5],
    flags: 0,
    cluster: 0,
    nameable: false,
    joiner: false,
    lettered: false,
};

/// Whether a token may only stand inside a name, never open or close one: a small
/// lowercase word ("of", "the", "van"), not a number or a legal form ("plc").
pub fn inside_only(w: &Word) -> bool {
    w.joiner && !w.nameable && !w.has(Flag::HasDigit) && !w.has(Flag::CompanySuffix)
}

/// The longest run of small words that may join two capitalised words into one name
/// ("Bank of England", "Mies van der Rohe", "Council for the Exploration of the Sea").
const MAX_JOINERS: usize = 3;

/// Whether each token of a segment may be part of a name: capitalised words, and the
/// joiners ("of", "&", numbers) that stand between two such words ("Bank of England",
/// "Unit 61398", "1860 Munich"). Every other token is outside any name, which is what
/// keeps decoding cheap: a model only looks at the stretches between them.
pub fn may_be_named(words: &[Word]) -> Vec<bool> {
    let n = words.len();
    let mut out: Vec<bool> = words.iter().map(|w| w.nameable).collect();
    let mut i = 0;
    while i < n {
        if out[i] || !words[i].joiner {
            i += 1;
            continue;
        }
        // The run of joiners from `i` to `end`, and whether capitalised words stand on
        // both sides of it.
        let end = (i..n)
            .find(|&k| words[k].nameable || !words[k].joiner)
            .unwrap_or(n);
        let bridged = i > 0
            && words[i - 1].nameable
            && end < n
            && words[end].nameable
            && end - i <= MAX_JOINERS;
        for k in i..end {
            let before = k > 0 && words[k - 1].nameable;
            let next_nameable = words.get(k + 1).is_some_and(|w| w.nameable);
            let next_joins = k + 1 < end || next_nameable;
            // A number may open or close a name next to a capitalised word; a legal
            // form closes one; small words only join two.
            out[k] = if words[k].has(Flag::HasDigit) {
                before || next_nameable
            } else if words[k].has(Flag::CompanySuffix) {
                before
            } else {
                bridged || (before && next_joins)
            };
        }
        i = end;
    }
    out
}

/// One step of mixing: the key of a feature from its template and value parts.
#[inline]
fn mix(template: Template, a: u64, b: u64) -> u64 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ a;
    h = h.rotate_left(29).wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ b;
    h ^= h >> 31;
    h.wrapping_mul(0x94D0_49BB_1331_11EB) ^ (h >> 29)
}

/// The key of a feature of `template` with value `value`.
#[inline]
pub fn key(template: Template, value: u64) -> u64 {
    mix(template, value, 0)
}

/// The key of a feature of `template` with a two-part value.
#[inline]
pub fn key2(template: Template, a: u64, b: u64) -> u64 {
    mix(template, a, b)
}

/// Where features go: a list of keys when labelling, or keys with their template and a
/// detail (a flag's bit, a cluster's depth, a kind) when explaining.
pub trait Sink {
    fn add(&mut self, template: Template, detail: u64, key: u64);
}

impl Sink for Vec<u64> {
    #[inline(always)]
    fn add(&mut self, _: Template, _: u64, key: u64) {
        self.push(key);
    }
}

/// Features with what made them, for explanations.
#[derive(Debug, Default)]
pub struct Described(pub Vec<(Template, u64, u64)>);

impl Sink for Described {
    fn add(&mut self, template: Template, detail: u64, key: u64) {
        self.0.push((template, detail, key));
    }
}

/// The depths of a cluster path that become features.
const CLUSTER_DEPTHS: [u32; 4] = [4, 6, 10, 20];

fn push_cluster(template: Template, cluster: u32, out: &mut impl Sink) {
    if cluster == 0 {
        return;
    }
    let len = 31 - cluster.leading_zeros();
    for depth in CLUSTER_DEPTHS {
        let d = depth.min(len);
        let prefix = cluster >> (len - d);
        out.add(
            template,
            u64::from(depth),
            key2(template, u64::from(depth), u64::from(prefix)),
        );
        if d == len {
            break;
        }
    }
}

fn push_flags(template: Template, flags: u32, out: &mut impl Sink) {
    let mut rest = flags;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        out.add(template, u64::from(bit), key(template, u64::from(bit)));
        rest &= rest - 1;
    }
}

/// The lowercase words around a capitalised word's occurrences in an article: hashes of
/// the words before and after, a few of each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Company {
    before: [u64; COMPANY_KEPT],
    after: [u64; COMPANY_KEPT],
    befores: u8,
    afters: u8,
}

/// How many neighbours of each side [`Company`] keeps.
pub const COMPANY_KEPT: usize = 12;

impl Company {
    /// Note a word written before the capitalised word (kept once, while there is room).
    pub fn add_before(&mut self, word: u64) {
        keep(&mut self.before, &mut self.befores, word);
    }

    /// Note a word written after it.
    pub fn add_after(&mut self, word: u64) {
        keep(&mut self.after, &mut self.afters, word);
    }

    pub fn before(&self) -> &[u64] {
        &self.before[..self.befores as usize]
    }

    pub fn after(&self) -> &[u64] {
        &self.after[..self.afters as usize]
    }
}

fn keep(list: &mut [u64; COMPANY_KEPT], len: &mut u8, word: u64) {
    let n = *len as usize;
    if n < COMPANY_KEPT && !list[..n].contains(&word) {
        list[n] = word;
        *len += 1;
    }
}

/// The article-level features of a capitalised word: the company it keeps.
pub fn company(c: &Company, out: &mut impl Sink) {
    for &w in c.before() {
        out.add(
            Template::ArticlePrevWord,
            0,
            key(Template::ArticlePrevWord, w),
        );
    }
    for &w in c.after() {
        out.add(
            Template::ArticleNextWord,
            0,
            key(Template::ArticleNextWord, w),
        );
    }
}

/// The place of a neighbour whose features depend on it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Prev,
    Next,
    Prev2,
    Next2,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Prev, Role::Next, Role::Prev2, Role::Next2];
}

/// The features of a word that depend on it alone.
pub fn own(w: &Word, out: &mut impl Sink) {
    out.add(Template::Bias, 0, key(Template::Bias, 0));
    out.add(Template::Word, 0, key(Template::Word, w.word));
    out.add(Template::Shape, 0, key(Template::Shape, w.shape));
    out.add(
        Template::ShortShape,
        0,
        key(Template::ShortShape, w.short_shape),
    );
    for (template, affix) in [
        Template::Prefix3,
        Template::Prefix4,
        Template::Suffix2,
        Template::Suffix3,
        Template::Suffix4,
    ]
    .into_iter()
    .zip(w.affixes)
    {
        if affix != 0 {
            out.add(template, 0, key(template, affix));
        }
    }
    push_flags(Template::Flag, w.flags, out);
    let mut rest = w.flags & LIST_FLAGS;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        out.add(
            Template::FlagShape,
            u64::from(bit),
            key2(Template::FlagShape, u64::from(bit), w.short_shape),
        );
        rest &= rest - 1;
    }
    push_cluster(Template::Cluster, w.cluster, out);
}

/// The features a neighbour gives a token, which depend on the neighbour alone.
pub fn neighbour(role: Role, n: &Word, out: &mut impl Sink) {
    match role {
        Role::Prev => {
            out.add(Template::PrevWord, 0, key(Template::PrevWord, n.word));
            out.add(Template::PrevShape, 0, key(Template::PrevShape, n.shape));
            push_flags(Template::PrevFlag, n.flags, out);
            push_cluster(Template::PrevCluster, n.cluster, out);
        }
        Role::Next => {
            out.add(Template::NextWord, 0, key(Template::NextWord, n.word));
            out.add(Template::NextShape, 0, key(Template::NextShape, n.shape));
            push_flags(Template::NextFlag, n.flags, out);
            push_cluster(Template::NextCluster, n.cluster, out);
        }
        Role::Prev2 => out.add(Template::Prev2Word, 0, key(Template::Prev2Word, n.word)),
        Role::Next2 => out.add(Template::Next2Word, 0, key(Template::Next2Word, n.word)),
    }
}

/// The neighbour of token `i` in `role` (the boundary past the segment's ends).
pub fn at(words: &[Word], i: usize, role: Role) -> &Word {
    let j = match role {
        Role::Prev => i.checked_sub(1),
        Role::Prev2 => i.checked_sub(2),
        Role::Next => Some(i + 1),
        Role::Next2 => Some(i + 2),
    };
    j.and_then(|j| words.get(j)).unwrap_or(&BOUNDARY)
}

/// The features of token `i` that depend on it with its neighbours together, on where
/// it stands and on how the article writes it elsewhere (`elsewhere`, bits of
/// [`ELSEWHERE_LOWER`] and [`ELSEWHERE_CAPITALISED`]).
pub fn context(words: &[Word], places: &[Place], elsewhere: &[u8], i: usize, out: &mut impl Sink) {
    let w = &words[i];
    let (p1, n1) = (at(words, i, Role::Prev), at(words, i, Role::Next));
    out.add(
        Template::PrevWordWord,
        0,
        key2(Template::PrevWordWord, p1.word, w.word),
    );
    out.add(
        Template::WordNextWord,
        0,
        key2(Template::WordNextWord, w.word, n1.word),
    );
    let mut rest = p1.flags & LIST_FLAGS;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        out.add(
            Template::PrevFlagShape,
            u64::from(bit),
            key2(Template::PrevFlagShape, u64::from(bit), w.short_shape),
        );
        rest &= rest - 1;
    }
    let mut place = u32::from(places[i]);
    while place != 0 {
        let bit = place.trailing_zeros();
        out.add(
            Template::Position,
            u64::from(bit),
            key(Template::Position, u64::from(bit)),
        );
        place &= place - 1;
    }
    out.add(
        Template::ShapeWindow,
        0,
        key2(
            Template::ShapeWindow,
            p1.short_shape,
            w.short_shape.rotate_left(17) ^ n1.short_shape,
        ),
    );
    if elsewhere[i] != 0 {
        out.add(
            Template::Elsewhere,
            u64::from(elsewhere[i]),
            key(Template::Elsewhere, u64::from(elsewhere[i])),
        );
    }
}

/// The local features of token `i` of a segment: the word, its neighbours, where it
/// stands, and how the article writes it elsewhere.
pub fn local(words: &[Word], places: &[Place], elsewhere: &[u8], i: usize, out: &mut impl Sink) {
    own(&words[i], out);
    for role in Role::ALL {
        neighbour(role, at(words, i, role), out);
    }
    context(words, places, elsewhere, i, out);
}

/// Flags from word lists, which [`Template::FlagShape`] pairs with the shape.
const LIST_FLAGS: u32 = (1 << Flag::GivenName as u8)
    | (1 << Flag::Surname as u8)
    | (1 << Flag::Place as u8)
    | (1 << Flag::Demonym as u8)
    | (1 << Flag::OrgHead as u8)
    | (1 << Flag::CompanySuffix as u8)
    | (1 << Flag::Title as u8)
    | (1 << Flag::Outlet as u8)
    | (1 << Flag::Common as u8)
    | (1 << Flag::Dictionary as u8)
    | (1 << Flag::Calendar as u8)
    | (1 << Flag::PlaceHead as u8)
    | (1 << Flag::EventHead as u8);

/// [`local`]'s `elsewhere` bit: the article writes the word in lowercase inside a
/// sentence.
pub const ELSEWHERE_LOWER: u8 = 1;
/// [`local`]'s `elsewhere` bit: the article writes the word capitalised inside a
/// sentence, not at its start.
pub const ELSEWHERE_CAPITALISED: u8 = 2;

/// What the first pass found of a word elsewhere in the article: counts of each kind
/// (person, organization, place, other) and of each part of a longer name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Seen {
    /// Mentions of each kind, in [`super::labels::Kind`] order.
    pub kinds: [u16; 4],
    /// Times outside any name, while capitalised.
    pub outside: u16,
    /// For each kind: times as the first word and as the last word of a longer name.
    pub first: [u16; 4],
    pub last: [u16; 4],
}

/// The second-pass features of a token from what the first pass found of its word
/// elsewhere in the article (this occurrence already taken out of `seen`).
pub fn article(seen: &Seen, out: &mut impl Sink) {
    let named: u16 = seen.kinds.iter().sum();
    if named == 0 && seen.outside == 0 {
        return;
    }
    let total = named + seen.outside;
    let best = (0..4).max_by_key(|&k| (seen.kinds[k], std::cmp::Reverse(k)));
    if let Some(k) = best.filter(|&k| seen.kinds[k] > 0) {
        // The majority kind, and whether it is unanimous.
        let unanimous = seen.kinds[k] == total;
        out.add(
            Template::ArticleKind,
            k as u64 * 2 + u64::from(unanimous),
            key2(Template::ArticleKind, k as u64, u64::from(unanimous)),
        );
    } else {
        out.add(Template::ArticleKind, 9, key2(Template::ArticleKind, 9, 0));
    }
    for k in 0..4 {
        if seen.kinds[k] > 0 {
            out.add(
                Template::ArticleKind,
                10 + k as u64,
                key2(Template::ArticleKind, 10 + k as u64, 0),
            );
        }
        if seen.first[k] > 0 {
            out.add(
                Template::ArticlePart,
                k as u64 * 2,
                key2(Template::ArticlePart, k as u64, 0),
            );
        }
        if seen.last[k] > 0 {
            out.add(
                Template::ArticlePart,
                k as u64 * 2 + 1,
                key2(Template::ArticlePart, k as u64, 1),
            );
        }
    }
}

/// Which side of a token a name listed with it stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before = 0,
    After = 1,
}

/// The second-pass feature of a token listed with a name the first pass gave kind
/// `kind` (in [`super::labels::Kind`] order), on `side` of it.
pub fn coordinated(side: Side, kind: usize, out: &mut impl Sink) {
    let (side, kind) = (side as u64, kind as u64);
    out.add(
        Template::Coordinated,
        side * 4 + kind,
        key2(Template::Coordinated, side, kind),
    );
}

/// A digest of everything features depend on: the template list, the revision, the
/// word lists and the clusters. Recorded in a model file; a model is only used with
/// the features it was trained on.
pub fn fingerprint() -> u64 {
    let mut text = format!("revision {REVISION};");
    for t in Template::ALL {
        text.push_str(&format!("{}:{t:?};", t as u16));
    }
    for f in Flag::ALL {
        text.push_str(&format!("{}:{f:?};", f as u8));
    }
    for p in Position::ALL {
        text.push_str(&format!("{}:{p:?};", p as u8));
    }
    text.push_str(&format!(
        "lexicon {:x}; clusters {:x}; phrases {:x}",
        lexicon::digest(),
        clusters::digest(),
        super::phrases::digest()
    ));
    hash(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(s: &str) -> Word {
        describe(s, TokenKind::Word)
    }

    #[test]
    fn possessives_and_forms() {
        assert_eq!(strip_possessive("People's"), ("People", true));
        assert_eq!(strip_possessive("Teachers'"), ("Teachers", true));
        assert_eq!(strip_possessive("Paris"), ("Paris", false));
        let w = word("Germany's");
        assert!(w.has(Flag::Possessive) && w.has(Flag::Capitalised));
        assert_eq!(w.word, word("germany").word);
        assert!(word("NATO").has(Flag::AllCaps));
        assert!(word("McDonald").has(Flag::InnerCap));
        assert!(word("J.").has(Flag::Initial));
        assert!(word("U.S.").has(Flag::Dotted));
    }

    #[test]
    fn shapes_cap_runs() {
        assert_eq!(word("Clinton").shape, word("Obama").shape);
        assert_ne!(word("Clinton").shape, word("Ox").shape);
        assert_eq!(word("Clinton").short_shape, word("Ox").short_shape);
    }

    #[test]
    fn capitals_are_looked_up_as_names() {
        assert!(word("LONDON").has(Flag::Place));
        assert!(word("London").has(Flag::Place));
        assert!(word("Monday").has(Flag::Calendar));
    }

    #[test]
    fn joiners_only_between_capitalised_words() {
        let ws: Vec<Word> = ["Bank", "of", "England", "said", "of", "course"]
            .iter()
            .map(|s| word(s))
            .collect();
        assert_eq!(may_be_named(&ws), [true, true, true, false, false, false]);
        let ws = vec![
            word("Unit"),
            describe("61398", TokenKind::Number),
            word("was"),
        ];
        assert_eq!(may_be_named(&ws), [true, true, false]);
        // A run of small words joins two capitalised words; a longer run does not.
        let ws: Vec<Word> = [
            "Council", "for", "the", "Sea", "in", "the", "end", "of", "the",
        ]
        .iter()
        .map(|s| word(s))
        .collect();
        assert_eq!(
            may_be_named(&ws),
            [true, true, true, true, true, false, false, false, false]
        );
        let ws: Vec<Word> = ["Smith", "and", "of", "the", "for", "Jones"]
            .iter()
            .map(|s| word(s))
            .collect();
        assert_eq!(may_be_named(&ws), [true, true, false, false, false, true]);
    }

    #[test]
    fn keys_are_stable() {
        // A key is a function of the template and value only, the same in every build:
        // the shipped model depends on it.
        assert_eq!(key(Template::Word, hash("clinton")), 0x0C1E_ADBD_F37B_D929);
    }
}
