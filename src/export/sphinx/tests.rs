use super::*;
use crate::article::{Article, Quote};

fn stored(id: &str, headline: &str, speakers: &[&str]) -> Stored {
    Stored {
        id: id.to_string(),
        group: None,
        article: Article {
            path: format!("/archive/{id}.txt"),
            headline: headline.to_string(),
            date: Some("2005-03-01".to_string()),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            quotes: vec![Quote {
                speaker: speakers.first().map(|s| s.to_string()),
                text: "We will win".to_string(),
            }],
            body: "The body.".to_string(),
            ..Article::default()
        },
    }
}

#[test]
fn articles_go_to_the_shard_of_their_id_value() {
    let table = [
        ("0000000000000000", 2, 0),
        ("0000000000000001", 2, 1),
        ("00000000000000ff", 2, 1),
        ("00000000000000ff", 3, 0),
        ("ffffffffffffffff", 4, 3),
        ("000000000000000a", 1, 0),
    ];
    for (id, shards, expected) in table {
        assert_eq!(shard_of(id, shards), expected, "{id} of {shards}");
    }
    // Not newsidx's form: still a stable shard in range.
    let odd = shard_of("not hex", 5);
    assert!(odd < 5);
    assert_eq!(odd, shard_of("not hex", 5));
}

#[test]
fn characters_xml_forbids_are_removed_and_markup_escaped() {
    assert_eq!(xml_chars("plain"), Cow::Borrowed("plain"));
    assert_eq!(xml_chars("a\u{1}b\u{b}c\u{fffe}d\u{ffff}"), "abcd");
    assert_eq!(xml_chars("tab\tline\ncr\r"), "tab\tline\ncr\r");
    assert_eq!(field_text("one\u{2029}two"), "one two");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shard.xml");
    let mut shard = Shard::create(&path).unwrap();
    shard
        .document(7, &[("headline", "Q&A: <b>\"AT&T\"</b> & 'you'")])
        .unwrap();
    shard.finish().unwrap();
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(
        xml.contains("<headline>Q&amp;A: &lt;b&gt;&quot;AT&amp;T&quot;&lt;/b&gt; &amp; &apos;you&apos;</headline>")
            || xml.contains("<headline>Q&amp;A: &lt;b&gt;\"AT&amp;T\"&lt;/b&gt; &amp; 'you'</headline>"),
        "{xml}"
    );
    assert!(xml.trim_end().ends_with("</sphinx:docset>"), "{xml}");
}

#[test]
fn names_are_separated_by_a_phrase_boundary_in_fields_and_joined_in_attributes() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Box::new(Sphinx::new(dir.path(), "news", 1, Ports { base: 9312 }).unwrap());
    writer
        .write(&stored(
            "0000000000000001",
            "Budget \u{7}day",
            &["Tony Blair", "Gordon Brown"],
        ))
        .unwrap();
    let written = writer.finish().unwrap();
    let xml = std::fs::read_to_string(dir.path().join("shard-0.xml")).unwrap();
    assert!(xml.contains("<sphinx:document id=\"1\">"), "{xml}");
    assert!(xml.contains("<headline>Budget day</headline>"), "{xml}");
    assert!(
        xml.contains("<speaker>Tony Blair\u{2029} Gordon Brown</speaker>"),
        "{xml}"
    );
    assert!(
        xml.contains("<speakers>Tony Blair; Gordon Brown</speakers>"),
        "{xml}"
    );
    assert!(xml.contains("<nid>0000000000000001</nid>"), "{xml}");
    assert!(xml.contains("<date>1109635200</date>"), "{xml}");
    assert!(xml.contains("<day>20050301</day>"), "{xml}");
    assert!(
        xml.contains("<sphinx:field name=\"headline\" attr=\"string\"/>"),
        "{xml}"
    );
    let names: Vec<_> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, ["shard-0.xml", "node-0.conf", "LOAD.md"]);
}

#[test]
fn document_ids_run_through_the_export_across_shards() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Box::new(Sphinx::new(dir.path(), "news", 2, Ports { base: 9312 }).unwrap());
    for id in ["0000000000000002", "0000000000000003", "0000000000000004"] {
        writer.write(&stored(id, "H", &[])).unwrap();
    }
    writer.finish().unwrap();
    let even = std::fs::read_to_string(dir.path().join("shard-0.xml")).unwrap();
    let odd = std::fs::read_to_string(dir.path().join("shard-1.xml")).unwrap();
    assert!(
        even.contains("id=\"1\"") && even.contains("id=\"3\""),
        "{even}"
    );
    assert!(
        odd.contains("id=\"2\"") && !odd.contains("id=\"1\""),
        "{odd}"
    );
    let load = std::fs::read_to_string(dir.path().join("LOAD.md")).unwrap();
    assert!(
        load.contains("| 0 | `node-0.conf` | `shard-0.xml` | `news_0` | 2 | 9312 | 9313 |"),
        "{load}"
    );
    assert!(
        load.contains("| 1 | `node-1.conf` | `shard-1.xml` | `news_1` | 1 | 9314 | 9315 |"),
        "{load}"
    );
}

#[test]
fn dates_become_a_timestamp_and_a_day_number() {
    assert_eq!(date_attributes(Some("1970-01-02")), (86_400, 19_700_102));
    assert_eq!(date_attributes(Some("1965-06-30")), (0, 19_650_630));
    assert_eq!(date_attributes(None), (0, 0));
    assert_eq!(date_attributes(Some("2005-02-30")), (0, 0));
}

fn layout(shards: usize) -> Layout {
    Layout::new(
        Path::new("/srv/export"),
        "news",
        shards,
        Ports { base: 9312 },
    )
    .unwrap()
}

#[test]
fn node_zero_defines_the_distributed_index_with_the_other_nodes_as_agents() {
    let layout = layout(3);
    let zero = config::node_config(&layout, 0, 100);
    assert!(zero.contains("index news\n{\n\ttype = distributed\n\tlocal = news_0\n\tagent = 127.0.0.1:9314:news_1\n\tagent = 127.0.0.1:9316:news_2\n"), "{zero}");
    assert!(
        zero.contains("xmlpipe_command = cat '/srv/export/shard-0.xml'"),
        "{zero}"
    );
    assert!(zero.contains("path = /srv/export/data/news_0\n"), "{zero}");
    assert!(
        zero.contains("listen = 127.0.0.1:9312\n\tlisten = 127.0.0.1:9313:mysql41\n"),
        "{zero}"
    );
    assert!(zero.contains("max_xmlpipe2_field = 2097152\n"), "{zero}");
    assert_eq!(zero.matches("searchd\n{").count(), 1);
    let two = config::node_config(&layout, 2, 5 << 20);
    assert!(!two.contains("distributed"), "{two}");
    assert!(two.contains("index news_2\n"), "{two}");
    assert!(
        two.contains("listen = 127.0.0.1:9316\n\tlisten = 127.0.0.1:9317:mysql41\n"),
        "{two}"
    );
    assert!(two.contains("pid_file = /srv/export/node-2.pid\n"), "{two}");
    assert!(two.contains("max_xmlpipe2_field = 6291456\n"), "{two}");
}

#[test]
fn settings_sphinx_cannot_take_are_refused_by_name() {
    let dir = Path::new("/srv/export");
    let ports = Ports { base: 9312 };
    for name in ["news-idx", "", "9news", "news idx"] {
        let err = Layout::new(dir, name, 2, ports).unwrap_err().to_string();
        assert!(
            err.contains("index name") && err.contains("letters"),
            "{err}"
        );
    }
    let err = Layout::new(dir, "news", 2, Ports { base: 65533 })
        .unwrap_err()
        .to_string();
    assert!(err.contains("port 65533"), "{err}");
    assert!(Layout::new(dir, "news", 1, Ports { base: 65534 }).is_ok());
    let err = Layout::new(Path::new("/srv/a#b"), "news", 2, ports)
        .unwrap_err()
        .to_string();
    assert!(err.contains("/srv/a#b"), "{err}");
    assert_eq!(
        config::node_config(
            &Layout::new(Path::new("/srv/it's"), "news", 1, ports).unwrap(),
            0,
            0
        )
        .lines()
        .find(|l| l.contains("xmlpipe_command")),
        Some("\txmlpipe_command = cat '/srv/it'\\''s/shard-0.xml'")
    );
}

/// What `table` maps `c` to, if `c` is a word character.
fn mapped(table: &str, c: char) -> Option<char> {
    let code = |s: &str| u32::from_str_radix(s.trim().trim_start_matches("U+"), 16).unwrap();
    let c = u32::from(c);
    for entry in table
        .split(',')
        .map(|e| e.trim_matches([' ', '\\', '\n', '\t']))
    {
        let (source, target) = entry.split_once("->").unwrap_or((entry, entry));
        let (first, last) = source.split_once("..").unwrap_or((source, source));
        let (first, last) = (code(first), code(last));
        if (first..=last).contains(&c) {
            let to = code(target.split("..").next().unwrap());
            return char::from_u32(to + (c - first));
        }
    }
    None
}

#[test]
fn the_charset_table_folds_as_newsidx_does() {
    let table = config::charset_table();
    let table = table.as_str();
    let expected = [
        ('0', Some('0')),
        ('9', Some('9')),
        ('A', Some('a')),
        ('z', Some('z')),
        ('\u{c9}', Some('e')),
        ('\u{e9}', Some('e')),
        ('\u{d1}', Some('n')),
        ('\u{142}', Some('l')),
        // Folds into two letters in newsidx: only lowercased here.
        ('\u{df}', Some('\u{df}')),
        ('\u{c6}', Some('\u{e6}')),
        ('\u{416}', Some('\u{436}')),
        ('\u{4e2d}', Some('\u{4e2d}')),
        // Separators in both engines.
        ('_', None),
        ('\'', None),
        ('-', None),
        ('\u{2029}', None),
    ];
    for (c, to) in expected {
        assert_eq!(mapped(table, c), to, "{c:?}");
    }
}
