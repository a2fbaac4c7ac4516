//! Parses the seed corpus repeated to about 2 MB once, timing each stage: a helper for
//! profiling the geoparser (`cargo run --release --example parse_big`).

use std::time::Instant;

use border_atlas::corpus::Document;
use border_atlas::geoparse::Geoparser;
use border_atlas::seeds::SEED_DOCUMENTS;

fn main() -> anyhow::Result<()> {
    let t = Instant::now();
    let parser = Geoparser::embedded()?;
    println!(
        "load: {:?}, {} names indexed",
        t.elapsed(),
        parser.name_count()
    );
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for d in SEED_DOCUMENTS {
            text.push_str(d.text);
            text.push_str("\n\n");
        }
    }
    let t = Instant::now();
    let doc = Document::new("big.txt", text);
    println!("document: {:?}", t.elapsed());
    let t = Instant::now();
    let found = parser.parse(0, &doc);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "parse: {:.3} s, {:.1} MB/s, {} mentions, {} relations",
        secs,
        doc.text.len() as f64 / secs / 1e6,
        found.mentions.len(),
        found.relations.len()
    );
    Ok(())
}
