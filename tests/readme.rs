//! The README is a newcomer's page (issue 20, finding 12): what whitecell is, the two commands and
//! what they show, how long the first build takes, how to put `whitecell` on the PATH, a short tour
//! for each kind of user — and the reference in `docs/`, every link of it leading somewhere.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The text of the `## ` section whose title starts with `title`.
fn section(text: &str, title: &str) -> String {
    let start = text
        .find(&format!("\n## {title}"))
        .unwrap_or_else(|| panic!("no section `## {title}`"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    rest[..end].to_string()
}

#[test]
fn the_readme_opens_with_the_two_commands_and_says_what_they_do() {
    let r = readme();
    let first = r.find("\n## ").expect("a section");
    let try_it = section(&r, "Try it");
    assert!(
        r[first..].starts_with("\n## Try it"),
        "the first section is the two commands"
    );
    assert!(try_it.contains("cargo run --release -- run scenarios/eastern-med-2018.ron --seed 1"));
    assert!(try_it.contains("\ncargo test "));
    // It is bots, not an interactive game, and the first build is not instant.
    assert!(try_it.contains("bots play every side") && try_it.contains("nobody is asked"));
    assert!(try_it.contains("first build") && try_it.contains("MB in `target/release`"));
    assert!(try_it.contains("cargo install --path ."));
}

#[test]
fn the_readme_tours_each_user_and_stays_short() {
    let r = readme();
    let tour = section(&r, "A short tour");
    for who in [
        "### Instructors",
        "### Student teams",
        "### Researchers",
        "### Scenario authors",
    ] {
        assert!(tour.contains(who), "no tour for {who}");
    }
    for doc in ["docs/classroom.md", "docs/student.md", "docs/research.md"] {
        assert!(tour.contains(doc), "the tour does not link {doc}");
    }
    let lines = r.lines().count();
    assert!(
        lines <= 250,
        "the README has {lines} lines: reference belongs in docs/"
    );
}

/// Every relative link `](path)` of a markdown file.
fn links(text: &str) -> Vec<String> {
    text.match_indices("](")
        .filter_map(|(i, _)| {
            let rest = &text[i + 2..];
            let end = rest.find(')')?;
            let target = &rest[..end];
            let path = target.split('#').next().unwrap_or("");
            (!path.is_empty() && !path.contains("://")).then(|| path.to_string())
        })
        .collect()
}

#[test]
fn every_link_of_the_readme_and_the_docs_leads_to_a_file() {
    let mut pages = vec![root().join("README.md")];
    for e in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "md") {
            pages.push(p);
        }
    }
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("page");
        let dir = page.parent().unwrap_or(Path::new("."));
        for l in links(&text) {
            if !dir.join(&l).exists() {
                broken.push(format!("{}: {l}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "links to nothing: {broken:#?}");
    assert!(pages.len() >= 6, "the reference pages are missing");
}
