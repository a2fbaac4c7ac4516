//! Drawing the map for one frame: walkers with the basemap or online tiles, the zoom and
//! "Fit all" buttons, the scale bar, the attribution line and keyboard navigation.
//!
//! The buttons and keys only emit [`MapAction`]s; the app applies them in one place.

use egui::{Align2, Button, FontId, Key, Rect, Response, Ui, Vec2, pos2, vec2};
use walkers::{Map, Projector, Tiles};

use super::basemap_layer::{BasemapLayer, BasemapRenderer};
use super::online_tiles::OnlineTiles;
use super::places::PlacesLayer;
use super::scale_bar::ScaleBar;
use super::style::{BasemapStyle, Palette};
use super::view::MapView;
use crate::basemap::BASEMAP_ATTRIBUTION;

/// How far one arrow key press pans, in screen points.
const PAN_STEP_PX: f32 = 120.0;

/// What the on-map controls and navigation keys ask for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MapAction {
    /// Zoom in one level.
    ZoomIn,
    /// Zoom out one level.
    ZoomOut,
    /// Frame everything there is to see.
    FitAll,
    /// Pan by a distance in screen points.
    Pan(Vec2),
}

impl MapAction {
    /// Applies a navigation action to the view; `FitAll` is the app's to apply, since only
    /// it knows what "all" is.
    pub fn apply_to(self, view: &mut MapView) {
        match self {
            Self::ZoomIn => view.zoom_by(1.0),
            Self::ZoomOut => view.zoom_by(-1.0),
            Self::Pan(delta) => view.pan_by(delta),
            Self::FitAll => {}
        }
    }
}

/// Draws the map filling `ui`, with online tiles when `tiles` is given and the offline
/// basemap otherwise. Returns the map's response and the actions asked for this frame.
pub fn map_ui(
    ui: &mut Ui,
    view: &mut MapView,
    renderer: Option<&BasemapRenderer>,
    tiles: Option<&mut OnlineTiles>,
    places: Option<PlacesLayer<'_>>,
    controls: bool,
    palette: Palette,
) -> (Response, Vec<MapAction>) {
    let rect = ui.available_rect_before_wrap();
    view.before_frame(rect);
    let style = BasemapStyle::of(palette);
    let online = tiles.is_some();
    let tiles: Option<&mut dyn Tiles> = tiles.map(|t| t.tiles_mut() as &mut dyn Tiles);
    // Shift-drag selects by box instead of panning.
    let shift = ui.input(|i| i.modifiers.shift);
    let pan_buttons = if shift {
        egui::DragPanButtons::empty()
    } else {
        egui::DragPanButtons::PRIMARY
    };
    let mut map = Map::new(tiles, &mut view.memory, view.home)
        .drag_pan_buttons(pan_buttons)
        .zoom_with_ctrl(false)
        .zoom_speed(1.0)
        .double_click_to_zoom(true)
        .double_click_to_zoom_out(true);
    if !online && let Some(renderer) = renderer {
        map = map.with_plugin(BasemapLayer::new(renderer, style));
    }
    if let Some(places) = places {
        map = map.with_plugin(places);
    }
    let inner = map.show(ui, |ui, response, projector, _memory| {
        if !online && renderer.is_none() {
            no_basemap_ui(ui, response.rect, palette);
        }
        // Presenting and pictures show no buttons and leave the keys to the tour.
        let mut actions = if controls {
            buttons_ui(ui, response.rect)
        } else {
            Vec::new()
        };
        scale_bar_ui(ui, response.rect, projector, &style);
        attribution_ui(ui, response.rect, online);
        let pointer = response.hover_pos().map(|p| {
            let position = projector.unproject(p.to_vec2());
            (position.x(), position.y())
        });
        if controls {
            actions.extend(keyboard_actions(ui));
        }
        (pointer, actions)
    });
    let (pointer, actions) = inner.inner;
    view.pointer_lon_lat = pointer;
    view.after_frame();
    (inner.response, actions)
}

fn buttons_ui(ui: &mut Ui, map_rect: Rect) -> Vec<MapAction> {
    let mut actions = Vec::new();
    let size = vec2(34.0, 30.0);
    let right_top = map_rect.right_top() + vec2(-10.0, 10.0);
    let at = |row: f32, width: f32| {
        Rect::from_min_size(
            right_top + vec2(-width, row * (size.y + 4.0)),
            vec2(width, size.y),
        )
    };
    let zoom_in = ui
        .put(at(0.0, size.x), Button::new("+").min_size(size))
        .on_hover_text("Zoom in (+)");
    let zoom_out = ui
        .put(at(1.0, size.x), Button::new("-").min_size(size))
        .on_hover_text("Zoom out (-)");
    let fit = ui
        .put(
            at(2.0, 64.0),
            Button::new("Fit all").min_size(vec2(64.0, size.y)),
        )
        .on_hover_text("Show everything (F)");
    for (response, action) in [
        (zoom_in, MapAction::ZoomIn),
        (zoom_out, MapAction::ZoomOut),
        (fit, MapAction::FitAll),
    ] {
        if response.clicked() {
            actions.push(action);
        }
    }
    actions
}

fn keyboard_actions(ui: &Ui) -> Vec<MapAction> {
    if ui.ctx().egui_wants_keyboard_input() {
        return Vec::new();
    }
    ui.input(|i| {
        let mut actions = Vec::new();
        let pans = [
            (Key::ArrowLeft, vec2(-PAN_STEP_PX, 0.0)),
            (Key::ArrowRight, vec2(PAN_STEP_PX, 0.0)),
            (Key::ArrowUp, vec2(0.0, -PAN_STEP_PX)),
            (Key::ArrowDown, vec2(0.0, PAN_STEP_PX)),
        ];
        for (key, delta) in pans {
            if i.key_pressed(key) {
                actions.push(MapAction::Pan(delta));
            }
        }
        if i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals) {
            actions.push(MapAction::ZoomIn);
        }
        if i.key_pressed(Key::Minus) {
            actions.push(MapAction::ZoomOut);
        }
        if i.key_pressed(Key::F) && i.modifiers.is_none() {
            actions.push(MapAction::FitAll);
        }
        actions
    })
}

fn scale_bar_ui(ui: &Ui, map_rect: Rect, projector: &Projector, style: &BasemapStyle) {
    let center = projector.unproject(map_rect.center().to_vec2());
    let px_per_m = f64::from(projector.scale_pixel_per_meter(center));
    if let Some(bar) = ScaleBar::fitting(px_per_m, 140.0) {
        let left = map_rect.left_bottom() + vec2(14.0, -14.0);
        bar.paint(
            &ui.painter_at(map_rect),
            left,
            style.country_label,
            style.halo,
        );
    }
}

fn attribution_ui(ui: &mut Ui, map_rect: Rect, online: bool) {
    let font = FontId::proportional(11.0);
    let text = if online {
        format!(
            "© {} · {}",
            super::OnlineTiles::attribution().text,
            BASEMAP_ATTRIBUTION
        )
    } else {
        BASEMAP_ATTRIBUTION.to_owned()
    };
    let galley = ui
        .painter()
        .layout_no_wrap(text.clone(), font.clone(), ui.visuals().text_color());
    let rect = Align2::RIGHT_BOTTOM.anchor_size(
        map_rect.right_bottom() + vec2(-4.0, -2.0),
        galley.size() + vec2(8.0, 2.0),
    );
    let bg = ui.visuals().panel_fill.gamma_multiply(0.8);
    ui.painter().rect_filled(rect, 3.0, bg);
    if online {
        let url = super::OnlineTiles::attribution().url;
        ui.put(
            rect,
            egui::Hyperlink::from_label_and_url(egui::RichText::new(text).font(font), url),
        );
    } else {
        ui.painter()
            .galley(rect.min + vec2(4.0, 1.0), galley, ui.visuals().text_color());
    }
}

fn no_basemap_ui(ui: &Ui, map_rect: Rect, palette: Palette) {
    let style = super::OverlayStyle::of(palette);
    ui.painter().rect_filled(map_rect, 0.0, style.no_map);
    ui.painter().text(
        pos2(map_rect.center().x, map_rect.center().y),
        Align2::CENTER_CENTER,
        "The offline basemap could not be loaded (see Help > About).",
        FontId::proportional(16.0),
        ui.visuals().error_fg_color,
    );
}
