//! The archive's entity table through the binary: merges against the reviewed BBC gold
//! pairs, one line per entity in `top`, and a table that follows the articles as they
//! are added and removed.

mod common;

use std::collections::HashMap;

use common::{ndjson, shared, TestEnv};

/// Written form -> canonical name, from `top WHAT --json` over the whole archive.
fn entity_of(env: &TestEnv, what: &str) -> HashMap<String, String> {
    let out = env.run_ok(&["top", what, "--json", "-n", "100000"], 0);
    let mut map = HashMap::new();
    for line in ndjson(&out) {
        let name = line["value"].as_str().expect("value").to_string();
        for alias in line["aliases"].as_array().expect("aliases") {
            let form = alias["name"].as_str().expect("alias name");
            map.insert(form.to_string(), name.clone());
        }
        map.insert(name.clone(), name);
    }
    map
}

#[derive(Default, Debug)]
struct Tally {
    true_merges: u32,
    false_merges: u32,
    missed_merges: u32,
    kept_apart: u32,
    absent: Vec<String>,
}

impl Tally {
    fn precision(&self) -> f64 {
        let said = self.true_merges + self.false_merges;
        if said == 0 {
            1.0
        } else {
            f64::from(self.true_merges) / f64::from(said)
        }
    }

    fn recall(&self) -> f64 {
        f64::from(self.true_merges) / f64::from((self.true_merges + self.missed_merges).max(1))
    }
}

#[test]
fn bbc_merges_meet_the_reviewed_gold() {
    let Some(bbc) = shared("corpora/bbc") else {
        return;
    };
    let env = TestEnv::new();
    env.run_ok(&["index", bbc.to_str().expect("UTF-8 path")], 0);
    let persons = entity_of(&env, "persons");
    let orgs = entity_of(&env, "organizations");
    let gold = std::fs::read_to_string(common::repo_root().join("tests/gold/entities-bbc.jsonl"))
        .expect("gold file");
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    let mut wrong = Vec::new();
    for pair in ndjson(&gold) {
        let table = match pair["class"].as_str() {
            Some("person") => &persons,
            _ => &orgs,
        };
        let (a, b) = (pair["a"].as_str().unwrap(), pair["b"].as_str().unwrap());
        let same = pair["same"].as_bool().unwrap();
        let tally = tallies
            .entry(pair["part"].as_str().unwrap().to_string())
            .or_default();
        // A possessive the archive never writes as a name is its plain form, as
        // extraction reads it and `entity` looks it up ("BBC's").
        let lookup = |form: &str| {
            table
                .get(form)
                .or_else(|| form.strip_suffix("'s").and_then(|plain| table.get(plain)))
        };
        let (Some(ea), Some(eb)) = (lookup(a), lookup(b)) else {
            // A form this archive never writes (as its fullest form) says nothing.
            tally.absent.push(format!("{a} / {b}"));
            continue;
        };
        match (same, ea == eb) {
            (true, true) => tally.true_merges += 1,
            (false, true) => tally.false_merges += 1,
            (true, false) => tally.missed_merges += 1,
            (false, false) => tally.kept_apart += 1,
        }
        if same != (ea == eb) {
            wrong.push(format!("{a} ({ea}) / {b} ({eb}): expected same={same}"));
        }
    }
    let mut all = Tally::default();
    for (part, t) in &tallies {
        eprintln!(
            "{part}: precision {:.3} recall {:.3} ({t:?})",
            t.precision(),
            t.recall()
        );
        all.true_merges += t.true_merges;
        all.false_merges += t.false_merges;
        all.missed_merges += t.missed_merges;
    }
    eprintln!("wrong: {wrong:#?}");
    let bbc_s = env.run_ok(&["entity", "BBC's"], 0);
    assert!(bbc_s.starts_with("BBC (organization)"), "{bbc_s}");
    assert!(all.true_merges + all.missed_merges >= 30, "{tallies:?}");
    assert!(
        all.precision() >= 0.98,
        "precision {}: {wrong:#?}",
        all.precision()
    );
    assert!(all.recall() >= 0.90, "recall {}: {wrong:#?}", all.recall());
}

/// Whether `short` is another way of writing `long`: its possessive, its last word, or
/// its initials.
fn looks_like_form_of(short: &str, long: &str) -> bool {
    let plain = short.trim_end_matches("'s");
    let initials: String = long
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    short != long
        && (plain == long
            || (long.contains(' ') && long.split_whitespace().last() == Some(plain))
            || (plain.len() >= 2 && plain == initials))
}

#[test]
fn bbc_top_30_has_one_line_per_entity() {
    let Some(bbc) = shared("corpora/bbc") else {
        return;
    };
    let env = TestEnv::new();
    env.run_ok(&["index", bbc.to_str().expect("UTF-8 path")], 0);
    for what in ["speakers", "persons", "organizations"] {
        let top: Vec<String> = ndjson(&env.run_ok(&["top", what, "--json", "-n", "30"], 0))
            .iter()
            .map(|l| l["value"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(top.len(), 30, "{what}");
        for a in &top {
            for b in &top {
                assert!(
                    !looks_like_form_of(a, b),
                    "top {what}: {a:?} and {b:?} are two lines: {top:?}"
                );
            }
        }
    }
}

fn write_article(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("article written");
}

/// `top organizations --json`: (name, count, aliases) per line.
fn org_lines(env: &TestEnv) -> Vec<(String, u64, Vec<String>)> {
    ndjson(&env.run_ok(&["top", "organizations", "--json"], 0))
        .iter()
        .map(|l| {
            let aliases = l["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["name"].as_str().unwrap().to_string())
                .collect();
            (
                l["value"].as_str().unwrap().to_string(),
                l["count"].as_u64().unwrap(),
                aliases,
            )
        })
        .collect()
}

#[test]
fn an_alias_comes_and_goes_with_the_article_that_justifies_it() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let root = corpus.to_str().unwrap();
    write_article(
        &corpus,
        "b.txt",
        "Council budget row deepens\n\nThe Moorlands say the county budget is wasteful and have \
         called for an inquiry into office spending.\n\nMr Hatherley, the council leader, \
         rejected the claim. \"Our spending is lower than in any county in the region,\" he \
         said. The Moorlands will raise the matter at Thursday's meeting.\n",
    );
    env.run_ok(&["index", root], 0);
    let before = org_lines(&env);
    assert!(
        before.contains(&("Moorlands".to_string(), 1, Vec::new())),
        "{before:?}"
    );

    // An article naming the party in full: "Moorlands" is its short form from now on.
    write_article(
        &corpus,
        "a.txt",
        "Reform pledge divides voters\n\nThe Moorland Party has promised to cut council tax by \
         a fifth if it wins control of the county in May.\n\nParty leader Zelda Quorndon told \
         supporters in Harrogate that the plan would be paid for by selling empty offices. \
         \"We can do this without closing a single library,\" Ms Quorndon said.\n",
    );
    env.run_ok(&["index", root], 0);
    let joined = org_lines(&env);
    assert!(
        joined.contains(&(
            "Moorland Party".to_string(),
            2,
            vec!["Moorlands".to_string()]
        )),
        "{joined:?}"
    );
    let entity = ndjson(&env.run_ok(&["entity", "Moorlands", "--json"], 0));
    assert_eq!(entity[0]["name"], "Moorland Party");
    assert_eq!(entity[0]["articles"], 2);
    let reason = entity[0]["aliases"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("short form of Moorland Party"), "{reason}");

    // Without that article nothing justifies the alias any more.
    std::fs::remove_file(corpus.join("a.txt")).unwrap();
    env.run_ok(&["index", root], 0);
    assert_eq!(org_lines(&env), before);
    let entity = ndjson(&env.run_ok(&["entity", "Moorlands", "--json"], 0));
    assert_eq!(entity[0]["name"], "Moorlands");
    assert_eq!(entity[0]["aliases"].as_array().map(Vec::len), Some(0));
    // As written, the counts never changed form.
    let written = ndjson(&env.run_ok(&["top", "organizations", "--as-written", "--json"], 0));
    assert_eq!(written[0]["value"], "Moorlands");
    assert!(written[0].get("aliases").is_none());
}

/// The file names of the articles `search --json --all-copies QUERY` finds, sorted.
fn found_files(env: &TestEnv, query: &str) -> Vec<String> {
    let out = env.run_ok(&["search", "--json", "--all-copies", "-n", "100", query], 0);
    let mut files: Vec<String> = ndjson(&out)
        .iter()
        .map(|hit| {
            let path = hit["path"].as_str().expect("path");
            path.rsplit('/').next().unwrap_or(path).to_string()
        })
        .collect();
    files.sort();
    files
}

/// The file names of the articles `export ARGS` writes, sorted.
fn exported_files(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut command = vec!["export"];
    command.extend_from_slice(args);
    let mut files: Vec<String> = ndjson(&env.run_ok(&command, 0))
        .iter()
        .map(|a| {
            let path = a["path"].as_str().expect("path");
            path.rsplit('/').next().unwrap_or(path).to_string()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn name_searches_find_the_other_forms_of_the_entity_and_no_namesake() {
    let env = TestEnv::new();
    let corpus = env.dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // Five articles name Jack Straw in full: 5 of the 6 articles of full names ending in
    // Straw, so the lone "Straw" joins him (see `rules`); Will Straw stays apart.
    for day in 1..=5 {
        write_article(
            &corpus,
            &format!("jack{day}.txt"),
            &format!(
                "Foreign policy review number {day}\n\nForeign Secretary Jack Straw has \
                 defended the government's record on aid in a speech in Leeds on day \
                 {day}.\n\n\"We have doubled the budget and we will do more,\" Jack Straw \
                 said. Mr Straw added that the Conservative Party had cut aid when in \
                 office.\n"
            ),
        );
    }
    write_article(
        &corpus,
        "mr.txt",
        "Minister rejects criticism of embassy move\n\nThe foreign secretary has rejected \
         criticism of the plan to move the embassy.\n\n\"The move will save money and nobody \
         will lose their job,\" Mr Straw said on Tuesday. Straw told reporters the decision \
         was final. The Tories called the plan reckless.\n",
    );
    write_article(
        &corpus,
        "will.txt",
        "Campaigner launches reform group\n\nA new group campaigning for electoral reform was \
         launched in London on Monday.\n\n\"Voters want a fairer system and we will give them \
         a voice,\" Will Straw said. The campaigner added that Will Straw's group would hold \
         meetings across the country.\n",
    );
    env.run_ok(&["index", corpus.to_str().unwrap()], 0);
    let jack: Vec<String> = (1..=5).map(|d| format!("jack{d}.txt")).collect();
    let mut jack_and_mr = jack.clone();
    jack_and_mr.push("mr.txt".to_string());

    // The surname-only article is Jack Straw's, by speaker and by person.
    assert_eq!(found_files(&env, r#"speaker:"Jack Straw""#), jack_and_mr);
    assert_eq!(found_files(&env, r#"person:"jack straw""#), jack_and_mr);
    assert_eq!(
        exported_files(&env, &["--speaker", "Jack Straw"]),
        jack_and_mr
    );
    // So are his quotations, and none of Will Straw's.
    let quotes = ndjson(&env.run_ok(
        &["quotes", "--json", "-n", "100", "--speaker", "Jack Straw"],
        0,
    ));
    let mut speakers: Vec<&str> = quotes
        .iter()
        .filter_map(|q| q["speaker"].as_str())
        .collect();
    speakers.sort();
    speakers.dedup();
    assert_eq!(speakers, ["Jack Straw", "Straw"], "{quotes:?}");
    // Will Straw's searches find only him: the alias "Straw" is his namesake's.
    assert_eq!(found_files(&env, r#"person:"Will Straw""#), ["will.txt"]);
    assert_eq!(
        exported_files(&env, &["--speaker", "Will Straw"]),
        ["will.txt"]
    );
    // A word search of the surname still finds every Straw, as before.
    let mut every_straw = jack_and_mr.clone();
    every_straw.push("will.txt".to_string());
    assert_eq!(found_files(&env, "speaker:straw"), every_straw);

    // An organization through the reviewed alias table, either way round.
    assert_eq!(
        found_files(&env, r#"org:"Conservative Party""#),
        jack_and_mr
    );
    assert_eq!(found_files(&env, "org:Tories"), jack_and_mr);
    assert_eq!(
        exported_files(&env, &["--org", "Conservative Party"]),
        jack_and_mr
    );
    // Beside other words the widened name is one required clause, and the words are
    // still highlighted.
    let out = env.run_ok(&["search", "--json", r#"speaker:"Jack Straw" aid"#], 0);
    let hits = ndjson(&out);
    assert_eq!(hits.len(), 1, "{out}");
    let snippet = hits[0]["snippet"].as_str().unwrap();
    let first = &hits[0]["highlights"][0];
    let (start, end) = (first[0].as_u64().unwrap(), first[1].as_u64().unwrap());
    assert_eq!(&snippet[start as usize..end as usize], "aid", "{out}");
}
