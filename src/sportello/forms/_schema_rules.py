"""The cross-field rules that JSON Schema 2020-12 can state, and the list of those it cannot.

:func:`constraints` gives the ``allOf`` entries of a record's schema: each states one rule of
:func:`~sportello.forms.load` with ``anyOf``/``not``/``if``-``then``/``contains``. The rules
over a few choices (the meeting mode against the equipment, the channel against the sender,
the SMART Help matter against the customer) are written out by asking the rule itself about
every combination, so the schema and ``load`` cannot drift apart.

Every entry sits in an ``allOf`` item without ``properties`` or ``required`` of its own, so a
code generator that merges ``allOf`` into a model (openapi-python-client does) sees the
record's fields unchanged; every subschema names its ``type`` and the properties it requires,
as Ajv's strict mode asks.

:data:`UNSTATED` lists, by rule ID, what only ``load`` checks: ``docs/forms/api.md`` shows it
and ``tests/interop/test_differential.py`` accepts a disagreement between ``load`` and a JSON
Schema validator only when every violation ``load`` reports is one of these codes.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sportello.forms._schema_kinds import BLANK, NONBLANK, WS

__all__ = ["UNSTATED", "Unstated", "constraints", "unstated_codes", "unstated_markdown"]

JSON = dict[str, Any]


@attrs.frozen(kw_only=True)
class Unstated:
    """A rule that the JSON Schemas leave to :func:`~sportello.forms.load`, and why.

    Attributes:
        rule: the rule ID (``""`` for a check of the forms that names no rule).
        codes: the violation codes ``load`` reports for it.
        what: what is checked, in English.
        why: why JSON Schema does not say it.
    """

    rule: str
    codes: tuple[str, ...]
    what: str
    why: str


_DIGITS = "check digits and calendars are arithmetic on the characters"
_NAMES = "compares a field with others through a computation"
_TODAY = "depends on the day of the request"
_HISTORY = "needs the server's data"

#: What only ``load`` checks, by rule ID (the docs' table is generated from it).
UNSTATED: tuple[Unstated, ...] = (
    Unstated(
        rule="AU-4",
        codes=(
            "username.too_short",
            "username.too_long",
            "username.invalid_character",
            "username.invalid_edge",
        ),
        what="a username, once folded (NFKC, case folded), is 3 to 40 of a-z 0-9 . _ - and "
        "starts and ends with a letter or digit (the output schema states it)",
        why="the raw text is folded first: fullwidth letters and ligatures become other "
        "characters and change the length, which a pattern over the raw text cannot follow",
    ),
    Unstated(
        rule="AU-1",
        codes=(
            "codice_fiscale.invalid_checksum",
            "codice_fiscale.invalid_date",
            "codice_fiscale.invalid_office",
            "codice_fiscale.invalid_format",
        ),
        what="the codice fiscale's check character and birth date; for 11 digits, the office "
        "code, the Luhn digit and a body not all zeros",
        why=_DIGITS,
    ),
    Unstated(
        rule="AU-1",
        codes=(
            "codice_fiscale.nome_mismatch",
            "codice_fiscale.cognome_mismatch",
            "codice_fiscale.data_nascita_mismatch",
            "codice_fiscale.sesso_mismatch",
        ),
        what="a personal codice fiscale matches nome, cognome, birth date and sex",
        why=_NAMES,
    ),
    Unstated(
        rule="",
        codes=(
            "partita_iva.invalid_checksum",
            "partita_iva.invalid_office",
            "partita_iva.invalid_format",
        ),
        what="the partita IVA's Luhn digit, office code and a body not all zeros",
        why=_DIGITS,
    ),
    Unstated(
        rule="",
        codes=("profile.email_invalid",),
        what="an e-mail address as email-validator reads it (domain syntax, dots, lengths)",
        why="the schema states only local@domain and the length; the full grammar is RFC 5321",
    ),
    Unstated(
        rule="",
        codes=("profile.phone_invalid",),
        what="a phone or fax number valid for its country (phonenumbers' metadata)",
        why="needs every country's numbering plan",
    ),
    Unstated(
        rule="PW-1",
        codes=("password.too_short",),
        what="at least 8 characters, counted after Unicode normalisation (NFC)",
        why="minLength counts the characters as sent, before normalisation",
    ),
    Unstated(
        rule="PW-2",
        codes=(
            "password.missing_uppercase",
            "password.missing_lowercase",
            "password.missing_digit",
            "password.missing_special",
            "password.invalid_character",
        ),
        what="an upper-case and a lower-case letter, a digit and a special character; no "
        "control character",
        why="letter classes are Unicode categories, which Python's re cannot name (no \\p{Lu})",
    ),
    Unstated(
        rule="PW-3",
        codes=(
            "password.contains_username",
            "password.contains_nome",
            "password.contains_cognome",
        ),
        what="the password contains neither the username nor the names",
        why=_NAMES,
    ),
    Unstated(
        rule="PW-4",
        codes=("forms.password_unchanged",),
        what="the new password differs from the current one",
        why="JSON Schema cannot compare two fields",
    ),
    Unstated(
        rule="",
        codes=("forms.password_confirmation_mismatch",),
        what="the confirmation repeats the new password",
        why="JSON Schema cannot compare two fields",
    ),
    Unstated(
        rule="",
        codes=("forms.risposta_before_reclamo",),
        what="the answer to a complaint is not dated before the complaint",
        why="JSON Schema cannot compare two dates",
    ),
    Unstated(
        rule="SH-3",
        codes=(
            "smart_help.future_date",
            "smart_help.answer_before_complaint",
            "smart_help.too_early",
        ),
        what="no date in the future; the answer after the complaint; the 40 days of waiting",
        why=_TODAY,
    ),
    Unstated(
        rule="AT-4",
        codes=(
            "attachments.extension_not_allowed",
            "attachments.missing_extension",
            "attachments.executable",
            "attachments.name_separator",
            "attachments.name_traversal",
            "attachments.name_too_long",
            "attachments.name_control",
            "attachments.name_empty",
        ),
        what="a flagged file name and its extension (conciliation's list)",
        why="the name rules fold case and Unicode and look at reserved names",
    ),
    Unstated(
        rule="",
        codes=("forms.wrong_type",),
        what="a reading or another integer sent as 1.0",
        why="JSON Schema's integer is any number with no fraction; load wants a JSON integer",
    ),
)


def unstated_codes() -> frozenset[str]:
    """Every violation code of :data:`UNSTATED`."""
    return frozenset(code for u in UNSTATED for code in u.codes)


# -- building blocks ---------------------------------------------------------------------------


def _obj(props: JSON, required: list[str] | None = None) -> JSON:
    """An object schema whose ``properties`` are ``props``, all required unless told."""
    return {
        "type": "object",
        "required": list(props) if required is None else required,
        "properties": props,
    }


def _has(name: str, schema: JSON) -> JSON:
    """The object has ``name`` and its value matches ``schema``."""
    return _obj({name: schema})


def _const(value: Any) -> JSON:
    return {"const": value}


def _filled(mode: str) -> JSON:
    """A text field that ``load`` takes as given (not blank)."""
    return NONBLANK if mode == "input" else {"type": "string"}


def _absent(name: str, mode: str) -> JSON:
    """``name`` missing, null or (input) blank: what ``load`` reads as ``None``."""
    empty: JSON = {"anyOf": [{"type": "null"}, BLANK]} if mode == "input" else {"type": "null"}
    return {"type": "object", "properties": {name: empty}}


def _is_record(name: str) -> JSON:
    """``name`` is given as an object."""
    return _has(name, {"type": "object"})


def _contains_tipo(tipo: str) -> JSON:
    item = _has("tipo", _const(tipo))
    return _has("allegati", {"type": "array", "contains": item})


def _when(condition: JSON, then: JSON) -> JSON:
    """``then`` holds when ``condition`` does: ``if``/``then``."""
    return {"if": condition, "then": then}


# -- the rules -----------------------------------------------------------------------------------


def _nome_or_ragione_sociale(mode: str) -> Iterator[JSON]:
    """AU-1, AU-5: nome and cognome, or the ragione sociale."""
    text = _filled(mode)
    yield {"anyOf": [_has("ragione_sociale", text), _obj({"nome": text, "cognome": text})]}


def _modulo(mode: str) -> Iterator[JSON]:
    """CO-1: the Modulo Delegato with a delegate whose procura can settle; else none."""
    procura = _has("potere_di_transigere", _const(True))
    delegato = _has("procura", procura)
    yield _when(_has("modulo", _const("delegato")), _has("delegato", delegato))
    yield _when(_has("modulo", _const("cliente")), _absent("delegato", mode))


def _allegati(mode: str) -> Iterator[JSON]:
    """CO-6: the complaint always; its answer when dated; the procura with a delegate."""
    yield {"allOf": [_contains_tipo("reclamo")]}  # nested: a generator merges no field
    answered = _has("reclamo", _has("data_risposta", _filled(mode)))
    yield _when(answered, _contains_tipo("risposta_reclamo"))
    yield _when(_has("modulo", _const("delegato")), _contains_tipo("procura"))


def _incontro(_mode: str) -> Iterator[JSON]:
    """CO-7: each meeting mode with the equipment it needs (asked of ``check_modalita``)."""
    from sportello.rules.meetings import ModalitaIncontro, check_modalita

    names: tuple[str, ...] = ("dispositivo", "webcam", "audio")
    for modalita in ModalitaIncontro:
        refused = []
        for flags in itertools.product((False, True), repeat=3):
            given: dict[str, bool] = dict(zip(names, flags, strict=True))
            if check_modalita(modalita, dispositivo=flags[0], webcam=flags[1], audio=flags[2]):
                refused.append(_equipment(given))
        if refused:
            both = _obj(
                {"modalita_incontro": _const(modalita.value), "dotazione": {"anyOf": refused}}
            )
            yield {"not": both}


def _equipment(flags: dict[str, bool]) -> JSON:
    """The ``dotazione`` object with exactly these answers (``webcam``, ``audio`` default no)."""
    props: JSON = {}
    required = ["dispositivo"]
    for name, value in flags.items():
        props[name] = _const(value)
        if value and name not in required:
            required.append(name)
    return {"type": "object", "required": required, "properties": props}


def _delegate_is(tipi: list[Any], mode: str) -> JSON:
    """The request's delegate is one of ``tipi`` (``None``: no delegate)."""
    options: list[JSON] = []
    kinds = [t.value for t in tipi if t is not None]
    if kinds:
        options.append(_has("delegato", _has("tipo", {"enum": kinds})))
    if None in tipi:
        options.append(_absent("delegato", mode))
    return options[0] if len(options) == 1 else {"anyOf": options}


def _channels(
    procedura_name: str, *, modulo_delegato_needs_delegate: bool
) -> Callable[[str], Iterator[JSON]]:
    """CH-1..CH-4: the channels each sender may use (asked of ``check_channel``)."""

    def rule(mode: str) -> Iterator[JSON]:
        from sportello.rules.channels import (
            Channel,
            Delegato,
            Procedura,
            Richiedente,
            check_channel,
        )
        from sportello.rules.smart_help import TipoCliente

        procedura = Procedura[procedura_name]
        for canale, tipo in itertools.product(Channel, TipoCliente):
            refused = [
                d
                for d in (None, *Delegato)
                if check_channel(procedura, Richiedente(tipo, d), canale)
            ]
            if not refused:
                continue
            clause = [
                _has("canale", _const(canale.value)),
                _has("cliente", _has("tipo_cliente", _const(tipo.value))),
                _delegate_is(refused, mode),
            ]
            if modulo_delegato_needs_delegate and None in refused:
                # DomandaConciliazione: a Modulo Delegato without a delegate is CO-1's fault.
                clause.append({"not": _has("modulo", _const("delegato"))})
            yield {"not": {"allOf": clause}}

    return rule


def _materia(mode: str) -> Iterator[JSON]:
    """SH-1, SH-2: the matter against the customer, the supply and the counterpart."""
    from sportello.rules.smart_help import (
        Controparte,
        Fornitura,
        Materia,
        TipoCliente,
        check_eligibility,
    )

    pod = f"^{WS}*[Ii][Tt]" if mode == "input" else "^IT"
    fornitura = {
        Fornitura.ELETTRICITA: _has("punto_fornitura", {"type": "string", "pattern": pod}),
        Fornitura.GAS: _has("punto_fornitura", {"type": "string", "not": {"pattern": pod}}),
    }
    for materia in Materia:
        refused = [
            {
                "allOf": [
                    _has("cliente", _has("tipo_cliente", _const(t.value))),
                    fornitura[f],
                    _has("controparte", _has("ruolo", _const(c.value))),
                ]
            }
            for t, f, c in itertools.product(TipoCliente, Fornitura, Controparte)
            if check_eligibility(materia, tipo_cliente=t, fornitura=f, controparte=c)
        ]
        if refused:
            yield {"not": {"allOf": [_has("materia", _const(materia.value)), {"anyOf": refused}]}}


def _smart_help_dates(mode: str) -> Iterator[JSON]:
    """SH-3: the prior complaint's date except for a bonus; the answer's date when unhappy."""
    from sportello.rules.smart_help import Materia

    others = [m.value for m in Materia if not m.is_bonus]
    yield _when(_has("materia", {"enum": others}), _has("data_reclamo", _filled(mode)))
    yield _when(
        _has("risposta_insoddisfacente", _const(True)), _has("data_risposta", _filled(mode))
    )


@functools.cache
def _rules() -> dict[str, tuple[Callable[[str], Iterator[JSON]], ...]]:
    """The rules each record states, by class name (the records of :mod:`sportello.forms`)."""
    informazioni = _channels("INFORMAZIONI_SEGNALAZIONI", modulo_delegato_needs_delegate=False)
    return {
        "Cliente": (_nome_or_ragione_sociale,),
        "Delegato": (_nome_or_ragione_sociale,),
        "RegistrazioneSportello": (_nome_or_ragione_sociale,),
        "SegnalazioneAnomalia": (_nome_or_ragione_sociale,),
        "DomandaConciliazione": (
            _modulo,
            _allegati,
            _incontro,
            _channels("CONCILIAZIONE", modulo_delegato_needs_delegate=True),
        ),
        "RichiestaSmartHelp": (
            _smart_help_dates,
            _materia,
            _channels("SMART_HELP", modulo_delegato_needs_delegate=False),
        ),
        "RichiestaInformazioni": (informazioni,),
        "Segnalazione": (informazioni,),
    }


def constraints(cls: type, mode: str) -> list[JSON]:
    """The ``allOf`` entries that state the cross-field rules of ``cls`` (may be empty)."""
    return [entry for rule in _rules().get(cls.__name__, ()) for entry in rule(mode)]


def unstated_markdown() -> str:
    """The table of :data:`UNSTATED` as ``docs/forms/api.md`` shows it (a test compares)."""
    lines = ["| Rule | Codes | What `load` checks | Why the schema does not |", "|---|---|---|---|"]
    for u in UNSTATED:
        codes = ", ".join(f"`{c}`" for c in u.codes)
        lines.append(f"| {u.rule or '—'} | {codes} | {u.what} | {u.why} |")
    return "\n".join(lines) + "\n"
