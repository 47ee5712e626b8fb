//! The entity a chosen source stands for: a name is its own entity; a pronoun is the
//! person ("he", "she") or body ("it", "they") it most likely refers to, the last one
//! that spoke or was named before it.

use super::anchors::{Anchor, Candidate, Who};
use super::Walk;
use crate::extract::mentions::Class;

/// The entity of a chosen candidate, if it names one.
pub fn entity(walk: &Walk, chosen: &Candidate, anchor: &Anchor) -> Option<usize> {
    match chosen.who {
        Who::Mention(m) => Some(walk.table.entity_of(m)),
        Who::Previous(e) => Some(e),
        Who::Nobody => None,
        Who::Pronoun => {
            let p = &walk.paragraphs[anchor.para];
            let word = p.span(chosen.start..chosen.end).to_lowercase();
            let wanted: &[Class] = match word.as_str() {
                "he" | "she" => &[Class::Person],
                "it" => &[Class::Organization],
                "they" => &[Class::Organization, Class::Person],
                _ => return None,
            };
            let fits = |e: usize| wanted.contains(&walk.table.entity(e).class);
            let before = walk
                .mentions
                .partition_point(|m| (m.para, m.start) < (anchor.para, chosen.start));
            let named_before = |reach: usize| {
                walk.mentions[..before]
                    .iter()
                    .enumerate()
                    .rev()
                    .take_while(move |(_, m)| anchor.para - m.para <= reach)
                    .map(|(k, m)| (walk.table.entity_of(k), m))
            };
            // A name of the right kind earlier in the pronoun's sentence ("Baucus, who
            // arrived in March, as he seeks"); else the last speaker, when recent; else
            // the last name of the right kind.
            let sentence = p.sentences.iter().find(|s| s.contains(&chosen.start));
            let same_sentence = named_before(0)
                .filter(|(_, m)| {
                    m.para == anchor.para && sentence.is_some_and(|s| s.contains(&m.start))
                })
                .find(|&(e, m)| fits(e) && !p.in_quote[m.start])
                .map(|(e, _)| e);
            if same_sentence.is_some() {
                return same_sentence;
            }
            if let Some((e, at)) = walk.last_speaker {
                if fits(e) && anchor.para - at <= 1 {
                    return Some(e);
                }
            }
            named_before(3).map(|(e, _)| e).find(|&e| fits(e))
        }
    }
}
