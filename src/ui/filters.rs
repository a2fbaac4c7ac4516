//! Filters: show or hide the places of each document and of each country. The map, the
//! lists and the counts follow them.

use std::collections::BTreeSet;

use egui::Ui;

use crate::atlas::Atlas;
use crate::intent::Intent;
use crate::intent::{ViewIntent, Visibility};
use crate::state::Filters;

/// Draws the filters, folded away until opened.
pub fn filters_ui(ui: &mut Ui, atlas: &Atlas, filters: &Filters, commands: &mut Vec<Intent>) {
    let active = filters.hidden_documents.len()
        + filters.hidden_countries.len()
        + usize::from(filters.verified_only);
    let title = if active > 0 {
        format!("Filters ({active} hidden)")
    } else {
        "Filters".to_owned()
    };
    egui::CollapsingHeader::new(title)
        .id_salt("filters")
        .show(ui, |ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            let mut verified_only = filters.verified_only;
            let switch = ui
                .checkbox(&mut verified_only, "Verified only")
                .on_hover_text("Only places you have checked in the Review tab");
            if switch.changed() {
                commands.push(Intent::View(ViewIntent::Unverified(Visibility::shown_if(
                    !verified_only,
                ))));
            }
            ui.label("Documents");
            for (i, doc) in atlas.corpus.documents.iter().enumerate() {
                let mut on = !filters.hidden_documents.contains(&i);
                if ui
                    .checkbox(&mut on, doc.title.as_str())
                    .on_hover_text(&doc.file_name)
                    .changed()
                {
                    commands.push(Intent::View(ViewIntent::Document(
                        i,
                        Visibility::shown_if(on),
                    )));
                }
            }
            ui.label("Countries");
            let countries: BTreeSet<&str> = atlas
                .items
                .iter()
                .flat_map(|i| i.countries.iter().map(String::as_str))
                .collect();
            ui.horizontal_wrapped(|ui| {
                for c in countries {
                    let mut on = !filters.hidden_countries.contains(c);
                    if ui.checkbox(&mut on, c).changed() {
                        commands.push(Intent::View(ViewIntent::Country(
                            c.to_owned(),
                            Visibility::shown_if(on),
                        )));
                    }
                }
            });
        });
}
