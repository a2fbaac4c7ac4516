//! Keeping the user's work (kittest): a session is saved and restored at the next start
//! (documents, imported layers, selection, layer switches, filters, map view); a project
//! is saved with Ctrl+S and opened with Ctrl+O by typed path; a damaged session is set
//! aside, reported and never written over; an interrupted write leaves the previous file.

use std::path::Path;
use std::time::{Duration, Instant};

use border_atlas::BorderAtlasApp;
use border_atlas::app::{Intent, SelectMode, Workspace};
use border_atlas::intent::{FileIntent, Overwrite, SelectionIntent, ViewIntent, Visibility};
use border_atlas::layers::Layer;
use border_atlas::project::Project;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

/// A window restoring the session at `session` (no native dialogs), once it has.
fn started(session: &Path) -> Harness<'static, BorderAtlasApp> {
    let mut app = BorderAtlasApp::with_session(Some(session.to_owned()));
    app.native_dialogs = false;
    let mut h = common::build(common::builder(), app);
    wait(&mut h);
    h
}

fn wait(h: &mut Harness<'_, BorderAtlasApp>) {
    let start = Instant::now();
    h.step();
    while h.state().is_busy() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().is_busy(), "read within 60 s");
    // The map may still be settling into the restored view.
    h.run_steps(40);
}

fn run(h: &mut Harness<'_, BorderAtlasApp>, command: Intent) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, command);
    wait(h);
}

/// Types a path into the path window's field (not the places list's search, which stands
/// at the left) and clicks the window's button.
fn type_path(h: &mut Harness<'_, BorderAtlasApp>, path: &Path, button: &str) {
    let at = h
        .get_all_by_role(Role::TextInput)
        .map(|n| n.rect())
        .max_by(|a, b| a.min.x.total_cmp(&b.min.x))
        .expect("the path field")
        .center();
    common::type_into(h, at, &path.display().to_string());
    h.get_by_label(button).click();
    // Opening and saving run in the background and repaint until done.
    h.step();
    common::settle(h);
}

/// A session with a document, a layer, a selection, a layer off, a filter and a view.
fn make_work(h: &mut Harness<'_, BorderAtlasApp>, dir: &Path) {
    let doc = dir.join("kegen.txt");
    std::fs::write(&doc, "The Kegen checkpoint on the border reopens in May.").expect("write");
    let layer = dir.join("depots.geojson");
    std::fs::write(
        &layer,
        r#"{"type":"Feature","id":"d1","properties":{"name":"Depot"},"geometry":{"type":"Point","coordinates":[74.6,42.9]}}"#,
    )
    .expect("write");
    run(h, Intent::Files(FileIntent::OpenPaths(vec![doc])));
    run(h, Intent::Files(FileIntent::ImportLayers(vec![layer])));
    run(
        h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_kegen".into(), "import1:1".into()],
            SelectMode::Replace,
        )),
    );
    run(
        h,
        Intent::View(ViewIntent::Layer(Layer::Regions, Visibility::Hidden)),
    );
    run(
        h,
        Intent::View(ViewIntent::Country("UZ".into(), Visibility::Hidden)),
    );
    h.state_mut().map.look_at(74.5, 43.1, 8.0);
    h.run();
}

/// What must survive: documents, layers, selection, switches, filters, view.
fn assert_same_work(a: &BorderAtlasApp, b: &BorderAtlasApp) {
    let (la, lb) = (
        a.loaded.as_ref().expect("loaded"),
        b.loaded.as_ref().expect("loaded"),
    );
    let names = |l: &Workspace| -> Vec<String> {
        l.atlas
            .corpus
            .documents
            .iter()
            .map(|d| d.file_name.clone())
            .collect()
    };
    assert_eq!(names(la), names(lb));
    assert_eq!(la.atlas.layers, lb.atlas.layers);
    assert_eq!(la.atlas.items.len(), lb.atlas.items.len());
    assert_eq!(a.selection, b.selection);
    assert_eq!(a.switches, b.switches);
    assert_eq!(a.filters, b.filters);
    let (ca, cb) = (a.map.center(), b.map.center());
    assert!((ca.x() - cb.x()).abs() < 1e-5 && (ca.y() - cb.y()).abs() < 1e-5);
    assert!((a.map.zoom() - b.map.zoom()).abs() < 1e-2);
}

#[test]
fn the_session_is_saved_and_restored_at_the_next_start() {
    let dir = tempfile::tempdir().expect("dir");
    let session = dir.path().join("data").join("session.batlas");
    let mut first = started(&session);
    assert_eq!(
        first
            .state()
            .loaded
            .as_ref()
            .expect("seeds")
            .atlas
            .corpus
            .documents
            .len(),
        5,
        "no session yet: the seeds"
    );
    make_work(&mut first, dir.path());
    assert_eq!(first.state().selection.len(), 2);
    // Closing the window saves the session (autosave does too, after two quiet seconds).
    first.state_mut().save_session();
    assert!(session.exists());

    let second = started(&session);
    assert_same_work(first.state(), second.state());
    assert!(second.state().selection.contains("import1:1"));
    assert!(!second.state().switches.is_on(Layer::Regions));
    let message = second.state().status_message.clone().expect("a message");
    assert!(message.text.contains("Restored"), "{message:?}");
}

#[test]
fn autosave_writes_after_the_work_settles() {
    let dir = tempfile::tempdir().expect("dir");
    let session = dir.path().join("session.batlas");
    let mut h = started(&session);
    run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_karasu".into()],
            SelectMode::Replace,
        )),
    );
    assert!(!session.exists(), "not at once: the work may still change");
    let start = Instant::now();
    while !session.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
        h.step();
    }
    let saved = Project::read(&session).expect("the session was autosaved");
    assert_eq!(saved.selection, vec!["cp_karasu".to_owned()]);
}

#[test]
fn a_project_is_saved_with_ctrl_s_and_opened_with_ctrl_o() {
    let dir = tempfile::tempdir().expect("dir");
    let project = dir.path().join("briefing.batlas");
    let mut h = started(&dir.path().join("one.batlas"));
    make_work(&mut h, dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    type_path(&mut h, &project, "Save");
    assert!(project.exists(), "{:?}", h.state().status_message);
    assert_eq!(h.state().project_path.as_deref(), Some(project.as_path()));
    // Saving again goes to the same file without asking.
    run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_karasu".into()],
            SelectMode::Add,
        )),
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.step();
    common::settle(&mut h);
    assert_eq!(Project::read(&project).expect("read").selection.len(), 3);

    let mut other = started(&dir.path().join("two.batlas"));
    other.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    other.run();
    type_path(&mut other, &project, "Open");
    wait(&mut other);
    assert_same_work(h.state(), other.state());
}

#[test]
fn saving_over_another_file_asks_first() {
    let dir = tempfile::tempdir().expect("dir");
    let project = dir.path().join("existing.batlas");
    std::fs::write(&project, "precious").expect("write");
    let mut h = started(&dir.path().join("session.batlas"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    type_path(&mut h, &project, "Save");
    h.get_by_label_contains("Replace the file?");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&project).expect("read"), "precious");
}

#[test]
fn a_damaged_session_is_set_aside_and_the_app_still_starts() {
    let dir = tempfile::tempdir().expect("dir");
    let session = dir.path().join("session.batlas");
    let damaged = b"{\"format\":\"border-atlas-project\",\"version\":1,\"documents\":[{\"file_na";
    std::fs::write(&session, damaged).expect("write");
    let mut h = started(&session);
    let app = h.state();
    assert_eq!(
        app.loaded
            .as_ref()
            .expect("the seeds")
            .atlas
            .corpus
            .documents
            .len(),
        5
    );
    let message = app.status_message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("could not be restored"),
        "{message:?}"
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "set aside once");
    assert_eq!(std::fs::read(aside[0].path()).expect("read"), damaged);
    // The next save writes a new session; the damaged one is kept as it was.
    h.state_mut().save_session();
    assert!(Project::read(&session).is_ok());
    assert_eq!(std::fs::read(aside[0].path()).expect("read"), damaged);
}

#[test]
fn opening_a_bad_project_says_why_and_keeps_the_work() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = started(&dir.path().join("session.batlas"));
    run(
        &mut h,
        Intent::Selection(SelectionIntent::Select(
            vec!["cp_karasu".into()],
            SelectMode::Replace,
        )),
    );
    let cases = [
        (
            "notes.batlas",
            "hello",
            "not a readable Border Atlas project",
        ),
        (
            "layer.batlas",
            r#"{"type":"FeatureCollection","features":[]}"#,
            "not a Border Atlas project",
        ),
        (
            "future.batlas",
            r#"{"format":"border-atlas-project","version":7}"#,
            "newer Border Atlas",
        ),
        (
            "broken-layer.batlas",
            r#"{"format":"border-atlas-project","version":1,"layers":[{"key":1,"name":"roads","features":{"type":"Point","coordinates":[500,0]}}]}"#,
            "layer \"roads\" is damaged",
        ),
    ];
    for (name, text, reason) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        h.state_mut().open_errors.clear();
        run(&mut h, Intent::Files(FileIntent::OpenProject(path)));
        let app = h.state();
        assert!(
            app.open_errors.iter().any(|e| e.contains(reason)),
            "{name}: {:?}",
            app.open_errors
        );
        assert_eq!(
            app.selection.iter().collect::<Vec<_>>(),
            vec!["cp_karasu"],
            "{name}: the work is kept"
        );
    }
}

#[test]
fn an_interrupted_write_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("briefing.batlas");
    let previous = Project::default();
    previous.write(&path, false).expect("first write");
    let before = std::fs::read(&path).expect("read");
    let access = border_atlas::fileio::Access::Private;
    let result = border_atlas::export::write_atomically_with(&path, true, access, |file| {
        use std::io::Write as _;
        file.write_all(b"{\"format\":\"border-atlas-pro")?;
        Err(std::io::Error::other("the disk is full"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind: {left:?}");
}

#[test]
fn replacing_unsaved_work_asks_first() {
    let dir = tempfile::tempdir().expect("dir");
    let other = dir.path().join("other.batlas");
    Project::default().write(&other, false).expect("write");
    let mut h = started(&dir.path().join("session.batlas"));
    make_work(&mut h, dir.path());
    let items = |h: &Harness<'_, BorderAtlasApp>| {
        h.state().loaded.as_ref().expect("loaded").atlas.items.len()
    };
    let before = items(&h);
    run(
        &mut h,
        Intent::Files(FileIntent::OpenProject(other.clone())),
    );
    h.get_by_label_contains("not saved in a project");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(items(&h), before, "Cancel keeps the work");
    assert!(h.state().confirm_replace.is_none());

    // Saved: no question; the other project replaces the work.
    run(
        &mut h,
        Intent::Files(FileIntent::SaveProjectTo(
            dir.path().join("mine.batlas"),
            Overwrite::Ask,
        )),
    );
    assert!(!h.state().has_unsaved_work());
    run(&mut h, Intent::Files(FileIntent::OpenProject(other)));
    assert!(
        h.state().confirm_replace.is_none(),
        "nothing to lose, nothing asked"
    );
    assert_eq!(
        h.state()
            .loaded
            .as_ref()
            .expect("loaded")
            .atlas
            .corpus
            .documents
            .len(),
        5,
        "the other project has the seeds alone ({:?}, {:?})",
        h.state().status_message,
        h.state().open_errors
    );
}
