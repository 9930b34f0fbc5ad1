"""The guide's examples, run as written: every ```python block of docs/python.md and of the README
(each marked `<!-- python-example: NAME -->` on the line before it) is run by this Python in an
empty folder with the repository's `scenarios/` beside it, and must exit 0 and print what it
should; and python/examples/reinforce.py, on a small budget, prints a learning curve in the
guide's form."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT

GUIDE = (ROOT / "docs" / "python.md").read_text()
README = (ROOT / "README.md").read_text()
MARKED = re.compile(r"<!-- python-example: ([\w-]+) -->\n```python\n(.*?)```", re.S)
EXAMPLES = dict(MARKED.findall(GUIDE) + MARKED.findall(README))


def test_every_python_block_is_marked():
    # A block added without its marker would not be run: the counts must agree.
    for text in (GUIDE, README):
        assert text.count("```python\n") == len(MARKED.findall(text))
    assert len(EXAMPLES) == len(MARKED.findall(GUIDE)) + len(MARKED.findall(README))


def run(code, cwd, *args):
    (cwd / "scenarios").symlink_to(ROOT / "scenarios")
    p = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, f"{code}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}"
    return p.stdout


# What each example must print (beyond exiting 0).
SHOWS = {
    "games": r"Eastern Mediterranean, September 2018 \['russia', .*\] 12 12 \{'id': 'ru_cruiser', "
             r".*'strength': 1\}\n\w+ \{'russia': \d+, .*\} (points|sudden_death|unfinished) "
             r"(?P<hash>[0-9a-f]{16})\n",
    "batch": r"tension starts at 0: usa wins \d+/200 = [\d.]+ \(95% CI [\d.]+-[\d.]+\)\n"
             r"tension starts at 6: usa wins \d+/200 = .*\n400 rows\n",
    "random-agent": r"[0-9a-f]{16} \{'usa': -?[\d.]+, 'russia': -?[\d.]+\}\n",
    "vector": r"\(16, 6, \d+\) \(16, 6, \d+, \d+\) [1-9]\d* games finished\n",
    "readme": r"[0-9a-f]{16}\n",
}


@pytest.mark.parametrize("name", sorted(SHOWS))
def test_the_guide_example_runs_as_written(name, tmp_path, cli):
    out = run(EXAMPLES[name], tmp_path)
    shown = re.fullmatch(SHOWS[name], out)
    assert shown, out
    if name == "readme":
        assert f"final state hash: {out.strip()}" in cli("run", "scenarios/eastern-med-2018.ron",
                                                         "--seed", 7).stdout
    if name == "games":
        # The hash the guide says `whitecell run` prints for the same game.
        told = cli("run", "scenarios/eastern-med-2018.ron", "--seed", 7, "--policy", "usa=cautious",
                   "--set", "units.ru_cruiser.strength=1").stdout
        assert f"final state hash: {shown['hash']}" in told
    if name in ("random-agent", "readme"):
        # The game it saved is one the CLI verifies.
        assert "every hash matches" in cli("replay", tmp_path / "agents-game").stdout


def test_every_example_is_checked():
    assert set(EXAMPLES) == set(SHOWS)


def test_reinforce_prints_a_learning_curve(tmp_path):
    script = (ROOT / "python" / "examples" / "reinforce.py").read_text()
    out = run(script, tmp_path, "scenarios/eastern-med-2018.ron", "usa", "6", "2")
    line = r"episodes +(\d+)- +(\d+): mean return +-?[\d.]+, win rate [01]\.\d\d"
    rows = re.findall(line, out)
    assert [(int(a), int(b)) for a, b in rows] == [(0, 1), (2, 3), (4, 5)], out
    # The guide shows the same form.
    shown = re.search(r"```text\n(.*?)```", GUIDE, re.S).group(1)
    assert re.match(line, shown), shown
