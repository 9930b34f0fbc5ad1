//! The README's worked examples of `merge`, `--history`, `--schema` and `--shard auto`, run as
//! written: each block marked `<!-- readme-example: NAME -->` is run by bash in an empty folder
//! (with the repository's `scenarios/` beside it and `whitecell` on the PATH), must exit 0, and
//! must print what its `# ` comment lines show (up to any `...`).

use std::path::Path;
use std::process::Command;

fn example(name: &str) -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let marker = format!("<!-- readme-example: {name} -->\n```sh\n");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("no example `{name}`"))
        + marker.len();
    let end = readme[at..].find("```").expect("closed block");
    readme[at..at + end].to_string()
}

/// Runs the example; returns its stdout and the folder it ran in.
fn run(name: &str) -> (String, tempfile::TempDir) {
    let script = example(name);
    let t = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        t.path().join("scenarios"),
    )
    .expect("symlink");
    let bin = Path::new(env!("CARGO_BIN_EXE_whitecell"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(t.path())
        .env("PATH", path)
        .env_remove("SLURM_ARRAY_TASK_ID")
        .env_remove("JOB_COMPLETION_INDEX")
        .output()
        .expect("bash runs");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{name}:\n{script}\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for line in script.lines().filter_map(|l| l.trim().strip_prefix("# ")) {
        let shown = line.split("...").next().unwrap_or("").trim();
        assert!(out.contains(shown), "{name}: `{shown}` not in:\n{out}");
    }
    (out, t)
}

#[test]
fn the_merge_example_runs_as_written() {
    let (_, t) = run("merge");
    let merged = t.path().join("results-three.parquet");
    let text = whitecell::batch::parquet::manifest_text(&merged)
        .expect("reads")
        .expect("manifest");
    assert!(text.contains("\"rows\": 60"), "{text}");
}

#[test]
fn the_history_and_schema_example_runs_as_written() {
    let (out, t) = run("history");
    let hist = t.path().join("results/tension-history");
    let names = whitecell::batch::parquet::names(&hist.join("part-00000-of-00001.parquet"))
        .expect("a history part");
    assert_eq!(names[..2], ["run".to_string(), "turn".to_string()]);
    let json = &out[out.find('{').expect("the schema's JSON")..];
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    // The research guide's tables hold every column the schema lists (by name, or by its pattern).
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research.md"))
            .expect("docs/research.md");
    for table in ["games", "history"] {
        for c in v[table].as_array().expect("columns") {
            let name = c["name"].as_str().expect("name");
            let pattern = [
                "param_",
                "track_",
                "points_",
                "lost_",
                "control_",
                "objective_",
                "strength_",
            ]
            .iter()
            .find(|p| name.starts_with(*p))
            .map(|p| {
                let kind = match *p {
                    "param_" => "path",
                    "track_" => "id",
                    "control_" => "zone",
                    "objective_" => "side>_<k",
                    _ => "side",
                };
                format!("`{p}<{kind}>`")
            });
            let shown = pattern.unwrap_or_else(|| format!("`{name}`"));
            let row = readme
                .lines()
                .find(|l| l.starts_with(&format!("| {shown} |")))
                .unwrap_or_else(|| {
                    panic!("{table}: docs/research.md's table has no row for {shown}")
                });
            let ty = c["type"].as_str().expect("type");
            let cell = row.split('|').nth(2).unwrap_or("");
            assert!(
                cell.contains(ty),
                "{table}: {shown} is {ty}, docs/research.md says {cell}"
            );
        }
    }
}

#[test]
fn the_shard_auto_example_runs_as_written() {
    let (_, t) = run("shard-auto");
    assert!(
        t.path()
            .join("results/auto/part-00001-of-00004.parquet")
            .is_file()
    );
}
