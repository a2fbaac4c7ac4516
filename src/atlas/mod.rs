//! The atlas: what the whole corpus says, place by place. Every place named in the
//! documents and every relation the text states becomes an [`AtlasItem`] with its
//! geometry and the passages that speak of it. This is what the map draws, the lists show
//! and the exports write.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::corpus::{Corpus, Document};
use crate::gazetteer::{Geometry, PlaceKind};
use crate::geoparse::{DocumentPlaces, Geoparser, Mention, RelationKind, Status};
use crate::import::{ImportedFeature, ImportedLayer};
use crate::progress::{Cancelled, Progress};
use crate::review::{Decision, MentionStatus, Review};

mod assemble;
mod decisions;

/// A passage that speaks of an item.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Source {
    /// Index of the document in the corpus.
    pub document: usize,
    /// Index of the passage in the document.
    pub passage: usize,
}

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    /// A place of the gazetteer.
    Place(PlaceKind),
    /// A relation between places.
    Relation(RelationKind),
    /// A feature of an imported layer, by the layer's key.
    Imported(u32),
}

impl ItemKind {
    /// The name exported as the GeoJSON `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Place(k) => k.as_str(),
            Self::Relation(k) => k.as_str(),
            Self::Imported(_) => "imported",
        }
    }

    /// Every kind name an item can have, for checking `--kind` arguments.
    pub fn all_names() -> Vec<&'static str> {
        let mut names: Vec<&str> = PlaceKind::ALL.iter().map(|k| k.as_str()).collect();
        for k in [
            RelationKind::TwinCities,
            RelationKind::AirRoute,
            RelationKind::Crossing,
        ] {
            names.push(k.as_str());
        }
        names
    }
}

/// A place or relation, with what the documents say of it.
#[derive(Clone, Debug, PartialEq)]
pub struct AtlasItem {
    /// Stable id: the gazetteer id for places, `kind:member+member` for relations.
    pub id: String,
    /// What it is.
    pub kind: ItemKind,
    /// English name.
    pub name: String,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Names by language.
    pub names: BTreeMap<String, String>,
    /// Where it is.
    pub geometry: Geometry,
    /// Where the geometry comes from.
    pub geometry_source: String,
    /// Planned, under construction or existing, where the text says.
    pub status: Option<Status>,
    /// The passages that speak of it, in corpus order.
    pub sources: Vec<Source>,
    /// How many times its names occur.
    pub mention_count: usize,
    /// The gazetteer place, for places.
    pub place: Option<usize>,
    /// Gazetteer ids of the places a relation joins, or of the checkpoints a hub stands by.
    pub members: Vec<String>,
    /// The feature's index in its layer, for imported features.
    pub feature: Option<usize>,
    /// For places: how sure the geoparser is that the documents mean this place (0–1; the
    /// surest of its mentions).
    pub confidence: Option<f64>,
    /// For places: the other places its names could stand for, best first, as (id, name,
    /// confidence had it been chosen).
    pub alternatives: Vec<(String, String, f64)>,
    /// For places: the forms the documents write its name in ("Zambir", «Чуйской области»).
    pub aliases: Vec<String>,
    /// Whether the user has checked it: every mention of it decided (verified or
    /// corrected to it), or a place the user added.
    pub verified: bool,
    /// How far the mentions of each source are reviewed, in the order of `sources`.
    pub source_review: Vec<SourceReview>,
    /// What happens to it and when, as its passages state, in time order (undated last).
    pub events: Vec<crate::events::Event>,
}

/// How far the mentions of an item in one passage are reviewed: the least reviewed of them,
/// and the geoparser's lowest confidence among those it chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SourceReview {
    /// Automatic if any mention there is.
    pub status: MentionStatus,
    /// How sure the geoparser was (none for relations and decided mentions).
    pub confidence: Option<f64>,
}

impl Default for SourceReview {
    fn default() -> Self {
        Self {
            status: MentionStatus::Automatic,
            confidence: None,
        }
    }
}

impl SourceReview {
    /// The review of two mentions in the same passage.
    pub fn merged(self, other: Self) -> Self {
        let status = if self.status.is_decided() && !other.status.is_decided() {
            other.status
        } else {
            self.status
        };
        let confidence = match (self.confidence, other.confidence) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Self { status, confidence }
    }
}

/// The corpus and everything found in it, with the layers the user imported.
#[derive(Clone, Default)]
pub struct Atlas {
    /// The documents.
    pub corpus: Corpus,
    /// What the geoparser found in each document, in the corpus's order: kept, so a
    /// document added later is the only one read.
    pub parsed: Vec<Arc<DocumentPlaces>>,
    /// Places and relations, then the features of imported layers.
    pub items: Vec<AtlasItem>,
    /// Names that read as places but could not be placed, with their document.
    pub unresolved: Vec<(usize, crate::geoparse::Unresolved)>,
    /// Layers imported from GeoJSON files, in the order they were imported.
    pub layers: Vec<ImportedLayer>,
    /// The user's decisions and places, applied to what the geoparser found.
    pub review: Review,
    /// Every mention and unresolved name with how far it is reviewed, in corpus order.
    pub reviewed: Vec<ReviewedMention>,
    /// Decisions that could not be applied: their document is not open, or its text at
    /// their span is no longer their name. Kept in the review, reported, not applied.
    pub set_aside: Vec<Decision>,
}

/// A mention or an unresolved name, with how far the user has reviewed it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewedMention {
    /// Index of the document.
    pub document: usize,
    /// Index of the passage.
    pub passage: usize,
    /// Where the name stands, in code points.
    pub span: crate::corpus::Span,
    /// The name as written.
    pub name: String,
    /// The item it counts for (none when rejected or unresolved).
    pub item: Option<usize>,
    /// How far it is reviewed.
    pub status: MentionStatus,
    /// How sure the geoparser was of its choice.
    pub confidence: Option<f64>,
    /// The gazetteer place the geoparser chose.
    pub chosen: Option<usize>,
    /// The other places it could be (gazetteer index, confidence had it been chosen).
    pub alternatives: crate::geoparse::Alternatives,
    /// For unresolved names: the kind the word beside it names.
    pub kind: Option<PlaceKind>,
}

impl AtlasItem {
    /// An item with what every item has; nothing found of it yet (no sources, mentions,
    /// confidence or events).
    pub fn new(
        id: String,
        kind: ItemKind,
        name: String,
        geometry: Geometry,
        geometry_source: String,
    ) -> Self {
        Self {
            id,
            kind,
            name,
            countries: Vec::new(),
            names: BTreeMap::new(),
            geometry,
            geometry_source,
            status: None,
            sources: Vec::new(),
            mention_count: 0,
            place: None,
            members: Vec::new(),
            feature: None,
            confidence: None,
            alternatives: Vec::new(),
            aliases: Vec::new(),
            verified: false,
            source_review: Vec::new(),
            events: Vec::new(),
        }
    }
}

impl Atlas {
    /// Reads every document of `corpus` with `geoparser`.
    pub fn build(corpus: Corpus, geoparser: &Geoparser) -> Self {
        let empty = Self {
            corpus: Corpus::default(),
            parsed: Vec::new(),
            items: Vec::new(),
            unresolved: Vec::new(),
            layers: Vec::new(),
            review: Review::default(),
            reviewed: Vec::new(),
            set_aside: Vec::new(),
        };
        empty.with_documents(corpus.documents, geoparser)
    }

    /// This atlas with `documents` added to its corpus: only they are read; the imported
    /// layers are kept.
    pub fn with_documents(&self, documents: Vec<Document>, geoparser: &Geoparser) -> Self {
        match self.with_documents_watched(documents, geoparser, &Progress::new()) {
            Ok(atlas) => atlas,
            // Nobody holds this progress to cancel it.
            Err(Cancelled) => self.clone(),
        }
    }

    /// This atlas with the user's decisions and places applied instead of its own (nothing
    /// is read again).
    pub fn with_review(&self, review: Review, geoparser: &Geoparser) -> Self {
        Self::assemble(self.corpus.clone(), self.parsed.clone(), review, geoparser)
            .with_layers(self.layers.clone())
    }

    /// [`Atlas::with_documents`], counting one step per document on `progress` and
    /// stopping when it is cancelled.
    pub fn with_documents_watched(
        &self,
        documents: Vec<Document>,
        geoparser: &Geoparser,
        progress: &Progress,
    ) -> Result<Self, Cancelled> {
        progress.add_total(documents.len());
        let mut corpus = self.corpus.clone();
        let mut parsed = self.parsed.clone();
        for doc in documents {
            if progress.is_cancelled() {
                return Err(Cancelled);
            }
            parsed.push(Arc::new(geoparser.parse(corpus.documents.len(), &doc)));
            corpus.documents.push(doc);
            progress.advance();
        }
        let review = self.review.clone();
        Ok(Self::assemble(corpus, parsed, review, geoparser).with_layers(self.layers.clone()))
    }

    /// Every place mention, document by document.
    pub fn mentions(&self) -> impl Iterator<Item = &Mention> {
        self.parsed.iter().flat_map(|p| &p.mentions)
    }

    /// The atlas of a corpus whose documents were read: `parsed[i]` is what was found in
    /// document `i`.
    fn assemble(
        mut corpus: Corpus,
        parsed: Vec<Arc<DocumentPlaces>>,
        review: Review,
        geoparser: &Geoparser,
    ) -> Self {
        if !review.dates.is_empty() {
            for doc in &mut corpus.documents {
                if let Some(date) = review.dates.get(&crate::review::content_hash(&doc.text)) {
                    doc.date = (!date.is_empty()).then(|| date.clone());
                }
            }
        }
        let mut done = assemble::Assembly::new(geoparser, &review).run(&corpus, &parsed);
        let sources: Vec<(&[Source], ItemKind)> = done
            .items
            .iter()
            .map(|i| (&i.sources[..], i.kind))
            .collect();
        let events = crate::events::events_of_items(&corpus, &sources);
        for (item, events) in done.items.iter_mut().zip(events) {
            item.events = events;
        }
        Self {
            corpus,
            parsed,
            items: done.items,
            layers: Vec::new(),
            unresolved: done.unresolved,
            reviewed: done.reviewed,
            set_aside: done.set_aside,
            review,
        }
    }

    /// The atlas with these imported layers added.
    pub fn with_layers(mut self, layers: Vec<ImportedLayer>) -> Self {
        for layer in layers {
            self.add_layer(layer);
        }
        self
    }

    /// Adds an imported layer: each of its features becomes an item `import<key>:<n>`.
    pub fn add_layer(&mut self, layer: ImportedLayer) {
        let source = layer
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| layer.name.clone(), |f| f.to_string_lossy().into_owned());
        for (n, f) in layer.features.iter().enumerate() {
            let p = &f.properties;
            let strings = |key: &str| -> Vec<String> {
                p.get(key)
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let names = p
                .get("names")
                .and_then(|v| v.as_object())
                .map(|o| {
                    o.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            let status = p
                .get("status")
                .and_then(|v| v.as_str())
                .and_then(Status::from_name);
            self.items.push(AtlasItem {
                countries: strings("countries"),
                names,
                status,
                feature: Some(n),
                ..AtlasItem::new(
                    format!("import{}:{}", layer.key, n + 1),
                    ItemKind::Imported(layer.key),
                    f.name.clone(),
                    f.geometry.clone(),
                    format!("imported from {source}"),
                )
            });
        }
        self.layers.push(layer);
    }

    /// Takes an imported layer and its features out.
    pub fn remove_layer(&mut self, key: u32) {
        self.items.retain(|i| i.kind != ItemKind::Imported(key));
        self.layers.retain(|l| l.key != key);
    }

    /// The imported layer and feature an item stands for.
    pub fn imported(&self, item: &AtlasItem) -> Option<(&ImportedLayer, &ImportedFeature)> {
        let ItemKind::Imported(key) = item.kind else {
            return None;
        };
        let layer = self.layers.iter().find(|l| l.key == key)?;
        Some((layer, layer.features.get(item.feature?)?))
    }

    /// The review queue: unresolved names first, then the mentions left to the geoparser,
    /// least sure first (indices into [`Atlas::reviewed`]).
    pub fn review_queue(&self) -> Vec<usize> {
        let mut queue: Vec<usize> = (0..self.reviewed.len())
            .filter(|&i| {
                matches!(
                    self.reviewed[i].status,
                    MentionStatus::Unresolved | MentionStatus::Automatic
                )
            })
            .collect();
        queue.sort_by(|&a, &b| {
            let (a, b) = (&self.reviewed[a], &self.reviewed[b]);
            let rank = |m: &ReviewedMention| u8::from(m.status != MentionStatus::Unresolved);
            rank(a)
                .cmp(&rank(b))
                .then(
                    a.confidence
                        .unwrap_or(0.0)
                        .total_cmp(&b.confidence.unwrap_or(0.0)),
                )
                .then((a.document, a.span.start).cmp(&(b.document, b.span.start)))
        });
        queue
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&AtlasItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The text of a source passage.
    pub fn quote(&self, source: Source) -> &str {
        self.corpus
            .documents
            .get(source.document)
            .and_then(|d| Some(d.slice(*d.passages.get(source.passage)?)))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_added_is_the_only_one_read_and_the_atlas_is_the_same_as_read_whole() {
        let geoparser = Geoparser::embedded().expect("gazetteer");
        let seeds = Atlas::build(Corpus::seeds(), &geoparser);
        let news = Document::new(
            "news.txt",
            "The Kegen checkpoint on the border with Kyrgyzstan reopened; trucks from Almaty \
             now reach Karakol in a day.",
        );
        let added = seeds.with_documents(vec![news.clone()], &geoparser);
        // What was found in the seeds is shared, not found again.
        assert_eq!(added.parsed.len(), seeds.parsed.len() + 1);
        for (a, b) in seeds.parsed.iter().zip(&added.parsed) {
            assert!(Arc::ptr_eq(a, b));
        }
        let mut corpus = Corpus::seeds();
        corpus.documents.push(news);
        let whole = Atlas::build(corpus, &geoparser);
        let summary = |a: &Atlas| -> Vec<(String, usize, Vec<Source>)> {
            a.items
                .iter()
                .map(|i| (i.id.clone(), i.mention_count, i.sources.clone()))
                .collect()
        };
        assert_eq!(summary(&added), summary(&whole));
        assert!(
            added.items.iter().any(|i| i.id == "cp_kegen"),
            "the new place is in"
        );
    }
}
