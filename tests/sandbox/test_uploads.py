"""Attachments over a real socket: CO-6, AT-1..AT-4, streaming limits, nothing half-written."""

import hashlib
import io
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello.rules.attachments import MB
from sportello.sandbox import SandboxServer, Settings

from .conftest import conforms, login, open_case

PDF = b"%PDF-1.4\n" + b"0" * 100
OCTET = {"Content-Type": "application/octet-stream"}
TEMPLATE = "/v1/pratiche/{numero}/allegati"


def _upload(
    client: httpx.Client,
    headers: dict[str, str],
    numero: str,
    nome: str,
    body: bytes | Iterator[bytes],
    **query: str,
) -> httpx.Response:
    params = {"nome": nome, **query}
    return client.post(
        f"/v1/pratiche/{numero}/allegati", params=params, content=body, headers={**headers, **OCTET}
    )


def _files(server: SandboxServer) -> list[Path]:
    root = server.sandbox.data_dir
    return [p for p in root.rglob("*") if p.is_file() and p != root / ".lock"]


def test_co6_attachment_added_after_the_case_and_downloaded(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """CO-6: a flagged attachment goes to an existing case and downloads byte for byte."""
    numero = open_case(client, utente)["numero"]
    answer = _upload(client, utente, numero, "reclamo.pdf", PDF, obbligatorio="true")
    conforms(answer, "post", TEMPLATE)
    allegato = answer.json()
    assert (allegato["obbligatorio"], allegato["dimensione"]) == (True, len(PDF))
    assert allegato["sha256"] == hashlib.sha256(PDF).hexdigest()
    listed = client.get(f"/v1/pratiche/{numero}/allegati", headers=utente)
    conforms(listed, "get", TEMPLATE)
    assert listed.json()["items"] == [allegato]
    download = client.get(answer.headers["location"], headers=utente)
    conforms(download, "get", "/v1/pratiche/{numero}/allegati/{id}")
    assert download.content == PDF
    assert "reclamo.pdf" in download.headers["content-disposition"]


def test_co6_no_attachment_without_a_case(client: httpx.Client, utente: dict[str, str]) -> None:
    """CO-6: there is no upload before the case number exists (unknown number: 404)."""
    answer = _upload(client, utente, "SPCEN000000000001", "reclamo.pdf", PDF)
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 404


def test_at3_limit_plus_one_byte_refused_and_nothing_left(
    client: httpx.Client, server: SandboxServer, utente: dict[str, str]
) -> None:
    """AT-3: a conciliation document of 15 MB + 1 byte is refused (413), nothing kept or listed."""
    numero = open_case(client, utente)["numero"]
    before = _files(server)

    def body() -> Iterator[bytes]:
        yield b"%PDF-1.4\n"
        remaining = 15 * MB + 1 - 9
        while remaining:
            chunk = min(remaining, 1 << 20)
            yield b"0" * chunk
            remaining -= chunk

    answer = _upload(client, utente, numero, "grande.pdf", body())
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 413
    violation = answer.json()["violations"][0]
    assert (violation["code"], violation["rule"]) == ("attachments.file_too_large", "AT-3")
    assert _files(server) == before
    assert client.get(f"/v1/pratiche/{numero}/allegati", headers=utente).json()["items"] == []


def test_at3_exactly_the_limit_is_accepted(client: httpx.Client, utente: dict[str, str]) -> None:
    """AT-3: a document of exactly 15 MB is accepted."""
    numero = open_case(client, utente)["numero"]
    data = b"%PDF-1.4\n" + b"0" * (15 * MB - 9)
    answer = _upload(client, utente, numero, "limite.pdf", data)
    assert answer.status_code == 201, answer.text
    assert answer.json()["dimensione"] == 15 * MB


def test_at1_at_most_five_documents(client: httpx.Client, utente: dict[str, str]) -> None:
    """AT-1: a SMART Help case takes 5 documents; the 6th is refused before reading (413)."""
    numero = open_case(client, utente, "smart-help")["numero"]
    for i in range(5):
        assert _upload(client, utente, numero, f"doc{i}.pdf", PDF).status_code == 201
    answer = _upload(client, utente, numero, "doc5.pdf", PDF)
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 413
    violation = answer.json()["violations"][0]
    assert (violation["code"], violation["rule"]) == ("attachments.too_many", "AT-1")


def test_at1_total_of_15_mb(client: httpx.Client, utente: dict[str, str]) -> None:
    """AT-1: with 10 MB already on the case, a 5 MB + 1 byte document breaks the 15 MB total."""
    numero = open_case(client, utente, "informazioni")["numero"]
    first = _upload(client, utente, numero, "a.pdf", b"%PDF-1.4\n" + b"0" * (10 * MB - 9))
    assert first.status_code == 201
    answer = _upload(client, utente, numero, "b.pdf", b"%PDF-1.4\n" + b"0" * (5 * MB - 8))
    assert answer.status_code == 413
    assert "attachments.total_too_large" in {v["code"] for v in answer.json()["violations"]}


@pytest.mark.parametrize(
    ("path", "upload", "code"),
    [
        ("smart-help", ("foto.tiff", b"II*\x00"), "attachments.extension_not_allowed"),  # AT-2
        ("conciliazione", ("musica.wav", b"RIFF"), "attachments.extension_not_allowed"),  # AT-4
        ("conciliazione", ("bolletta.pdf", b"MZ\x90\x00rest"), "attachments.executable"),
        ("conciliazione", ("bolletta.pdf", b"\x89PNG\r\n\x1a\n"), "attachments.content_mismatch"),
    ],
)
def test_at2_at4_types_and_sniffed_content_are_415(
    client: httpx.Client, utente: dict[str, str], path: str, upload: tuple[str, bytes], code: str
) -> None:
    """AT-2, AT-4: an extension the service does not take, or lying content, is a 415."""
    numero = open_case(client, utente, path)["numero"]
    answer = _upload(client, utente, numero, *upload)
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 415
    assert code in {v["code"] for v in answer.json()["violations"]}


@pytest.mark.parametrize(
    "nome", ["..\\..\\C:\\temp\\reclamo.pdf", "../../etc/passwd.pdf", "a/b.pdf", "C:\\b.pdf"]
)
def test_names_with_a_path_are_refused(
    client: httpx.Client, utente: dict[str, str], nome: str
) -> None:
    """A name holding a path separator is refused with 422, never cut to its last component."""
    numero = open_case(client, utente)["numero"]
    answer = _upload(client, utente, numero, nome, PDF)
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 422, answer.text
    assert [v["code"] for v in answer.json()["violations"]] == ["attachments.name_separator"]
    listed = client.get(f"/v1/pratiche/{numero}/allegati", headers=utente).json()
    assert listed["items"] == []


def test_plain_names_are_kept_in_nfc(client: httpx.Client, utente: dict[str, str]) -> None:
    """A plain name is kept, normalised to NFC and trimmed."""
    numero = open_case(client, utente)["numero"]
    answer = _upload(client, utente, numero, " cafe\u0301.pdf ", PDF)
    assert answer.status_code == 201, answer.text
    assert answer.json()["nome"] == "caf\u00e9.pdf"


def test_empty_file_and_missing_name(client: httpx.Client, utente: dict[str, str]) -> None:
    """An empty document is a 422; an upload without ?nome= is a 400."""
    numero = open_case(client, utente)["numero"]
    empty = _upload(client, utente, numero, "vuoto.pdf", b"")
    assert empty.status_code == 422
    assert empty.json()["violations"][0]["code"] == "attachments.empty"
    nameless = client.post(
        f"/v1/pratiche/{numero}/allegati", content=PDF, headers={**utente, **OCTET}
    )
    conforms(nameless, "post", TEMPLATE)
    assert nameless.status_code == 400


def test_upload_needs_octet_stream(client: httpx.Client, utente: dict[str, str]) -> None:
    """A JSON or multipart body is refused with 415."""
    numero = open_case(client, utente)["numero"]
    answer = client.post(
        f"/v1/pratiche/{numero}/allegati?nome=a.pdf", json={"a": 1}, headers=utente
    )
    assert answer.status_code == 415


def test_upload_idempotency_key_stores_one_attachment(
    client: httpx.Client, utente: dict[str, str]
) -> None:
    """The same upload sent twice with one Idempotency-Key lists one attachment."""
    numero = open_case(client, utente)["numero"]
    headers = {**utente, "Idempotency-Key": "upload-1"}
    first = _upload(client, headers, numero, "reclamo.pdf", PDF)
    second = _upload(client, headers, numero, "reclamo.pdf", PDF)
    assert second.content == first.content
    assert len(client.get(f"/v1/pratiche/{numero}/allegati", headers=utente).json()["items"]) == 1


def _office(entries: dict[str, bytes]) -> bytes:
    """A deflated zip holding ``entries``, as an office document is."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_a_real_docx_is_stored(client: httpx.Client, utente: dict[str, str]) -> None:
    """AT-4: an ordinary .docx (OOXML parts, mild compression) passes the archive check."""
    numero = open_case(client, utente, "conciliazione")["numero"]
    docx = _office(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b"<w:document>" + b"<w:p>reclamo</w:p>" * 200 + b"</w:document>",
        }
    )
    answer = _upload(client, utente, numero, "reclamo.docx", docx)
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize(
    ("nome", "body", "code"),
    [
        (
            "bomba.docx",
            _office({"[Content_Types].xml": bytes(20 * MB)}),
            "attachments.archive_bomb",
        ),
        ("bomba.odt", _office({"mimetype": bytes(5 * MB)}), "attachments.archive_bomb"),
        (
            "rotto.xlsx",
            _office({"[Content_Types].xml": b"<Types/>"})[:-10],
            "attachments.archive_invalid",
        ),
    ],
    ids=["ooxml-bomb", "odf-bomb", "truncated"],
)
def test_archive_bombs_and_broken_archives_are_415(
    client: httpx.Client, utente: dict[str, str], nome: str, body: bytes, code: str
) -> None:
    """AT-4: a zip bomb or an unreadable archive under an office name is a 415, nothing kept."""
    numero = open_case(client, utente, "conciliazione")["numero"]
    answer = _upload(client, utente, numero, nome, body)
    conforms(answer, "post", TEMPLATE)
    assert answer.status_code == 415, answer.text
    assert code in {v["code"] for v in answer.json()["violations"]}
    listed = client.get(f"/v1/pratiche/{numero}/allegati", headers=utente).json()
    assert listed["items"] == []


def test_at1_limits_are_checked_again_at_commit(
    client: httpx.Client, server: SandboxServer, utente: dict[str, str]
) -> None:
    """AT-1: an upload that began on an empty case is refused if 5 others committed meanwhile."""
    numero = open_case(client, utente, "smart-help")["numero"]
    release = threading.Event()
    answers: list[httpx.Response] = []

    def slow_body() -> Iterator[bytes]:
        yield PDF
        release.wait(timeout=60)
        yield b"0" * 100

    def slow_upload() -> None:
        with httpx.Client(base_url=server.url, timeout=120) as http:
            answers.append(_upload(http, utente, numero, "lento.pdf", slow_body()))

    thread = threading.Thread(target=slow_upload)
    thread.start()
    tmp = server.sandbox.tmp_dir
    deadline = time.monotonic() + 60  # a hang guard only: the file appears at once
    while not list(tmp.glob("*.part")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert list(tmp.glob("*.part")), "the slow upload is being received (its limits were read)"
    for i in range(5):
        assert _upload(client, utente, numero, f"doc{i}.pdf", PDF).status_code == 201
    release.set()
    thread.join(timeout=120)
    (answer,) = answers
    assert answer.status_code == 413, answer.text
    violation = answer.json()["violations"][0]
    assert (violation["code"], violation["rule"], violation["path"]) == (
        "attachments.too_many",
        "AT-1",
        "allegati",
    )
    listed = client.get(f"/v1/pratiche/{numero}/allegati", headers=utente).json()["items"]
    assert sorted(a["nome"] for a in listed) == [f"doc{i}.pdf" for i in range(5)]
    assert len([p for p in _files(server) if p.parent.name == "allegati"]) == 5


def test_startup_deletes_files_no_row_lists(tmp_path: Path) -> None:
    """A file in allegati/ without its row (a kill between rename and commit) goes at startup."""
    db = tmp_path / "s.sqlite3"
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as first:
        with httpx.Client(base_url=first.url, timeout=30) as http:
            headers = login(http)
            numero = open_case(http, headers)["numero"]
            kept = _upload(http, headers, numero, "reclamo.pdf", PDF).json()["id"]
        files = first.sandbox.files_dir
    (files / "0123456789abcdef01234567").write_bytes(b"%PDF-1.4 orphan")
    with SandboxServer(db_path=db, settings=Settings.for_tests()) as second:
        assert second.sandbox.files_dir == files
        assert [p.name for p in files.iterdir()] == [kept]
