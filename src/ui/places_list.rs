//! The list of places: every item with kind, countries and mentions, sortable, with a
//! search over names in every language and over passage text (Ctrl+F), navigable with the
//! keyboard.

use egui::{Key, Ui};

use crate::atlas::Atlas;
use crate::atlas_view::AtlasIndex;
use crate::intent::SelectionIntent;
use crate::intent::{Intent, SelectMode};
use crate::search::Query;

/// The column the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    /// By name.
    Name,
    /// By kind.
    Kind,
    /// By countries.
    Countries,
    /// By number of mentions (most first).
    #[default]
    Mentions,
    /// By how sure the geoparser is (least sure first; checked places last).
    Confidence,
}

/// The list's own state.
#[derive(Clone, Debug, Default)]
pub struct PlacesListState {
    /// What the user typed in the search field.
    pub query: String,
    /// The sort column.
    pub sort: SortKey,
    /// The row the arrow keys are on (index into the shown rows).
    pub cursor: Option<usize>,
}

/// The search field's id, so Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("places_search")
}

/// Items shown, in order: those that match the query, sorted.
pub fn shown_items(
    atlas: &Atlas,
    index: &AtlasIndex,
    state: &PlacesListState,
    visible: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let query = Query::new(&state.query);
    let mut rows: Vec<usize> = (0..atlas.items.len())
        .filter(|&i| visible(i))
        .filter(|&i| {
            query.is_empty()
                || query.matches(&index.folded_names[i])
                || query.matches(&index.folded_quotes[i])
        })
        .collect();
    let items = &atlas.items;
    match state.sort {
        SortKey::Name => rows.sort_by(|&a, &b| items[a].name.cmp(&items[b].name)),
        SortKey::Kind => rows.sort_by(|&a, &b| {
            items[a]
                .kind
                .as_str()
                .cmp(items[b].kind.as_str())
                .then(items[a].name.cmp(&items[b].name))
        }),
        SortKey::Countries => rows.sort_by(|&a, &b| {
            items[a]
                .countries
                .cmp(&items[b].countries)
                .then(items[a].name.cmp(&items[b].name))
        }),
        SortKey::Mentions => rows.sort_by(|&a, &b| {
            items[b]
                .mention_count
                .cmp(&items[a].mention_count)
                .then(items[a].name.cmp(&items[b].name))
        }),
        SortKey::Confidence => rows.sort_by(|&a, &b| {
            let sureness = |i: usize| {
                let item = &items[i];
                if item.verified {
                    2.0
                } else {
                    item.confidence.unwrap_or(1.5)
                }
            };
            sureness(a)
                .total_cmp(&sureness(b))
                .then(items[a].name.cmp(&items[b].name))
        }),
    }
    rows
}

/// Draws the search field and the list.
pub fn places_list_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    rows: &[usize],
    state: &mut PlacesListState,
    selection: &std::collections::BTreeSet<String>,
    commands: &mut Vec<Intent>,
) {
    let search = ui.add(
        egui::TextEdit::singleline(&mut state.query)
            .id(search_id())
            .hint_text("Search places and quotes (Ctrl+F)")
            .desired_width(f32::INFINITY),
    );
    if search.changed() {
        state.cursor = None;
    }
    if search.has_focus() || search.lost_focus() {
        keyboard_ui(ui, rows, state, atlas, commands, search.lost_focus());
    }
    ui.horizontal(|ui| {
        ui.label(format!("{} of {} places", rows.len(), atlas.items.len()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            egui::ComboBox::new("places_sort", "Sort")
                .selected_text(format!("{:?}", state.sort))
                .show_ui(ui, |ui| {
                    for key in [
                        SortKey::Mentions,
                        SortKey::Name,
                        SortKey::Kind,
                        SortKey::Countries,
                        SortKey::Confidence,
                    ] {
                        ui.selectable_value(&mut state.sort, key, format!("{key:?}"));
                    }
                });
        });
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, 22.0, rows.len(), |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for (row, &i) in rows.iter().enumerate().skip(range.start).take(range.len()) {
                let item = &atlas.items[i];
                ui.horizontal(|ui| {
                    let mut checked = selection.contains(&item.id);
                    let mut response = ui.checkbox(&mut checked, item.name.as_str());
                    if state.cursor == Some(row) {
                        response = response.highlight();
                    }
                    if response.changed() {
                        commands.push(Intent::Selection(SelectionIntent::Select(
                            vec![item.id.clone()],
                            SelectMode::Toggle,
                        )));
                        if checked {
                            commands.push(Intent::Selection(SelectionIntent::ZoomTo));
                        }
                    }
                    ui.weak(format!(
                        "{} · {} · {}",
                        item.kind.as_str(),
                        item.countries.join(","),
                        item.mention_count
                    ));
                });
            }
        });
}

fn keyboard_ui(
    ui: &Ui,
    rows: &[usize],
    state: &mut PlacesListState,
    atlas: &Atlas,
    commands: &mut Vec<Intent>,
    enter: bool,
) {
    let (down, up) = ui.input(|i| (i.key_pressed(Key::ArrowDown), i.key_pressed(Key::ArrowUp)));
    if rows.is_empty() {
        return;
    }
    if down {
        state.cursor = Some(state.cursor.map_or(0, |c| (c + 1).min(rows.len() - 1)));
    }
    if up {
        state.cursor = Some(state.cursor.map_or(0, |c| c.saturating_sub(1)));
    }
    let pressed_enter = enter && ui.input(|i| i.key_pressed(Key::Enter));
    if pressed_enter {
        let row = state.cursor.unwrap_or(0);
        if let Some(&i) = rows.get(row) {
            commands.push(Intent::Selection(SelectionIntent::Select(
                vec![atlas.items[i].id.clone()],
                SelectMode::Replace,
            )));
            commands.push(Intent::Selection(SelectionIntent::ZoomTo));
        }
    }
}
