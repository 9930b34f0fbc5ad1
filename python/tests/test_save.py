"""env.save_game: an agents' game an instructor can open with the CLI."""

import numpy as np
import pytest

from whitecell.env import parallel_env
from conftest import EASTERN_MED


def played(seed=4, turns=5):
    env = parallel_env(EASTERN_MED, sides=["usa", "russia"])
    obs, _ = env.reset(seed=seed)
    for t in range(turns):
        for a in env.agents:
            env.action_space(a).seed(t)
        # Sampled from the masks, plus one order the mask does not offer (rejected, recorded).
        act = {a: env.action_space(a).sample(mask=obs[a]["action_mask"]) for a in env.agents}
        if t == 1:
            act["usa"][0] = len(env.actions) - 1
        obs, *_ = env.step(act)
    return env


def test_save_game_replays_hash_for_hash_and_opens_in_report_account_and_fork(cli, tmp_path):
    env = played()
    folder = tmp_path / "agents-game"
    env.save_game(folder)
    replay = cli("replay", folder).stdout
    assert "every hash matches" in replay
    assert f"turn 5" in replay and env.state_hash() in replay
    html = tmp_path / "hotwash.html"
    cli("report", folder, "--out", html)
    assert html.stat().st_size > 10_000 and "<html" in html.read_text()[:2000].lower()
    account = cli("account", folder).stdout
    assert "orders usa:" in account and "Turn 5" in account
    forked = cli("fork", folder, "--from-turn", 3, "--runs", 2, "--out", tmp_path / "forks")
    assert forked.returncode == 0


def test_save_game_refuses_a_folder_with_a_game_and_a_scenario_with_sets(tmp_path):
    env = played(turns=1)
    env.save_game(tmp_path / "g")
    with pytest.raises(ValueError, match="already holds a game"):
        env.save_game(tmp_path / "g")
    edited = parallel_env(EASTERN_MED, sets=["units.ru_cruiser.strength=1"])
    edited.reset(seed=1)
    with pytest.raises(ValueError, match="sets"):
        edited.save_game(tmp_path / "h")
