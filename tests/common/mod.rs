//! What the window tests share: a harness of the app on the seed corpus, running a
//! command, and typing into a text field found by where it is.
#![allow(dead_code)] // Each test file uses a part.

use border_atlas::BorderAtlasApp;
use border_atlas::app::{Intent, Workspace};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, HarnessBuilder};

/// The window size the tests use, with room for both side panels.
pub fn builder() -> HarnessBuilder<BorderAtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(16)
}

/// A harness drawing `app` as the window does.
pub fn build(
    builder: HarnessBuilder<BorderAtlasApp>,
    app: BorderAtlasApp,
) -> Harness<'static, BorderAtlasApp> {
    builder.build_ui_state(|ui, app: &mut BorderAtlasApp| app.show(ui), app)
}

/// The window on the seed corpus, read already, after its first frames.
pub fn with_seeds(builder: HarnessBuilder<BorderAtlasApp>) -> Harness<'static, BorderAtlasApp> {
    let loaded = Workspace::seeds().expect("the seeds are read");
    let mut h = build(builder, BorderAtlasApp::with_loaded(loaded));
    h.run();
    h
}

/// Applies a command as the UI would, then lets the window settle, work in the background
/// included.
pub fn run(h: &mut Harness<'_, BorderAtlasApp>, command: Intent) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, command);
    h.step();
    settle(h);
}

/// Steps the harness until the work in the background (reading, importing, saving, drawing)
/// is done.
pub fn settle(h: &mut Harness<'_, BorderAtlasApp>) {
    for _ in 0..1200 {
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    assert!(
        !h.state().is_busy(),
        "the work in the background ended within 60 s"
    );
    h.run();
}

/// Replaces the text of the field at `at` (screen position) with `text`.
pub fn type_into(h: &mut Harness<'_, BorderAtlasApp>, at: egui::Pos2, text: &str) {
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.rect().contains(at))
        .expect("a text field there")
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_all_by_role(Role::TextInput)
        .find(|n| n.rect().contains(at))
        .expect("a text field there")
        .type_text(text);
    h.run();
}

/// Runs the `border-atlas` binary with these arguments.
pub fn border_atlas(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_border-atlas"))
        .args(args)
        .output()
        .expect("the binary runs")
}
