"""Cases end to end: local validation, pagination, streamed uploads and downloads."""

import contextlib
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import attrs
import httpx
import pytest

from sportello import ValidationError, forms
from sportello.client import Client, NotFound
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import ESEMPI, ESEMPIO_PASSWORD, esempio

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class CountingReader(io.BytesIO):
    """A binary file that records the size of every read asked of it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads: list[int] = []

    def read(self, size: int | None = -1, /) -> bytes:
        """Read as BytesIO does, recording the size asked for."""
        self.reads.append(-1 if size is None else size)
        return super().read(size)


@contextlib.contextmanager
def _recording_client(sandbox: Sandbox, seen: list[httpx.Request]) -> Iterator[Client]:
    """A client over an injected httpx.Client that records every request it sends."""
    with (
        httpx.Client(event_hooks={"request": [seen.append]}) as http,
        Client(base_url=sandbox.url, http_client=http) as client,
    ):
        yield client


def _login(sandbox: Sandbox, client: Client, username: str = "mario.rossi") -> None:
    """Register ``username`` with the example form, activate it and log ``client`` in."""
    client.auth.register(esempio("RegistrazioneSportello", username=username))
    client.auth.activate(sandbox.activation_code(username))
    client.auth.login(username, ESEMPIO_PASSWORD)


def test_bad_form_raises_without_any_request(sportello_sandbox: Sandbox) -> None:
    """A form with errors raises ValidationError listing every violation; nothing is sent."""
    seen: list[httpx.Request] = []
    with _recording_client(sportello_sandbox, seen) as client:
        _login(sportello_sandbox, client)
        before = len(seen)
        bad = attrs.evolve(
            esempio("DomandaConciliazione"), descrizione="x" * 2600, richieste_cliente=""
        )
        with pytest.raises(ValidationError) as caught:
            client.pratiche.submit(bad)
    assert {v.path for v in caught.value.violations} >= {"descrizione"}
    assert len(seen) == before


def test_submit_each_kind_and_get(utente: Client) -> None:
    """Conciliation, SMART Help, information request and report open cases of their kind."""
    informazioni = forms.load(
        forms.RichiestaInformazioni,
        {
            "cliente": ESEMPI["RichiestaSmartHelp"]["cliente"],
            "argomento": "Bolletta",
            "descrizione": "Domanda.",
        },
    )
    segnalazione = forms.load(
        forms.Segnalazione,
        {
            "cliente": ESEMPI["RichiestaSmartHelp"]["cliente"],
            "argomento": "Portale",
            "descrizione": "Anomalia.",
        },
    )
    kinds = [
        utente.pratiche.submit(form).tipo
        for form in (
            esempio("DomandaConciliazione"),
            esempio("RichiestaSmartHelp"),
            informazioni,
            segnalazione,
        )
    ]
    assert kinds == ["conciliazione", "smart_help", "informazioni", "segnalazione"]
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    assert utente.pratiche.get(pratica.numero) == pratica
    assert pratica.numero.startswith("CONC")  # CP-11: the numero pratica at once


def test_submit_refuses_what_is_not_a_case_form(utente: Client) -> None:
    """submit() takes only the four case forms."""
    with pytest.raises(TypeError, match="DomandaConciliazione"):
        utente.pratiche.submit(esempio("RegistrazioneSportello"))


def test_list_walks_every_page_lazily(sportello_sandbox: Sandbox) -> None:
    """list() yields every case over several pages, fetching a page only when needed."""
    seen: list[httpx.Request] = []
    with _recording_client(sportello_sandbox, seen) as client:
        _login(sportello_sandbox, client)
        created = {client.pratiche.submit(esempio("RichiestaSmartHelp")).numero for _ in range(5)}
        seen.clear()
        first = next(iter(client.pratiche.list(page_size=2)))
        assert first.numero in created
        assert len(seen) == 1
        seen.clear()
        listed = [p.numero for p in client.pratiche.list(page_size=2)]
        assert len(seen) == 3
    assert sorted(listed) == sorted(created)
    assert len(set(listed)) == 5


def test_upload_streams_paths_and_files_and_downloads_back(utente: Client, tmp_path: Path) -> None:
    """Uploads are read in bounded chunks, flagged as required (CO-6), and download intact."""
    # rule: CO-6
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    big = tmp_path / "reclamo.pdf"
    big.write_bytes(PDF + bytes(range(256)) * 4096)  # about 1 MB
    reader = CountingReader(PDF + b"risposta" * 1000)
    allegati = utente.pratiche.upload(
        pratica.numero, [big, ("risposta.pdf", reader)], obbligatorio=True
    )
    assert [a.nome for a in allegati] == ["reclamo.pdf", "risposta.pdf"]
    assert all(a.obbligatorio for a in allegati)
    assert allegati[0].dimensione == big.stat().st_size
    assert allegati[0].sha256 == hashlib.sha256(big.read_bytes()).hexdigest()
    assert max(reader.reads) <= 64 * 1024
    copy = tmp_path / "copia.pdf"
    written = utente.pratiche.download(pratica.numero, allegati[0].id, copy)
    assert written == big.stat().st_size
    assert copy.read_bytes() == big.read_bytes()
    assert {a.id for a in utente.pratiche.allegati(pratica.numero)} == {a.id for a in allegati}


def test_large_file_is_sent_in_chunks(utente: Client) -> None:
    """A 3 MB file object is read 64 kB at a time, never whole."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    reader = CountingReader(PDF + bytes(3_000_000))
    (allegato,) = utente.pratiche.upload(pratica.numero, ("grande.pdf", reader))
    assert allegato.dimensione == len(reader.getvalue())
    assert max(reader.reads) <= 64 * 1024
    assert len(reader.reads) > 40


@pytest.mark.parametrize(
    ("names", "code", "rule"),
    [
        (["a.pdf"] * 6, "attachments.too_many", "AT-1"),
        (["nota.txt"], "attachments.extension_not_allowed", "AT-2"),
    ],
)
def test_smart_help_upload_refused_locally(
    sportello_sandbox: Sandbox, names: list[str], code: str, rule: str
) -> None:
    """A SMART Help send over 5 files (AT-1) or of a .txt (AT-2) is refused before sending."""
    seen: list[httpx.Request] = []
    with _recording_client(sportello_sandbox, seen) as client:
        _login(sportello_sandbox, client)
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        seen.clear()
        files = [(name, io.BytesIO(PDF if name.endswith(".pdf") else b"testo")) for name in names]
        with pytest.raises(ValidationError) as caught:
            client.pratiche.upload(pratica.numero, files, tipo="smart_help")
    assert (code, rule) in {(v.code, v.rule) for v in caught.value.violations}
    assert seen == []


def test_conciliation_upload_refused_locally(utente: Client, tmp_path: Path) -> None:
    """Conciliation refuses an .exe (AT-4) and a file over 15 MB (AT-3), with Italian text."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    exe = tmp_path / "programma.exe"
    exe.write_bytes(b"MZ\x90\x00" + bytes(100))
    huge = tmp_path / "enorme.pdf"
    with huge.open("wb") as f:
        f.write(PDF)
        f.truncate(15_000_001)
    with pytest.raises(ValidationError) as caught:
        utente.pratiche.upload(pratica.numero, [exe, huge])
    rules = {v.rule for v in caught.value.violations}
    assert {"AT-3", "AT-4"} <= rules
    assert any("non è consentita" in line for line in caught.value.messages())
    assert utente.pratiche.allegati(pratica.numero) == ()


def test_documents_and_notifications(sportello_sandbox: Sandbox, utente: Client) -> None:
    """A document added on the case shows in documenti and is announced in notifiche (NT-2)."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    sportello_sandbox.evento(pratica.numero, "nuovo_documento", titolo="Richiesta integrazione")
    documenti = utente.pratiche.documenti(pratica.numero)
    assert [d.titolo for d in documenti] == ["Richiesta integrazione"]
    notifiche = utente.pratiche.notifiche(pratica.numero)
    assert "nuovo_documento" in {n.evento for n in notifiche}
    assert all(n.destinatario == "mario.rossi@example.it" for n in notifiche)


def test_another_users_case_is_not_found(sportello_sandbox: Sandbox, utente: Client) -> None:
    """A consumer cannot read another consumer's case: it answers 404, revealing nothing."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    with sportello_sandbox.client() as other:
        _login(sportello_sandbox, other, "giulia.bianchi")
        with pytest.raises(NotFound) as caught:
            other.pratiche.get(pratica.numero)
        assert list(other.pratiche.list()) == []
    assert caught.value.request_id


def test_error_text_in_the_clients_language(utente: Client) -> None:
    """str(NotFound) is Italian for lang="it" and English for lang="en", title and message."""
    numero = "SPCEN000000000001"
    with pytest.raises(NotFound) as italian:
        utente.pratiche.get(numero)
    with pytest.raises(NotFound) as english:
        utente.with_options(lang="en").pratiche.get(numero)
    rid_it, rid_en = italian.value.request_id, english.value.request_id
    assert str(italian.value) == (
        f"404 Non trovato [richiesta {rid_it}]: La risorsa richiesta non esiste."
    )
    assert str(english.value) == (
        f"404 Not found [request {rid_en}]: The requested resource does not exist."
    )


@pytest.mark.anyio
async def test_async_pagination_and_upload(sportello_sandbox: Sandbox, tmp_path: Path) -> None:
    """The async client pages through every case and streams an upload from a path."""
    path = tmp_path / "bolletta.pdf"
    path.write_bytes(PDF + bytes(200_000))
    async with sportello_sandbox.async_client() as client:
        await client.auth.register(esempio("RegistrazioneSportello"))
        await client.auth.activate(sportello_sandbox.activation_code("mario.rossi"))
        await client.auth.login("mario.rossi", ESEMPIO_PASSWORD)
        numeri = {
            (await client.pratiche.submit(esempio("RichiestaSmartHelp"))).numero for _ in range(3)
        }
        listed = [p.numero async for p in client.pratiche.list(page_size=2)]
        (allegato,) = await client.pratiche.upload(listed[0], path)
        out = io.BytesIO()
        await client.pratiche.download(listed[0], allegato.id, out)
    assert set(listed) == numeri
    assert out.getvalue() == path.read_bytes()


def test_dropped_upload_is_stored_once(
    sportello_sandbox: Sandbox, utente: Client, tmp_path: Path
) -> None:
    """An upload whose answer is lost is replayed from the file with its key: one attachment."""
    pratica = utente.pratiche.submit(esempio("DomandaConciliazione"))
    path = tmp_path / "reclamo.pdf"
    path.write_bytes(PDF + bytes(300_000))
    sportello_sandbox.faults("drop")
    (allegato,) = utente.pratiche.upload(pratica.numero, path, tipo="conciliazione")
    stored = utente.pratiche.allegati(pratica.numero)
    assert [a.id for a in stored] == [allegato.id]
    assert stored[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
