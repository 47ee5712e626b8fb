//! What a JSON article states of the fields newsidx otherwise extracts: the names of
//! speakers, organizations and persons, the quotes, the dateline's place. newsidx's own
//! JSON output (`extract --json`, `show --json`, `export`) states them all, so that an
//! article read back keeps them instead of having them extracted again.
//!
//! Each value is checked for its type. One of the wrong type is reported by its key and
//! left out, as if the key were absent, so that extraction finds that field; `null` is
//! an absent key. Values are only trimmed here: names keep their spelling and spacing.
//! Control characters go with those of every other field ([`crate::controls`]).

use std::fmt;

use serde_json::{Map, Value};

use super::known::trimmed;
use crate::article::{KnownFields, Quote};

const SPEAKERS: &[&str] = &["speakers"];
const ORGANIZATIONS: &[&str] = &["organizations", "organisations"];
const PERSONS: &[&str] = &["persons"];
const QUOTES: &[&str] = &["quotes"];
const DATELINE: &[&str] = &["dateline"];

/// The type a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Names,
    Quotes,
    Text,
}

impl Shape {
    /// Whether `value` has this shape.
    fn fits(self, value: &Value) -> bool {
        let all = |fits: fn(&Value) -> bool| value.as_array().is_some_and(|a| a.iter().all(fits));
        match self {
            Shape::Names => all(Value::is_string),
            Shape::Quotes => all(is_quote),
            Shape::Text => value.is_string(),
        }
    }

    /// The shape in words, for messages.
    fn wanted(self) -> &'static str {
        match self {
            Shape::Names => "a list of strings",
            Shape::Quotes => "a list of quotes ({\"speaker\", \"text\"} objects or strings)",
            Shape::Text => "a string",
        }
    }
}

/// A key whose value is not of the type its field needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistyped {
    pub key: String,
    /// What the field needs ("a list of strings").
    pub wanted: &'static str,
}

impl fmt::Display for Mistyped {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{:?} is not {}: ignored, found in the text instead",
            self.key, self.wanted
        )
    }
}

/// Set in `known` the fields `map` states; returns the keys whose value has the wrong
/// type, in the order of the fields.
pub fn read(map: &Map<String, Value>, known: &mut KnownFields) -> Vec<Mistyped> {
    let mut mistyped = Vec::new();
    // The first key present that is not null, when its value has the shape.
    let mut take = |keys: &[&str], shape: Shape| {
        let (key, value) = keys
            .iter()
            .find_map(|k| map.get_key_value(*k).filter(|(_, v)| !v.is_null()))?;
        if shape.fits(value) {
            return Some(value);
        }
        mistyped.push(Mistyped {
            key: key.clone(),
            wanted: shape.wanted(),
        });
        None
    };
    known.speakers = take(SPEAKERS, Shape::Names).map(names);
    known.organizations = take(ORGANIZATIONS, Shape::Names).map(names);
    known.persons = take(PERSONS, Shape::Names).map(names);
    known.quotes = take(QUOTES, Shape::Quotes).map(quotes);
    known.dateline = take(DATELINE, Shape::Text)
        .and_then(Value::as_str)
        .and_then(trimmed);
    mistyped
}

/// A quote: a string, or an object with a string `text` and a `speaker` that is a
/// string, `null` or absent.
fn is_quote(value: &Value) -> bool {
    match value {
        Value::String(_) => true,
        Value::Object(o) => {
            o.get("text").is_some_and(Value::is_string)
                && o.get("speaker")
                    .is_none_or(|s| s.is_string() || s.is_null())
        }
        _ => false,
    }
}

/// The names of a list of [`Shape::Names`]; blank ones are left out.
fn names(value: &Value) -> Vec<String> {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .filter_map(Value::as_str)
        .filter_map(trimmed)
        .collect()
}

/// The quotes of a list of [`Shape::Quotes`]; those without words are left out.
fn quotes(value: &Value) -> Vec<Quote> {
    let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
    items
        .iter()
        .filter_map(|item| {
            let (speaker, text) = match item {
                Value::String(text) => (None, text.as_str()),
                _ => (item["speaker"].as_str(), item["text"].as_str()?),
            };
            Some(Quote {
                speaker: speaker.and_then(trimmed),
                text: trimmed(text)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(json: &str) -> (KnownFields, Vec<String>) {
        let Value::Object(map) = serde_json::from_str(json).unwrap() else {
            panic!("not an object: {json}");
        };
        let mut known = KnownFields::default();
        let mistyped = read(&map, &mut known);
        (known, mistyped.iter().map(|m| m.to_string()).collect())
    }

    #[test]
    fn stated_fields_are_kept_as_they_are() {
        let (k, mistyped) = known(
            r#"{"speakers": [" Ann   Lee ", ""], "organisations": ["Acme plc"],
                "persons": ["Ann   Lee", "Bo Diaz"], "dateline": " OSLO ",
                "quotes": [{"speaker": "Ann   Lee", "text": "We  will build."},
                           {"speaker": null, "text": "Nobody said this."},
                           {"text": "Nor this."}, "A plain string.", " "]}"#,
        );
        assert!(mistyped.is_empty(), "{mistyped:?}");
        assert_eq!(k.speakers.unwrap(), ["Ann   Lee"]);
        assert_eq!(k.organizations.unwrap(), ["Acme plc"]);
        assert_eq!(k.persons.unwrap(), ["Ann   Lee", "Bo Diaz"]);
        assert_eq!(k.dateline.as_deref(), Some("OSLO"));
        let quotes = k.quotes.unwrap();
        let said: Vec<_> = quotes
            .iter()
            .map(|q| (q.speaker.as_deref(), q.text.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                (Some("Ann   Lee"), "We  will build."),
                (None, "Nobody said this."),
                (None, "Nor this."),
                (None, "A plain string."),
            ]
        );
    }

    #[test]
    fn stated_empty_stays_empty_and_absent_or_null_is_not_stated() {
        let (k, mistyped) = known(r#"{"speakers": [], "quotes": [], "persons": null}"#);
        assert!(mistyped.is_empty());
        assert_eq!(k.speakers, Some(vec![]));
        assert_eq!(k.quotes, Some(vec![]));
        assert_eq!(k.persons, None);
        assert_eq!(k.organizations, None);
        assert_eq!(k.dateline, None);
        assert!(!k.states_names_and_quotes());
        let (k, _) = known(r#"{"speakers": [], "organizations": [], "persons": [], "quotes": []}"#);
        assert!(k.states_names_and_quotes());
    }

    #[test]
    fn wrong_types_are_named_and_left_out() {
        let (k, mistyped) = known(
            r#"{"speakers": "Ann Lee", "organizations": ["Acme", 3], "persons": ["Bo Diaz"],
                "quotes": [{"speaker": ["Ann"], "text": "x"}], "dateline": 12}"#,
        );
        assert_eq!(
            mistyped,
            [
                "\"speakers\" is not a list of strings: ignored, found in the text instead",
                "\"organizations\" is not a list of strings: ignored, found in the text instead",
                "\"quotes\" is not a list of quotes ({\"speaker\", \"text\"} objects or \
                 strings): ignored, found in the text instead",
                "\"dateline\" is not a string: ignored, found in the text instead",
            ]
        );
        assert_eq!(k.speakers, None);
        assert_eq!(k.organizations, None);
        assert_eq!(k.persons.unwrap(), ["Bo Diaz"]);
        assert_eq!(k.quotes, None);
        assert_eq!(k.dateline, None);
        for bad in [
            r#"{"quotes": [{"speaker": "Ann"}]}"#,
            r#"{"quotes": [{"text": 5}]}"#,
            r#"{"quotes": [null]}"#,
            r#"{"quotes": {"text": "x"}}"#,
        ] {
            let (k, mistyped) = known(bad);
            assert_eq!(k.quotes, None, "{bad}");
            assert_eq!(mistyped.len(), 1, "{bad}");
        }
    }
}
