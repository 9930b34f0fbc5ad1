"""Speed of the Python package (a benchmark, not a test): run with a release build of the wheel
(`pip install ./python`, which builds in release) on a quiet machine.

    python python/bench/speed.py [--whitecell target/release/whitecell]

Prints, for eastern-med-2018:
- one ParallelEnv, all six sides controlled, actions sampled from the masks in NumPy: turn-steps/s
  on one core (a turn-step: one whole turn, every agent acting);
- the vector environment, 64 games, two threads: turn-steps/s;
- whitecell.batch into a table against the CLI's `batch` for the same arguments: games/s.
"""

import argparse
import re
import subprocess
import tempfile
import time

import numpy as np

import whitecell
from whitecell.env import parallel_env
from whitecell.vector import VectorEnv

SCENARIO = "scenarios/eastern-med-2018.ron"


def masked_sample(masks, rng):
    """One legal action per unit from per-unit masks (NumPy only)."""
    m = np.asarray(masks)
    return (rng.random(m.shape) * m).argmax(axis=-1)


def parallel_env_rate(seconds):
    env = parallel_env(SCENARIO)
    rng = np.random.default_rng(0)
    steps, seed = 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        obs, _ = env.reset(seed=seed)
        seed += 1
        while env.agents:
            act = {a: masked_sample(obs[a]["action_mask"], rng) for a in env.agents}
            obs, *_ = env.step(act)
            steps += 1
    return steps / (time.perf_counter() - start)


def vector_rate(seconds, n=64, threads=2):
    vec = VectorEnv(SCENARIO, n, threads=threads)
    obs, masks = vec.reset(0)
    rng = np.random.default_rng(0)
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        obs, masks, *_ = vec.step(vec.sample(masks, rng))
        steps += n
    return steps / (time.perf_counter() - start)


def batch_rates(cli, runs=100_000, threads=2):
    start = time.perf_counter()
    t = whitecell.batch(SCENARIO, runs=runs, threads=threads)
    py = t.num_rows / (time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        p = subprocess.run([cli, "batch", SCENARIO, "--runs", str(runs), "--threads", str(threads),
                            "--out", out, "-q"], capture_output=True, text=True, check=True)
        wall = runs / (time.perf_counter() - start)
    told = re.search(r"\(([\d.]+) games/s\)", p.stdout)
    return py, wall, float(told.group(1)) if told else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whitecell", default="target/release/whitecell")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=100_000)
    a = ap.parse_args()
    print(f"ParallelEnv, 6 sides, one core: {parallel_env_rate(a.seconds):,.0f} turn-steps/s (target 10,000)")
    print(f"VectorEnv, 64 games, 2 threads: {vector_rate(a.seconds):,.0f} turn-steps/s (target 100,000)")
    py, cli_wall, cli_told = batch_rates(a.whitecell, a.runs)
    print(f"batch into a table: {py:,.0f} games/s; CLI: {cli_wall:,.0f} games/s wall "
          f"({cli_told:,.0f} as it reports), ratio {py / cli_wall:.2f} (target >= 0.90)")


if __name__ == "__main__":
    main()
