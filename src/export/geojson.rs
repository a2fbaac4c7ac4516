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

/// One item as a Feature. An imported feature is written as it was read: its id and
/// properties unchanged, its geometry rounded and wound as RFC 7946 asks.
pub fn feature(atlas: &Atlas, item: &AtlasItem) -> Feature {
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
    properties.insert("geometry_source".into(), json!(item.geometry_source));
    properties.insert("sources".into(), Value::Array(sources(atlas, item)));
    Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new(geometry_value(&item.geometry))),
        id: Some(geojson::feature::Id::String(item.id.clone())),
        properties: Some(properties),
        foreign_members: None,
    }
}

fn sources(atlas: &Atlas, item: &AtlasItem) -> Vec<Value> {
    item.sources
        .iter()
        .filter_map(|s| {
            let doc = atlas.corpus.documents.get(s.document)?;
            let span = doc.passages.get(s.passage)?;
            Some(json!({
                "document": doc.file_name,
                "title": doc.title,
                "quote": doc.slice(*span),
                "start": span.start,
                "end": span.end,
            }))
        })
        .collect()
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
