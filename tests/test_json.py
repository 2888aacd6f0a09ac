"""The safe JSON decoder shared by the sandbox and the CLI: limits on both sides, one violation."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello._json import MAX_DEPTH, MAX_NUMBER_CHARS, loads


def _code(document: str | bytes, **limits: int) -> str:
    with pytest.raises(ValidationError) as caught:
        loads(document, **limits)
    assert len(caught.value.violations) == 1
    return caught.value.violations[0].code


def test_depth_limit_is_inclusive() -> None:
    """64 levels of nesting load; 65 are api.json_too_deep, arrays and objects alike."""
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert _code("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == "api.json_too_deep"
    deep_objects = '{"a":' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)
    assert _code(deep_objects) == "api.json_too_deep"
    mixed = '[{"a":' * 33 + "1" + "}]" * 33  # 66 levels
    assert _code(mixed) == "api.json_too_deep"


def test_brackets_inside_strings_do_not_count() -> None:
    """A string full of brackets (escaped quotes included) is not nesting."""
    text = json.dumps({"a": '[[[{{{\\"[[[' * 100})
    assert loads(text) == json.loads(text)


def test_a_hundred_thousand_levels_are_refused_without_recursion() -> None:
    """100,000 open brackets give the violation, not RecursionError."""
    assert _code("[" * 100_000) == "api.json_too_deep"
    assert _code(b"{" * 100_000) == "api.json_too_deep"


def test_number_length_limit_is_inclusive() -> None:
    """A 100-character number loads; 101 characters are api.json_number_too_long."""
    assert loads("9" * MAX_NUMBER_CHARS) == int("9" * MAX_NUMBER_CHARS)
    assert _code("9" * (MAX_NUMBER_CHARS + 1)) == "api.json_number_too_long"
    assert _code("-" + "9" * MAX_NUMBER_CHARS) == "api.json_number_too_long"
    assert _code("0." + "1" * MAX_NUMBER_CHARS) == "api.json_number_too_long"
    assert _code("[" + "9" * 5000 + "]") == "api.json_number_too_long"


def test_limits_can_be_given() -> None:
    """max_depth and max_number_chars are per call."""
    assert _code("[[1]]", max_depth=1) == "api.json_too_deep"
    assert loads("[[1]]", max_depth=2) == [[1]]
    assert _code("123", max_number_chars=2) == "api.json_number_too_long"


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e400", "[-1e309]"])
def test_non_finite_numbers_are_refused(text: str) -> None:
    """NaN, Infinity and floats past the double range are api.json_number_out_of_range."""
    assert _code(text) == "api.json_number_out_of_range"


def test_lone_surrogates_are_refused_and_pairs_kept() -> None:
    """A lone surrogate escape (value, key, nested) is refused; a real pair is one character."""
    assert loads('"\\ud83d\\ude00"') == "\U0001f600"
    for text in ('"\\ud800"', '{"\\udfff": 1}', '[1, ["x\\uDBFFy"]]', '"\\ude00\\ud83d"'):
        assert _code(text) == "api.json_lone_surrogate", text
    with pytest.raises(ValidationError) as caught:
        loads('["\\ud800"]')
    assert caught.value.violations[0].params["codice"] == "D800"


def test_duplicate_keys_are_refused_at_any_depth() -> None:
    """The same key twice in one object is refused; the same key in two objects is fine."""
    assert loads('[{"a": 1}, {"a": 2}]') == [{"a": 1}, {"a": 2}]
    assert _code('{"a": {"b": 1, "b": 1}}') == "api.json_duplicate_key"
    with pytest.raises(ValidationError) as caught:
        loads('{"' + "k" * 500 + '": 1, "' + "k" * 500 + '": 2}')
    shown = caught.value.violations[0].params["chiave"]
    assert len(shown) == 61
    assert shown.endswith("…")


def test_a_duplicate_lone_surrogate_key_is_quoted_as_an_escape() -> None:
    """The key quoted back in the violation is always encodable as UTF-8."""
    with pytest.raises(ValidationError) as caught:
        loads('{"\\ud800": 1, "\\ud800": 2}')
    violation = caught.value.violations[0]
    assert violation.params["chiave"] == "\\ud800"
    violation.message().encode("utf-8")


def test_syntax_and_encoding_errors_carry_their_position() -> None:
    """Bad JSON and bad UTF-8 are api.invalid_json with line and column."""
    with pytest.raises(ValidationError) as caught:
        loads('{\n  "a": ,\n}')
    params = caught.value.violations[0].params
    assert (caught.value.codes, params["line"], params["column"]) == (("api.invalid_json",), 2, 8)
    with pytest.raises(ValidationError) as caught:
        loads(b'{"a":\n "\xff"}')
    params = caught.value.violations[0].params
    assert (params["line"], params["column"], params["reason"]) == (2, 3, "not UTF-8")
    assert _code(b"") == "api.invalid_json"


def test_a_utf8_byte_order_mark_is_ignored() -> None:
    """A leading UTF-8 BOM is allowed (RFC 8259); UTF-16 is not UTF-8."""
    assert loads(b"\xef\xbb\xbf[1]") == [1]
    assert _code('{"a": 1}'.encode("utf-16")) == "api.invalid_json"


_JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_JSON_VALUES)
def test_every_ordinary_document_decodes_as_the_standard_decoder_does(value: Any) -> None:
    """Within the limits, loads(dumps(x)) == json.loads(dumps(x)) (text and bytes)."""
    text = json.dumps(value)
    assert loads(text) == json.loads(text)
    assert loads(text.encode("utf-8")) == json.loads(text)
