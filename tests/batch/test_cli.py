"""``sportello batch`` in-process against a sandbox: template, check, submit, sync, export."""

import csv
import io
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sportello._cli import main
from sportello.batch import Journal, journal_path
from sportello.testing._plugin import Sandbox

from .conftest import PASSWORD, PDF, smart_rows, write_rows


@pytest.fixture
def account(sportello_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    """A registered consumer whose credentials and URL are in the environment."""
    sportello_sandbox.registered_client().close()
    monkeypatch.setenv("SPORTELLO_USERNAME", "mario.rossi")
    monkeypatch.setenv("SPORTELLO_PASSWORD", PASSWORD)
    monkeypatch.setenv("SPORTELLO_URL", sportello_sandbox.url)
    return sportello_sandbox


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _files(root: Path, rows: list[dict[str, str]]) -> Path:
    for i, row in enumerate(rows):
        folder = root / row["riferimento"]
        folder.mkdir(parents=True)
        for n in range(1 + i % 3):
            (folder / f"doc{n}.pdf").write_bytes(PDF + f"{i}-{n}".encode())
    return root


def test_template_csv_and_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One column per field (dotted paths) and the allowed values: a CSV pair or two sheets."""
    out = tmp_path / "smart.csv"
    assert main(["batch", "template", "richiesta_smart_help", "-o", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header[:4] == ["riferimento", "materia", "canale", "cliente.tipo_cliente"]
    assert "delegato.procura.potere_di_transigere" in header
    values = _read(tmp_path / "smart.valori.csv")
    materie = [v["valore"] for v in values if v["colonna"] == "materia"]
    assert "bonus_mancata_erogazione" in materie
    assert "smart.valori.csv" in capsys.readouterr().out
    book = tmp_path / "conc.xlsx"
    assert (
        main(["batch", "template", "domanda_conciliazione", "-o", str(book), "--lang", "en"]) == 0
    )
    wb = load_workbook(book)
    assert wb.sheetnames == ["pratiche", "valori"]
    first = [c.value for c in wb["pratiche"][1]]
    assert "allegati[4].nome" in first
    assert wb["pratiche"].data_validations.dataValidation  # drop-downs on the choices
    assert "Template of the form domanda_conciliazione" in capsys.readouterr().out


def test_template_refuses_a_form_that_opens_no_case(capsys: pytest.CaptureFixture[str]) -> None:
    """A form that is not a case (autolettura) or none at all: exit 2, one line."""
    assert main(["batch", "template", "autolettura"]) == 2
    assert "non apre una pratica" in capsys.readouterr().err
    assert main(["batch", "template", "nessuno"]) == 2


def test_check_reports_every_bad_row_and_sends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check writes row, column, rule and Italian message of each fault; exit 1; 0 when clean."""
    rows = write_rows(tmp_path / "righe.csv", smart_rows(5, bad=frozenset({1, 3})))
    assert main(["batch", "check", "richiesta_smart_help", str(rows)]) == 1
    report = _read(tmp_path / "righe.csv.rapporto.csv")
    assert [(r["riga"], r["riferimento"], r["campo"], r["codice"]) for r in report] == [
        ("3", "ASS-0002", "cliente.codice_fiscale", "codice_fiscale.invalid_checksum"),
        ("5", "ASS-0004", "cliente.codice_fiscale", "codice_fiscale.invalid_checksum"),
    ]
    assert report[0]["messaggio"] == "Il carattere di controllo del codice fiscale non è corretto."
    assert "Righe non valide (non inviate) .... 2" in capsys.readouterr().out
    assert not journal_path(rows).exists()  # nothing sent, nothing journaled
    good = write_rows(tmp_path / "buone.csv", smart_rows(3))
    assert main(["batch", "check", "richiesta_smart_help", str(good), "--lang", "en"]) == 0
    assert _read(tmp_path / "buone.csv.rapporto.csv") == []
    assert "Invalid rows (not sent) .... 0" in capsys.readouterr().out


def test_submit_resume_sync_and_export(
    account: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid rows sent with their files, a re-run sends nothing, sync reads the feed once."""
    data = smart_rows(6, bad=frozenset({2}))
    rows = write_rows(tmp_path / "righe.csv", data)
    root = _files(tmp_path / "allegati", data)
    args = ["batch", "submit", "richiesta_smart_help", str(rows), "--allegati", str(root)]
    assert main(args) == 1  # one invalid row
    out = capsys.readouterr().out
    assert "Pratiche inviate in questa esecuzione ..... 5" in out
    assert "Allegati caricati in questa esecuzione .... 9" in out  # 1+2+(row 4 bad)+1+2+3
    with account.client() as client:
        client.auth.login("mario.rossi", PASSWORD)
        cases = list(client.pratiche.list(page_size=100))
        attached = {p.numero: len(client.pratiche.allegati(p.numero)) for p in cases}
    assert len(cases) == 5
    assert sorted(attached.values()) == [1, 1, 2, 2, 3]
    assert main([*args, "--lang", "en"]) == 1
    again = capsys.readouterr().out
    assert "Cases submitted in this run ......... 0" in again
    assert "Cases submitted before .............. 5" in again
    with Journal(journal_path(rows)) as journal:
        numero = journal.row("ASS-0001")["numero"]  # type: ignore[index]
    account.evento(numero, "richiesta_integrazione", stato="in_lavorazione")
    docs = tmp_path / "documenti"
    assert main(["batch", "sync", str(rows), "--documenti", str(docs)]) == 0
    first = capsys.readouterr().out
    assert "Pratiche aggiornate .... 5" in first
    assert "Documenti scaricati .... 1" in first
    assert main(["batch", "sync", str(rows)]) == 0
    assert "Nuovi eventi ........... 0" in capsys.readouterr().out  # each event once
    (pdf,) = (docs / "ASS-0001").iterdir()
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["batch", "export", str(rows)]) == 0
    export = _read(tmp_path / "righe.csv.export.csv")
    assert [r["riferimento"] for r in export] == [
        "ASS-0001",
        "ASS-0002",
        "ASS-0004",
        "ASS-0005",
        "ASS-0006",
    ]
    one = export[0]
    assert (one["numero"], one["stato"], one["stato_label"]) == (
        numero,
        "in_lavorazione",
        "In lavorazione",
    )
    assert one["ultimo_evento"] == "Notifica inviata"
    assert one["documenti"] == "Richiesta di integrazione"
    assert one["allegati"] == "doc0.pdf"
    assert (
        main(["batch", "export", str(rows), "--formato", "xlsx", "-o", str(tmp_path / "x.xlsx")])
        == 0
    )
    sheet = load_workbook(tmp_path / "x.xlsx")["pratiche"]
    assert sheet.max_row == 6


def test_without_credentials_or_url_it_stops_before_sending(
    sportello_sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No credentials (not a terminal): exit 2; no URL: exit 2; a wrong password: exit 4."""
    rows = write_rows(tmp_path / "righe.csv", smart_rows(1))
    monkeypatch.delenv("SPORTELLO_USERNAME", raising=False)
    monkeypatch.delenv("SPORTELLO_PASSWORD", raising=False)
    monkeypatch.delenv("SPORTELLO_URL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    args = ["batch", "submit", "richiesta_smart_help", str(rows)]
    assert main(args) == 2
    assert "SPORTELLO_URL" in capsys.readouterr().err
    assert main([*args, "--url", sportello_sandbox.url]) == 2
    assert "SPORTELLO_USERNAME" in capsys.readouterr().err
    monkeypatch.setenv("SPORTELLO_USERNAME", "mario.rossi")
    monkeypatch.setenv("SPORTELLO_PASSWORD", "Sbagliata#2026")
    assert main([*args, "--url", sportello_sandbox.url, "--lang", "en"]) == 4
    err = capsys.readouterr().err
    assert "Login failed" in err
    assert "Sbagliata" not in err


def test_an_unreachable_server_is_exit_3_and_the_journal_waits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No server on the port: exit 3, with how to resume."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    rows = write_rows(tmp_path / "righe.csv", smart_rows(1))
    monkeypatch.setenv("SPORTELLO_USERNAME", "mario.rossi")
    monkeypatch.setenv("SPORTELLO_PASSWORD", PASSWORD)
    monkeypatch.setenv("SPORTELLO_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setattr("sportello._commands.batch.RETRIES", 0)
    assert main(["batch", "submit", "richiesta_smart_help", str(rows)]) == 3
    assert "rilanciare lo stesso comando" in capsys.readouterr().err


def test_xlsx_needs_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without openpyxl an XLSX is exit 2 with how to install the extra; CSV still works."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["batch", "template", "segnalazione", "-o", str(tmp_path / "t.xlsx")]) == 2
    assert "sportello[batch]" in capsys.readouterr().err
    assert main(["batch", "template", "segnalazione", "-o", str(tmp_path / "t.csv")]) == 0


def test_sync_and_export_need_the_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before any submit there is no journal: exit 2 naming it."""
    rows = write_rows(tmp_path / "righe.csv", smart_rows(1))
    assert main(["batch", "export", str(rows)]) == 2
    assert "righe.csv.journal.sqlite3" in capsys.readouterr().err
    assert main(["batch", "sync", str(rows), "--url", "http://127.0.0.1:9"]) == 2


def test_progress_on_a_terminal_is_a_rich_bar_on_stderr() -> None:
    """On a terminal the progress is rich's bar, written to stderr and reaching 100%."""
    from sportello._commands import _batch_ui

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Tty()
    saved = sys.stderr
    sys.stderr = err
    try:
        with _batch_ui.progress("batch.cli_progress_submit", 3, "it") as advance:
            for _ in range(3):
                advance(1)
    finally:
        sys.stderr = saved
    assert "Invio delle pratiche" in err.getvalue()
    assert "100%" in err.getvalue()


def test_plain_progress_prints_each_tenth_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Off a terminal: one line per tenth of the work, the last one total/total."""
    from sportello._commands import _batch_ui

    with _batch_ui.progress("batch.cli_progress_submit", 20, "en") as advance:
        for _ in range(20):
            advance(1)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 10
    assert lines[0] == "Submitting the cases: 2/20"
    assert lines[-1] == "Submitting the cases: 20/20"
