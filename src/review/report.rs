//! The review queue as text or JSON, for `border-atlas places --review`.

use std::io::Write;

use serde_json::json;

use crate::atlas::{Atlas, ReviewedMention};

/// One entry of the queue as JSON: the name, where it stands, its place and alternatives.
pub fn entry_json(atlas: &Atlas, m: &ReviewedMention) -> serde_json::Value {
    let doc = atlas.corpus.documents.get(m.document);
    let quote = doc
        .and_then(|d| Some(d.slice(*d.passages.get(m.passage)?)))
        .unwrap_or("");
    let item = m.item.and_then(|i| atlas.items.get(i));
    json!({
        "name": m.name,
        "status": m.status.as_str(),
        "document": doc.map(|d| d.file_name.as_str()),
        "start": m.span.start,
        "end": m.span.end,
        "quote": quote,
        "place": item.map(|i| json!({ "id": i.id, "name": i.name, "kind": i.kind.as_str() })),
        "confidence": m.confidence.map(|c| (c * 100.0).round() / 100.0),
        "alternatives": alternatives(atlas, m),
        "kind_word": m.kind.map(|k| k.as_str()),
    })
}

/// A mention's alternatives as `{id, name, confidence}`.
fn alternatives(atlas: &Atlas, m: &ReviewedMention) -> Vec<serde_json::Value> {
    // The alternatives' names are in the items that hold the chosen place.
    let item = m.item.and_then(|i| atlas.items.get(i));
    item.map(|i| {
        i.alternatives
            .iter()
            .map(|(id, name, c)| json!({ "id": id, "name": name, "confidence": (c * 100.0).round() / 100.0 }))
            .collect()
    })
    .unwrap_or_default()
}

/// Writes the queue: a table, or JSON.
pub fn write_queue(out: &mut dyn Write, atlas: &Atlas, json: bool) -> std::io::Result<()> {
    let queue = atlas.review_queue();
    if json {
        let rows: Vec<serde_json::Value> = queue
            .iter()
            .map(|&i| entry_json(atlas, &atlas.reviewed[i]))
            .collect();
        return writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    }
    writeln!(
        out,
        "{:<28}  {:<10}  {:>4}  {:<32}  document",
        "name", "status", "conf", "place"
    )?;
    for &i in &queue {
        let m = &atlas.reviewed[i];
        let place = m
            .item
            .and_then(|i| atlas.items.get(i))
            .map_or("—", |i| i.name.as_str());
        let doc = atlas
            .corpus
            .documents
            .get(m.document)
            .map_or("", |d| d.file_name.as_str());
        let conf = m.confidence.map_or("".into(), |c| format!("{c:.2}"));
        writeln!(
            out,
            "{:<28}  {:<10}  {:>4}  {:<32}  {doc}",
            m.name.chars().take(28).collect::<String>(),
            m.status.as_str(),
            conf,
            place.chars().take(32).collect::<String>()
        )?;
    }
    writeln!(out, "{} to review", queue.len())
}
