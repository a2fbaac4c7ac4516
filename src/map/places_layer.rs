//! Draws the places and relations of the atlas as a walkers plugin — each layer with its own
//! symbols, selection and hover highlighted — and finds what the pointer is over.

use std::collections::BTreeSet;

use egui::epaint::QuadraticBezierShape;
use egui::{Color32, Mesh, Painter, Pos2, Response, Shape, Stroke, Ui, vec2};
use geo::TriangulateEarcut;
use walkers::{MapMemory, Plugin, Projector};

use super::labels::{LabelCandidate, place_and_draw};
use super::transform::ScreenTransform;
use crate::atlas::{Atlas, ItemKind};
use crate::basemap::lod::WorldRect;
use crate::gazetteer::{Geometry, PlaceKind};
use crate::geoparse::{RelationKind, Status};
use crate::layers::Layer;
use crate::mercator::{World, world_from_lon_lat};

/// How an item is drawn, in world coordinates, worked out once per atlas.
#[derive(Clone, Debug)]
enum Shape2 {
    Point(World),
    Line(Vec<World>),
    Area {
        triangles: Vec<(Vec<World>, Vec<u32>)>,
        outlines: Vec<Vec<World>>,
    },
}

/// One item ready to draw.
#[derive(Clone, Debug)]
pub struct SceneItem {
    /// The item's id in the atlas.
    pub id: String,
    /// Its layer.
    pub layer: Layer,
    kind: ItemKind,
    name: String,
    mentions: usize,
    planned: bool,
    /// -1 or +1 for the two checkpoints of a crossing, drawn side by side; 0 otherwise.
    pair_side: f32,
    shape: Shape2,
    /// Where its label and pin go.
    anchor: World,
    bbox: WorldRect,
}

/// The atlas prepared for drawing.
#[derive(Clone, Debug, Default)]
pub struct PlacesScene {
    /// The items, in the atlas's order.
    pub items: Vec<SceneItem>,
}

impl PlacesScene {
    /// Prepares every item of the atlas.
    pub fn new(atlas: &Atlas) -> Self {
        let items = atlas
            .items
            .iter()
            .map(|item| {
                let shape = match &item.geometry {
                    Geometry::Point(p) => Shape2::Point(world_from_lon_lat(p.x(), p.y())),
                    // Central Asia, Europe, Siberia: a disc as wide as a continent would
                    // cover the map; such an area is shown by its name at its centre.
                    g if g.is_vast() => {
                        let p = g.representative_point();
                        Shape2::Point(world_from_lon_lat(p.x(), p.y()))
                    }
                    Geometry::Line(l) => {
                        Shape2::Line(l.coords().map(|c| world_from_lon_lat(c.x, c.y)).collect())
                    }
                    Geometry::Area(a) => area_shape(a),
                };
                let p = item.geometry.representative_point();
                let points: Vec<World> = match &shape {
                    Shape2::Point(w) => vec![*w],
                    Shape2::Line(l) => l.clone(),
                    Shape2::Area { outlines, .. } => outlines.iter().flatten().copied().collect(),
                };
                SceneItem {
                    id: item.id.clone(),
                    layer: Layer::of(item.kind),
                    kind: item.kind,
                    name: item.name.clone(),
                    mentions: item.mention_count,
                    planned: item.status == Some(Status::Planned),
                    pair_side: 0.0,
                    shape,
                    anchor: world_from_lon_lat(p.x(), p.y()),
                    bbox: bounds(&points),
                }
            })
            .collect::<Vec<SceneItem>>();
        let mut items = items;
        for crossing in atlas
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Relation(RelationKind::Crossing))
        {
            for (member, side) in crossing.members.iter().zip([-1.0, 1.0]) {
                if let Some(it) = items.iter_mut().find(|it| &it.id == member) {
                    it.pair_side = side;
                }
            }
        }
        Self { items }
    }

    /// The item under a screen position, if any: pins first, then lines, then areas.
    pub fn hit(&self, t: &ScreenTransform, at: Pos2, shown: &[bool]) -> Option<&SceneItem> {
        let visible = || {
            self.items
                .iter()
                .enumerate()
                .filter(|(n, _)| shown.get(*n) == Some(&true))
                .map(|(_, i)| i)
        };
        let near_point = visible()
            .filter(|i| {
                !matches!(i.shape, Shape2::Line(_))
                    || i.kind == ItemKind::Relation(RelationKind::Crossing)
            })
            .filter(|i| !matches!(i.shape, Shape2::Area { .. }))
            .map(|i| (i, symbol_pos(t, i).distance(at)))
            .filter(|(_, d)| *d <= 10.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = near_point {
            return Some(i);
        }
        let near_line = visible()
            .filter_map(|i| match &i.shape {
                Shape2::Line(l) => Some((i, distance_to_line(t, l, at))),
                _ => None,
            })
            .filter(|(_, d)| *d <= 6.0)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, _)) = near_line {
            return Some(i);
        }
        let w = t.world_from_screen(at);
        visible().find(|i| match &i.shape {
            Shape2::Area { triangles, .. } => {
                triangles.iter().any(|(v, idx)| in_triangles(v, idx, w))
            }
            _ => false,
        })
    }

    /// The items inside a screen rectangle (for selecting by box).
    pub fn in_rect(&self, t: &ScreenTransform, rect: egui::Rect, shown: &[bool]) -> Vec<String> {
        self.items
            .iter()
            .enumerate()
            .filter(|(n, i)| {
                shown.get(*n) == Some(&true) && rect.contains(t.screen_from_world(i.anchor))
            })
            .map(|(_, i)| i.id.clone())
            .collect()
    }
}

fn area_shape(area: &geo::MultiPolygon) -> Shape2 {
    let mut triangles = Vec::new();
    let mut outlines = Vec::new();
    for polygon in &area.0 {
        let raw = polygon.earcut_triangles_raw();
        let vertices: Vec<World> = raw
            .vertices
            .iter()
            .map(|v| world_from_lon_lat(v[0], v[1]))
            .collect();
        let indices: Vec<u32> = raw.triangle_indices.iter().map(|&i| i as u32).collect();
        triangles.push((vertices, indices));
        outlines.push(
            polygon
                .exterior()
                .coords()
                .map(|c| world_from_lon_lat(c.x, c.y))
                .collect(),
        );
    }
    Shape2::Area {
        triangles,
        outlines,
    }
}

fn bounds(points: &[World]) -> WorldRect {
    let mut r = WorldRect {
        min: [f64::MAX; 2],
        max: [f64::MIN; 2],
    };
    for p in points {
        r.min = [r.min[0].min(p[0]), r.min[1].min(p[1])];
        r.max = [r.max[0].max(p[0]), r.max[1].max(p[1])];
    }
    r
}

fn distance_to_line(t: &ScreenTransform, line: &[World], at: Pos2) -> f32 {
    line.windows(2)
        .map(|w| {
            let (a, b) = (t.screen_from_world(w[0]), t.screen_from_world(w[1]));
            let ab = b - a;
            let len2 = ab.length_sq().max(1e-6);
            let s = ((at - a).dot(ab) / len2).clamp(0.0, 1.0);
            (a + ab * s).distance(at)
        })
        .fold(f32::INFINITY, f32::min)
}

fn in_triangles(vertices: &[World], indices: &[u32], p: World) -> bool {
    indices.chunks_exact(3).any(|tri| {
        let [a, b, c] = [tri[0], tri[1], tri[2]].map(|i| vertices[i as usize]);
        let sign = |p1: World, p2: World, p3: World| {
            (p1[0] - p3[0]) * (p2[1] - p3[1]) - (p2[0] - p3[0]) * (p1[1] - p3[1])
        };
        let (d1, d2, d3) = (sign(p, a, b), sign(p, b, c), sign(p, c, a));
        let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(neg && pos)
    })
}

/// What the pointer did on the map this frame, for the app to apply.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapPointer {
    /// The item under the pointer.
    pub hovered: Option<String>,
    /// An item clicked (or `Some(None)`: a click on empty map).
    pub clicked: Option<Option<String>>,
    /// Whether Ctrl (Cmd on macOS) was held while clicking.
    pub toggle: bool,
    /// Items inside a Shift-drag box, when the drag ended.
    pub boxed: Option<Vec<String>>,
}

/// The walkers plugin that draws the atlas for one frame and reports the pointer.
pub struct PlacesLayer<'a> {
    /// What to draw.
    pub scene: &'a PlacesScene,
    /// Which items are shown (layers and filters applied), by index.
    pub shown: &'a [bool],
    /// The selected items.
    pub selection: &'a BTreeSet<String>,
    /// The item hovered in the last frame (drawn highlighted).
    pub hovered: Option<&'a str>,
    /// Where a Shift-drag started and where it is now, in screen points.
    pub box_start: &'a mut Option<(Pos2, Pos2)>,
    /// What the pointer did.
    pub out: &'a mut MapPointer,
}

impl Plugin for PlacesLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let t = ScreenTransform::from_projector(projector, response.rect);
        let painter = ui.painter_at(response.rect);
        draw_scene(
            &painter,
            self.scene,
            self.shown,
            self.selection,
            self.hovered,
            &t,
            projector.zoom(),
        );
        let shift = ui.input(|i| i.modifiers.shift);
        if let Some(pos) = response.hover_pos() {
            self.out.hovered = self.scene.hit(&t, pos, self.shown).map(|i| i.id.clone());
        }
        if shift && self.box_start.is_none() && (response.drag_started() || response.dragged()) {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            *self.box_start = origin.map(|p| (p, p));
        }
        if let Some((start, last)) = self.box_start.as_mut() {
            if let Some(now) = response.interact_pointer_pos().or(response.hover_pos()) {
                *last = now;
            }
            let rect = egui::Rect::from_two_pos(*start, *last);
            painter.rect(
                rect,
                0.0,
                Color32::from_rgba_unmultiplied(255, 200, 0, 40),
                Stroke::new(1.0, Color32::from_rgb(200, 150, 0)),
                egui::StrokeKind::Inside,
            );
            if response.drag_stopped() || !ui.input(|i| i.pointer.primary_down()) {
                self.out.boxed = Some(self.scene.in_rect(&t, rect, self.shown));
                *self.box_start = None;
            }
        }
        if response.clicked() && !response.dragged() {
            let hit = response
                .interact_pointer_pos()
                .and_then(|p| self.scene.hit(&t, p, self.shown));
            self.out.clicked = Some(hit.map(|i| i.id.clone()));
            self.out.toggle = ui.input(|i| i.modifiers.command);
        }
    }
}

/// Draws every visible item; selected and hovered ones highlighted.
pub fn draw_scene(
    painter: &Painter,
    scene: &PlacesScene,
    shown: &[bool],
    selection: &BTreeSet<String>,
    hovered: Option<&str>,
    t: &ScreenTransform,
    zoom: f64,
) {
    let view = t.world_rect_of(painter.clip_rect().expand(40.0));
    let visible: Vec<&SceneItem> = scene
        .items
        .iter()
        .enumerate()
        .filter(|(n, i)| shown.get(*n) == Some(&true) && i.bbox.intersects(&view))
        .map(|(_, i)| i)
        .collect();
    // The outline around symbols and labels follows the theme, so they read on any map.
    let halo = if painter.ctx().theme() == egui::Theme::Dark {
        Color32::from_rgba_unmultiplied(10, 10, 10, 220)
    } else {
        Color32::from_rgba_unmultiplied(255, 255, 255, 220)
    };
    let highlight = Color32::from_rgb(255, 200, 0);
    let is_selected = |i: &SceneItem| selection.contains(&i.id);
    let is_hovered = |i: &SceneItem| hovered == Some(i.id.as_str());
    // Areas first, then lines, then symbols, so nothing small hides under a fill.
    for item in &visible {
        if let Shape2::Area {
            triangles,
            outlines,
        } = &item.shape
        {
            let strong = is_selected(item) || is_hovered(item);
            let fill = item
                .layer
                .color()
                .gamma_multiply(if strong { 0.35 } else { 0.18 });
            let mut mesh = Mesh::default();
            for (vertices, indices) in triangles {
                let base = mesh.vertices.len() as u32;
                for &v in vertices {
                    mesh.colored_vertex(t.screen_from_world(v), fill);
                }
                mesh.indices.extend(indices.iter().map(|i| base + i));
            }
            painter.add(Shape::mesh(mesh));
            let stroke = if strong {
                Stroke::new(3.0, highlight)
            } else {
                Stroke::new(1.5, item.layer.color())
            };
            for outline in outlines {
                painter.add(Shape::closed_line(
                    outline.iter().map(|&w| t.screen_from_world(w)).collect(),
                    stroke,
                ));
            }
        }
    }
    for item in &visible {
        let Shape2::Line(line) = &item.shape else {
            continue;
        };
        let points: Vec<Pos2> = line.iter().map(|&w| t.screen_from_world(w)).collect();
        let width = 2.5 + (zoom as f32 - 5.0).clamp(0.0, 3.0) * 0.5;
        if is_selected(item) || is_hovered(item) {
            painter.add(Shape::line(
                points.clone(),
                Stroke::new(width + 5.0, highlight),
            ));
        }
        let stroke = Stroke::new(width, item.layer.color());
        if item.kind == ItemKind::Relation(RelationKind::Crossing) {
            // The pair's pins stand side by side; a bar joins their heads.
            let mid = t.screen_from_world(item.anchor) + vec2(0.0, -10.0);
            let bar = [mid - vec2(PAIR_OFFSET, 0.0), mid + vec2(PAIR_OFFSET, 0.0)];
            painter.line_segment(bar, Stroke::new(4.0, item.layer.color()));
            continue;
        }
        match item.kind {
            ItemKind::Relation(RelationKind::TwinCities) if points.len() == 2 => {
                let (a, b) = (points[0], points[1]);
                let normal = vec2(-(b - a).y, (b - a).x) * 0.25;
                let curve = QuadraticBezierShape::from_points_stroke(
                    [a, a.lerp(b, 0.5) + normal, b],
                    false,
                    Color32::TRANSPARENT,
                    stroke,
                );
                painter.add(curve);
            }
            ItemKind::Relation(RelationKind::AirRoute) => {
                painter.extend(Shape::dotted_line(
                    &points,
                    item.layer.color(),
                    6.0,
                    width * 0.6,
                ));
            }
            _ if item.planned => painter.extend(Shape::dashed_line(&points, stroke, 10.0, 6.0)),
            _ => {
                painter.add(Shape::line(points, stroke));
            }
        }
    }
    let is_symbol = |i: &SceneItem| {
        !matches!(i.shape, Shape2::Area { .. })
            && !matches!(
                i.kind,
                ItemKind::Place(PlaceKind::Road | PlaceKind::Corridor) | ItemKind::Relation(_)
            )
            && (!matches!(i.kind, ItemKind::Imported(_)) || !matches!(i.shape, Shape2::Line(_)))
    };
    let symbols: Vec<&SceneItem> = visible.iter().copied().filter(|i| is_symbol(i)).collect();
    // Dense maps (thousands of places) are drawn as clusters: one disc per 28-point cell,
    // sized by how many places it holds; selected and hovered places always stand alone.
    let clustered = symbols.len() > CLUSTER_ABOVE;
    let mut singles: Vec<&SceneItem> = Vec::new();
    if clustered {
        let clip = painter.clip_rect();
        let columns = (clip.width() / CLUSTER_CELL).ceil() as usize + 1;
        let rows = (clip.height() / CLUSTER_CELL).ceil() as usize + 1;
        let mut cells: Vec<Option<(usize, &SceneItem)>> = vec![None; columns * rows];
        for item in &symbols {
            if is_selected(item) || is_hovered(item) {
                singles.push(item);
                continue;
            }
            let at = t.screen_from_world(item.anchor) - clip.min;
            if at.x < 0.0 || at.y < 0.0 {
                continue;
            }
            let (cx, cy) = (
                (at.x / CLUSTER_CELL) as usize,
                (at.y / CLUSTER_CELL) as usize,
            );
            if cx >= columns || cy >= rows {
                continue;
            }
            let cell = &mut cells[cy * columns + cx];
            match cell {
                None => *cell = Some((1, item)),
                Some((count, best)) => {
                    *count += 1;
                    if item.mentions > best.mentions {
                        *best = item;
                    }
                }
            }
        }
        for (count, item) in cells.into_iter().flatten() {
            if count == 1 {
                singles.push(item);
                continue;
            }
            let at = t.screen_from_world(item.anchor);
            let radius = 5.0 + 2.0 * (count as f32).log2();
            painter.circle(
                at,
                radius,
                item.layer.color().gamma_multiply(0.85),
                Stroke::new(1.5, halo),
            );
            painter.text(
                at,
                egui::Align2::CENTER_CENTER,
                count.to_string(),
                egui::FontId::proportional(10.0),
                Color32::WHITE,
            );
        }
    } else {
        singles = symbols;
    }
    let mut labels = Vec::new();
    for item in singles {
        let at = symbol_pos(t, item);
        let strong = is_selected(item) || is_hovered(item);
        draw_symbol(painter, item, at, strong, halo, highlight);
        let show_label = strong
            || !clustered
                && (item.mentions >= 2
                    || zoom >= 6.0
                    || matches!(item.layer, Layer::Checkpoints | Layer::Sites));
        if show_label && !matches!(item.kind, ItemKind::Place(PlaceKind::Country)) {
            labels.push(label(item, at, strong));
        }
    }
    for item in visible.iter().filter(|i| !is_symbol(i)) {
        let strong = is_selected(item) || is_hovered(item);
        let imported = matches!(item.kind, ItemKind::Imported(_));
        if strong
            || (!clustered
                && (item.mentions >= 1 || imported)
                && matches!(item.shape, Shape2::Area { .. }))
            || (imported && zoom >= 6.0)
        {
            labels.push(label(item, t.screen_from_world(item.anchor), strong));
        }
    }
    place_and_draw(painter, labels, &[], halo, Color32::TRANSPARENT);
}

/// Where an item's symbol is drawn: its anchor, moved aside for one of a crossing's pair.
fn symbol_pos(t: &ScreenTransform, item: &SceneItem) -> Pos2 {
    t.screen_from_world(item.anchor) + vec2(item.pair_side * PAIR_OFFSET, 0.0)
}

/// How far apart the two pins of a crossing stand, each from the border point.
const PAIR_OFFSET: f32 = 9.0;

/// Above this many places in view, places are drawn as clusters.
const CLUSTER_ABOVE: usize = 1500;
/// The size of a cluster's cell, in screen points.
const CLUSTER_CELL: f32 = 28.0;

fn label(item: &SceneItem, at: Pos2, strong: bool) -> LabelCandidate {
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

fn draw_symbol(
    painter: &Painter,
    item: &SceneItem,
    at: Pos2,
    strong: bool,
    halo: Color32,
    highlight: Color32,
) {
    let color = item.layer.color();
    if strong {
        painter.circle_filled(at, 13.0, highlight.gamma_multiply(0.8));
    }
    match item.kind {
        ItemKind::Place(PlaceKind::Checkpoint) => {
            // A pin: a round head on a short stem, with a barrier bar.
            let head = at + vec2(0.0, -10.0);
            painter.line_segment([at, head], Stroke::new(2.5, color));
            painter.circle(head, 7.0, color, Stroke::new(1.5, halo));
            painter.line_segment(
                [head + vec2(-4.0, 0.0), head + vec2(4.0, 0.0)],
                Stroke::new(2.0, halo),
            );
        }
        ItemKind::Place(PlaceKind::Hub) => {
            let r = egui::Rect::from_center_size(at, vec2(12.0, 12.0));
            painter.rect(
                r,
                2.0,
                color,
                Stroke::new(1.5, halo),
                egui::StrokeKind::Outside,
            );
        }
        ItemKind::Place(PlaceKind::Dam | PlaceKind::Reservoir) => {
            let pts = vec![
                at + vec2(0.0, -8.0),
                at + vec2(7.0, 6.0),
                at + vec2(-7.0, 6.0),
            ];
            painter.add(Shape::convex_polygon(pts, color, Stroke::new(1.5, halo)));
        }
        ItemKind::Place(PlaceKind::Station) => {
            // A station: a small square with a rail through it.
            let r = egui::Rect::from_center_size(at, vec2(10.0, 10.0));
            painter.rect(
                r,
                1.0,
                halo,
                Stroke::new(2.0, color),
                egui::StrokeKind::Inside,
            );
            painter.line_segment(
                [at + vec2(-7.0, 0.0), at + vec2(7.0, 0.0)],
                Stroke::new(2.0, color),
            );
        }
        ItemKind::Place(PlaceKind::Pass | PlaceKind::Peak) => {
            // A mountain: an open triangle.
            let pts = vec![
                at + vec2(-7.0, 5.0),
                at + vec2(0.0, -7.0),
                at + vec2(7.0, 5.0),
            ];
            painter.add(Shape::closed_line(pts, Stroke::new(2.5, halo)));
            let pts = vec![
                at + vec2(-7.0, 5.0),
                at + vec2(0.0, -7.0),
                at + vec2(7.0, 5.0),
            ];
            painter.add(Shape::closed_line(pts, Stroke::new(1.5, color)));
        }
        ItemKind::Place(PlaceKind::City | PlaceKind::Village) => {
            let r = 3.5 + 1.6 * (item.mentions as f32).sqrt().min(6.0);
            painter.circle(at, r, color, Stroke::new(1.5, halo));
        }
        ItemKind::Place(PlaceKind::Lake | PlaceKind::River) => {
            let pts = vec![
                at + vec2(0.0, -6.0),
                at + vec2(6.0, 0.0),
                at + vec2(0.0, 6.0),
                at + vec2(-6.0, 0.0),
            ];
            painter.add(Shape::convex_polygon(pts, color, Stroke::new(1.0, halo)));
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
            painter.circle(at, 5.0, color, Stroke::new(1.0, halo));
        }
    }
}
