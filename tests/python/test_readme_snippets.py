"""The DuckDB and polars snippets of the research guide (docs/research.md, "Merging the parts"), run as written on the Parquet
parts and, with the README's own CSV variant line, on the CSV parts of one batch: both give the
same figures, and those are the batch summary's (blue's win rate and the war rate per sweep
point). Run by .ci/run with pytest in a virtual environment holding duckdb, polars and pyarrow."""

import os
import re
import subprocess
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("WHITECELL_BIN", ROOT / "target" / "debug" / "whitecell"))
README = (ROOT / "docs" / "research.md").read_text()
SECTION = README[README.index("### Merging the parts"):README.index("### Fork: replaying")]
SQL = re.search(r"```sql\n(.*?)```", SECTION, re.S).group(1)
PYTHON = re.search(r"```python\n(.*?)```", SECTION, re.S).group(1)
RUNS = "300"


def batch(cwd: Path, fmt: str) -> str:
    (cwd / "scenarios").symlink_to(ROOT / "scenarios")
    # Two shards: the second to finish prints the summary of the whole batch.
    for shard in ["0/2", "1/2"]:
        out = subprocess.run(
            [str(BIN), "batch", "scenarios/tutorial.ron", "--runs", RUNS, "--master-seed", "2018",
             "--policy", "blue=cautious", "--policy", "red=aggressive",
             "--sweep", "tracks.tension.start=0,2,4", "--shard", shard,
             "--out", "results/strait-sweep", "--format", fmt],
            cwd=cwd, capture_output=True, text=True, check=True)
    return out.stdout


def summary_figures(text: str) -> dict:
    """{tension_start: (games, blue_wins, war)} from the whole batch's summary."""
    whole = text[text.index("the whole batch:"):]
    figures = {}
    for block in re.split(r"^== ", whole, flags=re.M)[1:]:
        value = int(re.match(r"tracks\.tension\.start = (\d+) ==", block).group(1))
        games = int(re.search(r"games: (\d+)", block).group(1))
        failed = re.search(r"\((\d+) failed", block)
        n = games - (int(failed.group(1)) if failed else 0)
        blue = int(re.search(r"blue\s+wins\s+(\d+)", block).group(1))
        war = re.search(r"sudden death \(war\) (\d+)", block)
        figures[value] = (n, blue / n, (int(war.group(1)) if war else 0) / n)
    return figures


def duckdb_figures(sql: str) -> dict:
    con = duckdb.connect()
    result = None
    for statement in [s.strip() for s in sql.split(";")]:
        lines = [l for l in statement.splitlines() if not l.strip().startswith("--")]
        statement = "\n".join(lines).strip()
        if not statement:
            continue
        rel = con.sql(statement)
        if statement.upper().startswith("SELECT"):
            result = rel.fetchall()
    return {int(t): (g, b, w) for t, g, b, w in result}


def polars_figures(code: str) -> dict:
    shown = []
    exec(code, {"print": shown.append, "pl": pl})
    frame = shown[-1]
    return {int(r[0]): (r[1], r[2], r[3]) for r in frame.iter_rows()}


def close(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        a[k][0] == b[k][0] and abs(a[k][1] - b[k][1]) < 1e-9 and abs(a[k][2] - b[k][2]) < 1e-9
        for k in a)


def csv_variant(code: str, marker: str) -> str:
    """The snippet with its first reading line replaced by the README's CSV line after it."""
    lines = code.splitlines()
    alt = next(l for l in lines if marker in l)
    alt = alt.split(marker, 1)[1].strip()
    i = next(i for i, l in enumerate(lines) if l.strip() and not l.strip().startswith(("--", "#", "import")))
    if lines[i].startswith("CREATE"):
        lines[i] = alt
    else:
        # polars: `games = pl.scan_parquet(...)...` -> `games = pl.scan_csv(...)...`
        lines[i] = re.sub(r"pl\.scan_parquet\([^)]*\)", alt, lines[i])
    return "\n".join(lines)


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    pq = tmp_path_factory.mktemp("parquet")
    csv = tmp_path_factory.mktemp("csv")
    return pq, batch(pq, "parquet"), csv, batch(csv, "csv")


def test_the_folder_holds_rows_only(batches):
    pq, _, _, _ = batches
    folder = pq / "results" / "strait-sweep"
    assert ds.dataset(folder).to_table().num_rows == 900
    assert pl.scan_parquet(folder).collect().height == 900
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder}/*.parquet')").fetchall() == [(900,)]


def test_duckdb_and_polars_give_the_summary_figures_from_csv_and_parquet(batches, monkeypatch):
    pq, pq_text, csv, csv_text = batches
    want = summary_figures(pq_text)
    assert close(want, summary_figures(csv_text))
    assert set(want) == {0, 2, 4}
    monkeypatch.chdir(pq)
    assert close(duckdb_figures(SQL), want)
    assert close(polars_figures(PYTHON), want)
    monkeypatch.chdir(csv)
    assert close(duckdb_figures(csv_variant(SQL, "-- CSV parts:")), want)
    assert close(polars_figures(csv_variant(PYTHON, "# CSV parts:")), want)


def test_seeds_read_as_64_bit_integers_from_csv(batches):
    _, _, csv, _ = batches
    import pyarrow.csv as pcsv
    import pyarrow as pa
    table = pcsv.read_csv(csv / "results" / "strait-sweep" / "part-00000-of-00002.csv")
    assert table.schema.field("seed").type == pa.int64()
    assert table.schema.field("param_tracks_tension_start").type == pa.int64()
    assert table.column("winner").null_count == 0
