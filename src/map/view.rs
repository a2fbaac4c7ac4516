//! The map view's state: where it looks, how far in, and what the pointer is over.
//!
//! State only; [`super::map_ui`] draws it. All geo↔screen maths goes through walkers'
//! [`Projector`], built from the rectangle the map had in the last frame.

use egui::{Rect, Vec2};
use walkers::{MapMemory, MercatorProjection, Position, Projector};

use crate::mercator::GeoBounds;

/// The closest zoom the controls allow (street level; the offline basemap holds ~5 m detail).
pub const MAX_ZOOM: f64 = 18.0;
/// The farthest zoom the controls allow (a continent).
pub const MIN_ZOOM: f64 = 2.0;

/// Where the map looks and how far in.
pub struct MapView {
    /// walkers' own state: zoom, centre, gestures under way.
    pub memory: MapMemory,
    /// The centre walkers falls back to while the map is not detached.
    pub home: Position,
    /// Bounds to frame as soon as the map's size is known.
    pending_fit: Option<GeoBounds>,
    /// The map's rectangle in the last frame.
    pub(crate) last_rect_in_screen: Option<Rect>,
    /// Longitude/latitude under the pointer, if it is over the map.
    pub pointer_lon_lat: Option<(f64, f64)>,
}

impl Default for MapView {
    fn default() -> Self {
        Self::new(GeoBounds::CENTRAL_ASIA)
    }
}

impl MapView {
    /// A view that frames `bounds` on its first frame.
    pub fn new(bounds: GeoBounds) -> Self {
        let mut memory = MapMemory::default();
        let _ = memory.set_zoom(4.0);
        Self {
            memory,
            home: bounds.center(),
            pending_fit: Some(bounds),
            last_rect_in_screen: None,
            pointer_lon_lat: None,
        }
    }

    /// The centre of the view.
    pub fn center(&self) -> Position {
        self.memory.detached().unwrap_or(self.home)
    }

    /// The current zoom level.
    pub fn zoom(&self) -> f64 {
        self.memory.zoom()
    }

    /// Zooms in (positive) or out (negative) by `levels`, within [`MIN_ZOOM`]..=[`MAX_ZOOM`].
    pub fn zoom_by(&mut self, levels: f64) {
        let _ = self
            .memory
            .set_zoom((self.zoom() + levels).clamp(MIN_ZOOM, MAX_ZOOM));
    }

    /// The map's rectangle on screen in the last frame, if it was drawn.
    pub fn last_rect(&self) -> Option<Rect> {
        self.last_rect_in_screen
    }

    /// Frames `bounds`: at once if the map has been drawn, else on its first frame.
    pub fn fit(&mut self, bounds: GeoBounds) {
        match self.last_rect_in_screen {
            Some(rect) => self.apply_fit(bounds, rect),
            None => self.pending_fit = Some(bounds),
        }
    }

    /// Moves the view by a distance in screen points (positive x pans east).
    pub fn pan_by(&mut self, delta_in_screen: Vec2) {
        let Some(rect) = self.last_rect_in_screen else {
            return;
        };
        let projector = Projector::new(rect, &MercatorProjection, &self.memory, self.home);
        let center_in_screen = projector.project(self.center());
        let target = projector.unproject(center_in_screen + delta_in_screen);
        self.memory.center_at(target);
    }

    /// Looks at a centre from a zoom level, cancelling any framing still to come.
    pub fn look_at(&mut self, lon: f64, lat: f64, zoom: f64) {
        self.pending_fit = None;
        if !(lon.is_finite() && lat.is_finite() && zoom.is_finite()) {
            return;
        }
        let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
        self.memory.center_at(walkers::lon_lat(
            lon.clamp(-180.0, 180.0),
            lat.clamp(-85.0, 85.0),
        ));
    }

    /// Called by the map before drawing, with the rectangle it is about to fill.
    pub(crate) fn before_frame(&mut self, rect: Rect) {
        self.last_rect_in_screen = Some(rect);
        if let Some(bounds) = self.pending_fit.take() {
            self.apply_fit(bounds, rect);
        }
    }

    /// Called by the map after walkers handled gestures: keeps the zoom within limits.
    pub(crate) fn after_frame(&mut self) {
        let zoom = self.zoom();
        if !(MIN_ZOOM..=MAX_ZOOM).contains(&zoom) {
            let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
        }
    }

    fn apply_fit(&mut self, bounds: GeoBounds, rect: Rect) {
        let zoom = bounds.fit_zoom(f64::from(rect.width()), f64::from(rect.height()), 24.0);
        let _ = self.memory.set_zoom(zoom.clamp(MIN_ZOOM, MAX_ZOOM));
        self.memory.center_at(bounds.center());
    }
}
