"""Mutation testing of sportello with mutmut, one module at a time, and its report.

``make mutation`` runs :func:`main` with ``run`` then ``report``: every module of
:data:`MODULES` is mutated by mutmut 3 in a scratch copy of the project
(``build/mutation/<module>/``), ONE worker, with only the tests that cover it; the result of
each module is kept in ``build/mutation/<module>.json``; ``report`` writes ``docs/mutation.md``
from those results and the mutants judged equivalent in ``tools/mutation_equivalents.toml``.
``report`` also keeps the results in ``tools/mutation_results.json`` (committed): a module
not run again in this checkout keeps its last committed result, so the page always covers
every module (``build/`` is not committed, and a full run takes most of an hour).

Adding a module is one line of :data:`MODULES`. ``check`` (``make mutation-ci``) runs the
modules of :data:`CI_MODULES` and fails when a module scores under :data:`MIN_SCORE`, when a
mutant survives that nobody judged equivalent, or when a judgment went stale (the judged
mutant no longer survives or no longer makes the same change): a bounded run CI can afford.

Usage::

    python tools/mutation.py run [MODULE ...]     # default: every module
    python tools/mutation.py report               # docs/mutation.md from build/mutation/
    python tools/mutation.py check [MODULE ...]   # default: CI_MODULES
    python tools/mutation.py survivors MODULE     # the surviving mutants' diffs
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

__all__ = ["CI_MODULES", "MIN_SCORE", "MODULES", "main"]

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mutation"
EQUIVALENTS = ROOT / "tools" / "mutation_equivalents.toml"
REPORT = ROOT / "docs" / "mutation.md"
RESULTS = ROOT / "tools" / "mutation_results.json"


def _tests(*names: str) -> tuple[str, ...]:
    """``tests/rules/test_<name>.py`` of each name (a directory is given as it is)."""
    return tuple(n if "/" in n else f"tests/rules/test_{n}.py" for n in names)


#: Each module mutated (path under ``src/sportello/``) -> the tests that cover it.
MODULES: dict[str, tuple[str, ...]] = {
    "rules/calendar.py": _tests("calendar"),
    "rules/readings.py": _tests("readings", "readings_properties", "readings_violations"),
    "rules/_letture_input.py": _tests("readings", "readings_properties", "readings_violations"),
    "rules/_consumi.py": _tests("area_clienti"),
    "rules/supply.py": _tests("supply"),
    "rules/profile.py": _tests("profile", "profile_mobile"),
    "rules/billing.py": _tests("billing", "supply"),
    "rules/area_clienti.py": _tests("area_clienti"),
    "rules/_hashers.py": _tests("password", "password_history"),
    "rules/_send_plan.py": _tests("attachments_plan", "attachments"),
    "rules/_attachment_records.py": _tests(
        "attachments", "attachments_plan", "attachments_archive"
    ),
    "rules/notifications.py": _tests("notifications"),
    "rules/password.py": _tests("password", "password_history", "password_help"),
    "forms/_load.py": _tests("tests/forms"),
    **{
        f"rules/identifiers/{name}.py": _tests("tests/rules/identifiers")
        for name in (
            "_common",
            "pod",
            "pdr",
            "codice_cliente",
            "partita_iva",
            "iban",
            "_persona",
            "_cf_checks",
            "_cf_birth",
            "_cf_encode",
            "_cf_match",
            "codice_fiscale",
            "_luoghi_index",
            "luoghi",
        )
    },
    **{
        f"rules/conciliazione/{name}.py": _tests("tests/rules/conciliazione")
        for name in (
            "__init__",
            "_ammissibilita",
            "_azioni",
            "_cliente",
            "_eventi",
            "_orologio",
            "_procedura",
            "_servizio",
            "_stati",
            "_termini",
        )
    },
    "rules/channels.py": _tests("channels"),
    "rules/meetings.py": _tests("meetings", "meetings_fasce"),
    "rules/smart_help.py": _tests("smart_help", "tests/rules/conciliazione"),
    "rules/username.py": _tests("username"),
    "rules/attachments.py": _tests(
        "attachments",
        "attachments_names",
        "attachments_violations",
        "attachments_plan",
        "attachments_archive",
        "attachments_sniff",
    ),
    "rules/_archive.py": _tests("attachments_archive", "attachments"),
    "rules/_sniff.py": _tests("attachments_sniff", "attachments_polyglot", "attachments"),
    "rules/_polyglot.py": _tests("attachments_polyglot", "attachments_sniff", "attachments"),
    "rules/_fasce.py": _tests("meetings_fasce", "meetings"),
    "rules/_materie.py": _tests("smart_help", "tests/rules/conciliazione"),
    "rules/_reclamo.py": _tests("tests/rules/conciliazione", "smart_help"),
    "rules/_stati_pratica.py": _tests("tests/rules/conciliazione", "smart_help"),
}

#: mutmut settings of a module beyond the common ones. ``forms/_load.py`` computes its plans
#: once per class (``functools.cache``): forking each mutant from the process that ran the
#: tests would give it warm caches, so the helpers they call would never run mutated. The
#: fork server imports nothing beyond pytest (collecting the tests already loads forms, as
#: some tests build records in their parameters): every mutant starts cold. The stats pass,
#: which tells mutmut which tests reach each function, runs every test in one process: there
#: ``tests/forms/conftest.py`` empties those caches before each test, or only the first test
#: to load a form would be recorded as reaching the planning helpers.
OPTIONS: dict[str, dict[str, str]] = {
    "forms/_load.py": {"process_isolation": "forkserver", "forkserver_warmup": "none"},
}

#: Tests of a module's selection left out of its mutation run (a ``pytest -k`` expression):
#: the differential tests of ``forms/_load.py`` drawn by Hypothesis take minutes a mutant; its
#: deterministic ones (every field of every example with every tricky value) stay.
SKIPPED: dict[str, str] = {
    "forms/_load.py": "get_the_same_verdict or take_the_fast_path or test_properties",
    # A million-character junk value: seconds a mutant (nearly a timeout), and no verdict the
    # shorter junk values do not give already.
    **{m: "AAAAAAAAAAAA" for m in MODULES if m.startswith("rules/identifiers/")},
    # The state machine over the procedure (test_macchina): 3 s of the 5 s a mutant, and its
    # invariants are pinned one by one by the deterministic tests of the operations.
    **dict.fromkeys(
        (
            "rules/conciliazione/__init__.py",
            "rules/conciliazione/_ammissibilita.py",
            "rules/conciliazione/_azioni.py",
            "rules/conciliazione/_cliente.py",
            "rules/conciliazione/_eventi.py",
            "rules/_reclamo.py",
        ),
        "TestProcedimento",
    ),
}

#: The bounded run of ``make mutation-ci``: small modules with fast tests (a few minutes).
CI_MODULES: tuple[str, ...] = (
    "rules/_letture_input.py",
    "rules/supply.py",
    "rules/identifiers/pdr.py",
)

#: The least share of non-equivalent mutants each module's tests must kill.
MIN_SCORE = 0.90

#: mutmut's exit codes of a mutant run that the tests detected (failure, error, timeout).
_DETECTED = {1, 3, 24, 36, 152, 255, -24, -9, -11}
_TIMEOUTS = {24, 36, 152, 255, -24}
_NOT_API = "not public_api and not public_names and not all_is_sorted_and_complete"
_SURVIVED = {0}

#: The tests that look at a module's names (``__all__`` against ``vars(module)``) see the
#: trampolines mutmut adds (``x_check__mutmut_1``); they pin the API, not behaviour: left out.
_PYTEST_ARGS = ["-p", "no:cacheprovider", "-q", "--no-header", "-k", _NOT_API]

#: What each scratch copy holds besides ``src`` (the tests read docs/examples).
_COPIED = ("src", "tests", "docs", "README.md")


def _slug(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def _mutmut_section(module: str) -> str:
    tests = json.dumps(list(MODULES[module]))
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        'also_copy = ["docs", "README.md"]\n'
        f'only_mutate = ["src/sportello/{module}"]\n'
        f"pytest_add_cli_args_test_selection = {tests}\n"
        f"pytest_add_cli_args = {json.dumps(_pytest_args(module))}\n"
        "timeout_constant = 10.0\n"  # a busy machine slows the tests: no false timeouts
        + "".join(f"{k} = {json.dumps(v)}\n" for k, v in OPTIONS.get(module, {}).items())
    )


def _pytest_args(module: str) -> list[str]:
    skipped = SKIPPED.get(module)
    if skipped is None:
        return _PYTEST_ARGS
    return [*_PYTEST_ARGS[:-1], f"{_NOT_API} and not ({skipped})"]


def _scratch(module: str) -> Path:
    """A fresh copy of the project for ``module``, its ``pyproject.toml`` naming the module."""
    scratch = BUILD / _slug(module)
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, scratch / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (scratch / "pyproject.toml").write_text(pyproject + _mutmut_section(module), encoding="utf-8")
    return scratch


def _mutmut() -> list[str]:
    return [str(Path(sys.executable).with_name("mutmut"))]


#: Run in a scratch copy: the diff of each mutant named on stdin, as JSON (what ``mutmut show``
#: prints, for all of them in one process).
_DIFFS = (
    "import json, sys\n"
    "from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant\n"
    "names = json.loads(sys.stdin.read())\n"
    "print(json.dumps({n: get_diff_for_mutant(n, path=find_mutant(n).path) for n in names}))\n"
)


def _diffs(scratch: Path, names: list[str]) -> dict[str, str]:
    """The diff of each mutant in ``names`` (full names), computed by mutmut in ``scratch``."""
    if not names:
        return {}
    found = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", _DIFFS],
        cwd=scratch,
        input=json.dumps(names),
        capture_output=True,
        text=True,
        check=True,
    )
    diffs: dict[str, str] = json.loads(found.stdout)
    return diffs


def _changed(diff: str) -> str:
    """The mutated lines of a diff (``+`` lines), stripped: what a judgment is pinned to.

    A mutant that only deletes is ``removed: `` and the deleted lines.
    """

    def lines(mark: str) -> list[str]:
        found = [line[1:].strip() for line in diff.splitlines() if line.startswith(mark)]
        return [line for line in found if line and not line.startswith(mark * 2)]

    added = [line for line in lines("+") if line != ")"]
    return " / ".join(added) if added else "removed: " + " / ".join(lines("-"))


def run_module(module: str) -> dict[str, Any]:
    """Mutate ``module`` with its tests, one worker; keep and return the result."""
    scratch = _scratch(module)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    start = time.monotonic()
    log = scratch / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        subprocess.run(  # noqa: S603 - the venv's own mutmut, our arguments
            [*_mutmut(), "run", "--max-children", "1"],
            cwd=scratch,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    meta = scratch / "mutants" / "src" / "sportello" / f"{module}.meta"
    if not meta.exists():
        sys.exit(f"{module}: mutmut produced no results; see {log}")
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    diffs = _diffs(scratch, sorted(name for name, code in codes.items() if code in _SURVIVED))
    survivors = {name.rpartition(".")[2]: _changed(diff) for name, diff in diffs.items()}
    other = sorted(
        name.rpartition(".")[2]
        for name, code in codes.items()
        if code not in _SURVIVED and code not in _DETECTED
    )
    result = {
        "module": module,
        "mutants": len(codes),
        "killed": sum(code in _DETECTED for code in codes.values()),
        "survived": survivors,
        "timed_out": sorted(name.rpartition(".")[2] for name, c in codes.items() if c in _TIMEOUTS),
        "other": other,
        "seconds": round(time.monotonic() - start),
    }
    (BUILD / f"{_slug(module)}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def _equivalents() -> dict[str, Any]:
    """Module -> mutant -> ``{"change": ..., "reason": ...}`` (the judged-equivalent mutants).

    The table ``open`` holds notes on survivors that are not equivalent: module -> mutant ->
    the test that kills it (shown in the report's "Open" list).
    """
    if not EQUIVALENTS.exists():
        return {}
    found: dict[str, Any] = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return found


def _score(result: dict[str, Any], judged: dict[str, dict[str, str]]) -> tuple[int, int, float]:
    """(equivalent, unjudged survivors, score) of one module's result."""
    equivalent = sum(1 for name in result["survived"] if name in judged)
    unjudged = len(result["survived"]) - equivalent + len(result["other"])
    counted = result["mutants"] - equivalent
    return equivalent, unjudged, (result["killed"] / counted if counted else 1.0)


def problems_of(result: dict[str, Any]) -> list[str]:
    """What keeps a module's result from passing: low score, unjudged or stale judgments."""
    module = result["module"]
    judged = _equivalents().get(module, {})
    found = []
    _, _, score = _score(result, judged)
    if score < MIN_SCORE:
        found.append(f"{module}: score {score:.1%} < {MIN_SCORE:.0%}")
    notes = _equivalents().get("open", {}).get(module, {})
    for name, change in result["survived"].items():
        if name not in judged:
            note = f" ({notes[name]})" if name in notes else ""
            found.append(f"{module}: {name} survives, not judged equivalent: {change}{note}")
        elif judged[name]["change"] != change:
            found.append(f"{module}: {name} judged for another change: {judged[name]['change']}")
    timed_out = set(result.get("timed_out", ()))  # a busy machine, not a test: not stale
    found += [
        f"{module}: {name} judged equivalent but no longer survives"
        for name in judged
        if name not in result["survived"] and name not in timed_out
    ]
    for name in result["other"]:
        note = f" ({notes[name]})" if name in notes else ""
        found.append(f"{module}: {name}: not a kill nor a survival{note}")
    return found


def _results() -> list[dict[str, Any]]:
    """Each module's result, in the order of :data:`MODULES`.

    The run kept in ``build/``, else the one committed in :data:`RESULTS`; a module with
    neither is left out.
    """
    kept: dict[str, Any] = {}
    if RESULTS.exists():
        kept = json.loads(RESULTS.read_text(encoding="utf-8"))
    found = []
    for module in MODULES:
        path = BUILD / f"{_slug(module)}.json"
        if path.exists():
            found.append(json.loads(path.read_text(encoding="utf-8")))
        elif module in kept:
            found.append(kept[module])
    return found


def _keep(results: list[dict[str, Any]]) -> None:
    """Write ``results`` to :data:`RESULTS`, the committed copy ``report`` falls back on."""
    text = json.dumps({r["module"]: r for r in results}, indent=1, ensure_ascii=False)
    RESULTS.write_text(text + "\n", encoding="utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def report() -> str:
    """The Markdown of ``docs/mutation.md`` from the kept results."""
    equivalents = _equivalents()
    lines = [
        "# Mutation testing",
        "",
        "<!-- generated by `make mutation` (tools/mutation.py report); do not edit -->",
        "",
        "Each module is mutated by [mutmut](https://mutmut.readthedocs.io/) 3, one worker, with",
        "only the tests that cover it. A mutant is *killed* when a test fails (or times out);",
        "a surviving mutant is either a missing test or *equivalent* (no input can tell it",
        "from the original): the equivalent ones are judged below, one by one, with the reason.",
        f"The score is killed / (mutants - equivalent); every module must reach {MIN_SCORE:.0%}.",
        "",
        "How to run it, what mutmut mutates and how to add a module: [below](#how-to-run).",
        "",
        "| module | mutants | killed | survived | equivalent (judged) | score | time |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    results = _results()
    for result in results:
        judged = equivalents.get(result["module"], {})
        equivalent, _, score = _score(result, judged)
        lines.append(
            f"| `{result['module']}` | {result['mutants']} | {result['killed']} "
            f"| {len(result['survived'])} | {equivalent} | {score:.1%} | {result['seconds']} s |"
        )
    total = sum(r["mutants"] for r in results)
    killed = sum(r["killed"] for r in results)
    lines += ["", f"In all: {total} mutants, {killed} killed.", ""]
    missing = [m for m in MODULES if m not in {r["module"] for r in results}]
    if missing:
        lines += ["Not run yet: " + ", ".join(f"`{m}`" for m in missing) + ".", ""]
    lines += ["## Equivalent mutants", ""]
    for result in results:
        judged = equivalents.get(result["module"], {})
        if not result["survived"]:
            continue
        lines += [f"### `{result['module']}`", "", "| mutant | change | why equivalent |"]
        lines.append("| --- | --- | --- |")
        for name, change in result["survived"].items():
            reason = judged.get(name, {}).get("reason", "**not judged: a missing test**")
            lines.append(f"| `{name}` | `{_cell(change)}` | {_cell(reason)} |")
        lines.append("")
    problems = [p for r in results for p in problems_of(r)]
    if problems:
        lines += ["## Open", "", *(f"- {_cell(p)}" for p in problems), ""]
    lines += [(ROOT / "tools" / "mutation_howto.md").read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """The command line (see the module docstring)."""
    command, names = (argv[0], argv[1:]) if argv else ("run", [])
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        sys.stderr.write(f"unknown module(s): {unknown}; known: {list(MODULES)}\n")
        return 2
    if command == "report":
        _keep(_results())
        REPORT.write_text(report(), encoding="utf-8")
        return 0
    if command == "survivors":
        for name in names:
            scratch = BUILD / _slug(name)
            result = json.loads((BUILD / f"{_slug(name)}.json").read_text(encoding="utf-8"))
            full = [f"sportello.{_slug(name)}.{mutant}" for mutant in result["survived"]]
            for diff in _diffs(scratch, full).values():
                sys.stdout.write(diff + "\n\n")
        return 0
    if command not in ("run", "check"):
        sys.stderr.write(__doc__ or "")
        return 2
    modules = names or (list(MODULES) if command == "run" else list(CI_MODULES))
    failed = []
    for module in modules:
        result = run_module(module)
        problems = problems_of(result)
        sys.stdout.write(
            f"{module}: {result['mutants']} mutants, {result['killed']} killed, "
            f"{len(result['survived'])} survived ({result['seconds']} s)\n"
        )
        failed += problems
    for problem in failed:
        sys.stdout.write(f"  {problem}\n")
    return 1 if failed and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
