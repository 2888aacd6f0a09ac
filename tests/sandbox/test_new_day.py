"""The first request of a new day runs the sweeps: a read the day after a term shows it (CP-3)."""

import datetime as dt
from pathlib import Path

import attrs
import httpx

from sportello.sandbox import SandboxServer, Settings

from .conftest import Clock, login, open_case


def _pratica(client: httpx.Client, utente: dict[str, str], numero: str) -> dict[str, object]:
    answer = client.get(f"/v1/pratiche/{numero}", headers=utente)
    assert answer.status_code == 200, answer.text
    found: dict[str, object] = answer.json()["conciliazione"]
    return found


def test_cp3_a_read_on_the_day_after_the_term_shows_the_archived_case(tmp_path: Path) -> None:
    """CP-3: a clock left running, no control moved: day 7 still waits, day 8's read archives."""
    clock = Clock()  # Wednesday 25/11/2026 09:00 UTC
    settings = attrs.evolve(Settings.for_tests(), clock=clock, token_ttl=dt.timedelta(days=30))
    with (
        SandboxServer(db_path=tmp_path / "s.sqlite3", settings=settings) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        utente = login(client)
        numero = open_case(client, utente)["numero"]
        asked = client.post(f"/_sandbox/pratiche/{numero}/conciliazione/richiesta-integrazione")
        assert asked.status_code == 200, asked.text
        assert asked.json()["conciliazione"]["termini"]["integrazione_entro"] == "2026-12-02"
        clock.advance(days=7, hours=13)  # Wednesday 02/12, 23:00 in Rome: the last day
        assert _pratica(client, utente, numero)["stato"] == "in_attesa_integrazione"
        clock.advance(hours=1)  # midnight in Rome: Thursday 03/12, by itself
        procedura = _pratica(client, utente, numero)
        assert (procedura["stato"], procedura["motivo_archiviazione"]) == (
            "archiviata",
            "non_integrata",
        )
        eventi = client.get(f"/v1/pratiche/{numero}/eventi", headers=utente).json()["items"]
        assert [(e["tipo"], e["quando"]) for e in eventi[-3:]] == [
            ("passo_procedura", "2026-12-02T23:00:00+00:00"),
            ("stato_cambiato", "2026-12-02T23:00:00+00:00"),
            ("notifica_inviata", "2026-12-02T23:00:00+00:00"),
        ]
        assert eventi[-3]["dati"]["evento"] == "integrazione_scaduta"
        assert server.sandbox.new_day.run(dt.date(2026, 12, 3), _never) is False


def _never() -> None:
    raise AssertionError("the day was swept already")  # pragma: no cover - must not run
