"""Every public function of ``sportello.rules`` on hostile input: a result or ValidationError.

The targets are discovered, not listed: every public module under :mod:`sportello.rules`
(identifier modules included, found with :mod:`pkgutil`) and every function in its
``__all__``. Each argument is drawn for its declared type by ``strategy_for`` (any Unicode,
any date in the ``datetime`` range, naive and aware date-times, records built field by
field); ``object`` parameters take arbitrary junk. :data:`OVERRIDES` narrows a parameter only
where the full type would do I/O or describe a nonsense workload, each with its reason;
:data:`WRONG_TYPES` feeds wrong types to the boundary validators that take user text.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import inspect
import pkgutil
import re
import typing
from collections.abc import Callable
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sportello.rules
import sportello.rules.identifiers
from sportello import ValidationError

from .conftest import FUZZ_SETTINGS, HELPER_SETTINGS, conforms, junk, outcome, strategy_for


def _modules() -> list[ModuleType]:
    """Every public module under ``sportello.rules``, sub-packages included."""
    found = []
    for info in pkgutil.walk_packages(sportello.rules.__path__, "sportello.rules."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        if hasattr(module, "__all__"):
            found.append(module)
    return found


def _functions() -> dict[str, Callable[..., Any]]:
    """``module.function`` -> function, for every public function of every rules module."""
    found: dict[str, Callable[..., Any]] = {}
    for module in _modules():
        short = module.__name__.removeprefix("sportello.rules.")
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found[f"{short}.{name}"] = obj
    return found


FUNCTIONS = _functions()

#: Identifier modules -> their functions, all fuzzed on one shared value per example.
IDENTIFIER_MODULES: dict[str, list[str]] = {}
for _key in FUNCTIONS:
    if _key.startswith("identifiers."):
        IDENTIFIER_MODULES.setdefault(_key.rsplit(".", 1)[0], []).append(_key)

#: The validators (checks, parsers, normalisers, the calendar): EXAMPLES examples each.
_VALIDATOR = re.compile(
    r"\.(check\w*|validate|is_valid\w*|normalize\w*|parse\w*|matches|compact\w*|sniff"
    r"|plan_sends|allowed_channels|earliest_request_date)$|^calendar\."
)
VALIDATORS = sorted(k for k in FUNCTIONS if _VALIDATOR.search(k) and "identifiers." not in k)

#: The other public functions (records to rows, labels, state changes): HELPER_EXAMPLES each.
HELPERS = sorted(k for k in FUNCTIONS if k not in VALIDATORS and "identifiers." not in k)

#: Days from ``date.min`` to ``date.max``: no count of working days can be larger.
_CALENDAR_DAYS = (dt.date.max - dt.date.min).days


@st.composite
def _procedure(draw: st.DrawFn) -> Any:
    """A conciliation procedure reachable by its operations: any start day, any state.

    A ``Procedura`` refuses an inconsistent record, so drawing its fields one by one almost
    never gives one; a random walk of the operations (right or wrong, each refusal skipped)
    gives every state, from any day of the fuzz range.
    """
    from sportello.rules import conciliazione as c
    from sportello.rules.calendar import next_working_day
    from sportello.rules.meetings import FasciaIncontro

    day = draw(st.dates(dt.date(1000, 1, 1), dt.date(8999, 1, 1)))
    p = c.submit(oggi=day).procedura
    steps: list[Callable[[Any, dt.date], Any]] = [
        c.apply_deadlines,
        lambda p, d: c.request_integration(p, oggi=d),
        lambda p, d: c.integrate(p, oggi=d),
        lambda p, d: c.admit(p, oggi=d),
        lambda p, d: c.convene(
            p,
            oggi=d,
            incontro=c.Incontro(
                data=next_working_day(d + dt.timedelta(days=3)),
                fascia=FasciaIncontro.ORE_10_30,
                stanza="S",
            ),
        ),
        lambda p, d: c.postpone(p, oggi=d, richiesto_da=c.Parte.CLIENTE, motivo="m"),
        lambda p, d: c.withdraw(p, oggi=d),
        lambda p, d: c.record_outcome(
            p, oggi=d, esito=c.Esito.ACCORDO, verbale="v.pdf", firmato=True
        ),
        lambda p, d: c.archive_no_show(p, oggi=d),
        lambda p, d: c.extend(p, oggi=d, giorni=10, richiesta_da=[c.Parte.SERVIZIO]),
        lambda p, d: c.declare_inadmissible(p, oggi=d, motivi=[c.MotivoInammissibilita.FISCALE]),
    ]
    for _ in range(draw(st.integers(0, 8))):
        day += dt.timedelta(days=draw(st.integers(0, 30)))
        try:
            p = draw(st.sampled_from(steps))(p, day).procedura
        except ValidationError:
            continue
    return p


#: Parameters narrowed below their declared type, by parameter name, with the reason.
OVERRIDES: dict[str, st.SearchStrategy[Any]] = {
    # True would ask DNS about the domain: network I/O, not a pure rule.
    "check_deliverability": st.just(False),
    # The password history hashes with scrypt (deliberately slow); its own tests cover it.
    "history": st.none(),
    # A count of working days: any realistic deadline, both signs, or a count beyond the whole
    # calendar (refused at once). Counts of millions inside it are not a hang but compute the
    # holidays of thousands of years (about 1 ms a year), past the per-call guard.
    "n": st.one_of(
        st.integers(-3_000, 3_000), st.integers().filter(lambda n: abs(n) > _CALENDAR_DAYS)
    ),
    # The customer-code length is configuration: below 1 is a documented ValueError.
    "digits": st.integers(1, 10_000),
    # Contatore.cifre: mostly a valid count (1 to 15), else any int, which the record refuses
    # (readings.meter_digits_out_of_range; _record then draws again). Any int alone leaves
    # too few valid meters for check_new to be fuzzed at all.
    "cifre": st.one_of(st.integers(1, 15), st.integers()),
}

#: The whole ``datetime`` range, naive and aware (UTC+14 and UTC-12 overflow at the edges).
_EDGE_DATES = st.dates()
_EDGE_DATETIMES = st.datetimes(
    timezones=st.sampled_from(
        (
            None,
            dt.UTC,
            ZoneInfo("Europe/Rome"),
            dt.timezone(dt.timedelta(hours=14)),
            dt.timezone(dt.timedelta(hours=-12)),
        )
    )
)

#: Parameters narrowed (or widened) for one function only: ``"module.function"`` ->
#: {parameter or record field: strategy}.
FUNCTION_OVERRIDES: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    # The calendar answers for the whole datetime range: calendar.date_out_of_range at its edges.
    **{
        key: {"d": _EDGE_DATES, "a": _EDGE_DATES, "b": _EDGE_DATES, "moment": _EDGE_DATETIMES}
        for key in FUNCTIONS
        if key.startswith("calendar.")
    },
    # Naive (Rome) and aware instants mixed, over the whole range.
    "area_clienti.filter_measurements": {"istante": _EDGE_DATETIMES},
    # NaN and infinities too: refused with profile.amount_not_finite.
    "area_clienti.yearly_withdrawals": {"energia_kwh": st.decimals(), "potenza_kw": st.decimals()},
    # An aware ``now`` of any moment, the year-1 and year-9999 edges included.
    "readings.check_new": {"now": _EDGE_DATETIMES},
    # A Procedura refuses inconsistent fields: reachable procedures, from a walk of operations.
    **{
        key: {"procedura": _procedure()}
        for key, fn in FUNCTIONS.items()
        if key.startswith("conciliazione.") and "procedura" in inspect.signature(fn).parameters
    },
}

#: Boundary validators whose text parameters also get wrong types (they meet raw user input).
WRONG_TYPES: dict[str, tuple[str, ...]] = {
    "area_clienti.check_registration": ("codice_cliente", "codice_fiscale_o_piva"),
    "area_clienti.check_section_update": ("section",),
    "attachments.check_name": ("nome",),
    "attachments.compact_spcen": ("code",),
    "attachments.is_valid_spcen": ("code",),
    "profile.normalize_email": ("value",),
    "profile.normalize_phone": ("value",),
    "readings.parse_lettura": ("text",),
}


@functools.cache
def _signature_strategy(key: str) -> st.SearchStrategy[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(args, kwargs) for ``FUNCTIONS[key]``: every parameter, optional ones sometimes left out."""
    fn = FUNCTIONS[key]
    hints = typing.get_type_hints(fn)
    overrides = {**OVERRIDES, **FUNCTION_OVERRIDES.get(key, {})}
    positional: list[st.SearchStrategy[Any]] = []
    keywords: dict[str, st.SearchStrategy[Any]] = {}
    optional: set[str] = set()
    for param in inspect.signature(fn).parameters.values():
        if param.name in overrides:
            strategy = overrides[param.name]
        else:
            strategy = strategy_for(hints[param.name], overrides)
        if param.name in WRONG_TYPES.get(key, ()):
            strategy = st.one_of(strategy, junk)
        if param.kind is param.KEYWORD_ONLY:
            keywords[param.name] = strategy
            if param.default is not param.empty:
                optional.add(param.name)
        else:
            positional.append(strategy)

    @st.composite
    def build(draw: st.DrawFn) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args = tuple(draw(s) for s in positional)
        kwargs = {
            name: draw(s)
            for name, s in keywords.items()
            if name not in optional or draw(st.booleans())
        }
        return args, kwargs

    return build()


@functools.cache
def _returns(key: str) -> Any:
    """The declared return type of ``FUNCTIONS[key]``."""
    return typing.get_type_hints(FUNCTIONS[key])["return"]


@functools.cache
def _first_takes_anything(key: str) -> bool:
    """Whether the first parameter of ``FUNCTIONS[key]`` is declared ``object`` (none: no)."""
    first = next(iter(inspect.signature(FUNCTIONS[key]).parameters), None)
    return first is not None and typing.get_type_hints(FUNCTIONS[key])[first] is object


def test_targets_are_discovered() -> None:
    """Discovery finds the identifier modules and the rules named in issue 7 (none skipped)."""
    expected = {
        "identifiers.codice_fiscale.parse",
        "identifiers.codice_fiscale.matches",
        "identifiers.iban.validate",
        "identifiers.pod.is_valid",
        "password.check",
        "password.validate",
        "attachments.check",
        "attachments.check_name",
        "attachments.check_content",
        "attachments.sniff",
        "attachments.plan_sends",
        "calendar.add_working_days",
        "meetings.check_availability",
        "smart_help.check_request",
        "smart_help.check_eligibility",
        "smart_help.earliest_request_date",
        "channels.allowed_channels",
        "channels.check_channel",
        "readings.parse_lettura",
        "readings.check_new",
        "profile.check_update",
        "profile.normalize_phone",
        "profile.normalize_email",
        "area_clienti.check_registration",
        "billing.check_account_update",
        "supply.check_punto",
    }
    assert expected <= set(FUNCTIONS), sorted(expected - set(FUNCTIONS))
    assert set(FUNCTION_OVERRIDES) | set(WRONG_TYPES) <= set(FUNCTIONS)
    assert sorted(IDENTIFIER_MODULES) == [
        f"identifiers.{name}" for name in sorted(sportello.rules.identifiers.__all__)
    ]
    assert set(VALIDATORS) | set(HELPERS) | {k for m in IDENTIFIER_MODULES.values() for k in m} == (
        set(FUNCTIONS)
    )


def _check(key: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """The property: ``FUNCTIONS[key]`` returns its declared type or raises ValidationError."""
    status, value = outcome(lambda: FUNCTIONS[key](*args, **kwargs))
    if status == "ok":
        assert conforms(value, _returns(key)), f"{key} returned {value!r}, not {_returns(key)}"
    else:
        assert isinstance(value, ValidationError)


@pytest.mark.parametrize("module", IDENTIFIER_MODULES)
@FUZZ_SETTINGS
@given(value=junk, data=st.data())
def test_identifier_module_survives_hostile_input(
    module: str, value: object, data: st.DataObject
) -> None:
    """Every function of an identifier module on one junk value: a result or ValidationError."""
    for key in IDENTIFIER_MODULES[module]:
        args, kwargs = data.draw(_signature_strategy(key), label=f"{key} arguments")
        if _first_takes_anything(key):  # the public verbs take ``value: object``
            args = (value, *args[1:])
        _check(key, args, kwargs)


@pytest.mark.parametrize("key", VALIDATORS)
@FUZZ_SETTINGS
@given(data=st.data())
def test_validator_survives_hostile_input(key: str, data: st.DataObject) -> None:
    """A rule validator returns its declared type or raises ValidationError, whatever it gets."""
    args, kwargs = data.draw(_signature_strategy(key), label="args, kwargs")
    _check(key, args, kwargs)


@pytest.mark.parametrize("key", HELPERS)
@HELPER_SETTINGS
@given(data=st.data())
def test_helper_survives_hostile_input(key: str, data: st.DataObject) -> None:
    """A rule helper returns its declared type or raises ValidationError, whatever it gets."""
    args, kwargs = data.draw(_signature_strategy(key), label="args, kwargs")
    _check(key, args, kwargs)
