//! Words, punctuation and sentences of one paragraph, with byte offsets into it.
//!
//! The tokenizer keeps abbreviations whole ("U.S.", "Inc.", "Mr.") so that sentence
//! splitting does not break on them, and keeps internal apostrophes and hyphens inside
//! words ("People's", "Sino-U.S."). Quote marks are single punctuation tokens; the quote
//! stage decides which of them open or close a quotation.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and digits, internal apostrophes, hyphens, periods).
    Word,
    /// Starts with a digit.
    Number,
    /// A single punctuation character.
    Punct,
}

/// One token: its kind and byte range in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    /// The token's text within `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that keep their period (besides single letters and dotted acronyms).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Inc", "Corp", "Co", "Ltd", "Bros",
    "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Adm", "Rev", "Hon", "No", "vs", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue",
    "Wed", "Thu", "Fri", "Sat", "Sun", "approx", "est", "etc", "Ave", "Blvd", "Dept", "Univ",
    "Assn", "Ft", "Pres", "Gov't", "ca", "cf", "eg", "ie", "Nos", "pp", "Vol", "Sens", "Reps",
    "Govs", "Drs", "Profs", "Messrs", "Alex", "Benj", "Chas", "Edw", "Geo", "Jas", "Jos", "Robt",
    "Saml", "Thos", "Wm",
];

/// Abbreviations after which a capitalised word never starts a new sentence.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Mt.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.",
    "Col.", "Capt.", "Sgt.", "Adm.", "Rev.", "Hon.", "No.", "vs.", "Jan.", "Feb.", "Mar.", "Apr.",
    "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Ft.", "Pres.", "Sens.",
    "Reps.", "Govs.", "Drs.", "Profs.", "Messrs.", "Alex.", "Benj.", "Chas.", "Edw.", "Geo.",
    "Jas.", "Jos.", "Robt.", "Saml.", "Thos.", "Wm.",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '/')
}

/// Split `text` into tokens. Whitespace is dropped; every other character is in a token.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                start,
                end: start + c.len_utf8(),
                kind: Kind::Punct,
            });
            continue;
        }
        let mut end = start + c.len_utf8();
        loop {
            match iter.peek().copied() {
                Some((i, ch)) if is_word_char(ch) => {
                    end = i + ch.len_utf8();
                    iter.next();
                }
                Some((i, ch)) if is_joiner(ch) => {
                    // A joiner stays inside the word only when a word character follows.
                    let after = text[i + ch.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        end = i + ch.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        // A plural possessive keeps its apostrophe inside a name ("Teachers'
        // Federation"); elsewhere the mark may close a quotation.
        if (text[end..].starts_with('\'') || text[end..].starts_with('’'))
            && text[start..end].ends_with(['s', 'S'])
        {
            let mark = if text[end..].starts_with('\'') { 1 } else { 3 };
            let mut rest = text[end + mark..].chars();
            // Only before a capitalised word: "representations' to" may end a quotation.
            if rest.next() == Some(' ') && rest.next().is_some_and(char::is_uppercase) {
                end += mark;
                iter.next();
            }
        }
        // A trailing period belongs to abbreviations and initials.
        if text[end..].starts_with('.') && keeps_period(&text[start..end]) {
            end += 1;
            iter.next();
        }
        let kind = if c.is_ascii_digit() {
            Kind::Number
        } else {
            Kind::Word
        };
        tokens.push(Token { start, end, kind });
    }
    tokens
}

fn keeps_period(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    // Single letters ("J. Smith") and dotted acronyms ("U.S", "U.K").
    (first.is_some_and(char::is_uppercase) && chars.next().is_none())
        || (word.contains('.')
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-'))
        || ABBREVIATIONS.contains(&word)
}

/// Whether a token is a sentence-ending punctuation mark.
pub fn is_terminal(text: &str, tok: &Token) -> bool {
    tok.kind == Kind::Punct && matches!(tok.text(text), "." | "!" | "?")
}

/// Whether a token is a quote mark (any style).
pub fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "'" | "“" | "”" | "‘" | "’" | "«" | "»" | "„")
}

/// Split tokens into sentences: ranges of token indices. `in_quote[i]` tells whether
/// token `i` lies inside a quotation; a sentence never ends inside one, so a quoted
/// passage of several sentences stays with its attribution. Outside quotations a line
/// break (`\n`, kept by layout where the writer broke a line) ends a sentence.
pub fn sentences(text: &str, tokens: &[Token], in_quote: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i];
        let mut boundary = None;
        if i > begin && !in_quote[i] && text[tokens[i - 1].end..tok.start].contains('\n') {
            // A line the writer broke ends its sentence: a byline, a dateline, a row.
            out.push(begin..i);
            begin = i;
        }
        if is_terminal(text, tok) && !in_quote[i] {
            // Closing quote marks and brackets after the terminal belong to this sentence.
            let mut j = i + 1;
            while j < tokens.len() && closes(tokens[j].text(text)) {
                j += 1;
            }
            // An abbreviation closing a bracket mid-sentence: "Rand Paul (R-Ky.) said".
            let bracket_goes_on = tok.text(text) == "."
                && tokens[i + 1..j].iter().any(|t| t.text(text) == ")")
                && tokens
                    .get(j)
                    .is_some_and(|t| t.text(text).starts_with(char::is_lowercase));
            if !bracket_goes_on {
                boundary = Some(j);
            }
        } else if !in_quote[i]
            && i > 0
            && in_quote[i - 1]
            && is_terminal(text, &tokens[i - 1])
            && closes(tok.text(text))
        {
            // '"We won." Smith said.': a quotation that ends its sentence.
            if tokens
                .get(i + 1)
                .is_some_and(|t| t.text(text).chars().next().is_some_and(char::is_uppercase))
            {
                boundary = Some(i + 1);
            }
        } else if tok.kind == Kind::Word && tok.text(text).ends_with('.') {
            // An abbreviation ends a sentence only before a sentence-starting word.
            let word = tok.text(text);
            if !TITLE_ABBREVIATIONS.contains(&word) && !in_quote[i] {
                if let Some(next) = tokens.get(i + 1) {
                    if starts_sentence_after_abbreviation(next.text(text)) {
                        boundary = Some(i + 1);
                    }
                }
            }
        }
        if let Some(end) = boundary {
            out.push(begin..end);
            begin = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

fn closes(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Words that, capitalised after "U.S." or "Inc.", signal a new sentence.
fn starts_sentence_after_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "There"
            | "However"
            | "Meanwhile"
            | "Still"
            | "Yet"
            | "So"
            | "If"
            | "When"
            | "As"
            | "After"
            | "Before"
            | "Since"
            | "While"
            | "Some"
            | "Many"
            | "Most"
            | "Officials"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn keeps_abbreviations_and_internal_marks() {
        assert_eq!(
            words("The U.S. Ambassador, Mr. Baucus, met People's Liberation Army officers."),
            [
                "The",
                "U.S.",
                "Ambassador",
                ",",
                "Mr.",
                "Baucus",
                ",",
                "met",
                "People's",
                "Liberation",
                "Army",
                "officers",
                "."
            ]
        );
        assert_eq!(
            words("'hired' by Sino-U.S. AT&T"),
            ["'", "hired", "'", "by", "Sino-U.S.", "AT&T"]
        );
        assert_eq!(words("Teachers' Federation"), ["Teachers'", "Federation"]);
        assert_eq!(words("workers' union"), ["workers", "'", "union"]);
        assert_eq!(
            words("the United States'."),
            ["the", "United", "States", "'", "."]
        );
        assert_eq!(words("$1.27 trillion"), ["$", "1.27", "trillion"]);
    }

    fn split(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let in_quote = vec![false; tokens.len()];
        sentences(text, &tokens, &in_quote)
            .into_iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn sentences_survive_abbreviations() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones of Alcoa Inc. in Jan. last year. He left the U.S. The end."),
            [
                "Mr. Smith met Dr. Jones of Alcoa Inc. in Jan. last year.",
                "He left the U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn plural_titles_keep_their_period_and_the_sentence() {
        assert_eq!(
            split(
                "Reps. Ann Vale and Tom Orr voted no, as did Sens. Kim Ray and Lee Poe. Then rain."
            ),
            [
                "Reps. Ann Vale and Tom Orr voted no, as did Sens. Kim Ray and Lee Poe.",
                "Then rain."
            ]
        );
    }

    #[test]
    fn an_abbreviated_given_name_keeps_its_period_and_the_sentence() {
        // Old firms' names abbreviate their founders' given names.
        assert_eq!(
            split("Wm. Tarn and Sons and Chas. Orr Co bought shares. Then rain."),
            [
                "Wm. Tarn and Sons and Chas. Orr Co bought shares.",
                "Then rain."
            ]
        );
    }

    #[test]
    fn a_period_closing_a_bracket_mid_sentence_ends_nothing() {
        assert_eq!(
            split("Sen. Ann Vale (R-Okla.) said no. He left (at noon.) Then rain."),
            [
                "Sen. Ann Vale (R-Okla.) said no.",
                "He left (at noon.)",
                "Then rain."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("He said \"yes.\" Then he left."),
            ["He said \"yes.\"", "Then he left."]
        );
    }
}
