//! Printing a timeline: one line per period with a bar, as NDJSON, or as CSV.
//!
//! Nothing here comes from article text (periods are dates, counts are numbers), so no
//! control filtering is needed.

use std::io::{self, Write};

use serde::Serialize;

use super::{count_width, json_line, Style};
use crate::search::{Interval, Timeline};

/// Eighths of a block, for the bars' last cell.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const FULL: &str = "█";
/// Narrowest bar, whatever the terminal width.
const MIN_BAR: usize = 10;
const UNDATED: &str = "undated";

/// A period's label: its start, shortened to the month or the year for those periods.
fn label(start: &str, by: Interval) -> &str {
    match by {
        Interval::Day | Interval::Week => start,
        Interval::Month => &start[..7],
        Interval::Year => &start[..4],
    }
}

/// A bar of `count` out of `max` in `width` cells, to the eighth of a cell; any count
/// above zero shows at least an eighth.
fn bar(count: u64, max: u64, width: usize) -> String {
    if count == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((count as u128 * width as u128 * 8 + max as u128 / 2) / max as u128).max(1);
    let eighths = eighths as usize;
    let mut out = FULL.repeat(eighths / 8);
    out.push_str(EIGHTHS[eighths % 8]);
    out
}

/// The timeline as text, `columns` wide: label, bar, count and share per period, then
/// the undated matches, if any, on their own line.
pub fn timeline_text<W: Write>(
    w: &mut W,
    timeline: &Timeline,
    columns: usize,
    style: Style,
) -> io::Result<()> {
    let by = timeline.by;
    let label_width = timeline
        .buckets
        .iter()
        .map(|b| label(&b.start, by).len())
        .chain((timeline.undated > 0).then_some(UNDATED.len()))
        .max()
        .unwrap_or(0);
    let max = timeline.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let count_width = count_width(
        timeline
            .buckets
            .iter()
            .map(|b| b.count)
            .chain([timeline.undated]),
    );
    // label, bar, count and a share such as "100.0%", two spaces apart.
    let share_width = 6;
    let bar_width = columns
        .saturating_sub(label_width + count_width + share_width + 6)
        .max(MIN_BAR);
    for b in &timeline.buckets {
        let bar = bar(b.count, max, bar_width);
        let padding = bar_width - bar.chars().count();
        writeln!(
            w,
            "{:<label_width$}  {bar}{:padding$}  {:>count_width$}  {:>share_width$}",
            label(&b.start, by),
            "",
            b.count,
            format!("{:.1}%", b.share * 100.0),
        )?;
    }
    if timeline.undated > 0 {
        writeln!(
            w,
            "{}  {:bar_width$}  {:>count_width$}",
            style.dim(&format!("{UNDATED:<label_width$}")),
            "",
            timeline.undated,
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Undated {
    undated: u64,
}

/// The timeline as NDJSON: `{"start", "count", "total", "share"}` per period, then
/// `{"undated": N}` when some matches have no date.
pub fn timeline_json<W: Write>(w: &mut W, timeline: &Timeline) -> io::Result<()> {
    for b in &timeline.buckets {
        json_line(w, b)?;
    }
    if timeline.undated > 0 {
        json_line(
            w,
            &Undated {
                undated: timeline.undated,
            },
        )?;
    }
    Ok(())
}

/// The timeline as CSV with a header row, then a row `undated,N,,` when some matches
/// have no date.
pub fn timeline_csv<W: Write>(w: &mut W, timeline: &Timeline) -> io::Result<()> {
    writeln!(w, "start,count,total,share")?;
    for b in &timeline.buckets {
        writeln!(w, "{},{},{},{}", b.start, b.count, b.total, b.share)?;
    }
    if timeline.undated > 0 {
        writeln!(w, "{UNDATED},{},,", timeline.undated)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Bucket;

    fn timeline() -> Timeline {
        let bucket = |start: &str, count, total| Bucket {
            start: start.into(),
            count,
            total,
            share: count as f64 / total as f64,
        };
        Timeline {
            by: Interval::Month,
            buckets: vec![
                bucket("2014-05-01", 4, 8),
                bucket("2014-06-01", 0, 3),
                bucket("2014-07-01", 1, 4),
            ],
            undated: 2,
        }
    }

    #[test]
    fn bars_scale_to_the_width() {
        assert_eq!(bar(4, 4, 10), FULL.repeat(10));
        assert_eq!(bar(0, 4, 10), "");
        assert_eq!(bar(1, 4, 10), format!("{}{}", FULL.repeat(2), EIGHTHS[4]));
        assert_eq!(bar(1, 1000, 10), EIGHTHS[1]);
    }

    #[test]
    fn text_lines_fit_the_columns() {
        let mut out = Vec::new();
        timeline_text(&mut out, &timeline(), 40, Style::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].starts_with("2014-05  █"), "{text}");
        assert!(lines[0].ends_with("4   50.0%"), "{text}");
        assert!(lines[1].ends_with("0    0.0%"), "{text}");
        assert!(
            lines[3].starts_with("undated") && lines[3].ends_with('2'),
            "{text}"
        );
        for l in &lines[..3] {
            assert_eq!(l.chars().count(), 40, "{l:?}");
        }
    }

    #[test]
    fn json_and_csv_shapes() {
        let mut out = Vec::new();
        timeline_json(&mut out, &timeline()).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"start":"2014-05-01","count":4,"total":8,"share":0.5}"#
        );
        assert_eq!(lines[3], r#"{"undated":2}"#);
        let mut out = Vec::new();
        timeline_csv(&mut out, &timeline()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "start,count,total,share\n2014-05-01,4,8,0.5\n2014-06-01,0,3,0\n2014-07-01,1,4,0.25\nundated,2,,\n"
        );
    }
}
