"""A griffe extension for the API reference: docstring doctests as code, Sphinx roles as code.

``mkdocs.yml`` loads :class:`DoctestFences` for mkdocstrings. Without it, a ``>>>`` example
outside a Google ``Examples:`` section renders as Markdown, and an output such as
``['password.reused']`` is read as a cross-reference, which ``mkdocs build --strict`` refuses.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

__all__ = ["DoctestFences", "fence_doctests", "plain_roles"]


ROLE = re.compile(r":(?:func|class|mod|data|meth|attr|exc|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")


class DoctestFences(Extension):
    """Fence the doctest runs of every docstring as ``pycon`` code for the API reference.

    A ``>>>`` prompt outside a Google ``Examples:`` section would otherwise be read as Markdown,
    and an output such as ``['password.reused']`` as a cross-reference. Sphinx roles
    (``:func:`~sportello.forms.load```) become inline code (``load``).
    """

    def on_instance(self, *, obj: Object, **_: Any) -> None:
        """Rewrite the docstring of each object griffe loads."""
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(fence_doctests(obj.docstring.value))


def plain_roles(text: str) -> str:
    """Replace each Sphinx cross-reference role with inline code (``~`` keeps the last name).

    >>> plain_roles("See :func:`~sportello.forms.load` and :class:`sportello.Violation`.")
    'See `load` and `sportello.Violation`.'
    """

    def code(found: re.Match[str]) -> str:
        target = found["target"]
        return f"`{target.rsplit('.', 1)[-1] if found['tilde'] else target}`"

    return ROLE.sub(code, text)


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
