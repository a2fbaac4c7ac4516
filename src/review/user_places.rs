//! The user's gazetteer: places the user added, found again in the documents opened later,
//! and written to and read from GeoJSON.

use aho_corasick::{AhoCorasick, MatchKind};
use serde_json::json;

use super::UserPlace;
use crate::corpus::{Document, Span};

/// Where the user places' names stand in `doc`, as whole words: (span, index into
/// `places`), in text order. Names are matched as written.
pub fn find_in(doc: &Document, places: &[UserPlace]) -> Vec<(Span, usize)> {
    let names: Vec<&str> = places.iter().map(|p| p.name.trim()).collect();
    if names.iter().all(|n| n.is_empty()) {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
    else {
        return Vec::new();
    };
    let text = &doc.text;
    let mut found = Vec::new();
    // Code points counted once along the text, not from its start for each match.
    let (mut byte, mut chars) = (0usize, 0u32);
    for m in ac.find_iter(text) {
        if names[m.pattern().as_usize()].is_empty() || !whole_word(text, m.start(), m.end()) {
            continue;
        }
        chars += text[byte..m.start()].chars().count() as u32;
        let len = text[m.start()..m.end()].chars().count() as u32;
        found.push((
            Span {
                start: chars,
                end: chars + len,
            },
            m.pattern().as_usize(),
        ));
        chars += len;
        byte = m.end();
    }
    found
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The user places as a GeoJSON FeatureCollection.
pub fn to_geojson(places: &[UserPlace]) -> String {
    let features: Vec<serde_json::Value> = places
        .iter()
        .map(|p| {
            json!({
                "type": "Feature",
                "id": p.id,
                "geometry": { "type": "Point", "coordinates": [p.lon, p.lat] },
                "properties": {
                    "name": p.name,
                    "kind": p.kind,
                    "countries": p.countries,
                    "added": p.at,
                    "source": "added by the user in Border Atlas",
                },
            })
        })
        .collect();
    let collection = json!({ "type": "FeatureCollection", "features": features });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

/// Reads user places from GeoJSON (points with a `name`); ids are given anew when added.
pub fn from_geojson(text: &str) -> Result<Vec<UserPlace>, String> {
    let collection: geojson::FeatureCollection = text
        .parse::<geojson::GeoJson>()
        .map_err(|e| format!("not GeoJSON: {e}"))?
        .try_into()
        .map_err(|e| format!("not a FeatureCollection: {e}"))?;
    let mut places = Vec::new();
    for (n, f) in collection.features.iter().enumerate() {
        let Some(geojson::GeometryValue::Point { coordinates: c }) =
            f.geometry.as_ref().map(|g| &g.value)
        else {
            return Err(format!("feature {} is not a point", n + 1));
        };
        let (Some(&lon), Some(&lat)) = (c.as_slice().first(), c.as_slice().get(1)) else {
            return Err(format!("feature {} has no coordinates", n + 1));
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("feature {} lies outside the globe", n + 1));
        }
        let text = |key: &str| f.property(key).and_then(|v| v.as_str()).map(str::to_owned);
        let Some(name) = text("name").filter(|s| !s.trim().is_empty()) else {
            return Err(format!("feature {} has no name", n + 1));
        };
        let countries = f
            .property("countries")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        places.push(UserPlace {
            id: String::new(),
            name,
            kind: text("kind").unwrap_or_else(|| "village".into()),
            countries,
            lon,
            lat,
            at: text("added").unwrap_or_else(super::now),
        });
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> UserPlace {
        UserPlace {
            id: "user:1".into(),
            name: name.into(),
            kind: "village".into(),
            countries: vec!["KZ".into()],
            lon: 70.1,
            lat: 42.9,
            at: "2026-12-05T10:00:00Z".into(),
        }
    }

    #[test]
    fn names_are_found_as_whole_words_with_code_point_spans() {
        let doc = Document::new(
            "n.txt",
            "Über Жетыген: trucks wait at Жетыген, not at Жетыгенский.",
        );
        let found = find_in(&doc, &[place("Жетыген")]);
        let spans: Vec<&str> = found.iter().map(|(s, _)| doc.slice(*s)).collect();
        assert_eq!(spans, vec!["Жетыген", "Жетыген"]);
        assert_eq!(found[0].0.start, 5);
    }

    #[test]
    fn user_places_go_to_geojson_and_back() {
        let places = vec![place("Zhetygen")];
        let back = from_geojson(&to_geojson(&places)).expect("reads");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name, "Zhetygen");
        assert_eq!((back[0].lon, back[0].lat), (70.1, 42.9));
        assert_eq!(back[0].countries, vec!["KZ".to_string()]);
        assert!(from_geojson("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[500,1]},\"properties\":{\"name\":\"x\"}}]}").is_err());
    }
}
