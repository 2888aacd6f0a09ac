"""Supply points ("punti di fornitura") and the customer's current choice among them (UP-4).

A supply point shows its code, its POD (electricity) or PDR (gas) and its address, as the
drop-down "Punto di fornitura" at the top of every page of the customer area:

>>> p = PuntoFornitura("PR002874", Fornitura.GAS, "03340009749021",
...                    "VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)")
>>> label(p)
'PR002874 (Pdr: 03340009749021); VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)'
>>> q = PuntoFornitura("PR002875", Fornitura.ELETTRICITA, "IT001E12345678",
...                    "VIA PROVA 5 - 48124 RAVENNA (RA)")
>>> scelta = SceltaPunto((p, q))
>>> scelta.corrente.codice, select(scelta, "PR002875").corrente.codice
('PR002874', 'PR002875')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from sportello._violations import ValidationError, Violation

__all__ = [
    "Fornitura",
    "PuntoFornitura",
    "SceltaPunto",
    "check_punto",
    "label",
    "normalize_punto",
    "select",
]


class Fornitura(enum.StrEnum):
    """The commodity of a supply point."""

    ELETTRICITA = "elettricita"
    GAS = "gas"

    @property
    def sigla(self) -> str:
        """The name of the point's identifier as the portal prints it: ``Pod`` or ``Pdr``."""
        return "Pod" if self is Fornitura.ELETTRICITA else "Pdr"


@attrs.frozen
class PuntoFornitura:
    """One supply point of a customer (UP-4).

    Attributes:
        codice: the utility's code of the point (``PR002874``).
        fornitura: electricity or gas.
        identificativo: the POD for electricity, the PDR for gas (see :func:`check_punto`).
        indirizzo: the supply address as printed (``VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)``).
    """

    codice: str
    fornitura: Fornitura
    identificativo: str
    indirizzo: str

    @property
    def pod(self) -> str | None:
        """The POD of an electricity point, ``None`` for gas."""
        return self.identificativo if self.fornitura is Fornitura.ELETTRICITA else None

    @property
    def pdr(self) -> str | None:
        """The PDR of a gas point, ``None`` for electricity."""
        return self.identificativo if self.fornitura is Fornitura.GAS else None


def check_punto(punto: PuntoFornitura) -> list[Violation]:
    """Every problem of ``punto``: empty code or address, a POD/PDR that is not valid (UP-4).

    The identifier is checked with :mod:`sportello.rules.identifiers.pod` for electricity and
    :mod:`sportello.rules.identifiers.pdr` for gas; its violations come back under the path
    ``identificativo``.
    """
    from sportello.rules.identifiers import pdr, pod

    problems: list[Violation] = []
    if not punto.codice.strip():
        problems.append(Violation.of("profile.supply_point_code_empty", path="codice"))
    module = pod if punto.fornitura is Fornitura.ELETTRICITA else pdr
    try:
        module.validate(punto.identificativo)
    except ValidationError as err:
        problems += [v.at("identificativo") for v in err.violations]
    if not punto.indirizzo.strip():
        problems.append(Violation.of("profile.supply_point_address_empty", path="indirizzo"))
    return problems


def normalize_punto(punto: PuntoFornitura) -> PuntoFornitura:
    """``punto`` with its code and address stripped and its POD/PDR in compact form (UP-4).

    Raises:
        ValidationError: with every violation :func:`check_punto` finds.

    >>> normalize_punto(PuntoFornitura(" PR002874 ", Fornitura.GAS, "0334 0009 7490 21",
    ...                                "VIA DEI POGGI 5")).identificativo
    '03340009749021'
    """
    from sportello.rules.identifiers import pdr, pod

    problems = check_punto(punto)
    if problems:
        raise ValidationError(problems)
    module = pod if punto.fornitura is Fornitura.ELETTRICITA else pdr
    return PuntoFornitura(
        punto.codice.strip(),
        punto.fornitura,
        module.validate(punto.identificativo),
        punto.indirizzo.strip(),
    )


def label(punto: PuntoFornitura) -> str:
    """The line shown in the "Punto di fornitura" drop-down (UP-4).

    ``<codice> (<Pod|Pdr>: <identificativo>); <indirizzo>``.
    """
    return f"{punto.codice} ({punto.fornitura.sigla}: {punto.identificativo}); {punto.indirizzo}"


def _points(items: Iterable[PuntoFornitura]) -> tuple[PuntoFornitura, ...]:
    return tuple(items)


def _default_selection(instance: SceltaPunto) -> str:
    return instance.punti[0].codice if instance.punti else ""


def _check_selection(instance: SceltaPunto, _attr: object, selezionato: str) -> None:
    codes = [p.codice for p in instance.punti]
    problems: list[Violation] = []
    if not codes:
        problems.append(Violation.of("profile.no_supply_points", path="punti"))
    seen: set[str] = set()
    for index, code in enumerate(codes):
        if code in seen:
            problems.append(
                Violation.of("profile.supply_point_duplicate", path=f"punti[{index}]", codice=code)
            )
        seen.add(code)
    if codes and selezionato not in seen:
        problems.append(
            Violation.of("profile.supply_point_unknown", path="selezionato", codice=selezionato)
        )
    if problems:
        raise ValidationError(problems)


@attrs.frozen
class SceltaPunto:
    """A customer's supply points and the one currently chosen (UP-4).

    The choice is kept by the caller for the whole session, so that it is "available from every
    page". Without an explicit choice the first point is selected (the drop-down's first row).
    Building one with no points, duplicate codes or an unknown selection raises
    :class:`~sportello.ValidationError`.
    """

    punti: tuple[PuntoFornitura, ...] = attrs.field(converter=_points)
    selezionato: str = attrs.field(
        default=attrs.Factory(_default_selection, takes_self=True), validator=_check_selection
    )

    @property
    def corrente(self) -> PuntoFornitura:
        """The selected supply point."""
        return next(p for p in self.punti if p.codice == self.selezionato)

    @property
    def labels(self) -> Sequence[str]:
        """The drop-down's rows, in order (see :func:`label`)."""
        return [label(p) for p in self.punti]


def select(scelta: SceltaPunto, codice: str) -> SceltaPunto:
    """The same points with ``codice`` selected (UP-4).

    Raises:
        ValidationError: ``profile.supply_point_unknown`` when no point has that code.
    """
    return attrs.evolve(scelta, selezionato=codice.strip())


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
