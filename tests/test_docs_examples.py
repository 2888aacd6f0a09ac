"""Every ```python block of README.md and docs/**/*.md runs as a test (one test per block).

The convention, also told to readers in ``docs/index.md`` ("About the examples"):

- A block fenced ```python (``python title="..."`` too) is collected; ```console, ```text,
  ```json and the rest are not. A block that cannot run is fenced ```text with a reason.
- A block containing ``>>>`` is a doctest: its prompts run and their output is compared, with
  ``NORMALIZE_WHITESPACE`` and ``ELLIPSIS``.
- Any other block runs by ``exec`` in a fresh namespace, as a script would.
- Every block finds ``tmp_path`` (a fresh directory) in its namespace.
- A block that names ``BASE_URL`` or ``sandbox`` finds a running sandbox: ``BASE_URL`` is the
  base URL of a fresh sandbox of the plugin's pool (the demo data seeded), ``sandbox`` the
  :class:`sportello.testing.Sandbox` on it (``faults``, ``outbox``, ``clock``...).
- Each ``test_*`` function a block defines is then called, its parameters given by the fixture
  of the same name: ``tmp_path``, ``sportello_sandbox``, ``sportello_demo_sandbox``,
  ``sportello_sandbox_factory``, ``sportello_session_sandbox`` (a fresh sandbox of the
  plugin's pool each) or ``sportello_client``; so the pytest examples of the docs run too.
- Blocks run with the repository's root as the working directory (``docs/examples/*.json``).
- A block whose title is a relative file path (```python title="clienti/models.py"``, any
  language) is a FILE of the page's example project: it is not run but written, with the
  page's other files, into a fresh project directory. On a page that has such files, every
  other python block runs as a script in a fresh Python process, in that directory (on
  ``sys.path``), so a framework with process-wide settings (Django) starts clean each time.

The griffe extension that renders docstring doctests as code in the API reference lives in
``tools/griffe_doctests.py``; its own examples are checked here too.
"""

from __future__ import annotations

import contextlib
import doctest
import inspect
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>[^`\n]*)$")
SERVER_NAMES = re.compile(r"\b(BASE_URL|sandbox)\b")
FIXTURES = (
    "tmp_path",
    "sportello_sandbox",
    "sportello_demo_sandbox",
    "sportello_sandbox_factory",
    "sportello_session_sandbox",
    "sportello_client",
)
FILE_TITLE = re.compile(r'title="(?P<path>[A-Za-z0-9_][A-Za-z0-9_./-]*\.[a-z]+)"')


def _pages() -> list[Path]:
    """README.md and every Markdown page under docs/, in a stable order."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [page for page in pages if page.is_file()]


def _fenced(page: Path) -> Iterator[tuple[int, str, str, str]]:
    """(1-based line of the opening fence, language, info string, dedented source) of each block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        found = FENCE.match(lines[index])
        if found is None:
            index += 1
            continue
        indent, ticks = found["indent"], found["ticks"]
        words = found["info"].strip().split()
        language = words[0].lstrip(".{").lower() if words else ""
        start, index = index, index + 1
        body: list[str] = []
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(ticks[0] * len(ticks)) and not closing.strip(ticks[0]):
                break
            body.append(lines[index].removeprefix(indent))
            index += 1
        index += 1
        yield start + 1, language, found["info"], "\n".join(body) + "\n"


def _file_of(info: str) -> str | None:
    """The project file a block's title names (``title="clienti/models.py"``), if any."""
    found = FILE_TITLE.search(info)
    return found["path"] if found and ".." not in found["path"].split("/") else None


def _blocks(page: Path) -> Iterator[tuple[int, str]]:
    """The (1-based line of the opening fence, dedented source) of each python block."""
    for line, language, info, source in _fenced(page):
        if language in {"python", "py", "pycon"}:
            yield (
                line,
                source if _file_of(info) is None else f"{FILE_MARK}{_file_of(info)}\n{source}",
            )


#: The first line of a project file's case: the file is written, not run.
FILE_MARK = "# docs-example-file: "


def _project_files(page: Path) -> dict[str, str]:
    """The page's project files (titled blocks, any language), by relative path."""
    return {
        path: source for _, _, info, source in _fenced(page) if (path := _file_of(info)) is not None
    }


def _cases() -> list[Any]:
    """One pytest param per python block, with the id ``file:line``."""
    cases = []
    for page in _pages():
        name = page.relative_to(ROOT).as_posix()
        for line, source in _blocks(page):
            cases.append(pytest.param(name, line, source, id=f"{name}:{line}"))
    return cases


CASES = _cases()


@contextlib.contextmanager
def _sandbox(pool: Any, *, seed_demo: bool) -> Iterator[Any]:
    """A sandbox of the plugin's pool, fresh (the demo data or empty), lent for the block."""
    sandbox = pool.acquire()
    try:
        yield sandbox.reset(seed="demo" if seed_demo else "empty")
    finally:
        pool.release(sandbox)


def _call_tests(
    namespace: dict[str, Any], stack: contextlib.ExitStack, tmp_path: Path, pool: Any
) -> int:
    """Call every ``test_*`` function the block defined; returns how many ran."""

    def factory(**options: Any) -> Any:
        sandbox = stack.enter_context(_sandbox(pool, seed_demo=False))
        return sandbox.reset(**options)

    makers: dict[str, Callable[[], Any]] = {
        "tmp_path": lambda: Path(tempfile.mkdtemp(dir=tmp_path, prefix="test-")),
        "sportello_sandbox": lambda: stack.enter_context(_sandbox(pool, seed_demo=False)),
        "sportello_demo_sandbox": lambda: stack.enter_context(_sandbox(pool, seed_demo=True)),
        "sportello_session_sandbox": lambda: stack.enter_context(_sandbox(pool, seed_demo=False)),
        "sportello_sandbox_factory": lambda: factory,
        "sportello_client": lambda: stack.enter_context(
            stack.enter_context(_sandbox(pool, seed_demo=False)).client()
        ),
    }
    ran = 0
    for name, value in list(namespace.items()):
        if not (name.startswith("test_") and callable(value)):
            continue
        parameters = inspect.signature(value).parameters
        unknown = [p for p in parameters if p not in makers]
        assert not unknown, f"{name} asks for fixtures the docs' runner lacks: {unknown}"
        value(**{p: makers[p]() for p in parameters})
        ran += 1
    return ran


def _run_doctest(name: str, line: int, source: str, namespace: dict[str, Any]) -> None:
    """Run the block's prompts as a doctest; fail with the report of any mismatch."""
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, namespace, name, name, line)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    runner = doctest.DocTestRunner(optionflags=flags)
    report: list[str] = []
    result = runner.run(test, out=report.append, clear_globs=False)
    assert result.failed == 0, "".join(report)


def _run_in_project(name: str, line: int, source: str, tmp_path: Path) -> None:
    """Write the page's project files, then run the block in a fresh Python in the project."""
    import os
    import subprocess
    import sys

    project = tmp_path / "project"
    for path, text in _project_files(ROOT / name).items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    script = project / "_docs_example.py"
    script.write_text("\n" * (line - 1) + source, encoding="utf-8")  # tracebacks show page lines
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["PYTHONPATH"] = os.pathsep.join([str(project), env.get("PYTHONPATH", "")])
    done = subprocess.run(  # a generous bound: only a hang guard
        [sys.executable, str(script)],
        check=False,
        cwd=project,
        env=env,
        capture_output=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{name}:{line} failed:\n{done.stderr.decode(errors='replace')}"


@pytest.mark.parametrize(("name", "line", "source"), CASES)
def test_docs_example_runs(  # noqa: PLR0917 - pytest passes fixtures by name
    name: str,
    line: int,
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    sportello_pool: Any,
) -> None:
    """The python block at ``name:line`` runs without error (its doctest output matches)."""
    if source.startswith(FILE_MARK):  # a project file: it must at least compile
        compile(source, f"{name}:{line}", "exec")
        return
    if _project_files(ROOT / name):
        _run_in_project(name, line, source, tmp_path)
        return
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "__docs_example__", "tmp_path": tmp_path}
    with contextlib.ExitStack() as stack:
        if SERVER_NAMES.search(source):
            sandbox = stack.enter_context(_sandbox(sportello_pool, seed_demo=True))
            namespace.update(BASE_URL=sandbox.url, sandbox=sandbox)
        if ">>>" in source:
            _run_doctest(name, line, source, namespace)
        else:
            code = compile(source, f"{name}:{line}", "exec")
            exec(code, namespace)  # noqa: S102 - running the documentation's own examples
        _call_tests(namespace, stack, tmp_path, sportello_pool)


def test_docs_have_examples() -> None:
    """The collector finds python blocks in the README and the docs (it is not silently empty)."""
    assert len(CASES) >= 30
    assert any(case.values[0] == "README.md" for case in CASES)


def test_griffe_extension_examples() -> None:
    """The API reference's docstring rewriter (tools/griffe_doctests.py) passes its doctests."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "griffe_doctests", ROOT / "tools/griffe_doctests.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failed, attempted = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted >= 2
    assert failed == 0
