"""The main job: ``sportello demo`` runs in-process against a temporary sandbox."""

import re

import pytest

from sportello._cli import main


def test_demo_tells_the_whole_story(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo exits 0 and narrates registration, cases, uploads and the RD-3 refusal."""
    # rule: RD-3
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for line in (
        "Sandbox avviata su http://127.0.0.1:",
        "Account attivato con il codice ricevuto per e-mail.",
        "Utente «giulia.bianchi» registrato",
        "Accesso riuscito",
        "caricato reclamo.pdf",
        "rifiutato programma.exe",
        "[AT-4]",
        "L'estensione .exe non è consentita",
        "PR002874 (PDR 03340009749021)",
        "registrata: Da acquisire",
        "[RD-3]",
        "una sola lettura al giorno",
        "Sandbox fermata e database temporaneo eliminato.",
    ):
        assert line in out, line
    assert out.count("aperta, stato: Inviata.") == 2
    assert out.count("SPCEN") >= 3


def test_demo_walks_a_conciliation_to_its_verbale(capsys: pytest.CaptureFixture[str]) -> None:
    """CP-3, CP-5, CP-10, CP-11: integration, admission, a slot, the agreement's verbale PDF."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    numero = re.search(r"Procedura di conciliazione della pratica (CONC\d{12}) \(CP-11\)", out)
    assert numero is not None, out
    for line in (
        "Numero di pratica assegnato subito all'invio; stato: Inviata.",
        f"Pratica {numero[1]}: richiesta di integrazione: da inviare entro il",
        "Integrazione inviata: stato Inviata.",
        "Primo incontro entro il",
        "fissato l'incontro virtuale",
        "ore 10:30-12:00, Stanza virtuale 12",
        "Ritiro della domanda possibile fino al",
        "è arrivato per e-mail il codice della pratica SMART Help: SPCEN",
        "accordo raggiunto; stato: Chiusa: accordo.",
        "Verbale di accordo scaricato: verbale-accordo.pdf",
        "→ domanda ammessa → incontro convocato →",
    ):
        assert line in out, line


def test_demo_in_english_messages(capsys: pytest.CaptureFixture[str]) -> None:
    """With --lang en the server's refusals come in English inside the Italian narrative."""
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[RD-3]" in out
    assert "una sola lettura al giorno" not in out
