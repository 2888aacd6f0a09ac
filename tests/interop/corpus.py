"""Generated documents for the differential tests: valid ones, raw-input variants, mutants.

For every form of ``sportello.forms.FORMS`` (whatever fields it has: nothing here names one),
:func:`corpus` draws valid documents from ``sportello.testing.strategies`` (Hypothesis,
derandomised), then makes of each a raw-input variant (what a person types and ``load``
normalises: blanks around text, lower-case codes with separators, readings as ``"45.000"``,
``null`` or blanks for an empty field) and one or two mutants (a key removed or added, a wrong
JSON type, another choice, a date in another format, a text one character over a limit, an
item added to or removed from a list, ...) at a random place of the document tree.

:func:`verdict` runs ``forms.load`` on a document; :func:`disagreement` says whether a
validator's verdict and ``load``'s differ in a way the documented list of unstated rules
(``sportello.forms._schema_rules.UNSTATED``) does not explain.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello import ValidationError, forms
from sportello.forms._schema_rules import unstated_codes
from sportello.testing.strategies import FORM_NAMES, documenti_validi

__all__ = ["DOCUMENTS_PER_FORM", "Verdict", "corpus", "disagreement", "verdict"]

#: Documents per form: valid draws, each with a raw-input variant and mutants.
DOCUMENTS_PER_FORM = 320
_DRAWS = DOCUMENTS_PER_FORM // 7 + 1
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

Doc = Any
Where = tuple[str | int, ...]
#: ``load``'s verdict: ``None`` when it accepts, else the violations (code, path).
Verdict = list[tuple[str, str]] | None

_BLANKS = [" ", "\t", "\u3000", "\xa0", "\x85", "\u2028", "\n"]
_SEPARATORS = [" ", "-", ":", ".", "/"]
_ODD_DATES = ["20260115", "2026-W03-4", " 2026-01-15", "2026-01-15 ", "2026-02-30", "15/01/2026"]


def _paths(node: Doc, at: Where = ()) -> Iterator[Where]:
    """Every place in the document: each key of each object, each item of each list."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*at, key)
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*at, i)
            yield from _paths(value, (*at, i))


def _parent(doc: Doc, path: Where) -> Doc:
    node = doc
    for part in path[:-1]:
        node = node[part]
    return node


#: Values typed exactly or chosen, never with blanks around: dates and choices.
_EXACT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[a-z_]+")


def _raw(value: Any, rnd: random.Random) -> Any:
    """``value`` as a person might type it (``load`` normalises it back)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and _EXACT.fullmatch(value):
        return value
    if isinstance(value, int):
        if value >= 1000 and rnd.random() < 0.7:
            sep = rnd.choice([".", " ", "'", "\xa0"])
            return f"{value:,}".replace(",", sep)
        return str(value) if rnd.random() < 0.5 else value
    if isinstance(value, str):
        out = value
        if out.isalnum() and out.upper() == out and rnd.random() < 0.6:
            out = out.lower()
        if len(out) > 4 and out.replace(" ", "").isalnum() and rnd.random() < 0.5:
            cut = rnd.randrange(1, len(out) - 1)
            out = out[:cut] + rnd.choice(_SEPARATORS) + out[cut:]
        return rnd.choice(_BLANKS) + out + rnd.choice(["", *_BLANKS])
    return value


def _mutant(value: Any, rnd: random.Random) -> Any:
    """A value of another shape, or one just past a limit, or another valid choice."""
    choices: list[Callable[[], Any]] = [
        lambda: None,
        lambda: "",
        lambda: rnd.choice(_BLANKS) * 2,
        lambda: 1.0 if not isinstance(value, int) else float(value),
        lambda: [value],
        lambda: {"inatteso": value},
        lambda: True,
        lambda: 12,
    ]
    if isinstance(value, str):
        choices += [
            value.upper,
            value.capitalize,
            lambda: value[:-1],
            lambda: value + rnd.choice(["X", "0", "é", "@"]),
            lambda: "x" * rnd.choice([2499, 2500, 2501]),
            lambda: " " + "y" * 2500 + " ",
            lambda: rnd.choice(_ODD_DATES),
            lambda: "2026-01-15",
            lambda: rnd.choice(["IT001E12345678", "12345678901234", "00743110157"]),
            lambda: rnd.choice(["a@b", "mario@example", "josé@exämple.it", "no-at.example.it"]),
            lambda: "\ufeff" + value,
        ]
    if isinstance(value, bool):
        choices.append(lambda: not value)
    elif isinstance(value, int):
        choices += [lambda: -1, lambda: 10**15, lambda: 10**15 - 1, lambda: "1.234,5"]
    if isinstance(value, list):
        choices += [list, lambda: value[:-1], lambda: value + value[:1]]
    return rnd.choice(choices)()


def _walk_objects(node: Doc) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_objects(value)


def _pool(cls: type, docs: list[Doc]) -> dict[str, list[Any]]:
    """Values seen under each key: the documented examples, the drawn documents, every choice.

    A mutation puts one of them where another was (``modulo: delegato`` in a Modulo Cliente)
    or adds a missing field (a ``delegato``, a ``dotazione``): the cross-field rules meet
    combinations the strategies alone never draw.
    """
    pool: dict[str, list[Any]] = {}
    sources = [*docs, *(json.loads(p.read_text("utf-8")) for p in EXAMPLES.glob("*.json"))]
    for source in sources:
        for obj in _walk_objects(source):
            for key, value in obj.items():
                pool.setdefault(key, []).append(value)
    schema = forms.json_schema(cls)
    defs = schema.get("$defs", {})
    for obj in [schema, *defs.values()]:
        for key, prop in obj.get("properties", {}).items():
            for branch in [prop, *prop.get("anyOf", [])]:
                target = defs.get(str(branch.get("$ref", "")).removeprefix("#/$defs/"), {})
                pool.setdefault(key, []).extend(target.get("enum", []))
                if branch.get("type") == "boolean":
                    pool.setdefault(key, []).extend([True, False])
    return pool


def _mutate(doc: Doc, rnd: random.Random, pool: dict[str, list[Any]]) -> Doc:
    found = copy.deepcopy(doc)
    for _ in range(rnd.choice([1, 1, 2, 3])):
        _mutate_once(found, rnd, pool)
    return found


def _mutate_once(found: Doc, rnd: random.Random, pool: dict[str, list[Any]]) -> None:
    places = list(_paths(found))
    objects = list(_walk_objects(found))
    how = rnd.random()
    if how < 0.2 and objects:  # add a field another document has
        target = rnd.choice(objects)
        key = rnd.choice(sorted(pool))
        target[key] = copy.deepcopy(rnd.choice(pool[key]))
        return
    if not places:
        return
    path = rnd.choice(places)
    parent = _parent(found, path)
    key = path[-1]
    if how < 0.3 and isinstance(parent, dict):
        del parent[key]
    elif how < 0.35 and isinstance(parent, dict):
        parent[f"{key}_extra"] = parent[key]
    elif how < 0.6 and isinstance(key, str) and pool.get(key):
        parent[key] = copy.deepcopy(rnd.choice(pool[key]))
    elif how < 0.75:
        parent[key] = _raw(parent[key], rnd)
    else:
        parent[key] = _mutant(parent[key], rnd)


class _Recombiner:
    """Swaps, adds and removes fields with values that each pass the field's own schema.

    Every field stays well formed, so what ``load`` refuses in such a document is a
    cross-field rule (the delegate and the Modulo, the attachments, the channel against the
    sender, the matter against the customer, the meeting mode against the equipment).
    """

    def __init__(self, cls: type, pool: dict[str, list[Any]]) -> None:
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

        schema = forms.json_schema(cls)
        self.defs = schema.get("$defs", {})
        self.objects = [o for o in [schema, *self.defs.values()] if o.get("type") == "object"]
        self.pool = pool
        self.validator = Draft202012Validator
        self.fits: dict[tuple[int, str], list[Any]] = {}

    def _schema_of(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        fitting = [o for o in self.objects if set(obj) <= set(o["properties"])]
        return max(fitting, key=lambda o: len(set(obj) & set(o["properties"])), default=None)

    def _candidates(self, schema: dict[str, Any], key: str) -> list[Any]:
        cache = (id(schema), key)
        if cache not in self.fits:
            prop = {**schema["properties"][key], "$defs": self.defs}
            check = self.validator(prop)
            seen = {json.dumps(v, sort_keys=True): v for v in self.pool.get(key, [])}
            self.fits[cache] = [v for v in seen.values() if check.is_valid(v)]
        return self.fits[cache]

    def __call__(self, doc: Doc, rnd: random.Random) -> Doc:
        found = copy.deepcopy(doc)
        for _ in range(rnd.choice([1, 2, 3])):
            objects = list(_walk_objects(found))
            target = found if rnd.random() < 0.5 else rnd.choice(objects)
            schema = self._schema_of(target)
            if schema is None:
                continue
            key = rnd.choice(sorted(schema["properties"]))
            options = self._candidates(schema, key)
            if key in target and key not in schema["required"] and rnd.random() < 0.3:
                del target[key]
            elif options:
                target[key] = copy.deepcopy(rnd.choice(options))
        return found


def _variant(doc: Doc, rnd: random.Random) -> Doc:
    found = copy.deepcopy(doc)
    for path in list(_paths(found)):
        if rnd.random() < 0.4:
            parent = _parent(found, path)
            parent[path[-1]] = _raw(parent[path[-1]], rnd)
    return found


def _valid(form: str) -> list[Doc]:
    drawn: list[Doc] = []

    @settings(
        max_examples=_DRAWS,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        drawn.append(data.draw(documenti_validi(form)))

    collect()
    return drawn


def corpus(cls: type) -> list[Doc]:
    """At least :data:`DOCUMENTS_PER_FORM` documents of the form ``cls``, always the same ones."""
    name = cls.__name__
    assert name in FORM_NAMES, f"sportello.testing.strategies has no strategy for {name}"
    rnd = random.Random(f"sportello-differential-{name}")
    drawn = _valid(name)
    pool = _pool(cls, drawn)
    example = EXAMPLES / f"{forms.form_name(cls)}.json"
    if example.is_file():  # the documented example fills every field: recombined more often
        drawn[::4] = [json.loads(example.read_text("utf-8"))] * len(drawn[::4])
    recombine = _Recombiner(cls, pool)
    found: list[Doc] = []
    for doc in drawn:
        found += [
            doc,
            _variant(doc, rnd),
            _mutate(rnd.choice([doc, _variant(doc, rnd)]), rnd, pool),
        ]
        found += [recombine(rnd.choice([doc, _variant(doc, rnd)]), rnd) for _ in range(4)]
    # JSON round trip: what a front end would send (no tuples, no Python-only values).
    return [json.loads(json.dumps(d)) for d in found]


def verdict(cls: type, doc: Doc) -> Verdict:
    """``None`` when ``forms.load`` accepts ``doc``, else its violations as (code, path)."""
    try:
        forms.load(cls, doc)
    except ValidationError as err:
        return [(v.code, v.path) for v in err.violations]
    return None


def _value_at(doc: Doc, path: str) -> Any:
    node = doc
    for part in path.replace("[", ".").replace("]", "").split("."):
        if not part:
            continue
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    return node


def _explained(doc: Doc, code: str, path: str) -> bool:
    """Whether a violation is one the schemas leave to ``load`` (see ``UNSTATED``)."""
    if code not in unstated_codes():
        return False
    if code == "forms.wrong_type":  # only a whole number sent as 1.0
        value = _value_at(doc, path)
        return isinstance(value, float) and value.is_integer()
    return True


def disagreement(doc: Doc, loaded: Verdict, schema_accepts: bool) -> str | None:
    """Why the two verdicts disagree beyond the documented unstated rules, or ``None``."""
    if loaded is None and not schema_accepts:
        return "load accepts what the schema refuses"
    if loaded is not None and schema_accepts:
        stated = [(c, p) for c, p in loaded if not _explained(doc, c, p)]
        if stated:
            return f"the schema accepts what load refuses for rules it states: {stated}"
    return None
