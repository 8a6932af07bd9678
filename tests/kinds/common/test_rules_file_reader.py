"""rules_file.py: what a hand-written rules file may hold, as read_toml and Reader read it.

Complements test_common_survivors.py (bounds of Reader, nesting past strings and comments) with the
cases it leaves open: escapes inside strings, nesting that closes and reopens, inline tables, lines
counted after a string further down the file, decimals kept exact, and the exact edges of precision,
of 64-bit integers and of the list of unknown keys."""
from decimal import Decimal as D

import pytest
from generator.errors import UsageError
from generator.kinds.common.rules_file import Reader, read_toml

DEEP8 = "[" * 8 + "1" + "]" * 8  # MAX_DEPTH arrays inside each other: allowed
DEEP9 = "[" * 9 + "1" + "]" * 9  # one more: refused


def toml(tmp_path, text: str | bytes):
    path = tmp_path / "规则.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_toml(path)


def toml_fault(tmp_path, text: str | bytes) -> str:
    with pytest.raises(UsageError) as caught:
        toml(tmp_path, text)
    return str(caught.value).replace(f"规则文件 {tmp_path / '规则.toml'}", "FILE")


def reader_fault(call) -> str:
    with pytest.raises(UsageError) as caught:
        call()
    return str(caught.value).removeprefix("规则文件 规则.toml：")


# --- read_toml: brackets inside strings, whatever escapes the string holds --------------------------

@pytest.mark.parametrize("text, value", [
    # a tab escape before the brackets: the string goes on after the backslash and its letter
    ('basis = "第1\\t列[[[[[[[[[["\n', "第1\t列[[[[[[[[[["),
    # an escaped backslash, then brackets, then the closing quote
    ('basis = "C:\\\\目录[[[[[[[[[["\n', "C:\\目录[[[[[[[[[["),
    # a literal string on a later line, brackets and all
    ("name = \"x\"\nbasis = '[[[[[[[[[['\n", "[[[[[[[[[["),
])
def test_brackets_after_an_escape_inside_a_string_are_text(tmp_path, text, value):
    assert toml(tmp_path, text)["basis"] == value


# --- read_toml: how deep a value nests, counted as the file is written ------------------------------

@pytest.mark.parametrize("text, line", [
    # [[1], DEEP8]: the first inner array closes, the outer one is still open, so DEEP8 beside it is 9 deep
    (f"w = [[1], {DEEP8}]\n", 1),
    # an inline table is a level like an array: 7 arrays, the table, then [1] inside it is the 9th
    (f"w = {'[' * 7}{{X = [1]}}{']' * 7}\n", 1),
    # a string on line 2 holds no line break, so the DEEP9 after it is still on line 3
    (f'x = 1\nname = "a"\nw = {DEEP9}\n', 3),
    # a comment on line 2 ends at its line break; the DEEP9 on line 3 is found there
    (f"x = 1 # 说明 [\n# 又一行 ]]]]\nw = {DEEP9}\n", 3),
])
def test_nesting_past_nine_levels_is_found_on_its_line(tmp_path, text, line):
    assert toml_fault(tmp_path, text) == f"FILE 第 {line} 行（键 w）：数组或表嵌套超过 8 层"


@pytest.mark.parametrize("text, data", [
    # letters are neither brackets nor quotes, whatever they are
    (f"X = 1\nw = {DEEP8}\n", {"X": 1, "w": eval(DEEP8)}),
    (f"XY = 'a'\nw = {DEEP8}\n", {"XY": "a", "w": eval(DEEP8)}),
    # seven arrays and an inline table: eight levels, allowed
    (f"w = {'[' * 7}{{X = 1}}{']' * 7}\n", {"w": eval("[" * 7 + "{'X': 1}" + "]" * 7)}),
])
def test_eight_levels_with_tables_and_capital_letters_are_read(tmp_path, text, data):
    assert toml(tmp_path, text) == data


# --- read_toml: decimals are read exactly, as Decimal (never through float) -------------------------

def test_a_decimal_is_read_exactly_as_typed(tmp_path):
    got = toml(tmp_path, "limit = 0.1\nstep = 2.50\ncount = 3\n")
    # 0.1 as a float is 0.1000000000000000055…: a Decimal equal to the typed text is what is wanted
    assert got == {"limit": D("0.1"), "step": D("2.50"), "count": 3}
    assert [type(v) for v in got.values()] == [D, D, int]


# --- read_toml: not UTF-8 -----------------------------------------------------------------------------

def test_a_file_not_in_utf8_is_named_so(tmp_path):
    # a rules file saved as GBK: "名称" in GBK is not UTF-8
    message = toml_fault(tmp_path, 'name = "名称"\n'.encode("gbk"))
    assert message.startswith("FILE 不是有效的 TOML：不是 UTF-8 文本（第 ") and message.endswith(" 字节）")


# --- Reader.keys: at most five unknown keys are named -------------------------------------------------

def test_six_unknown_keys_name_five_and_say_there_are_more():
    six = {k: 1 for k in "fedcba"}
    assert reader_fault(lambda: Reader("规则.toml").keys(six, {"weight"}, "performance")) == (
        "performance 有未知的键 a、b、c、d、e等；可用：weight")


# --- Reader.number: integers around 64 bits, and trailing zeros ---------------------------------------

@pytest.mark.parametrize("value, message", [
    # −2⁶³ still fits 64 bits: read as a number, refused for being below 0
    (-2 ** 63, "应为非负数，实际为 -9223372036854775808"),
    # −2⁶⁴ does not: refused unread, with the range it should be in
    (-2 ** 64, "应在 0 到 1000000 之间，实际为 -18446744073709551616"),
    (2 ** 63, "应在 0 到 1000000 之间，实际为 9223372036854775808"),
])
def test_a_huge_integer_is_refused_with_what_was_typed(value, message):
    assert reader_fault(lambda: Reader("规则.toml").number({"limit": value}, "limit", "rule[1]")) == (
        f"rule[1].limit {message}")


def test_any_number_of_trailing_zeros_is_no_precision():
    # 1.000…0 with 32 zeros is 1: one significant digit, no decimal places
    typed = D("1." + "0" * 32)
    assert Reader("规则.toml").number({"limit": typed}, "limit", "rule[1]") == 1


def test_a_sixteenth_decimal_place_is_too_precise_even_with_a_zero_after_it():
    # 0.00000000000000010 is 1E-16: its 1 is in the 16th decimal place; the trailing 0 adds nothing
    typed = D("0.00000000000000010")
    assert reader_fault(lambda: Reader("规则.toml").number({"limit": typed}, "limit", "rule[1]")) == (
        "rule[1].limit 有效数字过多（最多 15 位），实际为 1.0E-16")


# --- read_toml: nesting too deep for the parser itself is still a usage error -----------------------

def test_nesting_hidden_from_the_scan_is_still_refused_naming_the_file(tmp_path):
    # '''a'''' is the text a' (a multi-line literal string may end in up to five quotes); the scan ends
    # the string at the first ''' and takes the fourth quote for a new string running to the line's
    # end, so the 5000 arrays after it reach the parser (see test_rules_file_bugs.py). Whatever the
    # line given, it must be a usage error naming the file and saying the nesting is too deep.
    message = toml_fault(tmp_path, "w = ['''a'''', " + "[" * 5000 + "]" * 5000 + "]\n")
    assert message.startswith("FILE") and message.endswith(("数组或表嵌套过深", "数组或表嵌套超过 8 层")), message
