//! Accuracy on news texts written for this test, not used to build the gazetteer
//! (`tests/data/unseen/*.txt`, English, German, Russian). Each has a hand-made list of the
//! distinct places a careful reader finds (`*.expected`). The bar: at least 90% of them
//! found and placed within their radius, and at least 90% of what is found really named.

use std::path::Path;

use border_atlas::corpus::Document;
use border_atlas::geoparse::Geoparser;
use geo::{Distance, Haversine, Point};

struct Expected {
    name: String,
    at: Point,
    radius_km: f64,
}

fn expected(path: &Path) -> Vec<Expected> {
    std::fs::read_to_string(path)
        .expect("expected file")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            let num = |i: usize| f[i].parse::<f64>().expect("a number");
            Expected {
                name: f[0].to_owned(),
                at: Point::new(num(1), num(2)),
                radius_km: num(3),
            }
        })
        .collect()
}

#[test]
fn unseen_news_recall_and_precision_reach_ninety_percent() {
    let parser = Geoparser::embedded().expect("gazetteer");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/unseen");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let (mut expected_total, mut expected_found, mut found_total, mut found_right) = (0, 0, 0, 0);
    let mut report = String::new();
    for txt in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        let want = expected(&txt.with_extension("expected"));
        let doc = Document::new("unseen", std::fs::read_to_string(txt).expect("text"));
        let mut found: Vec<(String, Point)> = Vec::new();
        for m in parser.parse(0, &doc).mentions {
            let place = parser.gazetteer().get(m.place).expect("place");
            if !found.iter().any(|(id, _)| *id == place.id) {
                found.push((place.id.clone(), place.geometry.representative_point()));
            }
        }
        let near = |e: &Expected, p: Point| Haversine.distance(e.at, p) / 1000.0 <= e.radius_km;
        for e in &want {
            expected_total += 1;
            if found.iter().any(|(_, p)| near(e, *p)) {
                expected_found += 1;
            } else {
                report += &format!("{}: missed {}\n", txt.display(), e.name);
            }
        }
        for (id, p) in &found {
            found_total += 1;
            if want.iter().any(|e| near(e, *p)) {
                found_right += 1;
            } else {
                report += &format!("{}: extra {id}\n", txt.display());
            }
        }
    }
    let recall = expected_found as f64 / expected_total as f64;
    let precision = found_right as f64 / found_total.max(1) as f64;
    println!(
        "recall {expected_found}/{expected_total} = {recall:.2}, precision {found_right}/{found_total} = {precision:.2}\n{report}"
    );
    assert!(recall >= 0.9, "recall {recall:.2}\n{report}");
    assert!(precision >= 0.9, "precision {precision:.2}\n{report}");
}
