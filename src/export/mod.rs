//! Writing what the atlas holds for other tools: GeoJSON (RFC 7946) for GIS and web maps,
//! written atomically so a failed write never leaves half a file.

pub mod csv;
pub mod geojson;

pub use crate::fileio::{WriteError, write_atomically, write_atomically_with};
