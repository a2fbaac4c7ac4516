//! Border Atlas: a native desktop map of cross-border cooperation in Central Asia, built from
//! the documents that speak of it.
//!
//! Data flows one way: documents ([`corpus`]) → passages and mentions ([`geoparse`], with
//! the [`gazetteer`]) → places and relations ([`atlas`]) → what the map and panels draw
//! ([`map`], [`ui`]) and what is exported ([`export`]). This library holds all of it so the
//! binary, tests and benchmarks can build the app headless; `main.rs` only starts things.

#![deny(clippy::unwrap_used)]
// Functions stay short enough to read at once (the limit is in clippy.toml).
#![warn(clippy::too_many_lines)]

pub mod app;
pub mod atlas;
pub mod atlas_view;
pub mod basemap;
pub mod cli;
pub mod commands;
pub mod corpus;
pub mod eval;
pub mod events;
pub mod export;
pub mod fileio;
pub mod gazetteer;
pub mod geoparse;
pub mod import;
pub mod intent;
pub mod lang;
pub mod layers;
pub mod map;
pub mod mercator;
pub mod picture;
pub mod progress;
pub mod project;
pub mod render;
pub mod review;
pub mod search;
pub mod seeds;
pub mod state;
pub mod tour;
pub mod ui;
pub mod workspace;

pub use app::{BorderAtlasApp, Intent};
