"""Enums: every string enum of rules, forms and client is a StrEnum, so str() is the value."""

import enum
import importlib
import json
import pkgutil

import pytest

import sportello

_FLOORS = ("sportello.rules", "sportello.forms", "sportello.client")


def _enums() -> list[type[enum.Enum]]:
    """Every enum class defined under the three floors, found by walking the packages."""
    found: dict[str, type[enum.Enum]] = {}
    for info in pkgutil.walk_packages(sportello.__path__, "sportello."):
        if not info.name.startswith(_FLOORS):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__ == info.name
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


ENUMS = _enums()
STRING_ENUMS = [e for e in ENUMS if all(isinstance(m.value, str) for m in e)]


def test_the_walk_finds_the_enums() -> None:
    """The discovery is not silently empty: it finds TipoAllegato and the IntEnum Giorno."""
    names = {e.__name__ for e in ENUMS}
    assert {"TipoAllegato", "StatoPratica", "Sesso", "Giorno"} <= names
    assert len(STRING_ENUMS) >= 20


@pytest.mark.parametrize("cls", STRING_ENUMS, ids=lambda c: c.__qualname__)
def test_string_enums_are_str_enums(cls: type[enum.Enum]) -> None:
    """str(), format() and json.dumps() of a member give the portal's value; repr is unchanged."""
    assert issubclass(cls, enum.StrEnum)
    for member in cls:
        assert str(member) == member.value
        assert f"{member}" == member.value
        assert json.dumps(member) == json.dumps(member.value)
        assert repr(member) == f"<{cls.__name__}.{member.name}: {member.value!r}>"


def test_labels_are_unchanged() -> None:
    """A member's label is still its Italian label, not its value."""
    from sportello.forms import TipoAllegato
    from sportello.rules.smart_help import TipoCliente

    assert str(TipoAllegato.RECLAMO) == "reclamo"
    assert TipoAllegato.RECLAMO.label == "copia del reclamo"
    assert TipoCliente.DOMESTICO.label_en == "domestic customer"


def test_int_enums_stay_int_enums() -> None:
    """meetings.Giorno keeps its integer values (IntEnum)."""
    from sportello.rules.meetings import Giorno

    assert issubclass(Giorno, enum.IntEnum)
    assert not issubclass(Giorno, str)


def test_forms_dump_plain_strings_and_load_members() -> None:
    """forms.dump writes plain str values; forms.load takes a member as well as its value."""
    from sportello import forms

    record = forms.load(forms.AllegatoDichiarato, {"tipo": "reclamo", "nome": "reclamo.pdf"})
    dumped = forms.dump(record)
    assert type(dumped["tipo"]) is str
    assert dumped["tipo"] == "reclamo"
    again = forms.load(forms.AllegatoDichiarato, {**dumped, "tipo": forms.TipoAllegato.RECLAMO})
    assert again == record
