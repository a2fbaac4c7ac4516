//! The development corpus (`tests/data/dev/`): 32 real news texts in English, German and
//! Russian, paraphrased from public sources, with gold lists made by annotators who never saw
//! the geoparser. Scored with the metric of news-dev's `score.py` (`border_atlas::eval`);
//! the figures may not go down. Run with `--nocapture` to see them and every miss.

use std::path::{Path, PathBuf};

use border_atlas::atlas::{Atlas, AtlasItem};
use border_atlas::corpus::Corpus;
use border_atlas::eval::{Report, parse_gold, score};
use border_atlas::export::geojson;
use border_atlas::geoparse::Geoparser;

fn report(parser: &Geoparser, lang: &str) -> Report {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/dev")
        .join(lang);
    let (corpus, errors) = Corpus::from_paths(&[dir.join("docs")]);
    assert!(errors.is_empty(), "{errors:?}");
    let atlas = Atlas::build(corpus, parser);
    let items: Vec<&AtlasItem> = atlas.items.iter().collect();
    let collection = geojson::feature_collection(&atlas, &items);
    let gold = parse_gold(&std::fs::read_to_string(dir.join("gold.json")).expect("gold"))
        .expect("gold list");
    let r = score(&collection.features, &gold);
    println!("== {lang}: {}", r.summary());
    println!("{}", r.calibration_table());
    for m in &r.misses {
        println!("  MISS {m}");
    }
    for w in &r.wrong_in_doc {
        println!("  WRONG IN DOC {w}");
    }
    r
}

/// (language, least share located, least per-document precision): the figures measured
/// when the corpus was made, rounded down, so a change that loses places fails here.
const FLOORS: &[(&str, f64, f64)] = &[("en", 0.87, 0.96), ("de", 0.90, 0.96), ("ru", 0.81, 0.96)];

/// Of the places exported with confidence 0.8 or more, at least this share is right.
const SURE_RIGHT: f64 = 0.95;

#[test]
fn the_development_corpus_keeps_its_figures_in_every_language() {
    let parser = Geoparser::embedded().expect("gazetteer");
    let mut failures = Vec::new();
    let (mut sure_right, mut sure) = (0, 0);
    for &(lang, located, precision) in FLOORS {
        let r = report(&parser, lang);
        if r.located_share() < located || r.document_precision() < precision {
            failures.push(format!("{lang}: {}", r.summary()));
        }
        let (right, total) = r.right_at_or_above(0.8);
        sure_right += right;
        sure += total;
    }
    println!("confidence >= 0.8: {sure_right}/{sure} right");
    assert!(failures.is_empty(), "below the floor: {failures:#?}");
    assert!(
        sure > 0 && sure_right as f64 >= SURE_RIGHT * sure as f64,
        "confidence >= 0.8 is right only {sure_right} times in {sure}"
    );
}
