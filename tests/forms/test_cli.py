"""`sportello validate` and `sportello schema`, through sportello._cli.main."""

import json
from pathlib import Path

import pytest

from sportello._cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def _write(tmp_path: Path, text: str, name: str = "doc.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("form", ["domanda_conciliazione", "DomandaConciliazione"])
def test_validate_valid_document(form: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid document exits 0 printing "valido"; the class name works as the form name."""
    assert main(["validate", form, str(EXAMPLES / "domanda_conciliazione.json")]) == 0
    assert capsys.readouterr().out == "valido\n"


def test_validate_valid_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """--lang en prints "valid"."""
    path = str(EXAMPLES / "login.json")
    assert main(["validate", "login", path, "--lang", "en"]) == 0
    assert capsys.readouterr().out == "valid\n"


def test_validate_lists_every_violation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid document exits 1 with `path: message [RULE code]` per violation (AU-1)."""
    path = _write(tmp_path, json.dumps({"username": "mrossi", "colore": "blu"}))
    assert main(["validate", "registrazione_sportello", path]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "password: Il campo è obbligatorio. [AU-1 forms.required]"
    assert "colore: Il campo «colore» non è previsto da questo modulo. [forms.unknown_field]" in (
        lines
    )
    assert len(lines) == 7


def test_validate_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints the list of Violation.to_dict(lang)."""
    path = _write(tmp_path, json.dumps({"codice_cliente": "12"}))
    assert main(["validate", "recupero_password", path, "--format", "json", "--lang", "en"]) == 1
    (found,) = json.loads(capsys.readouterr().out)
    assert found["path"] == "codice_cliente"
    assert found["code"] == "codice_cliente.invalid_length"
    assert found["rule"] == "UP-2"
    assert "message" in found


def test_validate_json_format_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json prints an empty list for a valid document."""
    path = str(EXAMPLES / "recupero_password.json")
    assert main(["validate", "recupero_password", path, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_validate_unknown_form(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown form name exits 2 with a message on stderr listing the forms."""
    assert main(["validate", "modulo_x", "x.json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "modulo_x" in captured.err
    assert "domanda_conciliazione" in captured.err


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file exits 2 with a message on stderr, no traceback."""
    assert main(["validate", "login", str(tmp_path / "nessuno.json")]) == 2
    err = capsys.readouterr().err
    assert "nessuno.json" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("text", ['{"username": ', "\xff", ""])
def test_validate_bad_json(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bad JSON exits 2 with the line and column on stderr."""
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("latin-1"))
    assert main(["validate", "login", str(path), "--lang", "en"]) == 2
    assert "is not valid JSON (line" in capsys.readouterr().err


def test_validate_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON array is a violation of the form (exit 1), not a crash."""
    path = _write(tmp_path, "[1, 2]")
    assert main(["validate", "login", path]) == 1
    assert "[forms.not_object]" in capsys.readouterr().out


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`sportello schema FORM` prints the form's JSON Schema."""
    assert main(["schema", "Autolettura"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Inserimento autolettura"


def test_schema_unknown_form(capsys: pytest.CaptureFixture[str]) -> None:
    """`sportello schema` with an unknown name exits 2 with a message on stderr."""
    assert main(["schema", "nessuno", "--lang", "en"]) == 2
    assert 'Unknown form "nessuno"' in capsys.readouterr().err


def test_validate_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """FILE "-" reads the document from standard input."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO('{"codice_cliente": "005007"}'))
    assert main(["validate", "recupero-password", "-"]) == 0
    assert capsys.readouterr().out == "valido\n"
