//! Building the atlas's items from what the geoparser found: one item per place, one per
//! relation (or the curated road it follows), each with the passages that speak of it.
//! Linear in the number of mentions and relations.

use std::collections::HashMap;
use std::sync::Arc;

use geo::{LineString, Point};

use super::{AtlasItem, ItemKind, ReviewedMention, Source, SourceReview};
use crate::corpus::Corpus;
use crate::gazetteer::{Geometry, PlaceKind};
use crate::geoparse::{DocumentPlaces, Geoparser, Mention, Relation, RelationKind, Status};
use crate::review::MentionStatus;
use crate::review::{Decision, Review};

/// At most this many written forms are kept per place.
const MAX_ALIASES: usize = 12;

/// The items being built, with indexes to find an item again.
pub(super) struct Assembly<'g> {
    pub(super) geoparser: &'g Geoparser,
    pub(super) review: &'g Review,
    pub(super) items: Vec<AtlasItem>,
    item_of_place: HashMap<usize, usize>,
    item_of_user_place: HashMap<usize, usize>,
    relation_items: HashMap<(RelationKind, Vec<usize>), usize>,
    /// Per item: mentions left to the geoparser, mentions the user decided.
    reviews: Vec<(u32, u32)>,
    pub(super) reviewed: Vec<ReviewedMention>,
    pub(super) unresolved: Vec<(usize, crate::geoparse::Unresolved)>,
    pub(super) set_aside: Vec<Decision>,
}

/// What an assembly brings: the items, and where every mention stands.
pub(super) struct Assembled {
    pub(super) items: Vec<AtlasItem>,
    pub(super) unresolved: Vec<(usize, crate::geoparse::Unresolved)>,
    pub(super) reviewed: Vec<ReviewedMention>,
    pub(super) set_aside: Vec<Decision>,
}

impl<'g> Assembly<'g> {
    pub(super) fn new(geoparser: &'g Geoparser, review: &'g Review) -> Self {
        Self {
            geoparser,
            review,
            items: Vec::new(),
            item_of_place: HashMap::new(),
            item_of_user_place: HashMap::new(),
            relation_items: HashMap::new(),
            reviews: Vec::new(),
            reviewed: Vec::new(),
            unresolved: Vec::new(),
            set_aside: Vec::new(),
        }
    }

    /// The items of a corpus whose documents were read, with the user's decisions applied.
    pub(super) fn run(mut self, corpus: &Corpus, parsed: &[Arc<DocumentPlaces>]) -> Assembled {
        let mut status_of_passage: HashMap<Source, Status> = HashMap::new();
        for (i, found) in parsed.iter().enumerate() {
            for &(passage, status) in &found.passage_status {
                let source = Source {
                    document: i,
                    passage,
                };
                status_of_passage.insert(source, status);
            }
        }
        self.apply_review(corpus, parsed);
        for r in parsed.iter().flat_map(|p| &p.relations) {
            self.add_relation(r);
        }
        let items = self.finish(&status_of_passage);
        Assembled {
            items,
            unresolved: self.unresolved,
            reviewed: self.reviewed,
            set_aside: self.set_aside,
        }
    }

    /// The item of a gazetteer place, made on first use.
    pub(super) fn place_item_of(&mut self, place: usize) -> Option<usize> {
        self.place_item(place)
    }

    fn place_item(&mut self, place: usize) -> Option<usize> {
        if let Some(&i) = self.item_of_place.get(&place) {
            return Some(i);
        }
        let p = self.geoparser.gazetteer().get(place)?;
        self.reviews.push((0, 0));
        self.items.push(AtlasItem {
            countries: p.countries.clone(),
            names: p.names.clone(),
            place: Some(place),
            ..AtlasItem::new(
                p.id.clone(),
                ItemKind::Place(p.kind),
                p.name.clone(),
                p.geometry.clone(),
                p.source.clone(),
            )
        });
        self.item_of_place.insert(place, self.items.len() - 1);
        Some(self.items.len() - 1)
    }

    /// The item of a user place, made on first use.
    pub(super) fn user_item(&mut self, index: usize) -> Option<usize> {
        if let Some(&i) = self.item_of_user_place.get(&index) {
            return Some(i);
        }
        let p = self.review.user_places.get(index)?;
        self.reviews.push((0, 0));
        self.items.push(AtlasItem {
            countries: p.countries.clone(),
            confidence: Some(1.0),
            verified: true,
            ..AtlasItem::new(
                p.id.clone(),
                ItemKind::Place(p.place_kind()),
                p.name.clone(),
                Geometry::Point(Point::new(p.lon, p.lat)),
                format!("placed by the user on the map ({})", p.at),
            )
        });
        self.item_of_user_place.insert(index, self.items.len() - 1);
        Some(self.items.len() - 1)
    }

    /// The item a place id stands for: a gazetteer place or a user place (`user:…`).
    pub(super) fn item_of_id(&mut self, id: &str) -> Option<usize> {
        if id.starts_with("user:") {
            let index = self.review.user_places.iter().position(|p| p.id == id)?;
            return self.user_item(index);
        }
        let place = self.geoparser.gazetteer().index_of(id)?;
        self.place_item(place)
    }

    /// Counts a mention on item `i`, written as `surface` in the text; `m` is the
    /// geoparser's mention when the place is its choice (its confidence and alternatives
    /// then count), `status` how far the user reviewed it.
    pub(super) fn count_mention(
        &mut self,
        i: usize,
        source: Source,
        surface: &str,
        m: Option<&Mention>,
        status: MentionStatus,
    ) {
        let decided = status.is_decided();
        let confidence = m.filter(|_| !decided).map(|m| m.confidence);
        if let Some(m) = m.filter(|m| self.items[i].confidence.is_none_or(|c| m.confidence > c)) {
            let alternatives = self.alternatives(m);
            self.items[i].confidence = Some(m.confidence);
            self.items[i].alternatives = alternatives;
        }
        if decided {
            self.reviews[i].1 += 1;
        } else {
            self.reviews[i].0 += 1;
        }
        let item = &mut self.items[i];
        item.mention_count += 1;
        if item.aliases.len() < MAX_ALIASES
            && !surface.is_empty()
            && surface != item.name
            && !item.aliases.iter().any(|a| a == surface)
        {
            item.aliases.push(surface.to_owned());
        }
        let review = SourceReview { status, confidence };
        push_source(&mut item.sources, &mut item.source_review, source, review);
    }

    /// A mention's runner-up places as (id, label, confidence).
    fn alternatives(&self, m: &Mention) -> Vec<(String, String, f64)> {
        let gazetteer = self.geoparser.gazetteer();
        m.alternatives
            .iter()
            .filter_map(|&(p, c)| {
                let p = gazetteer.get(p)?;
                // "Karasu (UZ checkpoint)": namesakes differ by where and what.
                let label = format!("{} ({} {})", p.name, p.countries.join("/"), p.kind.as_str());
                Some((p.id.clone(), label, c))
            })
            .collect()
    }

    /// Adds a relation's passage to the item it stands for: the hub's list of checkpoints,
    /// the curated road it follows, or a line of its own.
    fn add_relation(&mut self, r: &Relation) {
        if r.kind == RelationKind::HubNearCheckpoint {
            self.add_hub(r);
            return;
        }
        let curated = matches!(r.kind, RelationKind::Road | RelationKind::Corridor)
            .then(|| curated_route_for(self.geoparser, r.kind, &r.places))
            .flatten();
        let target = match curated {
            Some(route) => self.place_item(route),
            None => self.relation_item(r),
        };
        let Some(i) = target else { return };
        let source = Source {
            document: r.document,
            passage: r.passage,
        };
        let item = &mut self.items[i];
        push_source(
            &mut item.sources,
            &mut item.source_review,
            source,
            SourceReview::default(),
        );
        if self.items[i].status.is_none() {
            self.items[i].status = r.status;
        }
    }

    /// A hub near a checkpoint: the checkpoint joins the hub's members.
    fn add_hub(&mut self, r: &Relation) {
        let (Some(&hub), Some(&checkpoint)) = (r.places.first(), r.places.get(1)) else {
            return;
        };
        let Some(i) = self.place_item(hub) else {
            return;
        };
        let Some(checkpoint) = self.geoparser.gazetteer().get(checkpoint) else {
            return;
        };
        if !self.items[i].members.contains(&checkpoint.id) {
            self.items[i].members.push(checkpoint.id.clone());
        }
    }

    /// The item of a relation between places, made on first use. Symmetric relations are
    /// the same whichever place the text names first.
    fn relation_item(&mut self, r: &Relation) -> Option<usize> {
        let mut key_places = r.places.clone();
        if matches!(
            r.kind,
            RelationKind::TwinCities | RelationKind::Crossing | RelationKind::AirRoute
        ) {
            key_places.sort_unstable();
        }
        let key = (r.kind, key_places);
        if let Some(&i) = self.relation_items.get(&key) {
            return Some(i);
        }
        let item = relation_item(self.geoparser, r.kind, &r.places)?;
        self.reviews.push((0, 0));
        self.items.push(item);
        self.relation_items.insert(key, self.items.len() - 1);
        Some(self.items.len() - 1)
    }

    /// The finished items: projects take the status their passages state, sources are
    /// sorted and deduplicated, relations count their passages.
    fn finish(&mut self, status_of_passage: &HashMap<Source, Status>) -> Vec<AtlasItem> {
        for (item, &(automatic, decided)) in self.items.iter_mut().zip(&self.reviews) {
            item.verified |= decided > 0 && automatic == 0;
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
            sort_sources(item);
            if matches!(item.kind, ItemKind::Relation(_)) {
                item.mention_count = item.sources.len();
            }
        }
        std::mem::take(&mut self.items)
    }
}

/// Adds a source. Mentions come in text order, so a repeat is the last one; the rest are
/// removed when the atlas is finished (sorted and deduplicated): building stays linear in
/// the number of mentions.
fn push_source(
    sources: &mut Vec<Source>,
    reviews: &mut Vec<SourceReview>,
    source: Source,
    review: SourceReview,
) {
    if sources.last() == Some(&source)
        && let Some(last) = reviews.last_mut()
    {
        *last = last.merged(review);
    } else {
        sources.push(source);
        reviews.push(review);
    }
}

/// Sorts an item's sources, each a passage once, with the review of its mentions merged.
fn sort_sources(item: &mut AtlasItem) {
    let mut pairs: Vec<(Source, SourceReview)> = item
        .sources
        .drain(..)
        .zip(item.source_review.drain(..))
        .collect();
    pairs.sort_unstable_by_key(|(s, _)| *s);
    for (source, review) in pairs {
        push_source(&mut item.sources, &mut item.source_review, source, review);
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
        countries,
        members: members.iter().map(|p| p.id.clone()).collect(),
        ..AtlasItem::new(
            id,
            ItemKind::Relation(kind),
            name,
            Geometry::Line(LineString::from(points)),
            "a line through the places the text names".into(),
        )
    })
}
