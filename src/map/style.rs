//! Colours and line widths of the basemap and of what is drawn over it, in three palettes:
//! light, dark, and one for projectors.

use egui::Color32;

/// Whether the map is drawn for a screen or for a projector in a lit room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Contrast {
    /// The theme's own colours.
    #[default]
    Normal,
    /// Opaque cards, black ink, stronger borders and wider lines.
    Projector,
}

/// The colours the map is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Palette {
    /// For a light theme.
    Light,
    /// For a dark theme.
    Dark,
    /// For projectors (always light: dark maps wash out on a beamer).
    Projector,
}

impl Palette {
    /// The palette of a theme at a contrast.
    pub fn of(dark_mode: bool, contrast: Contrast) -> Self {
        match (contrast, dark_mode) {
            (Contrast::Projector, _) => Self::Projector,
            (Contrast::Normal, true) => Self::Dark,
            (Contrast::Normal, false) => Self::Light,
        }
    }

    /// Whether the palette is dark (so egui's own widgets should be too).
    pub fn is_dark(self) -> bool {
        self == Self::Dark
    }
}

/// How the basemap looks in one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BasemapStyle {
    /// Seas and the area outside the basemap.
    pub water: Color32,
    /// Land of countries other than the focus countries.
    pub land: Color32,
    /// Region fills of the focus countries, a pair of tints each: KZ, KG, UZ, TJ, TM.
    pub focus_fills: [[Color32; 2]; 5],
    /// Region boundaries.
    pub region_outline: Color32,
    /// Country borders.
    pub border: Color32,
    /// Rivers and lake shores.
    pub river: Color32,
    /// Country names.
    pub country_label: Color32,
    /// Region names.
    pub region_label: Color32,
    /// Names of lakes, seas and rivers.
    pub water_label: Color32,
    /// City names.
    pub city_label: Color32,
    /// City dots.
    pub city_dot: Color32,
    /// The outline drawn around labels so they read on any background.
    pub halo: Color32,
}

impl BasemapStyle {
    /// The style of a palette.
    pub fn of(palette: Palette) -> Self {
        match palette {
            Palette::Light => Self::light(),
            Palette::Dark => Self::dark(),
            Palette::Projector => Self::projector(),
        }
    }

    /// Light, with darker borders, rivers and names that survive a washed-out beamer.
    pub fn projector() -> Self {
        let rgb = Color32::from_rgb;
        Self {
            region_outline: rgb(120, 110, 100),
            border: rgb(90, 40, 80),
            river: rgb(40, 110, 190),
            country_label: rgb(20, 15, 20),
            region_label: rgb(60, 55, 50),
            water_label: rgb(10, 70, 140),
            city_label: Color32::BLACK,
            city_dot: Color32::BLACK,
            halo: Color32::WHITE,
            ..Self::light()
        }
    }

    /// Soft paper tones with blue water.
    pub fn light() -> Self {
        let rgb = Color32::from_rgb;
        Self {
            water: rgb(170, 205, 230),
            land: rgb(232, 229, 220),
            focus_fills: [
                [rgb(246, 238, 212), rgb(241, 232, 203)],
                [rgb(236, 245, 222), rgb(228, 240, 212)],
                [rgb(244, 232, 226), rgb(239, 224, 217)],
                [rgb(235, 233, 245), rgb(227, 224, 240)],
                [rgb(242, 239, 228), rgb(236, 232, 218)],
            ],
            region_outline: rgb(170, 160, 150),
            border: rgb(120, 90, 110),
            river: rgb(95, 150, 200),
            country_label: rgb(70, 60, 70),
            region_label: rgb(110, 100, 95),
            water_label: rgb(40, 95, 150),
            city_label: rgb(35, 35, 35),
            city_dot: rgb(60, 60, 60),
            halo: Color32::from_rgba_unmultiplied(255, 255, 255, 200),
        }
    }

    /// Dark slate land with deep blue water; labels light.
    pub fn dark() -> Self {
        let rgb = Color32::from_rgb;
        Self {
            water: rgb(24, 38, 56),
            land: rgb(44, 46, 50),
            focus_fills: [
                [rgb(62, 58, 46), rgb(58, 54, 43)],
                [rgb(48, 60, 48), rgb(45, 56, 45)],
                [rgb(62, 50, 50), rgb(58, 47, 47)],
                [rgb(52, 50, 64), rgb(49, 47, 60)],
                [rgb(58, 56, 48), rgb(54, 52, 45)],
            ],
            region_outline: rgb(100, 100, 100),
            border: rgb(190, 150, 175),
            river: rgb(80, 130, 180),
            country_label: rgb(225, 220, 225),
            region_label: rgb(170, 170, 165),
            water_label: rgb(130, 180, 225),
            city_label: rgb(235, 235, 235),
            city_dot: rgb(220, 220, 220),
            halo: Color32::from_rgba_unmultiplied(0, 0, 0, 190),
        }
    }

    /// The fill of a focus country's region, alternating tints between neighbours.
    pub fn region_fill(&self, country: &str, region_index: usize) -> Color32 {
        let pair = match country {
            "KZ" => self.focus_fills[0],
            "KG" => self.focus_fills[1],
            "UZ" => self.focus_fills[2],
            "TJ" => self.focus_fills[3],
            "TM" => self.focus_fills[4],
            _ => [self.land, self.land],
        };
        pair[region_index % 2]
    }
}

/// How places, clusters, the selection box, caption cards and the corner legend look in
/// one theme. The layers' own colours ([`layer_color`]) are the same in every theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverlayStyle {
    /// The outline around symbols and labels, so they read on any map.
    pub halo: Color32,
    /// Selected and hovered items.
    pub highlight: Color32,
    /// The fill of the box drawn to select places.
    pub box_fill: Color32,
    /// Its outline.
    pub box_stroke: Color32,
    /// The count on a cluster.
    pub cluster_text: Color32,
    /// Caption cards and the corner legend.
    pub card_fill: Color32,
    /// Their outline.
    pub card_stroke: Color32,
    /// Their text.
    pub ink: Color32,
    /// The map's place when the basemap cannot be drawn.
    pub no_map: Color32,
    /// How much wider lines and outlines are drawn (1 on screen, more for projectors).
    pub line_scale: f32,
}

impl OverlayStyle {
    /// The style of a palette.
    pub fn of(palette: Palette) -> Self {
        match palette {
            Palette::Light => Self::light(),
            Palette::Dark => Self::dark(),
            Palette::Projector => Self::projector(),
        }
    }

    /// White halos, near-black ink.
    pub fn light() -> Self {
        Self {
            halo: Color32::from_rgba_unmultiplied(255, 255, 255, 220),
            highlight: Color32::from_rgb(255, 200, 0),
            box_fill: Color32::from_rgba_unmultiplied(255, 200, 0, 40),
            box_stroke: Color32::from_rgb(200, 150, 0),
            cluster_text: Color32::WHITE,
            card_fill: Color32::from_rgba_unmultiplied(255, 255, 255, 240),
            card_stroke: Color32::from_gray(120),
            ink: Color32::from_gray(12),
            no_map: Color32::from_gray(200),
            line_scale: 1.0,
        }
    }

    /// Black halos, near-white ink.
    pub fn dark() -> Self {
        Self {
            halo: Color32::from_rgba_unmultiplied(10, 10, 10, 220),
            card_fill: Color32::from_rgba_unmultiplied(12, 12, 14, 235),
            ink: Color32::from_gray(245),
            no_map: Color32::from_gray(60),
            ..Self::light()
        }
    }

    /// For projectors in lit rooms: opaque white halos and cards, black ink and lines half
    /// as wide again, so nothing washes out on a beamer.
    pub fn projector() -> Self {
        Self {
            halo: Color32::WHITE,
            card_fill: Color32::WHITE,
            card_stroke: Color32::BLACK,
            ink: Color32::BLACK,
            line_scale: 1.5,
            ..Self::light()
        }
    }
}

/// The colour of a built-in layer, or of an imported one (by its key); strong enough for
/// every theme.
pub fn layer_color(layer: crate::layers::Layer) -> Color32 {
    use crate::layers::Layer;
    let rgb = Color32::from_rgb;
    match layer {
        Layer::Checkpoints => rgb(214, 39, 40),
        Layer::Regions => rgb(148, 103, 189),
        Layer::TwinCities => rgb(255, 127, 14),
        Layer::Roads => rgb(140, 86, 75),
        Layer::Sites => rgb(23, 160, 170),
        Layer::Cities => rgb(31, 119, 180),
        Layer::Geography => rgb(44, 140, 60),
        Layer::Imported(key) => IMPORTED_COLORS[key as usize % IMPORTED_COLORS.len()],
    }
}

/// Colours for imported layers, apart from the built-in ones.
const IMPORTED_COLORS: [Color32; 6] = [
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(0, 109, 219),
    Color32::from_rgb(146, 73, 0),
    Color32::from_rgb(73, 0, 146),
    Color32::from_rgb(0, 146, 146),
];
