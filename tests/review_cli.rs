//! A reviewed project, exported headless: `border-atlas export --project` writes the
//! corrected places (read back with the `geojson` crate), `--verified-only` keeps only what
//! was checked, and `places --review --json` lists what is left to review.

use std::process::Output;

use border_atlas::corpus::Span;
use border_atlas::project::{Project, SavedDocument};
use border_atlas::review::{Decision, MentionKey, UserPlace, Verdict, content_hash};
use geojson::FeatureCollection;

const TEXT: &str = "Traders from Jalalabad crossed at the Dostyk checkpoint. \
                    Near Qaraqum-Tobe the new depot opened.";

mod common;

use common::border_atlas;

/// The span of the first `name` in `TEXT`, in code points.
fn span_of(name: &str) -> Span {
    let byte = TEXT.find(name).expect("in the text");
    let start = TEXT[..byte].chars().count() as u32;
    Span {
        start,
        end: start + name.chars().count() as u32,
    }
}

/// A project with one document: Jalalabad corrected to the Afghan city, Dostyk verified,
/// and Qaraqum-Tobe placed by hand.
fn reviewed_project(dir: &std::path::Path) -> std::path::PathBuf {
    let mut project = Project::default();
    project.documents.push(SavedDocument {
        file_name: "news.txt".into(),
        text: TEXT.into(),
        text_file: None,
    });
    let document = content_hash(TEXT);
    let decision = |name: &str, verdict: Verdict| Decision {
        key: MentionKey {
            document: document.clone(),
            span: span_of(name),
        },
        name: name.into(),
        verdict,
        at: "2026-12-05T10:00:00Z".into(),
    };
    let user = project.review.add_user_place(UserPlace {
        id: String::new(),
        name: "Qaraqum-Tobe".into(),
        kind: "hub".into(),
        countries: vec!["KZ".into()],
        lon: 80.1,
        lat: 45.2,
        at: "2026-12-05T10:00:00Z".into(),
    });
    project.review.decisions = vec![
        decision(
            "Jalalabad",
            Verdict::Corrected {
                place: "geonames_1138958".into(),
            },
        ),
        decision(
            "Dostyk",
            Verdict::Verified {
                place: "cp_dostyk".into(),
            },
        ),
        decision("Qaraqum-Tobe", Verdict::Corrected { place: user }),
    ];
    let path = dir.join("reviewed.batlas");
    std::fs::write(&path, project.to_json()).expect("write");
    path
}

fn features(out: &Output) -> FeatureCollection {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).expect("UTF-8");
    FeatureCollection::try_from(text.parse::<geojson::GeoJson>().expect("GeoJSON"))
        .expect("a FeatureCollection")
}

fn by_id<'a>(c: &'a FeatureCollection, id: &str) -> Option<&'a geojson::Feature> {
    c.features
        .iter()
        .find(|f| matches!(&f.id, Some(geojson::feature::Id::String(s)) if s == id))
}

#[test]
fn export_of_a_reviewed_project_writes_the_corrected_places() {
    let dir = tempfile::tempdir().expect("dir");
    let project = reviewed_project(dir.path());
    let path = project.to_str().expect("UTF-8 path");
    let all = features(&border_atlas(&["export", "--project", path]));
    let afghan = by_id(&all, "geonames_1138958").expect("the corrected Jalalabad is exported");
    assert_eq!(
        afghan.property("review").and_then(|v| v.as_str()),
        Some("verified")
    );
    let sources = afghan
        .property("sources")
        .and_then(|v| v.as_array())
        .expect("sources");
    assert!(
        sources
            .iter()
            .any(|s| s["review"] == "corrected" && s["document"] == "news.txt")
    );
    let user = by_id(&all, "user:1").expect("the user place is exported");
    assert_eq!(
        user.property("name").and_then(|v| v.as_str()),
        Some("Qaraqum-Tobe")
    );
    // Seed places stay, unchecked.
    let seeds_unchecked = all
        .features
        .iter()
        .filter(|f| f.property("review").and_then(|v| v.as_str()) == Some("automatic"))
        .count();
    assert!(seeds_unchecked > 10);

    let checked = features(&border_atlas(&[
        "export",
        "--project",
        path,
        "--verified-only",
    ]));
    let ids: Vec<String> = checked
        .features
        .iter()
        .filter_map(|f| match &f.id {
            Some(geojson::feature::Id::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(ids.contains(&"geonames_1138958".to_string()), "{ids:?}");
    assert!(ids.contains(&"user:1".to_string()), "{ids:?}");
    assert!(
        checked
            .features
            .iter()
            .all(|f| f.property("review").and_then(|v| v.as_str()) == Some("verified")),
        "only checked places"
    );
}

#[test]
fn places_review_json_lists_the_queue() {
    let dir = tempfile::tempdir().expect("dir");
    let project = reviewed_project(dir.path());
    let out = border_atlas(&[
        "places",
        "--review",
        "--json",
        "--project",
        project.to_str().expect("UTF-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(rows.len() > 20, "the seeds' mentions wait for review");
    // Unresolved names first, then the least sure.
    let statuses: Vec<&str> = rows.iter().filter_map(|r| r["status"].as_str()).collect();
    let first_automatic = statuses
        .iter()
        .position(|s| *s == "automatic")
        .expect("some");
    assert!(
        statuses[first_automatic..]
            .iter()
            .all(|s| *s == "automatic")
    );
    let confidences: Vec<f64> = rows[first_automatic..]
        .iter()
        .filter_map(|r| r["confidence"].as_f64())
        .collect();
    assert!(
        confidences.windows(2).all(|w| w[0] <= w[1]),
        "least sure first"
    );
    // What was decided is not in it.
    assert!(
        !rows
            .iter()
            .any(|r| r["document"] == "news.txt" && r["name"] == "Jalalabad"),
        "decided mentions leave the queue"
    );
    assert!(
        rows.iter()
            .all(|r| r["quote"].as_str().is_some_and(|q| !q.is_empty()))
    );
}
