"""Hostile uploads: each refused with a violation, nothing listed, nothing left on disk."""

from __future__ import annotations

import io
import json
import socket
import sqlite3
import threading
import zipfile
import zlib
from collections.abc import Iterator
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


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


DOCX = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:p>reclamo</w:p>" * 100}
PE = b"MZ" + bytes(58) + (0x80).to_bytes(4, "little") + bytes(0x80 - 64) + b"PE\x00\x00"


def _lying_docx() -> bytes:
    """A .docx whose 50 MB part declares 1,000 bytes (with the CRC of its first 1,000)."""
    real = bytes(50_000_000)
    data = bytearray(_zip({**DOCX, "word/media/a.bin": real}))
    crc = zlib.crc32(real[:1000]).to_bytes(4, "little")
    for magic, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := data.find(magic, at)) != -1:
            if data[at + name_at : at + name_at + 16] == b"word/media/a.bin":
                data[at + size_at : at + size_at + 4] = (1000).to_bytes(4, "little")
                data[at + size_at - 8 : at + size_at - 4] = crc
            at += 4
    return bytes(data)


def _nested_docx() -> bytes:
    """A zip in a workbook in a document: one level more than office files use."""
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/media/x.zip": _zip({"a": b"b"})})
    return _zip({**DOCX, "word/embeddings/Foglio1.xlsx": xlsx})


def _jar() -> bytes:
    return _zip({"META-INF/MANIFEST.MF": b"Main-Class: A\n", "A.class": b"\xca\xfe\xba\xbe"})


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
    (
        "lying-zip-sizes",
        "bugiardo.docx",
        _lying_docx(),
        "application/octet-stream",
        415,
        "attachments.archive_invalid",
    ),
    (
        "zip-in-embedded-doc",
        "matrioska.docx",
        _nested_docx(),
        "application/octet-stream",
        415,
        "attachments.archive_nested",
    ),
    (
        "pe-inside-docx",
        "relazione.docx",
        _zip({**DOCX, "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + PE}),
        "application/octet-stream",
        415,
        "attachments.polyglot",
    ),
    (
        "pdf-then-pe",
        "bolletta.pdf",
        PDF + bytes(10_000) + PE,
        "application/octet-stream",
        415,
        "attachments.polyglot",
    ),
    (
        "text-then-pe",
        "nota.txt",
        b"Gentile Sportello,\n" * 1000 + PE,
        "application/octet-stream",
        415,
        "attachments.polyglot",
    ),
    (
        "text-then-nul",
        "nota.txt",
        b"Gentile Sportello,\n" * 1000 + b"\x00",
        "application/octet-stream",
        415,
        "attachments.content_unrecognized",
    ),
    (
        "jpeg-then-jar",
        "foto.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(500) + _jar(),
        "application/octet-stream",
        415,
        "attachments.polyglot",
    ),
    (
        "content-type-case",
        "a.pdf",
        PDF,
        "Application/PDF",
        415,
        "api.unsupported_media_type",
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
    outside = {p for p in tmp_path.rglob("*") if p.is_file()} - {running.data_dir / ".lock"}
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


def _smart_help_case(running: Running, username: str) -> tuple[str, dict[str, str]]:
    headers = bearer(new_consumer(running.http, username))
    form = json.loads((EXAMPLES / "richiesta_smart_help.json").read_text(encoding="utf-8"))
    answer = running.http.post("/v1/pratiche/smart-help", json=form, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["numero"], headers


def test_at1_twelve_simultaneous_uploads_store_at_most_five(running: Running) -> None:
    """AT-1 race: 12 uploads of 3 MB at once to one SMART Help case: 5 stored (15 MB), 7 x 413."""
    numero, headers = _smart_help_case(running, "marco.gallo")
    size = 3 * ATTACHMENT_MB
    together = threading.Barrier(12)
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def body(i: int) -> Iterator[bytes]:
        data = PDF + bytes([i]) * (size - len(PDF))
        yield data[:65_536]
        together.wait(timeout=60)  # every request is in flight before any body is complete
        yield data[65_536:]

    def upload(i: int) -> None:
        with httpx.Client(base_url=running.url, timeout=120) as http:
            answer = http.post(
                f"/v1/pratiche/{numero}/allegati",
                params={"nome": f"doc{i}.pdf"},
                content=body(i),
                headers={**headers, "content-type": "application/octet-stream"},
            )
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    statuses = sorted(a.status_code for a in answers)
    listed = running.http.get(f"/v1/pratiche/{numero}/allegati", headers=headers).json()["items"]
    total = sum(a["dimensione"] for a in listed)
    refused = {v["code"] for a in answers if a.status_code == 413 for v in a.json()["violations"]}
    assert statuses == [201] * 5 + [413] * 7, [a.text[:200] for a in answers]
    assert (len(listed), total) == (5, 15 * ATTACHMENT_MB)
    assert refused <= {"attachments.too_many", "attachments.total_too_large"}
    stored = [p for p in files_on_disk(running.data_dir) if p.parent.name == "allegati"]
    assert len(stored) == 5
    assert [p for p in files_on_disk(running.data_dir) if p.parent.name == "tmp"] == []
    record(
        "Uploads",
        f"12 simultaneous uploads of 3 MB to one SMART Help case (AT-1): {statuses.count(201)} "
        f"stored ({total:,} bytes), {statuses.count(413)} x 413 {sorted(refused)}; "
        f"{len(stored)} files in allegati/, tmp/ empty",
    )


def test_a_failed_commit_leaves_no_file_and_no_row(running: Running) -> None:
    """A commit refused by SQLite after the file was renamed: no row, no file, sandbox fine."""
    numero, headers = case = _smart_help_case(running, "lucia.ferri")
    db = running.server.db_path
    with sqlite3.connect(db) as sabotage:
        # A deferred foreign key fails at COMMIT, after the effect has renamed the file.
        sabotage.executescript(
            "CREATE TABLE guasto (x INTEGER REFERENCES allegati(id)"
            " DEFERRABLE INITIALLY DEFERRED);"
            "CREATE TRIGGER guasto AFTER INSERT ON allegati"
            " BEGIN INSERT INTO guasto VALUES ('nessuno'); END;"
        )
    answer = _upload(running, case, "reclamo.pdf", PDF)
    assert answer.status_code == 500, answer.text
    assert answer.json()["violations"][0]["code"] == "api.internal_error"
    _assert_nothing_kept(running, case)
    with sqlite3.connect(db) as repair:
        repair.executescript("DROP TRIGGER guasto; DROP TABLE guasto;")
    again = _upload(running, case, "reclamo.pdf", PDF)
    assert again.status_code == 201, again.text
    listed = running.http.get(f"/v1/pratiche/{numero}/allegati", headers=headers).json()["items"]
    assert [a["id"] for a in listed] == [again.json()["id"]]
    assert [p.name for p in files_on_disk(running.data_dir)] == [again.json()["id"]]
    record(
        "Uploads",
        "commit refused by SQLite after the rename (deferred foreign key): 500, no row, no file "
        "in allegati/ or tmp/; the next upload commits",
    )
