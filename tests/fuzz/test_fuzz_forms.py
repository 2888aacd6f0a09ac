"""``forms.load`` on every form of ``FORMS``: arbitrary JSON, and valid examples with one fault.

Property: ``load(cls, data)`` returns an instance of ``cls`` or raises
:class:`sportello.ValidationError` (its subclass ``FormError``) with at least one violation;
never another exception, never a hang (each call runs under a time limit).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.forms import FORMS, load

from .conftest import FUZZ_SETTINGS, json_like, json_objects, outcome, unicode_text

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "docs" / "examples"

#: Every form's documented valid example (docs/examples/<form>.json), read once.
VALID: dict[str, dict[str, Any]] = {
    name: json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    for name in sorted(FORMS)
    if (EXAMPLES_DIR / f"{name}.json").exists()
}

Path_ = tuple[str | int, ...]


def _paths(doc: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every key path inside ``doc`` (object keys and list indices), outermost first."""
    found: list[Path_] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.append((*prefix, i))
            found.extend(_paths(value, (*prefix, i)))
    return found


@st.composite
def near_valid(draw: st.DrawFn, name: str) -> Any:
    """The valid example of form ``name`` with one field replaced, removed, or one key added."""
    doc = copy.deepcopy(VALID[name])
    path = draw(st.sampled_from(_paths(doc)), label="path")
    parent: Any = doc
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "remove", "add_key"]), label="action")
    if action == "replace":
        parent[path[-1]] = draw(st.one_of(json_like, unicode_text), label="junk")
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(unicode_text, label="new key")] = draw(json_like, label="junk")
    return doc


def _check(name: str, data: Any) -> None:
    """The property: a form of the right class, or ValidationError."""
    cls = FORMS[name]
    status, value = outcome(lambda: load(cls, data))
    if status == "ok":
        assert isinstance(value, cls), f"load({cls.__name__}) returned {value!r}"
    else:
        assert isinstance(value, ValidationError)


def test_every_form_has_an_example() -> None:
    """Every form in FORMS has a documented example, which loads (the near-valid baseline)."""
    assert sorted(VALID) == sorted(FORMS)
    for name, doc in VALID.items():
        assert isinstance(load(FORMS[name], copy.deepcopy(doc)), FORMS[name])


@pytest.mark.parametrize("name", sorted(FORMS))
@FUZZ_SETTINGS
@given(data=st.data())
def test_load_survives_hostile_documents(name: str, data: st.DataObject) -> None:
    """load returns the form or raises ValidationError: arbitrary JSON and near-valid documents."""
    document = data.draw(
        st.one_of(json_like, json_objects, near_valid(name)) if name in VALID else json_like,
        label="document",
    )
    _check(name, document)
