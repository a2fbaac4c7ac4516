//! Prints every place mention of the seed corpus (or of the files given) with its context:
//! `cargo run --example mentions [FILE]...`. A tool for reviewing the geoparser.

use border_atlas::corpus::{Corpus, Span};
use border_atlas::geoparse::Geoparser;

fn main() -> anyhow::Result<()> {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let corpus = if paths.is_empty() {
        Corpus::seeds()
    } else {
        Corpus::from_paths(&paths).0
    };
    let parser = Geoparser::embedded()?;
    for (i, doc) in corpus.documents.iter().enumerate() {
        println!(
            "== {} [{}] {:?} {:?} {:?}",
            doc.file_name,
            doc.language.code(),
            doc.title,
            doc.date,
            doc.publisher
        );
        let found = parser.parse(i, doc);
        for m in &found.mentions {
            let place = parser.gazetteer().get(m.place).expect("place");
            let before = doc.slice(Span {
                start: m.span.start.saturating_sub(30),
                end: m.span.start,
            });
            let after = doc.slice(Span {
                start: m.span.end,
                end: (m.span.end + 30).min(doc.len_chars()),
            });
            println!(
                "  {:<28} {:<11} {:>5.2}  …{}[{}]{}…",
                place.id,
                place.kind.as_str(),
                m.confidence,
                before.replace('\n', " "),
                doc.slice(m.span),
                after.replace('\n', " ")
            );
        }
        for r in &found.relations {
            let names: Vec<String> = r
                .places
                .iter()
                .filter_map(|&p| Some(parser.gazetteer().get(p)?.id.clone()))
                .collect();
            println!(
                "  REL {:?} {:?} {:?} passage {}",
                r.kind, names, r.status, r.passage
            );
        }
    }
    Ok(())
}
