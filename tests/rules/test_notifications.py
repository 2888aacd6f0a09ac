"""Notifications: the recipient (NT-1), the alerts (NT-2) and the conciliation's (CP-10, CP-11)."""

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
    """NT-2, CP-10: every event but a bare state change sends an e-mail."""
    assert {e for e in Evento if not should_notify(e)} == {Evento.CAMBIO_STATO}
    assert {
        Evento.NUOVO_DOCUMENTO,
        Evento.RICHIESTA_INTEGRAZIONE,
        Evento.INCONTRO_FISSATO,
        Evento.CODICE_SPCEN,
        Evento.INCONTRO_RINVIATO,  # CP-10: postponement
        Evento.ESITO_ACCORDO,  # CP-10: outcomes
        Evento.ESITO_MANCATO_ACCORDO,
        Evento.ARCHIVIAZIONE,
        Evento.PROMEMORIA_INTEGRAZIONE,  # deadline reminders
        Evento.PROMEMORIA_INCONTRO,
        Evento.DOMANDA_RICEVUTA,  # CP-11: the case number at once
    } <= {e for e in Evento if should_notify(e)}


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
        entro=dt.date(2026, 11, 29),
        stanza="Stanza 7",
        motivo="motivo",
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


def test_cp3_integration_request_states_its_due_date() -> None:
    """CP-3: with ``entro`` the integration e-mail says the due day; without, it says nothing."""
    n = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE,
        pratica="7",
        email_registrazione="m@example.it",
        documento="bolletta",
        entro=dt.date(2026, 12, 8),
    )
    assert n is not None
    assert n.testo == (
        "Per la pratica 7 è richiesta un'integrazione della documentazione: bolletta."
        " Va inviata entro il 08/12/2026. Acceda al Portale per i dettagli."
    )
    plain = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE, pratica="7", email_registrazione="m@e.it"
    )
    assert plain is not None
    assert "entro" not in plain.testo


def test_missing_document_name_reads_well() -> None:
    """NT-2: without a document name the body points to the case file."""
    n = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE, pratica="1", email_registrazione="m@example.it"
    )
    assert n is not None
    assert "consultare il fascicolo" in n.testo


def test_catalog_entries_of_the_family() -> None:
    """NT-2, AT-6, CP-10, CP-11: each alert's subject and body, each with the rule that sends it."""
    seed = {
        Evento.NUOVO_DOCUMENTO,
        Evento.RICHIESTA_INTEGRAZIONE,
        Evento.INCONTRO_FISSATO,
    }
    rules = {Evento.CODICE_SPCEN: "AT-6", Evento.DOMANDA_RICEVUTA: "CP-11"}
    for e in Evento:
        for part in ("oggetto", "testo"):
            code = f"notifications.{e.value}_{part}"
            if should_notify(e):
                expected = "NT-2" if e in seed else rules.get(e, "CP-10")
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


@pytest.mark.parametrize(
    ("stanza", "shown"),
    [
        (" Stanza 4 ", "Stanza 4"),
        ("   ", "indicata nel fascicolo"),
        (None, "indicata nel fascicolo"),
    ],
)
def test_cp5_the_meeting_names_its_room_or_points_to_the_case_file(
    stanza: str | None, shown: str
) -> None:
    """CP-5: the room given (stripped) is named; a blank or missing one points to the file."""
    n = notification_for(
        Evento.INCONTRO_FISSATO,
        pratica="9",
        email_registrazione="m@example.it",
        quando=dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC),
        stanza=stanza,
    )
    assert n is not None
    assert n.testo.endswith(
        f"nella stanza virtuale {shown}. Verifichi i dettagli nel fascicolo della pratica sul"
        " Portale."
    )


@pytest.mark.parametrize(
    ("motivo", "shown"), [(" richiesta del cliente ", "richiesta del cliente"), (None, "-")]
)
def test_cp10_an_archiving_states_its_reason_or_a_dash(motivo: str | None, shown: str) -> None:
    """CP-10: the dismissal's reason (stripped) is in the text; without one, a dash."""
    n = notification_for(
        Evento.ARCHIVIAZIONE, pratica="5", email_registrazione="m@example.it", motivo=motivo
    )
    assert n is not None
    assert n.testo == f"La domanda della pratica 5 è stata archiviata: {shown}."


def test_cp3_the_due_date_speaks_the_mails_language() -> None:
    """CP-3: in English the integration e-mail's due date is an English sentence too."""
    n = notification_for(
        Evento.RICHIESTA_INTEGRAZIONE,
        pratica="7",
        email_registrazione="m@example.it",
        documento="bill",
        entro=dt.date(2026, 12, 8),
        lang="en",
    )
    assert n is not None
    assert " It is due by 2026-12-08." in n.testo
    assert "Va inviata" not in n.testo


def test_cp5_without_a_room_the_english_mail_points_to_the_case_file() -> None:
    """CP-5: in English a missing room reads "given in the case file", not the Italian."""
    n = notification_for(
        Evento.INCONTRO_FISSATO,
        pratica="9",
        email_registrazione="m@example.it",
        quando=dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC),
        lang="en",
    )
    assert n is not None
    assert "in the virtual room given in the case file. Check the details" in n.testo
    assert "fascicolo" not in n.testo
