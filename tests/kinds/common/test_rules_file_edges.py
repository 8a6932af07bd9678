"""rules_file.py: where a broken rules file's fault is, counted as a user counts."""
import pytest
from generator.errors import UsageError
from generator.kinds.common.rules_file import read_toml


# --- the byte that is not UTF-8 is counted from 1, as lines and columns are (第 2 行第 10 列) ----------
# (UnicodeDecodeError.start is a 0-based offset; it was printed as is: 第 8 字节 for the 9th byte)


@pytest.mark.parametrize("body, nth", [
    ('name = "名称"\n'.encode("gbk"), 9),  # 'name = "' is 8 bytes; GBK 名 starts at the 9th
    ("名称 = 1\n".encode("gbk"), 1),
])
def test_the_byte_not_utf8_is_numbered_from_one(tmp_path, body, nth):
    path = tmp_path / "规则.toml"
    path.write_bytes(body)
    with pytest.raises(UsageError) as caught:
        read_toml(path)
    assert str(caught.value) == f"规则文件 {path} 不是有效的 TOML：不是 UTF-8 文本（第 {nth} 字节）"


# --- a multi-line string closed by four or five quotes does not hide the rest of its line -------------
# TOML lets a multi-line string end in up to five quotes ('''a'''' is a'), the last one or two being
# text. The nesting scan once ended the string at the first three and took a fourth for a new string
# running to the end of the line: 9 levels after it were read without the "嵌套超过 8 层" refusal.

@pytest.mark.parametrize("levels", [9, 5000])
@pytest.mark.parametrize("string", ["'''a''''", '"""a""""', "'''a'''''", "'''a'''"])
def test_nesting_after_a_string_closed_by_extra_quotes_is_found(tmp_path, string, levels):
    path = tmp_path / "规则.toml"
    path.write_text(f"w = [{string}, " + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "]\n", "utf-8")
    with pytest.raises(UsageError) as caught:
        read_toml(path)
    assert str(caught.value) == f"规则文件 {path} 第 1 行（键 w）：数组或表嵌套超过 8 层"


def read(tmp_path, text: str):
    path = tmp_path / "规则.toml"
    path.write_text(text, "utf-8")
    return read_toml(path)


@pytest.mark.parametrize("text, value", [
    ("w = ['''a'''', [1]]\n", {"w": ["a'", [1]]}),  # the fourth quote is text, and the line goes on
    ("d = '''a'''", {"d": "a"}),  # a file ending right after the closing quotes, without a newline
    # the inner array closes right after the fourth quote: back to the table's level, so b may go 7 deep
    ("t = {a = [[[[[[['''x'''']]]]]]], b = [[[[[[[1]]]]]]]}\n", {"t": {"a": [[[[[[["x'"]]]]]]], "b": [[[[[[[1]]]]]]]}}),
])
def test_a_multi_line_string_with_extra_closing_quotes_is_read(tmp_path, text, value):
    assert read(tmp_path, text) == value


def test_six_quotes_are_not_a_closed_string_but_a_toml_error(tmp_path):
    # at most five quotes close a multi-line string; the sixth opens another, so the brackets after it
    # are inside a string and tomllib finds the array never closed
    with pytest.raises(UsageError) as caught:
        read(tmp_path, "w = ['''a'''''', [[[[[[[[[1]]]]]]]]]\n")
    assert str(caught.value).endswith("不是有效的 TOML：第 1 行第 15 列：Unclosed array")
