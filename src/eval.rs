//! Measuring the geoparser against a gold list of the places documents name, with the
//! metric of `news-dev/score.py` (kept identical, so figures agree):
//!
//! * **found**: an exported feature carries one of the entry's names (its `name`, `names`
//!   or `aliases`), or quotes the entry's document with the surface in it and shares the
//!   surface's first five letters (in Latin script) with one of its names;
//! * **located**: found and within 25 km (cities, villages, checkpoints, hubs, dams, …),
//!   150 km (regions, lakes, rivers, reservoirs, roads, corridors, other) or 120 km
//!   (entries marked uncertain); a polygon counts when it holds the gold point; a country
//!   counts when found;
//! * **point precision**: exported points within 50 km of some gold place (or a named
//!   country or region label);
//! * **per-document precision**: each (feature, document it quotes) pair names or lies at a
//!   gold place of that document.

use geo::{Contains, Distance, Haversine, InteriorPoint, Point};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// One gold entry: a distinct place a document names.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEntry {
    /// The document's file name.
    pub doc: String,
    /// The first form of the name in the text.
    pub surface: String,
    /// What the place is.
    pub place: String,
    /// Its kind (country, region, city, checkpoint, …).
    pub kind: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Whether the gold point is itself an estimate.
    #[serde(default)]
    pub uncertain: bool,
    /// Other forms of the name in the text.
    #[serde(default)]
    pub other_surfaces: Vec<String>,
}

/// What the metric found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Gold entries.
    pub total: usize,
    /// Entries found by name.
    pub found: usize,
    /// Entries found and placed within tolerance.
    pub located: usize,
    /// Exported points.
    pub points: usize,
    /// (feature, document) pairs checked for per-document precision.
    pub pairs: usize,
    /// Entries missed: `doc surface (kind)`, with " not found" when not found at all.
    pub misses: Vec<String>,
    /// Exported points far from every gold place.
    pub strays: Vec<String>,
    /// Features cited for a document whose gold has no such place.
    pub wrong_in_doc: Vec<String>,
    /// Calibration: for (feature, document) pairs with a confidence, in bins of 0.2, how
    /// many are right (named and placed as a gold place of that document, or lying at one)
    /// of how many: `(low, high, right, total)`.
    pub calibration: Vec<(f64, f64, usize, usize)>,
}

impl Report {
    /// Found / total.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.total)
    }

    /// Located / total.
    pub fn located_share(&self) -> f64 {
        ratio(self.located, self.total)
    }

    /// Share of exported points near a gold place.
    pub fn point_precision(&self) -> f64 {
        1.0 - ratio(self.strays.len(), self.points.max(1))
    }

    /// Share of (feature, document) pairs right for their document.
    pub fn document_precision(&self) -> f64 {
        1.0 - ratio(self.wrong_in_doc.len(), self.pairs.max(1))
    }

    /// Of the pairs exported with confidence of at least `threshold`, the share right.
    pub fn right_at_or_above(&self, threshold: f64) -> (usize, usize) {
        self.calibration
            .iter()
            .filter(|(low, ..)| *low >= threshold - 1e-9)
            .fold((0, 0), |(r, t), (_, _, right, total)| {
                (r + right, t + total)
            })
    }

    /// The calibration table, a line a bin.
    pub fn calibration_table(&self) -> String {
        self.calibration
            .iter()
            .filter(|(.., total)| *total > 0)
            .map(|(low, high, right, total)| {
                format!(
                    "confidence {low:.1}–{high:.1}: {right}/{total} right ({:.0}%)",
                    100.0 * ratio(*right, *total)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The summary line, as `score.py` prints it.
    pub fn summary(&self) -> String {
        format!(
            "recall {}/{} = {:.0}%, located {}/{} = {:.0}%, point precision {:.0}%, per-document precision {:.0}% ({}/{})",
            self.found,
            self.total,
            100.0 * self.recall(),
            self.located,
            self.total,
            100.0 * self.located_share(),
            100.0 * self.point_precision(),
            100.0 * self.document_precision(),
            self.pairs - self.wrong_in_doc.len(),
            self.pairs
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Why a gold list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Not a JSON list of entries.
    #[error("the gold list is not a JSON list of entries: {0}")]
    Json(#[from] serde_json::Error),
}

/// Parses a gold list.
pub fn parse_gold(text: &str) -> Result<Vec<GoldEntry>, GoldError> {
    Ok(serde_json::from_str(text)?)
}

/// `score.py`'s folding: NFKD, combining marks dropped, lower case.
fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `score.py`'s transliteration of folded Cyrillic.
fn latin(s: &str) -> String {
    const FROM: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";
    const TO: [&str; 42] = [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
        "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya", "a", "g",
        "q", "n", "o", "u", "u", "h", "i",
    ];
    fold(s)
        .chars()
        .map(|c| match FROM.chars().position(|f| f == c) {
            Some(i) => TO[i].to_owned(),
            None => c.to_string(),
        })
        .collect()
}

/// An exported feature as the metric sees it.
struct Exported {
    /// Folded names joined by " | ", the name first.
    names: String,
    /// The geoparser's confidence, for places.
    confidence: Option<f64>,
    point: Point,
    area: Option<geo::MultiPolygon>,
    is_point: bool,
    /// (document, quote) of each source.
    sources: Vec<(String, String)>,
}

impl Exported {
    fn first_name(&self) -> &str {
        self.names.split(" | ").next().unwrap_or("")
    }
}

fn exported(f: &geojson::Feature) -> Option<Exported> {
    let geometry: geo::Geometry = f.geometry.as_ref()?.try_into().ok()?;
    let p = f.properties.as_ref();
    let get = |k: &str| p.and_then(|p| p.get(k));
    let mut names = vec![
        get("name")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned(),
    ];
    for k in ["names", "aliases", "alt_names"] {
        match get(k) {
            Some(serde_json::Value::Object(o)) => names.extend(o.values().map(json_string)),
            Some(serde_json::Value::Array(a)) => names.extend(a.iter().map(json_string)),
            _ => {}
        }
    }
    let sources = get("sources")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|s| {
                    let field = |k: &str| s.get(k).map(json_string).unwrap_or_default();
                    (field("document"), field("quote"))
                })
                .collect()
        })
        .unwrap_or_default();
    let (point, area, is_point) = match geometry {
        geo::Geometry::Point(p) => (p, None, true),
        geo::Geometry::Polygon(p) => {
            let mp = geo::MultiPolygon::new(vec![p]);
            (mp.interior_point()?, Some(mp), false)
        }
        geo::Geometry::MultiPolygon(mp) => (mp.interior_point()?, Some(mp), false),
        other => (other.interior_point()?, None, false),
    };
    Some(Exported {
        confidence: get("confidence").and_then(serde_json::Value::as_f64),
        names: fold(&names.join(" | ")),
        point,
        area,
        is_point,
        sources,
    })
}

fn json_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn km(a: Point, b: Point) -> f64 {
    Haversine.distance(a, b) / 1000.0
}

/// The document stem: the file name without its extension.
fn stem(doc: &str) -> &str {
    doc.rsplit_once('.').map_or(doc, |(s, _)| s)
}

fn surfaces(e: &GoldEntry) -> Vec<String> {
    std::iter::once(&e.surface)
        .chain(&e.other_surfaces)
        .chain(std::iter::once(&e.place))
        .map(|s| fold(s))
        .collect()
}

fn names_match(f: &Exported, surfaces: &[String]) -> bool {
    surfaces
        .iter()
        .any(|s| !s.is_empty() && (f.names.contains(s.as_str()) || s.contains(f.first_name())))
}

fn quotes_surface(f: &Exported, e: &GoldEntry) -> bool {
    let surface = fold(&e.surface);
    f.sources.iter().any(|(d, quote)| {
        (d.starts_with(&e.doc) || e.doc.starts_with(stem(d))) && fold(quote).contains(&surface)
    })
}

fn same_stem(f: &Exported, surface: &str) -> bool {
    let w: String = latin(surface).chars().take(5).collect();
    w.chars().count() == 5 && f.names.split(" | ").any(|n| latin(n).starts_with(&w))
}

fn tolerance_km(e: &GoldEntry) -> f64 {
    if e.uncertain {
        120.0
    } else if matches!(
        e.kind.as_str(),
        "country" | "region" | "lake" | "river" | "corridor" | "road" | "reservoir" | "other"
    ) {
        150.0
    } else {
        25.0
    }
}

/// Scores exported features against a gold list.
pub fn score(features: &[geojson::Feature], gold: &[GoldEntry]) -> Report {
    let pts: Vec<Exported> = features.iter().filter_map(exported).collect();
    let mut r = Report {
        total: gold.len(),
        ..Default::default()
    };
    score_recall(&pts, gold, &mut r);
    score_strays(&pts, gold, &mut r);
    score_precision(&pts, gold, &mut r);
    r
}

/// How many gold places were found and located, and which were missed.
fn score_recall(pts: &[Exported], gold: &[GoldEntry], r: &mut Report) {
    for e in gold {
        let tol = tolerance_km(e);
        let at = Point::new(e.lon, e.lat);
        let surf = surfaces(e);
        let mut cands: Vec<&Exported> = pts.iter().filter(|p| names_match(p, &surf)).collect();
        let extra: Vec<&Exported> = pts
            .iter()
            .filter(|p| !cands.iter().any(|c| std::ptr::eq(*c, *p)))
            .filter(|p| {
                quotes_surface(p, e)
                    && same_stem(p, &e.surface)
                    && p.is_point
                    && km(p.point, at) <= tol.min(25.0)
            })
            .collect();
        cands.extend(extra);
        if !cands.is_empty() {
            r.found += 1;
        }
        let good = if e.kind == "country" {
            !cands.is_empty()
        } else {
            cands.iter().any(|p| match &p.area {
                Some(a) => a.contains(&at),
                None => km(p.point, at) <= tol,
            })
        };
        if good {
            r.located += 1;
        } else {
            r.misses.push(format!(
                "{} {} ({}){}",
                e.doc.chars().take(2).collect::<String>(),
                e.surface,
                e.kind,
                if cands.is_empty() { " not found" } else { "" }
            ));
        }
    }
}

/// Points far from every gold place and from every named area: strays.
fn score_strays(pts: &[Exported], gold: &[GoldEntry], r: &mut Report) {
    r.points = pts.iter().filter(|p| p.is_point).count();
    let areas: Vec<(String, String, Point, f64)> = gold
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "country" | "region"))
        .map(|e| {
            let radius = if e.kind == "country" { 3000.0 } else { 1000.0 };
            (
                fold(&e.surface),
                fold(&e.place),
                Point::new(e.lon, e.lat),
                radius,
            )
        })
        .collect();
    for p in pts.iter().filter(|p| p.is_point) {
        let near = gold
            .iter()
            .any(|e| km(p.point, Point::new(e.lon, e.lat)) <= 50.0);
        let first = p.first_name();
        let named_area = areas.iter().any(|(a, b, at, radius)| {
            !first.is_empty()
                && (a.contains(first) || b.contains(first) || p.names.contains(a.as_str()))
                && km(p.point, *at) <= *radius
        });
        if !near && !named_area {
            r.strays.push(format!(
                "{} ({:.3}, {:.3})",
                p.names.chars().take(60).collect::<String>(),
                p.point.x(),
                p.point.y()
            ));
        }
    }
}

/// Per document: whether each exported place belongs to that document's gold, and how
/// often places at each confidence are right.
fn score_precision(pts: &[Exported], gold: &[GoldEntry], r: &mut Report) {
    let mut bins = [(0usize, 0usize); 5];
    for p in pts {
        let mut docs: Vec<&str> = p.sources.iter().map(|(d, _)| stem(d)).collect();
        docs.sort_unstable();
        docs.dedup();
        for d in docs {
            let entries: Vec<&GoldEntry> = gold.iter().filter(|e| stem(&e.doc) == d).collect();
            if entries.is_empty() {
                continue;
            }
            r.pairs += 1;
            let ok = entries.iter().any(|e| {
                let at = Point::new(e.lon, e.lat);
                names_match(p, &surfaces(e))
                    || match &p.area {
                        Some(a) => a.contains(&at),
                        None => km(p.point, at) <= 50.0,
                    }
            });
            if let Some(c) = p.confidence {
                let right = entries.iter().any(|e| {
                    let placed = located(p, e);
                    (names_match(p, &surfaces(e)) && placed) || at_place(p, e)
                });
                let bin = ((c * 5.0) as usize).min(4);
                bins[bin].1 += 1;
                bins[bin].0 += usize::from(right);
            }
            if !ok {
                r.wrong_in_doc.push(format!(
                    "{} {}",
                    d.chars().take(2).collect::<String>(),
                    p.first_name().chars().take(40).collect::<String>()
                ));
            }
        }
    }
    r.calibration = bins
        .iter()
        .enumerate()
        .map(|(i, (right, total))| (i as f64 * 0.2, (i + 1) as f64 * 0.2, *right, *total))
        .collect();
}

/// Whether a feature is placed within the entry's tolerance (a polygon: holding its
/// point; a country: always).
fn located(p: &Exported, e: &GoldEntry) -> bool {
    let at = Point::new(e.lon, e.lat);
    e.kind == "country"
        || match &p.area {
            Some(a) => a.contains(&at),
            None => km(p.point, at) <= tolerance_km(e),
        }
}

/// Whether a feature lies at the entry's place: a point within 50 km, or a polygon
/// holding it (a country: named).
fn at_place(p: &Exported, e: &GoldEntry) -> bool {
    let at = Point::new(e.lon, e.lat);
    match &p.area {
        Some(a) => a.contains(&at),
        None => e.kind != "country" && km(p.point, at) <= 50.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(json: &str) -> geojson::Feature {
        serde_json::from_str(json).expect("feature")
    }

    #[test]
    fn folding_and_transliteration_match_the_python_scorer() {
        assert_eq!(fold("Ürümqi"), "urumqi");
        // NFKD takes the breve off «й», as Python's unicodedata does.
        assert_eq!(fold("Чуйской"), "чуискои");
        assert_eq!(latin("Чуйской"), "chuiskoi");
    }

    #[test]
    fn a_feature_near_its_gold_place_is_located_and_a_far_one_is_not() {
        let gold = parse_gold(
            r#"[{"doc":"01_x.txt","surface":"Kegen","place":"Kegen checkpoint","kind":"checkpoint","lat":42.83,"lon":79.12},
                {"doc":"01_x.txt","surface":"Osh","place":"Osh","kind":"city","lat":40.53,"lon":72.8}]"#,
        )
        .expect("gold");
        let near = feature(
            r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[79.2,42.9]},"properties":{"name":"Kegen","sources":[{"document":"01_x.txt","quote":"Kegen"}]}}"#,
        );
        let far = feature(
            r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[10.0,50.0]},"properties":{"name":"Osh","sources":[{"document":"01_x.txt","quote":"Osh"}]}}"#,
        );
        let r = score(&[near, far], &gold);
        assert_eq!((r.found, r.located), (2, 1));
        assert_eq!(r.strays.len(), 1);
        assert_eq!(r.wrong_in_doc.len(), 0, "Osh is named in the gold");
    }
}
