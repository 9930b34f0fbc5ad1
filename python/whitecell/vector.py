"""Vectorised stepping: N whitecell games stepped in one call, in Rust, across threads, with the
GIL released, returning stacked NumPy arrays and resetting finished games itself (the EnvPool
model). It needs NumPy only."""

from __future__ import annotations

import os
from typing import Any, Optional, Sequence, Tuple, Union

import numpy as np

from . import _native

__all__ = ["VectorEnv", "vector_env"]


class VectorEnv:
    """N games with the same agents (the sides a learner plays; the others by their bots).

    Arrays (``A`` agents, ``U`` the most units an agent has, ``K`` actions per unit):

    - observations ``float32 (N, A, obs_len)`` (the layout of :mod:`whitecell.env`'s);
    - masks ``int8 (N, A, U, K)`` (an agent's rows past its own units are all zero);
    - actions ``int (N, A, U)`` (entries past an agent's units are ignored);
    - rewards ``float32 (N, A)``; terminations and truncations ``bool (N,)``.

    A game that ends is reset at once with its next seed (game ``i``'s k-th game plays seed
    ``seed + i + k*N``); the observation returned is its new game's first, the reward and flags
    those of its last turn.
    """

    def __init__(
        self,
        scenario: Union[str, os.PathLike, _native.Scenario],
        num_envs: int,
        sides: Optional[Sequence[str]] = None,
        opponents: Optional[Sequence[str]] = None,
        reward: str = "points",
        win: float = 10.0,
        max_turns: Optional[int] = None,
        sets: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ):
        self.vec = _native.VecGame(
            scenario,
            num_envs,
            agents=list(sides) if sides is not None else None,
            opponents=list(opponents or []),
            reward=reward,
            win=win,
            max_turns=max_turns,
            sets=list(sets or []),
            threads=threads,
        )
        probe = _native.Game(scenario, agents=list(sides) if sides is not None else None,
                             sets=list(sets or []))
        self.num_envs = num_envs
        self.agents = list(probe.agents)
        self.unit_ids = list(probe.units)
        self.n_actions = probe.n_actions
        self.obs_len = probe.obs_len
        self.max_units = self.vec.max_units
        self._rows = np.array(
            [[r < len(u) for r in range(self.max_units)] for u in self.unit_ids], dtype=bool
        ).reshape(len(self.agents), self.max_units)

    def _shape(self, obs: bytes, masks: bytes) -> Tuple[np.ndarray, np.ndarray]:
        n, a = self.num_envs, len(self.agents)
        o = np.frombuffer(obs, dtype=np.float32).reshape(n, a, self.obs_len)
        m = np.frombuffer(masks, dtype=np.int8).reshape(n, a, self.max_units, self.n_actions)
        return o, m

    def reset(self, seed: int = 0) -> Tuple[np.ndarray, np.ndarray]:
        """Resets every game; returns ``(observations, masks)``."""
        return self._shape(*self.vec.reset(int(seed)))

    def step(self, actions: Any):
        """One turn in every game; returns ``(observations, masks, rewards, terminations,
        truncations)``."""
        act = np.ascontiguousarray(actions, dtype=np.int64)
        if act.shape != (self.num_envs, len(self.agents), self.max_units):
            raise ValueError(
                f"actions of shape {act.shape}: give "
                f"{(self.num_envs, len(self.agents), self.max_units)}"
            )
        o, m, r, te, tr = self.vec.step(act.tobytes())
        obs, masks = self._shape(o, m)
        rew = np.frombuffer(r, dtype=np.float32).reshape(self.num_envs, len(self.agents))
        return (
            obs,
            masks,
            rew,
            np.frombuffer(te, dtype=np.uint8).astype(bool),
            np.frombuffer(tr, dtype=np.uint8).astype(bool),
        )

    def state_hashes(self):
        """Each game's state hash now, as the CLI prints it."""
        return list(self.vec.state_hashes())

    def sample(self, masks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A uniformly random legal action per unit of every game, from ``masks`` (NumPy only)."""
        # Only the agents' own unit rows: the padding past them is most of the array.
        m = masks[:, self._rows]
        u = rng.random(m.shape, dtype=np.float32)
        u *= m
        out = np.zeros(masks.shape[:-1], np.int64)
        out[:, self._rows] = u.argmax(axis=-1)
        return out


def vector_env(scenario, num_envs: int, **kwargs: Any) -> VectorEnv:
    """:class:`VectorEnv` of ``num_envs`` games of ``scenario``."""
    return VectorEnv(scenario, num_envs, **kwargs)
