"""The examples on docs/rules/identifiers.md run and give the printed results."""

import doctest
import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[3] / "docs" / "rules" / "identifiers.md"


def test_docs_examples_run() -> None:
    """Every >>> example of the identifiers docs page gives the output shown there."""
    text = re.sub(r"(?m)^```.*$", "", PAGE.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, PAGE.name, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).attempted >= 20
    assert runner.summarize(verbose=False).failed == 0
