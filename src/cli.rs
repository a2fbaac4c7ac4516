//! The command line: raw arguments become a checked [`Cli`] in one step.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Border Atlas: a map of cross-border cooperation in Central Asia, built from the documents
/// that speak of it.
///
/// Run without a subcommand to open the map window on the built-in corpus of seed
/// documents. The window keeps your work (documents opened, layers imported, selection,
/// filters, map view) in a session file in your data folder
/// (~/.local/share/border-atlas/session.batlas on Linux) and restores it at the next start;
/// a damaged session is set aside, never written over. The map works offline: its basemap
/// is built in, and it makes no network request unless you turn on online tiles in the
/// View menu.
#[derive(Debug, Parser)]
#[command(name = "border-atlas", version, about, long_about)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the map window opens.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// A project (.batlas) to open in the window, instead of the last session.
    #[arg(value_name = "PROJECT")]
    pub project: Option<PathBuf>,
    /// Start from the seed documents alone: the last session is neither restored nor
    /// written over, and nothing is saved between runs.
    #[arg(long)]
    pub fresh: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// List the places the documents name, with kind, countries and number of mentions.
    Places {
        /// Read these files or folders (.txt, .md) instead of the built-in seed documents.
        #[arg(long = "docs", value_name = "PATH")]
        docs: Vec<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// List the names that read as places but could not be placed ("the village of
        /// X", «пункт пропуска «X»»), with their passage, instead of the places.
        #[arg(long, conflicts_with = "review")]
        unresolved: bool,
        /// List the review queue instead: unresolved names, then the mentions the
        /// geoparser is least sure of, each with its place and alternatives.
        #[arg(long)]
        review: bool,
        /// Read a project (.batlas) with its decisions instead of documents.
        #[arg(long, value_name = "FILE.batlas", conflicts_with = "docs")]
        project: Option<PathBuf>,
    },
    /// Measure the geoparser on documents with a gold list of their places: prints found,
    /// located, point precision and per-document precision, and every miss (the metric of
    /// news-dev's score.py).
    Eval {
        /// The documents (files or folders of .txt/.md).
        #[arg(long = "docs", value_name = "PATH", required = true)]
        docs: Vec<PathBuf>,
        /// The gold list (JSON: doc, surface, place, kind, lat, lon, uncertain,
        /// other_surfaces).
        #[arg(long, value_name = "GOLD.json")]
        gold: PathBuf,
        /// Also write the export that was scored to this file (GeoJSON).
        #[arg(long, value_name = "FILE")]
        export: Option<PathBuf>,
    },
    /// Build the background gazetteer asset from the places the asset script gathered (used
    /// by tools/build_gazetteer.py).
    #[command(hide = true)]
    GazetteerBuild {
        /// One place a line, JSON.
        #[arg(long, value_name = "FILE")]
        source: PathBuf,
        /// Everyday words of English, German and Russian, one a line.
        #[arg(long, value_name = "FILE")]
        common_words: Option<PathBuf>,
        /// Where to write the asset.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the places and relations found in the documents as GeoJSON (RFC 7946), each with
    /// the passages that mention it.
    ///
    /// Kinds: checkpoint, region, district, city, village, country, station, hub, dam,
    /// reservoir, lake, river, pass, peak, road, corridor, area, twin_cities, air_route,
    /// crossing, hub_near_checkpoint.
    Export {
        /// Which documents, and which of their places.
        #[command(flatten)]
        choice: Choice,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Overwrite FILE if it exists (only a regular file is ever replaced).
        #[arg(long, requires = "out")]
        force: bool,
        /// GeoJSON (RFC 7946) or CSV for spreadsheets (one row per place, cells that a
        /// spreadsheet would run as formulas made inert).
        #[arg(long, value_enum, default_value_t = ExportFormat::Geojson)]
        format: ExportFormat,
    },
    /// Draw a picture of the map for slides (PNG), framing the chosen places, with legend,
    /// scale bar and attribution. Needs no window or display: it draws with the GPU or a
    /// software renderer (Debian: mesa-vulkan-drivers).
    ///
    /// Without --kind or --id every place is drawn.
    Render {
        /// Write the PNG here (atomically).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Width in pixels.
        #[arg(long, default_value_t = 1920)]
        width: u32,
        /// Height in pixels.
        #[arg(long, default_value_t = 1080)]
        height: u32,
        /// Which documents, and which of their places.
        #[command(flatten)]
        choice: Choice,
        /// Dark map instead of light.
        #[arg(long)]
        dark: bool,
        /// Colours for a projector in a lit room: opaque cards, black ink, wider lines.
        #[arg(long, conflicts_with = "dark")]
        projector: bool,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GeoJSON (RFC 7946).
    Geojson,
    /// CSV: id, name, kind, countries, latitude, longitude, mentions, first quote.
    Csv,
}

/// The documents to read and the places to take from them (`export`, `render`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Choice {
    /// Read these files or folders (.txt, .md) instead of the built-in seed documents.
    #[arg(long = "docs", value_name = "PATH", conflicts_with = "project")]
    pub docs: Vec<PathBuf>,
    /// Read a project (.batlas): the seed documents with the project's documents, its
    /// imported layers, and every decision made in its review (corrected places, rejected
    /// names, places added by hand).
    #[arg(long, value_name = "FILE.batlas")]
    pub project: Option<PathBuf>,
    /// Only places the user has checked (every mention verified or corrected, or added by
    /// hand).
    #[arg(long)]
    pub verified_only: bool,
    /// Only places with an event (opened, closed, planned, signed…) on or after this date
    /// (2022, 2022-04 or 2022-04-20).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<crate::corpus::dates::Date>,
    /// Only places with an event on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<crate::corpus::dates::Date>,
    /// The map as of this date: only places something had happened to by then.
    #[arg(long, value_name = "DATE", value_parser = parse_date, conflicts_with_all = ["from", "to"])]
    pub as_of: Option<crate::corpus::dates::Date>,
    /// Only places and relations of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Only the place or relation with this id (repeatable).
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
}

/// Reads a date given as `2022`, `2022-04` or `2022-04-20`.
fn parse_date(text: &str) -> Result<crate::corpus::dates::Date, String> {
    crate::corpus::dates::Date::parse_iso(text)
        .ok_or_else(|| format!("`{text}` is not a date: write 2022, 2022-04 or 2022-04-20"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::PlaceKind;
    use crate::geoparse::RelationKind;
    use clap::CommandFactory;

    #[test]
    fn export_help_names_every_kind_a_feature_can_have() {
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("export")
            .expect("export")
            .render_long_help()
            .to_string();
        let kinds = PlaceKind::ALL
            .iter()
            .map(|k| k.as_str())
            .chain(RelationKind::ALL.iter().map(|k| k.as_str()));
        for kind in kinds {
            assert!(help.contains(kind), "`export --help` lacks {kind}");
        }
    }
}
