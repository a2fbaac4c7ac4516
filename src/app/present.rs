//! Presenting: full screen with the panels hidden, a tour flying from stop to stop with its
//! caption, the keys that move through it; editing tours; pictures of the map.

use egui::{CentralPanel, Frame, Key, Ui};

use super::chores::{Cancel, Done};
use super::{BorderAtlasApp, Intent, PathPrompt, PathPurpose, StatusMessage, TourStep};
use crate::intent::{Direction, Overwrite, PresentIntent, TourIntent};
use crate::tour::{Camera, Flight, Tour, camera_for, tour_order};

/// How much larger everything is drawn while presenting, for projectors.
const PRESENTING_ZOOM: f32 = 1.3;

/// The state of presentation mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Presenting {
    /// The stop shown, when a tour runs.
    pub stop: Option<usize>,
    flight: Option<Flight>,
    /// When the map arrived at the stop (egui's clock), for the automatic advance.
    arrived: f64,
    /// The zoom factor to go back to.
    zoom_before: f32,
    /// The timeline's filter to go back to (dated stops change it).
    time_before: Option<crate::state::TimeFilter>,
}

impl Presenting {
    /// Whether the map is flying to a stop.
    pub fn flying(&self) -> bool {
        self.flight.is_some()
    }
}

impl BorderAtlasApp {
    /// The current tour, if there is one.
    pub fn current_tour(&self) -> Option<&Tour> {
        self.tours.get(self.tour)
    }

    /// Draws presentation mode: the map alone, the caption and progress of the tour.
    pub(super) fn presentation_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Intent>) {
        let ctx = ui.ctx().clone();
        let (next, back, first, last, leave) = ui.input_mut(|i| {
            let mut any = |keys: &[Key]| {
                // Every key is consumed, so none reaches the map.
                keys.iter()
                    .filter(|k| i.consume_key(egui::Modifiers::NONE, **k))
                    .count()
                    > 0
            };
            (
                any(&[Key::ArrowRight, Key::PageDown, Key::Space]),
                any(&[Key::ArrowLeft, Key::PageUp]),
                any(&[Key::Home]),
                any(&[Key::End]),
                any(&[Key::Escape, Key::F5]),
            )
        });
        for (pressed, step) in [
            (next, TourStep::Next),
            (back, TourStep::Back),
            (first, TourStep::First),
            (last, TourStep::Last),
        ] {
            if pressed {
                commands.push(Intent::Present(PresentIntent::Step(step)));
            }
        }
        if leave {
            commands.push(Intent::Present(PresentIntent::Stop));
        }
        self.fly(&ctx, commands);
        CentralPanel::default()
            .frame(Frame::NONE.fill(ui.visuals().panel_fill))
            .show(ui, |ui| self.picture_ui(ui));
        let palette = self.palette(&ctx);
        let (Some(presenting), Some(loaded), Some(tour)) =
            (&self.presenting, &self.loaded, self.tours.get(self.tour))
        else {
            return;
        };
        if let Some(stop) = presenting.stop.and_then(|s| tour.stops.get(s)) {
            crate::ui::presentation::caption_ui(&ctx, &loaded.atlas, stop, palette);
            crate::ui::presentation::progress_ui(
                &ctx,
                &tour.title,
                presenting.stop.unwrap_or(0),
                tour.stops.len(),
                palette,
            );
        }
    }

    /// Moves the map along the flight, and on to the next stop when the tour advances by
    /// itself.
    fn fly(&mut self, ctx: &egui::Context, commands: &mut Vec<Intent>) {
        let now = ctx.input(|i| i.time);
        let auto = self.auto_advance;
        let stops = self.current_tour().map_or(0, |t| t.stops.len());
        let Some(presenting) = self.presenting.as_mut() else {
            return;
        };
        if let Some(flight) = presenting.flight {
            let c = flight.camera(now);
            self.map.look_at(c.lon, c.lat, c.zoom);
            if flight.done(now) {
                presenting.flight = None;
                presenting.arrived = now;
            } else {
                ctx.request_repaint();
            }
            return;
        }
        if let (Some(seconds), Some(stop)) = (auto, presenting.stop)
            && stop + 1 < stops
        {
            let wait = presenting.arrived + seconds - now;
            if wait <= 0.0 {
                commands.push(Intent::Present(PresentIntent::Step(TourStep::Next)));
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            }
        }
    }

    /// The map alone, for presenting and pictures: places, a small legend, the scale bar
    /// and the attribution; no buttons, and the keys left to the tour.
    pub fn picture_ui(&mut self, ui: &mut Ui) {
        ui.ctx().set_theme(self.presented_theme());
        let palette = self.palette(ui.ctx());
        self.refresh_cache();
        let Some(loaded) = &self.loaded else { return };
        let view = crate::picture::PictureView {
            places: crate::map::places::SceneView {
                scene: loaded.scene(),
                shown: &self.cache.shown,
                shown_key: self.generation,
                selection: &self.selection,
                hovered: None,
                palette,
                marks: &[],
                closed: &self.cache.closed,
            },
            counts: &self.cache.counts,
            layers: &loaded.atlas.layers,
            basemap: self.renderer.as_ref().as_ref().ok(),
        };
        view.show(ui, &mut self.map);
    }

    /// Where the map looks now.
    fn camera(&self) -> Camera {
        let c = self.map.center();
        Camera {
            lon: c.x(),
            lat: c.y(),
            zoom: self.map.zoom(),
        }
    }

    /// Flies to stop `stop` of the current tour and selects its item.
    fn go_to_stop(&mut self, ctx: &egui::Context, stop: usize) {
        let Some(id) = self
            .current_tour()
            .and_then(|t| t.stops.get(stop))
            .map(|s| s.item.clone())
        else {
            return;
        };
        let screen = ctx.content_rect();
        let target = self.bounds_of(&[id.as_str()]).map(|b| {
            // The caption covers the lower left: frame the place in what is left.
            camera_for(
                b,
                f64::from(screen.width()),
                f64::from(screen.height()) * 0.7,
            )
        });
        let now = ctx.input(|i| i.time);
        let from = self.camera();
        self.selection = std::iter::once(id).collect();
        // A stop with a date shows the map as of it; one without, as it was.
        let before = self.presenting.as_ref().and_then(|p| p.time_before);
        let as_of = self
            .current_tour()
            .and_then(|t| t.stops.get(stop))
            .and_then(|s| s.as_of.as_deref())
            .and_then(crate::corpus::dates::Date::parse_iso);
        let time = as_of
            .map(|d| crate::state::TimeFilter {
                from: (i32::MIN, 1, 1),
                to: d.end(),
                as_of: true,
            })
            .or(before);
        if self.filters.time != time {
            self.filters.time = time;
            self.generation += 1;
        }
        if let Some(presenting) = self.presenting.as_mut() {
            presenting.stop = Some(stop);
            presenting.flight = target.map(|to| Flight::new(from, to, now));
            presenting.arrived = now;
        }
        ctx.request_repaint();
    }

    /// Applies an intent about presenting.
    pub(super) fn run_present(&mut self, ctx: &egui::Context, intent: PresentIntent) {
        let ids = || -> Vec<String> { self.selection.iter().cloned().collect() };
        match intent {
            PresentIntent::Start => {
                if self.presenting.is_some() {
                    return;
                }
                let has_stops = self.current_tour().is_some_and(|t| !t.stops.is_empty());
                if !has_stops
                    && !self.selection.is_empty()
                    && let Some(loaded) = &self.loaded
                {
                    let order = tour_order(&loaded.atlas, &ids());
                    match self.tours.get_mut(self.tour) {
                        // An empty tour (just made with "New tour") takes the selection.
                        Some(tour) => {
                            tour.add_items(order.iter().map(String::as_str));
                        }
                        None => {
                            self.tours.push(Tour::of_items(
                                format!("Tour of {} places", order.len()),
                                order.iter().map(String::as_str),
                            ));
                            self.tour = self.tours.len() - 1;
                        }
                    }
                }
                self.presenting = Some(Presenting {
                    stop: None,
                    flight: None,
                    arrived: 0.0,
                    zoom_before: ctx.zoom_factor(),
                    time_before: self.filters.time,
                });
                ctx.set_zoom_factor(PRESENTING_ZOOM);
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                if self.current_tour().is_some_and(|t| !t.stops.is_empty()) {
                    self.go_to_stop(ctx, 0);
                }
            }
            PresentIntent::Stop => {
                if let Some(p) = self.presenting.take() {
                    ctx.set_zoom_factor(p.zoom_before);
                    if self.filters.time != p.time_before {
                        self.filters.time = p.time_before;
                        self.generation += 1;
                    }
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                }
            }
            PresentIntent::Step(step) => {
                let count = self.current_tour().map_or(0, |t| t.stops.len());
                let Some(presenting) = &self.presenting else {
                    return;
                };
                if count == 0 {
                    return;
                }
                let at = presenting.stop;
                let to = match (step, at) {
                    (TourStep::Next, None) | (TourStep::First, _) => 0,
                    (TourStep::Next, Some(s)) => (s + 1).min(count - 1),
                    (TourStep::Back, s) => s.unwrap_or(0).saturating_sub(1),
                    (TourStep::Last, _) => count - 1,
                };
                if Some(to) != at {
                    self.go_to_stop(ctx, to);
                }
            }
        }
    }

    /// Applies an intent about editing tours.
    pub(super) fn run_tour(&mut self, intent: TourIntent) {
        let ids = || -> Vec<String> { self.selection.iter().cloned().collect() };
        match intent {
            TourIntent::AddSelection => {
                let Some(loaded) = &self.loaded else { return };
                let order = tour_order(&loaded.atlas, &ids());
                if self.tours.is_empty() {
                    self.tours.push(Tour::of_items("Tour", []));
                    self.tour = 0;
                }
                if let Some(tour) = self.tours.get_mut(self.tour) {
                    let added = tour.add_items(order.iter().map(String::as_str));
                    self.status_message = Some(StatusMessage {
                        text: format!("Added {added} stops to the tour"),
                        error: false,
                    });
                }
            }
            TourIntent::New => {
                self.tours
                    .push(Tour::of_items(format!("Tour {}", self.tours.len() + 1), []));
                self.tour = self.tours.len() - 1;
            }
            TourIntent::Choose(i) => self.tour = i.min(self.tours.len().saturating_sub(1)),
            TourIntent::Delete => {
                if self.tour < self.tours.len() {
                    self.tours.remove(self.tour);
                    self.tour = self.tour.min(self.tours.len().saturating_sub(1));
                }
            }
            TourIntent::Title(title) => {
                if let Some(t) = self.tours.get_mut(self.tour) {
                    t.title = title;
                }
            }
            TourIntent::MoveStop(i, direction) => {
                if let Some(t) = self.tours.get_mut(self.tour) {
                    t.move_stop(i, direction == Direction::Earlier);
                }
            }
            TourIntent::RemoveStop(i) => {
                if let Some(t) = self.tours.get_mut(self.tour)
                    && i < t.stops.len()
                {
                    t.stops.remove(i);
                }
            }
            TourIntent::Quote(i, quote) => {
                if let Some(stop) = self
                    .tours
                    .get_mut(self.tour)
                    .and_then(|t| t.stops.get_mut(i))
                {
                    stop.quote = quote;
                }
            }
            TourIntent::AsOf(i, date) => {
                if let Some(stop) = self
                    .tours
                    .get_mut(self.tour)
                    .and_then(|t| t.stops.get_mut(i))
                {
                    stop.as_of = date;
                }
            }
            TourIntent::AutoAdvance(seconds) => self.auto_advance = seconds,
        }
    }

    /// Asks where to write a picture of `width` × `height` pixels, and writes it there.
    pub(super) fn ask_image_path(&mut self, ctx: &egui::Context, width: u32, height: u32) {
        self.image_size = (width, height);
        let default_name = "border-atlas-map.png";
        let picked = self.dialog_or_prompt(PathPurpose::ExportImage, default_name, || {
            rfd::FileDialog::new()
                .set_title("Export map image")
                .set_file_name(default_name)
                .add_filter("PNG image", &["png"])
                .save_file()
        });
        // The system dialog has asked about replacing already.
        if let Some(path) = picked {
            self.export_image(ctx, path, width, height, Overwrite::Replace);
        }
    }

    /// Writes a PNG of the map as it is now, at `width` × `height` pixels: the same places
    /// and the same area, drawn larger.
    pub(super) fn export_image(
        &mut self,
        ctx: &egui::Context,
        path: std::path::PathBuf,
        width: u32,
        height: u32,
        overwrite: Overwrite,
    ) {
        if overwrite == Overwrite::Ask && path.exists() {
            self.prompt = Some(PathPrompt {
                purpose: PathPurpose::ExportImage,
                text: path.display().to_string(),
                confirm_overwrite: true,
            });
            return;
        }
        self.prompt = None;
        self.image_size = (width, height);
        // The same places and basemap, shared rather than read again.
        self.refresh_cache();
        let Some(loaded) = &self.loaded else { return };
        let mut picture = crate::picture::Picture {
            scene: loaded.scene().clone(),
            shown: self.cache.shown.clone(),
            counts: self.cache.counts.clone(),
            layers: loaded.atlas.layers.clone(),
            selection: self.selection.clone(),
            palette: self.palette(ctx),
            basemap: self.renderer.clone(),
            map: crate::map::MapView::new(crate::mercator::GeoBounds::CENTRAL_ASIA),
            closed: self.cache.closed.clone(),
        };
        // The same area: the zoom grows with the picture's width over the map's.
        let map_width = self.map.last_rect().map_or(1000.0, |r| r.width());
        let c = self.camera();
        let zoom = c.zoom + (f64::from(width) / f64::from(map_width.max(1.0))).log2();
        picture.map.look_at(c.lon, c.lat, zoom);
        // Drawn in the background: a 4K picture takes seconds on a software renderer.
        self.start_chore("Drawing the picture", Cancel::Allowed, move |progress| {
            let result =
                crate::render::render_to_file_unless(picture, (width, height), &path, || {
                    progress.is_cancelled()
                });
            Done::Message(match result {
                Ok(()) => StatusMessage {
                    text: format!("Wrote a {width}×{height} picture to {}", path.display()),
                    error: false,
                },
                Err(e) => StatusMessage {
                    text: format!("The picture was not written: {e}"),
                    error: true,
                },
            })
        });
    }
}
