//! The embedded offline basemap: land, borders, regions, lakes, rivers and cities of Central
//! Asia and its neighbours, in longitude/latitude.
//!
//! The data is derived from Natural Earth, World Data Bank II and GeoNames by
//! `tools/build_assets.py` into `assets/basemap.json` and compiled into the binary, so the
//! map never needs the network. This module only loads and checks it; [`lod`] prepares it
//! for drawing at each zoom level.

pub mod lod;
mod model;

pub use model::{Basemap, BasemapError, City, CountryLabel, Lake, NamedPoint, Region};

/// The basemap asset, as built by `tools/build_assets.py`.
pub const EMBEDDED_BASEMAP_JSON: &[u8] = include_bytes!("../../assets/basemap.json");

/// Where the basemap data comes from, for the attribution line and the About box.
pub const BASEMAP_ATTRIBUTION: &str = "Basemap: Natural Earth (public domain) · rivers: World Data Bank II (public domain) · cities: GeoNames (CC BY 4.0)";
