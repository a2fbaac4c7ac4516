//! The scale bar: a round distance that fits a given width on screen.

use egui::{Align2, Color32, FontId, Painter, Pos2, Stroke, vec2};

/// A scale bar's length on screen and the distance it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScaleBar {
    /// Length of the bar in screen points.
    pub length_px: f32,
    /// Distance the bar stands for, in metres.
    pub distance_m: f64,
}

impl ScaleBar {
    /// The longest round distance (1, 2 or 5 × 10ⁿ metres) that fits in `max_length_px`,
    /// at `pixels_per_meter` on screen.
    ///
    /// # Examples
    /// ```
    /// use border_atlas::map::ScaleBar;
    /// let bar = ScaleBar::fitting(0.001, 120.0).expect("a bar fits"); // 1 px = 1 km
    /// assert_eq!(bar.distance_m, 100_000.0);
    /// assert_eq!(bar.length_px, 100.0);
    /// ```
    pub fn fitting(pixels_per_meter: f64, max_length_px: f64) -> Option<Self> {
        if !(pixels_per_meter.is_finite() && pixels_per_meter > 0.0 && max_length_px > 0.0) {
            return None;
        }
        let max_m = max_length_px / pixels_per_meter;
        let magnitude = 10f64.powf(max_m.log10().floor());
        let distance_m = [5.0, 2.0, 1.0]
            .into_iter()
            .map(|f| f * magnitude)
            .find(|&d| d <= max_m)?;
        Some(Self {
            length_px: (distance_m * pixels_per_meter) as f32,
            distance_m,
        })
    }

    /// The distance as people write it: "500 m", "20 km".
    pub fn label(&self) -> String {
        if self.distance_m >= 1000.0 {
            format!("{} km", self.distance_m / 1000.0)
        } else {
            format!("{} m", self.distance_m)
        }
    }

    /// Draws the bar with its left end at `left_in_screen`.
    pub fn paint(&self, painter: &Painter, left_in_screen: Pos2, color: Color32, halo: Color32) {
        let right = left_in_screen + vec2(self.length_px, 0.0);
        let tick = vec2(0.0, -6.0);
        for (stroke, color) in [(4.0, halo), (1.5, color)] {
            let s = Stroke::new(stroke, color);
            painter.line_segment([left_in_screen, right], s);
            painter.line_segment([left_in_screen, left_in_screen + tick], s);
            painter.line_segment([right, right + tick], s);
        }
        let text_pos = left_in_screen + vec2(self.length_px / 2.0, -4.0);
        let font = FontId::proportional(12.0);
        for d in [
            vec2(-1.0, 0.0),
            vec2(1.0, 0.0),
            vec2(0.0, -1.0),
            vec2(0.0, 1.0),
        ] {
            painter.text(
                text_pos + d,
                Align2::CENTER_BOTTOM,
                self.label(),
                font.clone(),
                halo,
            );
        }
        painter.text(text_pos, Align2::CENTER_BOTTOM, self.label(), font, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_round_distances() {
        let bar = ScaleBar::fitting(1.0 / 370.0, 120.0).expect("fits");
        assert_eq!(bar.distance_m, 20_000.0);
        assert!(bar.length_px <= 120.0 && bar.length_px > 50.0);
        assert_eq!(bar.label(), "20 km");
        let small = ScaleBar::fitting(0.5, 120.0).expect("fits");
        assert_eq!(small.label(), "200 m");
    }

    #[test]
    fn refuses_nonsense_scales() {
        assert!(ScaleBar::fitting(0.0, 120.0).is_none());
        assert!(ScaleBar::fitting(f64::NAN, 120.0).is_none());
    }
}
