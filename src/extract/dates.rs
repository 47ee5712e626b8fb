//! Dates and wire datelines: "May 20, 2014", "20 May 2014", "2014-05-20",
//! "26-FEB-1987", and "BEIJING, May 20 (Reuters) -".

use std::sync::OnceLock;

use regex::Regex;

/// A wire dateline at the start of a body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place in capitals, as written ("BEIJING").
    pub place: String,
    /// The agency in parentheses ("Reuters"), if any.
    pub agency: Option<String>,
    /// The date as `YYYY-MM-DD`, when the dateline gives a year.
    pub date: Option<String>,
}

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let idx = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "Mayday" or "Marching" are not months: the full form must be a month name.
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][idx];
    (full.starts_with(&lower) || lower == "sept").then_some(idx as u32 + 1)
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    ((1..=12).contains(&month) && (1..=31).contains(&day) && (1800..=2200).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?xi)
            \b(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})(?:\b|T)
          | \b(?P<d2>\d{1,2})-(?P<mon2>[a-z]{3})-(?P<y2>\d{4})\b
          | \b(?P<mon3>[a-z]{3,9}\.?)\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{4})\b
          | \b(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon4>[a-z]{3,9}\.?),?\s+(?P<y4>\d{4})\b",
        )
        .expect("date pattern is valid")
    })
}

/// The first full date (with a year) in `text`, as `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    for caps in date_regex().captures_iter(text) {
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let mon = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
        let found = if let Some(y) = num("y1") {
            iso(y, num("m1")?, num("d1")?)
        } else if let Some(y) = num("y2") {
            mon("mon2").and_then(|m| iso(y, m, num("d2")?))
        } else if let Some(y) = num("y3") {
            mon("mon3").and_then(|m| iso(y, m, num("d3")?))
        } else if let Some(y) = num("y4") {
            mon("mon4").and_then(|m| iso(y, m, num("d4")?))
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"^(?P<place>\p{Lu}[\p{Lu}\p{M}.'’ -]*\p{Lu}\.?)(?:,\s*(?P<region>\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?))?(?:,\s*(?P<date>[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\))?\s*(?:-{1,2}|–|—)\s",
        )
        .expect("dateline pattern is valid")
    })
}

/// A dateline at the start of `paragraph`, and the byte length it occupies.
pub fn find_dateline(paragraph: &str) -> Option<(Dateline, usize)> {
    let caps = dateline_regex().captures(paragraph)?;
    let place = caps["place"].trim().to_string();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    let date = caps.name("date").and_then(|d| find_date(d.as_str()));
    let dateline = Dateline {
        place,
        agency: caps.name("agency").map(|a| a.as_str().trim().to_string()),
        date,
    };
    Some((dateline, caps.get(0).map_or(0, |m| m.end())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        for (text, want) in [
            ("Published: 14 March 2016", "2016-03-14"),
            ("May 20, 2014", "2014-05-20"),
            ("Updated 10:32 GMT, 20 May 2014", "2014-05-20"),
            ("2014-05-20T10:00:00Z", "2014-05-20"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("Sept. 3, 2015", "2015-09-03"),
        ] {
            assert_eq!(find_date(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(find_date("May 20"), None);
        assert_eq!(find_date("Marching 20 2014"), None);
    }

    #[test]
    fn datelines() {
        // Wire copy may set the month in capitals too.
        let (d, _) = find_dateline("WASHINGTON, MARCH 13 - Proposals for").unwrap();
        assert_eq!(d.place, "WASHINGTON");
        let (d, len) = find_dateline("BEIJING, May 20 (Reuters) - China summoned").unwrap();
        assert_eq!(d.place, "BEIJING");
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.date, None);
        assert_eq!(
            &"BEIJING, May 20 (Reuters) - China summoned"[len..],
            "China summoned"
        );

        let (d, _) = find_dateline("FRANKFURT, March 3, 2015 (Reuters) - Shares").unwrap();
        assert_eq!(d.date.as_deref(), Some("2015-03-03"));
        let (d, _) = find_dateline("NEW YORK (AP) -- Stocks fell").unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("NEW YORK", Some("AP"))
        );
        let (d, _) = find_dateline("SALVADOR, Feb 26 - Showers continued").unwrap();
        assert_eq!(d.place, "SALVADOR");
        assert!(find_dateline("China summoned the ambassador - again").is_none());
        assert!(find_dateline("US - China talks").is_none());
    }
}
