//! The tour editor in the side panel: choose or start a tour, title it, add the selection as
//! stops, reorder and remove stops, pick the quote each stop shows, and present it.

use egui::Ui;

use crate::atlas::Atlas;
use crate::intent::Intent;
use crate::intent::{Direction, PresentIntent, TourIntent};
use crate::tour::{Tour, stop_quote};

/// Longest quote shown in the picker, in characters.
const PICKER_CHARS: usize = 70;

fn short(text: &str, chars: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Draws the editor of `tours[current]`.
pub fn tour_editor_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    tours: &[Tour],
    current: usize,
    auto_advance: Option<f64>,
    has_selection: bool,
    commands: &mut Vec<Intent>,
) {
    tour_chooser_ui(ui, tours, current, commands);
    let Some(tour) = tours.get(current) else {
        ui.weak("No tour yet. Select places and press \"Add selection as stops\", or press F5 to present the selection.");
        if ui
            .add_enabled(has_selection, egui::Button::new("Add selection as stops"))
            .clicked()
        {
            commands.push(Intent::Tour(TourIntent::AddSelection));
        }
        return;
    };
    let mut title = tour.title.clone();
    if ui
        .add(egui::TextEdit::singleline(&mut title).hint_text("Tour title"))
        .changed()
    {
        commands.push(Intent::Tour(TourIntent::Title(title)));
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(has_selection, egui::Button::new("Add selection as stops"))
            .clicked()
        {
            commands.push(Intent::Tour(TourIntent::AddSelection));
        }
        if ui
            .add_enabled(!tour.stops.is_empty(), egui::Button::new("Present (F5)"))
            .clicked()
        {
            commands.push(Intent::Present(PresentIntent::Start));
        }
    });
    auto_advance_ui(ui, auto_advance, commands);
    ui.separator();
    if tour.stops.is_empty() {
        ui.weak("No stops yet.");
    }
    let count = tour.stops.len();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, stop) in tour.stops.iter().enumerate() {
                stop_ui(ui, atlas, i, stop, count, commands);
            }
        });
}

/// Choose a tour, start one, delete the current one.
fn tour_chooser_ui(ui: &mut Ui, tours: &[Tour], current: usize, commands: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        if !tours.is_empty() {
            let name = tours.get(current).map_or("", |t| t.title.as_str());
            egui::ComboBox::new("tour_choice", "Tour")
                .selected_text(short(name, 28))
                .show_ui(ui, |ui| {
                    for (i, t) in tours.iter().enumerate() {
                        if ui.selectable_label(i == current, &t.title).clicked() {
                            commands.push(Intent::Tour(TourIntent::Choose(i)));
                        }
                    }
                });
        }
        if ui.button("New tour").clicked() {
            commands.push(Intent::Tour(TourIntent::New));
        }
        if !tours.is_empty() && ui.button("Delete tour").clicked() {
            commands.push(Intent::Tour(TourIntent::Delete));
        }
    });
}

/// Whether the tour advances by itself, and every how many seconds.
fn auto_advance_ui(ui: &mut Ui, auto_advance: Option<f64>, commands: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let mut auto = auto_advance.is_some();
        if ui.checkbox(&mut auto, "Advance by itself every").changed() {
            commands.push(Intent::Tour(TourIntent::AutoAdvance(auto.then_some(8.0))));
        }
        let mut seconds = auto_advance.unwrap_or(8.0);
        let drag = egui::DragValue::new(&mut seconds)
            .range(2.0..=120.0)
            .suffix(" s");
        if ui.add_enabled(auto, drag).changed() {
            commands.push(Intent::Tour(TourIntent::AutoAdvance(Some(seconds))));
        }
    });
}

/// One stop: its place, buttons to move or remove it, and the quote it shows.
fn stop_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    i: usize,
    stop: &crate::tour::Stop,
    count: usize,
    commands: &mut Vec<Intent>,
) {
    let Some(item) = atlas.item(&stop.item) else {
        ui.weak(format!("{}. {} (not in these documents)", i + 1, stop.item));
        return;
    };
    ui.horizontal(|ui| {
        ui.strong(format!("{}. {}", i + 1, item.name));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("Remove").clicked() {
                commands.push(Intent::Tour(TourIntent::RemoveStop(i)));
            }
            if ui
                .add_enabled(i + 1 < count, egui::Button::new("Down").small())
                .clicked()
            {
                commands.push(Intent::Tour(TourIntent::MoveStop(i, Direction::Later)));
            }
            if ui
                .add_enabled(i > 0, egui::Button::new("Up").small())
                .clicked()
            {
                commands.push(Intent::Tour(TourIntent::MoveStop(i, Direction::Earlier)));
            }
        });
    });
    let chosen = stop_quote(atlas, stop);
    let chosen_text = chosen.map_or_else(
        || "no quote".to_owned(),
        |s| short(atlas.quote(s), PICKER_CHARS),
    );
    egui::ComboBox::new(("stop_quote", i), "Quote")
        .width(ui.available_width() - 60.0)
        .selected_text(chosen_text)
        .show_ui(ui, |ui| {
            for &source in &item.sources {
                let title = atlas
                    .corpus
                    .documents
                    .get(source.document)
                    .map_or("", |d| d.title.as_str());
                let label = format!(
                    "{} — {}",
                    short(atlas.quote(source), PICKER_CHARS),
                    short(title, 30)
                );
                if ui.selectable_label(chosen == Some(source), label).clicked() {
                    commands.push(Intent::Tour(TourIntent::Quote(i, Some(source))));
                }
            }
        });
    as_of_ui(ui, item, i, stop, commands);
    ui.add_space(4.0);
}

/// The date a stop shows the map as of: one of its place's event dates, or none.
fn as_of_ui(
    ui: &mut Ui,
    item: &crate::atlas::AtlasItem,
    i: usize,
    stop: &crate::tour::Stop,
    commands: &mut Vec<Intent>,
) {
    let dated: Vec<(String, &str)> = item
        .events
        .iter()
        .filter_map(|e| Some((e.date?.to_string(), e.status.as_str())))
        .collect();
    if dated.is_empty() {
        return;
    }
    let shown = stop.as_of.as_deref().unwrap_or("now (no date)");
    egui::ComboBox::new(("stop_as_of", i), "As of")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(stop.as_of.is_none(), "now (no date)")
                .clicked()
            {
                commands.push(Intent::Tour(TourIntent::AsOf(i, None)));
            }
            for (date, status) in dated {
                let on = stop.as_of.as_deref() == Some(date.as_str());
                let label = format!("{date} ({})", status.replace('_', " "));
                if ui.selectable_label(on, label).clicked() {
                    commands.push(Intent::Tour(TourIntent::AsOf(i, Some(date))));
                }
            }
        });
}
