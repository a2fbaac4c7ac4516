//! The basemap prepared for drawing: geometry projected to Web Mercator world coordinates,
//! simplified for each zoom level, polygons triangulated, every piece with its bounding box
//! so a frame can skip what is off screen.
//!
//! Level `L` serves zooms from `L` to `L + 1` and is simplified to half a pixel at zoom `L`,
//! so no simplification error ever exceeds a pixel on screen. Levels are built on first use
//! and kept; building one takes a few milliseconds.

use std::sync::OnceLock;

use geo::{Coord, LineString, MultiPolygon, Polygon, Simplify, TriangulateEarcut};

use super::Basemap;
use crate::mercator::{WORLD_PIXELS_AT_ZOOM_0, World, world_from_lon_lat};

/// Zoom levels with their own simplification; above the last, the last is used (it keeps
/// every point that is more than half a pixel away from the line at zoom 14, about 5 m).
pub const LOD_LEVELS: usize = 15;

/// Features smaller than this many pixels at a level's zoom are left out of that level.
const MIN_FEATURE_PX: f64 = 1.5;

/// An axis-aligned rectangle in world coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldRect {
    /// Smallest x and y.
    pub min: World,
    /// Largest x and y.
    pub max: World,
}

impl WorldRect {
    fn of(points: impl IntoIterator<Item = World>) -> Option<Self> {
        points.into_iter().fold(None, |acc, p| {
            Some(match acc {
                None => WorldRect { min: p, max: p },
                Some(r) => WorldRect {
                    min: [r.min[0].min(p[0]), r.min[1].min(p[1])],
                    max: [r.max[0].max(p[0]), r.max[1].max(p[1])],
                },
            })
        })
    }

    /// Whether the two rectangles overlap (touching counts).
    pub fn intersects(&self, other: &WorldRect) -> bool {
        self.min[0] <= other.max[0]
            && other.min[0] <= self.max[0]
            && self.min[1] <= other.max[1]
            && other.min[1] <= self.max[1]
    }

    fn diagonal(&self) -> f64 {
        (self.max[0] - self.min[0]).hypot(self.max[1] - self.min[1])
    }
}

/// A triangulated area: `indices` holds triples of indices into `vertices`.
#[derive(Clone, Debug)]
pub struct WorldMesh {
    /// Bounding box of the vertices.
    pub bbox: WorldRect,
    /// Vertices in world coordinates.
    pub vertices: Vec<World>,
    /// Triangles, three indices each.
    pub indices: Vec<u32>,
    /// Which feature of its layer this mesh belongs to (a region's index, for example).
    pub feature: usize,
}

/// A polyline in world coordinates.
#[derive(Clone, Debug)]
pub struct WorldLine {
    /// Bounding box of the points.
    pub bbox: WorldRect,
    /// Points in world coordinates.
    pub points: Vec<World>,
    /// Which feature of its layer this line belongs to.
    pub feature: usize,
}

/// Everything the basemap draws at one zoom level.
#[derive(Clone, Debug, Default)]
pub struct LodLevel {
    /// Land fill.
    pub land: Vec<WorldMesh>,
    /// Lake fills.
    pub lakes: Vec<WorldMesh>,
    /// Lake shores.
    pub lake_shores: Vec<WorldLine>,
    /// Region fills (`feature` is the index in [`Basemap::regions`]).
    pub regions: Vec<WorldMesh>,
    /// Region boundaries.
    pub region_outlines: Vec<WorldLine>,
    /// Country borders.
    pub borders: Vec<WorldLine>,
    /// Rivers.
    pub rivers: Vec<WorldLine>,
}

/// The basemap in world coordinates at full detail, and its simplified levels.
pub struct LodPyramid {
    land: Vec<(usize, Polygon)>,
    lakes: Vec<(usize, Polygon)>,
    regions: Vec<(usize, Polygon)>,
    borders: Vec<(usize, LineString)>,
    rivers: Vec<(usize, LineString)>,
    levels: [OnceLock<LodLevel>; LOD_LEVELS],
}

impl LodPyramid {
    /// Projects the basemap to world coordinates; levels are built when first asked for.
    pub fn new(basemap: &Basemap) -> Self {
        let parts = |areas: Vec<&MultiPolygon>| -> Vec<(usize, Polygon)> {
            areas
                .into_iter()
                .enumerate()
                .flat_map(|(i, mp)| mp.0.iter().map(move |p| (i, project_polygon(p))))
                .collect()
        };
        Self {
            land: basemap
                .land
                .iter()
                .enumerate()
                .map(|(i, p)| (i, project_polygon(p)))
                .collect(),
            lakes: parts(basemap.lakes.iter().map(|l| &l.area).collect()),
            regions: parts(basemap.regions.iter().map(|r| &r.area).collect()),
            borders: lines(&basemap.borders),
            rivers: lines(&basemap.rivers),
            levels: std::array::from_fn(|_| OnceLock::new()),
        }
    }

    /// The level index that serves `zoom`.
    pub fn level_index(zoom: f64) -> usize {
        (zoom.max(0.0).floor() as usize).min(LOD_LEVELS - 1)
    }

    /// The geometry to draw at `zoom`, built on first use.
    pub fn level(&self, zoom: f64) -> &LodLevel {
        let index = Self::level_index(zoom);
        self.levels[index].get_or_init(|| self.build_level(index))
    }

    fn build_level(&self, index: usize) -> LodLevel {
        let pixel = 1.0 / (WORLD_PIXELS_AT_ZOOM_0 * 2f64.powi(index as i32));
        let epsilon = 0.5 * pixel;
        let min_size = MIN_FEATURE_PX * pixel;
        let meshes = |polys: &[(usize, Polygon)]| -> Vec<WorldMesh> {
            polys
                .iter()
                .filter_map(|(f, p)| mesh(&p.simplify(epsilon), *f, min_size))
                .collect()
        };
        let outlines = |polys: &[(usize, Polygon)]| -> Vec<WorldLine> {
            polys
                .iter()
                .flat_map(|(f, p)| {
                    let s = p.simplify(epsilon);
                    std::iter::once(s.exterior().clone())
                        .chain(s.interiors().iter().cloned())
                        .filter_map(|ring| world_line(&ring, *f, min_size))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let simplified_lines = |ls: &[(usize, LineString)]| -> Vec<WorldLine> {
            ls.iter()
                .filter_map(|(f, l)| world_line(&l.simplify(epsilon), *f, min_size))
                .collect()
        };
        LodLevel {
            land: meshes(&self.land),
            lakes: meshes(&self.lakes),
            lake_shores: outlines(&self.lakes),
            regions: meshes(&self.regions),
            region_outlines: outlines(&self.regions),
            borders: simplified_lines(&self.borders),
            rivers: simplified_lines(&self.rivers),
        }
    }
}

fn project_coord(c: Coord) -> Coord {
    let [x, y] = world_from_lon_lat(c.x, c.y);
    Coord { x, y }
}

fn project_line(l: &LineString) -> LineString {
    l.coords().map(|c| project_coord(*c)).collect()
}

fn project_polygon(p: &Polygon) -> Polygon {
    Polygon::new(
        project_line(p.exterior()),
        p.interiors().iter().map(project_line).collect(),
    )
}

fn lines(ls: &[LineString]) -> Vec<(usize, LineString)> {
    ls.iter()
        .enumerate()
        .map(|(i, l)| (i, project_line(l)))
        .collect()
}

fn mesh(polygon: &Polygon, feature: usize, min_size: f64) -> Option<WorldMesh> {
    if polygon.exterior().0.len() < 4 {
        return None;
    }
    let raw = polygon.earcut_triangles_raw();
    let vertices: Vec<World> = raw.vertices.iter().map(|v| [v[0], v[1]]).collect();
    let bbox = WorldRect::of(vertices.iter().copied())?;
    if bbox.diagonal() < min_size || raw.triangle_indices.is_empty() {
        return None;
    }
    let indices = raw
        .triangle_indices
        .iter()
        .map(|&i| u32::try_from(i).ok())
        .collect::<Option<Vec<u32>>>()?;
    Some(WorldMesh {
        bbox,
        vertices,
        indices,
        feature,
    })
}

fn world_line(line: &LineString, feature: usize, min_size: f64) -> Option<WorldLine> {
    let points: Vec<World> = line.coords().map(|c| [c.x, c.y]).collect();
    let bbox = WorldRect::of(points.iter().copied())?;
    (points.len() >= 2 && bbox.diagonal() >= min_size).then_some(WorldLine {
        bbox,
        points,
        feature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pyramid() -> (Basemap, LodPyramid) {
        let basemap = Basemap::embedded().expect("basemap");
        let pyramid = LodPyramid::new(&basemap);
        (basemap, pyramid)
    }

    fn point_count(level: &LodLevel) -> usize {
        level.borders.iter().map(|l| l.points.len()).sum::<usize>()
            + level.lakes.iter().map(|m| m.vertices.len()).sum::<usize>()
            + level
                .regions
                .iter()
                .map(|m| m.vertices.len())
                .sum::<usize>()
    }

    #[test]
    fn lower_zoom_levels_hold_fewer_points() {
        let (_, pyramid) = pyramid();
        let far = point_count(pyramid.level(3.2));
        let near = point_count(pyramid.level(12.5));
        assert!(
            far * 4 < near,
            "zoom 3 has {far} points, zoom 12 has {near}"
        );
    }

    #[test]
    fn every_region_is_filled_at_zoom_six() {
        let (basemap, pyramid) = pyramid();
        let level = pyramid.level(6.0);
        for (i, region) in basemap.regions.iter().enumerate() {
            assert!(
                level.regions.iter().any(|m| m.feature == i),
                "{} has no fill at zoom 6",
                region.name
            );
        }
    }

    #[test]
    fn triangles_index_existing_vertices() {
        let (_, pyramid) = pyramid();
        for mesh in &pyramid.level(6.0).land {
            assert_eq!(mesh.indices.len() % 3, 0);
            assert!(
                mesh.indices
                    .iter()
                    .all(|&i| (i as usize) < mesh.vertices.len())
            );
        }
    }

    #[test]
    fn zoom_selects_the_level_below_it() {
        assert_eq!(LodPyramid::level_index(3.9), 3);
        assert_eq!(LodPyramid::level_index(-1.0), 0);
        assert_eq!(LodPyramid::level_index(30.0), LOD_LEVELS - 1);
    }
}
