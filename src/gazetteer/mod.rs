//! The gazetteer: every place Border Atlas can put on the map, with its names in the
//! region's languages, its kind and its geometry.
//!
//! Curated entries (`assets/gazetteer.toml`) cover every place the seed documents speak of;
//! the background (GeoNames towns, Natural Earth regions and lakes) covers the rest of
//! Central Asia. A curated entry replaces a background entry for the same region, lake or
//! town.

mod background;
mod curated;
mod place;

use std::collections::HashMap;

pub use curated::{EMBEDDED_CURATED_TOML, snap_to_border};
pub use place::{Geometry, Origin, Place, PlaceKind};

use crate::basemap::{Basemap, BasemapError};
use crate::geoparse::fold::fold_name;

/// Why the gazetteer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The curated list is not valid TOML of the expected shape.
    #[error("the curated gazetteer is malformed: {0}")]
    Curated(String),
    /// A curated entry is wrong.
    #[error("curated gazetteer entry `{id}`: {why}")]
    Entry {
        /// The entry's id.
        id: String,
        /// What is wrong.
        why: String,
    },
    /// The towns list is malformed.
    #[error("the towns list is malformed: {0}")]
    Towns(String),
    /// The basemap, which holds region and lake geometry, failed to load.
    #[error(transparent)]
    Basemap(#[from] BasemapError),
    /// Two entries share an id.
    #[error("two gazetteer entries have the id `{0}`")]
    DuplicateId(String),
}

/// All places, curated first.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer shipped with Border Atlas, on the embedded basemap.
    pub fn embedded() -> Result<Self, GazetteerError> {
        Self::build(
            &Basemap::embedded()?,
            EMBEDDED_CURATED_TOML,
            background::EMBEDDED_TOWNS_JSON,
        )
    }

    /// Builds a gazetteer from a curated list and a towns list, resolving geometry against
    /// `basemap`.
    pub fn build(
        basemap: &Basemap,
        curated_toml: &str,
        towns_json: &[u8],
    ) -> Result<Self, GazetteerError> {
        let curated = curated::load_curated(curated_toml, basemap)?;
        let covered = Covered::new(&curated);
        let background = background::basemap_places(basemap)
            .into_iter()
            .chain(background::towns(towns_json)?)
            .filter(|b| !covered.covers(b));
        let places: Vec<Place> = curated.iter().cloned().chain(background).collect();
        let mut by_id = HashMap::with_capacity(places.len());
        for (i, p) in places.iter().enumerate() {
            if by_id.insert(p.id.clone(), i).is_some() {
                return Err(GazetteerError::DuplicateId(p.id.clone()));
            }
        }
        Ok(Self { places, by_id })
    }

    /// Every place.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place at an index.
    pub fn get(&self, index: usize) -> Option<&Place> {
        self.places.get(index)
    }

    /// The index of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.index_of(id).map(|i| &self.places[i])
    }
}

/// What the curated entries already stand for, to leave out background entries for the
/// same region, lake, or town (a town of the same name within 30 km).
struct Covered<'a> {
    areas: Vec<(&'a PlaceKind, &'a Geometry)>,
    towns: HashMap<String, Vec<&'a Geometry>>,
}

impl<'a> Covered<'a> {
    fn new(curated: &'a [Place]) -> Self {
        let mut towns: HashMap<String, Vec<&Geometry>> = HashMap::new();
        for c in curated
            .iter()
            .filter(|c| matches!(c.kind, PlaceKind::City | PlaceKind::Village))
        {
            for n in c.all_names() {
                towns.entry(fold_name(n)).or_default().push(&c.geometry);
            }
        }
        let areas = curated.iter().map(|c| (&c.kind, &c.geometry)).collect();
        Self { areas, towns }
    }

    fn covers(&self, background: &Place) -> bool {
        match background.origin {
            Origin::NaturalEarth => self
                .areas
                .iter()
                .any(|(k, g)| **k == background.kind && **g == background.geometry),
            Origin::GeoNames { .. } => {
                self.towns
                    .get(&fold_name(&background.name))
                    .is_some_and(|gs| {
                        gs.iter()
                            .any(|g| distance_km(g, &background.geometry) < 30.0)
                    })
            }
            Origin::Curated => false,
        }
    }
}

fn distance_km(a: &Geometry, b: &Geometry) -> f64 {
    use geo::{Distance, Haversine};
    Haversine.distance(a.representative_point(), b.representative_point()) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_entries_replace_background_ones() {
        let g = Gazetteer::embedded().expect("gazetteer");
        assert!(g.place("region_kz_zhambyl").is_some());
        assert!(
            g.place("region_kz_zha").is_none(),
            "the background Zhambyl region is replaced"
        );
        assert!(
            g.place("geonames_1527534").is_none(),
            "GeoNames Osh is replaced by city_osh"
        );
        assert!(
            g.place("geonames_1523149").is_some(),
            "the Karasu village in Kostanay region stays"
        );
    }

    #[test]
    fn checkpoints_sit_on_the_border() {
        let g = Gazetteer::embedded().expect("gazetteer");
        let basemap = Basemap::embedded().expect("basemap");
        for p in g
            .places()
            .iter()
            .filter(|p| p.kind == PlaceKind::Checkpoint)
        {
            let Geometry::Point(pt) = p.geometry else {
                panic!("{} is not a point", p.id)
            };
            let snapped = snap_to_border(pt, &basemap);
            assert!(
                (snapped.x() - pt.x()).abs() < 1e-9 && (snapped.y() - pt.y()).abs() < 1e-9,
                "{}",
                p.id
            );
        }
    }

    #[test]
    fn a_malformed_curated_list_is_an_error() {
        let basemap = Basemap::embedded().expect("basemap");
        let err = Gazetteer::build(&basemap, "[[place]]\nid = 1", b"{\"rows\":[]}")
            .expect_err("malformed");
        assert!(matches!(err, GazetteerError::Curated(_)));
        let unknown =
            "[[place]]\nid='x'\nkind='volcano'\nname='X'\ncountries=[]\npoint=[1,2]\nsource='s'";
        let err = Gazetteer::build(&basemap, unknown, b"{\"rows\":[]}").expect_err("unknown kind");
        assert!(err.to_string().contains("volcano"));
    }
}
