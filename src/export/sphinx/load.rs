//! `LOAD.md` of a Sphinx export: the commands that build each shard and start each
//! node, how newsidx queries are written in SphinxQL, and where the two engines differ.

use super::config::Layout;

/// The text of `LOAD.md`; `documents` holds each shard's number of articles.
pub fn instructions(layout: &Layout, documents: &[u64]) -> String {
    let name = &layout.name;
    let total: u64 = documents.iter().sum();
    // At least Sphinx's default, so that an example query never asks for fewer.
    let max = total.max(1000);
    let sql = layout.sql_port(0);
    let mut nodes = String::new();
    let mut build = String::new();
    let mut start = String::new();
    let mut stop = String::new();
    for (k, count) in documents.iter().enumerate() {
        nodes.push_str(&format!(
            "| {k} | `node-{k}.conf` | `shard-{k}.xml` | `{index}` | {count} | {api} | {sql} |\n",
            index = layout.shard_index(k),
            api = layout.api_port(k),
            sql = layout.sql_port(k),
        ));
        build.push_str(&format!("indexer --config node-{k}.conf --all\n"));
        start.push_str(&format!("searchd --config node-{k}.conf\n"));
        stop.push_str(&format!("searchd --config node-{k}.conf --stopwait\n"));
    }
    format!(
        r#"# Loading this export into Sphinx (or Manticore)

Written by `newsidx export --format sphinx`: {total} article(s) in {shards} shard(s), one
searchd node each. Node 0 also serves the distributed index `{name}`, which searches its own
shard and asks the other nodes for theirs. Run the commands from this folder (the
configurations hold absolute paths, so any folder does).

| node | configuration | shard | index | articles | API port | SphinxQL port |
| --- | --- | --- | --- | --- | --- | --- |
{nodes}
The ports are on 127.0.0.1. For real hosts, copy each node's configuration and shard file
to its host, fix the paths, the `listen` lines and node 0's `agent` lines.

## Build and start

Debian 12 packages Sphinx 2.2.11: `apt-get install sphinxsearch default-mysql-client`.

1. Build each shard's index (`indexer` reads the shard's XML file; `--all` builds the
   node's plain index and skips the distributed one):

```sh
{build}```

2. Start each node (each goes to the background and writes `node-K.pid`, `node-K.log`):

```sh
{start}```

3. Search the whole archive through node 0, over SphinxQL (the MySQL protocol):

```sh
mysql -h127.0.0.1 -P{sql} -e "SELECT nid, headline FROM {name} WHERE MATCH('@(headline,body) election') LIMIT 20"
mysql -h127.0.0.1 -P{sql} -N -B -e "SELECT nid FROM {name} WHERE MATCH('@speaker =blair') LIMIT 0,{max} OPTION max_matches={max}"
```

Sphinx 2.2 returns at most `max_matches` matches, 1000 by default; 2.2 removed the
configuration setting, so only a query can raise it: ask for every article with
`LIMIT 0,{max} OPTION max_matches={max}`.

4. Stop the nodes:

```sh
{stop}```

## newsidx queries in SphinxQL

| newsidx | SphinxQL `MATCH(...)` |
| --- | --- |
| `election tax` (bare words: each in headline or body, all required) | `'@(headline,body) election tax'` |
| `"prime minister"` | `'@(headline,body) "prime minister"'` |
| `speaker:blair` | `'@speaker =blair'` |
| `org:labour`, `person:brown` | `'@org =labour'`, `'@person =brown'` |
| `quote:war`, `source:reuters` | `'@quote war'`, `'@source =reuters'` |
| `date:[2014-05-01 TO 2014-05-31]` | a filter: `WHERE MATCH(...) AND day BETWEEN 20140501 AND 20140531` |

Select `nid`, the newsidx id, to compare with `newsidx show ID`. Sphinx numbers the
documents 1, 2, ... through the export: its ids change from one export to the next, `nid`
does not.

Fields and attributes: `headline`, `body`, `quote`, `speaker`, `org`, `person`, `source`,
`byline` and `dateline` are full-text fields, named as newsidx's query fields. The string
attributes are `nid`, `group` (the duplicate group, empty for an article without copies),
`path`, `url`, `headline`, `source`, and `speakers`, `organizations`, `persons` (names
joined with "; "); `date` is a timestamp (seconds since 1970 at midnight UTC) and `day`
the number YYYYMMDD, both 0 for an undated article (`date` is 0 for a day before 1970 as
well: use `day` there). newsidx's search shows a duplicate group once unless
`--all-copies`; Sphinx finds every copy, and `group` tells which belong together.

## Where Sphinx and newsidx differ

- Stemming: both stem English with Snowball's English (Porter2) stemmer, newsidx with the
  current Snowball rules and Sphinx with the system's libstemmer (Debian 12: Snowball
  2.2.0), and the rules changed in between. Of the 29,457 distinct words of the BBC
  corpus, 39 stem differently: Sphinx takes words beginning with inter-, organ-, univers-
  and emerg- down to those letters (`international`, `interval` and `internment` all find
  each other; `university` finds `universal`), keeps `-ologist` apart from `-ology`
  (newsidx's `psychologist` finds `psychology`), and stems `added` as `ad`, `evening` as
  `even`, `egged` as `eg`, `vying` as `vy`. A query with such a word finds more, or
  other, articles in one engine than in the other. A Sphinx built without libstemmer does
  not know `libstemmer_english`: use `morphology = stem_en` there (Porter's original
  stemmer), which differs from newsidx in more words.
- Names: Sphinx stems every field of an index; newsidx does not stem names. Write a name
  word with `=` (`@speaker =blair`) to match it as written, as newsidx does; without it,
  `@speaker brown` also finds "Browne".
- Characters: letters and digits are lowercased and accents folded as newsidx does, but a
  Sphinx character maps to one character: `ß`, `æ`, `œ` and the like stay as they are
  (newsidx folds them to `ss`, `ae`, `oe`), so `strasse` does not find "Straße" in Sphinx.
  Outside the Basic Multilingual Plane, characters separate words. Words of 40 bytes or
  more, which newsidx leaves out, are indexed by Sphinx, cut at 42 characters.
- Query syntax: SphinxQL's extended syntax, not newsidx's (`|` for OR, `-` or `!` for NOT,
  `"a b"~3` is proximity); no fuzzy `word~1`.

## Verified and not verified

Verified with Sphinx 2.2.11 (Debian 12's `sphinxsearch` package): newsidx's test
`sphinx_distributed_index_finds_what_newsidx_finds` exports a corpus in two shards,
builds both with `indexer`, starts two `searchd` nodes and checks that the distributed
index finds the same article ids as `newsidx search --all-copies` for single words, two
words, a phrase and name fields.

Not verified: Manticore Search, Sphinx's maintained successor, which reads the same
plain-index configuration by its own documentation (`indexer`, `searchd --config`,
xmlpipe2 sources, `type = distributed` with `agent` lines, `libstemmer_english`). It could
not be installed where this export was tested.
"#,
        shards = layout.shards,
    )
}
