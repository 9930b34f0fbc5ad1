"""whitecell from Python: the wargame adjudication engine behind the ``whitecell`` CLI.

Everything here calls the same Rust library as the CLI; nothing re-implements a rule.

- :func:`load` loads a scenario (with ``--set`` style edits); a bad file raises
  :class:`ScenarioError` with every located problem.
- :func:`run` plays one game with bot policies, as ``whitecell run`` does.
- :func:`batch` plays many games and returns a ``pyarrow.Table`` of the CLI's rows.
- :mod:`whitecell.env` holds the PettingZoo environment.
"""

from ._batch import batch, manifest
from ._native import Scenario, ScenarioError, __version__, load, run

__all__ = ["Scenario", "ScenarioError", "__version__", "batch", "load", "manifest", "run"]
