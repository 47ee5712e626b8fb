//! From the user's query to a tantivy query object.
//!
//! The user's text is parsed once, by tantivy's query grammar, into a tree; the tree is
//! turned into query objects leaf by leaf by tantivy's query parser (which knows the
//! fields and their analyzers), except for what that parser lacks:
//!
//! - `word~N` fuzzy terms, matched in the unstemmed name fields as well as the text
//!   (stemming would spoil the edit distance);
//! - plain dates on the `date` field (`date:[2014-05-01 TO 2014-05-31]`,
//!   `date:2014-05-01`), which tantivy only reads in RFC 3339.
//!
//! Both are recognised on the parsed tree, so a phrase such as `body:"2014-05-01"` or
//! `"word~1"` is never mistaken for them. A search of a name field (`speaker:`,
//! `person:`, `org:`, `--speaker`, `--org`) is then widened to the other written forms
//! of the entity it names ([`super::forms`]). Filters (`--since`, `--until`, a quotation's
//! speaker) are separate query objects joined to the user's query with a
//! [`BooleanQuery`]: the user's text is never rewritten or spliced into another query.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, QueryParser,
    RangeQuery, TermQuery,
};
use tantivy::query_grammar::{
    self, Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, FieldType, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::Term;

use super::exclusion::Excluded;
use super::forms::{Forms, NameField};
use super::Snapshot;
use crate::error::{Error, Result};
use crate::index::schema::NAME_ANALYZER;
use crate::index::writer::parse_date;
use crate::index::NewsIndex;

/// A parsed search: the query to run and what the snippets should highlight.
pub struct Parsed {
    pub query: Box<dyn Query>,
    /// Analysed terms of the text fields, for highlighting.
    pub terms: Vec<String>,
    /// Fuzzy terms (lowercased, accents folded) with their edit distance.
    pub fuzzy: Vec<(String, u8)>,
}

/// Restrictions on the publication date, inclusive.
#[derive(Debug, Clone, Default)]
pub struct DateFilter {
    pub since: Option<String>,
    pub until: Option<String>,
}

fn query_error(query: &str, reason: impl std::fmt::Display) -> Error {
    Error::Query {
        query: query.to_string(),
        reason: reason.to_string(),
    }
}

/// A name an article's speakers or organizations must hold, every word of it, or be
/// exactly another written form of the entity it names (`--speaker`, `--org`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFilter {
    Speaker(String),
    Org(String),
}

/// Parse `query` (tantivy syntax plus `term~N` and plain dates) with bare words
/// searching headline and body, all required unless joined by OR; `dates` narrows it.
/// An empty query matches every article.
pub fn parse(snapshot: &Snapshot, query: &str, dates: &DateFilter) -> Result<Parsed> {
    parse_with_names(snapshot, query, dates, &[])
}

/// [`parse`], narrowed to the articles that also hold every name of `names`.
pub fn parse_with_names(
    snapshot: &Snapshot,
    query: &str,
    dates: &DateFilter,
    names: &[NameFilter],
) -> Result<Parsed> {
    let index = snapshot.index;
    let f = &index.fields;
    let mut builder = Builder::new(
        snapshot,
        query,
        &[f.headline, f.body],
        &[f.headline, f.body, f.person, f.speaker, f.org],
    );
    let mut clauses = Vec::new();
    if !query.trim().is_empty() {
        let ast = syntax_tree(query)?;
        clauses.push(builder.convert(ast)?.unwrap_or_else(nothing));
    }
    clauses.extend(date_filters(index, dates)?);
    for name in names {
        let (field, words, name) = match name {
            NameFilter::Speaker(name) => (NameField::Speaker, f.speaker, name),
            NameFilter::Org(name) => (NameField::Org, f.org, name),
        };
        let query = words_in(index, words, name)?;
        clauses.push(builder.forms.widen(field, name, query)?);
    }
    Ok(builder.finish(clauses))
}

/// Parse a quotation search: `query` (query syntax, bare words searching the quotation
/// text; a text that is not a valid query is searched for its words, as pasted text
/// often holds a stray bracket or colon) and, when given, a speaker whose name holds
/// every word of `speaker` or is another form of its entity. Both empty match every
/// article.
pub fn parse_quotes(snapshot: &Snapshot, query: &str, speaker: Option<&str>) -> Result<Parsed> {
    let index = snapshot.index;
    let f = &index.fields;
    let mut clauses = Vec::new();
    let mut builder = Builder::new(snapshot, query, &[f.quote], &[f.quote]);
    if !query.trim().is_empty() {
        let parsed = syntax_tree(query).and_then(|ast| builder.convert(ast));
        let converted = match parsed {
            Ok(query) => query,
            Err(_) => {
                builder = Builder::new(snapshot, query, &[f.quote], &[f.quote]);
                builder.convert(plain_words(query))?
            }
        };
        clauses.push(converted.unwrap_or_else(nothing));
    }
    if let Some(name) = speaker {
        let words = words_in(index, f.speaker, name)?;
        clauses.push(builder.forms.widen(NameField::Speaker, name, words)?);
    }
    Ok(builder.finish(clauses))
}

/// The query that matches nothing: what a query made only of punctuation asks for.
fn nothing() -> Box<dyn Query> {
    Box::new(EmptyQuery)
}

/// The user's text as a syntax tree, or an error quoting it with the first problem the
/// grammar's forgiving mode finds.
fn syntax_tree(query: &str) -> Result<UserInputAst> {
    query_grammar::parse_query(query).map_err(|_| {
        let (_, problems) = query_grammar::parse_query_lenient(query);
        match problems.first() {
            Some(p) => query_error(query, format!("{} at position {}", p.message, p.pos)),
            None => query_error(query, "not valid query syntax"),
        }
    })
}

/// A tree that searches each whitespace-separated word of `text` as it is, with no
/// syntax: every word required, brackets and colons only separating words.
fn plain_words(text: &str) -> UserInputAst {
    UserInputAst::Clause(
        text.split_whitespace()
            .map(|word| {
                let literal = UserInputLiteral {
                    field_name: None,
                    phrase: word.to_string(),
                    delimiter: Delimiter::None,
                    slop: 0,
                    prefix: false,
                };
                (Some(Occur::Must), UserInputLeaf::Literal(literal).into())
            })
            .collect(),
    )
}

/// Every word of `text` (as `field`'s analyzer reads it) in `field`.
fn words_in(index: &NewsIndex, field: Field, text: &str) -> Result<Box<dyn Query>> {
    let mut analyzer = index
        .index
        .tokenizer_for_field(field)
        .map_err(|e| query_error(text, e))?;
    let mut stream = analyzer.token_stream(text);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    while stream.advance() {
        let term = Term::from_field_text(field, &stream.token().text);
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if clauses.is_empty() {
        return Err(query_error(text, "a name needs letters or digits"));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// `--since` and `--until` as range queries on the date field.
fn date_filters(index: &NewsIndex, dates: &DateFilter) -> Result<Vec<Box<dyn Query>>> {
    let mut filters: Vec<Box<dyn Query>> = Vec::new();
    for (bound, is_since) in [(&dates.since, true), (&dates.until, false)] {
        let Some(date) = bound else { continue };
        let value = parse_date(date)
            .filter(|_| is_plain_date(date))
            .ok_or_else(|| query_error(date, "dates are written YYYY-MM-DD"))?;
        let term = Term::from_field_date(index.fields.date, value);
        filters.push(Box::new(if is_since {
            RangeQuery::new(Bound::Included(term), Bound::Unbounded)
        } else {
            RangeQuery::new(Bound::Unbounded, Bound::Included(term))
        }));
    }
    Ok(filters)
}

/// `YYYY-MM-DD` exactly.
fn is_plain_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// Turns a syntax tree into query objects.
struct Builder<'a> {
    index: &'a NewsIndex,
    parser: QueryParser,
    /// The query as the user typed it, for error messages.
    typed: &'a str,
    /// Where a fuzzy term without a field looks.
    fuzzy_fields: Vec<Field>,
    fuzzy: Vec<(String, u8)>,
    /// The other written forms of the entities that name searches name.
    forms: Forms<'a>,
}

impl<'a> Builder<'a> {
    fn new(
        snapshot: &'a Snapshot<'a>,
        typed: &'a str,
        default_fields: &[Field],
        fuzzy_fields: &[Field],
    ) -> Self {
        let index = snapshot.index;
        let mut parser = QueryParser::for_index(&index.index, default_fields.to_vec());
        parser.set_conjunction_by_default();
        parser.set_field_boost(index.fields.headline, 2.0);
        Builder {
            index,
            parser,
            typed,
            fuzzy_fields: fuzzy_fields.to_vec(),
            fuzzy: Vec::new(),
            forms: Forms::new(snapshot),
        }
    }

    fn error(&self, reason: impl std::fmt::Display) -> Error {
        query_error(self.typed, reason)
    }

    /// The query for `ast`; `None` when nothing in it is searchable (only punctuation),
    /// which its parent then leaves out, as tantivy's own parser does.
    fn convert(&mut self, ast: UserInputAst) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses = Vec::new();
                for (occur, child) in children {
                    if let Some(query) = self.convert(child)? {
                        // Bare words are all required.
                        let occur = occur.unwrap_or(Occur::Must);
                        let query: Box<dyn Query> = if occur == Occur::MustNot {
                            Box::new(Excluded(query))
                        } else {
                            query
                        };
                        clauses.push((occur, query));
                    }
                }
                if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
                    return Ok(clauses.pop().map(|(_, query)| query));
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                // `-coffee` alone means every article without the word.
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Should, Box::new(AllQuery)));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
            UserInputAst::Boost(child, boost) => Ok(self.convert(*child)?.map(|query| {
                Box::new(BoostQuery::new(query, boost.into_inner() as f32)) as Box<dyn Query>
            })),
            UserInputAst::Leaf(leaf) => self.leaf(*leaf),
        }
    }

    fn leaf(&mut self, leaf: UserInputLeaf) -> Result<Option<Box<dyn Query>>> {
        let leaf = match leaf {
            UserInputLeaf::Literal(literal) if literal.delimiter == Delimiter::None => {
                if let Some((word, distance)) = fuzzy_suffix(&literal.phrase) {
                    return self.fuzzy_term(&literal, word, distance).map(Some);
                }
                UserInputLeaf::Literal(literal)
            }
            other => other,
        };
        let leaf = match leaf {
            UserInputLeaf::Literal(mut literal) if is_date_field(&literal.field_name) => {
                literal.phrase = self.date_value(&literal.phrase)?;
                UserInputLeaf::Literal(literal)
            }
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } if is_date_field(&field) => UserInputLeaf::Range {
                field,
                lower: self.date_bound(lower)?,
                upper: self.date_bound(upper)?,
            },
            UserInputLeaf::Exists { field } => self.exists(field)?,
            other => other,
        };
        // A name, searched as typed: `speaker:"Jack Straw"`, not `speaker:Str*`.
        let name = match &leaf {
            UserInputLeaf::Literal(l) if !l.prefix => l
                .field_name
                .as_deref()
                .and_then(NameField::named)
                .map(|field| (field, l.phrase.clone())),
            _ => None,
        };
        let query = self
            .parser
            .build_query_from_user_input_ast(leaf.into())
            .map_err(|e| self.error(e))?;
        if query.is::<EmptyQuery>() {
            return Ok(None);
        }
        match name {
            Some((field, text)) => self.forms.widen(field, &text, query).map(Some),
            None => Ok(Some(query)),
        }
    }

    /// `field:*`: tantivy answers it from the field's column, and a field without one
    /// would fail only once the search runs.
    fn exists(&self, field: String) -> Result<UserInputLeaf> {
        let schema = self.index.index.schema();
        let fast = schema
            .get_field(&field)
            .is_ok_and(|f| schema.get_field_entry(f).is_fast());
        if !fast {
            return Err(self.error(format!(
                "{field}:* cannot be answered: of the searchable fields only date:* can"
            )));
        }
        Ok(UserInputLeaf::Exists { field })
    }

    /// A plain `YYYY-MM-DD` as the RFC 3339 midnight tantivy reads; other values as
    /// they are (tantivy explains what is wrong with them).
    fn date_value(&self, value: &str) -> Result<String> {
        if !is_plain_date(value) {
            return Ok(value.to_string());
        }
        if parse_date(value).is_none() {
            return Err(self.error(format!("{value} is not a day of the calendar")));
        }
        Ok(format!("{value}T00:00:00Z"))
    }

    fn date_bound(&self, bound: UserInputBound) -> Result<UserInputBound> {
        Ok(match bound {
            UserInputBound::Inclusive(v) => UserInputBound::Inclusive(self.date_value(&v)?),
            UserInputBound::Exclusive(v) => UserInputBound::Exclusive(self.date_value(&v)?),
            UserInputBound::Unbounded => UserInputBound::Unbounded,
        })
    }

    /// `word~N`: the word, lowercased and accents folded, within N edits in the
    /// literal's field or, without one, in any of the fuzzy fields.
    fn fuzzy_term(
        &mut self,
        literal: &UserInputLiteral,
        word: &str,
        distance: &str,
    ) -> Result<Box<dyn Query>> {
        let distance = match distance {
            "1" => 1,
            "2" => 2,
            n => return Err(self.error(format!("{word}~{n}: a fuzzy term allows 1 or 2 edits"))),
        };
        let word = fold(self.index, word);
        if word.is_empty() {
            return Err(self.error("a fuzzy term needs letters or digits"));
        }
        let fields = match &literal.field_name {
            None => self.fuzzy_fields.clone(),
            Some(name) => vec![self.text_field(name)?],
        };
        let alternatives: Vec<(Occur, Box<dyn Query>)> = fields
            .into_iter()
            .map(|field| {
                let term = Term::from_field_text(field, &word);
                let query: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term, distance, true));
                (Occur::Should, query)
            })
            .collect();
        self.fuzzy.push((word, distance));
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    /// The searchable text field called `name`.
    fn text_field(&self, name: &str) -> Result<Field> {
        let schema = self.index.index.schema();
        let field = schema
            .get_field(name)
            .map_err(|_| self.error(format!("there is no field {name:?}")))?;
        match schema.get_field_entry(field).field_type() {
            FieldType::Str(options) if options.get_indexing_options().is_some() => Ok(field),
            _ => Err(self.error(format!("field {name:?} holds no words to match fuzzily"))),
        }
    }

    /// The user's query (if any) and the filters, all required; every article when
    /// there are none.
    fn finish(self, mut clauses: Vec<Box<dyn Query>>) -> Parsed {
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 => clauses.pop().expect("one clause"),
            _ => Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
            )),
        };
        let f = &self.index.fields;
        let mut terms = Vec::new();
        query.query_terms(&mut |term: &Term, _| {
            if [f.headline, f.body, f.quote].contains(&term.field()) {
                if let Some(text) = term.value().as_str() {
                    terms.push(text.to_string());
                }
            }
        });
        Parsed {
            query,
            terms,
            fuzzy: self.fuzzy,
        }
    }
}

/// `word~N` as the grammar leaves it, one unquoted word: the word and the digits of N.
fn fuzzy_suffix(text: &str) -> Option<(&str, &str)> {
    let (word, distance) = text.rsplit_once('~')?;
    let digits = !distance.is_empty() && distance.bytes().all(|b| b.is_ascii_digit());
    (digits && !word.is_empty()).then_some((word, distance))
}

fn is_date_field(field: &Option<String>) -> bool {
    field.as_deref() == Some("date")
}

/// Lowercase and fold accents the way the name analyzer does.
fn fold(index: &NewsIndex, word: &str) -> String {
    let mut analyzer = index
        .index
        .tokenizers()
        .get(NAME_ANALYZER)
        .expect("analyzers are registered on open");
    let mut stream = analyzer.token_stream(word);
    let mut out = String::new();
    while stream.advance() {
        out.push_str(&stream.token().text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{register_analyzers, Fields};

    fn index() -> NewsIndex {
        let (schema, fields) = Fields::build();
        let index = tantivy::Index::create_in_ram(schema);
        register_analyzers(&index);
        NewsIndex {
            dir: "memory".into(),
            index,
            fields,
            files: "memory".into(),
        }
    }

    fn debug(index: &NewsIndex, query: &str) -> String {
        let snapshot = Snapshot::of(index).unwrap();
        let parsed = parse(&snapshot, query, &DateFilter::default())
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        format!("{:?}", parsed.query)
    }

    #[test]
    fn plain_dates_work_in_ranges_and_terms_only_on_the_date_field() {
        let index = index();
        let index = &Snapshot::of(&index).unwrap();
        let ranged = debug(index.index, "oil date:[2014-05-01 TO 2014-05-31]");
        assert!(ranged.contains("RangeQuery"), "{ranged}");
        let day = debug(index.index, "date:2014-05-01");
        assert!(day.contains("TermQuery"), "{day}");
        // A date in a phrase of another field is a phrase of words.
        let phrase = debug(
            index.index,
            r#"date:[2014-01-01 TO 2014-12-31] body:"2014-05-01""#,
        );
        assert!(phrase.contains("PhraseQuery"), "{phrase}");
        let err = parse(index, "date:[2014-02-30 TO *]", &DateFilter::default())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("2014-02-30 is not a day"), "{err}");
    }

    #[test]
    fn fuzzy_terms_are_read_from_the_parsed_query() {
        let index = index();
        let index = &Snapshot::of(&index).unwrap();
        let parsed = parse(index, "Baucs~1 and (zheng~2)", &DateFilter::default()).unwrap();
        assert_eq!(
            parsed.fuzzy,
            [("baucs".to_string(), 1), ("zheng".to_string(), 2)]
        );
        // A phrase's slop is not fuzziness, and `~` inside a phrase is text.
        for query in [r#""big wolf"~1"#, r#""wolf~1""#, "'wolf~1'", "wolf~"] {
            let parsed = parse(index, query, &DateFilter::default()).unwrap();
            assert!(parsed.fuzzy.is_empty(), "{query}");
        }
        let parsed = parse(index, "speaker:zheng~1", &DateFilter::default()).unwrap();
        assert_eq!(parsed.fuzzy, [("zheng".to_string(), 1)]);
        let err = parse(index, "wolf~3", &DateFilter::default())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("1 or 2 edits"), "{err}");
    }

    #[test]
    fn errors_quote_the_query_as_typed() {
        let index = index();
        let index = &Snapshot::of(&index).unwrap();
        for query in ["headline:(", "nosuchfield:word", "date:[2014 TO 2015]"] {
            match parse(index, query, &DateFilter::default()) {
                Err(Error::Query { query: typed, .. }) => assert_eq!(typed, query),
                Err(other) => panic!("{query}: unexpected error {other}"),
                Ok(_) => panic!("{query} parsed"),
            }
        }
    }

    #[test]
    fn quote_searches_never_splice_the_text() {
        let index = index();
        let index = &Snapshot::of(&index).unwrap();
        let speaker = index.index.fields.speaker;
        for text in ["prices)", "a OR b", "(", "said: \"no", "speaker:"] {
            let parsed = parse_quotes(index, text, Some("Zheng \") OR (x")).unwrap();
            // The speaker is its own clause of words, whatever its punctuation.
            let mut names = Vec::new();
            parsed.query.query_terms(&mut |term: &Term, _| {
                if term.field() == speaker {
                    names.push(term.value().as_str().unwrap_or_default().to_string());
                }
            });
            assert_eq!(names, ["zheng", "or", "x"], "{text}");
        }
        let parsed = parse_quotes(index, "prices)", None).unwrap();
        assert_eq!(parsed.terms, ["price"]);
    }
}
