"""What the clock alone does to a procedure: reminders and the terms that pass (CP-3, CP-5, CP-9).

:func:`apply_deadlines` moves a procedure to a later day: it sends the reminders whose day has
come and, when a term passed with nothing done, closes the procedure as the rules say:

- CP-3: the documents asked for did not come within 7 days: the request is not activated
  (archived, ``non_integrata``);
- CP-5: no meeting was convened within 40 days of the complete request;
- CP-9: the procedure did not end within its 90 days (plus any extension).

For the Servizio's terms (CP-5, CP-9) the library closes the procedure without agreement,
``per_scadenza``: the customer is never held in a procedure past a term the Servizio missed,
and the mandatory attempt counts as made (``docs/rules/procedura-conciliazione.md``).
Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules.conciliazione._azioni import Azione
from sportello.rules.conciliazione._eventi import EventoProcedura, Passo, TipoEvento
from sportello.rules.conciliazione._procedura import Procedura
from sportello.rules.conciliazione._stati import MotivoArchiviazione, StatoConciliazione
from sportello.rules.conciliazione._termini import PROMEMORIA_GIORNI_PRIMA, giorno

__all__ = ["apply_deadlines", "guard"]

_S = StatoConciliazione


@attrs.frozen
class _Scatto:
    """One thing the clock does on a day: a reminder (``azione`` None) or a closing."""

    data: dt.date
    tipo: TipoEvento
    entro: dt.date
    azione: Azione | None = None


def _scatti(p: Procedura) -> list[_Scatto]:
    """The clock's happenings for ``p`` in its state, by day (a reminder before a closing)."""
    found: list[_Scatto] = []
    due = p.integrazione_entro
    if p.stato is _S.IN_ATTESA_INTEGRAZIONE and due is not None:
        found.append(
            _Scatto(giorno(due, -PROMEMORIA_GIORNI_PRIMA), TipoEvento.PROMEMORIA_INTEGRAZIONE, due)
        )
        found.append(
            _Scatto(
                giorno(due, 1), TipoEvento.INTEGRAZIONE_SCADUTA, due, Azione.SCADENZA_INTEGRAZIONE
            )
        )
    s = p.scadenze
    if s is not None and p.stato is _S.AMMESSA:
        end = s.primo_incontro_entro
        found.append(
            _Scatto(
                giorno(end, 1),
                TipoEvento.PRIMO_INCONTRO_SCADUTO,
                end,
                Azione.SCADENZA_PRIMO_INCONTRO,
            )
        )
    if s is not None and p.stato in (_S.CONVOCATA, _S.RINVIATA):
        if p.stato is _S.CONVOCATA and p.incontro is not None and s.ritiro_entro is not None:
            found.append(
                _Scatto(
                    giorno(p.incontro.data, -PROMEMORIA_GIORNI_PRIMA),
                    TipoEvento.PROMEMORIA_INCONTRO,
                    s.ritiro_entro,
                )
            )
        end = s.conclusione_entro
        found.append(
            _Scatto(giorno(end, 1), TipoEvento.DURATA_SCADUTA, end, Azione.SCADENZA_DURATA)
        )
    return sorted(found, key=lambda x: (x.data, x.azione is not None))


def _chiusura(p: Procedura) -> _Scatto | None:
    """The clock's closing of ``p`` in its state (``None`` when no term runs)."""
    return next((s for s in _scatti(p) if s.azione is not None), None)


def _chiudi(p: Procedura, s: _Scatto) -> Passo:
    """The procedure closed by the clock at ``s``, with its event."""
    if s.azione is Azione.SCADENZA_INTEGRAZIONE:
        new = attrs.evolve(
            p,
            stato=_S.ARCHIVIATA,
            motivo_archiviazione=MotivoArchiviazione.NON_INTEGRATA,
            chiusa_il=s.data,
        )
        evento = EventoProcedura(
            tipo=s.tipo,
            data=s.data,
            stato=new.stato,
            entro=s.entro,
            motivo_archiviazione=MotivoArchiviazione.NON_INTEGRATA,
        )
    else:
        new = attrs.evolve(p, stato=_S.MANCATO_ACCORDO, per_scadenza=True, chiusa_il=s.data)
        evento = EventoProcedura(
            tipo=s.tipo, data=s.data, stato=new.stato, entro=s.entro, incontro=new.incontro
        )
    return Passo(new, (evento,))


def apply_deadlines(procedura: Procedura, oggi: dt.date) -> Passo:
    """CP-3, CP-5, CP-8, CP-9: what the clock alone does to ``procedura`` up to ``oggi``.

    Reminders whose day is after the record's ``aggiornata_il`` and not after ``oggi`` are
    sent (the integration due, 2 days before; the meeting, 2 days before, the last day to
    withdraw); a term that passed closes the procedure (see the module). The answer's record
    is ``aggiornata_il=oggi``; calling again with the same day does nothing more, so the
    sandbox may call it on every clock jump and before every operation.

    >>> from sportello.rules.conciliazione import request_integration, submit
    >>> p = request_integration(submit(oggi=dt.date(2026, 3, 2)).procedura,
    ...     oggi=dt.date(2026, 3, 2)).procedura
    >>> [(e.tipo.value, e.data) for e in apply_deadlines(p, dt.date(2026, 3, 20)).eventi]
    [('promemoria_integrazione', datetime.date(2026, 3, 7)), ('integrazione_scaduta', datetime.date(2026, 3, 10))]

    Raises:
        ValidationError: ``conciliazione.data_precedente`` for a day before ``aggiornata_il``.
    """  # noqa: E501
    if oggi < procedura.aggiornata_il:
        raise ValidationError([_data_precedente(procedura, oggi)])
    eventi: list[EventoProcedura] = []
    current = procedura
    for s in _scatti(procedura):
        if s.data > oggi:
            break
        if s.azione is None:
            if s.data > procedura.aggiornata_il:
                eventi.append(
                    EventoProcedura(
                        tipo=s.tipo,
                        data=s.data,
                        stato=current.stato,
                        entro=s.entro,
                        incontro=current.incontro,
                    )
                )
            continue
        step = _chiudi(current, s)
        current = step.procedura
        eventi.extend(step.eventi)
        break
    return Passo(attrs.evolve(current, aggiornata_il=oggi), tuple(eventi))


def _data_precedente(p: Procedura, oggi: dt.date) -> Violation:
    return Violation.of(
        "conciliazione.data_precedente", path="oggi", oggi=oggi, aggiornata_il=p.aggiornata_il
    )


def guard(p: Procedura, oggi: dt.date, azione: Azione) -> list[Violation]:
    """Whether ``azione`` may happen on ``p`` on ``oggi``: ``[]``, or why not, with its rule.

    Refused: a day before the record's last update (``conciliazione.data_precedente``); a
    state the action may not start from (``conciliazione.azione_non_ammessa``, the action's
    rule); a term that passed and that the clock has to apply first
    (``conciliazione.termine_scaduto``, the term's rule: CP-3, CP-5 or CP-9).
    """
    if oggi < p.aggiornata_il:
        return [_data_precedente(p, oggi)]
    if p.stato not in azione.da:
        return [
            Violation.of(
                "conciliazione.azione_non_ammessa",
                path="stato",
                rule=azione.regola,
                **labels(azione=azione, stato=p.stato),
            )
        ]
    chiusura = _chiusura(p)
    if chiusura is not None and chiusura.data <= oggi and chiusura.azione is not None:
        return [
            Violation.of(
                "conciliazione.termine_scaduto",
                path="oggi",
                rule=chiusura.azione.regola,
                **labels(termine=chiusura.azione),
                entro=chiusura.entro,
            )
        ]
    return []
