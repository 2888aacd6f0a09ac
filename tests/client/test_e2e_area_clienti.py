"""The customer area end to end on the demo customer 000002 (UP, RD, EB rules)."""

import datetime as dt
import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from sportello import ValidationError, forms
from sportello.client import AsyncClient, Client, Conflict, UnprocessableError
from sportello.testing._plugin import Sandbox

CODICE = "000002"


def _register(client: Client, sandbox: Sandbox) -> str:
    """Register the demo customer (UP-1) and return the e-mailed first-access password."""
    riepilogo = client.area_clienti.register(
        forms.load(
            forms.RegistrazioneAreaClienti,
            {"codice_cliente": CODICE, "codice_fiscale": "00743110157", "email": "a@prova.it"},
        )
    )
    assert riepilogo.denominazione == "PROVA S.P.A."
    mail = sandbox.mail_to("a@prova.it", "Credenziali di accesso al portale clienti")
    password: str = mail["dati"]["password"]
    return password


@pytest.fixture
def cliente(sportello_demo_sandbox: Sandbox) -> Iterator[Client]:
    """A client logged in to the customer area as the demo customer."""
    with sportello_demo_sandbox.client() as client:
        client.area_clienti.login(CODICE, _register(client, sportello_demo_sandbox))
        yield client


def _lettura(punto: str, contatore: str, correttore: int | None = None) -> object:
    doc: dict[str, object] = {
        "punto": punto,
        "data": dt.datetime.now(ZoneInfo("Europe/Rome")).date().isoformat(),
        "lettura_contatore": contatore,
    }
    if correttore is not None:
        doc["lettura_correttore"] = correttore
    return forms.load(forms.Autolettura, doc)


def test_login_with_customer_code(cliente: Client) -> None:
    """The login user is the six-digit customer code (UP-3); points show POD or PDR (UP-4)."""
    # rule: UP-3
    punti = {p.codice: p for p in cliente.area_clienti.punti_fornitura()}
    assert punti["PR002873"].pod == "IT001E12345678"
    assert punti["PR002874"].pdr == "03340009749021"
    assert punti["PR002874"].correttore


def test_one_reading_per_day(cliente: Client) -> None:
    """A second reading on the same day is refused with RD-3; the first can be deleted (RD-4)."""
    # rule: RD-3
    nuova = cliente.area_clienti.add_autolettura("PR002874", _lettura("PR002874", "46.500", 2))
    assert nuova.stato == "da_acquisire"
    assert nuova.cancellabile
    with pytest.raises(UnprocessableError) as caught:
        cliente.area_clienti.add_autolettura("PR002874", _lettura("PR002874", "46.600", 2))
    assert "RD-3" in caught.value.rules
    assert "una sola lettura al giorno" in caught.value.messages("it")[0]
    cliente.area_clienti.delete_autolettura("PR002874", nuova.id)
    assert [a.id for a in cliente.area_clienti.autoletture("PR002874").items] == ["seed-1"]


def test_acquired_reading_cannot_be_deleted(
    sportello_demo_sandbox: Sandbox, cliente: Client
) -> None:
    """Once acquired (RD-5) a reading is no longer deletable: Conflict."""
    nuova = cliente.area_clienti.add_autolettura("PR002874", _lettura("PR002874", "47.000", 3))
    assert sportello_demo_sandbox.acquire_readings() >= 1
    letture = {a.id: a for a in cliente.area_clienti.autoletture("PR002874").items}
    assert letture[nuova.id].stato == "acquisita"
    with pytest.raises(Conflict):
        cliente.area_clienti.delete_autolettura("PR002874", nuova.id)


def test_invoices_and_pdf_download(cliente: Client, tmp_path: object) -> None:
    """Invoices are listed from 2014 (UP-5) and only those with a PDF download."""
    fatture = cliente.area_clienti.fatture()
    assert min(f.data_emissione.year for f in fatture) >= 2014
    con_pdf = next(f for f in fatture if f.pdf)
    out = io.BytesIO()
    written = cliente.area_clienti.download_fattura(con_pdf.numero, out)
    assert written == len(out.getvalue()) > len(b"%PDF-1.4")  # the count is what was written
    assert out.getvalue().startswith(b"%PDF")


def test_profile_and_delivery_mode(cliente: Client, sportello_demo_sandbox: Sandbox) -> None:
    """Only telefono/fax/email change (UP-6), a new e-mail with the password; e-bill needs direct
    debit (EB-1).
    """
    with pytest.raises(UnprocessableError) as caught:
        cliente.area_clienti.update_anagrafica(
            forms.load(forms.AggiornamentoAnagrafica, {"email": "n@prova.it"})
        )
    assert caught.value.codes == ("auth.current_password_required",)
    password = sportello_demo_sandbox.outbox()[-1]["dati"]["password"]
    aggiornata = cliente.area_clienti.update_anagrafica(
        forms.load(
            forms.AggiornamentoAnagrafica,
            {"telefono": "+39 333 1234567", "email": "n@prova.it", "password_attuale": password},
        )
    )
    assert aggiornata.email == "n@prova.it"
    assert "00743110157" not in repr(aggiornata)
    contratti = {c.codice: c for c in cliente.area_clienti.contratti()}
    assert contratti["CE-0001"].domiciliazione_bancaria
    modo = cliente.area_clienti.set_modalita_invio(
        "CE-0001",
        forms.load(
            forms.ModalitaInvioBolletta, {"contratto": "CE-0001", "modalita": "elettronica"}
        ),
    )
    assert modo.modalita == "elettronica"
    assert cliente.area_clienti.modalita_invio("CE-0001") == modo
    with pytest.raises(ValidationError):
        cliente.area_clienti.set_modalita_invio(
            "CG-0002",
            forms.load(
                forms.ModalitaInvioBolletta, {"contratto": "CG-0002", "modalita": "elettronica"}
            ),
        )


def test_consumption_data_and_read_only_pages(cliente: Client) -> None:
    """Withdrawals (UP-7), measurements and their CSV (UP-8), data, documents, tickets (UP-9)."""
    prelievi = cliente.area_clienti.prelievi(anno=2014, punto="PR002873")
    assert len(prelievi.items) == 12
    misure = cliente.area_clienti.misure(
        dal=dt.date(2014, 6, 1), al=dt.date(2014, 6, 1), punto="PR002873"
    )
    assert misure.items
    csv = io.BytesIO()
    cliente.area_clienti.download_misure(
        dal=dt.date(2014, 6, 1), al=dt.date(2014, 6, 1), punto="PR002873", dest=csv
    )
    assert csv.getvalue().count(b"\n") > len(misure.items) // 2
    assert cliente.area_clienti.dati_tecnici()
    assert cliente.area_clienti.dati_contrattuali()
    assert cliente.area_clienti.documenti()[0].titolo == "Condizioni generali di fornitura"
    assert cliente.area_clienti.ticket()[0].id == "T-0001"


@pytest.mark.anyio
async def test_async_customer_area(sportello_demo_sandbox: Sandbox) -> None:
    """The async client covers the customer area: login by code (UP-3), readings, data."""
    # rule: UP-3
    with sportello_demo_sandbox.client() as sync:
        password = _register(sync, sportello_demo_sandbox)
    async with AsyncClient(base_url=sportello_demo_sandbox.url) as client:
        await client.area_clienti.login(CODICE, password)
        area = client.with_options(lang="en").area_clienti
        assert len(await area.punti_fornitura()) == 2
        nuova = await area.add_autolettura("PR002873", _lettura("PR002873", "1.234"))
        with pytest.raises(UnprocessableError) as caught:
            await area.add_autolettura("PR002873", _lettura("PR002873", "1.235"))
        assert "one reading a day" in caught.value.server_messages[0]
        assert "RD-3" in caught.value.rules
        await area.delete_autolettura("PR002873", nuova.id)
        assert all(a.id != nuova.id for a in (await area.autoletture("PR002873")).items)
        fattura = next(f for f in await area.fatture(anno=2014) if f.pdf)
        pdf = io.BytesIO()
        written = await area.download_fattura(fattura.numero, pdf)
        assert written == len(pdf.getvalue()) > len(b"%PDF-1.4")
        assert pdf.getvalue().startswith(b"%PDF")
        changed = await area.update_anagrafica(
            forms.load(
                forms.AggiornamentoAnagrafica, {"email": "x@prova.it", "password_attuale": password}
            )
        )
        assert changed.email == (await area.anagrafica()).email == "x@prova.it"
        assert [c.codice for c in await area.contratti()] == ["CE-0001", "CG-0002"]
        modo = await area.set_modalita_invio(
            "CE-0001",
            forms.load(
                forms.ModalitaInvioBolletta, {"contratto": "CE-0001", "modalita": "cartacea"}
            ),
        )
        assert await area.modalita_invio("CE-0001") == modo
        assert (await area.prelievi(anno=2015, punto="PR002873")).anno == 2015
        giorno = dt.date(2014, 6, 2)
        assert (await area.misure(dal=giorno, al=giorno, punto="PR002873")).items
        sink = io.BytesIO()
        assert await area.download_misure(dal=giorno, al=giorno, punto="PR002873", dest=sink)
        assert await area.dati_tecnici()
        assert await area.dati_contrattuali()
        assert await area.documenti()
        assert await area.ticket()
        await area.change_password(
            forms.load(
                forms.CambioPassword,
                {
                    "username": CODICE,
                    "password_attuale": password,
                    "nuova_password": "Libeccio#2026",
                    "conferma_password": "Libeccio#2026",
                },
            )
        )
        await area.logout()
        await client.area_clienti.login(CODICE, "Libeccio#2026")
        await client.area_clienti.recover_password(CODICE)
    # the new password goes to the e-mail the customer set above (UP-3, UP-6)
    mail = sportello_demo_sandbox.mail_to("x@prova.it", "Nuova password del portale clienti")
    assert mail["dati"]["codice_cliente"] == CODICE
    assert mail["dati"]["password"] != "Libeccio#2026"
