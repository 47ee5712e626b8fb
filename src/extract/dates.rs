//! Dates and wire datelines: "May 20, 2014", "20 May 2014", "2014-05-20",
//! "26-FEB-1987", and "BEIJING, May 20 (Reuters) -".
//!
//! Every date newsidx keeps, whichever reader or pattern found it, passes
//! [`calendar_date`]: a date that is written like one but is not on the calendar
//! ("31 February 2016", month 13) is an [`ImpossibleDate`], which extraction reports.

use std::sync::OnceLock;

use regex::Regex;

/// A wire dateline at the start of a body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place as written, in capitals by wire convention ("BEIJING").
    pub place: String,
    /// The agency in parentheses ("Reuters"), if any.
    pub agency: Option<String>,
    /// The date as `YYYY-MM-DD`, when the dateline gives a year.
    pub date: Option<Stated>,
}

/// A date written like one that is not on the calendar ("31 February 2016", month 13),
/// as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpossibleDate(pub String);

impl std::fmt::Display for ImpossibleDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "impossible date \"{}\" ignored", self.0)
    }
}

/// What a text states as its date: a calendar date as `YYYY-MM-DD`, or an impossible one.
pub type Stated = Result<String, ImpossibleDate>;

/// `year`-`month`-`day` as `YYYY-MM-DD` when it is a day of the (Gregorian) calendar:
/// the one check every date passes.
pub fn calendar_date(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=9999).contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The stated date `written` as `year`-`month`-`day`: checked against the calendar.
pub fn stated(year: u32, month: u32, day: u32, written: &str) -> Stated {
    calendar_date(year, month, day).ok_or_else(|| ImpossibleDate(written.trim().to_string()))
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

/// The first full date (with a year) in `text`, as `YYYY-MM-DD`; `None` when there is
/// none or the first is impossible.
pub fn find_date(text: &str) -> Option<String> {
    find_stated_date(text)?.ok()
}

/// The first full date (with a year) in `text`, checked against the calendar. Years
/// outside 1800-2200 are taken for other numbers and passed over.
pub fn find_stated_date(text: &str) -> Option<Stated> {
    for caps in date_regex().captures_iter(text) {
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let mon = |name: &str| caps.name(name).and_then(|m| month_number(m.as_str()));
        let found = if let Some(y) = num("y1") {
            num("m1").zip(num("d1")).map(|(m, d)| (y, m, d))
        } else if let Some(y) = num("y2") {
            mon("mon2").zip(num("d2")).map(|(m, d)| (y, m, d))
        } else if let Some(y) = num("y3") {
            mon("mon3").zip(num("d3")).map(|(m, d)| (y, m, d))
        } else if let Some(y) = num("y4") {
            mon("mon4").zip(num("d4")).map(|(m, d)| (y, m, d))
        } else {
            None
        };
        if let Some((y, m, d)) = found.filter(|(y, ..)| (1800..=2200).contains(y)) {
            let written = caps.get(0).map_or("", |m| m.as_str()).trim_end_matches('T');
            return Some(stated(y, m, d, written));
        }
    }
    None
}

/// What follows a dateline's place: a region, a date (its comma may be left out: "NEW
/// YORK Sept. 11, 2004 -"; an agency may sign after it: "ROME, March 13, Reuter -"), an
/// agency in brackets, then a dash (which the story may
/// follow without a space after the agency: "(Dow Jones)--China").
const DATELINE_TAIL: &str = r"(?:,\s*(?P<region>\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?))?(?:(?:,\s*|\s+)(?P<date>[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)(?:,\s*(?P<signed>\p{Lu}[\p{L}.&']*(?:\s\p{Lu}[\p{L}.&']*){0,2}))?)?\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{0,30})\)\s*(?:-{1,2}|–|—)\s*|(?:-{1,2}|–|—)\s)";

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}}.'’ -]*\p{{Lu}}\.?){DATELINE_TAIL}"
        ))
        .expect("dateline pattern is valid")
    })
}

fn dateline_tail_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("^{DATELINE_TAIL}")).expect("dateline pattern is valid"))
}

/// A dateline at the start of `paragraph`, and the byte length it occupies.
pub fn find_dateline(paragraph: &str) -> Option<(Dateline, usize)> {
    let caps = dateline_regex()
        .captures(paragraph)
        .filter(|c| opens_story(&paragraph[c.get(0).map_or(0, |m| m.end())..]))?;
    let place = caps["place"].trim().to_string();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(dateline_from(&caps, place, 0))
}

/// A dateline written without its dash ("LOS ANGELES NASA will try ...", "TBILISI,
/// Georgia Georgian President ..."): a place in capitals that `is_place` knows (written
/// with capitals to its words' first letters only: "Los Angeles"), perhaps a one-word
/// region, then the story, opening with a capital. The place is the longest run of the
/// paragraph's first words in capitals that is one ("LOS ANGELES", not "LOS ANGELES
/// NASA"). Its byte length is returned too.
pub fn find_bare_dateline(
    paragraph: &str,
    is_place: impl Fn(&str) -> bool,
) -> Option<(Dateline, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^,\s*\p{Lu}[\p{L}.]*\s+|^\s+").expect("bare dateline pattern is valid")
    });
    let capitals = |w: &str| w.len() > 1 && !w.chars().any(char::is_lowercase);
    let words: Vec<(usize, &str)> = paragraph
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .take_while(|(_, w)| capitals(w.trim_end_matches(',')))
        .collect();
    (1..=words.len()).rev().find_map(|n| {
        let (start, last) = words[n - 1];
        let place_end = start + last.trim_end_matches(',').len();
        let place = &paragraph[..place_end];
        let letters = place.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3 || !is_place(&title_cased(place)) {
            return None;
        }
        let end = place_end + re.find(&paragraph[place_end..])?.end();
        // The story is prose: a capital, and lowercase within its first two words (not a
        // title in capitals: "SINGAPORE RUBBER CLOSING PRICES").
        let story = &paragraph[end..];
        let prose = story
            .split(' ')
            .take(2)
            .any(|w| w.chars().any(char::is_lowercase));
        (story.starts_with(char::is_uppercase) && prose).then(|| {
            let dateline = Dateline {
                place: place.to_string(),
                agency: None,
                date: None,
            };
            (dateline, end)
        })
    })
}

/// Words in capitals written as a place list writes them ("LOS ANGELES" -> "Los Angeles").
fn title_cased(words: &str) -> String {
    let word = |w: &str| {
        let mut cs = w.chars();
        cs.next().map_or(String::new(), |c| {
            c.to_string() + &cs.as_str().to_lowercase()
        })
    };
    words.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

/// A credit that opens a story in place of a dateline, a news outlet or agency and a
/// dash ("Reuters - ", "AP -- "), and the byte length it occupies; `is_outlet` says
/// which names are outlets.
pub fn find_credit(paragraph: &str, is_outlet: impl Fn(&str) -> bool) -> Option<(String, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?P<agency>\p{Lu}[\p{L}.&' ]{0,40}?)\s*(?:-{1,2}|–|—)\s")
            .expect("credit pattern is valid")
    });
    let caps = re.captures(paragraph)?;
    let agency = caps["agency"].trim();
    is_outlet(agency).then(|| (agency.to_string(), caps.get(0).map_or(0, |m| m.end())))
}

/// The dateline at the start of `paragraph` whose place the container states (its
/// dateline element or column), written in any case ("Scarborough, Ontario, Feb 26 -"),
/// and the byte length it occupies.
pub fn find_stated_dateline(paragraph: &str, place: &str) -> Option<(Dateline, usize)> {
    let place = place.trim();
    let rest = paragraph
        .strip_prefix(place)
        .filter(|_| !place.is_empty())?;
    let caps = dateline_tail_regex()
        .captures(rest)
        .filter(|c| opens_story(&rest[c.get(0).map_or(0, |m| m.end())..]))?;
    Some(dateline_from(&caps, place.to_string(), place.len()))
}

/// Whether the text after a dateline's dash can be the story: not a word's lowercase
/// rest, as in "NATO (North Atlantic Treaty Organization)-led forces", where the dash
/// joins two words.
fn opens_story(rest: &str) -> bool {
    !rest.starts_with(char::is_lowercase)
}

/// The place a dateline names, as a container writes it apart ("Toronto, Feb 26 -",
/// "TOKYO -"): its text before the first comma or the closing dash, when that has
/// letters and no digits and is not a month ("APRIL 7 -" and "Mar --- ---" name none).
pub fn dateline_place(dateline: &str) -> Option<&str> {
    let head = dateline.split(',').next().unwrap_or_default();
    let place = head
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'))
        .trim();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let named =
        letters >= 3 && !place.chars().any(|c| c.is_ascii_digit()) && month_number(place).is_none();
    named.then_some(place)
}

fn dateline_from(caps: &regex::Captures, place: String, offset: usize) -> (Dateline, usize) {
    let date = caps.name("date").and_then(|d| find_stated_date(d.as_str()));
    let dateline = Dateline {
        place,
        agency: caps
            .name("agency")
            .or_else(|| caps.name("signed"))
            .map(|a| a.as_str().trim().to_string()),
        date,
    };
    (dateline, offset + caps.get(0).map_or(0, |m| m.end()))
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
    fn impossible_dates_are_named() {
        for (text, written) in [
            ("Published: 31 February 2016", "31 February 2016"),
            ("February 30, 2015", "February 30, 2015"),
            ("2014-13-01", "2014-13-01"),
            ("2014-04-31T10:00:00Z", "2014-04-31"),
            ("29-FEB-1987", "29-FEB-1987"),
        ] {
            assert_eq!(
                find_stated_date(text),
                Some(Err(ImpossibleDate(written.into()))),
                "{text}"
            );
            assert_eq!(find_date(text), None, "{text}");
        }
        assert_eq!(
            ImpossibleDate("31 February 2016".into()).to_string(),
            "impossible date \"31 February 2016\" ignored"
        );
        // Leap years.
        assert_eq!(find_date("29 February 2016").as_deref(), Some("2016-02-29"));
        assert_eq!(calendar_date(2000, 2, 29).as_deref(), Some("2000-02-29"));
        assert_eq!(calendar_date(1900, 2, 29), None);
        assert_eq!(calendar_date(2014, 0, 1), None);
        assert_eq!(calendar_date(2014, 12, 0), None);
        // A dateline with an impossible date keeps its place and names the date.
        let (d, _) = find_dateline("OSLO, Feb 30, 2015 (Reuters) - Talks").unwrap();
        assert_eq!(d.place, "OSLO");
        assert_eq!(d.date, Some(Err(ImpossibleDate("Feb 30, 2015".into()))));
    }

    #[test]
    fn a_known_place_in_capitals_is_a_dateline_without_its_dash() {
        let is_place = |p: &str| matches!(p, "Los Angeles" | "Tbilisi" | "Japan");
        let text = "LOS ANGELES Harbour Freight will try again today.";
        let (d, end) = find_bare_dateline(text, is_place).unwrap();
        assert_eq!(d.place, "LOS ANGELES");
        assert!(text[end..].starts_with("Harbour"));
        // An acronym in capitals opening the story is no part of the place.
        let text = "LOS ANGELES NBN will try again today.";
        let (d, end) = find_bare_dateline(text, is_place).unwrap();
        assert_eq!(d.place, "LOS ANGELES");
        assert!(text[end..].starts_with("NBN"));
        let text = "TBILISI, Georgia The talks resumed.";
        let (_, end) = find_bare_dateline(text, is_place).unwrap();
        assert!(text[end..].starts_with("The talks"));
        // A place no list knows, a lowercase word after it: no dateline.
        assert!(find_bare_dateline("PORTVILLE Harbour Freight said so.", is_place).is_none());
        assert!(find_bare_dateline("JAPAN said on Monday it would.", is_place).is_none());
        assert!(find_bare_dateline("TBILISI WOOL CLOSING PRICES", is_place).is_none());
        // The comma before a dateline's date may be left out.
        let (d, _) = find_dateline("LOS ANGELES Sept. 13, 2004 - A consortium bid.").unwrap();
        assert_eq!(d.place, "LOS ANGELES");
        assert_eq!(d.date, Some(Ok("2004-09-13".to_string())));
    }

    #[test]
    fn a_dash_after_a_credit_may_touch_the_story() {
        let text = "PORTVILLE (Dow Jones)--Harbour Freight Ltd said exports rose.";
        let (d, end) = find_dateline(text).unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("PORTVILLE", Some("Dow Jones"))
        );
        assert!(text[end..].starts_with("Harbour"));
        // Without a credit, or before a word's rest, a dash needs its space.
        assert!(find_dateline("PORTVILLE--Harbour Freight Ltd said so.").is_none());
        assert!(find_dateline("NATO (North Atlantic Treaty Organization)-led forces").is_none());
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
        assert_eq!(d.date, Some(Ok("2015-03-03".into())));
        let (d, _) = find_dateline("NEW YORK (AP) -- Stocks fell").unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("NEW YORK", Some("AP"))
        );
        let (d, len) = find_dateline("TORINO, April 2, Wire Service - Fiat said").unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref()),
            ("TORINO", Some("Wire Service"))
        );
        assert_eq!(
            &"TORINO, April 2, Wire Service - Fiat said"[len..],
            "Fiat said"
        );
        let (d, _) = find_dateline("SALVADOR, Feb 26 - Showers continued").unwrap();
        assert_eq!(d.place, "SALVADOR");
        assert!(find_dateline("China summoned the ambassador - again").is_none());
        assert!(find_dateline("US - China talks").is_none());
    }

    #[test]
    fn an_agency_credit_in_place_of_a_dateline() {
        let outlet = |n: &str| matches!(n, "Reuters" | "Associated Press");
        assert_eq!(
            find_credit("Reuters - Shares rose.", outlet),
            Some(("Reuters".to_string(), "Reuters - ".len()))
        );
        assert_eq!(
            find_credit("Associated Press -- Polls closed.", outlet),
            Some(("Associated Press".to_string(), "Associated Press -- ".len()))
        );
        assert_eq!(find_credit("Tarnby - Polls closed.", outlet), None);
        assert_eq!(find_credit("Reuters said shares rose.", outlet), None);
    }

    #[test]
    fn a_dateline_the_container_states_is_found_in_any_case() {
        let text = "Halden, Ontario, Feb 26 - Shr 45 cts vs 58 cts";
        assert!(find_dateline(text).is_none());
        let (d, len) = find_stated_dateline(text, "Halden").unwrap();
        assert_eq!(d.place, "Halden");
        assert_eq!(&text[len..], "Shr 45 cts vs 58 cts");
        let (d, _) =
            find_stated_dateline("Portville (Reuters) - The board", " Portville ").unwrap();
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        // The text must open with the stated place and a dateline's shape.
        assert!(find_stated_dateline("The Halden board met - again", "Halden").is_none());
        assert!(find_stated_dateline("Halden council met - again", "Halden").is_none());
        assert!(find_stated_dateline("Halden, Feb 26 - x", "").is_none());
    }

    #[test]
    fn the_place_of_a_dateline_written_apart() {
        assert_eq!(dateline_place("Halden, Ontario, Feb 26 -"), Some("Halden"));
        assert_eq!(dateline_place("PORTVILLE - "), Some("PORTVILLE"));
        assert_eq!(
            dateline_place("WINSTON-SALEM, N.C., March 2 -"),
            Some("WINSTON-SALEM")
        );
        assert_eq!(dateline_place("APRIL 7 -"), None);
        assert_eq!(dateline_place("Mar --- --- ---"), None);
        assert_eq!(dateline_place("MAR8 -- --"), None);
        assert_eq!(dateline_place(" - "), None);
    }
}
