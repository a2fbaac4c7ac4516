//! The slippy map: walkers with the offline basemap (or online tiles), the on-map controls,
//! keyboard navigation and the scale bar.

pub mod basemap_layer;
mod controls;
mod labels;
pub mod online_tiles;
pub mod places;
mod scale_bar;
mod style;
mod transform;
mod view;

pub use basemap_layer::{BasemapLayer, BasemapRenderer, draw_basemap};
pub use controls::{MapAction, map_ui};
pub use online_tiles::{OnlineTiles, Reachability};
pub use places::marks::Mark;
pub use places::{MapPointer, PlacesLayer, PlacesScene};
pub use scale_bar::ScaleBar;
pub use style::{BasemapStyle, Contrast, OverlayStyle, Palette, layer_color};
pub use transform::ScreenTransform;
pub use view::{MAX_ZOOM, MIN_ZOOM, MapView};

/// Which background the map draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Background {
    /// The embedded basemap: no network needed.
    #[default]
    OfflineBasemap,
    /// OpenStreetMap tiles, downloaded on demand and cached on disk.
    OpenStreetMap,
}
