//! Exported files open in GDAL (`ogrinfo`) with no warnings, the right feature count and
//! geometry types; polygons are in RFC 7946 winding order and quotes match the documents.
//!
//! Needs `ogrinfo` (Debian: `gdal-bin`). `.ci/run` installs it and sets
//! `BORDER_ATLAS_REQUIRE_GDAL=1`, so there a missing `ogrinfo` fails the test; elsewhere
//! the test says it was skipped.

use std::path::Path;
use std::process::Command;

use border_atlas::atlas::{Atlas, AtlasItem};
use border_atlas::corpus::Corpus;
use border_atlas::export::geojson::{feature_collection, to_string};
use border_atlas::gazetteer::Geometry;
use border_atlas::geoparse::Geoparser;
use border_atlas::seeds::SEED_DOCUMENTS;

fn ogrinfo(args: &[&str], path: &Path) -> Option<(String, String)> {
    let out = match Command::new("ogrinfo").args(args).arg(path).output() {
        Ok(out) => out,
        Err(e) => {
            assert!(
                std::env::var_os("BORDER_ATLAS_REQUIRE_GDAL").is_none(),
                "ogrinfo is required here but could not run: {e}"
            );
            eprintln!("SKIPPED: ogrinfo is not installed (apt-get install gdal-bin)");
            return None;
        }
    };
    assert!(out.status.success(), "ogrinfo failed: {out:?}");
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// The GDAL geometry type name of each item, as ogrinfo prints it.
fn gdal_type(item: &AtlasItem) -> &'static str {
    match &item.geometry {
        Geometry::Point(_) => "POINT",
        Geometry::Line(_) => "LINESTRING",
        Geometry::Area(a) if a.0.len() == 1 => "POLYGON",
        Geometry::Area(_) => "MULTIPOLYGON",
    }
}

fn signed_area(ring: &[Vec<f64>]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum::<f64>()
        / 2.0
}

#[test]
fn exported_geojson_opens_in_gdal_without_warnings() {
    let geoparser = Geoparser::embedded().expect("gazetteer");
    let atlas = Atlas::build(Corpus::seeds(), &geoparser);
    let items: Vec<&AtlasItem> = atlas.items.iter().collect();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("places.geojson");
    let text = to_string(&feature_collection(&atlas, &items));
    std::fs::write(&path, &text).expect("write");

    // Winding and quotes, from the file itself.
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let features = value["features"].as_array().expect("features");
    assert_eq!(features.len(), items.len());
    for f in features {
        let g = &f["geometry"];
        let polygons: Vec<serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![g["coordinates"].clone()],
            Some("MultiPolygon") => g["coordinates"].as_array().expect("polygons").clone(),
            _ => Vec::new(),
        };
        for polygon in polygons {
            let rings: Vec<Vec<Vec<f64>>> = serde_json::from_value(polygon).expect("rings");
            assert!(signed_area(&rings[0]) > 0.0, "outer ring counter-clockwise");
            for hole in &rings[1..] {
                assert!(signed_area(hole) < 0.0, "holes clockwise");
            }
        }
        for s in f["properties"]["sources"].as_array().expect("sources") {
            let doc = SEED_DOCUMENTS
                .iter()
                .find(|d| d.file_name == s["document"])
                .expect("a seed document");
            let (a, b) = (
                s["start"].as_u64().expect("start") as usize,
                s["end"].as_u64().expect("end") as usize,
            );
            let quote: String = doc.text.chars().skip(a).take(b - a).collect();
            assert_eq!(quote, s["quote"].as_str().expect("quote"));
        }
    }

    let Some((summary, warnings)) = ogrinfo(&["-ro", "-al", "-so"], &path) else {
        return;
    };
    assert!(warnings.trim().is_empty(), "GDAL warned: {warnings}");
    assert!(
        summary.contains(&format!("Feature Count: {}", items.len())),
        "{summary}"
    );
    assert!(summary.contains("ID[\"EPSG\",4326]"), "WGS 84: {summary}");

    let Some((dump, warnings)) = ogrinfo(&["-ro", "-al", "-geom=SUMMARY"], &path) else {
        return;
    };
    assert!(warnings.trim().is_empty(), "GDAL warned: {warnings}");
    let read: Vec<&str> = dump
        .lines()
        // A feature's own geometry is indented by two spaces; a multipolygon's parts follow
        // unindented.
        .filter_map(|l| l.strip_prefix("  ")?.split(" : ").next())
        .filter(|t| ["POINT", "LINESTRING", "POLYGON", "MULTIPOLYGON"].contains(t))
        .collect();
    let expected: Vec<&str> = items.iter().map(|i| gdal_type(i)).collect();
    assert_eq!(read, expected, "geometry types, feature by feature");
}
