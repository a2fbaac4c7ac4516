//! Laying out the window: menu, side panels, the map and the status bar; each panel returns
//! intents, applied once the frame is drawn.

use std::path::PathBuf;

use egui::{CentralPanel, Frame, Ui};

use super::{BorderAtlasApp, SideTab, ViewCache};
use crate::intent::{
    FileIntent, Intent, PresentIntent, SelectMode, SelectionIntent, ViewIntent, Visibility,
};
use crate::map::{MapPointer, PlacesLayer, Reachability, map_ui};
use crate::ui;

impl BorderAtlasApp {
    /// Draws the whole window and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        ui.ctx().set_theme(self.theme);
        // The window's own background, so no gap between panels shows the clear colour.
        ui.painter()
            .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
        self.poll_loading(ui.ctx());
        self.poll_chore(ui.ctx());
        self.play(ui.ctx());
        self.refresh_cache();
        let mut commands = Vec::new();
        if self.loaded.is_some()
            && !self.is_loading()
            && let Some(path) = self.pending_project.take()
        {
            commands.push(Intent::Files(FileIntent::OpenProject(path)));
        }
        if self.presenting.is_some() {
            self.presentation_ui(ui, &mut commands);
            for command in commands {
                self.run(ui.ctx(), command);
            }
            self.autosave(ui.ctx());
            return;
        }
        self.shortcuts(ui, &mut commands);
        let menu = ui::menu::MenuState {
            loaded: self.loaded.is_some(),
            loading: self.is_loading(),
            has_selection: !self.selection.is_empty(),
            background: self.background,
            theme: self.theme,
            contrast: self.contrast,
        };
        egui::Panel::top("menu_bar").show(ui, |ui| ui::menu::menu_bar_ui(ui, &menu, &mut commands));
        let tiles_status = self.tiles_status(ui.ctx());
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status_bar::status_bar_ui(
                ui,
                &self.status_bar(),
                tiles_status.as_ref(),
                &mut commands,
            );
        });
        egui::Panel::left("places_panel")
            .resizable(true)
            .default_size(290.0)
            .size_range(200.0..=520.0)
            .show(ui, |ui| self.left_panel_ui(ui, &mut commands));
        egui::Panel::right("quotes_panel")
            .resizable(true)
            .default_size(340.0)
            .size_range(240.0..=640.0)
            .show(ui, |ui| self.side_panel_ui(ui, &mut commands));
        if self.loaded.is_some() {
            egui::Panel::bottom("timeline").show(ui, |ui| {
                ui::timeline::timeline_ui(ui, &self.cache.timeline, &mut commands);
            });
        }
        CentralPanel::default()
            .frame(Frame::NONE.fill(ui.visuals().panel_fill))
            .show(ui, |ui| self.map_panel_ui(ui, &tiles_status, &mut commands));
        if self.about_open && ui::about::about_ui(ui.ctx(), self.renderer.as_ref().as_ref().err()) {
            commands.push(Intent::View(ViewIntent::About(Visibility::Hidden)));
        }
        self.file_windows_ui(ui, &mut commands);
        for command in commands {
            self.run(ui.ctx(), command);
        }
        if ui.input(|i| i.viewport().close_requested()) {
            self.finish_chore();
            self.save_session();
        } else {
            self.autosave(ui.ctx());
        }
    }

    /// What the status bar shows.
    fn status_bar(&self) -> ui::status_bar::StatusBar<'_> {
        ui::status_bar::StatusBar {
            message: self.status_message.as_ref(),
            running: self.running_jobs(),
            corpus: self
                .loaded
                .as_ref()
                .map(|l| (l.atlas.corpus.documents.len(), l.atlas.items.len())),
            reading: self.is_loading(),
            selected: self.selection.len(),
            zoom: self.map.zoom(),
            pointer: self.map.pointer_lon_lat,
        }
    }

    /// The windows over the map (path prompt, questions, errors) and files dropped on it.
    fn file_windows_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        let windows = ui::open_documents::FileWindows {
            prompt: self.prompt.as_mut(),
            image_size: &mut self.image_size,
            confirm_replace: self.confirm_replace.is_some(),
            open_errors: &self.open_errors,
        };
        ui::open_documents::open_windows_ui(ui.ctx(), windows, commands);
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Intent::Files(FileIntent::Drop(dropped)));
        }
    }

    fn shortcuts(&self, ui: &Ui, commands: &mut Vec<Intent>) {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5)) {
            commands.push(Intent::Present(PresentIntent::Start));
        }
        let (escape, find) = ui.input_mut(|i| {
            (
                i.key_pressed(egui::Key::Escape),
                i.consume_shortcut(&egui::KeyboardShortcut::new(
                    egui::Modifiers::COMMAND,
                    egui::Key::F,
                )),
            )
        });
        if escape && !ui.ctx().egui_wants_keyboard_input() {
            commands.push(Intent::Selection(SelectionIntent::Clear));
        }
        if find {
            ui.ctx()
                .memory_mut(|m| m.request_focus(ui::places_list::search_id()));
        }
    }

    pub(super) fn refresh_cache(&mut self) {
        let key = (self.generation, self.list.query.clone(), self.list.sort);
        if self.cache.key.as_ref() == Some(&key) {
            return;
        }
        let shown = self.shown();
        let Some(loaded) = &self.loaded else {
            self.cache = ViewCache {
                key: Some(key),
                ..Default::default()
            };
            return;
        };
        let counts = crate::picture::layer_counts(&loaded.atlas, |i| self.filters.pass(i));
        let closed = match self.filters.time {
            Some(t) if t.as_of => loaded
                .atlas
                .items
                .iter()
                .map(|i| {
                    crate::events::status_as_of(&i.events, t.to).is_some_and(|s| s.is_closed())
                })
                .collect(),
            _ => Vec::new(),
        };
        let rows = ui::places_list::shown_items(&loaded.atlas, loaded.index(), &self.list, |i| {
            shown.get(i) == Some(&true)
        });
        let mut cache = ViewCache {
            key: Some(key),
            shown,
            closed,
            counts,
            rows,
            timeline: Default::default(),
        };
        std::mem::swap(&mut self.cache, &mut cache);
        self.cache.timeline = self.timeline_view();
    }

    fn left_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        let Some(loaded) = &self.loaded else {
            self.loading_ui(ui);
            return;
        };
        ui::legend::legend_ui(
            ui,
            &self.cache.counts,
            &loaded.atlas.layers,
            &self.switches,
            commands,
        );
        ui::filters::filters_ui(ui, &loaded.atlas, &self.filters, commands);
        ui.separator();
        ui::places_list::places_list_ui(
            ui,
            &loaded.atlas,
            &self.cache.rows,
            &mut self.list,
            &self.selection,
            commands,
        );
    }

    fn loading_ui(&self, ui: &mut Ui) {
        match &self.load_error {
            Some(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("The documents could not be read: {e}"),
                );
            }
            None if self.is_loading() => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the documents…");
                });
            }
            None => {
                ui.weak("No documents.");
            }
        }
    }

    fn side_panel_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.side_tab, SideTab::Quotes, "Quotes");
            ui.add_enabled_ui(self.reader.is_some(), |ui| {
                ui.selectable_value(&mut self.side_tab, SideTab::Document, "Document");
            });
            ui.selectable_value(&mut self.side_tab, SideTab::Tour, "Tours");
            let pending = self.review_pending();
            let review = ui.selectable_value(
                &mut self.side_tab,
                SideTab::Review,
                format!("Review ({pending})"),
            );
            if review.clicked() {
                self.frame_under_review();
            }
        });
        ui.separator();
        let Some(loaded) = &self.loaded else {
            self.loading_ui(ui);
            return;
        };
        match (self.side_tab, self.reader.as_mut()) {
            (SideTab::Tour, _) => ui::tour_editor::tour_editor_ui(
                ui,
                &loaded.atlas,
                &self.tours,
                self.tour,
                self.auto_advance,
                !self.selection.is_empty(),
                commands,
            ),
            (SideTab::Review, _) => {
                ui::review::review_ui(ui, &self.review_view(), commands);
            }
            (SideTab::Document, Some(target)) => {
                ui::reader::reader_ui(ui, &loaded.atlas, loaded.index(), target, commands)
            }
            _ => {
                ui::quotes::quotes_ui(ui, &loaded.atlas, loaded.index(), &self.selection, commands)
            }
        }
    }

    fn map_panel_ui(
        &mut self,
        ui: &mut Ui,
        tiles_status: &Option<Reachability>,
        commands: &mut Vec<Intent>,
    ) {
        let palette = self.palette(ui.ctx());
        let marks = self.review_marks();
        let tiles = match (tiles_status, self.online_tiles.as_mut()) {
            (Some(Reachability::Reachable), Some(t)) => Some(t),
            _ => None,
        };
        let mut pointer = MapPointer::default();
        let places = self.loaded.as_ref().map(|loaded| PlacesLayer {
            view: crate::map::places::SceneView {
                scene: loaded.scene(),
                shown: &self.cache.shown,
                shown_key: self.generation,
                selection: &self.selection,
                hovered: self.hovered.as_deref(),
                palette,
                marks: &marks,
                closed: &self.cache.closed,
            },
            box_start: &mut self.box_start,
            out: &mut pointer,
        });
        let (response, actions) = map_ui(
            ui,
            &mut self.map,
            self.renderer.as_ref().as_ref().ok(),
            tiles,
            places,
            true,
            palette,
        );
        commands.extend(
            actions
                .into_iter()
                .map(|a| Intent::View(ViewIntent::Map(a))),
        );
        self.hovered = pointer.hovered.clone();
        if let Some(hovered) = &self.hovered
            && let Some(loaded) = &self.loaded
            && let Some(&i) = loaded.index().by_id.get(hovered)
        {
            let item = &loaded.atlas.items[i];
            response.on_hover_text_at_pointer(format!(
                "{}\n{} · {} · {} mention{}",
                item.name,
                item.kind.as_str(),
                item.countries.join(", "),
                item.mention_count,
                if item.mention_count == 1 { "" } else { "s" }
            ));
        }
        self.pointer_intents(pointer, commands);
    }

    /// What a click, a Ctrl-click or a Shift-drag on the map asks for; while the review
    /// waits to place a name, a click places it.
    fn pointer_intents(&self, pointer: MapPointer, commands: &mut Vec<Intent>) {
        if self.review.placing
            && pointer.clicked.is_some()
            && let Some((lon, lat)) = self.map.pointer_lon_lat
        {
            commands.push(Intent::Review(crate::intent::ReviewIntent::PlaceAt(
                lon, lat,
            )));
            return;
        }
        match pointer.clicked {
            Some(Some(id)) => {
                let mode = if pointer.toggle {
                    SelectMode::Toggle
                } else {
                    SelectMode::Replace
                };
                commands.push(Intent::Selection(SelectionIntent::Select(vec![id], mode)));
            }
            Some(None) if !pointer.toggle => {
                commands.push(Intent::Selection(SelectionIntent::Clear))
            }
            _ => {}
        }
        if let Some(ids) = pointer.boxed {
            commands.push(Intent::Selection(SelectionIntent::Select(
                ids,
                SelectMode::Add,
            )));
        }
    }
}
