//! Coverage over time: how many articles match a query per day, week, month or year,
//! beside how many dated articles the whole index holds in each of those periods.
//!
//! Calendar periods (ISO weeks starting on Monday, months, years) are computed here from
//! the date fast field, read by a collector: no stored document is loaded. Duplicate
//! groups count once, as `search` shows them, unless every copy is asked for. Printing
//! is left to [`crate::render`].

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::time::{Date, Duration, Month};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use super::query::{self, DateFilter, NameFilter};
use super::Snapshot;
use crate::error::{EngineContext, Result};

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
const SECONDS_PER_DAY: i64 = 86_400;
/// Matches spanning fewer days than this are counted per day by default.
const DAILY_SPAN: i32 = 60;

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

/// A timeline to compute.
#[derive(Debug, Clone, Default)]
pub struct TimelineRequest {
    /// Query in tantivy syntax; empty matches every article.
    pub query: String,
    /// Only articles whose speakers or organizations hold these names.
    pub names: Vec<NameFilter>,
    /// Narrows both the matches and the totals.
    pub dates: DateFilter,
    /// `None`: by month, or by day when the dated matches span under 60 days.
    pub by: Option<Interval>,
    /// Count every copy of a story instead of once per duplicate group.
    pub all_copies: bool,
}

/// One period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// First day of the period, `YYYY-MM-DD`.
    pub start: String,
    /// Matching articles.
    pub count: u64,
    /// Dated articles of the whole index (within `--since`/`--until`).
    pub total: u64,
    /// `count / total`, 0 when the period holds no article.
    pub share: f64,
}

/// Matching articles per period, from the period of the first dated match to the period
/// of the last, empty periods included.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub by: Interval,
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: u64,
}

/// Count the articles matching `request` per period.
///
/// A duplicate group counts once, in the period of its earliest matching copy (undated
/// when no matching copy has a date). In the totals a group counts once in each period
/// where it has a copy, so a period's count never exceeds its total.
pub fn timeline(snapshot: &Snapshot, request: &TimelineRequest) -> Result<Timeline> {
    let parsed = query::parse_with_names(snapshot, &request.query, &request.dates, &request.names)?;
    let collector = DaysCollector {
        groups: !request.all_copies,
        dated_only: false,
    };
    let searcher = &snapshot.searcher;
    let matched = searcher
        .search(&*parsed.query, &collector)
        .engine(|| format!("timeline for {:?} failed", request.query))?;
    // Undated articles count in no period's total: the totals skip them. They depend on
    // the commit alone unless the dates narrow them.
    let count_dated = || -> Result<Days> {
        let everything = query::parse(snapshot, "", &request.dates)?;
        let totals = DaysCollector {
            dated_only: true,
            ..collector
        };
        searcher
            .search(&*everything.query, &totals)
            .engine(|| "cannot count the dated articles".into())
    };
    let whole_index = request.dates.since.is_none() && request.dates.until.is_none();
    let totals_by = |by: Interval| -> Result<Arc<HashMap<i32, u64>>> {
        if whole_index {
            let memo = &snapshot.memo;
            memo.periods(collector.groups, by, || {
                Ok(memo.dated(collector.groups, count_dated)?.periods(by))
            })
        } else {
            Ok(Arc::new(count_dated()?.periods(by)))
        }
    };

    let matched_days = matched.first_days();
    let by = request
        .by
        .unwrap_or_else(|| default_interval(&matched_days.dated));
    let mut counts: BTreeMap<i32, u64> = BTreeMap::new();
    for (&day, &n) in &matched_days.dated {
        *counts.entry(start_of(day, by)).or_default() += n;
    }
    let mut buckets = Vec::new();
    if let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) {
        let totals = totals_by(by)?;
        let mut next = Some(first);
        while let Some(start) = next.filter(|&start| start <= last) {
            let count = counts.get(&start).copied().unwrap_or(0);
            let total = totals.get(&start).copied().unwrap_or(0);
            buckets.push(Bucket {
                start: format_day(start),
                count,
                total,
                share: if total == 0 {
                    0.0
                } else {
                    count as f64 / total as f64
                },
            });
            next = next_start(start, by);
        }
    }
    Ok(Timeline {
        by,
        buckets,
        undated: matched_days.undated,
    })
}

/// By day when the dated matches span fewer than [`DAILY_SPAN`] days, else by month.
fn default_interval(dated: &BTreeMap<i32, u64>) -> Interval {
    match (dated.keys().next(), dated.keys().next_back()) {
        (Some(first), Some(last)) if last - first < DAILY_SPAN => Interval::Day,
        _ => Interval::Month,
    }
}

/// Julian day number of a date.
fn day_number(date: DateTime) -> i32 {
    (date.into_timestamp_secs().div_euclid(SECONDS_PER_DAY) + UNIX_EPOCH_JULIAN_DAY) as i32
}

fn calendar(day: i32) -> Date {
    Date::from_julian_day(day).expect("index dates are calendar days")
}

/// The first day of the period holding `day`.
pub fn start_of(day: i32, by: Interval) -> i32 {
    let date = calendar(day);
    let start = match by {
        Interval::Day => date,
        Interval::Week => date - Duration::days(date.weekday().number_days_from_monday().into()),
        Interval::Month => Date::from_calendar_date(date.year(), date.month(), 1)
            .expect("the first of a month exists"),
        Interval::Year => Date::from_calendar_date(date.year(), Month::January, 1)
            .expect("the first of January exists"),
    };
    start.to_julian_day()
}

/// The first day of the period after the one starting on `start`; `None` past the
/// calendar's last day.
fn next_start(start: i32, by: Interval) -> Option<i32> {
    // A day of the next period, brought back to its start.
    let ahead = start
        + match by {
            Interval::Day => 1,
            Interval::Week => 7,
            Interval::Month => 31,
            Interval::Year => 366,
        };
    Date::from_julian_day(ahead).ok()?;
    Some(start_of(ahead, by))
}

/// A day number as `YYYY-MM-DD`.
pub fn format_day(day: i32) -> String {
    let d = calendar(day);
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Matching articles per day, each duplicate group reduced to its earliest copy.
struct FirstDays {
    dated: BTreeMap<i32, u64>,
    undated: u64,
}

/// The days of the articles one search saw.
#[derive(Debug, Default)]
pub(crate) struct Days {
    /// Articles outside any duplicate group (all of them when groups are not read).
    single: HashMap<i32, u64>,
    single_undated: u64,
    /// Each duplicate group's key (a 64-bit hash of its name) with the day of each of
    /// its copies (`None` for an undated copy), sorted, without repeats: a group's days
    /// are one run. Two groups share a key with a chance of about one in 10^19 per pair.
    groups: Vec<(u64, Option<i32>)>,
}

impl Days {
    fn merge(fruits: Vec<Days>) -> Days {
        let mut all = Days::default();
        let several = fruits.len() > 1;
        for days in fruits {
            for (day, n) in days.single {
                *all.single.entry(day).or_default() += n;
            }
            all.single_undated += days.single_undated;
            all.groups.extend(days.groups);
        }
        // Each segment's list is sorted; a group may have copies in several.
        if several {
            all.groups.sort();
            all.groups.dedup();
        }
        all
    }

    /// The days of each group, one slice per group.
    fn group_runs(&self) -> impl Iterator<Item = &[(u64, Option<i32>)]> {
        self.groups.chunk_by(|a, b| a.0 == b.0)
    }

    /// Each group once, on the day of its earliest dated copy.
    fn first_days(&self) -> FirstDays {
        let mut dated: BTreeMap<i32, u64> = self.single.iter().map(|(&d, &n)| (d, n)).collect();
        let mut undated = self.single_undated;
        for run in self.group_runs() {
            // Undated copies sort first, then the days in order.
            match run.iter().find_map(|(_, day)| *day) {
                Some(day) => *dated.entry(day).or_default() += 1,
                None => undated += 1,
            }
        }
        FirstDays { dated, undated }
    }

    /// Dated articles per period start, each group once in every period it has a copy in.
    fn periods(&self, by: Interval) -> HashMap<i32, u64> {
        let mut out: HashMap<i32, u64> = HashMap::new();
        for (&day, &n) in &self.single {
            *out.entry(start_of(day, by)).or_default() += n;
        }
        for run in self.group_runs() {
            let mut last = None;
            // Days are in order, so equal periods are neighbours.
            for start in run
                .iter()
                .filter_map(|(_, day)| day.map(|d| start_of(d, by)))
            {
                if last != Some(start) {
                    *out.entry(start).or_default() += 1;
                    last = Some(start);
                }
            }
        }
        out
    }
}

/// Reads the date column (and the duplicate group column) of every matching document.
#[derive(Clone, Copy)]
struct DaysCollector {
    /// Read duplicate groups; without, every copy counts on its own.
    groups: bool,
    /// Skip undated documents (for totals, which count dated articles only).
    dated_only: bool,
}

struct SegmentDays {
    dated_only: bool,
    dates: Column<DateTime>,
    groups: Option<StrColumn>,
    days: Days,
    /// Group ordinal (local to the segment) and day of each grouped document.
    grouped: Vec<(u64, Option<i32>)>,
}

impl Collector for DaysCollector {
    type Fruit = Days;
    type Child = SegmentDays;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDays> {
        let fast = segment.fast_fields();
        Ok(SegmentDays {
            dated_only: self.dated_only,
            dates: fast.date("date")?,
            groups: if self.groups {
                fast.str("group")?
            } else {
                None
            },
            days: Days::default(),
            grouped: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Days>) -> tantivy::Result<Days> {
        Ok(Days::merge(fruits))
    }
}

impl SegmentCollector for SegmentDays {
    type Fruit = Days;

    fn collect(&mut self, doc: DocId, _: Score) {
        let day = self.dates.first(doc).map(day_number);
        if self.dated_only && day.is_none() {
            return;
        }
        let group = self.groups.as_ref().and_then(|g| g.ords().first(doc));
        match (group, day) {
            (Some(ord), _) => self.grouped.push((ord, day)),
            (None, Some(day)) => *self.days.single.entry(day).or_default() += 1,
            (None, None) => self.days.single_undated += 1,
        }
    }

    fn harvest(mut self) -> Days {
        let Some(groups) = &self.groups else {
            return self.days;
        };
        // Ordinals are local to a segment: names join a group's copies across segments.
        // Ordinals follow the names' order, so sorted ordinals give sorted names, read
        // from the dictionary in one pass.
        self.grouped.sort_unstable();
        self.grouped.dedup();
        let mut ords: Vec<u64> = self.grouped.iter().map(|(ord, _)| *ord).collect();
        ords.dedup();
        let mut names: Vec<u64> = Vec::with_capacity(ords.len());
        let found = groups
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |name| names.push(xxh3_64(name)));
        if !matches!(found, Ok(true)) || names.len() != ords.len() {
            // A damaged dictionary: count the copies on their own rather than not at all.
            for (_, day) in self.grouped {
                match day {
                    Some(day) => *self.days.single.entry(day).or_default() += 1,
                    None => self.days.single_undated += 1,
                }
            }
            return self.days;
        }
        let mut at = 0;
        self.days.groups = self
            .grouped
            .iter()
            .map(|&(ord, day)| {
                while ords[at] != ord {
                    at += 1;
                }
                (names[at], day)
            })
            .collect();
        self.days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> i32 {
        day_number(crate::index::writer::parse_date(text).unwrap())
    }

    #[test]
    fn periods_start_on_calendar_boundaries() {
        let cases = [
            ("2014-05-21", Interval::Day, "2014-05-21"),
            // 2014-05-21 was a Wednesday.
            ("2014-05-21", Interval::Week, "2014-05-19"),
            ("2014-05-19", Interval::Week, "2014-05-19"),
            ("2014-05-25", Interval::Week, "2014-05-19"),
            // ISO weeks cross years: 2015-01-01 was a Thursday.
            ("2015-01-01", Interval::Week, "2014-12-29"),
            ("2016-02-29", Interval::Month, "2016-02-01"),
            ("2016-12-31", Interval::Year, "2016-01-01"),
            ("1969-12-31", Interval::Day, "1969-12-31"),
        ];
        for (date, by, start) in cases {
            assert_eq!(format_day(start_of(day(date), by)), start, "{date} {by:?}");
        }
    }

    #[test]
    fn next_periods_follow_without_gaps() {
        let cases = [
            ("2016-01-01", Interval::Month, "2016-02-01"),
            ("2016-02-01", Interval::Month, "2016-03-01"),
            ("2016-12-01", Interval::Month, "2017-01-01"),
            ("2016-01-01", Interval::Year, "2017-01-01"),
            ("2015-01-01", Interval::Year, "2016-01-01"),
            ("2014-12-29", Interval::Week, "2015-01-05"),
            ("2016-02-28", Interval::Day, "2016-02-29"),
        ];
        // The calendar has a last month.
        let last = start_of(Date::MAX.to_julian_day(), Interval::Month);
        assert_eq!(next_start(last, Interval::Month), None);
        for (start, by, next) in cases {
            let got = next_start(day(start), by).map(format_day);
            assert_eq!(got.as_deref(), Some(next), "{start} {by:?}");
        }
    }

    #[test]
    fn groups_count_once_on_their_first_day_and_once_per_period_in_totals() {
        let name = |n: &str| xxh3_64(n.as_bytes());
        let mut first = Days::default();
        first.single.insert(day("2014-05-02"), 2);
        first.single_undated = 1;
        first.groups = vec![(name("a"), None), (name("a"), Some(day("2014-06-03")))];
        let second = Days {
            groups: vec![
                (name("a"), Some(day("2014-05-30"))),
                (name("a"), Some(day("2014-06-03"))),
                (name("b"), None),
            ],
            ..Days::default()
        };
        let days = Days::merge(vec![first, second]);
        let first = days.first_days();
        assert_eq!(first.undated, 2);
        assert_eq!(
            first.dated.into_iter().collect::<Vec<_>>(),
            [(day("2014-05-02"), 2), (day("2014-05-30"), 1)]
        );
        let mut months: Vec<(i32, u64)> = days.periods(Interval::Month).into_iter().collect();
        months.sort();
        assert_eq!(months, [(day("2014-05-01"), 3), (day("2014-06-01"), 1)]);
    }
}
