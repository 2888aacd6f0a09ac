"""Following cases: list filters, the change feed exactly once, idempotent uploads, e-mail text."""

import asyncio
import datetime as dt
import hashlib
import io
import uuid
from pathlib import Path

import httpx
import pytest

from sportello.client import BadRequest, Client, PaginaEventi, upload_key
from sportello.testing._plugin import Sandbox
from sportello.testing.strategies import esempio

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _clock(sandbox: Sandbox, body: dict[str, object]) -> None:
    answer = httpx.post(
        f"{sandbox.url}/_sandbox/clock",
        json=body,
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    answer.raise_for_status()


def _drain(client: Client, since: str | None) -> tuple[list[str], str]:
    ids: list[str] = []
    while True:
        page = client.pratiche.changes(since, limit=3)
        ids.extend(e.id for e in page.items)
        since = page.next_cursor
        if not page.has_more:
            return ids, since


def test_list_filters_by_state_and_kind(sportello_sandbox: Sandbox) -> None:
    """stato and tipo keep only the cases with one of the values given, one or several."""
    with sportello_sandbox.registered_client() as client:
        smart = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        info = client.pratiche.submit(esempio("RichiestaInformazioni"))
        sportello_sandbox.evento(smart.numero, "nuovo_documento", stato="in_lavorazione")
        assert [p.numero for p in client.pratiche.list(stato="in_lavorazione")] == [smart.numero]
        assert [p.numero for p in client.pratiche.list(stato="inviata")] == [info.numero]
        both = client.pratiche.list(stato=["inviata", "in_lavorazione"], page_size=1)
        assert [p.numero for p in both] == [info.numero, smart.numero]
        assert [p.numero for p in client.pratiche.list(tipo="smart_help")] == [smart.numero]
        assert list(client.pratiche.list(tipo="conciliazione")) == []
        assert list(client.pratiche.list(stato="risolta", tipo="smart_help")) == []


def test_list_filter_by_update_time_is_inclusive(sportello_sandbox: Sandbox) -> None:
    """aggiornata_dal keeps cases updated at that very second or later, and no earlier one."""
    _clock(sportello_sandbox, {"freeze": "2026-11-02T10:00:00+01:00"})
    with sportello_sandbox.registered_client() as client:
        prima = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        _clock(sportello_sandbox, {"advance": {"seconds": 10}})
        dopo = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        quando = dopo.aggiornata_il
        assert quando - prima.aggiornata_il == dt.timedelta(seconds=10)
        assert [p.numero for p in client.pratiche.list(aggiornata_dal=quando)] == [dopo.numero]
        later = quando + dt.timedelta(seconds=1)
        assert list(client.pratiche.list(aggiornata_dal=later)) == []
        just_before = quando - dt.timedelta(microseconds=1)
        assert len(list(client.pratiche.list(aggiornata_dal=just_before))) == 1  # rounds up
        rome = quando.astimezone(dt.timezone(dt.timedelta(hours=1)))
        assert [p.numero for p in client.pratiche.list(aggiornata_dal=rome)] == [dopo.numero]
        earlier = prima.aggiornata_il
        assert len(list(client.pratiche.list(aggiornata_dal=earlier))) == 2
        with pytest.raises(ValueError, match="time zone"):
            list(client.pratiche.list(aggiornata_dal=dt.datetime(2026, 11, 2)))


def test_bad_filters_are_400_on_their_name(sportello_sandbox: Sandbox) -> None:
    """An unknown state or kind, a naive date-time, over 20 values: 400 naming the parameter."""
    with sportello_sandbox.registered_client() as client:
        token = client.token()
    headers = {"Authorization": f"Bearer {token}"}
    for query, name in (
        ("stato=chiusa", "stato"),
        ("tipo=bonus", "tipo"),
        ("aggiornata_dal=2026-11-02T10:00:00", "aggiornata_dal"),
        ("aggiornata_dal=ieri", "aggiornata_dal"),
        ("&".join(["stato=inviata"] * 21), "stato"),
    ):
        answer = httpx.get(f"{sportello_sandbox.url}/v1/pratiche?{query}", headers=headers)
        assert answer.status_code == 400, query
        assert answer.json()["violations"][0]["path"] == name
    twenty = "&".join(["stato=inviata"] * 20)
    assert httpx.get(f"{sportello_sandbox.url}/v1/pratiche?{twenty}", headers=headers).is_success


def test_change_feed_gives_every_event_once_across_restarts(sportello_sandbox: Sandbox) -> None:
    """Pages of 3 from a kept cursor, a new client in between: each event once, in order."""
    with sportello_sandbox.registered_client() as client:
        a = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        b = client.pratiche.submit(esempio("DomandaConciliazione"))
        first, cursor = _drain(client, None)
        token = client.token()
    sportello_sandbox.evento(a.numero, "nuovo_documento", stato="in_lavorazione")
    with Client(base_url=sportello_sandbox.url, token=token) as again:  # "after a restart"
        again.pratiche.upload(b.numero, ("reclamo.pdf", io.BytesIO(PDF)), tipo=b.tipo)
        second, cursor = _drain(again, cursor)
        empty = again.pratiche.changes(cursor)
        every = [e.id for n in (a.numero, b.numero) for e in again.pratiche.eventi(n)]
    assert len(first) == 4  # two cases, each submitted and notified
    assert set(first).isdisjoint(second)
    assert sorted(first + second) == sorted(every)
    assert len(first + second) == len(set(first + second))
    assert empty.items == ()
    assert empty.has_more is False
    assert empty.next_cursor == cursor  # an empty page keeps the position


def test_change_feed_pages_report_has_more_exactly(sportello_sandbox: Sandbox) -> None:
    """has_more is true while a page is full and more wait, false on the page that ends it."""
    with sportello_sandbox.registered_client() as client:
        client.pratiche.submit(esempio("RichiestaSmartHelp"))  # one event (AT-6: no e-mail yet)
        full = client.pratiche.changes(limit=1)
        assert isinstance(full, PaginaEventi)
        assert (len(full.items), full.has_more) == (1, False)
        client.pratiche.submit(esempio("DomandaConciliazione"))  # three (CP-11: the receipt)
        two = client.pratiche.changes(full.next_cursor, limit=2)
        assert (len(two.items), two.has_more) == (2, True)
        rest = client.pratiche.changes(two.next_cursor, limit=2)
        assert (len(rest.items), rest.has_more) == (1, False)
        assert [e.tipo for e in (*two.items, *rest.items)] == [
            "pratica_inviata",
            "passo_procedura",
            "notifica_inviata",
        ]


def test_change_feed_is_per_account_and_cursors_cannot_be_forged(
    sportello_sandbox: Sandbox,
) -> None:
    """Another account sees none of the events; its, a tampered or garbled cursor is a 400."""
    with sportello_sandbox.registered_client() as mario:
        mario.pratiche.submit(esempio("RichiestaSmartHelp"))
        page = mario.pratiche.changes()
        assert len(page.items) == 1
        with sportello_sandbox.registered_client("anna.verdi") as anna:
            start = anna.pratiche.changes()
            assert start.items == ()
            for bad in (page.next_cursor, page.next_cursor[:-2] + "AA", "p1", "A" * 201):
                with pytest.raises(BadRequest) as err:
                    anna.pratiche.changes(bad)
                assert err.value.violations[0].path == "since", bad
            with pytest.raises(BadRequest):
                mario.pratiche.changes(start.next_cursor)  # anna's start is not mario's


def test_async_changes_and_filters(sportello_sandbox: Sandbox) -> None:
    """The async client reads the same feed and filters the same way."""
    with sportello_sandbox.registered_client() as sync:
        pratica = sync.pratiche.submit(esempio("RichiestaSmartHelp"))
        token = sync.token()

    async def run() -> tuple[PaginaEventi, list[str]]:
        async with sportello_sandbox.async_client(token=token) as client:
            page = await client.pratiche.changes(limit=10)
            found = [p.numero async for p in client.pratiche.list(tipo=["smart_help"])]
            return page, found

    page, found = asyncio.run(run())
    assert [e.numero for e in page.items] == [pratica.numero]
    assert found == [pratica.numero]


def test_upload_key_from_content_never_makes_a_second_attachment(
    sportello_sandbox: Sandbox, tmp_path: Path
) -> None:
    """The same file to the same case again, even after a lost answer: one attachment."""
    path = tmp_path / "reclamo.pdf"
    path.write_bytes(PDF)
    with sportello_sandbox.registered_client(backoff_base=0.01) as client:
        pratica = client.pratiche.submit(esempio("DomandaConciliazione"))
        sportello_sandbox.faults("drop")  # the first upload commits, its answer is lost
        (first,) = client.pratiche.upload(pratica.numero, path, key_from_content=True)
        (again,) = client.pratiche.upload(pratica.numero, path, key_from_content=True)
        assert again == first
        (other,) = client.pratiche.upload(
            pratica.numero, ("copia.pdf", io.BytesIO(PDF)), key_from_content=True
        )
        assert other.id != first.id  # another name is another attachment
        assert [a.id for a in client.pratiche.allegati(pratica.numero)] == [first.id, other.id]
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()


def test_upload_without_keys_still_makes_one_attachment_per_call(
    sportello_sandbox: Sandbox,
) -> None:
    """Without keys each call is a new attachment, but a retried one is still one (random key)."""
    with sportello_sandbox.registered_client(backoff_base=0.01) as client:
        pratica = client.pratiche.submit(esempio("DomandaConciliazione"))
        sportello_sandbox.faults("drop")
        client.pratiche.upload(pratica.numero, ("a.pdf", io.BytesIO(PDF)))
        client.pratiche.upload(pratica.numero, ("a.pdf", io.BytesIO(PDF)))
        assert len(client.pratiche.allegati(pratica.numero)) == 2


def test_upload_with_the_callers_keys(sportello_sandbox: Sandbox) -> None:
    """Caller keys, one per file, replay; the count must match, and not with content keys."""
    with sportello_sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("DomandaConciliazione"))

        def files() -> list[tuple[str, io.BytesIO]]:
            return [("a.pdf", io.BytesIO(PDF)), ("b.pdf", io.BytesIO(PDF))]

        keys = [str(uuid.uuid4()), str(uuid.uuid4())]
        first = client.pratiche.upload(pratica.numero, files(), idempotency_key=keys)
        second = client.pratiche.upload(pratica.numero, files(), idempotency_key=keys)
        assert first == second
        (single,) = client.pratiche.upload(
            pratica.numero, ("c.pdf", io.BytesIO(PDF)), idempotency_key="mia-chiave-1"
        )
        assert single.nome == "c.pdf"
        with pytest.raises(TypeError, match="1 idempotency key"):
            client.pratiche.upload(pratica.numero, files(), idempotency_key="una")
        with pytest.raises(TypeError, match="not both"):
            client.pratiche.upload(
                pratica.numero, files(), idempotency_key=keys, key_from_content=True
            )
        assert len(client.pratiche.allegati(pratica.numero)) == 3


def test_upload_key_formula_is_the_documented_one() -> None:
    """upload_key is the prefix plus SHA-256 over the version, case, name and digest."""
    digest = hashlib.sha256(PDF).hexdigest()
    expected = hashlib.sha256(
        b"sportello-allegato-v1\0SPCEN000000000001\0r.pdf\0" + digest.encode() + b"\0"
    ).hexdigest()
    assert upload_key("SPCEN000000000001", "r.pdf", digest) == f"sportello-allegato-v1-{expected}"
    assert upload_key("SPCEN000000000001", "r.pdf", digest.upper()) == upload_key(
        "SPCEN000000000001", "r.pdf", digest
    )
    assert upload_key("SPCEN000000000002", "r.pdf", digest) != upload_key(
        "SPCEN000000000001", "r.pdf", digest
    )


def test_content_key_needs_a_file_that_can_seek(sportello_sandbox: Sandbox) -> None:
    """A pipe cannot be hashed before sending: TypeError, and nothing is sent."""

    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, _: bytearray) -> int:  # type: ignore[override]
            return 0

    with sportello_sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("RichiestaSmartHelp"))
        with pytest.raises(TypeError, match="cannot seek"):
            client.pratiche.upload(
                pratica.numero, ("x.pdf", Pipe()), tipo=pratica.tipo, key_from_content=True
            )
        assert client.pratiche.allegati(pratica.numero) == ()


def test_notifications_carry_their_body(sportello_sandbox: Sandbox) -> None:
    """notifiche() shows each e-mail's text as the outbox has it (NT-2, CP-11's receipt)."""
    with sportello_sandbox.registered_client() as client:
        pratica = client.pratiche.submit(esempio("DomandaConciliazione"))
        sportello_sandbox.evento(pratica.numero, "richiesta_integrazione")
        notifiche = client.pratiche.notifiche(pratica.numero)
    sent = {m["oggetto"]: m["corpo"] for m in sportello_sandbox.outbox()}
    assert len(notifiche) == 2
    for n in notifiche:
        assert n.corpo
        assert n.corpo == sent[n.oggetto]
        assert pratica.numero in n.corpo
        assert n.corpo not in repr(n)
