//! Exporting from the window (kittest), with paths typed instead of a native dialog: the
//! file is the GeoJSON of the `export` command, read back with the `geojson` crate;
//! overwriting asks first; a failed write says why and keeps the selection.

use border_atlas::BorderAtlasApp;
use border_atlas::seeds::SEED_DOCUMENTS;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geojson::FeatureCollection;

mod common;

fn harness_with_karasu_selected() -> Harness<'static, BorderAtlasApp> {
    let mut h = common::with_seeds(common::builder());
    h.get_by_label("Karasu").click();
    h.run();
    h
}

/// Opens File and clicks an entry.
fn file_menu(h: &mut Harness<'_, BorderAtlasApp>, entry: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains(entry).click();
    h.run();
}

/// Replaces the proposed file name in the export window's path field and clicks Save.
fn save_as(h: &mut Harness<'_, BorderAtlasApp>, path: &std::path::Path) {
    let proposed = h
        .state()
        .prompt
        .as_ref()
        .expect("the export window is open")
        .text
        .clone();
    let at = h
        .get_all_by_role(Role::TextInput)
        .find(|n| n.value().as_deref() == Some(proposed.as_str()))
        .expect("the path field")
        .rect()
        .center();
    common::type_into(h, at, &path.display().to_string());
    h.get_by_label("Save").click();
    h.run();
}

#[test]
fn exporting_the_selection_writes_geojson_with_its_quotes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("karasu.geojson");
    let mut h = harness_with_karasu_selected();
    file_menu(&mut h, "Export selection as GeoJSON...");
    save_as(&mut h, &path);
    let text = std::fs::read_to_string(&path).expect("the file was written");
    let fc: FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .ok()
        .and_then(|g| g.try_into().ok())
        .expect("GeoJSON");
    assert_eq!(fc.features.len(), 1);
    let props = fc.features[0].properties.as_ref().expect("properties");
    assert_eq!(props["kind"], "checkpoint");
    for s in props["sources"].as_array().expect("sources") {
        let doc = SEED_DOCUMENTS
            .iter()
            .find(|d| d.file_name == s["document"])
            .expect("seed");
        let (a, b) = (
            s["start"].as_u64().expect("start") as usize,
            s["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            doc.text.chars().skip(a).take(b - a).collect::<String>(),
            s["quote"].as_str().expect("quote")
        );
    }
    let message = h.state().status_message.clone().expect("a message");
    assert!(
        !message.error && message.text.contains("Exported 1 feature "),
        "{message:?}"
    );
}

#[test]
fn overwriting_asks_first() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("places.geojson");
    std::fs::write(&path, "old").expect("write");
    let mut h = harness_with_karasu_selected();
    file_menu(&mut h, "Export selection as GeoJSON...");
    save_as(&mut h, &path);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "old",
        "nothing is overwritten without asking"
    );
    file_menu(&mut h, "Export selection as GeoJSON...");
    save_as(&mut h, &path);
    h.get_by_label("Replace").click();
    h.run();
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("cp_karasu")
    );
}

#[test]
fn a_failed_export_says_why_and_keeps_the_selection() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("no such folder").join("places.geojson");
    let mut h = harness_with_karasu_selected();
    file_menu(&mut h, "Export selection as GeoJSON...");
    save_as(&mut h, &path);
    let message = h.state().status_message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("Export failed"),
        "{message:?}"
    );
    assert!(h.state().selection.contains("cp_karasu"));
    assert!(!path.exists());
}

#[test]
fn csv_export_has_a_row_per_place_with_its_first_quote() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("karasu.csv");
    let mut h = harness_with_karasu_selected();
    file_menu(&mut h, "Export selection as CSV...");
    save_as(&mut h, &path);
    let text = std::fs::read_to_string(&path).expect("written");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "id,name,kind,countries,latitude,longitude,mentions,review,confidence,first_event,last_event,latest_status,first_quote"
        )
    );
    let row = lines.next().expect("a row");
    assert!(
        row.starts_with("cp_karasu,Karasu,checkpoint,KZ,42.9"),
        "{row}"
    );
    assert!(row.contains("Kontrollpunkte Karasu und Aktilak"));
}
