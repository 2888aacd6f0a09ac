"""Client overhead and concurrent submissions, against a local sandbox over loopback.

1. Requests per second of ``GET /v1/pratiche/{numero}`` through ``sportello.client.Client``
   and through a raw ``httpx.Client`` with the same headers, in alternating rounds on one
   server; the ratio is the client's overhead (target: at most 10%). The same pair is then
   timed over one in-process ``httpx.MockTransport`` answering the recorded case, which
   isolates what the client itself costs per call (building, retry bookkeeping, cattrs).
2. 200 concurrent ``AsyncClient.pratiche.submit`` calls, then again with 20 injected faults
   (10 dropped answers after commit, 10 answers 503): throughput, and the count of cases
   created, which must be exactly 200 each time (none lost, none duplicated).

The sandbox is served by uvicorn in a thread on a listening socket created with
``IPPROTO_TCP``: asyncio sets ``TCP_NODELAY`` on accepted connections only then, and without
it every small answer waits about 40 ms for the client's delayed ACK (``SandboxServer``
creates its socket without the protocol: reported, to be fixed there; then this script can
use it directly).

Run: ``.venv/bin/python bench/client.py`` (part of ``make bench``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from _results import Results
from sportello import forms
from sportello.client import AsyncClient, Client
from sportello.sandbox import Settings, create_app
from sportello.testing import Sandbox

ROUNDS = 5
PER_ROUND = 400
MOCK_CALLS = 5000
CONCURRENT = 200

CLIENTE = {
    "tipo_cliente": "domestico",
    "nome": "Mario",
    "cognome": "Rossi",
    "codice_fiscale": "RSSMRA85T10A562S",
    "email": "mario.rossi@example.it",
}
REGISTRAZIONE = {"username": "mario.rossi", "password": "Tramonto2026!", **CLIENTE}
SMART_HELP = {
    "materia": "bonus_mancata_erogazione",
    "cliente": CLIENTE,
    "punto_fornitura": "IT001E12345678",
    "controparte": {"ruolo": "distributore", "ragione_sociale": "Rete Srl"},
    "descrizione": "Bonus non erogato.",
}


def overhead(url: str, client: Client, numero: str) -> None:
    """Print requests per second through Client and through raw httpx, and their ratio."""
    headers = {
        "Authorization": f"Bearer {client.token()}",
        "Accept": "application/json, application/problem+json",
        "Accept-Language": "it",
    }
    path = f"/v1/pratiche/{numero}"
    with httpx.Client(base_url=url, headers=headers) as raw:
        for _ in range(20):  # warm both connection pools
            raw.get(path).raise_for_status()
            client.pratiche.get(numero)
        raw_time = ours_time = 0.0
        for _ in range(ROUNDS):
            start = time.perf_counter()
            for _ in range(PER_ROUND):
                raw.get(path).json()
            raw_time += time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(PER_ROUND):
                client.pratiche.get(numero)
            ours_time += time.perf_counter() - start
        body = raw.get(path).content
    n = ROUNDS * PER_ROUND
    raw_rps, ours_rps = n / raw_time, n / ours_time
    print(f"GET a case, {n} requests each, alternating rounds of {PER_ROUND}:")
    print(f"  raw httpx.Client        {raw_rps:8.0f} req/s")
    print(f"  sportello Client        {ours_rps:8.0f} req/s")
    ratio = raw_rps / ours_rps
    print(f"  ratio raw/client        {ratio:8.3f}  (overhead {ratio - 1:+.1%})")
    RESULTS.group(
        "GET a case over loopback", "req/s", {"httpx.Client": raw_rps, "sportello Client": ours_rps}
    )
    in_process(path, body)


def in_process(path: str, body: bytes) -> None:
    """Print calls per second over an in-process transport: the client's own cost."""

    def answer(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    transport = httpx.MockTransport(answer)
    numero = path.rsplit("/", 1)[1]
    with (
        httpx.Client(base_url="http://bench", transport=transport) as raw,
        Client(base_url="http://bench", transport=transport, token="t") as client,  # noqa: S106
    ):
        start = time.perf_counter()
        for _ in range(MOCK_CALLS):
            raw.get(path).json()
        raw_rps = MOCK_CALLS / (time.perf_counter() - start)
        start = time.perf_counter()
        for _ in range(MOCK_CALLS):
            client.pratiche.get(numero)
        ours_rps = MOCK_CALLS / (time.perf_counter() - start)
    print(f"same answer over an in-process transport, {MOCK_CALLS} calls each:")
    print(f"  raw httpx.Client + json {raw_rps:8.0f} calls/s")
    print(f"  sportello Client        {ours_rps:8.0f} calls/s")
    RESULTS.group(
        "the same answer in-process",
        "calls/s",
        {"httpx.Client + json": raw_rps, "sportello Client": ours_rps},
    )
    print(f"  client's own cost       {1e6 / ours_rps - 1e6 / raw_rps:8.0f} µs per call")


async def _submit_all(url: str, token: str, form: Any) -> tuple[float, int]:
    async with AsyncClient(base_url=url, token=token, backoff_base=0.05) as client:
        start = time.perf_counter()
        done = await asyncio.gather(*(client.pratiche.submit(form) for _ in range(CONCURRENT)))
        elapsed = time.perf_counter() - start
    return elapsed, len({p.numero for p in done})


def concurrent(url: str, client: Client, *, faults: list[str]) -> None:
    """Submit CONCURRENT cases at once; print throughput and check none is lost or doubled."""
    before = {p.numero for p in client.pratiche.list(page_size=100)}
    if faults:
        httpx.post(f"{url}/_sandbox/faults", json={"queue": faults}).raise_for_status()
    form = forms.load(forms.RichiestaSmartHelp, SMART_HELP)
    elapsed, distinct = asyncio.run(_submit_all(url, client.token() or "", form))
    created = {p.numero for p in client.pratiche.list(page_size=100)} - before
    label = f"with {len(faults)} faults" if faults else "no faults"
    print(
        f"{CONCURRENT} concurrent async submissions ({label}): {elapsed:.2f} s, "
        f"{CONCURRENT / elapsed:.0f} cases/s; distinct answers {distinct}, "
        f"cases created {len(created)}"
    )
    assert distinct == CONCURRENT, "a submission was lost or answered twice"
    assert len(created) == CONCURRENT, "a case was lost or duplicated"


@contextlib.contextmanager
def serve(db: Path) -> Iterator[str]:
    """Serve a sandbox on a free loopback port (TCP_NODELAY on); yield its URL."""
    import uvicorn

    app = create_app(db_path=db, settings=Settings.for_tests())
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.sandbox.close()


#: The figures for docs/img/bench-client.svg (bench/results/client.json).
RESULTS = Results("client", "The client's cost over raw httpx")


def main() -> None:
    """Start a sandbox on a temporary database and run both measurements."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        with serve(db) as url, Client(base_url=url) as client:
            client.auth.register(forms.load(forms.RegistrazioneSportello, REGISTRAZIONE))
            client.auth.activate(Sandbox(url).activation_code("mario.rossi"))  # AU-1's e-mail
            client.auth.login("mario.rossi", "Tramonto2026!")
            numero = client.pratiche.submit(forms.load(forms.RichiestaSmartHelp, SMART_HELP)).numero
            overhead(url, client, numero)
            concurrent(url, client, faults=[])
            # a dropped answer makes uvicorn log an error line: expected, so kept quiet
            logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
            concurrent(url, client, faults=["drop", "503"] * 10)
    RESULTS.save()


if __name__ == "__main__":
    main()
