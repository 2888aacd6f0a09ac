"""The change feed's store side: cursors that survive a restart, one secret, old databases."""

import base64
import re
import sqlite3
from pathlib import Path

import httpx

from sportello.sandbox import SandboxServer, Settings
from sportello.sandbox._store import Store

from .conftest import example, login, token_of


def _serve(tmp_path: Path) -> SandboxServer:
    return SandboxServer(db_path=tmp_path / "feed.sqlite3", settings=Settings.for_tests())


def test_a_cursor_survives_a_server_restart(tmp_path: Path) -> None:
    """The secret lives in the store: a cursor from before the restart resumes after it."""
    with _serve(tmp_path) as first, httpx.Client(base_url=first.url) as http:
        headers = login(http)
        http.post("/v1/pratiche/smart-help", json=example("richiesta_smart_help"), headers=headers)
        page = http.get("/v1/eventi", headers=headers).json()
        # CP-11, AT-6: the SPCEN e-mail comes later, by a sweep of the clock
        assert [e["tipo"] for e in page["items"]] == ["pratica_inviata"]
    with _serve(tmp_path) as second, httpx.Client(base_url=second.url) as http:
        headers = token_of(http, "mrossi85")
        http.post("/v1/pratiche/smart-help", json=example("richiesta_smart_help"), headers=headers)
        after = http.get("/v1/eventi", params={"since": page["next_cursor"]}, headers=headers)
        assert after.status_code == 200, after.text
        assert [e["tipo"] for e in after.json()["items"]] == ["pratica_inviata"]
        assert {e["id"] for e in after.json()["items"]}.isdisjoint(e["id"] for e in page["items"])
    with sqlite3.connect(tmp_path / "feed.sqlite3") as db:
        (count,) = db.execute("SELECT count(*) FROM meta WHERE key = 'secret:feed'").fetchone()
    assert count == 1


def test_a_cursor_holds_no_row_number(tmp_path: Path) -> None:
    """A cursor is base64url of at most 200 characters naming an event id, not a seq."""
    with _serve(tmp_path) as server, httpx.Client(base_url=server.url) as http:
        headers = login(http)
        for _ in range(2):
            http.post(
                "/v1/pratiche/smart-help", json=example("richiesta_smart_help"), headers=headers
            )
        page = http.get("/v1/eventi", params={"limit": 1}, headers=headers).json()
    cursor = page["next_cursor"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,200}", cursor)
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    assert bytes.fromhex(page["items"][0]["id"]) in raw
    assert page["has_more"] is True


def test_an_older_database_gets_the_notification_body_column(tmp_path: Path) -> None:
    """A store made before notifiche.corpo existed is given the column when opened."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE notifiche (id TEXT PRIMARY KEY, numero TEXT NOT NULL, evento TEXT NOT"
            " NULL, destinatario TEXT NOT NULL, oggetto TEXT NOT NULL, inviata_il TEXT NOT NULL)"
        )
        db.execute("INSERT INTO notifiche VALUES ('n1', 'SPCEN1', 'codice_spcen', 'a', 'o', 't')")
    store = Store(path)
    try:
        with store.read() as db:
            row = db.execute("SELECT corpo FROM notifiche WHERE id = 'n1'").fetchone()
        assert row["corpo"] == ""
    finally:
        store.close()
    Store(path).close()  # opening it again changes nothing
