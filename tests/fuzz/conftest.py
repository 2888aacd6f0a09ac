"""Shared pieces of the fuzz suite: example counts, hostile strategies, the hang guard.

The number of examples per target comes from :func:`fuzz_examples`, read once at import:

- ``SPORTELLO_FUZZ_EXAMPLES=<n>`` wins when set (``make fuzz`` sets a large one);
- otherwise ``HYPOTHESIS_PROFILE=fuzz`` gives :data:`FUZZ_EXAMPLES`;
- otherwise ``CI`` set, or ``HYPOTHESIS_PROFILE=ci``, gives :data:`CI_EXAMPLES` (2,000);
- otherwise (a developer's ``pytest``) :data:`DEV_EXAMPLES` (200).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import enum
import faulthandler
import io
import os
import signal
import tempfile
import types
import typing
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from sportello import ValidationError

CI_EXAMPLES = 2_000
DEV_EXAMPLES = 200
FUZZ_EXAMPLES = 20_000


def fuzz_examples(environ: Mapping[str, str] = os.environ) -> int:
    """Examples per fuzz target, from ``SPORTELLO_FUZZ_EXAMPLES``, the profile or ``CI``."""
    given = environ.get("SPORTELLO_FUZZ_EXAMPLES", "").strip()
    if given:
        return max(1, int(given))
    profile = environ.get("HYPOTHESIS_PROFILE", "")
    if profile == "fuzz":
        return FUZZ_EXAMPLES
    if profile == "ci" or environ.get("CI"):
        return CI_EXAMPLES
    return DEV_EXAMPLES


EXAMPLES = fuzz_examples()

#: The settings of every fuzz target: the loaded profile, with this suite's example count.
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

#: Helpers (not validators) get a tenth of the examples, except in the long run.
HELPER_EXAMPLES = EXAMPLES if EXAMPLES > CI_EXAMPLES else max(1, EXAMPLES // 10)
HELPER_SETTINGS = settings(FUZZ_SETTINGS, max_examples=HELPER_EXAMPLES)

#: A whole fuzz test (all its examples) that runs longer than this is a hang: the process
#: dumps every thread's traceback and exits, so the run fails instead of stalling. Wall-clock
#: time (the last resort must fire whatever the hang is), so it is generous: fifteen minutes,
#: or a fifth of a second per example in longer runs, far beyond a busy CI machine's slowness.
HANG_SECONDS = max(900, EXAMPLES // 5)

#: The wall-clock backstop of :func:`time_limit`, in multiples of its CPU-time limit.
WALL_FACTOR = 30


#: Where the last-resort guard writes the stacks (pytest captures stderr, and exit loses it).
HANG_REPORT = Path(tempfile.gettempdir()) / "sportello-fuzz-hang.txt"


@pytest.fixture(autouse=True)
def _hang_guard() -> Iterator[None]:
    """End the run, stacks in :data:`HANG_REPORT`, if one fuzz test runs for HANG_SECONDS."""
    with HANG_REPORT.open("w", encoding="utf-8") as report:
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True, file=report)
        try:
            yield
        finally:
            faulthandler.cancel_dump_traceback_later()


class HangError(Exception):
    """Raised by :func:`time_limit` when a call overruns: the fuzz test fails, input shown."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`HangError` inside the block once it has used ``seconds`` of CPU time.

    CPU time of this process (``ITIMER_PROF``, ``SIGPROF``), not wall-clock time: a call kept
    waiting by a busy machine's other work does not count, so a loaded CI machine cannot fail
    the guard, while a call that really spins (a runaway loop, catastrophic backtracking, a
    ``10**n``) does. A call that blocks without using the CPU meets the wall-clock backstop,
    :data:`WALL_FACTOR` times longer (``SIGALRM``).
    """

    def _cpu(signum: int, frame: types.FrameType | None) -> None:
        raise HangError(f"used {seconds} s of CPU time")

    def _wall(signum: int, frame: types.FrameType | None) -> None:
        raise HangError(f"still running after {seconds * WALL_FACTOR} s of wall-clock time")

    previous_cpu = signal.signal(signal.SIGPROF, _cpu)
    previous_wall = signal.signal(signal.SIGALRM, _wall)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.alarm(seconds * WALL_FACTOR)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.alarm(0)
        signal.signal(signal.SIGPROF, previous_cpu)
        signal.signal(signal.SIGALRM, previous_wall)


# --- hostile text -------------------------------------------------------------------------

#: Hand-picked troublemakers, mixed into every text strategy.
TRICKY_TEXT = (
    "",
    " ",
    "\x00",
    "\x00" * 17,
    "\ud800",  # a lone surrogate: a str can hold it, UTF-8 cannot
    "\udfff\ud800",
    "\u200f\u202e",  # RTL mark, RTL override
    "\u202eRSSMRA85T10A562S",
    "e\u0301\u0301\u0301",  # combining marks
    "\u0336" * 50,
    "🇮🇹👨‍👩‍👧‍👦",  # flags, ZWJ sequence
    "\ufeff",  # BOM
    "\N{FULLWIDTH DIGIT ZERO}" * 11,
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic digits
    "ß" * 16,
    "ﬁ" * 16,
    "İı",
    "\r\n\t\v\f",
    "1e309",
    "-0",
    "NaN",
    "9" * 400,
    "@" * 300,
    "a@" + "b" * 300 + ".it",
    "../../etc/passwd",
    "x" * 10_000,
)

#: Any code point, surrogates included (``st.text()`` alone leaves them out).
any_char = st.characters(codec=None, exclude_categories=())

#: Arbitrary Unicode text: random code points, troublemakers, and mixes of both.
unicode_text: st.SearchStrategy[str] = st.one_of(
    st.text(any_char, max_size=40),
    st.sampled_from(TRICKY_TEXT),
    st.lists(
        st.one_of(st.sampled_from(TRICKY_TEXT), st.text(any_char, max_size=8)), max_size=4
    ).map("".join),
)

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    unicode_text,
)

#: Arbitrary JSON-like data: scalars, lists and objects nested a few levels deep.
json_like: st.SearchStrategy[Any] = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(unicode_text, inner, max_size=4)
    ),
    max_leaves=8,
)

#: JSON-like objects only (what a form document is).
json_objects: st.SearchStrategy[dict[str, Any]] = st.dictionaries(
    unicode_text, json_like, max_size=6
)

#: Anything at all: JSON-like data plus the Python types JSON cannot carry.
junk: st.SearchStrategy[Any] = st.one_of(
    json_like,
    st.binary(max_size=40),
    st.dates(),
    st.builds(object),
    st.tuples(json_like),
    st.frozensets(st.integers(), max_size=3),
    st.complex_numbers(),
    st.decimals(),
)

# --- values of a declared type --------------------------------------------------------------

_ZONES = (None, dt.UTC, ZoneInfo("Europe/Rome"), dt.timezone(dt.timedelta(hours=14)))
#: Dates a thousand years inside the ``datetime`` range: arithmetic of a few thousand days
#: never leaves it. The rules that answer for the very edges (the calendar, check_new,
#: filter_measurements) get the whole range through FUNCTION_OVERRIDES in test_fuzz_rules.py.
#: Naive and aware date-times likewise, DST gaps and folds included.
dates = st.dates(dt.date(1000, 1, 1), dt.date(8999, 12, 31))
any_datetime = st.datetimes(
    dt.datetime(1000, 1, 1),
    dt.datetime(8999, 12, 31),
    timezones=st.sampled_from(_ZONES),
    allow_imaginary=True,
)


def _record(cls: type, overrides: Mapping[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """Instances of an attrs record, each field drawn for its type; invalid records rejected."""
    attrs.resolve_types(cls)
    fields = {
        f.alias: overrides.get(f.name, strategy_for(f.type, overrides))
        for f in attrs.fields(cls)
        if f.init
    }

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        kwargs = {name: draw(strategy) for name, strategy in fields.items()}
        try:
            return cls(**kwargs)
        except ValidationError:  # the record's own validators refused the combination
            return draw(st.nothing())

    return build()


def strategy_for(
    hint: Any, overrides: Mapping[str, st.SearchStrategy[Any]] = types.MappingProxyType({})
) -> st.SearchStrategy[Any]:
    """Every value of the type ``hint`` (hostile ones included: any text, any date)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    found: st.SearchStrategy[Any]
    if origin in (types.UnionType, typing.Union):
        found = st.one_of([strategy_for(a, overrides) for a in args])
    elif origin is typing.Literal:
        found = st.sampled_from(args)
    elif origin in (list, tuple, Sequence, Iterable) and args:
        found = st.lists(strategy_for(args[0], overrides), max_size=5)
        if origin is tuple:
            found = found.map(tuple)
    elif origin in (dict, Mapping) and args:
        found = st.dictionaries(strategy_for(args[0], overrides), strategy_for(args[1], overrides))
    elif hint == typing.IO[bytes] or origin is typing.BinaryIO or hint is typing.BinaryIO:
        found = binary_files
    else:
        found = _plain(hint, overrides)
    return found


def _zip_bytes(entries: list[tuple[str, bytes]]) -> bytes:
    """A real zip archive of ``entries`` (deflated), built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


#: Open binary files: arbitrary bytes, bytes that start like a zip, and real small zips.
binary_files: st.SearchStrategy[Any] = st.one_of(
    st.binary(max_size=2048),
    st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(["[Content_Types].xml", "mimetype", "word/document.xml"]),
                st.from_regex(r"[A-Za-z0-9_.]{1,20}", fullmatch=True),
            ),
            st.binary(max_size=256),
        ),
        max_size=4,
        unique_by=lambda entry: entry[0],
    ).map(_zip_bytes),
).map(io.BytesIO)


def _plain(hint: Any, overrides: Mapping[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """The strategy for a plain class ``hint``."""
    table: dict[Any, st.SearchStrategy[Any]] = {
        object: junk,
        str: unicode_text,
        bool: st.booleans(),
        int: st.integers(),
        bytes: st.binary(max_size=64),
        dt.datetime: any_datetime,
        dt.date: dates,
        dt.time: st.times(),
        dt.timedelta: st.timedeltas(),
        # Finite amounts by default; yearly_withdrawals gets NaN and infinities too
        # (FUNCTION_OVERRIDES in test_fuzz_rules.py).
        decimal.Decimal: st.decimals(allow_nan=False, allow_infinity=False),
        type(None): st.none(),
    }
    if hint in table:
        return table[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and attrs.has(hint):
        return _record(hint, overrides)
    raise TypeError(f"no fuzz strategy for {hint!r}: add one to tests/fuzz/conftest.py")


# --- the property -------------------------------------------------------------------------


def conforms(value: Any, hint: Any) -> bool:  # noqa: PLR0911 - one return per kind of type
    """Whether ``value`` is of the declared return type ``hint`` (containers checked deeply)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is None or hint is type(None):
        return value is None
    if hint is Any or hint is object:
        return True
    if origin in (types.UnionType, typing.Union):
        return any(conforms(value, a) for a in args)
    if origin is typing.Literal:
        return value in args
    if origin in (list, tuple, frozenset, set):
        if not isinstance(value, origin):
            return False
        item = args[0] if args else Any
        return all(conforms(v, item) for v in value)
    if origin in (dict, Mapping):
        return isinstance(value, Mapping) and all(
            conforms(k, args[0]) and conforms(v, args[1]) for k, v in value.items()
        )
    if hint is dt.date:  # a datetime is a date, as the calendar rules accept it
        return isinstance(value, dt.date)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


#: One call on a fuzz input that uses this much CPU time is a hang (they take milliseconds).
CALL_SECONDS = 3


def outcome(call: Callable[[], Any], *, seconds: int = CALL_SECONDS) -> tuple[str, Any]:
    """``("ok", result)`` or ``("invalid", error)``; any other exception propagates.

    The call runs under :func:`time_limit`, so a hang fails with the input and the stack.
    """
    try:
        with time_limit(seconds):
            return "ok", call()
    except ValidationError as err:
        return "invalid", err
