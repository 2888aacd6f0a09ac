"""``sportello batch``: the options the other tests leave at their defaults, each one used.

``--rapporto``, ``--giornale``, ``--concorrenza``, ``--no-progress`` and ``--lang`` of sync and
export, in-process against a sandbox (tests/test_cli_help.py names these tests as the proof
that each option of ``--help`` does what it says).
"""

import csv
from pathlib import Path

import pytest

from sportello._cli import main
from sportello.batch import journal_path
from sportello.testing._plugin import Sandbox

from .conftest import PASSWORD, smart_rows, write_rows


@pytest.fixture
def account(sportello_sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    """A registered consumer whose credentials and URL are in the environment."""
    sportello_sandbox.registered_client().close()
    monkeypatch.setenv("SPORTELLO_USERNAME", "mario.rossi")
    monkeypatch.setenv("SPORTELLO_PASSWORD", PASSWORD)
    monkeypatch.setenv("SPORTELLO_URL", sportello_sandbox.url)
    return sportello_sandbox


def test_check_writes_the_report_where_rapporto_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--rapporto OUT: the report is OUT; --allegati DIR: DIR/<riferimento>/'s files checked."""
    rows = write_rows(tmp_path / "righe.csv", smart_rows(2, bad=frozenset({1})))
    out = tmp_path / "esito" / "errori.csv"
    out.parent.mkdir()
    args = ["batch", "check", "richiesta_smart_help", str(rows), "--rapporto", str(out)]
    assert main(args) == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert [r["riferimento"] for r in csv.DictReader(handle, delimiter=";")] == ["ASS-0002"]
    assert not (tmp_path / "righe.csv.rapporto.csv").exists()
    assert str(out) in capsys.readouterr().out
    allegati = tmp_path / "allegati"
    (allegati / "ASS-0001").mkdir(parents=True)
    (allegati / "ASS-0001" / "programma.exe").write_bytes(b"MZ\x90\x00" + bytes(60))
    assert main([*args, "--allegati", str(allegati)]) == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        found = [(r["riferimento"], r["codice"]) for r in csv.DictReader(handle, delimiter=";")]
    assert any(ref == "ASS-0001" and code.startswith("attachments.") for ref, code in found)


def test_submit_sync_export_with_their_journal_report_and_progress_options(
    account: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--giornale, --rapporto, --concorrenza 1, --no-progress, then --lang en of sync, export."""
    rows = write_rows(tmp_path / "righe.csv", smart_rows(3))
    giornale = tmp_path / "giornale.sqlite3"
    report = tmp_path / "rapporto.csv"
    common = ["--giornale", str(giornale)]
    submit = ["batch", "submit", "richiesta_smart_help", str(rows), *common]
    assert main([*submit, "--rapporto", str(report), "--concorrenza", "1"]) == 0
    done = capsys.readouterr()
    assert "Pratiche inviate in questa esecuzione ..... 3" in done.out
    assert "Invio delle pratiche" in done.err  # the progress, off a terminal: plain lines
    assert giornale.is_file()
    assert report.is_file()
    assert not journal_path(rows).exists()  # the journal is where --giornale says
    assert main([*submit, "--no-progress"]) == 0
    assert "Invio delle pratiche" not in capsys.readouterr().err
    assert main(["batch", "sync", str(rows), *common, "--no-progress", "--lang", "en"]) == 0
    synced = capsys.readouterr()
    assert "Cases updated" in synced.out
    assert "Pratiche aggiornate" not in synced.out
    assert main(["batch", "export", str(rows), *common, "--lang", "en"]) == 0
    assert (tmp_path / "righe.csv.export.csv").is_file()
    assert "Pratiche" not in capsys.readouterr().out
    assert main(["batch", "export", str(rows)]) == 2  # no journal at the default path
    assert "righe.csv.journal.sqlite3" in capsys.readouterr().err
