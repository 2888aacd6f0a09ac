"""Every sub-command's ``--help`` is accurate about its options.

:data:`EXERCISED` names, for each option that a ``--help`` lists, the test that runs the
command with that option and checks the effect the help claims; the tests below check that the
table covers every option (a new option without a test fails here), that each named test
exists and passes the option, and that every default is shown. The options no other test uses
are exercised here (``schema --lang``, ``sandbox``'s, ``rules``') or in
tests/batch/test_cli_options.py.
"""

from __future__ import annotations

import argparse
import ast
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sportello._cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parents[1]

BATCH = "tests/batch/test_cli.py::"
OPTIONS = "tests/batch/test_cli_options.py::"
HERE = "tests/test_cli_help.py::"
SANDBOX = HERE + "test_sandbox_serves_as_its_options_say"

#: (command, option) -> the test that uses the option and checks what its help says.
EXERCISED: dict[tuple[str, str], str] = {
    ("sportello", "--version"): HERE + "test_version_prints_the_version",
    ("demo", "--lang"): "tests/client/test_demo.py::test_demo_in_english_messages",
    ("validate", "--lang"): "tests/forms/test_cli.py::test_validate_valid_in_english",
    ("validate", "--format"): "tests/forms/test_cli.py::test_validate_json_format",
    ("validate", "--max-bytes"): "tests/forms/test_cli.py::test_validate_size_cap_is_inclusive",
    ("schema", "--lang"): HERE + "test_schema_lang_is_the_error_messages_language",
    ("sandbox", "--host"): SANDBOX,
    ("sandbox", "--port"): SANDBOX,
    ("sandbox", "--db"): SANDBOX,
    ("sandbox", "--data-dir"): SANDBOX,
    ("sandbox", "--seed-demo"): SANDBOX,
    ("sandbox", "--allow-host"): SANDBOX,
    ("rules", "--markdown"): HERE + "test_rules_markdown_lists_the_tests_under_tests",
    ("rules", "--tests"): HERE + "test_rules_markdown_lists_the_tests_under_tests",
    ("batch template", "--output"): BATCH + "test_template_csv_and_xlsx",
    ("batch template", "--lang"): BATCH + "test_template_csv_and_xlsx",
    ("batch check", "--allegati"): OPTIONS + "test_check_writes_the_report_where_rapporto_says",
    ("batch check", "--rapporto"): OPTIONS + "test_check_writes_the_report_where_rapporto_says",
    ("batch check", "--lang"): BATCH + "test_check_reports_every_bad_row_and_sends_nothing",
    ("batch submit", "--allegati"): BATCH + "test_submit_resume_sync_and_export",
    ("batch submit", "--lang"): BATCH + "test_submit_resume_sync_and_export",
    ("batch submit", "--url"): BATCH + "test_without_credentials_or_url_it_stops_before_sending",
    ("batch submit", "--rapporto"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch submit", "--giornale"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch submit", "--no-progress"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch submit", "--concorrenza"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch sync", "--documenti"): BATCH + "test_submit_resume_sync_and_export",
    ("batch sync", "--url"): BATCH + "test_sync_and_export_need_the_journal",
    ("batch sync", "--lang"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch sync", "--giornale"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch sync", "--no-progress"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch export", "--formato"): BATCH + "test_submit_resume_sync_and_export",
    ("batch export", "--output"): BATCH + "test_submit_resume_sync_and_export",
    ("batch export", "--giornale"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
    ("batch export", "--lang"): OPTIONS
    + "test_submit_sync_export_with_their_journal_report_and_progress_options",
}


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """("sportello", the top parser), then each sub-command's and batch action's parser."""
    todo = [("", build_parser(*COMMANDS))]
    while todo:
        name, parser = todo.pop(0)
        yield name or "sportello", parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{name} {sub}".strip(), p) for sub, p in action.choices.items()]


def _options() -> dict[tuple[str, str], argparse.Action]:
    """(command, long option) -> its action, for every option every --help lists."""
    found = {}
    for name, parser in _parsers():
        for action in parser._actions:
            if action.option_strings and not isinstance(action, argparse._HelpAction):
                found[name, max(action.option_strings, key=len)] = action
    return found


def test_every_option_of_every_help_has_its_test() -> None:
    """EXERCISED covers exactly the options the --help texts list."""
    assert sorted(_options()) == sorted(EXERCISED)


@pytest.mark.parametrize("key", sorted(EXERCISED), ids=" ".join)
def test_the_named_test_exists_and_passes_the_option(key: tuple[str, str]) -> None:
    """The test EXERCISED names for an option is a real test that passes the option."""
    path, _, name = EXERCISED[key].partition("::")
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    (test,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    strings = {n.value for n in ast.walk(test) if isinstance(n, ast.Constant)}
    assert strings & set(_options()[key].option_strings), f"{name} never passes {key[1]}"


@pytest.mark.parametrize("key", sorted(_options()), ids=" ".join)
def test_every_default_is_shown_in_the_help(key: tuple[str, str]) -> None:
    """An option with a value by default says it in its help: `(default: ...)`."""
    action = _options()[key]
    if action.default in (None, False, []) or action.default is argparse.SUPPRESS:
        return
    parser = dict(_parsers())[key[0]]
    text = parser.format_help()
    assert "default" in (action.help or "") or f"(default: {action.default})" in " ".join(
        text.split()
    ), key


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints `sportello <version>` and exits 0."""
    from sportello import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"sportello {__version__}\n"


def test_schema_lang_is_the_error_messages_language(capsys: pytest.CaptureFixture[str]) -> None:
    """schema --lang: the unknown-form message changes language; the schema's labels do not."""
    assert main(["schema", "nessuno", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith('sportello: Unknown form "nessuno".')
    assert main(["schema", "nessuno"]) == 2
    assert capsys.readouterr().err.startswith("sportello: Modulo sconosciuto «nessuno».")
    assert main(["schema", "autolettura", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert main(["schema", "autolettura"]) == 0
    assert capsys.readouterr().out == english
    assert json.loads(english)["title"] == "Inserimento autolettura"
    assert "Italian labels in either language" in " ".join(
        dict(_parsers())["schema"].format_help().split()
    )


def test_rules_markdown_lists_the_tests_under_tests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """rules --markdown prints the catalog page; --tests DIR adds the tests found under DIR."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_x.py").write_text('def test_pw():\n    """PW-1."""\n', encoding="utf-8")
    assert main(["rules", "--markdown"]) == 0
    plain = capsys.readouterr().out
    assert plain.startswith("#")
    assert "test_x.py" not in plain
    assert main(["rules", "--markdown", "--tests", str(tests)]) == 0
    assert "tests/test_x.py::test_pw" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_sandbox_serves_as_its_options_say(tmp_path: Path) -> None:
    """--host, --port, --db, --data-dir, --seed-demo, --allow-host: a real server, each seen."""
    pytest.importorskip("uvicorn")
    port = _free_port()
    db, files = tmp_path / "s.sqlite3", tmp_path / "files"
    command = [sys.executable, "-m", "sportello", "sandbox", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--db", str(db), "--data-dir", str(files), "--seed-demo"]
    command += ["--allow-host", "portale.test"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=10) as client:
            for _ in range(600):  # until it listens (a bound, not a time assertion)
                try:
                    client.get("/openapi.json")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            login = {"username": "mario.rossi", "password": "Sportello#2026"}
            assert client.post("/v1/auth/login", json=login).status_code == 200
            assert client.get("/openapi.json", headers={"Host": "portale.test"}).status_code == 200
            assert client.get("/openapi.json", headers={"Host": "altro.test"}).status_code == 421
        assert db.is_file()
        assert files.is_dir()
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert err.startswith(f"sportello sandbox on {base} (db {db})")
