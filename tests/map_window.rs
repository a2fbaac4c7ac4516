//! Clicks through the map window headless with egui_kittest: the app is built with the
//! built-in corpus and the embedded basemap, exactly as `border-atlas` starts it.

use border_atlas::BorderAtlasApp;
use border_atlas::mercator::GeoBounds;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, BorderAtlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 760.0))
        .with_max_steps(12)
        .build_ui_state(
            |ui, app: &mut BorderAtlasApp| app.show(ui),
            BorderAtlasApp::without_documents(),
        );
    harness.run();
    harness
}

fn center_of(harness: &Harness<'_, BorderAtlasApp>) -> (f64, f64) {
    let c = harness.state().map.center();
    (c.x(), c.y())
}

#[test]
fn window_opens_framed_on_central_asia() {
    let harness = harness();
    let (lon, lat) = center_of(&harness);
    let expected = GeoBounds::CENTRAL_ASIA.center();
    assert!((lon - expected.x()).abs() < 0.01 && (lat - expected.y()).abs() < 0.01);
    let zoom = harness.state().map.zoom();
    assert!((3.0..5.0).contains(&zoom), "opens at zoom {zoom}");
}

#[test]
fn zoom_buttons_zoom_in_and_out_by_one_level() {
    let mut harness = harness();
    let start = harness.state().map.zoom();
    harness.get_by_label("+").click();
    harness.run();
    assert!((harness.state().map.zoom() - (start + 1.0)).abs() < 1e-9);
    harness.get_by_label("-").click();
    harness.run();
    harness.get_by_label("-").click();
    harness.run();
    assert!((harness.state().map.zoom() - (start - 1.0)).abs() < 1e-9);
}

#[test]
fn keys_pan_and_zoom_and_fit_all_frames_central_asia_again() {
    let mut harness = harness();
    let start_zoom = harness.state().map.zoom();
    let (lon0, lat0) = center_of(&harness);
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.key_press(Key::ArrowUp);
    harness.run();
    let (lon1, lat1) = center_of(&harness);
    assert!(lon1 > lon0 + 1.0, "arrow right pans east: {lon0} -> {lon1}");
    assert!(lat1 > lat0 + 0.5, "arrow up pans north: {lat0} -> {lat1}");
    harness.key_press(Key::Plus);
    harness.run();
    assert!((harness.state().map.zoom() - (start_zoom + 1.0)).abs() < 1e-9);

    harness.get_by_label("Fit all").click();
    harness.run();
    let (lon2, lat2) = center_of(&harness);
    let expected = GeoBounds::CENTRAL_ASIA.center();
    assert!((lon2 - expected.x()).abs() < 0.01 && (lat2 - expected.y()).abs() < 0.01);
    assert!((harness.state().map.zoom() - start_zoom).abs() < 1e-6);
}

#[test]
fn zoom_stays_within_limits() {
    let mut harness = harness();
    for _ in 0..30 {
        harness.get_by_label("+").click();
        harness.run();
    }
    assert_eq!(harness.state().map.zoom(), border_atlas::map::MAX_ZOOM);
}

#[test]
fn pointer_position_is_shown_in_latitude_and_longitude() {
    let mut harness = harness();
    harness.hover_at(egui::pos2(550.0, 400.0));
    harness.run();
    let (lon, lat) = harness
        .state()
        .map
        .pointer_lon_lat
        .expect("pointer is over the map");
    assert!(GeoBounds::CENTRAL_ASIA.contains(lon, lat));
    let text = border_atlas::ui::status_bar::format_lon_lat(lon, lat);
    harness.get_by_label(&text);
}

#[test]
fn about_box_credits_the_map_data() {
    let mut harness = harness();
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About Border Atlas").click();
    harness.run();
    assert!(harness.state().about_open);
    harness.get_by_label_contains("Natural Earth 1:10m");
    harness.get_by_label_contains("GeoNames, licensed under");
    harness.get_by_label_contains("wordfreq");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!harness.state().about_open);
}

#[test]
fn dark_theme_is_chosen_from_the_view_menu() {
    let mut harness = harness();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(harness.state().theme, egui::ThemePreference::Dark);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}
