//! Loading `assets/basemap.json` into geo types (longitude/latitude in degrees).

use std::collections::BTreeMap;

use geo::{Coord, LineString, MultiPolygon, Point, Polygon};
use serde::Deserialize;

use crate::mercator::GeoBounds;

/// Units of the integer coordinates in the asset: 1e-5 degrees.
const UNITS_PER_DEGREE: f64 = 100_000.0;

/// Why the basemap could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// The file is not the JSON the build script writes.
    #[error("the basemap is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The file is JSON but of another format version.
    #[error("the basemap has format version {found}, this build reads version {expected}")]
    Version {
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// A coordinate list has an odd length or lies outside the world.
    #[error("the basemap layer `{layer}` has broken coordinates in feature {index}")]
    Coordinates {
        /// Name of the layer.
        layer: &'static str,
        /// Index of the feature in that layer.
        index: usize,
    },
}

/// A first-level administrative region (oblast, viloyat, welayat) of a focus country.
#[derive(Clone, Debug)]
pub struct Region {
    /// ISO 3166-2 code as given by Natural Earth (for example `KZ-ZHA`).
    pub code: String,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// English name.
    pub name: String,
    /// Names by language code (`en`, `de`, `ru`).
    pub names: BTreeMap<String, String>,
    /// Other names and spellings from Natural Earth.
    pub alt_names: Vec<String>,
    /// Where the label goes.
    pub label: Point,
    /// The region's area.
    pub area: MultiPolygon,
}

/// A lake or reservoir, named when it is one the basemap labels.
#[derive(Clone, Debug)]
pub struct Lake {
    /// English name, empty for unnamed lakes.
    pub name: String,
    /// Label priority: 1 is shown first and from the lowest zoom.
    pub rank: u8,
    /// The water area.
    pub area: MultiPolygon,
}

/// A country's name and where to write it.
#[derive(Clone, Debug)]
pub struct CountryLabel {
    /// ISO 3166-1 alpha-2 code.
    pub iso: String,
    /// English name.
    pub name: String,
    /// Label priority: 1 for the focus countries.
    pub rank: u8,
    /// Where the label goes.
    pub label: Point,
}

/// A populated place from GeoNames.
#[derive(Clone, Debug)]
pub struct City {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Name as in GeoNames.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country: String,
    /// Population as in GeoNames.
    pub population: u64,
    /// National capital.
    pub capital: bool,
    /// Seat of a first-level region.
    pub admin_seat: bool,
    /// Location.
    pub location: Point,
}

/// A named point, such as the place of a river's label.
#[derive(Clone, Debug)]
pub struct NamedPoint {
    /// English name.
    pub name: String,
    /// Label priority: 1 is shown first and from the lowest zoom.
    pub rank: u8,
    /// Location.
    pub location: Point,
}

/// The whole basemap, in longitude/latitude degrees.
#[derive(Clone, Debug)]
pub struct Basemap {
    /// The area the basemap covers.
    pub bounds: GeoBounds,
    /// Land (the Caspian Sea is a hole in it).
    pub land: Vec<Polygon>,
    /// Land borders between countries.
    pub borders: Vec<LineString>,
    /// Lakes and reservoirs.
    pub lakes: Vec<Lake>,
    /// First-level regions of Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan, Turkmenistan.
    pub regions: Vec<Region>,
    /// Country names.
    pub countries: Vec<CountryLabel>,
    /// Cities, most populous first.
    pub cities: Vec<City>,
    /// River courses.
    pub rivers: Vec<LineString>,
    /// Where river names are written.
    pub river_labels: Vec<NamedPoint>,
    /// Where names of seas are written (seas are holes in the land).
    pub seas: Vec<NamedPoint>,
}

impl Basemap {
    /// The format version this build reads.
    pub const FORMAT_VERSION: u32 = 1;

    /// Loads the basemap compiled into the binary.
    pub fn embedded() -> Result<Self, BasemapError> {
        Self::from_json_slice(super::EMBEDDED_BASEMAP_JSON)
    }

    /// Loads a basemap from the JSON written by `tools/build_assets.py`.
    pub fn from_json_slice(json: &[u8]) -> Result<Self, BasemapError> {
        let raw: RawBasemap = serde_json::from_slice(json)?;
        if raw.version != Self::FORMAT_VERSION {
            return Err(BasemapError::Version {
                found: raw.version,
                expected: Self::FORMAT_VERSION,
            });
        }
        raw.into_basemap()
    }

    /// The region with this ISO 3166-2 code, if the basemap has it.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The lake with this English name, if the basemap has it.
    pub fn lake(&self, name: &str) -> Option<&Lake> {
        self.lakes.iter().find(|l| l.name == name)
    }
}

#[derive(Deserialize)]
struct RawBasemap {
    version: u32,
    bbox: [f64; 4],
    land: Vec<Vec<Vec<i64>>>,
    borders: Vec<Vec<i64>>,
    lakes: Vec<RawLake>,
    regions: Vec<RawRegion>,
    countries: Vec<RawCountry>,
    cities: Vec<RawCity>,
    rivers: Vec<Vec<i64>>,
    river_labels: Vec<RawNamedPoint>,
    seas: Vec<RawNamedPoint>,
}

#[derive(Deserialize)]
struct RawLake {
    name: String,
    rank: u8,
    polygons: Vec<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawRegion {
    code: String,
    country: String,
    name: String,
    names: BTreeMap<String, String>,
    alt_names: Vec<String>,
    label: Vec<i64>,
    polygons: Vec<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawCountry {
    iso: String,
    name: String,
    rank: u8,
    label: Vec<i64>,
}

#[derive(Deserialize)]
struct RawCity {
    geonames_id: u64,
    name: String,
    country: String,
    population: u64,
    capital: bool,
    admin_seat: bool,
    lon_lat: Vec<i64>,
}

#[derive(Deserialize)]
struct RawNamedPoint {
    name: String,
    rank: u8,
    lon_lat: Vec<i64>,
}

impl RawBasemap {
    fn into_basemap(self) -> Result<Basemap, BasemapError> {
        let [west, south, east, north] = self.bbox;
        Ok(Basemap {
            bounds: GeoBounds {
                west,
                south,
                east,
                north,
            },
            land: enumerate_map(self.land, "land", |rings| polygon(&rings))?,
            borders: enumerate_map(self.borders, "borders", |l| line(&l))?,
            lakes: enumerate_map(self.lakes, "lakes", |l| {
                Some(Lake {
                    name: l.name,
                    rank: l.rank,
                    area: multi_polygon(&l.polygons)?,
                })
            })?,
            regions: enumerate_map(self.regions, "regions", |r| {
                Some(Region {
                    label: point(&r.label)?,
                    area: multi_polygon(&r.polygons)?,
                    code: r.code,
                    country: r.country,
                    name: r.name,
                    names: r.names,
                    alt_names: r.alt_names,
                })
            })?,
            countries: enumerate_map(self.countries, "countries", |c| {
                Some(CountryLabel {
                    label: point(&c.label)?,
                    iso: c.iso,
                    name: c.name,
                    rank: c.rank,
                })
            })?,
            cities: enumerate_map(self.cities, "cities", |c| {
                Some(City {
                    location: point(&c.lon_lat)?,
                    geonames_id: c.geonames_id,
                    name: c.name,
                    country: c.country,
                    population: c.population,
                    capital: c.capital,
                    admin_seat: c.admin_seat,
                })
            })?,
            rivers: enumerate_map(self.rivers, "rivers", |l| line(&l))?,
            river_labels: enumerate_map(self.river_labels, "river_labels", named_point)?,
            seas: enumerate_map(self.seas, "seas", named_point)?,
        })
    }
}

/// Converts every item, naming the layer and index of the first that fails.
fn enumerate_map<T, U>(
    items: Vec<T>,
    layer: &'static str,
    convert: impl Fn(T) -> Option<U>,
) -> Result<Vec<U>, BasemapError> {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| convert(item).ok_or(BasemapError::Coordinates { layer, index }))
        .collect()
}

fn named_point(p: RawNamedPoint) -> Option<NamedPoint> {
    Some(NamedPoint {
        location: point(&p.lon_lat)?,
        name: p.name,
        rank: p.rank,
    })
}

fn coords(flat: &[i64]) -> Option<Vec<Coord>> {
    if !flat.len().is_multiple_of(2) {
        return None;
    }
    flat.chunks_exact(2)
        .map(|c| {
            let (x, y) = (
                c[0] as f64 / UNITS_PER_DEGREE,
                c[1] as f64 / UNITS_PER_DEGREE,
            );
            ((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y)).then_some(Coord { x, y })
        })
        .collect()
}

fn point(flat: &[i64]) -> Option<Point> {
    match coords(flat)?.as_slice() {
        [c] => Some(Point(*c)),
        _ => None,
    }
}

fn line(flat: &[i64]) -> Option<LineString> {
    let c = coords(flat)?;
    (c.len() >= 2).then(|| LineString::new(c))
}

fn ring(flat: &[i64]) -> Option<LineString> {
    let c = coords(flat)?;
    (c.len() >= 4).then(|| LineString::new(c))
}

fn polygon(rings: &[Vec<i64>]) -> Option<Polygon> {
    let (outer, holes) = rings.split_first()?;
    let holes = holes.iter().map(|r| ring(r)).collect::<Option<Vec<_>>>()?;
    Some(Polygon::new(ring(outer)?, holes))
}

fn multi_polygon(polygons: &[Vec<Vec<i64>>]) -> Option<MultiPolygon> {
    polygons
        .iter()
        .map(|p| polygon(p))
        .collect::<Option<Vec<_>>>()
        .map(MultiPolygon::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Distance, Haversine};

    fn basemap() -> Basemap {
        Basemap::embedded().expect("the embedded basemap loads")
    }

    #[test]
    fn issyk_kul_is_a_lake_around_its_centre() {
        let map = basemap();
        let lake = map.lake("Issyk-Kul").expect("Issyk-Kul is in the basemap");
        assert!(lake.area.contains(&Point::new(77.3, 42.45)));
        assert!(
            !lake.area.contains(&Point::new(76.9, 43.25)),
            "Almaty is not in the lake"
        );
    }

    #[test]
    fn major_lakes_and_reservoirs_are_named() {
        let map = basemap();
        for name in [
            "Lake Balkhash",
            "Issyk-Kul",
            "Aral Sea",
            "Kapchagay Reservoir",
            "Toktogul Reservoir",
        ] {
            assert!(map.lake(name).is_some(), "{name} is missing");
        }
        let caspian = Point::new(50.8, 42.3);
        assert!(
            map.land.iter().all(|p| !p.contains(&caspian)),
            "the Caspian is water"
        );
        assert!(
            map.land
                .iter()
                .any(|p| p.contains(&Point::new(76.9, 43.25))),
            "Almaty is on land"
        );
        assert!(map.seas.iter().any(|s| s.name == "Caspian Sea"));
    }

    #[test]
    fn kazakh_kyrgyz_border_runs_between_almaty_and_bishkek() {
        let map = basemap();
        // The Almaty–Bishkek road crosses the border over the Chu at Korday.
        let korday_crossing = Point::new(74.712, 43.025);
        let nearest_km = map
            .borders
            .iter()
            .flat_map(|l| l.points())
            .map(|p| Haversine.distance(p, korday_crossing) / 1000.0)
            .fold(f64::INFINITY, f64::min);
        assert!(
            nearest_km < 10.0,
            "nearest border point is {nearest_km} km away"
        );
        let chuy = map.region("KG-C").expect("Chuy region");
        let zhambyl = map.region("KZ-ZHA").expect("Zhambyl region");
        assert!(
            chuy.area.contains(&Point::new(74.85, 42.89)),
            "Kant lies in Chuy"
        );
        assert!(
            zhambyl.area.contains(&Point::new(71.37, 42.9)),
            "Taraz lies in Zhambyl"
        );
    }

    #[test]
    fn focus_countries_have_their_regions() {
        let map = basemap();
        for (country, at_least) in [("KZ", 14), ("KG", 7), ("UZ", 12), ("TJ", 4), ("TM", 5)] {
            let n = map.regions.iter().filter(|r| r.country == country).count();
            assert!(n >= at_least, "{country} has {n} regions");
        }
    }

    #[test]
    fn main_cities_are_present_with_capitals_marked() {
        let map = basemap();
        for name in ["Almaty", "Bishkek", "Tashkent", "Shymkent", "Taraz", "Osh"] {
            assert!(
                map.cities.iter().any(|c| c.name == name),
                "{name} is missing"
            );
        }
        assert!(map.cities.iter().any(|c| c.name == "Bishkek" && c.capital));
    }

    #[test]
    fn broken_json_is_an_error_not_a_panic() {
        assert!(matches!(
            Basemap::from_json_slice(b"{not json"),
            Err(BasemapError::Json(_))
        ));
        let odd = br#"{"version":1,"bbox":[0,0,1,1],"land":[],"borders":[[1,2,3]],"lakes":[],
            "regions":[],"countries":[],"cities":[],"rivers":[],"river_labels":[],"seas":[]}"#;
        assert!(matches!(
            Basemap::from_json_slice(odd),
            Err(BasemapError::Coordinates {
                layer: "borders",
                index: 0
            })
        ));
    }
}
