"""Every form has a documented example that loads, dumps back and satisfies its JSON Schema."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from sportello.forms import FORMS, dump, json_schema, load

Example = Callable[[str], dict[str, Any]]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_example_loads_and_round_trips(name: str, example: Example) -> None:
    """docs/examples/<form>.json loads; dump(load(x)) loads to the same record."""
    form: object = load(FORMS[name], example(name))
    document = dump(form)
    assert json.loads(json.dumps(document)) == document
    assert load(FORMS[name], document) == form


@pytest.mark.parametrize("name", sorted(FORMS))
def test_example_satisfies_the_schema(name: str, example: Example) -> None:
    """The example and its canonical dump are valid against the form's JSON Schema."""
    schema = json_schema(FORMS[name])
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    validator.validate(example(name))
    validator.validate(dump(load(FORMS[name], example(name))))


def test_every_form_is_listed_with_its_name() -> None:
    """FORMS maps the snake-case names of the issue to the classes."""
    assert sorted(FORMS) == [
        "aggiornamento_anagrafica",
        "autolettura",
        "cambio_password",
        "disponibilita_incontro",
        "domanda_conciliazione",
        "login",
        "modalita_invio_bolletta",
        "recupero_password",
        "registrazione_area_clienti",
        "registrazione_sportello",
        "richiesta_informazioni",
        "richiesta_rinvio",
        "richiesta_smart_help",
        "risposta_integrazione",
        "ritiro_domanda",
        "segnalazione",
        "segnalazione_anomalia",
    ]
