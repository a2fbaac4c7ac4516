//! Web Mercator "world" coordinates and geographic bounds.
//!
//! The basemap keeps its geometry pre-projected in normalised Web Mercator coordinates
//! (`x`, `y` in `0..=1`, `y` growing southwards), the same projection walkers draws in, so a
//! frame only has to apply one scale and one offset per vertex. Nothing here knows of egui.

use walkers::{Position, lon_lat};

/// Latitude limit of Web Mercator, in degrees.
pub const MAX_LATITUDE_DEG: f64 = 85.051_128_779_806_59;

/// Pixels across the whole world at zoom 0 (walkers lays out 256-pixel tiles).
pub const WORLD_PIXELS_AT_ZOOM_0: f64 = 256.0;

/// A point in normalised Web Mercator coordinates: `[x, y]`, both in `0..=1`.
pub type World = [f64; 2];

/// Projects a longitude/latitude in degrees to normalised Web Mercator coordinates.
///
/// # Examples
/// ```
/// let [x, y] = border_atlas::mercator::world_from_lon_lat(0.0, 0.0);
/// assert!((x - 0.5).abs() < 1e-12 && (y - 0.5).abs() < 1e-12);
/// ```
pub fn world_from_lon_lat(lon_deg: f64, lat_deg: f64) -> World {
    let lat = lat_deg
        .clamp(-MAX_LATITUDE_DEG, MAX_LATITUDE_DEG)
        .to_radians();
    let x = (lon_deg + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// The inverse of [`world_from_lon_lat`]: `(lon, lat)` in degrees.
pub fn lon_lat_from_world(world: World) -> (f64, f64) {
    let lon = world[0] * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * world[1]);
    let lat = n.sinh().atan().to_degrees();
    (lon, lat)
}

/// A rectangle of longitudes and latitudes, in degrees.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GeoBounds {
    /// Westernmost longitude.
    pub west: f64,
    /// Southernmost latitude.
    pub south: f64,
    /// Easternmost longitude.
    pub east: f64,
    /// Northernmost latitude.
    pub north: f64,
}

impl GeoBounds {
    /// Kazakhstan, Kyrgyzstan, Uzbekistan, Tajikistan and Turkmenistan with their borders:
    /// the frame the map opens on.
    pub const CENTRAL_ASIA: Self = Self {
        west: 46.4,
        south: 35.1,
        east: 87.4,
        north: 55.5,
    };

    /// The geographic centre of the bounds, as a walkers position.
    pub fn center(&self) -> Position {
        let a = world_from_lon_lat(self.west, self.north);
        let b = world_from_lon_lat(self.east, self.south);
        let (lon, lat) = lon_lat_from_world([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
        lon_lat(lon, lat)
    }

    /// The zoom at which these bounds just fit into a view of `width_px` × `height_px`,
    /// leaving `margin_px` free on every side.
    pub fn fit_zoom(&self, width_px: f64, height_px: f64, margin_px: f64) -> f64 {
        let a = world_from_lon_lat(self.west, self.north);
        let b = world_from_lon_lat(self.east, self.south);
        let span_x = (b[0] - a[0]).abs().max(1e-9);
        let span_y = (b[1] - a[1]).abs().max(1e-9);
        let usable_w = (width_px - 2.0 * margin_px).max(1.0);
        let usable_h = (height_px - 2.0 * margin_px).max(1.0);
        let zoom_x = (usable_w / (span_x * WORLD_PIXELS_AT_ZOOM_0)).log2();
        let zoom_y = (usable_h / (span_y * WORLD_PIXELS_AT_ZOOM_0)).log2();
        zoom_x.min(zoom_y)
    }

    /// Whether a longitude/latitude lies inside the bounds (edges included).
    pub fn contains(&self, lon_deg: f64, lat_deg: f64) -> bool {
        (self.west..=self.east).contains(&lon_deg) && (self.south..=self.north).contains(&lat_deg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_coordinates_round_trip() {
        for (lon, lat) in [(76.9, 43.25), (-120.0, -33.0), (0.0, 84.0), (179.9, 0.0)] {
            let (lon2, lat2) = lon_lat_from_world(world_from_lon_lat(lon, lat));
            assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9);
        }
    }

    #[test]
    fn north_is_up_in_world_coordinates() {
        assert!(world_from_lon_lat(70.0, 50.0)[1] < world_from_lon_lat(70.0, 40.0)[1]);
    }

    #[test]
    fn central_asia_fits_a_laptop_window_around_zoom_four() {
        let zoom = GeoBounds::CENTRAL_ASIA.fit_zoom(1000.0, 700.0, 20.0);
        assert!((3.5..5.0).contains(&zoom), "zoom {zoom}");
        // A view twice as wide and tall fits one zoom level closer.
        let bigger = GeoBounds::CENTRAL_ASIA.fit_zoom(2000.0, 1400.0, 40.0);
        assert!((bigger - zoom - 1.0).abs() < 1e-9);
    }

    #[test]
    fn centre_of_central_asia_is_inside_it() {
        let c = GeoBounds::CENTRAL_ASIA.center();
        assert!(GeoBounds::CENTRAL_ASIA.contains(c.x(), c.y()));
    }
}
