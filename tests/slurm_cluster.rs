//! The Slurm job array of the research guide (`docs/research.md`) on a real one-node Slurm
//! cluster (issue 18): munge, `slurmctld -D` and `slurmd -D` started from
//! `tests/slurm/slurm.conf`, the guide's own script submitted with `sbatch` (only what the guide
//! tells a user to change is changed: the array size, the CPUs per
//! task for a 2-CPU node, the runs, the scenario path and `--out`). Its merged parts must equal one
//! unsharded run row for row; then a task is cancelled mid-run, the script resubmitted, and the
//! merge checked again. The daemons are stopped by their process ids.
//!
//! Needs root and Debian's `slurm-wlm` and `munge`: elsewhere it is skipped with a note, unless
//! `WHITECELL_REQUIRE_TOOLS` is set (CI), where it fails instead.

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOOLS: [&str; 8] = [
    "munged",
    "mungekey",
    "slurmctld",
    "slurmd",
    "sbatch",
    "squeue",
    "scancel",
    "sinfo",
];

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Why the cluster cannot be started here, if it cannot.
fn missing() -> Option<String> {
    let absent: Vec<&str> = TOOLS.iter().copied().filter(|t| !have(t)).collect();
    if !absent.is_empty() {
        return Some(format!(
            "{} not installed (apt-get install slurm-wlm munge)",
            absent.join(", ")
        ));
    }
    (!is_root()).then(|| "the daemons run as root, and this is not root".to_string())
}

/// The daemons, stopped by their ids when dropped (also when the test fails).
struct Cluster {
    dir: PathBuf,
    conf: PathBuf,
    daemons: Vec<(&'static str, Child)>,
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // slurmd first (its job steps end with it), then the controller, then munge.
        for (_, child) in self.daemons.iter_mut().rev() {
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn hostname() -> String {
    let o = Command::new("hostname")
        .arg("-s")
        .output()
        .expect("hostname");
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn spawn(name: &'static str, cmd: &mut Command, log: &Path) -> (&'static str, Child) {
    let out = std::fs::File::create(log).expect("log");
    let err = out.try_clone().expect("log");
    let child = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
    (name, child)
}

impl Cluster {
    fn start(dir: &Path) -> Cluster {
        for d in ["state", "spool", "munge"] {
            std::fs::create_dir_all(dir.join(d)).expect("folder");
        }
        let munge = dir.join("munge");
        let key = munge.join("munge.key");
        let ok = Command::new("mungekey")
            .args(["-c", "-k"])
            .arg(&key)
            .status()
            .expect("mungekey");
        assert!(ok.success(), "mungekey failed");
        let base = 20_000 + (std::process::id() % 10_000) * 2;
        let template = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/slurm/slurm.conf"),
        )
        .expect("tests/slurm/slurm.conf");
        let conf = dir.join("slurm.conf");
        std::fs::write(
            &conf,
            template
                .replace("@DIR@", &dir.to_string_lossy())
                .replace("@HOST@", &hostname())
                .replace("@CTLD_PORT@", &base.to_string())
                .replace("@SLURMD_PORT@", &(base + 1).to_string()),
        )
        .expect("slurm.conf");
        let mut c = Cluster {
            dir: dir.to_path_buf(),
            conf: conf.clone(),
            daemons: Vec::new(),
        };
        let m = |f: &str| format!("{}", munge.join(f).display());
        c.daemons.push(spawn(
            "munged",
            Command::new("munged").args([
                "-F",
                "-f",
                &format!("--key-file={}", m("munge.key")),
                &format!("--socket={}", m("munge.socket")),
                &format!("--pid-file={}", m("munged.pid")),
                &format!("--log-file={}", m("munged.log")),
                &format!("--seed-file={}", m("munged.seed")),
            ]),
            &dir.join("munged.out"),
        ));
        wait_for("munge's socket", || munge.join("munge.socket").exists());
        c.daemons.push(spawn(
            "slurmctld",
            Command::new("slurmctld").arg("-D").arg("-f").arg(&conf),
            &dir.join("slurmctld.out"),
        ));
        c.daemons.push(spawn(
            "slurmd",
            Command::new("slurmd").arg("-D").arg("-f").arg(&conf),
            &dir.join("slurmd.out"),
        ));
        wait_for("the node to be idle", || {
            c.slurm("sinfo", &["-h", "-o", "%t"]).contains("idle")
        });
        c
    }

    fn slurm(&self, tool: &str, args: &[&str]) -> String {
        let o = Command::new(tool)
            .args(args)
            .env("SLURM_CONF", &self.conf)
            .output()
            .unwrap_or_else(|e| panic!("{tool}: {e}"));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Submits `script` from `cwd` with `whitecell` on the PATH; returns the job id.
    fn submit(&self, script: &Path, cwd: &Path) -> String {
        let bin = Path::new(env!("CARGO_BIN_EXE_whitecell"))
            .parent()
            .expect("bin dir")
            .to_path_buf();
        let o = Command::new("sbatch")
            .arg("--parsable")
            .arg(script)
            .current_dir(cwd)
            .env("SLURM_CONF", &self.conf)
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .output()
            .expect("sbatch");
        assert!(
            o.status.success(),
            "sbatch: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// The job's array tasks still queued or running, as `TASK STATE` lines.
    fn tasks(&self, job: &str) -> String {
        self.slurm("squeue", &["-h", "-r", "-j", job, "-o", "%K %t"])
    }

    fn wait_done(&self, job: &str) {
        let start = Instant::now();
        while !self.tasks(job).trim().is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(600),
                "job {job} did not finish: {}\n{}",
                self.tasks(job),
                std::fs::read_to_string(self.dir.join("slurmctld.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn wait_for(what: &str, ready: impl Fn() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited a minute for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The README's Slurm script with what the README says a user changes changed.
fn script(out: &Path) -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research.md"))
            .expect("docs/research.md");
    let at = readme
        .find("#### Slurm job array")
        .expect("the Slurm section");
    let start = at + readme[at..].find("```bash\n").expect("its script") + "```bash\n".len();
    let end = start + readme[start..].find("```").expect("closed");
    let original = &readme[start..end];
    let edited = original
        .replace("--array=0-15", "--array=0-3")
        .replace("--cpus-per-task=4", "--cpus-per-task=1")
        .replace("--runs 100000", "--runs 2000")
        .replace("/shared/results/strait-sweep", &out.to_string_lossy());
    for (was, now) in [
        ("--array=0-15", "array"),
        ("--cpus-per-task=4", "cpus"),
        ("--runs 100000", "runs"),
        ("/shared/results/strait-sweep", "out"),
    ] {
        assert!(
            original.contains(was),
            "docs/research.md's script has no `{was}` ({now})"
        );
    }
    edited
}

fn rows(path: &Path) -> Vec<Vec<whitecell::batch::table::Cell>> {
    let mut v = Vec::new();
    whitecell::batch::parquet::read(path, &mut |c| {
        v.push(c);
        Ok(())
    })
    .expect("reads");
    v
}

fn merged_rows(out: &Path, file: &Path) -> Vec<Vec<whitecell::batch::table::Cell>> {
    let o = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .arg("merge")
        .arg(out)
        .arg("--out")
        .arg(file)
        .output()
        .expect("merge");
    assert!(
        o.status.success(),
        "merge: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    rows(file)
}

#[test]
fn the_readmes_job_array_runs_on_a_real_slurm_cluster() {
    if let Some(why) = missing() {
        assert!(
            std::env::var_os("WHITECELL_REQUIRE_TOOLS").is_none(),
            "cannot start a Slurm cluster ({why}), and WHITECELL_REQUIRE_TOOLS is set"
        );
        eprintln!("skipping: cannot start a Slurm cluster: {why}");
        return;
    }
    let t = tempfile::tempdir().expect("tempdir");
    let cluster = Cluster::start(&t.path().join("cluster"));
    let work = t.path().join("work");
    std::fs::create_dir_all(&work).expect("work");
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        work.join("scenarios"),
    )
    .expect("symlink");

    // The reference: the same batch, unsharded, on this machine.
    let reference = t.path().join("reference");
    let o = Command::new(env!("CARGO_BIN_EXE_whitecell"))
        .args([
            "batch",
            "scenarios/tutorial.ron",
            "--runs",
            "2000",
            "--master-seed",
            "2018",
            "--policy",
            "blue=cautious",
            "--policy",
            "red=aggressive",
            "--sweep",
            "tracks.tension.start=0,2,4",
            "--threads",
            "2",
            "--format",
            "parquet",
            "-q",
            "--out",
        ])
        .arg(&reference)
        .current_dir(&work)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let want = rows(&reference.join("part-00000-of-00001.parquet"));
    assert_eq!(want.len(), 6_000);

    // The array as the README has it.
    let out = t.path().join("results");
    let sweep = work.join("sweep.sh");
    std::fs::write(&sweep, script(&out)).expect("script");
    let job = cluster.submit(&sweep, &work);
    cluster.wait_done(&job);
    assert!(
        work.join("logs").is_dir(),
        "the script makes its own log folder"
    );
    let got = merged_rows(&out, &t.path().join("merged.parquet"));
    assert!(got == want, "the merged parts differ from an unsharded run");

    // A task cancelled mid-run, then the script resubmitted: finished shards are skipped, the
    // cancelled one plays again, and the merge is the same.
    let out2 = t.path().join("results2");
    std::fs::write(&sweep, script(&out2)).expect("script");
    let job = cluster.submit(&sweep, &work);
    let start = Instant::now();
    let cancelled = loop {
        let running = cluster.tasks(&job);
        if let Some(task) = running
            .lines()
            .find(|l| l.ends_with(" R"))
            .and_then(|l| l.split(' ').next())
        {
            std::thread::sleep(Duration::from_millis(500));
            cluster.slurm("scancel", &[&format!("{job}_{task}")]);
            break task.to_string();
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no task ran: {running}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    cluster.wait_done(&job);
    let part = out2.join(format!("part-0000{cancelled}-of-00004.parquet"));
    if part.exists() {
        eprintln!("note: task {cancelled} had finished before it was cancelled");
    }
    let job = cluster.submit(&sweep, &work);
    cluster.wait_done(&job);
    let logs: Vec<String> = std::fs::read_dir(work.join("logs"))
        .expect("logs")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{job}_"))
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert_eq!(logs.len(), 4, "a log per task of the resubmission");
    let skipped = logs
        .iter()
        .filter(|l| l.contains("already complete"))
        .count();
    assert!(
        skipped >= 3,
        "finished shards are skipped on resubmission: {logs:?}"
    );
    let again = merged_rows(&out2, &t.path().join("merged2.parquet"));
    assert!(again == want, "after a cancelled task, the merge differs");
    drop(cluster);
}
