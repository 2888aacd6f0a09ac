"""The client reads a case's timeline and downloads its documents, sync and async."""

import asyncio
import io
from pathlib import Path

import pytest

from sportello.client import Evento, NotFound
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import esempio


def test_timeline_and_document_download(sportello_sandbox: Sandbox, tmp_path: Path) -> None:
    """eventi() lists the case's events in order; download_documento() writes the PDF."""
    with sportello_sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        sportello_sandbox.evento(pratica.numero, "richiesta_integrazione")
        eventi = client.pratiche.eventi(pratica.numero)
        assert all(isinstance(e, Evento) for e in eventi)
        assert [e.tipo for e in eventi] == [
            "pratica_inviata",
            "documento_aggiunto",
            "notifica_inviata",
        ]
        assert [e.quando for e in eventi] == sorted(e.quando for e in eventi)
        (documento,) = client.pratiche.documenti(pratica.numero)
        assert documento.media_type == "application/pdf"
        dest = tmp_path / documento.nome
        size = client.pratiche.download_documento(pratica.numero, documento.id, dest)
        assert size == documento.dimensione == dest.stat().st_size
        assert dest.read_bytes().startswith(b"%PDF-1.4")
        with pytest.raises(NotFound):
            client.pratiche.download_documento(pratica.numero, "nessuno", io.BytesIO())


def test_async_timeline_and_document_download(sportello_sandbox: Sandbox) -> None:
    """The async client reads the same timeline and streams the same document."""
    with sportello_sandbox.registered_client() as sync:
        pratica = sync.pratiche.submit(esempio("DomandaConciliazione"))
        token = sync.token()
    sportello_sandbox.evento(pratica.numero, "nuovo_documento", titolo="Verbale")

    async def run() -> tuple[tuple[Evento, ...], bytes]:
        async with sportello_sandbox.async_client(token=token) as client:
            eventi = await client.pratiche.eventi(pratica.numero)
            (documento,) = await client.pratiche.documenti(pratica.numero)
            buffer = io.BytesIO()
            await client.pratiche.download_documento(pratica.numero, documento.id, buffer)
            return eventi, buffer.getvalue()

    eventi, data = asyncio.run(run())
    assert eventi[0].tipo == "pratica_inviata"
    assert eventi[-2].tipo == "documento_aggiunto"
    assert data.startswith(b"%PDF-1.4")
    assert b"Verbale" in data
