"""The fast path of load gives what the detailed path gives: same records, same refusals.

``load`` first structures with the fast converter (generated hooks, no error collection) and
falls back to the detailed one when the fast one refuses the document (its REFUSALS only);
the shortcuts taken for speed (the field check on an already validated codice fiscale, the
ASCII compaction, the letters of a name) must not change a single result.
"""

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from cattrs.errors import BaseValidationError
from hypothesis import given
from hypothesis import strategies as st
from stdnum.it import codicefiscale as stdnum_cf

from sportello import ValidationError
from sportello.forms import FORMS, DomandaConciliazione, load
from sportello.forms._converter import converter, fast_converter
from sportello.forms._fast import REFUSALS
from sportello.rules.identifiers import codice_fiscale
from sportello.rules.identifiers._persona import TRANSLITERATION, letters
from sportello.rules.meetings import SceltaPreimpostata
from sportello.testing.strategies import codici_fiscali, codici_fiscali_invalidi

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

#: Values that hit every inlined branch: blanks, padded text, dates, enum values, wrong types.
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=False, width=16),
    st.sampled_from(["", "  ", " x ", "2026-08-03", " 2026-08-03 ", "2026-02-30", "cliente"]),
    st.sampled_from(["delegato", "video", "reclamo", "lunedi_mattina", "domestico", "M"]),
    st.sampled_from(["RSSMRA85T10A562S", " rssmra85t10a562s ", "00743110157", "IT001E12345678"]),
    st.text(max_size=6),
    st.lists(st.sampled_from(["lunedi_mattina", "sabato_mattina", "", None]), max_size=3),
    st.dictionaries(st.sampled_from(["tipo", "nome", "x"]), st.just("reclamo"), max_size=2),
)


def read_example(name: str) -> dict[str, Any]:
    """A fresh copy of ``docs/examples/<name>.json``."""
    found: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return found


def _outcome(conv: Any, cls: type, doc: object) -> tuple[bool, object]:
    """``(True, record)`` or ``(False, None)`` when the converter refuses the document.

    The fast converter refuses with its REFUSALS only, the detailed one with cattrs' error
    group: any other exception is a defect and fails the test.
    """
    refusals = REFUSALS if conv is fast_converter() else (BaseValidationError,)
    try:
        return True, conv.structure(doc, cls)
    except refusals:
        return False, None


def _paths(doc: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key of ``doc`` and of the objects and lists it holds, down to the leaves."""
    found: list[tuple[str | int, ...]] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        found.append((*prefix, key))
        if isinstance(value, dict | list):
            found += _paths(value, (*prefix, key))
    return found


@given(name=st.sampled_from(sorted(FORMS)), data=st.data())
def test_fast_converter_agrees_with_the_detailed_one(name: str, data: st.DataObject) -> None:
    """With any field, nested field or list item replaced or dropped, both converters agree."""
    doc = read_example(name)
    path = data.draw(st.sampled_from(_paths(doc)))
    holder: Any = doc
    for key in path[:-1]:
        holder = holder[key]
    if data.draw(st.booleans()) and isinstance(holder, dict):
        del holder[path[-1]]
    else:
        holder[path[-1]] = data.draw(_VALUES)
    if data.draw(st.booleans()) and isinstance(holder, dict):
        holder["campo_sconosciuto"] = 1
    cls = FORMS[name]
    fast = _outcome(fast_converter(), cls, doc)
    assert fast == _outcome(converter(), cls, doc)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_example_takes_the_fast_path_to_the_same_record(name: str) -> None:
    """Each documented example structures to equal records on both converters."""
    doc = read_example(name)
    fast: object = fast_converter().structure(doc, FORMS[name])
    assert fast == converter().structure(doc, FORMS[name])


@given(
    code=codici_fiscali(),
    nome=st.sampled_from(["Mario", "Anna", "Niccolò", "D'Amico", "Zoë", "Gianfranco", "Fo", ""]),
    cognome=st.text(max_size=12),
    data_nascita=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)),
    sesso=st.sampled_from([None, "M", "F", " m ", "X"]),
)
def test_matches_validated_agrees_with_matches(
    code: str, nome: str, cognome: str, data_nascita: dt.date | None, sesso: str | None
) -> None:
    """AU-1: on a validated code the shortcut finds exactly what matches finds."""
    number = codice_fiscale.validate(code)
    person: dict[str, Any] = {
        "nome": nome,
        "cognome": cognome,
        "data_nascita": data_nascita,
        "sesso": sesso,
    }
    assert codice_fiscale.matches_validated(number, **person) == codice_fiscale.matches(
        number, **person
    )


@given(
    code=codici_fiscali_invalidi().filter(lambda c: len(c) != 16)
    | st.text(max_size=18).filter(lambda c: len(c) != 16 or not c.isupper())
    | st.sampled_from(["00743110157", "0074311015", ""])
)
def test_matches_validated_falls_back_on_what_cannot_be_a_validated_code(code: str) -> None:
    """AU-1: a value that is not 16 upper-case characters gets exactly what matches gives."""
    found = codice_fiscale.matches_validated(code, nome="Mario", cognome="Rossi")
    assert found == codice_fiscale.matches(code, nome="Mario", cognome="Rossi")


@given(value=st.text(max_size=20) | st.text("abcRSSMRA0123456789 -:", max_size=20))
def test_compact_equals_python_stdnum_compact(value: str) -> None:
    """The ASCII shortcut of compact returns what python-stdnum's compact returns."""
    assert codice_fiscale.compact(value) == stdnum_cf.compact(value)


@given(text=st.text(max_size=20) | st.text("ÄÖÜÆŒØŁĐÞäöüæœøłđþß Aaz'", max_size=20))
def test_letters_are_the_ascii_letters_of_the_nfkd_form(text: str) -> None:
    """letters() keeps the A-Z letters of the transliterated, upper-cased NFKD form."""
    composed = unicodedata.normalize("NFC", text.upper()).translate(str.maketrans(TRANSLITERATION))
    decomposed = unicodedata.normalize("NFKD", composed).upper()
    assert letters(text) == "".join(c for c in decomposed if "A" <= c <= "Z")


@given(
    disponibilita=st.lists(
        st.sampled_from(SceltaPreimpostata).map(lambda s: s.value)
        | st.sampled_from(["sabato_mattina", "", "lunedi"]),
        max_size=4,
    )
)
def test_availability_is_still_checked_beyond_the_presets(disponibilita: list[str]) -> None:
    """CO-5: presets pass, anything else still reaches the rule (or the field check)."""
    # rule: CO-5
    doc = read_example("domanda_conciliazione")
    doc["disponibilita"] = disponibilita
    codes: list[str] = []
    try:
        load(DomandaConciliazione, doc)
    except ValidationError as err:
        codes = list(err.codes)
    presets = {s.value for s in SceltaPreimpostata}
    assert (not codes) == all(d in presets for d in disponibilita)


def test_nested_checks_report_full_paths_on_the_fast_path() -> None:
    """AU-1, AT-4: checks of nested records report dotted paths with list indexes."""
    doc = read_example("domanda_conciliazione")
    doc["cliente"]["nome"] = "Luigi"
    doc["delegato"]["cognome"] = "Bianchi"
    doc["allegati"][3]["nome"] = "bolletta.exe"
    with pytest.raises(ValidationError) as info:
        load(DomandaConciliazione, doc)
    found = {(v.path, v.code, v.rule) for v in info.value.violations}
    assert found == {
        ("cliente.nome", "codice_fiscale.nome_mismatch", "AU-1"),
        ("delegato.cognome", "codice_fiscale.cognome_mismatch", "AU-1"),
        ("allegati[3].nome", "attachments.extension_not_allowed", "AT-4"),
    }


def test_a_subclass_record_is_built_through_its_bases_slots() -> None:
    """A record that extends another (ClienteConciliazione) is set slot by slot, to an equal one."""
    from sportello.forms import ClienteConciliazione
    from sportello.forms._fast import _plain_init

    assert _plain_init(ClienteConciliazione)
    doc = read_example("domanda_conciliazione")["cliente"]
    fast: object = fast_converter().structure(doc, ClienteConciliazione)
    assert fast == converter().structure(doc, ClienteConciliazione)
    assert type(fast) is ClienteConciliazione
