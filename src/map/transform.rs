//! From world coordinates to screen points for one frame.
//!
//! Web Mercator world coordinates map to the screen by one uniform scale and an offset. Both
//! are read off walkers' [`Projector`] at two points near the middle of the view, so the
//! transform agrees with walkers exactly and stays precise at high zoom (the projector's
//! `Vec2` is `f32`, which is only safe for small screen coordinates).

use egui::{Pos2, Rect, pos2, vec2};
use walkers::Projector;

use crate::basemap::lod::WorldRect;
use crate::mercator::{World, lon_lat_from_world, world_from_lon_lat};

/// `screen = world * scale + offset`, for the current frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenTransform {
    /// Screen points per world unit.
    pub scale: f64,
    /// Screen position of world `[0, 0]`.
    pub offset: [f64; 2],
}

impl ScreenTransform {
    /// The transform walkers' projector uses for `view_in_screen`.
    pub fn from_projector(projector: &Projector, view_in_screen: Rect) -> Self {
        let a_in_screen = view_in_screen.center();
        let b_in_screen = a_in_screen + vec2(100.0, 100.0);
        let a = projector.unproject(a_in_screen.to_vec2());
        let b = projector.unproject(b_in_screen.to_vec2());
        let (wa, wb) = (
            world_from_lon_lat(a.x(), a.y()),
            world_from_lon_lat(b.x(), b.y()),
        );
        let dx = (wb[0] - wa[0]).abs().max(f64::MIN_POSITIVE);
        let scale = 100.0 / dx;
        Self {
            scale,
            offset: [
                f64::from(a_in_screen.x) - wa[0] * scale,
                f64::from(a_in_screen.y) - wa[1] * scale,
            ],
        }
    }

    /// A screen point for a world point.
    pub fn screen_from_world(&self, w: World) -> Pos2 {
        pos2(
            (w[0] * self.scale + self.offset[0]) as f32,
            (w[1] * self.scale + self.offset[1]) as f32,
        )
    }

    /// A screen point for a longitude/latitude in degrees.
    pub fn screen_from_lon_lat(&self, lon_deg: f64, lat_deg: f64) -> Pos2 {
        self.screen_from_world(world_from_lon_lat(lon_deg, lat_deg))
    }

    /// The world point under a screen point.
    pub fn world_from_screen(&self, p: Pos2) -> World {
        [
            (f64::from(p.x) - self.offset[0]) / self.scale,
            (f64::from(p.y) - self.offset[1]) / self.scale,
        ]
    }

    /// Longitude/latitude in degrees under a screen point.
    pub fn lon_lat_from_screen(&self, p: Pos2) -> (f64, f64) {
        lon_lat_from_world(self.world_from_screen(p))
    }

    /// The world rectangle seen through a screen rectangle.
    pub fn world_rect_of(&self, rect_in_screen: Rect) -> WorldRect {
        WorldRect {
            min: self.world_from_screen(rect_in_screen.min),
            max: self.world_from_screen(rect_in_screen.max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::{MapMemory, MercatorProjection, lon_lat};

    #[test]
    fn agrees_with_walkers_projector() {
        let mut memory = MapMemory::default();
        memory.set_zoom(9.3).expect("valid zoom");
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0));
        let center = lon_lat(76.9, 43.2);
        let projector = Projector::new(rect, &MercatorProjection, &memory, center);
        let transform = ScreenTransform::from_projector(&projector, rect);
        for (lon, lat) in [(76.9, 43.2), (77.3, 43.0), (76.5, 43.6)] {
            let ours = transform.screen_from_lon_lat(lon, lat);
            let theirs = projector.project(lon_lat(lon, lat)).to_pos2();
            assert!(ours.distance(theirs) < 0.5, "{ours:?} vs {theirs:?}");
        }
        let (lon, lat) = transform.lon_lat_from_screen(rect.center());
        assert!((lon - 76.9).abs() < 1e-6 && (lat - 43.2).abs() < 1e-6);
    }
}
