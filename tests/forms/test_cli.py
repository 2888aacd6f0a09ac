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


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[" * 100_000, "annidato oltre 64 livelli"),
        (b'{"username": ' + b"9" * 5000 + b"}", "numero di oltre 100 caratteri"),
        (b'{"username": NaN}', "numero non rappresentabile"),
        (b'{"username": "\\ud800"}', "surrogato isolato \\uD800"),
        (b'{"username": "a", "username": "b"}', "ripete la chiave «username»"),
        (bytes(range(256)) * 4, "non contiene JSON valido"),
    ],
    ids=["deep", "huge-int", "nan", "surrogate", "duplicate", "binary"],
)
def test_validate_hostile_json_exits_2_with_a_message(
    content: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deep JSON, huge numbers, NaN, lone surrogates, duplicate keys, junk: exit 2, one line."""
    path = tmp_path / "ostile.json"
    path.write_bytes(content)
    assert main(["validate", "login", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"sportello: Il file «{path}» ")
    assert expected in captured.err
    assert captured.err.count("\n") == 1


def test_validate_hostile_json_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--lang en gives the same refusal in English."""
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000)
    assert main(["validate", "login", str(path), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f'sportello: The file "{path}" is not accepted: '
        "The JSON document is nested deeper than 64 levels.\n"
    )


def test_validate_size_cap_is_inclusive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of exactly --max-bytes is read; one byte more exits 2 naming the limit."""
    doc = json.dumps({"codice_cliente": "005007"}).encode()
    path = tmp_path / "doc.json"
    path.write_bytes(doc)
    assert main(["validate", "recupero_password", str(path), "--max-bytes", str(len(doc))]) == 0
    capsys.readouterr()
    cap = str(len(doc) - 1)
    assert main(["validate", "recupero_password", str(path), "--max-bytes", cap]) == 2
    err = capsys.readouterr().err
    assert f"supera il limite di {cap} byte" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_validate_dev_zero_stops_at_the_cap(capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/zero is read only up to the cap (default 10 MB), then exit 2, no hang."""
    assert main(["validate", "login", "/dev/zero", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        'sportello: The file "/dev/zero" exceeds the limit of 10000000 bytes '
        "(option --max-bytes).\n"
    )


def test_validate_stdin_is_capped_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Standard input is read with the same cap."""
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO('{"codice_cliente": "005007"}' + " " * 100))
    assert main(["validate", "recupero_password", "-", "--max-bytes", "50"]) == 2
    assert "supera il limite di 50 byte" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-1", "dieci", "١٠"])
def test_validate_max_bytes_must_be_positive(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--max-bytes takes a positive whole number of bytes (argparse exits 2 otherwise)."""
    with pytest.raises(SystemExit) as caught:
        main(["validate", "login", "x.json", "--max-bytes", value])
    assert caught.value.code == 2
    assert "--max-bytes" in capsys.readouterr().err


def test_validate_deep_json_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    """`python -m sportello validate` on 100,000 brackets: exit 2, no traceback on stderr."""
    import subprocess
    import sys

    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    done = subprocess.run(
        [sys.executable, "-m", "sportello", "validate", "login", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "annidato oltre 64 livelli" in done.stderr
