//! Windows for files: typing a path where no file dialog is available (documents, layers,
//! projects), and the files that could not be read, with the reasons.

use std::path::PathBuf;

use crate::intent::ReviewIntent;
use crate::intent::{
    Answer, ExportFormat, ExportIntent, FileIntent, Intent, Overwrite, PathPurpose,
};
use crate::state::PathPrompt;

/// What the file windows show: the path being typed (and the picture size chosen), whether
/// unsaved work waits for an answer, and the files that could not be read.
pub struct FileWindows<'a> {
    /// The window where a path is typed, when open.
    pub prompt: Option<&'a mut PathPrompt>,
    /// The size of the picture to write, chosen in the prompt.
    pub image_size: &'a mut (u32, u32),
    /// Whether "replace the unsaved work?" waits for an answer.
    pub confirm_replace: bool,
    /// Files that could not be read, with the reasons.
    pub open_errors: &'a [String],
}

/// Draws whichever of the windows is due.
pub fn open_windows_ui(ctx: &egui::Context, windows: FileWindows<'_>, commands: &mut Vec<Intent>) {
    if let Some(prompt) = windows.prompt {
        path_prompt_ui(ctx, prompt, windows.image_size, commands);
    }
    if windows.confirm_replace {
        egui::Window::new("Unsaved work")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(
                    "The documents, layers or tours you have now are not saved in a project. \
                     Replace them anyway? (Cancel, then File > Save project, keeps them.)",
                );
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        commands.push(Intent::Files(FileIntent::ConfirmReplace(Answer::Proceed)));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Intent::Files(FileIntent::ConfirmReplace(Answer::Keep)));
                    }
                });
            });
    }
    if !windows.open_errors.is_empty() {
        egui::Window::new("Some files could not be read")
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("The other documents were added; nothing already open was lost.");
                for e in windows.open_errors {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                if ui.button("OK").clicked() {
                    commands.push(Intent::Files(FileIntent::DismissOpenErrors));
                }
            });
    }
}

/// The window's title, what it asks, an example path, and its button.
fn wording(purpose: PathPurpose) -> (&'static str, &'static str, &'static str, &'static str) {
    match purpose {
        PathPurpose::ExportUserPlaces => (
            "Export your places",
            "Type where to save the places you added (GeoJSON).",
            "/home/me/my-places.geojson",
            "Save",
        ),
        PathPurpose::ImportUserPlaces => (
            "Import places",
            "Type the path of a GeoJSON file of places to add to yours.",
            "/home/me/my-places.geojson",
            "Import",
        ),
        PathPurpose::ExportPlaces(ExportFormat::GeoJson, _) => (
            "Export to a file",
            "Type where to save the GeoJSON file.",
            "/home/me/briefing.geojson",
            "Save",
        ),
        PathPurpose::ExportPlaces(ExportFormat::Csv, _) => (
            "Export to a file",
            "Type where to save the CSV file.",
            "/home/me/briefing.csv",
            "Save",
        ),
        PathPurpose::OpenDocuments => (
            "Open documents by path",
            "Type the path of a .txt or .md file or of a folder (several: one per line).",
            "/home/me/news/article.txt",
            "Open",
        ),
        PathPurpose::ImportLayer => (
            "Import GeoJSON layer",
            "Type the path of a GeoJSON file (several: one per line).",
            "/home/me/gis/roads.geojson",
            "Import",
        ),
        PathPurpose::OpenProject => (
            "Open project",
            "Type the path of a Border Atlas project (.batlas).",
            "/home/me/briefing.batlas",
            "Open",
        ),
        PathPurpose::SaveProject => (
            "Save project",
            "Type where to save the project (.batlas).",
            "/home/me/briefing.batlas",
            "Save",
        ),
        PathPurpose::ExportImage => (
            "Export map image",
            "A PNG of the map as it is now, with legend, scale bar and attribution.",
            "/home/me/slides/map.png",
            "Export",
        ),
    }
}

fn path_prompt_ui(
    ctx: &egui::Context,
    prompt: &mut PathPrompt,
    image_size: &mut (u32, u32),
    commands: &mut Vec<Intent>,
) {
    let (title, ask, example, button) = wording(prompt.purpose);
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let paths: Vec<PathBuf> = prompt
                .text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect();
            if prompt.confirm_overwrite {
                confirm_overwrite_ui(ui, prompt, &paths, *image_size, commands);
                return;
            }
            ui.label(ask);
            if prompt.purpose == PathPurpose::ExportImage {
                let current = crate::render::SIZES
                    .iter()
                    .find(|(w, h, _)| (*w, *h) == *image_size)
                    .map_or("custom", |s| s.2);
                egui::ComboBox::from_label("Size")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (w, h, label) in crate::render::SIZES {
                            ui.selectable_value(image_size, (w, h), label);
                        }
                    });
            }
            let several = matches!(
                prompt.purpose,
                PathPurpose::OpenDocuments | PathPurpose::ImportLayer
            );
            let edit = if several {
                egui::TextEdit::multiline(&mut prompt.text).desired_rows(3)
            } else {
                egui::TextEdit::singleline(&mut prompt.text)
            };
            let edit = ui.add(edit.desired_width(420.0).hint_text(example));
            edit.request_focus();
            let enter =
                !several && edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let go = ui
                    .add_enabled(!paths.is_empty(), egui::Button::new(button))
                    .clicked()
                    || (enter && !paths.is_empty());
                if go {
                    commands.push(go_intent(prompt.purpose, &paths, *image_size));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Intent::Files(FileIntent::ShowPathPrompt(None)));
                }
            });
        });
    if !open {
        commands.push(Intent::Files(FileIntent::ShowPathPrompt(None)));
    }
}

/// Asks whether to replace the file the prompt names.
fn confirm_overwrite_ui(
    ui: &mut egui::Ui,
    prompt: &PathPrompt,
    paths: &[PathBuf],
    image_size: (u32, u32),
    commands: &mut Vec<Intent>,
) {
    ui.label(format!("{} exists. Replace the file?", prompt.text.trim()));
    ui.horizontal(|ui| {
        if ui.button("Replace").clicked()
            && let Some(path) = paths.first()
        {
            // Nothing is written when reading: nothing to replace.
            let replace =
                write_intent(prompt.purpose, path.clone(), image_size, Overwrite::Replace);
            commands.push(replace.unwrap_or(Intent::Files(FileIntent::ShowPathPrompt(None))));
        }
        if ui.button("Cancel").clicked() {
            commands.push(Intent::Files(FileIntent::ShowPathPrompt(None)));
        }
    });
}

/// What the prompt's button does with the paths typed (at least one).
fn go_intent(purpose: PathPurpose, paths: &[PathBuf], image_size: (u32, u32)) -> Intent {
    let first = paths[0].clone();
    match purpose {
        PathPurpose::OpenDocuments => Intent::Files(FileIntent::OpenPaths(paths.to_vec())),
        PathPurpose::ImportLayer => Intent::Files(FileIntent::ImportLayers(paths.to_vec())),
        PathPurpose::OpenProject => Intent::Files(FileIntent::OpenProject(first)),
        PathPurpose::ImportUserPlaces => Intent::Review(ReviewIntent::ReadUserPlaces(first)),
        PathPurpose::SaveProject
        | PathPurpose::ExportImage
        | PathPurpose::ExportPlaces(..)
        | PathPurpose::ExportUserPlaces => {
            let path = match purpose {
                PathPurpose::SaveProject => with_extension(&first, crate::project::EXTENSION),
                PathPurpose::ExportImage => with_extension(&first, "png"),
                PathPurpose::ExportUserPlaces => with_extension(&first, "geojson"),
                _ => first,
            };
            write_intent(purpose, path, image_size, Overwrite::Ask)
                .unwrap_or(Intent::Files(FileIntent::ShowPathPrompt(None)))
        }
    }
}

/// Writing to `path` for a purpose that writes; `None` for those that read.
fn write_intent(
    purpose: PathPurpose,
    path: PathBuf,
    (w, h): (u32, u32),
    overwrite: Overwrite,
) -> Option<Intent> {
    match purpose {
        PathPurpose::ExportImage => {
            Some(Intent::Export(ExportIntent::ImageTo(path, w, h, overwrite)))
        }
        PathPurpose::ExportPlaces(format, scope) => Some(Intent::Export(ExportIntent::PlacesTo(
            format, scope, path, overwrite,
        ))),
        PathPurpose::SaveProject => Some(Intent::Files(FileIntent::SaveProjectTo(path, overwrite))),
        PathPurpose::ExportUserPlaces => Some(Intent::Review(ReviewIntent::WriteUserPlaces(
            path, overwrite,
        ))),
        PathPurpose::OpenDocuments
        | PathPurpose::ImportLayer
        | PathPurpose::OpenProject
        | PathPurpose::ImportUserPlaces => None,
    }
}

/// The path with `extension` added when it has none.
fn with_extension(path: &std::path::Path, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path.to_owned()
    }
}
