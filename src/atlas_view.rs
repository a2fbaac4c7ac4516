//! What the panels need to look things up fast in an atlas: each item's mentions, the items
//! of each passage, and the folded text searched by the places list.

use std::collections::HashMap;

use crate::atlas::{Atlas, Source};
use crate::corpus::Span;
use crate::geoparse::fold::fold_name;

/// Lookups over one atlas, built once when the atlas is.
#[derive(Clone, Debug, Default)]
pub struct AtlasIndex {
    /// Item index by id.
    pub by_id: HashMap<String, usize>,
    /// Mention spans of each item, by (document, passage).
    pub spans: HashMap<(usize, Source), Vec<Span>>,
    /// Items each passage speaks of.
    pub items_of_passage: HashMap<Source, Vec<usize>>,
    /// Each item's names in every language, folded, for search.
    pub folded_names: Vec<String>,
    /// Each item's passages, folded, for search.
    pub folded_quotes: Vec<String>,
    /// Every mention in each document: (span, item index), in text order.
    pub mentions_of_document: HashMap<usize, Vec<(Span, usize)>>,
}

impl AtlasIndex {
    /// Indexes an atlas.
    pub fn new(atlas: &Atlas, names_of: impl Fn(usize) -> Vec<String>) -> Self {
        let by_id: HashMap<String, usize> = atlas
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.clone(), i))
            .collect();
        let item_of_place: HashMap<usize, usize> = atlas
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| Some((it.place?, i)))
            .collect();
        let mut spans: HashMap<(usize, Source), Vec<Span>> = HashMap::new();
        let mut mentions_of_document: HashMap<usize, Vec<(Span, usize)>> = HashMap::new();
        for m in atlas.mentions() {
            let Some(&item) = item_of_place.get(&m.place) else {
                continue;
            };
            let source = Source {
                document: m.document,
                passage: m.passage,
            };
            spans.entry((item, source)).or_default().push(m.span);
            mentions_of_document
                .entry(m.document)
                .or_default()
                .push((m.span, item));
        }
        let mut items_of_passage: HashMap<Source, Vec<usize>> = HashMap::new();
        for (i, item) in atlas.items.iter().enumerate() {
            for s in &item.sources {
                items_of_passage.entry(*s).or_default().push(i);
            }
        }
        let folded_names = atlas
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let mut all = vec![it.name.clone()];
                all.extend(it.names.values().cloned());
                all.extend(names_of(i));
                fold_name(&all.join(" "))
            })
            .collect();
        let folded_quotes = atlas
            .items
            .iter()
            .map(|it| {
                fold_name(
                    &it.sources
                        .iter()
                        .map(|s| atlas.quote(*s))
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect();
        Self {
            by_id,
            spans,
            items_of_passage,
            folded_names,
            folded_quotes,
            mentions_of_document,
        }
    }
}
