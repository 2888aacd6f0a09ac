"""``check_name``'s one-pass path for plain names agrees with its checks one by one."""

from hypothesis import given
from hypothesis import strategies as st

from sportello.rules import attachments as mod

#: Characters each check looks for, and plain ones: a name is likely to mix both.
_SPECIAL = st.sampled_from(
    ["/", "\\", ".", " ", "\x00", "\n", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "à"]
)
_NAMES = st.text(st.one_of(_SPECIAL, st.characters()), max_size=80) | st.sampled_from(
    ["x" * 63, "x" * 64, "é" * 63, "😀" * 63, "😀" * 64, " . ", " .. ", "\u2028"]
)


@given(_NAMES)
def test_plain_path_agrees_with_every_check(nome: str) -> None:
    """check_name gives exactly what the checks one by one give, plain name or not."""
    assert mod.check_name(nome, path="nome") == mod._name_problems(nome, "nome")


def test_plain_name_takes_the_one_pass_path() -> None:
    """An ordinary file name is matched by the one-pass pattern (nothing else is asked)."""
    assert mod._PLAIN.fullmatch("Bolletta marzo 2026.pdf")
    assert not mod._PLAIN.fullmatch("a/b.pdf")
