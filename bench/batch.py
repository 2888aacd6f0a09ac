"""``sportello batch submit`` against a local sandbox: rows per second, and what the journal costs.

Every measurement submits the same 120 SMART Help rows with 1-2 PDF attachments each to a
fresh sandbox (its own SQLite file), after the rows were loaded and checked (not timed):

1. the batch, :func:`sportello.batch.submit` with its journal, at concurrency 1, 4 and 8;
2. the bare client calls the batch makes (``submit`` with the row's key, then ``upload`` of
   each file with its key), without a journal: with ``AsyncClient`` at the same
   concurrencies, and with the blocking ``Client`` sequentially and in 4 threads.

The sandbox runs as its own process (``python -m sportello sandbox``), as a real server
would: in this process it would share the interpreter lock with the client and turn every
comparison of concurrency into one of thread switching. Each measurement gets a fresh server
and database. Rounds alternate the configurations; the best of 3 is kept (the run least
disturbed by the rest of the machine: on a shared machine a median mixes in the neighbours).

Printed: rows per second of each, the journal's overhead (batch time / bare async time at the
same concurrency, target at most 1.1x), and async vs threads at concurrency 4, all from the
same run. Since the end-to-end ratios carry the machine's noise (the spread is printed), the
journal's own time is also measured directly: the time spent inside its methods during the
batch runs, as a ratio over the rest.

Run: ``.venv/bin/python bench/batch.py`` (part of ``make bench``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from sportello import forms
from sportello.batch import Journal, Lotto, load_rows, read_table, submission_key, submit
from sportello.client import AsyncClient, Client, upload_key
from sportello.testing._forms import ESEMPI, ESEMPIO_PASSWORD

ROWS = 120
ROUNDS = 3
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
USERNAME = "mario.rossi"


def _rows(root: Path) -> Lotto:
    header = [
        "riferimento",
        "materia",
        "cliente.tipo_cliente",
        "cliente.nome",
        "cliente.cognome",
        "cliente.codice_fiscale",
        "cliente.email",
        "punto_fornitura",
        "controparte.ruolo",
        "controparte.ragione_sociale",
        "descrizione",
    ]
    doc = ESEMPI["RichiestaSmartHelp"]
    c = doc["cliente"]
    lines = [";".join(header)]
    for i in range(ROWS):
        rif = f"B-{i:04d}"
        lines.append(
            ";".join(
                [
                    rif,
                    doc["materia"],
                    c["tipo_cliente"],
                    c["nome"],
                    c["cognome"],
                    c["codice_fiscale"],
                    c["email"],
                    doc["punto_fornitura"],
                    doc["controparte"]["ruolo"],
                    doc["controparte"]["ragione_sociale"],
                    f"Pratica di prova numero {i}.",
                ]
            )
        )
        folder = root / "allegati" / rif
        folder.mkdir(parents=True)
        for n in range(1 + i % 2):
            (folder / f"doc{n}.pdf").write_bytes(PDF + f"%{i}-{n}\n".encode() * 50)
    path = root / "lotto.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lotto = load_rows(forms.RichiestaSmartHelp, read_table(path), allegati=root / "allegati")
    assert len(lotto.valid_rows) == ROWS
    return lotto


class _Server:
    """``python -m sportello sandbox`` on a free port with its own database (a subprocess)."""

    def __init__(self, root: Path, n: int) -> None:
        import socket
        import subprocess
        import sys

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sportello",
                "sandbox",
                "--port",
                str(port),
                "--db",
                str(root / f"s{n}.sqlite3"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.url}/openapi.json", timeout=1).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        with Client(base_url=self.url) as client:
            client.auth.register(
                forms.load(
                    forms.RegistrazioneSportello,
                    {
                        **ESEMPI["RegistrazioneSportello"],
                        "username": USERNAME,
                        "password": ESEMPIO_PASSWORD,
                    },
                )
            )

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


#: Seconds spent inside the journal's methods during the batch runs, by run.
JOURNAL_TIME: dict[int, float] = {}
#: Seconds of each batch run.
TOTAL_TIME: dict[int, float] = {}
_JOURNAL_METHODS = ("bind", "plan", "row", "files", "sent", "attached", "counts")


def _timed(journal: Journal, run: int) -> Journal:
    """``journal`` with each method's time added to ``JOURNAL_TIME[run]``."""
    JOURNAL_TIME[run] = 0.0
    for name in _JOURNAL_METHODS:
        method = getattr(journal, name)

        def timed(*args: Any, _method: Any = method, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _method(*args, **kwargs)
            finally:
                JOURNAL_TIME[run] += time.perf_counter() - started

        setattr(journal, name, timed)
    return journal


async def _batch(url: str, lotto: Lotto, journal_path: Path, concurrency: int, run: int) -> float:
    async with AsyncClient(base_url=url) as client:
        await client.auth.login(USERNAME, ESEMPIO_PASSWORD)
        with Journal(journal_path) as journal:
            started = time.perf_counter()
            done = await submit(lotto, _timed(journal, run), client, concurrency=concurrency)
            elapsed = time.perf_counter() - started
    assert done.sent == ROWS, done
    TOTAL_TIME[run] = elapsed
    return elapsed


async def _bare_async(url: str, lotto: Lotto, concurrency: int) -> float:
    form = lotto.form.__name__
    async with AsyncClient(base_url=url) as client:
        await client.auth.login(USERNAME, ESEMPIO_PASSWORD)
        gate = asyncio.Semaphore(concurrency)

        async def one(riga: Any) -> None:
            async with gate:
                key = submission_key(form, riga.riferimento)
                pratica = await client.pratiche.submit(riga.form, idempotency_key=key)
                for f in riga.files:
                    await client.pratiche.upload(
                        pratica.numero,
                        f.path,
                        tipo=pratica.tipo,
                        idempotency_key=upload_key(pratica.numero, f.nome, f.sha256),
                    )

        started = time.perf_counter()
        await asyncio.gather(*(one(r) for r in lotto.valid_rows))
        return time.perf_counter() - started


def _bare_sync(url: str, lotto: Lotto, threads: int) -> float:
    form = lotto.form.__name__
    with Client(base_url=url) as client:
        client.auth.login(USERNAME, ESEMPIO_PASSWORD)

        def one(riga: Any) -> None:
            key = submission_key(form, riga.riferimento)
            pratica = client.pratiche.submit(riga.form, idempotency_key=key)
            for f in riga.files:
                client.pratiche.upload(
                    pratica.numero,
                    f.path,
                    tipo=pratica.tipo,
                    idempotency_key=upload_key(pratica.numero, f.nome, f.sha256),
                )

        started = time.perf_counter()
        if threads == 1:
            for riga in lotto.valid_rows:
                one(riga)
        else:
            with concurrent.futures.ThreadPoolExecutor(threads) as pool:
                list(pool.map(one, lotto.valid_rows))
        return time.perf_counter() - started


def main() -> None:
    """Run every measurement, print the table and the ratios."""
    logging.getLogger("sportello").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="sportello-bench-batch-") as tmp:
        root = Path(tmp)
        lotto = _rows(root)
        runs: dict[str, list[float]] = {}
        cases: list[tuple[str, Callable[[str, int], float]]] = []
        for c in (1, 4, 8):
            cases.append(
                (
                    f"batch (journal), async, concurrency {c}",
                    lambda url, n, c=c: asyncio.run(
                        _batch(url, lotto, root / f"j{n}.sqlite3", c, n)
                    ),
                )
            )
            cases.append(
                (
                    f"bare AsyncClient calls, concurrency {c}",
                    lambda url, _n, c=c: asyncio.run(_bare_async(url, lotto, c)),
                )
            )
        cases.append(("bare Client calls, sequential", lambda url, _n: _bare_sync(url, lotto, 1)))
        cases.append(("bare Client calls, 4 threads", lambda url, _n: _bare_sync(url, lotto, 4)))
        n = 0
        for _ in range(ROUNDS):
            for name, run in cases:
                n += 1
                server = _Server(root, n)
                try:
                    runs.setdefault(name, []).append(run(server.url, n))
                finally:
                    server.stop()
        median = {name: min(times) for name, times in runs.items()}
        spread = max(max(t) / min(t) for t in runs.values())
        print(f"sportello batch submit: {ROWS} rows, 1-2 attachments each, best of {ROUNDS}")
        for name, seconds in median.items():
            print(f"  {name:<42} {ROWS / seconds:7.1f} rows/s")
        for c in (1, 4, 8):
            ratio = (
                median[f"batch (journal), async, concurrency {c}"]
                / median[f"bare AsyncClient calls, concurrency {c}"]
            )
            verdict = "ok" if ratio <= 1.1 else "OVER TARGET"
            print(f"journal overhead at concurrency {c}: {ratio:.2f}x (target <= 1.1x) {verdict}")
        speed = (
            median["bare Client calls, 4 threads"] / median["bare AsyncClient calls, concurrency 4"]
        )
        print(f"async vs 4 threads at concurrency 4: {speed:.2f}x the rows per second")
        gain = (
            median["bare Client calls, sequential"]
            / median["bare AsyncClient calls, concurrency 4"]
        )
        print(f"concurrency 4 (async) vs sequential (sync): {gain:.2f}x the rows per second")
        print(f"(largest slowest/fastest spread of one configuration: {spread:.2f}x)")
        own = sum(JOURNAL_TIME.values())
        total = sum(TOTAL_TIME.values())
        direct = total / (total - own)
        verdict = "ok" if direct <= 1.1 else "OVER TARGET"
        print(
            f"journal's own time: {own * 1000:.0f} ms of {total:.1f} s of batch runs: "
            f"{direct:.3f}x over the calls alone (target <= 1.1x) {verdict}"
        )


if __name__ == "__main__":
    main()
