//! Reading the curated gazetteer (`assets/gazetteer.toml`) and resolving its geometry
//! against the basemap: region codes to polygons, lake names to water areas, checkpoints
//! onto the border line.

use std::collections::BTreeMap;

use geo::{Closest, ClosestPoint, Coord, LineString, MultiPolygon, Point};
use serde::Deserialize;

use super::GazetteerError;
use super::place::{Geometry, Origin, Place, PlaceKind};
use crate::basemap::Basemap;

/// The curated gazetteer as shipped.
pub const EMBEDDED_CURATED_TOML: &str = include_str!("../../assets/gazetteer.toml");

#[derive(Deserialize)]
struct File {
    place: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    kind: String,
    name: String,
    countries: Vec<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    variants: Vec<String>,
    point: Option<[f64; 2]>,
    line: Option<Vec<[f64; 2]>>,
    region: Option<String>,
    lake: Option<String>,
    #[serde(default)]
    snap_to_border: bool,
    pair: Option<String>,
    #[serde(default)]
    near: Vec<String>,
    #[serde(default)]
    cue: bool,
    #[serde(default)]
    any_case: bool,
    #[serde(default)]
    anchors: Vec<String>,
    source: String,
}

/// Parses the curated list and resolves every entry's geometry.
pub fn load_curated(toml_text: &str, basemap: &Basemap) -> Result<Vec<Place>, GazetteerError> {
    let file: File =
        toml::from_str(toml_text).map_err(|e| GazetteerError::Curated(e.to_string()))?;
    file.place
        .into_iter()
        .map(|e| resolve(e, basemap))
        .collect()
}

fn resolve(e: Entry, basemap: &Basemap) -> Result<Place, GazetteerError> {
    let bad = |why: String| GazetteerError::Entry {
        id: e.id.clone(),
        why,
    };
    let kind =
        PlaceKind::parse(&e.kind).ok_or_else(|| bad(format!("unknown kind `{}`", e.kind)))?;
    let geometry = match (&e.point, &e.line, &e.region, &e.lake) {
        (Some([lon, lat]), None, None, None) => {
            let p = Point::new(*lon, *lat);
            Geometry::Point(if e.snap_to_border {
                snap_to_border(p, basemap)
            } else {
                p
            })
        }
        (None, Some(line), None, None) if line.len() >= 2 => Geometry::Line(LineString::new(
            line.iter().map(|[x, y]| Coord { x: *x, y: *y }).collect(),
        )),
        (None, None, Some(code), None) => {
            let region = basemap
                .region(code)
                .ok_or_else(|| bad(format!("no region `{code}` in the basemap")))?;
            Geometry::Area(region.area.clone())
        }
        (None, None, None, Some(name)) => {
            let pieces: Vec<_> = basemap
                .lakes
                .iter()
                .filter(|l| &l.name == name)
                .flat_map(|l| l.area.0.iter().cloned())
                .collect();
            if pieces.is_empty() {
                return Err(bad(format!("no lake `{name}` in the basemap")));
            }
            Geometry::Area(MultiPolygon::new(pieces))
        }
        _ => {
            return Err(bad(
                "needs exactly one of point, line (2+ points), region, lake".into(),
            ));
        }
    };
    Ok(Place {
        id: e.id,
        kind,
        name: e.name,
        countries: e.countries,
        names: e.names,
        variants: e.variants,
        point: geometry.representative_point(),
        geometry,
        source: e.source,
        origin: Origin::Curated,
        pair: e.pair,
        near: e.near,
        cue_required: e.cue,
        any_case: e.any_case,
        anchors: e.anchors,
    })
}

/// The point of the basemap's country borders nearest to `p`.
pub fn snap_to_border(p: Point, basemap: &Basemap) -> Point {
    let mut best: Option<(f64, Point)> = None;
    for border in &basemap.borders {
        let candidate = match border.closest_point(&p) {
            Closest::Intersection(q) | Closest::SinglePoint(q) => q,
            Closest::Indeterminate => continue,
        };
        let d = (candidate.x() - p.x()).hypot(candidate.y() - p.y());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map_or(p, |(_, q)| q)
}
