"""Violation records, the exception tree and the message catalog."""

import ast
from pathlib import Path

import pytest

from sportello import SportelloError, ValidationError, Violation
from sportello._messages import ALIASES, FAMILIES, LANGS, catalog, render


def test_violation_takes_rule_from_catalog() -> None:
    """A violation built from a code gets the catalog's rule ID (rule: PW-1)."""
    v = Violation.of("password.too_short", path="password", min_length=8, length=3)
    assert v.rule == "PW-1"
    assert v.path == "password"
    assert v.params == {"min_length": 8, "length": 3}


def test_violation_is_frozen_and_params_read_only() -> None:
    """Violations cannot be changed after creation, not even their params."""
    v = Violation.of("identifiers.empty")
    with pytest.raises(AttributeError):
        v.code = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        v.params["x"] = 1  # type: ignore[index]


def test_message_in_both_languages() -> None:
    """The same violation speaks Italian by default and English on request."""
    v = Violation.of("password.too_short", min_length=8, length=5)
    assert v.message() == "La password deve contenere almeno 8 caratteri (ne ha 5)."
    assert v.message("en").startswith("The password must be at least 8")


def test_unknown_code_renders_as_itself() -> None:
    """A code missing from the catalog is shown as the code, never lost."""
    assert render("nowhere.to_be_found", {}, "it") == "nowhere.to_be_found"
    assert Violation.of("nowhere.to_be_found").rule == ""


def test_at_prefixes_paths() -> None:
    """Paths nest with dots for fields and brackets for list items."""
    v = Violation.of("identifiers.empty", path="nome")
    assert v.at("delegato").path == "delegato.nome"
    assert v.at(2).at("allegati").path == "allegati[2].nome"
    assert Violation.of("identifiers.empty").at("cf").path == "cf"


def test_validation_error_lists_every_violation_in_italian() -> None:
    """str() of the error has one Italian line per violation, with its path."""
    err = ValidationError(
        [
            Violation.of("identifiers.empty", path="codice_fiscale"),
            Violation.of("password.too_short", path="password", min_length=8, length=2),
        ]
    )
    assert isinstance(err, ValueError)
    assert isinstance(err, SportelloError)
    assert str(err).splitlines() == [
        "codice_fiscale: Il valore è vuoto.",
        "password: La password deve contenere almeno 8 caratteri (ne ha 2).",
    ]
    assert err.codes == ("identifiers.empty", "password.too_short")
    assert "ValidationError" in repr(err)


def test_validation_error_needs_a_violation() -> None:
    """An empty ValidationError is a programming error."""
    with pytest.raises(ValueError, match="at least one"):
        ValidationError([])


def test_to_dict_is_json_ready() -> None:
    """to_dict carries code, rule, path, params and the message."""
    import datetime as dt
    import json

    v = Violation.of("identifiers.empty", path="x", when=dt.date(2026, 1, 2), items=(1, 2))
    d = v.to_dict("en")
    json.dumps(d)
    assert d["params"] == {"when": "2026-01-02", "items": [1, 2]}
    assert d["message"] == "The value is empty."


def test_catalog_entries_are_complete() -> None:
    """Every catalog entry has its family prefix, both languages and well-formed placeholders."""
    import string

    entries = catalog()
    assert entries
    for code, entry in entries.items():
        assert code.split(".")[0] in {*FAMILIES, *ALIASES}, code
        for lang in LANGS:
            text = getattr(entry, lang)
            assert text.strip(), (code, lang)
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            other = getattr(entry, "en" if lang == "it" else "it")
            assert fields == {f for _, f, _, _ in string.Formatter().parse(other) if f}, code


def _label_params_without_english(tree: ast.AST) -> list[tuple[int, str]]:
    """``Violation.of`` keywords that pass a ``.label`` with no ``<name>_en`` beside them."""
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "of"
        ):
            continue
        names = {k.arg for k in node.keywords if k.arg is not None}
        for k in node.keywords:
            uses_label = any(
                isinstance(n, ast.Attribute) and n.attr == "label" for n in ast.walk(k.value)
            )
            if k.arg is not None and uses_label and f"{k.arg}_en" not in names:
                found.append((node.lineno, k.arg))
    return found


def test_every_labelled_parameter_has_its_english_form() -> None:
    """A violation naming a labelled thing gives its English label too (``labels``)."""
    src = Path(__file__).resolve().parents[1] / "src" / "sportello"
    bare = {
        f"{path.relative_to(src)}:{line} {name}"
        for path in sorted(src.rglob("*.py"))
        for line, name in _label_params_without_english(ast.parse(path.read_text("utf-8")))
    }
    assert bare == set()
    # the check itself sees a bare label, and takes a pair or ``labels(...)``
    assert _label_params_without_english(ast.parse("Violation.of('c', giorno=g.label)"))
    assert not _label_params_without_english(
        ast.parse("Violation.of('c', giorno=g.label, giorno_en=g.label_en)")
    )
    assert not _label_params_without_english(ast.parse("Violation.of('c', **labels(giorno=g))"))


def test_english_text_shows_the_english_form_of_a_parameter() -> None:
    """``render`` in English takes ``x_en`` for ``{x}``; Italian keeps ``x``; both stay data."""
    from sportello._messages import labels
    from sportello.rules.meetings import Giorno

    v = Violation.of("calendar.no_meetings_on_day", path="giorno", **labels(giorno=Giorno.SABATO))
    assert v.params == {"giorno": "sabato", "giorno_en": "Saturday"}
    assert v.message("it").endswith(": sabato non è disponibile.")
    assert v.message("en").endswith(": Saturday is not available.")
    plain = Violation.of("calendar.no_meetings_on_day", path="giorno", giorno="sabato")
    assert plain.message("en").endswith(": sabato is not available.")
