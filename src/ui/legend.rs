//! The legend: each layer with its colour, how many items it holds, and its switch.

use egui::Ui;

use crate::app::Command;
use crate::layers::{Layer, LayerSwitches};

/// Draws the legend; switching a layer pushes a command.
pub fn legend_ui(
    ui: &mut Ui,
    counts: &[(Layer, usize)],
    switches: &LayerSwitches,
    commands: &mut Vec<Command>,
) {
    ui.strong("Layers");
    for &(layer, count) in counts {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, layer.color());
            let mut on = switches.is_on(layer);
            if ui
                .checkbox(&mut on, format!("{} ({count})", layer.label()))
                .changed()
            {
                commands.push(Command::SetLayer(layer, on));
            }
        });
    }
    ui.weak("Dashed: planned · dotted: flights");
}
