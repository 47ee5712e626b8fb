//! The Sphinx node configurations of an export: where each file goes ([`Layout`]) and
//! the text of `node-K.conf` ([`node_config`]).
//!
//! Node K indexes shard K into the plain index `NAME_K` and runs one searchd on local
//! ports; node 0 also defines the distributed index `NAME`, its own shard local and the
//! other shards asked of their nodes as agents. Every path in a configuration is
//! absolute, so the commands work from any folder.
//!
//! The text is analysed as newsidx analyses it, as far as Sphinx can: words are runs of
//! letters and digits ([`charset_table`], computed from newsidx's own lowercasing and
//! accent folding), stemmed by the Snowball English stemmer (`libstemmer_english`),
//! no stop words, one-letter words kept. Exact word forms are indexed too, so that a
//! name is searched unstemmed with `=word`, as newsidx's name fields are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};

use super::{setting_error, VALUE_BOUNDARY};
use crate::error::Result;

/// Where the nodes listen.
#[derive(Debug, Clone, Copy)]
pub struct Ports {
    /// Node K listens for its API (agents) on `base + 2K` and for SphinxQL on
    /// `base + 2K + 1`.
    pub base: u16,
}

/// The files of an export and the names and ports of its nodes.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The export folder, absolute.
    pub dir: PathBuf,
    /// The distributed index; shard K is the plain index `NAME_K`.
    pub name: String,
    /// Number of shards, one node each.
    pub shards: usize,
    /// Where node K listens.
    pub ports: Ports,
}

impl Layout {
    /// The layout of `shards` shards in `dir` (absolute) for the distributed index
    /// `name`; refuses what a Sphinx configuration cannot hold.
    pub fn new(dir: &Path, name: &str, shards: usize, ports: Ports) -> Result<Layout> {
        let mut chars = name.chars();
        let identifier = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !identifier {
            return Err(setting_error(
                "index name",
                format!("{name:?}"),
                "is not a Sphinx index name: use ASCII letters, digits and '_', starting with a letter",
            ));
        }
        if shards == 0 {
            return Err(setting_error("shards", shards, "is too few: at least 1"));
        }
        if ports.base == 0 || u32::from(ports.base) + 2 * shards as u32 - 1 > u32::from(u16::MAX) {
            return Err(setting_error(
                "port",
                ports.base,
                &format!("is too high for {shards} node(s) of two ports each: the last must be at most 65535"),
            ));
        }
        match dir.to_str() {
            Some(text) if !text.contains('#') && !text.chars().any(char::is_control) => {}
            _ => {
                return Err(setting_error(
                    "folder",
                    dir.display(),
                    "cannot be written in a Sphinx configuration (it needs UTF-8 without '#' or control characters)",
                ))
            }
        }
        Ok(Layout {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            shards,
            ports,
        })
    }

    /// The plain index of shard `k`.
    pub fn shard_index(&self, k: usize) -> String {
        format!("{}_{k}", self.name)
    }

    /// The xmlpipe2 file of shard `k`.
    pub fn shard_file(&self, k: usize) -> PathBuf {
        self.dir.join(format!("shard-{k}.xml"))
    }

    /// The configuration of node `k`.
    pub fn node_config(&self, k: usize) -> PathBuf {
        self.dir.join(format!("node-{k}.conf"))
    }

    /// Where `indexer` writes the indexes.
    pub fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// Node `k`'s API port, which agents are asked on.
    pub fn api_port(&self, k: usize) -> u16 {
        self.ports.base + 2 * k as u16
    }

    /// Node `k`'s SphinxQL (MySQL protocol) port.
    pub fn sql_port(&self, k: usize) -> u16 {
        self.api_port(k) + 1
    }
}

/// A path as a configuration value (checked by [`Layout::new`] to be UTF-8).
fn value(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `path` quoted for the shell that runs `xmlpipe_command`.
fn shell_quoted(path: &Path) -> String {
    format!("'{}'", value(path).replace('\'', r"'\''"))
}

/// Largest field `indexer` takes by default (`max_xmlpipe2_field`).
const DEFAULT_FIELD_LIMIT: usize = 2 << 20;

/// The text of `node-K.conf`; `longest_field` is the longest full-text field of the
/// export, in bytes.
pub fn node_config(layout: &Layout, k: usize, longest_field: usize) -> String {
    let index = layout.shard_index(k);
    let dir = &layout.dir;
    // Whole megabytes, with room to spare.
    let field_limit = DEFAULT_FIELD_LIMIT.max(((longest_field >> 20) + 1) << 20);
    let mut text = format!(
        "# Sphinx node {k} of {n} of the export `{name}`, written by `newsidx export --format sphinx`.\n\
         # Build: indexer --config {conf} --all    Start: searchd --config {conf}\n\
         # The ports are local (127.0.0.1): for real hosts, edit the listen lines{agents}.\n\
         \n\
         indexer\n\
         {{\n\
         \tmem_limit = 256M\n\
         \tmax_xmlpipe2_field = {field_limit}\n\
         }}\n\
         \n\
         source {index}_xml\n\
         {{\n\
         \ttype = xmlpipe2\n\
         \txmlpipe_command = cat {shard}\n\
         }}\n\
         \n\
         index {index}\n\
         {{\n\
         \tsource = {index}_xml\n\
         \tpath = {path}\n\
         \t# newsidx stems English words with Snowball's English stemmer (Porter2);\n\
         \t# a Sphinx built without libstemmer has only stem_en (Porter), which differs a little.\n\
         \tmorphology = libstemmer_english\n\
         \t# Exact forms as well: `=blair` searches a name unstemmed, as newsidx's name fields are.\n\
         \tindex_exact_words = 1\n\
         \tmin_word_len = 1\n\
         \t# Between two names or quotations: word positions skip one, as in newsidx.\n\
         \tphrase_boundary = U+{boundary:X}\n\
         \tphrase_boundary_step = 1\n\
         \t# Letters and digits, lowercased and accents folded as newsidx does it.\n\
         \tcharset_table = {charset}\n\
         }}\n",
        n = layout.shards,
        name = layout.name,
        conf = value(&layout.node_config(k)),
        agents = if k == 0 && layout.shards > 1 {
            " and the agent lines"
        } else {
            ""
        },
        shard = shell_quoted(&layout.shard_file(k)),
        path = value(&layout.data_dir().join(&index)),
        boundary = u32::from(VALUE_BOUNDARY),
        charset = charset_table(),
    );
    if k == 0 {
        text.push_str(&format!(
            "\n\
             # The whole archive: this node's shard and the other nodes' as agents.\n\
             # Sphinx 2.2 has no max_matches setting: ask for as many as the archive holds with\n\
             # OPTION max_matches=N in each query (the default is 1000).\n\
             index {name}\n\
             {{\n\
             \ttype = distributed\n\
             \tlocal = {local}\n",
            name = layout.name,
            local = layout.shard_index(0),
        ));
        for other in 1..layout.shards {
            text.push_str(&format!(
                "\tagent = 127.0.0.1:{port}:{index}\n",
                port = layout.api_port(other),
                index = layout.shard_index(other),
            ));
        }
        text.push_str("\tagent_query_timeout = 30000\n}\n");
    }
    text.push_str(&format!(
        "\n\
         searchd\n\
         {{\n\
         \tlisten = 127.0.0.1:{api}\n\
         \tlisten = 127.0.0.1:{sql}:mysql41\n\
         \tpid_file = {dir}/node-{k}.pid\n\
         \tlog = {dir}/node-{k}.log\n\
         \tquery_log = {dir}/node-{k}.query.log\n\
         \t# Plain indexes are never written to by searchd: no binary log.\n\
         \tbinlog_path =\n\
         }}\n",
        api = layout.api_port(k),
        sql = layout.sql_port(k),
        dir = value(dir),
    ));
    text
}

/// Characters considered for the charset table: the Basic Multilingual Plane.
const CHARSET_END: u32 = 0xFFFF;

/// Sphinx's `charset_table`: every letter and digit of the Basic Multilingual Plane
/// (the characters newsidx's tokenizer keeps in words), each mapped to what newsidx's
/// lowercasing and accent folding make of it (`É` to `e`). A character that folds into
/// several (`ß` to `ss`) cannot be mapped so in Sphinx and is only lowercased. Runs of
/// characters mapped alike are written as ranges, eight entries to a line.
pub fn charset_table() -> String {
    let mut fold = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut map: BTreeMap<u32, u32> = BTreeMap::new();
    for c in (0x30..=CHARSET_END).filter_map(char::from_u32) {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut folded = String::new();
        fold.token_stream(&c.to_string())
            .process(&mut |token| folded.push_str(&token.text));
        let target = match single(&folded) {
            Some(t) => t,
            None => single(&c.to_lowercase().collect::<String>()).unwrap_or(c),
        };
        map.insert(u32::from(c), u32::from(target));
    }
    // A character that others map to is a word character itself.
    let targets: Vec<u32> = map.values().copied().collect();
    for t in targets {
        map.entry(t).or_insert(t);
    }
    let mut entries = Vec::new();
    let mut run: Option<(u32, u32, u32)> = None; // first source, last source, first target
    for (&source, &target) in &map {
        run = match run {
            Some((first, last, to)) if source == last + 1 && target == to + (source - first) => {
                Some((first, source, to))
            }
            Some(done) => {
                entries.push(entry(done));
                Some((source, source, target))
            }
            None => Some((source, source, target)),
        };
    }
    entries.extend(run.map(entry));
    entries
        .chunks(8)
        .map(|line| line.join(", "))
        .collect::<Vec<_>>()
        .join(", \\\n\t\t")
}

/// The only character of `text`, if it has exactly one.
fn single(text: &str) -> Option<char> {
    let mut chars = text.chars();
    chars.next().filter(|_| chars.next().is_none())
}

/// One charset table entry: a character or range, mapped when the target differs.
fn entry((first, last, to): (u32, u32, u32)) -> String {
    let source = if first == last {
        format!("U+{first:X}")
    } else {
        format!("U+{first:X}..U+{last:X}")
    };
    match (first == to, first == last) {
        (true, _) => source,
        (false, true) => format!("{source}->U+{to:X}"),
        (false, false) => format!("{source}->U+{to:X}..U+{:X}", to + (last - first)),
    }
}
