//! A place of the gazetteer: what it is, what it is called, where it is.

use std::collections::BTreeMap;

use geo::{BoundingRect, Centroid, InteriorPoint, LineString, MultiPolygon, Point};

/// What kind of place it is. The names are those of the GeoJSON `kind` property.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A border checkpoint (crossing point on one side).
    Checkpoint,
    /// A first-level administrative region.
    Region,
    /// A city.
    City,
    /// A town or village under 10,000 people.
    Village,
    /// A country.
    Country,
    /// A logistics hub, industrial zone or trade centre.
    Hub,
    /// A dam or hydropower plant.
    Dam,
    /// A reservoir.
    Reservoir,
    /// A lake or inland sea.
    Lake,
    /// A river.
    River,
    /// A road or motorway.
    Road,
    /// An economic or transport corridor.
    Corridor,
    /// A geographic area that is not an administrative unit (a valley, a steppe, a
    /// macro-region such as Central Asia).
    Area,
    /// A second-level administrative unit (district, rayon, prefecture).
    District,
    /// A railway station.
    Station,
    /// A mountain pass.
    Pass,
    /// A mountain peak.
    Peak,
}

impl PlaceKind {
    /// Every kind, in the order lists show them.
    pub const ALL: [PlaceKind; 17] = [
        Self::Checkpoint,
        Self::Region,
        Self::City,
        Self::Village,
        Self::Country,
        Self::Hub,
        Self::Dam,
        Self::Reservoir,
        Self::Lake,
        Self::River,
        Self::Road,
        Self::Corridor,
        Self::Area,
        Self::District,
        Self::Station,
        Self::Pass,
        Self::Peak,
    ];

    /// The kind's name as exported (`checkpoint`, `region`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Checkpoint => "checkpoint",
            Self::Region => "region",
            Self::City => "city",
            Self::Village => "village",
            Self::Country => "country",
            Self::Hub => "hub",
            Self::Dam => "dam",
            Self::Reservoir => "reservoir",
            Self::Lake => "lake",
            Self::River => "river",
            Self::Road => "road",
            Self::Corridor => "corridor",
            Self::Area => "area",
            Self::District => "district",
            Self::Station => "station",
            Self::Pass => "pass",
            Self::Peak => "peak",
        }
    }

    /// Whether places of this kind are areas rather than points on the ground (a name of
    /// one stands for a region the size of a district or more).
    pub fn is_area(self) -> bool {
        matches!(
            self,
            Self::Country | Self::Region | Self::District | Self::Area | Self::Lake
        )
    }

    /// The kind with this exported name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A set of place kinds, as bits: the kinds the words next to a name say it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KindSet(u32);

impl KindSet {
    /// Adds a kind.
    pub fn insert(&mut self, kind: PlaceKind) {
        self.0 |= 1 << kind as u32;
    }

    /// Adds every kind of `other`.
    pub fn extend(&mut self, other: KindSet) {
        self.0 |= other.0;
    }

    /// Whether it holds `kind`.
    pub fn contains(self, kind: PlaceKind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    /// Whether it holds none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds it holds.
    pub fn iter(self) -> impl Iterator<Item = PlaceKind> {
        PlaceKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }
}

/// Where a place is.
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// A point (lon, lat).
    Point(Point),
    /// A line, for roads and corridors.
    Line(LineString),
    /// An area, for regions and lakes.
    Area(MultiPolygon),
}

impl Geometry {
    /// A point that stands for the place: the point itself, the middle vertex of a line, or a
    /// point inside an area.
    pub fn representative_point(&self) -> Point {
        match self {
            Self::Point(p) => *p,
            Self::Line(l) => {
                l.0.get(l.0.len() / 2)
                    .map_or_else(|| Point::new(0.0, 0.0), |c| Point(*c))
            }
            Self::Area(a) => a
                .interior_point()
                .or_else(|| a.centroid())
                .unwrap_or_else(|| Point::new(0.0, 0.0)),
        }
    }

    /// Whether it spans a good part of a continent (more than 20° of longitude or 15° of
    /// latitude): macro-regions such as Central Asia, big countries' areas.
    pub fn is_vast(&self) -> bool {
        let (w, s, e, n) = self.bounds();
        e - w > 20.0 || n - s > 15.0
    }

    /// Bounding box as `(west, south, east, north)`.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        let rect = match self {
            Self::Point(p) => Some(p.bounding_rect()),
            Self::Line(l) => l.bounding_rect(),
            Self::Area(a) => a.bounding_rect(),
        };
        match rect {
            Some(r) => (r.min().x, r.min().y, r.max().x, r.max().y),
            None => (0.0, 0.0, 0.0, 0.0),
        }
    }
}

/// Where an entry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The curated lists (`assets/gazetteer.toml`, `assets/gazetteer-generated.toml`).
    Curated,
    /// The background gazetteer (`assets/gazetteer.bin`): GeoNames places, Natural Earth
    /// regions, districts, countries.
    Background {
        /// The record's index in the store.
        record: u32,
    },
}

/// A gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Stable id (`cp_karasu`, `region_kz_zhambyl`, `geonames_1527534`).
    pub id: String,
    /// Kind.
    pub kind: PlaceKind,
    /// English name.
    pub name: String,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    /// Names by language code.
    pub names: BTreeMap<String, String>,
    /// Other spellings, garbles included; a trailing `~` marks a stem.
    pub variants: Vec<String>,
    /// Where it is.
    pub geometry: Geometry,
    /// A point that stands for it (inside areas), worked out once.
    pub point: Point,
    /// Where the geometry comes from.
    pub source: String,
    /// Which list it comes from.
    pub origin: Origin,
    /// The checkpoint across the border, for checkpoints.
    pub pair: Option<String>,
    /// A mention only counts when one of these places is named in the same passage.
    pub near: Vec<String>,
    /// A mention only counts with a word of the place's kind nearby.
    pub cue_required: bool,
    /// The name matches in lower case too (common-noun phrases).
    pub any_case: bool,
    /// Places a road or corridor runs through.
    pub anchors: Vec<String>,
    /// How many people live there (background populated places and countries).
    pub population: u64,
    /// Rank in its administration (capital, regional seat…).
    pub rank: super::store::Rank,
    /// Means of transport, for crossings and lines (`road`, `rail`, `pedestrian`).
    pub modes: Vec<String>,
}

impl Place {
    /// Every name of the place: English name, names by language, variants.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.names.values().map(String::as_str))
            .chain(self.variants.iter().map(String::as_str))
    }

    /// How many people live there, where known.
    pub fn population(&self) -> Option<u64> {
        (self.population > 0).then_some(self.population)
    }
}
