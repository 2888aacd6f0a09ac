"""The kit's Sandbox: resets that forget everything, the factory's options, typed control errors."""

import datetime as dt
from pathlib import Path

import pytest

from sportello.client import ApiError, NotFound, Unauthorized
from sportello.sandbox import Settings
from sportello.testing import (
    Sandbox,
    SandboxControlError,
    SandboxFactory,
    Seed,
    SeedAccount,
    SeedCliente,
    SeedPunto,
)
from sportello.testing.strategies import esempio

ANNA = SeedAccount(
    username="anna.galli",
    password="Scirocco#2026",
    email="anna.galli@example.it",
    nome="Anna",
    cognome="Galli",
)
CLIENTE = SeedCliente(
    codice_cliente="000123",
    denominazione="ROSSI MARIO",
    codice_fiscale="RSSMRA85T10A562S",
    password="Bollette!2026",
    punti=(
        SeedPunto(codice="PR000001", pod="IT001E00000001"),
        SeedPunto(codice="PR000002", pdr="03340009749000", correttore=True),
    ),
)
MOMENT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _dirty(sandbox: Sandbox, tmp_path: Path) -> str:
    """Leave every kind of state behind: an account, a case, an attachment, a fault, a clock."""
    ricevuta = tmp_path / "ricevuta.pdf"
    ricevuta.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        client.pratiche.upload(pratica.numero, ricevuta)
        client.auth.recover_password("mario.rossi")
    sandbox.fault(503, count=3)
    sandbox.clock.freeze(MOMENT)
    return pratica.numero


def test_reset_forgets_rows_files_faults_and_the_clock(
    sportello_sandbox: Sandbox, tmp_path: Path
) -> None:
    """After reset: no account, case, mail, attachment file or fault; the clock runs real time."""
    _dirty(sportello_sandbox, tmp_path)
    assert sportello_sandbox.data_dir is not None
    assert any((sportello_sandbox.data_dir / "allegati").iterdir())
    sportello_sandbox.reset()
    assert sportello_sandbox.outbox() == []
    assert sportello_sandbox.pending_faults() == []
    assert not any((sportello_sandbox.data_dir / "allegati").iterdir())
    assert not sportello_sandbox.clock.frozen
    assert abs(sportello_sandbox.clock.now() - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)
    with sportello_sandbox.client(max_retries=0) as client, pytest.raises(Unauthorized):
        client.auth.login("mario.rossi", "Tramonto2026!")


def test_reset_restarts_the_case_counters_and_forgets_idempotency_keys(
    sportello_sandbox: Sandbox,
) -> None:
    """A key used before a reset opens a new case after it (the idempotency store is gone)."""
    with sportello_sandbox.registered_client() as client:
        first = client.pratiche.submit(esempio("RichiestaSmartHelp"), idempotency_key="chiave-1")
    sportello_sandbox.reset()
    with sportello_sandbox.registered_client() as client:
        again = client.pratiche.submit(esempio("RichiestaSmartHelp"), idempotency_key="chiave-1")
        assert [p.numero for p in client.pratiche.list()] == [again.numero]
    assert again.numero != first.numero


def test_reset_forgets_login_lockouts(sportello_sandbox: Sandbox) -> None:
    """Five failed logins lock the user name; after reset the same name logs in at once."""
    with sportello_sandbox.registered_client() as client:
        pass
    with sportello_sandbox.client(max_retries=0) as client:
        for _ in range(6):
            with pytest.raises(ApiError):
                client.auth.login("mario.rossi", "Sbagliata#2026")
    sportello_sandbox.reset()
    with sportello_sandbox.registered_client() as client:
        assert client.auth.me().username == "mario.rossi"


def test_each_test_starts_fresh_part_one(sportello_sandbox: Sandbox, tmp_path: Path) -> None:
    """(1/2) This test leaves state behind on purpose; the next one must not see it."""
    _dirty(sportello_sandbox, tmp_path)


def test_each_test_starts_fresh_part_two(sportello_sandbox: Sandbox) -> None:
    """(2/2) Whatever the test before left, this one starts empty, unfaulted, on real time."""
    assert sportello_sandbox.outbox() == []
    assert sportello_sandbox.pending_faults() == []
    assert not sportello_sandbox.clock.frozen


def test_factory_settings_apply_and_do_not_leak(sportello_sandbox_factory: SandboxFactory) -> None:
    """token_ttl of 5 minutes: expired after 6; the next sandbox has the default hour again."""
    short = sportello_sandbox_factory(
        settings=Settings.for_tests(token_ttl=dt.timedelta(minutes=5)), clock=MOMENT
    )
    with short.registered_client(max_retries=0) as client:
        short.clock.advance(minutes=4)
        assert client.auth.me().username == "mario.rossi"
        short.clock.advance(minutes=2)
        with pytest.raises(Unauthorized):
            client.auth.me()
    normal = sportello_sandbox_factory(clock=MOMENT)
    assert normal is not short
    with normal.registered_client(max_retries=0) as client:
        normal.clock.advance(minutes=59)
        assert client.auth.me().username == "mario.rossi"


def test_factory_clock_starts_frozen_at_the_moment(
    sportello_sandbox_factory: SandboxFactory,
) -> None:
    """clock= freezes the sandbox there; a date means noon in Italy."""
    assert sportello_sandbox_factory(clock=MOMENT).clock.now() == MOMENT
    noon = sportello_sandbox_factory(clock=dt.date(2026, 7, 1)).clock.now()
    assert noon == dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)


def test_factory_seeds_accounts_customers_and_points(
    sportello_sandbox_factory: SandboxFactory,
) -> None:
    """A Seed's account logs in; its registered customer logs in by code and sees its points."""
    sandbox = sportello_sandbox_factory(seed=Seed(accounts=(ANNA,), clienti=(CLIENTE,)))
    with sandbox.client() as client:
        client.auth.login("anna.galli", "Scirocco#2026")
        assert client.auth.me().nome == "Anna"
    with sandbox.client() as client:
        client.area_clienti.login("000123", "Bollette!2026")
        punti = client.area_clienti.punti_fornitura()
        assert [p.codice for p in punti] == ["PR000001", "PR000002"]


def test_seeded_state_is_restored_not_reseeded(sportello_sandbox_factory: SandboxFactory) -> None:
    """Changes made over a seeded state are gone when the same seed is asked for again."""
    seed = Seed(demo=True, accounts=(ANNA,))
    first = sportello_sandbox_factory(seed=seed)
    with first.client() as client:
        client.auth.login("anna.galli", "Scirocco#2026")
        client.auth.recover_password("anna.galli")
    assert len(first.outbox()) == 1
    first.reset(seed=seed)
    assert first.outbox() == []
    with first.client() as client:
        client.auth.login("mario.rossi", "Sportello#2026")
        client.auth.login("anna.galli", "Scirocco#2026")


def test_demo_seed_follows_the_starting_clock(sportello_sandbox_factory: SandboxFactory) -> None:
    """The demo's invoices stop at the clock's date: none after a 2020 start."""
    sandbox = sportello_sandbox_factory(seed="demo", clock=dt.date(2020, 3, 1))
    with sandbox.client() as client:
        client.area_clienti.register(esempio("RegistrazioneAreaClienti"))
        password = sandbox.outbox()[-1]["dati"]["password"]
        client.area_clienti.login("000002", password)
        anni = {f.data_emissione.year for f in client.area_clienti.fatture()}
    assert max(anni) == 2020


def test_refused_control_raises_typed_error_with_violations(sportello_sandbox: Sandbox) -> None:
    """A malformed fault and an unknown case: SandboxControlError with status, codes and paths."""
    with pytest.raises(SandboxControlError) as caught:
        sportello_sandbox.faults({"kind": "status", "status": 200})
    assert (caught.value.status, caught.value.codes) == (422, ("api.invalid_parameter",))
    assert caught.value.violations[0].path == "queue[0].status"
    assert "queue[0].status" in str(caught.value)
    with pytest.raises(SandboxControlError) as missing:
        sportello_sandbox.evento("SPCEN000000000000", "nuovo_documento")
    assert (missing.value.status, missing.value.codes) == (404, ("api.not_found",))


def test_control_is_generic(sportello_sandbox: Sandbox) -> None:
    """control() calls any /_sandbox endpoint and decodes its JSON (None for 204)."""
    assert sportello_sandbox.control("GET", "/_sandbox/outbox") == {"items": []}
    assert sportello_sandbox.control("POST", "/_sandbox/faults", json={"queue": []}) is None


def test_operator_event_moves_the_case(sportello_sandbox: Sandbox) -> None:
    """evento() with stato moves a case along SH-4 and mails the recipient (NT-2)."""
    with sportello_sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        sportello_sandbox.evento(pratica.numero, "nuovo_documento", stato="in_lavorazione")
        assert client.pratiche.get(pratica.numero).stato == "in_lavorazione"
    with pytest.raises(SandboxControlError) as caught:
        sportello_sandbox.evento(pratica.numero, "nuovo_documento", stato="inviata")
    assert caught.value.status == 422


def test_a_sandbox_served_elsewhere_resets_over_http(sportello_sandbox: Sandbox) -> None:
    """Sandbox(url) drives a server it does not own: reset to demo or empty, clock frozen."""
    remote = Sandbox(sportello_sandbox.url)
    try:
        remote.reset(seed="demo", clock=MOMENT)
        assert remote.clock.now() == MOMENT
        assert remote.db_path is None
        with remote.client() as client:
            client.auth.login("mario.rossi", "Sportello#2026")
        remote.reset()
        with remote.client(max_retries=0) as client, pytest.raises(Unauthorized):
            client.auth.login("mario.rossi", "Sportello#2026")
        with pytest.raises(ValueError, match="elsewhere"):
            remote.reset(seed=Seed(accounts=(ANNA,)))
    finally:
        remote.close()


def test_http_reset_validates_its_body(sportello_sandbox: Sandbox) -> None:
    """POST /_sandbox/reset refuses an unknown seed and a moment without offset, by field."""
    with pytest.raises(SandboxControlError) as caught:
        sportello_sandbox.control(
            "POST", "/_sandbox/reset", json={"seed": "tutto", "freeze": "2026-03-02T09:00:00"}
        )
    assert [v.path for v in caught.value.violations] == ["seed", "freeze"]
    with pytest.raises(SandboxControlError):
        sportello_sandbox.control("POST", "/_sandbox/reset", json={"altro": 1})


def test_two_sandboxes_in_one_test_are_independent(
    sportello_sandbox_factory: SandboxFactory,
) -> None:
    """Two calls of the factory lend two servers: data in one is absent from the other."""
    one = sportello_sandbox_factory(seed="demo")
    two = sportello_sandbox_factory()
    assert one.url != two.url
    with two.client(max_retries=0) as client, pytest.raises(Unauthorized):
        client.auth.login("mario.rossi", "Sportello#2026")
    with one.client() as client:
        client.auth.login("mario.rossi", "Sportello#2026")
        with pytest.raises(NotFound):
            client.pratiche.get("SPCEN000000000000")
