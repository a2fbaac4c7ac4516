//! The shape of the code, checked: data flows one way (no panel, no map module and not the
//! picture renderer imports the window app), and no source file grows past 600 lines.
//! (Functions over 80 lines are refused by clippy: `too-many-lines-threshold` in
//! clippy.toml, `#![warn(clippy::too_many_lines)]` in lib.rs, warnings denied in CI.)

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("the source tree is readable");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            out.push(entry.into_path());
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn nothing_below_the_window_imports_the_app() {
    let mut below: Vec<PathBuf> = ["ui", "map"]
        .iter()
        .flat_map(|d| rust_files(&src().join(d)))
        .collect();
    for file in [
        "render.rs",
        "picture.rs",
        "workspace.rs",
        "commands.rs",
        "state.rs",
    ] {
        below.push(src().join(file));
    }
    let mut offenders = Vec::new();
    for path in &below {
        let text = std::fs::read_to_string(path).expect("readable");
        if text.contains("crate::app") || text.contains("BorderAtlasApp") {
            offenders.push(path.display().to_string());
        }
    }
    assert!(
        below.len() > 20,
        "the walk found the panels and map modules"
    );
    assert_eq!(offenders, Vec::<String>::new(), "these import the app");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let files = rust_files(&src());
    assert!(files.len() > 50, "the walk found the sources");
    let long: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let lines = std::fs::read_to_string(p)
                .expect("readable")
                .lines()
                .count();
            (lines > 600).then(|| format!("{} ({lines} lines)", p.display()))
        })
        .collect();
    assert_eq!(long, Vec::<String>::new(), "split these");
}
