"""What a test's sandbox starts with: :class:`Seed` and its records.

A seed is data, frozen and hashable, so the kit seeds each distinct one once per server and
restores it from a snapshot afterwards (about a millisecond), however many tests ask for it.

>>> seed = Seed(
...     demo=True,
...     accounts=(SeedAccount(username="anna.galli", password="Scirocco#2026",
...                           email="anna.galli@example.it", nome="Anna", cognome="Galli"),),
...     clienti=(SeedCliente(codice_cliente="000123", denominazione="ROSSI MARIO",
...                          codice_fiscale="RSSMRA85T10A562S",
...                          punti=(SeedPunto(codice="PR000001", pod="IT001E00000001"),)),),
... )
>>> seed.demo, seed.clienti[0].punti[0].fornitura
(True, 'elettricita')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from sportello.sandbox._core import Sandbox

__all__ = ["ALWAYS_OPEN", "Seed", "SeedAccount", "SeedCliente", "SeedPunto", "apply_seed"]

#: The reading window of a seeded supply point unless told otherwise (the demo's, RD-1).
ALWAYS_OPEN = (dt.datetime(2010, 2, 11, 8), dt.datetime(2099, 2, 14, 22))  # noqa: DTZ001


@attrs.frozen(kw_only=True)
class SeedAccount:
    """A consumer-desk account (``registrata_il`` before 06/10/2017: AU-3 legacy).

    ``registrata_il`` defaults to the sandbox clock's date; ``completa=False`` marks the
    registration data incomplete.
    """

    username: str
    password: str = attrs.field(repr=False)
    email: str
    nome: str
    cognome: str
    registrata_il: dt.date | None = None
    completa: bool = True


@attrs.frozen(kw_only=True)
class SeedPunto:
    """A supply point: ``pod`` (electricity) or ``pdr`` (gas), its contract and window.

    ``finestra`` is the reading window in Italian wall-clock time (RD-1); ``correttore`` a
    gas volume corrector (RD-2); ``domiciliazione`` the contract's bank direct debit (EB-1).
    """

    codice: str
    pod: str | None = None
    pdr: str | None = None
    indirizzo: str = "VIA ROMA 1 - 00184 ROMA (RM)"
    correttore: bool = False
    cifre: int = 8
    finestra: tuple[dt.datetime, dt.datetime] = ALWAYS_OPEN
    domiciliazione: bool = False
    iban: str | None = None

    @property
    def fornitura(self) -> str:
        """``elettricita`` or ``gas``."""
        return "elettricita" if self.pod is not None else "gas"


@attrs.frozen(kw_only=True)
class SeedCliente:
    """A customer of the customer area, with its supply points (UP-1..UP-4).

    Not registered unless ``password`` is given (then it logs in with the customer code).
    """

    codice_cliente: str
    denominazione: str
    codice_fiscale: str | None = None
    partita_iva: str | None = None
    indirizzo: str = "VIA ROMA 1 - 00184 ROMA (RM)"
    telefono: str | None = None
    email: str | None = None
    password: str | None = attrs.field(default=None, repr=False)
    punti: tuple[SeedPunto, ...] = ()


@attrs.frozen(kw_only=True)
class Seed:
    """A sandbox's starting data: the demo data or not, plus accounts and customers."""

    demo: bool = False
    accounts: tuple[SeedAccount, ...] = ()
    clienti: tuple[SeedCliente, ...] = ()


def apply_seed(seed: Seed, sb: Sandbox) -> None:
    """Write ``seed`` into the (empty) store of the running sandbox ``sb``."""
    from sportello.sandbox._routes_controls import seed_account
    from sportello.sandbox._seed import seed_demo
    from sportello.sandbox._seed_custom import insert_cliente, insert_punto

    if seed.demo:
        seed_demo(sb)
    with sb.store.transaction() as db:
        for account in seed.accounts:
            seed_account(
                sb,
                db,
                username=account.username,
                password=account.password,
                email=account.email,
                nome=account.nome,
                cognome=account.cognome,
                registrata_il=account.registrata_il or sb.today(),
                completa=account.completa,
            )
        for cliente in seed.clienti:
            cid = insert_cliente(
                sb,
                db,
                codice_cliente=cliente.codice_cliente,
                denominazione=cliente.denominazione,
                indirizzo=cliente.indirizzo,
                codice_fiscale=cliente.codice_fiscale,
                partita_iva=cliente.partita_iva,
                telefono=cliente.telefono,
                email=cliente.email,
                password=cliente.password,
            )
            for punto in cliente.punti:
                insert_punto(
                    db,
                    cid,
                    codice=punto.codice,
                    indirizzo=punto.indirizzo,
                    pod=punto.pod,
                    pdr=punto.pdr,
                    correttore=punto.correttore,
                    cifre=punto.cifre,
                    finestra=punto.finestra,
                    domiciliazione=punto.domiciliazione,
                    iban=punto.iban,
                )
