//! What the geoparser says of each selected place, in the side panel above its quotes: what
//! it is, how sure the geoparser is that the documents mean this place, the forms the
//! documents write its name in, and the other places the name could stand for — so a reader
//! can check the choice.

use egui::{RichText, Ui};

use crate::atlas::{Atlas, AtlasItem};

/// How a confidence reads to a person.
pub fn confidence_words(confidence: f64) -> &'static str {
    match confidence {
        c if c >= 0.8 => "sure",
        c if c >= 0.5 => "likely",
        _ => "unsure — check it",
    }
}

/// Draws a card for each selected place that the geoparser placed (`selected`: atlas
/// indices).
pub fn place_cards_ui(ui: &mut Ui, atlas: &Atlas, selected: &[usize]) {
    for &i in selected {
        let Some(item) = atlas.items.get(i) else {
            continue;
        };
        let Some(confidence) = item.confidence else {
            continue;
        };
        ui.add_space(6.0);
        egui::Frame::group(ui.style()).show(ui, |ui| card_ui(ui, item, confidence));
    }
}

fn card_ui(ui: &mut Ui, item: &AtlasItem, confidence: f64) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(&item.name);
        ui.weak(format!(
            "{} · {}",
            item.kind.as_str(),
            item.countries.join(", ")
        ));
    });
    let color = if confidence >= 0.8 {
        ui.visuals().text_color()
    } else {
        ui.visuals().warn_fg_color
    };
    ui.label(
        RichText::new(format!(
            "Geoparser confidence {:.0}% ({})",
            100.0 * confidence,
            confidence_words(confidence)
        ))
        .color(color),
    );
    if !item.aliases.is_empty() {
        ui.label(format!("Written as: {}", item.aliases.join(", ")));
    }
    if !item.alternatives.is_empty() {
        let others: Vec<String> = item
            .alternatives
            .iter()
            .map(|(_, name, c)| {
                if *c < 0.01 {
                    format!("{name}, <1%")
                } else {
                    format!("{name}, {:.0}%", 100.0 * c)
                }
            })
            .collect();
        ui.label(format!("Could also be: {}", others.join("; ")))
            .on_hover_text(
                "Other places of the same name, with how sure the choice of each would have been",
            );
    }
    ui.weak(format!("Position: {}", item.geometry_source));
}
