"""json_schema agrees with load: valid documents pass both, structural faults fail both."""

from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from sportello import ValidationError
from sportello.forms import FORMS, DomandaConciliazione, json_schema, load

Example = Callable[[str], dict[str, Any]]


def _validator(cls: type) -> Draft202012Validator:
    return Draft202012Validator(json_schema(cls), format_checker=FormatChecker())


def _mutations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Structural faults of a valid document: each must fail the schema AND load."""
    found: list[tuple[str, dict[str, Any]]] = [("unknown key", {**doc, "zz_extra": 1})]
    for key, value in doc.items():
        found.append((f"{key}: in a list", {**doc, key: [value]}))
        if isinstance(value, str):
            found.append((f"{key}: number", {**doc, key: 12}))
        elif isinstance(value, bool):
            found.append((f"{key}: string", {**doc, key: "yes"}))
        elif isinstance(value, dict):
            found.append((f"{key}: nested extra", {**doc, key: {**value, "zz_extra": 1}}))
    return found


@pytest.mark.parametrize("name", sorted(FORMS))
def test_structural_faults_fail_schema_and_load(name: str, example: Example) -> None:
    """Unknown keys, wrong types and lists for scalars fail both the schema and load."""
    cls = FORMS[name]
    validator = _validator(cls)
    for label, doc in _mutations(example(name)):
        assert not validator.is_valid(doc), label
        with pytest.raises(ValidationError):
            load(cls, doc)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_required_fields_agree(name: str, example: Example) -> None:
    """Each key the schema requires is one whose absence load reports as missing."""
    cls = FORMS[name]
    schema = json_schema(cls)
    for key in schema["required"]:
        doc = example(name)
        doc.pop(key, None)
        assert not _validator(cls).is_valid(doc)
        with pytest.raises(ValidationError) as info:
            load(cls, doc)
        assert (key, "forms.required") in [(v.path, v.code) for v in info.value.violations]


def test_co4_limit_and_co3_enum_in_the_schema(example: Example) -> None:
    """CO-4: maxLength 2500 on descrizione; CO-3: oggetto is an enum; both fail both."""
    schema = json_schema(DomandaConciliazione)
    assert schema["properties"]["descrizione"]["maxLength"] == 2500
    assert "fatturazione" in schema["properties"]["oggetto"]["enum"]
    for change in ({"descrizione": "x" * 2501}, {"oggetto": "rimborsi"}):
        doc = {**example("domanda_conciliazione"), **change}
        assert not _validator(DomandaConciliazione).is_valid(doc)
        with pytest.raises(ValidationError):
            load(DomandaConciliazione, doc)


def test_schema_is_italian_and_closed() -> None:
    """Every property has an Italian title; every object forbids additional properties."""
    schema = json_schema(DomandaConciliazione)
    objects = [schema, *schema["$defs"].values()]
    assert {"ClienteConciliazione", "Delegato", "Procura", "Reclamo", "Controparte"} <= set(
        schema["$defs"]
    )
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert obj["title"]
        assert all(p["title"] for p in obj["properties"].values())
    assert schema["properties"]["richieste_cliente"]["title"] == "Richieste del Cliente"


def test_checksums_are_beyond_the_schema(example: Example) -> None:
    """A well-shaped codice fiscale with a wrong check letter passes the schema, not load."""
    doc = example("registrazione_area_clienti")
    doc["codice_fiscale"] = "RSSMRA85T10A562X"
    cls = FORMS["registrazione_area_clienti"]
    assert _validator(cls).is_valid(doc)
    with pytest.raises(ValidationError):
        load(cls, doc)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_form_and_record_has_an_italian_description(name: str) -> None:
    """The form and every record under $defs carry a title and a description."""
    schema = json_schema(FORMS[name])
    for obj in [schema, *schema.get("$defs", {}).values()]:
        assert obj["title"]
        assert obj["description"]


def test_schema_components_are_flat_and_resolve() -> None:
    """schema_components names every nested record once; every $ref points at a component."""
    from sportello.forms import schema_components

    components = schema_components(*FORMS.values())
    assert set(components) >= {cls.__name__ for cls in FORMS.values()} | {"Cliente", "Delegato"}

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [r for v in node.values() for r in refs(v)]
        if isinstance(node, list):
            return [r for v in node for r in refs(v)]
        return []

    for name, schema in components.items():
        assert "$defs" not in schema, name
        for target in refs(schema):
            assert target.startswith("#/components/schemas/"), target
            assert target.removeprefix("#/components/schemas/") in components, target


def test_json_schema_ref_template_points_outside() -> None:
    """json_schema with another ref template references outside and carries no $defs."""
    schema = json_schema(DomandaConciliazione, ref_template="#/definitions/{name}")
    assert "$defs" not in schema
    assert schema["properties"]["cliente"] == {
        **schema["properties"]["cliente"],
        "$ref": "#/definitions/ClienteConciliazione",
    }
