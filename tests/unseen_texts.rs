//! Short news texts that are not in the seeds, in English, German and Russian, with names
//! that have namesakes: the geoparser must find the places and pick the right ones.

use border_atlas::corpus::Document;
use border_atlas::geoparse::Geoparser;
use geo::{Distance, Haversine, Point};

/// The places found in `text`: (id, name, lon, lat).
fn places(text: &str) -> Vec<(String, String, f64, f64)> {
    let parser = Geoparser::embedded().expect("gazetteer");
    let doc = Document::new("test.txt", text);
    parser
        .parse(0, &doc)
        .mentions
        .iter()
        .map(|m| {
            let p = parser.gazetteer().get(m.place).expect("place");
            let pt = p.geometry.representative_point();
            (p.id.clone(), p.name.clone(), pt.x(), pt.y())
        })
        .collect()
}

fn assert_found_near(found: &[(String, String, f64, f64)], name: &str, lon: f64, lat: f64) {
    let hit = found.iter().find(|(_, n, x, y)| {
        n.contains(name) && Haversine.distance(Point::new(*x, *y), Point::new(lon, lat)) < 25_000.0
    });
    assert!(
        hit.is_some(),
        "{name} near ({lon}, {lat}) not found in {found:?}"
    );
}

#[test]
fn english_news_finds_checkpoints_and_towns_beyond_the_curated_list() {
    let found = places(
        "Trucks queued for two days at the Korday checkpoint on the road from Almaty to Bishkek, \
         while the Kyrgyz side at Ak-Zhol cleared only 300 vehicles. Traders in Tokmok and Kant \
         said prices rose; farmers near Talgar and Esik were hit as well.",
    );
    assert_found_near(&found, "Korday", 74.71, 43.02);
    assert_found_near(&found, "Ak-Zhol", 74.71, 43.02);
    assert_found_near(&found, "Tokmok", 75.30, 42.84);
    assert_found_near(&found, "Kant", 74.85, 42.89);
    assert_found_near(&found, "Talghar", 77.24, 43.30);
    assert_found_near(&found, "Esik", 77.44, 43.36);
    assert_found_near(&found, "Bishkek", 74.59, 42.87);
}

#[test]
fn the_karasu_of_a_kazakh_kyrgyz_text_is_the_crossing_not_the_northern_village() {
    let found = places(
        "The Karasu crossing on the Kazakh-Kyrgyz border will reopen for trucks next month.",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "cp_karasu");
}

#[test]
fn region_words_pick_the_region_over_its_capital() {
    let found =
        places("Officials of the Osh region met their counterparts from Almaty region in Osh.");
    let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert!(ids.contains(&"region_kz_almaty"), "{ids:?}");
    assert!(
        ids.iter().any(|i| i.starts_with("region_kg_o")),
        "Osh region: {ids:?}"
    );
    assert_eq!(
        ids.last(),
        Some(&"city_osh"),
        "the last Osh is the city: {ids:?}"
    );
}

#[test]
fn german_news_with_inflected_names() {
    let found = places(
        "Der Grenzübergang Korday zwischen Kasachstan und Kirgisistan wird modernisiert. Die Regierung \
         Kasachstans will die Straße zwischen Taras und Bischkek ausbauen; auch das Gebiet Dschalal-Abad \
         und die Stadt Tokmok profitieren.",
    );
    let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    for id in [
        "cp_korday",
        "country_kz",
        "country_kg",
        "city_taraz",
        "city_bishkek",
        "region_kg_jalal_abad",
    ] {
        assert!(ids.contains(&id), "{id} missing: {ids:?}");
    }
    assert_found_near(&found, "Tokmok", 75.30, 42.84);
}

#[test]
fn russian_news_with_case_endings_and_adjectives() {
    let found = places(
        "Пункт пропуска «Карасу» на казахстанско-кыргызской границе откроется после ремонта. \
         Грузовики из Бишкека в Алматы пойдут через Жамбылскую область. В Иссык-Кульской области \
         и в городе Талгар ждут туристов. Президент Токаев посетил Каракол.",
    );
    let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    for id in [
        "cp_karasu",
        "city_bishkek",
        "city_almaty",
        "region_kz_zhambyl",
        "region_kg_issyk_kul",
    ] {
        assert!(ids.contains(&id), "{id} missing: {ids:?}");
    }
    assert_found_near(&found, "Talghar", 77.24, 43.30);
    assert_found_near(&found, "Karakol", 78.39, 42.49);
    assert_eq!(
        found.len(),
        7,
        "no person or adjective is mapped: {found:?}"
    );
}

#[test]
fn organisations_and_people_named_after_places_are_not_mapped() {
    let found = places(
        "Tokayev received the Order of Dostyk delegation; the Shanghai Cooperation Organisation and the \
         Asian Development Bank sent observers. Nursultan Nazarbayev spoke.",
    );
    assert!(found.is_empty(), "{found:?}");
}
