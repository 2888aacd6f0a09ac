"""Fixtures of the form tests: the documented examples, fresh for every use."""

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

_CACHE: dict[str, dict[str, Any]] = {}


def read_example(name: str) -> dict[str, Any]:
    """A deep copy of ``docs/examples/<name>.json``."""
    if name not in _CACHE:
        _CACHE[name] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(_CACHE[name])


@pytest.fixture
def example() -> Callable[[str], dict[str, Any]]:
    """A function returning a fresh copy of a documented example."""
    return read_example


@pytest.fixture(autouse=True)
def _cold_load_caches_in_mutmuts_stats_pass() -> None:
    """In mutmut's stats pass only, each test starts with ``forms._load``'s caches empty.

    mutmut runs a mutant with the tests that reached the mutated function in its stats pass.
    The plans are cached per class, so only the first test to load a form would be recorded
    as reaching ``_plan`` or ``_nested_kind``: a mutant there would run with that one test.
    """
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    from sportello.forms import _load

    for cached in (_load.resolved_fields, _load._plan, _load._runner, _load._fast_hook):
        cached.cache_clear()
