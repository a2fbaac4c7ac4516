//! A picture of the map — for slides and for presenting — described by a value: the places
//! and what of them is shown, the view, the theme. Drawing it needs neither the window nor
//! the geoparser, so `border-atlas render` and the window's picture export draw the same
//! thing from the same description.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::{ThemePreference, Ui};

use crate::atlas::{Atlas, AtlasItem, ItemKind};
use crate::gazetteer::PlaceKind;
use crate::import::ImportedLayer;
use crate::layers::Layer;
use crate::map::places::SceneView;
use crate::map::{BasemapRenderer, MapPointer, MapView, Palette, PlacesLayer, PlacesScene, map_ui};
use crate::mercator::GeoBounds;

/// What a picture shows, borrowed from whoever owns it (the window while presenting, or a
/// [`Picture`]).
pub struct PictureView<'a> {
    /// The places, what of them is shown and what is highlighted.
    pub places: SceneView<'a>,
    /// Places shown per layer, for the legend.
    pub counts: &'a [(Layer, usize)],
    /// Imported layers, for the legend's names.
    pub layers: &'a [ImportedLayer],
    /// The basemap, if it could be read.
    pub basemap: Option<&'a BasemapRenderer>,
}

impl PictureView<'_> {
    /// Draws the map alone into `ui` through `map`: places, a small legend, the scale bar
    /// and the attribution; no buttons, and the keys left to whoever presents.
    pub fn show(self, ui: &mut Ui, map: &mut MapView) {
        let mut pointer = MapPointer::default();
        let mut no_box = None;
        let places = PlacesLayer {
            view: self.places,
            box_start: &mut no_box,
            out: &mut pointer,
        };
        let palette = self.places.palette;
        let (response, _) = map_ui(ui, map, self.basemap, None, Some(places), false, palette);
        crate::ui::presentation::corner_legend_ui(
            ui,
            response.rect,
            self.counts,
            self.layers,
            palette,
        );
    }
}

/// A picture as a value of its own, to be drawn on another thread or by the command line.
pub struct Picture {
    /// The places.
    pub scene: Arc<PlacesScene>,
    /// Which of them are shown, by index.
    pub shown: Vec<bool>,
    /// Places shown per layer, for the legend.
    pub counts: Vec<(Layer, usize)>,
    /// Imported layers, for the legend's names.
    pub layers: Vec<ImportedLayer>,
    /// The places highlighted.
    pub selection: BTreeSet<String>,
    /// Light, dark, or for projectors.
    pub palette: Palette,
    /// The basemap, shared.
    pub basemap: Arc<Result<BasemapRenderer, String>>,
    /// Where the map looks.
    pub map: MapView,
    /// Items drawn closed (as of a date), by index; empty when none is.
    pub closed: Vec<bool>,
}

impl Picture {
    /// Every place of `atlas`, framed to fit (as "Fit all" does).
    pub fn of_atlas(
        atlas: &Atlas,
        basemap: Arc<Result<BasemapRenderer, String>>,
        palette: Palette,
    ) -> Self {
        let area = basemap
            .as_ref()
            .as_ref()
            .map_or(GeoBounds::CENTRAL_ASIA, |r| r.basemap().bounds);
        let mut map = MapView::new(GeoBounds::CENTRAL_ASIA);
        map.fit(fit_bounds(&atlas.items, area));
        let counts = layer_counts(atlas, |_| true);
        Self {
            scene: Arc::new(PlacesScene::new(atlas)),
            shown: vec![true; atlas.items.len()],
            counts,
            layers: atlas.layers.clone(),
            selection: BTreeSet::new(),
            palette,
            basemap,
            map,
            closed: Vec::new(),
        }
    }

    /// Draws the picture into `ui`.
    pub fn show(&mut self, ui: &mut Ui) {
        ui.ctx().set_theme(if self.palette.is_dark() {
            ThemePreference::Dark
        } else {
            ThemePreference::Light
        });
        let view = PictureView {
            places: SceneView {
                scene: &self.scene,
                shown: &self.shown,
                shown_key: 0,
                selection: &self.selection,
                hovered: None,
                palette: self.palette,
                marks: &[],
                closed: &self.closed,
            },
            counts: &self.counts,
            layers: &self.layers,
            basemap: self.basemap.as_ref().as_ref().ok(),
        };
        view.show(ui, &mut self.map);
    }
}

/// What "Fit all" frames: the places of `items` inside `area` — not countries, macro-regions
/// or far-away places (New York), which would frame half the world — or Central Asia when
/// there are none.
pub fn fit_bounds(items: &[AtlasItem], area: GeoBounds) -> GeoBounds {
    let near = items.iter().filter(|i| {
        let p = i.geometry.representative_point();
        i.kind != ItemKind::Place(PlaceKind::Country)
            && !i.geometry.is_vast()
            && area.contains(p.x(), p.y())
    });
    bounds_of(near).unwrap_or(GeoBounds::CENTRAL_ASIA)
}

/// The bounds of some items; a single point gets a neighbourhood of about 30 km around it.
pub fn bounds_of<'a>(items: impl Iterator<Item = &'a AtlasItem>) -> Option<GeoBounds> {
    let mut b: Option<GeoBounds> = None;
    for item in items {
        let (w, s, e, n) = item.geometry.bounds();
        b = Some(match b {
            None => GeoBounds {
                west: w,
                south: s,
                east: e,
                north: n,
            },
            Some(g) => GeoBounds {
                west: g.west.min(w),
                south: g.south.min(s),
                east: g.east.max(e),
                north: g.north.max(n),
            },
        });
    }
    b.map(|g| GeoBounds {
        west: g.west.min(g.east - 0.4),
        east: g.east.max(g.west + 0.4),
        south: g.south.min(g.north - 0.3),
        north: g.north.max(g.south + 0.3),
    })
}

/// How many items that `pass` each layer holds: the built-in layers, then the imported
/// ones, in order.
pub fn layer_counts(atlas: &Atlas, pass: impl Fn(&AtlasItem) -> bool) -> Vec<(Layer, usize)> {
    let mut counts: Vec<(Layer, usize)> = Layer::ALL
        .iter()
        .copied()
        .chain(atlas.layers.iter().map(|l| Layer::Imported(l.key)))
        .map(|l| (l, 0))
        .collect();
    for item in atlas.items.iter().filter(|i| pass(i)) {
        if let Some(c) = counts.iter_mut().find(|(l, _)| *l == Layer::of(item.kind)) {
            c.1 += 1;
        }
    }
    counts
}
