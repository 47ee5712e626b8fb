//! Normalising what container formats already know: field values to single lines,
//! bodies to paragraphs separated by blank lines (the shape extraction expects when the
//! headline is known), dates to `YYYY-MM-DD`, character references to characters.
//!
//! The readers decide which keys, columns or tags hold a field; this module only tidies
//! the values.

use crate::extract::dates::{find_stated_date, stated, Stated};

/// Text whose lines are paragraphs (JSON bodies, page text) as paragraphs separated by
/// blank lines, each with its runs of whitespace collapsed.
pub fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// A value without surrounding whitespace, otherwise as written; `None` when blank.
pub fn trimmed(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A one-line field value with its whitespace collapsed; `None` when blank.
pub fn field(value: &str) -> Option<String> {
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(value)
}

/// Names joined by semicolons ("Ann Lee; Acme plc", as CSV exports write lists), each
/// trimmed and otherwise as written; blank ones are left out.
pub fn names(value: &str) -> Vec<String> {
    value.split(';').filter_map(trimmed).collect()
}

/// An author line without a leading "By".
pub fn byline(value: &str) -> Option<String> {
    let value = field(value)?;
    match value.split_once(' ') {
        Some((by, rest)) if by.eq_ignore_ascii_case("by") => Some(rest.to_string()),
        None if value.eq_ignore_ascii_case("by") => None,
        _ => Some(value),
    }
}

/// A date in one of the common forms ("2017-08-03T12:00:00Z", "Thu, 03 Aug 2017",
/// "August 3, 2017", "26-FEB-1987") as `YYYY-MM-DD`, or the impossible date it states.
pub fn date(value: &str) -> Option<Stated> {
    let value = value.trim();
    if let Some(iso) = iso_date(value) {
        return Some(iso);
    }
    // Dates are short; a long value is not one, and need not be scanned whole.
    let end = (0..=value.len().min(100))
        .rev()
        .find(|&i| value.is_char_boundary(i))
        .unwrap_or(0);
    find_stated_date(&value[..end])
}

/// A Unix timestamp, in seconds or milliseconds, as `YYYY-MM-DD`.
pub fn date_from_timestamp(value: f64) -> Option<String> {
    let secs = if value.abs() >= 1e11 {
        value / 1000.0
    } else {
        value
    };
    if !secs.is_finite() || !(0.0..1e11).contains(&secs) {
        return None;
    }
    let d = tantivy::time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()?
        .date();
    Some(format!(
        "{:04}-{:02}-{:02}",
        d.year(),
        u8::from(d.month()),
        d.day()
    ))
}

/// `YYYY-MM-DD` at the start of `value`, followed by nothing, a time or a space.
/// The year 0 ("0000-00-00") is how some databases write no date: not a date.
fn iso_date(value: &str) -> Option<Stated> {
    let b = value.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    (y > 0).then(|| stated(y, m, d, &value[..10]))
}

/// The character reference at the start of `s`, which follows its `&` (or, in text
/// that lost its ampersands, its space): `lt;`, `#39;`, `#x2019;`. Returns the
/// character, `None` for control characters that are to be dropped, and the length
/// of the reference after the ampersand; `None` when `s` holds no reference.
pub fn entity(s: &str) -> Option<(Option<char>, usize)> {
    let end = s.as_bytes().iter().take(10).position(|&b| b == b';')?;
    let name = &s[..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        if num.is_empty() || num.starts_with(['+', '-']) {
            return None;
        }
        numeric(code)
    } else {
        Some(match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "hellip" => '…',
            "mdash" => '—',
            "ndash" => '–',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            _ => return None,
        })
    };
    Some((c, end + 1))
}

/// The character a numeric reference stands for. References in 128-159 mean the
/// Windows-1252 characters there (curly quotes, dashes), as browsers read them.
fn numeric(code: u32) -> Option<char> {
    if (128..160).contains(&code) {
        let byte = [code as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().filter(|c| !c.is_control());
    }
    char::from_u32(code).filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs() {
        assert_eq!(
            paragraphs("  First   line.\n\n\nSecond\tline.\r\n \nThird."),
            "First line.\n\nSecond line.\n\nThird."
        );
        assert_eq!(paragraphs(" \n "), "");
    }

    #[test]
    fn fields_and_bylines() {
        assert_eq!(field("  Two\n words "), Some("Two words".into()));
        assert_eq!(field(" \n"), None);
        assert_eq!(trimmed("  Two  words\n"), Some("Two  words".into()));
        assert_eq!(trimmed(" \n"), None);
        assert_eq!(byline("By  Jane Doe"), Some("Jane Doe".into()));
        assert_eq!(byline("Byron Hale"), Some("Byron Hale".into()));
        assert_eq!(byline("By "), None);
        assert_eq!(names(" Ann  Lee ;Acme plc;; "), ["Ann  Lee", "Acme plc"]);
        assert!(names("").is_empty());
    }

    #[test]
    fn dates_in_common_forms() {
        for (value, want) in [
            ("2017-08-03T12:00:00+00:00", Some("2017-08-03")),
            ("2017-08-03 12:00:00", Some("2017-08-03")),
            ("2017-08-03", Some("2017-08-03")),
            ("Thu, 03 Aug 2017 12:00:00 GMT", Some("2017-08-03")),
            ("August 3, 2017", Some("2017-08-03")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26")),
            ("yesterday", None),
            ("0000-00-00", None),
            ("", None),
        ] {
            assert_eq!(date(value), want.map(|d| Ok(d.to_string())), "{value}");
        }
        assert_eq!(date(&"é".repeat(200)), None);
        assert_eq!(
            date_from_timestamp(1_501_761_600.0).as_deref(),
            Some("2017-08-03")
        );
        assert_eq!(
            date_from_timestamp(1_501_761_600_000.0).as_deref(),
            Some("2017-08-03")
        );
        assert_eq!(date_from_timestamp(f64::NAN), None);
        assert_eq!(date_from_timestamp(-5.0), None);
    }

    #[test]
    fn impossible_dates_are_stated_not_kept() {
        for (value, written) in [
            ("2017-13-03", "2017-13-03"),
            ("2017-02-31T12:00:00Z", "2017-02-31"),
            ("31 February 2017", "31 February 2017"),
            ("Thu, 31 Feb 2017 12:00:00 GMT", "31 Feb 2017"),
        ] {
            let err = date(value).unwrap().unwrap_err();
            assert_eq!(err.0, written, "{value}");
        }
    }

    #[test]
    fn character_references() {
        assert_eq!(entity("lt;VIA>"), Some((Some('<'), 3)));
        assert_eq!(entity("#39;s"), Some((Some('\''), 4)));
        assert_eq!(entity("#x2019;"), Some((Some('’'), 7)));
        assert_eq!(entity("#151;"), Some((Some('—'), 5)));
        assert_eq!(entity("#3;"), Some((None, 3)));
        assert_eq!(entity("#;"), None);
        assert_eq!(entity("#-5;"), None);
        assert_eq!(entity("year; later"), None);
        assert_eq!(entity("amp"), None);
        assert_eq!(entity("#99999999999;"), None);
    }
}
