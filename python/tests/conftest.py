"""Shared fixtures: the repository's scenarios and the `whitecell` CLI the package is held to."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
EASTERN_MED = SCENARIOS / "eastern-med-2018.ron"
TUTORIAL = SCENARIOS / "tutorial.ron"


@pytest.fixture(scope="session")
def cli():
    """Runs the `whitecell` CLI (WHITECELL_BIN, else target/debug/whitecell) and returns its result."""
    exe = os.environ.get("WHITECELL_BIN") or str(ROOT / "target" / "debug" / "whitecell")
    if not os.path.exists(exe):
        pytest.fail(f"the whitecell CLI is not at {exe}: run `cargo build` or set WHITECELL_BIN")

    def call(*args, check=True):
        p = subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
        if check and p.returncode != 0:
            raise AssertionError(f"whitecell {' '.join(map(str, args))} failed:\n{p.stderr}")
        return p

    return call
