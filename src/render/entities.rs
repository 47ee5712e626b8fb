//! Printing entities: `top` counted per entity, and one entity's profile (`entity`).

use std::io::{self, Write};

use super::{count_width, json_line};
use crate::controls::line;
use crate::entities::count::{Alias, FormCount, Profile};
use crate::search::EntityCount;

fn clean_forms(forms: &[FormCount]) -> Vec<FormCount> {
    forms
        .iter()
        .map(|f| FormCount {
            name: line(&f.name).into_owned(),
            articles: f.articles,
        })
        .collect()
}

/// One JSON object per entity: `value`, `count`, `aliases` (other forms with their
/// articles in the whole archive).
pub fn entity_counts_json<W: Write>(w: &mut W, counts: &[EntityCount]) -> io::Result<()> {
    clean_entity_counts(counts)
        .iter()
        .try_for_each(|c| json_line(w, c))
}

/// Entity counts as they may be printed: names cleaned.
pub fn clean_entity_counts(counts: &[EntityCount]) -> Vec<EntityCount> {
    counts
        .iter()
        .map(|c| EntityCount {
            value: line(&c.value).into_owned(),
            count: c.count,
            aliases: clean_forms(&c.aliases),
        })
        .collect()
}

/// One line per entity: its count and canonical name, with how many other forms it has.
pub fn entity_counts_text<W: Write>(w: &mut W, counts: &[EntityCount]) -> io::Result<()> {
    let width = count_width(counts.iter().map(|c| c.count));
    for c in counts {
        write!(w, "  {:>width$}  {}", c.count, line(&c.value))?;
        match c.aliases.len() {
            0 => writeln!(w)?,
            1 => writeln!(w, "  (also {})", line(&c.aliases[0].name))?,
            n => writeln!(w, "  (+{n} forms)")?,
        }
    }
    Ok(())
}

/// An entity's profile as one JSON object.
pub fn profile_json<W: Write>(w: &mut W, p: &Profile) -> io::Result<()> {
    let clean = Profile {
        name: line(&p.name).into_owned(),
        aliases: p
            .aliases
            .iter()
            .map(|a| Alias {
                name: line(&a.name).into_owned(),
                articles: a.articles,
                reason: line(&a.reason).into_owned(),
            })
            .collect(),
        appears_with: clean_forms(&p.appears_with),
        ..p.clone()
    };
    json_line(w, &clean)
}

/// An entity's profile for people.
pub fn profile_text<W: Write>(w: &mut W, p: &Profile) -> io::Result<()> {
    let class = match p.class {
        crate::entities::Class::Person => "person",
        crate::entities::Class::Organization => "organization",
    };
    writeln!(w, "{} ({class})", line(&p.name))?;
    writeln!(w, "  articles: {}", p.articles)?;
    if let (Some(first), Some(last)) = (&p.first_date, &p.last_date) {
        writeln!(w, "  dates: {first} to {last}")?;
    }
    if p.aliases.is_empty() {
        writeln!(w, "  aliases: none")?;
    } else {
        writeln!(w, "  aliases:")?;
        for a in &p.aliases {
            writeln!(
                w,
                "    {} ({} articles): {}",
                line(&a.name),
                a.articles,
                line(&a.reason)
            )?;
        }
    }
    if !p.appears_with.is_empty() {
        writeln!(w, "  appears with:")?;
        for c in &p.appears_with {
            writeln!(w, "    {:>5}  {}", c.articles, line(&c.name))?;
        }
    }
    Ok(())
}
