"""Notifications: the recipient (NT-1) and the alerts (NT-2)."""

import datetime as dt

import pytest

from sportello._messages import lookup
from sportello.rules.notifications import (
    Evento,
    Notifica,
    notification_for,
    recipient,
    should_notify,
)


@pytest.mark.parametrize(
    ("delegato", "expected"),
    [
        (None, "mario.rossi@example.it"),
        ("", "mario.rossi@example.it"),
        ("   ", "mario.rossi@example.it"),
        ("studio@example.it", "studio@example.it"),
        (" studio@example.it ", "studio@example.it"),
    ],
)
def test_recipient_is_delegate_only_when_a_delegate_handles_the_case(
    delegato: str | None, expected: str
) -> None:
    """NT-1: the delegate's address only when there is one, else the registration address."""
    assert recipient(email_registrazione="mario.rossi@example.it", email_delegato=delegato) == (
        expected
    )


def test_which_events_send_an_email() -> None:
    """NT-2: new documents, integration requests, meetings and SPCEN codes send e-mails."""
    assert {e for e in Evento if should_notify(e)} == {
        Evento.NUOVO_DOCUMENTO,
        Evento.RICHIESTA_INTEGRAZIONE,
        Evento.INCONTRO_FISSATO,
        Evento.CODICE_SPCEN,
    }


@pytest.mark.parametrize("evento", [e for e in Evento if should_notify(e)])
@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_notified_event_has_subject_and_body(evento: Evento, lang: str) -> None:
    """NT-2: each alert renders a full subject and body, no placeholder left."""
    n = notification_for(
        evento,
        pratica="SPCEN0001234",
        email_registrazione="mario.rossi@example.it",
        documento="bolletta.pdf",
        quando=dt.datetime(2026, 12, 1, 9, 30),
        lang="en" if lang == "en" else "it",
    )
    assert isinstance(n, Notifica)
    assert "SPCEN0001234" in n.oggetto
    assert "SPCEN0001234" in n.testo
    assert "{" not in n.oggetto + n.testo
    assert n.lang == lang


def test_notification_goes_to_the_delegate() -> None:
    """NT-1, NT-2: an alert on a delegated case goes to the delegate only."""
    n = notification_for(
        Evento.NUOVO_DOCUMENTO,
        pratica="123",
        email_registrazione="mario.rossi@example.it",
        email_delegato="caf@example.it",
        documento="verbale.pdf",
    )
    assert n is not None
    assert n.destinatario == "caf@example.it"
    assert n.testo == (
        "Nel fascicolo della pratica 123 è presente nuova documentazione: verbale.pdf."
        " Acceda al Portale per consultarla."
    )


def test_meeting_time_is_shown_in_rome_time() -> None:
    """NT-2: the meeting e-mail shows the time in Europe/Rome, from UTC or naive local time."""
    aware = notification_for(
        Evento.INCONTRO_FISSATO,
        pratica="9",
        email_registrazione="m@example.it",
        quando=dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC),
    )
    naive = notification_for(
        Evento.INCONTRO_FISSATO,
        pratica="9",
        email_registrazione="m@example.it",
        quando=dt.datetime(2026, 7, 1, 9, 0),
    )
    assert aware is not None
    assert naive is not None
    assert "01/07/2026 09:00" in aware.testo
    assert aware.testo == naive.testo


def test_state_change_sends_nothing() -> None:
    """NT-2: a state change is shown on the portal, not e-mailed."""
    assert (
        notification_for(Evento.CAMBIO_STATO, pratica="1", email_registrazione="m@example.it")
        is None
    )


def test_missing_document_name_reads_well() -> None:
    """NT-2: without a document name the body points to the case file."""
    n = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE, pratica="1", email_registrazione="m@example.it"
    )
    assert n is not None
    assert "consultare il fascicolo" in n.testo


def test_catalog_entries_of_the_family() -> None:
    """NT-2: each notified event has subject and body in the catalog with the right rule."""
    for e in Evento:
        for part in ("oggetto", "testo"):
            code = f"notifications.{e.value}_{part}"
            if should_notify(e):
                expected = "AT-6" if e is Evento.CODICE_SPCEN else "NT-2"
                entry = lookup(code)
                assert entry is not None
                assert entry.rule == expected
            else:
                assert lookup(code) is None


@pytest.mark.parametrize(
    ("lang", "oggetto", "testo"),
    [
        (
            "it",
            "Pratica 7: richiesta di integrazione",
            "Per la pratica 7 è richiesta un'integrazione della documentazione: "
            "consultare il fascicolo. Acceda al Portale per i dettagli.",
        ),
        (
            "en",
            "Case 7: request to complete the case",
            "Case 7 needs further documents: see the case file. "
            "Sign in to the portal for the details.",
        ),
    ],
)
def test_nt2_notification_in_full_in_each_language(lang: str, oggetto: str, testo: str) -> None:
    """NT-2: the whole e-mail, subject and body in the language asked, the event kept."""
    n = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE,
        pratica="7",
        email_registrazione="m@example.it",
        lang=lang,  # type: ignore[arg-type]
    )
    assert n == Notifica(
        evento=Evento.RICHIESTA_INTEGRAZIONE,
        destinatario="m@example.it",
        oggetto=oggetto,
        testo=testo,
        lang=lang,  # type: ignore[arg-type]
    )
