"""Downloads: a failure mid-body is sportello's TransportError, and no partial file is left.

A loopback server announces a body and stops half-way (``Content-Length`` unmet, then the
connection closes): httpx raises ``RemoteProtocolError`` while the body streams.
"""

import io
from pathlib import Path

import pytest

from sportello.client import AsyncClient, Client, TransportError

from .loopback import Loopback, answer, each, head

PDF = b"%PDF-1.4\n" + b"0" * 200_000 + b"\n%%EOF\n"
#: Half the body, then the connection closes.
CUT = [head(200, length=len(PDF), ctype="application/pdf"), PDF[: len(PDF) // 2]]
WHOLE = answer(200, PDF, ctype="application/pdf")


def _client(server: Loopback, **options: float) -> Client:
    return Client(base_url=server.url, token="t", backoff_base=0.01, **options)  # type: ignore[arg-type]


def test_cut_download_raises_transport_error_and_leaves_no_file(tmp_path: Path) -> None:
    """Every attempt cut short: TransportError (not httpx's), and the path never appears."""
    dest = tmp_path / "fattura.pdf"
    with (
        Loopback(each(CUT)) as server,
        _client(server) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.area_clienti.download_fattura("2026-001", dest)
    assert caught.value.codes == ("api.transport_error",)
    assert "RemoteProtocolError" in str(caught.value)
    assert caught.value.__cause__ is not None
    assert len(server.received) == 4, "a GET is retried max_retries times"
    assert list(tmp_path.iterdir()) == []


def test_cut_download_keeps_the_previous_file(tmp_path: Path) -> None:
    """A failed download leaves an existing file at the path exactly as it was."""
    dest = tmp_path / "fattura.pdf"
    dest.write_bytes(b"la versione di ieri")
    with (
        Loopback(each(CUT)) as server,
        _client(server, max_retries=0) as client,
        pytest.raises(TransportError),
    ):
        client.area_clienti.download_fattura("2026-001", dest)
    assert dest.read_bytes() == b"la versione di ieri"
    assert [p.name for p in tmp_path.iterdir()] == ["fattura.pdf"]


def test_download_cut_once_is_retried_whole(tmp_path: Path) -> None:
    """A GET cut mid-body is retried from the start: the file holds the body once, whole."""
    dest = tmp_path / "fattura.pdf"
    with Loopback(each(CUT, WHOLE)) as server, _client(server) as client:
        written = client.area_clienti.download_fattura("2026-001", dest)
    assert written == len(PDF)
    assert dest.read_bytes() == PDF
    assert [p.name for p in tmp_path.iterdir()] == ["fattura.pdf"]


def test_download_into_a_file_object_is_cut_back_on_failure() -> None:
    """A seekable file given by the caller is left as it was when the download fails."""
    buffer = io.BytesIO(b"intestazione|")
    buffer.seek(0, io.SEEK_END)
    with (
        Loopback(each(CUT)) as server,
        _client(server, max_retries=1) as client,
        pytest.raises(TransportError),
    ):
        client.area_clienti.download_fattura("2026-001", buffer)
    assert buffer.getvalue() == b"intestazione|"


def test_download_into_a_file_object_retried_whole() -> None:
    """A seekable file is cut back before a retry, so it holds the body once."""
    buffer = io.BytesIO()
    with Loopback(each(CUT, WHOLE)) as server, _client(server) as client:
        assert client.area_clienti.download_fattura("2026-001", buffer) == len(PDF)
    assert buffer.getvalue() == PDF


class Pipe(io.RawIOBase):
    """A write-only stream that cannot seek (like a pipe or a socket)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        """It can be written."""
        return True

    def write(self, chunk: "bytes | bytearray | memoryview") -> int:  # type: ignore[override]
        """Keep the bytes."""
        self.data += chunk
        return len(chunk)


def test_download_into_an_unseekable_file_is_not_retried() -> None:
    """Bytes already written to a pipe cannot be taken back: the failure is final, once."""
    pipe = Pipe()
    with (
        Loopback(each(CUT, WHOLE)) as server,
        _client(server) as client,
        pytest.raises(TransportError),
    ):
        client.area_clienti.download_fattura("2026-001", pipe)  # type: ignore[arg-type]
    assert len(server.received) == 1
    assert 0 < len(pipe.data) < len(PDF)


def test_error_answer_to_a_download_writes_nothing(tmp_path: Path) -> None:
    """A 404 problem answer raises NotFound and creates no file (the body is not the PDF)."""
    from sportello.client import NotFound

    problem = b'{"title": "Not found", "violations": [{"code": "api.not_found"}]}'
    dest = tmp_path / "fattura.pdf"
    with (
        Loopback(each(answer(404, problem))) as server,
        _client(server) as client,
        pytest.raises(NotFound),
    ):
        client.area_clienti.download_fattura("2026-001", dest)
    assert list(tmp_path.iterdir()) == []


def test_download_into_a_directory_is_refused_before_sending(tmp_path: Path) -> None:
    """A destination that is a directory is refused before any request is sent."""
    with (
        Loopback(each(WHOLE)) as server,
        _client(server) as client,
        pytest.raises(IsADirectoryError),
    ):
        client.area_clienti.download_fattura("2026-001", tmp_path)
    assert server.received == []


@pytest.mark.anyio
async def test_async_cut_download_raises_transport_error(tmp_path: Path) -> None:
    """AsyncClient: a download cut short raises TransportError and leaves no file."""
    dest = tmp_path / "fattura.pdf"
    with Loopback(each(CUT)) as server:
        async with AsyncClient(base_url=server.url, token="t", backoff_base=0.01) as client:
            with pytest.raises(TransportError):
                await client.area_clienti.download_fattura("2026-001", dest)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.anyio
async def test_async_download_cut_once_is_retried_whole(tmp_path: Path) -> None:
    """AsyncClient: a download cut once is retried and written whole."""
    dest = tmp_path / "fattura.pdf"
    with Loopback(each(CUT, WHOLE)) as server:
        async with AsyncClient(base_url=server.url, token="t", backoff_base=0.01) as client:
            assert await client.area_clienti.download_fattura("2026-001", dest) == len(PDF)
    assert dest.read_bytes() == PDF


def test_download_over_existing_bytes_of_a_file_object_is_not_retried() -> None:
    """A file with bytes after its position cannot be cut back safely: no retry, no truncation."""
    buffer = io.BytesIO(b"0123456789" * 3)
    with (
        Loopback(each(CUT, WHOLE)) as server,
        _client(server) as client,
        pytest.raises(TransportError),
    ):
        client.area_clienti.download_fattura("2026-001", buffer)
    assert len(server.received) == 1
    assert len(buffer.getvalue()) == len(PDF) // 2  # written in place, nothing cut away
