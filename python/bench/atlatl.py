"""Atlatl and whitecell side by side, in one run on one machine (a benchmark, not a test).

Atlatl (the Naval Postgraduate School's hex wargame for AI research, pure Python) is not shipped
with whitecell: give a checkout of it (https://github.com/brianwade1/atlatl-public). Its engine, its
game server and the two bots used here need only `websockets` besides the standard library (`pip
install websockets` in this Python; its registry of AIs, which loads torch, is not used). Run with a
release build of the wheel:

    python python/bench/atlatl.py --atlatl PATH/TO/atlatl-public [--seconds 10]

Prints, each for `--seconds` of play, one core:
- Atlatl, desert.scn (18 units, 20 half-turn phases): whole games with its bots played through its
  own game server in-process (as `server.py desert.scn --blueAI random --redAI random --nReps N`
  plays them: the server's messages to and from the bots), and its engine alone (its Game API:
  legal_actions, a random legal action, transition; no server, no bots);
- whitecell, eastern-med-2018 (6 sides, 12 turns): the PettingZoo ParallelEnv with every side an
  agent and actions sampled from the masks in NumPy, and `whitecell.run` (the engine with its bots);
- games/s, turns/s (Atlatl: half-turn phases, one side moving; whitecell: whole turns, every side
  moving at once) and unit-turns/s (a unit given its move for a turn or phase), and the ratios.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import time

import numpy as np

import whitecell
from whitecell.env import parallel_env

SCENARIO = "scenarios/eastern-med-2018.ron"

# Runs inside Atlatl's server/ folder (its modules are top-level names: map, game, unit, ...), in
# a process of its own (its server ends the process with sys.exit when its games are done).
ATLATL = r"""
import contextlib, io, json, random, sys, time
sys.path.insert(0, ".")
import game, game_dispenser, scenario, status
from gameserver import GameServer
import ai.random_actor, ai.pass_agg

mode, blue, red, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
bots = {"random": ai.random_actor.AI, "pass-agg": ai.pass_agg.AI}
random.seed(0)
count = {"transitions": 0, "phases": 0}
transition, advance = game.Game.transition, status.Status.advancePhase
def counted_transition(self, state, action):
    count["transitions"] += action.get("type") not in ("pass",)
    return transition(self, state, action)
def counted_advance(self, unit_data):
    count["phases"] += not self.setup_mode
    return advance(self, unit_data)
game.Game.transition, status.Status.advancePhase = counted_transition, counted_advance
make = scenario.from_file_factory("desert.scn")
units = len(make()["units"])

def timed_games():
    # Games until `seconds` have passed: a first batch of 3 sizes the run.
    def play(n):
        disp = game_dispenser.ScenarioGeneratorGameDispenser(make)
        clients = [bots[blue]("blue", {}).process, bots[red]("red", {}).process]
        srv = GameServer(disp, clients, n_reps=n)
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out):
                srv.run()
        except SystemExit:
            pass
        return len(out.getvalue().split())
    t = time.perf_counter()
    n = play(3)
    per = (time.perf_counter() - t) / 3
    for k in count: count[k] = 0
    t = time.perf_counter()
    n = play(max(3, int(seconds / per)))
    return n, time.perf_counter() - t

def engine_alone():
    g = game.Game(make())
    n, t = 0, time.perf_counter()
    while time.perf_counter() - t < seconds:
        s = g.initial_state()
        while not g.is_terminal(s):
            s = g.transition(s, random.choice(g.legal_actions(s)))
        n += 1
    return n, time.perf_counter() - t

n, secs = timed_games() if mode == "server" else engine_alone()
print(json.dumps({"games": n, "seconds": secs, "units": units, **count}))
"""


def atlatl(server_dir, mode, blue, red, seconds):
    p = subprocess.run([sys.executable, "-c", ATLATL, mode, blue, red, str(seconds)],
                       cwd=server_dir, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"Atlatl did not run ({mode}, {blue} v {red}):\n{p.stderr}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    secs = r["seconds"]
    return {"games/s": r["games"] / secs, "turns/s": r["phases"] / secs,
            "unit-turns/s": r["transitions"] / secs}


def whitecell_env(seconds):
    env = parallel_env(SCENARIO)
    rng = np.random.default_rng(0)
    games = turns = unit_turns = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        obs, _ = env.reset(seed=games)
        while env.agents:
            act = {}
            for a in env.agents:
                m = np.asarray(obs[a]["action_mask"])
                act[a] = (rng.random(m.shape) * m).argmax(axis=-1)
                unit_turns += int(m.any(axis=1).sum())  # units on the map
            obs, *_ = env.step(act)
            turns += 1
        games += 1
    secs = time.perf_counter() - start
    return {"games/s": games / secs, "turns/s": turns / secs, "unit-turns/s": unit_turns / secs}


def whitecell_run(seconds):
    s = whitecell.load(SCENARIO)
    games = turns = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        turns += whitecell.run(s, seed=games)["turns"]
        games += 1
    secs = time.perf_counter() - start
    return {"games/s": games / secs, "turns/s": turns / secs}


def row(name, r):
    cells = "  ".join(f"{r[k]:>10,.1f} {k}" if k in r else " " * 22
                      for k in ("games/s", "turns/s", "unit-turns/s"))
    print(f"{name:<58}{cells}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--atlatl", required=True, help="a checkout of atlatl-public")
    ap.add_argument("--seconds", type=float, default=10.0)
    a = ap.parse_args()
    server = pathlib.Path(a.atlatl) / "server"
    if not (server / "scenarios" / "desert.scn").exists():
        raise SystemExit(f"no Atlatl at {a.atlatl}: give a checkout of atlatl-public")
    rows = [
        ("Atlatl desert.scn, random v random, its server", atlatl(server, "server", "random", "random", a.seconds)),
        ("Atlatl desert.scn, pass-agg v random, its server", atlatl(server, "server", "pass-agg", "random", a.seconds)),
        ("Atlatl desert.scn, its engine alone, random legal actions", atlatl(server, "engine", "-", "-", a.seconds)),
        ("whitecell eastern-med ParallelEnv, 6 agents, masked random", whitecell_env(a.seconds)),
        ("whitecell eastern-med whitecell.run, its bots", whitecell_run(a.seconds)),
    ]
    for name, r in rows:
        row(name, r)
    env, base = rows[3][1], rows[0][1]
    print(f"ParallelEnv against Atlatl's random v random: {env['games/s'] / base['games/s']:,.0f}x games/s, "
          f"{env['turns/s'] / base['turns/s']:,.0f}x turns/s, "
          f"{env['unit-turns/s'] / base['unit-turns/s']:,.0f}x unit-turns/s")


if __name__ == "__main__":
    main()
