//! Reviewing what the geoparser decided: the queue, decisions and how they spread (at once
//! to the same name in the same document, offered for other documents), undo, and what the
//! Review tab and the map show of the item under review.

use geo::{Distance, Haversine, Point};

use super::BorderAtlasApp;
use crate::atlas::{Atlas, ReviewedMention};
use crate::geoparse::fold::fold_name;
use crate::intent::{Answer, QueueKind, ReviewIntent, Visibility};
use crate::map::Mark;
use crate::mercator::GeoBounds;
use crate::review::{
    Decision, MentionKey, MentionStatus, Review, UserPlace, Verdict, content_hash, now,
};
use crate::state::{ReviewOffer, StatusMessage};
use crate::ui::review::{Candidate, ReviewItem, ReviewView};

/// At most this many alternatives are offered.
const ALTERNATIVES: usize = 5;

impl BorderAtlasApp {
    /// The review queue as filtered: indices into the atlas's reviewed mentions.
    pub fn review_queue(&self) -> Vec<usize> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        let atlas = &loaded.atlas;
        atlas
            .review_queue()
            .into_iter()
            .filter(|&i| self.in_review_filter(&atlas.reviewed[i]))
            .collect()
    }

    /// How many items the (filtered) queue holds, counted without sorting it (every frame,
    /// for the tab's title).
    pub fn review_pending(&self) -> usize {
        let Some(loaded) = &self.loaded else {
            return 0;
        };
        loaded
            .atlas
            .reviewed
            .iter()
            .filter(|m| {
                matches!(
                    m.status,
                    MentionStatus::Unresolved | MentionStatus::Automatic
                ) && self.in_review_filter(m)
            })
            .count()
    }

    fn in_review_filter(&self, m: &ReviewedMention) -> bool {
        self.review.document.is_none_or(|d| d == m.document)
            && match self.review.kind {
                QueueKind::All => true,
                QueueKind::Unresolved => m.status == MentionStatus::Unresolved,
                QueueKind::Placed => m.status == MentionStatus::Automatic,
            }
    }

    /// The mention under review, as an index into the atlas's reviewed mentions.
    fn under_review(&self) -> Option<usize> {
        let queue = self.review_queue();
        queue
            .get(self.review.position.min(queue.len().saturating_sub(1)))
            .copied()
    }

    /// Applies a review intent.
    pub(super) fn run_review(&mut self, intent: ReviewIntent) {
        match intent {
            ReviewIntent::Accept => self.accept(),
            ReviewIntent::Pick(n) => self.pick(n),
            ReviewIntent::Choose(id) => self.decide(Verdict::Corrected { place: id }),
            ReviewIntent::Reject => self.decide(Verdict::Rejected),
            ReviewIntent::StartPlacing(v) => self.review.placing = v == Visibility::Shown,
            ReviewIntent::PlaceAt(lon, lat) => self.place_at(lon, lat),
            ReviewIntent::PlaceKind(kind) => self.review.place_kind = kind,
            ReviewIntent::Skip => {
                self.review.position += 1;
                self.frame_under_review();
            }
            ReviewIntent::Back => {
                self.review.position = self.review.position.saturating_sub(1);
                self.frame_under_review();
            }
            ReviewIntent::Undo => self.undo(),
            ReviewIntent::Search(text) => self.review.search = text,
            ReviewIntent::ApplyToOthers(answer) => self.answer_offer(answer),
            ReviewIntent::FilterDocument(d) => {
                self.review.document = d;
                self.review.position = 0;
                self.frame_under_review();
            }
            ReviewIntent::FilterKind(kind) => {
                self.review.kind = kind;
                self.review.position = 0;
                self.frame_under_review();
            }
            ReviewIntent::AskPath(purpose) => self.ask_user_places_path(purpose),
            ReviewIntent::WriteUserPlaces(path, overwrite) => {
                self.write_user_places(path, overwrite);
            }
            ReviewIntent::ReadUserPlaces(path) => self.read_user_places(&path),
            ReviewIntent::SetDocumentDate(d, date) => self.set_document_date(d, date),
        }
    }

    /// Sets a document's date (kept with the decisions, by the document's hash); the
    /// events it dates follow.
    fn set_document_date(&mut self, document: usize, date: Option<String>) {
        let Some(loaded) = &self.loaded else { return };
        let Some(doc) = loaded.atlas.corpus.documents.get(document) else {
            return;
        };
        let mut review = loaded.atlas.review.clone();
        let label = date.clone().unwrap_or_else(|| "undated".into());
        review
            .dates
            .insert(content_hash(&doc.text), date.unwrap_or_default());
        let title = doc.title.clone();
        self.apply_review(review);
        self.say(format!("«{title}» is now dated {label}"));
    }

    fn accept(&mut self) {
        let Some(loaded) = &self.loaded else { return };
        let Some(i) = self.under_review() else { return };
        let m = &loaded.atlas.reviewed[i];
        match m.item.and_then(|i| loaded.atlas.items.get(i)) {
            Some(item) => {
                let place = item.id.clone();
                self.decide(Verdict::Verified { place });
            }
            None => self.say("Nothing to accept: pick a place, place it on the map, or reject it"),
        }
    }

    fn pick(&mut self, n: usize) {
        let Some(i) = self.under_review() else { return };
        let candidates = self.alternatives_of(i);
        match candidates.get(n.wrapping_sub(1)) {
            Some(c) => {
                let place = c.id.clone();
                self.decide(Verdict::Corrected { place });
            }
            None => self.say(format!("There is no alternative {n}")),
        }
    }

    /// Adds a place where the user clicked, named as the mention, and moves the mention to it.
    fn place_at(&mut self, lon: f64, lat: f64) {
        self.review.placing = false;
        let Some(loaded) = &self.loaded else { return };
        let Some(i) = self.under_review() else { return };
        let m = &loaded.atlas.reviewed[i];
        let kind = match (self.review.place_kind.as_str(), m.kind) {
            ("", Some(kind)) => kind.as_str().to_owned(),
            ("", None) => "village".to_owned(),
            (chosen, _) => chosen.to_owned(),
        };
        let place = UserPlace {
            id: String::new(),
            name: m.name.clone(),
            kind,
            countries: self.countries_at(lon, lat),
            lon,
            lat,
            at: now(),
        };
        let mut review = loaded.atlas.review.clone();
        let id = review.add_user_place(place);
        self.decide_in(review, Verdict::Corrected { place: id });
    }

    /// The countries at a point: the focus region holding it, else the nearest country name.
    fn countries_at(&self, lon: f64, lat: f64) -> Vec<String> {
        use geo::Contains;
        let Ok(renderer) = self.renderer.as_ref() else {
            return Vec::new();
        };
        let basemap = renderer.basemap();
        let at = Point::new(lon, lat);
        if let Some(r) = basemap.regions.iter().find(|r| r.area.contains(&at)) {
            return vec![r.country.clone()];
        }
        basemap
            .countries
            .iter()
            .min_by(|a, b| {
                let d = |p: Point| Haversine.distance(p, at);
                d(a.label).total_cmp(&d(b.label))
            })
            .map(|c| vec![c.iso.clone()])
            .unwrap_or_default()
    }

    /// Decides the mention under review; see [`BorderAtlasApp::decide_in`].
    fn decide(&mut self, verdict: Verdict) {
        let Some(loaded) = &self.loaded else { return };
        let review = loaded.atlas.review.clone();
        self.decide_in(review, verdict);
    }

    /// Decides the mention under review in `review`: the same verdict goes at once to every
    /// undecided mention of the same name in the same document, and is offered for the
    /// other documents.
    fn decide_in(&mut self, mut review: Review, verdict: Verdict) {
        let Some(loaded) = &self.loaded else { return };
        let Some(i) = self.under_review() else { return };
        let atlas = &loaded.atlas;
        let m = &atlas.reviewed[i];
        let name = fold_name(&m.name);
        let same_name = |x: &ReviewedMention| !x.status.is_decided() && fold_name(&x.name) == name;
        let here: Vec<&ReviewedMention> = atlas
            .reviewed
            .iter()
            .filter(|x| x.document == m.document && same_name(x))
            .collect();
        let others: Vec<(MentionKey, String)> = atlas
            .reviewed
            .iter()
            .filter(|x| x.document != m.document && same_name(x))
            .filter_map(|x| Some((key_of(atlas, x)?, x.name.clone())))
            .collect();
        let at = now();
        for x in here {
            let Some(key) = key_of(atlas, x) else {
                continue;
            };
            review.decide(Decision {
                key,
                name: x.name.clone(),
                verdict: verdict.clone(),
                at: at.clone(),
            });
        }
        self.review.offer = (!others.is_empty()).then(|| ReviewOffer {
            name: m.name.clone(),
            verdict,
            keys: others,
        });
        self.apply_review(review);
    }

    fn answer_offer(&mut self, answer: Answer) {
        let Some(offer) = self.review.offer.take() else {
            return;
        };
        let Some(loaded) = &self.loaded else { return };
        if answer == Answer::Keep {
            return;
        }
        let mut review = loaded.atlas.review.clone();
        let at = now();
        let n = offer.keys.len();
        for (key, name) in offer.keys {
            review.decide(Decision {
                key,
                name,
                verdict: offer.verdict.clone(),
                at: at.clone(),
            });
        }
        self.apply_review(review);
        self.say(format!("Applied to {n} more mentions of «{}»", offer.name));
    }

    /// Replaces the decisions (keeping the previous ones to undo) and rebuilds the atlas
    /// with them; the next item of the queue is framed.
    pub(super) fn apply_review(&mut self, review: Review) {
        let Some(loaded) = &self.loaded else { return };
        self.review.undo.push(loaded.atlas.review.clone());
        self.replace_review(review);
    }

    fn replace_review(&mut self, review: Review) {
        let Some(loaded) = &self.loaded else { return };
        let atlas = loaded.atlas.with_review(review, &loaded.geoparser);
        let loaded = loaded.with_atlas(atlas);
        self.selection
            .retain(|id| loaded.index().by_id.contains_key(id));
        self.loaded = Some(loaded);
        self.generation += 1;
        self.frame_under_review();
    }

    fn undo(&mut self) {
        let Some(previous) = self.review.undo.pop() else {
            self.say("Nothing to undo");
            return;
        };
        self.review.offer = None;
        self.replace_review(previous);
        self.say("Took back the last decision");
    }

    fn say(&mut self, text: impl Into<String>) {
        self.status_message = Some(StatusMessage {
            text: text.into(),
            error: false,
        });
    }

    /// Frames the item under review: its place and its alternatives.
    pub(super) fn frame_under_review(&mut self) {
        let points: Vec<(f64, f64)> = self.review_marks().iter().map(|m| (m.lon, m.lat)).collect();
        let Some(&(lon, lat)) = points.first() else {
            return;
        };
        let mut b = GeoBounds {
            west: lon,
            south: lat,
            east: lon,
            north: lat,
        };
        for &(lon, lat) in &points {
            b.west = b.west.min(lon);
            b.east = b.east.max(lon);
            b.south = b.south.min(lat);
            b.north = b.north.max(lat);
        }
        // A single place gets about 30 km around it.
        let pad = 0.3_f64.max((b.east - b.west).max(b.north - b.south) * 0.15);
        self.map.fit(GeoBounds {
            west: b.west - pad,
            south: b.south - pad,
            east: b.east + pad,
            north: b.north + pad,
        });
    }

    /// The chosen place (unnumbered) and the alternatives (numbered), for the map.
    pub fn review_marks(&self) -> Vec<Mark> {
        if self.side_tab != super::SideTab::Review {
            return Vec::new();
        }
        let (Some(loaded), Some(i)) = (&self.loaded, self.under_review()) else {
            return Vec::new();
        };
        let atlas = &loaded.atlas;
        let m = &atlas.reviewed[i];
        let chosen = m.item.and_then(|i| atlas.items.get(i)).map(|item| {
            let p = item.geometry.representative_point();
            Mark {
                lon: p.x(),
                lat: p.y(),
                label: String::new(),
            }
        });
        let gazetteer = loaded.geoparser.gazetteer();
        let alternatives = m.alternatives.iter().take(ALTERNATIVES).enumerate();
        let numbered = alternatives.filter_map(|(n, &(p, _))| {
            let place = gazetteer.get(p)?;
            Some(Mark {
                lon: place.point.x(),
                lat: place.point.y(),
                label: (n + 1).to_string(),
            })
        });
        chosen.into_iter().chain(numbered).collect()
    }

    /// The alternatives of a reviewed mention, with their distance from the chosen place.
    fn alternatives_of(&self, i: usize) -> Vec<Candidate> {
        let Some(loaded) = &self.loaded else {
            return Vec::new();
        };
        let atlas = &loaded.atlas;
        let m = &atlas.reviewed[i];
        let chosen = m
            .item
            .and_then(|i| atlas.items.get(i))
            .map(|item| item.geometry.representative_point());
        let gazetteer = loaded.geoparser.gazetteer();
        m.alternatives
            .iter()
            .take(ALTERNATIVES)
            .filter_map(|&(p, c)| {
                let place = gazetteer.get(p)?;
                Some(Candidate {
                    id: place.id.clone(),
                    label: label_of(&place.name, &place.countries, place.kind.as_str()),
                    confidence: Some(c),
                    km: chosen.map(|at| Haversine.distance(at, place.point) / 1000.0),
                })
            })
            .collect()
    }

    /// What the Review tab shows.
    pub(super) fn review_view(&self) -> ReviewView {
        let Some(loaded) = &self.loaded else {
            return ReviewView::default();
        };
        let atlas = &loaded.atlas;
        let queue = self.review_queue();
        let position = self.review.position.min(queue.len().saturating_sub(1));
        let item = queue.get(position).map(|&i| self.review_item(atlas, i));
        let gazetteer = loaded.geoparser.gazetteer();
        let results = if self.review.search.trim().chars().count() >= 2 {
            gazetteer
                .search(&self.review.search, 8)
                .into_iter()
                .filter_map(|p| {
                    let place = gazetteer.get(p)?;
                    Some(Candidate {
                        id: place.id.clone(),
                        label: label_of(&place.name, &place.countries, place.kind.as_str()),
                        confidence: None,
                        km: None,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        ReviewView {
            pending: queue.len(),
            position,
            item,
            offer: self.review.offer.as_ref().map(|o| {
                format!(
                    "Apply the same to {} more mention{} of «{}» in other documents?",
                    o.keys.len(),
                    if o.keys.len() == 1 { "" } else { "s" },
                    o.name
                )
            }),
            placing: self.review.placing,
            place_kind: self.review.place_kind.clone(),
            search: self.review.search.clone(),
            results,
            documents: atlas
                .corpus
                .documents
                .iter()
                .map(|d| d.title.clone())
                .collect(),
            document: self.review.document,
            kind: self.review.kind,
            set_aside: atlas
                .set_aside
                .iter()
                .map(|d| format!("«{}» ({})", d.name, d.at))
                .collect(),
            can_undo: !self.review.undo.is_empty(),
            decided: atlas.review.decisions.len(),
        }
    }

    fn review_item(&self, atlas: &Atlas, i: usize) -> ReviewItem {
        let m = &atlas.reviewed[i];
        let doc = &atlas.corpus.documents[m.document];
        let passage = doc.passages.get(m.passage).copied();
        let text = passage.map_or("", |p| doc.slice(p)).to_owned();
        let start = passage.map_or(0, |p| m.span.start.saturating_sub(p.start)) as usize;
        let end = start + (m.span.end - m.span.start) as usize;
        let chosen = m
            .item
            .and_then(|i| atlas.items.get(i))
            .map(|item| Candidate {
                id: item.id.clone(),
                label: label_of(&item.name, &item.countries, item.kind.as_str()),
                confidence: m.confidence,
                km: None,
            });
        ReviewItem {
            name: m.name.clone(),
            status: m.status.as_str(),
            document: doc.title.clone(),
            passage: text,
            mark: (start, end),
            chosen,
            alternatives: self.alternatives_of(i),
        }
    }
}

/// "Karasu (KZ checkpoint)".
fn label_of(name: &str, countries: &[String], kind: &str) -> String {
    format!("{name} ({} {kind})", countries.join("/"))
}

/// The key of a reviewed mention.
fn key_of(atlas: &Atlas, m: &ReviewedMention) -> Option<MentionKey> {
    let doc = atlas.corpus.documents.get(m.document)?;
    Some(MentionKey {
        document: content_hash(&doc.text),
        span: m.span,
    })
}
