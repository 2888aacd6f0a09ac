"""Shared steps of the procedure tests: a procedure admitted on D0 and its meetings."""

import datetime as dt

import pytest

from sportello.rules import conciliazione as c
from sportello.rules.meetings import FasciaIncontro

#: Day 0 of the tests' procedures (a Wednesday): days 40, 41, 90, 91, 120, 121 are working days.
D0 = dt.date(2026, 1, 14)


def giorno(n: int) -> dt.date:
    """Day ``n`` of the procedure admitted on :data:`D0`."""
    return D0 + dt.timedelta(days=n)


def incontro(n: int, **changes: object) -> c.Incontro:
    """A meeting on day ``n``, 10:30, room "Stanza 4" (``changes`` override)."""
    fields: dict[str, object] = {
        "data": giorno(n),
        "fascia": FasciaIncontro.ORE_10_30,
        "stanza": "Stanza 4",
        **changes,
    }
    return c.Incontro(**fields)  # type: ignore[arg-type]


class Percorso:
    """Builds procedures at a stage of their life (every step through the real operations)."""

    def inviata(self) -> c.Procedura:
        """Submitted on D0."""
        return c.submit(oggi=D0).procedura

    def in_attesa(self) -> c.Procedura:
        """Asked for documents on D0 (due on day 7)."""
        return c.request_integration(self.inviata(), oggi=D0).procedura

    def ammessa(self) -> c.Procedura:
        """Admitted on D0: day 0 of the terms."""
        return c.admit(self.inviata(), oggi=D0).procedura

    def convocata(self, n: int = 20, *, oggi: int = 1) -> c.Procedura:
        """Admitted on D0, convened on day ``oggi`` to a meeting on day ``n``."""
        return c.convene(self.ammessa(), oggi=giorno(oggi), incontro=incontro(n)).procedura

    def rinviata(self) -> c.Procedura:
        """Convened to day 20, postponed on day 10 by the customer."""
        return c.postpone(
            self.convocata(),
            oggi=giorno(10),
            richiesto_da=c.Parte.CLIENTE,
            motivo="Ricovero programmato",
        ).procedura


@pytest.fixture
def percorso() -> Percorso:
    """The stage builder of the procedure tests."""
    return Percorso()
