//! The command line: raw arguments become a checked [`Cli`] in one step.

use clap::Parser;

/// Border Atlas: a map of cross-border cooperation in Central Asia, built from the documents
/// that speak of it.
///
/// Run without arguments to open the map window on the built-in corpus of seed documents.
/// The map works offline: its basemap is built in, and it makes no network request unless
/// you turn on online tiles in the View menu.
#[derive(Debug, Parser)]
#[command(name = "border-atlas", version, about, long_about)]
pub struct Cli {}
