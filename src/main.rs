//! Starts Border Atlas: parses the command line, then runs a subcommand or opens the window.

use std::process::ExitCode;

use anyhow::Context as _;
use border_atlas::BorderAtlasApp;
use border_atlas::cli::Cli;
use clap::Parser as _;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            // The chain of causes on one line, as ripgrep does; never a backtrace, which
            // says nothing to a user (RUST_BACKTRACE is for panics).
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Some(command) = cli.command {
        return border_atlas::commands::run(
            command,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        );
    }
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
        Box::new(move |_cc| {
            let session = if cli.fresh {
                None
            } else {
                border_atlas::project::default_session_path()
            };
            let mut app = BorderAtlasApp::with_session(session);
            if let Some(project) = cli.project {
                app.open_project_when_ready(project);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("{err}"))
    .context("could not open the Border Atlas window")?;
    Ok(ExitCode::SUCCESS)
}
