//! The seed documents, read by hand: for each, the places a careful reader finds there,
//! checked against what the geoparser finds — nothing missed, nothing extra — and checks
//! that each is placed right, against coordinates taken independently of the gazetteer.

use std::collections::BTreeSet;

use border_atlas::atlas::Atlas;
use border_atlas::basemap::Basemap;
use border_atlas::corpus::Corpus;
use border_atlas::gazetteer::Geometry;
use border_atlas::geoparse::Geoparser;
use geo::{Closest, ClosestPoint, Contains, Distance, Haversine, Point};

fn found_ids(parser: &Geoparser, corpus: &Corpus, doc: usize) -> BTreeSet<String> {
    parser
        .parse(doc, &corpus.documents[doc])
        .mentions
        .iter()
        .map(|m| parser.gazetteer().get(m.place).expect("place").id.clone())
        .collect()
}

fn check(doc: usize, expected: &[&str]) {
    let parser = Geoparser::embedded().expect("gazetteer");
    let corpus = Corpus::seeds();
    let found = found_ids(&parser, &corpus, doc);
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    let missed: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "document {doc}: missed {missed:?}, extra {extra:?}"
    );
}

#[test]
fn german_article_on_kazakh_kyrgyz_relations_finds_every_place_garbles_included() {
    check(
        0,
        &[
            "country_kz",
            "country_kg",
            "country_cn",
            "country_uz",
            "country_us",
            "city_dushanbe",
            "lake_aral_sea",
            "city_new_york",
            "cp_karasu",
            "cp_ak_tilek",
            "hub_karasu_ak_tilek_logistics",
            "city_almaty",
            "village_uzynagash",
            "village_kastek",
            "lake_issyk_kul",
            "region_kz_almaty",
            "region_kz_zhambyl",
            "region_kg_issyk_kul",
            "region_kg_chuy",
            "region_kg_talas",
            "city_taraz",
            "region_kz_aktobe",
            "city_jalal_abad",
            "city_shymkent",
            "city_osh",
            "dam_kambarata_1",
            "reservoir_toktogul",
            "river_syr_darya",
            "macro_central_asia",
        ],
    );
}

#[test]
fn eurasian_star_article_finds_the_checkpoints_to_reopen() {
    check(
        1,
        &[
            "country_kz",
            "country_kg",
            "city_astana",
            "cp_kichi_kapka",
            "cp_kamyshanovka",
        ],
    );
}

#[test]
fn intergovernmental_council_article_finds_checkpoints_hubs_roads_and_corridor() {
    check(
        2,
        &[
            "country_kz",
            "country_kg",
            "city_bishkek",
            "cp_karasu",
            "cp_ak_tilek",
            "hub_karasu_ak_tilek_logistics",
            "hub_alatau_industrial_zone",
            "region_kz_zhambyl",
            "corridor_almaty_bishkek",
            "road_almaty_issyk_kul",
            "city_almaty",
            "city_cholpon_ata",
            "region_kg_issyk_kul",
        ],
    );
}

#[test]
fn kazakh_uzbek_article_finds_cities_regions_hubs_and_zhibek_zholy() {
    check(
        3,
        &[
            "country_kz",
            "country_uz",
            "city_samarkand",
            "city_almaty",
            "city_aktau",
            "city_new_york",
            "city_tashkent",
            "city_saryagash",
            "region_kz_turkistan",
            "region_uz_syrdarya",
            "city_astana",
            "city_turkestan",
            "city_taraz",
            "city_nukus",
            "city_urgench",
            "city_shymkent",
            "hub_khorgos_icbc",
            "hub_central_asia_ictec",
            "cp_zhibek_zholy",
            "macro_central_asia",
            "macro_eurasia",
        ],
    );
}

#[test]
fn german_article_on_russia_finds_countries_and_not_shanghai() {
    check(
        4,
        &[
            "country_kz",
            "country_ru",
            "city_astana",
            "country_cn",
            "country_kg",
            "country_tj",
            "country_uz",
            "country_in",
            "country_ir",
            "country_pk",
            "country_af",
            "country_by",
            "country_mn",
        ],
    );
}

fn km(a: Point, b: Point) -> f64 {
    Haversine.distance(a, b) / 1000.0
}

#[test]
fn places_are_placed_right() {
    let parser = Geoparser::embedded().expect("gazetteer");
    let gazetteer = parser.gazetteer();
    // Coordinates from GeoNames and Wikipedia, independent of the gazetteer file.
    let points = [
        ("city_taraz", 71.37, 42.90),
        ("city_osh", 72.80, 40.53),
        ("city_shymkent", 69.60, 42.32),
        ("city_cholpon_ata", 77.08, 42.65),
        ("village_uzynagash", 76.31, 43.23),
        ("city_aktau", 51.20, 43.65),
        ("dam_kambarata_1", 73.44, 41.77),
        ("city_urgench", 60.63, 41.55),
    ];
    for (id, lon, lat) in points {
        let place = gazetteer.place(id).expect(id);
        let d = km(place.geometry.representative_point(), Point::new(lon, lat));
        assert!(d < 25.0, "{id} is {d:.1} km off");
    }
    // Regions are their real polygons: each holds its capital and not its neighbour's.
    let holds = [
        ("region_kz_zhambyl", (71.37, 42.90), (69.60, 42.32)),
        ("region_kg_chuy", (74.85, 42.89), (72.24, 42.52)),
        ("region_kg_talas", (72.24, 42.52), (74.85, 42.89)),
        ("region_kg_issyk_kul", (78.39, 42.49), (74.59, 42.87)),
        ("region_kz_almaty", (78.37, 45.02), (71.37, 42.90)),
        ("region_kz_aktobe", (57.21, 50.28), (51.37, 51.23)),
        ("region_kz_turkistan", (68.25, 43.30), (71.37, 42.90)),
    ];
    for (id, inside, outside) in holds {
        let Geometry::Area(area) = &gazetteer.place(id).expect(id).geometry else {
            panic!("{id} has no area")
        };
        assert!(
            area.contains(&Point::new(inside.0, inside.1)),
            "{id} misses {inside:?}"
        );
        assert!(
            !area.contains(&Point::new(outside.0, outside.1)),
            "{id} holds {outside:?}"
        );
    }
}

#[test]
fn checkpoints_lie_on_the_border_they_cross() {
    let parser = Geoparser::embedded().expect("gazetteer");
    let gazetteer = parser.gazetteer();
    let basemap = Basemap::embedded().expect("basemap");
    // Each checkpoint is within 3 km of the border and between the two countries' regions.
    let crossings = [
        ("cp_karasu", "KZ", "KG"),
        ("cp_ak_tilek", "KG", "KZ"),
        ("cp_kichi_kapka", "KG", "KZ"),
        ("cp_kamyshanovka", "KG", "KZ"),
        ("cp_zhibek_zholy", "KZ", "UZ"),
    ];
    for (id, a, b) in crossings {
        let p = gazetteer
            .place(id)
            .expect(id)
            .geometry
            .representative_point();
        let near_country = |iso: &str| {
            basemap
                .regions
                .iter()
                .filter(|r| r.country == iso)
                .flat_map(|r| r.area.0.iter())
                .filter_map(|poly| match poly.exterior().closest_point(&p) {
                    Closest::Intersection(q) | Closest::SinglePoint(q) => Some(km(p, q)),
                    Closest::Indeterminate => None,
                })
                .fold(f64::INFINITY, f64::min)
        };
        assert!(
            near_country(a) < 3.0,
            "{id} is {:.1} km from {a}",
            near_country(a)
        );
        assert!(
            near_country(b) < 3.0,
            "{id} is {:.1} km from {b}",
            near_country(b)
        );
    }
}

#[test]
fn relations_of_the_seeds_are_found_with_their_evidence() {
    let parser = Geoparser::embedded().expect("gazetteer");
    let atlas = Atlas::build(Corpus::seeds(), &parser);
    let twin = atlas
        .item("twin_cities:city_shymkent+city_osh")
        .expect("Shymkent–Osh twin cities");
    assert!(
        atlas
            .quote(twin.sources[0])
            .contains("Städtepartnerschaften")
    );
    let crossing = atlas
        .item("crossing:cp_karasu+cp_ak_tilek")
        .expect("Karasu – Ak-Tilek crossing");
    assert_eq!(
        crossing.sources.len(),
        2,
        "stated in the German and the English article"
    );
    let road = atlas
        .item("road_almaty_issyk_kul")
        .expect("the Almaty–Issyk-Kul road");
    assert_eq!(road.status.map(|s| s.as_str()), Some("planned"));
    let documents: BTreeSet<usize> = road.sources.iter().map(|s| s.document).collect();
    assert_eq!(
        documents,
        BTreeSet::from([0, 2]),
        "both articles on the road are its evidence"
    );
    let hub = atlas
        .item("hub_karasu_ak_tilek_logistics")
        .expect("logistics hub");
    assert!(
        hub.members.contains(&"cp_karasu".to_string())
            && hub.members.contains(&"cp_ak_tilek".to_string())
    );
    for id in [
        "air_route:city_tashkent+city_almaty",
        "air_route:city_turkestan+city_samarkand",
        "air_route:city_taraz+city_nukus",
    ] {
        assert!(atlas.item(id).is_some(), "{id} is missing");
    }
    assert!(atlas.item("corridor_almaty_bishkek").is_some());
}
