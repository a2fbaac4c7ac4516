//! The background gazetteer: every GeoNames place of 500 people or more in the basemap's
//! area (`assets/towns.json`), and the basemap's regions and named lakes, so that places
//! that no curated entry knows are found too.

use serde::Deserialize;

use super::GazetteerError;
use super::place::{Geometry, Origin, Place, PlaceKind};
use crate::basemap::Basemap;

/// The GeoNames extract as shipped.
pub const EMBEDDED_TOWNS_JSON: &[u8] = include_bytes!("../../assets/towns.json");

/// Places below this population are left out: too many share names with common words.
const MIN_POPULATION: u64 = 500;
/// Places of this population or more are cities; smaller ones are villages.
const CITY_POPULATION: u64 = 10_000;

/// A row of `towns.json`: GeoNames id, name, country, population, lon and lat in 1e-5°,
/// alternate names.
type TownRow = (u64, String, String, u64, i64, i64, Vec<String>);

#[derive(Deserialize)]
struct Towns {
    rows: Vec<TownRow>,
}

/// GeoNames towns and villages.
pub fn towns(json: &[u8]) -> Result<Vec<Place>, GazetteerError> {
    let towns: Towns =
        serde_json::from_slice(json).map_err(|e| GazetteerError::Towns(e.to_string()))?;
    Ok(towns
        .rows
        .into_iter()
        .filter(|r| r.3 >= MIN_POPULATION)
        .map(
            |(id, name, country, population, lon, lat, alternate_names)| Place {
                id: format!("geonames_{id}"),
                kind: if population >= CITY_POPULATION {
                    PlaceKind::City
                } else {
                    PlaceKind::Village
                },
                name,
                countries: vec![country],
                names: Default::default(),
                variants: alternate_names,
                geometry: Geometry::Point(geo::Point::new(lon as f64 / 1e5, lat as f64 / 1e5)),
                point: geo::Point::new(lon as f64 / 1e5, lat as f64 / 1e5),
                source: format!("GeoNames {id}"),
                origin: Origin::GeoNames { id, population },
                pair: None,
                near: Vec::new(),
                cue_required: false,
                any_case: false,
                anchors: Vec::new(),
            },
        )
        .collect())
}

/// Natural Earth regions that are cities: the city entries stand for them.
const CITY_REGIONS: &[&str] = &["KG-GB", "KZ-ALA-C", "KZ-AST", "UZ-TK", "TJ-DU"];

/// The basemap's regions (other than cities) and named lakes.
pub fn basemap_places(basemap: &Basemap) -> Vec<Place> {
    let regions = basemap
        .regions
        .iter()
        .filter(|r| !CITY_REGIONS.contains(&r.code.as_str()))
        .map(|r| Place {
            id: format!("region_{}", r.code.to_lowercase().replace(['-', '~'], "_")),
            kind: PlaceKind::Region,
            name: r.name.clone(),
            countries: vec![r.country.clone()],
            names: r.names.clone(),
            variants: r.alt_names.clone(),
            geometry: Geometry::Area(r.area.clone()),
            point: r.label,
            source: format!("Natural Earth admin-1 {}", r.code),
            origin: Origin::NaturalEarth,
            pair: None,
            near: Vec::new(),
            cue_required: true,
            any_case: false,
            anchors: Vec::new(),
        });
    let mut seen = std::collections::BTreeSet::new();
    let lakes = basemap
        .lakes
        .iter()
        .filter(|l| !l.name.is_empty() && seen.insert(l.name.clone()))
        .map(|l| {
            let pieces = basemap
                .lakes
                .iter()
                .filter(|o| o.name == l.name)
                .flat_map(|o| o.area.0.iter().cloned());
            let area = Geometry::Area(geo::MultiPolygon::new(pieces.collect()));
            let kind = if l.name.contains("Reservoir") {
                PlaceKind::Reservoir
            } else {
                PlaceKind::Lake
            };
            Place {
                id: format!("lake_{}", l.name.to_lowercase().replace(' ', "_")),
                kind,
                name: l.name.clone(),
                countries: Vec::new(),
                names: Default::default(),
                variants: Vec::new(),
                point: area.representative_point(),
                geometry: area,
                source: "Natural Earth lakes".into(),
                origin: Origin::NaturalEarth,
                pair: None,
                near: Vec::new(),
                cue_required: false,
                any_case: false,
                anchors: Vec::new(),
            }
        })
        .collect::<Vec<_>>();
    regions.chain(lakes).collect()
}
