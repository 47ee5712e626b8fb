//! Wire copies and reprints: grouping at ingest, collapsed results, the `duplicates`
//! listing, and groups kept right as files change.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{ndjson, shared, strings, TestEnv};

const STORY: [&str; 6] = [
    "The regional water authority said on Tuesday it would spend 240 million pounds over five years to replace ageing pipes across the valley, after a summer of leaks and hosepipe bans angered residents and local businesses.",
    "Chief executive Maria Lindqvist told reporters the programme would cut leakage by a third by the end of the decade. \"We have heard the anger of our customers and we accept that the network has been neglected for too long,\" she said.",
    "The plan will be paid for partly through higher bills, which are expected to rise by about four percent a year, the authority said. Consumer groups said the increase was hard to justify while the company continued to pay dividends to its shareholders.",
    "Work will begin in the northern districts in the spring, where engineers estimate that nearly one litre in four is lost before it reaches a tap. Some roads will be closed for several weeks while the mains are dug up and replaced.",
    "The regulator said it would review the plan and publish its decision in the autumn, adding that it expected the authority to meet its targets without further delay or additional charges to customers.",
    "Opposition councillors welcomed the investment but said it came years too late for the farmers and shopkeepers who lost trade during the summer restrictions.",
];

fn write(dir: &Path, name: &str, site: Option<&str>, headline: &str, paragraphs: &[String]) {
    let mut text = String::new();
    if let Some(site) = site {
        text.push_str(site);
        text.push_str("\n\n");
    }
    text.push_str(headline);
    text.push_str("\n\n");
    text.push_str(&paragraphs.join("\n\n"));
    text.push('\n');
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

fn story() -> Vec<String> {
    STORY.iter().map(|s| s.to_string()).collect()
}

/// The original, five edited reprints and an unrelated story on the same topic.
fn reprints(dir: &Path) {
    let original = story();
    write(
        dir,
        "original.txt",
        Some("Valley Courier Online"),
        "Water authority to spend 240 million on new pipes",
        &original,
    );
    write(
        dir,
        "site.txt",
        Some("Riverside Post"),
        "Water authority to spend 240 million on new pipes",
        &original,
    );
    write(
        dir,
        "cut.txt",
        None,
        "Water authority to spend 240 million on new pipes",
        &original[..5],
    );
    write(
        dir,
        "headline.txt",
        None,
        "Leaky valley pipes to be replaced as bills rise",
        &original,
    );
    let typo: Vec<String> = original
        .iter()
        .map(|p| {
            p.replace("ageing", "aging")
                .replace("neglected", "neglectd")
        })
        .collect();
    write(
        dir,
        "typo.txt",
        Some("Metro Daily News"),
        "Water authority to spend 240 million on new pipes",
        &typo,
    );
    let mut both = original.clone();
    both.truncate(5);
    both[0] = both[0].replace("on Tuesday", "on Tuesday morning");
    write(
        dir,
        "combined.txt",
        Some("NorthStar Radio Network"),
        "Valley pipes plan: bills to rise",
        &both,
    );
    let other = [
        "Residents in the valley will face hosepipe restrictions again next summer unless rainfall returns to normal, the water authority warned on Friday.",
        "Reservoir levels stood at 41 percent of capacity, the lowest since records began, and engineers said leaks from old pipes made the shortage worse.",
        "\"Everyone has a part to play in saving water,\" operations director Kwame Asante said, urging households to fix dripping taps and take shorter showers.",
    ]
    .map(String::from);
    write(
        dir,
        "unrelated.txt",
        None,
        "Valley faces new hosepipe ban as reservoirs run low",
        &other,
    );
}

fn groups_by_path(env: &TestEnv) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for g in ndjson(&env.run_ok(&["duplicates", "--json"], 0)) {
        for m in strings(&g["members"]) {
            let name = Path::new(&m)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(name, g["group"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn reprints_group_together_and_other_stories_stay_apart() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("news");
    reprints(&corpus);
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let groups = groups_by_path(&env);
    let g = &groups["original.txt"];
    for name in [
        "site.txt",
        "cut.txt",
        "headline.txt",
        "typo.txt",
        "combined.txt",
    ] {
        assert_eq!(groups.get(name), Some(g), "{name}: {groups:?}");
    }
    assert!(!groups.contains_key("unrelated.txt"));
    let listed = ndjson(&env.run_ok(&["duplicates", "--json"], 0));
    assert_eq!(listed.len(), 1);
    assert!(listed[0]["representative"]
        .as_str()
        .unwrap()
        .ends_with(".txt"));

    // Search shows the story once with its copies counted, or every copy on request.
    let hits = ndjson(&env.run_ok(&["search", "--json", "pipes"], 0));
    assert_eq!(hits.len(), 2, "{hits:?}");
    let story = hits
        .iter()
        .find(|h| h["copies"] == 5)
        .expect("the story with 5 copies");
    assert_eq!(story["group"].as_str().unwrap(), g);
    let all = ndjson(&env.run_ok(&["search", "--json", "--all-copies", "pipes"], 0));
    assert_eq!(all.len(), 7);
    let text = env.run_ok(&["search", "pipes"], 0);
    assert!(text.contains("+5 copies"), "{text}");
}

#[test]
fn groups_follow_changes_and_removals() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("news");
    reprints(&corpus);
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let before = groups_by_path(&env);
    let g = before["original.txt"].clone();
    // Rewritten: no longer a copy.
    write(&corpus, "typo.txt", None, "Council approves new cycle lanes", &["The council approved three new cycle lanes on Monday after a long debate about parking and safety near schools.".to_string()]);
    // The first-indexed member and another copy disappear.
    std::fs::remove_file(corpus.join("cut.txt")).unwrap();
    let rep = ndjson(&env.run_ok(&["duplicates", "--json"], 0))[0]["representative"]
        .as_str()
        .unwrap()
        .to_string();
    std::fs::remove_file(&rep).unwrap();
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let after = groups_by_path(&env);
    assert!(!after.contains_key("typo.txt"), "{after:?}");
    let members: Vec<&String> = after.keys().collect();
    assert_eq!(members.len(), 3, "{after:?}");
    assert!(after.values().all(|v| *v == g));
    // A new reprint joins the existing group.
    write(
        &corpus,
        "late.txt",
        Some("Evening Gazette"),
        "Pipes plan",
        &story(),
    );
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    assert_eq!(groups_by_path(&env).get("late.txt"), Some(&g));
}

/// Candidates from earlier runs are confirmed against the live index: a copy of a story
/// that has since been rewritten starts its own group, and a copy of one still there
/// joins it.
#[test]
fn later_copies_join_live_articles_only() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("news");
    let first = "Water authority to spend 240 million on new pipes";
    write(&corpus, "a.txt", None, first, &story());
    let other: Vec<String> = [
        "The city's orchestra will tour four countries next spring, its first trip abroad in a decade, the board announced on Thursday after securing a grant from a private foundation.",
        "The tour opens in Lisbon in March and ends in Krakow six weeks later, with a programme of symphonies by Sibelius and a new work commissioned from a local composer.",
        "Musicians said the trip would help recruit young players, who have left for better-paid posts in the capital since the pandemic cut the orchestra's season in half.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    write(&corpus, "b.txt", None, "Orchestra to tour Europe", &other);
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    // a.txt becomes another story; b.txt stays.
    let rewritten: Vec<String> = (0..6)
        .map(|i| format!("Paragraph {i} of a report on the county's libraries, which will open on Sundays from next month after volunteers offered to staff them, the council said in a statement on its website."))
        .collect();
    write(
        &corpus,
        "a.txt",
        None,
        "Libraries to open on Sundays",
        &rewritten,
    );
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    // Copies of the old a.txt and of b.txt, in a later run.
    write(&corpus, "copy-a.txt", None, first, &story());
    write(
        &corpus,
        "copy-b.txt",
        None,
        "Orchestra to tour Europe",
        &other,
    );
    env.run_ok(&["index", "--quiet", corpus.to_str().unwrap()], 0);
    let groups = groups_by_path(&env);
    assert_eq!(groups.get("copy-b.txt"), groups.get("b.txt"), "{groups:?}");
    assert!(groups.contains_key("b.txt"), "{groups:?}");
    assert!(!groups.contains_key("a.txt"), "{groups:?}");
    assert!(!groups.contains_key("copy-a.txt"), "{groups:?}");
}

#[test]
fn bbc_twins_share_a_group_and_search_counts_copies() {
    let Some(bbc) = shared("corpora/bbc") else {
        return;
    };
    let env = TestEnv::new();
    env.run_ok(&["index", "--quiet", bbc.to_str().unwrap()], 0);
    // Byte-identical files, found by content.
    let mut by_content: HashMap<Vec<u8>, Vec<String>> = HashMap::new();
    for entry in walk(&bbc) {
        by_content
            .entry(std::fs::read(&entry).unwrap())
            .or_default()
            .push(
                std::fs::canonicalize(&entry)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
            );
    }
    let twins: Vec<Vec<String>> = by_content.into_values().filter(|v| v.len() > 1).collect();
    assert_eq!(twins.iter().map(Vec::len).sum::<usize>(), 196);
    let mut group_of = HashMap::new();
    for g in ndjson(&env.run_ok(&["duplicates", "--json", "--limit", "100000"], 0)) {
        for m in strings(&g["members"]) {
            group_of.insert(m, g["group"].as_str().unwrap().to_string());
        }
    }
    for set in &twins {
        let groups: Vec<Option<&String>> = set.iter().map(|p| group_of.get(p)).collect();
        assert!(
            groups[0].is_some() && groups.iter().all(|g| *g == groups[0]),
            "{set:?}"
        );
    }
    let headline = std::fs::read_to_string(&twins[0][0])
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    let query = format!("headline:\"{}\"", headline.replace('"', ""));
    let hits = ndjson(&env.run_ok(&["search", "--json", &query], 0));
    assert_eq!(hits.len(), 1, "{query}");
    assert!(hits[0]["copies"].as_u64().unwrap() >= 1);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    out
}
