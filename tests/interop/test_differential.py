"""forms.load against JSON Schema validators on generated documents: they agree.

For every form, :data:`corpus.DOCUMENTS_PER_FORM` generated documents (valid, raw-input
variants, mutants) go through ``forms.load`` and through a 2020-12 validator of the form's
input schema: the Python ``jsonschema`` package with format checking here, Ajv 2020 in strict
mode with ajv-formats in ``test_ajv.py``. A document ``load`` accepts must pass the schema; a
document the schema passes but ``load`` refuses must be refused only for rules listed in
``UNSTATED`` (rule: CO-1, CO-6, CO-7, SH-1, SH-3, CH-3 are stated by the schemas and so
checked here, with AU-1, AU-5 and CO-4).
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator, FormatChecker  # type: ignore[import-untyped]

from sportello.forms import FORMS, json_schema

from .corpus import DOCUMENTS_PER_FORM, corpus, disagreement, verdict


@pytest.mark.parametrize("name", sorted(FORMS))
def test_jsonschema_agrees_with_load(name: str) -> None:
    """Every generated document: jsonschema (2020-12, formats) and load agree but for UNSTATED."""
    cls = FORMS[name]
    validator = Draft202012Validator(json_schema(cls), format_checker=FormatChecker())
    docs = corpus(cls)
    assert len(docs) >= DOCUMENTS_PER_FORM
    problems = []
    accepted = refused = 0
    for doc in docs:
        loaded = verdict(cls, doc)
        accepted += loaded is None
        refused += loaded is not None
        why = disagreement(doc, loaded, validator.is_valid(doc))
        if why:
            problems.append((why, doc))
    assert not problems, problems[:3]
    assert accepted >= DOCUMENTS_PER_FORM // 4, "the corpus must hold valid documents"
    assert refused >= DOCUMENTS_PER_FORM // 20, "the corpus must hold invalid documents"
