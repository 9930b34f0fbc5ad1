"""``whitecell.batch``: many games into a ``pyarrow.Table`` equal to the CLI's Parquet part."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import Callable, Optional, Sequence, Union

from . import _native

MANIFEST_KEY = b"whitecell.manifest"


def _bar(done: int, of: int) -> None:
    width = 30
    filled = width * done // max(of, 1)
    end = "\n" if done >= of else ""
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{of} games{end}")
    sys.stderr.flush()


def batch(
    scenario: Union[str, os.PathLike, _native.Scenario],
    runs: int,
    master_seed: int = 0,
    policies: Optional[Sequence[str]] = None,
    sets: Optional[Sequence[str]] = None,
    sweep: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    progress: Union[bool, Callable[[int, int], None]] = False,
    common_seeds: bool = False,
    history: bool = False,
):
    """Plays ``runs`` games per sweep point with bot policies, as ``whitecell batch`` does.

    The arguments are the CLI's flags: ``policies`` (``["red=hold"]``), ``sets``
    (``["units.b_frigates.strength=4"]``), ``sweep`` (``["tracks.tension.start=0,2,4"]``) and
    ``threads`` (default: every core), ``common_seeds`` (``--common-seeds``). The games are played in Rust with the GIL released.

    Returns a ``pyarrow.Table`` whose rows and column types equal the CLI's Parquet part for the
    same arguments; its schema metadata holds the batch manifest as JSON under
    ``b"whitecell.manifest"``. ``progress=True`` draws a bar on stderr; a callable is called with
    ``(done, of)`` instead.

    ``history=True`` (``--history``) also records the history table, one row per game and turn
    (tracks, points, strength, engagements), and returns ``(table, history_table)``, the second
    equal to the CLI's history part.
    """
    import pyarrow.parquet as pq

    cb = _bar if progress is True else (progress or None)
    with tempfile.TemporaryDirectory(prefix="whitecell-batch-") as tmp:
        out, hist = os.path.join(tmp, "games"), os.path.join(tmp, "history")
        part = _native.batch_to_folder(
            scenario,
            out,
            runs,
            master_seed=master_seed,
            policies=list(policies or []),
            sets=list(sets or []),
            sweep=list(sweep or []),
            threads=threads,
            progress=cb,
            common_seeds=common_seeds,
            history=hist if history else None,
        )
        # Read whole into memory (no memory map): the folder goes after.
        table = pq.read_table(part, memory_map=False)
        if history:
            [hpart] = [os.path.join(hist, f) for f in os.listdir(hist) if f.endswith(".parquet")]
            history_table = pq.read_table(hpart, memory_map=False)
    if MANIFEST_KEY not in (table.schema.metadata or {}):
        raise RuntimeError(f"the batch part {part} carries no manifest: a bug in whitecell")
    return (table, history_table) if history else table


def manifest(table) -> dict:
    """The batch manifest a :func:`batch` table carries, as a dict."""
    return json.loads(table.schema.metadata[MANIFEST_KEY])
