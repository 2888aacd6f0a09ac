"""The kit's clock moves every time-dependent rule: tokens, SH-3's 40 days, RD-1 windows, RD-5."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sportello.client import UnprocessableError
from sportello.testing import Sandbox, SandboxFactory, Seed, SeedCliente, SeedPunto
from sportello.testing.strategies import ESEMPIO_PASSWORD, esempio

MOMENT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
WINDOW = (dt.datetime(2026, 3, 10, 8), dt.datetime(2026, 3, 14, 22))
CLIENTE = SeedCliente(
    codice_cliente="000321",
    denominazione="BIANCHI GIULIA",
    codice_fiscale="BNCGLI90A41H501V",
    password="Bollette!2026",
    punti=(SeedPunto(codice="PR000010", pdr="03340009749010", finestra=WINDOW),),
)


def _smart_help(reclamo: dt.date) -> object:
    """A SMART Help request on a matter that needs a complaint, dated by the server's today."""
    return esempio(
        "RichiestaSmartHelp",
        materia="doppia_fatturazione",
        controparte={"ruolo": "venditore", "ragione_sociale": "Energia Srl"},
        data_reclamo=reclamo,
    )


def test_sh3_forty_days_follow_the_sandbox_clock(sportello_sandbox_factory: SandboxFactory) -> None:
    """SH-3: 40 days after the complaint is too early; the 41st day on the sandbox clock is not."""
    sandbox = sportello_sandbox_factory(clock=MOMENT)
    reclamo = dt.date(2026, 3, 2) - dt.timedelta(days=40)
    with sandbox.registered_client() as client:
        with pytest.raises(UnprocessableError) as caught:
            client.pratiche.submit(_smart_help(reclamo))
        assert "smart_help.too_early" in caught.value.codes
        sandbox.clock.advance(days=1)
        client.auth.login("mario.rossi", ESEMPIO_PASSWORD)  # a day later the token has expired
        assert client.pratiche.submit(_smart_help(reclamo)).numero.startswith("SPCEN")


def test_sh3_future_dates_follow_the_sandbox_clock(
    sportello_sandbox_factory: SandboxFactory,
) -> None:
    """SH-3: a complaint after the sandbox's today is refused, though the real date is later."""
    sandbox = sportello_sandbox_factory(clock=dt.date(2020, 1, 10))
    with sandbox.registered_client() as client, pytest.raises(UnprocessableError) as caught:
        client.pratiche.submit(_smart_help(dt.date(2020, 1, 11)))
    assert "smart_help.future_date" in caught.value.codes


def test_reading_window_and_acquisition_follow_the_clock(
    sportello_sandbox_factory: SandboxFactory,
) -> None:
    """RD-1: refused before the window opens, accepted inside it; RD-5: acquired 30 min later."""
    sandbox = sportello_sandbox_factory(seed=Seed(clienti=(CLIENTE,)), clock=MOMENT)
    lettura = esempio("Autolettura", punto="PR000010", data="2026-03-02")
    with sandbox.client() as client:
        client.area_clienti.login("000321", "Bollette!2026")
        with pytest.raises(UnprocessableError) as caught:
            client.area_clienti.add_autolettura("PR000010", lettura)
        assert "readings.outside_window" in caught.value.codes
        sandbox.clock.advance(days=9)
        client.area_clienti.login("000321", "Bollette!2026")  # the token expired meanwhile
        inside = esempio("Autolettura", punto="PR000010", data="2026-03-11")
        registrata = client.area_clienti.add_autolettura("PR000010", inside)
        assert registrata.stato == "da_acquisire"
        assert client.area_clienti.autoletture("PR000010").items[0].stato == "da_acquisire"
        sandbox.clock.advance(minutes=29)
        assert client.area_clienti.autoletture("PR000010").items[0].stato == "da_acquisire"
        sandbox.clock.advance(minutes=2)
        assert client.area_clienti.autoletture("PR000010").items[0].stato == "acquisita"


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(ore=st.integers(min_value=0, max_value=3))
def test_hypothesis_recipe_with_the_session_sandbox(
    sportello_session_sandbox: Sandbox, ore: int
) -> None:
    """The recipe: a session sandbox reset at the start of each example; a token dies at 1 h."""
    sandbox = sportello_session_sandbox.reset(clock=MOMENT)
    assert sandbox.outbox() == []
    with sandbox.registered_client(max_retries=0) as client:
        sandbox.clock.advance(hours=ore)
        if ore < 1:
            assert client.auth.me().username == "mario.rossi"
        else:
            with pytest.raises(Exception, match="401"):
                client.auth.me()
