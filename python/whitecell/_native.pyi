"""Type stubs of whitecell's Rust extension (python/src/)."""

import os
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

PathLike = Union[str, os.PathLike]
ScenarioLike = Union[PathLike, "Scenario"]

class Problem(TypedDict):
    file: str
    line: Optional[int]
    column: Optional[int]
    path: Optional[str]
    message: str
    text: str

class ScenarioError(ValueError):
    """A scenario that does not load; ``str(e)`` is what ``whitecell validate`` prints."""

    problems: List[Problem]

class Scenario:
    """A scenario loaded and checked, ready to play."""

    @property
    def path(self) -> os.PathLike: ...
    @property
    def sets(self) -> List[str]: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def turns(self) -> int: ...
    @property
    def sides(self) -> List[str]: ...
    @property
    def zones(self) -> List[str]: ...
    @property
    def units(self) -> List[Dict[str, Union[str, int]]]: ...
    @property
    def policies(self) -> List[str]: ...

def load(path: PathLike, sets: Optional[Sequence[str]] = None) -> Scenario:
    """Loads a scenario file, applying ``PATH=VALUE`` edits as ``--set`` does."""

class RunResult(TypedDict):
    winner: Optional[str]
    points: Dict[str, int]
    ending: str
    sudden_death: Optional[str]
    outcome: str
    turns: int
    state_hash: str
    seed: int
    policies: List[str]

def run(
    scenario: ScenarioLike,
    seed: int = 0,
    policies: Optional[Sequence[str]] = None,
    sets: Optional[Sequence[str]] = None,
) -> RunResult:
    """Plays one game with bot policies, as ``whitecell run`` does."""

def batch_to_folder(
    scenario: ScenarioLike,
    out: PathLike,
    runs: int,
    master_seed: int = 0,
    policies: Optional[Sequence[str]] = None,
    sets: Optional[Sequence[str]] = None,
    sweep: Optional[Sequence[str]] = None,
    threads: Optional[int] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    common_seeds: bool = False,
    history: Optional[PathLike] = None,
) -> os.PathLike:
    """Plays a whole batch into ``out``; returns its Parquet part's path."""

def save_game(game: "Game", dir: PathLike) -> None:
    """Writes an environment game so far as a new classroom game folder ``dir``."""

class Account:
    """A side's account of one turn (``infos[agent]["account"]``: lines ``{"what", "unit",
    "text"}``; ``infos[agent]["rejected"]``: the rejected orders' texts), kept when the turn is
    played and worded only when first read. A read-only sequence that stays that turn's after
    later turns; equal to the list it stands for."""

    def tolist(self) -> List[Any]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: Any) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __contains__(self, item: object) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

class Info(TypedDict):
    rejected: Account
    account: Account
    state_hash: str
    turn: int

class Game:
    """One environment game (see whitecell.env)."""

    def __init__(
        self,
        scenario: ScenarioLike,
        agents: Optional[Sequence[str]] = None,
        opponents: Optional[Sequence[str]] = None,
        reward: str = "points",
        win: float = 10.0,
        max_turns: Optional[int] = None,
        sets: Optional[Sequence[str]] = None,
    ) -> None: ...
    @property
    def agents(self) -> List[str]: ...
    @property
    def sides(self) -> List[str]: ...
    @property
    def units(self) -> List[List[str]]: ...
    @property
    def n_actions(self) -> int: ...
    @property
    def actions(self) -> List[str]: ...
    @property
    def obs_len(self) -> int: ...
    @property
    def state_len(self) -> int: ...
    @property
    def turn(self) -> int: ...
    @property
    def turns(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def ended(self) -> bool: ...
    @property
    def done(self) -> bool: ...
    def reset(self, seed: int) -> None: ...
    def observe_all(self) -> Tuple[bytearray, bytearray]:
        """Every agent's observation (float32, agents x obs_len) and mask (int8, each agent's
        units x actions, one agent after another), in fresh bytearrays."""
    def state(self) -> bytes: ...
    def step(
        self, actions: Union[Sequence[Sequence[int]], bytes], lengths: Optional[Sequence[int]] = None
    ) -> Tuple[List[float], bool, bool]:
        """One turn: per agent its table index per unit; or every agent's indices one after
        another as int64 bytes, with ``lengths`` per agent."""
    def infos(self) -> List[Info]:
        """Every agent's infos for the turn last played."""
    def state_hash(self) -> str: ...
    def render(self, a: int) -> str: ...
    def decode(self, a: int, action: Sequence[int]) -> List[str]: ...

class VecGame:
    """N environment games stepped in Rust across threads (see whitecell.vector)."""

    def __init__(
        self,
        scenario: ScenarioLike,
        n: int,
        agents: Optional[Sequence[str]] = None,
        opponents: Optional[Sequence[str]] = None,
        reward: str = "points",
        win: float = 10.0,
        max_turns: Optional[int] = None,
        sets: Optional[Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def n(self) -> int: ...
    @property
    def max_units(self) -> int: ...
    @property
    def seeds(self) -> List[int]: ...
    def reset(self, seed: int) -> Tuple[bytearray, bytearray]: ...
    def step(self, actions: bytes) -> Tuple[bytearray, bytearray, bytearray, bytearray, bytearray]: ...
    def state_hashes(self) -> List[str]: ...
