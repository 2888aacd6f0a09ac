"""The conciliation procedure after submission, as pure rules (CP-1..CP-11).

Sources: ARERA's TICO (Testo Integrato Conciliazione, delibera 209/2016/E/com and updates), the
Servizio's current pages on sportelloperilconsumatore.it and the Area Riservata user guide
v4.1; not the seeds (see ``docs/rules/procedura-conciliazione.md``).

- Before the procedure: the prior complaint and its 40 days (CP-1, :func:`check_reclamo`, the
  same rule as SMART Help's SH-3), admissibility (CP-2, :func:`check_ammissibilita`,
  :func:`chiave_controversia`), the case's code (CP-11, :func:`identificativo`).
- The procedure: a frozen :class:`Procedura` in a :class:`StatoConciliazione`, moved only by
  pure operations, each returning a :class:`Passo` (the new record and its
  :class:`EventoProcedura` records) or raising :class:`~sportello.ValidationError` whose
  violations name the rule: the Servizio's :func:`request_integration` (CP-3), :func:`admit`,
  :func:`declare_inadmissible` (CP-2), :func:`convene` (CP-5, CP-6), :func:`record_outcome`
  (CP-10), :func:`archive_no_show` (CP-7), :func:`extend` (CP-9); the customer's
  :func:`submit` (CP-11), :func:`integrate` (CP-3), :func:`withdraw` (CP-8); a party's
  :func:`postpone` (CP-7); and the clock's :func:`apply_deadlines` (CP-3, CP-5, CP-9).
- The terms: :func:`scadenze` and :class:`Termine` (CP-3, CP-5, CP-8, CP-9); every action in
  one table, :data:`AZIONI`, with :func:`check_transition`.

>>> import datetime as dt
>>> from sportello.rules.meetings import FasciaIncontro
>>> p = submit(oggi=dt.date(2026, 3, 2)).procedura
>>> p = admit(p, oggi=dt.date(2026, 3, 2)).procedura
>>> step = convene(p, oggi=dt.date(2026, 3, 3), incontro=Incontro(data=dt.date(2026, 3, 16),
...     fascia=FasciaIncontro.ORE_10_30, stanza="Stanza 12"))
>>> step.procedura.stato.label, step.eventi[0].entro  # the last day to withdraw
('Incontro fissato', datetime.date(2026, 3, 14))
>>> step = record_outcome(step.procedura, oggi=dt.date(2026, 3, 16), esito=Esito.ACCORDO,
...     verbale="verbale-accordo.pdf", firmato=True)
>>> step.procedura.stato.is_final, step.eventi[0].tipo.notifica.value
(True, 'esito_accordo')
"""

from __future__ import annotations

from sportello.rules.conciliazione._ammissibilita import (
    Identificativo,
    ammissibile_dal,
    check_ammissibilita,
    check_reclamo,
    chiave_controversia,
    identificativo,
    spcen_entro,
)
from sportello.rules.conciliazione._azioni import (
    AZIONI,
    TRANSIZIONI,
    Attore,
    Azione,
    check_transition,
    next_states,
)
from sportello.rules.conciliazione._cliente import integrate, postpone, submit, withdraw
from sportello.rules.conciliazione._eventi import EventoProcedura, Passo, TipoEvento, notifica
from sportello.rules.conciliazione._orologio import apply_deadlines
from sportello.rules.conciliazione._procedura import Incontro, Procedura, Rinvio
from sportello.rules.conciliazione._servizio import (
    admit,
    archive_no_show,
    convene,
    declare_inadmissible,
    extend,
    record_outcome,
    request_integration,
)
from sportello.rules.conciliazione._stati import (
    Esito,
    MotivoArchiviazione,
    MotivoInammissibilita,
    Parte,
    Precedente,
    StatoConciliazione,
)
from sportello.rules.conciliazione._termini import (
    DURATA_GIORNI,
    INTEGRAZIONE_GIORNI,
    PRIMO_INCONTRO_GIORNI,
    PROMEMORIA_GIORNI_PRIMA,
    PROROGA_MAX_GIORNI,
    RITIRO_GIORNI_PRIMA,
    Scadenze,
    Termine,
    integrazione_entro,
    ritiro_entro,
    scadenze,
)

__all__ = [
    "AZIONI",
    "DURATA_GIORNI",
    "INTEGRAZIONE_GIORNI",
    "PRIMO_INCONTRO_GIORNI",
    "PROMEMORIA_GIORNI_PRIMA",
    "PROROGA_MAX_GIORNI",
    "RITIRO_GIORNI_PRIMA",
    "TRANSIZIONI",
    "Attore",
    "Azione",
    "Esito",
    "EventoProcedura",
    "Identificativo",
    "Incontro",
    "MotivoArchiviazione",
    "MotivoInammissibilita",
    "Parte",
    "Passo",
    "Precedente",
    "Procedura",
    "Rinvio",
    "Scadenze",
    "StatoConciliazione",
    "Termine",
    "TipoEvento",
    "admit",
    "ammissibile_dal",
    "apply_deadlines",
    "archive_no_show",
    "check_ammissibilita",
    "check_reclamo",
    "check_transition",
    "chiave_controversia",
    "convene",
    "declare_inadmissible",
    "extend",
    "identificativo",
    "integrate",
    "integrazione_entro",
    "next_states",
    "notifica",
    "postpone",
    "record_outcome",
    "request_integration",
    "ritiro_entro",
    "scadenze",
    "spcen_entro",
    "submit",
    "withdraw",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
