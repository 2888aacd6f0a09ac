"""The SMART Help matters and who they are for (SH-1, SH-2, SH-5): the page's table as data.

Re-exported by :mod:`sportello.rules.smart_help`; import from there.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Controparte", "Fornitura", "Materia", "TipoCliente"]


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
    """SH-1, SH-5: every matter SMART Help resolves, one member per sub-case.

    SH-5 (the Servizio's current page) adds ``CMOR_INDENNIZZO_ERRATO`` to (c) and details (a),
    (b) and (e): see :func:`sportello.rules.smart_help.check_dettagli_materia`.

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
    CMOR_INDENNIZZO_ERRATO = "cmor_indennizzo_errato"
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
    """What the SMART Help page says of one sub-case (SH-1, SH-2, SH-5)."""

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
    Materia.CMOR_INDENNIZZO_ERRATO: _Fatti(
        "c",
        "Indennizzo CMOR errato addebitato dal venditore entrante",
        "Wrong CMOR indemnity billed by the incoming seller",
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
