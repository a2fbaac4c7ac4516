//! Prints what the gazetteer's name indexes hold for a name: every key its folded form
//! starts with a prefix of, with the places and flags behind it.
//! `cargo run --example lookup -- "Восточно-Казахстанской"`. A tool for reviewing the
//! gazetteer.

use border_atlas::gazetteer::Gazetteer;
use border_atlas::geoparse::fold::fold_name;

fn main() -> anyhow::Result<()> {
    let g = Gazetteer::embedded()?;
    for name in std::env::args().skip(1) {
        let folded = fold_name(&name);
        println!("== {name} → {folded:?}");
        for end in (1..=folded.len()).filter(|&e| folded.is_char_boundary(e)) {
            let key = &folded[..end];
            for (label, map, offset) in [
                ("curated", g.curated_names().get(key), 0),
                ("background", g.store().names().get(key), g.curated().len()),
            ] {
                let Some(value) = map else { continue };
                let (key_flags, postings) = if label == "curated" {
                    g.curated_names().postings(value)
                } else {
                    g.store().names().postings(value)
                };
                for p in postings.take(12) {
                    let index = offset + p.place as usize;
                    let place = g.get(index);
                    println!(
                        "  {key:<30} {label:<10} key {key_flags} flags {:05b}  {}  {}",
                        p.flags,
                        place.as_ref().map_or("(suppressed)", |p| p.id.as_str()),
                        place.as_ref().map_or("", |p| p.name.as_str()),
                    );
                }
            }
        }
    }
    Ok(())
}
