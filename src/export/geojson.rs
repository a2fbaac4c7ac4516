//! GeoJSON export (RFC 7946): one Feature per place or relation, lon/lat rounded to six
//! decimals, polygons with counter-clockwise outer rings, no `crs`; each feature carries its
//! quotes with their code-point offsets, so every quote can be cut from its document again.

use geo::orient::{Direction, Orient};
use geojson::{Feature, FeatureCollection, GeometryValue, JsonObject, Position};
use serde_json::{Value, json};

use crate::atlas::{Atlas, AtlasItem};
use crate::gazetteer::Geometry;

/// The features of `items`, in that order.
pub fn feature_collection(atlas: &Atlas, items: &[&AtlasItem]) -> FeatureCollection {
    FeatureCollection::new(items.iter().map(|item| feature(atlas, item)))
}

/// The collection as pretty-printed JSON text.
pub fn to_string(collection: &FeatureCollection) -> String {
    serde_json::to_string_pretty(collection).unwrap_or_else(|_| String::from("{}"))
}

/// Writes the features of `items` as a pretty-printed FeatureCollection, streamed: the
/// quotes of a place named millions of times are written one by one, never held as a JSON
/// tree, so memory follows the atlas, not the export's size.
pub fn write_collection(
    atlas: &Atlas,
    items: &[&AtlasItem],
    writer: impl std::io::Write,
) -> std::io::Result<()> {
    use serde::Serialize as _;
    let mut ser = serde_json::Serializer::pretty(writer);
    StreamedCollection { atlas, items }
        .serialize(&mut ser)
        .map_err(std::io::Error::other)
}

struct StreamedCollection<'a> {
    atlas: &'a Atlas,
    items: &'a [&'a AtlasItem],
}

impl serde::Serialize for StreamedCollection<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("type", "FeatureCollection")?;
        let features = self.items.iter().map(|item| StreamedFeature {
            atlas: self.atlas,
            item,
        });
        map.serialize_entry("features", &Seq(std::cell::RefCell::new(Some(features))))?;
        map.end()
    }
}

/// A sequence serialised from an iterator, once.
struct Seq<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator<Item = T>, T: serde::Serialize> serde::Serialize for Seq<I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take();
        s.collect_seq(items.into_iter().flatten())
    }
}

struct StreamedFeature<'a> {
    atlas: &'a Atlas,
    item: &'a AtlasItem,
}

impl serde::Serialize for StreamedFeature<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        // Everything but the quotes as the Feature would be; the quotes streamed.
        let mut f = feature_without_sources(self.atlas, self.item);
        let imported = self.atlas.imported(self.item).is_some();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("type", "Feature")?;
        if let Some(id) = &f.id {
            map.serialize_entry("id", id)?;
        }
        map.serialize_entry("geometry", &f.geometry)?;
        let properties = f.properties.take().unwrap_or_default();
        let sources = (!imported).then(|| {
            self.item
                .sources
                .iter()
                .enumerate()
                .filter_map(|(n, s)| source(self.atlas, s, self.item.source_review.get(n)))
        });
        map.serialize_entry(
            "properties",
            &Properties {
                fields: &properties,
                sources: Seq(std::cell::RefCell::new(sources)),
            },
        )?;
        map.end()
    }
}

struct Properties<'a, I> {
    fields: &'a JsonObject,
    sources: Seq<I>,
}

impl<I: Iterator<Item = Value>> serde::Serialize for Properties<'_, I> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.fields {
            map.serialize_entry(k, v)?;
        }
        if self.sources.0.borrow().is_some() {
            map.serialize_entry("sources", &self.sources)?;
        }
        map.end()
    }
}

/// One item as a Feature. An imported feature is written as it was read: its id and
/// properties unchanged, its geometry rounded and wound as RFC 7946 asks.
pub fn feature(atlas: &Atlas, item: &AtlasItem) -> Feature {
    let mut f = feature_without_sources(atlas, item);
    if atlas.imported(item).is_none()
        && let Some(p) = f.properties.as_mut()
    {
        p.insert("sources".into(), Value::Array(sources(atlas, item)));
    }
    f
}

/// A Feature with every property but the quotes (`sources`).
fn feature_without_sources(atlas: &Atlas, item: &AtlasItem) -> Feature {
    if let Some((_, imported)) = atlas.imported(item) {
        return Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new(geometry_value(&imported.geometry))),
            id: imported.id.clone(),
            properties: Some(imported.properties.clone()),
            foreign_members: None,
        };
    }
    let mut properties = JsonObject::new();
    properties.insert("name".into(), json!(item.name));
    properties.insert("kind".into(), json!(item.kind.as_str()));
    if let Some(status) = item.status {
        properties.insert("status".into(), json!(status.as_str()));
    }
    properties.insert("countries".into(), json!(item.countries));
    properties.insert("names".into(), json!(item.names));
    if !item.aliases.is_empty() {
        properties.insert("aliases".into(), json!(item.aliases));
    }
    properties.insert("mentions".into(), json!(item.mention_count));
    if !matches!(item.kind, crate::atlas::ItemKind::Relation(_)) {
        let review = if item.verified {
            "verified"
        } else {
            "automatic"
        };
        properties.insert("review".into(), json!(review));
    }
    if let Some(c) = item.confidence {
        properties.insert("confidence".into(), json!(round2(c)));
        let alternatives: Vec<Value> = item
            .alternatives
            .iter()
            .map(|(id, name, c)| json!({ "id": id, "name": name, "confidence": round2(*c) }))
            .collect();
        properties.insert("alternatives".into(), Value::Array(alternatives));
    }
    if !item.members.is_empty() {
        properties.insert("members".into(), json!(item.members));
    }
    if !item.events.is_empty() {
        properties.insert("events".into(), events(atlas, item));
    }
    properties.insert("geometry_source".into(), json!(item.geometry_source));
    Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new(geometry_value(&item.geometry))),
        id: Some(geojson::feature::Id::String(item.id.clone())),
        properties: Some(properties),
        foreign_members: None,
    }
}

/// An item's events: `{date, precision, status, document, start, end}`, the date in ISO 8601
/// at the precision the text gives (`null` when neither the passage nor its document dates
/// it), with `qualifier` ("by", "since") and `date_from` ("document" when the passage gave
/// no date and the document's is used).
fn events(atlas: &Atlas, item: &AtlasItem) -> Value {
    use crate::corpus::dates::Qualifier;
    use crate::events::DateFrom;
    let rows = item.events.iter().filter_map(|e| {
        let doc = atlas.corpus.documents.get(e.source.document)?;
        let span = doc.passages.get(e.source.passage)?;
        let mut row = json!({
            "date": e.date.map(|d| d.to_string()),
            "precision": e.date.map(|d| d.precision()),
            "status": e.status.as_str(),
            "document": doc.file_name,
            "start": span.start,
            "end": span.end,
        });
        let map = row.as_object_mut()?;
        match e.qualifier {
            Qualifier::By => {
                map.insert("qualifier".into(), json!("by"));
            }
            Qualifier::Since => {
                map.insert("qualifier".into(), json!("since"));
            }
            Qualifier::At => {}
        }
        if e.date_from == DateFrom::Document {
            map.insert("date_from".into(), json!("document"));
        }
        Some(row)
    });
    Value::Array(rows.collect())
}

fn sources(atlas: &Atlas, item: &AtlasItem) -> Vec<Value> {
    item.sources
        .iter()
        .enumerate()
        .filter_map(|(n, s)| source(atlas, s, item.source_review.get(n)))
        .collect()
}

/// One source of an item: its document, title, quote and the quote's offsets, and how far
/// its mentions there are reviewed (with the geoparser's confidence where it decided).
fn source(
    atlas: &Atlas,
    s: &crate::atlas::Source,
    review: Option<&crate::atlas::SourceReview>,
) -> Option<Value> {
    let doc = atlas.corpus.documents.get(s.document)?;
    let span = doc.passages.get(s.passage)?;
    let mut value = json!({
        "document": doc.file_name,
        "title": doc.title,
        "quote": doc.slice(*span),
        "start": span.start,
        "end": span.end,
    });
    if let (Some(r), Some(map)) = (review, value.as_object_mut()) {
        map.insert("review".into(), json!(r.status.as_str()));
        if let Some(c) = r.confidence {
            map.insert("confidence".into(), json!(round2(c)));
        }
    }
    Some(value)
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn position(c: geo::Coord) -> Position {
    Position::from([round6(c.x), round6(c.y)])
}

fn ring(l: &geo::LineString) -> Vec<Position> {
    l.coords().map(|c| position(*c)).collect()
}

/// Converts a geometry, outer rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
pub fn geometry_value(geometry: &Geometry) -> GeometryValue {
    match geometry {
        Geometry::Point(p) => GeometryValue::Point {
            coordinates: position(p.0),
        },
        Geometry::Line(l) => GeometryValue::LineString {
            coordinates: ring(l),
        },
        Geometry::Area(a) => {
            let oriented = a.orient(Direction::Default);
            let polygons: Vec<Vec<Vec<Position>>> = oriented
                .0
                .iter()
                .map(|p| {
                    std::iter::once(ring(p.exterior()))
                        .chain(p.interiors().iter().map(ring))
                        .collect()
                })
                .collect();
            if polygons.len() == 1 {
                GeometryValue::Polygon {
                    coordinates: polygons.into_iter().next().unwrap_or_default(),
                }
            } else {
                GeometryValue::MultiPolygon {
                    coordinates: polygons,
                }
            }
        }
    }
}
