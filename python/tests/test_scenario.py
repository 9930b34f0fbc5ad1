"""Loading scenarios and playing one game: the same results as the CLI's."""

import re

import pytest

import whitecell
from conftest import EASTERN_MED, SCENARIOS, TUTORIAL


def cli_hash(out: str) -> str:
    return re.search(r"final state hash: (\w+)", out).group(1)


def test_load_lists_sides_zones_units_turns():
    s = whitecell.load(EASTERN_MED)
    assert s.sides == ["russia", "syria", "iran", "usa", "armed_groups", "turkey"]
    assert s.turns == 12
    assert "east_med" in s.zones
    first = s.units[0]
    assert first["id"] == "ru_cruiser" and first["side"] == "russia" and first["zone"] == "east_med"
    assert s.path == EASTERN_MED
    assert "iran=hold" in s.policies


def test_sets_change_the_scenario():
    s = whitecell.load(EASTERN_MED, sets=["units.ru_cruiser.strength=1"])
    assert s.units[0]["strength"] == 1
    assert s.sets == ["units.ru_cruiser.strength=1"]
    assert whitecell.load(EASTERN_MED).units[0]["strength"] == 2


@pytest.mark.parametrize("seed", [0, 7, 2018])
def test_run_equals_the_cli(cli, seed):
    py = whitecell.run(EASTERN_MED, seed=seed, policies=["usa=cautious"])
    out = cli("run", EASTERN_MED, "--seed", seed, "--policy", "usa=cautious", "--quiet").stdout
    assert py["state_hash"] == cli_hash(out)
    assert f"outcome: {py['outcome']}" in out
    assert f"turns played: {py['turns']}" in out
    assert any(p.startswith("usa=cautious") for p in py["policies"])
    if py["ending"] == "points":
        assert py["winner"] is None or py["points"][py["winner"]] == max(py["points"].values())


def test_run_with_sets_equals_the_cli(cli):
    edit = "units.ru_cruiser.strength=1"
    py = whitecell.run(EASTERN_MED, seed=3, sets=[edit])
    out = cli("run", EASTERN_MED, "--seed", 3, "--set", edit, "--quiet").stdout
    assert py["state_hash"] == cli_hash(out)
    # A path and a loaded scenario play the same game.
    assert whitecell.run(whitecell.load(EASTERN_MED, sets=[edit]), seed=3) == py
    assert whitecell.run(whitecell.load(EASTERN_MED), seed=3, sets=[edit]) == py
    assert whitecell.run(EASTERN_MED, seed=3)["state_hash"] != py["state_hash"]


def test_a_bad_file_raises_every_located_problem_as_validate_prints_it(cli, tmp_path):
    bad = SCENARIOS / "tests" / "fail" / "asymmetric_adjacency_fail.ron"
    with pytest.raises(whitecell.ScenarioError) as e:
        whitecell.load(bad)
    err = e.value
    assert isinstance(err, ValueError)
    [p] = err.problems
    assert (p["line"], p["column"], p["path"]) == (11, 61, "zones[0].neighbours[0]")
    assert "adjacency goes both ways" in p["message"]
    assert p["file"].endswith("asymmetric_adjacency_fail.ron")
    v = cli("validate", bad, check=False)
    assert v.returncode == 1
    assert str(err) + "\n" in v.stderr

    # Every problem at once, each with its place and field path.
    two = tmp_path / "two.ron"
    text = TUTORIAL.read_text().replace("title:", "titel:", 1).replace("count: 6", 'count: "six"', 1)
    two.write_text(text)
    with pytest.raises(whitecell.ScenarioError) as e2:
        whitecell.run(two, seed=1)
    paths = [p["path"] for p in e2.value.problems]
    assert "meta.titel" in paths and "turns.count" in paths
    assert all(p["line"] and p["column"] for p in e2.value.problems)
    assert str(e2.value) + "\n" in cli("validate", two, check=False).stderr


def test_rejected_arguments_say_what_the_cli_says():
    with pytest.raises(ValueError, match="no side `green`"):
        whitecell.run(EASTERN_MED, seed=1, policies=["green=hold"])
    with pytest.raises(ValueError, match="--set"):
        whitecell.load(EASTERN_MED, sets=["turns.count=x"])
    with pytest.raises(TypeError):
        whitecell.run(12, seed=1)
    with pytest.raises(whitecell.ScenarioError, match="no-such-file"):
        whitecell.load("no-such-file.ron")
