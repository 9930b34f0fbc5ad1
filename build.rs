//! Records the checkout's `git describe` (when built from one) for batch manifests.

use std::process::Command;

fn main() {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let describe = git(&["describe", "--tags", "--always"]).unwrap_or_default();
    println!("cargo:rustc-env=WHITECELL_GIT_DESCRIBE={describe}");
    println!("cargo:rerun-if-changed=build.rs");
    // Rebuild when the checkout moves to another commit (not on every edit).
    for p in ["HEAD", "logs/HEAD"] {
        if let Some(path) = git(&["rev-parse", "--git-path", p]) {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
