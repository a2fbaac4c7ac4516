//! The screen users live in, clicked through headless with egui_kittest: places on the map
//! and in the list, their quotes, the document reader, layer switches and search — on the
//! built-in seed corpus.

use border_atlas::BorderAtlasApp;
use border_atlas::app::SideTab;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use walkers::{MercatorProjection, Projector, lon_lat};

mod common;

fn harness() -> Harness<'static, BorderAtlasApp> {
    common::with_seeds(common::builder())
}

fn selection(h: &Harness<'_, BorderAtlasApp>) -> Vec<String> {
    h.state().selection.iter().cloned().collect()
}

/// Presses and releases the primary button at a screen position.
fn click_at(h: &mut Harness<'_, BorderAtlasApp>, at: egui::Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.step();
    h.drop_at(at);
    h.run();
}

/// Where a longitude/latitude is on screen in the map's last frame.
fn screen_pos(h: &Harness<'_, BorderAtlasApp>, lon: f64, lat: f64) -> egui::Pos2 {
    let map = &h.state().map;
    let rect = map.last_rect().expect("the map was drawn");
    Projector::new(rect, &MercatorProjection, &map.memory, map.home)
        .project(lon_lat(lon, lat))
        .to_pos2()
}

/// Selects Karasu in the list and clicks its quote from the German article.
fn open_reader_at_the_karasu_passage(h: &mut Harness<'_, BorderAtlasApp>) {
    h.get_by_label("Karasu").click();
    h.run();
    h.get_by_label_contains("Kontrollpunkte Karasu und Aktilak")
        .click();
    h.run();
}

/// Where a place of the atlas is on screen.
fn place_on_screen(h: &Harness<'_, BorderAtlasApp>, id: &str) -> egui::Pos2 {
    let loaded = h.state().loaded.as_ref().expect("loaded");
    let p = loaded
        .atlas
        .item(id)
        .expect(id)
        .geometry
        .representative_point();
    screen_pos(h, p.x(), p.y())
}

#[test]
fn clicking_a_place_in_the_list_shows_its_quotes() {
    let mut h = harness();
    h.get_by_label("Karasu").click();
    h.run();
    assert_eq!(selection(&h), vec!["cp_karasu".to_string()]);
    h.get_by_label_contains("Kontrollpunkte Karasu und Aktilak");
    h.get_by_label_contains("near the Karasu and Ak-Tilek road checkpoints");
}

#[test]
fn clicking_a_place_on_the_map_selects_it_ctrl_click_adds_and_escape_clears() {
    let mut h = harness();
    let osh = place_on_screen(&h, "city_osh");
    click_at(&mut h, osh);
    assert_eq!(selection(&h), vec!["city_osh".to_string()]);
    h.get_by_label_contains("die Stadt Osch");
    let samarkand = place_on_screen(&h, "city_samarkand");
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::COMMAND));
    click_at(&mut h, samarkand);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
    assert_eq!(
        selection(&h),
        vec!["city_osh".to_string(), "city_samarkand".to_string()]
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(selection(&h).is_empty(), "Esc clears the selection");
}

#[test]
fn clicking_a_quote_opens_the_reader_at_it_and_shows_its_places() {
    let mut h = harness();
    open_reader_at_the_karasu_passage(&mut h);
    let app = h.state();
    assert_eq!(app.side_tab, SideTab::Document);
    let target = app.reader.clone().expect("reader open");
    assert_eq!(target.source.document, 0);
    let sel = selection(&h);
    for id in ["cp_karasu", "cp_ak_tilek", "hub_karasu_ak_tilek_logistics"] {
        assert!(sel.contains(&id.to_string()), "{id} not selected: {sel:?}");
    }
    assert!(
        h.query_all_by_label_contains("Über die bilateralen Beziehungen")
            .count()
            >= 1,
        "the document is open"
    );
}

#[test]
fn clicking_a_mention_in_the_reader_selects_the_place() {
    let mut h = harness();
    open_reader_at_the_karasu_passage(&mut h);
    h.get_by_label("Zambir").click();
    h.run();
    assert_eq!(selection(&h), vec!["region_kz_zhambyl".to_string()]);
    assert_eq!(
        h.state().side_tab,
        SideTab::Document,
        "the reader stays open"
    );
}

#[test]
fn switching_a_layer_off_hides_its_places_from_the_list() {
    let mut h = harness();
    assert!(h.query_by_label("Karasu").is_some());
    h.get_by_label("Checkpoints (6)").click();
    h.run();
    assert!(h.query_by_label("Karasu").is_none());
    assert!(h.query_by_label("Almaty").is_some(), "other layers stay");
}

#[test]
fn search_finds_places_despite_typos_and_script() {
    let mut h = harness();
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("Bishkeck");
    h.run();
    assert!(h.query_by_label("Bishkek").is_some());
    assert!(h.query_by_label("Almaty").is_none());
    let mut h = harness();
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("Шымкент");
    h.run();
    assert!(h.query_by_label("Shymkent").is_some());
}

/// Steps the harness until the background reading of documents is done.
fn wait_for_documents(h: &mut Harness<'_, BorderAtlasApp>) {
    for _ in 0..600 {
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    assert!(!h.state().is_loading(), "documents were read within 30 s");
    h.run();
}

#[test]
fn opening_a_bad_file_by_path_shows_why_and_keeps_the_corpus() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("news.txt");
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251
        .encode("Пункт пропуска «Кеген» откроется. Туристы едут в Каракол.");
    std::fs::write(&good, &cp1251).expect("write");
    let bad = dir.path().join("photo.txt");
    std::fs::write(&bad, [0x89u8, b'P', b'N', b'G', 0, 0, 0]).expect("write");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open by path...").click();
    h.run();
    let node = h.get_by_role(Role::MultilineTextInput);
    node.focus();
    h.run();
    h.get_by_role(Role::MultilineTextInput).type_text(&format!(
        "{}\n{}",
        good.display(),
        bad.display()
    ));
    h.run();
    h.get_by_label("Open").click();
    h.step(); // the status bar's spinner keeps repainting while the files are read
    wait_for_documents(&mut h);
    let app = h.state();
    let loaded = app.loaded.as_ref().expect("still loaded");
    assert_eq!(
        loaded.atlas.corpus.documents.len(),
        6,
        "the five seeds and the new file"
    );
    assert!(
        loaded.atlas.item("cp_kegen").is_some(),
        "the Windows-1251 file was decoded and read"
    );
    assert!(
        app.open_errors
            .iter()
            .any(|e| e.contains("photo.txt") && e.contains("not a text file")),
        "{:?}",
        app.open_errors
    );
    h.get_by_label_contains("photo.txt: not a text file");
}

#[test]
fn filters_by_document_and_country_hide_places_everywhere() {
    let mut h = harness();
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("Kichi");
    h.run();
    assert!(h.query_by_label("Kichi-Kapka").is_some());
    h.get_by_label("Filters").click();
    h.run();
    h.get_by_label("Kazakhstan and Kyrgyzstan deepen multifaceted cooperation")
        .click();
    h.run();
    assert!(
        h.query_by_label("Kichi-Kapka").is_none(),
        "only that document names Kichi-Kapka"
    );
    h.get_by_role(Role::TextInput).focus();
    h.run();
    for _ in 0..5 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    // Other documents' places stay; the list is long, so look Karasu up by name.
    h.get_by_role(Role::TextInput).type_text("Karasu");
    h.run();
    assert!(h.query_by_label("Karasu").is_some());
    for _ in 0..6 {
        h.key_press(egui::Key::Backspace);
    }
    h.run();
    h.get_by_label("UZ").click();
    h.run();
    assert!(h.query_by_label("Samarkand").is_none());
    assert!(h.query_by_label("Tashkent").is_none());
    let shown = h.state().shown();
    let loaded = h.state().loaded.as_ref().expect("loaded");
    let samarkand = loaded.index().by_id["city_samarkand"];
    assert!(!shown[samarkand], "the map hides it too");
    h.get_by_label_contains("Filters (2 hidden)");
}

#[test]
fn shift_drag_selects_the_places_in_the_box() {
    let mut h = harness();
    let (karasu, osh) = (
        place_on_screen(&h, "cp_karasu"),
        place_on_screen(&h, "city_osh"),
    );
    let from = egui::pos2(karasu.x.max(osh.x) + 25.0, karasu.y.min(osh.y) - 25.0);
    let to = egui::pos2(karasu.x.min(osh.x) - 25.0, karasu.y.max(osh.y) + 25.0);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.step();
    h.hover_at(to);
    h.step();
    h.drop_at(to);
    h.run();
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
    let sel = selection(&h);
    assert!(
        sel.contains(&"cp_karasu".to_string()) && sel.contains(&"city_osh".to_string()),
        "{sel:?}"
    );
    assert!(!sel.contains(&"city_astana".to_string()));
}

#[test]
fn a_pointer_click_on_a_mention_in_the_reader_selects_the_place() {
    let mut h = harness();
    open_reader_at_the_karasu_passage(&mut h);
    let at = h.get_by_label("Zambir").rect().center();
    click_at(&mut h, at);
    assert_eq!(selection(&h), vec!["region_kz_zhambyl".to_string()]);
}
