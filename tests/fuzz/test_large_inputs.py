"""One-megabyte inputs through every rule and every form: an answer, never a hang.

Each call runs under ``time_limit`` (:data:`LARGE_SECONDS`): a call that does not come back
fails the test with its stack. No duration is asserted (the house forbids timing asserts);
the measured times are in docs/fuzzing.md. Every text parameter of every public rule gets
the big strings in turn, the other arguments drawn as in the fuzz targets; every form gets
its valid example with its strings replaced by hostile text adding up to 1 MB, padded to
1 MB with an unknown key, and with a field nested 5,000 lists deep.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import types
import typing
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.forms import FORMS, load

from .conftest import FUZZ_SETTINGS, conforms, outcome
from .test_fuzz_forms import VALID
from .test_fuzz_rules import FUNCTIONS, _returns, _signature_strategy

MB = 1_000_000
#: A hang guard in CPU seconds, not a benchmark: the calls take milliseconds (docs/fuzzing.md).
LARGE_SECONDS = 10

#: The big strings: plain ASCII, digits, and hostile Unicode (combining marks, flags, RTL,
#: a lone surrogate, NUL), each one million characters.
BIG_TEXTS = {
    "ascii": "A" * MB,
    "digits": "9" * MB,
    "unicode": ("e\u0301🇮🇹\u202e\ud800\x00 ß" * (MB // 9 + 1))[:MB],
}


def _text_parameters() -> list[tuple[str, str]]:
    """(function, parameter) for every public rule parameter that takes text (or anything)."""
    found = []
    for key, fn in FUNCTIONS.items():
        hints = typing.get_type_hints(fn)
        for name in inspect.signature(fn).parameters:
            hint = hints[name]
            union = typing.get_origin(hint) in (typing.Union, types.UnionType)
            if hint in (object, str) or (union and str in typing.get_args(hint)):
                found.append((key, name))
    return found


#: Every text parameter, none left out (the delimiter and the reading once were: fixed).
TEXT_PARAMETERS = _text_parameters()


def _assert_answer(key: str, call: Any) -> None:
    status, value = outcome(call, seconds=LARGE_SECONDS)
    if status == "ok":
        assert conforms(value, _returns(key)), f"{key} returned {type(value)}"
    else:
        assert isinstance(value, ValidationError)


@pytest.mark.parametrize(("key", "parameter"), TEXT_PARAMETERS, ids=str)
@settings(FUZZ_SETTINGS, max_examples=1)
@given(data=st.data())
def test_a_megabyte_of_text_in_every_rule(key: str, parameter: str, data: st.DataObject) -> None:
    """Each 1 MB string in each text parameter: the declared result or ValidationError, no hang."""
    args, kwargs = data.draw(_signature_strategy(key), label="other arguments")
    names = list(inspect.signature(FUNCTIONS[key]).parameters)
    for text in BIG_TEXTS.values():
        call_args, call_kwargs = list(args), dict(kwargs)
        if names.index(parameter) < len(args):
            call_args[names.index(parameter)] = text
        else:
            call_kwargs[parameter] = text
        _assert_answer(key, lambda a=call_args, k=call_kwargs: FUNCTIONS[key](*a, **k))


@pytest.mark.parametrize("key", ["profile.check_update", "profile.normalize_update"])
@pytest.mark.parametrize("kind", sorted(BIG_TEXTS))
def test_a_megabyte_in_every_profile_field(key: str, kind: str) -> None:
    """Every editable profile field (UP-1) holding 1 MB: violations or a result, no hang."""
    from sportello.rules import profile

    changes = dict.fromkeys(profile.EDITABLE_FIELDS, BIG_TEXTS[kind])
    _assert_answer(key, lambda: FUNCTIONS[key](changes))


def _replace_strings(doc: Any, text: str) -> Any:
    """``doc`` with every string value (not key) replaced by ``text``."""
    if isinstance(doc, str):
        return text
    if isinstance(doc, list):
        return [_replace_strings(v, text) for v in doc]
    if isinstance(doc, dict):
        return {k: _replace_strings(v, text) for k, v in doc.items()}
    return doc


def _count_strings(doc: Any) -> int:
    """How many string values ``doc`` holds."""
    if isinstance(doc, str):
        return 1
    if isinstance(doc, list):
        return sum(_count_strings(v) for v in doc)
    if isinstance(doc, dict):
        return sum(_count_strings(v) for v in doc.values())
    return 0


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _documents(name: str) -> dict[str, Any]:
    """The big documents of form ``name``, by label."""
    example = VALID[name]
    padded = {**copy.deepcopy(example), "zz_padding": ["abcdefgh"] * (MB // 11)}
    deep = copy.deepcopy(example)
    deep[next(iter(deep))] = _nested(5_000)
    share = MB // max(1, _count_strings(example))  # the strings add up to 1 MB
    docs = {
        f"every string {kind}": _replace_strings(example, t[:share])
        for kind, t in BIG_TEXTS.items()
    }
    docs["1 MB of JSON"] = padded
    docs["5,000 lists deep"] = deep
    return docs


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_megabyte_document_in_every_form(name: str) -> None:
    """Each big document loads or raises ValidationError in every form, without hanging."""
    documents = _documents(name)
    assert len(json.dumps(documents["1 MB of JSON"])) >= MB
    for label, document in documents.items():
        status, value = outcome(
            functools.partial(load, FORMS[name], document), seconds=LARGE_SECONDS
        )
        if status == "ok":
            assert isinstance(value, FORMS[name]), label
        else:
            assert isinstance(value, ValidationError), label
