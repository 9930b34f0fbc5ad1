"""The vector environment: its games are the games stepped one by one; the single-agent wrapper."""

import numpy as np
from gymnasium.utils.env_checker import check_env

from whitecell import _native
from whitecell.env import SingleAgentEnv
from whitecell.vector import VectorEnv
from conftest import EASTERN_MED


def test_vector_games_equal_the_same_games_stepped_one_by_one():
    n, seed = 5, 100
    vec = VectorEnv(EASTERN_MED, n, sides=["usa", "russia"], threads=2, max_turns=4)
    obs, masks = vec.reset(seed)
    singles = [_native.Game(EASTERN_MED, agents=["usa", "russia"], max_turns=4) for _ in range(n)]
    for i, g in enumerate(singles):
        g.reset(seed + i)
    assert vec.state_hashes() == [g.state_hash() for g in singles]
    rng = np.random.default_rng(0)
    resets = 0
    for turn in range(6):
        act = vec.sample(masks, rng)
        for i in range(n):
            o, m = singles[i].observe_all()
            assert np.array_equal(np.frombuffer(o, np.float32).reshape(2, -1), obs[i])
            m = np.frombuffer(m, np.int8)
            at = 0
            for a in range(2):
                rows = len(vec.unit_ids[a])
                mine = m[at : at + rows * vec.n_actions].reshape(rows, -1)
                at += rows * vec.n_actions
                assert np.array_equal(mine, masks[i, a, :rows])
                assert (act[i, a, :rows] < vec.n_actions).all()
        obs, masks, rew, term, trunc = vec.step(act)
        for i, g in enumerate(singles):
            acts = [act[i, a, : len(vec.unit_ids[a])].tolist() for a in range(2)]
            r, te, tr = g.step(acts)
            assert np.allclose(r, rew[i]) and te == term[i] and tr == trunc[i]
            if te or tr:
                resets += 1
                g.reset(seed + i + n)  # its next game's seed
        assert vec.state_hashes() == [g.state_hash() for g in singles]
    assert resets == n  # every game hit the 4-turn limit once and was reset


def test_sampled_actions_are_legal_and_threads_do_not_change_games():
    hashes = []
    for threads in (1, 2):
        vec = VectorEnv(EASTERN_MED, 4, threads=threads)
        obs, masks = vec.reset(7)
        rng = np.random.default_rng(3)
        for _ in range(3):
            act = vec.sample(masks, rng)
            picked = np.take_along_axis(masks, act[..., None], axis=-1)[..., 0]
            rows = np.array([[r < len(u) for r in range(vec.max_units)] for u in vec.unit_ids])
            assert picked[:, rows].all()
            obs, masks, *_ = vec.step(act)
        hashes.append(vec.state_hashes())
    assert hashes[0] == hashes[1]


def test_single_agent_env_passes_gymnasium_s_check():
    env = SingleAgentEnv(EASTERN_MED, "usa")
    check_env(env, skip_render_check=True)
    obs, info = env.reset(seed=1)
    assert env.action_masks().shape == (len(env.par.unit_ids["usa"]), len(env.par.actions))
    obs, r, term, trunc, info = env.step(env.action_space.sample(mask=obs["action_mask"]))
    assert "state_hash" in info


def test_actions_that_are_not_whole_int64_values_are_refused_not_cut_short():
    import pytest

    vec = VectorEnv(EASTERN_MED, 2)
    _, masks = vec.reset(0)
    whole = np.ascontiguousarray(vec.sample(masks, np.random.default_rng(0)), dtype=np.int64)
    with pytest.raises(ValueError, match="not a whole number of int64"):
        vec.vec.step(whole.tobytes() + b"\0\0\0")
    vec.vec.step(whole.tobytes())
