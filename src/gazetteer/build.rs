//! Writing the background gazetteer asset (`assets/gazetteer.bin`) from the places the asset
//! script gathered (`tools/build_gazetteer.py` → one JSON object a line).
//!
//! Run by `border-atlas gazetteer-build`, so names are folded by the same code that folds
//! documents. See [`super::store`] for the layout.

use std::collections::HashSet;
use std::io::BufRead;

use serde::Deserialize;

use super::keys::{MIN_KEY, keys_of, town_adjective};

/// Countries whose towns' Russian adjectives are indexed, for the districts named after
/// them (Russian is the lingua franca of their news).
const DERIVED_ADJECTIVE_COUNTRIES: &[&str] = &["KZ", "KG", "UZ", "TJ", "TM", "RU"];
use super::names::{KEY_COMMON_WORD, NameMap, Posting};
use super::place::PlaceKind;
use super::store::{HEADER_LEN, MAGIC, RECORD_LEN, Rank, SECTIONS, StoredKind, VERSION};
use crate::geoparse::fold::fold_name;

/// One place as the asset script writes it.
#[derive(Debug, Deserialize)]
pub struct SourcePlace {
    /// Stable id.
    pub id: String,
    /// `country`, `region`, `district`, `city`, `area` or `lake`.
    pub kind: String,
    /// Main (English) name.
    pub name: String,
    /// ISO 3166-1 alpha-2, or empty.
    #[serde(default)]
    pub country: String,
    /// Inhabitants.
    #[serde(default)]
    pub population: u64,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Radius of a district or area, km.
    #[serde(default)]
    pub radius_km: f64,
    /// GeoNames feature code, or `admin1`, `admin2`, `country`, `area`.
    #[serde(default)]
    pub rank: String,
    /// Names by language (en, de, ru).
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, String>,
    /// Every name worth indexing.
    #[serde(default)]
    pub all_names: Vec<String>,
    /// Polygons: rings of flat `[lon, lat, lon, lat…]` in 1e-5 degrees, outer ring first.
    #[serde(default)]
    pub polygons: Vec<Vec<Vec<i64>>>,
}

/// Why the asset could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Reading the input failed.
    #[error("reading the source: {0}")]
    Io(#[from] std::io::Error),
    /// A line is not a place.
    #[error("line {line}: {why}")]
    Line {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        why: String,
    },
    /// The name index could not be built.
    #[error("name index: {0}")]
    Names(#[from] super::names::NameMapError),
    /// Two places share an id.
    #[error("two places have the id `{0}`")]
    DuplicateId(String),
}

/// Reads the places, one JSON object a line.
pub fn read_source(reader: impl BufRead) -> Result<Vec<SourcePlace>, BuildError> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let place: SourcePlace = serde_json::from_str(&line).map_err(|e| BuildError::Line {
            line: i + 1,
            why: e.to_string(),
        })?;
        out.push(place);
    }
    Ok(out)
}

fn stored_kind(kind: &str) -> Option<StoredKind> {
    Some(match kind {
        "country" => StoredKind::Country,
        "region" => StoredKind::Region,
        "district" => StoredKind::District,
        "city" => StoredKind::City,
        "area" => StoredKind::Area,
        "lake" => StoredKind::Lake,
        _ => return None,
    })
}

/// Builds the asset's bytes. `common_words` are words of everyday English, German and
/// Russian; a one-word name equal to one of them (folded) is marked, so the geoparser asks
/// for more evidence before it takes it.
pub fn build(places: &[SourcePlace], common_words: &[String]) -> Result<Vec<u8>, BuildError> {
    let common: HashSet<String> = common_words.iter().map(|w| fold_name(w)).collect();
    let mut records = Vec::with_capacity(places.len() * RECORD_LEN);
    let mut strings: Vec<u8> = Vec::new();
    let mut geometry: Vec<u8> = Vec::new();
    let mut entries: Vec<(String, u8, Posting)> = Vec::new();
    let mut ids: Vec<(String, u64)> = Vec::with_capacity(places.len());
    for (i, p) in places.iter().enumerate() {
        let kind = stored_kind(&p.kind).ok_or_else(|| BuildError::Line {
            line: i + 1,
            why: format!("unknown kind `{}`", p.kind),
        })?;
        let population = u32::try_from(p.population).unwrap_or(u32::MAX);
        let text_offset = strings.len() as u32;
        write_text(&mut strings, p);
        let geometry_offset = if p.polygons.is_empty() {
            u32::MAX
        } else {
            let at = geometry.len() as u32;
            write_polygons(&mut geometry, &p.polygons);
            at
        };
        write_record(
            &mut records,
            p,
            population,
            kind,
            text_offset,
            geometry_offset,
        );
        ids.push((p.id.clone(), i as u64));
        push_name_keys(&mut entries, p, i, kind, population, &common);
    }
    ids.sort();
    if let Some(w) = ids.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(BuildError::DuplicateId(w[0].0.clone()));
    }
    let id_fst = fst::Map::from_iter(ids.iter().map(|(k, v)| (k.as_str(), *v)))
        .map_err(super::names::NameMapError::from)?
        .into_fst()
        .into_inner();
    let (names_fst, postings) = NameMap::build(entries)?.into_parts();
    let mut common: Vec<&String> = common.iter().filter(|w| !w.is_empty()).collect();
    common.sort();
    common.dedup();
    let common_fst = fst::Set::from_iter(common)
        .map_err(super::names::NameMapError::from)?
        .into_fst()
        .into_inner();
    Ok(assemble(
        places.len(),
        [
            records, strings, geometry, postings, names_fst, id_fst, common_fst,
        ],
    ))
}

fn write_record(
    out: &mut Vec<u8>,
    p: &SourcePlace,
    population: u32,
    kind: StoredKind,
    text_offset: u32,
    geometry_offset: u32,
) {
    let e5 = |v: f64| (v * 1e5).round() as i32;
    out.extend_from_slice(&e5(p.lon).to_le_bytes());
    out.extend_from_slice(&e5(p.lat).to_le_bytes());
    out.extend_from_slice(&population.to_le_bytes());
    out.extend_from_slice(&text_offset.to_le_bytes());
    out.extend_from_slice(&geometry_offset.to_le_bytes());
    let c = p.country.as_bytes();
    out.extend_from_slice(&[
        c.first().copied().unwrap_or(b' '),
        c.get(1).copied().unwrap_or(b' '),
    ]);
    out.push(kind as u8);
    out.push(Rank::of_feature_code(&p.rank) as u8);
    out.extend_from_slice(&(p.radius_km.round().clamp(0.0, 65535.0) as u16).to_le_bytes());
    out.extend_from_slice(&[0u8; 6]);
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
    out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn write_text(out: &mut Vec<u8>, p: &SourcePlace) {
    write_str(out, &p.id);
    write_str(out, &p.name);
    let names: Vec<_> = p.names.iter().take(255).collect();
    out.push(names.len() as u8);
    for (lang, name) in names {
        write_str(out, lang);
        write_str(out, name);
    }
}

fn write_polygons(out: &mut Vec<u8>, polygons: &[Vec<Vec<i64>>]) {
    out.extend_from_slice(&(polygons.len() as u32).to_le_bytes());
    for rings in polygons {
        out.extend_from_slice(&(rings.len() as u32).to_le_bytes());
        for ring in rings {
            out.extend_from_slice(&((ring.len() / 2) as u32).to_le_bytes());
            for v in ring.chunks_exact(2) {
                for x in v {
                    out.extend_from_slice(&(*x as i32).to_le_bytes());
                }
            }
        }
    }
}

/// Header and sections in one buffer.
fn assemble(count: usize, sections: [Vec<u8>; SECTIONS]) -> Vec<u8> {
    let total: usize = sections.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(HEADER_LEN + total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(count as u32).to_le_bytes());
    let mut offset = HEADER_LEN as u64;
    for s in &sections {
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        offset += s.len() as u64;
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    out
}

/// The place kind of a source place, for tests and tools.
pub fn place_kind_of(p: &SourcePlace) -> Option<PlaceKind> {
    Some(stored_kind(&p.kind)?.place_kind(u32::try_from(p.population).unwrap_or(u32::MAX)))
}

/// Adds the search keys of every name of place `i` to `entries`.
fn push_name_keys(
    entries: &mut Vec<(String, u8, Posting)>,
    p: &SourcePlace,
    i: usize,
    kind: StoredKind,
    population: u32,
    common: &HashSet<String>,
) {
    let place_kind = kind.place_kind(population);
    let main: HashSet<&str> = std::iter::once(p.name.as_str())
        .chain(p.names.values().map(String::as_str))
        .collect();
    for name in p
        .all_names
        .iter()
        .map(String::as_str)
        .chain(main.iter().copied())
    {
        let keys = keys_of(name, place_kind, main.contains(name));
        // A background name of three letters is taken only as a place's main name:
        // GeoNames' short alternates ("Amu" for Lamu) are false friends.
        let usable = |(k, f): &(String, u8)| {
            k.len() >= MIN_KEY && (k.len() > 3 || f & super::names::name_flags::MAIN != 0)
        };
        let derived = (kind == StoredKind::City
            && DERIVED_ADJECTIVE_COUNTRIES.contains(&p.country.as_str()))
        .then(|| town_adjective(name))
        .flatten();
        for (key, flags) in keys.into_iter().chain(derived).filter(usable) {
            let key_flags = if !key.contains(' ') && common.contains(&key) {
                KEY_COMMON_WORD
            } else {
                0
            };
            let posting = Posting {
                place: i as u32,
                flags,
            };
            entries.push((key, key_flags, posting));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::store::Store;

    fn source() -> Vec<SourcePlace> {
        let lines = [
            r#"{"id":"geonames_1","kind":"city","name":"Taraz","country":"KZ","population":358153,"lon":71.36667,"lat":42.9,"rank":"PPLA","names":{"ru":"Тараз"},"all_names":["Taraz","Dzhambul","Тараз"]}"#,
            r#"{"id":"region_kz_zha","kind":"region","name":"Zhambyl","country":"KZ","lon":71.5,"lat":44.0,"rank":"admin1","all_names":["Zhambyl Region","Жамбылская область"],"polygons":[[[7000000,4200000,7300000,4200000,7300000,4500000,7000000,4200000]]]}"#,
        ];
        read_source(lines.join("\n").as_bytes()).expect("source")
    }

    #[test]
    fn the_built_asset_reads_back() {
        let bytes = build(&source(), &["dzhambul".to_owned()]).expect("build");
        let store = Store::open(Box::leak(bytes.into_boxed_slice())).expect("open");
        assert_eq!(store.len(), 2);
        let taraz = store.record(0).expect("record");
        assert_eq!(taraz.country_code(), "KZ");
        assert_eq!(taraz.rank, Rank::RegionSeat);
        assert!((taraz.point.x() - 71.36667).abs() < 1e-5);
        let text = store.text(0).expect("text");
        assert_eq!((text.id, text.name), ("geonames_1", "Taraz"));
        assert_eq!(text.names, vec![("ru", "Тараз")]);
        assert_eq!(store.index_of("region_kz_zha"), Some(1));
        let area = store.polygons(1).expect("polygon");
        assert_eq!(area.0.len(), 1);
        let names = store.names();
        let key = fold_name("Dzhambul");
        let (flags, mut postings) = names.postings(names.get(&key).expect("alternate"));
        assert_eq!(flags, KEY_COMMON_WORD);
        assert_eq!(postings.next().map(|p| p.place), Some(0));
        let stem = fold_name("Жамбылск");
        assert!(names.get(&stem).is_some(), "adjective stem of the region");
        let bare = fold_name("Zhambyl");
        assert!(
            names.get(&bare).is_some(),
            "the region without its admin word"
        );
    }

    #[test]
    fn a_damaged_asset_is_an_error_not_a_panic() {
        let bytes = build(&source(), &[]).expect("build");
        for cut in [0, 10, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
            let damaged: &'static [u8] = Box::leak(bytes[..cut].to_vec().into_boxed_slice());
            assert!(Store::open(damaged).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 20;
        flipped[last] ^= 0x55;
        assert!(Store::open(Box::leak(flipped.into_boxed_slice())).is_err());
    }
}
