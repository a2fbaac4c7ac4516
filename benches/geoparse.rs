//! Geoparsing throughput with the full gazetteer loaded, and the cost of loading it.
//!
//! `cargo bench --bench geoparse`. The text is the five seed documents repeated to about
//! 2 MB, so it holds the mix of German, English and Russian-published text users read.

use border_atlas::corpus::Document;
use border_atlas::geoparse::Geoparser;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn gazetteer_loading(c: &mut Criterion) {
    c.bench_function("load gazetteer and build name index", |b| {
        b.iter(|| Geoparser::embedded().expect("gazetteer loads"))
    });
}

fn geoparsing(c: &mut Criterion) {
    let parser = Geoparser::embedded().expect("gazetteer loads");
    let doc = Document::new("bench.txt", border_atlas::seeds::repeated_text(2_000_000));
    let mut group = c.benchmark_group("geoparse");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.sample_size(10);
    group.bench_function("seed text, 2 MB", |b| b.iter(|| parser.parse(0, &doc)));
    group.finish();
}

criterion_group!(benches, gazetteer_loading, geoparsing);
criterion_main!(benches);
