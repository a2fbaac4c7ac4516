//! The files and paths people really have, given to the command line: things at `--out`
//! that are not regular files, documents that are devices, pipes or loops, text in UTF-16
//! without a byte-order mark, failed runs, a write killed half-way, formula-like quotes in
//! CSV, and projects with numbers no Border Atlas writes. Each case runs the real binary
//! (or the library, for projects) and checks what is left on disk.

use std::fs;
use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use border_atlas::project::{Project, ProjectError, SavedDocument, SavedLayer};

/// What a finished run printed and how it ended.
struct Run {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs the binary and fails the test if it has not finished within `limit` (it is then
/// killed): a hang is a failure, not a stuck test suite.
fn border_atlas_within(args: &[&str], limit: Duration) -> Run {
    let scratch = tempfile::tempdir().expect("scratch dir");
    let (out_path, err_path) = (scratch.path().join("out"), scratch.path().join("err"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_border-atlas"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).expect("stdout file"))
        .stderr(fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("the binary starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`border-atlas {}` did not finish within {limit:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        success: status.success(),
        stdout: fs::read_to_string(out_path).unwrap_or_default(),
        stderr: fs::read_to_string(err_path).unwrap_or_default(),
    }
}

fn border_atlas(args: &[&str]) -> Run {
    border_atlas_within(args, Duration::from_secs(120))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Files in `dir` whose name marks them as Border Atlas temporaries.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".border-atlas-") && n.ends_with(".tmp"))
        })
        .collect()
}

/// What a path is, without following a link: its kind, where a link points, the device a
/// node stands for.
#[derive(Debug, PartialEq)]
enum Node {
    Fifo,
    Link(PathBuf),
    CharDevice(u64),
    Other(String),
}

fn node(path: &Path) -> Node {
    let meta = fs::symlink_metadata(path).expect("the path is still there");
    let t = meta.file_type();
    if t.is_fifo() {
        Node::Fifo
    } else if t.is_symlink() {
        Node::Link(fs::read_link(path).expect("link"))
    } else if t.is_char_device() {
        Node::CharDevice(meta.rdev())
    } else {
        Node::Other(format!("{t:?}"))
    }
}

/// A character device to aim `--out` at. As root, a node made in `dir` (a copy of
/// `/dev/full`), so a failure cannot harm the machine; otherwise `/dev/full` itself, which
/// the user cannot replace anyway, so the check still shows the refusal and its message.
fn device_node(dir: &Path) -> PathBuf {
    let made = dir.join("full");
    let ok = Command::new("mknod")
        .args([s(&made), "c", "1", "7"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|st| st.success());
    if ok { made } else { PathBuf::from("/dev/full") }
}

#[test]
fn out_paths_that_are_not_regular_files_are_left_as_they_are() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("pipe.geojson");
    mkfifo(&fifo);
    let target = dir.path().join("notes.txt");
    fs::write(&target, "my notes").expect("target");
    let link = dir.path().join("link.geojson");
    std::os::unix::fs::symlink(&target, &link).expect("link");
    let dangling = dir.path().join("dangling.geojson");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("dangling link");
    let device = device_node(dir.path());

    for (path, why) in [
        (&fifo, "named pipe"),
        (&link, "symbolic link"),
        (&dangling, "symbolic link"),
        (&device, "device"),
    ] {
        let before = node(path);
        for force in [false, true] {
            let mut args = vec!["export", "--kind", "hub", "--out", s(path)];
            if force {
                args.push("--force");
            }
            let run = border_atlas(&args);
            assert!(!run.success, "{}: refused (force: {force})", path.display());
            assert!(
                run.stderr.contains(why) && run.stderr.contains("not a regular file"),
                "{}: says why: {}",
                path.display(),
                run.stderr
            );
            assert!(
                !run.stderr.contains("Stack backtrace"),
                "a message, not a backtrace"
            );
            assert_eq!(node(path), before, "{} is unchanged", path.display());
        }
    }
    assert_eq!(fs::read_to_string(&target).expect("target"), "my notes");
    assert!(
        !dir.path().join("nowhere").exists(),
        "nothing written through the dangling link"
    );
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn a_failed_export_leaves_the_old_file_byte_identical() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("hubs.geojson");
    let first = border_atlas(&["export", "--kind", "hub", "--out", s(&out)]);
    assert!(first.success, "{}", first.stderr);
    let before = fs::read(&out).expect("written");
    assert!(before.len() > 100);

    // A misspelt kind.
    let run = border_atlas(&["export", "--kind", "hubb", "--out", s(&out), "--force"]);
    assert!(!run.success);
    assert!(run.stderr.contains("unknown kind"), "{}", run.stderr);
    assert_eq!(fs::read(&out).expect("kept"), before);

    // Documents that all fail: a binary file and a missing one.
    let binary = dir.path().join("photo.txt");
    fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 255, 1].repeat(64)).expect("binary");
    let missing = dir.path().join("missing.txt");
    let run = border_atlas(&[
        "export",
        "--docs",
        s(&binary),
        "--docs",
        s(&missing),
        "--out",
        s(&out),
        "--force",
    ]);
    assert!(!run.success);
    assert!(run.stderr.contains("photo.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert_eq!(fs::read(&out).expect("kept"), before);

    // The same with CSV.
    let run = border_atlas(&[
        "export",
        "--format",
        "csv",
        "--kind",
        "nope",
        "--out",
        s(&out),
        "--force",
    ]);
    assert!(!run.success);
    assert_eq!(fs::read(&out).expect("kept"), before);
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn documents_that_are_devices_pipes_or_loops_finish_quickly_with_a_message() {
    let limit = Duration::from_secs(30);
    let run = border_atlas_within(&["places", "--docs", "/dev/zero"], limit);
    assert!(!run.success);
    assert!(
        run.stderr.contains("/dev/zero") && run.stderr.contains("device"),
        "{}",
        run.stderr
    );

    let dir = tempfile::tempdir().expect("dir");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("docs");
    fs::write(
        docs.join("a.txt"),
        "Almaty and Bishkek signed a road agreement.",
    )
    .expect("a");
    mkfifo(&docs.join("x.txt"));
    // Loops: a link to the folder itself, and one from a subfolder to its parent.
    std::os::unix::fs::symlink(".", docs.join("self")).expect("self link");
    fs::create_dir(docs.join("sub")).expect("sub");
    std::os::unix::fs::symlink("..", docs.join("sub").join("up")).expect("up link");
    // A link to a file read anyway: counted once.
    std::os::unix::fs::symlink("a.txt", docs.join("same.txt")).expect("file link");

    // The pipe is skipped with a message, and the run says some input was skipped by
    // its exit status, as with any unreadable file; the rest is processed.
    let run = border_atlas_within(&["places", "--docs", s(&docs)], limit);
    assert!(!run.success, "a skipped file shows in the exit status");
    assert!(
        run.stderr.contains("x.txt") && run.stderr.contains("named pipe"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("loop"), "{}", run.stderr);
    let alone = border_atlas(&["places", "--docs", s(&docs.join("a.txt"))]);
    assert!(alone.success, "{}", alone.stderr);
    assert!(alone.stdout.contains("city_almaty"));
    assert_eq!(
        run.stdout, alone.stdout,
        "the folder's one document is read once"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let text = "The Korday checkpoint between Almaty and Bishkek reopened; \
                Казахстан и Кыргызстан открыли пункт пропуска «Кордай».";
    let dir = tempfile::tempdir().expect("dir");
    for (name, bytes) in [
        (
            "le.txt",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        ),
        (
            "be.txt",
            text.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<_>>(),
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        let run = border_atlas(&["places", "--docs", s(&path)]);
        assert!(run.success, "{name}: {}", run.stderr);
        for id in ["city_almaty", "city_bishkek", "cp_korday"] {
            assert!(run.stdout.contains(id), "{name}: {id} in\n{}", run.stdout);
        }
    }
}

#[test]
fn csv_cells_that_read_as_formulas_are_inert() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = dir.path().join("formula.txt");
    fs::write(
        &doc,
        "=HYPERLINK(\"http://example.com\") Trucks queue at Almaty.\n\n\
         +SUM(A1) Bishkek hosts the talks.\n\n\
         @cmd Korday reopened.\n\n\
         -2+3 Tashkent signed.\n",
    )
    .expect("doc");
    let run = border_atlas(&["export", "--format", "csv", "--docs", s(&doc)]);
    assert!(run.success, "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let mut quotes = 0;
    for record in reader.records() {
        let record = record.expect("valid CSV");
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "an inert cell: {cell:?}"
            );
            if cell.starts_with("'=HYPERLINK") || cell.starts_with("'+SUM") {
                quotes += 1;
            }
        }
    }
    assert!(
        quotes >= 2,
        "the formula-like quotes are there, made inert:\n{}",
        run.stdout
    );
}

fn project_with(layer_keys: &[u32]) -> Project {
    let mut p = Project::default();
    p.documents.push(SavedDocument {
        file_name: "kegen.txt".into(),
        text: "The Kegen checkpoint reopens.".into(),
        text_file: None,
    });
    for (i, &key) in layer_keys.iter().enumerate() {
        p.layers.push(SavedLayer {
            key,
            name: format!("layer {i}"),
            path: None,
            features: serde_json::json!({"type": "Point", "coordinates": [74.6, 42.9]}),
        });
    }
    p
}

#[test]
fn projects_with_numbers_out_of_range_are_refused_with_the_reason() {
    assert!(Project::from_json(project_with(&[1, 2]).to_json().as_bytes()).is_ok());
    let cases: [(Project, &str); 4] = [
        (project_with(&[u32::MAX]), "4294967295"),
        (project_with(&[0]), "layer key 0"),
        (project_with(&[7, 7]), "two layers have the key 7"),
        (
            {
                let mut p = project_with(&[1]);
                p.hidden_documents = vec![usize::MAX];
                p
            },
            "document index",
        ),
    ];
    for (project, reason) in cases {
        let err = Project::from_json(project.to_json().as_bytes()).expect_err("refused");
        assert!(matches!(err, ProjectError::OutOfRange(_)), "{err:?}");
        assert!(err.to_string().contains(reason), "{err} names {reason}");
    }
    // A view off the globe, written by hand.
    let mut json: serde_json::Value =
        serde_json::from_str(&project_with(&[1]).to_json()).expect("json");
    json["view"] = serde_json::json!({"lon": 1e308, "lat": 0.0, "zoom": 4.0});
    let err = Project::from_json(json.to_string().as_bytes()).expect_err("refused");
    assert!(err.to_string().contains("off the globe"), "{err}");
    // And a text file that points out of the session folder.
    let mut json: serde_json::Value =
        serde_json::from_str(&project_with(&[1]).to_json()).expect("json");
    json["documents"][0]["text_file"] = serde_json::json!("../../etc/passwd");
    let err = Project::from_json(json.to_string().as_bytes()).expect_err("refused");
    assert!(err.to_string().contains("odd file"), "{err}");
}

/// Exports `doc` over `out` with `--force`, and kills the process with SIGKILL as soon as
/// its temporary file appears. Returns whether the kill came in time (during the write).
fn kill_during_export(doc: &Path, out: &Path) -> bool {
    let dir = out.parent().expect("folder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_border-atlas"))
        .args(["export", "--docs", s(doc), "--out", s(out), "--force"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let start = Instant::now();
    let caught = loop {
        if !temporaries(dir).is_empty() {
            child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
            break true;
        }
        if child.try_wait().expect("wait").is_some() || start.elapsed() > Duration::from_secs(300) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let status = child.wait().expect("reaped");
    caught && !status.success()
}

#[test]
fn an_export_killed_half_way_leaves_the_old_file_and_the_next_write_cleans_up() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("atlas.geojson");
    let first = border_atlas(&["export", "--kind", "hub", "--out", s(&out)]);
    assert!(first.success, "{}", first.stderr);
    let before = fs::read(&out).expect("written");

    // A document whose export takes long enough to be caught writing (tens of MB of quotes).
    let doc = dir.path().join("almaty.txt");
    let mut killed = false;
    for repeats in [200_000, 600_000, 1_500_000] {
        fs::write(&doc, "Almaty. ".repeat(repeats)).expect("doc");
        if kill_during_export(&doc, &out) {
            killed = true;
            break;
        }
        // The export finished before its temporary file was seen: put the old file back.
        fs::write(&out, &before).expect("restore");
    }
    assert!(killed, "the export was killed while writing");
    assert_eq!(
        fs::read(&out).expect("kept"),
        before,
        "the old file is byte-identical"
    );
    assert_eq!(
        temporaries(dir.path()).len(),
        1,
        "the killed write left its temporary file"
    );

    // The next write to the folder removes it and leaves none of its own.
    let next = border_atlas(&[
        "export",
        "--kind",
        "hub",
        "--out",
        s(&dir.path().join("x.geojson")),
    ]);
    assert!(next.success, "{}", next.stderr);
    assert!(
        temporaries(dir.path()).is_empty(),
        "{:?}",
        temporaries(dir.path())
    );
    assert_eq!(fs::read(&out).expect("kept"), before);
}
