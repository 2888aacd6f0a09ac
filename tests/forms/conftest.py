"""Fixtures of the form tests: the documented examples, fresh for every use."""

import copy
import json
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
