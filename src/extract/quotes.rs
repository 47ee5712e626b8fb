//! Finding quotations in a paragraph: which quote marks open and close a quoted passage.
//!
//! Straight, curly and guillemet marks in double and single forms are handled. A single
//! mark is only a quote when it stands at a word boundary in the right direction, so
//! apostrophes ("don't", "workers' union") are not taken for quotes. A quotation still
//! open at the end of a paragraph runs to that end; news style reopens it at the start
//! of the next paragraph, and extraction joins the two.

use super::tokens::{is_terminal, Kind, Token};

/// A quoted passage: token indices of its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    /// Index of the opening mark.
    pub open: usize,
    /// Index of the closing mark; `None` when the quotation runs to the paragraph's end.
    /// When the next quotation [`reopens`](Self::reopens) this one, its opening mark.
    pub close: Option<usize>,
    /// The quotation carries on the one before it in the paragraph, which the writer
    /// never closed: news style reopens a quotation at each of its paragraphs, and text
    /// that lost its paragraph breaks keeps the marks ("... several times. "Once
    /// again ...").
    pub reopens: bool,
}

impl Quotation {
    /// Byte range of the quoted text (inside the marks).
    pub fn inner(&self, tokens: &[Token], paragraph_len: usize) -> std::ops::Range<usize> {
        let start = tokens[self.open].end;
        let end = self.close.map_or(paragraph_len, |c| tokens[c].start);
        start..end.max(start)
    }

    /// Token index range inside the marks.
    pub fn token_range(&self, tokens: &[Token]) -> std::ops::Range<usize> {
        self.open + 1..self.close.unwrap_or(tokens.len())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

fn classify(text: &str, tokens: &[Token], i: usize) -> Option<(Family, Mark)> {
    let tok = &tokens[i];
    let s = tok.text(text);
    let before = text[..tok.start].chars().next_back();
    let after = text[tok.end..].chars().next();
    let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
    let space_after = after.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}—–-".contains(c));
    // A mark faces the way its spaces say when they say one. For curly marks and
    // guillemets that wins over their shape: German closes with “ („so“), Swiss and
    // German books open with » (»so«), and a writer's slip (“It is odd,“ said Ms Noor)
    // is read as meant. Otherwise their shape decides; a straight mark may be either.
    let by_position = match (space_before, space_after) {
        (true, false) => Some(Mark::Open),
        (false, true) => Some(Mark::Close),
        _ => None,
    };
    let family_mark = match s {
        "“" | "„" | "«" => (Family::Double, by_position.unwrap_or(Mark::Open)),
        "”" | "»" => (Family::Double, by_position.unwrap_or(Mark::Close)),
        "‘" => (Family::Single, by_position.unwrap_or(Mark::Open)),
        "\"" => (Family::Double, by_position.unwrap_or(Mark::Either)),
        "'" | "’" => match by_position {
            // Before a figure, an elision ("class of '83", "in '94"), unless the
            // figure alone is quoted ("the England '15s'").
            Some(Mark::Open) if elides(text, tokens, i) => return None,
            Some(mark) => (Family::Single, mark),
            None => return None,
        },
        _ => return None,
    };
    Some(family_mark)
}

/// Whether the single mark at token `i` elides the start of the figure after it: a
/// figure that no single mark closes right after it.
fn elides(text: &str, tokens: &[Token], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(|t| {
        t.start == tokens[i].end
            && t.kind == Kind::Number
            && !text[t.end..].starts_with(['\'', '’'])
    })
}

/// Find the quotations of one paragraph.
pub fn find(text: &str, tokens: &[Token]) -> Vec<Quotation> {
    let mut found = Vec::new();
    // The open quotation's family, its opening mark, and whether it reopens another.
    let mut open: Option<(Family, usize, bool)> = None;
    for (i, tok) in tokens.iter().enumerate() {
        if tok.kind != Kind::Punct {
            continue;
        }
        let Some((family, mark)) = classify(text, tokens, i) else {
            continue;
        };
        match open {
            None => {
                if mark != Mark::Close {
                    open = Some((family, i, false));
                }
            }
            Some((open_family, start, reopens)) => {
                // Marks of the other family inside a quotation are nested quotes: skip.
                if family == open_family && mark != Mark::Open {
                    if i > start + 1 {
                        found.push(Quotation {
                            open: start,
                            close: Some(i),
                            reopens,
                        });
                    }
                    open = None;
                } else if family == open_family && mark == Mark::Open && family == Family::Double {
                    // A second opening double mark: the first was never closed. After
                    // the end of a sentence it reopens the quotation, which ran to
                    // there; elsewhere the first mark was a stray one: restart.
                    let carried = i > start + 1 && is_terminal(text, &tokens[i - 1]);
                    if carried {
                        found.push(Quotation {
                            open: start,
                            close: Some(i),
                            reopens,
                        });
                    }
                    open = Some((family, i, carried));
                }
            }
        }
    }
    if let Some((_, start, reopens)) = open {
        // Only a quotation that opens the paragraph's text (or follows an attribution
        // colon or comma) may run on; a stray mark mid-text is ignored.
        let quoted_words = tokens.len() - start - 1;
        if quoted_words >= 3 {
            found.push(Quotation {
                open: start,
                close: None,
                reopens,
            });
        }
    }
    found
}

/// Mark which tokens lie inside a quotation.
pub fn inside(tokens: &[Token], quotations: &[Quotation]) -> Vec<bool> {
    let mut inside = vec![false; tokens.len()];
    for q in quotations {
        for flag in &mut inside[q.token_range(tokens)] {
            *flag = true;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        find(text, &tokens)
            .iter()
            .map(|q| text[q.inner(&tokens, text.len())].trim().to_string())
            .collect()
    }

    #[test]
    fn straight_curly_and_single_quotes() {
        assert_eq!(quoted("\"We won,\" he said."), ["We won,"]);
        assert_eq!(quoted("“We won,” he said."), ["We won,"]);
        assert_eq!(quoted("'We won,' Cui was quoted as saying."), ["We won,"]);
        assert_eq!(quoted("‘We won,’ he said."), ["We won,"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("The steel workers' union didn't say.").is_empty());
        assert_eq!(
            quoted("It was 'overbearing and hypocritical' and the workers' union agreed."),
            ["overbearing and hypocritical"]
        );
    }

    #[test]
    fn an_elided_year_is_no_quote() {
        assert!(quoted("They met in '94, and again in '97 at the club's dinner.").is_empty());
        assert!(
            quoted("The drug, known as '771, failed its trial, the firm's chief said.").is_empty()
        );
        assert_eq!(quoted("He may play for the '15s' next year."), ["15s"]);
    }

    #[test]
    fn nested_quotes_stay_in_the_outer_one() {
        assert_eq!(
            quoted("“He told me ‘no’ twice,” she said."),
            ["He told me ‘no’ twice,"]
        );
    }

    #[test]
    fn a_quotation_reopened_after_a_sentence_carries_on() {
        let text = "Mr Hale said: \"We warned them twice. It went unheard. \"Now the bill \
                    comes due. \"It is a sorry day.\"";
        assert_eq!(
            quoted(text),
            [
                "We warned them twice. It went unheard.",
                "Now the bill comes due.",
                "It is a sorry day."
            ]
        );
        let tokens = tokenize(text);
        let reopens: Vec<bool> = find(text, &tokens).iter().map(|q| q.reopens).collect();
        assert_eq!(reopens, [false, true, true]);
        // A stray mark mid-sentence is no reopening: the quotation starts again there.
        let text = "The \"so-called plan \"We will win,\" he said.";
        assert_eq!(quoted(text), ["We will win,"]);
    }

    #[test]
    fn a_curly_mark_faces_the_way_its_spaces_say() {
        // A slip: the first quotation closes with an opening mark.
        assert_eq!(
            quoted("“It is odd,“ said Ms Noor. “It is very odd.”"),
            ["It is odd,", "It is very odd."]
        );
        // German and Swiss usage.
        assert_eq!(quoted("Er sagte: „Wir bleiben“ und ging."), ["Wir bleiben"]);
        assert_eq!(quoted("Sie sagte: »Nie wieder« und ging."), ["Nie wieder"]);
        // With no space on either side, the shape decides.
        assert_eq!(quoted("He said:“No”."), ["No"]);
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let text = "“This is the first paragraph of a long quote.";
        let tokens = tokenize(text);
        let q = find(text, &tokens);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].close, None);
    }
}
