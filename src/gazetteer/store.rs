//! The background gazetteer as shipped: a compact binary (`assets/gazetteer.bin`) read in
//! place, never copied into Rust structures.
//!
//! A quarter of a million places with a million names would take hundreds of megabytes as
//! `Place` values and seconds to index at every start. Instead the asset script folds every
//! name once (`border-atlas gazetteer-build`, see [`super::build`]) and writes fixed-size
//! records, a string pool, polygons and two `fst` maps (folded name → postings, see
//! [`super::names`]; id → record). Opening it only checks the header and the maps'
//! checksums; the operating system pages in what a document's names touch.
//!
//! Every read is bounds-checked: a damaged asset gives `None` or an error, never a panic.

use fst::raw::Fst;
use geo::{Coord, LineString, MultiPolygon, Point, Polygon};

use super::GazetteerError;
use super::names::NameMap;
use super::place::PlaceKind;

/// The asset's first eight bytes.
pub const MAGIC: &[u8; 8] = b"BATLASGZ";
/// The format version this build reads and writes.
pub const VERSION: u32 = 2;
/// Bytes per record.
pub const RECORD_LEN: usize = 32;
/// Number of sections after the header: records, strings, geometry, postings, names, ids,
/// common words.
pub const SECTIONS: usize = 7;
/// Header length: magic, version, record count, then (offset, length) per section.
pub const HEADER_LEN: usize = 8 + 4 + 4 + SECTIONS * 16;

/// What a background place is, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredKind {
    /// A country.
    Country = 0,
    /// A first-level region.
    Region = 1,
    /// A second-level district.
    District = 2,
    /// A populated place.
    City = 3,
    /// A macro-region, sea or other area.
    Area = 4,
    /// A lake.
    Lake = 5,
}

impl StoredKind {
    fn from_u8(b: u8) -> Option<Self> {
        Some(match b {
            0 => Self::Country,
            1 => Self::Region,
            2 => Self::District,
            3 => Self::City,
            4 => Self::Area,
            5 => Self::Lake,
            _ => return None,
        })
    }

    /// The place kind; populated places under 10,000 people are villages.
    pub fn place_kind(self, population: u32) -> PlaceKind {
        match self {
            Self::Country => PlaceKind::Country,
            Self::Region => PlaceKind::Region,
            Self::District => PlaceKind::District,
            Self::City if population >= 10_000 => PlaceKind::City,
            Self::City => PlaceKind::Village,
            Self::Area => PlaceKind::Area,
            Self::Lake => PlaceKind::Lake,
        }
    }
}

/// How important a place is in its administration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// An ordinary populated place.
    Place = 0,
    /// The seat of a district (GeoNames PPLA2 and below).
    DistrictSeat = 1,
    /// The seat of a first-level region (PPLA).
    RegionSeat = 2,
    /// A national capital (PPLC).
    Capital = 3,
    /// A district, region, country or area.
    Unit = 4,
}

impl Rank {
    fn from_u8(b: u8) -> Self {
        match b {
            1 => Self::DistrictSeat,
            2 => Self::RegionSeat,
            3 => Self::Capital,
            4 => Self::Unit,
            _ => Self::Place,
        }
    }

    /// The rank of a GeoNames feature code.
    pub fn of_feature_code(code: &str) -> Self {
        match code {
            "PPLC" => Self::Capital,
            "PPLA" => Self::RegionSeat,
            "PPLA2" | "PPLA3" | "PPLA4" => Self::DistrictSeat,
            "country" | "admin1" | "admin2" | "area" => Self::Unit,
            _ => Self::Place,
        }
    }
}

/// One background place, decoded from its fixed-size record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    /// Where it is (lon, lat); for areas, a point inside.
    pub point: Point,
    /// Inhabitants, for countries and populated places.
    pub population: u32,
    /// ISO 3166-1 alpha-2.
    pub country: [u8; 2],
    /// What it is.
    pub kind: StoredKind,
    /// Its rank.
    pub rank: Rank,
    /// For districts and areas without polygons: the radius that holds them, km.
    pub radius_km: u16,
    text_offset: u32,
    geometry_offset: u32,
}

impl Record {
    /// The country code as text.
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }

    /// The place kind.
    pub fn place_kind(&self) -> PlaceKind {
        self.kind.place_kind(self.population)
    }
}

/// The names of a record: id, main name and names by language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordText<'a> {
    /// Stable id (`geonames_1516905`, `region_kz_zha`, `country_tr`).
    pub id: &'a str,
    /// English or main name.
    pub name: &'a str,
    /// Names by language code.
    pub names: Vec<(&'a str, &'a str)>,
}

/// The background gazetteer, read in place.
pub struct Store {
    bytes: &'static [u8],
    count: usize,
    sections: [(usize, usize); SECTIONS],
    names: NameMap<&'static [u8]>,
    ids: Fst<&'static [u8]>,
    common_words: fst::Set<&'static [u8]>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("records", &self.count)
            .field("names", &self.names.len())
            .finish()
    }
}

const RECORDS: usize = 0;
const STRINGS: usize = 1;
const GEOMETRY: usize = 2;
const POSTINGS: usize = 3;
const NAMES: usize = 4;
const IDS: usize = 5;
const COMMON_WORDS: usize = 6;

impl Store {
    /// Opens an asset, checking its header, its sections' bounds and its maps' checksums.
    pub fn open(bytes: &'static [u8]) -> Result<Self, GazetteerError> {
        let bad = |why: &str| GazetteerError::Store(why.to_owned());
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(bad("not a Border Atlas gazetteer (wrong header)"));
        }
        let version = u32_at(bytes, 8).ok_or_else(|| bad("truncated header"))?;
        if version != VERSION {
            return Err(bad(&format!(
                "format version {version}, this build reads {VERSION}: rebuild the asset"
            )));
        }
        let count = u32_at(bytes, 12).ok_or_else(|| bad("truncated header"))? as usize;
        let mut sections = [(0, 0); SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let at = 16 + i * 16;
            let (Some(off), Some(len)) = (u64_at(bytes, at), u64_at(bytes, at + 8)) else {
                return Err(bad("truncated header"));
            };
            let (off, len) = (off as usize, len as usize);
            if off.checked_add(len).is_none_or(|end| end > bytes.len()) {
                return Err(bad("a section lies outside the file"));
            }
            *s = (off, len);
        }
        if sections[RECORDS].1 != count * RECORD_LEN {
            return Err(bad("the record section has the wrong length"));
        }
        let slice = |i: usize| &bytes[sections[i].0..sections[i].0 + sections[i].1];
        let names = NameMap::new(slice(NAMES), slice(POSTINGS))
            .map_err(|e| bad(&format!("name index: {e}")))?;
        let ids = Fst::new(slice(IDS)).map_err(|e| bad(&format!("id index: {e}")))?;
        ids.verify().map_err(|e| bad(&format!("id index: {e}")))?;
        let common_words =
            fst::Set::new(slice(COMMON_WORDS)).map_err(|e| bad(&format!("common words: {e}")))?;
        common_words
            .as_fst()
            .verify()
            .map_err(|e| bad(&format!("common words: {e}")))?;
        Ok(Self {
            bytes,
            count,
            sections,
            names,
            ids,
            common_words,
        })
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The name index: folded name → postings.
    pub fn names(&self) -> &NameMap<&'static [u8]> {
        &self.names
    }

    fn section(&self, i: usize) -> &'static [u8] {
        let (off, len) = self.sections[i];
        &self.bytes[off..off + len]
    }

    /// Whether a folded word is an everyday word of English, German or Russian.
    pub fn is_common_word(&self, folded: &str) -> bool {
        self.common_words.contains(folded)
    }

    /// Record `i`.
    pub fn record(&self, i: u32) -> Option<Record> {
        let at = (i as usize).checked_mul(RECORD_LEN)?;
        let r = self.section(RECORDS).get(at..at + RECORD_LEN)?;
        let i32_at = |o: usize| i32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        let u32_at = |o: usize| u32::from_le_bytes([r[o], r[o + 1], r[o + 2], r[o + 3]]);
        Some(Record {
            point: Point::new(f64::from(i32_at(0)) / 1e5, f64::from(i32_at(4)) / 1e5),
            population: u32_at(8),
            text_offset: u32_at(12),
            geometry_offset: u32_at(16),
            country: [r[20], r[21]],
            kind: StoredKind::from_u8(r[22])?,
            rank: Rank::from_u8(r[23]),
            radius_km: u16::from_le_bytes([r[24], r[25]]),
        })
    }

    /// The id and names of record `i`.
    pub fn text(&self, i: u32) -> Option<RecordText<'static>> {
        let record = self.record(i)?;
        let mut r = Reader::at(self.section(STRINGS), record.text_offset as usize);
        let id = r.str()?;
        let name = r.str()?;
        let n = r.u8()?;
        let mut names = Vec::with_capacity(n as usize);
        for _ in 0..n {
            names.push((r.str()?, r.str()?));
        }
        Some(RecordText { id, name, names })
    }

    /// The polygons of record `i`, for regions and lakes that have them.
    pub fn polygons(&self, i: u32) -> Option<MultiPolygon> {
        let record = self.record(i)?;
        if record.geometry_offset == u32::MAX {
            return None;
        }
        let mut r = Reader::at(self.section(GEOMETRY), record.geometry_offset as usize);
        let polygons = r.u32()?;
        let mut out = Vec::new();
        for _ in 0..polygons {
            let rings = r.u32()?;
            let mut ls: Vec<LineString> = Vec::new();
            for _ in 0..rings {
                let n = r.u32()?;
                let mut coords = Vec::with_capacity(n.min(1 << 16) as usize);
                for _ in 0..n {
                    let (x, y) = (r.i32()?, r.i32()?);
                    coords.push(Coord {
                        x: f64::from(x) / 1e5,
                        y: f64::from(y) / 1e5,
                    });
                }
                ls.push(LineString::new(coords));
            }
            let mut rings = ls.into_iter();
            let outer = rings.next()?;
            out.push(Polygon::new(outer, rings.collect()));
        }
        Some(MultiPolygon::new(out))
    }

    /// The record with this id.
    pub fn index_of(&self, id: &str) -> Option<u32> {
        let v = self.ids.get(id)?.value();
        u32::try_from(v).ok().filter(|&i| (i as usize) < self.count)
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Reads length-prefixed values from a section.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Self {
        Self { bytes, at }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = u16::from_le_bytes(self.take(2)?.try_into().ok()?) as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
}
