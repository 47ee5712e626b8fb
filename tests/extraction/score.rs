//! The name scorer of the shared `hooks/score.py`, in Rust, so that `cargo test` scores
//! extraction against the gold sets the way the published figures are scored.
//!
//! Per article and field, both sides are normalised and reduced to distinct forms, the
//! forms of one entity are grouped (a person's name whose words end another's, an
//! organization's name that is a run of another's words), and entities are paired at
//! most once each: first those sharing a form, then a maximum matching of the rest under
//! the lenient rule (the same last word for persons and speakers; one word sequence inside
//! the other and at least half as long for organizations). Counts are summed over a set
//! (micro precision and recall).

use std::collections::{BTreeSet, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

/// The kind of names a field holds, which decides the grouping and matching rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `persons` and `speakers`.
    Person,
    /// `organizations`.
    Organization,
}

impl Kind {
    pub fn of(field: &str) -> Kind {
        match field {
            "organizations" => Kind::Organization,
            "persons" | "speakers" => Kind::Person,
            other => panic!("no scoring rule for {other}"),
        }
    }
}

/// True positives, predicted and gold entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

const APOSTROPHES: &[char] = &['\'', '\u{2019}', '\u{2018}', '`', '\u{b4}'];

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Unicode punctuation or symbol, as Python's categories P* and S*: inside a
/// whitespace-free token, whatever is not a letter, a digit or a combining mark.
fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric() || is_mark(c))
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Python's `str.casefold`, for the letters names hold.
fn casefold(s: &str) -> String {
    s.to_lowercase().replace('ß', "ss").replace('ς', "σ")
}

/// Removes a possessive: an apostrophe and `s` after a word character at a word's end,
/// or an apostrophe after an `s` before a space or the end.
fn drop_possessives(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if APOSTROPHES.contains(&c) && i > 0 {
            let before = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let after_next = chars.get(i + 2).copied();
            if is_word(before) && next == Some('s') && !after_next.is_some_and(is_word) {
                i += 2;
                continue;
            }
            if before == 's' && next.is_none_or(char::is_whitespace) {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Keeps `.` and `&` only between two other kept characters; drops other punctuation.
fn clean_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' || c == '&' {
            if i > 0 && i + 1 < chars.len() && !is_punct(chars[i - 1]) && !is_punct(chars[i + 1]) {
                out.push(c);
            }
        } else if !is_punct(c) {
            out.push(c);
        }
    }
    out
}

/// `score.py`'s `normalize`.
pub fn normalize(s: &str) -> String {
    let s = drop_possessives(&casefold(&s.nfkc().collect::<String>()));
    let mut tokens: Vec<String> = s
        .split_whitespace()
        .map(clean_token)
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() > 1 && tokens[0] == "the" {
        tokens.remove(0);
    }
    tokens.join(" ")
}

fn contains(short: &[&str], long: &[&str]) -> bool {
    short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Two forms match by the lenient rule.
fn matches(p: &str, g: &str, kind: Kind) -> bool {
    if p == g {
        return true;
    }
    let (pt, gt): (Vec<&str>, Vec<&str>) = (p.split(' ').collect(), g.split(' ').collect());
    if p.is_empty() || g.is_empty() {
        return false;
    }
    match kind {
        Kind::Person => pt.last() == gt.last(),
        Kind::Organization => {
            let (short, long) = if pt.len() <= gt.len() {
                (&pt, &gt)
            } else {
                (&gt, &pt)
            };
            2 * short.len() >= long.len() && contains(short, long)
        }
    }
}

/// Two forms name one entity within an article.
fn same_entity(a: &str, b: &str, kind: Kind) -> bool {
    let (at, bt): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if at.len() <= bt.len() {
        (&at, &bt)
    } else {
        (&bt, &at)
    };
    match kind {
        Kind::Person => long[long.len() - short.len()..] == short[..],
        Kind::Organization => contains(short, long),
    }
}

/// The entities of one side: groups of forms, each sorted, in sorted order.
fn clusters(items: &[String], kind: Kind) -> Vec<Vec<String>> {
    let distinct: BTreeSet<&String> = items.iter().filter(|x| !x.is_empty()).collect();
    let mut sorted: Vec<&String> = distinct.into_iter().collect();
    sorted.sort_by(|a, b| {
        let words = |s: &str| s.split(' ').count();
        words(b).cmp(&words(a)).then_with(|| a.cmp(b))
    });
    let mut out: Vec<Vec<String>> = Vec::new();
    for x in sorted {
        match out
            .iter_mut()
            .find(|c| c.iter().any(|y| same_entity(x, y, kind)))
        {
            Some(c) => c.push(x.clone()),
            None => out.push(vec![x.clone()]),
        }
    }
    for c in &mut out {
        c.sort();
    }
    out.sort();
    out
}

/// Scores one article: predicted names against gold names.
pub fn score_article(predicted: &[String], gold: &[String], kind: Kind) -> Counts {
    let norm = |names: &[String]| names.iter().map(|n| normalize(n)).collect::<Vec<_>>();
    let p = clusters(&norm(predicted), kind);
    let g = clusters(&norm(gold), kind);
    let mut used_p = HashSet::new();
    let mut used_g = HashSet::new();
    let mut tp = 0;
    // Pass 1: a form in common.
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (j, entity) in g.iter().enumerate() {
        for form in entity {
            first_with.entry(form).or_insert(j);
        }
    }
    for (i, entity) in p.iter().enumerate() {
        let j = entity
            .iter()
            .filter_map(|f| first_with.get(f.as_str()).copied())
            .find(|j| !used_g.contains(j));
        if let Some(j) = j {
            used_p.insert(i);
            used_g.insert(j);
            tp += 1;
        }
    }
    // Pass 2: a maximum matching of the rest under the lenient rule (Kuhn's algorithm).
    let rest_p: Vec<usize> = (0..p.len()).filter(|i| !used_p.contains(i)).collect();
    let rest_g: Vec<usize> = (0..g.len()).filter(|j| !used_g.contains(j)).collect();
    let adjacent: HashMap<usize, Vec<usize>> = rest_p
        .iter()
        .map(|&i| {
            let js = rest_g
                .iter()
                .copied()
                .filter(|&j| {
                    p[i].iter()
                        .any(|a| g[j].iter().any(|b| matches(a, b, kind)))
                })
                .collect();
            (i, js)
        })
        .collect();
    let mut owner: HashMap<usize, usize> = HashMap::new();
    for &i in &rest_p {
        augment(i, &adjacent, &mut owner, &mut HashSet::new());
    }
    tp += owner.len();
    Counts {
        tp,
        predicted: p.len(),
        gold: g.len(),
    }
}

fn augment(
    i: usize,
    adjacent: &HashMap<usize, Vec<usize>>,
    owner: &mut HashMap<usize, usize>,
    seen: &mut HashSet<usize>,
) -> bool {
    for &j in &adjacent[&i] {
        if !seen.insert(j) {
            continue;
        }
        let free = match owner.get(&j) {
            None => true,
            Some(&other) => augment(other, adjacent, owner, seen),
        };
        if free {
            owner.insert(j, i);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn normalises_as_the_shared_scorer() {
        for (raw, want) in [
            ("The Associated Press", "associated press"),
            ("Reuters'", "reuters"),
            ("Farmers' Federation", "farmers federation"),
            ("People's Liberation Army", "people liberation army"),
            ("U.S. Embassy", "u.s embassy"),
            ("AT&T Inc.", "at&t inc"),
            ("“Quoted”", "quoted"),
            ("The", "the"),
            ("Straße", "strasse"),
        ] {
            assert_eq!(normalize(raw), want, "{raw}");
        }
    }

    #[test]
    fn forms_of_one_entity_count_once_and_match_leniently() {
        let gold = names(&["Phil Simmons", "New York Yankees"]);
        let person = score_article(
            &names(&["Simmons", "Phil Simmons"]),
            &gold[..1],
            Kind::Person,
        );
        assert_eq!(
            person,
            Counts {
                tp: 1,
                predicted: 1,
                gold: 1
            }
        );
        let org = score_article(
            &names(&["Yankees", "New York"]),
            &gold[1..],
            Kind::Organization,
        );
        // "Yankees" is a third of the name: too short to match; "New York" matches.
        assert_eq!(
            org,
            Counts {
                tp: 1,
                predicted: 2,
                gold: 1
            }
        );
        let surname = score_article(&names(&["Ann Simmons"]), &gold[..1], Kind::Person);
        assert_eq!(surname.tp, 1);
    }
}
