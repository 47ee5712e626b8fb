//! Training articles made from news whose names are listed, not marked.
//!
//! CoNLL-2003 teaches what a name is, but its conventions are not those of every
//! archive: news gold counts a club named by its city, a party and a band as
//! organizations, and a film title shaped like a person's name as neither. A gold file
//! of the kind `scripts/eval-extraction` reads lists each article's organizations and
//! persons without saying where they stand. Such an article becomes a marked one here:
//! the current model reads it, and the lists then correct what it found.
//! - A name a listed organization or person accounts for (the rules of the shared
//!   scorer: the same last word for persons; for organizations, one run of words inside
//!   the other, or an acronym of its initials) takes that kind.
//! - An organization or person the lists do not account for becomes "something else".
//! - Every other occurrence of a listed name in the text is marked, longest names first;
//!   a person's last word alone counts as an occurrence of the person.
//! - Places and other names the lists say nothing of stay as the model read them.
//!
//! Only the `train-tagger` binary calls this module.

use std::ops::Range;

use super::labels::{self, Kind};
use super::train::Document;
use super::{label, Model, Reading};
use crate::article::RawArticle;
use crate::extract::tokens::Kind as TokenKind;
use crate::extract::{analyse, Paragraph};

/// The names a gold file lists for one article.
#[derive(Debug, Clone, Default)]
pub struct Listed {
    pub organizations: Vec<String>,
    pub persons: Vec<String>,
}

/// A token as names are compared: lower case, without a possessive ending.
fn fold(token: &str) -> String {
    let lower = token.to_lowercase();
    for ending in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(stem) = lower.strip_suffix(ending) {
            if !stem.is_empty() {
                return stem.to_string();
            }
        }
    }
    lower
}

/// The folded words of a name as written (punctuation left out).
fn words_of(name: &str) -> Vec<String> {
    crate::extract::tokens::tokenize(name)
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| fold(t.text(name)))
        .collect()
}

/// Whether `short` is a run of words inside `long`, at least half as long.
fn run_inside(short: &[String], long: &[String]) -> bool {
    !short.is_empty()
        && 2 * short.len() >= long.len()
        && long.windows(short.len()).any(|w| w == short)
}

/// Whether the one word `acronym` spells the initials of `long` (of all its words, or
/// of those that are not small).
fn spells(acronym: &[String], long: &[String]) -> bool {
    let [a] = acronym else { return false };
    if a.chars().count() < 2 || long.len() < 2 {
        return false;
    }
    let initials = |keep: &dyn Fn(&String) -> bool| -> String {
        long.iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let small = |w: &String| matches!(w.as_str(), "of" | "and" | "the" | "for" | "&" | "de");
    *a == initials(&|_| true) || *a == initials(&|w| !small(w))
}

/// Whether a found name (folded words) is accounted for by a listed one, of `kind`.
fn accounts(found: &[String], listed: &[String], kind: Kind) -> bool {
    if found == listed {
        return true;
    }
    match kind {
        Kind::Person => {
            found.last() == listed.last() || (found.len() == 1 && listed.first() == found.first())
        }
        _ => {
            run_inside(found, listed)
                || run_inside(listed, found)
                || spells(found, listed)
                || spells(listed, found)
        }
    }
}

/// Whether the text's token `t` opens with a capital letter or a digit.
fn capitalised(p: &Paragraph, t: usize) -> bool {
    p.tokens[t]
        .text(&p.text)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The training document of one article whose names are `listed`, as `model` reads it
/// corrected by the lists (see the module documentation).
pub fn document(raw: &RawArticle, listed: &Listed, model: &Model) -> Document {
    let analysis = analyse(raw);
    let mut paragraphs = analysis.paragraphs;
    let body = paragraphs.len();
    paragraphs.extend(analysis.headline);
    let headline: Vec<bool> = (0..paragraphs.len()).map(|k| k >= body).collect();
    let refs: Vec<&Paragraph> = paragraphs.iter().collect();
    let read = label(model, &Reading::new(&refs, &headline));

    let mut lists: Vec<(Vec<String>, Kind)> = listed
        .organizations
        .iter()
        .map(|n| (words_of(n), Kind::Organization))
        .chain(listed.persons.iter().map(|n| (words_of(n), Kind::Person)))
        .filter(|(w, _)| !w.is_empty())
        .collect();
    // Longest first, so that a listed name inside a longer listed one is held by it.
    lists.sort_by_key(|l| std::cmp::Reverse(l.0.len()));

    let gold = paragraphs
        .iter()
        .zip(&read)
        .map(|(p, found)| {
            let words: Vec<Option<String>> = p
                .tokens
                .iter()
                .map(|t| (t.kind != TokenKind::Punct).then(|| fold(t.text(&p.text))))
                .collect();
            let text_of = |r: &Range<usize>| -> Vec<String> {
                words[r.clone()].iter().flatten().cloned().collect()
            };
            // The model's names, corrected.
            let mut spans: Vec<(Range<usize>, Kind)> = labels::decode(found)
                .into_iter()
                .map(|(range, kind)| {
                    let w = text_of(&range);
                    let exact = lists.iter().find(|(l, _)| *l == w).map(|(_, k)| *k);
                    let by_rule = || {
                        lists
                            .iter()
                            .find(|(l, k)| accounts(&w, l, *k))
                            .map(|(_, k)| *k)
                    };
                    let kind = match kind {
                        Kind::Person | Kind::Organization => by_rule().unwrap_or(Kind::Misc),
                        other => exact.unwrap_or(other),
                    };
                    (range, kind)
                })
                .collect();
            // Every occurrence of a listed name, where no name of its kind holds it.
            for (name, kind) in &lists {
                let mut forms = vec![name.clone()];
                if *kind == Kind::Person && name.len() > 1 {
                    forms.extend(name.last().map(|w| vec![w.clone()]));
                }
                for form in &forms {
                    for start in 0..p.tokens.len() {
                        let end = start + form.len();
                        if end > p.tokens.len()
                            || !capitalised(p, start)
                            || words[start..end]
                                .iter()
                                .zip(form)
                                .any(|(w, f)| w.as_ref() != Some(f))
                        {
                            continue;
                        }
                        let range = start..end;
                        let held = spans.iter().any(|(r, k)| {
                            k == kind && r.start <= range.start && range.end <= r.end
                        });
                        if held {
                            continue;
                        }
                        spans.retain(|(r, _)| r.end <= range.start || range.end <= r.start);
                        spans.push((range, *kind));
                    }
                }
            }
            spans.sort_by_key(|(r, _)| r.start);
            labels::encode(&spans, p.tokens.len())
        })
        .collect();
    Document {
        paragraphs,
        headline,
        gold,
        repeat: 1,
    }
}

/// The articles a gold file lists names for (`{"file": PATH, "organizations": [...],
/// "persons": [...]}` a line, PATH relative to `root`, `PATH#N` for the N-th article of a
/// file), except the files named in `except`. A line that cannot be read, or names an
/// article that is not there, is an error naming it.
pub fn articles(
    gold: &str,
    root: &std::path::Path,
    except: &std::collections::HashSet<String>,
) -> Result<Vec<(RawArticle, Listed)>, String> {
    let mut out = Vec::new();
    for (n, line) in gold
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let list = |key: &str| -> Vec<String> {
            value[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let Some(file) = value["file"].as_str() else {
            return Err(format!("line {}: no \"file\"", n + 1));
        };
        if except.contains(file) {
            continue;
        }
        let path = root.join(file.split('#').next().unwrap_or(file));
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let locator = file.split('#').next().unwrap_or(file);
        let read = crate::readers::read(locator, &path, &bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let raw = read
            .articles
            .into_iter()
            .find(|a| a.locator == file)
            .ok_or_else(|| format!("{file}: no such article"))?;
        let listed = Listed {
            organizations: list("organizations"),
            persons: list("persons"),
        };
        out.push((raw, listed));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words_of(s)
    }

    #[test]
    fn listed_names_account_for_their_forms() {
        assert!(accounts(&w("Ancram"), &w("Michael Ancram"), Kind::Person));
        assert!(!accounts(
            &w("Michael Howard"),
            &w("Michael Ancram"),
            Kind::Person
        ));
        assert!(accounts(
            &w("MoD"),
            &w("Ministry of Defence"),
            Kind::Organization
        ));
        assert!(accounts(
            &w("Wiesenthal Center"),
            &w("Simon Wiesenthal Center"),
            Kind::Organization
        ));
        assert!(accounts(&w("Poor's"), &w("Poor"), Kind::Organization));
        assert!(!accounts(
            &w("Center"),
            &w("Simon Wiesenthal Center"),
            Kind::Organization
        ));
    }

    #[test]
    fn the_lists_correct_what_the_model_read() {
        let Some(model) = crate::extract::names::model() else {
            panic!("the embedded name model is missing");
        };
        let raw = RawArticle {
            locator: "made-up.txt".into(),
            text: "A home win for the league leaders\n\n\
                   Quarry Rovers beat Ferndale 2-0 at home on Saturday.\n\n\
                   Manager Tom Harlow watched the film Daisy Partridge with Ferndale fans."
                .into(),
            known: Default::default(),
        };
        let listed = Listed {
            organizations: vec!["Quarry Rovers".into(), "Ferndale".into()],
            persons: vec!["Tom Harlow".into()],
        };
        let doc = document(&raw, &listed, model);
        let names: Vec<(String, Kind)> = doc
            .paragraphs
            .iter()
            .zip(&doc.gold)
            .flat_map(|(p, g)| {
                labels::decode(g).into_iter().map(move |(r, k)| {
                    (
                        p.text[p.tokens[r.start].start..p.tokens[r.end - 1].end].to_string(),
                        k,
                    )
                })
            })
            .filter(|(_, k)| *k != Kind::Location)
            .collect();
        let has = |name: &str, kind: Kind| names.contains(&(name.to_string(), kind));
        assert!(has("Quarry Rovers", Kind::Organization), "{names:?}");
        assert_eq!(
            names
                .iter()
                .filter(|n| **n == ("Ferndale".to_string(), Kind::Organization))
                .count(),
            2,
            "{names:?}"
        );
        assert!(has("Tom Harlow", Kind::Person), "{names:?}");
        // Read as a person by the model or not, the film is no listed person.
        assert!(
            !names
                .iter()
                .any(|(n, k)| n == "Daisy Partridge" && *k == Kind::Person),
            "{names:?}"
        );
    }
}
