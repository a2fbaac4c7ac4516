//! Starts Border Atlas: parses the command line, then opens the window.

use anyhow::Context as _;
use border_atlas::{BorderAtlasApp, cli::Cli};
use clap::Parser as _;

fn main() -> anyhow::Result<()> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let Cli {} = Cli::parse();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Border Atlas")
            .with_app_id("border-atlas")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Border Atlas",
        options,
        Box::new(|_cc| Ok(Box::new(BorderAtlasApp::new()))),
    )
    .map_err(|err| anyhow::anyhow!("{err}"))
    .context("could not open the Border Atlas window")
}
