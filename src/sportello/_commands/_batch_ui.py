"""What ``sportello batch`` shows and asks: progress, the summary, credentials.

Progress goes to stderr: a rich progress bar on a terminal when rich is installed (extra
``batch``), else one line at each tenth of the work. The summary goes to stdout as plain
aligned lines, one screen whatever the size of the batch. Credentials come from
``SPORTELLO_USERNAME`` and ``SPORTELLO_PASSWORD`` or, on a terminal, from a prompt (the
password with :func:`getpass.getpass`, never echoed); never from the command line.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from sportello._messages import Lang, render

__all__ = ["ENV_PASSWORD", "ENV_URL", "ENV_USERNAME", "credentials", "progress", "summary"]

ENV_USERNAME = "SPORTELLO_USERNAME"
ENV_PASSWORD = "SPORTELLO_PASSWORD"  # noqa: S105 - the variable's name
ENV_URL = "SPORTELLO_URL"


def credentials(lang: Lang, stdin: TextIO | None = None) -> tuple[str, str] | None:
    """The username and password from the environment or a prompt; ``None`` when neither."""
    username = os.environ.get(ENV_USERNAME, "")
    password = os.environ.get(ENV_PASSWORD, "")
    source = stdin or sys.stdin
    if (not username or not password) and source.isatty():
        if not username:
            sys.stderr.write(render("batch.cli_prompt_username", {}, lang))
            sys.stderr.flush()
            username = source.readline().strip()
        if not password:
            password = getpass.getpass(render("batch.cli_prompt_password", {}, lang))
    if not username or not password:
        return None
    return username, password


@contextlib.contextmanager
def progress(
    code: str, total: int, lang: Lang, *, enabled: bool = True
) -> Iterator[Callable[[int], None]]:
    """A callback ``advance(n)`` showing the work done out of ``total`` on stderr."""
    label = render(code, {}, lang)
    err = sys.stderr
    if not enabled or total <= 0:
        yield lambda _: None
        return
    bar: Any = None
    if err.isatty():
        try:
            from rich.console import Console
            from rich.progress import Progress
        except ImportError:  # pragma: no cover - the extra is in dev
            bar = None
        else:
            bar = Progress(console=Console(file=err), transient=False)
    if bar is not None:
        with bar:
            task = bar.add_task(label, total=total)
            yield lambda n: bar.update(task, advance=n)
        return
    state = {"done": 0, "shown": 0}

    def advance(n: int) -> None:
        state["done"] += n
        tenth = state["done"] * 10 // total
        if tenth > state["shown"]:
            state["shown"] = tenth
            err.write(f"{label}: {min(state['done'], total)}/{total}\n")
            err.flush()

    yield advance


def summary(lines: Sequence[tuple[str, Any]], lang: Lang, out: TextIO | None = None) -> None:
    """The end-of-run summary: a title, then ``label .... value`` lines (codes rendered)."""
    target = out or sys.stdout
    shown = [(render(code, {}, lang), value) for code, value in lines]
    width = max(len(label) for label, _ in shown) + 4
    target.write(render("batch.cli_summary_title", {}, lang) + "\n")
    for label, value in shown:
        target.write(f"  {label} {'.' * (width - len(label))} {value}\n")
