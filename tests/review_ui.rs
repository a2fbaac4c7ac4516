//! The review queue (kittest): accept, pick an alternative, reject, place by a click on the
//! map, undo, a decision offered to other documents and then applied — and all of it kept
//! across save, close and open of a project, with the map and the export following.

mod common;

use border_atlas::BorderAtlasApp;
use border_atlas::app::{FileIntent, Intent, Overwrite, SideTab};
use border_atlas::atlas::Atlas;
use border_atlas::intent::{Answer, ReviewIntent};
use border_atlas::project::Project;
use border_atlas::review::{MentionStatus, Verdict};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn atlas<'a>(h: &'a Harness<'_, BorderAtlasApp>) -> &'a Atlas {
    &h.state().loaded.as_ref().expect("loaded").atlas
}

/// The window on the seeds with the Review tab open (clicked, as a user would).
fn review_tab() -> Harness<'static, BorderAtlasApp> {
    let mut h = common::with_seeds(common::builder());
    let pending = h.state().review_queue().len();
    assert!(pending > 20, "the seeds leave work to review: {pending}");
    h.get_by_label(&format!("Review ({pending})")).click();
    h.run();
    assert_eq!(h.state().side_tab, SideTab::Review);
    h
}

/// Moves the review to the first item of the queue named `name`.
fn go_to(h: &mut Harness<'_, BorderAtlasApp>, name: &str) -> usize {
    let queue = h.state().review_queue();
    let at = queue
        .iter()
        .position(|&i| atlas(h).reviewed[i].name == name)
        .unwrap_or_else(|| panic!("{name} is in the queue"));
    h.state_mut().review.position = at;
    h.run();
    queue[at]
}

fn press(h: &mut Harness<'_, BorderAtlasApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn enter_accepts_and_the_same_name_in_the_document_goes_with_it() {
    let mut h = review_tab();
    let i = go_to(&mut h, "Jalalabad");
    let document = atlas(&h).reviewed[i].document;
    let before = h.state().review_queue().len();
    press(&mut h, Key::Enter);
    let a = atlas(&h);
    let decided: Vec<_> = a
        .reviewed
        .iter()
        .filter(|m| m.document == document && m.name == "Jalalabad")
        .collect();
    assert!(!decided.is_empty());
    assert!(decided.iter().all(|m| m.status == MentionStatus::Verified));
    assert!(
        matches!(
            &a.review.decisions[0].verdict,
            Verdict::Verified { place } if place == "city_jalal_abad" || place.contains("jalal")
        ),
        "{:?}",
        a.review.decisions
    );
    assert!(h.state().review_queue().len() < before, "it left the queue");
}

#[test]
fn a_number_picks_an_alternative_and_ctrl_z_takes_it_back() {
    let mut h = review_tab();
    let i = go_to(&mut h, "Jalalabad");
    let original = atlas(&h).reviewed[i]
        .item
        .map(|x| atlas(&h).items[x].id.clone());
    assert!(
        !atlas(&h).reviewed[i].alternatives.is_empty(),
        "Jalalabad has namesakes"
    );
    // The numbered alternatives are drawn on the map.
    let marks = h.state().review_marks();
    assert!(marks.iter().any(|m| m.label == "1"), "{marks:?}");
    press(&mut h, Key::Num1);
    let a = atlas(&h);
    let Verdict::Corrected { place } = &a.review.decisions[0].verdict else {
        panic!("a correction: {:?}", a.review.decisions);
    };
    assert_ne!(Some(place.clone()), original);
    let now = a
        .reviewed
        .iter()
        .find(|m| m.span == a.review.decisions[0].key.span && m.name == "Jalalabad")
        .expect("the mention");
    assert_eq!(now.status, MentionStatus::Corrected);
    assert_eq!(
        a.items[now.item.expect("placed")].id,
        *place,
        "it counts for the alternative"
    );
    assert!(a.item(place).expect("on the map").verified);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(atlas(&h).review.decisions.is_empty(), "taken back");
}

#[test]
fn x_rejects_and_the_place_leaves_the_map_and_the_export() {
    let mut h = review_tab();
    go_to(&mut h, "New York");
    assert!(
        atlas(&h).item("city_new_york").is_some()
            || atlas(&h).items.iter().any(|i| i.name == "New York")
    );
    press(&mut h, Key::X);
    // The other document's "New York" is offered, then applied.
    let offer = h
        .state()
        .review
        .offer
        .clone()
        .expect("offered for the other document");
    assert_eq!(offer.keys.len(), 1, "{offer:?}");
    h.get_by_label("Apply").click();
    h.run();
    let a = atlas(&h);
    assert!(
        a.items.iter().all(|i| i.name != "New York"),
        "rejected everywhere: gone from the atlas"
    );
    let ids: Vec<&str> = a.items.iter().map(|i| i.id.as_str()).collect();
    let text = border_atlas::export::geojson::to_string(
        &border_atlas::export::geojson::feature_collection(a, &a.items.iter().collect::<Vec<_>>()),
    );
    assert!(!text.contains("\"New York\""), "not exported");
    assert!(!ids.is_empty());
}

#[test]
fn p_then_a_click_on_the_map_places_an_unresolved_name() {
    let mut h = review_tab();
    let name = {
        let a = atlas(&h);
        let queue = h.state().review_queue();
        let first = &a.reviewed[queue[0]];
        assert_eq!(
            first.status,
            MentionStatus::Unresolved,
            "unresolved names come first"
        );
        first.name.clone()
    };
    press(&mut h, Key::P);
    assert!(h.state().review.placing);
    // A click in the middle of the map.
    let map = h.state().map.last_rect().expect("the map is drawn");
    let at = map.center();
    h.hover_at(at);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let a = atlas(&h);
    assert_eq!(a.review.user_places.len(), 1, "a place was added");
    let place = &a.review.user_places[0];
    assert_eq!(place.name, name);
    assert!(!place.countries.is_empty(), "countries from the click");
    let item = a.item(&place.id).expect("on the map");
    assert!(item.verified);
    assert!(!h.state().review.placing);
}

#[test]
fn decisions_are_kept_across_save_close_and_open() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("reviewed.batlas");
    let mut h = review_tab();
    go_to(&mut h, "Jalalabad");
    press(&mut h, Key::Num1);
    go_to(&mut h, "New York");
    press(&mut h, Key::X);
    let decisions = atlas(&h).review.decisions.clone();
    assert_eq!(decisions.len(), 2);
    common::run(
        &mut h,
        Intent::Files(FileIntent::SaveProjectTo(path.clone(), Overwrite::Ask)),
    );
    // Closed: a new window opens the project.
    let mut h = common::with_seeds(common::builder());
    common::run(&mut h, Intent::Files(FileIntent::OpenProject(path)));
    let a = atlas(&h);
    assert_eq!(a.review.decisions, decisions);
    assert!(a.set_aside.is_empty());
    let statuses: Vec<MentionStatus> = a
        .reviewed
        .iter()
        .filter(|m| m.name == "Jalalabad" || m.name == "New York")
        .map(|m| m.status)
        .collect();
    assert!(statuses.contains(&MentionStatus::Corrected));
    assert!(statuses.contains(&MentionStatus::Rejected));
}

#[test]
fn decisions_about_a_changed_document_are_set_aside_and_nothing_else_is_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("news.txt");
    std::fs::write(
        &doc,
        "Trucks from Jalalabad reached the Dostyk checkpoint. Jalalabad traders welcomed it.",
    )
    .expect("write");
    let path = dir.path().join("p.batlas");
    let mut h = review_tab();
    common::run(&mut h, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    common::run(
        &mut h,
        Intent::Review(ReviewIntent::FilterDocument(Some(5))),
    );
    go_to(&mut h, "Jalalabad");
    press(&mut h, Key::Enter);
    common::run(&mut h, Intent::Review(ReviewIntent::FilterDocument(None)));
    go_to(&mut h, "New York");
    press(&mut h, Key::X);
    // Only this document's New York: the other one is declined.
    h.get_by_label("Not there").click();
    h.run();
    assert!(h.state().review.offer.is_none());
    let before = atlas(&h).review.decisions.len();
    common::run(
        &mut h,
        Intent::Files(FileIntent::SaveProjectTo(path.clone(), Overwrite::Ask)),
    );
    // The document changes in the project file.
    let mut project = Project::read(&path).expect("reads");
    project.documents[0].text = project.documents[0].text.replace("Trucks", "Lorries");
    std::fs::write(&path, project.to_json()).expect("write");
    let mut h = common::with_seeds(common::builder());
    common::run(&mut h, Intent::Files(FileIntent::OpenProject(path)));
    let a = atlas(&h);
    assert_eq!(a.review.decisions.len(), before, "kept in the project");
    assert_eq!(
        a.set_aside.len(),
        2,
        "both Jalalabad decisions set aside: {:?}",
        a.set_aside
    );
    assert!(a.set_aside.iter().all(|d| d.name == "Jalalabad"));
    assert!(
        a.reviewed
            .iter()
            .any(|m| m.name == "New York" && m.status == MentionStatus::Rejected),
        "the seeds' decisions still apply"
    );
    let view_lists_them = {
        h.state_mut().side_tab = SideTab::Review;
        h.run();
        h.query_by_label_contains("decisions set aside").is_some()
    };
    assert!(view_lists_them, "reported in the Review tab");
}

#[test]
fn a_decision_is_offered_for_other_documents_and_not_applied_silently() {
    let mut h = review_tab();
    go_to(&mut h, "China");
    press(&mut h, Key::Enter);
    let offer = h
        .state()
        .review
        .offer
        .clone()
        .expect("China is in other documents");
    let others = offer.keys.len();
    assert!(others >= 1);
    let undecided_elsewhere = atlas(&h)
        .reviewed
        .iter()
        .filter(|m| m.name == "China" && !m.status.is_decided())
        .count();
    assert_eq!(undecided_elsewhere, others, "not applied before the answer");
    assert!(
        h.query_by_label_contains(&format!("{others} more mention"))
            .is_some()
    );
    common::run(
        &mut h,
        Intent::Review(ReviewIntent::ApplyToOthers(Answer::Proceed)),
    );
    assert!(
        atlas(&h)
            .reviewed
            .iter()
            .filter(|m| m.name == "China")
            .all(|m| m.status == MentionStatus::Verified)
    );
    assert!(atlas(&h).item("country_cn").is_none_or(|i| i.verified));
}

#[test]
fn a_placed_name_is_found_in_documents_opened_later_and_goes_to_a_file_and_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = review_tab();
    let name = {
        let queue = h.state().review_queue();
        atlas(&h).reviewed[queue[0]].name.clone()
    };
    common::run(&mut h, Intent::Review(ReviewIntent::PlaceAt(74.6, 42.9)));
    let id = atlas(&h).review.user_places[0].id.clone();
    // A document opened later that names it.
    let doc = dir.path().join("later.txt");
    std::fs::write(
        &doc,
        format!("Yesterday a convoy left {name} for the border."),
    )
    .expect("write");
    common::run(&mut h, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    let a = atlas(&h);
    let last = a.corpus.documents.len() - 1;
    let found = a
        .reviewed
        .iter()
        .find(|m| m.document == last && m.name == name)
        .expect("the user's place is found in the new document");
    assert_eq!(a.items[found.item.expect("placed")].id, id);

    // Out to GeoJSON, and into a fresh project.
    let file = dir.path().join("mine.geojson");
    common::run(
        &mut h,
        Intent::Review(ReviewIntent::WriteUserPlaces(file.clone(), Overwrite::Ask)),
    );
    assert!(file.exists(), "{:?}", h.state().status_message);
    common::run(&mut h, Intent::Files(FileIntent::NewProject));
    // The work is not saved: the window asks first.
    common::run(
        &mut h,
        Intent::Files(FileIntent::ConfirmReplace(Answer::Proceed)),
    );
    assert!(atlas(&h).review.user_places.is_empty());
    common::run(&mut h, Intent::Review(ReviewIntent::ReadUserPlaces(file)));
    let places = &atlas(&h).review.user_places;
    assert_eq!(places.len(), 1);
    assert_eq!(places[0].name, name);
    assert_eq!((places[0].lon, places[0].lat), (74.6, 42.9));
}
