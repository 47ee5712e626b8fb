//! Name searches widened to every written form of the entity they name: `speaker:"Jack
//! Straw"` also finds the articles whose speaker is written only "Straw", when the
//! archive's entity table (see [`crate::entities`]) makes "Straw" a form of Jack Straw.
//!
//! The other forms match exactly, as whole values of the name columns (`speaker_exact`,
//! `person_exact`, `org_exact`), never by word: a lone surname joins only the articles
//! that write the surname alone, not every name holding it ("Will Straw" stays out of
//! Jack Straw's search). The table is read once per commit (see [`super::memo`]), and
//! only by a query that searches a name field, so other searches never pay for it.
//! Parsing the user's text is left to [`super::query`].

use std::ops::Bound;
use std::sync::Arc;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery};
use tantivy::schema::Field;
use tantivy::Term;

use super::Snapshot;
use crate::entities::{name_key, Class, Table};
use crate::error::Result;
use crate::index::schema::Fields;

/// A field of names whose searches widen to the entity's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    Speaker,
    Person,
    Org,
}

impl NameField {
    /// The name field a query calls `name`, if it is one.
    pub fn named(name: &str) -> Option<NameField> {
        match name {
            "speaker" => Some(NameField::Speaker),
            "person" => Some(NameField::Person),
            "org" => Some(NameField::Org),
            _ => None,
        }
    }

    /// The column holding the field's names exactly as written.
    fn column(self, f: &Fields) -> Field {
        match self {
            NameField::Speaker => f.speaker_exact,
            NameField::Person => f.person_exact,
            NameField::Org => f.org_exact,
        }
    }

    /// The class of entity the field names; `None` for speakers, who may be either.
    fn class(self) -> Option<Class> {
        match self {
            NameField::Speaker => None,
            NameField::Person => Some(Class::Person),
            NameField::Org => Some(Class::Organization),
        }
    }
}

/// The entity table of one snapshot, read when a query first needs it.
pub struct Forms<'a> {
    snapshot: &'a Snapshot<'a>,
    table: Option<Arc<Table>>,
}

impl<'a> Forms<'a> {
    pub fn new(snapshot: &'a Snapshot<'a>) -> Self {
        Forms {
            snapshot,
            table: None,
        }
    }

    fn table(&mut self) -> Result<&Table> {
        let table = match self.table.take() {
            Some(table) => table,
            None => self.snapshot.table()?,
        };
        Ok(self.table.insert(table))
    }

    /// The written forms of the entity `text` names in `field` that a search of its
    /// words would miss: every form but those holding `text`'s words in a row. Empty
    /// when `text` names no entity.
    pub fn others(&mut self, field: NameField, text: &str) -> Result<Vec<String>> {
        let key = name_key(text);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let Some(entity) = self.table()?.find_in(field.class(), text) else {
            return Ok(Vec::new());
        };
        let padded = format!(" {key} ");
        Ok(entity
            .forms
            .iter()
            .filter(|f| !format!(" {} ", name_key(&f.name)).contains(&padded))
            .map(|f| f.name.clone())
            .collect())
    }

    /// `query` (a search of `text` in `field`), or any article whose `field` is exactly
    /// another form of the entity `text` names.
    pub fn widen(
        &mut self,
        field: NameField,
        text: &str,
        query: Box<dyn Query>,
    ) -> Result<Box<dyn Query>> {
        let others = self.others(field, text)?;
        if others.is_empty() {
            return Ok(query);
        }
        let column = field.column(&self.snapshot.index.fields);
        let mut clauses = vec![(Occur::Should, query)];
        clauses.extend(
            others
                .iter()
                .map(|name| (Occur::Should, exactly(column, name))),
        );
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// Documents whose column `column` holds the value `name`: a range of one value, which
/// tantivy answers from the column's dictionary and values.
fn exactly(column: Field, name: &str) -> Box<dyn Query> {
    let term = Term::from_field_text(column, name);
    Box::new(RangeQuery::new(
        Bound::Included(term.clone()),
        Bound::Included(term),
    ))
}
