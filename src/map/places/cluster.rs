//! Clusters of symbols for dense maps: per zoom level, the shown symbols are binned into
//! square cells of [`CELL`] points on screen, each with its count, its members and the most
//! mentioned member (drawn for the cell). A level is built once, when first drawn, for the
//! items shown; a frame then looks up only the cells in view.

use rustc_hash::FxHashMap;

use crate::basemap::lod::WorldRect;
use crate::mercator::WORLD_PIXELS_AT_ZOOM_0;

use super::scene::PlacesScene;

/// The size of a cluster's cell, in screen points at the level's zoom (at fractional zooms
/// up to twice that): about the 80-point cluster diameter web maps use, so a dense map
/// shows a readable few hundred discs rather than a carpet of them.
pub const CELL: f64 = 44.0;
/// The deepest level with its own cells; deeper zooms use it.
const MAX_LEVEL: u8 = 20;

/// One cell of a level.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// How many shown symbols it holds.
    pub count: u32,
    /// The most mentioned of them (the first in the atlas on a tie).
    pub best: u32,
    /// Where its members are in [`Level::members`].
    members: std::ops::Range<u32>,
}

/// The cells of one zoom level.
#[derive(Clone, Debug, Default)]
pub struct Level {
    /// World units per cell.
    size: f64,
    cells: FxHashMap<(i32, i32), Cell>,
    members: Vec<u32>,
}

impl Level {
    /// Bins the shown symbols of `scene`.
    fn build(scene: &PlacesScene, shown: &[bool], level: u8) -> Self {
        let size = CELL / (WORLD_PIXELS_AT_ZOOM_0 * f64::from(1u32 << level));
        let key = |w: [f64; 2]| ((w[0] / size).floor() as i32, (w[1] / size).floor() as i32);
        let whole = WorldRect {
            min: [f64::MIN; 2],
            max: [f64::MAX; 2],
        };
        // First pass: counts and best members; second: members grouped by cell.
        let mut cells: FxHashMap<(i32, i32), Cell> = FxHashMap::default();
        let mut symbols: Vec<u32> = scene
            .symbols_in(&whole)
            .filter(|&n| shown.get(n) == Some(&true))
            .map(|n| n as u32)
            .collect();
        symbols.sort_unstable();
        for &n in &symbols {
            let item = &scene.items[n as usize];
            let cell = cells.entry(key(item.anchor)).or_insert(Cell {
                count: 0,
                best: n,
                members: 0..0,
            });
            cell.count += 1;
            if item.mentions > scene.items[cell.best as usize].mentions {
                cell.best = n;
            }
        }
        let mut next = 0u32;
        for cell in cells.values_mut() {
            cell.members = next..next;
            next += cell.count;
        }
        let mut members = vec![0u32; symbols.len()];
        for &n in &symbols {
            // Every symbol was binned in the first pass.
            if let Some(cell) = cells.get_mut(&key(scene.items[n as usize].anchor)) {
                members[cell.members.end as usize] = n;
                cell.members.end += 1;
            }
        }
        Self {
            size,
            cells,
            members,
        }
    }

    /// The cells meeting `view`, and how many symbols they hold together.
    pub fn cells_in(&self, view: &WorldRect) -> (Vec<&Cell>, usize) {
        let (x0, y0) = (
            (view.min[0] / self.size).floor() as i64,
            (view.min[1] / self.size).floor() as i64,
        );
        let (x1, y1) = (
            (view.max[0] / self.size).floor() as i64,
            (view.max[1] / self.size).floor() as i64,
        );
        let mut out = Vec::new();
        let mut total = 0;
        // Walk the grid in view when it is small, else the cells (a view far out).
        let grid = (x1 - x0 + 1).saturating_mul(y1 - y0 + 1);
        if grid <= self.cells.len() as i64 {
            for y in y0..=y1 {
                for x in x0..=x1 {
                    if let Some(c) = self.cells.get(&(x as i32, y as i32)) {
                        total += c.count as usize;
                        out.push(c);
                    }
                }
            }
        } else {
            for (&(x, y), c) in &self.cells {
                if (x0..=x1).contains(&i64::from(x)) && (y0..=y1).contains(&i64::from(y)) {
                    total += c.count as usize;
                    out.push(c);
                }
            }
            // The same order as the grid walk, so drawing does not depend on hashing.
            out.sort_by_key(|c| c.best);
        }
        (out, total)
    }

    /// The members of a cell, by item index (in the atlas's order).
    pub fn members(&self, cell: &Cell) -> &[u32] {
        &self.members[cell.members.start as usize..cell.members.end as usize]
    }
}

/// The levels built so far, for one state of what is shown.
#[derive(Debug, Default)]
pub struct ClusterCache {
    inner: std::sync::Mutex<Cached>,
}

#[derive(Debug, Default)]
struct Cached {
    shown_key: Option<u64>,
    levels: FxHashMap<u8, std::sync::Arc<Level>>,
}

impl ClusterCache {
    /// The level for a zoom (its floor), built if needed; `shown_key` changes whenever
    /// `shown` does, and drops the levels built for the old one.
    pub fn level(
        &self,
        scene: &PlacesScene,
        shown: &[bool],
        shown_key: u64,
        zoom: f64,
    ) -> std::sync::Arc<Level> {
        let level = zoom.floor().clamp(0.0, f64::from(MAX_LEVEL)) as u8;
        let mut cached = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cached.shown_key != Some(shown_key) {
            cached.levels.clear();
            cached.shown_key = Some(shown_key);
        }
        cached
            .levels
            .entry(level)
            .or_insert_with(|| std::sync::Arc::new(Level::build(scene, shown, level)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atlas::{AtlasItem, ItemKind};
    use crate::gazetteer::{Geometry, PlaceKind};
    use crate::map::places::scene::{test_item, test_scene as scene};
    use crate::mercator::world_from_lon_lat;

    fn city(id: &str, lon: f64, lat: f64, mentions: usize) -> AtlasItem {
        let at = Geometry::Point(geo::Point::new(lon, lat));
        test_item(id, ItemKind::Place(PlaceKind::City), at, mentions)
    }

    #[test]
    fn near_places_share_a_cell_far_ones_do_not_and_the_most_named_leads() {
        let s = scene(vec![
            city("a", 76.90, 43.25, 1),
            city("b", 76.95, 43.24, 5),
            city("c", 69.60, 42.30, 2),
        ]);
        let shown = vec![true; 3];
        let level = s.clusters.level(&s, &shown, 1, 5.0);
        let everywhere = WorldRect {
            min: [0.0; 2],
            max: [1.0; 2],
        };
        let (cells, total) = level.cells_in(&everywhere);
        assert_eq!(total, 3);
        let mut counts: Vec<(u32, u32)> = cells.iter().map(|c| (c.count, c.best)).collect();
        counts.sort();
        assert_eq!(counts, vec![(1, 2), (2, 1)]);
        let pair = cells.iter().find(|c| c.count == 2).expect("a pair");
        assert_eq!(level.members(pair), &[0, 1]);
        // Far in, the two towns 4 km apart stand alone.
        let deep = s.clusters.level(&s, &shown, 1, 16.0);
        assert_eq!(deep.cells_in(&everywhere).0.len(), 3);
    }

    #[test]
    fn only_shown_places_and_only_cells_in_view_count() {
        let s = scene(vec![
            city("a", 76.90, 43.25, 1),
            city("b", 76.95, 43.24, 5),
            city("c", 69.60, 42.30, 2),
        ]);
        let level = s.clusters.level(&s, &[true, false, true], 7, 5.0);
        let around_almaty = WorldRect {
            min: world_from_lon_lat(76.0, 44.0),
            max: world_from_lon_lat(78.0, 42.0),
        };
        let (cells, total) = level.cells_in(&around_almaty);
        assert_eq!((cells.len(), total), (1, 1));
        assert_eq!(level.members(cells[0]), &[0]);
        // A new state of what is shown rebuilds the level.
        let level = s.clusters.level(&s, &[true; 3], 8, 5.0);
        assert_eq!(level.cells_in(&around_almaty).1, 2);
    }
}
