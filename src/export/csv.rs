//! CSV export for spreadsheets: one row per place or relation with its id, name, kind,
//! countries, a representative point, its number of mentions and its first quote.
//!
//! A cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return: the OWASP list) gets a leading apostrophe, so a quote such
//! as "=HYPERLINK(…)" is shown as text and never run.

use crate::atlas::{Atlas, AtlasItem};

/// The CSV text of `items` (RFC 4180 quoting, a header row).
pub fn to_csv(atlas: &Atlas, items: &[&AtlasItem]) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "id",
        "name",
        "kind",
        "countries",
        "latitude",
        "longitude",
        "mentions",
        "review",
        "confidence",
        "first_event",
        "last_event",
        "latest_status",
        "first_quote",
    ])?;
    for item in items {
        let p = item.geometry.representative_point();
        let dated: Vec<crate::corpus::dates::Date> =
            item.events.iter().filter_map(|e| e.date).collect();
        let latest = item.events.iter().rfind(|e| e.date.is_some());
        let mut id = item.id.clone();
        let mut kind = item.kind.as_str().to_owned();
        let mut quote = item
            .sources
            .first()
            .map(|s| atlas.quote(*s))
            .unwrap_or("")
            .to_owned();
        // An imported feature keeps its own id, kind and first quote where it has them.
        if let Some((_, f)) = atlas.imported(item) {
            match &f.id {
                Some(geojson::feature::Id::String(s)) => id = s.clone(),
                Some(geojson::feature::Id::Number(n)) => id = n.to_string(),
                None => {}
            }
            let text =
                |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
            kind = text(f.properties.get("kind")).unwrap_or(kind);
            quote = text(
                f.properties
                    .get("sources")
                    .and_then(|s| s.pointer("/0/quote")),
            )
            .unwrap_or(quote);
        }
        writer.write_record([
            inert(&id).as_ref(),
            inert(&item.name).as_ref(),
            inert(&kind).as_ref(),
            inert(&item.countries.join(";")).as_ref(),
            &format!("{:.6}", p.y()),
            &format!("{:.6}", p.x()),
            &item.mention_count.to_string(),
            if item.verified {
                "verified"
            } else {
                "automatic"
            },
            &item.confidence.map_or(String::new(), |c| format!("{c:.2}")),
            &dated.first().map_or(String::new(), |d| d.to_string()),
            &dated.last().map_or(String::new(), |d| d.to_string()),
            latest.map_or("", |e| e.status.as_str()),
            inert(&quote).as_ref(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The cell's text, made inert if a spreadsheet would read it as a formula.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_inert() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert(bad), format!("'{bad}"));
        }
        assert_eq!(inert("Karasu"), "Karasu");
    }
}
