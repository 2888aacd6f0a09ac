"""SMART Help: matters, eligibility, the prior complaint and the case states (SH-1..SH-4).

SMART Help resolves, through special procedures ("Procedure Speciali Risolutive") and instead of
the mandatory conciliation attempt, disputes on five matters (SH-1), for any final customer of
electricity or gas, directly or through a delegate, against sellers and distributors (SH-2).
Except for the bonus, a request needs a prior written complaint to the seller and 40 days of
waiting for its answer (SH-3). The portal shows the case's state and documents (SH-4).

>>> import datetime as dt
>>> Materia.CMOR_NON_ANNULLATO.lettera
'c'
>>> earliest_request_date(Materia.DOPPIA_FATTURAZIONE, dt.date(2026, 9, 1))
datetime.date(2026, 10, 12)
>>> earliest_request_date(Materia.BONUS_MANCATA_EROGAZIONE, dt.date(2026, 9, 1)) is None
True
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from sportello._violations import Violation
from sportello.rules._stati_pratica import StatoPratica, check_transition, next_states

__all__ = [
    "ATTESA_RISPOSTA_GIORNI",
    "Controparte",
    "Fornitura",
    "Materia",
    "StatoPratica",
    "TipoCliente",
    "check_eligibility",
    "check_request",
    "check_transition",
    "earliest_request_date",
    "next_states",
]

#: SH-3: the days the seller has to answer the written complaint.
ATTESA_RISPOSTA_GIORNI = 40


class TipoCliente(enum.StrEnum):
    """The kind of final customer."""

    DOMESTICO = "domestico"
    NON_DOMESTICO = "non_domestico"

    @property
    def label(self) -> str:
        """The Italian label."""
        return "cliente domestico" if self is TipoCliente.DOMESTICO else "cliente non domestico"

    @property
    def label_en(self) -> str:
        """The English label."""
        return "domestic customer" if self is TipoCliente.DOMESTICO else "non-domestic customer"


class Fornitura(enum.StrEnum):
    """The supply the dispute is about."""

    ELETTRICITA = "elettricita"
    GAS = "gas"

    @property
    def label(self) -> str:
        """The Italian label."""
        return "energia elettrica" if self is Fornitura.ELETTRICITA else "gas"

    @property
    def label_en(self) -> str:
        """The English label."""
        return "electricity" if self is Fornitura.ELETTRICITA else "gas"


class Controparte(enum.StrEnum):
    """SH-2: the operator the dispute is against."""

    VENDITORE = "venditore"
    DISTRIBUTORE = "distributore"

    @property
    def label(self) -> str:
        """The Italian label."""
        return self.value

    @property
    def label_en(self) -> str:
        """The English label."""
        return "seller" if self is Controparte.VENDITORE else "distributor"


class Materia(enum.StrEnum):
    """SH-1: every matter SMART Help resolves, one member per sub-case.

    >>> Materia.RITORNO_PRECEDENTE_FORNITORE.label
    'Ritorno al precedente fornitore (contratto ritenuto non concluso correttamente)'
    >>> [m.name for m in Materia if m.is_bonus]
    ['BONUS_MANCATA_ACCETTAZIONE', 'BONUS_MANCATA_EROGAZIONE', 'BONUS_RECUPERO']
    """

    BONUS_MANCATA_ACCETTAZIONE = "bonus_mancata_accettazione"
    BONUS_MANCATA_EROGAZIONE = "bonus_mancata_erogazione"
    BONUS_RECUPERO = "bonus_recupero"
    RITORNO_PRECEDENTE_FORNITORE = "ritorno_precedente_fornitore"
    CMOR_SENZA_REQUISITI = "cmor_senza_requisiti"
    CMOR_NON_ANNULLATO = "cmor_non_annullato"
    DOPPIA_FATTURAZIONE = "doppia_fatturazione"
    INDENNIZZO_AUTOMATICO = "indennizzo_automatico"

    @property
    def lettera(self) -> str:
        """The letter of the matter in the SMART Help page's list (``"a"`` to ``"e"``)."""
        return _MATERIE[self].lettera

    @property
    def is_bonus(self) -> bool:
        """Whether it is a bonus matter (no prior complaint needed, SH-3)."""
        return self.lettera == "a"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _MATERIE[self].it

    @property
    def label_en(self) -> str:
        """The English label."""
        return _MATERIE[self].en

    @property
    def controparti(self) -> frozenset[Controparte]:
        """The operators a request on this matter may be against."""
        return _MATERIE[self].controparti

    @property
    def tipi_cliente(self) -> frozenset[TipoCliente]:
        """The kinds of customer who may ask."""
        return _MATERIE[self].tipi_cliente

    @property
    def forniture(self) -> frozenset[Fornitura]:
        """The supplies the matter exists for."""
        return _MATERIE[self].forniture


@attrs.frozen
class _Fatti:
    """What the SMART Help page says of one sub-case (SH-1, SH-2)."""

    lettera: str
    it: str
    en: str
    controparti: frozenset[Controparte] = attrs.field(kw_only=True)
    tipi_cliente: frozenset[TipoCliente] = attrs.field(kw_only=True, default=frozenset(TipoCliente))
    forniture: frozenset[Fornitura] = attrs.field(kw_only=True, default=frozenset(Fornitura))


_V = frozenset({Controparte.VENDITORE})
_VD = frozenset(Controparte)
_MATERIE: dict[Materia, _Fatti] = {
    Materia.BONUS_MANCATA_ACCETTAZIONE: _Fatti(
        "a",
        "Bonus luce e gas: mancata accettazione da parte del distributore di domanda già"
        " ammessa dal Comune",
        "Electricity and gas bonus: the distributor did not accept an application already"
        " admitted by the municipality",
        controparti=frozenset({Controparte.DISTRIBUTORE}),
    ),
    Materia.BONUS_MANCATA_EROGAZIONE: _Fatti(
        "a",
        "Bonus luce e gas: mancata o ritardata erogazione del bonus",
        "Electricity and gas bonus: bonus not paid or paid late",
        controparti=_VD,
    ),
    Materia.BONUS_RECUPERO: _Fatti(
        "a",
        "Bonus luce e gas: contestazione di procedure di recupero del bonus",
        "Electricity and gas bonus: contested bonus recovery",
        controparti=_VD,
    ),
    Materia.RITORNO_PRECEDENTE_FORNITORE: _Fatti(
        "b",
        "Ritorno al precedente fornitore (contratto ritenuto non concluso correttamente)",
        "Return to the previous supplier (contract held not validly concluded)",
        controparti=_V,
        tipi_cliente=frozenset({TipoCliente.NON_DOMESTICO}),
    ),
    Materia.CMOR_SENZA_REQUISITI: _Fatti(
        "c",
        "Corrispettivo di morosità (CMOR) addebitato in assenza dei requisiti previsti dalla"
        " regolazione",
        "Late-payment charge (CMOR) billed without the regulatory requirements",
        controparti=_V,
        forniture=frozenset({Fornitura.ELETTRICITA}),
    ),
    Materia.CMOR_NON_ANNULLATO: _Fatti(
        "c",
        "Corrispettivo di morosità (CMOR) non annullato dopo il pagamento dell'intera"
        " posizione debitoria",
        "Late-payment charge (CMOR) not cancelled after the whole debt was paid",
        controparti=_V,
        forniture=frozenset({Fornitura.ELETTRICITA}),
    ),
    Materia.DOPPIA_FATTURAZIONE: _Fatti(
        "d",
        "Doppia fatturazione a seguito di cambio fornitore",
        "Double billing after a change of supplier",
        controparti=_V,
    ),
    Materia.INDENNIZZO_AUTOMATICO: _Fatti(
        "e",
        "Mancata erogazione di un indennizzo automatico entro i tempi previsti dalla regolazione",
        "Automatic indemnity not paid within the regulatory time",
        controparti=_V,
    ),
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
                materia=materia.label,
                tipo_cliente=tipo_cliente.label,
            )
        )
    if fornitura not in materia.forniture:
        found.append(
            Violation.of(
                "smart_help.supply_not_covered",
                path="fornitura",
                materia=materia.label,
                fornitura=fornitura.label,
            )
        )
    if controparte not in materia.controparti:
        found.append(
            Violation.of(
                "smart_help.wrong_counterpart",
                path="controparte",
                materia=materia.label,
                controparte=controparte.label,
                ammesse=[c.label for c in Controparte if c in materia.controparti],
            )
        )
    return found


def earliest_request_date(materia: Materia, data_reclamo: dt.date) -> dt.date | None:
    """SH-3: the first day a request may be sent, ``None`` for bonus matters (no complaint).

    The seller has 40 days to answer the complaint; the day the complaint was sent is not
    counted and the seller may still answer on the 40th day, so the request may go from the
    41st day after ``data_reclamo`` (the 40 days have then elapsed: "decorsi 40 giorni").
    An unsatisfactory answer received earlier lets the customer proceed earlier: see
    :func:`check_request`.

    >>> earliest_request_date(Materia.INDENNIZZO_AUTOMATICO, dt.date(2026, 1, 1))
    datetime.date(2026, 2, 11)
    """
    if materia.is_bonus:
        return None
    return data_reclamo + dt.timedelta(days=ATTESA_RISPOSTA_GIORNI + 1)


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
    dated before its complaint.

    >>> v = check_request(Materia.DOPPIA_FATTURAZIONE, data_reclamo=dt.date(2026, 9, 1),
    ...     data_richiesta=dt.date(2026, 9, 20), oggi=dt.date(2026, 9, 20))
    >>> v[0].message()
    'La richiesta potrà essere inviata dal 12/10/2026: trascorsi 40 giorni dal reclamo scritto al venditore senza risposta, o dopo una risposta ritenuta insoddisfacente.'
    >>> check_request(Materia.DOPPIA_FATTURAZIONE, data_reclamo=dt.date(2026, 9, 1),
    ...     data_richiesta=dt.date(2026, 9, 20), data_risposta=dt.date(2026, 9, 15),
    ...     risposta_insoddisfacente=True, oggi=dt.date(2026, 9, 20))
    []
    """  # noqa: E501
    today = oggi if oggi is not None else _today()
    found: list[Violation] = []
    for name, value in (
        ("data_reclamo", data_reclamo),
        ("data_risposta", data_risposta),
        ("data_richiesta", data_richiesta),
    ):
        if value is not None and value > today:
            found.append(Violation.of("smart_help.future_date", path=name, data=value, oggi=today))
    if materia.is_bonus:
        return found
    if data_reclamo is None:
        found.append(
            Violation.of(
                "smart_help.complaint_required", path="data_reclamo", materia=materia.label
            )
        )
        return found
    if data_risposta is not None and data_risposta < data_reclamo:
        found.append(
            Violation.of(
                "smart_help.answer_before_complaint",
                path="data_risposta",
                data_risposta=data_risposta,
                data_reclamo=data_reclamo,
            )
        )
        return found
    if risposta_insoddisfacente and data_risposta is None:
        found.append(Violation.of("smart_help.answer_date_required", path="data_risposta"))
        return found
    dal = data_reclamo + dt.timedelta(days=ATTESA_RISPOSTA_GIORNI + 1)
    if risposta_insoddisfacente and data_risposta is not None:
        dal = min(dal, data_risposta)
    if data_richiesta < dal:
        found.append(
            Violation.of(
                "smart_help.too_early",
                path="data_richiesta",
                dal=dal,
                giorni=ATTESA_RISPOSTA_GIORNI,
                data_reclamo=data_reclamo,
            )
        )
    return found


def _today() -> dt.date:
    """Today in Europe/Rome."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(tz=ZoneInfo("Europe/Rome")).date()


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
