//! The document reader: a document's full text with every place mention highlighted in its
//! layer's colour; clicking a mention selects the place and moves the map to it.

use egui::{RichText, Ui};

use crate::atlas::{Atlas, Source};
use crate::atlas_view::AtlasIndex;
use crate::corpus::Span;
use crate::intent::Intent;
use crate::intent::SelectionIntent;
use crate::layers::Layer;

/// Which document the reader shows, and the passage to bring into view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderTarget {
    /// The passage (and its document) to show.
    pub source: Source,
    /// Scroll to the passage on the next frame.
    pub scroll: bool,
    /// The date being typed for the document.
    pub date_text: String,
}

/// Set or correct the document's date (kept in the project): 2022, 2022-04 or 2022-04-18.
fn date_ui(
    ui: &mut Ui,
    doc: &crate::corpus::Document,
    target: &mut ReaderTarget,
    commands: &mut Vec<Intent>,
) {
    ui.horizontal(|ui| {
        let hint = doc.date.as_deref().unwrap_or("2022-04-18");
        ui.label("Date");
        ui.add(
            egui::TextEdit::singleline(&mut target.date_text)
                .hint_text(hint)
                .desired_width(90.0),
        );
        let typed = crate::corpus::dates::Date::parse_iso(&target.date_text);
        if ui
            .add_enabled(typed.is_some(), egui::Button::new("Set date"))
            .on_disabled_hover_text("Write 2022, 2022-04 or 2022-04-18")
            .clicked()
        {
            commands.push(Intent::Review(
                crate::intent::ReviewIntent::SetDocumentDate(
                    target.source.document,
                    typed.map(|d| d.to_string()),
                ),
            ));
            target.date_text.clear();
        }
        if doc.date.is_some() && ui.button("Undated").clicked() {
            commands.push(Intent::Review(
                crate::intent::ReviewIntent::SetDocumentDate(target.source.document, None),
            ));
        }
    });
}

/// Draws the reader.
pub fn reader_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    index: &AtlasIndex,
    target: &mut ReaderTarget,
    commands: &mut Vec<Intent>,
) {
    let Some(doc) = atlas.corpus.documents.get(target.source.document) else {
        ui.weak("No document open.");
        return;
    };
    ui.heading(&doc.title);
    ui.weak(format!(
        "{} · {} · {}{}",
        doc.file_name,
        doc.language.code(),
        doc.date_label(),
        doc.publisher
            .as_ref()
            .map(|p| format!(" · {p}"))
            .unwrap_or_default()
    ));
    date_ui(ui, doc, target, commands);
    ui.separator();
    let mentions = index
        .mentions_of_document
        .get(&target.source.document)
        .cloned()
        .unwrap_or_default();
    let dark = ui.visuals().dark_mode;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (p, &passage) in doc.passages.iter().enumerate() {
                let is_target = p == target.source.passage;
                let frame = if is_target {
                    egui::Frame::new()
                        .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
                        .inner_margin(4.0)
                } else {
                    egui::Frame::new().inner_margin(4.0)
                };
                let response = frame
                    .show(ui, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.spacing_mut().item_spacing.x = 0.0;
                            passage_ui(ui, doc, passage, &mentions, atlas, dark, commands);
                        });
                    })
                    .response;
                if is_target && target.scroll {
                    response.scroll_to_me(Some(egui::Align::Center));
                    target.scroll = false;
                }
            }
        });
}

fn passage_ui(
    ui: &mut Ui,
    doc: &crate::corpus::Document,
    passage: Span,
    mentions: &[(Span, usize)],
    atlas: &Atlas,
    dark: bool,
    commands: &mut Vec<Intent>,
) {
    let mut at = passage.start;
    for &(span, item) in mentions
        .iter()
        .filter(|(s, _)| s.start >= passage.start && s.end <= passage.end)
    {
        if span.start < at {
            continue;
        }
        ui.label(doc.slice(Span {
            start: at,
            end: span.start,
        }));
        let layer = Layer::of(atlas.items[item].kind);
        let text = RichText::new(doc.slice(span))
            .background_color(layer.color().gamma_multiply(if dark { 0.55 } else { 0.3 }));
        let hover = format!(
            "{} ({}) — click to show on the map",
            atlas.items[item].name,
            atlas.items[item].kind.as_str()
        );
        if ui
            .add(egui::Label::new(text).sense(egui::Sense::click()))
            .on_hover_text(hover)
            .clicked()
        {
            commands.push(Intent::Selection(SelectionIntent::Focus(
                atlas.items[item].id.clone(),
            )));
        }
        at = span.end;
    }
    ui.label(doc.slice(Span {
        start: at,
        end: passage.end,
    }));
}
