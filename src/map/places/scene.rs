//! The atlas prepared for drawing: every item's shape in world coordinates, worked out once
//! per atlas, and two spatial indexes (symbols by their anchor, lines and areas by their
//! bounding box), so a frame only looks at what is on screen.

use geo::TriangulateEarcut;
use rstar::{AABB, RTree, RTreeObject};
use rustc_hash::FxHashMap;

use crate::atlas::{Atlas, ItemKind};
use crate::basemap::lod::WorldRect;
use crate::gazetteer::{Geometry, PlaceKind};
use crate::geoparse::{RelationKind, Status};
use crate::layers::Layer;
use crate::mercator::{World, world_from_lon_lat};

use super::cluster::ClusterCache;

/// How an item is drawn, in world coordinates.
#[derive(Clone, Debug)]
pub enum ItemShape {
    /// A symbol at a point.
    Point(World),
    /// A line through these points.
    Line(Vec<World>),
    /// Filled polygons: triangles (vertices and indices) and outlines.
    Area {
        /// Each polygon's vertices and triangle indices.
        triangles: Vec<(Vec<World>, Vec<u32>)>,
        /// Each polygon's outer ring.
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
    /// What it is.
    pub kind: ItemKind,
    /// Its label.
    pub name: String,
    /// How often the documents name it.
    pub mentions: usize,
    /// A planned road or corridor (drawn dashed).
    pub planned: bool,
    /// Checked by the user (drawn with a ring).
    pub verified: bool,
    /// -1 or +1 for the two checkpoints of a crossing, drawn side by side; 0 otherwise.
    pub pair_side: f32,
    /// Its shape.
    pub shape: ItemShape,
    /// Where its label and pin go.
    pub anchor: World,
    /// Its bounding box.
    pub bbox: WorldRect,
}

impl SceneItem {
    /// Whether it is drawn as a symbol at its anchor (and clustered when places are dense),
    /// rather than as a line or an area.
    pub fn is_symbol(&self) -> bool {
        matches!(self.shape, ItemShape::Point(_))
            && !matches!(
                self.kind,
                ItemKind::Place(PlaceKind::Road | PlaceKind::Corridor) | ItemKind::Relation(_)
            )
    }
}

/// An item's index with its envelope, for the spatial indexes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Entry {
    pub index: u32,
    envelope: AABB<World>,
}

impl RTreeObject for Entry {
    type Envelope = AABB<World>;

    fn envelope(&self) -> Self::Envelope {
        self.envelope
    }
}

/// The atlas prepared for drawing.
#[derive(Debug, Default)]
pub struct PlacesScene {
    /// The items, in the atlas's order.
    pub items: Vec<SceneItem>,
    /// Symbols, by anchor.
    symbols: RTree<Entry>,
    /// Lines and areas, by bounding box.
    shapes: RTree<Entry>,
    /// Item index by id.
    by_id: FxHashMap<String, u32>,
    /// Clusters of the symbols per zoom level, for the items shown (built when first drawn).
    pub(super) clusters: ClusterCache,
}

impl Clone for PlacesScene {
    fn clone(&self) -> Self {
        Self {
            items: self.items.clone(),
            symbols: self.symbols.clone(),
            shapes: self.shapes.clone(),
            by_id: self.by_id.clone(),
            clusters: ClusterCache::default(),
        }
    }
}

impl PlacesScene {
    /// Prepares every item of the atlas.
    pub fn new(atlas: &Atlas) -> Self {
        let mut items: Vec<SceneItem> = atlas.items.iter().map(scene_item).collect();
        let by_id: FxHashMap<String, u32> = items
            .iter()
            .enumerate()
            .map(|(n, i)| (i.id.clone(), n as u32))
            .collect();
        for crossing in atlas
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Relation(RelationKind::Crossing))
        {
            for (member, side) in crossing.members.iter().zip([-1.0, 1.0]) {
                if let Some(&n) = by_id.get(member) {
                    items[n as usize].pair_side = side;
                }
            }
        }
        let (mut symbols, mut shapes) = (Vec::new(), Vec::new());
        for (n, item) in items.iter().enumerate() {
            let index = n as u32;
            // A line without points has nothing to draw or to hit.
            if item.bbox.min[0] > item.bbox.max[0] {
                continue;
            }
            if item.is_symbol() {
                symbols.push(Entry {
                    index,
                    envelope: AABB::from_point(item.anchor),
                });
            } else {
                shapes.push(Entry {
                    index,
                    envelope: AABB::from_corners(item.bbox.min, item.bbox.max),
                });
            }
        }
        Self {
            items,
            symbols: RTree::bulk_load(symbols),
            shapes: RTree::bulk_load(shapes),
            by_id,
            clusters: ClusterCache::default(),
        }
    }

    /// The index of the item with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&n| n as usize)
    }

    /// Symbols whose anchor lies in `rect`, by index (in no particular order).
    pub fn symbols_in(&self, rect: &WorldRect) -> impl Iterator<Item = usize> + '_ {
        self.symbols
            .locate_in_envelope(&AABB::from_corners(rect.min, rect.max))
            .map(|e| e.index as usize)
    }

    /// Lines and areas whose bounding box meets `rect`, by index (in no particular order).
    pub fn shapes_meeting(&self, rect: &WorldRect) -> impl Iterator<Item = usize> + '_ {
        self.shapes
            .locate_in_envelope_intersecting(&AABB::from_corners(rect.min, rect.max))
            .map(|e| e.index as usize)
    }
}

fn scene_item(item: &crate::atlas::AtlasItem) -> SceneItem {
    let shape = match &item.geometry {
        Geometry::Point(p) => ItemShape::Point(world_from_lon_lat(p.x(), p.y())),
        // Central Asia, Europe, Siberia: a disc as wide as a continent would cover the map;
        // such an area is shown by its name at its centre.
        g if g.is_vast() => {
            let p = g.representative_point();
            ItemShape::Point(world_from_lon_lat(p.x(), p.y()))
        }
        Geometry::Line(l) => {
            ItemShape::Line(l.coords().map(|c| world_from_lon_lat(c.x, c.y)).collect())
        }
        Geometry::Area(a) => area_shape(a),
    };
    let p = item.geometry.representative_point();
    let anchor = world_from_lon_lat(p.x(), p.y());
    let bbox = match &shape {
        ItemShape::Point(w) => bounds(std::iter::once(w)),
        ItemShape::Line(l) => bounds(l.iter()),
        ItemShape::Area { outlines, .. } => bounds(outlines.iter().flatten()),
    };
    SceneItem {
        id: item.id.clone(),
        layer: Layer::of(item.kind),
        kind: item.kind,
        name: item.name.clone(),
        mentions: item.mention_count,
        planned: item.status == Some(Status::Planned),
        verified: item.verified,
        pair_side: 0.0,
        shape,
        anchor,
        bbox,
    }
}

fn area_shape(area: &geo::MultiPolygon) -> ItemShape {
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
    ItemShape::Area {
        triangles,
        outlines,
    }
}

/// The bounding box of some points (an empty box, min above max, for none).
fn bounds<'a>(points: impl Iterator<Item = &'a World>) -> WorldRect {
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

/// An item for the tests of the places layer, named by its id.
#[cfg(test)]
pub(crate) fn test_item(
    id: &str,
    kind: ItemKind,
    geometry: Geometry,
    mentions: usize,
) -> crate::atlas::AtlasItem {
    crate::atlas::AtlasItem {
        id: id.into(),
        kind,
        name: id.into(),
        countries: vec!["KZ".into()],
        names: Default::default(),
        geometry,
        geometry_source: "test".into(),
        status: None,
        sources: Vec::new(),
        mention_count: mentions,
        place: None,
        members: Vec::new(),
        feature: None,
        confidence: None,
        alternatives: Vec::new(),
        aliases: Vec::new(),
        verified: false,
        source_review: Vec::new(),
        events: Vec::new(),
    }
}

/// A scene of these items alone.
#[cfg(test)]
pub(crate) fn test_scene(items: Vec<crate::atlas::AtlasItem>) -> PlacesScene {
    PlacesScene::new(&Atlas {
        corpus: crate::corpus::Corpus::default(),
        parsed: Vec::new(),
        items,
        ..Atlas::default()
    })
}
