"""Speed of the Python package (a benchmark, not a test): run with a release build of the wheel
(`pip install ./python`, which builds in release) on a quiet machine.

    python python/bench/speed.py [--whitecell target/release/whitecell]

Prints, for eastern-med-2018:
- one ParallelEnv, all six sides controlled, actions sampled from the masks in NumPy: turn-steps/s
  on one core (a turn-step: one whole turn, every agent acting);
- the vector environment, 64 games, two threads: turn-steps/s;
- whitecell.batch into a table against the CLI's `batch` for the same arguments: games/s (wall)
  and CPU time per game, alternated and the medians taken (one wall-clock sample on a shared
  machine swings by a quarter either way). Compare like with like: build the CLI with the profile
  the wheel was built with (the same CARGO_PROFILE_RELEASE_* variables; fat LTO is worth about 4%
  of CPU per game here).
"""

import argparse
import re
import resource
import statistics
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
    """Turn-steps per second of wall time and per second of the process's CPU time (what one
    core gives when the machine is shared)."""
    env = parallel_env(SCENARIO)
    rng = np.random.default_rng(0)
    steps, seed = 0, 0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        obs, _ = env.reset(seed=seed)
        seed += 1
        while env.agents:
            act = {a: masked_sample(obs[a]["action_mask"], rng) for a in env.agents}
            obs, *_ = env.step(act)
            steps += 1
    return steps / (time.perf_counter() - start), steps / (time.process_time() - cpu)


def vector_rate(seconds, n=64, threads=2):
    """Turn-steps per second of wall time and per second of the process's CPU time (all threads),
    and the share of the wall time spent sampling actions in NumPy."""
    vec = VectorEnv(SCENARIO, n, threads=threads)
    obs, masks = vec.reset(0)
    rng = np.random.default_rng(0)
    steps, sampling = 0, 0.0
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        act = vec.sample(masks, rng)
        sampling += time.perf_counter() - t
        obs, masks, *_ = vec.step(act)
        steps += n
    wall = time.perf_counter() - start
    return steps / wall, steps / (time.process_time() - cpu), sampling / wall


def batch_rates(cli, runs=100_000, threads=2, repeats=3):
    """`whitecell.batch` and the CLI's `batch`, alternated `repeats` times: the medians of each's
    wall-clock games/s and CPU time per game (a shared machine's load moves wall time a lot, CPU
    time little). pyarrow is imported before the first timing: a once-per-session cost (about
    0.2 s), as the CLI's start is once per batch."""
    import pyarrow.parquet  # noqa: F401

    def cpu(who):
        r = resource.getrusage(who)
        return r.ru_utime + r.ru_stime

    py, cl, told = [], [], []
    for _ in range(repeats):
        c, start = cpu(resource.RUSAGE_SELF), time.perf_counter()
        t = whitecell.batch(SCENARIO, runs=runs, threads=threads)
        py.append((t.num_rows / (time.perf_counter() - start), (cpu(resource.RUSAGE_SELF) - c) / runs))
        with tempfile.TemporaryDirectory() as out:
            c, start = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
            p = subprocess.run([cli, "batch", SCENARIO, "--runs", str(runs), "--threads", str(threads),
                                "--out", out, "-q"], capture_output=True, text=True, check=True)
            cl.append((runs / (time.perf_counter() - start), (cpu(resource.RUSAGE_CHILDREN) - c) / runs))
        m = re.search(r"\(([\d.]+) games/s\)", p.stdout)
        told.append(float(m.group(1)) if m else float("nan"))
    med = statistics.median
    return ([med(x[i] for x in py) for i in (0, 1)], [med(x[i] for x in cl) for i in (0, 1)],
            med(told))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--whitecell", default="target/release/whitecell")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3, help="batch runs of each, alternated")
    ap.add_argument("--only", choices=["env", "vector", "batch"], help="one measurement only")
    a = ap.parse_args()
    if a.only in (None, "env"):
        wall, cpu = parallel_env_rate(a.seconds)
        print(f"ParallelEnv, 6 sides, one core: {wall:,.0f} turn-steps/s wall, {cpu:,.0f} per CPU "
              f"second (target 10,000)")
    if a.only in (None, "vector"):
        wall, cpu, sampling = vector_rate(a.seconds)
        print(f"VectorEnv, 64 games, 2 threads: {wall:,.0f} turn-steps/s wall, {cpu:,.0f} per CPU "
              f"second, {sampling:.0%} of the wall time sampling (target 100,000)")
    if a.only not in (None, "batch"):
        return
    (py, py_cpu), (cli, cli_cpu), told = batch_rates(a.whitecell, a.runs, repeats=a.repeats)
    print(f"batch into a table: {py:,.0f} games/s; CLI: {cli:,.0f} games/s wall ({told:,.0f} as it "
          f"reports), ratio {py / cli:.2f} (target >= 0.90); CPU per game {py_cpu * 1e6:.1f} us "
          f"against {cli_cpu * 1e6:.1f} us: ratio {cli_cpu / py_cpu:.2f} (medians of {a.repeats})")


if __name__ == "__main__":
    main()
