"""The cross-field rules that JSON Schema 2020-12 can state, record by record.

:func:`constraints` gives the ``allOf`` entries of a record's schema: each states one rule of
:func:`~sportello.forms.load` with ``anyOf``/``not``/``if``-``then``/``contains``. The rules
over a few choices (the meeting mode against the equipment, the channel against the sender,
the SMART Help matter against the customer) are written out by asking the rule itself about
every combination, so the schema and ``load`` cannot drift apart. The conciliation
procedure's rules (CO-6, CO-7, CP-1, CP-3..CP-8) are in :mod:`sportello.forms._schema_procedura`.

Every entry sits in an ``allOf`` item without ``properties`` or ``required`` of its own, so a
code generator that merges ``allOf`` into a model (openapi-python-client does) sees the
record's fields unchanged; every subschema names its ``type`` and the properties it requires,
as Ajv's strict mode asks.

What only ``load`` checks is :data:`~sportello.forms._schema_unstated.UNSTATED` (re-exported
here), listed by rule ID in ``docs/forms/api.md``. ``tests/forms/test_schema_rules.py`` holds,
for every rule of :func:`rules`, a document that only that rule refuses: removing a rule from
a schema fails it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any

from sportello.forms import _schema_procedura as procedura
from sportello.forms._schema_blocks import JSON, absent, const, filled, has, obj, when
from sportello.forms._schema_kinds import WS
from sportello.forms._schema_unstated import UNSTATED, Unstated, unstated_codes, unstated_markdown

__all__ = [
    "UNSTATED",
    "Rule",
    "Unstated",
    "constraints",
    "rules",
    "unstated_codes",
    "unstated_markdown",
]

#: A rule's schema entries in a mode (``"input"`` or ``"output"``).
Rule = Callable[[str], Iterator[JSON]]


# -- the rules -----------------------------------------------------------------------------------


def _nome_or_ragione_sociale(mode: str) -> Iterator[JSON]:
    """AU-1, AU-5: nome and cognome, or the ragione sociale."""
    text = filled(mode)
    yield {"anyOf": [has("ragione_sociale", text), obj({"nome": text, "cognome": text})]}


def _modulo(mode: str) -> Iterator[JSON]:
    """CO-1: the Modulo Delegato with a delegate whose procura can settle; else none."""
    procura = has("potere_di_transigere", const(True))
    delegato = has("procura", procura)
    yield when(has("modulo", const("delegato")), has("delegato", delegato))
    yield when(has("modulo", const("cliente")), absent("delegato", mode))


def _delegate_is(tipi: list[Any], mode: str) -> JSON:
    """The request's delegate is one of ``tipi`` (``None``: no delegate)."""
    options: list[JSON] = []
    kinds = [t.value for t in tipi if t is not None]
    if kinds:
        options.append(has("delegato", has("tipo", {"enum": kinds})))
    if None in tipi:
        options.append(absent("delegato", mode))
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
                has("canale", const(canale.value)),
                has("cliente", has("tipo_cliente", const(tipo.value))),
                _delegate_is(refused, mode),
            ]
            if modulo_delegato_needs_delegate and None in refused:
                # DomandaConciliazione: a Modulo Delegato without a delegate is CO-1's fault.
                clause.append({"not": has("modulo", const("delegato"))})
            yield {"not": {"allOf": clause}}

    rule.__name__ = rule.__qualname__ = f"_channels_{procedura_name.lower()}"
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
        Fornitura.ELETTRICITA: has("punto_fornitura", {"type": "string", "pattern": pod}),
        Fornitura.GAS: has("punto_fornitura", {"type": "string", "not": {"pattern": pod}}),
    }
    for materia in Materia:
        refused = [
            {
                "allOf": [
                    has("cliente", has("tipo_cliente", const(t.value))),
                    fornitura[f],
                    has("controparte", has("ruolo", const(c.value))),
                ]
            }
            for t, f, c in itertools.product(TipoCliente, Fornitura, Controparte)
            if check_eligibility(materia, tipo_cliente=t, fornitura=f, controparte=c)
        ]
        if refused:
            yield {"not": {"allOf": [has("materia", const(materia.value)), {"anyOf": refused}]}}


def _smart_help_dates(mode: str) -> Iterator[JSON]:
    """SH-3: the prior complaint's date except for a bonus; the answer's date when unhappy."""
    from sportello.rules.smart_help import Materia

    others = [m.value for m in Materia if not m.is_bonus]
    yield when(has("materia", {"enum": others}), has("data_reclamo", filled(mode)))
    yield when(has("risposta_insoddisfacente", const(True)), has("data_risposta", filled(mode)))


@functools.cache
def rules() -> dict[str, tuple[Rule, ...]]:
    """The rules each record states, by class name (the records of :mod:`sportello.forms`)."""
    informazioni = _channels("INFORMAZIONI_SEGNALAZIONI", modulo_delegato_needs_delegate=False)
    return {
        "Cliente": (_nome_or_ragione_sociale,),
        "ClienteConciliazione": (_nome_or_ragione_sociale,),
        "Delegato": (_nome_or_ragione_sociale,),
        "RegistrazioneSportello": (_nome_or_ragione_sociale,),
        "SegnalazioneAnomalia": (_nome_or_ragione_sociale,),
        "DomandaConciliazione": (
            _modulo,
            procedura.allegati,
            procedura.incontro,
            _channels("CONCILIAZIONE", modulo_delegato_needs_delegate=True),
            procedura.reclamo,
            procedura.fornitura,
            procedura.richiedente,
            procedura.dichiarazioni,
        ),
        "FasciaDisponibile": (procedura.giorno_o_data,),
        "DisponibilitaIncontro": (procedura.fasce,),
        "RispostaIntegrazione": (procedura.integrazione,),
        "RitiroDomanda": (procedura.conferma,),
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
    return [entry for rule in rules().get(cls.__name__, ()) for entry in rule(mode)]
