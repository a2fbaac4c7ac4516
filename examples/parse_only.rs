//! Parses a 2 MB text ten times (no loading in the measured part): for profiling
//! (`cargo run --release --example parse_only`).

use border_atlas::corpus::Document;
use border_atlas::geoparse::Geoparser;
use border_atlas::seeds::SEED_DOCUMENTS;

fn main() -> anyhow::Result<()> {
    let parser = Geoparser::embedded()?;
    let mut text = String::new();
    while text.len() < 2_000_000 {
        for d in SEED_DOCUMENTS {
            text.push_str(d.text);
            text.push_str("\n\n");
        }
    }
    let doc = Document::new("big.txt", text);
    let mut n = 0;
    for _ in 0..10 {
        n += parser.parse(0, &doc).mentions.len();
    }
    println!("{n}");
    Ok(())
}
