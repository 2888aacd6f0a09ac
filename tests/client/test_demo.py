"""The main job: ``sportello demo`` runs in-process against a temporary sandbox."""

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
    assert out.count("SPCEN") >= 4


def test_demo_in_english_messages(capsys: pytest.CaptureFixture[str]) -> None:
    """With --lang en the server's refusals come in English inside the Italian narrative."""
    assert main(["demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "[RD-3]" in out
    assert "una sola lettura al giorno" not in out
