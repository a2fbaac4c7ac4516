//! Property tests: no input makes GeoJSON import, project loading or document loading
//! panic. Inputs are random bytes, random text, and valid files broken at random
//! (truncated, bytes changed, pieces spliced in). Whatever is accepted is also checked:
//! imported coordinates are in range; a loaded project's documents build an atlas.
//! Documents with very long passages and names repeated thousands of times build an atlas
//! whose passages stay short and whose quotes are cut from the text again.

use std::sync::{Arc, OnceLock};

use border_atlas::atlas::Atlas;
use border_atlas::corpus::{Corpus, Document};
use border_atlas::gazetteer::Geometry;
use border_atlas::geoparse::Geoparser;
use border_atlas::import::parse_features;
use border_atlas::project::{Project, SavedDocument};
use proptest::prelude::*;

fn geoparser() -> Arc<Geoparser> {
    static G: OnceLock<Arc<Geoparser>> = OnceLock::new();
    G.get_or_init(|| Arc::new(Geoparser::embedded().expect("the gazetteer loads")))
        .clone()
}

/// A valid GeoJSON file: the seeds' places as Border Atlas exports them (a few of each
/// geometry type, to keep cases quick).
fn valid_geojson() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let atlas = Atlas::build(Corpus::seeds(), &geoparser());
        let mut items: Vec<_> = Vec::new();
        for want in ["Point", "Line", "Area"] {
            items.extend(
                atlas
                    .items
                    .iter()
                    .filter(|i| {
                        matches!(
                            (&i.geometry, want),
                            (Geometry::Point(_), "Point")
                                | (Geometry::Line(_), "Line")
                                | (Geometry::Area(_), "Area")
                        )
                    })
                    .take(2),
            );
        }
        border_atlas::export::geojson::to_string(
            &border_atlas::export::geojson::feature_collection(&atlas, &items),
        )
    })
}

fn valid_project() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut p = Project::default();
        p.documents.push(SavedDocument {
            file_name: "kegen.txt".into(),
            text: "The Kegen checkpoint reopens; trucks queue at Korday.".into(),
            text_file: None,
        });
        p.selection = vec!["cp_kegen".into()];
        p.layers.push(border_atlas::project::SavedLayer {
            key: 1,
            name: "depots".into(),
            path: None,
            features: serde_json::json!({"type":"Point","coordinates":[74.6,42.9]}),
        });
        p.to_json()
    })
}

/// Breaks `text` at random: cut, change bytes, splice in a piece of JSON.
fn mutated(text: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let n = text.len();
    (
        prop::option::of(0..=n),
        prop::collection::vec((0..n.max(1), any::<u8>()), 0..8),
        prop::option::of((0..=n, prop::sample::select(SPLICES.to_vec()))),
    )
        .prop_map(move |(cut, changes, splice)| {
            let mut bytes = text.as_bytes().to_vec();
            for (at, b) in changes {
                if at < bytes.len() {
                    bytes[at] = b;
                }
            }
            if let Some((at, piece)) = splice {
                let at = at.min(bytes.len());
                bytes.splice(at..at, piece.bytes());
            }
            if let Some(cut) = cut {
                bytes.truncate(cut);
            }
            bytes
        })
}

const SPLICES: [&str; 12] = [
    "null",
    "[]",
    "{}",
    "1e400",
    "-1e400",
    "NaN",
    "\"\\ud800\"",
    "[[[[[[[[[[[[[[[[[[[[",
    ",\"coordinates\":[]",
    ",\"type\":\"GeometryCollection\"",
    "0.000000000000000000000000000001",
    "\u{feff}",
];

fn check_import(bytes: &[u8]) {
    if let Ok(features) = parse_features(bytes) {
        assert!(!features.is_empty());
        for f in features {
            let (w, s, e, n) = f.geometry.bounds();
            assert!((-180.0..=180.0).contains(&w) && (-180.0..=180.0).contains(&e));
            assert!((-90.0..=90.0).contains(&s) && (-90.0..=90.0).contains(&n));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn import_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_import(&bytes);
    }

    #[test]
    fn import_survives_broken_geojson(bytes in mutated(valid_geojson())) {
        check_import(&bytes);
    }

    #[test]
    fn import_checks_any_coordinates(
        x in prop_oneof![any::<f64>(), -200.0..200.0f64],
        y in prop_oneof![any::<f64>(), -100.0..100.0f64],
        kind in 0..3usize,
    ) {
        let coords = match kind {
            0 => format!(r#"{{"type":"Point","coordinates":[{x:?},{y:?}]}}"#),
            1 => format!(r#"{{"type":"LineString","coordinates":[[0,0],[{x:?},{y:?}]]}}"#),
            _ => format!(
                r#"{{"type":"Polygon","coordinates":[[[0,0],[{x:?},{y:?}],[1,1],[0,0]]]}}"#
            ),
        };
        let accepted = parse_features(coords.as_bytes()).is_ok();
        let in_range = x.is_finite() && y.is_finite()
            && (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y);
        prop_assert_eq!(accepted, in_range, "{}", coords);
    }

    #[test]
    fn project_loading_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Project::from_json(&bytes);
    }

    #[test]
    fn project_loading_survives_broken_projects(bytes in mutated(valid_project())) {
        if let Ok(project) = Project::from_json(&bytes) {
            // Accepted: its documents and layers must build an atlas.
            let loaded = border_atlas::app::Workspace::from_project(&project, geoparser());
            prop_assert!(loaded.is_ok());
        }
    }

    #[test]
    fn document_loading_survives_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Some(text) = border_atlas::corpus::decode(&bytes) {
            let doc = Document::new("random.txt", text);
            let found = geoparser().parse(0, &doc);
            for m in found.mentions {
                prop_assert!(m.span.end <= doc.len_chars());
            }
        }
    }

    #[test]
    fn document_loading_survives_any_text(text in "\\PC{0,400}", seed in 0..5usize) {
        // Random text, alone and spliced into a seed document.
        let base = border_atlas::seeds::SEED_DOCUMENTS[seed].text;
        let cut = base.char_indices().nth(text.len() % 300).map_or(0, |(i, _)| i);
        for t in [text.clone(), format!("{}{text}{}", &base[..cut], &base[cut..])] {
            let doc = Document::new("any.txt", t);
            let found = geoparser().parse(0, &doc);
            for m in found.mentions {
                prop_assert!(m.span.end <= doc.len_chars());
                let _ = doc.slice(m.span);
            }
        }
    }

    #[test]
    fn long_passages_and_repeated_names_stay_bounded(
        name in prop::sample::select(vec![
            "Almaty", "Алматы", "Korday", "Bishkek", "Кордай", "Zambir", "Xorgos", "Ош",
        ]),
        separator in prop::sample::select(vec![" ", ". ", ", ", " - ", "\n", "–", ""]),
        filler in "[a-zа-я ]{0,40}",
        repeats in 1..4000usize,
    ) {
        // One long passage (no blank line) naming the same place over and over.
        let unit = format!("{name}{separator}{filler}");
        let text = unit.repeat(repeats);
        let doc = Document::new("long.txt", text.clone());
        for p in &doc.passages {
            prop_assert!(p.end - p.start <= border_atlas::corpus::MAX_PASSAGE as u32);
        }
        let atlas = Atlas::build(Corpus { documents: vec![doc] }, &geoparser());
        let doc = &atlas.corpus.documents[0];
        let mut sources = 0;
        for item in &atlas.items {
            for source in &item.sources {
                prop_assert!(source.passage < doc.passages.len());
                sources += 1;
            }
        }
        // One source per passage at most, per place: the atlas never lists a passage twice.
        prop_assert!(sources <= doc.passages.len() * atlas.items.len().max(1));
        let all: Vec<_> = atlas.items.iter().collect();
        let json = border_atlas::export::geojson::to_string(
            &border_atlas::export::geojson::feature_collection(&atlas, &all),
        );
        // Export size follows the sources, each quoting at most 600 characters.
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let mut quoted = 0;
        for feature in value["features"].as_array().expect("features") {
            for source in feature["properties"]["sources"].as_array().into_iter().flatten() {
                let quote = source["quote"].as_str().expect("a quote");
                prop_assert!(quote.chars().count() <= border_atlas::corpus::MAX_PASSAGE);
                prop_assert!(text.contains(quote));
                quoted += 1;
            }
        }
        prop_assert_eq!(quoted, sources);
    }
}
