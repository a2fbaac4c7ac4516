//! Placing map labels so they never overlap: the most important are placed first, and a
//! label that would cover one already placed is left out.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

/// A label that may be drawn.
#[derive(Clone, Debug)]
pub struct LabelCandidate {
    /// The text.
    pub text: String,
    /// The point the label belongs to, on screen.
    pub anchor: Pos2,
    /// Lower is more important.
    pub priority: u32,
    /// Font size in points.
    pub size: f32,
    /// Text colour.
    pub color: Color32,
    /// A dot of this radius at the anchor, with the text to its right (cities); `None`
    /// centres the text on the anchor (areas, rivers).
    pub dot_radius: Option<f32>,
}

/// Places labels greedily by priority and draws those that fit; none goes into the
/// `reserved` rectangles (where the map's own controls sit).
///
/// Returns how many labels were drawn.
pub fn place_and_draw(
    painter: &Painter,
    mut candidates: Vec<LabelCandidate>,
    reserved: &[Rect],
    halo: Color32,
    dot: Color32,
) -> usize {
    candidates.sort_by_key(|c| c.priority);
    let mut placed: Vec<Rect> = reserved.to_vec();
    let clip = painter.clip_rect();
    for c in candidates {
        let galley = painter.layout_no_wrap(c.text.clone(), FontId::proportional(c.size), c.color);
        let size = galley.size();
        let rect = match c.dot_radius {
            Some(r) => Align2::LEFT_CENTER.anchor_size(c.anchor + vec2(r + 3.0, 0.0), size),
            None => Align2::CENTER_CENTER.anchor_size(c.anchor, size),
        };
        let with_dot = match c.dot_radius {
            Some(r) => rect.union(Rect::from_center_size(c.anchor, vec2(2.0 * r, 2.0 * r))),
            None => rect,
        };
        let padded = with_dot.expand(2.0);
        if !clip.contains_rect(with_dot) || placed.iter().any(|p| p.intersects(padded)) {
            continue;
        }
        placed.push(padded);
        if let Some(r) = c.dot_radius {
            painter.circle(c.anchor, r, dot, Stroke::new(1.0, halo));
        }
        for d in [
            vec2(-1.0, 0.0),
            vec2(1.0, 0.0),
            vec2(0.0, -1.0),
            vec2(0.0, 1.0),
        ] {
            painter.galley_with_override_text_color(rect.min + d, galley.clone(), halo);
        }
        painter.galley(rect.min, galley, c.color);
    }
    placed.len() - reserved.len()
}
