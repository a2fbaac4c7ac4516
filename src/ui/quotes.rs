//! The side panel of quoted passages: for the selected places, the passages that mention
//! them, grouped by document, each with the mention highlighted. Clicking a quote opens the
//! document at that passage and shows on the map every place the passage names.

use std::collections::{BTreeMap, BTreeSet};

use egui::text::LayoutJob;
use egui::{Color32, FontId, TextFormat, Ui};

use crate::atlas::{Atlas, Source};
use crate::atlas_view::AtlasIndex;
use crate::corpus::Span;
use crate::intent::Intent;
use crate::intent::{ExportIntent, SelectionIntent};
use crate::layers::Layer;

/// Draws the quotes of the selected items.
pub fn quotes_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    index: &AtlasIndex,
    selection: &BTreeSet<String>,
    commands: &mut Vec<Intent>,
) {
    let selected: Vec<usize> = selection
        .iter()
        .filter_map(|id| index.by_id.get(id).copied())
        .collect();
    if selected.is_empty() {
        ui.weak(
            "Select a place on the map or in the list to read what the documents say about it.",
        );
        return;
    }
    let mut by_document: BTreeMap<usize, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for &i in &selected {
        for s in &atlas.items[i].sources {
            by_document
                .entry(s.document)
                .or_default()
                .entry(s.passage)
                .or_default()
                .push(i);
        }
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} selected · {} passages in {} documents",
            selected.len(),
            by_document.values().map(BTreeMap::len).sum::<usize>(),
            by_document.len()
        ));
        if ui.button("Zoom to selection").clicked() {
            commands.push(Intent::Selection(SelectionIntent::ZoomTo));
        }
        if ui
            .button("Export...")
            .on_hover_text("Export the selection as GeoJSON (Ctrl+E)")
            .clicked()
        {
            commands.push(Intent::Export(ExportIntent::Places(
                crate::intent::ExportFormat::GeoJson,
                crate::intent::ExportScope::Selection,
            )));
        }
    });
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            crate::ui::place_card::place_cards_ui(ui, atlas, &selected);
            crate::ui::properties::properties_ui(ui, atlas, &selected);
            crate::ui::history::history_ui(ui, atlas, &selected, commands);
            for (&doc_index, passages) in &by_document {
                document_quotes_ui(ui, atlas, index, doc_index, passages, commands);
            }
        });
}

/// The quotes of one document: its title, name, language and date, then each passage with
/// the selected places' mentions highlighted.
fn document_quotes_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    index: &AtlasIndex,
    doc_index: usize,
    passages: &BTreeMap<usize, Vec<usize>>,
    commands: &mut Vec<Intent>,
) {
    let Some(doc) = atlas.corpus.documents.get(doc_index) else {
        return;
    };
    ui.add_space(6.0);
    ui.strong(&doc.title);
    let date = doc.date_label();
    ui.weak(format!(
        "{} · {} · {}",
        doc.file_name,
        doc.language.code(),
        date
    ));
    for (&passage, items) in passages {
        let source = Source {
            document: doc_index,
            passage,
        };
        let job = highlighted(
            atlas,
            index,
            source,
            items,
            ui.visuals().text_color(),
            ui.visuals().dark_mode,
        );
        let response = egui::Frame::group(ui.style())
            .show(ui, |ui| {
                ui.add(egui::Label::new(job).sense(egui::Sense::click()))
            })
            .inner
            .on_hover_text("Open the document at this passage and show its places");
        if response.clicked() {
            commands.push(Intent::Selection(SelectionIntent::OpenPassage(source)));
        }
    }
}

/// The passage text with the mentions of `items` (and of their members) highlighted.
fn highlighted(
    atlas: &Atlas,
    index: &AtlasIndex,
    source: Source,
    items: &[usize],
    text_color: Color32,
    dark: bool,
) -> LayoutJob {
    let Some(doc) = atlas.corpus.documents.get(source.document) else {
        return LayoutJob::default();
    };
    let Some(&passage) = doc.passages.get(source.passage) else {
        return LayoutJob::default();
    };
    let mut marks: Vec<(Span, Layer)> = Vec::new();
    for &i in items {
        let item = &atlas.items[i];
        let layer = Layer::of(item.kind);
        let mut related = vec![i];
        related.extend(
            item.members
                .iter()
                .filter_map(|m| index.by_id.get(m).copied()),
        );
        for r in related {
            if let Some(spans) = index.spans.get(&(r, source)) {
                marks.extend(spans.iter().map(|s| (*s, layer)));
            }
        }
    }
    marks.sort_by_key(|(s, _)| s.start);
    layout_with_marks(doc, passage, &marks, text_color, dark)
}

/// Lays out `range` of a document with `marks` drawn on a tinted background.
pub fn layout_with_marks(
    doc: &crate::corpus::Document,
    range: Span,
    marks: &[(Span, Layer)],
    text_color: Color32,
    dark: bool,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color: text_color,
        ..Default::default()
    };
    let mut at = range.start;
    for &(span, layer) in marks {
        if span.start < at || span.end > range.end {
            continue;
        }
        job.append(
            doc.slice(Span {
                start: at,
                end: span.start,
            }),
            0.0,
            plain.clone(),
        );
        let mark = TextFormat {
            background: layer.color().gamma_multiply(if dark { 0.55 } else { 0.3 }),
            underline: egui::Stroke::new(1.5, layer.color()),
            ..plain.clone()
        };
        job.append(doc.slice(span), 0.0, mark);
        at = span.end;
    }
    job.append(
        doc.slice(Span {
            start: at,
            end: range.end,
        }),
        0.0,
        plain,
    );
    job.wrap.max_width = f32::INFINITY;
    job
}
