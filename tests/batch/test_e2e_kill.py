"""The whole job under faults: 20% of answers lost after the commit, the CLI killed twice.

``python -m sportello batch submit`` runs as a subprocess against a sandbox of this process;
one answer in five is dropped after its effect was committed (the client retries with the
same ``Idempotency-Key``), the command is killed with SIGKILL twice in the middle of the run
and started again, and again after any exit 3 (the server "unavailable" after the retries),
until it finishes. Then the sandbox's own store must hold exactly one case per valid row and
every file of those rows exactly once; the invalid rows are in the report and never sent.

``SPORTELLO_BATCH_FULL=1`` (``make batch-e2e``) runs 1,000 valid rows and 20 bad ones; the
default run, part of ``make test``, runs 200 and 4.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from sportello import forms
from sportello.sandbox import SandboxServer, Settings
from sportello.testing import Sandbox
from sportello.testing._forms import esempio

from .conftest import PASSWORD, PDF, smart_rows, write_rows

FULL = os.environ.get("SPORTELLO_BATCH_FULL") == "1"
VALID = 1000 if FULL else 200
#: Rows with a wrong codice fiscale, spread among the valid ones (20 beside 1,000; 4 beside 200).
BAD = frozenset(range(7, VALID + VALID // 50, 51))
ROWS = VALID + len(BAD)
DROP_RATE = 0.2
KILLS = 2
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def on_contract() -> None:
    """Not watched here: the traffic is another process's (the in-process tests check it)."""


def _journal_count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            (n,) = db.execute("SELECT count(*) FROM righe WHERE numero IS NOT NULL").fetchone()
    except sqlite3.OperationalError:  # the schema is being created
        return 0
    return int(n)


def test_a_thousand_rows_survive_lost_answers_and_two_kills(tmp_path: Path) -> None:
    """Exactly one case per valid row and each file once, after drops, 2 SIGKILLs, restarts."""
    rng = random.Random(16)
    data = smart_rows(ROWS, bad=BAD)
    rows = write_rows(tmp_path / "lotto.csv", data)
    expected: dict[str, dict[str, str]] = {}
    for i, row in enumerate(data):
        folder = tmp_path / "allegati" / row["riferimento"]
        folder.mkdir(parents=True)
        names = {}
        for n in range(rng.randint(1, 3)):
            content = PDF + f"% {row['riferimento']} documento {n}\n".encode()
            (folder / f"doc{n}.pdf").write_bytes(content)
            names[f"doc{n}.pdf"] = content.hex()
        if i not in BAD:
            expected[row["riferimento"]] = names
    db_path = tmp_path / "sandbox.sqlite3"
    with SandboxServer(db_path=db_path, settings=Settings.for_tests()) as server:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            registrazione = esempio(
                "RegistrazioneSportello", username="mario.rossi", password=PASSWORD
            )
            http.post("/v1/auth/registrazione", json=forms.dump(registrazione)).raise_for_status()
            controls = Sandbox(server.url)
            try:
                codice = controls.activation_code("mario.rossi")
            finally:
                controls.close()
            http.post("/v1/auth/attivazione", json={"codice": codice}).raise_for_status()
            requests = 3 * ROWS * 3
            queue = ["drop" if rng.random() < DROP_RATE else "delay:0" for _ in range(requests)]
            http.post(
                "/_sandbox/faults", json={"queue": queue}, headers={"Idempotency-Key": "f1"}
            ).raise_for_status()
        env = {
            **os.environ,
            "SPORTELLO_USERNAME": "mario.rossi",
            "SPORTELLO_PASSWORD": PASSWORD,
            "SPORTELLO_URL": server.url,
        }
        command = [
            sys.executable,
            "-m",
            "sportello",
            "batch",
            "submit",
            "richiesta_smart_help",
            str(rows),
            "--allegati",
            str(tmp_path / "allegati"),
            "--no-progress",
        ]
        journal = tmp_path / "lotto.csv.journal.sqlite3"
        log = tmp_path / "cli.log"
        codes: list[int] = []
        killed_at: list[int] = []
        started = time.monotonic()
        for attempt in range(12):
            with log.open("ab") as out:
                proc = subprocess.Popen(command, env=env, stdout=out, stderr=out, cwd=ROOT)
            if len(killed_at) < KILLS:
                target = len(expected) * (len(killed_at) + 1) // (KILLS + 1)
                deadline = time.monotonic() + 600
                while proc.poll() is None and time.monotonic() < deadline:
                    if _journal_count(journal) >= target:
                        os.kill(proc.pid, signal.SIGKILL)
                        killed_at.append(_journal_count(journal))
                        break
                    time.sleep(0.02)
            code = proc.wait(timeout=1200)
            codes.append(code)
            if code in (0, 1):
                break
            assert code in (-signal.SIGKILL, 3), (attempt, code, log.read_text()[-2000:])
        elapsed = time.monotonic() - started
        left = len(server.sandbox.faults._items)
        server.sandbox.faults.replace([])
    assert codes[-1] == 1, log.read_text()[-2000:]  # done; the invalid rows are reported
    assert len(killed_at) == KILLS
    assert all(0 < n < len(expected) for n in killed_at), killed_at  # killed mid-run
    assert left < requests, "the faults were consumed"
    with sqlite3.connect(db_path) as db:
        pratiche = db.execute("SELECT numero, modulo FROM pratiche").fetchall()
        allegati = db.execute("SELECT numero, nome, sha256 FROM allegati").fetchall()
    with sqlite3.connect(journal) as db:
        numero_of = dict(
            db.execute("SELECT riferimento, numero FROM righe WHERE numero IS NOT NULL")
        )
    assert len(pratiche) == len(expected) == VALID
    assert set(numero_of) == set(expected)
    sent = {json.loads(m)["descrizione"] for _, m in pratiche}
    for i in BAD:
        assert f"n. {i + 1}." not in " ".join(sent)  # the bad rows were never sent
    twice = {k: n for k, n in Counter((a, b) for a, b, _ in allegati).items() if n > 1}
    assert twice == {}
    stored = {(a, b): c for a, b, c in allegati}
    want = {
        (numero_of[rif], nome): hashlib.sha256(bytes.fromhex(content)).hexdigest()
        for rif, names in expected.items()
        for nome, content in names.items()
    }
    assert stored == want
    report = (tmp_path / "lotto.csv.rapporto.csv").read_text(encoding="utf-8-sig")
    assert report.count("codice_fiscale.invalid_checksum") == len(BAD)
    sys.stderr.write(
        f"\nbatch e2e: {ROWS} rows ({len(BAD)} bad), {len(want)} attachments, "
        f"{len(codes)} runs {codes}, killed at {killed_at}, {elapsed:.0f} s\n"
    )
