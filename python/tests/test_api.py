"""Every public name has a docstring, and the extension's stubs name what it holds."""

import ast
import pathlib

import whitecell
import whitecell.env
import whitecell.vector
from whitecell import _native

STUBS = pathlib.Path(whitecell.__file__).with_name("_native.pyi")


def test_every_public_name_has_a_docstring():
    names = [getattr(whitecell, n) for n in whitecell.__all__ if n != "__version__"]
    names += [getattr(whitecell.env, n) for n in whitecell.env.__all__]
    names += [getattr(whitecell.vector, n) for n in whitecell.vector.__all__]
    names += [_native.Game, _native.VecGame, _native.Account, _native.batch_to_folder, _native.save_game]
    missing = [getattr(x, "__name__", repr(x)) for x in names if not (x.__doc__ or "").strip()]
    assert not missing


def test_stubs_cover_the_extension():
    tree = ast.parse(STUBS.read_text())
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    public = {n for n in dir(_native) if not n.startswith("_")}
    assert public <= stubbed, public - stubbed
    assert (STUBS.parent / "py.typed").exists()
