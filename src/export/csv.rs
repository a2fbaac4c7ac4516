//! CSV export for spreadsheets: one row per place or relation with its id, name, kind,
//! countries, a representative point, its number of mentions and its first quote.

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
        "first_quote",
    ])?;
    for item in items {
        let p = item.geometry.representative_point();
        let quote = item.sources.first().map(|s| atlas.quote(*s)).unwrap_or("");
        writer.write_record([
            item.id.as_str(),
            item.name.as_str(),
            item.kind.as_str(),
            &item.countries.join(";"),
            &format!("{:.6}", p.y()),
            &format!("{:.6}", p.x()),
            &item.mention_count.to_string(),
            quote,
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
