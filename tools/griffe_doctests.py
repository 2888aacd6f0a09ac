"""A griffe extension for the API reference: doctests as code, roles and pages as links.

``mkdocs.yml`` loads :class:`DoctestFences` for mkdocstrings. Without it, a ``>>>`` example
outside a Google ``Examples:`` section renders as Markdown, and an output such as
``['password.reused']`` is read as a cross-reference, which ``mkdocs build --strict`` refuses.
It also makes the reference read as the reader needs it: a Sphinx role is a link to the
object's entry (code where the reference has none), a ``docs/client.md`` named in a docstring
is a link to that page, and a default written as a constant's name (``DEFAULT_TIMEOUT``) shows
the constant's value in the signature (``10.0``).
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Expr, ExprName, Extension, Function, Module, Object

__all__ = ["DoctestFences", "fence_doctests", "page_links", "plain_roles"]


ROLE = re.compile(r":(?:func|class|mod|data|meth|attr|exc|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")
#: A docs page named as inline code in a docstring: ``docs/client.md`` (an anchor may follow).
PAGE = re.compile(r"``docs/(?P<page>[a-z0-9_/-]+)\.md(?P<anchor>#[a-z0-9-]+)?``")


class DoctestFences(Extension):
    """Fence the doctest runs of every docstring as ``pycon`` code for the API reference.

    A ``>>>`` prompt outside a Google ``Examples:`` section would otherwise be read as Markdown,
    and an output such as ``['password.reused']`` as a cross-reference. Sphinx roles
    (``:func:`~sportello.forms.load```) become inline code (``load``).
    """

    def on_instance(self, *, obj: Object, **_: Any) -> None:
        """Rewrite the docstring of each object griffe loads."""
        if obj.docstring is not None:
            obj.docstring.value = page_links(plain_roles(fence_doctests(obj.docstring.value)))

    def on_package(self, *, pkg: Module, **_: Any) -> None:
        """Once the package is loaded: each default naming a constant shows its value."""
        for func in _functions(pkg):
            for parameter in func.parameters:
                value = _constant_value(parameter.default)
                if value is not None:
                    parameter.default = value


def _functions(obj: Object) -> list[Function]:
    """Every function and method defined under ``obj`` (aliases skipped)."""
    found: list[Function] = []
    for member in obj.members.values():
        if member.is_alias:
            continue
        if isinstance(member, Function):
            found.append(member)
        elif isinstance(member, Object):
            found += _functions(member)
    return found


def _constant_value(default: str | Expr | None) -> str | None:
    """The literal value of the module constant a default names, or ``None``."""
    if not isinstance(default, ExprName) or not default.name.isupper():
        return None
    try:
        target = default.parent.modules_collection[default.canonical_path]  # type: ignore[union-attr]
    except (KeyError, AttributeError, ValueError):
        return None
    value = getattr(target, "value", None)
    return str(value) if value is not None and not isinstance(value, ExprName) else None


def plain_roles(text: str) -> str:
    """Replace each Sphinx role with a link to the object's entry, or code when there is none.

    The link is mkdocs-autorefs' optional one: an object the reference does not show (a
    private helper) stays inline code, and the strict build does not fail on it.

    >>> plain_roles("See :func:`~sportello.forms.load`.")
    'See <autoref identifier="sportello.forms.load" optional><code>load</code></autoref>.'
    """

    def link(found: re.Match[str]) -> str:
        target = found["target"]
        title = target.rsplit(".", 1)[-1] if found["tilde"] else target
        return f'<autoref identifier="{target}" optional><code>{title}</code></autoref>'

    return ROLE.sub(link, text)


def page_links(text: str) -> str:
    """Link each ``docs/...md`` a docstring names to that page of the site.

    The reference's pages are ``reference/<name>/``, so the site's root is ``../../``.

    >>> page_links("See ``docs/client.md``.")
    'See [docs/client.md](../../client/).'
    >>> page_links("``docs/rules/calendar.md#holidays``")
    '[docs/rules/calendar.md](../../rules/calendar/#holidays)'
    """

    def link(found: re.Match[str]) -> str:
        page = found["page"]
        url = "../../" if page == "index" else f"../../{page.removesuffix('/index')}/"
        return f"[docs/{page}.md]({url}{found['anchor'] or ''})"

    return PAGE.sub(link, text)


def fence_doctests(text: str) -> str:
    r"""Wrap each unindented run of ``>>>`` lines (up to a blank line) in a ``pycon`` fence.

    >>> fence_doctests("Try:\n>>> 1 + 1\n2\n\nDone.").splitlines()
    ['Try:', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Done.']
    """
    out: list[str] = []
    in_fence = in_example = False
    for line in text.split("\n"):
        if in_example and not line.strip():
            out.extend(["```", ""])
            in_example = False
            continue
        if not in_example and not in_fence and line.startswith(">>>"):
            if out and out[-1].strip():
                out.append("")
            out.append("```pycon")
            in_example = True
        elif not in_example and line.lstrip().startswith("```"):
            in_fence = not in_fence
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)
