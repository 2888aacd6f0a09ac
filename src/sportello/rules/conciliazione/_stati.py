"""The conciliation's states, reasons and parties (CP-2, CP-7, CP-10).

The procedure has its own states (not SMART Help's): submitted, waiting for integration
(CP-3), admitted, convened (CP-5), postponed (CP-7), and the final outcomes of CP-10:
agreement, no agreement, archived with its reason. What may happen in each state is the
actions' table, :data:`sportello.rules.conciliazione.AZIONI`. Re-exported by
:mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import enum

import attrs

from sportello._violations import Violation

__all__ = [
    "Esito",
    "MotivoArchiviazione",
    "MotivoInammissibilita",
    "Parte",
    "Precedente",
    "StatoConciliazione",
]


class StatoConciliazione(enum.StrEnum):
    """The state of a conciliation procedure, as the case file shows it.

    >>> StatoConciliazione.CONVOCATA.label, StatoConciliazione.ACCORDO.is_final
    ('Incontro fissato', True)
    """

    INVIATA = "inviata"
    IN_ATTESA_INTEGRAZIONE = "in_attesa_integrazione"
    AMMESSA = "ammessa"
    CONVOCATA = "convocata"
    RINVIATA = "rinviata"
    ACCORDO = "accordo"
    MANCATO_ACCORDO = "mancato_accordo"
    ARCHIVIATA = "archiviata"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _STATI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _STATI[self][1]

    @property
    def is_final(self) -> bool:
        """CP-10: whether the procedure is over (an outcome or an archiving)."""
        return self in _FINALI


_STATI: dict[StatoConciliazione, tuple[str, str]] = {
    StatoConciliazione.INVIATA: ("Inviata", "Submitted"),
    StatoConciliazione.IN_ATTESA_INTEGRAZIONE: (
        "In attesa di integrazione",
        "Waiting for documents",
    ),
    StatoConciliazione.AMMESSA: ("Ammessa", "Admitted"),
    StatoConciliazione.CONVOCATA: ("Incontro fissato", "Meeting convened"),
    StatoConciliazione.RINVIATA: ("Incontro rinviato", "Meeting postponed"),
    StatoConciliazione.ACCORDO: ("Chiusa: accordo", "Closed: agreement"),
    StatoConciliazione.MANCATO_ACCORDO: ("Chiusa: mancato accordo", "Closed: no agreement"),
    StatoConciliazione.ARCHIVIATA: ("Archiviata", "Dismissed"),
}

_FINALI = frozenset(
    {
        StatoConciliazione.ACCORDO,
        StatoConciliazione.MANCATO_ACCORDO,
        StatoConciliazione.ARCHIVIATA,
    }
)


class MotivoArchiviazione(enum.StrEnum):
    """CP-10: why a request was archived."""

    INAMMISSIBILE = "inammissibile"
    NON_INTEGRATA = "non_integrata"
    RITIRATA = "ritirata"
    MANCATA_COMPARIZIONE = "mancata_comparizione"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _MOTIVI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _MOTIVI[self][1]


_MOTIVI: dict[MotivoArchiviazione, tuple[str, str]] = {
    MotivoArchiviazione.INAMMISSIBILE: ("domanda inammissibile", "request inadmissible"),
    MotivoArchiviazione.NON_INTEGRATA: (
        "domanda non integrata nei termini",
        "request not completed in time",
    ),
    MotivoArchiviazione.RITIRATA: ("domanda ritirata dal cliente", "withdrawn by the customer"),
    MotivoArchiviazione.MANCATA_COMPARIZIONE: (
        "mancata comparizione del cliente all'incontro",
        "the customer did not attend the meeting",
    ),
}


class MotivoInammissibilita(enum.StrEnum):
    """CP-2: each reason a request is inadmissible, with its own violation code.

    >>> MotivoInammissibilita.CONCLUSO.code
    'conciliazione.inammissibile_concluso'
    """

    PENDENTE = "pendente"
    CONCLUSO = "concluso"
    RITIRATA = "ritirata"
    MANCATA_COMPARIZIONE = "mancata_comparizione"
    SMART_HELP = "smart_help"
    FISCALE = "fiscale"

    @property
    def code(self) -> str:
        """The violation code of the reason (``conciliazione.inammissibile_<value>``)."""
        return f"conciliazione.inammissibile_{self.value}"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _INAMMISSIBILITA[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _INAMMISSIBILITA[self][1]

    @classmethod
    def of(cls, violation: Violation) -> MotivoInammissibilita | None:
        """The reason a CP-2 violation of :func:`check_ammissibilita` stands for, else ``None``.

        >>> v = Violation.of("conciliazione.inammissibile_fiscale", path="oggetto")
        >>> MotivoInammissibilita.of(v)
        <MotivoInammissibilita.FISCALE: 'fiscale'>
        """
        prefix = "conciliazione.inammissibile_"
        if not violation.code.startswith(prefix):
            return None
        try:
            return cls(violation.code.removeprefix(prefix))
        except ValueError:
            return None


_INAMMISSIBILITA: dict[MotivoInammissibilita, tuple[str, str]] = {
    MotivoInammissibilita.PENDENTE: (
        "tentativo di conciliazione in corso sulla stessa controversia",
        "a conciliation attempt on the same dispute is pending",
    ),
    MotivoInammissibilita.CONCLUSO: (
        "tentativo di conciliazione già concluso sulla stessa controversia",
        "a conciliation attempt on the same dispute is concluded",
    ),
    MotivoInammissibilita.RITIRATA: (
        "domanda precedente sulla stessa controversia ritirata",
        "an earlier request on the same dispute was withdrawn",
    ),
    MotivoInammissibilita.MANCATA_COMPARIZIONE: (
        "domanda precedente sulla stessa controversia archiviata per mancata comparizione",
        "an earlier request on the same dispute was archived for no-show",
    ),
    MotivoInammissibilita.SMART_HELP: (
        "materia delle procedure speciali SMART Help",
        "a matter of the SMART Help special procedures",
    ),
    MotivoInammissibilita.FISCALE: ("materia esclusivamente fiscale", "a purely tax matter"),
}


class Esito(enum.StrEnum):
    """CP-10: the outcome a meeting's verbale records."""

    ACCORDO = "accordo"
    MANCATO_ACCORDO = "mancato_accordo"

    @property
    def stato(self) -> StatoConciliazione:
        """The final state the outcome leads to."""
        return StatoConciliazione(self.value)


class Parte(enum.StrEnum):
    """Who asks: the customer, the counterpart (seller or distributor), the Servizio itself."""

    CLIENTE = "cliente"
    CONTROPARTE = "controparte"
    SERVIZIO = "servizio"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _PARTI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _PARTI[self][1]


_PARTI: dict[Parte, tuple[str, str]] = {
    Parte.CLIENTE: ("cliente", "customer"),
    Parte.CONTROPARTE: ("controparte", "counterpart"),
    Parte.SERVIZIO: ("Servizio Conciliazione", "Conciliation service"),
}


@attrs.frozen
class Precedente:
    """CP-2: what is known of an earlier request on the same dispute.

    Attributes:
        stato: its state.
        motivo_archiviazione: why it was archived (only for ``ARCHIVIATA``).
    """

    stato: StatoConciliazione
    motivo_archiviazione: MotivoArchiviazione | None = None
