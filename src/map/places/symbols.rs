//! The symbol of each kind of place, and the label candidate of an item.

use egui::{Color32, Painter, Pos2, Shape, Stroke, vec2};

use crate::atlas::ItemKind;
use crate::gazetteer::PlaceKind;
use crate::map::OverlayStyle;
use crate::map::labels::LabelCandidate;

use super::scene::SceneItem;

/// Crosses out a place that is closed (as of the timeline's date).
pub fn draw_closed(painter: &Painter, at: Pos2, style: &OverlayStyle) {
    let r = 9.0;
    for (a, b) in [(vec2(-r, -r), vec2(r, r)), (vec2(-r, r), vec2(r, -r))] {
        painter.line_segment([at + a, at + b], Stroke::new(4.0, style.halo));
        painter.line_segment([at + a, at + b], Stroke::new(2.0, style.ink));
    }
}

/// Draws an item's symbol at `at`; `strong` (selected or hovered) puts a highlight under it.
pub fn draw_symbol(
    painter: &Painter,
    item: &SceneItem,
    at: Pos2,
    strong: bool,
    style: &OverlayStyle,
) {
    let color = item.layer.color();
    let halo = style.halo;
    let w = style.line_scale;
    if strong {
        painter.circle_filled(at, 13.0, style.highlight.gamma_multiply(0.8));
    }
    if item.verified {
        // Checked by the user: a ring round the symbol, in the ink of the cards.
        painter.circle_stroke(at, 11.0, Stroke::new(2.0 * w, style.ink));
    }
    match item.kind {
        ItemKind::Place(PlaceKind::Checkpoint) => draw_pin(painter, at, color, halo, w),
        ItemKind::Place(PlaceKind::Hub) => {
            let r = egui::Rect::from_center_size(at, vec2(12.0, 12.0));
            painter.rect(
                r,
                2.0,
                color,
                Stroke::new(1.5 * w, halo),
                egui::StrokeKind::Outside,
            );
        }
        ItemKind::Place(PlaceKind::Dam | PlaceKind::Reservoir) => {
            let pts = vec![
                at + vec2(0.0, -8.0),
                at + vec2(7.0, 6.0),
                at + vec2(-7.0, 6.0),
            ];
            painter.add(Shape::convex_polygon(
                pts,
                color,
                Stroke::new(1.5 * w, halo),
            ));
        }
        ItemKind::Place(PlaceKind::Station) => draw_station(painter, at, color, halo, w),
        ItemKind::Place(PlaceKind::Pass | PlaceKind::Peak) => {
            draw_mountain(painter, at, color, halo, w)
        }
        ItemKind::Place(PlaceKind::City | PlaceKind::Village) => {
            let r = 3.5 + 1.6 * (item.mentions as f32).sqrt().min(6.0);
            painter.circle(at, r, color, Stroke::new(1.5 * w, halo));
        }
        ItemKind::Place(PlaceKind::Lake | PlaceKind::River) => {
            let pts = vec![
                at + vec2(0.0, -6.0),
                at + vec2(6.0, 0.0),
                at + vec2(0.0, 6.0),
                at + vec2(-6.0, 0.0),
            ];
            painter.add(Shape::convex_polygon(
                pts,
                color,
                Stroke::new(1.0 * w, halo),
            ));
        }
        ItemKind::Place(PlaceKind::Country) => {
            painter.text(
                at,
                egui::Align2::CENTER_CENTER,
                item.name.to_uppercase(),
                egui::FontId::proportional(12.0),
                color.gamma_multiply(0.8),
            );
        }
        _ => {
            painter.circle(at, 5.0, color, Stroke::new(1.0 * w, halo));
        }
    }
}

/// A cluster of `count` places at `at`, in the colour of its leading place.
pub fn draw_cluster(painter: &Painter, at: Pos2, count: u32, color: Color32, style: &OverlayStyle) {
    let radius = 5.0 + 2.0 * (count as f32).log2();
    painter.circle(
        at,
        radius,
        color.gamma_multiply(0.85),
        Stroke::new(1.5 * style.line_scale, style.halo),
    );
    painter.text(
        at,
        egui::Align2::CENTER_CENTER,
        count.to_string(),
        egui::FontId::proportional(10.0),
        style.cluster_text,
    );
}

/// The label of an item at `at`: selected and hovered ones first, then the most named.
pub fn label(item: &SceneItem, at: Pos2, strong: bool) -> LabelCandidate {
    LabelCandidate {
        text: item.name.clone(),
        anchor: at + vec2(0.0, 14.0),
        priority: if strong {
            0
        } else {
            50 + (1000 / (item.mentions + 1)) as u32
        },
        size: if strong { 14.0 } else { 12.5 },
        color: item.layer.color(),
        dot_radius: None,
    }
}

/// A checkpoint: a round head on a short stem, with a barrier bar.
fn draw_pin(painter: &Painter, at: Pos2, color: Color32, halo: Color32, w: f32) {
    let head = at + vec2(0.0, -10.0);
    painter.line_segment([at, head], Stroke::new(2.5 * w, color));
    painter.circle(head, 7.0, color, Stroke::new(1.5 * w, halo));
    painter.line_segment(
        [head + vec2(-4.0, 0.0), head + vec2(4.0, 0.0)],
        Stroke::new(2.0, halo),
    );
}

/// A station: a small square with a rail through it.
fn draw_station(painter: &Painter, at: Pos2, color: Color32, halo: Color32, w: f32) {
    let r = egui::Rect::from_center_size(at, vec2(10.0, 10.0));
    painter.rect(
        r,
        1.0,
        halo,
        Stroke::new(2.0 * w, color),
        egui::StrokeKind::Inside,
    );
    painter.line_segment(
        [at + vec2(-7.0, 0.0), at + vec2(7.0, 0.0)],
        Stroke::new(2.0 * w, color),
    );
}

/// A pass or peak: an open triangle on a halo.
fn draw_mountain(painter: &Painter, at: Pos2, color: Color32, halo: Color32, w: f32) {
    let pts = [
        at + vec2(-7.0, 5.0),
        at + vec2(0.0, -7.0),
        at + vec2(7.0, 5.0),
    ];
    painter.add(Shape::closed_line(pts.to_vec(), Stroke::new(2.5 * w, halo)));
    painter.add(Shape::closed_line(
        pts.to_vec(),
        Stroke::new(1.5 * w, color),
    ));
}
