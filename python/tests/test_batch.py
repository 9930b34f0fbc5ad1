"""whitecell.batch: the CLI's Parquet rows and column types, as a pyarrow.Table."""

import pyarrow.parquet as pq
import pytest

import whitecell
from conftest import EASTERN_MED, TUTORIAL


def cli_part(cli, tmp_path, *flags):
    out = tmp_path / "cli"
    cli("batch", *flags, "--out", out, "--quiet")
    [part] = out.glob("*.parquet")
    return pq.read_table(part)


def test_batch_equals_the_cli_parquet(cli, tmp_path):
    args = dict(
        runs=5,
        master_seed=42,
        policies=["usa=cautious"],
        sets=["units.ru_cruiser.strength=1"],
        sweep=["tracks.tension.start=0,2"],
        threads=2,
    )
    t = whitecell.batch(EASTERN_MED, **args)
    c = cli_part(
        cli, tmp_path, EASTERN_MED, "--runs", 5, "--master-seed", 42, "--policy", "usa=cautious",
        "--set", "units.ru_cruiser.strength=1", "--sweep", "tracks.tension.start=0,2",
        "--threads", 2,
    )
    assert t.num_rows == 10
    assert t.schema.remove_metadata() == c.schema.remove_metadata()
    assert t.to_pylist() == c.to_pylist()
    m = whitecell.manifest(t)
    assert m["rows"] == 10 and m["complete"] and m["total_runs"] == 10
    # One thread or two, a loaded scenario or its path: the same rows.
    s = whitecell.load(EASTERN_MED, sets=["units.ru_cruiser.strength=1"])
    one = whitecell.batch(s, **{**args, "sets": [], "threads": 1})
    assert one.to_pylist() == t.to_pylist()


def test_batch_reports_progress(tmp_path):
    seen = []
    t = whitecell.batch(TUTORIAL, runs=3, progress=lambda d, of: seen.append((d, of)))
    assert t.num_rows == 3
    assert seen and seen[-1] == (3, 3)


def test_batch_rejects_what_the_cli_rejects():
    with pytest.raises(ValueError, match="--runs must be 1 to"):
        whitecell.batch(TUTORIAL, runs=0)
    with pytest.raises(ValueError, match="--sweep"):
        whitecell.batch(TUTORIAL, runs=1, sweep=["no-equals-sign"])
    with pytest.raises(ValueError, match="no side"):
        whitecell.batch(TUTORIAL, runs=1, policies=["nobody=hold"])
    with pytest.raises(whitecell.ScenarioError):
        whitecell.batch(TUTORIAL.parent / "tests" / "fail" / "format_fail.ron", runs=1)


def test_common_seeds_equal_the_cli(cli, tmp_path):
    t = whitecell.batch(TUTORIAL, runs=3, master_seed=5, common_seeds=True, threads=1)
    c = cli_part(cli, tmp_path, TUTORIAL, "--runs", 3, "--master-seed", 5, "--common-seeds")
    assert t.to_pylist() == c.to_pylist()
    assert t.to_pylist() != whitecell.batch(TUTORIAL, runs=3, master_seed=5).to_pylist()


def test_history_equals_the_cli_history_part(cli, tmp_path):
    t, h = whitecell.batch(TUTORIAL, runs=4, master_seed=3, sweep=["tracks.tension.start=0,2"],
                           threads=2, history=True)
    hist = tmp_path / "hist"
    c = cli_part(cli, tmp_path, TUTORIAL, "--runs", 4, "--master-seed", 3,
                 "--sweep", "tracks.tension.start=0,2", "--threads", 2, "--history", hist)
    [part] = hist.glob("*.parquet")
    ch = pq.read_table(part)
    assert h.num_rows > t.num_rows == 8
    assert h.schema.remove_metadata() == ch.schema.remove_metadata()
    assert h.to_pylist() == ch.to_pylist()
    assert t.to_pylist() == c.to_pylist()
    assert whitecell.manifest(t)["key"]["history"] is True
    assert whitecell.manifest(whitecell.batch(TUTORIAL, runs=1))["key"]["history"] is False
