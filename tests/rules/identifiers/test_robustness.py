"""Every identifier module, discovered by listing the package, survives junk input."""

import contextlib
import importlib
import pkgutil
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules import identifiers
from sportello.testing import strategies

MODULES: list[ModuleType] = [
    importlib.import_module(f"{identifiers.__name__}.{info.name}")
    for info in pkgutil.iter_modules(identifiers.__path__)
    if not info.name.startswith("_")
]

JUNK: list[Any] = [
    None,
    b"RSSMRA85T10A562S",
    12,
    3.5,
    [],
    {},
    object(),
    True,
    "",
    " ",
    "\x00",
    "\x00" * 16,
    "A" * 1_000_000,
    "٠١٢٣٤٥٦٧٨٩٠١٢٣",
    "\ud800",
    "RSSMRA85T10A562\ud800",
    "🇮🇹" * 8,
    "\u200f\u202eRSSMRA85T10A562S",
    "ß" * 16,
    "ﬁ" * 16,
    "İT001E12345678",
    "IT\u0660\u0661\u0662E12345678",
    "\N{FULLWIDTH DIGIT ZERO}" * 11,
    "-" * 40,
    "IT" + "9" * 25,
]

#: Valid samples: format(validate(x)) must give validate(x) back.
SAMPLES = {
    "codice_cliente": "000002",
    "codice_fiscale": "MRTMTTNRDLVFNLRV",
    "iban": "IT60X0542811101000000123456",
    "luoghi": "H501",
    "partita_iva": "00905811006",
    "pdr": "03340009749021",
    "pod": "IT001E12345678",
}


def test_every_module_is_listed() -> None:
    """The package lists the seven identifier modules, each with the four verbs."""
    assert sorted(m.__name__.rsplit(".", 1)[1] for m in MODULES) == sorted(SAMPLES)
    assert sorted(identifiers.__all__) == sorted(SAMPLES)
    for module in MODULES:
        for verb in ("compact", "validate", "is_valid", "format"):
            assert callable(getattr(module, verb)), (module.__name__, verb)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
@pytest.mark.parametrize("junk", JUNK, ids=lambda j: f"{type(j).__name__}:{str(j)[:12]!r}")
def test_junk_never_breaks_is_valid(module: ModuleType, junk: Any) -> None:
    """is_valid gives a bool for junk; compact and validate raise only ValidationError."""
    assert module.is_valid(junk) is False or isinstance(junk, str)
    assert isinstance(module.is_valid(junk), bool)
    for verb in (module.compact, module.validate, module.format):
        with contextlib.suppress(ValidationError):
            verb(junk)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_non_strings_raise_not_a_string(module: ModuleType) -> None:
    """compact of a non-str raises ValidationError identifiers.not_a_string, never TypeError."""
    junk: Any
    for junk in (None, b"x", 12, 3.5, []):
        with pytest.raises(ValidationError) as info:
            module.compact(junk)
        assert info.value.codes == ("identifiers.not_a_string",)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_format_of_validate_round_trips(module: ModuleType) -> None:
    """format(validate(x)) compacts back to validate(x) for a valid sample."""
    valid = module.validate(SAMPLES[module.__name__.rsplit(".", 1)[1]])
    assert module.is_valid(module.format(valid))
    assert module.compact(module.format(valid)) == valid


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
@given(text=st.text(max_size=40))
def test_random_text_never_breaks_a_module(module: ModuleType, text: str) -> None:
    """Any text gives a bool from is_valid that agrees with validate."""
    ok = module.is_valid(text)
    assert isinstance(ok, bool)
    try:
        module.validate(text)
    except ValidationError:
        assert not ok
    else:
        assert ok


VALID_STRATEGIES = {
    "codice_cliente": strategies.codici_cliente(),
    "codice_fiscale": st.one_of(strategies.codici_fiscali(), strategies.codici_fiscali_numerici()),
    "iban": strategies.iban_italiani(),
    "luoghi": st.sampled_from(["H501", "F205", "G371", "M269", "D877", "Z112", "Z135", "z 404"]),
    "partita_iva": strategies.partite_iva(),
    "pdr": strategies.pdr(),
    "pod": strategies.pod(),
}


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
@given(data=st.data())
def test_generated_values_round_trip(module: ModuleType, data: st.DataObject) -> None:
    """For generated valid values, format(validate(x)) compacts back to validate(x)."""
    value = data.draw(VALID_STRATEGIES[module.__name__.rsplit(".", 1)[1]])
    valid = module.validate(value)
    assert module.compact(module.format(valid)) == valid
    assert module.is_valid(value)
