//! The atlas: what the whole corpus says, place by place. Every place named in the
//! documents and every relation the text states becomes an [`AtlasItem`] with its
//! geometry and the passages that speak of it. This is what the map draws, the lists show
//! and the exports write.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use geo::{LineString, Point};

use crate::corpus::{Corpus, Document};
use crate::gazetteer::{Geometry, PlaceKind};
use crate::geoparse::{DocumentPlaces, Geoparser, Mention, RelationKind, Status};
use crate::import::{ImportedFeature, ImportedLayer};

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
}

/// The corpus and everything found in it, with the layers the user imported.
#[derive(Clone)]
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
}

impl Atlas {
    /// Reads every document of `corpus` with `geoparser`.
    pub fn build(corpus: Corpus, geoparser: &Geoparser) -> Self {
        let parsed = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(i, doc)| Arc::new(geoparser.parse(i, doc)))
            .collect();
        Self::assemble(corpus, parsed, geoparser)
    }

    /// This atlas with `documents` added to its corpus: only they are read; the imported
    /// layers are kept.
    pub fn with_documents(&self, documents: Vec<Document>, geoparser: &Geoparser) -> Self {
        let mut corpus = self.corpus.clone();
        let mut parsed = self.parsed.clone();
        for doc in documents {
            parsed.push(Arc::new(geoparser.parse(corpus.documents.len(), &doc)));
            corpus.documents.push(doc);
        }
        Self::assemble(corpus, parsed, geoparser).with_layers(self.layers.clone())
    }

    /// Every place mention, document by document.
    pub fn mentions(&self) -> impl Iterator<Item = &Mention> {
        self.parsed.iter().flat_map(|p| &p.mentions)
    }

    /// The atlas of a corpus whose documents were read: `parsed[i]` is what was found in
    /// document `i`.
    fn assemble(corpus: Corpus, parsed: Vec<Arc<DocumentPlaces>>, geoparser: &Geoparser) -> Self {
        let gazetteer = geoparser.gazetteer();
        let mut relations = Vec::new();
        let mut status_of_passage: HashMap<Source, Status> = HashMap::new();
        let mut unresolved = Vec::new();
        for (i, found) in parsed.iter().enumerate() {
            unresolved.extend(found.unresolved.iter().cloned().map(|u| (i, u)));
            relations.extend(found.relations.iter().cloned());
            for &(passage, status) in &found.passage_status {
                status_of_passage.insert(
                    Source {
                        document: i,
                        passage,
                    },
                    status,
                );
            }
        }

        let mut items: Vec<AtlasItem> = Vec::new();
        let mut item_of_place: HashMap<usize, usize> = HashMap::new();
        let mut place_item = |items: &mut Vec<AtlasItem>, place: usize| -> Option<usize> {
            if let Some(&i) = item_of_place.get(&place) {
                return Some(i);
            }
            let p = gazetteer.get(place)?;
            items.push(AtlasItem {
                id: p.id.clone(),
                kind: ItemKind::Place(p.kind),
                name: p.name.clone(),
                countries: p.countries.clone(),
                names: p.names.clone(),
                geometry: p.geometry.clone(),
                geometry_source: p.source.clone(),
                status: None,
                sources: Vec::new(),
                mention_count: 0,
                place: Some(place),
                members: Vec::new(),
                feature: None,
                confidence: None,
                alternatives: Vec::new(),
                aliases: Vec::new(),
            });
            item_of_place.insert(place, items.len() - 1);
            Some(items.len() - 1)
        };

        for m in parsed.iter().flat_map(|p| &p.mentions) {
            let Some(i) = place_item(&mut items, m.place) else {
                continue;
            };
            let item = &mut items[i];
            item.mention_count += 1;
            if item.confidence.is_none_or(|c| m.confidence > c) {
                item.confidence = Some(m.confidence);
                item.alternatives = m
                    .alternatives
                    .iter()
                    .filter_map(|&(p, c)| {
                        let p = gazetteer.get(p)?;
                        // "Karasu (UZ checkpoint)": namesakes differ by where and what.
                        let label =
                            format!("{} ({} {})", p.name, p.countries.join("/"), p.kind.as_str());
                        Some((p.id.clone(), label, c))
                    })
                    .collect();
            }
            let surface = corpus
                .documents
                .get(m.document)
                .map(|d| d.slice(m.span).trim())
                .unwrap_or("");
            if item.aliases.len() < MAX_ALIASES
                && !surface.is_empty()
                && surface != item.name
                && !item.aliases.iter().any(|a| a == surface)
            {
                item.aliases.push(surface.to_owned());
            }
            push_source(
                &mut item.sources,
                Source {
                    document: m.document,
                    passage: m.passage,
                },
            );
        }

        let mut relation_items: HashMap<(RelationKind, Vec<usize>), usize> = HashMap::new();
        for r in &relations {
            let source = Source {
                document: r.document,
                passage: r.passage,
            };
            let curated_route = matches!(r.kind, RelationKind::Road | RelationKind::Corridor)
                .then(|| curated_route_for(geoparser, r.kind, &r.places))
                .flatten();
            let target = match (r.kind, curated_route) {
                (RelationKind::HubNearCheckpoint, _) => {
                    let Some(i) = place_item(&mut items, r.places[0]) else {
                        continue;
                    };
                    let Some(checkpoint) = gazetteer.get(r.places[1]) else {
                        continue;
                    };
                    if !items[i].members.contains(&checkpoint.id) {
                        items[i].members.push(checkpoint.id.clone());
                    }
                    continue;
                }
                (_, Some(route)) => place_item(&mut items, route),
                _ => {
                    let mut key_places = r.places.clone();
                    if matches!(
                        r.kind,
                        RelationKind::TwinCities | RelationKind::Crossing | RelationKind::AirRoute
                    ) {
                        key_places.sort_unstable();
                    }
                    let key = (r.kind, key_places);
                    match relation_items.get(&key) {
                        Some(&i) => Some(i),
                        None => {
                            let Some(item) = relation_item(geoparser, r.kind, &r.places) else {
                                continue;
                            };
                            items.push(item);
                            relation_items.insert(key, items.len() - 1);
                            Some(items.len() - 1)
                        }
                    }
                }
            };
            let Some(i) = target else { continue };
            push_source(&mut items[i].sources, source);
            if items[i].status.is_none() {
                items[i].status = r.status;
            }
        }

        for item in &mut items {
            let is_project = matches!(
                item.kind,
                ItemKind::Place(PlaceKind::Road | PlaceKind::Corridor)
                    | ItemKind::Relation(RelationKind::Road | RelationKind::Corridor)
            );
            if is_project && item.status.is_none() {
                item.status = item
                    .sources
                    .iter()
                    .find_map(|s| status_of_passage.get(s).copied());
            }
            item.sources.sort_unstable();
            item.sources.dedup();
            if item.place.is_none() {
                item.mention_count = item.sources.len();
            }
        }
        Self {
            corpus,
            parsed,
            items,
            layers: Vec::new(),
            unresolved,
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
                id: format!("import{}:{}", layer.key, n + 1),
                kind: ItemKind::Imported(layer.key),
                name: f.name.clone(),
                countries: strings("countries"),
                names,
                geometry: f.geometry.clone(),
                geometry_source: format!("imported from {source}"),
                status,
                sources: Vec::new(),
                mention_count: 0,
                place: None,
                members: Vec::new(),
                feature: Some(n),
                confidence: None,
                alternatives: Vec::new(),
                aliases: Vec::new(),
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

/// At most this many written forms are kept per place.
const MAX_ALIASES: usize = 12;

/// Adds a source. Mentions come in text order, so a repeat is the last one; the rest are
/// removed when the atlas is finished (sorted and deduplicated): building stays linear in
/// the number of mentions.
fn push_source(sources: &mut Vec<Source>, source: Source) {
    if sources.last() != Some(&source) {
        sources.push(source);
    }
}

/// The curated road or corridor whose anchors hold both ends of a route found in the text.
fn curated_route_for(geoparser: &Geoparser, kind: RelationKind, places: &[usize]) -> Option<usize> {
    let g = geoparser.gazetteer();
    let want = if kind == RelationKind::Corridor {
        PlaceKind::Corridor
    } else {
        PlaceKind::Road
    };
    let (first, last) = (g.get(*places.first()?)?, g.get(*places.last()?)?);
    g.curated().iter().position(|p| {
        p.kind == want && p.anchors.contains(&first.id) && p.anchors.contains(&last.id)
    })
}

fn relation_item(geoparser: &Geoparser, kind: RelationKind, places: &[usize]) -> Option<AtlasItem> {
    let g = geoparser.gazetteer();
    let members: Vec<_> = places
        .iter()
        .map(|&p| g.get(p))
        .collect::<Option<Vec<_>>>()?;
    let points: Vec<Point> = members.iter().map(|p| p.point).collect();
    let mut countries: Vec<String> = members
        .iter()
        .flat_map(|p| p.countries.iter().cloned())
        .collect();
    countries.sort();
    countries.dedup();
    let name = members
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(" – ");
    let id = format!(
        "{}:{}",
        kind.as_str(),
        members
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join("+")
    );
    Some(AtlasItem {
        id,
        kind: ItemKind::Relation(kind),
        name,
        countries,
        names: BTreeMap::new(),
        geometry: Geometry::Line(LineString::from(points)),
        geometry_source: "a line through the places the text names".into(),
        status: None,
        sources: Vec::new(),
        mention_count: 0,
        place: None,
        members: members.iter().map(|p| p.id.clone()).collect(),
        feature: None,
        confidence: None,
        alternatives: Vec::new(),
        aliases: Vec::new(),
    })
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
