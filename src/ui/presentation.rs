//! What is drawn over the map when presenting or rendering a picture: a caption card with
//! the stop's name and quote, the tour's progress, and a small legend in a corner. Large
//! type and strong contrast, for projectors.

use egui::{Align2, Color32, FontId, Frame, RichText, Ui, vec2};

use crate::atlas::Atlas;
use crate::import::ImportedLayer;
use crate::layers::Layer;
use crate::map::{OverlayStyle, Palette};
use crate::tour::{Stop, stop_quote};

/// The caption card: the style's card colours (near-black on white, or near-white on black).
fn card_frame(palette: Palette) -> Frame {
    let style = OverlayStyle::of(palette);
    Frame::new()
        .fill(style.card_fill)
        .corner_radius(8.0)
        .inner_margin(18.0)
        .stroke(egui::Stroke::new(1.0, style.card_stroke))
}

fn ink(palette: Palette) -> Color32 {
    OverlayStyle::of(palette).ink
}

/// The caption of a stop: its name, what it is, and its quote with the document's title
/// and date.
pub fn caption_ui(ctx: &egui::Context, atlas: &Atlas, stop: &Stop, palette: Palette) {
    let Some(item) = atlas.item(&stop.item) else {
        return;
    };
    let screen = ctx.content_rect();
    let width = (screen.width() * 0.42).clamp(320.0, 760.0);
    egui::Area::new(egui::Id::unique("tour_caption"))
        .anchor(Align2::LEFT_BOTTOM, vec2(24.0, -24.0))
        .interactable(false)
        .show(ctx, |ui| {
            card_frame(palette).show(ui, |ui| {
                ui.set_max_width(width);
                let ink = ink(palette);
                let layer = Layer::of(item.kind);
                ui.horizontal(|ui| {
                    let (r, _) = ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::hover());
                    ui.painter().circle_filled(r.center(), 7.0, layer.color());
                    ui.label(
                        RichText::new(&item.name)
                            .font(FontId::proportional(30.0))
                            .color(ink)
                            .strong(),
                    );
                });
                let mut what = item.kind.as_str().replace('_', " ");
                if let Some(status) = item.status {
                    what = format!("{what} · {}", status.as_str().replace('_', " "));
                }
                if !item.countries.is_empty() {
                    what = format!("{what} · {}", item.countries.join(", "));
                }
                if let Some(date) = &stop.as_of {
                    what = format!("{what} · as of {date}");
                }
                ui.label(
                    RichText::new(what)
                        .font(FontId::proportional(16.0))
                        .color(ink),
                );
                if let Some(source) = stop_quote(atlas, stop) {
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new(format!("“{}”", atlas.quote(source).trim()))
                            .font(FontId::proportional(20.0))
                            .italics()
                            .color(ink),
                    );
                    if let Some(doc) = atlas.corpus.documents.get(source.document) {
                        let date = doc.date_label();
                        ui.add_space(4.0);
                        ui.label(
                            RichText::new(format!("— {}, {date}", doc.title))
                                .font(FontId::proportional(15.0))
                                .color(ink.gamma_multiply(0.8)),
                        );
                    }
                }
            });
        });
}

/// The tour's progress: "3 / 8", a bar, and the keys.
pub fn progress_ui(ctx: &egui::Context, title: &str, at: usize, count: usize, palette: Palette) {
    egui::Area::new(egui::Id::unique("tour_progress"))
        .anchor(Align2::RIGHT_BOTTOM, vec2(-24.0, -30.0))
        .interactable(false)
        .show(ctx, |ui| {
            card_frame(palette).inner_margin(10.0).show(ui, |ui| {
                let ink = ink(palette);
                ui.label(
                    RichText::new(format!("{} / {count}", at + 1))
                        .font(FontId::proportional(22.0))
                        .color(ink)
                        .strong(),
                );
                let (r, _) = ui.allocate_exact_size(vec2(140.0, 6.0), egui::Sense::hover());
                ui.painter().rect_filled(r, 3.0, ink.gamma_multiply(0.25));
                let done = r.width() * (at + 1) as f32 / count.max(1) as f32;
                ui.painter().rect_filled(
                    egui::Rect::from_min_size(r.min, vec2(done, r.height())),
                    3.0,
                    ink,
                );
                if !title.is_empty() {
                    ui.label(RichText::new(title).small().color(ink));
                }
                ui.label(
                    RichText::new("Right: next · Left: back · Esc: leave")
                        .small()
                        .color(ink.gamma_multiply(0.7)),
                );
            });
        });
}

/// A small legend in the top-right corner: the layers that have something to show.
pub fn corner_legend_ui(
    ui: &mut Ui,
    map_rect: egui::Rect,
    counts: &[(Layer, usize)],
    imported: &[ImportedLayer],
    palette: Palette,
) {
    let shown: Vec<(Color32, String)> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .filter_map(|&(layer, _)| {
            let name = match layer {
                Layer::Imported(key) => imported.iter().find(|l| l.key == key)?.name.clone(),
                _ => layer.label().to_owned(),
            };
            Some((layer.color(), name))
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    let font = FontId::proportional(13.0);
    let row = 18.0;
    let width = 14.0
        + shown
            .iter()
            .map(|(_, n)| {
                ui.fonts_mut(|f| f.layout_no_wrap(n.clone(), font.clone(), Color32::WHITE))
                    .size()
                    .x
            })
            .fold(0.0, f32::max)
        + 30.0;
    let rect = egui::Rect::from_min_size(
        map_rect.right_top() + vec2(-width - 12.0, 12.0),
        vec2(width, row * shown.len() as f32 + 12.0),
    );
    let painter = ui.painter_at(map_rect);
    let style = OverlayStyle::of(palette);
    let (fill, text) = (style.card_fill, style.ink);
    painter.rect_filled(rect, 6.0, fill);
    for (n, (color, name)) in shown.iter().enumerate() {
        let y = rect.top() + 6.0 + row * (n as f32 + 0.5);
        painter.circle_filled(egui::pos2(rect.left() + 14.0, y), 5.5, *color);
        painter.text(
            egui::pos2(rect.left() + 26.0, y),
            Align2::LEFT_CENTER,
            name,
            font.clone(),
            text,
        );
    }
}
