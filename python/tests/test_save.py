"""env.save_game: an agents' game an instructor can open with the CLI."""

import numpy as np
import pytest

import whitecell

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


def test_save_game_refuses_a_folder_that_holds_a_game(tmp_path):
    env = played(turns=1)
    env.save_game(tmp_path / "g")
    with pytest.raises(ValueError, match="already holds a game"):
        env.save_game(tmp_path / "g")


def test_a_game_of_a_scenario_loaded_with_sets_is_saved_as_edited(cli, tmp_path):
    sets = ["units.ru_cruiser.strength=1", "tracks.tension.start=4"]

    def play(scenario, **kw):
        env = parallel_env(scenario, sides=["usa", "russia"], **kw)
        obs, _ = env.reset(seed=2)
        hashes = []
        for t in range(4):
            for a in env.agents:
                env.action_space(a).seed(t)
            act = {a: env.action_space(a).sample(mask=obs[a]["action_mask"]) for a in env.agents}
            obs, _, _, _, infos = env.step(act)
            hashes.append(infos["usa"]["state_hash"])
        return env, hashes

    env, hashes = play(EASTERN_MED, sets=sets)
    folder = tmp_path / "edited"
    env.save_game(folder)
    replay = cli("replay", folder).stdout
    assert "every hash matches" in replay
    for turn, h in enumerate(hashes, 1):
        assert f"turn {turn}" in replay and h in replay
    # The edits changed the game (the folder plays the edited scenario, not the file), and the
    # save's origin names them.
    assert play(EASTERN_MED)[1] != hashes
    save = (folder / "game.save").read_text()
    assert "--set units.ru_cruiser.strength=1 --set tracks.tension.start=4" in save
    # A loaded scenario with its sets saves the same game.
    loaded, again = play(whitecell.load(EASTERN_MED, sets=sets))
    assert again == hashes
    loaded.save_game(tmp_path / "loaded")
    assert "every hash matches" in cli("replay", tmp_path / "loaded").stdout
    # report and account open it.
    cli("report", folder, "--out", tmp_path / "edited.html")
    assert "Turn 4" in cli("account", folder).stdout
