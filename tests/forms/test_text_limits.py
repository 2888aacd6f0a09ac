"""Every text field of every form has a maximum length: the default, or the field's own."""

from __future__ import annotations

import copy
import itertools
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

from sportello import ValidationError, forms
from sportello.forms._converter import is_optional, optional_inner, text_limit
from sportello.forms._fields import PASSWORD_MAX, TEXT_MAX
from sportello.forms._load import resolved_fields
from sportello.forms._registry import info
from sportello.forms._schema_kinds import stripped_length
from sportello.testing._forms import ESEMPI

Part = str | int


def _text_fields(
    cls: type, prefix: tuple[Part, ...] = ()
) -> Iterator[tuple[tuple[Part, ...], Any]]:
    """(path, attrs field) of every ``str`` / ``str | None`` field reachable from ``cls``."""
    for f in resolved_fields(cls):
        tp = optional_inner(f.type) if is_optional(f.type) else f.type
        if typing.get_origin(tp) is tuple:
            (item,) = typing.get_args(tp)[:1]
            if attrs.has(item):
                yield from _text_fields(item, (*prefix, f.name, 0))
        elif attrs.has(tp):
            yield from _text_fields(tp, (*prefix, f.name))
        elif tp is str:
            yield (*prefix, f.name), f


def _path(parts: tuple[Part, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _with(doc: dict[str, Any], parts: tuple[Part, ...], value: str) -> dict[str, Any]:
    """``doc`` with ``value`` at ``parts``, creating the records and lists on the way."""
    out = copy.deepcopy(doc)
    node: Any = out
    for here, after in itertools.pairwise(parts):
        empty: Any = [] if isinstance(after, int) else {}
        if isinstance(here, int):
            while len(node) <= here:
                node.append(empty)
        else:
            node = node.setdefault(here, empty)
            continue
        node = node[here]
    node[parts[-1]] = value
    return out


CASES = [
    (name, parts, field)
    for name, cls in sorted(forms.FORMS.items())
    for parts, field in _text_fields(cls)
]


def _too_long_at(cls: type, doc: dict[str, Any], path: str) -> list[dict[str, Any]]:
    try:
        forms.load(cls, doc)
    except ValidationError as err:
        return [
            dict(v.params) for v in err.violations if v.code == "forms.too_long" and v.path == path
        ]
    return []


def test_every_form_has_text_fields_to_check() -> None:
    """The walk finds the text fields of the forms (names, usernames, notes, file names...)."""
    paths = {f"{name}:{_path(parts)}" for name, parts, _ in CASES}
    assert "domanda_conciliazione:cliente.nome" in paths
    assert "domanda_conciliazione:allegati[0].nome" in paths
    assert "segnalazione_anomalia:anomalia" in paths
    assert len(CASES) > 30


@pytest.mark.parametrize(
    ("name", "parts", "field"), CASES, ids=[f"{n}:{_path(p)}" for n, p, _ in CASES]
)
def test_every_text_field_is_bounded_on_both_sides(
    name: str, parts: tuple[Part, ...], field: Any
) -> None:
    """Exactly the field's limit is not too long; one character more is forms.too_long there."""
    cls = forms.FORMS[name]
    limit = text_limit(field)
    doc = ESEMPI.get(cls.__name__, {})  # a form without an example: the other faults are ignored
    path = _path(parts)
    assert _too_long_at(cls, _with(doc, parts, "a" * limit), path) == []
    assert _too_long_at(cls, _with(doc, parts, "a" * (limit + 1)), path) == [
        {"max_length": limit, "length": limit + 1}
    ]


@pytest.mark.parametrize(("name", "cls"), sorted(forms.FORMS.items()))
def test_every_string_in_every_schema_has_a_max_length(name: str, cls: type) -> None:
    """Each string of each form's output JSON Schema (nested records too) has maxLength."""
    schema = forms.json_schema(cls, mode="output")
    missing = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            text = node.get("type") == "string" and "enum" not in node
            if text and node.get("format") != "date" and "maxLength" not in node:
                missing.append(where)
            for key, value in node.items():
                if key not in ("allOf", "not"):  # conditions of cross-field rules, not values
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema, name)
    assert missing == []


def test_limits_on_both_paths_for_a_document_that_is_otherwise_valid() -> None:
    """A valid document with a 1,000-character text loads (fast path); 1,001 is refused."""
    cls = forms.RichiestaInformazioni
    doc = {**ESEMPI["RichiestaInformazioni"], "argomento": " " + "a" * TEXT_MAX + " "}
    assert forms.load(cls, doc).argomento == "a" * TEXT_MAX
    doc["argomento"] = "a" * (TEXT_MAX + 1)
    with pytest.raises(ValidationError) as caught:
        forms.load(cls, doc)
    assert caught.value.codes == ("forms.too_long",)
    assert caught.value.violations[0].path == "argomento"


def test_passwords_are_bounded_by_the_policy() -> None:
    """PW-1: a password of PASSWORD_MAX characters is taken; one more is password.too_long."""
    from sportello.rules.password import PASSWORD_MAX_LENGTH

    assert PASSWORD_MAX == PASSWORD_MAX_LENGTH
    long_ok = "Aa1!" * (PASSWORD_MAX // 4)
    assert forms.load(forms.Login, {"username": "mario", "password": long_ok}).password == long_ok
    with pytest.raises(ValidationError) as caught:
        forms.load(forms.Login, {"username": "mario", "password": long_ok + "x"})
    assert caught.value.codes == ("password.too_long",)
    assert caught.value.violations[0].rule == "PW-1"
    assert caught.value.violations[0].path == "password"
    schema = forms.json_schema(forms.Login, mode="output")["properties"]["password"]
    assert schema["maxLength"] == PASSWORD_MAX


@attrs.frozen(kw_only=True)
class _Nota:
    """A record whose text fields set their own limits."""

    titolo: str = attrs.field(metadata=info("Titolo", max_length=5))
    nota: str | None = attrs.field(default=None, metadata=info("Nota", max_length=3))
    testo: str | None = attrs.field(default=None, metadata=info("Testo"))


def test_a_field_can_set_its_own_limit() -> None:
    """info(max_length=...) is enforced for str and str | None, on both sides, and in the schema."""
    assert forms.load(_Nota, {"titolo": "abcde", "nota": "abc"}) == _Nota(
        titolo="abcde", nota="abc"
    )
    with pytest.raises(ValidationError) as caught:
        forms.load(_Nota, {"titolo": "abcdef", "nota": "abcd", "testo": "x" * (TEXT_MAX + 1)})
    found = {v.path: dict(v.params) for v in caught.value.violations}
    assert found == {
        "titolo": {"max_length": 5, "length": 6},
        "nota": {"max_length": 3, "length": 4},
        "testo": {"max_length": TEXT_MAX, "length": TEXT_MAX + 1},
    }
    with pytest.raises(ValidationError) as caught:
        forms.load(_Nota, {"titolo": "abc", "nota": 7})
    assert caught.value.codes == ("forms.wrong_type",)
    assert forms.load(_Nota, {"titolo": "abc", "nota": "  "}).nota is None
    props = forms.json_schema(_Nota, mode="output")["properties"]
    assert props["titolo"]["maxLength"] == 5
    assert props["nota"]["maxLength"] == 3
    assert props["testo"]["maxLength"] == TEXT_MAX
    raw = forms.json_schema(_Nota, mode="input")["properties"]
    assert raw["titolo"]["pattern"] == stripped_length(5)
    assert raw["nota"]["anyOf"][0]["pattern"] == stripped_length(3)


@attrs.frozen(kw_only=True)
class _Sbagliato:
    """A record that gives a limit to a field that is not text."""

    quanti: int = attrs.field(metadata=info("Quanti", max_length=3))


def test_a_limit_on_a_field_that_is_not_text_is_a_type_error() -> None:
    """max_length belongs to text fields: anywhere else it is a programming error."""
    with pytest.raises(TypeError, match="max_length is for text fields"):
        forms.load(_Sbagliato, {"quanti": 1})
