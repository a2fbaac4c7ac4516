//! Presenting (kittest): a tour made from the selection — the Kazakh–Kyrgyz checkpoints, the
//! twin cities and the planned road — flies from stop to stop with its caption; keys move
//! forward, back, to the ends, and Esc leaves. Tours are edited and kept in the project.

use border_atlas::BorderAtlasApp;
use border_atlas::app::{Intent, SelectMode};
use border_atlas::intent::{
    Direction, ExportIntent, Overwrite, PresentIntent, SelectionIntent, TourIntent,
};
use border_atlas::project::Project;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const CHOSEN: [&str; 6] = [
    "cp_karasu",
    "cp_ak_tilek",
    "cp_kichi_kapka",
    "cp_kamyshanovka",
    "twin_cities:city_shymkent+city_osh",
    "road_almaty_issyk_kul",
];

mod common;

fn harness() -> Harness<'static, BorderAtlasApp> {
    let mut h = common::with_seeds(common::builder());
    common::run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            CHOSEN.iter().map(|s| s.to_string()).collect(),
            SelectMode::Replace,
        )),
    );
    h
}

/// Presses a key and lets the flight finish (1.6 s at kittest's 60 frames a second).
fn press(h: &mut Harness<'_, BorderAtlasApp>, key: Key) {
    h.key_press(key);
    h.run_steps(130);
}

fn stop(h: &Harness<'_, BorderAtlasApp>) -> Option<usize> {
    h.state().presenting.as_ref().and_then(|p| p.stop)
}

/// The id of the stop shown, and whether the map's centre is on its place.
fn at_stop(h: &Harness<'_, BorderAtlasApp>) -> (String, bool) {
    let app = h.state();
    let i = stop(h).expect("a stop is shown");
    let id = app.current_tour().expect("a tour").stops[i].item.clone();
    let item = app
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .item(&id)
        .expect("the item")
        .clone();
    let (w, s, e, n) = item.geometry.bounds();
    let c = app.map.center();
    let centred = (c.x() - (w + e) / 2.0).abs() < 0.05 + (e - w) / 2.0
        && (c.y() - (s + n) / 2.0).abs() < 0.05 + (n - s) / 2.0;
    (id, centred)
}

#[test]
fn a_tour_of_the_selection_flies_from_stop_to_stop_with_captions() {
    let mut h = harness();
    press(&mut h, Key::F5);
    let app = h.state();
    assert!(app.presenting.is_some(), "F5 presents");
    let tour = app
        .current_tour()
        .expect("a tour made of the selection")
        .clone();
    assert_eq!(tour.stops.len(), CHOSEN.len());
    // Places first, west to east; then the relations.
    assert!(
        tour.stops[..4]
            .iter()
            .all(|s| s.item.starts_with("cp_") || s.item.starts_with("road"))
    );
    assert_eq!(stop(&h), Some(0));
    let (first, centred) = at_stop(&h);
    assert!(centred, "the map flew to {first}");
    assert!(!h.state().presenting.as_ref().expect("on").flying());
    // The caption: the stop's name, a quote and its document.
    let name = h
        .state()
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .item(&first)
        .expect("item")
        .name
        .clone();
    h.get_by_label(&name);
    h.get_by_label_contains("“");
    h.get_by_label(&format!("1 / {}", CHOSEN.len()));
    // The side panels are hidden.
    assert!(h.query_by_label("Layers").is_none());

    press(&mut h, Key::ArrowRight);
    assert_eq!(stop(&h), Some(1));
    let (second, centred) = at_stop(&h);
    assert!(centred && second != first, "flew on to {second}");
    h.get_by_label(&format!("2 / {}", CHOSEN.len()));
    assert_eq!(
        h.state().selection.iter().collect::<Vec<_>>(),
        vec![&second],
        "highlighted"
    );

    press(&mut h, Key::ArrowLeft);
    assert_eq!(stop(&h), Some(0));
    assert_eq!(at_stop(&h), (first.clone(), true));

    press(&mut h, Key::End);
    assert_eq!(stop(&h), Some(CHOSEN.len() - 1));
    assert!(at_stop(&h).1);
    press(&mut h, Key::Space);
    assert_eq!(stop(&h), Some(CHOSEN.len() - 1), "the last stop stays");
    press(&mut h, Key::Home);
    assert_eq!(stop(&h), Some(0));

    press(&mut h, Key::Escape);
    assert!(h.state().presenting.is_none(), "Esc leaves");
    h.get_by_label_contains("Layers");
}

#[test]
fn tours_are_edited_and_saved_with_the_project() {
    let mut h = harness();
    let run = common::run;
    run(&mut h, Intent::Tour(TourIntent::AddSelection));
    run(
        &mut h,
        Intent::Tour(TourIntent::Title("Kazakh–Kyrgyz border".into())),
    );
    run(
        &mut h,
        Intent::Tour(TourIntent::MoveStop(1, Direction::Earlier)),
    );
    run(&mut h, Intent::Tour(TourIntent::RemoveStop(5)));
    let karasu = h
        .state()
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .item("cp_karasu")
        .expect("Karasu")
        .sources
        .clone();
    assert!(
        karasu.len() >= 2,
        "Karasu has several quotes to choose from"
    );
    let i = h
        .state()
        .current_tour()
        .expect("tour")
        .stops
        .iter()
        .position(|s| s.item == "cp_karasu")
        .expect("a stop");
    run(&mut h, Intent::Tour(TourIntent::Quote(i, Some(karasu[1]))));
    // The editor shows the stops.
    h.get_by_label("Tours").click();
    h.run();
    h.get_by_label_contains("1. ");

    let tour = h.state().current_tour().expect("tour").clone();
    assert_eq!(tour.stops.len(), 5);
    let saved = Project::from_json(h.state().project().to_json().as_bytes()).expect("reads back");
    assert_eq!(saved.tours, vec![tour.clone()]);

    // Presenting shows the chosen quote at Karasu.
    run(&mut h, Intent::Present(PresentIntent::Start));
    h.run_steps(130);
    for _ in 0..i {
        press(&mut h, Key::ArrowRight);
    }
    let quote = h
        .state()
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .quote(karasu[1])
        .trim()
        .to_owned();
    h.get_by_label(&format!("“{quote}”"));
}

#[test]
fn export_map_image_writes_the_current_view_as_png() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("slide.png");
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, Intent::Selection(SelectionIntent::ZoomTo));
    h.run();
    // The menu entry asks for a path (no native dialog in tests) and a size.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Export map image").click();
    h.run();
    h.get_by_label_contains("1920×1080").click();
    h.run();
    assert!(h.state().prompt.is_some(), "a path is asked for");
    h.state_mut().run(
        &ctx,
        Intent::Export(ExportIntent::ImageTo(
            path.clone(),
            960,
            540,
            Overwrite::Ask,
        )),
    );
    // Drawn in the background, said in the status bar meanwhile.
    assert_eq!(h.state().chore_running(), Some("Drawing the picture"));
    h.step();
    common::settle(&mut h);
    let message = h.state().status_message.clone().expect("a message");
    assert!(!message.error, "{message:?}");
    let picture = image::open(&path).expect("a PNG").to_rgba8();
    assert_eq!(picture.dimensions(), (960, 540));
    // Writing again asks before replacing.
    h.state_mut().run(
        &ctx,
        Intent::Export(ExportIntent::ImageTo(
            path.clone(),
            960,
            540,
            Overwrite::Ask,
        )),
    );
    h.run();
    assert!(
        h.state()
            .prompt
            .as_ref()
            .is_some_and(|p| p.confirm_overwrite),
        "asks to replace"
    );
}

#[test]
fn a_new_empty_tour_takes_the_selection_when_presenting() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Intent::Tour(TourIntent::New));
    h.run();
    press(&mut h, Key::F5);
    let app = h.state();
    assert_eq!(app.tours.len(), 1, "no second tour");
    assert_eq!(app.tours[0].stops.len(), CHOSEN.len());
    assert_eq!(stop(&h), Some(0));
}

#[test]
fn projector_colours_are_switched_from_the_view_menu_and_kept_in_the_project() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    assert_eq!(h.state().palette(&ctx), border_atlas::map::Palette::Light);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Projector colours").click();
    h.run();
    assert_eq!(
        h.state().palette(&ctx),
        border_atlas::map::Palette::Projector
    );
    // A dark theme does not darken a projector's map.
    common::run(
        &mut h,
        Intent::View(border_atlas::intent::ViewIntent::SetTheme(
            egui::ThemePreference::Dark,
        )),
    );
    assert_eq!(
        h.state().palette(&ctx),
        border_atlas::map::Palette::Projector
    );
    assert_eq!(h.state().presented_theme(), egui::ThemePreference::Light);
    let project = Project::from_json(h.state().project().to_json().as_bytes()).expect("reads");
    assert_eq!(project.contrast, border_atlas::map::Contrast::Projector);
}
