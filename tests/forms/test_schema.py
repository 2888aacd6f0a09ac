"""json_schema agrees with load: valid documents pass both, structural faults fail both."""

from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from sportello import ValidationError
from sportello.forms import FORMS, DomandaConciliazione, dump, json_schema, load

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
    """CO-4: at most 2500 characters (blanks around not counted); CO-3: oggetto is one choice."""
    schema = json_schema(DomandaConciliazione)
    assert (
        json_schema(DomandaConciliazione, mode="output")["properties"]["descrizione"]["maxLength"]
        == 2500
    )
    assert "fatturazione" in schema["$defs"]["Oggetto"]["enum"]
    padded = {**example("domanda_conciliazione"), "descrizione": "  " + "x" * 2500 + "  "}
    assert _validator(DomandaConciliazione).is_valid(padded)
    load(DomandaConciliazione, padded)
    for change in ({"descrizione": "x" * 2501}, {"oggetto": "rimborsi"}):
        doc = {**example("domanda_conciliazione"), **change}
        assert not _validator(DomandaConciliazione).is_valid(doc)
        with pytest.raises(ValidationError):
            load(DomandaConciliazione, doc)


def test_schema_is_italian_and_closed() -> None:
    """Every property has an Italian title; every object forbids additional properties."""
    schema = json_schema(DomandaConciliazione)
    objects = [d for d in [schema, *schema["$defs"].values()] if d["type"] == "object"]
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


def _valid(schema: dict[str, Any], doc: Any) -> bool:
    return bool(Draft202012Validator(schema, format_checker=FormatChecker()).is_valid(doc))


def test_input_mode_takes_what_load_normalises(example: Example) -> None:
    """Raw input (lower-case codes, separators, blanks, "46.500") passes input, not output."""
    from sportello.forms import Autolettura, RegistrazioneAreaClienti

    raw = {"codice_cliente": " 000-002 ", "codice_fiscale": "007-431 10157", "email": " a@b.it "}
    load(RegistrazioneAreaClienti, raw)
    assert _valid(json_schema(RegistrazioneAreaClienti), raw)
    assert not _valid(json_schema(RegistrazioneAreaClienti, mode="output"), raw)
    lettura = {**example("autolettura"), "lettura_contatore": "46.500"}
    load(Autolettura, lettura)
    assert _valid(json_schema(Autolettura), lettura)
    assert not _valid(json_schema(Autolettura, mode="output"), lettura)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_output_mode_describes_dump(name: str, example: Example) -> None:
    """What dump writes passes the output schema (and the input one: canonical is raw too)."""
    cls = FORMS[name]
    canonical = dump(load(cls, example(name)))
    assert _valid(json_schema(cls, mode="output"), canonical)
    assert _valid(json_schema(cls), canonical)


def test_modes_are_checked() -> None:
    """A mode other than input or output is a programming error."""
    with pytest.raises(ValueError, match="input"):
        json_schema(DomandaConciliazione, mode="canonical")  # type: ignore[arg-type]


def test_choices_carry_labels_for_a_select() -> None:
    """Every choice is a named definition: enum plus oneOf of const and Italian title."""
    for cls in FORMS.values():
        for name, definition in json_schema(cls).get("$defs", {}).items():
            if "enum" not in definition:
                continue
            labels = definition["oneOf"]
            assert [o["const"] for o in labels] == definition["enum"], name
            assert all(o["title"] for o in labels), name
    oggetto = json_schema(DomandaConciliazione)["$defs"]["Oggetto"]["oneOf"]
    assert {"const": "altro", "title": "Altro"} in oggetto


def test_dates_only_as_the_docs_name_them(example: Example) -> None:
    """Dates are AAAA-MM-GG exactly: 20250601, week dates and blanks around fail load and schema."""
    for written in ("20250601", "2025-W22-7", " 2025-06-01", "2025-06-31"):
        doc = example("domanda_conciliazione")
        doc["reclamo"] = {**doc["reclamo"], "data": written}
        assert not _validator(DomandaConciliazione).is_valid(doc), written
        with pytest.raises(ValidationError) as info:
            load(DomandaConciliazione, doc)
        assert ("reclamo.data", "forms.invalid_date") in [
            (v.path, v.code) for v in info.value.violations
        ]


def test_choices_are_exact(example: Example) -> None:
    """A choice with blanks around or in another case fails load and schema alike."""
    for written in (" fatturazione", "Fatturazione"):
        doc = {**example("domanda_conciliazione"), "oggetto": written}
        assert not _validator(DomandaConciliazione).is_valid(doc)
        with pytest.raises(ValidationError):
            load(DomandaConciliazione, doc)


def test_au1_nome_or_ragione_sociale_in_the_schema(example: Example) -> None:
    """AU-1: a blank cognome without a ragione sociale fails both; the company name alone passes."""
    cls = FORMS["registrazione_sportello"]
    doc = {**example("registrazione_sportello"), "cognome": "  "}
    assert not _validator(cls).is_valid(doc)
    with pytest.raises(ValidationError):
        load(cls, doc)


def test_co1_and_co6_in_the_schema(example: Example) -> None:
    """CO-1: the Modulo Cliente with a delegate fails; CO-6: without the procura flagged fails."""
    doc = example("domanda_conciliazione")
    for bad in (
        {**doc, "modulo": "cliente"},
        {**doc, "allegati": [a for a in doc["allegati"] if a["tipo"] != "procura"]},
        {**doc, "allegati": []},
    ):
        assert not _validator(DomandaConciliazione).is_valid(bad)
        with pytest.raises(ValidationError):
            load(DomandaConciliazione, bad)


def test_co7_and_ch3_in_the_schema(example: Example) -> None:
    """CO-7: video without a webcam fails; CH-3: a delegate cannot send by fax; both fail load."""
    doc = example("domanda_conciliazione")
    for bad in (
        {**doc, "dotazione": {"dispositivo": True, "audio": True}},
        {**doc, "canale": "fax"},
    ):
        assert not _validator(DomandaConciliazione).is_valid(bad)
        with pytest.raises(ValidationError):
            load(DomandaConciliazione, bad)


def test_sh3_and_sh1_in_the_schema(example: Example) -> None:
    """SH-3: no complaint date outside the bonus matters; SH-1: CMOR is electricity only."""
    cls = FORMS["richiesta_smart_help"]
    doc = example("richiesta_smart_help")
    doc.pop("data_reclamo", None)
    for bad in (
        {**doc, "materia": "doppia_fatturazione"},
        {**doc, "materia": "cmor_senza_requisiti", "punto_fornitura": "12345678901234"},
    ):
        assert not _validator(cls).is_valid(bad)
        with pytest.raises(ValidationError):
            load(cls, bad)


def test_every_kind_has_both_schemas() -> None:
    """Every value kind of the forms has an input and an output schema of its own."""
    from sportello.forms._fields import KINDS
    from sportello.forms._schema_kinds import KIND_INPUT, KIND_OUTPUT

    assert set(KIND_INPUT) == set(KINDS) == set(KIND_OUTPUT)


def test_unstated_rules_are_documented() -> None:
    """docs/forms/api.md lists every rule only load checks, by rule ID and code."""
    from pathlib import Path

    from sportello._catalog import by_id
    from sportello.forms._schema_rules import UNSTATED, unstated_markdown

    page = (Path(__file__).resolve().parents[2] / "docs" / "forms" / "api.md").read_text("utf-8")
    for item in UNSTATED:
        assert not item.rule or item.rule in by_id(), item.rule
    assert unstated_markdown() in page, "paste forms._schema_rules.unstated_markdown() in the page"


def test_schema_components_refuse_a_taken_name() -> None:
    """schema_components names the clash when a record's name is already taken."""
    from sportello.forms import schema_components

    with pytest.raises(TypeError, match="ClienteConciliazione"):
        schema_components(DomandaConciliazione, taken=["ClienteConciliazione"])
    schema_components(DomandaConciliazione, taken=["Pratica"])  # a name the forms do not use
