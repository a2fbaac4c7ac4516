//! The seeds' dates and the events they state, checked against their text.
//!
//! None of the five seed articles states when it was published: none has a dateline or a
//! dated header (their first lines are a headline, a masthead or the first sentence). So
//! each is **undated**, with the span of years its text speaks of. Seed 003 in particular
//! reports on 2018–2020 and recalls that diplomatic relations began on 23 November 1992:
//! that is what it speaks of, not when it was written, so it is not dated 1992-11-23.

use border_atlas::atlas::Atlas;
use border_atlas::corpus::Corpus;
use border_atlas::events::{DateFrom, EventStatus};
use border_atlas::geoparse::Geoparser;

/// A document's publication date and the years its text speaks of.
type DateAndYears = (Option<String>, Option<(i32, i32)>);

#[test]
fn every_seed_is_undated_with_the_years_it_speaks_of() {
    let corpus = Corpus::seeds();
    let got: Vec<DateAndYears> = corpus
        .documents
        .iter()
        .map(|d| (d.date.clone(), d.years))
        .collect();
    assert_eq!(
        got,
        vec![
            (None, Some((1992, 2023))),
            (None, Some((2028, 2028))),
            (None, Some((2023, 2030))),
            (None, Some((1992, 2020))),
            (None, Some((2001, 2024))),
        ]
    );
    assert_eq!(
        corpus.documents[3].date_label(),
        "undated (speaks of 1992–2020)"
    );
}

fn events_of(atlas: &Atlas, id: &str) -> Vec<(EventStatus, Option<String>, DateFrom, usize)> {
    atlas
        .item(id)
        .unwrap_or_else(|| panic!("{id} is in the seeds"))
        .events
        .iter()
        .map(|e| {
            (
                e.status,
                e.date.map(|d| d.to_string()),
                e.date_from,
                e.source.document,
            )
        })
        .collect()
}

#[test]
fn the_seeds_state_what_happens_to_the_crossing_and_the_road() {
    let geoparser = Geoparser::embedded().expect("gazetteer");
    let atlas = Atlas::build(Corpus::seeds(), &geoparser);
    // Seed 002: "a major project was discussed to build an industrial trade and logistics
    // complex near the Karasu and Ak-Tilek road checkpoints" — planned; the sentence gives
    // no date and the article none ("by 2030" is the trade goal of the sentence before).
    let crossing = events_of(&atlas, "crossing:cp_karasu+cp_ak_tilek");
    assert!(
        crossing.contains(&(EventStatus::Planned, None, DateFrom::Document, 2)),
        "{crossing:?}"
    );
    // Seed 002: "plans for the Almaty-Issyk-Kul motorway project" — planned, undated.
    // Seed 000: "Der Bau einer alternativen Straße von Almaty nach Kirgisistan … nach
    // Issyk-Kul halbierte die bisherige Strecke" — construction.
    let road = events_of(&atlas, "road_almaty_issyk_kul");
    assert!(
        road.contains(&(EventStatus::Planned, None, DateFrom::Document, 2)),
        "{road:?}"
    );
    assert!(
        road.iter()
            .any(|e| e.0 == EventStatus::UnderConstruction && e.3 == 0),
        "{road:?}"
    );
    // Twin cities: seed 000 says Shymkent and Osh are twinned.
    let twins = events_of(&atlas, "twin_cities:city_shymkent+city_osh");
    assert!(
        twins.iter().any(|e| e.0 == EventStatus::Twinned),
        "{twins:?}"
    );
}
