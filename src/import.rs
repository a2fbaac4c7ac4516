//! Importing GeoJSON layers: a file of features from another tool (QGIS, a web map, an
//! earlier Border Atlas export) becomes a layer of its own, its features kept with their
//! ids and properties so they can be exported again unchanged.
//!
//! Everything is checked before anything is kept: a file that is not JSON, not GeoJSON,
//! too large, in a projected coordinate system, or with broken geometry is refused as a
//! whole with a message that says which feature and why.

use std::path::{Path, PathBuf};

use geo::{Coord, LineString, MultiPolygon, Point, Polygon};
use geojson::{GeoJson, GeometryValue, JsonObject, Position, feature::Id};

use crate::gazetteer::Geometry;

/// The largest file that can be imported: larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A feature of an imported layer.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedFeature {
    /// The feature's `id`, as in the file.
    pub id: Option<Id>,
    /// A name to show: the `name` (or `title`, `label`) property, else "Feature n".
    pub name: String,
    /// Where it is.
    pub geometry: Geometry,
    /// The properties, as in the file.
    pub properties: JsonObject,
}

/// A layer imported from a GeoJSON file.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedLayer {
    /// Stable within a session and a project: items and legend entries refer to it.
    pub key: u32,
    /// The layer's name in the legend (the file's name without its extension).
    pub name: String,
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// Its features, in the file's order.
    pub features: Vec<ImportedFeature>,
}

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("could not read the file: {0}")]
    Read(#[from] std::io::Error),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("the file is {size_mb} MB; layers of up to {limit_mb} MB can be imported")]
    TooLarge {
        /// Its size in MB.
        size_mb: u64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// The bytes are not JSON.
    #[error("the file is not JSON ({0})")]
    NotJson(serde_json::Error),
    /// JSON, but not GeoJSON.
    #[error("the file is JSON but not GeoJSON ({0})")]
    NotGeoJson(String),
    /// A `crs` member names a system other than WGS 84 longitude/latitude.
    #[error(
        "the file uses the coordinate system {0}; only WGS 84 longitude/latitude (RFC 7946) can be imported — export it from your GIS as EPSG:4326"
    )]
    Crs(String),
    /// Nothing to import.
    #[error("the file holds no features")]
    Empty,
    /// A feature is broken.
    #[error("feature {feature}: {problem}")]
    Feature {
        /// 1-based number of the feature in the file.
        feature: usize,
        /// What is wrong with it.
        problem: FeatureProblem,
    },
}

/// What is wrong with one feature.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FeatureProblem {
    /// No geometry (`null`).
    #[error("it has no geometry")]
    NoGeometry,
    /// A geometry type that cannot be shown as one place.
    #[error("{0} geometries are not supported (Point, LineString, Polygon and MultiPolygon are)")]
    Unsupported(String),
    /// A position with fewer than two numbers.
    #[error("a position needs a longitude and a latitude")]
    ShortPosition,
    /// A coordinate outside longitude -180…180 or latitude -90…90, or not a number.
    #[error(
        "the position [{0}, {1}] is outside longitude -180…180, latitude -90…90 — GeoJSON must be in WGS 84 longitude/latitude (was it saved in a projected system?)"
    )]
    OutOfRange(f64, f64),
    /// A line with fewer than two positions.
    #[error("a line needs at least two positions")]
    ShortLine,
    /// A polygon ring with fewer than four positions.
    #[error("a polygon ring needs at least four positions")]
    ShortRing,
    /// A ring whose last position is not its first.
    #[error("a polygon ring is not closed (its last position differs from its first)")]
    UnclosedRing,
}

/// Reads a GeoJSON file as a layer with the given key; its name is the file's stem.
pub fn read_layer(path: &Path, key: u32) -> Result<ImportedLayer, ImportError> {
    use crate::fileio::{ReadError, read_bounded};
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => ImportError::Read(e),
        ReadError::NotRegular(kind) => {
            ImportError::Read(std::io::Error::other(format!("it is a {kind}, not a file")))
        }
        ReadError::TooLarge(_) => {
            too_large(std::fs::metadata(path).map_or(MAX_FILE_BYTES + 1, |m| m.len()))
        }
    })?;
    let features = parse_features(&bytes)?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Imported layer".into());
    Ok(ImportedLayer {
        key,
        name,
        path: Some(path.to_owned()),
        features,
    })
}

fn too_large(size: u64) -> ImportError {
    ImportError::TooLarge {
        size_mb: size.div_ceil(1024 * 1024),
        limit_mb: MAX_FILE_BYTES / (1024 * 1024),
    }
}

/// Parses and checks GeoJSON text: a FeatureCollection, a Feature or a bare Geometry.
pub fn parse_features(bytes: &[u8]) -> Result<Vec<ImportedFeature>, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(ImportError::NotJson)?;
    check_crs(&value)?;
    let geojson = serde_json::from_value::<GeoJson>(value)
        .map_err(|e| ImportError::NotGeoJson(e.to_string()))?;
    let raw: Vec<(Option<Id>, Option<geojson::Geometry>, JsonObject)> = match geojson {
        GeoJson::Geometry(g) => vec![(None, Some(g), JsonObject::new())],
        GeoJson::Feature(f) => vec![(f.id, f.geometry, f.properties.unwrap_or_default())],
        GeoJson::FeatureCollection(c) => c
            .features
            .into_iter()
            .map(|f| (f.id, f.geometry, f.properties.unwrap_or_default()))
            .collect(),
    };
    if raw.is_empty() {
        return Err(ImportError::Empty);
    }
    raw.into_iter()
        .enumerate()
        .map(|(n, (id, geometry, properties))| {
            let geometry = geometry
                .ok_or(FeatureProblem::NoGeometry)
                .and_then(|g| convert(&g.value))
                .map_err(|problem| ImportError::Feature {
                    feature: n + 1,
                    problem,
                })?;
            Ok(ImportedFeature {
                name: name_of(&properties, &id).unwrap_or_else(|| format!("Feature {}", n + 1)),
                id,
                geometry,
                properties,
            })
        })
        .collect()
}

/// Refuses a `crs` member (GeoJSON 2008) that names anything but WGS 84 longitude/latitude.
fn check_crs(value: &serde_json::Value) -> Result<(), ImportError> {
    let Some(crs) = value.get("crs").filter(|c| !c.is_null()) else {
        return Ok(());
    };
    let name = crs
        .pointer("/properties/name")
        .and_then(|n| n.as_str())
        .unwrap_or("(unnamed)");
    let wgs84 = ["CRS84", "EPSG::4326", "EPSG:4326"]
        .iter()
        .any(|ok| name.to_ascii_uppercase().ends_with(ok));
    if wgs84 {
        Ok(())
    } else {
        Err(ImportError::Crs(name.to_owned()))
    }
}

/// The feature's name: a name-like property, else its id.
fn name_of(properties: &JsonObject, id: &Option<Id>) -> Option<String> {
    ["name", "Name", "NAME", "title", "label", "name_en"]
        .iter()
        .find_map(|k| properties.get(*k)?.as_str())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .or_else(|| match id {
            Some(Id::String(s)) => Some(s.clone()),
            Some(Id::Number(n)) => Some(n.to_string()),
            None => None,
        })
}

fn coord(p: &Position) -> Result<Coord, FeatureProblem> {
    let s = p.as_slice();
    let (&x, &y) = match s {
        [x, y, ..] => (x, y),
        _ => return Err(FeatureProblem::ShortPosition),
    };
    if !(x.is_finite()
        && y.is_finite()
        && (-180.0..=180.0).contains(&x)
        && (-90.0..=90.0).contains(&y))
    {
        return Err(FeatureProblem::OutOfRange(x, y));
    }
    Ok(Coord { x, y })
}

fn line(positions: &[Position]) -> Result<LineString, FeatureProblem> {
    let coords = positions.iter().map(coord).collect::<Result<Vec<_>, _>>()?;
    if coords.len() < 2 {
        return Err(FeatureProblem::ShortLine);
    }
    Ok(LineString::new(coords))
}

fn ring(positions: &[Position]) -> Result<LineString, FeatureProblem> {
    let coords = positions.iter().map(coord).collect::<Result<Vec<_>, _>>()?;
    if coords.len() < 4 {
        return Err(FeatureProblem::ShortRing);
    }
    if coords.first() != coords.last() {
        return Err(FeatureProblem::UnclosedRing);
    }
    Ok(LineString::new(coords))
}

fn polygon(rings: &[Vec<Position>]) -> Result<Polygon, FeatureProblem> {
    let mut rings = rings.iter().map(|r| ring(r));
    let exterior = rings.next().ok_or(FeatureProblem::ShortRing)??;
    let interiors = rings.collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}

/// Converts a GeoJSON geometry to a place's geometry, checking it on the way. A MultiPoint
/// or MultiLineString of one part (as GIS tools often write) is taken as that part.
fn convert(value: &GeometryValue) -> Result<Geometry, FeatureProblem> {
    match value {
        GeometryValue::Point { coordinates } => Ok(Geometry::Point(Point(coord(coordinates)?))),
        GeometryValue::MultiPoint { coordinates } if coordinates.len() == 1 => {
            Ok(Geometry::Point(Point(coord(&coordinates[0])?)))
        }
        GeometryValue::LineString { coordinates } => Ok(Geometry::Line(line(coordinates)?)),
        GeometryValue::MultiLineString { coordinates } if coordinates.len() == 1 => {
            Ok(Geometry::Line(line(&coordinates[0])?))
        }
        GeometryValue::Polygon { coordinates } => {
            Ok(Geometry::Area(MultiPolygon::new(vec![polygon(
                coordinates,
            )?])))
        }
        GeometryValue::MultiPolygon { coordinates } if !coordinates.is_empty() => {
            let polygons = coordinates
                .iter()
                .map(|p| polygon(p))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Geometry::Area(MultiPolygon::new(polygons)))
        }
        GeometryValue::MultiPolygon { .. } => Err(FeatureProblem::ShortRing),
        GeometryValue::MultiPoint { coordinates } => Err(FeatureProblem::Unsupported(format!(
            "MultiPoint ({} points)",
            coordinates.len()
        ))),
        GeometryValue::MultiLineString { coordinates } => Err(FeatureProblem::Unsupported(
            format!("MultiLineString ({} lines)", coordinates.len()),
        )),
        GeometryValue::GeometryCollection { .. } => {
            Err(FeatureProblem::Unsupported("GeometryCollection".into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> FeatureProblem {
        match parse_features(text.as_bytes()) {
            Err(ImportError::Feature { problem, .. }) => problem,
            other => panic!("expected a feature problem, got {other:?}"),
        }
    }

    #[test]
    fn reads_a_collection_with_ids_names_and_properties() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","id":"a","properties":{"name":"Korday","lanes":4},
             "geometry":{"type":"Point","coordinates":[74.7,43.03]}},
            {"type":"Feature","id":7,"properties":null,
             "geometry":{"type":"Polygon","coordinates":[[[70,40],[71,40],[71,41],[70,40]]]}}]}"#;
        let f = parse_features(text.as_bytes()).expect("valid");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].name, "Korday");
        assert_eq!(f[0].properties.get("lanes"), Some(&serde_json::json!(4)));
        assert_eq!(f[1].name, "7");
        assert!(matches!(f[1].geometry, Geometry::Area(_)));
    }

    #[test]
    fn refuses_broken_files_with_reasons() {
        assert!(matches!(
            parse_features(b"not json"),
            Err(ImportError::NotJson(_))
        ));
        assert!(matches!(
            parse_features(br#"{"type":"Banana"}"#),
            Err(ImportError::NotGeoJson(_))
        ));
        assert!(matches!(
            parse_features(br#"{"type":"FeatureCollection","features":[]}"#),
            Err(ImportError::Empty)
        ));
        assert_eq!(
            problem(r#"{"type":"Point","coordinates":[8000000,5000000]}"#),
            FeatureProblem::OutOfRange(8000000.0, 5000000.0)
        );
        assert_eq!(
            problem(r#"{"type":"Polygon","coordinates":[[[70,40],[71,40],[71,41],[70,41]]]}"#),
            FeatureProblem::UnclosedRing
        );
        assert_eq!(
            problem(r#"{"type":"GeometryCollection","geometries":[]}"#),
            FeatureProblem::Unsupported("GeometryCollection".into())
        );
        assert_eq!(
            problem(r#"{"type":"Feature","properties":{},"geometry":null}"#),
            FeatureProblem::NoGeometry
        );
        assert_eq!(
            problem(r#"{"type":"LineString","coordinates":[[70,40]]}"#),
            FeatureProblem::ShortLine
        );
        let crs = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[]}"#;
        assert!(matches!(
            parse_features(crs.as_bytes()),
            Err(ImportError::Crs(name)) if name.ends_with("3857")
        ));
    }

    #[test]
    fn a_message_names_the_feature() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[70,40]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[70,400]}}]}"#;
        let message = parse_features(text.as_bytes())
            .expect_err("out of range")
            .to_string();
        assert!(
            message.starts_with("feature 2: the position [70, 400]"),
            "{message}"
        );
    }
}
