"""The JavaScript examples of docs/interop.md run with node against the Ajv install."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .node import HERE, Ajv, run_node

PAGE = HERE.parents[1] / "docs" / "interop.md"
FENCE = re.compile(r"^```js\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_the_page_has_javascript_examples() -> None:
    """The collector finds the page's ```js blocks (it is not silently empty)."""
    assert FENCE.findall(PAGE.read_text("utf-8"))


def test_javascript_examples_run(ajv: Ajv, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ```js block of docs/interop.md runs under node and its assertions hold."""
    monkeypatch.setenv("SPORTELLO", str(Path(sys.executable).with_name("sportello")))
    for i, source in enumerate(FENCE.findall(PAGE.read_text("utf-8"))):
        script = HERE / f"_docs_example_{i}.mjs"  # beside node_modules, so imports resolve
        script.write_text(source, encoding="utf-8")
        try:
            run_node(str(script))
        finally:
            script.unlink()
    assert ajv.script.is_file()
