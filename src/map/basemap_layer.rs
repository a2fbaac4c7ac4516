//! Draws the offline basemap as a walkers [`Plugin`]: fills, lines and labels, culled to the
//! view and taken from the level of detail that suits the zoom.

use std::sync::Arc;

use egui::epaint::Tessellator;
use egui::{Color32, Mesh, Painter, Pos2, Response, Shape, Stroke, Ui};
use geo::{Area, InteriorPoint};
use walkers::{MapMemory, Plugin, Projector};

use super::labels::{LabelCandidate, place_and_draw};
use super::style::BasemapStyle;
use super::transform::ScreenTransform;
use crate::basemap::lod::{LodPyramid, WorldLine, WorldMesh, WorldRect};
use crate::basemap::{Basemap, City};
use crate::mercator::{World, world_from_lon_lat};

/// The basemap with its drawing caches; built once and shared by every frame.
pub struct BasemapRenderer {
    basemap: Basemap,
    pyramid: LodPyramid,
    /// Where each named lake's label goes, in world coordinates.
    lake_labels: Vec<(usize, World)>,
    /// The fills and lines around the last view, tessellated: a frame whose view has not
    /// moved (hovering, selecting, working in the panels) draws them again, and a pan
    /// moves them, without tessellating.
    geometry: std::sync::Mutex<Option<TessellatedView>>,
}

/// The basemap tessellated for a view, with a margin around it while the view is panned.
struct TessellatedView {
    key: GeometryKey,
    /// The transform's offset the mesh is placed for now.
    offset: [f64; 2],
    /// The screen area the mesh covers, placed for `offset`.
    covered: egui::Rect,
    mesh: Arc<Mesh>,
}

/// What the tessellated geometry depends on, other than where the view is.
#[derive(Clone, Debug, PartialEq)]
struct GeometryKey {
    scale: f64,
    zoom: f64,
    clip: egui::Vec2,
    style: BasemapStyle,
    pixels_per_point: f32,
}

impl GeometryKey {
    /// The same scale (to rounding: the projector's scale wobbles in its last bits as the
    /// view pans) and everything else equal.
    fn matches(&self, other: &Self) -> bool {
        (self.scale - other.scale).abs() <= 1e-9 * self.scale
            && self.zoom == other.zoom
            && self.clip == other.clip
            && self.style == other.style
            && self.pixels_per_point == other.pixels_per_point
    }
}

impl TessellatedView {
    /// The mesh moved to `offset`, if it still covers `clip` there.
    fn moved_to(
        &mut self,
        key: &GeometryKey,
        offset: [f64; 2],
        clip: egui::Rect,
    ) -> Option<Arc<Mesh>> {
        if !self.key.matches(key) {
            return None;
        }
        let delta = egui::vec2(
            (offset[0] - self.offset[0]) as f32,
            (offset[1] - self.offset[1]) as f32,
        );
        let covered = self.covered.translate(delta);
        if !covered.contains_rect(clip) {
            return None;
        }
        if delta != egui::Vec2::ZERO {
            // Last frame's shapes are gone by now, so this moves the mesh in place.
            Arc::make_mut(&mut self.mesh).translate(delta);
            self.offset = offset;
            self.covered = covered;
        }
        Some(self.mesh.clone())
    }
}

impl BasemapRenderer {
    /// Prepares a basemap for drawing.
    pub fn new(basemap: Basemap) -> Self {
        let pyramid = LodPyramid::new(&basemap);
        let mut seen = std::collections::BTreeSet::new();
        let mut lakes: Vec<usize> = (0..basemap.lakes.len())
            .filter(|&i| !basemap.lakes[i].name.is_empty())
            .collect();
        // The largest piece of a lake in several pieces (the Aral Sea) carries its name.
        lakes.sort_by(|&a, &b| {
            let area = |i: usize| basemap.lakes[i].area.unsigned_area();
            area(b).total_cmp(&area(a))
        });
        let lake_labels = lakes
            .into_iter()
            .filter(|&i| seen.insert(basemap.lakes[i].name.clone()))
            .filter_map(|i| {
                let p = basemap.lakes[i].area.interior_point()?;
                Some((i, world_from_lon_lat(p.x(), p.y())))
            })
            .collect();
        Self {
            basemap,
            pyramid,
            lake_labels,
            geometry: std::sync::Mutex::new(None),
        }
    }

    /// The basemap data.
    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    /// The drawing caches (exposed for benchmarks and tests).
    pub fn pyramid(&self) -> &LodPyramid {
        &self.pyramid
    }
}

/// The walkers plugin that draws the basemap for one frame.
pub struct BasemapLayer<'a> {
    renderer: &'a BasemapRenderer,
    style: BasemapStyle,
}

impl<'a> BasemapLayer<'a> {
    /// A layer drawing `renderer` in `style`.
    pub fn new(renderer: &'a BasemapRenderer, style: BasemapStyle) -> Self {
        Self { renderer, style }
    }
}

impl Plugin for BasemapLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let rect = response.rect;
        let transform = ScreenTransform::from_projector(projector, rect);
        let painter = ui.painter_at(rect);
        draw_basemap(
            &painter,
            self.renderer,
            &self.style,
            &transform,
            projector.zoom(),
        );
    }
}

/// Draws the whole basemap into `painter`'s clip rectangle.
pub fn draw_basemap(
    painter: &Painter,
    renderer: &BasemapRenderer,
    style: &BasemapStyle,
    transform: &ScreenTransform,
    zoom: f64,
) {
    let view = transform.world_rect_of(painter.clip_rect().expand(2.0));
    let clip = painter.clip_rect();
    let key = GeometryKey {
        scale: transform.scale,
        zoom,
        clip: clip.size(),
        style: *style,
        pixels_per_point: painter.ctx().pixels_per_point(),
    };
    let mut cached = renderer
        .geometry
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A view that has moved since the last frame is being panned: tessellate a margin
    // round it too, so the next frames of the pan move the mesh instead. A still view is
    // tessellated alone (less to keep and to draw).
    let panning = cached
        .as_ref()
        .is_some_and(|c| c.key.matches(&key) && c.offset != transform.offset);
    let reused = cached
        .as_mut()
        .and_then(|c| c.moved_to(&key, transform.offset, clip));
    let mesh = reused.unwrap_or_else(|| {
        let margin = if panning { PAN_MARGIN } else { 0.0 };
        let tessellated = tessellate_around(painter, renderer, style, transform, key, margin);
        let mesh = tessellated.mesh.clone();
        *cached = Some(tessellated);
        mesh
    });
    drop(cached);
    painter.add(Shape::Mesh(mesh));

    let labels = label_candidates(renderer, style, transform, &view, zoom);
    place_and_draw(
        painter,
        labels,
        &controls_rects(painter.clip_rect()),
        style.halo,
        style.city_dot,
    );
}

/// How much of the screen's size is tessellated around a view being panned, on each side.
const PAN_MARGIN: f32 = 0.25;

/// Tessellates the fills and lines of the view and of `margin` × its size around it, so
/// that a pan moves them rather than tessellating again.
fn tessellate_around(
    painter: &Painter,
    renderer: &BasemapRenderer,
    style: &BasemapStyle,
    transform: &ScreenTransform,
    key: GeometryKey,
    margin: f32,
) -> TessellatedView {
    let clip = painter.clip_rect();
    let covered = clip.expand2(clip.size() * margin);
    let view = transform.world_rect_of(covered.expand(2.0));
    let shapes = geometry_shapes(renderer, style, transform, &view, key.zoom, covered);
    let options = painter.ctx().tessellation_options(|o| *o);
    let mut tessellator = Tessellator::new(key.pixels_per_point, options, [1, 1], Vec::new());
    tessellator.set_clip_rect(covered);
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    TessellatedView {
        key,
        offset: transform.offset,
        covered,
        mesh: Arc::new(mesh),
    }
}

/// Where the map's buttons, scale bar and attribution sit: labels keep out.
fn controls_rects(map_rect: egui::Rect) -> [egui::Rect; 2] {
    let buttons = egui::Rect::from_min_max(
        map_rect.right_top() + egui::vec2(-96.0, 0.0),
        map_rect.right_top() + egui::vec2(0.0, 136.0),
    );
    let bottom = egui::Rect::from_min_max(
        map_rect.left_bottom() + egui::vec2(0.0, -40.0),
        map_rect.right_bottom(),
    );
    [buttons, bottom]
}

fn fill(
    meshes: &[WorldMesh],
    view: &WorldRect,
    t: &ScreenTransform,
    color_of: impl Fn(usize) -> Color32,
) -> Shape {
    let mut mesh = Mesh::default();
    for m in meshes.iter().filter(|m| m.bbox.intersects(view)) {
        let color = color_of(m.feature);
        let base = mesh.vertices.len() as u32;
        for &v in &m.vertices {
            mesh.colored_vertex(t.screen_from_world(v), color);
        }
        mesh.indices.extend(m.indices.iter().map(|i| base + i));
    }
    Shape::mesh(mesh)
}

fn stroke_lines(
    shapes: &mut Vec<Shape>,
    lines: &[WorldLine],
    view: &WorldRect,
    t: &ScreenTransform,
    stroke: Stroke,
) {
    shapes.extend(lines.iter().filter(|l| l.bbox.intersects(view)).map(|l| {
        let points: Vec<Pos2> = l.points.iter().map(|&w| t.screen_from_world(w)).collect();
        Shape::line(points, stroke)
    }));
}

/// The fills and lines of the basemap in view, bottom to top.
fn geometry_shapes(
    renderer: &BasemapRenderer,
    style: &BasemapStyle,
    transform: &ScreenTransform,
    view: &WorldRect,
    zoom: f64,
    clip: egui::Rect,
) -> Vec<Shape> {
    let level = renderer.pyramid.level(zoom);
    let basemap = &renderer.basemap;
    let mut shapes = vec![Shape::rect_filled(clip, 0.0, style.water)];
    shapes.push(fill(&level.land, view, transform, |_| style.land));
    shapes.push(fill(&level.regions, view, transform, |i| {
        style.region_fill(&basemap.regions[i].country, i)
    }));
    let line_scale = (zoom as f32 / 6.0).clamp(0.6, 1.6);
    if zoom >= 4.0 {
        let river = Stroke::new(0.9 * line_scale, style.river);
        stroke_lines(&mut shapes, &level.rivers, view, transform, river);
    }
    shapes.push(fill(&level.lakes, view, transform, |_| style.water));
    let shore = Stroke::new(0.6, style.river);
    stroke_lines(&mut shapes, &level.lake_shores, view, transform, shore);
    let outline = Stroke::new(0.7, style.region_outline);
    stroke_lines(
        &mut shapes,
        &level.region_outlines,
        view,
        transform,
        outline,
    );
    let border = Stroke::new(1.6 * line_scale, style.border);
    stroke_lines(&mut shapes, &level.borders, view, transform, border);
    shapes
}

/// The lowest zoom at which a city is labelled: capitals first, then by population.
pub fn city_min_zoom(city: &City) -> f64 {
    match city.population {
        _ if city.capital => 3.0,
        p if p >= 1_000_000 => 4.0,
        p if p >= 300_000 => 5.0,
        p if p >= 100_000 => 6.0,
        p if p >= 40_000 => 7.0,
        _ => 8.0,
    }
}

/// Collects the labels whose anchor is in view.
struct LabelSink<'a> {
    t: &'a ScreenTransform,
    view: &'a WorldRect,
    out: Vec<LabelCandidate>,
}

impl LabelSink<'_> {
    fn push(
        &mut self,
        w: World,
        text: &str,
        priority: u32,
        size: f32,
        color: Color32,
        dot: Option<f32>,
    ) {
        if self.view.intersects(&WorldRect { min: w, max: w }) {
            self.out.push(LabelCandidate {
                text: text.to_owned(),
                anchor: self.t.screen_from_world(w),
                priority,
                size,
                color,
                dot_radius: dot,
            });
        }
    }
}

fn label_candidates(
    renderer: &BasemapRenderer,
    style: &BasemapStyle,
    t: &ScreenTransform,
    view: &WorldRect,
    zoom: f64,
) -> Vec<LabelCandidate> {
    let mut sink = LabelSink {
        t,
        view,
        out: Vec::new(),
    };
    area_labels(&mut sink, renderer, style, zoom);
    city_labels(&mut sink, renderer, style, zoom);
    sink.out
}

/// Countries, lakes, seas, rivers and regions.
fn area_labels(sink: &mut LabelSink, renderer: &BasemapRenderer, style: &BasemapStyle, zoom: f64) {
    let basemap = &renderer.basemap;
    for c in &basemap.countries {
        let min_zoom = [3.0, 3.0, 4.0, 5.0][usize::from(c.rank.min(3))];
        if zoom >= min_zoom && zoom < 9.0 {
            let size = if c.rank == 1 { 17.0 } else { 14.0 };
            sink.push(
                world_from_lon_lat(c.label.x(), c.label.y()),
                &c.name.to_uppercase(),
                u32::from(c.rank) * 10,
                size,
                style.country_label,
                None,
            );
        }
    }
    for &(i, w) in &renderer.lake_labels {
        let lake = &basemap.lakes[i];
        if zoom >= 3.0 + f64::from(lake.rank) {
            sink.push(
                w,
                &lake.name,
                40 + u32::from(lake.rank) * 10,
                12.0,
                style.water_label,
                None,
            );
        }
    }
    for s in &basemap.seas {
        sink.push(
            world_from_lon_lat(s.location.x(), s.location.y()),
            &s.name,
            35,
            14.0,
            style.water_label,
            None,
        );
    }
    for r in &basemap.river_labels {
        if zoom >= 4.0 + f64::from(r.rank) {
            sink.push(
                world_from_lon_lat(r.location.x(), r.location.y()),
                &r.name,
                300 + u32::from(r.rank) * 10,
                11.0,
                style.water_label,
                None,
            );
        }
    }
    if zoom >= 5.0 {
        for r in &basemap.regions {
            sink.push(
                world_from_lon_lat(r.label.x(), r.label.y()),
                &r.name,
                200,
                11.5,
                style.region_label,
                None,
            );
        }
    }
}

/// Cities, the capitals and the largest first.
fn city_labels(sink: &mut LabelSink, renderer: &BasemapRenderer, style: &BasemapStyle, zoom: f64) {
    let basemap = &renderer.basemap;
    for (rank, city) in basemap.cities.iter().enumerate() {
        if zoom >= city_min_zoom(city) {
            let important = city.capital || city.population >= 1_000_000;
            let priority = if important {
                15
            } else {
                100 + rank.min(10_000) as u32
            };
            let size = if important { 13.5 } else { 12.0 };
            let dot = if city.capital { 3.5 } else { 2.5 };
            sink.push(
                world_from_lon_lat(city.location.x(), city.location.y()),
                &city.name,
                priority,
                size,
                style.city_label,
                Some(dot),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tessellated(offset: [f64; 2]) -> (TessellatedView, GeometryKey) {
        let key = GeometryKey {
            scale: 1000.0,
            zoom: 5.0,
            clip: egui::vec2(100.0, 100.0),
            style: BasemapStyle::light(),
            pixels_per_point: 1.0,
        };
        let mut mesh = Mesh::default();
        mesh.colored_vertex(egui::pos2(10.0, 10.0), Color32::RED);
        let view = TessellatedView {
            key: key.clone(),
            offset,
            covered: egui::Rect::from_min_max(egui::pos2(-25.0, -25.0), egui::pos2(125.0, 125.0)),
            mesh: Arc::new(mesh),
        };
        (view, key)
    }

    #[test]
    fn a_pan_within_the_margin_moves_the_mesh_and_one_beyond_it_does_not() {
        let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(100.0, 100.0));
        let (mut view, key) = tessellated([0.0, 0.0]);
        let moved = view
            .moved_to(&key, [20.0, -5.0], clip)
            .expect("within the margin");
        assert_eq!(moved.vertices[0].pos, egui::pos2(30.0, 5.0));
        // Moved again from where it is now, not from where it was tessellated.
        let moved = view
            .moved_to(&key, [25.0, -5.0], clip)
            .expect("still within");
        assert_eq!(moved.vertices[0].pos, egui::pos2(35.0, 5.0));
        assert!(
            view.moved_to(&key, [40.0, 0.0], clip).is_none(),
            "past the margin"
        );
    }

    #[test]
    fn another_scale_or_style_tessellates_again() {
        let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(100.0, 100.0));
        let (mut view, key) = tessellated([0.0, 0.0]);
        let zoomed = GeometryKey {
            scale: 2000.0,
            ..key.clone()
        };
        assert!(view.moved_to(&zoomed, [0.0, 0.0], clip).is_none());
        let dark = GeometryKey {
            style: BasemapStyle::dark(),
            ..key.clone()
        };
        assert!(view.moved_to(&dark, [0.0, 0.0], clip).is_none());
        // A wobble in the scale's last bits is the same scale.
        let wobble = GeometryKey {
            scale: 1000.0 * (1.0 + 1e-12),
            ..key
        };
        assert!(view.moved_to(&wobble, [0.0, 0.0], clip).is_some());
    }
}
