//! Border Atlas: a native desktop map of cross-border cooperation in Central Asia, built from
//! the documents that speak of it.
//!
//! Data flows one way: documents → passages and mentions → places and relations → what the
//! map and panels draw. This library holds all of it so the binary, tests and benchmarks can
//! build the app headless; `main.rs` only starts things.

#![deny(clippy::unwrap_used)]

pub mod app;
pub mod basemap;
pub mod cli;
pub mod map;
pub mod mercator;
pub mod seeds;
pub mod ui;

pub use app::{BorderAtlasApp, Command};
