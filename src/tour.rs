//! Tours for presenting: an ordered list of stops, each a place or relation with the quote
//! to show, and the smooth flight of the map from one stop to the next. State and maths
//! only; `ui::presentation` draws them.

use serde::{Deserialize, Serialize};

use crate::atlas::{Atlas, Source};
use crate::mercator::{GeoBounds, lon_lat_from_world, world_from_lon_lat};

/// One stop of a tour.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    /// The item shown, by id.
    pub item: String,
    /// The quote shown with it (a passage that speaks of it); `None`: the first one.
    #[serde(default)]
    pub quote: Option<Source>,
    /// The map as of this date at this stop (ISO: 2022, 2022-04 or 2022-04-18), shown on
    /// the caption card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A titled, ordered list of stops.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tour {
    /// Shown on the first caption and in the editor.
    pub title: String,
    /// The stops, in order.
    pub stops: Vec<Stop>,
}

impl Tour {
    /// A tour of the given items, in the order given.
    pub fn of_items<'a>(title: impl Into<String>, ids: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            title: title.into(),
            stops: ids
                .into_iter()
                .map(|id| Stop {
                    item: id.to_owned(),
                    quote: None,
                    as_of: None,
                })
                .collect(),
        }
    }

    /// Adds stops for items not in the tour yet; returns how many were added.
    pub fn add_items<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        let mut added = 0;
        for id in ids {
            if !self.stops.iter().any(|s| s.item == id) {
                self.stops.push(Stop {
                    item: id.to_owned(),
                    quote: None,
                    as_of: None,
                });
                added += 1;
            }
        }
        added
    }

    /// Moves stop `i` one place earlier (`up`) or later.
    pub fn move_stop(&mut self, i: usize, up: bool) {
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j
            && i < self.stops.len()
            && j < self.stops.len()
        {
            self.stops.swap(i, j);
        }
    }
}

/// The order a selection becomes a tour in: west to east, so the story travels along the
/// border instead of jumping about; relations after the places they join.
pub fn tour_order(atlas: &Atlas, ids: &[String]) -> Vec<String> {
    let mut keyed: Vec<(bool, f64, &String)> = ids
        .iter()
        .filter_map(|id| {
            let item = atlas.item(id)?;
            let relation = matches!(item.kind, crate::atlas::ItemKind::Relation(_));
            Some((relation, item.geometry.representative_point().x(), id))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    keyed.into_iter().map(|(_, _, id)| id.clone()).collect()
}

/// The quote a stop shows: the one chosen, else the item's first passage.
pub fn stop_quote(atlas: &Atlas, stop: &Stop) -> Option<Source> {
    let item = atlas.item(&stop.item)?;
    stop.quote
        .filter(|q| item.sources.contains(q))
        .or_else(|| item.sources.first().copied())
}

/// Where the map looks: centre (longitude, latitude) and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Longitude of the centre.
    pub lon: f64,
    /// Latitude of the centre.
    pub lat: f64,
    /// walkers zoom level.
    pub zoom: f64,
}

/// A flight of the map from one camera to another, timed by egui's clock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    from: Camera,
    to: Camera,
    start: f64,
    duration: f64,
}

/// How long a flight takes, in seconds.
pub const FLIGHT_SECONDS: f64 = 1.6;

impl Flight {
    /// A flight starting at `now` (seconds on egui's clock).
    pub fn new(from: Camera, to: Camera, now: f64) -> Self {
        Self {
            from,
            to,
            start: now,
            duration: FLIGHT_SECONDS,
        }
    }

    /// Where the flight ends.
    pub fn target(&self) -> Camera {
        self.to
    }

    /// Whether the flight is over at `now`.
    pub fn done(&self, now: f64) -> bool {
        now >= self.start + self.duration
    }

    /// The camera at `now`: eased in and out; the centre moves in Mercator (straight on the
    /// map) while the zoom dips out and back in over long distances, so the viewer sees
    /// where the next stop lies.
    pub fn camera(&self, now: f64) -> Camera {
        let t = ((now - self.start) / self.duration).clamp(0.0, 1.0);
        let e = t * t * (3.0 - 2.0 * t);
        let a = world_from_lon_lat(self.from.lon, self.from.lat);
        let b = world_from_lon_lat(self.to.lon, self.to.lat);
        let w = [a[0] + (b[0] - a[0]) * e, a[1] + (b[1] - a[1]) * e];
        let (lon, lat) = lon_lat_from_world(w);
        // How far apart the ends are, in screens at the closer zoom (a world unit is the
        // whole map, 2^zoom tiles of 256 px; a screen is about 4 tiles).
        let distance = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
        let screens = distance * 2f64.powf(self.from.zoom.max(self.to.zoom)) / 4.0;
        let dip = screens.max(1.0).log2().min(4.0);
        let zoom = self.from.zoom + (self.to.zoom - self.from.zoom) * e
            - dip * (std::f64::consts::PI * t).sin();
        Camera { lon, lat, zoom }
    }
}

/// The camera that frames `bounds` in a view of `width` × `height` points.
pub fn camera_for(bounds: GeoBounds, width: f64, height: f64) -> Camera {
    let c = bounds.center();
    Camera {
        lon: c.x(),
        lat: c.y(),
        zoom: bounds
            .fit_zoom(width, height, 60.0)
            .clamp(crate::map::MIN_ZOOM, 12.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_starts_and_ends_where_asked_and_dips_on_the_way() {
        let from = Camera {
            lon: 69.6,
            lat: 42.3,
            zoom: 9.0,
        };
        let to = Camera {
            lon: 76.9,
            lat: 43.2,
            zoom: 9.0,
        };
        let f = Flight::new(from, to, 10.0);
        let start = f.camera(10.0);
        assert!((start.lon - from.lon).abs() < 1e-9 && (start.zoom - 9.0).abs() < 1e-9);
        let end = f.camera(10.0 + FLIGHT_SECONDS);
        assert!((end.lon - to.lon).abs() < 1e-9 && (end.lat - to.lat).abs() < 1e-9);
        assert!(
            f.camera(10.0 + FLIGHT_SECONDS / 2.0).zoom < 8.0,
            "zooms out between"
        );
        assert!(f.done(10.0 + FLIGHT_SECONDS) && !f.done(10.5));
    }

    #[test]
    fn stops_move_and_are_not_added_twice() {
        let mut t = Tour::of_items("t", ["a", "b", "c"]);
        t.move_stop(2, true);
        t.move_stop(0, true);
        assert_eq!(
            t.stops.iter().map(|s| s.item.as_str()).collect::<Vec<_>>(),
            ["a", "c", "b"]
        );
        assert_eq!(t.add_items(["b", "d"]), 1);
        assert_eq!(t.stops.len(), 4);
    }
}
