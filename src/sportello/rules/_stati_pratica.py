"""The processing states of a SMART Help case and their transitions (SH-4).

Re-exported by :mod:`sportello.rules.smart_help`.
"""

from __future__ import annotations

import enum

from sportello._messages import labels
from sportello._violations import Violation

__all__ = ["StatoPratica", "check_transition", "next_states"]


class StatoPratica(enum.StrEnum):
    """SH-4: the processing state of a case, as the portal shows it.

    >>> StatoPratica.IN_ATTESA_INTEGRAZIONE.label
    'In attesa di integrazione'
    >>> StatoPratica.RISOLTA.is_final
    True
    """

    INVIATA = "inviata"
    IN_LAVORAZIONE = "in_lavorazione"
    IN_ATTESA_INTEGRAZIONE = "in_attesa_integrazione"
    RISOLTA = "risolta"
    NON_RISOLTA = "non_risolta"
    ARCHIVIATA = "archiviata"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    @property
    def is_final(self) -> bool:
        """Whether the case is closed (no state follows)."""
        return not _NEXT[self]


_LABELS: dict[StatoPratica, tuple[str, str]] = {
    StatoPratica.INVIATA: ("Inviata", "Submitted"),
    StatoPratica.IN_LAVORAZIONE: ("In lavorazione", "In progress"),
    StatoPratica.IN_ATTESA_INTEGRAZIONE: ("In attesa di integrazione", "Waiting for documents"),
    StatoPratica.RISOLTA: ("Chiusa: risolta", "Closed: resolved"),
    StatoPratica.NON_RISOLTA: ("Chiusa: non risolta", "Closed: not resolved"),
    StatoPratica.ARCHIVIATA: ("Archiviata", "Dismissed"),
}

_NEXT: dict[StatoPratica, frozenset[StatoPratica]] = {
    StatoPratica.INVIATA: frozenset({StatoPratica.IN_LAVORAZIONE, StatoPratica.ARCHIVIATA}),
    StatoPratica.IN_LAVORAZIONE: frozenset(
        {
            StatoPratica.IN_ATTESA_INTEGRAZIONE,
            StatoPratica.RISOLTA,
            StatoPratica.NON_RISOLTA,
            StatoPratica.ARCHIVIATA,
        }
    ),
    StatoPratica.IN_ATTESA_INTEGRAZIONE: frozenset(
        {StatoPratica.IN_LAVORAZIONE, StatoPratica.ARCHIVIATA}
    ),
    StatoPratica.RISOLTA: frozenset(),
    StatoPratica.NON_RISOLTA: frozenset(),
    StatoPratica.ARCHIVIATA: frozenset(),
}


def next_states(stato: StatoPratica) -> frozenset[StatoPratica]:
    """SH-4: the states a case in ``stato`` may move to (empty for a closed case).

    >>> sorted(s.value for s in next_states(StatoPratica.IN_ATTESA_INTEGRAZIONE))
    ['archiviata', 'in_lavorazione']
    """
    return _NEXT[stato]


def check_transition(da: StatoPratica, a: StatoPratica, *, path: str = "stato") -> list[Violation]:
    """SH-4: ``[]`` when a case may move from ``da`` to ``a``, else one violation.

    >>> [v.code for v in check_transition(StatoPratica.RISOLTA, StatoPratica.IN_LAVORAZIONE)]
    ['smart_help.invalid_transition']
    """
    if a in _NEXT[da]:
        return []
    return [Violation.of("smart_help.invalid_transition", path=path, **labels(da=da, a=a))]
