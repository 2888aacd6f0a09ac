"""Differential test of load's two paths: the fast one and the full one agree on every document.

The fast path is the generated hook of :mod:`sportello.forms._fast` plus the generated checks
runner of :mod:`sportello.forms._load`; the full path is cattrs' detailed converter plus the
interpreted :func:`~sportello.forms._load.run_checks`. On generated valid documents, on the
strategies' invalid ones and on valid ones with any value replaced, dropped or an unknown key
added, both give the same record and the same violations (codes, rules, paths, params, order),
or both refuse. The fast path refuses only with its REFUSALS: anything else it raises is a
defect and reaches the caller (it is not hidden behind the full path).
"""

from pathlib import Path
from typing import Any

import pytest
from cattrs.errors import BaseValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello import ValidationError, forms
from sportello._violations import Violation
from sportello.forms._converter import converter
from sportello.forms._fast import REFUSALS, Refused
from sportello.forms._load import _fast_hook, _runner, run_checks
from sportello.testing.strategies import FORM_NAMES, documenti_invalidi, documenti_validi

#: Drawing whole forms is slow on a busy machine; the count is bounded for the suite.
DIFF = settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])

Outcome = tuple[object, list[Violation]] | None
_DROP = object()

#: Values that hit every inlined branch and the fallbacks: blanks, padding, dates, wrong types.
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**12),
    st.floats(allow_nan=True),
    st.sampled_from(["", "  ", " x ", "2026-08-03", " 2026-08-03 ", "2026-02-30", "20260803"]),
    st.sampled_from(["delegato", "cliente", "video", "reclamo", "domestico", "M", "F", " m "]),
    st.sampled_from(["RSSMRA85T10A562S", " rssmra85t10a562s ", "00743110157", "IT001E12345678"]),
    st.sampled_from(["45.000", "-1", "12345678901", "mario.rossi@example.it", "+39 06 1234"]),
    st.text(max_size=6),
    st.lists(st.sampled_from(["lunedi_mattina", "sabato_mattina", "", None, 3]), max_size=3),
    st.dictionaries(st.sampled_from(["tipo", "nome", "x"]), st.just("reclamo"), max_size=2),
)


def fast_outcome(cls: type, doc: object) -> Outcome:
    """The fast path: the generated hook then the generated runner; ``None`` when it refuses."""
    try:
        record = _fast_hook(cls)(doc, cls)
    except REFUSALS:
        return None
    return record, _runner(cls)(record)


def full_outcome(cls: type, doc: object) -> Outcome:
    """The full path: cattrs' detailed converter then the interpreted checks."""
    try:
        record: object = converter().structure(doc, cls)
    except BaseValidationError:
        return None
    return record, run_checks(record, cls=cls)


def load_outcome(cls: type, doc: object) -> tuple[str, object]:
    """What ``load`` gives: the record, or every violation in order."""
    try:
        return "ok", forms.load(cls, doc)
    except ValidationError as err:
        return "refused", list(err.violations)


def _paths(doc: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key of ``doc`` and of the objects and lists it holds, down to the leaves."""
    found: list[tuple[str | int, ...]] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc)
    for key, value in items:
        found.append((*prefix, key))
        if isinstance(value, dict | list):
            found += _paths(value, (*prefix, key))
    return found


def _assert_agree(cls: type, doc: object) -> None:
    fast = fast_outcome(cls, doc)
    assert fast == full_outcome(cls, doc)
    if fast is None:  # refused by the fast path: load reports the full path's violations
        kind, found = load_outcome(cls, doc)
        assert kind == "refused"
        assert found
    elif fast[1]:  # load adds the form's required-field rule; codes, paths and order agree
        kind, found = load_outcome(cls, doc)
        assert kind == "refused"
        assert isinstance(found, list)
        assert [(v.code, v.path) for v in found] == [(v.code, v.path) for v in fast[1]]
    else:
        assert load_outcome(cls, doc) == ("ok", fast[0])


@pytest.mark.parametrize("name", FORM_NAMES)
def test_valid_documents_take_the_fast_path_to_the_same_record(name: str) -> None:
    """A valid generated document: the fast path accepts it, with the full path's record."""
    cls = getattr(forms, name)

    @DIFF
    @given(documenti_validi(cls))
    def check(doc: dict[str, Any]) -> None:
        fast = fast_outcome(cls, doc)
        assert fast is not None, "the fast path refused a valid document"
        assert fast == full_outcome(cls, doc)
        assert fast[1] == []

    check()


@pytest.mark.parametrize("name", FORM_NAMES)
def test_invalid_documents_get_the_same_verdict(name: str) -> None:
    """An invalid generated document: the same refusal or the same violations, in order."""
    cls = getattr(forms, name)

    @DIFF
    @given(documenti_invalidi(cls))
    def check(doc: dict[str, Any]) -> None:
        _assert_agree(cls, doc)

    check()


@pytest.mark.parametrize("name", FORM_NAMES)
def test_mutated_documents_get_the_same_verdict(name: str) -> None:
    """Any value replaced or dropped, at any depth, or an unknown key: both paths agree."""
    cls = getattr(forms, name)

    @DIFF
    @given(documenti_validi(cls), st.data())
    def check(doc: dict[str, Any], data: st.DataObject) -> None:
        for _ in range(data.draw(st.integers(1, 3))):
            path = data.draw(st.sampled_from(_paths(doc) or [("campo",)]))
            holder: Any = doc
            for key in path[:-1]:
                holder = holder[key]
            if data.draw(st.booleans()) and isinstance(holder, dict):
                holder.pop(path[-1], None)
            else:
                holder[path[-1]] = data.draw(_VALUES)
            if data.draw(st.booleans()) and isinstance(holder, dict):
                holder["campo_sconosciuto"] = 1
        _assert_agree(cls, doc)

    check()


#: Every value put, one at a time, in every field of every example.
_TRICKY: tuple[object, ...] = (
    None,
    "",
    "  ",
    " x ",
    " 2026-08-03 ",
    "2026-02-30",
    " Delegato ",
    " rssmra85t10a562s ",
    "45.000",
    True,
    0,
    -1,
    1.5,
    [],
    ["lunedi_mattina", " x "],
    {},
    {"tipo": "reclamo"},
)

EXAMPLES = sorted(p.stem for p in (Path(__file__).parents[2] / "docs" / "examples").glob("*.json"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_field_with_every_tricky_value(name: str, example: Any) -> None:
    """Each field of each example, dropped or given each tricky value: both paths agree."""
    cls = forms.FORMS[name]
    for path in _paths(example(name)):
        for value in (_DROP, *_TRICKY):
            doc = example(name)
            holder: Any = doc
            for key in path[:-1]:
                holder = holder[key]
            if value is _DROP:
                if not isinstance(holder, dict):
                    continue
                del holder[path[-1]]
            else:
                holder[path[-1]] = value
            _assert_agree(cls, doc)


def _padded(doc: Any) -> Any:
    """``doc`` with every string padded with blanks (what a sloppy client sends)."""
    if isinstance(doc, dict):
        return {k: _padded(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_padded(v) for v in doc]
    return f"  {doc} " if isinstance(doc, str) else doc


@pytest.mark.parametrize("name", FORM_NAMES)
def test_padded_documents_get_the_same_verdict(name: str) -> None:
    """Every string of a valid document padded with blanks: both paths agree."""
    cls = getattr(forms, name)

    @DIFF
    @given(documenti_validi(cls))
    def check(doc: dict[str, Any]) -> None:
        _assert_agree(cls, _padded(doc))

    check()


def test_check_violations_have_the_same_paths_and_order(example: Any) -> None:
    """AU-1, CO-6, AT-4: violations found by the checks come in the same order on both paths."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["nome"] = "Luigi"
    doc["delegato"]["cognome"] = "Bianchi"
    doc["allegati"] = [{"tipo": "bolletta", "nome": "a.exe"}, {"tipo": "reclamo", "nome": "x/y"}]
    cls = forms.DomandaConciliazione
    fast = fast_outcome(cls, doc)
    assert fast is not None
    assert fast == full_outcome(cls, doc)
    assert [(v.path, v.code) for v in fast[1]] == [
        *[("allegati", "forms.allegato_required")] * 5,  # CP-4's documents but the complaint
        ("cliente.nome", "codice_fiscale.nome_mismatch"),
        ("delegato.cognome", "codice_fiscale.cognome_mismatch"),
        ("allegati[0].nome", "attachments.extension_not_allowed"),
        ("allegati[1].nome", "attachments.name_separator"),
    ]


def test_a_missing_key_is_refused_as_the_documents_fault(example: Any) -> None:
    """A required key missing, or a key too many, is a Refused naming the record and the key."""
    doc = example("domanda_conciliazione")
    del doc["cliente"]["codice_fiscale"]
    missing = r"ClienteConciliazione: required key missing: codice_fiscale"
    with pytest.raises(Refused, match=missing):
        _fast_hook(forms.DomandaConciliazione)(doc, forms.DomandaConciliazione)
    doc = example("domanda_conciliazione")
    doc["reclamo"]["extra"] = 1
    with pytest.raises(Refused, match=r"Reclamo: unknown keys: \['extra'\]"):
        _fast_hook(forms.DomandaConciliazione)(doc, forms.DomandaConciliazione)


def test_a_bad_date_is_refused_by_the_date_hook(example: Any) -> None:
    """An impossible ISO date is refused with the field's violation, not a bare ValueError."""
    doc = example("domanda_conciliazione")
    doc["reclamo"]["data"] = "2026-02-30"
    with pytest.raises(ValidationError) as info:
        _fast_hook(forms.DomandaConciliazione)(doc, forms.DomandaConciliazione)
    assert info.value.codes == ("forms.invalid_date",)


def test_a_defect_of_the_fast_path_is_not_hidden(
    example: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception other than a refusal reaches the caller: the full path does not mask it."""

    def broken(_data: object, _cls: object) -> object:
        raise TypeError("a defect of the generated code")

    monkeypatch.setattr("sportello.forms._load._fast_hook", lambda _cls: broken)
    with pytest.raises(TypeError, match="defect"):
        forms.load(forms.DomandaConciliazione, example("domanda_conciliazione"))


def test_a_valid_document_never_reaches_the_full_path(
    example: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """load takes the fast path for a valid document: the detailed structuring is not called."""

    def refuse(*_args: object) -> None:
        raise AssertionError("the full path ran")

    monkeypatch.setattr("sportello.forms._load._structure_all", refuse)
    for name in ("domanda_conciliazione", "registrazione_sportello", "autolettura"):
        record: object = forms.load(forms.FORMS[name], example(name))
        assert type(record) is forms.FORMS[name]


def test_checks_two_records_deep_get_the_inner_path_first() -> None:
    """A check two records deep, in a list, reports ``outer[i].inner.path`` on both paths."""
    import attrs

    from sportello.forms._registry import check

    @attrs.frozen
    class Inner:
        x: int

    @attrs.frozen
    class Middle:
        inner: Inner

    @attrs.frozen
    class Outer:
        middles: tuple[Middle, ...]

    @check(Inner)
    def _positive(r: Any) -> list[Violation]:
        return [Violation.of("forms.required", path="x")] if r.x <= 0 else []

    obj = Outer((Middle(Inner(1)), Middle(Inner(0)), Middle(Inner(-1))))
    found = _runner(Outer)(obj)
    assert [v.path for v in found] == ["middles[1].inner.x", "middles[2].inner.x"]
    assert found == run_checks(obj, cls=Outer)
