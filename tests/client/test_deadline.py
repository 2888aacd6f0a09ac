"""The deadline bounds the whole call by the wall clock, against servers that trickle bytes.

Real loopback servers (``loopback.Loopback``) send a byte every quarter of a second, so no
per-read timeout ever fires; the call must still end at its deadline. Times are asserted only
as hang guards, ten times the deadline or more.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sportello.client import AsyncClient, Client, DeadlineExceeded

from .loopback import Loopback, Received, Script, answer, each, head, trickle

#: A body trickled over 20 seconds (80 bytes, one every 0.25 s): far past the deadlines below.
LENGTH, GAP = 80, 0.25
#: Hang guard: ten times the deadline (CI may be much busier than a laptop).
GUARD = 10.0
#: A case as the contract returns it.
PRATICA = (
    b'{"numero": "SPCEN1", "tipo": "conciliazione", "stato": "INVIATA",'
    b' "stato_label": "Inviata", "creata_il": "2026-01-02T10:00:00+01:00",'
    b' "aggiornata_il": "2026-01-02T10:00:00+01:00"}'
)


def _json_trickle(_: Received) -> Script:
    return trickle(length=LENGTH, gap=GAP, ctype="application/json")


def _header_trickle(_: Received) -> Iterator[bytes | float]:
    top = head(200, length=2)
    yield top[:10]
    for byte in top[10:]:
        yield 0.25
        yield bytes([byte])
    yield b"{}"


@pytest.fixture
def trickling() -> Iterator[Loopback]:
    """A loopback server answering every request with a JSON body trickled over 20 s."""
    with Loopback(_json_trickle) as server:
        yield server


def test_trickled_body_hits_the_deadline(trickling: Loopback) -> None:
    """A body sent a byte every 0.25 s ends in DeadlineExceeded at the deadline, not in 20 s."""
    with Client(base_url=trickling.url, deadline=1.0, timeout=5.0) as client:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as caught:
            client.pratiche.get("SPCEN1")
        assert time.monotonic() - started < GUARD
    assert caught.value.codes == ("api.deadline_exceeded",)
    assert len(trickling.received) == 1, "a deadline is final: no retry"


def test_trickled_download_hits_the_deadline(trickling: Loopback, tmp_path: Path) -> None:
    """A download trickled a byte at a time ends at the deadline and leaves no file behind."""
    dest = tmp_path / "fattura.pdf"
    with Client(base_url=trickling.url, token="t", deadline=1.0, timeout=5.0) as client:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            client.area_clienti.download_fattura("2026-001", dest)
        assert time.monotonic() - started < GUARD
    assert list(tmp_path.iterdir()) == []


@pytest.mark.anyio
async def test_async_trickled_body_and_download_hit_the_deadline(
    trickling: Loopback, tmp_path: Path
) -> None:
    """AsyncClient ends a trickled body and a trickled download at the deadline."""
    async with AsyncClient(base_url=trickling.url, token="t", deadline=1.0, timeout=5.0) as c:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            await c.pratiche.get("SPCEN1")
        with pytest.raises(DeadlineExceeded):
            await c.area_clienti.download_fattura("2026-001", tmp_path / "fattura.pdf")
        assert time.monotonic() - started < 2 * GUARD
    assert list(tmp_path.iterdir()) == []


@pytest.mark.anyio
async def test_async_trickled_headers_hit_the_deadline() -> None:
    """AsyncClient's cancel scope ends the call even while the headers trickle in."""
    with Loopback(_header_trickle) as server:
        async with AsyncClient(base_url=server.url, deadline=1.0, timeout=5.0) as client:
            started = time.monotonic()
            with pytest.raises(DeadlineExceeded):
                await client.pratiche.get("SPCEN1")
            assert time.monotonic() - started < GUARD


def test_deadline_covers_retries_then_the_body() -> None:
    """A 503 retried, then a trickled body: one deadline for both, DeadlineExceeded in time."""
    unavailable = answer(503, b"{}", retry_after="0")
    with (
        Loopback(each(unavailable, trickle(length=LENGTH, gap=GAP))) as server,
        Client(base_url=server.url, deadline=1.5, timeout=5.0, backoff_base=0.01) as client,
    ):
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as caught:
            client.pratiche.get("SPCEN1")
        assert time.monotonic() - started < GUARD
    assert str(caught.value).endswith("tentativi fatti: 2.")
    assert len(server.received) == 2


def test_body_cut_short_is_retried_for_a_get() -> None:
    """A JSON body cut mid-way is a transport failure: a GET is retried and then succeeds."""
    cut = [head(200, length=len(PRATICA)), PRATICA[:20]]
    with (
        Loopback(each(cut, answer(200, PRATICA))) as server,
        Client(base_url=server.url, backoff_base=0.01) as client,
    ):
        assert client.pratiche.get("SPCEN1").numero == "SPCEN1"
    assert len(server.received) == 2


def test_silent_server_meets_the_deadline_not_the_timeout() -> None:
    """Headers, then silence: the body's read timeout is capped by the time left."""
    silent = [head(200, length=10), b"{", 30.0]
    with (
        Loopback(each(silent)) as server,
        Client(base_url=server.url, deadline=1.0, timeout=20.0) as client,
    ):
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            client.pratiche.get("SPCEN1")
        assert time.monotonic() - started < GUARD


def test_no_deadline_still_reads_a_slow_steady_body() -> None:
    """With deadline=None a slow but steady body is read whole (the timeout is per read)."""
    steady: list[bytes | float] = [head(200, length=len(PRATICA))]
    for start in range(0, len(PRATICA), 40):
        steady += [0.05, PRATICA[start : start + 40]]
    with (
        Loopback(each(steady)) as server,
        Client(base_url=server.url, deadline=None, timeout=5.0) as client,
    ):
        assert client.pratiche.get("SPCEN1").stato == "INVIATA"
