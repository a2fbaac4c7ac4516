//! Drawing the places of one frame: areas, then lines, then symbols (or clusters where
//! places are dense), then labels that never overlap. Only what is in view is looked at.

use std::collections::BTreeSet;

use egui::epaint::QuadraticBezierShape;
use egui::{Color32, Mesh, Painter, Pos2, Shape, Stroke, vec2};

use crate::atlas::ItemKind;
use crate::gazetteer::PlaceKind;
use crate::geoparse::RelationKind;
use crate::layers::Layer;
use crate::map::labels::place_and_draw;
use crate::map::{OverlayStyle, Palette, ScreenTransform};

use super::hit::{PAIR_OFFSET, symbol_pos};
use super::scene::{ItemShape, PlacesScene, SceneItem};
use super::symbols::{draw_cluster, draw_symbol, label};

/// Above this many places in view, places are drawn as clusters.
pub const CLUSTER_ABOVE: usize = 1500;

/// What a frame draws: the scene, which items are shown, and which are highlighted.
#[derive(Clone, Copy)]
pub struct SceneView<'a> {
    /// The places.
    pub scene: &'a PlacesScene,
    /// Which items are shown (layers and filters applied), by index.
    pub shown: &'a [bool],
    /// Changes whenever `shown` does (the clusters are kept per value).
    pub shown_key: u64,
    /// The selected items.
    pub selection: &'a BTreeSet<String>,
    /// The item under the pointer.
    pub hovered: Option<&'a str>,
    /// The colours to draw in.
    pub palette: Palette,
    /// Numbered marks drawn over everything (the review's candidates).
    pub marks: &'a [super::marks::Mark],
    /// Items drawn closed (crossed out), by index; empty when none is.
    pub closed: &'a [bool],
}

impl SceneView<'_> {
    fn is_strong(&self, item: &SceneItem) -> bool {
        self.hovered == Some(item.id.as_str()) || self.selection.contains(&item.id)
    }
}

/// Draws every shown item in view; selected and hovered ones highlighted.
pub fn draw_scene(
    painter: &Painter,
    view: &SceneView<'_>,
    t: &ScreenTransform,
    zoom: f64,
    style: &OverlayStyle,
) {
    let scene = view.scene;
    let shown = |n: &usize| view.shown.get(*n) == Some(&true);
    let in_view = t.world_rect_of(painter.clip_rect().expand(40.0));
    let mut shapes: Vec<usize> = scene.shapes_meeting(&in_view).filter(shown).collect();
    shapes.sort_unstable();
    let shapes: Vec<&SceneItem> = shapes.iter().map(|&n| &scene.items[n]).collect();
    // Areas first, then lines, then symbols, so nothing small hides under a fill.
    for item in &shapes {
        if let ItemShape::Area {
            triangles,
            outlines,
        } = &item.shape
        {
            draw_area(
                painter,
                item,
                triangles,
                outlines,
                view.is_strong(item),
                t,
                style,
            );
        }
    }
    for item in &shapes {
        if let ItemShape::Line(line) = &item.shape {
            draw_line(painter, item, line, view.is_strong(item), t, zoom, style);
        }
    }
    let (singles, clustered) = singles_in_view(painter, view, t, zoom, &in_view, style);
    let mut labels = Vec::new();
    for &n in &singles {
        let item = &scene.items[n];
        let at = symbol_pos(t, item);
        let strong = view.is_strong(item);
        draw_symbol(painter, item, at, strong, style);
        if view.closed.get(n) == Some(&true) {
            super::symbols::draw_closed(painter, at, style);
        }
        let show_label = strong
            || !clustered
                && (item.mentions >= 2
                    || zoom >= 6.0
                    || matches!(item.layer, Layer::Checkpoints | Layer::Sites));
        if show_label && !matches!(item.kind, ItemKind::Place(PlaceKind::Country)) {
            labels.push(label(item, at, strong));
        }
    }
    for item in &shapes {
        let strong = view.is_strong(item);
        let imported = matches!(item.kind, ItemKind::Imported(_));
        if strong
            || (!clustered
                && (item.mentions >= 1 || imported)
                && matches!(item.shape, ItemShape::Area { .. }))
            || (imported && zoom >= 6.0)
        {
            labels.push(label(item, t.screen_from_world(item.anchor), strong));
        }
    }
    place_and_draw(painter, labels, &[], style.halo, Color32::TRANSPARENT);
    super::marks::draw_marks(painter, view.marks, t, style);
}

/// The places drawn as symbols of their own, and whether the rest are clustered: alone
/// where few are in view, else one disc per cell with its count (drawn here), selected and
/// hovered places always alone, over their cluster.
fn singles_in_view(
    painter: &Painter,
    view: &SceneView<'_>,
    t: &ScreenTransform,
    zoom: f64,
    in_view: &crate::basemap::lod::WorldRect,
    style: &OverlayStyle,
) -> (Vec<usize>, bool) {
    let scene = view.scene;
    let shown = |n: &usize| view.shown.get(*n) == Some(&true);
    let level = scene
        .clusters
        .level(scene, view.shown, view.shown_key, zoom);
    let (cells, in_cells) = level.cells_in(in_view);
    let clustered = in_cells > CLUSTER_ABOVE;
    let mut singles: Vec<usize> = Vec::new();
    if clustered {
        for cell in &cells {
            let best = &scene.items[cell.best as usize];
            if cell.count == 1 {
                singles.push(cell.best as usize);
            } else {
                draw_cluster(
                    painter,
                    t.screen_from_world(best.anchor),
                    cell.count,
                    best.layer.color(),
                    style,
                );
            }
        }
        // Selected and hovered places always stand alone, over their cluster.
        let strong = view
            .selection
            .iter()
            .map(String::as_str)
            .chain(view.hovered)
            .filter_map(|id| scene.index_of(id))
            .filter(|n| shown(n));
        for n in strong {
            let item = &scene.items[n];
            let at = item.anchor;
            let inside = (in_view.min[0]..=in_view.max[0]).contains(&at[0])
                && (in_view.min[1]..=in_view.max[1]).contains(&at[1]);
            if item.is_symbol() && inside {
                singles.push(n);
            }
        }
    } else {
        for cell in &cells {
            singles.extend(level.members(cell).iter().map(|&n| n as usize));
        }
    }
    singles.sort_unstable();
    singles.dedup();
    (singles, clustered)
}

fn draw_area(
    painter: &Painter,
    item: &SceneItem,
    triangles: &[(Vec<crate::mercator::World>, Vec<u32>)],
    outlines: &[Vec<crate::mercator::World>],
    strong: bool,
    t: &ScreenTransform,
    style: &OverlayStyle,
) {
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
        Stroke::new(3.0 * style.line_scale, style.highlight)
    } else {
        Stroke::new(1.5 * style.line_scale, item.layer.color())
    };
    for outline in outlines {
        painter.add(Shape::closed_line(screen_line(t, outline), stroke));
    }
}

/// A line on screen without the points that lie within a point of the one kept before
/// them: a world-scale outline seen from afar has hundreds of those, and each costs
/// tessellation without changing a pixel.
fn screen_line(t: &ScreenTransform, line: &[crate::mercator::World]) -> Vec<Pos2> {
    let mut out: Vec<Pos2> = Vec::with_capacity(line.len());
    for &w in line {
        let p = t.screen_from_world(w);
        if out.last().is_none_or(|last| last.distance_sq(p) >= 1.0) {
            out.push(p);
        }
    }
    out
}

fn draw_line(
    painter: &Painter,
    item: &SceneItem,
    line: &[crate::mercator::World],
    strong: bool,
    t: &ScreenTransform,
    zoom: f64,
    style: &OverlayStyle,
) {
    let points = screen_line(t, line);
    let width = (2.5 + (zoom as f32 - 5.0).clamp(0.0, 3.0) * 0.5) * style.line_scale;
    let color = item.layer.color();
    if strong {
        painter.add(Shape::line(
            points.clone(),
            Stroke::new(width + 5.0, style.highlight),
        ));
    }
    let stroke = Stroke::new(width, color);
    match item.kind {
        ItemKind::Relation(RelationKind::Crossing) => {
            // The pair's pins stand side by side; a bar joins their heads.
            let mid = t.screen_from_world(item.anchor) + vec2(0.0, -10.0);
            let bar = [mid - vec2(PAIR_OFFSET, 0.0), mid + vec2(PAIR_OFFSET, 0.0)];
            painter.line_segment(bar, Stroke::new(4.0 * style.line_scale, color));
        }
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
            painter.extend(Shape::dotted_line(&points, color, 6.0, width * 0.6));
        }
        _ if item.planned => painter.extend(Shape::dashed_line(&points, stroke, 10.0, 6.0)),
        _ => {
            painter.add(Shape::line(points, stroke));
        }
    }
}
