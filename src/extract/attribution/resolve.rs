//! The entity a chosen source stands for: a name is its own entity; a pronoun or a
//! description is the person ("he", "she", "the judge") or body ("it", "they", "the
//! company") it most likely refers to, the last one that spoke or was named before it.

use super::anchors::{spoken_to_in, Anchor, Candidate, Who};
use super::vocabulary::stands_for;
use super::Walk;
use crate::extract::mentions::Mention;

/// The entity of a chosen candidate, if it names one.
pub fn entity(walk: &Walk, chosen: &Candidate, anchor: &Anchor) -> Option<usize> {
    match chosen.who {
        Who::Mention(m) => Some(walk.table.entity_of(m)),
        Who::Previous(e) | Who::Introduced(e) => Some(e),
        Who::Nobody => None,
        Who::Pronoun => {
            let p = &walk.paragraphs[anchor.para];
            let word = p.span(chosen.start..chosen.end).to_lowercase();
            let wanted = stands_for(&word)?;
            let fits = |e: usize| wanted.contains(&walk.table.entity(e).class);
            // The agency of a dateline wrote the story; it is no one in it. Nor is a name
            // that was told or that asked ("economists polled by Reuters said"): the
            // reporter, or whoever a speaker spoke to.
            let in_story = |m: &Mention| {
                (m.para > 0 || walk.paragraphs[0].tokens[m.end - 1].end > walk.dateline)
                    && !spoken_to_in(&walk.paragraphs[m.para], m.start)
            };
            let before = walk
                .mentions
                .partition_point(|m| (m.para, m.start) < (anchor.para, chosen.start));
            let named_before = |reach: usize| {
                walk.mentions[..before]
                    .iter()
                    .enumerate()
                    .rev()
                    .take_while(move |(_, m)| anchor.para - m.para <= reach)
                    .filter(move |(_, m)| in_story(m))
                    .map(|(k, m)| (walk.table.entity_of(k), m))
            };
            // A name of the right kind earlier in the pronoun's paragraph, outside
            // quotations, the nearest first ("Tom Pellow, the chairman, said ... "..." he
            // said"); else the last speaker, when recent; else the last name of the
            // right kind.
            let same_paragraph = named_before(0)
                .filter(|(_, m)| m.para == anchor.para && !p.in_quote[m.start])
                .find(|&(e, _)| fits(e))
                .map(|(e, _)| e);
            if same_paragraph.is_some() {
                return same_paragraph;
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
