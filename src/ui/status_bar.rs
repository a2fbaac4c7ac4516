//! The status bar: the corpus, the pointer's coordinates, the zoom and the tiles' state.

use egui::Ui;

use crate::intent::{BackgroundJob, FileIntent, Intent};
use crate::map::Reachability;
use crate::state::StatusMessage;

/// A job running in the background, as the status bar shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunningJob {
    /// What it does ("Importing layers").
    pub what: &'static str,
    /// The part done, where the job knows its length: a bar; else a spinner.
    pub fraction: Option<f32>,
    /// The job a Cancel button stops, where stopping makes sense.
    pub cancel: Option<BackgroundJob>,
}

/// Formats a longitude/latitude the way maps print it: `43.2512° N, 76.9231° E`.
///
/// # Examples
/// ```
/// assert_eq!(border_atlas::ui::status_bar::format_lon_lat(76.92314, 43.25121), "43.2512° N, 76.9231° E");
/// assert_eq!(border_atlas::ui::status_bar::format_lon_lat(-3.5, -0.25), "0.2500° S, 3.5000° W");
/// ```
pub fn format_lon_lat(lon_deg: f64, lat_deg: f64) -> String {
    let ns = if lat_deg < 0.0 { 'S' } else { 'N' };
    let ew = if lon_deg < 0.0 { 'W' } else { 'E' };
    format!("{:.4}° {ns}, {:.4}° {ew}", lat_deg.abs(), lon_deg.abs())
}

/// What the status bar shows.
pub struct StatusBar<'a> {
    /// What the last action did.
    pub message: Option<&'a StatusMessage>,
    /// What runs in the background, each with a bar or a spinner.
    pub running: Vec<RunningJob>,
    /// Documents and places, once read.
    pub corpus: Option<(usize, usize)>,
    /// Whether the documents are still being read (nothing read yet).
    pub reading: bool,
    /// How many items are selected.
    pub selected: usize,
    /// The map's zoom.
    pub zoom: f64,
    /// The longitude and latitude under the pointer, when on the map.
    pub pointer: Option<(f64, f64)>,
}

/// Draws the status bar; a Cancel pressed is pushed to `commands`.
pub fn status_bar_ui(
    ui: &mut Ui,
    bar: &StatusBar<'_>,
    tiles: Option<&Reachability>,
    commands: &mut Vec<Intent>,
) {
    ui.horizontal(|ui| {
        if let Some(message) = bar.message {
            let color = if message.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(color, &message.text);
            ui.separator();
        }
        for job in &bar.running {
            running_job_ui(ui, job, commands);
            ui.separator();
        }
        match bar.corpus {
            Some((documents, places)) => ui.label(format!(
                "{documents} documents · {places} places · {} selected",
                bar.selected
            )),
            None if bar.reading => ui.label("Reading the documents…"),
            None => ui.colored_label(ui.visuals().error_fg_color, "No documents"),
        };
        ui.separator();
        ui.label(format!("Zoom {:.1}", bar.zoom));
        ui.separator();
        match bar.pointer {
            Some((lon, lat)) => ui.monospace(format_lon_lat(lon, lat)),
            None => ui.weak("Pointer off the map"),
        };
        ui.with_layout(
            egui::Layout::right_to_left(egui::Align::Center),
            |ui| match tiles {
                None => {
                    ui.label("Offline basemap");
                }
                Some(Reachability::Checking) => {
                    ui.label("OpenStreetMap tiles: connecting... (offline basemap meanwhile)");
                }
                Some(Reachability::Reachable) => {
                    ui.label("OpenStreetMap tiles (online, cached on disk)");
                }
                Some(Reachability::Unreachable(why)) => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "OpenStreetMap tiles unavailable ({why}): showing the offline basemap"
                        ),
                    );
                }
            },
        );
    });
}

/// One job: a bar where its length is known (else a spinner), what it does, and Cancel.
fn running_job_ui(ui: &mut Ui, job: &RunningJob, commands: &mut Vec<Intent>) {
    match job.fraction {
        Some(f) => {
            let bar = egui::ProgressBar::new(f)
                .desired_width(120.0)
                .show_percentage();
            ui.add(bar);
        }
        None => {
            ui.spinner();
        }
    }
    ui.label(format!("{}…", job.what));
    if let Some(which) = job.cancel
        && ui
            .small_button("Cancel")
            .on_hover_text(format!(
                "Stop: {}; nothing is changed",
                job.what.to_lowercase()
            ))
            .clicked()
    {
        commands.push(Intent::Files(FileIntent::Cancel(which)));
    }
}
