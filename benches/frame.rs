//! One full frame of the whole app — egui layout, the map with basemap and places, the
//! panels, and tessellation; no GPU — with the seed corpus, and with 100,000 and 1,000,000
//! generated places (10,000 of them verified by the user, with their reviewed mentions;
//! each with a dated event, so the timeline holds 100,000 or 1,000,000) and 300 world-scale
//! region polygons; each with the view still (a frame
//! of hovering or working in the panels) and panning (the view moves every frame, so
//! nothing drawn for the last view is reused). `cargo bench --bench frame`; it ends by
//! printing the ratio of the 100,000-place frame to the seed frame (aim: ≤ 2.5).

use std::sync::Arc;

use border_atlas::BorderAtlasApp;
use border_atlas::app::{Intent, Workspace};
use border_atlas::atlas::{Atlas, AtlasItem, ItemKind, ReviewedMention, Source};
use border_atlas::corpus::Corpus;
use border_atlas::corpus::Span;
use border_atlas::corpus::dates::{Date, Qualifier};
use border_atlas::events::{DateFrom, Event, EventStatus};
use border_atlas::gazetteer::{Geometry, PlaceKind};
use border_atlas::geoparse::Geoparser;
use border_atlas::intent::ViewIntent;
use border_atlas::map::MapAction;
use border_atlas::review::MentionStatus;
use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Coord, LineString, MultiPolygon, Point, Polygon};

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    }
}

/// Whether the view stays or moves between frames.
#[derive(Clone, Copy, PartialEq)]
enum Motion {
    /// A frame with the view where it was (hovering, selecting, using the panels).
    Still,
    /// A frame of a pan: the view moves by a point every frame, so nothing drawn for the
    /// last view can be reused.
    Panning,
}

fn bench_frames(c: &mut Criterion, name: &str, app: &mut BorderAtlasApp, motion: Motion) {
    let ctx = egui::Context::default();
    for _ in 0..4 {
        let _ = ctx.run_ui(raw_input(), |ui| app.show(ui));
    }
    let mut step = 0.0f32;
    c.bench_function(name, |b| {
        b.iter(|| {
            if motion == Motion::Panning {
                // Back and forth, so the view stays over the places.
                step += 1.0;
                let dx = if (step as u32 / 200).is_multiple_of(2) {
                    1.0
                } else {
                    -1.0
                };
                app.run(
                    &ctx,
                    Intent::View(ViewIntent::Map(MapAction::Pan(egui::vec2(dx, 0.0)))),
                );
            }
            let out = ctx.run_ui(raw_input(), |ui| app.show(ui));
            ctx.tessellate(out.shapes, out.pixels_per_point)
        })
    });
}

/// A pseudo-random number in `0..1` from an integer (no dependency, same every run).
fn noise(i: u64) -> f64 {
    let x = i
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17)
        .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn item(id: String, kind: PlaceKind, geometry: Geometry, mentions: usize) -> AtlasItem {
    // Every place has a dated event: the timeline spans 25 years of them.
    let event = Event {
        status: EventStatus::Opened,
        date: Some(Date {
            year: 2000 + (mentions as i32 * 7) % 25,
            month: Some(1 + (mentions % 12) as u8),
            day: None,
        }),
        qualifier: Qualifier::At,
        date_from: DateFrom::Text,
        source: Source {
            document: mentions % 5,
            passage: 0,
        },
    };
    AtlasItem {
        id: id.clone(),
        kind: ItemKind::Place(kind),
        name: id,
        countries: vec!["KZ".into()],
        names: Default::default(),
        geometry,
        geometry_source: "generated".into(),
        status: None,
        sources: vec![Source {
            document: mentions % 5,
            passage: 0,
        }],
        mention_count: mentions,
        place: None,
        members: Vec::new(),
        feature: None,
        confidence: Some(0.9),
        alternatives: Vec::new(),
        aliases: Vec::new(),
        verified: false,
        source_review: Vec::new(),
        events: vec![event],
    }
}

/// How many generated places are verified, each with a reviewed mention.
const REVIEWED: usize = 10_000;

fn generated_atlas(places: u64) -> Atlas {
    let mut items = Vec::with_capacity(places as usize + 300);
    for i in 0..places {
        let lon = 40.0 + 55.0 * noise(2 * i);
        let lat = 30.0 + 27.0 * noise(2 * i + 1);
        items.push(item(
            format!("place_{i}"),
            PlaceKind::City,
            Geometry::Point(Point::new(lon, lat)),
            1 + (i % 17) as usize,
        ));
    }
    for r in 0..300u64 {
        let (cx, cy) = (
            -170.0 + 340.0 * noise(7 * r),
            -60.0 + 130.0 * noise(7 * r + 1),
        );
        let radius = 3.0 + 10.0 * noise(7 * r + 2);
        let ring: Vec<Coord> = (0..=400)
            .map(|k| {
                let a = k as f64 / 400.0 * std::f64::consts::TAU;
                let wobble = 1.0 + 0.2 * (5.0 * a).sin();
                Coord {
                    x: cx + radius * wobble * a.cos(),
                    y: (cy + radius * wobble * a.sin()).clamp(-80.0, 80.0),
                }
            })
            .collect();
        let area = MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])]);
        items.push(item(
            format!("region_{r}"),
            PlaceKind::Region,
            Geometry::Area(area),
            3,
        ));
    }
    // 10,000 of the places checked by the user: drawn with a ring, counted in the queue.
    let mut reviewed = Vec::with_capacity(REVIEWED);
    for (i, item) in items.iter_mut().enumerate().take(REVIEWED) {
        item.verified = true;
        reviewed.push(ReviewedMention {
            document: i % 5,
            passage: 0,
            span: Span { start: 0, end: 1 },
            name: item.name.clone(),
            item: Some(i),
            status: MentionStatus::Verified,
            confidence: Some(0.9),
            chosen: None,
            alternatives: Arc::from(Vec::new()),
            kind: None,
        });
    }
    Atlas {
        corpus: Corpus::seeds(),
        items,
        reviewed,
        ..Atlas::default()
    }
}

fn frames(c: &mut Criterion) {
    let seeds = Workspace::seeds().expect("seeds");
    let mut app = BorderAtlasApp::with_loaded(seeds);
    bench_frames(c, "frame: seed corpus", &mut app, Motion::Still);
    bench_frames(c, "frame: seed corpus, panning", &mut app, Motion::Panning);
    let geoparser = Arc::new(Geoparser::embedded().expect("gazetteer"));
    for (places, name) in [
        (100_000, "frame: 100,000 places and 300 world-scale regions"),
        (
            1_000_000,
            "frame: 1,000,000 places and 300 world-scale regions",
        ),
    ] {
        let big = Workspace::new(generated_atlas(places), geoparser.clone());
        let mut app = BorderAtlasApp::with_loaded(big);
        bench_frames(c, name, &mut app, Motion::Still);
        bench_frames(c, &format!("{name}, panning"), &mut app, Motion::Panning);
    }
}

/// The mean time criterion measured for a benchmark, from its report.
fn mean_ns(name: &str) -> Option<f64> {
    let dir = name.replace(':', "_");
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = format!("{target}/criterion/{dir}/new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["mean"]["point_estimate"].as_f64()
}

fn ratio(_: &mut Criterion) {
    let seed = mean_ns("frame: seed corpus");
    let big = mean_ns("frame: 100,000 places and 300 world-scale regions");
    if let (Some(seed), Some(big)) = (seed, big) {
        println!(
            "ratio of the 100,000-place frame to the seed frame: {:.2} (aim ≤ 2.5)",
            big / seed
        );
    }
}

criterion_group!(benches, frames, ratio);
criterion_main!(benches);
