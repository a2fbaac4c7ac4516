//! Pictures of the map for slides: a [`Picture`] drawn off screen at a chosen size — basemap, places, a small legend, the scale bar and the attribution — and written
//! as PNG. Needs no window or display: egui draws into a wgpu texture through egui_kittest's
//! renderer, on a GPU or on a software one (Mesa's lavapipe or llvmpipe).

use std::path::Path;

use egui_kittest::Harness;

use crate::picture::Picture;

/// Picture sizes offered in the window, in pixels, with their names.
pub const SIZES: [(u32, u32, &str); 4] = [
    (1280, 720, "1280×720 (HD)"),
    (1920, 1080, "1920×1080 (Full HD)"),
    (2560, 1440, "2560×1440"),
    (3840, 2160, "3840×2160 (4K)"),
];

/// The largest side of a picture, in pixels (what software renderers allow).
pub const MAX_SIDE: u32 = 8192;
/// The smallest side of a picture, in pixels.
pub const MIN_SIDE: u32 = 200;

/// Why a picture could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A size outside [`MIN_SIDE`] to the largest the graphics adapter draws (at most
    /// [`MAX_SIDE`]).
    #[error("a picture must be {MIN_SIDE} to {max} pixels wide and high, not {width}×{height}")]
    Size {
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
        /// The largest side this adapter can draw.
        max: u32,
    },
    /// No GPU or software renderer.
    #[error(
        "no graphics adapter to draw with ({0}); on Debian, `apt-get install mesa-vulkan-drivers` gives a software one"
    )]
    NoAdapter(String),
    /// Drawing failed.
    #[error("drawing the picture failed: {0}")]
    Draw(String),
    /// Encoding failed.
    #[error("encoding the PNG failed: {0}")]
    Encode(String),
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] crate::export::WriteError),
    /// The user cancelled: nothing was written.
    #[error(transparent)]
    Cancelled(#[from] crate::progress::Cancelled),
}

fn render_state() -> Result<egui_wgpu::RenderState, RenderError> {
    let setup = egui_kittest::wgpu::default_wgpu_setup();
    let instance = pollster::block_on(setup.new_instance());
    pollster::block_on(egui_wgpu::RenderState::create(
        &egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        },
        &instance,
        None,
        egui_wgpu::RendererOptions::PREDICTABLE,
    ))
    .map_err(|e| RenderError::NoAdapter(e.to_string()))
}

/// Draws `picture` at `width` × `height` pixels. Its map view is used as it is: frame it
/// first (`picture.map.fit`, or `look_at`).
pub fn render(picture: Picture, width: u32, height: u32) -> Result<image::RgbaImage, RenderError> {
    check_size(width, height, MAX_SIDE)?;
    let state = render_state()?;
    // The picture is drawn with a margin round it, and the texture must hold that too.
    let device_max = state.device.limits().max_texture_dimension_2d;
    let max = MAX_SIDE.min(device_max.saturating_sub(2 * HARNESS_MARGIN));
    check_size(width, height, max)?;
    let renderer = egui_kittest::wgpu::WgpuTestRenderer::from_render_state(state);
    let theme = if picture.palette.is_dark() {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    let mut harness = Harness::builder()
        // The harness keeps a margin round its ui: draw larger, then cut it off.
        .with_size(egui::vec2(
            (width + 2 * HARNESS_MARGIN) as f32,
            (height + 2 * HARNESS_MARGIN) as f32,
        ))
        .with_pixels_per_point(1.0)
        .with_theme(theme)
        // Names in scripts the bundled font lacks are drawn as boxes, not refused.
        .allow_missing_glyphs()
        .renderer(renderer)
        .build_ui_state(|ui, picture: &mut Picture| picture.show(ui), picture);
    // A few frames: the first lays out the map and frames it, the next draw it settled.
    harness.run_steps(4);
    let full = harness.render().map_err(RenderError::Draw)?;
    Ok(image::imageops::crop_imm(&full, HARNESS_MARGIN, HARNESS_MARGIN, width, height).to_image())
}

/// Refuses a side below [`MIN_SIDE`] or above `max`.
fn check_size(width: u32, height: u32, max: u32) -> Result<(), RenderError> {
    let fits = |side: u32| (MIN_SIDE..=max).contains(&side);
    if fits(width) && fits(height) {
        Ok(())
    } else {
        Err(RenderError::Size { width, height, max })
    }
}

/// The margin egui_kittest leaves round its ui, in pixels.
const HARNESS_MARGIN: u32 = 8;

/// Encodes a picture as PNG.
pub fn png_bytes(picture: &image::RgbaImage) -> Result<Vec<u8>, RenderError> {
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|e| RenderError::Encode(e.to_string()))?;
    Ok(bytes)
}

/// Draws `picture` and writes the PNG atomically; an existing file is replaced only with
/// `overwrite`.
pub fn render_to_file(
    picture: Picture,
    width: u32,
    height: u32,
    path: &Path,
    overwrite: bool,
) -> Result<(), RenderError> {
    // Refused before drawing: an existing target (a dangling link counts) without
    // `overwrite`. What may be replaced is decided again when writing.
    if !overwrite && std::fs::symlink_metadata(path).is_ok() {
        return Err(crate::export::WriteError::Exists(path.to_owned()).into());
    }
    let image = render(picture, width, height)?;
    crate::export::write_atomically(path, &png_bytes(&image)?, overwrite)?;
    Ok(())
}

/// Draws the picture and writes it to `path` (replacing what is there), unless `cancelled`
/// says so once it is drawn: then nothing is written.
pub fn render_to_file_unless(
    picture: Picture,
    (width, height): (u32, u32),
    path: &Path,
    cancelled: impl Fn() -> bool,
) -> Result<(), RenderError> {
    let image = render(picture, width, height)?;
    let bytes = png_bytes(&image)?;
    if cancelled() {
        return Err(crate::progress::Cancelled.into());
    }
    crate::export::write_atomically(path, &bytes, true)?;
    Ok(())
}
