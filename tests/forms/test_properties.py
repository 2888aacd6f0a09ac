"""Hypothesis: dump/load round trips on valid forms; load never fails but with violations."""

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.forms import (
    FORMS,
    DomandaConciliazione,
    Oggetto,
    RegistrazioneSportello,
    dump,
    load,
)
from sportello.rules.meetings import SceltaPreimpostata

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def read_example(name: str) -> dict[str, Any]:
    """A fresh copy of ``docs/examples/<name>.json``."""
    found: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return found


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=200
).filter(lambda s: s.strip() == s and bool(s))

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@given(
    descrizione=st.text(min_size=1, max_size=2500).filter(lambda s: s.strip() == s and bool(s)),
    richieste=_TEXT,
    note=st.none() | _TEXT,
    oggetto=st.sampled_from(Oggetto),
    disponibilita=st.lists(st.sampled_from(SceltaPreimpostata), max_size=5),
)
def test_conciliazione_round_trip(
    descrizione: str,
    richieste: str,
    note: str | None,
    oggetto: Oggetto,
    disponibilita: list[SceltaPreimpostata],
) -> None:
    """load(dump(x)) == x for valid conciliation requests (CO-3, CO-4, CO-5 fields varied)."""
    doc: dict[str, Any] = read_example("domanda_conciliazione")
    doc.update(
        descrizione=descrizione,
        richieste_cliente=richieste,
        note=note,
        oggetto=oggetto.value,
        disponibilita=[d.value for d in disponibilita],
    )
    form = load(DomandaConciliazione, doc)
    document = dump(form)
    assert json.loads(json.dumps(document)) == document
    assert load(DomandaConciliazione, document) == form


@given(
    username=st.from_regex(r"[a-z][a-z0-9._-]{1,14}[a-z0-9]", fullmatch=True),
    telefono=st.booleans(),
)
def test_registrazione_round_trip(username: str, telefono: bool) -> None:
    """load(dump(x)) == x for valid registrations with varied usernames."""
    doc = read_example("registrazione_sportello")
    doc["username"] = username
    doc["password"] = "Zq#90000000"
    if not telefono:
        del doc["telefono"]
    form = load(RegistrazioneSportello, doc)
    assert load(RegistrazioneSportello, dump(form)) == form


@given(name=st.sampled_from(sorted(FORMS)), data=_JSON)
def test_load_only_ever_raises_validation_errors(name: str, data: object) -> None:
    """Whatever JSON comes in, load returns a form or raises ValidationError, nothing else."""
    problems: tuple[object, ...] = ()
    try:
        load(FORMS[name], data)
    except ValidationError as err:
        problems = err.violations
    assert problems or isinstance(data, dict)


@given(name=st.sampled_from(sorted(FORMS)), data=st.data())
def test_example_with_any_field_value(name: str, data: st.DataObject) -> None:
    """An example with one field replaced by any JSON value loads or raises ValidationError."""
    doc = read_example(name)
    key = data.draw(st.sampled_from(sorted(doc)))
    doc[key] = data.draw(_JSON)
    paths: list[str] = []
    try:
        load(FORMS[name], doc)
    except ValidationError as err:
        paths = [v.path for v in err.violations]
    assert all(paths)
