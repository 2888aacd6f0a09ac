"""The customer's side of a conciliation through the client, sync and async, over loopback."""

import asyncio
import datetime as dt
import io

import pytest

from sportello import ValidationError
from sportello.client import Conciliazione, IncontroConciliazione, UnprocessableError
from sportello.forms import (
    DisponibilitaIncontro,
    FasciaDisponibile,
    GiornoFeriale,
    RichiestaRinvio,
    RispostaIntegrazione,
    RitiroDomanda,
)
from sportello.rules.meetings import FasciaIncontro
from sportello.testing import SandboxControlError
from sportello.testing._forms import ESEMPIO_PASSWORD
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import esempio

MONDAY = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
USER = "mario.rossi"


def _giovedi() -> DisponibilitaIncontro:
    return DisponibilitaIncontro(
        fasce=(FasciaDisponibile(giorno=GiornoFeriale.GIOVEDI, fascia=FasciaIncontro.ORE_10_30),)
    )


def test_integrate_declare_and_download_the_verbale(sportello_sandbox: Sandbox) -> None:
    """CP-3, CP-5, CP-10: the typed records show deadlines and meeting; the verbale downloads."""
    sportello_sandbox.clock.freeze(MONDAY)
    with sportello_sandbox.registered_client() as client:
        numero = client.pratiche.submit(esempio("DomandaConciliazione")).numero
        assert numero.startswith("CONC")
        sportello_sandbox.operatore(numero, "richiesta-integrazione", documenti=["bolletta"])
        procedura = client.pratiche.procedura(numero)
        assert isinstance(procedura, Conciliazione)
        assert procedura.stato == "in_attesa_integrazione"
        assert procedura.termini.integrazione_entro == dt.date(2026, 12, 7)
        after = client.pratiche.integrate(numero, RispostaIntegrazione(note="Allegata"))
        assert after.stato == "inviata"
        sportello_sandbox.operatore(numero, "ammissione")
        client.pratiche.declare_availability(numero, _giovedi())
        sportello_sandbox.operatore(numero, "convocazione", stanza="Stanza 3")
        incontro = client.pratiche.procedura(numero).incontro
        assert isinstance(incontro, IncontroConciliazione)
        assert (incontro.data, incontro.fascia, incontro.inizio) == (
            dt.date(2026, 12, 3),
            "10:30",
            dt.datetime(2026, 12, 3, 10, 30),
        )
        sportello_sandbox.clock.advance(days=3)
        client.auth.login(USER, ESEMPIO_PASSWORD)
        sportello_sandbox.operatore(numero, "esito", esito="accordo")
        procedura = client.pratiche.procedura(numero)
        assert (procedura.stato, procedura.finale) == ("accordo", True)
        assert procedura.verbale is not None
        buffer = io.BytesIO()
        client.pratiche.download_documento(numero, procedura.verbale, buffer)
        assert b"Verbale di accordo" in buffer.getvalue()


def test_refusals_carry_the_rule(sportello_sandbox: Sandbox) -> None:
    """CP-7, CP-8: the server's refusals reach the client as violations naming the rule."""
    sportello_sandbox.clock.freeze(MONDAY)
    with sportello_sandbox.registered_client() as client:
        numero = client.pratiche.submit(esempio("DomandaConciliazione")).numero
        with pytest.raises(UnprocessableError) as late:
            client.pratiche.postpone(numero, RichiestaRinvio(motivo="Lavoro"))
        assert [(v.code, v.rule) for v in late.value.violations] == [
            ("conciliazione.azione_non_ammessa", "CP-7")
        ]
        with pytest.raises(ValidationError):  # the form, checked before anything is sent
            client.pratiche.withdraw(numero, RitiroDomanda(conferma=False))
        sportello_sandbox.operatore(numero, "ammissione")
        sportello_sandbox.operatore(numero, "convocazione", data="2026-12-01", fascia="09:00")
        with pytest.raises(UnprocessableError) as tardy:
            client.pratiche.withdraw(numero, RitiroDomanda(conferma=True))
        assert [v.rule for v in tardy.value.violations] == ["CP-8"]
        with pytest.raises(SandboxControlError) as early:
            sportello_sandbox.operatore(numero, "esito", esito="accordo")
        assert early.value.codes == ("conciliazione.esito_prima_dell_incontro",)
        with pytest.raises(ValueError, match="not a conciliation"):
            client.pratiche.procedura(client.pratiche.submit(esempio("RichiestaSmartHelp")).numero)


def test_async_customer_actions(sportello_sandbox: Sandbox) -> None:
    """The async client postpones and withdraws with the same records."""
    sportello_sandbox.clock.freeze(MONDAY)
    with sportello_sandbox.registered_client() as sync:
        numero = sync.pratiche.submit(esempio("DomandaConciliazione")).numero
        token = sync.token()
    sportello_sandbox.operatore(numero, "ammissione")
    sportello_sandbox.operatore(numero, "convocazione", data="2026-12-10", fascia="14:00")

    async def run() -> tuple[str, str, list[str]]:
        async with sportello_sandbox.async_client(token=token) as client:
            moved = await client.pratiche.postpone(numero, RichiestaRinvio(motivo="Visita medica"))
            await client.pratiche.declare_availability(numero, _giovedi())
            gone = await client.pratiche.withdraw(numero, RitiroDomanda(conferma=True))
            try:
                await client.pratiche.integrate(numero, RispostaIntegrazione(note="x"))
            except UnprocessableError as err:
                return moved.stato, gone.stato, [v.rule for v in err.violations]
            return moved.stato, gone.stato, []

    assert asyncio.run(run()) == ("rinviata", "archiviata", ["CP-3"])


def test_async_reads_the_procedure(sportello_sandbox: Sandbox) -> None:
    """The async client's procedura() reads state, deadlines and the archiving reason."""
    sportello_sandbox.clock.freeze(MONDAY)
    with sportello_sandbox.registered_client() as sync:
        numero = sync.pratiche.submit(esempio("DomandaConciliazione")).numero
        token = sync.token()
    sportello_sandbox.operatore(numero, "ammissione")

    async def run() -> Conciliazione:
        async with sportello_sandbox.async_client(token=token) as client:
            await client.pratiche.withdraw(numero, RitiroDomanda(conferma=True))
            return await client.pratiche.procedura(numero)

    procedura = asyncio.run(run())
    assert procedura.motivo_archiviazione == "ritirata"
    assert procedura.termini.primo_incontro_entro == dt.date(2027, 1, 9)
