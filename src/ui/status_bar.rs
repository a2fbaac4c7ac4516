//! The status bar: the corpus, the pointer's coordinates, the zoom and the tiles' state.

use egui::Ui;

use crate::map::Reachability;
use crate::state::StatusMessage;

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
    /// What runs in the background ("Importing layers"), each with a spinner.
    pub running: Vec<&'static str>,
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

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut Ui, bar: &StatusBar<'_>, tiles: Option<&Reachability>) {
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
        for what in &bar.running {
            ui.spinner();
            ui.label(format!("{what}…"));
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
