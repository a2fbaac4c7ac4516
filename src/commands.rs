//! Running the command-line subcommands. Each document that cannot be read is reported
//! and the rest are still processed; the exit code says whether anything went wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::atlas::{Atlas, AtlasItem, ItemKind};
use crate::cli::{Choice, CliCommand, ExportFormat};
use crate::export::{geojson, write_atomically};
use crate::workspace::Workspace;

/// Runs a subcommand, printing results to `out` and problems to `err`.
pub fn run(
    command: CliCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        CliCommand::Places {
            docs,
            json,
            review: true,
            project,
            ..
        } => {
            let (atlas, ok) = read_atlas(&docs, project.as_deref(), err)?;
            crate::review::report::write_queue(out, &atlas, json)?;
            Ok(exit(ok))
        }
        CliCommand::Places {
            docs,
            json,
            unresolved: true,
            project,
            ..
        } => {
            let (atlas, ok) = read_atlas(&docs, project.as_deref(), err)?;
            write_unresolved(out, &atlas, json)?;
            Ok(exit(ok))
        }
        CliCommand::Eval { docs, gold, export } => eval(&docs, &gold, export.as_deref(), out, err),
        CliCommand::GazetteerBuild {
            source,
            common_words,
            out: file,
        } => gazetteer_build(&source, common_words.as_deref(), &file, err),
        CliCommand::Places {
            docs,
            json,
            project,
            ..
        } => {
            let (atlas, mut ok) = read_atlas(&docs, project.as_deref(), err)?;
            let mut items: Vec<&AtlasItem> = atlas.items.iter().collect();
            items.sort_by(|a, b| {
                b.mention_count
                    .cmp(&a.mention_count)
                    .then(a.name.cmp(&b.name))
            });
            if json {
                writeln!(out, "{}", places_json(&items))?;
            } else {
                write_table(out, &items)?;
            }
            ok &= true;
            Ok(exit(ok))
        }
        CliCommand::Export {
            choice,
            out: file,
            force,
            format,
        } => export(&choice, file.as_deref(), force, format, out, err),
        CliCommand::Render {
            out: file,
            width,
            height,
            choice,
            dark,
            projector,
            force,
        } => {
            let palette = match (dark, projector) {
                (_, true) => crate::map::Palette::Projector,
                (true, false) => crate::map::Palette::Dark,
                (false, false) => crate::map::Palette::Light,
            };
            render(&choice, &file, (width, height), palette, force, err)
        }
    }
}

/// Writes the chosen places as GeoJSON or CSV, to a file or to `out`.
fn export(
    choice @ Choice { kinds, ids, .. }: &Choice,
    file: Option<&std::path::Path>,
    force: bool,
    format: ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut ok = check_kinds(kinds, err)?;
    if let (false, Some(path)) = (ok, &file) {
        writeln!(err, "error: nothing written to {}", path.display())?;
        return Ok(exit(false));
    }
    let (atlas, read_ok) = read_atlas(&choice.docs, choice.project.as_deref(), err)?;
    ok &= read_ok;
    let mut items = chosen(&atlas, kinds, ids, err)?;
    items.retain(|i| in_time(choice, i) && (i.verified || !choice.verified_only));
    // A run that failed writes nothing: a good export is never replaced by a
    // partial or empty one.
    if let (false, Some(path)) = (ok, &file) {
        writeln!(
            err,
            "error: nothing written to {}: fix the errors above, or leave the failing files out",
            path.display()
        )?;
        return Ok(exit(false));
    }
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            ExportFormat::Geojson => {
                geojson::write_collection(&atlas, &items, &mut *w)?;
                writeln!(w)
            }
            ExportFormat::Csv => {
                let text =
                    crate::export::csv::to_csv(&atlas, &items).map_err(std::io::Error::other)?;
                w.write_all(text.as_bytes())
            }
        }
    };
    match file {
        Some(path) => {
            crate::fileio::write_atomically_with(
                path,
                force,
                crate::fileio::Access::Shared,
                |f| {
                    let mut buffered = std::io::BufWriter::new(f);
                    write(&mut buffered)?;
                    buffered.flush()
                },
            )?;
            let n = items.len();
            let noun = if n == 1 { "feature" } else { "features" };
            writeln!(err, "wrote {n} {noun} to {}", path.display())?;
        }
        None => write(out)?,
    }
    Ok(exit(ok))
}

/// Whether an item passes the time filters: an event in `--from`..`--to`, or one on or
/// before `--as-of`. Without them, every item does.
fn in_time(choice: &Choice, item: &AtlasItem) -> bool {
    if choice.from.is_none() && choice.to.is_none() && choice.as_of.is_none() {
        return true;
    }
    item.events.iter().filter_map(|e| e.date).any(|d| {
        let after = choice.from.is_none_or(|f| d.end() >= f.start());
        let before = choice.to.is_none_or(|t| d.start() <= t.end());
        let by = choice.as_of.is_none_or(|a| d.start() <= a.end());
        after && before && by
    })
}

/// Reports kinds that do not exist; `false` if there were any.
fn check_kinds(kinds: &[String], err: &mut dyn Write) -> std::io::Result<bool> {
    let known = ItemKind::all_names();
    let mut ok = true;
    for k in kinds.iter().filter(|k| !known.contains(&k.as_str())) {
        writeln!(
            err,
            "error: unknown kind `{k}`; kinds are: {}",
            known.join(", ")
        )?;
        ok = false;
    }
    Ok(ok)
}

/// The items of the given kinds and ids (all, when none are given); warns of ids not found.
fn chosen<'a>(
    atlas: &'a Atlas,
    kinds: &[String],
    ids: &[String],
    err: &mut dyn Write,
) -> std::io::Result<Vec<&'a AtlasItem>> {
    let items: Vec<&AtlasItem> = atlas
        .items
        .iter()
        .filter(|i| kinds.is_empty() || kinds.iter().any(|k| k == i.kind.as_str()))
        .filter(|i| ids.is_empty() || ids.contains(&i.id))
        .collect();
    for id in ids.iter().filter(|id| !items.iter().any(|i| &i.id == *id)) {
        writeln!(
            err,
            "warning: no place or relation with id `{id}` in these documents"
        )?;
    }
    Ok(items)
}

/// Draws the chosen places and writes the PNG.
fn render(
    choice @ Choice { kinds, ids, .. }: &Choice,
    file: &std::path::Path,
    (width, height): (u32, u32),
    palette: crate::map::Palette,
    force: bool,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut ok = check_kinds(kinds, err)?;
    let (atlas, read_ok) = read_atlas(&choice.docs, choice.project.as_deref(), err)?;
    ok &= read_ok;
    let keep: Vec<String> = chosen(&atlas, kinds, ids, err)?
        .iter()
        .filter(|i| in_time(choice, i) && (i.verified || !choice.verified_only))
        .map(|i| i.id.clone())
        .collect();
    if keep.is_empty() {
        writeln!(err, "error: nothing to draw: no place matches")?;
        return Ok(exit(false));
    }
    let mut atlas = atlas;
    atlas.items.retain(|i| keep.contains(&i.id));
    let basemap = crate::basemap::Basemap::embedded()
        .map(crate::map::BasemapRenderer::new)
        .map_err(|e| e.to_string());
    let mut picture =
        crate::picture::Picture::of_atlas(&atlas, std::sync::Arc::new(basemap), palette);
    if let Some(as_of) = choice.as_of {
        // Each place as it stands at the date: the closed ones crossed out.
        picture.closed = atlas
            .items
            .iter()
            .map(|i| {
                crate::events::status_as_of(&i.events, as_of.end()).is_some_and(|s| s.is_closed())
            })
            .collect();
    }
    crate::render::render_to_file(picture, width, height, file, force)?;
    writeln!(
        err,
        "wrote a {width}×{height} picture of {} places to {}",
        keep.len(),
        file.display()
    )?;
    Ok(exit(ok))
}

/// Lists the unresolved names: a table, or JSON.
fn write_unresolved(out: &mut dyn Write, atlas: &Atlas, json: bool) -> std::io::Result<()> {
    let rows: Vec<serde_json::Value> = atlas
        .unresolved
        .iter()
        .filter_map(|(d, u)| {
            let doc = atlas.corpus.documents.get(*d)?;
            let passage = doc.passages.get(u.passage)?;
            Some(serde_json::json!({
                "name": u.name,
                "kind": u.kind.as_str(),
                "document": doc.file_name,
                "start": u.span.start,
                "end": u.span.end,
                "quote": doc.slice(*passage),
            }))
        })
        .collect();
    if json {
        return writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    }
    writeln!(
        out,
        "{:<30}  {:<10}  {:<30}  passage",
        "name", "kind", "document"
    )?;
    for r in &rows {
        let s = |k: &str| r[k].as_str().unwrap_or("").to_owned();
        let quote: String = s("quote").chars().take(80).collect();
        writeln!(
            out,
            "{:<30}  {:<10}  {:<30}  {}",
            s("name"),
            s("kind"),
            s("document"),
            quote.replace('\n', " ")
        )?;
    }
    Ok(())
}

/// Geoparses the documents, exports every place, and scores the export against the gold.
fn eval(
    docs: &[PathBuf],
    gold: &std::path::Path,
    export: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let gold_text = std::fs::read_to_string(gold)
        .map_err(|e| anyhow::anyhow!("cannot read the gold list {}: {e}", gold.display()))?;
    let gold = crate::eval::parse_gold(&gold_text)?;
    let (atlas, ok) = build_atlas(docs, err)?;
    let items: Vec<&AtlasItem> = atlas.items.iter().collect();
    let collection = geojson::feature_collection(&atlas, &items);
    if let Some(path) = export {
        write_atomically(path, geojson::to_string(&collection).as_bytes(), true)?;
    }
    let report = crate::eval::score(&collection.features, &gold);
    for m in &report.misses {
        writeln!(out, "MISS: {m}")?;
    }
    for s in &report.strays {
        writeln!(out, "STRAY: {s}")?;
    }
    for w in &report.wrong_in_doc {
        writeln!(out, "WRONG IN DOC: {w}")?;
    }
    writeln!(out, "{}", report.calibration_table())?;
    let (right, total) = report.right_at_or_above(0.8);
    writeln!(
        out,
        "confidence >= 0.8: {right}/{total} right ({:.0}%)",
        100.0 * right as f64 / total.max(1) as f64
    )?;
    writeln!(out, "{}", report.summary())?;
    Ok(exit(ok))
}

/// Builds the background gazetteer asset.
fn gazetteer_build(
    source: &std::path::Path,
    common_words: Option<&std::path::Path>,
    file: &std::path::Path,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    use crate::gazetteer::build;
    let reader = std::io::BufReader::new(std::fs::File::open(source)?);
    let places = build::read_source(reader)?;
    let words: Vec<String> = match common_words {
        Some(p) => std::fs::read_to_string(p)?
            .lines()
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    let bytes = build::build(&places, &words)?;
    write_atomically(file, &bytes, true)?;
    writeln!(
        err,
        "wrote {} places ({} bytes) to {}",
        places.len(),
        bytes.len(),
        file.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Reads the documents (the seeds when `docs` is empty) and geoparses them; reports every
/// unreadable file to `err`. The flag is false when any file failed.
fn build_atlas(docs: &[PathBuf], err: &mut dyn Write) -> anyhow::Result<(Atlas, bool)> {
    let (workspace, ok) = read_workspace(docs, err)?;
    Ok((Arc::unwrap_or_clone(workspace.atlas), ok))
}

/// The atlas of a project (its documents, layers and decisions) or of documents; reports
/// unreadable files and decisions set aside to `err`. The flag is false when anything failed.
fn read_atlas(
    docs: &[PathBuf],
    project: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> anyhow::Result<(Atlas, bool)> {
    let Some(path) = project else {
        return build_atlas(docs, err);
    };
    let project = crate::project::Project::read(path)
        .map_err(|e| anyhow::anyhow!("cannot open the project {}: {e}", path.display()))?;
    let geoparser = Workspace::geoparser().map_err(anyhow::Error::msg)?;
    let workspace = Workspace::from_project(&project, geoparser)
        .map_err(|e| anyhow::anyhow!("cannot open the project {}: {e}", path.display()))?;
    let atlas = Arc::unwrap_or_clone(workspace.atlas);
    for d in &atlas.set_aside {
        writeln!(
            err,
            "warning: a decision about «{}» was set aside: its document is not in the project or has changed",
            d.name
        )?;
    }
    Ok((atlas, true))
}

/// The workspace of the documents (the seeds when `docs` is empty); reports every unreadable
/// file to `err`. The flag is false when any file failed.
fn read_workspace(docs: &[PathBuf], err: &mut dyn Write) -> anyhow::Result<(Workspace, bool)> {
    let geoparser = Workspace::geoparser().map_err(anyhow::Error::msg)?;
    if docs.is_empty() {
        return Ok((Workspace::seeds_with(geoparser), true));
    }
    let (workspace, errors) = Workspace::of_paths(docs, geoparser);
    for e in &errors {
        writeln!(err, "error: {e}")?;
    }
    if workspace.atlas.corpus.documents.is_empty() {
        writeln!(
            err,
            "error: none of the given paths held a readable document"
        )?;
    }
    Ok((workspace, errors.is_empty()))
}

fn write_table(out: &mut dyn Write, items: &[&AtlasItem]) -> std::io::Result<()> {
    let width = items
        .iter()
        .map(|i| i.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 60);
    writeln!(
        out,
        "{:<width$}  {:<12}  {:<11}  {:>8}  id",
        "name", "kind", "countries", "mentions"
    )?;
    for i in items {
        writeln!(
            out,
            "{:<width$}  {:<12}  {:<11}  {:>8}  {}",
            i.name,
            i.kind.as_str(),
            i.countries.join(","),
            i.mention_count,
            i.id
        )?;
    }
    Ok(())
}

fn places_json(items: &[&AtlasItem]) -> String {
    let rows: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            let p = i.geometry.representative_point();
            serde_json::json!({
                "id": i.id,
                "name": i.name,
                "kind": i.kind.as_str(),
                "countries": i.countries,
                "mentions": i.mention_count,
                "passages": i.sources.len(),
                "lon": (p.x() * 1e6).round() / 1e6,
                "lat": (p.y() * 1e6).round() / 1e6,
                "status": i.status.map(|s| s.as_str()),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default()
}
