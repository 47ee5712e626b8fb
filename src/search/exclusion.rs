//! Excluded clauses (`-word`, `-"a phrase"`) wrapped so that tantivy asks them only
//! forward-moving questions.
//!
//! An exclusion is asked "does this document match?" for documents that may lie before
//! the place its scorer has reached (tantivy's `Exclude` calls `seek_danger` with such
//! targets). The term scorers answer that; the phrase scorer of tantivy 0.27 asserts
//! that the target is not behind it, so `grain -"wheat crop"` panicked in builds with
//! debug assertions, and relied on unchecked behaviour without them. The wrapper gives
//! the excluded scorer the plain, checked answer of [`DocSet::seek_danger`]'s default:
//! seek only forward, else report where the scorer is.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// A query used as an excluded clause.
#[derive(Debug)]
pub struct Excluded(pub Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Forwards everything but `seek_danger`, which keeps the trait's default: it seeks
/// only when the target is ahead.
struct ExcludedScorer(Box<dyn Scorer>);

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::{AllQuery, BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    /// Articles without a phrase, and with a word but without a phrase, counted with
    /// the phrase excluded plainly (`wrap` false) or through [`Excluded`].
    fn counts(wrap: bool) -> (usize, usize) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
        for text in [
            "grain prices rose",
            "the wheat crop failed",
            "grain and wheat crop",
            "wheat exports crop up",
            "grain stores",
        ] {
            writer.add_document(doc!(body => text)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let excluded = || -> Box<dyn Query> {
            let phrase = Box::new(PhraseQuery::new(vec![term("wheat"), term("crop")]));
            if wrap {
                Box::new(Excluded(phrase))
            } else {
                phrase
            }
        };
        let without = BooleanQuery::new(vec![
            (Occur::Should, Box::new(AllQuery)),
            (Occur::MustNot, excluded()),
        ]);
        let grain_without = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(term("grain"), IndexRecordOption::Basic)),
            ),
            (Occur::MustNot, excluded()),
        ]);
        (
            searcher.search(&without, &Count).unwrap(),
            searcher.search(&grain_without, &Count).unwrap(),
        )
    }

    #[test]
    fn an_excluded_phrase_leaves_out_exactly_its_articles() {
        assert_eq!(counts(true), (3, 2));
    }
}
