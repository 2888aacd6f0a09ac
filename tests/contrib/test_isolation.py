"""The adapters stay apart: the core loads no framework, no adapter loads the sandbox."""

import json
import subprocess
import sys

import pytest

FRAMEWORKS = ("django", "pydantic", "starlette", "fastapi")


def _loaded_after(statement: str) -> set[str]:
    """The top-level packages in sys.modules after ``statement``, in a fresh interpreter."""
    report = (
        "import json, sys\n"
        "names = {m.split('.')[0] for m in sys.modules}\n"
        "names |= {m for m in sys.modules if m.startswith('sportello.')}\n"
        "print(json.dumps(sorted(names)))"
    )
    code = f"{statement}\n{report}"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600
    )
    return set(json.loads(done.stdout))


@pytest.mark.parametrize(
    "statement",
    [
        "import sportello",
        "import sportello.forms",
        "import sportello.rules.password",
        "import sportello.contrib",
    ],
)
def test_the_core_imports_no_framework(statement: str) -> None:
    """sportello, its forms and rules, and sportello.contrib itself load no framework."""
    assert not _loaded_after(statement) & set(FRAMEWORKS)


@pytest.mark.parametrize(
    ("statement", "needs", "never"),
    [
        ("import sportello.contrib.starlette", {"starlette"}, {"django", "fastapi"}),
        (
            "import sportello.contrib.pydantic",
            {"pydantic_core"},
            {"django", "starlette", "fastapi"},
        ),
        ("import sportello.contrib.django", set(), {"django", "pydantic", "starlette"}),
    ],
)
def test_an_adapter_loads_its_framework_and_never_the_sandbox(
    statement: str, needs: set[str], never: set[str]
) -> None:
    """Each adapter needs only its own extra (FastAPI only for its helpers), never the sandbox."""
    loaded = _loaded_after(statement)
    assert "sportello.sandbox" not in loaded
    assert needs <= loaded
    assert not loaded & never, loaded & never
