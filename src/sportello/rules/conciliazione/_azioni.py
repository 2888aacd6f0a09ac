"""The one table of every action on a procedure, and the moves it allows (CP-2..CP-10).

:data:`AZIONI` says what may happen in which state, by whom, under which rule: the operations,
:data:`TRANSIZIONI`, :func:`check_transition` and the docs' timeline picture all read it.
Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import enum

import attrs

from sportello._messages import labels
from sportello._violations import Violation
from sportello.rules.conciliazione._stati import StatoConciliazione

__all__ = ["AZIONI", "TRANSIZIONI", "Attore", "Azione", "check_transition", "next_states"]


class Attore(enum.StrEnum):
    """Who performs an :class:`Azione`: the customer, the Servizio, a party, or the clock."""

    CLIENTE = "cliente"
    SERVIZIO = "servizio"
    PARTI = "parti"
    OROLOGIO = "orologio"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _ATTORI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _ATTORI[self][1]


_ATTORI: dict[Attore, tuple[str, str]] = {
    Attore.CLIENTE: ("cliente", "customer"),
    Attore.SERVIZIO: ("Servizio", "Servizio"),
    Attore.PARTI: ("una parte o il Servizio", "a party or the Servizio"),
    Attore.OROLOGIO: ("decorso del termine", "the term passing"),
}

_S = StatoConciliazione
_APERTI_PRIMA = frozenset({_S.INVIATA, _S.IN_ATTESA_INTEGRAZIONE, _S.AMMESSA})
_AMMESSI = frozenset({_S.AMMESSA, _S.CONVOCATA, _S.RINVIATA})


@attrs.frozen
class _Riga:
    """One row of :data:`AZIONI`: labels, rule, actor, from-states, to-states (empty: stays)."""

    it: str
    en: str
    regola: str
    attore: Attore
    da: frozenset[StatoConciliazione]
    a: frozenset[StatoConciliazione]


class Azione(enum.StrEnum):
    """CP-2..CP-10: every action on a procedure, each with its rule, actor and states.

    >>> Azione.CONVOCA.regola, sorted(s.value for s in Azione.CONVOCA.da)
    ('CP-5', ['ammessa', 'convocata', 'rinviata'])
    >>> Azione.PROROGA.targets(StatoConciliazione.RINVIATA)
    frozenset({<StatoConciliazione.RINVIATA: 'rinviata'>})
    """

    RICHIEDI_INTEGRAZIONE = "richiedi_integrazione"
    INTEGRA = "integra"
    AMMETTI = "ammetti"
    DICHIARA_INAMMISSIBILE = "dichiara_inammissibile"
    CONVOCA = "convoca"
    RINVIA = "rinvia"
    RITIRA = "ritira"
    PROROGA = "proroga"
    REGISTRA_ESITO = "registra_esito"
    ARCHIVIA_MANCATA_COMPARIZIONE = "archivia_mancata_comparizione"
    SCADENZA_INTEGRAZIONE = "scadenza_integrazione"
    SCADENZA_PRIMO_INCONTRO = "scadenza_primo_incontro"
    SCADENZA_DURATA = "scadenza_durata"

    @property
    def label(self) -> str:
        """The Italian label."""
        return AZIONI[self].it

    @property
    def label_en(self) -> str:
        """The English label."""
        return AZIONI[self].en

    @property
    def regola(self) -> str:
        """The rule ID that governs the action (and names its refusals)."""
        return AZIONI[self].regola

    @property
    def attore(self) -> Attore:
        """Who performs it."""
        return AZIONI[self].attore

    @property
    def da(self) -> frozenset[StatoConciliazione]:
        """The states it may start from."""
        return AZIONI[self].da

    def targets(self, da: StatoConciliazione) -> frozenset[StatoConciliazione]:
        """The states it leads to from ``da`` (empty when it may not start there)."""
        if da not in AZIONI[self].da:
            return frozenset()
        return AZIONI[self].a or frozenset({da})


#: The one table of the procedure: action -> labels, rule, actor, from-states, to-states.
AZIONI: dict[Azione, _Riga] = {
    Azione.RICHIEDI_INTEGRAZIONE: _Riga(
        "richiesta di integrazione",
        "request for documents",
        "CP-3",
        Attore.SERVIZIO,
        frozenset({_S.INVIATA}),
        frozenset({_S.IN_ATTESA_INTEGRAZIONE}),
    ),
    Azione.INTEGRA: _Riga(
        "integrazione della domanda",
        "documents sent",
        "CP-3",
        Attore.CLIENTE,
        frozenset({_S.IN_ATTESA_INTEGRAZIONE}),
        frozenset({_S.INVIATA}),
    ),
    Azione.AMMETTI: _Riga(
        "ammissione (domanda completa)",
        "admission (complete request)",
        "CP-3",
        Attore.SERVIZIO,
        frozenset({_S.INVIATA}),
        frozenset({_S.AMMESSA}),
    ),
    Azione.DICHIARA_INAMMISSIBILE: _Riga(
        "dichiarazione di inammissibilità",
        "declared inadmissible",
        "CP-2",
        Attore.SERVIZIO,
        _APERTI_PRIMA,
        frozenset({_S.ARCHIVIATA}),
    ),
    Azione.CONVOCA: _Riga(
        "convocazione dell'incontro",
        "meeting convened",
        "CP-5",
        Attore.SERVIZIO,
        _AMMESSI,
        frozenset({_S.CONVOCATA}),
    ),
    Azione.RINVIA: _Riga(
        "rinvio dell'incontro",
        "meeting postponed",
        "CP-7",
        Attore.PARTI,
        frozenset({_S.CONVOCATA}),
        frozenset({_S.RINVIATA}),
    ),
    Azione.RITIRA: _Riga(
        "ritiro della domanda",
        "request withdrawn",
        "CP-8",
        Attore.CLIENTE,
        _APERTI_PRIMA | _AMMESSI,
        frozenset({_S.ARCHIVIATA}),
    ),
    Azione.PROROGA: _Riga(
        "proroga del termine",
        "term extended",
        "CP-9",
        Attore.SERVIZIO,
        _AMMESSI,
        frozenset(),
    ),
    Azione.REGISTRA_ESITO: _Riga(
        "esito dell'incontro (verbale)",
        "outcome of the meeting (verbale)",
        "CP-10",
        Attore.SERVIZIO,
        frozenset({_S.CONVOCATA}),
        frozenset({_S.ACCORDO, _S.MANCATO_ACCORDO}),
    ),
    Azione.ARCHIVIA_MANCATA_COMPARIZIONE: _Riga(
        "archiviazione per mancata comparizione",
        "archived for no-show",
        "CP-7",
        Attore.SERVIZIO,
        frozenset({_S.CONVOCATA}),
        frozenset({_S.ARCHIVIATA}),
    ),
    Azione.SCADENZA_INTEGRAZIONE: _Riga(
        "integrazione non pervenuta in 7 giorni",
        "documents not sent within 7 days",
        "CP-3",
        Attore.OROLOGIO,
        frozenset({_S.IN_ATTESA_INTEGRAZIONE}),
        frozenset({_S.ARCHIVIATA}),
    ),
    Azione.SCADENZA_PRIMO_INCONTRO: _Riga(
        "primo incontro non fissato entro 40 giorni",
        "first meeting not held within 40 days",
        "CP-5",
        Attore.OROLOGIO,
        frozenset({_S.AMMESSA}),
        frozenset({_S.MANCATO_ACCORDO}),
    ),
    Azione.SCADENZA_DURATA: _Riga(
        "procedura non conclusa entro il termine",
        "procedure not concluded within its term",
        "CP-9",
        Attore.OROLOGIO,
        frozenset({_S.CONVOCATA, _S.RINVIATA}),
        frozenset({_S.MANCATO_ACCORDO}),
    ),
}


def _transizioni() -> dict[StatoConciliazione, frozenset[StatoConciliazione]]:
    found: dict[StatoConciliazione, set[StatoConciliazione]] = {s: set() for s in _S}
    for azione in Azione:
        for da in azione.da:
            found[da] |= azione.targets(da)
    return {s: frozenset(t) for s, t in found.items()}


#: Every allowed move, derived from :data:`AZIONI` (a state may stay: a new meeting, an
#: extension); the final states have none.
TRANSIZIONI: dict[StatoConciliazione, frozenset[StatoConciliazione]] = _transizioni()

#: The rule that names a refused move, by the state it aims at.
_REGOLA_DI: dict[StatoConciliazione, str] = {
    _S.INVIATA: "CP-3",
    _S.IN_ATTESA_INTEGRAZIONE: "CP-3",
    _S.AMMESSA: "CP-3",
    _S.CONVOCATA: "CP-5",
    _S.RINVIATA: "CP-7",
    _S.ACCORDO: "CP-10",
    _S.MANCATO_ACCORDO: "CP-10",
    _S.ARCHIVIATA: "CP-10",
}


def next_states(stato: StatoConciliazione) -> frozenset[StatoConciliazione]:
    """The states a procedure in ``stato`` may move to (empty when it is over).

    >>> sorted(s.value for s in next_states(StatoConciliazione.IN_ATTESA_INTEGRAZIONE))
    ['archiviata', 'inviata']
    """
    return TRANSIZIONI[stato]


def check_transition(
    da: StatoConciliazione, a: StatoConciliazione, *, path: str = "stato"
) -> list[Violation]:
    """``[]`` when a procedure may move from ``da`` to ``a``, else one violation.

    The violation, ``conciliazione.invalid_transition``, names the rule of the state aimed at:
    CP-3 (integration, admission), CP-5 (a meeting), CP-7 (a postponement), CP-10 (an outcome
    or an archiving).

    >>> [(v.code, v.rule) for v in check_transition(StatoConciliazione.INVIATA,
    ...     StatoConciliazione.CONVOCATA)]
    [('conciliazione.invalid_transition', 'CP-5')]
    """
    if a in TRANSIZIONI[da]:
        return []
    return [
        Violation.of(
            "conciliazione.invalid_transition",
            path=path,
            rule=_REGOLA_DI[a],
            **labels(da=da, a=a),
        )
    ]
