//! Work in the background: while documents, a layer, a project or a picture are read or
//! drawn, frames keep coming; the status bar shows a bar where the length is known; Cancel
//! stops the work and leaves everything as it was.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use border_atlas::BorderAtlasApp;
use border_atlas::app::{ExportIntent, FileIntent, Intent, Overwrite};
use border_atlas::intent::BackgroundJob;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// `n` news texts (copies of the seed articles, each under its own name) in `dir`.
fn many_documents(dir: &Path, n: usize) -> Vec<PathBuf> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let texts: Vec<String> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("text"))
        .collect();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("news-{i:04}.txt"));
            std::fs::write(&path, &texts[i % texts.len()]).expect("write");
            path
        })
        .collect()
}

fn document_count(h: &Harness<'_, BorderAtlasApp>) -> usize {
    let loaded = h.state().loaded.as_ref().expect("loaded");
    loaded.atlas.corpus.documents.len()
}

/// Starts `intent` and counts the frames drawn while the work runs (at most 60 s).
fn frames_while_busy(h: &mut Harness<'_, BorderAtlasApp>, intent: Intent) -> usize {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, intent);
    let start = Instant::now();
    let mut frames = 0;
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(60) {
        h.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!h.state().is_busy(), "the work ended within 60 s");
    h.run();
    frames
}

#[test]
fn reading_many_documents_shows_a_bar_and_cancel_leaves_the_corpus_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let paths = many_documents(dir.path(), 400);
    let mut h = common::with_seeds(common::builder());
    let before = document_count(&h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run(&ctx, Intent::Files(FileIntent::OpenPaths(paths)));
    // Frames come while the documents are read, and the bar knows how far it is.
    let mut fraction = None;
    for _ in 0..200 {
        h.step();
        fraction = h.state().running_jobs().first().and_then(|j| j.fraction);
        if fraction.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let fraction = fraction.expect("a bar: the number of documents is known");
    assert!(fraction < 1.0, "still reading: {fraction}");
    let job = &h.state().running_jobs()[0];
    assert_eq!(job.cancel, Some(BackgroundJob::Reading));

    // The click arrives with the next frame; the button's id follows the status bar's
    // layout, which can change as the bar fills, so a click that missed is made again.
    for _ in 0..10 {
        if !h.state().is_busy() {
            break;
        }
        h.get_by_label("Cancel").click();
        h.step();
    }
    assert!(!h.state().is_busy(), "cancelled at once");
    let message = h.state().status_message.clone().expect("a message");
    assert!(message.text.starts_with("Cancelled"), "{}", message.text);
    // Whatever the stopped job still does, nothing of it arrives.
    std::thread::sleep(Duration::from_millis(500));
    h.run();
    assert_eq!(document_count(&h), before, "nothing was added");

    // The same reading, left to finish, adds them all.
    let paths = many_documents(dir.path(), 12);
    let frames = frames_while_busy(&mut h, Intent::Files(FileIntent::OpenPaths(paths)));
    assert!(frames >= 1, "frames came while reading");
    assert_eq!(document_count(&h), before + 12);
}

#[test]
fn importing_a_large_layer_keeps_the_window_drawing_and_can_be_cancelled() {
    let dir = tempfile::tempdir().expect("dir");
    let layer = dir.path().join("points.geojson");
    let features: Vec<String> = (0..40_000)
        .map(|i| {
            let (lon, lat) = (60.0 + (i % 200) as f64 * 0.1, 38.0 + (i / 200) as f64 * 0.05);
            format!(
                r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":{{"name":"Point {i}"}}}}"#
            )
        })
        .collect();
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    );
    std::fs::write(&layer, text).expect("write");
    let mut h = common::with_seeds(common::builder());

    // Cancelled: no layer.
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        Intent::Files(FileIntent::ImportLayers(vec![layer.clone()])),
    );
    h.step();
    assert!(h.state().is_busy(), "importing in the background");
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        Intent::Files(FileIntent::Cancel(BackgroundJob::Reading)),
    );
    std::thread::sleep(Duration::from_millis(300));
    h.run();
    let loaded = h.state().loaded.as_ref().expect("loaded");
    assert!(
        loaded.atlas.layers.is_empty(),
        "the cancelled import added nothing"
    );

    // Left to run: frames keep coming, and the layer arrives.
    let frames = frames_while_busy(&mut h, Intent::Files(FileIntent::ImportLayers(vec![layer])));
    assert!(frames >= 2, "only {frames} frames while importing");
    let loaded = h.state().loaded.as_ref().expect("loaded");
    assert_eq!(loaded.atlas.layers.len(), 1);
    assert_eq!(loaded.atlas.layers[0].features.len(), 40_000);
}

#[test]
fn opening_a_large_project_keeps_the_window_drawing() {
    let dir = tempfile::tempdir().expect("dir");
    let project = dir.path().join("big.batlas");
    let mut h = common::with_seeds(common::builder());
    common::run(
        &mut h,
        Intent::Files(FileIntent::OpenPaths(many_documents(dir.path(), 150))),
    );
    common::run(
        &mut h,
        Intent::Files(FileIntent::SaveProjectTo(project.clone(), Overwrite::Ask)),
    );
    assert!(project.exists(), "{:?}", h.state().status_message);
    let with_project = document_count(&h);
    common::run(&mut h, Intent::Files(FileIntent::NewProject));
    assert!(document_count(&h) < with_project);

    let frames = frames_while_busy(&mut h, Intent::Files(FileIntent::OpenProject(project)));
    assert!(
        frames >= 2,
        "only {frames} frames while opening the project"
    );
    assert_eq!(document_count(&h), with_project);
}

#[test]
fn drawing_a_picture_keeps_the_window_drawing() {
    let dir = tempfile::tempdir().expect("dir");
    let picture = dir.path().join("map.png");
    let mut h = common::with_seeds(common::builder());
    let frames = frames_while_busy(
        &mut h,
        Intent::Export(ExportIntent::ImageTo(
            picture.clone(),
            1280,
            720,
            Overwrite::Ask,
        )),
    );
    let written = picture.exists();
    let message = h.state().status_message.clone().map(|m| m.text);
    // Where no graphics adapter exists the chore says so; either way the window drew on.
    assert!(
        written
            || message
                .as_deref()
                .is_some_and(|m| m.contains("not written")),
        "{message:?}"
    );
    assert!(frames >= 2, "only {frames} frames while drawing");
}
