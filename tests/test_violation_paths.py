"""Violation paths: ``with_path`` replaces, ``relocate`` moves a subtree, ``at`` prefixes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import Violation

_names = st.sampled_from(["cliente", "nome", "allegati", "delegato", "codice_fiscale", "x"])
_segments = st.one_of(_names, st.integers(min_value=0, max_value=9))


def _path(segments: list[str | int]) -> str:
    path = ""
    for s in segments:
        path = f"{path}[{s}]" if isinstance(s, int) else f"{path}.{s}" if path else s
    return path


def test_with_path_replaces_the_whole_path_and_keeps_the_rest() -> None:
    """with_path gives the same code, rule and params at the new path ("" clears it)."""
    v = Violation.of("password.too_short", path="utente.password", min_length=8, length=3)
    moved = v.with_path("new_password1")
    assert (moved.code, moved.rule, moved.params, moved.path) == (
        v.code,
        "PW-1",
        v.params,
        "new_password1",
    )
    assert v.with_path("").path == ""
    assert v.with_path(v.path) is v


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        ("password", "password", "new_password1", "new_password1"),
        ("cliente.nome", "cliente", "titolare", "titolare.nome"),
        ("cliente[0].nome", "cliente", "titolare", "titolare[0].nome"),
        ("allegati[2].nome", "allegati[2]", "", "nome"),
        ("allegati[2][1]", "allegati[2]", "", "[1]"),
        ("nome", "", "titolare", "titolare.nome"),
        ("[3]", "", "allegati", "allegati[3]"),
        ("", "", "titolare", "titolare"),
        ("cliente", "cliente", "", ""),
        ("a.b.c", "a.b", "z", "z.c"),
    ],
)
def test_relocate_moves_paths_under_old(path: str, old: str, new: str, expected: str) -> None:
    """relocate moves the path itself and every path under it, by whole segments."""
    assert Violation.of("forms.required", path=path).relocate(old, new).path == expected


@pytest.mark.parametrize(
    ("path", "old"),
    [
        ("clientela", "cliente"),  # a longer name is not under it
        ("cliente_nome", "cliente"),
        ("nome", "cliente"),
        ("", "cliente"),
        ("a.cliente", "cliente"),  # only a leading part matches
    ],
)
def test_relocate_leaves_other_paths_alone(path: str, old: str) -> None:
    """A violation not under ``old`` comes back unchanged (the same object)."""
    v = Violation.of("forms.required", path=path)
    assert v.relocate(old, "titolare") is v


@given(st.lists(_segments, max_size=4), st.sampled_from(["titolare", "utente.dati"]))
def test_relocate_from_root_is_at(segments: list[str | int], new: str) -> None:
    """Relocating from the root ("") is the same as prefixing with ``at``."""
    v = Violation.of("identifiers.empty", path=_path(segments))
    assert v.relocate("", new) == v.at(new)


@given(st.lists(_segments, min_size=1, max_size=4), st.lists(_segments, max_size=3))
def test_relocate_round_trips(head: list[str | int], tail: list[str | int]) -> None:
    """Moving a subtree to a fresh name and back gives the original path."""
    old = _path(head)
    v = Violation.of("identifiers.empty", path=_path([*head, *tail]))
    assert v.relocate(old, "spostato").relocate("spostato", old) == v
