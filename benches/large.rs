//! The size targets of a user's largest documents (issue 13): time grows linearly with the
//! text and with repeated mentions.
//!
//! `cargo bench --bench large`:
//! - a 20 MB news text (the seed documents repeated) read into a document, geoparsed and
//!   built into an atlas: target ≥ 20 MB/s;
//! - "Almaty. " repeated 2.5 million times (20 MB, one place named 2.5 million times)
//!   built into an atlas and exported as GeoJSON: target ≤ 30 s (peak memory ≤ 2 GB,
//!   measured with `/usr/bin/time -v border-atlas export --docs FILE --out OUT`).

use border_atlas::atlas::Atlas;
use border_atlas::corpus::{Corpus, Document};
use border_atlas::geoparse::Geoparser;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SIZE: usize = 20_000_000;

fn atlas_of(text: &str, parser: &Geoparser) -> Atlas {
    let corpus = Corpus {
        documents: vec![Document::new("large.txt", text)],
    };
    Atlas::build(corpus, parser)
}

fn large_news_text(c: &mut Criterion) {
    let parser = Geoparser::embedded().expect("gazetteer loads");
    let text = border_atlas::seeds::repeated_text(SIZE);
    let mut group = c.benchmark_group("large");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(10);
    group.bench_function("20 MB seed text: document, geoparse, atlas", |b| {
        b.iter(|| atlas_of(&text, &parser))
    });
    group.finish();
}

fn repeated_name_export(c: &mut Criterion) {
    let parser = Geoparser::embedded().expect("gazetteer loads");
    let text = "Almaty. ".repeat(2_500_000);
    let mut group = c.benchmark_group("large");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(10);
    group.bench_function("\"Almaty. \" x 2.5M: atlas and GeoJSON export", |b| {
        b.iter(|| {
            let atlas = atlas_of(&text, &parser);
            let items: Vec<_> = atlas.items.iter().collect();
            let mut sink = std::io::BufWriter::new(std::io::sink());
            border_atlas::export::geojson::write_collection(&atlas, &items, &mut sink)
                .expect("written");
        })
    });
    group.finish();
}

criterion_group!(benches, large_news_text, repeated_name_export);
criterion_main!(benches);
