//! Applying the user's decisions while the atlas is built: each mention and unresolved name
//! is looked up by its key (document hash, span); a decision moves it to the place chosen,
//! confirms it, or takes it off the map. User places are found again in every document.
//! Decisions that match nothing open are set aside.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::assemble::Assembly;
use super::{ReviewedMention, Source};
use crate::corpus::{Corpus, Document, Span};
use crate::geoparse::{DocumentPlaces, Mention};
use crate::review::{Decision, MentionKey, MentionStatus, Verdict, content_hash, holds_name};

/// The confidence of a user place's name found again in a document.
const USER_PLACE_CONFIDENCE: f64 = 0.9;

impl Assembly<'_> {
    /// Counts every mention and unresolved name of the corpus, with the decisions applied.
    pub(super) fn apply_review(&mut self, corpus: &Corpus, parsed: &[Arc<DocumentPlaces>]) {
        // Hashing the texts costs a pass over them: only when there is something to apply.
        let hashes: Vec<Option<String>> = corpus
            .documents
            .iter()
            .map(|d| (!self.review.is_empty()).then(|| content_hash(&d.text)))
            .collect();
        let review = self.review;
        let by_key = review.by_key();
        let mut used: HashSet<&MentionKey> = HashSet::new();
        for (d, found) in parsed.iter().enumerate() {
            let Some(doc) = corpus.documents.get(d) else {
                continue;
            };
            let decision_at = |span: Span| -> Option<&Decision> {
                let document = hashes.get(d)?.clone()?;
                by_key.get(&MentionKey { document, span }).copied()
            };
            // The spans the geoparser found, for the user's places to keep out of (only
            // when there are user places: a large document has millions of mentions).
            let track = !review.user_places.is_empty();
            let mut taken: HashSet<(u32, u32)> = HashSet::new();
            for m in &found.mentions {
                if track {
                    taken.insert((m.span.start, m.span.end));
                }
                let decision = decision_at(m.span);
                if let Some(decision) = decision {
                    used.insert(&decision.key);
                }
                self.mention(doc, d, m, decision);
            }
            for u in &found.unresolved {
                if track {
                    taken.insert((u.span.start, u.span.end));
                }
                let decision = decision_at(u.span);
                if let Some(decision) = decision {
                    used.insert(&decision.key);
                }
                self.unresolved_name(doc, d, u, decision);
            }
            self.user_places_in(doc, d, &taken, &decision_at, &mut used);
        }
        self.leftover_decisions(corpus, &hashes, &used);
    }

    /// A mention the geoparser placed, with the decision about it if there is one.
    fn mention(&mut self, doc: &Document, d: usize, m: &Mention, decision: Option<&Decision>) {
        let surface = doc.slice(m.span).trim();
        let source = Source {
            document: d,
            passage: m.passage,
        };
        let (item, status) = match decision.map(|x| &x.verdict) {
            None => (self.place_item_of(m.place), MentionStatus::Automatic),
            Some(Verdict::Rejected) => (None, MentionStatus::Rejected),
            Some(Verdict::Verified { place }) => (self.item_of_id(place), MentionStatus::Verified),
            Some(Verdict::Corrected { place }) => {
                (self.item_of_id(place), MentionStatus::Corrected)
            }
        };
        if let Some(i) = item {
            let chosen = (status == MentionStatus::Automatic).then_some(m);
            self.count_mention(i, source, surface, chosen, status);
        }
        self.reviewed.push(ReviewedMention {
            document: d,
            passage: m.passage,
            span: m.span,
            name: surface.to_owned(),
            item,
            status,
            confidence: Some(m.confidence),
            chosen: Some(m.place),
            alternatives: m.alternatives.clone(),
            kind: None,
        });
    }

    /// A name that matched nothing: unresolved, unless the user placed or rejected it.
    fn unresolved_name(
        &mut self,
        doc: &Document,
        d: usize,
        u: &crate::geoparse::Unresolved,
        decision: Option<&Decision>,
    ) {
        let (item, status) = match decision.map(|x| &x.verdict) {
            None => {
                self.unresolved.push((d, u.clone()));
                (None, MentionStatus::Unresolved)
            }
            Some(Verdict::Rejected) => (None, MentionStatus::Rejected),
            Some(Verdict::Verified { place } | Verdict::Corrected { place }) => {
                (self.item_of_id(place), MentionStatus::Corrected)
            }
        };
        let surface = doc.slice(u.span).trim().to_owned();
        if let Some(i) = item {
            let source = Source {
                document: d,
                passage: u.passage,
            };
            self.count_mention(i, source, &surface, None, MentionStatus::Corrected);
        }
        self.reviewed.push(ReviewedMention {
            document: d,
            passage: u.passage,
            span: u.span,
            name: surface,
            item,
            status,
            confidence: None,
            chosen: None,
            alternatives: Arc::from(Vec::new()),
            kind: Some(u.kind),
        });
    }

    /// The user's places named in `doc` where the geoparser found nothing: the user's
    /// gazetteer at work on documents opened after the places were added.
    fn user_places_in<'r>(
        &mut self,
        doc: &Document,
        d: usize,
        taken: &HashSet<(u32, u32)>,
        decision_at: &dyn Fn(Span) -> Option<&'r Decision>,
        used: &mut HashSet<&'r MentionKey>,
    ) {
        if self.review.user_places.is_empty() {
            return;
        }
        let found = crate::review::user_places::find_in(doc, &self.review.user_places);
        for (span, index) in found {
            let Some(passage) = doc.passage_at(span.start) else {
                continue;
            };
            if taken.contains(&(span.start, span.end)) {
                continue;
            }
            let decision = decision_at(span);
            if let Some(decision) = decision {
                used.insert(&decision.key);
            }
            let (item, status) = match decision.map(|x| &x.verdict) {
                None => (self.user_item(index), MentionStatus::Automatic),
                Some(Verdict::Rejected) => (None, MentionStatus::Rejected),
                Some(Verdict::Verified { place }) => {
                    (self.item_of_id(place), MentionStatus::Verified)
                }
                Some(Verdict::Corrected { place }) => {
                    (self.item_of_id(place), MentionStatus::Corrected)
                }
            };
            let surface = doc.slice(span).to_owned();
            if let Some(i) = item {
                let source = Source {
                    document: d,
                    passage,
                };
                self.count_mention(i, source, &surface, None, status);
            }
            self.reviewed.push(ReviewedMention {
                document: d,
                passage,
                span,
                name: surface,
                item,
                status,
                confidence: Some(USER_PLACE_CONFIDENCE),
                chosen: None,
                alternatives: Arc::from(Vec::new()),
                kind: None,
            });
        }
    }

    /// Decisions about spans the geoparser no longer finds: applied where their document is
    /// open and still holds their name there (a newer gazetteer missed it), else set aside.
    fn leftover_decisions(
        &mut self,
        corpus: &Corpus,
        hashes: &[Option<String>],
        used: &HashSet<&MentionKey>,
    ) {
        let by_hash: HashMap<&str, usize> = hashes
            .iter()
            .enumerate()
            .filter_map(|(d, h)| Some((h.as_deref()?, d)))
            .collect();
        let review = self.review;
        for decision in review.decisions.iter().filter(|x| !used.contains(&x.key)) {
            let open = by_hash
                .get(decision.key.document.as_str())
                .and_then(|&d| Some((d, corpus.documents.get(d)?)))
                .filter(|(_, doc)| holds_name(doc, decision.key.span, &decision.name));
            let Some((d, doc)) = open else {
                self.set_aside.push(decision.clone());
                continue;
            };
            let Some(passage) = doc.passage_at(decision.key.span.start) else {
                self.set_aside.push(decision.clone());
                continue;
            };
            let item = decision.verdict.place().and_then(|p| self.item_of_id(p));
            let status = match decision.verdict {
                Verdict::Rejected => MentionStatus::Rejected,
                Verdict::Verified { .. } => MentionStatus::Verified,
                Verdict::Corrected { .. } => MentionStatus::Corrected,
            };
            if let Some(i) = item {
                let source = Source {
                    document: d,
                    passage,
                };
                self.count_mention(i, source, &decision.name, None, status);
            }
            self.reviewed.push(ReviewedMention {
                document: d,
                passage,
                span: decision.key.span,
                name: decision.name.clone(),
                item,
                status,
                confidence: None,
                chosen: None,
                alternatives: Arc::from(Vec::new()),
                kind: None,
            });
        }
    }
}
