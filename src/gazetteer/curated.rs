//! Reading the curated gazetteer (`assets/gazetteer.toml`, written by hand, and
//! `assets/gazetteer-generated.toml`, made by the asset script from the sourced lists in
//! `tools/data/`) and resolving its geometry: region codes and lake names to the polygons of
//! the background store, a radius to a disc.

use std::collections::BTreeMap;

use geo::{Closest, ClosestPoint, Coord, LineString, Point};
use serde::Deserialize;

use super::GazetteerError;
use super::place::{Geometry, Origin, Place, PlaceKind};
use super::store::{Rank, Store};
use crate::basemap::Basemap;

/// The curated gazetteer as shipped: the hand-written list, then the generated one.
pub const EMBEDDED_CURATED_TOML: [&str; 2] = [
    include_str!("../../assets/gazetteer.toml"),
    include_str!("../../assets/gazetteer-generated.toml"),
];

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
    radius_km: Option<f64>,
    pair: Option<String>,
    #[serde(default)]
    near: Vec<String>,
    #[serde(default)]
    cue: bool,
    #[serde(default)]
    any_case: bool,
    #[serde(default)]
    anchors: Vec<String>,
    #[serde(default)]
    modes: Vec<String>,
    /// The settlement a checkpoint is named after (kept for reference).
    #[serde(default)]
    #[allow(dead_code)]
    settlement: Option<String>,
    /// Open, closed, seasonal, planned (kept for reference).
    #[serde(default)]
    #[allow(dead_code)]
    state: Option<String>,
    /// The named places a line runs through, in order (kept for reference).
    #[serde(default)]
    #[allow(dead_code)]
    waypoints: Vec<String>,
    source: String,
}

/// Parses the curated lists and resolves every entry's geometry; also returns the
/// background records whose polygons curated entries took (their regions and lakes).
pub fn load_curated(
    toml_texts: &[&str],
    store: &Store,
) -> Result<(Vec<Place>, Vec<u32>), GazetteerError> {
    let mut places = Vec::new();
    let mut taken = Vec::new();
    for text in toml_texts {
        let file: File =
            toml::from_str(text).map_err(|e| GazetteerError::Curated(e.to_string()))?;
        for e in file.place {
            let (place, record) = resolve(e, store)?;
            places.push(place);
            taken.extend(record);
        }
    }
    Ok((places, taken))
}

/// The store id of a Natural Earth lake of this name (`Issyk-Kul` → `ne_lake_issyk_kul`).
pub fn lake_id(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    format!("ne_lake_{slug}")
}

/// The store id of a first-level region of this ISO 3166-2 code (`KZ-ZHA` → `region_kz_zha`).
pub fn region_id(code: &str) -> String {
    format!("region_{}", code.to_lowercase().replace(['-', '~'], "_"))
}

fn resolve(e: Entry, store: &Store) -> Result<(Place, Option<u32>), GazetteerError> {
    let bad = |why: String| GazetteerError::Entry {
        id: e.id.clone(),
        why,
    };
    let kind =
        PlaceKind::parse(&e.kind).ok_or_else(|| bad(format!("unknown kind `{}`", e.kind)))?;
    let mut taken = None;
    let mut polygons_of = |id: String, what: &str| {
        let record = store.index_of(&id);
        taken = record;
        record
            .and_then(|i| store.polygons(i))
            .map(Geometry::Area)
            .ok_or_else(|| {
                bad(format!(
                    "no {what} `{id}` with polygons in the background store"
                ))
            })
    };
    let valid = |lon: f64, lat: f64| {
        lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0
    };
    let geometry = match (&e.point, &e.line, &e.region, &e.lake) {
        (Some([lon, lat]), None, None, None) if valid(*lon, *lat) => {
            let p = Point::new(*lon, *lat);
            match e.radius_km {
                Some(r) if r > 0.0 => Geometry::Area(super::disc(p, r)),
                _ => Geometry::Point(p),
            }
        }
        (None, Some(line), None, None)
            if line.len() >= 2 && line.iter().all(|[x, y]| valid(*x, *y)) =>
        {
            Geometry::Line(LineString::new(
                line.iter().map(|[x, y]| Coord { x: *x, y: *y }).collect(),
            ))
        }
        (None, None, Some(code), None) => polygons_of(region_id(code), "region")?,
        (None, None, None, Some(name)) => polygons_of(lake_id(name), "lake")?,
        _ => {
            return Err(bad(
                "needs exactly one of point, line (2+ points), region, lake, with longitudes and latitudes in range".into(),
            ));
        }
    };
    let place = Place {
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
        population: 0,
        rank: if kind.is_area() {
            Rank::Unit
        } else {
            Rank::Place
        },
        modes: e.modes,
    };
    Ok((place, taken))
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
