//! Headless Chromium for the report tests: Debian's `chromium` run with its own command line
//! (no DevTools client), a fresh profile each time. `--dump-dom` gives the DOM after the page's
//! script has run — the report checks itself when its address carries `#selftest` and writes what
//! it found into `<pre id="selftest">`, which [`selftest`] reads back — and `--screenshot` a PNG.
//! A test calls [`find`] first and skips, saying why, when there is no browser.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A Chromium binary.
pub struct Chromium {
    bin: PathBuf,
}

/// Chromium, from `$WHITECELL_CHROMIUM` or the `PATH`; `None` (with the reason printed) if absent.
#[allow(clippy::print_stderr)]
pub fn find(test: &str) -> Option<Chromium> {
    let named = std::env::var_os("WHITECELL_CHROMIUM").map(PathBuf::from);
    let on_path = || {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
            .find(|p| p.is_file())
    };
    match named.filter(|p| p.is_file()).or_else(on_path) {
        Some(bin) => Some(Chromium { bin }),
        None => {
            let why = "no chromium on the PATH (Debian: apt-get install -y chromium; or set WHITECELL_CHROMIUM)";
            // CI sets this: there a missing browser is a failure, not a skip.
            assert!(
                std::env::var_os("WHITECELL_REQUIRE_TOOLS").is_none(),
                "{test}: {why}, and WHITECELL_REQUIRE_TOOLS is set"
            );
            eprintln!("skipping {test}: {why}");
            None
        }
    }
}

/// What one run of the browser printed.
pub struct Run {
    /// Stdout (the DOM, for `--dump-dom`).
    pub stdout: String,
    /// Stderr (Chromium's own log and the page's console, with `--enable-logging=stderr`).
    pub stderr: String,
}

impl Chromium {
    /// Opens `file#hash` with `extra` flags, in a fresh profile, at 1600 x 1000.
    pub fn run(&self, file: &Path, hash: &str, extra: &[&str]) -> Run {
        let profile = tempfile::tempdir().expect("a profile folder");
        let url = format!(
            "file://{}#{hash}",
            file.canonicalize().expect("the report exists").display()
        );
        let mut child = Command::new(&self.bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1600,1000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // Read both pipes while waiting, so a full pipe cannot stall the browser.
        let mut so = child.stdout.take().expect("stdout");
        let mut se = child.stderr.take().expect("stderr");
        let out = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut so, &mut s);
            s
        });
        let err = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut se, &mut s);
            s
        });
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if child
                .try_wait()
                .expect("chromium can be waited for")
                .is_some()
            {
                break;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within 90 s on {url}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Run {
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
        }
    }

    /// The DOM of `file#hash` after its script has run, in a window of `w` x `h`.
    pub fn dom_at(&self, file: &Path, hash: &str, (w, h): (u32, u32)) -> Run {
        self.run(
            file,
            hash,
            &["--dump-dom", &format!("--window-size={w},{h}")],
        )
    }

    /// A screenshot of `file#hash` in a window of `w` x `h`, written to `png`.
    pub fn screenshot_at(&self, file: &Path, hash: &str, png: &Path, (w, h): (u32, u32)) {
        let r = self.run(
            file,
            hash,
            &[
                &format!("--screenshot={}", png.display()),
                &format!("--window-size={w},{h}"),
            ],
        );
        assert!(png.is_file(), "no screenshot was written:\n{}", r.stderr);
    }

    /// The DOM of `file#hash` after its script has run.
    pub fn dom(&self, file: &Path, hash: &str) -> Run {
        self.run(file, hash, &["--dump-dom"])
    }

    /// A screenshot of `file#hash` at 1600 x 1000, written to `png`.
    pub fn screenshot(&self, file: &Path, hash: &str, png: &Path) {
        let r = self.run(file, hash, &[&format!("--screenshot={}", png.display())]);
        assert!(png.is_file(), "no screenshot was written:\n{}", r.stderr);
    }
}

/// Screenshots `file#hash` beside it as `name`, checks it is a 1600 x 1000 PNG, and keeps it
/// (see [`keep`]).
pub fn shoot(c: &Chromium, file: &Path, hash: &str, name: &str) {
    let png = file.with_file_name(name);
    c.screenshot(file, hash, &png);
    assert_eq!(png_size(&png), (1600, 1000), "{name}");
    keep(&png, name);
}

/// Asserts that the page's self-check `t` saw no console error.
pub fn no_errors(t: &serde_json::Value) {
    assert_eq!(
        t["errors"],
        serde_json::Value::Array(vec![]),
        "console errors: {}",
        t["errors"]
    );
}

/// Asserts that no chart of the self-check `t` has a text running past its edges.
pub fn nothing_clipped(t: &serde_json::Value) {
    for c in t["charts"]
        .as_array()
        .expect("the self-check lists the charts")
    {
        assert_eq!(
            c["clipped"],
            serde_json::json!([]),
            "{}: texts cut off at the chart's edge",
            c["label"]
        );
    }
}

/// Asserts that every line of every chart of the self-check `t` shows somewhere: none lies
/// wholly under another (six sides, five lines, when two had the same strength every turn).
pub fn no_line_hidden(t: &serde_json::Value) {
    for c in t["charts"]
        .as_array()
        .expect("the self-check lists the charts")
    {
        assert_eq!(
            c["hidden"],
            serde_json::json!([]),
            "{}: lines hidden under others",
            c["label"]
        );
    }
}

/// Asserts that no box of the page cuts its text off (the self-check's `cut`: a box that hides
/// what overflows it and has more text than room).
pub fn nothing_cut(t: &serde_json::Value) {
    assert_eq!(
        t["cut"],
        serde_json::json!([]),
        "texts cut off by their boxes"
    );
}

/// Asserts that the map the self-check `t` saw first lies whole in the window, below the turn bar.
pub fn whole_map_in_sight(t: &serde_json::Value, what: &str) {
    let b = &t["before"]["map_box"];
    let f = |k: &str| {
        b[k].as_f64()
            .unwrap_or_else(|| panic!("{what}: no {k} in {b}"))
    };
    assert!(
        f("top") >= f("below") - 1.0
            && f("bottom") <= f("height") + 1.0
            && f("left") >= -1.0
            && f("right") <= f("width") + 1.0,
        "{what}: the map is not all in sight: {b}"
    );
}

/// The self-check's account of the chart labelled `label`.
pub fn chart(t: &serde_json::Value, label: &str) -> serde_json::Value {
    t["charts"]
        .as_array()
        .expect("the self-check lists the charts")
        .iter()
        .find(|c| c["label"] == label)
        .unwrap_or_else(|| panic!("no chart `{label}`: {}", t["charts"]))
        .clone()
}

/// The page's self-check (the JSON it wrote into `<pre id="selftest">`), from a dumped DOM.
pub fn selftest(dom: &str) -> serde_json::Value {
    let start = dom
        .rfind("<pre id=\"selftest\" hidden")
        .unwrap_or_else(|| panic!("the page's self-check did not run (a script error?)"));
    let body = &dom[start..];
    let open = body.find('>').expect("a tag") + 1;
    let close = body.find("</pre>").expect("the tag ends");
    let text = body[open..close]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the self-check is not JSON ({e}):\n{text}"))
}

/// A PNG's width and height, checking it is one.
pub fn png_size(path: &Path) -> (u32, u32) {
    let b = std::fs::read(path).expect("the PNG reads");
    assert!(
        b.len() > 24 && b.starts_with(b"\x89PNG\r\n\x1a\n") && &b[12..16] == b"IHDR",
        "{} is not a PNG",
        path.display()
    );
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    (be(16), be(20))
}

/// Copies `png` to `$WHITECELL_SCREENSHOTS/name` when that is set (to refresh the README's
/// pictures: `WHITECELL_SCREENSHOTS=docs cargo test --test hotwash`).
pub fn keep(png: &Path, name: &str) {
    if let Some(dir) = std::env::var_os("WHITECELL_SCREENSHOTS") {
        let to = PathBuf::from(dir).join(name);
        std::fs::copy(png, &to).unwrap_or_else(|e| panic!("cannot copy to {}: {e}", to.display()));
    }
}

/// A printed PDF's outline (Chromium's `--generate-pdf-document-outline`: one entry per heading,
/// in the page's order), each title with the page it is on (0 for the first).
pub fn pdf_outline(pdf: &[u8]) -> Vec<(String, usize)> {
    let text = String::from_utf8_lossy(pdf);
    // Objects by number: `N 0 obj ... endobj`.
    let mut objects = std::collections::BTreeMap::new();
    for chunk in text.split("endobj") {
        let Some(at) = chunk.find(" 0 obj") else {
            continue;
        };
        let head = chunk[..at].trim_end();
        let num = head[head
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1)..]
            .parse::<u32>();
        if let Ok(n) = num {
            objects.insert(n, &chunk[at..]);
        }
    }
    let refs = |list: &str| -> Vec<u32> {
        list.split(" R")
            .filter_map(|r| r.split_whitespace().rev().nth(1)?.parse().ok())
            .collect()
    };
    // The page tree, depth first from the root (the `Pages` node no other node lists).
    let mut kids = std::collections::BTreeMap::new();
    for (n, body) in &objects {
        if body.contains("/Type /Pages")
            && let Some(k) = body.split("/Kids [").nth(1)
        {
            kids.insert(*n, refs(&k[..k.find(']').expect("a Kids array ends")]));
        }
    }
    let listed: std::collections::BTreeSet<u32> = kids.values().flatten().copied().collect();
    let root = *kids
        .keys()
        .find(|n| !listed.contains(n))
        .expect("a page tree");
    let mut pages = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match kids.get(&n) {
            Some(k) => stack.extend(k.iter().rev()),
            None => pages.push(n),
        }
    }
    let mut out = Vec::new();
    for body in objects.values() {
        let (Some(t), Some(d)) = (body.split("/Title ").nth(1), body.split("/Dest [").nth(1))
        else {
            continue;
        };
        let page = refs(&d[..d.find(']').expect("a Dest array ends")])[0];
        let index = pages
            .iter()
            .position(|&p| p == page)
            .expect("the destination is a page");
        out.push((pdf_string(t), index));
    }
    out
}

/// A PDF string at the start of `s`: `(literal)` or `<FEFF...>` (UTF-16, hex).
fn pdf_string(s: &str) -> String {
    if let Some(hex) = s.strip_prefix('<') {
        let hex = &hex[..hex.find('>').expect("a hex string ends")];
        let units: Vec<u16> = (0..hex.len() / 4)
            .map(|i| u16::from_str_radix(&hex[4 * i..4 * i + 4], 16).expect("hex"))
            .collect();
        return String::from_utf16_lossy(units.strip_prefix(&[0xfeff]).unwrap_or(&units));
    }
    let mut out = String::new();
    let mut chars = s.strip_prefix('(').expect("a PDF string").chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            ')' => break,
            c => out.push(c),
        }
    }
    out
}
