"""The rule catalog inside the project: every rule of the source documents with a stable ID.

Each :class:`Regola` carries the source's Italian wording (the authority), an English summary,
the source it comes from (:data:`SOURCES`: one of the five seeds, or, for the conciliation
procedure and the later additions, the regulation and the Servizio's current pages), and the
docs page of its family. Where each rule is enforced is not written
here by hand (the rules themselves are data, ``_catalog.json`` beside this module):
:func:`enforcement_points` finds the docstrings under ``src/sportello`` that name the rule, so
the catalog cannot drift from the code.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    CATALOG: tuple[Regola, ...]

__all__ = [
    "CATALOG",
    "FAMILIES",
    "RULE_ID",
    "SEEDS",
    "SOURCES",
    "Regola",
    "by_id",
    "enforcement_points",
    "public_name",
]

#: A rule ID as written in code, tests and docs: two or three capitals, a dash, a number.
RULE_ID = re.compile(r"\b(PW|AU|CH|CO|CP|AT|SH|NT|CAL|UP|RD|EB)-(\d+)\b")

#: family prefix -> (name, docs page)
FAMILIES: dict[str, tuple[str, str]] = {
    "PW": ("Password policy", "rules/password.md"),
    "AU": ("Accounts and access", "rules/accounts.md"),
    "CH": ("Channels", "rules/channels.md"),
    "CO": ("Conciliation request", "forms/conciliazione.md"),
    "CP": ("La procedura di conciliazione", "rules/procedura-conciliazione.md"),
    "AT": ("Attachments", "rules/attachments.md"),
    "SH": ("SMART Help", "rules/smart-help.md"),
    "NT": ("Notifications", "rules/notifications.md"),
    "CAL": ("Calendar and opening hours", "rules/calendar.md"),
    "UP": ("Utility customer area", "rules/profile.md"),
    "RD": ("Meter self-readings", "rules/readings.md"),
    "EB": ("E-bill and delivery mode", "rules/billing.md"),
}

#: The five seed documents (``../shared/seeds/``), by number.
SEEDS: dict[str, str] = {
    "000": "Sportello FAQ",
    "001": "SMART Help page",
    "002": "reserved-area access guide",
    "003": "utility customer-area guide",
    "004": "utility portal and e-bill FAQ",
}

#: Every source a rule may name: the seeds, and beyond them the regulation and the Servizio's
#: current pages (the CP family, AT-7, SH-5, CH-5). A rule names one or more, joined by ``+``.
SOURCES: dict[str, str] = {
    **SEEDS,
    "TICO": "TICO, Testo Integrato Conciliazione: delibera ARERA 209/2016/E/com and updates",
    "SPC": "the Servizio's current pages on sportelloperilconsumatore.it (FAQ servizio"
    " conciliazione, risoluzione-controversie/ulteriori-informazioni, the SMART Help page)",
    "GUIDA": "the Area Riservata user guide v4.1 of the Servizio Conciliazione",
}


@attrs.frozen
class Regola:
    """One catalog rule: ``id`` (``PW-1``), the source's Italian wording, an English summary.

    ``seed`` names its sources (:data:`SOURCES` keys joined by ``+``: ``"000"``,
    ``"TICO+SPC"``). For the rules with no seed, ``testo`` is this library's faithful short
    Italian statement of the source. ``decisione`` says what this library decided where the
    source is silent (empty when nothing).
    """

    id: str
    testo: str
    summary: str
    seed: str
    decisione: str = ""

    @property
    def famiglia(self) -> str:
        """The family prefix (``PW``)."""
        return self.id.split("-")[0]

    @property
    def page(self) -> str:
        """The docs page of the rule's family."""
        return FAMILIES[self.famiglia][1]

    @property
    def fonti(self) -> tuple[str, ...]:
        """The keys of its sources (``("TICO", "SPC")``)."""
        return tuple(self.seed.split("+"))

    @property
    def from_seeds(self) -> bool:
        """Whether every source is one of the five seeds (else: the regulation, the pages)."""
        return all(f in SEEDS for f in self.fonti)

    @property
    def fonte(self) -> str:
        """Its sources, each by key and name (``000 (Sportello FAQ)``)."""
        return "; ".join(f"{f} ({SOURCES[f]})" for f in self.fonti)


@cache
def _load() -> tuple[Regola, ...]:
    raw = json.loads(resources.files("sportello").joinpath("_catalog.json").read_text("utf-8"))
    return tuple(Regola(**item) for item in raw)


def __getattr__(name: str) -> tuple[Regola, ...]:
    if name == "CATALOG":
        return _load()
    raise AttributeError(name)


@cache
def by_id() -> dict[str, Regola]:
    """The catalog keyed by rule ID."""
    return {r.id: r for r in _load()}


def _docstrings(tree: ast.Module, module: str) -> Iterator[tuple[str, str]]:
    doc = ast.get_docstring(tree)
    if doc:
        yield module, doc
    stack: list[tuple[ast.AST, str]] = [(tree, module)]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}.{child.name}"
                doc = ast.get_docstring(child)
                if doc:
                    yield name, doc
                stack.append((child, name))


#: Modules whose docstrings name rules only as examples (the catalog, the violation record).
_NOT_ENFORCING = frozenset({"sportello._catalog", "sportello._violations"})


@cache
def enforcement_points(root: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Rule ID -> the dotted names whose docstrings name it, found by reading the package source.

    Only docstrings count (comments and message texts do not), so a rule is "enforced" where the
    code that enforces it says so. The message catalog and the modules in ``_NOT_ENFORCING``
    (which name rules only as examples) are skipped.
    """
    base = root or Path(__file__).resolve().parent
    found: dict[str, set[str]] = {}
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(base.parent).with_suffix("")
        module = ".".join(rel.parts).removesuffix(".__init__")
        if module in _NOT_ENFORCING or module.startswith("sportello._messages"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, doc in _docstrings(tree, module):
            for match in RULE_ID.finditer(doc):
                found.setdefault(match.group(0), set()).add(name)
    return {rule: tuple(sorted(names)) for rule, names in sorted(found.items())}


def _private(dotted: str) -> bool:
    return any(part.startswith("_") for part in dotted.split("."))


@cache
def _reexports(root: Path | None = None) -> dict[str, str]:
    """Private dotted name -> the public name a package's ``__init__`` re-exports it as.

    Read statically: each ``from sportello.x._y import Z`` of a public module or package that
    lists ``Z`` in its ``__all__`` (or has none) maps ``sportello.x._y.Z`` to ``sportello.x.Z``;
    the shortest public name wins (``sportello.Violation`` over ``sportello.rules.Violation``).
    """
    base = root or Path(__file__).resolve().parent
    found: dict[str, str] = {}
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(base.parent).with_suffix("").parts
        package = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if _private(package):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exported = _all(tree)
        for node in tree.body:
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            source = node.module
            if node.level:  # relative: from the module's package, one level up per extra dot
                here = package.split(".") if parts[-1] == "__init__" else package.split(".")[:-1]
                source = ".".join([*here[: len(here) - node.level + 1], node.module])
            for alias in node.names:
                name = alias.asname or alias.name
                if exported is not None and name not in exported:
                    continue
                public = f"{package}.{name}"
                private = f"{source}.{alias.name}"
                if private != public and len(public) < len(found.get(private, public + "x")):
                    found[private] = public
    return found


def _all(tree: ast.Module) -> set[str] | None:
    """The names of a module's literal ``__all__``, or None when it has none."""
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            return {str(e.value) for e in node.value.elts if isinstance(e, ast.Constant)}
    return None


def public_name(dotted: str, root: Path | None = None) -> str | None:
    """The public name under which the reference documents ``dotted``, or None if it has none.

    ``sportello.rules.password.check`` is its own; ``sportello.forms._account.CambioPassword``
    is ``sportello.forms.CambioPassword`` (re-exported), and its methods follow it; a private
    helper (``PasswordPolicy._composition``, a sandbox route) has none.

    >>> public_name("sportello.forms._account.CambioPassword.check")
    'sportello.forms.CambioPassword.check'
    >>> public_name("sportello.rules.password.PasswordPolicy._composition") is None
    True
    """
    mapping = _reexports(root)
    name = dotted
    for _ in range(5):  # a re-export of a re-export (sportello.rules.x -> sportello.rules)
        if not _private(name):
            return name
        parts = name.split(".")
        for cut in range(len(parts), 1, -1):
            prefix = ".".join(parts[:cut])
            if prefix in mapping:
                name = ".".join([mapping[prefix], *parts[cut:]])
                break
        else:
            return None
    return None if _private(name) else name
