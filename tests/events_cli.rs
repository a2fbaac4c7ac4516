//! `border-atlas export --from/--to/--as-of` select places by what happened to them when,
//! and every feature carries its events (read back with the `geojson` crate).

mod common;

use common::border_atlas;

const NEWS: &str = "Border news\n\n\
The Kegen checkpoint on the border with Kyrgyzstan was closed in March 2020.\n\n\
The Kegen checkpoint reopened on 18 April 2022 after the pandemic.\n\n\
The Dostyk checkpoint was modernised in 2018.\n";

fn ids(args: &[&str]) -> Vec<String> {
    let out = border_atlas(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let c =
        geojson::FeatureCollection::try_from(text.parse::<geojson::GeoJson>().expect("GeoJSON"))
            .expect("a collection");
    let mut ids: Vec<String> = c
        .features
        .iter()
        .filter_map(|f| match &f.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[test]
fn features_carry_their_events_at_the_precision_the_text_gives() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("news.txt");
    std::fs::write(&doc, NEWS).expect("write");
    let out = border_atlas(&[
        "export",
        "--docs",
        doc.to_str().expect("UTF-8"),
        "--id",
        "cp_kegen",
    ]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let events = value["features"][0]["properties"]["events"]
        .as_array()
        .expect("events")
        .clone();
    let pairs: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap_or("").to_owned(),
                e["precision"].as_str().unwrap_or("").to_owned(),
                e["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("2020-03".into(), "month".into(), "closed".into()),
            ("2022-04-18".into(), "day".into(), "reopened".into()),
        ]
    );
    assert!(
        events
            .iter()
            .all(|e| e["document"] == "news.txt" && e["end"].as_u64() > e["start"].as_u64())
    );
}

#[test]
fn from_to_and_as_of_select_the_right_features() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("news.txt");
    std::fs::write(&doc, NEWS).expect("write");
    let doc = doc.to_str().expect("UTF-8");
    let checkpoints = |extra: &[&str]| {
        let mut args = vec!["export", "--docs", doc, "--kind", "checkpoint"];
        args.extend_from_slice(extra);
        ids(&args)
    };
    assert_eq!(checkpoints(&[]), vec!["cp_dostyk", "cp_kegen"]);
    assert_eq!(checkpoints(&["--as-of", "2019"]), vec!["cp_dostyk"]);
    assert_eq!(
        checkpoints(&["--as-of", "2020-03"]),
        vec!["cp_dostyk", "cp_kegen"]
    );
    assert_eq!(
        checkpoints(&["--from", "2021", "--to", "2023"]),
        vec!["cp_kegen"]
    );
    assert_eq!(checkpoints(&["--from", "2023"]), Vec::<String>::new());
    let bad = border_atlas(&["export", "--docs", doc, "--as-of", "March 2020"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a date"));
}
