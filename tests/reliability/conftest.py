"""Fixtures of the reliability tests: a sandbox with its own data dir, accounts, and figures.

Each test may record the figures it measured with :func:`record`; with
``SPORTELLO_RELIABILITY_DOC=docs/reliability.md`` set (``make reliability`` sets it) the
session writes them into that page, between the ``<!-- figures:start -->`` and
``<!-- figures:end -->`` markers. ``SPORTELLO_RELIABILITY_FULL=1`` runs the full-size loads
(1,000 submissions, the full schemathesis budget); without it the runs are bounded for
``make test``.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.client import Client
from sportello.sandbox import SandboxServer, Settings
from sportello.testing import Sandbox as _Controls
from sportello.testing._forms import ESEMPI, ESEMPIO_PASSWORD

__all__ = [
    "FULL",
    "PASSWORD",
    "Running",
    "activate",
    "bearer",
    "demo_customer_token",
    "files_on_disk",
    "new_consumer",
    "record",
    "running",
]

#: The full-size run (``make reliability``) rather than the bounded one (``make test``).
FULL = os.environ.get("SPORTELLO_RELIABILITY_FULL") == "1"
PASSWORD = ESEMPIO_PASSWORD
START, END = "<!-- figures:start -->", "<!-- figures:end -->"

_FIGURES: dict[str, list[str]] = {}
_LOCK = threading.Lock()


def record(section: str, line: str) -> None:
    """Keep one figure line for ``docs/reliability.md`` (and print it, shown with ``-s``)."""
    with _LOCK:
        _FIGURES.setdefault(section, []).append(line)
    print(f"[{section}] {line}")  # noqa: T201 - the figure printed by the test


def _render() -> str:
    mode = "full (`SPORTELLO_RELIABILITY_FULL=1`)" if FULL else "bounded (`make test`)"
    lines = [START, "", f"Run: {mode}.", ""]
    for section in sorted(_FIGURES):
        lines.append(f"### {section}")
        lines.append("")
        in_table = False
        for line in _FIGURES[section]:
            table = line.startswith("|")
            if table != in_table:
                lines.append("")  # a table and a list must be separated by a blank line
            lines.append(line if table else f"- {line}")
            in_table = table
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the recorded figures into the page named by ``SPORTELLO_RELIABILITY_DOC``."""
    target = os.environ.get("SPORTELLO_RELIABILITY_DOC")
    if not target or not _FIGURES:
        return
    page = Path(target)
    text = page.read_text(encoding="utf-8")
    head, found, rest = text.partition(START)
    if not found:
        return
    _, found_end, tail = rest.partition(END)
    if not found_end:
        return
    page.write_text(head + _render() + tail, encoding="utf-8")


class Running:
    """A sandbox server with its database and data directory known to the test."""

    def __init__(self, server: SandboxServer, data_dir: Path) -> None:
        self.server = server
        self.url = server.url
        self.data_dir = data_dir
        self.http = httpx.Client(base_url=server.url, timeout=30)
        self.controls = _Controls(server.url)

    def client(self, **options: Any) -> Client:
        """A client of this sandbox."""
        return Client(base_url=self.url, **options)

    def close(self) -> None:
        """Close the HTTP connections."""
        self.http.close()
        self.controls.close()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """A demo sandbox (cheap hashing) whose data directory is ``tmp_path / "data"``."""
    data_dir = tmp_path / "data"
    with SandboxServer(
        db_path=tmp_path / "s.sqlite3",
        data_dir=data_dir,
        settings=Settings.for_tests(),
        seed_demo=True,
    ) as server:
        sandbox = Running(server, data_dir)
        try:
            yield sandbox
        finally:
            sandbox.close()


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of ``token``."""
    return {"Authorization": f"Bearer {token}"}


def registrazione(username: str, **changes: Any) -> dict[str, Any]:
    """The example RegistrazioneSportello document for ``username``."""
    doc: dict[str, Any] = json.loads(json.dumps(ESEMPI["RegistrazioneSportello"]))
    doc.update(username=username, email=f"{username}@example.it", **changes)
    return doc


def activate(http: httpx.Client, username: str) -> None:
    """Activate the pending registration of ``username`` with the e-mailed code (AU-1)."""
    mails = http.get("/_sandbox/outbox").json()["items"]
    codes = [
        m["dati"]["codice"]
        for m in mails
        if "codice" in m["dati"] and m["dati"]["username"] == username
    ]
    assert codes, f"no activation e-mail for {username}"
    answer = http.post("/v1/auth/attivazione", json={"codice": codes[-1]})
    assert answer.status_code == 204, answer.text


def mail_to(http: httpx.Client, a: str, oggetto: str) -> dict[str, Any]:
    """The latest e-mail to ``a`` with the subject ``oggetto`` (not just the outbox's last)."""
    items: list[dict[str, Any]] = http.get("/_sandbox/outbox", params={"a": a}).json()["items"]
    found = [m for m in items if m["a"] == a and m["oggetto"] == oggetto]
    assert found, f"no e-mail to {a} about {oggetto!r}; to {a}: {[m['oggetto'] for m in items]}"
    return found[-1]


def new_consumer(http: httpx.Client, username: str) -> str:
    """Register ``username`` on the consumer desk, activate it, return a fresh token."""
    answer = http.post("/v1/auth/registrazione", json=registrazione(username))
    assert answer.status_code == 202, answer.text
    activate(http, username)
    token = http.post("/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert token.status_code == 200, token.text
    access: str = token.json()["access_token"]
    return access


def demo_customer_token(http: httpx.Client) -> str:
    """Register the demo customer 000002 (UP-1) and log in with the e-mailed password."""
    doc = {
        "codice_cliente": "000002",
        "codice_fiscale": "00743110157",
        "email": "prova@example.it",
    }
    answer = http.post("/v1/area-clienti/registrazione", json=doc)
    assert answer.status_code == 201, answer.text
    mail = mail_to(http, doc["email"], "Credenziali di accesso al portale clienti")
    token = http.post(
        "/v1/area-clienti/login",
        json={"codice_cliente": "000002", "password": mail["dati"]["password"]},
    )
    assert token.status_code == 200, token.text
    access: str = token.json()["access_token"]
    return access


def files_on_disk(data_dir: Path) -> list[Path]:
    """Every file under the sandbox's data directory but its lock file (``.lock``)."""
    return sorted(p for p in data_dir.rglob("*") if p.is_file() and p != data_dir / ".lock")
