"""Crash safety: ``kill -9`` of a real ``sportello sandbox`` process under concurrent load.

Several threads submit cases and upload attachments through :class:`sportello.client.Client`;
the server process is killed with SIGKILL in the middle of the run and restarted on the same
database and data directory. Every case and attachment whose creation the client saw
acknowledged must be there, and every attachment listed must be whole (its size and SHA-256
as acknowledged). ``SPORTELLO_RELIABILITY_FULL=1`` kills it 10 times instead of 3.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello.client import ApiError, Client
from sportello.testing._forms import esempio

from .conftest import FULL, PASSWORD, activate, record, registrazione

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KILLS = 10 if FULL else 3
THREADS = 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Process:
    """``python -m sportello sandbox`` on a loopback port, started and killed by the test."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "crash.sqlite3"
        self.data_dir = tmp_path / "crash-files"
        self.log = tmp_path / "server.log"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it answers."""
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sportello",
                    "sandbox",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--db",
                    str(self.db),
                    "--data-dir",
                    str(self.data_dir),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120  # a generous bound: startup takes ~1 s when idle
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text(errors="replace")
            try:
                if httpx.get(f"{self.url}/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise AssertionError("the sandbox process did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no cleanup."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def process(tmp_path: Path) -> Iterator[Process]:
    """The server process; killed at the end whatever happens."""
    server = Process(tmp_path)
    try:
        yield server
    finally:
        server.kill()


class Acknowledged:
    """What the clients saw acknowledged: case numbers, and attachments with their digest."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cases: set[str] = set()
        self.attachments: dict[tuple[str, str], tuple[int, str]] = {}
        self.refused = 0


def _worker(url: str, token: str, seen: Acknowledged, stop: threading.Event, n: int) -> None:
    """Submit a case, upload a file to it, again, until the server goes away."""
    size = 50_000 + 37_000 * n
    with Client(base_url=url, token=token, max_retries=0, timeout=5, deadline=5) as client:
        while not stop.is_set():
            try:
                pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
                with seen.lock:
                    seen.cases.add(pratica.numero)
                body = PDF + os.urandom(size)
                (allegato,) = client.pratiche.upload(
                    pratica.numero, ("prova.pdf", io.BytesIO(body)), tipo=pratica.tipo
                )
                with seen.lock:
                    seen.attachments[(pratica.numero, allegato.id)] = (
                        len(body),
                        hashlib.sha256(body).hexdigest(),
                    )
            except ApiError:
                return  # the server was killed: what was acknowledged stands


def _token(url: str) -> str:
    with httpx.Client(base_url=url, timeout=30) as http:
        # After a restart the account is already there: log in; the first time, register it.
        body = {"username": "anna.verdi", "password": PASSWORD}
        answer = http.post("/v1/auth/login", json=body)
        if answer.status_code == 401:
            http.post("/v1/auth/registrazione", json=registrazione("anna.verdi"))
            activate(http, "anna.verdi")
            answer = http.post("/v1/auth/login", json=body)
        assert answer.status_code == 200, answer.text
        token: str = answer.json()["access_token"]
        return token


def test_kill_9_loses_nothing_acknowledged(process: Process) -> None:
    """SIGKILL under load, restart: every acknowledged case and attachment is there and whole."""
    seen = Acknowledged()
    for round_ in range(KILLS):
        process.start()
        token = _token(process.url)
        stop = threading.Event()
        threads = [
            threading.Thread(target=_worker, args=(process.url, token, seen, stop, n))
            for n in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        target = len(seen.attachments) + 8 + round_
        deadline = time.monotonic() + 30
        while len(seen.attachments) < target and time.monotonic() < deadline:
            time.sleep(0.01)
        process.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    process.start()
    token = _token(process.url)
    with Client(base_url=process.url, token=token) as client:
        stored = {p.numero for p in client.pratiche.list(page_size=100)}
        missing_cases = seen.cases - stored
        listed: dict[tuple[str, str], tuple[int, str]] = {}
        for numero in stored:
            for a in client.pratiche.allegati(numero):
                listed[(numero, a.id)] = (a.dimensione, a.sha256)
        broken = []
        for (numero, allegato), (size, digest) in listed.items():
            out = Path(process.data_dir) / "check.bin"
            written = client.pratiche.download(numero, allegato, out)
            data = out.read_bytes()
            if written != size or hashlib.sha256(data).hexdigest() != digest:
                broken.append((numero, allegato))
    process.kill()
    with sqlite3.connect(process.db) as db:
        (integrity,) = db.execute("PRAGMA integrity_check").fetchone()
    leftovers = list((process.data_dir / "tmp").glob("*"))
    orphans = {p.name for p in (process.data_dir / "allegati").glob("*")} - {
        allegato for _, allegato in listed
    }
    assert integrity == "ok"
    assert leftovers == [], "tmp/ is emptied at startup"
    assert orphans == set(), "files no row lists are deleted at startup (the recovery rule)"
    assert missing_cases == set()
    assert {k: v for k, v in seen.attachments.items() if listed.get(k) != v} == {}
    assert broken == [], "a listed attachment is not whole"
    assert len(seen.attachments) >= KILLS * 8
    record(
        "Crash safety",
        f"{KILLS} SIGKILLs of `python -m sportello sandbox` under {THREADS} client threads: "
        f"{len(seen.cases)} acknowledged cases and {len(seen.attachments)} acknowledged "
        f"attachments, all present after restart; {len(stored)} cases and {len(listed)} "
        f"attachments stored, every listed attachment whole (size and SHA-256); "
        f"SQLite integrity_check ok; tmp/ emptied and unlisted files swept from allegati/ at "
        f"every restart ({len(leftovers)} and {len(orphans)} left)",
    )
