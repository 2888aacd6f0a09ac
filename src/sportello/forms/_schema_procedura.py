"""The conciliation procedure's rules that JSON Schema 2020-12 can state.

The request (:class:`~sportello.forms.DomandaConciliazione`): CO-6 and CP-4 (the documents to
flag), CO-7 and CP-6 (the meeting mode, the equipment, the telephone's reason), CP-1 (the
complaint unless the court referred the parties; the answer's date when unsatisfactory), CP-4
(the supply point or else the address, a person's data and codice fiscale, a firm is
non-domestic, the two declarations). The customer's actions: CP-5 (a weekday or a date, at
least one pair), CP-3 (a document or a note), CP-8 (the withdrawal confirmed).

Each function gives the ``allOf`` entries of one rule for :mod:`sportello.forms._schema_rules`.
What stays with ``load`` (dates against today, the calendar's holidays, an answer dated before
its complaint) is in :data:`sportello.forms._schema_unstated.UNSTATED`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sportello.forms._schema_blocks import (
    JSON,
    absent,
    const,
    contains_tipo,
    filled,
    has,
    is_record,
    items_given,
    obj,
    when,
)
from sportello.forms._schema_kinds import CF_PERSONA_INPUT, CF_PERSONA_OUTPUT

__all__ = [
    "allegati",
    "conferma",
    "dichiarazioni",
    "fasce",
    "fornitura",
    "giorno_o_data",
    "incontro",
    "integrazione",
    "reclamo",
    "richiedente",
]

_GIUDICE = has("demandata_dal_giudice", const(True))
_NON_GIUDICE = {"not": _GIUDICE}


def allegati(mode: str) -> Iterator[JSON]:
    """CO-6, CP-4: the documents ``required_attachments`` names are flagged in ``allegati``.

    The identity document always; the court's order when referred, else the complaint when
    there is one; its receipt, its answer; with the Modulo Delegato the procura and the
    delegate's identity document.
    """
    yield {"allOf": [contains_tipo("documento_identita")]}  # nested: a generator merges no field
    yield when(_GIUDICE, contains_tipo("provvedimento_giudice"))
    yield when({"allOf": [_NON_GIUDICE, is_record("reclamo")]}, contains_tipo("reclamo"))
    yield when(has("reclamo", has("ricevuta", const(True))), contains_tipo("ricevuta_reclamo"))
    answered = has("reclamo", has("data_risposta", filled(mode)))
    yield when(answered, contains_tipo("risposta_reclamo"))
    delegato = has("modulo", const("delegato"))
    yield when(
        delegato,
        {"allOf": [contains_tipo("procura"), contains_tipo("documento_identita_delegato")]},
    )


def incontro(mode: str) -> Iterator[JSON]:
    """CO-7, CP-6: each meeting mode with its equipment; the telephone with its reason.

    Asked of ``check_modalita`` for every mode and equipment, with and without a reason: what
    it refuses even with a reason is refused; what only a reason saves needs
    ``motivo_telefono``. The telephone without the equipment stated needs the reason too.
    """
    from sportello.rules.meetings import ModalitaIncontro, check_modalita

    names: tuple[str, ...] = ("dispositivo", "webcam", "audio")
    no_motivo = absent("motivo_telefono", mode)
    for modalita in ModalitaIncontro:
        always: list[JSON] = []
        unless_motivo: list[JSON] = []
        for flags in itertools.product((False, True), repeat=3):
            given: dict[str, bool] = dict(zip(names, flags, strict=True))
            dispositivo, webcam, audio = flags
            for motivo, refused in (("motivo", always), (None, unless_motivo)):
                found = check_modalita(
                    modalita,
                    dispositivo=dispositivo,
                    webcam=webcam,
                    audio=audio,
                    motivo_telefono=motivo,
                )
                if found:
                    refused.append(_equipment(given))
                    break
        mode_is = has("modalita_incontro", const(modalita.value))
        if always:
            yield {"not": {"allOf": [mode_is, has("dotazione", {"anyOf": always})]}}
        if unless_motivo:
            with_equipment = has("dotazione", {"anyOf": unless_motivo})
            yield {"not": {"allOf": [mode_is, with_equipment, no_motivo]}}
    telefono = has("modalita_incontro", const(ModalitaIncontro.TELEFONO.value))
    yield {"not": {"allOf": [telefono, absent("dotazione", mode), no_motivo]}}


def _equipment(flags: dict[str, bool]) -> JSON:
    """The ``dotazione`` object with exactly these answers (``webcam``, ``audio`` default no)."""
    props: JSON = {}
    required = ["dispositivo"]
    for name, value in flags.items():
        props[name] = const(value)
        if value and name not in required:
            required.append(name)
    return {"type": "object", "required": required, "properties": props}


def reclamo(mode: str) -> Iterator[JSON]:
    """CP-1: the complaint unless the court referred the parties; an unsatisfactory answer dated.

    Whether its 40 days have passed, a date in the future and an answer dated before the
    complaint are ``load``'s (``UNSTATED``).
    """
    yield {"anyOf": [_GIUDICE, is_record("reclamo")]}
    undated = obj({"risposta_insoddisfacente": const(True)}, required=["risposta_insoddisfacente"])
    undated["allOf"] = [absent("data_risposta", mode)]
    yield {"not": {"allOf": [_NON_GIUDICE, has("reclamo", undated)]}}


def fornitura(mode: str) -> Iterator[JSON]:
    """CP-4: the supply point (POD/PDR) or, where unavailable, the supply address: exactly one."""
    punto = has("punto_fornitura", filled(mode))
    indirizzo = has("indirizzo_fornitura", filled(mode))
    yield {"anyOf": [punto, indirizzo]}
    yield {"not": {"allOf": [punto, indirizzo]}}


def richiedente(mode: str) -> Iterator[JSON]:
    """CP-4: a person gives the personal data and a 16-character codice fiscale; else non-domestic.

    A company, a professional firm or a sole trader is a non-domestic customer.
    """
    from sportello.forms._conciliazione import DATI_PERSONA

    persona: JSON = {name: filled(mode) for name in DATI_PERSONA}
    persona["codice_fiscale"] = CF_PERSONA_INPUT if mode == "input" else CF_PERSONA_OUTPUT
    yield when(has("tipo_richiedente", const("persona_fisica")), has("cliente", obj(persona)))
    firma = has("tipo_richiedente", {"enum": ["impresa", "studio_professionale"]})
    yield when(firma, has("cliente", has("tipo_cliente", const("non_domestico"))))


def dichiarazioni(_mode: str) -> Iterator[JSON]:
    """CP-4: no attempt pending or concluded; the complaint's date, when there is a complaint."""
    yield {"allOf": [has("dichiarazione_nessun_tentativo", const(True))]}
    yield when(is_record("reclamo"), has("dichiarazione_data_reclamo", const(True)))


def giorno_o_data(mode: str) -> Iterator[JSON]:
    """CP-5: a weekday or a date, exactly one of them (a working day not past is ``load``'s)."""
    giorno = has("giorno", filled(mode))
    data = has("data", filled(mode))
    yield {"anyOf": [giorno, data]}
    yield {"not": {"allOf": [giorno, data]}}


def fasce(_mode: str) -> Iterator[JSON]:
    """CP-5: at least one (day, slot) pair."""
    yield {"allOf": [items_given("fasce")]}


def integrazione(mode: str) -> Iterator[JSON]:
    """CP-3: an answer to a request for integration holds a document or a note."""
    yield {"anyOf": [items_given("allegati"), has("note", filled(mode))]}


def conferma(_mode: str) -> Iterator[JSON]:
    """CP-8: the withdrawal is confirmed (``conferma`` is true)."""
    yield {"allOf": [has("conferma", const(True))]}
