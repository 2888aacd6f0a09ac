"""Hostile uploads: each refused with a violation, nothing listed, nothing left on disk."""

from __future__ import annotations

import io
import json
import socket
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.rules.attachments import MB as ATTACHMENT_MB

from .conftest import Running, bearer, files_on_disk, new_consumer, record

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MB = 1024 * 1024
LIMIT = 15 * ATTACHMENT_MB  # AT-3: 15 MB per conciliation document
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _bomb(first_entry: str, inflated: int = 50_000_000) -> bytes:
    """A zip whose one entry inflates to ``inflated`` zero bytes (about 50 kB on the wire)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(first_entry, bytes(inflated))
    return buf.getvalue()


@pytest.fixture
def case(running: Running) -> tuple[str, dict[str, str]]:
    """A conciliation case (AT-3, AT-4) of a fresh consumer: its number and auth header."""
    headers = bearer(new_consumer(running.http, "anna.neri"))
    form = json.loads((EXAMPLES / "domanda_conciliazione.json").read_text(encoding="utf-8"))
    answer = running.http.post("/v1/pratiche/conciliazione", json=form, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["numero"], headers


def _upload(
    running: Running,
    case: tuple[str, dict[str, str]],
    nome: str,
    body: bytes,
    content_type: str = "application/octet-stream",
) -> httpx.Response:
    numero, headers = case
    return running.http.post(
        f"/v1/pratiche/{numero}/allegati",
        params={"nome": nome},
        content=body,
        headers={**headers, "content-type": content_type},
    )


def _assert_nothing_kept(running: Running, case: tuple[str, dict[str, str]]) -> None:
    numero, headers = case
    listed = running.http.get(f"/v1/pratiche/{numero}/allegati", headers=headers)
    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert files_on_disk(running.data_dir) == []


HOSTILE: list[tuple[str, str, bytes, str, int, str]] = [
    ("dot-dot", "..", PDF, "application/octet-stream", 422, "attachments.name_traversal"),
    ("dir-only", "../../", PDF, "application/octet-stream", 422, "attachments.name_separator"),
    ("dot-dot-last", "a/..", PDF, "application/octet-stream", 422, "attachments.name_separator"),
    (
        "traversal",
        "../../etc/passwd.pdf",
        PDF,
        "application/octet-stream",
        422,
        "attachments.name_separator",
    ),
    (
        "backslash",
        "..\\..\\windows\\win.ini.pdf",
        PDF,
        "application/octet-stream",
        422,
        "attachments.name_separator",
    ),
    ("nul", "a\x00.pdf", PDF, "application/octet-stream", 422, "attachments.name_control"),
    ("nul-ext", "a.pdf\x00.exe", PDF, "application/octet-stream", 422, "attachments.name_control"),
    (
        "15MB+1",
        "grande.pdf",
        PDF + bytes(LIMIT + 1 - len(PDF)),
        "application/octet-stream",
        413,
        "attachments.file_too_large",
    ),
    ("content-type", "a.pdf", PDF, "application/pdf", 415, "api.unsupported_media_type"),
    ("multipart", "a.pdf", PDF, "multipart/form-data", 415, "api.unsupported_media_type"),
    (
        "zip-bomb",
        "bomba.docx",
        _bomb("zeros.bin"),
        "application/octet-stream",
        415,
        "attachments.content_mismatch",
    ),
    (
        "exe-as-pdf",
        "fattura.pdf",
        b"MZ\x90\x00" + bytes(4096),
        "application/octet-stream",
        415,
        "attachments.executable",
    ),
    (
        "elf-as-pdf",
        "fattura.pdf",
        b"\x7fELF" + bytes(4096),
        "application/octet-stream",
        415,
        "attachments.executable",
    ),
]


@pytest.mark.parametrize(
    ("nome", "body", "content_type", "status", "code"),
    [h[1:] for h in HOSTILE],
    ids=[h[0] for h in HOSTILE],
)
def test_hostile_upload_is_refused_and_leaves_nothing(  # noqa: PLR0917 - the table's columns
    running: Running,
    case: tuple[str, dict[str, str]],
    nome: str,
    body: bytes,
    content_type: str,
    status: int,
    code: str,
) -> None:
    """Each hostile upload (AT-3, AT-4) answers a problem with its violation; nothing is kept."""
    answer = _upload(running, case, nome, body, content_type)
    assert answer.status_code == status, answer.text
    problem: dict[str, Any] = answer.json()
    assert code in {v["code"] for v in problem["violations"]}
    _assert_nothing_kept(running, case)
    record("Uploads", f"`{nome!r}` ({len(body):,} bytes, {content_type}): {status} `{code}`")


def test_exactly_15_mb_is_accepted(running: Running, case: tuple[str, dict[str, str]]) -> None:
    """AT-3's limit is inclusive: a document of exactly 15 MB is stored whole."""
    answer = _upload(running, case, "limite.pdf", PDF + bytes(LIMIT - len(PDF)))
    assert answer.status_code == 201, answer.text
    assert answer.json()["dimensione"] == LIMIT


def test_lying_content_length_is_not_listed(
    running: Running, case: tuple[str, dict[str, str]]
) -> None:
    """A body shorter than its Content-Length, then a closed socket: nothing listed or kept."""
    numero, headers = case
    host, port = running.url.removeprefix("http://").split(":")
    head = (
        f"POST /v1/pratiche/{numero}/allegati?nome=a.pdf HTTP/1.1\r\n"
        f"Host: {host}\r\nAuthorization: {headers['Authorization']}\r\n"
        "Content-Type: application/octet-stream\r\n"
        f"Content-Length: {10 * MB}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + PDF + bytes(100_000))
        sock.shutdown(socket.SHUT_WR)
        got = b""
        while chunk := sock.recv(65536):
            got += chunk
    # The server cannot answer a request it never received whole: at most a 4xx, never a 2xx.
    assert not got.startswith(b"HTTP/1.1 2")
    _assert_nothing_kept(running, case)
    status = got.split(b"\r\n", 1)[0].decode() or "connection closed, no answer"
    record("Uploads", f"Content-Length 10 MiB, 100 kB sent then EOF: {status}, nothing kept")


def test_longer_body_than_content_length_is_cut_at_the_declared_length(
    running: Running, case: tuple[str, dict[str, str]]
) -> None:
    """A body longer than its Content-Length is read only up to the length declared."""
    numero, headers = case
    host, port = running.url.removeprefix("http://").split(":")
    extra = b"MZ\x90\x00" + bytes(1000)
    head = (
        f"POST /v1/pratiche/{numero}/allegati?nome=a.pdf HTTP/1.1\r\n"
        f"Host: {host}\r\nAuthorization: {headers['Authorization']}\r\n"
        "Content-Type: application/octet-stream\r\nConnection: close\r\n"
        f"Content-Length: {len(PDF)}\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + PDF + extra)
        got = b""
        while chunk := sock.recv(65536):
            got += chunk
    assert got.startswith(b"HTTP/1.1 201"), got[:200]
    listed = running.http.get(f"/v1/pratiche/{numero}/allegati", headers=headers).json()
    assert [a["dimensione"] for a in listed["items"]] == [len(PDF)]


def test_traversal_name_with_a_base_name_is_refused(
    running: Running, case: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    """Issue 7: `../../etc/passwd.pdf` is refused with a violation, nothing written anywhere."""
    answer = _upload(running, case, "../../etc/passwd.pdf", PDF)
    assert answer.status_code == 422, answer.text
    assert [v["code"] for v in answer.json()["violations"]] == ["attachments.name_separator"]
    _assert_nothing_kept(running, case)
    outside = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.name.startswith("s.sqlite3") for p in outside), outside


@pytest.mark.parametrize("first_entry", ["[Content_Types].xml", "mimetype"])
def test_zip_bomb_with_ooxml_entry_names_is_refused(
    running: Running, case: tuple[str, dict[str, str]], first_entry: str
) -> None:
    """Issue 7: a zip bomb named .docx is refused even when it mimics OOXML/ODF entry names."""
    answer = _upload(running, case, "bomba.docx", _bomb(first_entry))
    assert answer.status_code == 415, answer.text
    codes = {v["code"] for v in answer.json()["violations"]}
    assert "attachments.archive_bomb" in codes
    _assert_nothing_kept(running, case)
    record("Uploads", f"zip bomb as `bomba.docx`, first entry `{first_entry}`: 415 {sorted(codes)}")
