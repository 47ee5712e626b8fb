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
            // The last speaker, when of the right kind and recent; else the last name of
            // the right kind before the pronoun.
            if let Some((e, at)) = walk.last_speaker {
                if fits(e) && anchor.para - at <= 1 {
                    return Some(e);
                }
            }
            let before = walk
                .mentions
                .partition_point(|m| (m.para, m.start) < (anchor.para, chosen.start));
            walk.mentions[..before]
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, m)| anchor.para - m.para <= 3)
                .map(|(k, _)| walk.table.entity_of(k))
                .find(|&e| fits(e))
        }
    }
}
