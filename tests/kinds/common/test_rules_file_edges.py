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
