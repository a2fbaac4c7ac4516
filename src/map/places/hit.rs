//! What the pointer is over: the nearest symbol within reach, else the nearest line, else
//! the area under it; and what a box drawn on the map holds. Only items near the pointer or
//! in the box are looked at, through the scene's spatial indexes.

use egui::{Pos2, Rect, vec2};

use crate::atlas::ItemKind;
use crate::basemap::lod::WorldRect;
use crate::geoparse::RelationKind;
use crate::mercator::World;

use super::scene::{ItemShape, PlacesScene, SceneItem};
use crate::map::ScreenTransform;

/// How far from a symbol the pointer may be, in points.
const SYMBOL_REACH: f32 = 10.0;
/// How far from a line the pointer may be, in points.
const LINE_REACH: f32 = 6.0;
/// How far the two pins of a crossing stand, each from the border point.
pub const PAIR_OFFSET: f32 = 9.0;

/// Where an item's symbol is drawn: its anchor, moved aside for one of a crossing's pair.
pub fn symbol_pos(t: &ScreenTransform, item: &SceneItem) -> Pos2 {
    t.screen_from_world(item.anchor) + vec2(item.pair_side * PAIR_OFFSET, 0.0)
}

/// The world rectangle within `reach` points of a screen point.
fn around(t: &ScreenTransform, at: Pos2, reach: f32) -> WorldRect {
    let r = Rect::from_center_size(at, vec2(2.0 * reach, 2.0 * reach));
    t.world_rect_of(r)
}

/// The item under a screen position, if any: pins first, then lines, then areas.
pub fn hit<'a>(
    scene: &'a PlacesScene,
    t: &ScreenTransform,
    at: Pos2,
    shown: &[bool],
) -> Option<&'a SceneItem> {
    let is_shown = |n: &usize| shown.get(*n) == Some(&true);
    let reach = around(t, at, SYMBOL_REACH + PAIR_OFFSET);
    let point_like = |i: &SceneItem| {
        matches!(i.shape, ItemShape::Point(_))
            || i.kind == ItemKind::Relation(RelationKind::Crossing)
    };
    let near_point = scene
        .symbols_in(&reach)
        .chain(scene.shapes_meeting(&reach))
        .filter(is_shown)
        .map(|n| (n, &scene.items[n]))
        .filter(|(_, i)| point_like(i))
        .map(|(n, i)| (n, i, symbol_pos(t, i).distance(at)))
        .filter(|(_, _, d)| *d <= SYMBOL_REACH)
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    if let Some((_, i, _)) = near_point {
        return Some(i);
    }
    let near_line = scene
        .shapes_meeting(&around(t, at, LINE_REACH))
        .filter(is_shown)
        .filter_map(|n| match &scene.items[n].shape {
            ItemShape::Line(l)
                if scene.items[n].kind != ItemKind::Relation(RelationKind::Crossing) =>
            {
                Some((n, distance_to_line(t, l, at)))
            }
            _ => None,
        })
        .filter(|(_, d)| *d <= LINE_REACH)
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    if let Some((n, _)) = near_line {
        return Some(&scene.items[n]);
    }
    let w = t.world_from_screen(at);
    let here = WorldRect { min: w, max: w };
    let mut areas: Vec<usize> = scene
        .shapes_meeting(&here)
        .filter(is_shown)
        .filter(|&n| match &scene.items[n].shape {
            ItemShape::Area { triangles, .. } => {
                triangles.iter().any(|(v, idx)| in_triangles(v, idx, w))
            }
            _ => false,
        })
        .collect();
    // Of overlapping areas, the first in the atlas.
    areas.sort_unstable();
    areas.first().map(|&n| &scene.items[n])
}

/// The ids of the shown items whose anchor lies inside a screen rectangle (for selecting
/// by box), in the atlas's order.
pub fn in_rect(
    scene: &PlacesScene,
    t: &ScreenTransform,
    rect: Rect,
    shown: &[bool],
) -> Vec<String> {
    let world = t.world_rect_of(rect);
    let mut found: Vec<usize> = scene
        .symbols_in(&world)
        .chain(scene.shapes_meeting(&world))
        .filter(|n| shown.get(*n) == Some(&true))
        .filter(|&n| rect.contains(t.screen_from_world(scene.items[n].anchor)))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .map(|n| scene.items[n].id.clone())
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::AtlasItem;
    use crate::gazetteer::{Geometry, PlaceKind};
    use crate::map::places::scene::{test_item, test_scene};
    use geo::{LineString, MultiPolygon, Point, Polygon};

    fn item(id: &str, kind: ItemKind, geometry: Geometry) -> AtlasItem {
        test_item(id, kind, geometry, 1)
    }

    /// A town, a road south of it, and a region around both (its centre off the town);
    /// seen at zoom 8 with the town at the screen's centre (400, 300).
    fn setup() -> (PlacesScene, ScreenTransform) {
        let town = item(
            "town",
            ItemKind::Place(PlaceKind::City),
            Geometry::Point(Point::new(70.0, 42.0)),
        );
        let road = item(
            "road",
            ItemKind::Place(PlaceKind::Road),
            Geometry::Line(LineString::from(vec![(69.0, 41.5), (71.0, 41.5)])),
        );
        let square = Polygon::new(
            LineString::from(vec![(68.0, 40.0), (73.0, 40.0), (73.0, 45.0), (68.0, 45.0)]),
            vec![],
        );
        let region = item(
            "region",
            ItemKind::Place(PlaceKind::Region),
            Geometry::Area(MultiPolygon::new(vec![square])),
        );
        let scene = test_scene(vec![region, road, town]);
        let scale = 256.0 * 2f64.powi(8);
        let w = crate::mercator::world_from_lon_lat(70.0, 42.0);
        let t = ScreenTransform {
            scale,
            offset: [400.0 - w[0] * scale, 300.0 - w[1] * scale],
        };
        (scene, t)
    }

    fn id_at(scene: &PlacesScene, t: &ScreenTransform, at: Pos2, shown: &[bool]) -> Option<String> {
        hit(scene, t, at, shown).map(|i| i.id.clone())
    }

    #[test]
    fn symbols_win_over_lines_and_lines_over_areas() {
        let (scene, t) = setup();
        let all = [true; 3];
        assert_eq!(
            id_at(&scene, &t, Pos2::new(404.0, 303.0), &all).as_deref(),
            Some("town")
        );
        let road_y = t.screen_from_lon_lat(70.5, 41.5).y;
        assert_eq!(
            id_at(&scene, &t, Pos2::new(500.0, road_y + 3.0), &all).as_deref(),
            Some("road")
        );
        assert_eq!(
            id_at(&scene, &t, Pos2::new(250.0, 150.0), &all).as_deref(),
            Some("region")
        );
        // Outside the region, nothing.
        let far = t.screen_from_lon_lat(75.0, 46.0);
        assert_eq!(id_at(&scene, &t, far, &all), None);
    }

    #[test]
    fn hidden_items_are_never_hit_and_reach_is_limited() {
        let (scene, t) = setup();
        assert_eq!(
            id_at(&scene, &t, Pos2::new(404.0, 303.0), &[true, true, false]).as_deref(),
            Some("region")
        );
        // 12 points from the town is out of its reach: the region under it is hit.
        assert_eq!(
            id_at(&scene, &t, Pos2::new(412.0, 300.0), &[true; 3]).as_deref(),
            Some("region")
        );
        assert_eq!(
            id_at(&scene, &t, Pos2::new(250.0, 150.0), &[false, true, true]),
            None
        );
    }

    #[test]
    fn a_box_holds_the_shown_items_whose_anchor_is_inside() {
        let (scene, t) = setup();
        let around_town = Rect::from_center_size(Pos2::new(400.0, 300.0), vec2(20.0, 20.0));
        assert_eq!(in_rect(&scene, &t, around_town, &[true; 3]), vec!["town"]);
        assert!(in_rect(&scene, &t, around_town, &[true, true, false]).is_empty());
        let everything = Rect::from_min_max(Pos2::new(-5000.0, -5000.0), Pos2::new(5000.0, 5000.0));
        assert_eq!(
            in_rect(&scene, &t, everything, &[true; 3]),
            vec!["region", "road", "town"]
        );
    }
}
