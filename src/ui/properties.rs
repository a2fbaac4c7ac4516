//! The properties of imported features, in the side panel: each selected feature with its
//! layer, id and every property as it is in the file. Quotes carried by a Border Atlas
//! export (`sources`) are shown as quotes.

use egui::Ui;
use serde_json::Value;

use crate::atlas::Atlas;

/// Longest value shown in full; longer ones are cut with an ellipsis (hover shows all).
const SHOWN_CHARS: usize = 400;

/// Draws the properties of the selected imported features (`selected`: atlas indices).
pub fn properties_ui(ui: &mut Ui, atlas: &Atlas, selected: &[usize]) {
    for &i in selected {
        let item = &atlas.items[i];
        let Some((layer, feature)) = atlas.imported(item) else {
            continue;
        };
        ui.add_space(6.0);
        ui.strong(&item.name);
        let id = match &feature.id {
            Some(geojson::feature::Id::String(s)) => format!(" · id {s}"),
            Some(geojson::feature::Id::Number(n)) => format!(" · id {n}"),
            None => String::new(),
        };
        ui.weak(format!("Imported layer {:?}{id}", layer.name));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            if feature.properties.is_empty() {
                ui.weak("No properties.");
                return;
            }
            egui::Grid::new(("properties", i))
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (key, value) in &feature.properties {
                        if key == "sources" && quotes(value).is_some() {
                            continue;
                        }
                        ui.label(egui::RichText::new(key).strong());
                        let (text, cut) = shown(value);
                        let label = ui.add(egui::Label::new(text).wrap());
                        if cut {
                            label.on_hover_text(value.to_string());
                        }
                        ui.end_row();
                    }
                });
            if let Some(quotes) = feature.properties.get("sources").and_then(quotes) {
                ui.separator();
                ui.label(egui::RichText::new("Quotes").strong());
                for (title, quote) in quotes {
                    ui.weak(title);
                    ui.label(format!("“{quote}”"));
                }
            }
        });
    }
}

/// The value as text, cut to [`SHOWN_CHARS`]; `true` when it was cut.
fn shown(value: &Value) -> (String, bool) {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    };
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => (format!("{}…", &text[..at]), true),
        None => (text, false),
    }
}

/// The `(document title, quote)` pairs of a Border Atlas `sources` property.
fn quotes(value: &Value) -> Option<Vec<(String, String)>> {
    value
        .as_array()?
        .iter()
        .map(|s| {
            let quote = s.get("quote")?.as_str()?.to_owned();
            let title = s
                .get("title")
                .or_else(|| s.get("document"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            Some((title, quote))
        })
        .collect()
}
