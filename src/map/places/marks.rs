//! Numbered marks over the places: the place chosen for the item under review (a check) and its
//! alternatives (1–5), drawn above everything else so they can be told apart and picked.

use egui::{Align2, FontId, Painter, Stroke};

use crate::map::{OverlayStyle, ScreenTransform};
use crate::mercator::world_from_lon_lat;

/// A mark on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// What it says: a number, or nothing for the chosen place (drawn with a check).
    pub label: String,
}

/// Draws the marks: a disc with its label, on a ring so it reads over any place.
pub fn draw_marks(painter: &Painter, marks: &[Mark], t: &ScreenTransform, style: &OverlayStyle) {
    for mark in marks {
        let at =
            t.screen_from_world(world_from_lon_lat(mark.lon, mark.lat)) + egui::vec2(12.0, -12.0);
        painter.circle(at, 10.0, style.highlight, Stroke::new(2.0, style.ink));
        if mark.label.is_empty() {
            // A check, drawn: not every font has the glyph.
            let check = vec![
                at + egui::vec2(-5.0, 0.0),
                at + egui::vec2(-1.5, 4.0),
                at + egui::vec2(5.0, -4.5),
            ];
            painter.add(egui::Shape::line(check, Stroke::new(2.5, style.ink)));
        } else {
            painter.text(
                at,
                Align2::CENTER_CENTER,
                &mark.label,
                FontId::proportional(13.0),
                style.ink,
            );
        }
    }
}
