"""Ajv 2020 in strict mode with ajv-formats, as front ends use it, against forms.load.

Ajv and its formats come from the committed ``package-lock.json`` (``npm ci`` by the ``ajv``
fixture). Every form's input and output schema compiles in strict mode; the generated
documents of :mod:`.corpus` get the same verdict from Ajv as from ``forms.load``, but for the
rules in ``UNSTATED`` (rule: CO-1, CO-6, SH-3 stated in the schemas and checked here too).
"""

from __future__ import annotations

import pytest

from sportello.forms import FORMS, dump, json_schema, load
from sportello.testing.strategies import ESEMPI

from .corpus import DOCUMENTS_PER_FORM, corpus, disagreement, verdict
from .node import Ajv


def test_every_schema_compiles_in_strict_mode(ajv: Ajv) -> None:
    """Both modes of every form compile under Ajv strict; the examples pass both."""
    jobs = []
    for cls in FORMS.values():
        example = ESEMPI[cls.__name__]
        jobs.append({"schema": json_schema(cls), "docs": [example]})
        jobs.append({"schema": json_schema(cls, mode="output"), "docs": [dump(load(cls, example))]})
    assert ajv.validate(jobs) == [[True]] * len(jobs)


def test_ajv_agrees_with_load(ajv: Ajv) -> None:
    """Every generated document of every form: Ajv and load agree but for UNSTATED rules."""
    names = sorted(FORMS)
    corpora = {name: corpus(FORMS[name]) for name in names}
    jobs = [{"schema": json_schema(FORMS[n]), "docs": corpora[n]} for n in names]
    verdicts = ajv.validate(jobs)
    problems = []
    for name, accepted in zip(names, verdicts, strict=True):
        docs = corpora[name]
        assert len(docs) == len(accepted) >= DOCUMENTS_PER_FORM
        for doc, ok in zip(docs, accepted, strict=True):
            why = disagreement(doc, verdict(FORMS[name], doc), ok)
            if why:
                problems.append((name, why, doc))
    assert not problems, problems[:3]


@pytest.mark.parametrize(
    ("value", "ok"), [("mario.rossi@example.it", True), ("josé@exämple.it", True), ("x", False)]
)
def test_output_email_is_idn_email(ajv: Ajv, value: str, ok: bool) -> None:
    """Output mode's e-mail is idn-email: international addresses pass, as load takes them."""
    schema = json_schema(FORMS["recupero_password"], mode="output")
    email = {"$schema": schema["$schema"], "type": "string", "format": "idn-email"}
    assert ajv.validate([{"schema": email, "docs": [value]}]) == [[ok]]
