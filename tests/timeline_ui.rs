//! The timeline under the map (kittest): the range filters the map and the list; "as of"
//! draws a checkpoint closed when its latest status closes it and open once it reopens;
//! play advances; a place's history opens the reader at its passage.

mod common;

use border_atlas::BorderAtlasApp;
use border_atlas::app::{FileIntent, Intent, SelectMode, SelectionIntent, SideTab};
use border_atlas::intent::{TimeIntent, ViewIntent};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const NEWS: &str = "Border news\n\n\
The Kegen checkpoint on the border with Kyrgyzstan was closed in March 2020.\n\n\
The Kegen checkpoint reopened on 18 April 2022 after the pandemic.\n\n\
The Dostyk checkpoint was modernised in 2018.\n";

fn with_news() -> (Harness<'static, BorderAtlasApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("news.txt");
    std::fs::write(&doc, NEWS).expect("write");
    let mut h = common::with_seeds(common::builder());
    common::run(&mut h, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    (h, dir)
}

fn index_of(h: &Harness<'_, BorderAtlasApp>, id: &str) -> usize {
    h.state().loaded.as_ref().expect("loaded").index().by_id[id]
}

fn shown(h: &Harness<'_, BorderAtlasApp>, id: &str) -> bool {
    h.state().shown()[index_of(h, id)]
}

fn listed(h: &Harness<'_, BorderAtlasApp>, name: &str) -> bool {
    h.query_by_label_contains(&format!("{name}  checkpoint"))
        .is_some()
        || h.query_all_by_label_contains(name).next().is_some()
}

fn range(h: &mut Harness<'_, BorderAtlasApp>, from: (i32, u8, u8), to: (i32, u8, u8)) {
    common::run(
        h,
        Intent::View(ViewIntent::Time(TimeIntent::Range(from, to))),
    );
}

#[test]
fn the_range_filters_the_map_and_the_list() {
    let (mut h, _dir) = with_news();
    assert!(shown(&h, "cp_kegen") && shown(&h, "cp_dostyk"));
    range(&mut h, (2021, 1, 1), (2023, 12, 31));
    assert!(shown(&h, "cp_kegen"), "reopened in 2022");
    assert!(
        !shown(&h, "cp_dostyk"),
        "modernised in 2018: outside the range"
    );
    assert!(!listed(&h, "Dostyk"), "the list follows");
    assert!(listed(&h, "Kegen"));
    // The timeline says where the range stands, and "All time" clears it.
    assert!(h.query_by_label("2021-01").is_some());
    h.get_by_label("All time").click();
    h.run();
    assert!(shown(&h, "cp_dostyk"));
}

#[test]
fn as_of_draws_a_checkpoint_closed_then_open() {
    let (mut h, _dir) = with_news();
    h.get_by_label("As of").click();
    h.run();
    let kegen = index_of(&h, "cp_kegen");
    range(&mut h, (2018, 1, 1), (2021, 1, 1));
    assert!(shown(&h, "cp_kegen"));
    assert_eq!(
        h.state().closed_items().get(kegen),
        Some(&true),
        "closed in 2021"
    );
    range(&mut h, (2018, 1, 1), (2023, 1, 1));
    assert_eq!(
        h.state().closed_items().get(kegen),
        Some(&false),
        "reopened by 2023"
    );
    range(&mut h, (2018, 1, 1), (2019, 1, 1));
    assert!(!shown(&h, "cp_kegen"), "nothing had happened to it yet");
}

#[test]
fn play_advances_through_time() {
    let (mut h, _dir) = with_news();
    h.get_by_label("Play").click();
    h.step();
    assert!(h.state().playing);
    let start = h.state().filters.time.expect("a range").to;
    for _ in 0..120 {
        h.step();
    }
    let now = h.state().filters.time.expect("a range").to;
    assert!(now > start, "{start:?} → {now:?}");
    h.get_by_label("Pause").click();
    h.step();
    assert!(!h.state().playing);
}

#[test]
fn a_places_history_opens_the_reader_at_its_passage() {
    let (mut h, _dir) = with_news();
    common::run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_kegen".into()],
            SelectMode::Replace,
        )),
    );
    assert!(
        h.query_by_label_contains("History of").is_some(),
        "the history is shown"
    );
    h.get_by_label_contains("· reopened ·").click();
    h.run();
    let state = h.state();
    assert_eq!(state.side_tab, SideTab::Document);
    let target = state.reader.as_ref().expect("the reader is open");
    let loaded = state.loaded.as_ref().expect("loaded");
    assert!(
        loaded
            .atlas
            .quote(target.source)
            .contains("reopened on 18 April 2022"),
        "{}",
        loaded.atlas.quote(target.source)
    );
}

#[test]
fn a_date_set_in_the_reader_dates_the_events_and_is_kept_in_the_project() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("twins.txt");
    std::fs::write(
        &doc,
        "Twin cities\n\nOsh and Shymkent became sister cities.\n",
    )
    .expect("write");
    let mut h = common::with_seeds(common::builder());
    common::run(&mut h, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    let twins = |h: &Harness<'_, BorderAtlasApp>| {
        let atlas = &h.state().loaded.as_ref().expect("loaded").atlas;
        let last = atlas.corpus.documents.len() - 1;
        atlas
            .item("twin_cities:city_shymkent+city_osh")
            .expect("twinned")
            .events
            .iter()
            .filter(|e| e.source.document == last)
            .map(|e| e.date.map(|d| d.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(twins(&h), vec![None], "an undated document dates nothing");
    let last = h
        .state()
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .corpus
        .documents
        .len()
        - 1;
    // Open the reader at the document and set its date there.
    common::run(
        &mut h,
        Intent::Selection(SelectionIntent::OpenPassage(border_atlas::atlas::Source {
            document: last,
            passage: 1,
        })),
    );
    let field = h.get_by_label("Date").rect().right_center() + egui::vec2(50.0, 0.0);
    common::type_into(&mut h, field, "2023-05-01");
    h.get_by_label("Set date").click();
    h.run();
    assert_eq!(twins(&h), vec![Some("2023-05-01".to_owned())]);
    let project = h.state().project();
    assert_eq!(
        project.review.dates.values().collect::<Vec<_>>(),
        vec!["2023-05-01"]
    );
}

#[test]
fn a_tour_stop_with_a_date_shows_the_map_as_of_it() {
    use border_atlas::intent::{PresentIntent, TourIntent};
    let (mut h, _dir) = with_news();
    common::run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_kegen".into()],
            SelectMode::Replace,
        )),
    );
    common::run(&mut h, Intent::Tour(TourIntent::AddSelection));
    common::run(
        &mut h,
        Intent::Tour(TourIntent::AsOf(0, Some("2020-03".into()))),
    );
    common::run(&mut h, Intent::Present(PresentIntent::Start));
    let kegen = index_of(&h, "cp_kegen");
    assert_eq!(
        h.state().closed_items().get(kegen),
        Some(&true),
        "closed in March 2020"
    );
    assert!(
        h.query_by_label_contains("as of 2020-03").is_some(),
        "the caption card says so"
    );
    common::run(&mut h, Intent::Present(PresentIntent::Stop));
    assert_eq!(h.state().filters.time, None, "the map is as it was");
}
