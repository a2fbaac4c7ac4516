//! `border-atlas render` draws a PNG of the requested size with no window or display, and
//! the chosen places are on it: a picture of the checkpoints has their red pins, one of the
//! cities alone has none.
//!
//! Needs a wgpu adapter: a GPU, or Mesa's software Vulkan (Debian: mesa-vulkan-drivers,
//! which `.ci/run` installs).

use std::path::Path;

use border_atlas::cli::{Choice, CliCommand};
use border_atlas::layers::Layer;

fn render(out: &Path, kinds: &[&str], width: u32, height: u32) -> (String, std::process::ExitCode) {
    let mut stderr = Vec::new();
    let code = border_atlas::commands::run(
        CliCommand::Render {
            out: out.to_owned(),
            width,
            height,
            choice: Choice {
                kinds: kinds.iter().map(|k| k.to_string()).collect(),
                ..Choice::default()
            },
            dark: false,
            projector: false,
            force: false,
        },
        &mut Vec::new(),
        &mut stderr,
    )
    .expect("render runs");
    (String::from_utf8_lossy(&stderr).into_owned(), code)
}

/// Pixels within a small distance of `color`.
fn count_near(picture: &image::RgbaImage, color: egui::Color32) -> usize {
    picture
        .pixels()
        .filter(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(p[0], color.r()) + d(p[1], color.g()) + d(p[2], color.b()) < 40
        })
        .count()
}

#[test]
fn render_writes_a_png_of_the_requested_size_with_the_chosen_places() {
    let dir = tempfile::tempdir().expect("dir");
    let checkpoints = dir.path().join("checkpoints.png");
    let (message, code) = render(&checkpoints, &["checkpoint"], 1280, 720);
    assert_eq!(code, std::process::ExitCode::SUCCESS, "{message}");
    assert!(message.contains("1280×720"), "{message}");
    let picture = image::open(&checkpoints).expect("a PNG").to_rgba8();
    assert_eq!(picture.dimensions(), (1280, 720));
    let red = count_near(&picture, Layer::Checkpoints.color());
    assert!(red > 200, "the checkpoint pins are drawn: {red} red pixels");

    let cities = dir.path().join("cities.png");
    let (message, code) = render(&cities, &["city"], 800, 600);
    assert_eq!(code, std::process::ExitCode::SUCCESS, "{message}");
    let picture = image::open(&cities).expect("a PNG").to_rgba8();
    assert_eq!(picture.dimensions(), (800, 600));
    assert!(
        count_near(&picture, Layer::Cities.color()) > 100,
        "the cities are drawn"
    );
    assert!(
        count_near(&picture, Layer::Checkpoints.color()) < red / 10,
        "no checkpoints on the cities' picture"
    );

    // An existing file is kept without --force.
    let before = std::fs::read(&cities).expect("read");
    let result = border_atlas::commands::run(
        CliCommand::Render {
            out: cities.clone(),
            width: 800,
            height: 600,
            choice: Choice::default(),
            dark: true,
            projector: false,
            force: false,
        },
        &mut Vec::new(),
        &mut Vec::new(),
    );
    let message = format!("{:#}", result.expect_err("refused"));
    assert!(message.contains("already exists"), "{message}");
    assert_eq!(std::fs::read(&cities).expect("read"), before);
}

#[test]
fn render_refuses_bad_sizes_and_empty_choices() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("x.png");
    let result = border_atlas::commands::run(
        CliCommand::Render {
            out: out.clone(),
            width: 50000,
            height: 10,
            choice: Choice::default(),
            dark: false,
            projector: false,
            force: false,
        },
        &mut Vec::new(),
        &mut Vec::new(),
    );
    let message = format!("{:#}", result.expect_err("refused"));
    assert!(message.contains("200 to 8192"), "{message}");
    let (message, code) = render(&out, &["no_such_kind"], 800, 600);
    assert_ne!(code, std::process::ExitCode::SUCCESS);
    assert!(message.contains("unknown kind"), "{message}");
    assert!(!out.exists());
}

#[test]
fn the_longest_sides_render_or_are_refused_before_drawing() {
    let dir = tempfile::tempdir().expect("dir");
    for (width, height) in [(8192, 200), (200, 8192)] {
        let out = dir.path().join(format!("{width}x{height}.png"));
        let result = border_atlas::commands::run(
            CliCommand::Render {
                out: out.clone(),
                width,
                height,
                choice: Choice {
                    kinds: vec!["checkpoint".into()],
                    ..Choice::default()
                },
                dark: false,
                projector: false,
                force: false,
            },
            &mut Vec::new(),
            &mut Vec::new(),
        );
        match result {
            Ok(code) => {
                assert_eq!(code, std::process::ExitCode::SUCCESS);
                let picture = image::open(&out).expect("a PNG").to_rgba8();
                assert_eq!(picture.dimensions(), (width, height));
            }
            Err(err) => {
                // Refused by the check against the device's own limit, with nothing written.
                let message = format!("{err:#}");
                assert!(message.contains("pixels wide and high"), "{message}");
                assert!(!out.exists());
                // And the largest side it names renders: every size the check accepts
                // is drawn (the margin around the picture is inside the check).
                let max: u32 = message
                    .split(" to ")
                    .nth(1)
                    .and_then(|rest| rest.split(' ').next())
                    .and_then(|n| n.parse().ok())
                    .expect("the message names the largest side");
                let (w, h) = if width > height {
                    (max, height)
                } else {
                    (width, max)
                };
                let out = dir.path().join(format!("{w}x{h}.png"));
                let code = border_atlas::commands::run(
                    CliCommand::Render {
                        out: out.clone(),
                        width: w,
                        height: h,
                        choice: Choice::default(),
                        dark: false,
                        projector: false,
                        force: false,
                    },
                    &mut Vec::new(),
                    &mut Vec::new(),
                )
                .expect("the largest accepted size renders");
                assert_eq!(code, std::process::ExitCode::SUCCESS);
                let picture = image::open(&out).expect("a PNG").to_rgba8();
                assert_eq!(picture.dimensions(), (w, h));
            }
        }
    }
}

#[test]
fn a_cancelled_picture_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("cancelled.png");
    let atlas = border_atlas::atlas::Atlas::build(
        border_atlas::corpus::Corpus::seeds(),
        &border_atlas::geoparse::Geoparser::embedded().expect("gazetteer"),
    );
    let basemap = border_atlas::basemap::Basemap::embedded()
        .map(border_atlas::map::BasemapRenderer::new)
        .map_err(|e| e.to_string());
    let picture = border_atlas::picture::Picture::of_atlas(
        &atlas,
        std::sync::Arc::new(basemap),
        border_atlas::map::Palette::Light,
    );
    let result = border_atlas::render::render_to_file_unless(picture, (640, 400), &path, || true);
    assert!(
        matches!(
            result,
            Err(border_atlas::render::RenderError::Cancelled(_))
                | Err(border_atlas::render::RenderError::NoAdapter(_))
        ),
        "{result:?}"
    );
    assert!(!path.exists(), "nothing written");
}
