//! A place's history in the side panel: what happened to it and when, in order, each with
//! its date (or "undated"), status and document; a click opens the reader at the passage.

use egui::Ui;

use crate::atlas::Atlas;
use crate::corpus::dates::Qualifier;
use crate::events::DateFrom;
use crate::intent::{Intent, SelectionIntent};

/// Draws the history of each selected item that has one.
pub fn history_ui(ui: &mut Ui, atlas: &Atlas, selected: &[usize], commands: &mut Vec<Intent>) {
    for &i in selected {
        let Some(item) = atlas.items.get(i) else {
            continue;
        };
        if item.events.is_empty() {
            continue;
        }
        ui.add_space(4.0);
        ui.strong(format!("History of {}", item.name));
        for e in &item.events {
            let date = match (e.date, e.qualifier) {
                (None, _) => "undated".to_owned(),
                (Some(d), Qualifier::By) => format!("by {d}"),
                (Some(d), Qualifier::Since) => format!("since {d}"),
                (Some(d), Qualifier::At) => d.to_string(),
            };
            let note = if e.date_from == DateFrom::Document && e.date.is_some() {
                " (the document's date)"
            } else {
                ""
            };
            let title = atlas
                .corpus
                .documents
                .get(e.source.document)
                .map_or("", |d| d.title.as_str());
            let text = format!(
                "{date}{note} · {} · {}",
                e.status.as_str().replace('_', " "),
                title.chars().take(48).collect::<String>()
            );
            let row = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_text("Open the document at this passage");
            if row.clicked() {
                commands.push(Intent::Selection(SelectionIntent::OpenPassage(e.source)));
            }
        }
    }
}
