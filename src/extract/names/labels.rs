//! The labels of the name model: BILOU tags over four kinds of name, the grammar that
//! says which label may follow which, and the conversion between labels and spans.
//!
//! "BILOU": a name of one token is `Unit`; a longer one is `Begin`, `Inside`..., `Last`.
//! Marking the last token apart from the inside ones lets the model learn how names end
//! ("... Corp", "... Jr"), which plain BIO tags leave implicit.

use std::ops::Range;

/// What a name names: the four CoNLL-2003 classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Organization,
    Location,
    Misc,
}

impl Kind {
    /// Every kind, in label order.
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Organization, Kind::Location, Kind::Misc];

    /// The kind of a CoNLL-2003 class name ("PER", "ORG", "LOC", "MISC").
    pub fn from_conll(class: &str) -> Option<Kind> {
        match class {
            "PER" => Some(Kind::Person),
            "ORG" => Some(Kind::Organization),
            "LOC" => Some(Kind::Location),
            "MISC" => Some(Kind::Misc),
            _ => None,
        }
    }

    /// Short name, as `extract --explain` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Location => "place",
            Kind::Misc => "other",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Where a token stands in its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

impl Part {
    const ALL: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];
}

/// Outside any name, or a part of a name of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(u8);

/// The number of labels: outside, and four parts of four kinds.
pub const COUNT: usize = 17;

impl Label {
    /// Outside any name.
    pub const OUTSIDE: Label = Label(0);

    /// The label of `part` of a name of `kind`.
    pub fn new(part: Part, kind: Kind) -> Label {
        Label(1 + (kind.index() * 4 + part as usize) as u8)
    }

    /// Every label, by index.
    pub fn all() -> impl Iterator<Item = Label> {
        (0..COUNT as u8).map(Label)
    }

    /// The label with index `i` (below [`COUNT`]).
    pub fn from_index(i: usize) -> Label {
        debug_assert!(i < COUNT);
        Label(i as u8)
    }

    /// Position in weight vectors.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn kind(self) -> Option<Kind> {
        (self.0 > 0).then(|| Kind::ALL[(self.0 as usize - 1) / 4])
    }

    pub fn part(self) -> Option<Part> {
        (self.0 > 0).then(|| Part::ALL[(self.0 as usize - 1) % 4])
    }

    /// Whether a name may end at this label (the next token starts afresh).
    pub fn closes(self) -> bool {
        matches!(self.part(), None | Some(Part::Last | Part::Unit))
    }

    /// Whether this label opens or closes a name (`Begin`, `Last`, `Unit`): what a small
    /// word joining two capitalised words never does.
    pub fn is_edge(self) -> bool {
        matches!(self.part(), Some(Part::Begin | Part::Last | Part::Unit))
    }

    /// Whether this label may stand after `prev` (BILOU grammar).
    pub fn may_follow(self, prev: Label) -> bool {
        match (prev.part(), self.part()) {
            (None | Some(Part::Last | Part::Unit), None | Some(Part::Begin | Part::Unit)) => true,
            (Some(Part::Begin | Part::Inside), Some(Part::Inside | Part::Last)) => {
                prev.kind() == self.kind()
            }
            _ => false,
        }
    }

    /// Short name ("B-ORG", "O"), for messages and tests.
    pub fn name(self) -> String {
        match (self.part(), self.kind()) {
            (Some(part), Some(kind)) => {
                let p = match part {
                    Part::Begin => "B",
                    Part::Inside => "I",
                    Part::Last => "L",
                    Part::Unit => "U",
                };
                format!("{p}-{}", kind.name())
            }
            _ => "O".to_string(),
        }
    }
}

/// The labels of `len` tokens holding the names `spans` (sorted, not overlapping).
pub fn encode(spans: &[(Range<usize>, Kind)], len: usize) -> Vec<Label> {
    let mut labels = vec![Label::OUTSIDE; len];
    for (range, kind) in spans {
        let (start, end) = (range.start, range.end.min(len));
        if start >= end {
            continue;
        }
        if end - start == 1 {
            labels[start] = Label::new(Part::Unit, *kind);
            continue;
        }
        labels[start] = Label::new(Part::Begin, *kind);
        for label in &mut labels[start + 1..end - 1] {
            *label = Label::new(Part::Inside, *kind);
        }
        labels[end - 1] = Label::new(Part::Last, *kind);
    }
    labels
}

/// The names in a label sequence. Labels that break the grammar (as a sequence
/// decoded without it could) are read leniently: a name ends where its kind changes
/// or where a label says it ends.
pub fn decode(labels: &[Label]) -> Vec<(Range<usize>, Kind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Kind)> = None;
    for (i, label) in labels.iter().enumerate() {
        let kind = label.kind();
        if let Some((start, k)) = open {
            let continues =
                kind == Some(k) && matches!(label.part(), Some(Part::Inside | Part::Last));
            if !continues {
                out.push((start..i, k));
                open = None;
            }
        }
        match (label.part(), kind) {
            (Some(Part::Unit), Some(k)) if open.is_none() => out.push((i..i + 1, k)),
            (Some(Part::Begin), Some(k)) if open.is_none() => open = Some((i, k)),
            (Some(Part::Last), Some(k)) => {
                let start = open.take().map_or(i, |(s, _)| s);
                out.push((start..i + 1, k));
            }
            (Some(Part::Inside), Some(k)) if open.is_none() => open = Some((i, k)),
            _ => {}
        }
    }
    if let Some((start, k)) = open {
        out.push((start..labels.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_through_labels() {
        let spans = vec![
            (0..1, Kind::Person),
            (2..5, Kind::Organization),
            (5..7, Kind::Location),
        ];
        let labels = encode(&spans, 8);
        let names: Vec<String> = labels.iter().map(|l| l.name()).collect();
        assert_eq!(
            names,
            [
                "U-person",
                "O",
                "B-organization",
                "I-organization",
                "L-organization",
                "B-place",
                "L-place",
                "O"
            ]
        );
        assert_eq!(decode(&labels), spans);
    }

    #[test]
    fn grammar_allows_names_to_open_and_close_only_in_order() {
        let b = Label::new(Part::Begin, Kind::Person);
        let i = Label::new(Part::Inside, Kind::Person);
        let l = Label::new(Part::Last, Kind::Person);
        let l_org = Label::new(Part::Last, Kind::Organization);
        assert!(b.may_follow(Label::OUTSIDE));
        assert!(i.may_follow(b) && l.may_follow(i) && Label::OUTSIDE.may_follow(l));
        assert!(!l_org.may_follow(b), "a name keeps its kind");
        assert!(!Label::OUTSIDE.may_follow(b), "an open name must close");
        assert!(!i.may_follow(Label::OUTSIDE));
        assert_eq!(Label::all().count(), COUNT);
    }

    #[test]
    fn lenient_decoding_of_broken_sequences() {
        let i = Label::new(Part::Inside, Kind::Organization);
        let u = Label::new(Part::Unit, Kind::Person);
        assert_eq!(
            decode(&[i, i, u]),
            vec![(0..2, Kind::Organization), (2..3, Kind::Person)]
        );
    }
}
