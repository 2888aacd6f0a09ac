"""load when structuring fails: every check still runs on what did structure, in English too.

The cross-field checks run on a stand-in of each record that did not structure whole (its
fields that did): a check that needs a broken field is skipped, and only that check; the
others, and the checks of the other records and list items, still report.
"""

import types
from typing import Any

import attrs
import pytest

from sportello.forms import DomandaConciliazione, FormError, RecuperoPassword, load
from sportello.forms._load import run_checks

Example = Any


@attrs.frozen
class Node:
    """A record that may hold itself (a chain)."""

    x: int
    child: "Node | None" = None


def _refusal(doc: object, lang: str = "it") -> FormError:
    with pytest.raises(FormError) as caught:
        load(DomandaConciliazione, doc, lang=lang)  # type: ignore[arg-type]
    return caught.value


def _found(err: FormError) -> set[tuple[str, str]]:
    return {(v.path, v.code) for v in err.violations}


def test_a_later_check_runs_after_one_that_needs_a_broken_field(example: Example) -> None:
    """CO-7: with ``modulo`` broken, CO-1's check is skipped but the meeting check still runs."""
    doc = example("domanda_conciliazione")
    doc["modulo"] = "sconosciuto"
    doc["dotazione"] = {"dispositivo": True, "webcam": False, "audio": True}
    assert _found(_refusal(doc)) == {
        ("modulo", "forms.invalid_choice"),
        ("modalita_incontro", "calendar.meeting_mode_needs_equipment"),
    }


def test_other_records_are_checked_when_one_is_broken(example: Example) -> None:
    """AT-4: a customer of the wrong type does not stop the attachments' checks."""
    doc = example("domanda_conciliazione")
    doc["cliente"] = 5
    doc["allegati"][0]["nome"] = "reclamo.exe"
    found = _found(_refusal(doc))
    assert ("cliente", "forms.wrong_type") in found
    assert ("allegati[0].nome", "attachments.extension_not_allowed") in found


def test_list_items_after_a_broken_one_are_checked(example: Example) -> None:
    """AT-4: an item that is not an object is skipped, the next items are still checked."""
    doc = example("domanda_conciliazione")
    doc["allegati"] = [5, {"tipo": "reclamo", "nome": "a.exe"}, *doc["allegati"][1:]]
    found = _found(_refusal(doc))
    assert ("allegati[0]", "forms.wrong_type") in found
    assert ("allegati[1].nome", "attachments.extension_not_allowed") in found


def test_a_broken_item_is_checked_on_the_fields_that_structured(example: Example) -> None:
    """AT-4: an attachment with an unknown type still has its file name checked."""
    doc = example("domanda_conciliazione")
    doc["allegati"][3] = {"tipo": "sconosciuto", "nome": "bolletta.exe"}
    found = _found(_refusal(doc))
    assert ("allegati[3].tipo", "forms.invalid_choice") in found
    assert ("allegati[3].nome", "attachments.extension_not_allowed") in found


def test_fields_after_a_broken_one_reach_the_checks(example: Example) -> None:
    """AU-1: the customer's first field broken, its name is still compared with the code."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["tipo_cliente"] = "sconosciuto"
    doc["cliente"]["nome"] = "Luigi"
    found = _found(_refusal(doc))
    assert ("cliente.tipo_cliente", "forms.invalid_choice") in found
    assert ("cliente.nome", "codice_fiscale.nome_mismatch") in found


def test_a_missing_name_from_a_check_takes_the_forms_required_rule(example: Example) -> None:
    """CO-2: nome and cognome missing without a company name: the form's required rule.

    CP-4 asks the same of a person applicant, each under its own rule.
    """
    doc = example("domanda_conciliazione")
    del doc["cliente"]["nome"], doc["cliente"]["cognome"]
    err = _refusal(doc)
    assert {(v.path, v.code, v.rule) for v in err.violations} == {
        ("cliente.nome", "forms.nome_or_ragione_sociale", "CO-2"),
        ("cliente.cognome", "forms.nome_or_ragione_sociale", "CO-2"),
        ("cliente.nome", "conciliazione.dato_persona_required", "CP-4"),
        ("cliente.cognome", "conciliazione.dato_persona_required", "CP-4"),
    }


@pytest.mark.parametrize("path", ["", "domanda"])
def test_run_checks_puts_the_path_in_front_only_when_given(example: Example, path: str) -> None:
    """run_checks reports under ``path`` when one is given, as found otherwise."""
    clean = load(DomandaConciliazione, example("domanda_conciliazione"))
    record = attrs.evolve(clean, cliente=attrs.evolve(clean.cliente, nome="Luigi"))
    found = run_checks(record, cls=DomandaConciliazione, path=path)
    assert [v.path for v in found] == [f"{path}.cliente.nome" if path else "cliente.nome"]
    assert run_checks(clean, cls=DomandaConciliazione, path=path) == []


def test_the_error_speaks_the_language_on_every_path(example: Example) -> None:
    """Not an object, a structural fault, a check's violation: str() in the language asked."""
    with pytest.raises(FormError) as caught:
        load(RecuperoPassword, [1, 2], lang="en")
    assert caught.value.lang == "en"
    assert [(v.code, v.params) for v in caught.value.violations] == [
        ("forms.not_object", {"type": "array"})
    ]
    assert str(caught.value) == caught.value.violations[0].message("en")
    broken = _refusal({**example("domanda_conciliazione"), "oggetto": "x"}, lang="en")
    assert (broken.lang, str(broken)) == ("en", "\n".join(broken.messages("en")))
    doc = example("domanda_conciliazione")
    doc["cliente"]["nome"], doc["delegato"]["cognome"] = "Luigi", "Bianchi"
    checked = _refusal(doc, lang="en")
    assert checked.lang == "en"
    assert str(checked) == (  # one line per violation, with its path
        "cliente.nome: The first name does not match the codice fiscale.\n"
        "delegato.cognome: The surname does not match the codice fiscale."
    )


def test_any_mapping_is_a_document(example: Example) -> None:
    """A read-only mapping (not a dict) is loaded like the dict it wraps."""
    doc = example("recupero_password")
    assert load(RecuperoPassword, types.MappingProxyType(doc)) == load(RecuperoPassword, doc)


def test_checks_are_found_through_records_without_checks() -> None:
    """A check two records down, under a record without checks, is found; cycles end."""
    from sportello.forms._load import _has_checks
    from sportello.forms._registry import check

    @attrs.frozen
    class Inner:
        x: int

    @attrs.frozen
    class Middle:
        inner: Inner

    @attrs.frozen
    class Outer:
        middle: Middle | None
        many: frozenset[Inner] = frozenset()

    check(Inner)(lambda _r: [])
    assert _has_checks(Outer)
    assert not _has_checks(Node)  # a record holding itself: no endless recursion

    @attrs.frozen
    class OnlyASet:
        many: frozenset[Inner]

    assert not _has_checks(OnlyASet)  # a set is not a list of records (nor a record)


def test_the_error_is_italian_by_default(example: Example) -> None:
    """str() of a refusal is Italian unless another language was asked."""
    doc = example("domanda_conciliazione")
    doc["cliente"]["nome"] = "Luigi"
    assert str(_refusal(doc)) == "cliente.nome: Il nome non corrisponde al codice fiscale."


def test_records_after_an_empty_optional_one_are_checked(example: Example) -> None:
    """AT-4: without a delegate (Modulo Cliente) the later records' checks still run."""
    doc = example("domanda_conciliazione")
    doc["modulo"] = "cliente"
    del doc["delegato"]
    doc["allegati"] = [a for a in doc["allegati"] if a["tipo"] != "procura"]
    doc["oggetto"] = "sconosciuto"  # structuring fails: the checks run on the stand-in
    doc["allegati"][0]["nome"] = "reclamo.exe"
    assert _found(_refusal(doc)) == {
        ("oggetto", "forms.invalid_choice"),
        ("allegati[0].nome", "attachments.extension_not_allowed"),
    }
