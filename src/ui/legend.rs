//! The legend: each layer with its colour, how many items it holds, and its switch;
//! imported layers under their file's name, each with a button to take it out.

use egui::Ui;

use crate::import::ImportedLayer;
use crate::intent::Intent;
use crate::intent::{FileIntent, ViewIntent, Visibility};
use crate::layers::{Layer, LayerSwitches};

/// Draws the legend; switching a layer pushes a command.
pub fn legend_ui(
    ui: &mut Ui,
    counts: &[(Layer, usize)],
    imported: &[ImportedLayer],
    switches: &LayerSwitches,
    commands: &mut Vec<Intent>,
) {
    ui.strong("Layers");
    for &(layer, count) in counts {
        let name = match layer {
            Layer::Imported(key) => match imported.iter().find(|l| l.key == key) {
                Some(l) => l.name.as_str(),
                None => continue,
            },
            _ => layer.label(),
        };
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, layer.color());
            let mut on = switches.is_on(layer);
            if ui.checkbox(&mut on, format!("{name} ({count})")).changed() {
                commands.push(Intent::View(ViewIntent::Layer(
                    layer,
                    Visibility::shown_if(on),
                )));
            }
            if let Layer::Imported(key) = layer
                && ui
                    .small_button("×")
                    .on_hover_text(format!("Remove the layer {name:?}"))
                    .clicked()
            {
                commands.push(Intent::Files(FileIntent::RemoveLayer(key)));
            }
        });
    }
    ui.weak("Dashed: planned · dotted: flights · ringed: verified by you");
}
