//! The command line as users run it: `border-atlas places` and `border-atlas export`, on the
//! seeds and on files with problems. The exported GeoJSON is read back with the `geojson`
//! crate and every quote is cut from its document again.

use std::path::Path;
use std::process::Output;

use border_atlas::seeds::SEED_DOCUMENTS;
use geojson::{FeatureCollection, GeometryValue};

mod common;

use common::border_atlas;

fn collection(out: &Output) -> FeatureCollection {
    let text = String::from_utf8(out.stdout.clone()).expect("UTF-8 output");
    text.parse::<geojson::GeoJson>()
        .ok()
        .and_then(|g| FeatureCollection::try_from(g).ok())
        .expect("stdout is a GeoJSON FeatureCollection")
}

fn ring_area(ring: &[geojson::Position]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum::<f64>()
        / 2.0
}

#[test]
fn every_exported_quote_is_cut_from_its_document_again() {
    let out = border_atlas(&["export"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fc = collection(&out);
    assert!(fc.features.len() >= 50, "{} features", fc.features.len());
    let mut quotes = 0;
    for f in &fc.features {
        assert!(
            matches!(f.id, Some(geojson::feature::Id::String(_))),
            "string ids"
        );
        let props = f.properties.as_ref().expect("properties");
        for key in ["name", "kind", "countries", "names", "sources"] {
            assert!(props.contains_key(key), "{key} missing in {:?}", f.id);
        }
        for source in props["sources"].as_array().expect("sources is a list") {
            let doc = SEED_DOCUMENTS
                .iter()
                .find(|d| d.file_name == source["document"].as_str().expect("document name"))
                .expect("a seed document");
            let (start, end) = (
                source["start"].as_u64().expect("start"),
                source["end"].as_u64().expect("end"),
            );
            let cut: String = doc
                .text
                .chars()
                .skip(start as usize)
                .take((end - start) as usize)
                .collect();
            assert_eq!(cut, source["quote"].as_str().expect("quote"));
            quotes += 1;
        }
    }
    assert!(quotes >= 60, "{quotes} quotes");
}

#[test]
fn geometry_follows_rfc_7946() {
    let fc = collection(&border_atlas(&[
        "export",
        "--kind",
        "region",
        "--kind",
        "lake",
        "--kind",
        "checkpoint",
    ]));
    assert!(!fc.features.is_empty());
    for f in &fc.features {
        let g = f.geometry.as_ref().expect("geometry");
        let polygons: Vec<&Vec<Vec<geojson::Position>>> = match &g.value {
            GeometryValue::Polygon { coordinates } => vec![coordinates],
            GeometryValue::MultiPolygon { coordinates } => coordinates.iter().collect(),
            GeometryValue::Point { coordinates } => {
                for v in coordinates.as_slice() {
                    assert_eq!((v * 1e6).round() / 1e6, *v, "rounded to 6 decimals");
                }
                continue;
            }
            other => panic!("unexpected geometry {}", other.type_name()),
        };
        for rings in polygons {
            assert!(
                ring_area(&rings[0]) > 0.0,
                "outer rings run counter-clockwise in {:?}",
                f.id
            );
            assert_eq!(rings[0].first(), rings[0].last(), "rings are closed");
            for hole in &rings[1..] {
                assert!(ring_area(hole) < 0.0, "holes run clockwise");
            }
        }
    }
}

#[test]
fn filters_by_kind_and_id() {
    let fc = collection(&border_atlas(&["export", "--kind", "checkpoint"]));
    let ids: Vec<String> = fc
        .features
        .iter()
        .filter_map(|f| match &f.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        ids.contains(&"cp_karasu".to_string()) && ids.iter().all(|i| i.starts_with("cp_")),
        "{ids:?}"
    );
    let one = collection(&border_atlas(&[
        "export",
        "--id",
        "twin_cities:city_shymkent+city_osh",
    ]));
    assert_eq!(one.features.len(), 1);
}

#[test]
fn bad_files_and_unknown_kinds_get_clear_messages_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "Der Grenzübergang Korday zwischen Kasachstan und Kirgisistan.",
    )
    .expect("write");
    let binary = dir.path().join("image.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150]).expect("write");
    let missing = dir.path().join("missing.txt");
    let out = border_atlas(&[
        "export",
        "--docs",
        path(&good),
        "--docs",
        path(&binary),
        "--docs",
        path(&missing),
        "--kind",
        "volcano",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("image.txt: not a text file"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("unknown kind `volcano`"), "{err}");
    let everything = border_atlas(&["export", "--docs", path(&good), "--docs", path(&binary)]);
    let fc = collection(&everything);
    assert!(
        fc.features
            .iter()
            .any(|f| f.id == Some(geojson::feature::Id::String("cp_korday".into())))
    );
}

#[test]
fn out_file_is_written_once_and_not_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("places.geojson");
    let first = border_atlas(&["export", "--kind", "hub", "--out", path(&file)]);
    assert!(first.status.success());
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.contains("hub_khorgos_icbc"));
    let again = border_atlas(&["export", "--out", path(&file)]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&file).expect("kept"),
        written,
        "the file is untouched"
    );
    let forced = border_atlas(&["export", "--out", path(&file), "--force"]);
    assert!(forced.status.success());
}

#[test]
fn places_lists_kind_countries_and_mentions() {
    let out = border_atlas(&["places"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let karasu = text
        .lines()
        .find(|l| l.ends_with("cp_karasu"))
        .expect("Karasu listed");
    assert!(
        karasu.contains("checkpoint") && karasu.contains("KZ"),
        "{karasu}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&border_atlas(&["places", "--json"]).stdout).expect("JSON output");
    let rows = json.as_array().expect("a list");
    assert!(
        rows.iter()
            .any(|r| r["id"] == "road_almaty_issyk_kul" && r["status"] == "planned")
    );
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn names_that_read_as_places_but_are_unknown_are_listed() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("unknown.txt");
    std::fs::write(
        &doc,
        "Trucks waited at the Korday checkpoint. A new post will open near the village of \
         Zhyrgalankol, and the station Tuyrbashkel will handle grain.",
    )
    .expect("write");
    let out = border_atlas(&["places", "--unresolved", "--json", "--docs", path(&doc)]);
    assert_eq!(out.status.code(), Some(0));
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("a JSON list of unresolved names");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&"Zhyrgalankol"), "{names:?}");
    assert!(names.contains(&"Tuyrbashkel"), "{names:?}");
    assert!(
        !names.contains(&"Korday"),
        "a known place is not unresolved: {names:?}"
    );
    let row = rows
        .iter()
        .find(|r| r["name"] == "Zhyrgalankol")
        .expect("row");
    assert_eq!(row["kind"], "village");
    assert!(
        row["quote"]
            .as_str()
            .is_some_and(|q| q.contains("Zhyrgalankol"))
    );
}
