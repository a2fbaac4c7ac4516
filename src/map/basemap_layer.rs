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
    /// The fills and lines of the last view, tessellated: a frame whose view has not moved
    /// (hovering, selecting, working in the panels) draws them again without tessellating.
    geometry: std::sync::Mutex<Option<(GeometryKey, Arc<Mesh>)>>,
}

/// What the tessellated geometry of a view depends on.
#[derive(Clone, Debug, PartialEq)]
struct GeometryKey {
    /// Scale, offset and zoom, as bits.
    transform: [u64; 4],
    clip: egui::Rect,
    style: BasemapStyle,
    pixels_per_point: f32,
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
    let ctx = painter.ctx();
    let key = GeometryKey {
        transform: [
            transform.scale.to_bits(),
            transform.offset[0].to_bits(),
            transform.offset[1].to_bits(),
            zoom.to_bits(),
        ],
        clip: painter.clip_rect(),
        style: *style,
        pixels_per_point: ctx.pixels_per_point(),
    };
    let mut cached = renderer
        .geometry
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mesh = match cached.as_ref() {
        Some((k, mesh)) if *k == key => mesh.clone(),
        _ => {
            let shapes = geometry_shapes(renderer, style, transform, &view, zoom, key.clip);
            let options = ctx.tessellation_options(|o| *o);
            let mut tessellator =
                Tessellator::new(key.pixels_per_point, options, [1, 1], Vec::new());
            tessellator.set_clip_rect(key.clip);
            let mut mesh = Mesh::default();
            for shape in shapes {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            let mesh = Arc::new(mesh);
            *cached = Some((key, mesh.clone()));
            mesh
        }
    };
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
