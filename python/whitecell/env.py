"""A PettingZoo ``ParallelEnv`` over whitecell games (simultaneous moves: WEGO).

The agents are the sides a learner plays; every other side is played by its bot policy (the
scenario's default, or ``opponents=["red=cautious"]``). Each turn every agent hands in one order
per unit, chosen from a fixed per-scenario order table; the engine adjudicates the turn exactly as
``whitecell adjudicate`` or ``whitecell run`` would.

Per agent:

- observation: ``{"observation": float32[obs_len], "action_mask": tuple of int8[n_actions] per
  unit}`` (an :class:`ActionMask`: ``np.asarray`` gives its ``(units, n_actions)`` array). The vector is built from exactly what the side's view holds (the same derivation as
  ``whitecell view --side``); its layout is in docs/python.md. The mask comes from the engine's
  legal-order generator on what the side knows, one array per unit, the form
  ``MultiDiscrete.sample(mask=...)`` takes.
- action: ``MultiDiscrete([n_actions] * units)``, one table index per unit (units in scenario
  order; a unit not on the map is ignored). An unmasked illegal choice is handed in as it is and
  rejected by the engine with its reason (``infos[agent]["rejected"]``): the unit holds.
- reward ``"points"``: each turn the change in the side's score, and at the end ``+win`` to the
  winner, ``-win`` to the others (0 on a draw; ``-win`` to all on a sudden death nobody wins).
  ``"sparse"``: only +1 / -1 / 0 at the end.
- terminations at the end of the game (last turn or sudden death); truncations when ``max_turns``
  turns were played first.
- infos: ``state_hash`` (a str, as the CLI prints it), ``turn``, ``account`` (the turn as the
  side was told it) and ``rejected`` (its rejected orders, with the reason); those two are
  ``whitecell.Account`` sequences, worded when first read, equal to their lists.

``state()`` is the umpire's full picture, for centralised training; ``render()`` in ``"ansi"``
mode is a side's view as text.
"""

from __future__ import annotations

import functools
import os
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np
import gymnasium as gym
from gymnasium import spaces
from pettingzoo import ParallelEnv

from . import _native

__all__ = ["ActionMask", "SingleAgentEnv", "WhitecellParallelEnv", "parallel_env"]


class ActionMask(tuple):
    """An agent's action mask: one ``int8[n_actions]`` row per unit, as a tuple (the form
    ``MultiDiscrete.sample(mask=...)`` takes), over one ``(units, n_actions)`` array that
    ``np.asarray(mask)`` gives back without copying (``mask.array``)."""

    def __new__(cls, array: np.ndarray) -> "ActionMask":
        self = super().__new__(cls, array)
        self.array = array
        return self

    def __array__(self, dtype=None, copy=None):
        a = self.array
        if dtype is not None and np.dtype(dtype) != a.dtype:
            return a.astype(dtype)
        return a.copy() if copy else a


class WhitecellParallelEnv(ParallelEnv):
    """The whitecell PettingZoo environment: see the module's doc."""

    metadata = {"name": "whitecell_v0", "render_modes": ["ansi"], "is_parallelizable": True}

    def __init__(
        self,
        scenario: Union[str, os.PathLike, _native.Scenario],
        sides: Optional[Sequence[str]] = None,
        opponents: Optional[Sequence[str]] = None,
        reward: str = "points",
        win: float = 10.0,
        max_turns: Optional[int] = None,
        sets: Optional[Sequence[str]] = None,
        render_mode: Optional[str] = None,
    ):
        if render_mode not in (None, "ansi"):
            raise ValueError(f"render_mode {render_mode!r}: the only mode is 'ansi'")
        self.render_mode = render_mode
        self.game = _native.Game(
            scenario,
            agents=list(sides) if sides is not None else None,
            opponents=list(opponents or []),
            reward=reward,
            win=win,
            max_turns=max_turns,
            sets=list(sets or []),
        )
        self.possible_agents: List[str] = list(self.game.agents)
        self.agents: List[str] = []
        self.unit_ids: Dict[str, List[str]] = dict(zip(self.possible_agents, self.game.units))
        self.actions: List[str] = list(self.game.actions)
        self._index = {a: i for i, a in enumerate(self.possible_agents)}
        n = self.game.n_actions
        self.observation_spaces = {
            a: spaces.Dict(
                {
                    "observation": spaces.Box(
                        -np.inf, np.inf, shape=(self.game.obs_len,), dtype=np.float32
                    ),
                    "action_mask": spaces.Tuple(
                        [spaces.MultiBinary(n) for _ in self.unit_ids[a]]
                    ),
                }
            )
            for a in self.possible_agents
        }
        self.action_spaces = {
            a: spaces.MultiDiscrete([n] * len(self.unit_ids[a]), dtype=np.int64)
            for a in self.possible_agents
        }
        self.state_space = spaces.Box(
            -np.inf, np.inf, shape=(self.game.state_len,), dtype=np.float32
        )
        self._rng = np.random.default_rng()
        self._holds = {a: np.zeros(len(self.unit_ids[a]), np.int64) for a in self.possible_agents}
        self._mask_rows = []
        start = 0
        for a in self.possible_agents:
            self._mask_rows.append((a, start, start + len(self.unit_ids[a])))
            start += len(self.unit_ids[a])

    @functools.lru_cache(maxsize=None)
    def observation_space(self, agent: str) -> spaces.Space:
        return self.observation_spaces[agent]

    @functools.lru_cache(maxsize=None)
    def action_space(self, agent: str) -> spaces.Space:
        return self.action_spaces[agent]

    def _observations(self) -> Dict[str, Dict[str, Any]]:
        # Fresh buffers each call, written by the engine and wrapped without copying.
        obs, masks = self.game.observe_all()
        flat = np.frombuffer(obs, dtype=np.float32).reshape(len(self.possible_agents), -1)
        m = np.frombuffer(masks, dtype=np.int8).reshape(-1, self.game.n_actions)
        rows = tuple(m)
        new = tuple.__new__
        out = {}
        for i, (a, start, end) in enumerate(self._mask_rows):
            mask = new(ActionMask, rows[start:end])
            mask.array = m[start:end]
            out[a] = {"observation": flat[i], "action_mask": mask}
        return out

    def _infos(self) -> Dict[str, Dict[str, Any]]:
        return dict(zip(self.possible_agents, self.game.infos()))

    def reset(self, seed: Optional[int] = None, options: Optional[dict] = None):
        """Starts a game: with ``seed``, the game's dice seed (the same seed and actions give the
        same game, hash for hash); without, a seed drawn from the environment's generator."""
        if seed is not None:
            self._rng = np.random.default_rng(seed)
            game_seed = int(seed)
        else:
            game_seed = int(self._rng.integers(0, 2**63 - 1))
        self.game.reset(game_seed)
        self.agents = list(self.possible_agents)
        return self._observations(), self._infos()

    def step(self, actions: Dict[str, Any]):
        """Plays one turn. Agents missing from ``actions`` hold every unit."""
        if not self.agents:
            raise RuntimeError("the game is over: call reset()")
        holds = self._holds
        acts = [
            holds[a] if (x := actions.get(a)) is None else np.asarray(x).reshape(-1)
            for a in self.possible_agents
        ]
        flat = np.concatenate(acts).astype(np.int64, copy=False) if acts else np.zeros(0, np.int64)
        rewards, terminated, truncated = self.game.step(flat.tobytes(), [len(x) for x in acts])
        obs = self._observations()
        infos = self._infos()
        agents = self.agents
        # Every agent plays to the end together: the agents are the possible agents here.
        rew = dict(zip(self.possible_agents, rewards))
        terms = dict.fromkeys(agents, terminated)
        truncs = dict.fromkeys(agents, truncated)
        if terminated or truncated:
            self.agents = []
        return obs, rew, terms, truncs, infos

    def state(self) -> np.ndarray:
        """The umpire's full picture (layout in docs/python.md)."""
        return np.frombuffer(self.game.state(), dtype=np.float32).copy()

    def render(self, agent: Optional[str] = None) -> Optional[str]:
        """In ``"ansi"`` mode, a side's view as text (every agent's, one after another, when no
        agent is named)."""
        if self.render_mode is None:
            return None
        names = [agent] if agent is not None else self.possible_agents
        return "\n".join(self.game.render(self._index[a]) for a in names)

    def decode(self, agent: str, action: Any) -> List[str]:
        """The orders an action stands for, as the lines a student would type at the prompt."""
        return list(self.game.decode(self._index[agent], [int(x) for x in np.asarray(action).reshape(-1)]))

    def save_game(self, folder: Union[str, os.PathLike]) -> None:
        """Writes the episode so far as a new classroom game folder: the scenario and seed, each
        agent's orders as handed in (signed with its side's key), the bots' sides filled by their
        policies, one adjudication per turn, the keys and views — the folder a class would have
        made. ``whitecell replay`` verifies it hash for hash; ``report``, ``account`` and ``fork``
        open it. A scenario loaded with ``sets`` is saved as edited (the folder's scenario is the
        edited one; its origin names the sets). Refuses a folder that already holds a game."""
        _native.save_game(self.game, os.fspath(folder))

    def state_hash(self) -> str:
        """The state hash now, as the CLI prints it."""
        return self.game.state_hash()

    def close(self) -> None:
        pass


def parallel_env(
    scenario: Union[str, os.PathLike, _native.Scenario],
    sides: Optional[Sequence[str]] = None,
    opponents: Optional[Sequence[str]] = None,
    reward: str = "points",
    **kwargs: Any,
) -> WhitecellParallelEnv:
    """The PettingZoo parallel environment: ``sides`` the learner plays (default: every side),
    ``opponents`` the bot policies of the others (``["red=cautious"]``), ``reward`` ``"points"``
    or ``"sparse"``; ``win``, ``max_turns``, ``sets`` and ``render_mode`` as keywords."""
    return WhitecellParallelEnv(scenario, sides, opponents, reward, **kwargs)


class SingleAgentEnv(gym.Env):
    """A Gymnasium environment: one side against the scenario's bots (or ``opponents``).

    Observations, actions, rewards and infos are the parallel environment's for that side;
    :meth:`action_masks` gives the mask as one boolean array (units x actions)."""

    metadata = {"render_modes": ["ansi"]}

    def __init__(self, scenario, side: str, opponents=None, reward="points", render_mode=None,
                 **kwargs: Any):
        self.par = parallel_env(scenario, sides=[side], opponents=opponents, reward=reward,
                                render_mode=render_mode, **kwargs)
        self.side = side
        self.render_mode = render_mode
        self.observation_space = self.par.observation_space(side)
        self.action_space = self.par.action_space(side)
        self._last: Optional[Dict[str, Any]] = None

    def reset(self, *, seed: Optional[int] = None, options: Optional[dict] = None):
        super().reset(seed=seed)
        if seed is None:
            seed = int(self.np_random.integers(0, 2**63 - 1))
        obs, infos = self.par.reset(seed=seed, options=options)
        self._last = obs[self.side]
        return obs[self.side], infos[self.side]

    def step(self, action: Any):
        obs, rew, term, trunc, infos = self.par.step({self.side: action})
        s = self.side
        self._last = obs[s]
        return obs[s], rew[s], term[s], trunc[s], infos[s]

    def action_masks(self) -> np.ndarray:
        """The legal actions now, as a boolean array (units x actions)."""
        return np.array(self._last["action_mask"], dtype=bool)

    def render(self) -> Optional[str]:
        return self.par.render(self.side)

    def save_game(self, folder: Union[str, os.PathLike]) -> None:
        """See :meth:`WhitecellParallelEnv.save_game`."""
        self.par.save_game(folder)
