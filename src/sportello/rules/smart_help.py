"""SMART Help: matters, eligibility, the prior complaint and the case states (SH-1..SH-5).

SMART Help resolves, through special procedures ("Procedure Speciali Risolutive") and instead of
the mandatory conciliation attempt, disputes on five matters (SH-1), for any final customer of
electricity or gas, directly or through a delegate, against sellers and distributors (SH-2).
Except for the bonus, a request needs a prior written complaint to the seller and 40 days of
waiting for its answer (SH-3: the same rule as the conciliation's CP-1, one implementation for
both). The portal shows the case's state and documents (SH-4). The Servizio's current page
details the matters (SH-5): which bonus applications, when the return to the previous supplier
applies, the CMOR indemnity, and when an automatic indemnity is late.

>>> import datetime as dt
>>> Materia.CMOR_NON_ANNULLATO.lettera
'c'
>>> earliest_request_date(Materia.DOPPIA_FATTURAZIONE, dt.date(2026, 9, 1))
datetime.date(2026, 10, 12)
>>> earliest_request_date(Materia.BONUS_MANCATA_EROGAZIONE, dt.date(2026, 9, 1)) is None
True
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import enum

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules._materie import Controparte, Fornitura, Materia, TipoCliente
from sportello.rules._reclamo import ATTESA_RISPOSTA_GIORNI
from sportello.rules._reclamo import precondizione as _precondizione
from sportello.rules._reclamo import primo_giorno_utile as _primo_giorno_utile
from sportello.rules._stati_pratica import StatoPratica, check_transition, next_states

__all__ = [
    "ATTESA_RISPOSTA_GIORNI",
    "BONUS_ECONOMICO_DOMANDE_FINO_AL",
    "INDENNIZZO_MESI",
    "Controparte",
    "EsitoReclamo",
    "Fornitura",
    "Materia",
    "StatoPratica",
    "TipoBonus",
    "TipoCliente",
    "check_dettagli_materia",
    "check_eligibility",
    "check_request",
    "check_transition",
    "earliest_request_date",
    "indennizzo_dovuto_entro",
    "next_states",
]

#: SH-5 (a): the last day of economic-hardship bonus applications (automatic since 2021).
BONUS_ECONOMICO_DOMANDE_FINO_AL = dt.date(2020, 12, 31)

#: SH-5 (e): an automatic indemnity is late when not paid within these months of the seller
#: receiving the complaint.
INDENNIZZO_MESI = 8


class TipoBonus(enum.StrEnum):
    """SH-5 (a): the kind of social bonus an application was for."""

    DISAGIO_ECONOMICO = "disagio_economico"
    DISAGIO_FISICO = "disagio_fisico"

    @property
    def label(self) -> str:
        """The Italian label."""
        return (
            "bonus per disagio economico"
            if self is TipoBonus.DISAGIO_ECONOMICO
            else ("bonus per disagio fisico")
        )

    @property
    def label_en(self) -> str:
        """The English label."""
        return (
            "economic-hardship bonus"
            if self is TipoBonus.DISAGIO_ECONOMICO
            else ("physical-hardship bonus")
        )


class EsitoReclamo(enum.StrEnum):
    """SH-5 (b): what the seller did with the customer's written complaint."""

    ACCOLTO = "accolto"
    NON_ACCOLTO = "non_accolto"
    SENZA_RISPOSTA = "senza_risposta"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _ESITI[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _ESITI[self][1]


_ESITI: dict[EsitoReclamo, tuple[str, str]] = {
    EsitoReclamo.ACCOLTO: ("reclamo accolto", "complaint accepted"),
    EsitoReclamo.NON_ACCOLTO: ("reclamo non accolto", "complaint not accepted"),
    EsitoReclamo.SENZA_RISPOSTA: ("reclamo senza risposta", "complaint not answered"),
}


def check_eligibility(
    materia: Materia,
    *,
    tipo_cliente: TipoCliente,
    fornitura: Fornitura,
    controparte: Controparte,
) -> list[Violation]:
    """SH-1, SH-2: every reason why this customer cannot ask SMART Help on ``materia``.

    Any final customer of electricity or gas may ask, directly or through a delegate (SH-2),
    but: the return to the previous supplier is for non-domestic customers only (SH-1 b); CMOR
    exists for electricity only (SH-1 c); and each sub-case has its counterpart (the bonus not
    accepted is the distributor's doing, the others the seller's, the bonus payment and recovery
    either's).

    >>> [v.code for v in check_eligibility(Materia.RITORNO_PRECEDENTE_FORNITORE,
    ...     tipo_cliente=TipoCliente.DOMESTICO, fornitura=Fornitura.GAS,
    ...     controparte=Controparte.VENDITORE)]
    ['smart_help.customer_not_eligible']
    """
    found: list[Violation] = []
    if tipo_cliente not in materia.tipi_cliente:
        found.append(
            Violation.of(
                "smart_help.customer_not_eligible",
                path="tipo_cliente",
                **labels(materia=materia, tipo_cliente=tipo_cliente),
            )
        )
    if fornitura not in materia.forniture:
        found.append(
            Violation.of(
                "smart_help.supply_not_covered",
                path="fornitura",
                **labels(materia=materia, fornitura=fornitura),
            )
        )
    if controparte not in materia.controparti:
        found.append(
            Violation.of(
                "smart_help.wrong_counterpart",
                path="controparte",
                ammesse=[c.label for c in Controparte if c in materia.controparti],
                ammesse_en=[c.label_en for c in Controparte if c in materia.controparti],
                **labels(materia=materia, controparte=controparte),
            )
        )
    return found


def earliest_request_date(materia: Materia, data_reclamo: dt.date) -> dt.date | None:
    """SH-3: the first day a request may be sent, ``None`` for bonus matters (no complaint).

    The seller has 40 days to answer the complaint; the day the complaint was sent is not
    counted and the seller may still answer on the 40th day, so the request may go from the
    41st day after ``data_reclamo`` (the 40 days have then elapsed: "decorsi 40 giorni"). A
    40th day on a Sunday or public holiday does not move (the conciliation's CP-1 counts the
    same way). An unsatisfactory answer received earlier lets the customer proceed earlier:
    see :func:`check_request`.

    >>> earliest_request_date(Materia.INDENNIZZO_AUTOMATICO, dt.date(2026, 1, 1))
    datetime.date(2026, 2, 11)
    """
    if materia.is_bonus:
        return None
    return _primo_giorno_utile(data_reclamo)


def check_request(
    materia: Materia,
    *,
    data_reclamo: dt.date | None,
    data_richiesta: dt.date,
    data_risposta: dt.date | None = None,
    risposta_insoddisfacente: bool = False,
    oggi: dt.date | None = None,
) -> list[Violation]:
    """SH-3: every reason why a SMART Help request on ``materia`` cannot be sent yet.

    Bonus matters need no complaint. Every other matter needs the date of the written complaint
    to the seller (``smart_help.complaint_required``) and may be sent once the seller's 40 days
    have elapsed (:func:`earliest_request_date`) or, earlier, from the day a written answer judged
    unsatisfactory was received (``risposta_insoddisfacente=True`` with ``data_risposta``).
    A request too early is ``smart_help.too_early`` with ``dal``, the date from which it is
    allowed. Dates after ``oggi`` (default: today in Europe/Rome) are refused, and so is an answer
    dated before its complaint. The rule is the conciliation's CP-1 too: both call the same
    function, each with its own codes.

    >>> v = check_request(Materia.DOPPIA_FATTURAZIONE, data_reclamo=dt.date(2026, 9, 1),
    ...     data_richiesta=dt.date(2026, 9, 20), oggi=dt.date(2026, 9, 20))
    >>> v[0].message()
    'La richiesta potrà essere inviata dal 12/10/2026: trascorsi 40 giorni dal reclamo scritto al venditore senza risposta, o dopo una risposta ritenuta insoddisfacente.'
    >>> check_request(Materia.DOPPIA_FATTURAZIONE, data_reclamo=dt.date(2026, 9, 1),
    ...     data_richiesta=dt.date(2026, 9, 20), data_risposta=dt.date(2026, 9, 15),
    ...     risposta_insoddisfacente=True, oggi=dt.date(2026, 9, 20))
    []
    """  # noqa: E501
    _, found = _precondizione(
        famiglia="smart_help",
        data_reclamo=data_reclamo,
        data_richiesta=data_richiesta,
        oggi=oggi if oggi is not None else _today(),
        data_risposta=data_risposta,
        risposta_insoddisfacente=risposta_insoddisfacente,
        reclamo_richiesto=not materia.is_bonus,
        params_reclamo={"materia": materia.label},
    )
    return found


def indennizzo_dovuto_entro(data_ricevimento_reclamo: dt.date) -> dt.date:
    """SH-5 (e): the last day the automatic indemnity may be paid: 8 months after the receipt.

    Months are calendar months, the day kept (10 March -> 10 November) or, when the month is
    shorter, its last day (30 June -> 28 or 29 February). The indemnity is late from the next
    day, and SMART Help may then be asked on matter (e).

    >>> indennizzo_dovuto_entro(dt.date(2026, 3, 10))
    datetime.date(2026, 11, 10)
    >>> indennizzo_dovuto_entro(dt.date(2027, 6, 30))
    datetime.date(2028, 2, 29)

    Raises:
        ValidationError: ``calendar.date_out_of_range`` at ``data_ricevimento_reclamo``
            past the end of :mod:`datetime`'s calendar.
    """
    months = data_ricevimento_reclamo.month - 1 + INDENNIZZO_MESI
    year = data_ricevimento_reclamo.year + months // 12
    month = months % 12 + 1
    if year > dt.MAXYEAR:
        raise ValidationError(
            [
                Violation.of(
                    "calendar.date_out_of_range",
                    path="data_ricevimento_reclamo",
                    data=data_ricevimento_reclamo.isoformat(),
                )
            ]
        )
    day = min(data_ricevimento_reclamo.day, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def check_dettagli_materia(
    materia: Materia,
    *,
    tipo_bonus: TipoBonus | None = None,
    data_domanda_bonus: dt.date | None = None,
    esito_reclamo: EsitoReclamo | None = None,
    data_ricevimento_reclamo: dt.date | None = None,
    oggi: dt.date | None = None,
) -> list[Violation]:
    """SH-5: the details of matters (a), (b) and (e) that the Servizio's current page states.

    - (a) ``BONUS_MANCATA_ACCETTAZIONE`` concerns the physical-hardship bonus, and
      economic-hardship applications made up to 31/12/2020 (automatic since 2021):
      ``tipo_bonus`` is needed, and for the economic bonus ``data_domanda_bonus``; a later
      application is ``smart_help.bonus_automatico``.
    - (b) ``RITORNO_PRECEDENTE_FORNITORE`` applies when the seller did not accept, or did not
      answer, the written complaint: ``esito_reclamo`` is needed, and an accepted complaint is
      ``smart_help.reclamo_accolto``.
    - (e) ``INDENNIZZO_AUTOMATICO``: the indemnity is late when not paid within 8 months of the
      seller receiving the complaint (:func:`indennizzo_dovuto_entro`):
      ``data_ricevimento_reclamo`` is needed, and until that day has passed the request is
      ``smart_help.indennizzo_non_scaduto`` (with ``dal``, the first day it may go).

    A detail the matter needs but not given is ``smart_help.dettaglio_required`` at its name;
    the other matters have nothing to check here (``[]``). ``oggi`` defaults to today in
    Europe/Rome.

    >>> [v.code for v in check_dettagli_materia(Materia.BONUS_MANCATA_ACCETTAZIONE,
    ...     tipo_bonus=TipoBonus.DISAGIO_ECONOMICO, data_domanda_bonus=dt.date(2021, 3, 1))]
    ['smart_help.bonus_automatico']
    >>> check_dettagli_materia(Materia.INDENNIZZO_AUTOMATICO,
    ...     data_ricevimento_reclamo=dt.date(2026, 1, 10), oggi=dt.date(2026, 9, 11))
    []
    """
    if materia is Materia.BONUS_MANCATA_ACCETTAZIONE:
        return _bonus(tipo_bonus, data_domanda_bonus)
    if materia is Materia.RITORNO_PRECEDENTE_FORNITORE:
        return _ritorno(materia, esito_reclamo)
    if materia is Materia.INDENNIZZO_AUTOMATICO:
        return _indennizzo(data_ricevimento_reclamo, oggi if oggi is not None else _today())
    return []


def _ritorno(materia: Materia, esito: EsitoReclamo | None) -> list[Violation]:
    """SH-5 (b): the return to the previous supplier needs a complaint not accepted."""
    if esito is None:
        return [_required("esito_reclamo")]
    if esito is EsitoReclamo.ACCOLTO:
        return [
            Violation.of(
                "smart_help.reclamo_accolto", path="esito_reclamo", **labels(materia=materia)
            )
        ]
    return []


def _indennizzo(ricevimento: dt.date | None, today: dt.date) -> list[Violation]:
    """SH-5 (e): the indemnity is late only after 8 months of the complaint's receipt."""
    path = "data_ricevimento_reclamo"
    if ricevimento is None:
        return [_required(path)]
    if ricevimento > today:
        return [Violation.of("smart_help.future_date", path=path, data=ricevimento, oggi=today)]
    entro = indennizzo_dovuto_entro(ricevimento)
    if today <= entro:
        return [
            Violation.of(
                "smart_help.indennizzo_non_scaduto",
                path=path,
                entro=entro,
                dal=entro + dt.timedelta(days=1),
                mesi=INDENNIZZO_MESI,
            )
        ]
    return []


def _bonus(tipo_bonus: TipoBonus | None, data_domanda: dt.date | None) -> list[Violation]:
    """SH-5 (a): which applications not accepted SMART Help still resolves."""
    if tipo_bonus is None:
        return [_required("tipo_bonus")]
    if tipo_bonus is TipoBonus.DISAGIO_FISICO:
        return []
    if data_domanda is None:
        return [_required("data_domanda_bonus")]
    if data_domanda > BONUS_ECONOMICO_DOMANDE_FINO_AL:
        return [
            Violation.of(
                "smart_help.bonus_automatico",
                path="data_domanda_bonus",
                data=data_domanda,
                fino_al=BONUS_ECONOMICO_DOMANDE_FINO_AL,
            )
        ]
    return []


def _required(campo: str) -> Violation:
    return Violation.of("smart_help.dettaglio_required", path=campo, campo=campo)


def _today() -> dt.date:
    """Today in Europe/Rome."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(tz=ZoneInfo("Europe/Rome")).date()


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
