"""Every fenced code block of README.md and docs/**/*.md fits the site's content area.

The figure, from MkDocs Material's own style sheet (9.8): at the widest layout (viewport of
76.25em = 1220 px and more, both sidebars shown) the grid is 61rem, each sidebar 12.1rem, the
content's margins 1.2rem each and a code block's padding 1.1765em each side; code is set at
0.85 x 0.8rem in a monospace font whose advance is 0.6em. With the root at 20 px that is
(1220 - 2 x 242 - 2 x 24 - 2 x 16) px / (13.6 px x 0.6) = 80.4 columns; the layouts between
60em and 76.25em give 79 to 80, and every rem-based size scales together, so **80 columns**
is the width of a code block (``WIDTH``). The copy button (``content.code.copy``) sits over
the block's top right corner, about four columns of the first line: the first line keeps
to **76 columns** (``FIRST_LINE``), so the button never covers what it copies.

The blocks a page includes with ``--8<--`` count too. One exemption, named here: the whole
``openapi.json`` that docs/contract.md shows in a collapsed note, a machine document whose
long lines are JSON strings (descriptions, patterns) that cannot be broken.

Generated pages (docs/rules.md, docs/cli.md, docs/mutation.md) pass through their
generators: regenerate them rather than editing them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 80
FIRST_LINE = 76
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,}|~{3,})\s*(?P<info>[^`\n]*)$")
SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<path>[^"]+)"\s*$')
#: included files too long by nature (see the module's docstring)
EXEMPT = {"src/sportello/openapi.json"}

pytestmark = pytest.mark.skipif(not (ROOT / "docs").is_dir(), reason="needs the source tree")


def _pages() -> list[Path]:
    """README.md and every Markdown page under docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _closes(line: str, ticks: str) -> bool:
    """Whether the line closes a block opened by ``ticks`` (as many of the same, or more)."""
    text = line.strip()
    return text.startswith(ticks) and text == ticks[0] * len(text)


def _blocks(page: Path) -> list[tuple[int, list[str]]]:
    """(first line number, body lines with the fence's indent removed) of each block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        indent, ticks = len(fence["indent"]), fence["ticks"]
        j = i + 1
        while j < len(lines) and not _closes(lines[j], ticks):
            j += 1
        blocks.append((i + 2, [line[indent:] for line in lines[i + 1 : j]]))
        i = j + 1
    return blocks


def _expand(body: list[str]) -> list[str] | None:
    """The block's lines with its snippets included; None when it includes an exempt file."""
    lines: list[str] = []
    for line in body:
        snippet = SNIPPET.match(line)
        if snippet is None:
            lines.append(line)
        elif snippet["path"] in EXEMPT:
            return None
        else:
            lines += (ROOT / snippet["path"]).read_text(encoding="utf-8").splitlines()
    return lines


def _too_wide(page: Path) -> list[str]:
    """Every line of the page's blocks wider than the content area, as `line: width > limit`."""
    found = []
    for start, body in _blocks(page):
        lines = _expand(body)
        for n, line in enumerate(lines or []):
            limit = FIRST_LINE if n == 0 else WIDTH
            if len(line.rstrip()) > limit:
                where = start + n if lines == body else start
                found.append(f"{where}: {len(line.rstrip())} > {limit}")
    return found


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_fit_the_content_area(page: Path) -> None:
    """No line of a code block is wider than 80 columns, nor a first line than 76."""
    assert _too_wide(page) == []


def test_the_width_check_sees_a_wide_line(tmp_path: Path) -> None:
    """A 77-column first line and an 81-column line are reported; 76 and 80 are not."""
    wide = tmp_path / "wide.md"
    wide.write_text(
        "~~~~text\n" + "x" * 77 + "\n" + "y" * 81 + "\n```\n~~~~\n\n"
        "```text\n" + "x" * 76 + "\n" + "y" * 80 + "\n```\n",
        encoding="utf-8",
    )
    assert [(n, [len(x) for x in b]) for n, b in _blocks(wide)] == [
        (2, [77, 81, 3]),
        (8, [76, 80]),
    ]
    assert _too_wide(wide) == ["2: 77 > 76", "3: 81 > 80"]
