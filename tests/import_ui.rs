//! Importing GeoJSON layers in the window (kittest), paths typed instead of a native
//! dialog: an import is a layer of its own in the legend, its features selectable with
//! their properties in the side panel; a Border Atlas export imported and exported again
//! gives the same features; bad files are refused with their reason and nothing is lost.

use std::collections::BTreeMap;
use std::path::Path;

use border_atlas::BorderAtlasApp;
use border_atlas::app::{ExportFormat, ExportScope, Intent, SelectMode};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::Value;

mod common;
use border_atlas::intent::{ExportIntent, FileIntent, Overwrite, SelectionIntent};
use common::run;

fn harness() -> Harness<'static, BorderAtlasApp> {
    // Imported properties hold Uzbek names with ʻ (U+02BB), which egui's bundled test font
    // lacks; the app itself draws them with the system's fonts.
    common::with_seeds(common::builder().allow_missing_glyphs())
}

/// File → Import GeoJSON layer..., the path typed in the window that opens.
fn import_by_path(h: &mut Harness<'_, BorderAtlasApp>, path: &Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Import GeoJSON layer...").click();
    h.run();
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run();
    h.get_by_role(Role::MultilineTextInput)
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Import").click();
    h.step();
    common::settle(h);
}

/// Features by id: (geometry, properties) as JSON values.
fn features_by_id(path: &Path) -> BTreeMap<String, (Value, Value)> {
    let text = std::fs::read_to_string(path).expect("read");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    value["features"]
        .as_array()
        .expect("features")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().expect("string id").to_owned(),
                (f["geometry"].clone(), f["properties"].clone()),
            )
        })
        .collect()
}

#[test]
fn an_export_imported_and_exported_again_gives_the_same_features() {
    let dir = tempfile::tempdir().expect("dir");
    let first = dir.path().join("briefing.geojson");
    let second = dir.path().join("again.geojson");
    let mut h = harness();
    run(
        &mut h,
        Intent::Export(ExportIntent::PlacesTo(
            ExportFormat::GeoJson,
            ExportScope::Visible,
            first.clone(),
            Overwrite::Ask,
        )),
    );
    let exported = features_by_id(&first);
    assert!(exported.len() > 50, "the seeds give many places");

    import_by_path(&mut h, &first);
    let app = h.state();
    let message = app.status_message.clone().expect("a message");
    assert!(!message.error, "{message:?}");
    let loaded = app.loaded.as_ref().expect("loaded");
    assert_eq!(loaded.atlas.layers.len(), 1);
    assert_eq!(loaded.atlas.layers[0].name, "briefing");
    // The legend has the layer under its file's name, with its count.
    h.get_by_label(&format!("briefing ({})", exported.len()));
    let imported: Vec<String> = loaded
        .atlas
        .items
        .iter()
        .filter(|i| i.id.starts_with("import1:"))
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(imported.len(), exported.len());

    run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(imported, SelectMode::Replace)),
    );
    run(
        &mut h,
        Intent::Export(ExportIntent::PlacesTo(
            ExportFormat::GeoJson,
            ExportScope::Selection,
            second.clone(),
            Overwrite::Ask,
        )),
    );
    assert_eq!(
        features_by_id(&second),
        exported,
        "the same features came back"
    );
}

#[test]
fn imported_features_are_selectable_with_their_properties_shown() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("depots.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","id":"d1","properties":{"name":"Dry port Khorgos-East","operator":"KTZ Express","capacity_teu":540000},
           "geometry":{"type":"Point","coordinates":[80.27,44.21]}},
          {"type":"Feature","properties":{"name":"Feeder road"},
           "geometry":{"type":"MultiLineString","coordinates":[[[80.0,44.0],[80.3,44.2]]]}}]}"#,
    )
    .expect("write");
    let mut h = harness();
    import_by_path(&mut h, &path);
    h.get_by_label("depots (2)");
    // Search the list for the feature and click it: the panel shows its properties.
    h.get_by_role(Role::TextInput).focus();
    h.run();
    h.get_by_role(Role::TextInput).type_text("dry port");
    h.run();
    h.get_by_label("Dry port Khorgos-East").click();
    h.run();
    assert_eq!(
        h.state().selection.iter().collect::<Vec<_>>(),
        vec!["import1:1"]
    );
    h.get_by_label("operator");
    h.get_by_label("KTZ Express");
    h.get_by_label("540000");
    // The layer can be switched off and removed.
    h.get_by_label("depots (2)").click();
    h.run();
    assert!(
        !h.state()
            .switches
            .is_on(border_atlas::layers::Layer::Imported(1))
    );
    h.get_by_label("×").click();
    h.run();
    let app = h.state();
    assert!(app.loaded.as_ref().expect("loaded").atlas.layers.is_empty());
    assert!(
        app.selection.is_empty(),
        "the removed features are unselected"
    );
}

#[test]
fn bad_files_are_refused_with_their_reason_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("good.geojson");
    std::fs::write(
        &good,
        r#"{"type":"Feature","properties":{"name":"Keep me"},"geometry":{"type":"Point","coordinates":[71.4,42.9]}}"#,
    )
    .expect("write");
    let huge = dir.path().join("huge.geojson");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("a sparse file");
    let cases: Vec<(&str, Option<&str>, &str)> = vec![
        (
            "notes.geojson",
            Some("Karasu, Ak-Tilek; not JSON"),
            "not JSON",
        ),
        (
            "list.json",
            Some(r#"{"checkpoints":["Karasu"]}"#),
            "not GeoJSON",
        ),
        (
            "mercator.geojson",
            Some(r#"{"type":"Point","coordinates":[8237642.3,5311971.8]}"#),
            "outside longitude",
        ),
        (
            "open.geojson",
            Some(r#"{"type":"Polygon","coordinates":[[[70,40],[71,40],[71,41],[70,41]]]}"#),
            "not closed",
        ),
        (
            "mixed.geojson",
            Some(r#"{"type":"GeometryCollection","geometries":[]}"#),
            "GeometryCollection geometries are not supported",
        ),
        ("huge.geojson", None, "up to 64 MB"),
        ("missing.geojson", None, "could not read"),
    ];
    let mut h = harness();
    import_by_path(&mut h, &good);
    let before = h.state().loaded.as_ref().expect("loaded").atlas.items.len();
    for (name, text, reason) in cases {
        let path = dir.path().join(name);
        if let Some(text) = text {
            std::fs::write(&path, text).expect("write");
        }
        h.state_mut().open_errors.clear();
        import_by_path(&mut h, &path);
        let app = h.state();
        assert!(
            app.open_errors
                .iter()
                .any(|e| e.contains(name) && e.contains(reason)),
            "{name}: {:?}",
            app.open_errors
        );
        let loaded = app.loaded.as_ref().expect("loaded");
        assert_eq!(loaded.atlas.items.len(), before, "{name}: nothing changed");
        assert_eq!(
            loaded.atlas.layers.len(),
            1,
            "{name}: the good layer is kept"
        );
        // The window says why, in words.
        h.get_by_label_contains(reason);
    }
}

#[test]
fn an_import_asked_for_while_documents_are_read_waits_its_turn_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let layer = dir.path().join("briefing.geojson");
    let doc = dir.path().join("news.txt");
    std::fs::write(
        &doc,
        "The Khorgos checkpoint near Zharkent reopened for trucks.",
    )
    .expect("write");
    let mut h = harness();
    // A layer of one checkpoint, exported from the seeds.
    run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_karasu".into()],
            SelectMode::Replace,
        )),
    );
    run(
        &mut h,
        Intent::Export(ExportIntent::PlacesTo(
            ExportFormat::GeoJson,
            ExportScope::Selection,
            layer.clone(),
            Overwrite::Ask,
        )),
    );
    assert!(layer.exists(), "{:?}", h.state().status_message);
    let documents_before = h
        .state()
        .loaded
        .as_ref()
        .expect("loaded")
        .atlas
        .corpus
        .documents
        .len();
    // Both asked for at once: the import must not be refused for the reading.
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    h.state_mut()
        .run(&ctx, Intent::Files(FileIntent::ImportLayers(vec![layer])));
    assert!(h.state().is_loading(), "the work runs in the background");
    h.step();
    common::settle(&mut h);
    let loaded = h.state().loaded.as_ref().expect("loaded");
    assert_eq!(loaded.atlas.corpus.documents.len(), documents_before + 1);
    assert_eq!(
        loaded.atlas.layers.len(),
        1,
        "the import ran after the reading"
    );
    assert!(
        loaded
            .atlas
            .items
            .iter()
            .any(|i| i.name.contains("Khorgos")),
        "the new document's places are kept"
    );
}
